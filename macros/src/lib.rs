//! Implementation detail of the `pooled-serialize` crate: `#[derive(PooledSerialize)]`.
//!
//! The pipeline follows thiserror and serde_derive: `attr` turns `#[serde(...)]` and
//! `#[pooled(...)]` into typed values, `ast` shapes the input, `valid` checks rules that
//! span several attributes, `expand` writes the impl; errors from every stage are
//! collected in a `Ctxt` and reported together, with a stub impl from `fallback`.

mod ast;
mod attr;
mod bound;
mod case;
mod ctxt;
mod expand;
mod fallback;
mod key;
mod symbol;
mod valid;

use proc_macro::TokenStream;

/// Derives `PooledSerialize`: a specialized JSON writer that produces exactly the bytes
/// `serde_json` would, honouring serde's attributes. Documented on the facade crate
/// (`pooled_serialize`), including the attribute table.
#[proc_macro_derive(PooledSerialize, attributes(pooled, serde))]
pub fn derive_pooled_serialize(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
