//! Differential tests for every attribute: the same type derives serde's `Serialize` and
//! `PooledSerialize`, and the bytes must equal `serde_json::to_vec`'s.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};

use pooled_serialize::PooledSerialize;
use serde::{Serialize, Serializer};

use pooled_serialize_test_support::differential::assert_same;

macro_rules! rename_all_cases {
    ($($module:ident => $case:literal,)*) => {$(
        mod $module {
            use super::*;

            #[derive(Serialize, PooledSerialize)]
            #[serde(rename_all = $case)]
            pub struct Fields {
                pub snake_case_field: u8,
                pub a: u8,
                pub z42_x: u8,
                pub r#type: u8,
            }

            #[derive(Serialize, PooledSerialize)]
            #[serde(rename_all = $case)]
            pub enum Variants {
                VeryTasty,
                A,
                Z42,
                HTTPServer,
                Newtype(u8),
            }

            #[derive(Serialize, PooledSerialize)]
            #[serde(rename_all_fields = $case)]
            pub enum AllFields {
                #[serde(rename_all = "SCREAMING-KEBAB-CASE")]
                Overridden { some_field: u8 },
                Plain { some_field: u8, other_one: u8 },
            }

            #[test]
            fn rename_all() {
                assert_same(&Fields { snake_case_field: 1, a: 2, z42_x: 3, r#type: 4 });
                for v in [Variants::VeryTasty, Variants::A, Variants::Z42, Variants::HTTPServer, Variants::Newtype(1)] {
                    assert_same(&v);
                }
                assert_same(&AllFields::Overridden { some_field: 1 });
                assert_same(&AllFields::Plain { some_field: 1, other_one: 2 });
            }
        }
    )*};
}

rename_all_cases! {
    lowercase => "lowercase",
    uppercase => "UPPERCASE",
    pascal => "PascalCase",
    camel => "camelCase",
    snake => "snake_case",
    screaming_snake => "SCREAMING_SNAKE_CASE",
    kebab => "kebab-case",
    screaming_kebab => "SCREAMING-KEBAB-CASE",
}

#[derive(Serialize, PooledSerialize)]
#[serde(
    deny_unknown_fields,
    rename(serialize = "Ser", deserialize = "De"),
    default
)]
#[derive(Default)]
struct Renames<'a> {
    #[serde(rename = "a\"b\\c\u{1}\u{1f}\n\u{7f}é😀")]
    escaped: u8,
    #[serde(rename(serialize = "ser_only", deserialize = "de_only"))]
    split: u8,
    #[serde(rename(deserialize = "de_only2"))]
    de_rename_only: u8,
    #[serde(alias = "x", default, skip_deserializing)]
    ignored_keys: String,
    #[serde(borrow, deserialize_with = "no_such_fn")]
    cow: std::borrow::Cow<'a, str>,
}

