//! Cross-cutting checks that look at more than one attribute. Simpler checks happen while
//! parsing (attr.rs); every rule here records its error and carries on.

use crate::ast::{Container, Data, Field, Style, Variant};
use crate::ctxt::Ctxt;

pub fn check(cx: &Ctxt, cont: &Container<'_>) {
    check_tagging(cx, cont);
    check_transparent(cx, cont);
    check_repr(cx, cont);
    match &cont.data {
        Data::Struct(style, fields) => {
            if let Some(tokens) = cont.attrs.rename_all_fields.tokens() {
                cx.error_spanned_by(
                    tokens,
                    "#[serde(rename_all_fields)] can only be used on enums",
                );
            }
            check_fields(cx, *style, fields);
            if let Some(tag) = cont.attrs.tag.get() {
                check_tag_conflict(cx, tag, fields);
            }
        }
        Data::Enum(variants) => {
            for variant in variants {
                check_variant_writer(cx, variant);
                check_fields(cx, variant.style, &variant.fields);
                check_variant_tag(cx, cont, variant);
            }
        }
    }
}

/// `content` needs `tag`; `untagged` excludes both; structs take only `tag`.
/// `#[serde(content = "c")] enum E {..}` without `tag` is an error.
fn check_tagging(cx: &Ctxt, cont: &Container<'_>) {
    let attrs = &cont.attrs;
    if let (Some(tokens), None) = (attrs.content.tokens(), attrs.tag.get()) {
        cx.error_spanned_by(
            tokens,
            "#[serde(content = \"...\")] requires #[serde(tag = \"...\")] as well",
        );
    }
    if let Some(untagged) = attrs.untagged.tokens() {
        if attrs.tag.is_set() || attrs.content.is_set() {
            cx.error_spanned_by(
                untagged,
                "enum cannot be both untagged and tagged: remove #[serde(untagged)] or #[serde(tag = \"...\")]",
            );
        }
    }
    if let Data::Struct(style, _) = &cont.data {
        if let Some(tokens) = attrs.untagged.tokens() {
            cx.error_spanned_by(tokens, "#[serde(untagged)] can only be used on enums");
        }
        if let Some(tokens) = attrs.content.tokens() {
            cx.error_spanned_by(
                tokens,
                "#[serde(content = \"...\")] can only be used on enums",
            );
        }
        if let (Some(tokens), true) = (attrs.tag.tokens(), *style != Style::Struct) {
            cx.error_spanned_by(
                tokens,
                "#[serde(tag = \"...\")] can only be used on enums and structs with named fields",
            );
        }
    }
}

/// `transparent` needs a struct with exactly one written field.
fn check_transparent(cx: &Ctxt, cont: &Container<'_>) {
    let Some(tokens) = cont.attrs.transparent.tokens() else {
        return;
    };
    match &cont.data {
        Data::Enum(_) => {
            cx.error_spanned_by(tokens, "#[serde(transparent)] is not allowed on an enum");
        }
        Data::Struct(Style::Unit, _) => {
            cx.error_spanned_by(
                tokens,
                "#[serde(transparent)] is not allowed on a unit struct",
            );
        }
        Data::Struct(_, fields) => {
            let written = fields.iter().filter(|f| f.transparent_candidate()).count();
            if written != 1 {
                cx.error_spanned_by(
                    tokens,
                    format!(
                        "#[serde(transparent)] requires exactly one field that is neither skipped nor `PhantomData`, found {written}"
                    ),
                );
            }
            for field in fields {
                if let Some(tokens) = field.attrs.flatten.tokens() {
                    cx.error_spanned_by(
                        tokens,
                        "#[serde(flatten)] is not allowed in a transparent struct",
                    );
                }
            }
        }
    }
    if let Some(tag) = cont.attrs.tag.tokens() {
        cx.error_spanned_by(
            tag,
            "#[serde(transparent)] is not allowed with #[serde(tag = \"...\")]",
        );
    }
}

