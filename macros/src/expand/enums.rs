//! Enums: serde's four representations, `#[pooled(repr)]` discriminants, skipped
//! variants and variants written by serde's `serialize_with` / `with`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::members::{emit_list, emit_members, named_members, tag_member, tuple_members};
use super::members::{Kind, Member};
use super::value::write_value;
use super::{binding, binding_access, raw, tri, ErrPath, Params};
use crate::ast::{Container, Style, Variant};
use crate::key::quoted;

/// How an enum writes its variants.
#[derive(Clone, Copy)]
pub(super) enum Repr<'a> {
    External,
    Internal(&'a str),
    Adjacent(&'a str, &'a str),
    Untagged,
}

/// The body of `write_json` for an enum.
pub(super) fn write_json_body(p: &Params<'_>, variants: &[Variant<'_>]) -> TokenStream {
    // Only with `#[pooled(repr)]`: a plain `#[repr(u8)]` enum is written by name, as
    // serde does.
    if p.cont.written_repr.is_some() {
        return repr_write(p, variants, false);
    }
    enum_body(p, variants, false)
}

/// Writes the discriminant of a `#[pooled(repr)]` enum, in quotes for a map key.
pub(super) fn repr_write(p: &Params<'_>, variants: &[Variant<'_>], quoted: bool) -> TokenStream {
    let private = &p.private;
    let cont = p.cont;
    let Some(int) = &cont.written_repr else {
        return TokenStream::new();
    };
    let quote_mark = quoted.then(|| quote!(#private::Writer::write_raw(__w, "\"");));
    let value = if variants.is_empty() {
        quote!(match *self {})
    } else {
        // `Self::A as u8` in a match: the discriminant without `Copy` or `unsafe`.
        let ident = cont.ident;
        let arms = variants.iter().map(|v| {
            let variant = v.ident;
            quote!(#ident::#variant => #ident::#variant as #int,)
        });
        quote!(match self { #(#arms)* })
    };
    quote! {
        let __v: #int = #value;
        #quote_mark
        #private::Writer::write_int(__w, __v);
        #quote_mark
    }
}

pub(super) fn repr_of<'a>(cont: &'a Container<'_>, variant: &Variant<'_>) -> Repr<'a> {
    if variant.attrs.untagged.is_set() || cont.attrs.untagged.is_set() {
        return Repr::Untagged;
    }
    match (cont.attrs.tag.get(), cont.attrs.content.get()) {
        (Some(tag), Some(content)) => Repr::Adjacent(tag, content),
        (Some(tag), None) => Repr::Internal(tag),
        _ => Repr::External,
    }
}

/// The arm of a skipped variant: serializing it is an error, as with serde.
pub(super) fn skipped_arm(p: &Params<'_>, variant: &Variant<'_>) -> Option<TokenStream> {
    let private = &p.private;
    let message = variant.skip_error.as_ref()?;
    let ident = variant.ident;
    Some(quote! {
        Self::#ident { .. } => {
            return ::core::result::Result::Err(#private::Error::custom(#message));
        }
    })
}

/// The `match self { .. }` of an enum, for `write_json` or (with `flat`) `write_fields`.
pub(super) fn enum_body(p: &Params<'_>, variants: &[Variant<'_>], flat: bool) -> TokenStream {
    if variants.is_empty() {
        return quote!(match *self {});
    }
    let arms = variants.iter().map(|variant| {
        if let Some(arm) = skipped_arm(p, variant) {
            return arm;
        }
        let ident = variant.ident;
        let bindings = (0..variant.fields.len()).map(binding);
        let pattern = match variant.style {
            Style::Unit => quote!(Self::#ident),
            Style::Newtype | Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
            Style::Struct => {
                let members = variant.fields.iter().map(|f| &f.member);
                quote!(Self::#ident { #(#members: #bindings),* })
            }
        };
        let body = variant_body(p, variant, flat);
        quote!(#pattern => { #body })
    });
    quote! {
        match self {
            #(#arms)*
        }
    }
}

/// A variant written by serde's `serialize_with` / `with` function, which takes every
/// field by reference: its output takes the place of the variant's content.
fn variant_with_body(
    p: &Params<'_>,
    variant: &Variant<'_>,
    path: &syn::ExprPath,
    flat: bool,
) -> TokenStream {
    let private = &p.private;
    let s = quote!(__s);
    let bindings = (0..variant.fields.len()).map(binding);
    let path = if variant.attrs.with.is_set() {
        quote!(#path::serialize)
    } else {
        quote!(#path)
    };
    let call = quote_spanned!(path.span()=> #path(#(#bindings,)* #s));
    let value = quote!(#private::write_with_serde(__w, |#s| #call));
    let members = quote!(#private::write_flattened_with_serde(__w, |#s| #call));
    let name = quoted(&variant.name);
    let (open, close) = if flat { (",", "") } else { ("{", "}") };
    let (before, content, err) = match repr_of(p.cont, variant) {
        Repr::External => (
            format!("{open}{name}:"),
            value,
            ErrPath::Field(variant.name.clone()),
        ),
        Repr::Internal(tag) => (
            format!("{open}{}:{name}", quoted(tag)),
            members,
            ErrPath::None,
        ),
        Repr::Adjacent(tag, content) => (
            format!("{open}{}:{name},{}:", quoted(tag), quoted(content)),
            value,
            ErrPath::Field(content.to_owned()),
        ),
        Repr::Untagged if flat => (String::new(), members, ErrPath::None),
        Repr::Untagged => return tri(p, value, &ErrPath::None),
    };
    let before = raw(p, &before);
    let content = tri(p, content, &err);
    let after = raw(p, close);
    quote!(#before #content #after)
}

/// One variant's content, in the enum's representation. With `flat`, as members merged
/// into an enclosing object (`,` instead of `{`, no `}`).
fn variant_body(p: &Params<'_>, variant: &Variant<'_>, flat: bool) -> TokenStream {
    if let Some(path) = variant.attrs.serde_writer() {
        return variant_with_body(p, variant, path, flat);
    }
    let v = VariantCx { p, variant, flat };
    match repr_of(p.cont, variant) {
        Repr::External => v.external(),
        Repr::Internal(tag) => v.internal(tag),
        Repr::Adjacent(tag, content) => v.adjacent(tag, content),
        Repr::Untagged => v.untagged(),
    }
}

/// What every representation needs to write one variant.
struct VariantCx<'p, 'a> {
    p: &'p Params<'a>,
    variant: &'p Variant<'a>,
    flat: bool,
}

impl<'p> VariantCx<'p, '_> {
    /// `{` outside the object, or `,` when the members are merged into another object;
    /// and the matching close.
    fn open_close(&self) -> (&'static str, &'static str) {
        if self.flat {
            (",", "")
        } else {
            ("{", "}")
        }
    }

    fn name(&self) -> String {
        quoted(&self.variant.name)
    }

    /// The members (struct variant) or elements (tuple variant).
    fn members(&self) -> Vec<Member<'p>> {
        let fields = &self.variant.fields;
        match self.variant.written_style {
            Style::Struct => named_members(fields, &binding_access),
            _ => tuple_members(fields, &binding_access),
        }
    }

    fn brackets(&self) -> (char, char) {
        if self.variant.written_style == Style::Struct {
            ('{', '}')
        } else {
            ('[', ']')
        }
    }

    /// Params whose errors get `outer` as an enclosing path segment.
    fn enclosed(&self, outer: &str) -> Params<'_> {
        Params {
            cont: self.p.cont,
            private: self.p.private.clone(),
            outer: Some(outer.to_owned()),
        }
    }

    /// `prefix`, the newtype's field, `close`.
    fn newtype(&self, prefix: &str, err: &ErrPath, close: &str) -> TokenStream {
        let p = self.p;
        let field = &self.variant.fields[0];
        let value = write_value(p, field, &binding_access(0, field), prefix);
        let value = tri(p, value, err);
        let close = raw(p, close);
        quote!(#value #close)
    }

    /// The newtype's field as flattened members.
    fn flattened(&self, tagged: Option<String>) -> Member<'p> {
        let field = &self.variant.fields[0];
        Member {
            kind: Kind::Flatten {
                access: binding_access(0, field),
                field,
                tagged,
            },
            skip_if: None,
        }
    }

    fn external(&self) -> TokenStream {
        let p = self.p;
        let (open, close) = self.open_close();
        let name = self.name();
        let outer = format!("{open}{name}:");
        match self.variant.written_style {
            Style::Unit if self.flat => raw(p, &format!("{outer}null")),
            Style::Unit => raw(p, &name),
            Style::Newtype => {
                self.newtype(&outer, &ErrPath::Field(self.variant.name.clone()), close)
            }
            Style::Tuple | Style::Struct => {
                let p = &self.enclosed(&self.variant.name);
                emit_list(p, &self.members(), self.brackets(), (&outer, close))
            }
        }
    }

    fn internal(&self, tag: &str) -> TokenStream {
        let p = self.p;
        let (_, close) = self.open_close();
        let mut all = vec![tag_member(tag, &self.variant.name)];
        match self.variant.written_style {
            Style::Unit => {}
            Style::Newtype => {
                let tagged = format!("{}::{}", p.cont.ident, self.variant.ident);
                all.push(self.flattened(Some(tagged)));
            }
            Style::Struct => all.extend(self.members()),
            // Rejected in valid.rs.
            Style::Tuple => return quote!(::core::unreachable!();),
        }
        let first = if self.flat { None } else { Some("{") };
        emit_members(p, &all, first, close)
    }

    fn adjacent(&self, tag: &str, content: &str) -> TokenStream {
        let p = self.p;
        let (open, close) = self.open_close();
        let tag_text = format!("{open}{}:{}", quoted(tag), self.name());
        let outer = format!("{tag_text},{}:", quoted(content));
        match self.variant.written_style {
            Style::Unit => raw(p, &format!("{tag_text}{close}")),
            Style::Newtype => self.newtype(&outer, &ErrPath::Field(content.to_owned()), close),
            Style::Tuple | Style::Struct => {
                let p = &self.enclosed(content);
                emit_list(p, &self.members(), self.brackets(), (&outer, close))
            }
        }
    }

    fn untagged(&self) -> TokenStream {
        let p = self.p;
        let private = &p.private;
        match (self.variant.written_style, self.flat) {
            (Style::Unit, false) => quote!(#private::Writer::write_null(__w);),
            (Style::Unit, true) => TokenStream::new(),
            (Style::Newtype, false) => self.newtype("", &ErrPath::None, ""),
            (Style::Newtype, true) => emit_members(p, &[self.flattened(None)], None, ""),
            (Style::Tuple, true) => quote! {
                return ::core::result::Result::Err(#private::Error::custom(
                    "can only flatten structs and maps (got a tuple)",
                ));
            },
            (Style::Struct, true) => emit_members(p, &self.members(), None, ""),
            (_, false) => emit_list(p, &self.members(), self.brackets(), ("", "")),
        }
    }
}
