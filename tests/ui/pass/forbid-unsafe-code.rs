// Generated code contains no `unsafe`: it compiles in a crate that forbids it, for every
// shape the derive supports.
#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
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

#[derive(PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Banner,
    Video,
}

#[derive(PooledSerialize)]
#[serde(tag = "t", content = "c")]
enum Tagged {
    A(u8),
    B { x: i32 },
}

#[derive(Clone, Copy, PooledSerialize)]
#[pooled(repr)]
#[repr(u8)]
enum Code {
    One = 1,
}

#[derive(PooledSerialize)]
struct Pair(u8, String);

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
}
