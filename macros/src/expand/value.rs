//! One field's value: through its `PooledSerialize` impl, a user's writer, or serde.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::{raw, Params};
use crate::ast::Field;

/// An expression writing `prefix` and then the field's value, of type `Result<(), Error>`.
pub(super) fn write_value(
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
pub(super) fn serde_call(field: &Field<'_>, access: &TokenStream) -> Option<TokenStream> {
    let s = quote!(__s);
    if let Some(path) = field.attrs.serialize_with.get() {
        Some(quote_spanned!(path.span()=> #path(#access, #s)))
    } else {
        let module = field.attrs.with.get()?;
        Some(quote_spanned!(module.span()=> #module::serialize(#access, #s)))
    }
}

/// The skip condition of a field (decided in the AST), if it has one.
pub(super) fn skip_condition(field: &Field<'_>, access: &TokenStream) -> Option<TokenStream> {
    let ty = field.ty;
    let mut conditions = Vec::new();
    if let Some(path) = field.attrs.skip_serializing_if.get() {
        conditions.push(quote_spanned!(path.span()=> #path(#access)));
    } else if field.skip_if_none {
        conditions.push(quote!(::core::option::Option::is_none(#access)));
    }
    if field.skip_if_default {
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
