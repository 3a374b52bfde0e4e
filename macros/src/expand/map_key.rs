//! `MapKey`, for types that can be JSON object keys.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{repr_write, skipped_arm};
use super::{self_access, tri, ErrPath, Params};
use crate::ast::{Data, Style};
use crate::key::quoted;

/// `MapKey` for unit-only enums (their name, or their discriminant with `repr`) and for
/// newtypes over a key type.
pub(super) fn map_key(p: &Params<'_>) -> Option<TokenStream> {
    let cont = p.cont;
    let private = &p.private;
    let ident = cont.ident;
    let mut generics = cont.generics.clone();
    let body = match &cont.data {
        Data::Enum(variants) => {
            if cont.written_repr.is_some() {
                repr_write(p, variants, true)
            } else {
                let external = !cont.attrs.tag.is_set() && !cont.attrs.untagged.is_set();
                let all_unit = variants.iter().all(|v| {
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
                        if let Some(arm) = skipped_arm(p, v) {
                            arm
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
