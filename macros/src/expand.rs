//! Code generation: the `PooledSerialize` impl, plus `FlattenFields` (so the type can be
//! `#[serde(flatten)]`ed into another derived type at compile time) and `MapKey` where the
//! type can be a JSON object key.
//!
//! Shape of the output (see PERF-NOTES.md): keys are escaped here and fused with the
//! punctuation before them into one literal per field (`,"impid":`), which is handed to
//! `write_json_prefixed` so string leaves write prefix and value with one capacity check.
//! When the first member is always written, every comma is static. When optional members
//! lead, every member writes a leading comma and `Writer::close_list` turns the first one
//! into the opening brace afterwards.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::{last_segment_is, Container, Data, Field, Style, Variant};
use crate::ctxt::Ctxt;
use crate::key::quoted;
use crate::{bound, fallback, valid};

pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    match try_expand(input) {
        Ok(tokens) => tokens,
        // Expand to a stub impl anyway, so that one bad attribute does not also cause
        // "PooledSerialize is not implemented" wherever the type is used.
        Err(error) => fallback::expand(input, error),
    }
}

fn try_expand(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    if let Some(cont) = &cont {
        valid::check(&cx, cont);
    }
    cx.check()?;
    let cont = cont.expect("no container without an error");
    if cont.attrs.remote.is_set() {
        return Ok(TokenStream::new());
    }
    Ok(impl_container(&cont))
}

/// What every piece of codegen needs.
struct Params<'a> {
    cont: &'a Container<'a>,
    /// `::pooled_serialize::__private`, or `<crate>::__private`.
    private: TokenStream,
    /// The key that encloses the members being written (an externally tagged variant's
    /// name, an adjacently tagged enum's content key): added to error paths.
    outer: Option<String>,
}

/// How an enum writes its variants.
#[derive(Clone, Copy)]
enum Repr<'a> {
    External,
    Internal(&'a str),
    Adjacent(&'a str, &'a str),
    Untagged,
}

/// Whether an error from a member gets a path segment.
enum ErrPath {
    Field(String),
    Index(usize),
    None,
}

enum Kind<'a> {
    /// Trusted JSON text, always written (a tag and its value).
    Raw(String),
    Value {
        /// Quoted key and colon, or empty for array elements.
        key: String,
        err: ErrPath,
        access: TokenStream,
        field: &'a Field<'a>,
    },
    /// Members of another value, each with a leading comma.
    Flatten {
        access: TokenStream,
        field: &'a Field<'a>,
        /// `Enum::Variant` for the content of an internally tagged newtype variant,
        /// where serde refuses an `Option`.
        tagged: Option<String>,
    },
}

/// One member of an object or element of an array.
struct Member<'a> {
    kind: Kind<'a>,
    /// Skip the member when this expression is true.
    skip_if: Option<TokenStream>,
}

impl Member<'_> {
    fn always(&self) -> bool {
        self.skip_if.is_none() && !matches!(self.kind, Kind::Flatten { .. })
    }
}

fn impl_container(cont: &Container<'_>) -> TokenStream {
    let private = match cont.attrs.crate_path.get() {
        Some(path) => quote!(#path::__private),
        None => quote!(::pooled_serialize::__private),
    };
    let p = Params {
        cont,
        private,
        outer: None,
    };
    let private = &p.private;
    let ident = cont.ident;
    let generics = bound::with_bounds(cont, private);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let body = write_json_body(&p);
    let flatten_impl = flatten_impl(&p).map(|flat| {
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
        quote! {
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
        }
    });
    let map_key_impl = map_key(&p);
    let forwarded = forwarded_prefix(&p);
    let inline = forwarded.as_ref().map(|_| quote!(#[inline]));
    quote! {
        #[doc(hidden)]
        #[allow(
            non_upper_case_globals,
            non_camel_case_types,
            unused_attributes,
            unused_qualifications,
            unused_variables,
            unreachable_code,
            deprecated,
            clippy::absolute_paths,
            clippy::needless_borrow,
            clippy::needless_return,
        )]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::PooledSerialize for #ident #ty_generics #where_clause {
                #inline
                fn write_json(
                    &self,
                    __w: &mut #private::Writer,
                ) -> ::core::result::Result<(), #private::Error> {
                    #body
                    ::core::result::Result::Ok(())
                }
                #forwarded
            }
            #flatten_impl
            #map_key_impl
        };
    }
}

