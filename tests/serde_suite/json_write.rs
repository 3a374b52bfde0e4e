//! serde-rs/json `tests/test.rs`: the serialization tests (`test_write_*`,
//! `test_encode_nonfinite_float_yields_null`, `test_serialize_seq_with_no_len`,
//! `test_serialize_map_with_no_len`, `test_serialize_rejects_adt_keys`, `test_bytes_ser`,
//! `test_byte_buf_ser`, the map key tests). Each expected string is checked against
//! serde_json and against every entry point here. The pretty-printed forms are not
//! ported: this crate writes compact JSON only.

use std::collections::BTreeMap;

use pooled_serialize::{Error, PooledSerialize, Writer};
use serde::{Serialize, Serializer};
use serde_json::json;

use crate::{assert_json, assert_ours_fail, assert_same};

#[derive(Clone, Serialize, PooledSerialize)]
#[serde(deny_unknown_fields)]
enum Animal {
    Dog,
    Frog(String, Vec<isize>),
    Cat { age: usize, name: String },
    AntHive(Vec<String>),
}

#[derive(Clone, Serialize, PooledSerialize)]
struct Inner {
    a: (),
    b: usize,
    c: Vec<String>,
}

#[derive(Clone, Serialize, PooledSerialize)]
struct Outer {
    inner: Vec<Inner>,
}

#[test]
fn write_scalars() {
    assert_json(&(), "null");
    assert_json(&3u64, "3");
    assert_json(&u64::MAX, &u64::MAX.to_string());
    assert_json(&3i64, "3");
    assert_json(&-2i64, "-2");
    assert_json(&-1234i64, "-1234");
    assert_json(&i64::MIN, &i64::MIN.to_string());
    assert_json(&true, "true");
    assert_json(&false, "false");
    assert_json(&"", "\"\"");
    assert_json(&"foo", "\"foo\"");
}

#[test]
fn write_f64() {
    assert_json(&3.0, "3.0");
    assert_json(&3.1, "3.1");
    assert_json(&-1.5, "-1.5");
    assert_json(&0.5, "0.5");
    assert_json(&f64::MIN, "-1.7976931348623157e+308");
    assert_json(&f64::MAX, "1.7976931348623157e+308");
    assert_json(&f64::EPSILON, "2.220446049250313e-16");
}

/// serde_json writes `null` for non-finite floats; this crate refuses them with an
/// `Error` by design.
#[test]
fn nonfinite_float() {
    let f64s = [
        f64::NAN.copysign(1.0),
        f64::NAN.copysign(-1.0),
        f64::INFINITY,
        -f64::INFINITY,
    ];
    for value in f64s {
        assert!(serde_json::to_value(value).unwrap().is_null());
        assert_eq!(serde_json::to_string(&value).unwrap(), "null");
        assert_ours_fail(&value);
    }
    let f32s = [
        f32::NAN.copysign(1.0),
        f32::NAN.copysign(-1.0),
        f32::INFINITY,
        -f32::INFINITY,
    ];
    for value in f32s {
        assert!(serde_json::to_value(value).unwrap().is_null());
        assert_eq!(serde_json::to_string(&value).unwrap(), "null");
        assert_ours_fail(&value);
    }
}

#[test]
fn write_char() {
    assert_json(&'n', "\"n\"");
    assert_json(&'"', "\"\\\"\"");
    assert_json(&'\\', "\"\\\\\"");
    assert_json(&'/', "\"/\"");
    assert_json(&'\x08', "\"\\b\"");
    assert_json(&'\x0C', "\"\\f\"");
    assert_json(&'\n', "\"\\n\"");
    assert_json(&'\r', "\"\\r\"");
    assert_json(&'\t', "\"\\t\"");
    assert_json(&'\x0B', "\"\\u000b\"");
    assert_json(&'\u{3A3}', "\"\u{3A3}\"");
}

#[test]
fn write_list() {
    assert_json(&Vec::<bool>::new(), "[]");
    assert_json(&vec![true], "[true]");
    assert_json(&vec![true, false], "[true,false]");
    assert_json(&vec![Vec::<i32>::new(), vec![], vec![]], "[[],[],[]]");
    assert_json(&vec![vec![1, 2, 3], vec![], vec![]], "[[1,2,3],[],[]]");
    assert_json(&vec![vec![], vec![1, 2, 3], vec![]], "[[],[1,2,3],[]]");
    assert_json(&vec![vec![], vec![], vec![1, 2, 3]], "[[],[],[1,2,3]]");
    assert_json(
        &json!([false, null, ["foo\nbar", 3.5]]),
        r#"[false,null,["foo\nbar",3.5]]"#,
    );
}

fn empty() -> BTreeMap<String, BTreeMap<String, BTreeMap<&'static str, Vec<i32>>>> {
    BTreeMap::new()
}

