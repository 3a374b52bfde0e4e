//! Structs: objects, arrays, newtypes, unit structs and `transparent` wrappers.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::members::{emit_list, named_members, tag_member, tuple_members, Member};
use super::value::write_value;
use super::{self_access, tri, ErrPath, Params};
use crate::ast::{Data, Style};

/// The body of `write_json` for a struct.
pub(super) fn write_json_body(p: &Params<'_>) -> TokenStream {
    let private = &p.private;
    let cont = p.cont;
    let Data::Struct(style, fields) = &cont.data else {
        unreachable!("called for structs");
    };
    if cont.attrs.transparent.is_set() {
        return transparent_body(p);
    }
    match style {
        Style::Unit => quote!(#private::Writer::write_null(__w);),
        Style::Newtype => tri(
            p,
            write_value(p, &fields[0], &self_access(p, &fields[0]), ""),
            &ErrPath::None,
        ),
        Style::Tuple => emit_list(
            p,
            &tuple_members(fields, &|_, f| self_access(p, f)),
            ('[', ']'),
            ("", ""),
        ),
        Style::Struct => {
            let mut members = Vec::new();
            if let Some(tag) = cont.attrs.tag.get() {
                members.push(tag_member(tag, &cont.name()));
            }
            members.extend(named_members(fields, &|_, f| self_access(p, f)));
            if members.first().map_or(true, Member::always) {
                emit_list(p, &members, ('{', '}'), ("", ""))
            } else {
                // Optional members lead: reuse the flatten writer (every member with a
                // leading comma) and turn the first comma into the brace.
                let call = quote!(#private::FlattenFields::write_fields(self, __w));
                let call = tri(p, call, &ErrPath::None);
                quote! {
                    let __start = #private::Writer::position(__w);
                    #call
                    #private::Writer::close_list(__w, __start, b'{', b'}');
                }
            }
        }
    }
}

/// For a wrapper of one field written as that field's value (a newtype or a
/// `transparent` struct, the shape of code lists and ids), a `write_json_prefixed` that
/// hands the prefix on, so `,"mtype":` and the wrapped integer are written with one
/// capacity check; and small enough to inline into the parent's writer.
pub(super) fn forwarded_prefix(p: &Params<'_>) -> Option<TokenStream> {
    let cont = p.cont;
    if cont.attrs.into.is_set() {
        return None;
    }
    let field = cont.wrapped_field()?;
    if field.attrs.has_custom_writer() || field.is_phantom() {
        return None;
    }
    let private = &p.private;
    let ty = field.ty;
    let access = self_access(p, field);
    let call = quote_spanned! {ty.span()=>
        <#ty as #private::PooledSerialize>::write_json_prefixed(#access, __prefix, __w)
    };
    Some(quote! {
        #[inline]
        fn write_json_prefixed(
            &self,
            __prefix: &str,
            __w: &mut #private::Writer,
        ) -> ::core::result::Result<(), #private::Error> {
            #call
        }
    })
}

fn transparent_body(p: &Params<'_>) -> TokenStream {
    match p.cont.wrapped_field() {
        Some(field) => tri(
            p,
            write_value(p, field, &self_access(p, field), ""),
            &ErrPath::None,
        ),
        None => TokenStream::new(),
    }
}