fn raw(p: &Params<'_>, text: &str) -> TokenStream {
    if text.is_empty() {
        return TokenStream::new();
    }
    let private = &p.private;
    quote!(#private::Writer::write_raw(__w, #text);)
}

/// `if let Err(e) = expr { return Err(e with its path) }`.
fn tri(p: &Params<'_>, expr: TokenStream, err: &ErrPath) -> TokenStream {
    let private = &p.private;
    let mapped = match err {
        ErrPath::Field(name) => quote!(#private::Error::in_field(__e, #name)),
        ErrPath::Index(index) => {
            let index = Literal::usize_unsuffixed(*index);
            quote!(#private::Error::at_index(__e, #index))
        }
        ErrPath::None => quote!(__e),
    };
    let mapped = match &p.outer {
        Some(outer) => quote!(#private::Error::in_field(#mapped, #outer)),
        None => mapped,
    };
    quote! {
        if let ::core::result::Result::Err(__e) = #expr {
            return ::core::result::Result::Err(#mapped);
        }
    }
}

/// An expression writing `prefix` and then the field's value, of type `Result<(), Error>`.
fn write_value(
    p: &Params<'_>,
    field: &Field<'_>,
    access: &TokenStream,
    prefix: &str,
) -> TokenStream {
    let private = &p.private;
    let attrs = &field.attrs;
    let prefix_write = raw(p, prefix);
    // Generated locals keep the call-site span: spanned at a path that came from a
    // `macro_rules!` argument, they would not resolve to the binding.
    let w = quote!(__w);
    let s = quote!(__s);
    if let Some(path) = attrs.write_with.get() {
        quote_spanned! {path.span()=>
            {
                #prefix_write
                #path(#access, #w)
            }
        }
    } else if let Some(call) = serde_call(field, access) {
        quote! {
            {
                #prefix_write
                #private::write_with_serde(#w, |#s| #call)
            }
        }
    } else if field.is_phantom() || field.is_empty_array() {
        // serde writes `PhantomData` as a unit struct (`null`) and `[T; 0]` as `[]`,
        // whatever the parameter.
        let text = format!("{prefix}{}", if field.is_phantom() { "null" } else { "[]" });
        quote!({
            #private::Writer::write_raw(__w, #text);
            ::core::result::Result::<(), #private::Error>::Ok(())
        })
    } else {
        // Named through the field's type and spanned at it, so a type without an impl is
        // reported at the field.
        let ty = field.ty;
        if prefix.is_empty() {
            quote_spanned!(ty.span()=> <#ty as #private::PooledSerialize>::write_json(#access, #w))
        } else {
            quote_spanned! {ty.span()=>
                <#ty as #private::PooledSerialize>::write_json_prefixed(#access, #prefix, #w)
            }
        }
    }
}

/// `path(access, __s)` for serde's `serialize_with = "path"` or `with = "module"`.
fn serde_call(field: &Field<'_>, access: &TokenStream) -> Option<TokenStream> {
    let s = quote!(__s);
    if let Some(path) = field.attrs.serialize_with.get() {
        Some(quote_spanned!(path.span()=> #path(#access, #s)))
    } else {
        let module = field.attrs.with.get()?;
        Some(quote_spanned!(module.span()=> #module::serialize(#access, #s)))
    }
}

/// Members written one after the other. The first gets `first_prefix` (when it is always
/// written) and every other one a leading comma; `tail` follows the last. Consecutive
/// always-written literals are fused into one write.
fn emit_members(
    p: &Params<'_>,
    members: &[Member<'_>],
    first_prefix: Option<&str>,
    tail: &str,
) -> TokenStream {
    let mut out = TokenStream::new();
    let mut pending = String::new();
    for (index, member) in members.iter().enumerate() {
        let lead = match (index, first_prefix) {
            (0, Some(prefix)) => prefix,
            _ => ",",
        };
        let stmt = match &member.kind {
            Kind::Raw(text) => {
                pending.push_str(lead);
                pending.push_str(text);
                continue;
            }
            Kind::Value {
                key,
                err,
                access,
                field,
            } => {
                let own = format!("{lead}{key}");
                if member.skip_if.is_none() {
                    let prefix = std::mem::take(&mut pending) + &own;
                    tri(p, write_value(p, field, access, &prefix), err)
                } else {
                    out.extend(raw(p, &std::mem::take(&mut pending)));
                    tri(p, write_value(p, field, access, &own), err)
                }
            }
            Kind::Flatten {
                access,
                field,
                tagged,
            } => {
                out.extend(raw(p, &std::mem::take(&mut pending)));
                tri(p, flatten_call(p, access, field, tagged.as_deref()), &ErrPath::None)
            }
        };
        match &member.skip_if {
            Some(cond) => out.extend(quote!(if !(#cond) { #stmt })),
            None => out.extend(stmt),
        }
    }
    pending.push_str(tail);
    out.extend(raw(p, &pending));
    out
}

/// Writes the members of a flattened field.
fn flatten_call(
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

/// An object (`{`/`}`) or array (`[`/`]`) of `members`, between `outer_open` and
/// `outer_close`.
fn emit_list(
    p: &Params<'_>,
    members: &[Member<'_>],
    brackets: (char, char),
    outer: (&str, &str),
) -> TokenStream {
    let private = &p.private;
    let (open, close) = brackets;
    let (outer_open, outer_close) = outer;
    match members.first() {
        None => raw(p, &format!("{outer_open}{open}{close}{outer_close}")),
        Some(first) if first.always() => emit_members(
            p,
            members,
            Some(&format!("{outer_open}{open}")),
            &format!("{close}{outer_close}"),
        ),
        Some(_) => {
            let before = raw(p, outer_open);
            let list = emit_members(p, members, None, "");
            let after = raw(p, outer_close);
            let open = Literal::u8_suffixed(open as u8);
            let close = Literal::u8_suffixed(close as u8);
            quote! {
                #before
                let __start = #private::Writer::position(__w);
                #list
                #private::Writer::close_list(__w, __start, #open, #close);
                #after
            }
        }
    }
}

/// The skip condition of a field, if it has one.
fn skip_condition(p: &Params<'_>, field: &Field<'_>, access: &TokenStream) -> Option<TokenStream> {
    let cont_attrs = &p.cont.attrs;
    let ty = field.ty;
    let mut conditions = Vec::new();
    if let Some(path) = field.attrs.skip_serializing_if.get() {
        conditions.push(quote_spanned!(path.span()=> #path(#access)));
    } else if cont_attrs.skip_serializing_none.is_set()
        && !field.attrs.flatten.is_set()
        && last_segment_is(ty, "Option")
    {
        conditions.push(quote!(::core::option::Option::is_none(#access)));
    }
    if field.attrs.skip_serializing_default.is_set()
        || (cont_attrs.skip_serializing_default.is_set() && !field.attrs.flatten.is_set())
    {
        conditions.push(quote_spanned! {ty.span()=>
            ::core::cmp::PartialEq::eq(#access, &<#ty as ::core::default::Default>::default())
        });
    }
    if conditions.is_empty() {
        None
    } else {
        Some(quote!(#(#conditions)||*))
    }
}

/// Members for named fields; `access(i, field)` is an expression of type `&FieldType`.
fn named_members<'a>(
    p: &Params<'_>,
    fields: &'a [Field<'a>],
    access: &dyn Fn(usize, &Field<'_>) -> TokenStream,
) -> Vec<Member<'a>> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.skipped())
        .map(|(i, field)| {
            let access = access(i, field);
            let skip_if = skip_condition(p, field, &access);
            let kind = if field.attrs.flatten.is_set() {
                Kind::Flatten {
                    access,
                    field,
                    tagged: None,
                }
            } else {
                Kind::Value {
                    key: format!("{}:", quoted(&field.name)),
                    err: ErrPath::Field(field.name.clone()),
                    access,
                    field,
                }
            };
            Member { kind, skip_if }
        })
        .collect()
}

/// Elements for unnamed fields.
fn tuple_members<'a>(
    p: &Params<'_>,
    fields: &'a [Field<'a>],
    access: &dyn Fn(usize, &Field<'_>) -> TokenStream,
) -> Vec<Member<'a>> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.skipped())
        .enumerate()
        .map(|(position, (i, field))| {
            let access = access(i, field);
            Member {
                skip_if: skip_condition(p, field, &access),
                kind: Kind::Value {
                    key: String::new(),
                    err: ErrPath::Index(position),
                    access,
                    field,
                },
            }
        })
        .collect()
}

/// `&self.field`, or for a `#[repr(packed)]` type a reference to a copy (a packed field
/// cannot be borrowed in place), as serde does.
fn self_access(p: &Params<'_>, field: &Field<'_>) -> TokenStream {
    let member = &field.member;
    if p.cont.packed {
        quote!(&{ self.#member })
    } else {
        quote!(&self.#member)
    }
}

fn binding(index: usize) -> syn::Ident {
    format_ident!("__f{}", index)
}

fn binding_access(index: usize, _: &Field<'_>) -> TokenStream {
    let ident = binding(index);
    quote!(#ident)
}

fn tag_member(tag: &str, name: &str) -> Member<'static> {
    Member {
        kind: Kind::Raw(format!("{}:{}", quoted(tag), quoted(name))),
        skip_if: None,
    }
}

fn write_json_body(p: &Params<'_>) -> TokenStream {
    let private = &p.private;
    let cont = p.cont;
    if let Some(into) = cont.attrs.into.get() {
        let call = quote! {
            {
                let __v: #into = ::core::convert::Into::into(::core::clone::Clone::clone(self));
                #private::PooledSerialize::write_json(&__v, __w)
            }
        };
        return tri(p, call, &ErrPath::None);
    }
    match &cont.data {
        Data::Struct(style, fields) => {
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
                    &tuple_members(p, fields, &|_, f| self_access(p, f)),
                    ('[', ']'),
                    ("", ""),
                ),
                Style::Struct => {
                    let mut members = Vec::new();
                    if let Some(tag) = cont.attrs.tag.get() {
                        members.push(tag_member(tag, &cont.name()));
                    }
                    members.extend(named_members(p, fields, &|_, f| self_access(p, f)));
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
        Data::Enum(variants) => {
            // Only with `#[pooled(repr)]`: a plain `#[repr(u8)]` enum is written by name,
            // as serde does.
            if let (Some(int), true) = (&cont.repr_int, cont.attrs.repr.is_set()) {
                let value = repr_value(cont, variants, int);
                return quote! {
                    let __v: #int = #value;
                    #private::Writer::write_int(__w, __v);
                };
            }
            enum_body(p, variants, false)
        }
    }
}

/// For a wrapper of one field written as that field's value (a newtype or a
/// `transparent` struct, the shape of code lists and ids), a `write_json_prefixed` that
/// hands the prefix on, so `,"mtype":` and the wrapped integer are written with one
/// capacity check; and small enough to inline into the parent's writer.
fn forwarded_prefix(p: &Params<'_>) -> Option<TokenStream> {
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

/// `match self { Self::A => Self::A as u8, .. }`: the discriminant without `Copy` or `unsafe`.
fn repr_value(cont: &Container<'_>, variants: &[Variant<'_>], int: &syn::Ident) -> TokenStream {
    if variants.is_empty() {
        return quote!(match *self {});
    }
    let ident = cont.ident;
    let arms = variants.iter().map(|v| {
        let variant = v.ident;
        quote!(#ident::#variant => #ident::#variant as #int,)
    });
    quote!(match self { #(#arms)* })
}

fn repr_of<'a>(cont: &'a Container<'_>, variant: &Variant<'_>) -> Repr<'a> {
    if variant.attrs.untagged.is_set() || cont.attrs.untagged.is_set() {
        return Repr::Untagged;
    }
    match (cont.attrs.tag.get(), cont.attrs.content.get()) {
        (Some(tag), Some(content)) => Repr::Adjacent(tag, content),
        (Some(tag), None) => Repr::Internal(tag),
        _ => Repr::External,
    }
}

/// The `match self { .. }` of an enum, for `write_json` or (with `flat`) `write_fields`.
fn enum_body(p: &Params<'_>, variants: &[Variant<'_>], flat: bool) -> TokenStream {
    if variants.is_empty() {
        return quote!(match *self {});
    }
    let private = &p.private;
    let cont_ident = p.cont.ident;
    let arms = variants.iter().map(|variant| {
        let ident = variant.ident;
        if variant.attrs.skip.is_set() {
            let message = format!(
                "the enum variant {}::{} cannot be serialized",
                cont_ident, ident
            );
            return quote! {
                Self::#ident { .. } => {
                    return ::core::result::Result::Err(#private::Error::custom(#message));
                }
            };
        }
        let style = variant.written_style;
        let bindings = (0..variant.fields.len()).map(binding);
        let pattern = match variant.style {
            Style::Unit => quote!(Self::#ident),
            Style::Newtype | Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
            Style::Struct => {
                let members = variant.fields.iter().map(|f| &f.member);
                quote!(Self::#ident { #(#members: #bindings),* })
            }
        };
        let body = variant_body(p, variant, style, flat);
        quote!(#pattern => { #body })
    });
    quote! {
        match self {
            #(#arms)*
        }
    }
}

/// A variant written by serde's `serialize_with` / `with` function, which takes every
/// field by reference: its output takes the place of the variant's content.
fn variant_with_body(p: &Params<'_>, variant: &Variant<'_>, path: &syn::ExprPath, flat: bool) -> TokenStream {
    let private = &p.private;
    let s = quote!(__s);
    let bindings = (0..variant.fields.len()).map(binding);
    let path = if variant.attrs.with.is_set() {
        quote!(#path::serialize)
    } else {
        quote!(#path)
    };
    let call = quote_spanned!(path.span()=> #path(#(#bindings,)* #s));
    let value = quote!(#private::write_with_serde(__w, |#s| #call));
    let members = quote!(#private::write_flattened_with_serde(__w, |#s| #call));
    let name = quoted(&variant.name);
    let (open, close) = if flat { (",", "") } else { ("{", "}") };
    let (before, content, err) = match repr_of(p.cont, variant) {
        Repr::External => (format!("{open}{name}:"), value, ErrPath::Field(variant.name.clone())),
        Repr::Internal(tag) => (format!("{open}{}:{name}", quoted(tag)), members, ErrPath::None),
        Repr::Adjacent(tag, content) => (
            format!("{open}{}:{name},{}:", quoted(tag), quoted(content)),
            value,
            ErrPath::Field(content.to_owned()),
        ),
        Repr::Untagged if flat => (String::new(), members, ErrPath::None),
        Repr::Untagged => return tri(p, value, &ErrPath::None),
    };
    let before = raw(p, &before);
    let content = tri(p, content, &err);
    let after = raw(p, close);
    quote!(#before #content #after)
}

fn variant_body(p: &Params<'_>, variant: &Variant<'_>, style: Style, flat: bool) -> TokenStream {
    if let Some(path) = variant.attrs.serde_writer() {
        return variant_with_body(p, variant, path, flat);
    }
    let private = &p.private;
    let name = quoted(&variant.name);
    let fields = &variant.fields;
    let members = |p: &Params<'_>| match style {
        Style::Struct => named_members(p, fields, &binding_access),
        _ => tuple_members(p, fields, &binding_access),
    };
    let brackets = if style == Style::Struct {
        ('{', '}')
    } else {
        ('[', ']')
    };
    // `{` outside the object, or `,` when the members are merged into another object.
    let open = if flat { "," } else { "{" };
    let close = if flat { "" } else { "}" };
    let newtype = |prefix: &str, err: ErrPath, close: &str| {
        let value = write_value(p, &fields[0], &binding_access(0, &fields[0]), prefix);
        let value = tri(p, value, &err);
        let close = raw(p, close);
        quote!(#value #close)
    };
    let enclosed = |outer: &str| Params {
        cont: p.cont,
        private: p.private.clone(),
        outer: Some(outer.to_owned()),
    };
    match repr_of(p.cont, variant) {
        Repr::External => {
            let outer = format!("{open}{name}:");
            match style {
                Style::Unit if flat => raw(p, &format!("{outer}null")),
                Style::Unit => raw(p, &name),
                Style::Newtype => newtype(&outer, ErrPath::Field(variant.name.clone()), close),
                Style::Tuple | Style::Struct => {
                    let p = &enclosed(&variant.name);
                    emit_list(p, &members(p), brackets, (&outer, close))
                }
            }
        }
        Repr::Internal(tag) => {
            let mut all = vec![tag_member(tag, &variant.name)];
            match style {
                Style::Unit => {}
                Style::Newtype => all.push(Member {
                    kind: Kind::Flatten {
                        access: binding_access(0, &fields[0]),
                        field: &fields[0],
                        tagged: Some(format!("{}::{}", p.cont.ident, variant.ident)),
                    },
                    skip_if: None,
                }),
                Style::Struct => all.extend(members(p)),
                // Rejected in valid.rs.
                Style::Tuple => return quote!(::core::unreachable!();),
            }
            let first = if flat { None } else { Some("{") };
            emit_members(p, &all, first, close)
        }
        Repr::Adjacent(tag, content) => {
            let tag_text = format!("{open}{}:{name}", quoted(tag));
            let outer = format!("{tag_text},{}:", quoted(content));
            match style {
                Style::Unit => raw(p, &format!("{tag_text}{close}")),
                Style::Newtype => newtype(&outer, ErrPath::Field(content.to_owned()), close),
                Style::Tuple | Style::Struct => {
                    let p = &enclosed(content);
                    emit_list(p, &members(p), brackets, (&outer, close))
                }
            }
        }
        Repr::Untagged => match (style, flat) {
            (Style::Unit, false) => quote!(#private::Writer::write_null(__w);),
            (Style::Unit, true) => TokenStream::new(),
            (Style::Newtype, false) => newtype("", ErrPath::None, ""),
            (Style::Newtype, true) => {
                let all = [Member {
                    kind: Kind::Flatten {
                        access: binding_access(0, &fields[0]),
                        field: &fields[0],
                        tagged: None,
                    },
                    skip_if: None,
                }];
                emit_members(p, &all, None, "")
            }
            (Style::Tuple, true) => quote! {
                return ::core::result::Result::Err(#private::Error::custom(
                    "can only flatten structs and maps (got a tuple)",
                ));
            },
            (Style::Struct, true) => emit_members(p, &members(p), None, ""),
            (_, false) => emit_list(p, &members(p), brackets, ("", "")),
        },
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
                members.extend(named_members(p, fields, &|_, f| self_access(p, f)));
                Some(FlattenImpl {
                    body: emit_members(p, &members, None, ""),
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
            Some(FlattenImpl {
                body: enum_body(p, variants, true),
                forward_tagged: None,
                extra,
            })
        }
    }
}

/// `MapKey` for unit-only enums (their name, or their discriminant with `repr`) and for
/// newtypes over a key type.
fn map_key(p: &Params<'_>) -> Option<TokenStream> {
    let cont = p.cont;
    let private = &p.private;
    let ident = cont.ident;
    let mut generics = cont.generics.clone();
    let body = match &cont.data {
        Data::Enum(variants) => {
            if let (Some(int), true) = (&cont.repr_int, cont.attrs.repr.is_set()) {
                let value = repr_value(cont, variants, int);
                quote! {
                    let __v: #int = #value;
                    #private::Writer::write_raw(__w, "\"");
                    #private::Writer::write_int(__w, __v);
                    #private::Writer::write_raw(__w, "\"");
                }
            } else {
                let external = !cont.attrs.tag.is_set() && !cont.attrs.untagged.is_set();
                let all_unit = variants
                    .iter()
                    .all(|v| {
                        v.style == Style::Unit
                            && !v.attrs.untagged.is_set()
                            && v.attrs.serde_writer().is_none()
                    });
                if !external || !all_unit || cont.attrs.into.is_set() {
                    return None;
                }
                if variants.is_empty() {
                    quote!(match *self {})
                } else {
                    let arms = variants.iter().map(|v| {
                        let variant = v.ident;
                        if v.attrs.skip.is_set() {
                            let message = format!("the enum variant {}::{} cannot be serialized", ident, variant);
                            quote!(Self::#variant => {
                                return ::core::result::Result::Err(#private::Error::custom(#message));
                            })
                        } else {
                            let text = quoted(&v.name);
                            quote!(Self::#variant => #private::Writer::write_raw(__w, #text),)
                        }
                    });
                    quote!(match self { #(#arms)* })
                }
            }
        }
        Data::Struct(..) => {
            let field = cont.wrapped_field()?;
            if field.skipped() || field.attrs.has_custom_writer() || cont.attrs.into.is_set() {
                return None;
            }
            let ty = field.ty;
            let access = self_access(p, field);
            generics
                .make_where_clause()
                .predicates
                .push(syn::parse_quote!(for<'__k> #ty: #private::MapKey));
            tri(
                p,
                quote!(#private::MapKey::write_key(#access, __w)),
                &ErrPath::None,
            )
        }
    };
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Some(quote! {
        #[automatically_derived]
        impl #impl_generics #private::MapKey for #ident #ty_generics #where_clause {
            fn write_key(
                &self,
                __w: &mut #private::Writer,
            ) -> ::core::result::Result<(), #private::Error> {
                #body
                ::core::result::Result::Ok(())
            }
        }
    })
}
