// Generated code contains no `unsafe`: it compiles in a crate that forbids it, for each
// shape the derive supports: structs (named, tuple, newtype, unit, generic, transparent,
// `into`), every enum representation (external, internal, adjacent, untagged, untagged
// variants, `repr`), flatten (of maps, structs and enums), skips, renames, and custom
// writers (`write_with`, `serialize_with`, `with`).
#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;
use serde::Serialize;

#[derive(PooledSerialize, Serialize)]
#[pooled(skip_serializing_none)]
struct Bid<'a> {
    id: Cow<'a, str>,
    price: f64,
    nurl: Option<&'a str>,
    #[serde(flatten)]
    ext: BTreeMap<String, u32>,
    kind: Kind,
    tagged: Tagged,
    code: Code,
}

#[derive(PooledSerialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Banner,
    Video,
}

#[derive(PooledSerialize, Serialize)]
#[serde(tag = "t", content = "c")]
enum Tagged {
    A(u8),
    B { x: i32 },
}

#[derive(Clone, Copy, PooledSerialize, Serialize)]
#[pooled(repr)]
#[repr(u8)]
enum Code {
    One = 1,
}

#[derive(PooledSerialize, Serialize)]
struct Pair(u8, String);

#[derive(PooledSerialize, Serialize)]
struct Newtype(u64);

#[derive(PooledSerialize, Serialize)]
struct Unit;

#[derive(PooledSerialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Generic<'a, T> {
    some_items: &'a [T],
    #[serde(skip_serializing_if = "Option::is_none")]
    maybe: Option<T>,
    #[serde(skip)]
    skipped: u8,
    #[serde(rename = "r")]
    renamed: bool,
    #[serde(flatten)]
    inner: Inner,
    #[serde(flatten)]
    internal: Internal,
    #[serde(flatten)]
    mixed: Mixed,
}

#[derive(PooledSerialize, Serialize)]
struct Inner {
    deep: i8,
}

#[derive(PooledSerialize, Serialize)]
#[serde(tag = "kind")]
enum Internal {
    Unit,
    Struct { a: u8 },
    Newtype(Inner),
}

#[derive(PooledSerialize, Serialize)]
#[serde(untagged)]
enum Untagged {
    Num(u8),
    Text(String),
    Tuple(u8, u8),
    Struct { a: u8 },
    Nothing,
}

#[derive(PooledSerialize, Serialize)]
enum External {
    Unit,
    Newtype(u8),
    Tuple(u8, u8),
    Struct { a: u8 },
    #[serde(untagged)]
    Bare(String),
}

#[derive(PooledSerialize, Serialize)]
#[serde(tag = "t")]
enum Mixed {
    Tagged { a: u8 },
    #[serde(untagged)]
    Bare { b: u8 },
}

#[derive(PooledSerialize, Serialize)]
#[serde(transparent)]
struct Transparent {
    inner: Vec<u8>,
}

#[derive(Clone, PooledSerialize, Serialize)]
#[serde(into = "Transparent")]
struct Converted(u8);

impl From<Converted> for Transparent {
    fn from(c: Converted) -> Self {
        Transparent { inner: vec![c.0] }
    }
}

fn as_hex<S: serde::Serializer>(v: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{v:#x}"))
}

mod upper {
    pub fn serialize<S: serde::Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_uppercase())
    }
}

fn pooled_hex(v: &u32, w: &mut pooled_serialize::Writer) -> Result<(), pooled_serialize::Error> {
    w.write_str(&format!("{v:#x}"));
    Ok(())
}

#[derive(PooledSerialize, Serialize)]
struct Custom {
    #[serde(serialize_with = "as_hex")]
    hex: u32,
    #[serde(with = "upper")]
    up: String,
    #[serde(serialize_with = "as_hex")]
    #[pooled(write_with = "pooled_hex")]
    pooled: u32,
}

fn main() {
    let bid = Bid {
        id: "1".into(),
        price: 1.5,
        nurl: None,
        ext: BTreeMap::new(),
        kind: Kind::Video,
        tagged: Tagged::B { x: 1 },
        code: Code::One,
    };
    let json = pooled_serialize::to_pooled_json(&bid).unwrap();
    assert!(json.as_str().starts_with("{\"id\":\"1\""));
    let _ = pooled_serialize::to_pooled_json(&(Pair(1, "x".into()), Tagged::A(2), Kind::Banner));
    let generic = Generic {
        some_items: &[1u8, 2],
        maybe: Some(3),
        skipped: 0,
        renamed: true,
        inner: Inner { deep: -1 },
        internal: Internal::Struct { a: 1 },
        mixed: Mixed::Bare { b: 2 },
    };
    same(&generic);
    same(&(
        (Newtype(1), Unit, Transparent { inner: vec![2] }, Converted(3)),
        [Untagged::Num(1), Untagged::Text("t".into()), Untagged::Tuple(1, 2)],
        [Untagged::Struct { a: 1 }, Untagged::Nothing],
        [External::Unit, External::Newtype(1), External::Tuple(1, 2)],
        [External::Struct { a: 1 }, External::Bare("b".into())],
        [Internal::Unit, Internal::Newtype(Inner { deep: 0 })],
        Custom { hex: 255, up: "u".into(), pooled: 16 },
    ));
}

/// Byte-identical to serde_json.
fn same<T: Serialize + PooledSerialize>(value: &T) {
    let json = pooled_serialize::to_pooled_json(value).unwrap();
    assert_eq!(json.as_str(), serde_json::to_string(value).unwrap());
}