#[test]
fn renames_and_ignored_keys() {
    assert_same(&Renames::default());
    // The `pooled` spelling of a key works alone too.
    #[derive(PooledSerialize)]
    struct PooledOnly {
        #[pooled(rename = "pooled_named")]
        a: u8,
    }
    let json = pooled_serialize::to_string(&PooledOnly { a: 1 }).unwrap();
    assert_eq!(json, serde_json::json!({ "pooled_named": 1 }).to_string());
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

#[derive(Serialize, PooledSerialize)]
struct Skips {
    #[serde(skip)]
    skipped: u8,
    #[serde(skip_serializing)]
    skipped_ser: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    opt: Option<String>,
    #[serde(skip_serializing_if = "is_zero")]
    n: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    v: Vec<u8>,
}

#[derive(Serialize, PooledSerialize)]
struct AllOptional {
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<u8>,
    c: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<u8>,
}

#[test]
fn skips() {
    for opt in [None, Some("o".to_string())] {
        for n in [0, 5] {
            for v in [vec![], vec![1]] {
                assert_same(&Skips {
                    skipped: 1,
                    skipped_ser: 2,
                    opt: opt.clone(),
                    n,
                    v,
                });
            }
        }
    }
    for a in [None, Some(1)] {
        for b in [None, Some(2)] {
            for d in [None, Some(4)] {
                assert_same(&AllOptional { a, b, c: 3, d });
            }
        }
    }
}

#[derive(Serialize, PooledSerialize)]
#[pooled(skip_serializing_none)]
struct NoneSkipped {
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: std::option::Option<String>,
    c: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<Option<u8>>,
}

#[test]
fn skip_serializing_none() {
    assert_same(&NoneSkipped {
        a: None,
        b: None,
        c: 1,
        d: None,
    });
    assert_same(&NoneSkipped {
        a: Some(1),
        b: Some("b".into()),
        c: 1,
        d: Some(None),
    });
    // And it really is the pooled attribute doing the skipping.
    #[derive(PooledSerialize)]
    #[pooled(skip_serializing_none)]
    struct OnlyPooled {
        a: Option<u8>,
        b: u8,
    }
    let json = pooled_serialize::to_string(&OnlyPooled { a: None, b: 1 }).unwrap();
    let expected = serde_json::json!({ "b": 1 }).to_string();
    assert_eq!(json, expected);
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Serialize, PooledSerialize)]
struct DefaultsSkipped {
    #[serde(skip_serializing_if = "is_default")]
    #[pooled(skip_serializing_default)]
    a: u32,
    #[serde(skip_serializing_if = "is_default")]
    #[pooled(skip_serializing_default)]
    s: String,
    b: u8,
}

#[derive(Serialize, PooledSerialize)]
#[pooled(skip_serializing_default)]
struct DefaultsSkippedEverywhere {
    #[serde(skip_serializing_if = "is_default")]
    a: u32,
    #[serde(skip_serializing_if = "is_default")]
    s: String,
    #[serde(skip_serializing_if = "is_default")]
    inner: Skippable,
}

#[derive(Serialize, PooledSerialize, Default, PartialEq)]
struct Skippable {
    x: u8,
}

#[test]
fn skip_serializing_default() {
    assert_same(&DefaultsSkipped {
        a: 0,
        s: String::new(),
        b: 1,
    });
    assert_same(&DefaultsSkipped {
        a: 1,
        s: "s".into(),
        b: 1,
    });
    assert_same(&DefaultsSkippedEverywhere {
        a: 0,
        s: String::new(),
        inner: Skippable { x: 0 },
    });
    assert_same(&DefaultsSkippedEverywhere {
        a: 2,
        s: "x".into(),
        inner: Skippable { x: 1 },
    });
}

#[derive(Serialize, PooledSerialize)]
struct Outer {
    id: u8,
    #[serde(flatten)]
    inner: Flat,
    #[serde(flatten)]
    map: BTreeMap<String, u8>,
    #[serde(flatten)]
    hash: HashMap<u8, bool>,
    #[serde(flatten)]
    opt: Option<Flat2>,
    #[serde(flatten)]
    boxed: Box<Flat3>,
    tail: bool,
}

#[derive(Serialize, PooledSerialize)]
struct Flat {
    a: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<u8>,
    #[serde(flatten)]
    deeper: Flat3,
}

#[derive(Clone, Serialize, PooledSerialize)]
struct Flat2 {
    c: String,
}

#[derive(Serialize, PooledSerialize)]
#[serde(tag = "kind")]
struct Flat3 {
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<u8>,
}

#[derive(Serialize, PooledSerialize)]
struct FlattenFirst {
    #[serde(flatten)]
    map: BTreeMap<String, u8>,
    x: u8,
}

#[derive(Serialize, PooledSerialize)]
struct OnlyFlatten {
    #[serde(flatten)]
    map: BTreeMap<String, u8>,
}

