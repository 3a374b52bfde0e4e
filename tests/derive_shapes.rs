//! Differential tests: every shape, derived with both serde and PooledSerialize on the same
//! type, must serialize to exactly `serde_json::to_vec`'s bytes.

#![allow(dead_code)]

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use pooled_serialize_test_support::differential::assert_same;

#[derive(Serialize, PooledSerialize)]
struct Named<'a> {
    id: &'a str,
    price: f64,
    count: u32,
    flag: bool,
    tags: Vec<String>,
    nested: Inner,
    maybe: Option<i64>,
    cow: Cow<'a, str>,
}

#[derive(Serialize, PooledSerialize, Clone, Default, PartialEq)]
struct Inner {
    a: i8,
    b: Option<String>,
}

#[test]
fn named_struct() {
    assert_same(&Named {
        id: "x\"y",
        price: 1.5,
        count: 7,
        flag: true,
        tags: vec!["a".into(), "\u{1}".into()],
        nested: Inner { a: -3, b: None },
        maybe: Some(-1),
        cow: Cow::Borrowed("c"),
    });
}

#[derive(Serialize, PooledSerialize)]
struct Empty {}

#[derive(Serialize, PooledSerialize)]
struct Unit;

#[derive(Serialize, PooledSerialize)]
struct Newtype(String);

#[derive(Serialize, PooledSerialize)]
struct Tuple(u8, String, Option<bool>);

#[derive(Serialize, PooledSerialize)]
struct EmptyTuple();

#[derive(Serialize, PooledSerialize)]
struct TupleSkip(
    #[serde(skip)] u8,
    u16,
    #[serde(skip_serializing_if = "Option::is_none")] Option<u8>,
);

#[derive(Serialize, PooledSerialize)]
struct NewtypeSkipped(#[serde(skip)] u8);

#[test]
fn struct_shapes() {
    assert_same(&Empty {});
    assert_same(&Unit);
    assert_same(&Newtype("n".into()));
    assert_same(&Tuple(1, "t".into(), None));
    assert_same(&EmptyTuple());
    assert_same(&TupleSkip(1, 2, None));
    assert_same(&TupleSkip(1, 2, Some(3)));
    assert_same(&NewtypeSkipped(1));
}

#[derive(Serialize, PooledSerialize)]
enum External {
    Unit,
    Newtype(u32),
    Tuple(u8, String),
    Struct {
        a: u8,
        b: Option<String>,
    },
    #[serde(rename = "re\"named")]
    Renamed,
    EmptyTuple(),
    EmptyStruct {},
}

#[test]
fn externally_tagged() {
    assert_same(&External::Unit);
    assert_same(&External::Newtype(5));
    assert_same(&External::Tuple(1, "x".into()));
    assert_same(&External::Struct { a: 1, b: None });
    assert_same(&External::Renamed);
    assert_same(&External::EmptyTuple());
    assert_same(&External::EmptyStruct {});
    assert_same(&vec![External::Unit, External::Newtype(1)]);
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "type")]
enum Internal {
    Unit,
    Newtype(Inner),
    NewtypeMap(BTreeMap<String, u8>),
    NewtypeUnit(Unit),
    Struct {
        a: u8,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<String>,
    },
    EmptyStruct {},
}

#[test]
fn internally_tagged() {
    assert_same(&Internal::Unit);
    assert_same(&Internal::Newtype(Inner {
        a: 1,
        b: Some("b".into()),
    }));
    assert_same(&Internal::NewtypeMap(
        [("k".to_string(), 1)].into_iter().collect(),
    ));
    assert_same(&Internal::NewtypeMap(BTreeMap::new()));
    assert_same(&Internal::NewtypeUnit(Unit));
    assert_same(&Internal::Struct { a: 1, b: None });
    assert_same(&Internal::Struct {
        a: 1,
        b: Some("x".into()),
    });
    assert_same(&Internal::EmptyStruct {});
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    Unit,
    Newtype(String),
    Tuple(u8, u8),
    Struct { a: u8 },
    EmptyTuple(),
}

#[test]
fn adjacently_tagged() {
    assert_same(&Adjacent::Unit);
    assert_same(&Adjacent::Newtype("s".into()));
    assert_same(&Adjacent::Tuple(1, 2));
    assert_same(&Adjacent::Struct { a: 3 });
    assert_same(&Adjacent::EmptyTuple());
}

#[derive(Serialize, PooledSerialize)]
#[serde(untagged)]
enum Untagged {
    Unit,
    Newtype(String),
    Tuple(u8, u8),
    Struct { a: u8 },
}

#[test]
fn untagged() {
    assert_same(&Untagged::Unit);
    assert_same(&Untagged::Newtype("s".into()));
    assert_same(&Untagged::Tuple(1, 2));
    assert_same(&Untagged::Struct { a: 3 });
}

#[derive(Serialize, PooledSerialize)]
enum PartlyUntagged {
    Tagged(u8),
    #[serde(untagged)]
    Loose(String),
}

#[test]
fn variant_untagged() {
    assert_same(&PartlyUntagged::Tagged(1));
    assert_same(&PartlyUntagged::Loose("l".into()));
}

#[derive(Serialize, PooledSerialize)]
enum Never {}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "kind")]
struct TaggedStruct {
    a: u8,
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "kind", rename = "Re\u{1}named")]
struct TaggedRenamedStruct {
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<u8>,
}

#[test]
fn struct_tag() {
    assert_same(&TaggedStruct { a: 1 });
    assert_same(&TaggedRenamedStruct { a: None });
    assert_same(&TaggedRenamedStruct { a: Some(2) });
}

#[derive(Serialize, PooledSerialize)]
struct Generic<'a, T, U: Clone>
where
    T: Clone,
{
    t: T,
    u: Vec<U>,
    s: &'a str,
    p: PhantomData<fn() -> T>,
}

#[derive(Serialize, PooledSerialize)]
struct GenericSkipped<T> {
    #[serde(skip)]
    t: T,
    n: u8,
}

struct NotSerializable;

#[test]
fn generics() {
    assert_same(&Generic::<u8, String> {
        t: 1,
        u: vec!["u".into()],
        s: "s",
        p: PhantomData,
    });
    assert_same(&GenericSkipped {
        t: NotSerializable,
        n: 1,
    });
}

#[derive(Serialize, PooledSerialize)]
struct RawIdents {
    r#type: u8,
    r#match: &'static str,
}

#[derive(Serialize, PooledSerialize)]
#[allow(non_camel_case_types)]
enum r#enum {
    r#struct,
}

#[test]
fn raw_identifiers() {
    assert_same(&RawIdents {
        r#type: 1,
        r#match: "m",
    });
    assert_same(&r#enum::r#struct);
}

#[derive(Serialize, PooledSerialize)]
struct Maps {
    b: BTreeMap<String, u8>,
    h: HashMap<u32, bool>,
    keyed: BTreeMap<Color, u8>,
    ids: BTreeMap<Id, u8>,
}

#[derive(Serialize, PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
enum Color {
    Red,
    #[serde(rename = "gr\"een")]
    Green,
}

#[derive(Serialize, PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
struct Id(String);

#[test]
fn maps_and_keys() {
    assert_same(&Maps {
        b: [("a".to_string(), 1)].into_iter().collect(),
        h: [(7, true)].into_iter().collect(),
        keyed: [(Color::Red, 1), (Color::Green, 2)].into_iter().collect(),
        ids: [(Id("x".into()), 1)].into_iter().collect(),
    });
}