#[test]
fn write_object() {
    assert_json(&BTreeMap::<String, bool>::new(), "{}");
    assert_json(&BTreeMap::from([("a".to_owned(), true)]), "{\"a\":true}");
    assert_json(
        &BTreeMap::from([("a".to_owned(), true), ("b".to_owned(), false)]),
        "{\"a\":true,\"b\":false}",
    );
    assert_json(
        &BTreeMap::from([
            ("a".to_owned(), empty()),
            ("b".to_owned(), empty()),
            ("c".to_owned(), empty()),
        ]),
        "{\"a\":{},\"b\":{},\"c\":{}}",
    );
    let nested = || {
        BTreeMap::from([
            ("a".to_owned(), BTreeMap::from([("a", vec![1, 2, 3])])),
            ("b".to_owned(), BTreeMap::new()),
            ("c".to_owned(), BTreeMap::new()),
        ])
    };
    assert_json(
        &BTreeMap::from([
            ("a".to_owned(), nested()),
            ("b".to_owned(), BTreeMap::new()),
            ("c".to_owned(), BTreeMap::new()),
        ]),
        "{\"a\":{\"a\":{\"a\":[1,2,3]},\"b\":{},\"c\":{}},\"b\":{},\"c\":{}}",
    );
    assert_json(
        &BTreeMap::from([
            ("a".to_owned(), BTreeMap::new()),
            ("b".to_owned(), nested()),
            ("c".to_owned(), BTreeMap::new()),
        ]),
        "{\"a\":{},\"b\":{\"a\":{\"a\":[1,2,3]},\"b\":{},\"c\":{}},\"c\":{}}",
    );
    assert_json(
        &BTreeMap::from([
            ("a".to_owned(), BTreeMap::new()),
            ("b".to_owned(), BTreeMap::new()),
            ("c".to_owned(), nested()),
        ]),
        "{\"a\":{},\"b\":{},\"c\":{\"a\":{\"a\":[1,2,3]},\"b\":{},\"c\":{}}}",
    );
    assert_json(&BTreeMap::from([('c', ())]), "{\"c\":null}");
    assert_json(
        &json!({
            "b": [
                {"c": "\x0c\x1f\r"},
                {"d": ""}
            ]
        }),
        r#"{"b":[{"c":"\f\u001f\r"},{"d":""}]}"#,
    );
}

#[test]
fn write_tuple() {
    assert_json(&(5,), "[5]");
    assert_json(&(5, (6, "abc")), "[5,[6,\"abc\"]]");
}

#[test]
fn write_enum() {
    assert_json(&Animal::Dog, "\"Dog\"");
    assert_json(
        &Animal::Frog("Henry".to_owned(), vec![]),
        "{\"Frog\":[\"Henry\",[]]}",
    );
    assert_json(
        &Animal::Frog("Henry".to_owned(), vec![349]),
        "{\"Frog\":[\"Henry\",[349]]}",
    );
    assert_json(
        &Animal::Frog("Henry".to_owned(), vec![349, 102]),
        "{\"Frog\":[\"Henry\",[349,102]]}",
    );
    assert_json(
        &Animal::Cat {
            age: 5,
            name: "Kate".to_owned(),
        },
        "{\"Cat\":{\"age\":5,\"name\":\"Kate\"}}",
    );
    assert_json(
        &Animal::AntHive(vec!["Bob".to_owned(), "Stuart".to_owned()]),
        "{\"AntHive\":[\"Bob\",\"Stuart\"]}",
    );
}

#[test]
fn write_structs() {
    assert_same(&Outer {
        inner: vec![Inner {
            a: (),
            b: 2,
            c: vec!["abc".into(), "xyz".into()],
        }],
    });
    assert_same(&Outer { inner: vec![] });
}

#[test]
fn write_option() {
    assert_json(&None::<&str>, "null");
    assert_json(&Some("jodhpurs"), "\"jodhpurs\"");
    assert_json(&None::<Vec<&str>>, "null");
    assert_json(&Some(vec!["foo", "bar"]), "[\"foo\",\"bar\"]");
}

#[test]
fn write_newtype_struct() {
    #[derive(Serialize, PooledSerialize)]
    struct Newtype(BTreeMap<String, i32>);

    let inner = Newtype(BTreeMap::from([(String::from("inner"), 123)]));
    let outer = BTreeMap::from([(String::from("outer"), serde_json::to_value(&inner).unwrap())]);
    assert_json(&inner, r#"{"inner":123}"#);
    assert_json(&outer, r#"{"outer":{"inner":123}}"#);
    let outer_direct = BTreeMap::from([(String::from("outer"), inner)]);
    assert_json(&outer_direct, r#"{"outer":{"inner":123}}"#);
}

/// A sequence whose serde impl does not state its length; its `PooledSerialize` goes
/// through serde's impl, so the unknown-length path of the bridge is what is compared.
struct MyVec<T>(Vec<T>);

impl<T: Serialize> Serialize for MyVec<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        for elem in &self.0 {
            seq.serialize_element(elem)?;
        }
        seq.end()
    }
}

impl<T: Serialize> PooledSerialize for MyVec<T> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        pooled_serialize::write_serde(w, self)
    }
}

