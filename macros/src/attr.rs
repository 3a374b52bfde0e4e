//! Typed attributes, parsed from `#[serde(...)]` and `#[pooled(...)]` with
//! `parse_nested_meta`. Both namespaces take the same keys; serde's deserialize-only keys
//! are accepted and ignored. Nothing here returns a `Result`: a bad attribute is recorded in
//! the [`Ctxt`] and otherwise ignored, so every mistake is reported in one build.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::Parser as _;
use syn::punctuated::Punctuated;
use syn::{Token, WherePredicate};

use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// One attribute value plus the tokens that set it (for error spans and duplicates).
pub struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    value: Option<(TokenStream, T)>,
}

impl<'c, T> Attr<'c, T> {
    fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Attr {
            cx,
            name,
            value: None,
        }
    }

    fn set<A: ToTokens>(&mut self, obj: A, value: T) {
        let tokens = obj.into_token_stream();
        if self.value.is_some() {
            self.cx
                .error_spanned_by(tokens, format!("duplicate attribute `{}`", self.name));
        } else {
            self.value = Some((tokens, value));
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, value)| value)
    }

    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }

    /// The tokens that set this attribute, for error spans.
    pub fn tokens(&self) -> Option<&TokenStream> {
        self.value.as_ref().map(|(tokens, _)| tokens)
    }
}

/// Which attribute a `#[...]` belongs to.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Ns {
    Serde,
    Pooled,
}

impl Ns {
    fn of(attr: &syn::Attribute) -> Option<Ns> {
        if attr.path() == SERDE {
            Some(Ns::Serde)
        } else if attr.path() == POOLED {
            Some(Ns::Pooled)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Ns::Serde => SERDE.as_str(),
            Ns::Pooled => POOLED.as_str(),
        }
    }
}

