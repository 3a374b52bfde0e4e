// A newtype whose field has its own serde writer, or that is written through
// `#[serde(into = "...")]`, is not written as its field: it gets no `MapKey` impl, so
// using it as a key is a compile error rather than a key written from the bare field.
use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;
use serde::Serializer;

fn upper<S: Serializer>(value: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&value.to_uppercase())
}

#[derive(PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
struct Custom(#[serde(serialize_with = "upper")] String);

#[derive(PooledSerialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(into = "String")]
struct Converted(String);

impl From<Converted> for String {
    fn from(c: Converted) -> Self {
        c.0.to_uppercase()
    }
}

#[derive(PooledSerialize)]
struct Counts {
    by_custom: BTreeMap<Custom, u32>,
    by_converted: BTreeMap<Converted, u32>,
}

fn main() {}
