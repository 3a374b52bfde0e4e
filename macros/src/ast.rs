//! The input item, parsed from syn's AST and ready to generate code from. Every node keeps
//! `original` so later stages can point errors at the user's tokens.

use syn::spanned::Spanned as _;

use crate::attr;
use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::key::unraw;

/// The struct or enum being derived.
pub struct Container<'a> {
    pub ident: &'a syn::Ident,
    pub attrs: attr::Container<'a>,
    pub data: Data<'a>,
    pub generics: &'a syn::Generics,
    /// The integer type of `#[repr(u8)]` and friends, if any.
    pub repr_int: Option<syn::Ident>,
    /// `#[repr(packed)]`: fields are copied out before they are borrowed.
    pub packed: bool,
    /// With `#[pooled(repr)]`: the integer type the discriminant is written as.
    pub written_repr: Option<syn::Ident>,
    /// The index of the one field a wrapper is written as (see `wrapped_field`).
    wrapped: Option<usize>,
}

pub enum Data<'a> {
    Enum(Vec<Variant<'a>>),
    Struct(Style, Vec<Field<'a>>),
}

#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Style {
    /// Named fields.
    Struct,
    /// Several unnamed fields.
    Tuple,
    /// Exactly one unnamed field.
    Newtype,
    /// No fields.
    Unit,
}

pub struct Variant<'a> {
    pub ident: &'a syn::Ident,
    pub attrs: attr::Variant<'a>,
    /// The syntactic shape, for patterns.
    pub style: Style,
    /// The shape it is written in: a newtype variant whose field is skipped is written as
    /// a unit variant, as serde does.
    pub written_style: Style,
    pub fields: Vec<Field<'a>>,
    pub original: &'a syn::Variant,
    /// The serialized name, after `rename` / `rename_all`.
    pub name: String,
    /// For a skipped variant: the error serializing it returns, as serde's.
    pub skip_error: Option<String>,
}

pub struct Field<'a> {
    /// `self.<member>`: a name or an index.
    pub member: syn::Member,
    pub attrs: attr::Field<'a>,
    pub ty: &'a syn::Type,
    pub original: &'a syn::Field,
    /// The JSON key, after `rename` / `rename_all` (for named fields).
    pub name: String,
    /// Omitted when `None` (the container's `skip_serializing_none`, for an `Option`
    /// without its own `skip_serializing_if`).
    pub skip_if_none: bool,
    /// Omitted when equal to its `Default` (the field's or the container's
    /// `skip_serializing_default`).
    pub skip_if_default: bool,
}

impl<'a> Container<'a> {
    /// `None` for unions (the error is recorded).
    pub fn from_ast(cx: &'a Ctxt, item: &'a syn::DeriveInput) -> Option<Container<'a>> {
        let attrs = attr::Container::from_ast(cx, &item.attrs);
        let data = match &item.data {
            syn::Data::Enum(data) => {
                let field_rule = attrs.rename_all_fields.get().copied().unwrap_or_default();
                let variant_rule = attrs.rename_all.get().copied().unwrap_or_default();
                Data::Enum(
                    data.variants
                        .iter()
                        .map(|v| {
                            Variant::from_ast(cx, v, &item.ident, &attrs, variant_rule, field_rule)
                        })
                        .collect(),
                )
            }
            syn::Data::Struct(data) => {
                let rule = attrs.rename_all.get().copied().unwrap_or_default();
                let (style, fields) = fields_from_ast(cx, &data.fields, &attrs, rule);
                Data::Struct(style, fields)
            }
            syn::Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "#[derive(PooledSerialize)] does not support unions",
                );
                return None;
            }
        };
        let repr_int = repr_int(&item.attrs);
        let written_repr = repr_int.clone().filter(|_| attrs.repr.is_set());
        let wrapped = wrapped_index(&attrs, &data);
        Some(Container {
            ident: &item.ident,
            attrs,
            data,
            generics: &item.generics,
            repr_int,
            packed: item.attrs.iter().any(is_repr_packed),
            written_repr,
            wrapped,
        })
    }

    /// The one field a wrapper is written as: a newtype struct's field, or a `transparent`
    /// struct's field that is neither skipped nor `PhantomData` (serde counts neither).
    pub fn wrapped_field(&self) -> Option<&Field<'a>> {
        match &self.data {
            Data::Struct(_, fields) => fields.get(self.wrapped?),
            Data::Enum(_) => None,
        }
    }

    /// The serialized name of the container (for a struct's `tag`).
    pub fn name(&self) -> String {
        self.attrs
            .rename
            .get()
            .cloned()
            .unwrap_or_else(|| unraw(self.ident))
    }
}

fn wrapped_index(attrs: &attr::Container<'_>, data: &Data<'_>) -> Option<usize> {
    let Data::Struct(style, fields) = data else {
        return None;
    };
    if attrs.transparent.is_set() {
        let mut written = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.transparent_candidate());
        match (written.next(), written.next()) {
            (Some((index, _)), None) => Some(index),
            _ => None,
        }
    } else if *style == Style::Newtype {
        Some(0)
    } else {
        None
    }
}