/// Runs `logic` on every nested meta of every `#[serde]`/`#[pooled]` attribute.
fn for_each_meta(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    mut logic: impl FnMut(Ns, &ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs {
        let Some(ns) = Ns::of(attr) else { continue };
        if let syn::Meta::List(list) = &attr.meta {
            if list.tokens.is_empty() {
                continue;
            }
        }
        let result = attr.parse_nested_meta(|meta| {
            if let Err(err) = logic(ns, &meta) {
                cx.syn_error(err);
                // Consume the rest of this key so the following keys are still checked.
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
}

/// Consumes `= value` or `(...)` after a key that is ignored or was rejected.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}

fn key_name(meta: &ParseNestedMeta<'_>) -> String {
    meta.path.get_ident().map_or_else(
        || meta.path.to_token_stream().to_string(),
        ToString::to_string,
    )
}

/// `key = "string"`.
fn get_lit_str(ns: Ns, meta: &ParseNestedMeta<'_>) -> syn::Result<syn::LitStr> {
    let expr: syn::Expr = meta.value()?.parse()?;
    let mut value = &expr;
    while let syn::Expr::Group(group) = value {
        value = &group.expr;
    }
    if let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(lit),
        ..
    }) = value
    {
        Ok(lit.clone())
    } else {
        Err(syn::Error::new_spanned(
            expr,
            format!(
                "expected #[{}({} = \"...\")] to be a string",
                ns.name(),
                key_name(meta)
            ),
        ))
    }
}

/// `key = "a"` or `key(serialize = "a", deserialize = "b")`: the serialize half.
fn get_ser_lit_str(ns: Ns, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<syn::LitStr>> {
    if meta.input.peek(syn::token::Paren) {
        let mut ser = None;
        meta.parse_nested_meta(|inner| {
            if inner.path == SERIALIZE {
                ser = Some(get_lit_str(ns, &inner)?);
                Ok(())
            } else if inner.path == DESERIALIZE {
                get_lit_str(ns, &inner).map(drop)
            } else {
                Err(inner.error(format!(
                    "malformed {0} attribute, expected `{0}(serialize = ..., deserialize = ...)`",
                    key_name(meta)
                )))
            }
        })?;
        Ok(ser)
    } else {
        get_lit_str(ns, meta).map(Some)
    }
}

fn parse_lit<T: syn::parse::Parse>(lit: &syn::LitStr) -> syn::Result<T> {
    // Re-span the parsed tokens at the string literal so errors point into the attribute.
    let tokens: TokenStream = lit.parse()?;
    let span = lit.span();
    let respanned: TokenStream = tokens
        .into_iter()
        .map(|mut tt| {
            respan(&mut tt, span);
            tt
        })
        .collect();
    syn::parse2(respanned)
}

fn respan(tt: &mut proc_macro2::TokenTree, span: proc_macro2::Span) {
    if let proc_macro2::TokenTree::Group(group) = tt {
        let stream: TokenStream = group
            .stream()
            .into_iter()
            .map(|mut inner| {
                respan(&mut inner, span);
                inner
            })
            .collect();
        *group = proc_macro2::Group::new(group.delimiter(), stream);
    }
    tt.set_span(span);
}

/// `key = "path::to::function"`.
fn get_fn_path(ns: Ns, meta: &ParseNestedMeta<'_>) -> syn::Result<syn::ExprPath> {
    let lit = get_lit_str(ns, meta)?;
    parse_lit(&lit).map_err(|_| {
        syn::Error::new_spanned(
            &lit,
            format!(
                "expected #[{}({} = \"...\")] to be a path, such as \"Option::is_none\"",
                ns.name(),
                key_name(meta)
            ),
        )
    })
}

fn parse_where_predicates(lit: &syn::LitStr) -> syn::Result<Vec<WherePredicate>> {
    let parser = Punctuated::<WherePredicate, Token![,]>::parse_terminated;
    let tokens: TokenStream = lit.parse()?;
    let parsed = parser.parse2(tokens)?;
    Ok(parsed.into_iter().collect())
}

fn rename_rule(lit: &syn::LitStr) -> syn::Result<RenameRule> {
    RenameRule::from_str(&lit.value())
        .ok_or_else(|| syn::Error::new_spanned(lit, RenameRule::unknown_message(&lit.value())))
}

/// A key that exists only under `#[pooled(...)]`.
fn pooled_only(ns: Ns, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if ns == Ns::Serde {
        Err(meta.error(format!(
            "`{0}` is not a serde attribute; write #[pooled({0})]",
            key_name(meta)
        )))
    } else {
        Ok(())
    }
}

fn unknown(ns: Ns, place: &str, meta: &ParseNestedMeta<'_>) -> syn::Error {
    meta.error(format!(
        "unknown {} {} attribute `{}`",
        ns.name(),
        place,
        key_name(meta)
    ))
}

/// Attributes on the struct or enum itself.
pub struct Container<'c> {
    /// Serialized name; used only as the value of a struct's `tag`.
    pub rename: Attr<'c, String>,
    pub rename_all: Attr<'c, RenameRule>,
    pub rename_all_fields: Attr<'c, RenameRule>,
    pub transparent: Attr<'c, ()>,
    pub tag: Attr<'c, String>,
    pub content: Attr<'c, String>,
    pub untagged: Attr<'c, ()>,
    /// `#[pooled(crate = "...")]`: the path of the facade crate.
    pub crate_path: Attr<'c, syn::Path>,
    /// `#[pooled(bound = "...")]`: replaces the inferred bounds.
    pub bound: Attr<'c, Vec<WherePredicate>>,
    /// `#[serde(bound = "...")]`, the serialize half: replaces the inferred bounds when
    /// there is no `pooled` one, with serde's traits translated (bound.rs).
    pub serde_bound: Attr<'c, Vec<WherePredicate>>,
    pub into: Attr<'c, syn::Type>,
    pub repr: Attr<'c, ()>,
    pub skip_serializing_none: Attr<'c, ()>,
    pub skip_serializing_default: Attr<'c, ()>,
    /// `remote = "Type"`: serde writes `Type` through this definition with
    /// `with = "ThisDef"`, which goes through the serde bridge; nothing is derived here.
    pub remote: Attr<'c, ()>,
}

impl<'c> Container<'c> {
    // Long by nature: one branch per attribute key, each a line or two, in the order of
    // the facade's attribute table.
    pub fn from_ast(cx: &'c Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut c = Container {
            rename: Attr::none(cx, RENAME),
            rename_all: Attr::none(cx, RENAME_ALL),
            rename_all_fields: Attr::none(cx, RENAME_ALL_FIELDS),
            transparent: Attr::none(cx, TRANSPARENT),
            tag: Attr::none(cx, TAG),
            content: Attr::none(cx, CONTENT),
            untagged: Attr::none(cx, UNTAGGED),
            crate_path: Attr::none(cx, CRATE),
            bound: Attr::none(cx, BOUND),
            serde_bound: Attr::none(cx, BOUND),
            into: Attr::none(cx, INTO),
            repr: Attr::none(cx, REPR),
            skip_serializing_none: Attr::none(cx, SKIP_SERIALIZING_NONE),
            skip_serializing_default: Attr::none(cx, SKIP_SERIALIZING_DEFAULT),
            remote: Attr::none(cx, REMOTE),
        };
        for_each_meta(cx, attrs, |ns, meta| {
            let path = &meta.path;
            if path == RENAME {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    c.rename.set(path, lit.value());
                }
            } else if path == REMOTE {
                get_lit_str(ns, meta)?;
                c.remote.set(path, ());
            } else if path == RENAME_ALL {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    c.rename_all.set(path, rename_rule(&lit)?);
                }
            } else if path == RENAME_ALL_FIELDS {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    c.rename_all_fields.set(path, rename_rule(&lit)?);
                }
            } else if path == TRANSPARENT {
                c.transparent.set(path, ());
            } else if path == TAG {
                c.tag.set(path, get_lit_str(ns, meta)?.value());
            } else if path == CONTENT {
                c.content.set(path, get_lit_str(ns, meta)?.value());
            } else if path == UNTAGGED {
                c.untagged.set(path, ());
            } else if path == INTO {
                c.into.set(path, parse_lit(&get_lit_str(ns, meta)?)?);
            } else if path == BOUND && ns == Ns::Serde {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    c.serde_bound.set(path, parse_where_predicates(&lit)?);
                }
            } else if path == CRATE || path == BOUND {
                // serde's `crate` names serde's path: only the `pooled` spelling applies.
                if ns == Ns::Serde {
                    skip_value(meta)?;
                } else if path == CRATE {
                    if meta.input.peek(Token![=]) {
                        c.crate_path.set(path, parse_lit(&get_lit_str(ns, meta)?)?);
                    } else {
                        c.crate_path.set(path, syn::parse_quote!(crate));
                    }
                } else if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    c.bound.set(path, parse_where_predicates(&lit)?);
                }
            } else if path == REPR {
                pooled_only(ns, meta)?;
                c.repr.set(path, ());
            } else if path == SKIP_SERIALIZING_NONE {
                pooled_only(ns, meta)?;
                c.skip_serializing_none.set(path, ());
            } else if path == SKIP_SERIALIZING_DEFAULT {
                pooled_only(ns, meta)?;
                c.skip_serializing_default.set(path, ());
            } else if [
                DENY_UNKNOWN_FIELDS,
                DEFAULT,
                FROM,
                TRY_FROM,
                EXPECTING,
                VARIANT_IDENTIFIER,
                FIELD_IDENTIFIER,
            ]
            .iter()
            .any(|ignored| path == *ignored)
            {
                skip_value(meta)?;
            } else {
                return Err(unknown(ns, "container", meta));
            }
            Ok(())
        });
        c
    }
}

