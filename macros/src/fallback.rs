//! What is emitted when the input has errors: the errors, plus a stub impl so that uses of
//! the type do not fail a second time with "PooledSerialize is not implemented".

use proc_macro2::TokenStream;
use quote::quote;

use crate::symbol::{CRATE, POOLED};

pub fn expand(input: &syn::DeriveInput, error: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let private = crate_path(input);
    let error = error.into_compile_error();
    quote! {
        #error
        #[doc(hidden)]
        #[allow(unused_qualifications, unreachable_code, deprecated)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::PooledSerialize for #ident #ty_generics #where_clause {
                fn write_json(
                    &self,
                    _: &mut #private::Writer,
                ) -> ::core::result::Result<(), #private::Error> {
                    ::core::unreachable!()
                }
            }
        };
    }
}

/// `#[pooled(crate = "...")]` read leniently: the attributes may be the very thing that
/// failed to parse.
fn crate_path(input: &syn::DeriveInput) -> TokenStream {
    let mut path: Option<syn::Path> = None;
    for attr in input.attrs.iter().filter(|a| a.path() == POOLED) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path == CRATE {
                if meta.input.peek(syn::Token![=]) {
                    let lit: syn::LitStr = meta.value()?.parse()?;
                    path = lit.parse().ok();
                } else {
                    path = Some(syn::parse_quote!(crate));
                }
            }
            Ok(())
        });
    }
    match path {
        Some(path) => quote!(#path::__private),
        None => quote!(::pooled_serialize::__private),
    }
}