#[derive(Serialize, PooledSerialize)]
struct FlattenEnums {
    #[serde(flatten)]
    external: External,
    #[serde(flatten)]
    internal: Internal,
    #[serde(flatten)]
    adjacent: Adjacent,
    #[serde(flatten)]
    untagged: Untagged,
    #[serde(flatten)]
    unit: UnitStruct,
}

#[derive(Clone, Serialize, PooledSerialize)]
struct UnitStruct;

#[derive(Clone, Serialize, PooledSerialize)]
enum External {
    Unit,
    Newtype(u8),
    Tuple(u8, u8),
    Struct { e: u8 },
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(tag = "t")]
enum Internal {
    Unit,
    Newtype(Flat2),
    Struct { i: u8 },
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(tag = "at", content = "ac")]
enum Adjacent {
    Unit,
    Newtype(u8),
    Tuple(u8, u8),
    Struct { j: u8 },
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(untagged)]
enum Untagged {
    Unit,
    Newtype(Flat2),
    Struct { k: u8 },
}

/// Any map whose `&M` iterates `(&K, &V)` flattens, with no impl of its own.
#[cfg(feature = "serde_json")]
#[test]
fn flatten_serde_json_map() {
    #[derive(Serialize, PooledSerialize)]
    struct WithJson {
        id: u8,
        #[serde(flatten)]
        json: serde_json::Map<String, serde_json::Value>,
        #[serde(flatten)]
        unknown: serde_json::Map<String, serde_json::Value>,
    }
    let mut json = serde_json::Map::new();
    json.insert("j\"son".into(), serde_json::json!([1, {"x": null}]));
    json.insert("n".into(), serde_json::json!(1.5));
    assert_same(&WithJson {
        id: 1,
        json,
        unknown: serde_json::Map::new(),
    });
}

#[test]
fn flatten() {
    for (map, opt) in [
        (BTreeMap::new(), None),
        (
            [("m".to_string(), 1), ("n".to_string(), 2)]
                .into_iter()
                .collect(),
            Some(Flat2 { c: "c".into() }),
        ),
    ] {
        assert_same(&Outer {
            id: 1,
            inner: Flat {
                a: 2,
                b: None,
                deeper: Flat3 { d: Some(4) },
            },
            map: map.clone(),
            hash: [(9, true)].into_iter().collect(),
            opt,
            boxed: Box::new(Flat3 { d: None }),
            tail: true,
        });
        assert_same(&FlattenFirst {
            map: map.clone(),
            x: 1,
        });
        assert_same(&OnlyFlatten { map });
    }
    let externals = [
        External::Unit,
        External::Newtype(1),
        External::Tuple(1, 2),
        External::Struct { e: 3 },
    ];
    let internals = [
        Internal::Unit,
        Internal::Newtype(Flat2 { c: "c".into() }),
        Internal::Struct { i: 4 },
    ];
    let adjacents = [
        Adjacent::Unit,
        Adjacent::Newtype(1),
        Adjacent::Tuple(1, 2),
        Adjacent::Struct { j: 5 },
    ];
    let untaggeds = [
        Untagged::Unit,
        Untagged::Newtype(Flat2 { c: "u".into() }),
        Untagged::Struct { k: 6 },
    ];
    // Each alone, then every combination flattened into one struct (some have duplicate
    // keys; serde_json writes them as they come).
    externals.iter().for_each(assert_same);
    internals.iter().for_each(assert_same);
    adjacents.iter().for_each(assert_same);
    untaggeds.iter().for_each(assert_same);
    let mut combinations = 0;
    for external in &externals {
        for internal in &internals {
            for adjacent in &adjacents {
                for untagged in &untaggeds {
                    assert_same(&FlattenEnums {
                        external: external.clone(),
                        internal: internal.clone(),
                        adjacent: adjacent.clone(),
                        untagged: untagged.clone(),
                        unit: UnitStruct,
                    });
                    combinations += 1;
                }
            }
        }
    }
    assert_eq!(combinations, 4 * 3 * 4 * 3);
}