/// Attributes on an enum variant.
pub struct Variant<'c> {
    pub rename: Attr<'c, String>,
    pub rename_all: Attr<'c, RenameRule>,
    pub skip: Attr<'c, ()>,
    pub untagged: Attr<'c, ()>,
    /// `serialize_with = "path"`: `path(&field0, &field1, .., serializer)` writes the
    /// variant's content.
    pub serialize_with: Attr<'c, syn::ExprPath>,
    /// `with = "module"`: as `serialize_with = "module::serialize"`.
    pub with: Attr<'c, syn::ExprPath>,
    /// `#[pooled(bound = "...")]`: added to the impl's where-clause.
    pub bound: Attr<'c, Vec<WherePredicate>>,
    /// `#[serde(bound = "...")]`, the serialize half, when there is no `pooled` one.
    pub serde_bound: Attr<'c, Vec<WherePredicate>>,
}

impl Variant<'_> {
    /// The serde function that writes the whole variant, if any.
    pub fn serde_writer(&self) -> Option<&syn::ExprPath> {
        self.serialize_with.get().or_else(|| self.with.get())
    }
}

impl<'c> Variant<'c> {
    pub fn from_ast(cx: &'c Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut v = Variant {
            rename: Attr::none(cx, RENAME),
            rename_all: Attr::none(cx, RENAME_ALL),
            skip: Attr::none(cx, SKIP),
            untagged: Attr::none(cx, UNTAGGED),
            serialize_with: Attr::none(cx, SERIALIZE_WITH),
            with: Attr::none(cx, WITH),
            bound: Attr::none(cx, BOUND),
            serde_bound: Attr::none(cx, BOUND),
        };
        for_each_meta(cx, attrs, |ns, meta| {
            let path = &meta.path;
            if path == RENAME {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    v.rename.set(path, lit.value());
                }
            } else if path == RENAME_ALL {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    v.rename_all.set(path, rename_rule(&lit)?);
                }
            } else if path == SKIP || path == SKIP_SERIALIZING {
                v.skip.set(path, ());
            } else if path == UNTAGGED {
                v.untagged.set(path, ());
            } else if [ALIAS, SKIP_DESERIALIZING, DESERIALIZE_WITH, OTHER, BORROW]
                .iter()
                .any(|ignored| path == *ignored)
            {
                skip_value(meta)?;
            } else if path == BOUND {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    let predicates = parse_where_predicates(&lit)?;
                    match ns {
                        Ns::Serde => v.serde_bound.set(path, predicates),
                        Ns::Pooled => v.bound.set(path, predicates),
                    }
                }
            } else if path == SERIALIZE_WITH {
                v.serialize_with.set(path, get_fn_path(ns, meta)?);
            } else if path == WITH {
                v.with.set(path, get_fn_path(ns, meta)?);
            } else {
                return Err(unknown(ns, "variant", meta));
            }
            Ok(())
        });
        v
    }
}

