//! Flattened types whose members the derive writes as their object minus its braces:
//! structs whose first member is always written and enums whose every variant is an object
//! (internally or adjacently tagged, or externally tagged without unit variants). Each
//! output is compared with serde_json's, through `to_string`, `to_vec` and `write_to_vec`.

#![allow(dead_code)]

use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;
use serde::Serialize;

fn same<T: Serialize + PooledSerialize + ?Sized>(value: &T) {
    let expected = serde_json::to_string(value).expect("serde_json serializes it");
    let actual = pooled_serialize::to_string(value).expect("pooled_serialize serializes it");
    assert_eq!(actual, expected);
    let bytes = pooled_serialize::to_vec(value).expect("pooled_serialize serializes it");
    assert_eq!(bytes, expected.as_bytes());
    let mut out = b"x".to_vec();
    pooled_serialize::write_to_vec(value, &mut out).expect("pooled_serialize serializes it");
    assert_eq!(&out[1..], expected.as_bytes());
}

#[derive(Serialize, PooledSerialize)]
struct Inner {
    id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize, PooledSerialize)]
struct Empty {}

#[derive(Serialize, PooledSerialize)]
struct AllSkipped {
    #[serde(skip)]
    hidden: u32,
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "type")]
struct Tagged {
    size: u8,
}

#[derive(Serialize, PooledSerialize)]
enum External {
    Newtype(Inner),
    Map(BTreeMap<String, u32>),
    Tuple(u32, String),
    Struct { a: u32, b: Option<bool> },
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t")]
enum Internal {
    Unit,
    Newtype(Inner),
    Empty(Empty),
    Struct { a: u32 },
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    Unit,
    Newtype(Inner),
    Tuple(u32, u32),
    Struct { a: u32 },
}

#[derive(Serialize, PooledSerialize)]
struct Outer<T> {
    first: u32,
    #[serde(flatten)]
    flat: T,
    last: &'static str,
}

fn outer<T>(flat: T) -> Outer<T> {
    Outer {
        first: 1,
        flat,
        last: "end",
    }
}

#[test]
fn structs() {
    same(&outer(Inner { id: 7, note: None }));
    same(&outer(Inner {
        id: 7,
        note: Some("a \"note\"".to_owned()),
    }));
    same(&outer(Empty {}));
    same(&outer(AllSkipped { hidden: 3 }));
    same(&outer(Tagged { size: 2 }));
    same(&outer(Some(Inner { id: 1, note: None })));
}

#[test]
fn externally_tagged_enum() {
    same(&outer(External::Newtype(Inner { id: 2, note: None })));
    same(&outer(External::Map(BTreeMap::from([("k".to_owned(), 3)]))));
    same(&outer(External::Tuple(4, "s".to_owned())));
    same(&outer(External::Struct { a: 5, b: None }));
}

#[test]
fn internally_tagged_enum() {
    same(&outer(Internal::Unit));
    same(&outer(Internal::Newtype(Inner {
        id: 6,
        note: Some(String::new()),
    })));
    same(&outer(Internal::Empty(Empty {})));
    same(&outer(Internal::Struct { a: 8 }));
}

#[test]
fn adjacently_tagged_enum() {
    same(&outer(Adjacent::Unit));
    same(&outer(Adjacent::Newtype(Inner { id: 9, note: None })));
    same(&outer(Adjacent::Tuple(1, 2)));
    same(&outer(Adjacent::Struct { a: 3 }));
}

#[test]
fn tagged_variant_over_a_struct() {
    same(&Internal::Newtype(Inner { id: 10, note: None }));
    same(&Internal::Empty(Empty {}));
}
