//! serde-rs/serde `test_suite/tests/test_enum_internally_tagged.rs`: internally tagged
//! enums, with every newtype payload kind serde accepts (unit, unit struct, newtype over a
//! map, map, struct, externally tagged enum) and the values only deserialized upstream.

use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use crate::assert_same;

#[derive(Serialize, PooledSerialize)]
struct Unit;

#[derive(Serialize, PooledSerialize)]
struct Newtype(BTreeMap<String, String>);

#[derive(Serialize, PooledSerialize)]
struct Struct {
    f: u8,
}

#[derive(Serialize, PooledSerialize)]
enum Enum {
    Unit,
    Newtype(u8),
    Tuple(u8, u8),
    Struct { f: u8 },
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "tag")]
enum InternallyTagged {
    Unit,
    NewtypeUnit(()),
    NewtypeUnitStruct(Unit),
    NewtypeNewtype(Newtype),
    NewtypeMap(BTreeMap<String, String>),
    NewtypeStruct(Struct),
    NewtypeEnum(Enum),
    Struct { a: u8 },
    StructEnum { enum_: Enum },
}

fn one_entry() -> BTreeMap<String, String> {
    BTreeMap::from([("field".to_string(), "value".to_string())])
}

#[test]
fn unit() {
    assert_same(&InternallyTagged::Unit);
}

#[test]
fn newtype_unit() {
    assert_same(&InternallyTagged::NewtypeUnit(()));
}

#[test]
fn newtype_unit_struct() {
    assert_same(&InternallyTagged::NewtypeUnitStruct(Unit));
}

#[test]
fn newtype_newtype() {
    assert_same(&InternallyTagged::NewtypeNewtype(Newtype(BTreeMap::new())));
    assert_same(&InternallyTagged::NewtypeNewtype(Newtype(one_entry())));
}

#[test]
fn newtype_map() {
    assert_same(&InternallyTagged::NewtypeMap(BTreeMap::new()));
    assert_same(&InternallyTagged::NewtypeMap(one_entry()));
}

#[test]
fn newtype_struct() {
    assert_same(&InternallyTagged::NewtypeStruct(Struct { f: 6 }));
}

#[test]
fn newtype_enum() {
    assert_same(&InternallyTagged::NewtypeEnum(Enum::Unit));
    assert_same(&InternallyTagged::NewtypeEnum(Enum::Newtype(1)));
    assert_same(&InternallyTagged::NewtypeEnum(Enum::Tuple(1, 1)));
    assert_same(&InternallyTagged::NewtypeEnum(Enum::Struct { f: 1 }));
}

#[test]
fn struct_() {
    assert_same(&InternallyTagged::Struct { a: 1 });
}

#[test]
fn struct_enum() {
    assert_same(&Enum::Unit);
    assert_same(&InternallyTagged::StructEnum { enum_: Enum::Unit });
    assert_same(&InternallyTagged::StructEnum {
        enum_: Enum::Newtype(1),
    });
    assert_same(&InternallyTagged::StructEnum {
        enum_: Enum::Tuple(1, 2),
    });
    assert_same(&InternallyTagged::StructEnum {
        enum_: Enum::Struct { f: 1 },
    });
}

#[test]
fn untagged_variant() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag")]
    enum InternallyTagged {
        Tagged {
            a: u8,
        },
        #[serde(untagged)]
        Untagged {
            tag: String,
            b: u8,
        },
    }

    assert_same(&InternallyTagged::Tagged { a: 1 });
    assert_same(&InternallyTagged::Untagged {
        tag: "Foo".to_owned(),
        b: 2,
    });
    assert_same(&InternallyTagged::Untagged {
        tag: "Tagged".to_owned(),
        b: 2,
    });
}

#[test]
fn string_and_bytes() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag")]
    enum InternallyTagged {
        String { string: String },
        Bytes { bytes: Vec<u8> },
    }

    assert_same(&InternallyTagged::String {
        string: "\0".to_owned(),
    });
    assert_same(&InternallyTagged::Bytes { bytes: vec![0] });
}

#[test]
fn borrow() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag")]
    enum Input<'a> {
        Package { name: &'a str },
    }

    assert_same(&Input::Package { name: "borrowed" });
}

#[test]
fn with_skipped_conflict() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag")]
    enum Data {
        A,
        #[serde(skip)]
        B {
            t: String,
        },
        C {
            #[serde(default, skip)]
            t: String,
        },
    }

    assert_same(&Data::A);
    assert_same(&Data::C { t: String::new() });
    crate::assert_both_fail(&Data::B { t: String::new() });
}

#[test]
fn containing_flatten() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag")]
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
fn expecting_message() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "tag")]
    #[serde(expecting = "something strange...")]
    enum Enum {
        InternallyTagged,
    }

    assert_same(&Enum::InternallyTagged);
}