impl<'a> Variant<'a> {
    fn from_ast(
        cx: &'a Ctxt,
        variant: &'a syn::Variant,
        cont_ident: &syn::Ident,
        cont_attrs: &attr::Container<'_>,
        variant_rule: RenameRule,
        field_rule: RenameRule,
    ) -> Self {
        let attrs = attr::Variant::from_ast(cx, &variant.attrs);
        let name = attrs
            .rename
            .get()
            .cloned()
            .unwrap_or_else(|| variant_rule.apply_to_variant(&unraw(&variant.ident)));
        let rule = attrs.rename_all.get().copied().unwrap_or(field_rule);
        let (style, fields) = fields_from_ast(cx, &variant.fields, cont_attrs, rule);
        let skip_error = attrs.skip.is_set().then(|| {
            format!(
                "the enum variant {}::{} cannot be serialized",
                cont_ident, variant.ident
            )
        });
        let written_style = match style {
            Style::Newtype if fields[0].skipped() => Style::Unit,
            other => other,
        };
        Variant {
            ident: &variant.ident,
            attrs,
            style,
            written_style,
            fields,
            original: variant,
            name,
            skip_error,
        }
    }
}

fn fields_from_ast<'a>(
    cx: &'a Ctxt,
    fields: &'a syn::Fields,
    cont_attrs: &attr::Container<'_>,
    rule: RenameRule,
) -> (Style, Vec<Field<'a>>) {
    let style = match fields {
        syn::Fields::Named(_) => Style::Struct,
        syn::Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => Style::Newtype,
        syn::Fields::Unnamed(_) => Style::Tuple,
        syn::Fields::Unit => Style::Unit,
    };
    let fields = fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let attrs = attr::Field::from_ast(cx, &field.attrs);
            let (member, default_name) = match &field.ident {
                Some(ident) => (syn::Member::Named(ident.clone()), unraw(ident)),
                None => (
                    syn::Member::Unnamed(syn::Index {
                        index: u32::try_from(index).expect("too many fields"),
                        span: field.ty.span(),
                    }),
                    index.to_string(),
                ),
            };
            let name = attrs
                .rename
                .get()
                .cloned()
                .unwrap_or_else(|| rule.apply_to_field(&default_name));
            let flatten = attrs.flatten.is_set();
            let skip_if_none = !attrs.skip_serializing_if.is_set()
                && cont_attrs.skip_serializing_none.is_set()
                && !flatten
                && last_segment_is(&field.ty, "Option");
            let skip_if_default = attrs.skip_serializing_default.is_set()
                || (cont_attrs.skip_serializing_default.is_set() && !flatten);
            Field {
                member,
                attrs,
                ty: &field.ty,
                original: field,
                name,
                skip_if_none,
                skip_if_default,
            }
        })
        .collect();
    (style, fields)
}

fn is_repr_packed(attr: &syn::Attribute) -> bool {
    let mut packed = false;
    if attr.path().is_ident("repr") {
        let _ = attr.parse_nested_meta(|meta| {
            packed |= meta.path.is_ident("packed");
            if meta.input.peek(syn::token::Paren) {
                meta.input.parse::<proc_macro2::TokenTree>()?;
            }
            Ok(())
        });
    }
    packed
}

/// The integer type named in `#[repr(...)]`, if any.
fn repr_int(attrs: &[syn::Attribute]) -> Option<syn::Ident> {
    const INTS: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ];
    let mut found = None;
    for attr in attrs {
        if attr.path().is_ident("repr") {
            let _ = attr.parse_nested_meta(|meta| {
                if let Some(ident) = meta.path.get_ident() {
                    if INTS.iter().any(|int| ident == int) {
                        found = Some(ident.clone());
                    }
                }
                if meta.input.peek(syn::token::Paren) {
                    meta.input.parse::<proc_macro2::TokenTree>()?;
                }
                Ok(())
            });
        }
    }
    found
}

impl Field<'_> {
    /// Never written.
    pub fn skipped(&self) -> bool {
        self.attrs.skip.is_set()
    }

    /// `PhantomData<..>`: written as `null` whatever its parameter, and not counted by
    /// `transparent`.
    pub fn is_phantom(&self) -> bool {
        last_segment_is(self.ty, "PhantomData")
    }

    /// `[T; 0]`: always `[]`, whatever `T` (serde's impl has no bound on `T` either).
    pub fn is_empty_array(&self) -> bool {
        is_empty_array(self.ty)
    }

    /// Counts as the field of a `transparent` struct.
    pub fn transparent_candidate(&self) -> bool {
        !self.skipped() && !self.is_phantom()
    }
}

/// `[T; 0]`.
pub fn is_empty_array(ty: &syn::Type) -> bool {
    let mut ty = ty;
    while let syn::Type::Group(group) = ty {
        ty = &group.elem;
    }
    matches!(ty, syn::Type::Array(array) if matches!(&array.len,
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. })
            if int.base10_parse::<usize>().is_ok_and(|len| len == 0)))
}

/// Whether the type is syntactically `..::<name><..>` (`Option`, `PhantomData`).
pub fn last_segment_is(ty: &syn::Type, name: &str) -> bool {
    let mut ty = ty;
    while let syn::Type::Group(group) = ty {
        ty = &group.elem;
    }
    matches!(ty, syn::Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|s| s.ident == name))
}
