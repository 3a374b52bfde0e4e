//! serde-rs/serde `test_suite/tests/test_enum_adjacently_tagged.rs`: adjacently tagged
//! enums. Every value of the file, including those only deserialized upstream.

use pooled_serialize::PooledSerialize;
use serde::Serialize;

use crate::assert_same;

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "t", content = "c")]
enum AdjacentlyTagged<T> {
    Unit,
    Newtype(T),
    Tuple(u8, u8),
    Struct { f: u8 },
}

#[derive(Serialize, PooledSerialize)]
struct NewtypeStruct(u32);

#[test]
fn unit() {
    assert_same(&AdjacentlyTagged::Unit::<u8>);
}

#[test]
fn newtype() {
    assert_same(&AdjacentlyTagged::Newtype::<Option<u8>>(None));
    assert_same(&AdjacentlyTagged::Newtype::<Option<u8>>(Some(1)));
    assert_same(&AdjacentlyTagged::Newtype::<u8>(1));
    assert_same(&AdjacentlyTagged::Newtype(NewtypeStruct(5)));
}

#[test]
fn tuple() {
    assert_same(&AdjacentlyTagged::Tuple::<u8>(1, 1));
}

#[test]
fn struct_() {
    assert_same(&AdjacentlyTagged::Struct::<u8> { f: 1 });
}

#[test]
fn struct_with_flatten() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t", content = "c")]
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
    #[serde(tag = "tag", content = "content")]
    #[serde(expecting = "something strange...")]
    enum Enum {
        AdjacentlyTagged,
    }

    assert_same(&Enum::AdjacentlyTagged);
}

#[test]
fn partially_untagged() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t", content = "c")]
    enum Data {
        A(u32),
        B,
        #[serde(untagged)]
        Var(u32),
    }

    assert_same(&Data::A(7));
    assert_same(&Data::B);
    assert_same(&Data::Var(42));
}

#[test]
fn deny_unknown_fields() {
    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t", content = "c", deny_unknown_fields)]
    enum AdjacentlyTagged {
        Unit,
    }

    assert_same(&AdjacentlyTagged::Unit);
}
