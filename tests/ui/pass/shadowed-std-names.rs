//! Generated code must not pick up user items that shadow std names (serde's test_gen).

#![deny(warnings, unused_qualifications)]
#![allow(dead_code)]

use pooled_serialize::PooledSerialize;

struct Result;
struct Ok;
struct Err;
struct Option;
struct Some;
struct None;
struct Vec;
struct String;
struct Box;
trait Clone {}
trait Default {}
trait PartialEq {}
mod core {}

#[derive(PooledSerialize)]
#[serde(tag = "t")]
enum Message<'a> {
    Text { body: &'a str, len: usize },
    Ping {},
}

#[derive(PooledSerialize)]
#[pooled(skip_serializing_none)]
struct Envelope<'a> {
    #[pooled(skip_serializing_default)]
    id: u64,
    message: Message<'a>,
    trace: std::option::Option<&'a str>,
    #[serde(flatten)]
    extra: std::collections::BTreeMap<&'a str, u8>,
    #[serde(flatten)]
    pairs: Pairs,
    #[serde(flatten)]
    nested: Nested,
}

#[derive(PooledSerialize)]
struct Nested {
    #[pooled(skip_serializing_default)]
    n: u8,
}

/// A map type known only through `&Pairs: IntoIterator<Item = (&K, &V)>`.
struct Pairs(std::vec::Vec<(&'static str, u8)>);

impl<'a> IntoIterator for &'a Pairs {
    type Item = (&'a &'static str, &'a u8);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (&'static str, u8)>,
        fn(&'a (&'static str, u8)) -> (&'a &'static str, &'a u8),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

fn main() {
    let value = Envelope {
        id: 0,
        message: Message::Text { body: "hi", len: 2 },
        trace: std::option::Option::None,
        extra: std::collections::BTreeMap::new(),
        pairs: Pairs(std::vec![("p", 1)]),
        nested: Nested { n: 0 },
    };
    assert_eq!(
        pooled_serialize::to_string(&value).unwrap(),
        r#"{"message":{"t":"Text","body":"hi","len":2},"p":1}"#
    );
}
