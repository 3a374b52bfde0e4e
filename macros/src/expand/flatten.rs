//! The `FlattenFields` impl, and the call that writes a flattened field.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::enums::{enum_body, repr_of, Repr};
use super::members::{emit_members, named_members, tag_member, Member};
use super::value::serde_call;
use super::{self_access, tri, ErrPath, Params};
use crate::ast::{Container, Data, Field, Style, Variant};

/// Writes the members of a flattened field.
pub(super) fn flatten_call(
    p: &Params<'_>,
    access: &TokenStream,
    field: &Field<'_>,
    tagged: Option<&str>,
) -> TokenStream {
    let private = &p.private;
    if let Some(call) = serde_call(field, access) {
        return quote!(#private::write_flattened_with_serde(__w, |__s| #call));
    }
    // The method is spanned at the field's type, so a type that is neither an object nor
    // a map is reported there; the `use` stays at the call site (one of the two imports
    // is always unused).
    let ty = field.ty;
    let call = match tagged {
        Some(variant) => {
            let method = quote_spanned!(ty.span()=> write_tagged);
            quote!(#method(__w, #variant))
        }
        None => {
            let method = quote_spanned!(ty.span()=> write_flattened);
            quote!(#method(__w))
        }
    };
    quote! {
        {
            #[allow(unused_imports)]
            use #private::{FlattenViaFields as _, FlattenViaMap as _};
            (&#private::Flatten(#access)).#call
        }
    }
}

/// The `FlattenFields` impl's methods and the extra where-predicates it needs, for types
/// that are written as a JSON object.
struct FlattenImpl {
    /// The body of `write_fields`.
    body: TokenStream,
    /// A wrapper forwards `write_tagged_fields` too, so a wrapped `Option` is still
    /// refused as an internally tagged variant's content.
    forward_tagged: Option<TokenStream>,
    extra: Vec<syn::WherePredicate>,
}

fn flatten_impl(p: &Params<'_>) -> Option<FlattenImpl> {
    let cont = p.cont;
    let private = &p.private;
    if cont.attrs.into.is_set() || cont.attrs.repr.is_set() {
        return None;
    }
    // `for<'__f>` keeps a bound on a concrete type from being rejected as trivially false:
    // the impl then simply does not exist.
    if let Some(field) = cont.wrapped_field() {
        if field.attrs.has_custom_writer() {
            return None;
        }
        let ty = field.ty;
        let access = self_access(p, field);
        return Some(FlattenImpl {
            body: tri(
                p,
                quote!(#private::FlattenFields::write_fields(#access, __w)),
                &ErrPath::None,
            ),
            forward_tagged: Some(
                quote!(#private::FlattenFields::write_tagged_fields(#access, __w, __variant)),
            ),
            extra: vec![syn::parse_quote!(for<'__f> #ty: #private::FlattenFields)],
        });
    }
    match &cont.data {
        Data::Struct(style, fields) => match style {
            Style::Unit => Some(FlattenImpl {
                body: TokenStream::new(),
                forward_tagged: None,
                extra: Vec::new(),
            }),
            Style::Struct if !cont.attrs.transparent.is_set() => {
                let mut members = Vec::new();
                if let Some(tag) = cont.attrs.tag.get() {
                    members.push(tag_member(tag, &cont.name()));
                }
                members.extend(named_members(fields, &|_, f| self_access(p, f)));
                // When optional members lead, `write_json` is written through this
                // method and needs the members here; otherwise the object that
                // `write_json` writes, minus its braces, is the members.
                let body = if members.first().map_or(true, Member::always) {
                    object_as_fields(p)
                } else {
                    emit_members(p, &members, None, "")
                };
                Some(FlattenImpl {
                    body,
                    forward_tagged: None,
                    extra: Vec::new(),
                })
            }
            _ => None,
        },
        Data::Enum(variants) => {
            // An untagged newtype variant is flattened as its inner value: the impl exists
            // only when every such inner type can be flattened.
            let extra = variants
                .iter()
                .filter(|v| {
                    !v.attrs.skip.is_set()
                        && v.attrs.serde_writer().is_none()
                        && v.written_style == Style::Newtype
                        && !v.fields[0].attrs.has_custom_writer()
                        && matches!(repr_of(cont, v), Repr::Untagged)
                })
                .map(|v| {
                    let ty = v.fields[0].ty;
                    syn::parse_quote!(for<'__f> #ty: #private::FlattenFields)
                })
                .collect();
            let body = if variants.iter().all(|v| writes_object(cont, v)) {
                object_as_fields(p)
            } else {
                enum_body(p, variants, true)
            };
            Some(FlattenImpl {
                body,
                forward_tagged: None,
                extra,
            })
        }
    }
}

/// `write_fields` through `write_json`, for a type whose `write_json` always writes an
/// object whose members are what serde's flattening writes.
fn object_as_fields(p: &Params<'_>) -> TokenStream {
    let private = &p.private;
    tri(
        p,
        quote!(#private::FlattenFields::write_object_as_fields(self, __w)),
        &ErrPath::None,
    )
}

/// Whether the variant is written as an object whose members are what serde writes when
/// the enum is flattened. Not so for an externally tagged unit variant (`"A"`, flattened
/// `"A":null`) nor for untagged variants (`null` or the bare content).
fn writes_object(cont: &Container<'_>, variant: &Variant<'_>) -> bool {
    if variant.skip_error.is_some() {
        // An error either way.
        return true;
    }
    match repr_of(cont, variant) {
        Repr::Internal(_) | Repr::Adjacent(..) => true,
        Repr::External => {
            variant.attrs.serde_writer().is_some() || variant.written_style != Style::Unit
        }
        Repr::Untagged => false,
    }
}

/// The `FlattenFields` impl, when the type is written as a JSON object; `generics` are
/// the `PooledSerialize` impl's.
pub(super) fn flatten_impl_tokens(p: &Params<'_>, generics: &syn::Generics) -> Option<TokenStream> {
    let flat = flatten_impl(p)?;
    let private = &p.private;
    let ident = p.cont.ident;
    let mut generics = generics.clone();
    if !flat.extra.is_empty() {
        generics.make_where_clause().predicates.extend(flat.extra);
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let body = flat.body;
    let forward_tagged = flat.forward_tagged.map(|call| {
        quote! {
            #[inline]
            fn write_tagged_fields(
                &self,
                __w: &mut #private::Writer,
                __variant: &'static str,
            ) -> ::core::result::Result<(), #private::Error> {
                #call
            }
        }
    });
    Some(quote! {
        #[automatically_derived]
        impl #impl_generics #private::FlattenFields for #ident #ty_generics #where_clause {
            fn write_fields(
                &self,
                __w: &mut #private::Writer,
            ) -> ::core::result::Result<(), #private::Error> {
                #body
                ::core::result::Result::Ok(())
            }
            #forward_tagged
        }
    })
}