#[derive(Clone, Serialize, PooledSerialize)]
enum ExternalWithUntagged {
    Tagged(u8),
    #[serde(untagged)]
    BareStruct {
        u: u8,
    },
    #[serde(untagged)]
    BareNewtype(String),
    #[serde(untagged)]
    BareTuple(u8, u8),
    #[serde(untagged)]
    BareUnit,
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(tag = "t")]
enum InternalWithUntagged {
    Tagged {
        i: u8,
    },
    #[serde(untagged)]
    BareStruct {
        u: u8,
    },
    #[serde(untagged)]
    BareNewtype(Flat2),
}

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(tag = "t", content = "c")]
enum AdjacentWithUntagged {
    Tagged(u8),
    #[serde(untagged)]
    BareStruct {
        u: u8,
    },
    #[serde(untagged)]
    BareTuple(u8, u8),
    #[serde(untagged)]
    BareUnit,
}

#[derive(Serialize, PooledSerialize)]
struct FlattenUntaggedVariants {
    id: u8,
    #[serde(flatten)]
    internal: InternalWithUntagged,
    #[serde(flatten)]
    adjacent: AdjacentWithUntagged,
}

#[test]
fn untagged_variants_inside_tagged_enums() {
    let externals = [
        ExternalWithUntagged::Tagged(1),
        ExternalWithUntagged::BareStruct { u: 2 },
        ExternalWithUntagged::BareNewtype("n".into()),
        ExternalWithUntagged::BareTuple(3, 4),
        ExternalWithUntagged::BareUnit,
    ];
    let internals = [
        InternalWithUntagged::Tagged { i: 1 },
        InternalWithUntagged::BareStruct { u: 2 },
        InternalWithUntagged::BareNewtype(Flat2 { c: "c".into() }),
    ];
    let adjacents = [
        AdjacentWithUntagged::Tagged(1),
        AdjacentWithUntagged::BareStruct { u: 2 },
        AdjacentWithUntagged::BareTuple(3, 4),
        AdjacentWithUntagged::BareUnit,
    ];
    externals.iter().for_each(assert_same);
    internals.iter().for_each(assert_same);
    adjacents.iter().for_each(assert_same);
    assert_same(&externals);
    // Flattened: the variants that serialize as maps (serde refuses the others).
    for internal in &internals {
        for adjacent in &adjacents[..2] {
            assert_same(&FlattenUntaggedVariants {
                id: 9,
                internal: internal.clone(),
                adjacent: adjacent.clone(),
            });
        }
    }
}

#[cfg(feature = "serde_json")]
mod custom_writers {
    use super::*;
    use pooled_serialize::{Error, Writer};

    pub fn as_hex<S: Serializer>(v: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:#x}"))
    }

    pub mod upper {
        use serde::Serializer;

        pub fn serialize<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&v.to_uppercase())
        }
    }

    pub fn pooled_hex(v: &u32, w: &mut Writer) -> Result<(), Error> {
        w.write_str(&format!("{v:#x}"));
        Ok(())
    }

    #[derive(Serialize, PooledSerialize)]
    pub struct Custom {
        #[serde(serialize_with = "as_hex")]
        pub hex: u32,
        #[serde(with = "upper")]
        pub up: String,
        #[serde(serialize_with = "as_hex")]
        #[pooled(skip_serializing_default)]
        #[serde(skip_serializing_if = "is_zero")]
        pub opt_hex: u32,
        #[serde(serialize_with = "as_hex")]
        #[pooled(write_with = "pooled_hex")]
        pub both: u32,
    }

    #[derive(Serialize, PooledSerialize)]
    pub enum InVariants {
        A(#[serde(serialize_with = "as_hex")] u32),
        B {
            #[serde(with = "upper")]
            s: String,
        },
    }
}

