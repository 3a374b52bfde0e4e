//! Implementation detail of the `pooled-serialize` crate: `#[derive(PooledSerialize)]`.

use proc_macro::TokenStream;

/// Derives `PooledSerialize`; documented on the facade crate.
#[proc_macro_derive(PooledSerialize, attributes(pooled, serde))]
pub fn derive_pooled_serialize(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    syn::Error::new_spanned(&input.ident, "derive(PooledSerialize) is being built")
        .to_compile_error()
        .into()
}
