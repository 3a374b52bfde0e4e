//! Deserialization helpers that serde's defaults do not cover.
//!
//! serde borrows a `Cow<'a, str>` only when it is the field's whole type and the field
//! carries `#[serde(borrow)]`; inside an `Option` or a `Vec` it always allocates. These
//! functions borrow in those positions too (when the input holds the string without
//! escapes), and keep an explicit JSON `null` in `ext` instead of turning it into "absent".

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
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

/// A member the spec types as a string, as it came: the string (borrowed where possible) or
/// any other JSON value, so that a deviation from the spec can be kept rather than refused.
pub(crate) enum StrOrValue<'de> {
    Str(Cow<'de, str>),
    Other(serde_json::Value),
}

impl<'de> Deserialize<'de> for StrOrValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyVisitor;

        impl<'de> Visitor<'de> for AnyVisitor {
            type Value = StrOrValue<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(StrOrValue::Str(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StrOrValue::Str(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(StrOrValue::Str(Cow::Owned(v)))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(StrOrValue::Other(v.into()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(StrOrValue::Other(v.into()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(StrOrValue::Other(v.into()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(StrOrValue::Other(v.into()))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(StrOrValue::Other(serde_json::Value::Null))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                let seq = de::value::SeqAccessDeserializer::new(seq);
                serde_json::Value::deserialize(seq).map(StrOrValue::Other)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let map = de::value::MapAccessDeserializer::new(map);
                serde_json::Value::deserialize(map).map(StrOrValue::Other)
            }
        }

        deserializer.deserialize_any(AnyVisitor)
    }
}

/// A present member read as [`StrOrValue`], an explicit `null` included (kept as
/// `Other(Null)` so that it is written back); an absent one is `None` through
/// `#[serde(default)]`.
pub(crate) fn str_or_value<'de, D>(deserializer: D) -> Result<Option<StrOrValue<'de>>, D::Error>
where
    D: Deserializer<'de>,
{
    StrOrValue::deserialize(deserializer).map(Some)
}