#[cfg(feature = "serde_json")]
#[test]
fn serialize_with_and_write_with() {
    use custom_writers::*;
    for opt_hex in [0, 255] {
        let value = Custom {
            hex: 255,
            up: "abc".into(),
            opt_hex,
            both: 16,
        };
        let expected = serde_json::to_vec(&value).unwrap();
        let actual = pooled_serialize::to_vec(&value).unwrap();
        assert_eq!(
            String::from_utf8(actual).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
    assert_same(&InVariants::A(10));
    assert_same(&InVariants::B { s: "x".into() });
}

#[derive(Serialize, PooledSerialize)]
#[serde(transparent)]
struct Transparent {
    inner: Vec<u8>,
}

#[derive(Serialize, PooledSerialize)]
#[serde(transparent)]
struct TransparentWithSkipped<T> {
    #[serde(skip)]
    marker: Option<T>,
    value: String,
}

#[derive(Serialize, PooledSerialize, Clone)]
#[serde(into = "Transparent")]
struct Converted(u8);

impl From<Converted> for Transparent {
    fn from(c: Converted) -> Self {
        Transparent {
            inner: vec![c.0, c.0],
        }
    }
}

#[test]
fn transparent_and_into() {
    assert_same(&Transparent { inner: vec![1, 2] });
    assert_same(&TransparentWithSkipped::<u8> {
        marker: None,
        value: "v".into(),
    });
    assert_same(&Converted(3));
}

/// What serde_repr derives: the discriminant through `serialize_u8` and friends.
macro_rules! repr_enum {
    ($name:ident: $int:ident { $($variant:ident $(= $value:expr)?),* }) => {
        #[derive(PooledSerialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[pooled(repr)]
        #[repr($int)]
        enum $name { $($variant $(= $value)?),* }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                Serialize::serialize(&(*self as $int), s)
            }
        }
    };
}

repr_enum!(ApiFramework: u8 { Vpaid1 = 1, Vpaid2, Mraid1, Max = 255 });
repr_enum!(Signed: i32 { Neg = -5, Zero = 0, Big = 1_000_000 });
repr_enum!(Wide: i128 { Min = i128::MIN, One = 1 });
repr_enum!(Implicit: u16 { A, B, C });

/// Without `#[pooled(repr)]`, a `#[repr(u8)]` enum is written by name, as serde does.
#[derive(Serialize, PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
enum ReprByName {
    A = 1,
    B = 7,
}

#[test]
fn repr_enums() {
    assert_same(&[ReprByName::A, ReprByName::B]);
    let by_name: BTreeMap<ReprByName, u8> = [(ReprByName::B, 1)].into_iter().collect();
    assert_same(&by_name);
    assert_same(&[
        ApiFramework::Vpaid1,
        ApiFramework::Vpaid2,
        ApiFramework::Mraid1,
        ApiFramework::Max,
    ]);
    assert_same(&[Signed::Neg, Signed::Zero, Signed::Big]);
    assert_same(&[Wide::Min, Wide::One]);
    assert_same(&[Implicit::A, Implicit::B, Implicit::C]);
    // As map keys serde_json quotes them.
    let keys: BTreeMap<Signed, u8> = [(Signed::Neg, 1), (Signed::Big, 2)].into_iter().collect();
    assert_same(&keys);
}

#[derive(Serialize, PooledSerialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
enum KeyEnum {
    FirstKey,
    #[serde(rename = "sec\"ond")]
    Second,
}

#[derive(Serialize, PooledSerialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct KeyNewtype(u64);

#[derive(Serialize, PooledSerialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(transparent)]
struct KeyTransparent {
    id: String,
}

#[test]
fn map_keys() {
    let a: BTreeMap<KeyEnum, u8> = [(KeyEnum::FirstKey, 1), (KeyEnum::Second, 2)]
        .into_iter()
        .collect();
    assert_same(&a);
    let b: BTreeMap<KeyNewtype, u8> = [(KeyNewtype(7), 1)].into_iter().collect();
    assert_same(&b);
    let c: BTreeMap<KeyTransparent, u8> = [(KeyTransparent { id: "k\n".into() }, 1)]
        .into_iter()
        .collect();
    assert_same(&c);
}

