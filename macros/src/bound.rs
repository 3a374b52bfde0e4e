//! Where-clauses for the generated impls, inferred as serde's bound.rs does: for each
//! written field, `T: PooledSerialize` for each type parameter `T` it names (a map's key
//! parameter gets `K: MapKey`), `T::Assoc: PooledSerialize` for a field of an associated
//! type; or the user's `#[pooled(bound = "...")]`, else serde's `#[serde(bound = "...")]`
//! with its `Serialize` read as `PooledSerialize`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{is_empty_array, Container, Data, Field, Style};
use crate::attr::Attr;

/// The type parameters a field type needs bounded.
#[derive(Default)]
struct Mentioned {
    /// Parameters written as values.
    values: Vec<syn::Ident>,
    /// Parameters written as map keys.
    keys: Vec<syn::Ident>,
}

impl Mentioned {
    fn of(ty: &syn::Type, params: &[&syn::Ident]) -> Self {
        let mut found = Mentioned::default();
        found.visit_type(ty, params);
        found
    }

    fn is_empty(&self) -> bool {
        self.values.is_empty() && self.keys.is_empty()
    }

    fn visit_type(&mut self, ty: &syn::Type, params: &[&syn::Ident]) {
        match ty {
            syn::Type::Array(_) if is_empty_array(ty) => {}
            syn::Type::Array(ty) => self.visit_type(&ty.elem, params),
            syn::Type::Group(ty) => self.visit_type(&ty.elem, params),
            syn::Type::Paren(ty) => self.visit_type(&ty.elem, params),
            syn::Type::Ptr(ty) => self.visit_type(&ty.elem, params),
            syn::Type::Reference(ty) => self.visit_type(&ty.elem, params),
            syn::Type::Slice(ty) => self.visit_type(&ty.elem, params),
            syn::Type::Tuple(ty) => {
                for elem in &ty.elems {
                    self.visit_type(elem, params);
                }
            }
            syn::Type::Path(ty) => {
                if let Some(qself) = &ty.qself {
                    self.visit_type(&qself.ty, params);
                }
                self.visit_path(&ty.path, params);
            }
            // A macro's expansion is unknown, and serde adds no bound for it either.
            _ => {}
        }
    }

    fn visit_path(&mut self, path: &syn::Path, params: &[&syn::Ident]) {
        let Some(last) = path.segments.last() else {
            return;
        };
        // Written the same whatever its parameter.
        if last.ident == "PhantomData" {
            return;
        }
        if let Some(param) = as_param(path, params) {
            push(&mut self.values, param);
        }
        let map = last.ident == "BTreeMap" || last.ident == "HashMap";
        for segment in &path.segments {
            let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
                continue;
            };
            for (index, arg) in args.args.iter().enumerate() {
                let syn::GenericArgument::Type(ty) = arg else {
                    continue;
                };
                let key = match ungroup(ty) {
                    syn::Type::Path(key) if map && index == 0 && key.qself.is_none() => {
                        as_param(&key.path, params)
                    }
                    _ => None,
                };
                match key {
                    Some(param) => push(&mut self.keys, param),
                    None => self.visit_type(ty, params),
                }
            }
        }
    }
}

/// `T` itself, when `path` is a lone type parameter (`T::Assoc` is not).
fn as_param(path: &syn::Path, params: &[&syn::Ident]) -> Option<syn::Ident> {
    if path.leading_colon.is_some() || path.segments.len() != 1 {
        return None;
    }
    let ident = &path.segments[0].ident;
    params.contains(&ident).then(|| ident.clone())
}

fn push(list: &mut Vec<syn::Ident>, ident: syn::Ident) {
    if !list.contains(&ident) {
        list.push(ident);
    }
}

fn ungroup(mut ty: &syn::Type) -> &syn::Type {
    while let syn::Type::Group(group) = ty {
        ty = &group.elem;
    }
    ty
}

/// A field whose whole type is an associated type of a parameter (`T::Id`): bounded as
/// itself, as serde does.
fn is_associated(ty: &syn::Type, params: &[&syn::Ident]) -> bool {
    match ungroup(ty) {
        syn::Type::Path(path) => {
            path.qself.is_none()
                && path.path.segments.len() > 1
                && params.iter().any(|p| *p == &path.path.segments[0].ident)
        }
        _ => false,
    }
}