/// Attributes on a field.
pub struct Field<'c> {
    pub rename: Attr<'c, String>,
    /// `skip` or `skip_serializing`.
    pub skip: Attr<'c, ()>,
    pub skip_serializing_if: Attr<'c, syn::ExprPath>,
    pub skip_serializing_default: Attr<'c, ()>,
    pub flatten: Attr<'c, ()>,
    pub serialize_with: Attr<'c, syn::ExprPath>,
    /// `with = "module"`: calls `module::serialize`.
    pub with: Attr<'c, syn::ExprPath>,
    pub write_with: Attr<'c, syn::ExprPath>,
    pub bound: Attr<'c, Vec<WherePredicate>>,
    /// `#[serde(bound = "...")]`, the serialize half, when there is no `pooled` one.
    pub serde_bound: Attr<'c, Vec<WherePredicate>>,
}

impl<'c> Field<'c> {
    pub fn from_ast(cx: &'c Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut f = Field {
            rename: Attr::none(cx, RENAME),
            skip: Attr::none(cx, SKIP),
            skip_serializing_if: Attr::none(cx, SKIP_SERIALIZING_IF),
            skip_serializing_default: Attr::none(cx, SKIP_SERIALIZING_DEFAULT),
            flatten: Attr::none(cx, FLATTEN),
            serialize_with: Attr::none(cx, SERIALIZE_WITH),
            with: Attr::none(cx, WITH),
            write_with: Attr::none(cx, WRITE_WITH),
            bound: Attr::none(cx, BOUND),
            serde_bound: Attr::none(cx, BOUND),
        };
        for_each_meta(cx, attrs, |ns, meta| {
            let path = &meta.path;
            if path == RENAME {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    f.rename.set(path, lit.value());
                }
            } else if path == SKIP || path == SKIP_SERIALIZING {
                f.skip.set(path, ());
            } else if path == SKIP_SERIALIZING_IF {
                f.skip_serializing_if.set(path, get_fn_path(ns, meta)?);
            } else if path == FLATTEN {
                f.flatten.set(path, ());
            } else if path == SERIALIZE_WITH {
                f.serialize_with.set(path, get_fn_path(ns, meta)?);
            } else if path == WITH {
                f.with.set(path, get_fn_path(ns, meta)?);
            } else if path == WRITE_WITH {
                pooled_only(ns, meta)?;
                f.write_with.set(path, get_fn_path(ns, meta)?);
            } else if path == SKIP_SERIALIZING_DEFAULT {
                pooled_only(ns, meta)?;
                f.skip_serializing_default.set(path, ());
            } else if path == BOUND {
                if let Some(lit) = get_ser_lit_str(ns, meta)? {
                    let predicates = parse_where_predicates(&lit)?;
                    match ns {
                        Ns::Serde => f.serde_bound.set(path, predicates),
                        Ns::Pooled => f.bound.set(path, predicates),
                    }
                }
            } else if [
                DEFAULT,
                ALIAS,
                SKIP_DESERIALIZING,
                DESERIALIZE_WITH,
                BORROW,
                GETTER,
            ]
            .iter()
            .any(|ignored| path == *ignored)
            {
                skip_value(meta)?;
            } else {
                return Err(unknown(ns, "field", meta));
            }
            Ok(())
        });
        f
    }

    /// True if serialization goes through a user function instead of `PooledSerialize`.
    pub fn has_custom_writer(&self) -> bool {
        self.serialize_with.is_set() || self.with.is_set() || self.write_with.is_set()
    }
}
