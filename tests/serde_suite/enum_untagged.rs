//! serde-rs/serde `test_suite/tests/test_enum_untagged.rs`: untagged enums. The
//! deserialize-only cases (other input forms, `expecting`) keep their types and values.

use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use crate::assert_same;

#[test]
fn complex() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum Untagged {
        A { a: u8 },
        B { b: u8 },
        C,
        D(u8),
        E(String),
        F(u8, u8),
    }

    assert_same(&Untagged::A { a: 1 });
    assert_same(&Untagged::B { b: 2 });
    assert_same(&Untagged::C);
    assert_same(&Untagged::D(4));
    assert_same(&Untagged::E("e".to_owned()));
    assert_same(&Untagged::F(1, 2));
}

#[test]
fn newtype_unit_and_empty_map() {
    #[derive(Serialize, PooledSerialize)]
    struct Unit;

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum Message {
        Unit(Unit),
        Map(BTreeMap<String, String>),
    }

    assert_same(&Message::Map(BTreeMap::new()));
    assert_same(&Message::Map(BTreeMap::from([("k".into(), "v".into())])));
    assert_same(&Message::Unit(Unit));
}

#[test]
fn newtype_struct() {
    #[derive(Serialize, PooledSerialize)]
    struct NewtypeStruct(u32);

    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum E {
        Newtype(NewtypeStruct),
        Null,
    }

    assert_same(&E::Newtype(NewtypeStruct(5)));
    assert_same(&E::Null);
}

#[test]
fn newtype_enum() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum Outer {
        Inner(Inner),
    }

    #[derive(Serialize, PooledSerialize)]
    enum Inner {
        Unit,
        Newtype(u8),
        Tuple0(),
        Tuple2(u8, u8),
        Struct { f: u8 },
        EmptyStruct {},
    }

    assert_same(&Outer::Inner(Inner::Unit));
    assert_same(&Outer::Inner(Inner::Newtype(1)));
    assert_same(&Outer::Inner(Inner::Tuple0()));
    assert_same(&Outer::Inner(Inner::Tuple2(1, 1)));
    assert_same(&Outer::Inner(Inner::Struct { f: 1 }));
    assert_same(&Outer::Inner(Inner::EmptyStruct {}));
}

#[test]
fn with_optional_field() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum Enum {
        Struct { optional: Option<u32> },
        Null,
    }

    assert_same(&Enum::Struct { optional: Some(42) });
    assert_same(&Enum::Struct { optional: None });
    assert_same(&Enum::Null);
}

#[test]
fn string_and_bytes() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum Untagged {
        String { string: String },
        Bytes { bytes: Vec<u8> },
    }

    assert_same(&Untagged::String {
        string: "\0".to_owned(),
    });
    assert_same(&Untagged::Bytes { bytes: vec![0] });
}

#[test]
fn contains_flatten() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    enum Data {
        A {
            a: i32,
            #[serde(flatten)]
            flat: Flat,
        },
    }

    #[derive(Serialize, PooledSerialize)]
    struct Flat {
        b: i32,
    }

    assert_same(&Data::A {
        a: 0,
        flat: Flat { b: 0 },
    });
}

#[test]
fn contains_flatten_with_integer_key() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    pub enum Untagged {
        Variant {
            #[serde(flatten)]
            map: BTreeMap<u64, String>,
        },
    }

    assert_same(&Untagged::Variant {
        map: BTreeMap::from([(100, "BTreeMap".to_owned())]),
    });
}

#[test]
fn expecting_message() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(untagged)]
    #[serde(expecting = "something strange...")]
    enum Enum {
        Untagged,
    }

    assert_same(&Enum::Untagged);
}
