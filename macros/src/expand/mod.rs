//! Code generation: the `PooledSerialize` impl, plus `FlattenFields` (so the type can be
//! `#[serde(flatten)]`ed into another derived type at compile time) and `MapKey` where the
//! type can be a JSON object key. Split by concern: `value` writes one field, `members`
//! objects and arrays of them, `structs` and `enums` the two kinds of containers,
//! `flatten` the `FlattenFields` impl, `map_key` the `MapKey` impl.
//!
//! Shape of the output: keys are escaped here and fused with the
//! punctuation before them into one literal per field (`,"impid":`), which is handed to
//! `write_json_prefixed` so string leaves write prefix and value with one capacity check.
//! When the first member is always written, every comma is static. When optional members
//! lead, every member writes a leading comma and `Writer::close_list` turns the first one
//! into the opening brace afterwards.

mod enums;
mod flatten;
mod map_key;
mod members;
mod structs;
mod value;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ast::{Container, Data, Field};
use crate::ctxt::Ctxt;
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
pub(super) struct Params<'a> {
    pub cont: &'a Container<'a>,
    /// `::pooled_serialize::__private`, or `<crate>::__private`.
    pub private: TokenStream,
    /// The key that encloses the members being written (an externally tagged variant's
    /// name, an adjacently tagged enum's content key): added to error paths.
    pub outer: Option<String>,
}

/// Whether an error from a member gets a path segment.
pub(super) enum ErrPath {
    Field(String),
    Index(usize),
    None,
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
    let body = match (&cont.attrs.into.get(), &cont.data) {
        (Some(into), _) => into_body(&p, into),
        (None, Data::Struct(..)) => structs::write_json_body(&p),
        (None, Data::Enum(variants)) => enums::write_json_body(&p, variants),
    };
    let flatten_impl = flatten::flatten_impl_tokens(&p, &generics);
    let map_key_impl = map_key::map_key(&p);
    let forwarded = structs::forwarded_prefix(&p);
    let inline = forwarded.as_ref().map(|_| quote!(#[inline]));
    quote! {
        #[doc(hidden)]
        #[allow(
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

/// `#[serde(into = "Type")]`: clone, convert, write the `Type`.
fn into_body(p: &Params<'_>, into: &syn::Type) -> TokenStream {
    let private = &p.private;
    let call = quote! {
        {
            let __v: #into = ::core::convert::Into::into(::core::clone::Clone::clone(self));
            #private::PooledSerialize::write_json(&__v, __w)
        }
    };
    tri(p, call, &ErrPath::None)
}

pub(super) fn raw(p: &Params<'_>, text: &str) -> TokenStream {
    if text.is_empty() {
        return TokenStream::new();
    }
    let private = &p.private;
    quote!(#private::Writer::write_raw(__w, #text);)
}

/// `if let Err(e) = expr { return Err(e with its path) }`.
pub(super) fn tri(p: &Params<'_>, expr: TokenStream, err: &ErrPath) -> TokenStream {
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

/// `&self.field`, or for a `#[repr(packed)]` type a reference to a copy (a packed field
/// cannot be borrowed in place), as serde does.
pub(super) fn self_access(p: &Params<'_>, field: &Field<'_>) -> TokenStream {
    let member = &field.member;
    if p.cont.packed {
        quote!(&{ self.#member })
    } else {
        quote!(&self.#member)
    }
}

pub(super) fn binding(index: usize) -> syn::Ident {
    format_ident!("__f{}", index)
}

pub(super) fn binding_access(index: usize, _: &Field<'_>) -> TokenStream {
    let ident = binding(index);
    quote!(#ident)
}