#[derive(Serialize, PooledSerialize)]
enum WithSkipped {
    Fine(u8),
    #[serde(skip_serializing)]
    Hidden(u8),
    #[serde(skip)]
    HiddenUnit,
}

#[test]
fn skipped_variant_is_an_error_like_serde() {
    assert_same(&WithSkipped::Fine(1));
    for value in [WithSkipped::Hidden(1), WithSkipped::HiddenUnit] {
        let serde_err = serde_json::to_vec(&value).unwrap_err().to_string();
        let err = pooled_serialize::to_vec(&value).unwrap_err();
        assert_eq!(err.to_string(), serde_err);
    }
}

mod bounds {
    use super::*;

    pub trait Tagged {
        type Id;
    }

    pub struct Marker;

    impl Tagged for Marker {
        type Id = u64;
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(bound = "T::Id: Serialize")]
    #[pooled(bound = "T::Id: PooledSerialize")]
    pub struct ById<T: Tagged> {
        pub id: T::Id,
    }

    #[derive(Serialize, PooledSerialize)]
    pub struct FieldBound<T: Tagged> {
        #[serde(bound = "T::Id: Serialize")]
        #[pooled(bound = "T::Id: PooledSerialize")]
        pub id: T::Id,
        pub n: u8,
    }

    #[derive(Serialize, PooledSerialize)]
    pub struct GenericFlatten<M> {
        pub a: u8,
        #[serde(flatten)]
        pub rest: M,
    }

    #[derive(Serialize, PooledSerialize)]
    #[serde(tag = "t")]
    pub enum GenericInternal<T> {
        V(T),
    }
}

#[test]
fn bounds() {
    use bounds::*;
    assert_same(&ById::<Marker> { id: 5 });
    assert_same(&FieldBound::<Marker> { id: 5, n: 1 });
    let rest: BTreeMap<String, u8> = [("r".to_string(), 1)].into_iter().collect();
    assert_same(&GenericFlatten { a: 1, rest });
    assert_same(&GenericInternal::V(Skippable { x: 1 }));
}

mod renamed_crate {
    // The facade under another name, as with `#[serde(crate = "...")]`.
    pub use pooled_serialize as ps;

    #[derive(serde::Serialize, ps::PooledSerialize)]
    #[pooled(crate = "ps")]
    #[serde(crate = "serde")]
    pub struct Aliased {
        pub a: u8,
    }
}

#[test]
fn crate_path() {
    assert_same(&renamed_crate::Aliased { a: 1 });
}

fn default_name() -> String {
    "d".into()
}

/// The long forms and serde's deserialize-only keys, all accepted.
#[derive(Serialize, PooledSerialize)]
#[serde(
    rename_all(serialize = "SCREAMING_SNAKE_CASE", deserialize = "camelCase"),
    default = "Long::new",
    deny_unknown_fields,
    expecting = "a long"
)]
#[pooled(bound(serialize = ""))]
struct Long {
    #[serde(default = "default_name", alias = "n", skip_deserializing)]
    the_name: String,
    #[serde(deserialize_with = "nothing", rename(serialize = "renamed_value"))]
    value: u8,
}

impl Long {
    fn new() -> Self {
        Long {
            the_name: default_name(),
            value: 1,
        }
    }
}

#[derive(Serialize, PooledSerialize)]
#[serde(rename_all_fields(serialize = "camelCase"), tag = "k")]
enum LongEnum {
    #[serde(alias = "a", rename(serialize = "first", deserialize = "uno"))]
    First { field_one: u8 },
    #[serde(other, skip_deserializing)]
    Other,
}

#[test]
fn long_forms_and_deserialize_only_keys() {
    assert_same(&Long::new());
    assert_same(&LongEnum::First { field_one: 1 });
    assert_same(&LongEnum::Other);
}
