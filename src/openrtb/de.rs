//! Deserialization helpers that serde's defaults do not cover.
//!
//! serde borrows a `Cow<'a, str>` only when it is the field's whole type and the field
//! carries `#[serde(borrow)]`; inside an `Option` or a `Vec` it always allocates. These
//! functions borrow in those positions too (when the input holds the string without
//! escapes), and keep an explicit JSON `null` in `ext` instead of turning it into "absent".

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

/// Visits a string, borrowing it from the input when the deserializer can.
struct CowStrVisitor;

impl<'de> Visitor<'de> for CowStrVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// A `Cow<str>` that deserializes borrowed where it can.
struct BorrowedStr<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for BorrowedStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CowStrVisitor).map(BorrowedStr)
    }
}

/// `Option<Cow<str>>`, borrowed where possible; `null` reads as `None`.
pub(crate) fn opt_cow_str<'de, D>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Option::<BorrowedStr<'de>>::deserialize(deserializer)?.map(|s| s.0))
}

/// `Option<Vec<Cow<str>>>`, each element borrowed where possible; `null` reads as `None`.
pub(crate) fn opt_vec_cow_str<'de, D>(
    deserializer: D,
) -> Result<Option<Vec<Cow<'de, str>>>, D::Error>
where
    D: Deserializer<'de>,
{
    struct SeqVisitor;

    impl<'de> Visitor<'de> for SeqVisitor {
        type Value = Vec<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of strings")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element::<BorrowedStr<'de>>()? {
                out.push(item.0);
            }
            Ok(out)
        }
    }

    struct Seq<'de>(Vec<Cow<'de, str>>);

    impl<'de> Deserialize<'de> for Seq<'de> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_seq(SeqVisitor).map(Seq)
        }
    }

    Ok(Option::<Seq<'de>>::deserialize(deserializer)?.map(|s| s.0))
}

/// `ext`: any JSON value, with an explicit `null` kept as `Some(Value::Null)` so that it
/// is written back (an absent `ext` is `None` through `#[serde(default)]`).
pub(crate) fn ext<'de, D>(deserializer: D) -> Result<Option<serde_json::Value>, D::Error>
where
    D: Deserializer<'de>,
{
    serde_json::Value::deserialize(deserializer).map(Some)
}