/// The generics of the `PooledSerialize` (and `FlattenFields`) impl, with bounds added.
pub fn with_bounds(cont: &Container<'_>, private: &TokenStream) -> syn::Generics {
    let mut generics = cont.generics.clone();
    let params: Vec<&syn::Ident> = cont.generics.type_params().map(|p| &p.ident).collect();
    // Bounds the user wrote on variants and fields always apply, next to the container's
    // or the inferred ones, as with serde.
    let mut extra: Vec<syn::WherePredicate> = variant_bounds(cont, private);
    extra.extend(
        all_written_fields(cont)
            .filter_map(|(_, f)| chosen(&f.attrs.bound, &f.attrs.serde_bound, private))
            .flatten(),
    );
    let container_bound = chosen(&cont.attrs.bound, &cont.attrs.serde_bound, private);
    let infer = container_bound.is_none()
        && !params.is_empty()
        && !cont.attrs.into.is_set()
        && !cont.attrs.repr.is_set();
    extra.extend(container_bound.into_iter().flatten());
    if !extra.is_empty() {
        generics.make_where_clause().predicates.extend(extra);
    }
    if !infer {
        return generics;
    }
    let mut values: Vec<syn::Ident> = Vec::new();
    let mut keys: Vec<syn::Ident> = Vec::new();
    let mut predicates: Vec<TokenStream> = Vec::new();
    for (needs_flatten, field) in all_written_fields(cont) {
        if field.attrs.bound.is_set() || field.attrs.serde_bound.is_set() {
            continue;
        }
        let ty = field.ty;
        let associated = is_associated(ty, &params);
        let mentioned = Mentioned::of(ty, &params);
        if mentioned.is_empty() && !associated {
            continue;
        }
        if field.skip_if_default {
            predicates.push(quote!(#ty: ::core::default::Default + ::core::cmp::PartialEq));
        }
        if field.attrs.has_custom_writer() {
            continue;
        }
        if needs_flatten || field.attrs.flatten.is_set() {
            predicates.push(quote!(#ty: #private::FlattenFields));
            continue;
        }
        if associated {
            predicates.push(quote!(#ty: #private::PooledSerialize));
        }
        for param in mentioned.values {
            push(&mut values, param);
        }
        for param in mentioned.keys {
            push(&mut keys, param);
        }
    }
    for param in values {
        predicates.push(quote!(#param: #private::PooledSerialize));
    }
    for param in keys {
        predicates.push(quote!(#param: #private::MapKey));
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

/// The `pooled` predicates, or else serde's translated: its `Serialize` becomes
/// `PooledSerialize`; `Deserialize` and `DeserializeOwned` are dropped (serde's
/// `bound = "..."` covers both directions).
fn chosen(
    pooled: &Attr<'_, Vec<syn::WherePredicate>>,
    serde: &Attr<'_, Vec<syn::WherePredicate>>,
    private: &TokenStream,
) -> Option<Vec<syn::WherePredicate>> {
    if let Some(predicates) = pooled.get() {
        return Some(predicates.clone());
    }
    let predicates = serde.get()?;
    Some(
        predicates
            .iter()
            .filter_map(|predicate| from_serde(predicate, private))
            .collect(),
    )
}

fn from_serde(
    predicate: &syn::WherePredicate,
    private: &TokenStream,
) -> Option<syn::WherePredicate> {
    let syn::WherePredicate::Type(predicate) = predicate else {
        return None;
    };
    let mut predicate = predicate.clone();
    predicate.bounds = std::mem::take(&mut predicate.bounds)
        .into_iter()
        .filter_map(|bound| {
            let syn::TypeParamBound::Trait(trait_bound) = &bound else {
                return Some(bound);
            };
            match trait_bound.path.segments.last()?.ident.to_string().as_str() {
                "Serialize" => Some(syn::parse_quote!(#private::PooledSerialize)),
                "Deserialize" | "DeserializeOwned" => None,
                _ => Some(bound),
            }
        })
        .collect();
    (!predicate.bounds.is_empty()).then_some(syn::WherePredicate::Type(predicate))
}

/// The bounds written on variants that get written.
fn variant_bounds(cont: &Container<'_>, private: &TokenStream) -> Vec<syn::WherePredicate> {
    let Data::Enum(variants) = &cont.data else {
        return Vec::new();
    };
    variants
        .iter()
        .filter(|v| !v.attrs.skip.is_set())
        .filter_map(|v| chosen(&v.attrs.bound, &v.attrs.serde_bound, private))
        .flatten()
        .collect()
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
                    .filter(|v| !v.attrs.skip.is_set() && v.attrs.serde_writer().is_none())
                    .flat_map(move |v| {
                        let flat = internally_tagged
                            && !v.attrs.untagged.is_set()
                            && v.written_style == Style::Newtype;
                        v.fields
                            .iter()
                            .filter(|f| !f.skipped())
                            .map(move |f| (flat, f))
                    }),
            )
        }
    }
}