/// A map whose serde impl does not state its length, written as [`MyVec`] is.
struct MyMap<K, V>(BTreeMap<K, V>);

impl<K: Serialize, V: Serialize> Serialize for MyMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<K: Serialize, V: Serialize> PooledSerialize for MyMap<K, V> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        pooled_serialize::write_serde(w, self)
    }
}

#[test]
fn serialize_seq_with_no_len() {
    let vec = MyVec(vec![MyVec(Vec::<u32>::new()), MyVec(Vec::new())]);
    assert_json(&vec, "[[],[]]");
    assert_json(&MyVec(vec![1, 2]), "[1,2]");
}

#[test]
fn serialize_map_with_no_len() {
    let map = MyMap(BTreeMap::from([
        ("a", MyMap(BTreeMap::<&str, u32>::new())),
        ("b", MyMap(BTreeMap::new())),
    ]));
    assert_json(&map, r#"{"a":{},"b":{}}"#);
    assert_json(&MyMap(BTreeMap::from([("k", 1)])), r#"{"k":1}"#);
}

/// What `serde_bytes::Bytes` does: the slice goes to `serialize_bytes`, which
/// serde_json writes as an array of numbers.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl PooledSerialize for Bytes<'_> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.0.write_json(w)
    }
}

#[test]
fn bytes_ser() {
    assert_json(&Bytes(&[]), "[]");
    assert_json(&Bytes(&[1, 2, 3]), "[1,2,3]");
    let buf: Vec<u8> = vec![1, 2, 3];
    assert_json(&Bytes(&buf), "[1,2,3]");
}

#[test]
fn integer_keys() {
    assert_json(&BTreeMap::from([(1, 2), (-1, 6)]), r#"{"-1":6,"1":2}"#);
    assert_json(
        &BTreeMap::from([(100000000000000000000000000000000000000u128, ())]),
        r#"{"100000000000000000000000000000000000000":null}"#,
    );
    assert_json(
        &BTreeMap::from([(false, 0), (true, 1)]),
        r#"{"false":0,"true":1}"#,
    );
}

/// A key type that serializes as a float, as serde_json's `Float` key does.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct FloatKey(u64);

impl Serialize for FloatKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(f64::from_bits(self.0))
    }
}

impl pooled_serialize::MapKey for FloatKey {
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        f64::from_bits(self.0).write_key(w)
    }
}

/// The same for `f32`.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct F32Key(u32);

impl Serialize for F32Key {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f32(f32::from_bits(self.0))
    }
}

impl pooled_serialize::MapKey for F32Key {
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        f32::from_bits(self.0).write_key(w)
    }
}

#[test]
fn float_key() {
    assert_json(
        &BTreeMap::from([(F32Key(1.23f32.to_bits()), "x".to_owned())]),
        r#"{"1.23":"x"}"#,
    );
    assert_json(
        &BTreeMap::from([(FloatKey(1.23f64.to_bits()), "x".to_owned())]),
        r#"{"1.23":"x"}"#,
    );
}

#[test]
fn deny_non_finite_keys() {
    for bits in [f32::INFINITY, f32::NEG_INFINITY, f32::NAN].map(f32::to_bits) {
        crate::assert_both_fail(&BTreeMap::from([(F32Key(bits), "x".to_owned())]));
        assert!(serde_json::to_value(BTreeMap::from([(F32Key(bits), "x")])).is_err());
    }
    for bits in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN].map(f64::to_bits) {
        crate::assert_both_fail(&BTreeMap::from([(FloatKey(bits), "x".to_owned())]));
        assert!(serde_json::to_value(BTreeMap::from([(FloatKey(bits), "x")])).is_err());
    }
}

#[test]
fn effectively_string_keys() {
    #[derive(PartialEq, Eq, PartialOrd, Ord, Serialize, PooledSerialize)]
    enum Enum {
        One,
        Two,
    }

    assert_json(
        &BTreeMap::from([(Enum::One, 1), (Enum::Two, 2)]),
        r#"{"One":1,"Two":2}"#,
    );

    #[derive(PartialEq, Eq, PartialOrd, Ord, Serialize, PooledSerialize)]
    struct Wrapper(String);

    assert_json(
        &BTreeMap::from([
            (Wrapper("zero".to_owned()), 0),
            (Wrapper("one".to_owned()), 1),
        ]),
        r#"{"one":1,"zero":0}"#,
    );
}

/// `test_serialize_rejects_adt_keys`: serde_json fails at run time on `Option` keys; the
/// `MapKey` bound refuses them at compile time (pinned in the UI suite).
#[test]
fn serialize_rejects_adt_keys() {
    let map = BTreeMap::from([(Some("a"), 2), (Some("b"), 4), (None, 6)]);
    let err = serde_json::to_vec(&map).unwrap_err();
    assert_eq!(err.to_string(), "key must be a string");
}
