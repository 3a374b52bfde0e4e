//! Where-clauses for the generated impls: `T: PooledSerialize` for each type parameter that
//! a written field mentions (as serde infers them), or the user's `#[pooled(bound = "...")]`.

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, ToTokens};

use crate::ast::{Container, Data, Field, Style};

/// The type parameters of `generics` that occur in `ty` (not counting `PhantomData<..>`,
/// which is written the same whatever its parameter).
pub fn mentioned_params(ty: &syn::Type, params: &[&syn::Ident]) -> Vec<syn::Ident> {
    let mut found = Vec::new();
    walk(ty.to_token_stream(), params, &mut found);
    found
}

fn walk(tokens: TokenStream, params: &[&syn::Ident], found: &mut Vec<syn::Ident>) {
    let mut iter = tokens.into_iter().peekable();
    let mut after_colons = false;
    while let Some(tt) = iter.next() {
        match tt {
            TokenTree::Group(group) => {
                walk(group.stream(), params, found);
                after_colons = false;
            }
            TokenTree::Ident(ident) => {
                if ident == "PhantomData" {
                    skip_angle_brackets(&mut iter);
                } else if !after_colons
                    && params.iter().any(|p| **p == ident)
                    && !found.contains(&ident)
                {
                    found.push(ident);
                }
                after_colons = false;
            }
            TokenTree::Punct(punct) => {
                // `a::T` names an item, not the parameter `T`.
                after_colons = punct.as_char() == ':';
            }
            TokenTree::Literal(_) => after_colons = false,
        }
    }
}

fn skip_angle_brackets(iter: &mut std::iter::Peekable<proc_macro2::token_stream::IntoIter>) {
    let is_open = matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '<');
    if !is_open {
        return;
    }
    let mut depth = 0usize;
    for tt in iter.by_ref() {
        if let TokenTree::Punct(p) = &tt {
            match p.as_char() {
                '<' => depth += 1,
                '>' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

/// The generics of the `PooledSerialize` (and `FlattenFields`) impl, with bounds added.
pub fn with_bounds(cont: &Container<'_>, private: &TokenStream) -> syn::Generics {
    let mut generics = cont.generics.clone();
    if let Some(predicates) = cont.attrs.bound.get() {
        generics
            .make_where_clause()
            .predicates
            .extend(predicates.iter().cloned());
        return generics;
    }
    if cont.attrs.into.is_set() || cont.attrs.repr.is_set() {
        return generics;
    }
    let params: Vec<&syn::Ident> = cont.generics.type_params().map(|p| &p.ident).collect();
    if params.is_empty() {
        // Field-level bounds still apply to a non-generic type.
        let extra: Vec<syn::WherePredicate> = all_written_fields(cont)
            .filter_map(|(_, f)| f.attrs.bound.get())
            .flatten()
            .cloned()
            .collect();
        if !extra.is_empty() {
            generics.make_where_clause().predicates.extend(extra);
        }
        return generics;
    }
    let mut bounded: Vec<syn::Ident> = Vec::new();
    let mut predicates: Vec<TokenStream> = Vec::new();
    let default_everywhere = cont.attrs.skip_serializing_default.is_set();
    for (needs_flatten, field) in all_written_fields(cont) {
        if let Some(bound) = field.attrs.bound.get() {
            predicates.extend(bound.iter().map(ToTokens::to_token_stream));
            continue;
        }
        let mentioned = mentioned_params(field.ty, &params);
        if mentioned.is_empty() {
            continue;
        }
        let ty = field.ty;
        if field.attrs.skip_serializing_default.is_set() || default_everywhere {
            predicates.push(quote!(#ty: ::core::default::Default + ::core::cmp::PartialEq));
        }
        if field.attrs.has_custom_writer() {
            continue;
        }
        if needs_flatten || field.attrs.flatten.is_set() {
            predicates.push(quote!(#ty: #private::FlattenFields));
        } else {
            for param in mentioned {
                if !bounded.contains(&param) {
                    bounded.push(param);
                }
            }
        }
    }
    for param in bounded {
        predicates.push(quote!(#param: #private::PooledSerialize));
    }
    if !predicates.is_empty() {
        let where_clause = generics.make_where_clause();
        for predicate in predicates {
            where_clause
                .predicates
                .push(syn::parse2(predicate).expect("generated predicate parses"));
        }
    }
    generics
}

/// Every field that gets written, with whether it is written as flattened members
/// (the newtype of an internally tagged variant).
fn all_written_fields<'b, 'a>(
    cont: &'b Container<'a>,
) -> Box<dyn Iterator<Item = (bool, &'b Field<'a>)> + 'b> {
    match &cont.data {
        Data::Struct(_, fields) => {
            Box::new(fields.iter().filter(|f| !f.skipped()).map(|f| (false, f)))
        }
        Data::Enum(variants) => {
            let internally_tagged = cont.attrs.tag.is_set() && !cont.attrs.content.is_set();
            Box::new(
                variants
                    .iter()
                    .filter(|v| !v.attrs.skip.is_set())
                    .flat_map(move |v| {
                        let flat = internally_tagged
                            && !v.attrs.untagged.is_set()
                            && v.style == Style::Newtype;
                        v.fields
                            .iter()
                            .filter(|f| !f.skipped())
                            .map(move |f| (flat, f))
                    }),
            )
        }
    }
}
