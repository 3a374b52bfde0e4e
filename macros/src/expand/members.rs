//! Objects and arrays: members written one after the other, with their commas and keys.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::flatten::flatten_call;
use super::value::{skip_condition, write_value};
use super::{raw, tri, ErrPath, Params};
use crate::ast::Field;
use crate::key::quoted;

pub(super) enum Kind<'a> {
    /// Trusted JSON text, always written (a tag and its value).
    Raw(String),
    Value {
        /// Quoted key and colon, or empty for array elements.
        key: String,
        err: ErrPath,
        access: TokenStream,
        field: &'a Field<'a>,
    },
    /// Members of another value, each with a leading comma.
    Flatten {
        access: TokenStream,
        field: &'a Field<'a>,
        /// `Enum::Variant` for the content of an internally tagged newtype variant,
        /// where serde refuses an `Option`.
        tagged: Option<String>,
    },
}

/// One member of an object or element of an array.
pub(super) struct Member<'a> {
    pub kind: Kind<'a>,
    /// Skip the member when this expression is true.
    pub skip_if: Option<TokenStream>,
}

impl Member<'_> {
    pub(super) fn always(&self) -> bool {
        self.skip_if.is_none() && !matches!(self.kind, Kind::Flatten { .. })
    }
}

/// Members written one after the other. The first gets `first_prefix` (when it is always
/// written) and every other one a leading comma; `tail` follows the last. Consecutive
/// always-written literals are fused into one write.
pub(super) fn emit_members(
    p: &Params<'_>,
    members: &[Member<'_>],
    first_prefix: Option<&str>,
    tail: &str,
) -> TokenStream {
    let mut out = TokenStream::new();
    let mut pending = String::new();
    for (index, member) in members.iter().enumerate() {
        let lead = match (index, first_prefix) {
            (0, Some(prefix)) => prefix,
            _ => ",",
        };
        let stmt = match &member.kind {
            Kind::Raw(text) => {
                pending.push_str(lead);
                pending.push_str(text);
                continue;
            }
            Kind::Value {
                key,
                err,
                access,
                field,
            } => {
                let own = format!("{lead}{key}");
                if member.skip_if.is_none() {
                    let prefix = std::mem::take(&mut pending) + &own;
                    tri(p, write_value(p, field, access, &prefix), err)
                } else {
                    out.extend(raw(p, &std::mem::take(&mut pending)));
                    tri(p, write_value(p, field, access, &own), err)
                }
            }
            Kind::Flatten {
                access,
                field,
                tagged,
            } => {
                out.extend(raw(p, &std::mem::take(&mut pending)));
                tri(
                    p,
                    flatten_call(p, access, field, tagged.as_deref()),
                    &ErrPath::None,
                )
            }
        };
        match &member.skip_if {
            Some(cond) => out.extend(quote!(if !(#cond) { #stmt })),
            None => out.extend(stmt),
        }
    }
    pending.push_str(tail);
    out.extend(raw(p, &pending));
    out
}

/// An object (`{`/`}`) or array (`[`/`]`) of `members`, between `outer_open` and
/// `outer_close`.
pub(super) fn emit_list(
    p: &Params<'_>,
    members: &[Member<'_>],
    brackets: (char, char),
    outer: (&str, &str),
) -> TokenStream {
    let private = &p.private;
    let (open, close) = brackets;
    let (outer_open, outer_close) = outer;
    match members.first() {
        None => raw(p, &format!("{outer_open}{open}{close}{outer_close}")),
        Some(first) if first.always() => emit_members(
            p,
            members,
            Some(&format!("{outer_open}{open}")),
            &format!("{close}{outer_close}"),
        ),
        Some(_) => {
            let before = raw(p, outer_open);
            let list = emit_members(p, members, None, "");
            let after = raw(p, outer_close);
            let open = Literal::u8_suffixed(open as u8);
            let close = Literal::u8_suffixed(close as u8);
            quote! {
                #before
                let __start = #private::Writer::position(__w);
                #list
                #private::Writer::close_list(__w, __start, #open, #close);
                #after
            }
        }
    }
}

/// Members for named fields; `access(i, field)` is an expression of type `&FieldType`.
pub(super) fn named_members<'a>(
    fields: &'a [Field<'a>],
    access: &dyn Fn(usize, &Field<'_>) -> TokenStream,
) -> Vec<Member<'a>> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.skipped())
        .map(|(i, field)| {
            let access = access(i, field);
            let skip_if = skip_condition(field, &access);
            let kind = if field.attrs.flatten.is_set() {
                Kind::Flatten {
                    access,
                    field,
                    tagged: None,
                }
            } else {
                Kind::Value {
                    key: format!("{}:", quoted(&field.name)),
                    err: ErrPath::Field(field.name.clone()),
                    access,
                    field,
                }
            };
            Member { kind, skip_if }
        })
        .collect()
}

/// Elements for unnamed fields.
pub(super) fn tuple_members<'a>(
    fields: &'a [Field<'a>],
    access: &dyn Fn(usize, &Field<'_>) -> TokenStream,
) -> Vec<Member<'a>> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.skipped())
        .enumerate()
        .map(|(position, (i, field))| {
            let access = access(i, field);
            Member {
                skip_if: skip_condition(field, &access),
                kind: Kind::Value {
                    key: String::new(),
                    err: ErrPath::Index(position),
                    access,
                    field,
                },
            }
        })
        .collect()
}

pub(super) fn tag_member(tag: &str, name: &str) -> Member<'static> {
    Member {
        kind: Kind::Raw(format!("{}:{}", quoted(tag), quoted(name))),
        skip_if: None,
    }
}