/// `#[pooled(repr)]` writes the discriminant: fieldless enums with `#[repr(int)]` only.
fn check_repr(cx: &Ctxt, cont: &Container<'_>) {
    let Some(tokens) = cont.attrs.repr.tokens() else {
        return;
    };
    match &cont.data {
        Data::Struct(..) => {
            cx.error_spanned_by(
                tokens,
                "#[pooled(repr)] can only be used on fieldless enums",
            );
        }
        Data::Enum(variants) => {
            for variant in variants {
                if variant.style != Style::Unit {
                    cx.error_spanned_by(
                        &variant.original.fields,
                        "#[pooled(repr)] requires every variant to be a unit variant; this one has data",
                    );
                }
            }
            if cont.repr_int.is_none() {
                cx.error_spanned_by(
                    tokens,
                    "#[pooled(repr)] requires an integer representation such as #[repr(u8)] on the enum",
                );
            }
            for other in [
                cont.attrs.tag.tokens(),
                cont.attrs.untagged.tokens(),
                cont.attrs.rename_all.tokens(),
            ]
            .into_iter()
            .flatten()
            {
                cx.error_spanned_by(
                    other,
                    "#[pooled(repr)] writes integers; this attribute has no effect with it",
                );
            }
        }
    }
}

/// Field-level conflicts: `skip` with a custom writer, several custom writers, `flatten`
/// where there are no keys to merge into.
fn check_fields(cx: &Ctxt, style: Style, fields: &[Field<'_>]) {
    for field in fields {
        let attrs = &field.attrs;
        let writers: Vec<_> = [
            attrs.serialize_with.tokens(),
            attrs.with.tokens(),
            attrs.write_with.tokens(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if attrs.skip.is_set() {
            for writer in &writers {
                cx.error_spanned_by(
                    writer,
                    "a skipped field is never written: remove #[serde(skip)] or this writer",
                );
            }
        }
        // `write_with` overrides serde's `serialize_with`/`with` (the two can coexist: serde
        // keeps its writer, this derive uses the faster one); serde's two exclude each other.
        if let (Some(_), Some(with)) = (attrs.serialize_with.tokens(), attrs.with.tokens()) {
            cx.error_spanned_by(
                with,
                "only one of `serialize_with` and `with` can be set on a field",
            );
        }
        if let Some(flatten) = attrs.flatten.tokens() {
            if style != Style::Struct {
                cx.error_spanned_by(
                    flatten,
                    "#[serde(flatten)] cannot be used on tuple fields or newtypes: there are no keys to merge into",
                );
            } else if let Some(write_with) = attrs.write_with.tokens() {
                cx.error_spanned_by(
                    write_with,
                    "#[serde(flatten)] cannot be combined with #[pooled(write_with)]: it writes one value, not members; use `serialize_with`",
                );
            }
        }
    }
}

/// A variant's serde writer: one of `serialize_with` and `with`, and not on a skipped
/// variant.
fn check_variant_writer(cx: &Ctxt, variant: &Variant<'_>) {
    let attrs = &variant.attrs;
    if let (Some(_), Some(with)) = (attrs.serialize_with.tokens(), attrs.with.tokens()) {
        cx.error_spanned_by(
            with,
            "only one of `serialize_with` and `with` can be set on a variant",
        );
    }
    if let (Some(writer), true) = (
        attrs.serialize_with.tokens().or(attrs.with.tokens()),
        attrs.skip.is_set(),
    ) {
        cx.error_spanned_by(
            writer,
            "a skipped variant is never written: remove #[serde(skip)] or this writer",
        );
    }
}

/// Internally tagged enums: no tuple variants, no field that collides with the tag.
fn check_variant_tag(cx: &Ctxt, cont: &Container<'_>, variant: &Variant<'_>) {
    let Some(tag) = cont.attrs.tag.get() else {
        return;
    };
    if cont.attrs.content.is_set()
        || variant.attrs.untagged.is_set()
        || variant.attrs.skip.is_set()
        || variant.attrs.serde_writer().is_some()
    {
        return;
    }
    if variant.style == Style::Tuple {
        cx.error_spanned_by(
            variant.original,
            "#[serde(tag = \"...\")] cannot be used with tuple variants: add #[serde(content = \"...\")] or make it a struct variant",
        );
    }
    check_tag_conflict(cx, tag, &variant.fields);
}

/// A field written under the tag's own key would produce a duplicate key.
fn check_tag_conflict(cx: &Ctxt, tag: &str, fields: &[Field<'_>]) {
    for field in fields {
        if !field.skipped() && !field.attrs.flatten.is_set() && field.name == tag {
            cx.error_spanned_by(
                field.original,
                format!("field `{tag}` conflicts with the tag of #[serde(tag = \"{tag}\")]"),
            );
        }
    }
}
