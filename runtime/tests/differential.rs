//! The runtime's std impls against serde_json, byte for byte: fixed edge cases,
//! every Unicode scalar value, and generated inputs.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use proptest::prelude::*;
use serde::Serialize;

use pooled_serialize_runtime::{to_pooled_json, to_vec, write_to_vec, PooledSerialize};

#[track_caller]
fn assert_same<T: PooledSerialize + Serialize + ?Sized + std::fmt::Debug>(value: &T) {
    let expected = serde_json::to_vec(value).expect("serde_json serializes it");
    let ours = to_pooled_json(value).expect("pooled serializes it");
    assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&expected),
        "value: {value:?}"
    );
    assert_eq!(ours.as_str().as_bytes(), &expected[..]);
}

#[test]
fn integers_at_their_limits() {
    assert_same(&[u8::MIN, u8::MAX]);
    assert_same(&[i8::MIN, i8::MAX, 0, -1]);
    assert_same(&[u16::MAX]);
    assert_same(&[i16::MIN, i16::MAX]);
    assert_same(&[u32::MAX]);
    assert_same(&[i32::MIN, i32::MAX]);
    assert_same(&[u64::MAX]);
    assert_same(&[i64::MIN, i64::MAX]);
    assert_same(&[u128::MAX]);
    assert_same(&[i128::MIN, i128::MAX]);
    assert_same(&[usize::MAX]);
    assert_same(&[isize::MIN]);
}

#[test]
fn floats_in_every_notation() {
    let values = [
        0.0,
        -0.0,
        1.0,
        0.1,
        1.5e-7,
        1e21,
        1e20,
        123456789012345680.0,
        1e-7,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
        f64::MIN,
        2.5,
        0.0001,
        1.2345,
    ];
    assert_same(&values[..]);
    let singles = [
        0.0f32,
        1.0,
        0.1,
        1e21,
        f32::MAX,
        f32::MIN_POSITIVE,
        1e-45,
        3.4028235e38,
    ];
    assert_same(&singles[..]);
}

#[test]
fn non_finite_floats_are_errors_naming_the_index() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = to_vec(&vec![1.0, 2.0, bad]).unwrap_err();
        assert_eq!(err.path(), "[2]");
        assert!(err.to_string().starts_with("non-finite float"), "{err}");
    }
    let err = to_vec(&[f32::NAN]).unwrap_err();
    assert_eq!(err.path(), "[0]");
}

#[test]
fn std_containers_and_pointers() {
    assert_same(&());
    assert_same(&std::marker::PhantomData::<String>);
    assert_same(&true);
    assert_same(&'x');
    assert_same(&'\u{1}');
    assert_same(&Some(3));
    assert_same(&None::<u8>);
    assert_same(&vec![Some("a"), None]);
    assert_same(&Box::new("boxed"));
    assert_same(&Rc::new(5));
    assert_same(&Arc::new(vec![1.5]));
    assert_same(&std::borrow::Cow::Borrowed("cow\n"));
    assert_same(&VecDeque::from(vec![1, 2]));
    assert_same(&BTreeSet::from(["b", "a"]));
    assert_same(&Vec::<u8>::new());
    assert_same(&[[1, 2], [3, 4]]);
    assert_same(&[0u8; 0]);
    assert_same(&(1,));
    assert_same(&(1, "two", 3.0, [4]));
    assert_same(&(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    let sixteen = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, "16");
    assert_eq!(
        to_vec(&sixteen).unwrap(),
        serde_json::to_vec(&sixteen).unwrap()
    );
    assert_same(&vec![vec![Vec::<u8>::new()]]);
}

#[test]
fn maps_with_every_kind_of_key() {
    assert_same(&BTreeMap::<String, u8>::new());
    assert_same(&BTreeMap::from([("k\"ey", 1), ("\u{0}", 2)]));
    assert_same(&BTreeMap::from([(1u8, "a"), (200, "b")]));
    assert_same(&BTreeMap::from([(-5i64, "a")]));
    assert_same(&BTreeMap::from([(i128::MIN, 1)]));
    assert_same(&BTreeMap::from([(true, 1), (false, 2)]));
    assert_same(&BTreeMap::from([('c', 1), ('\n', 2)]));
    let hashed: HashMap<&str, u8> = HashMap::from([("only", 1)]);
    assert_same(&hashed);
    // Float keys: std maps cannot hold f64, so compare Writer::write_map with serde's
    // collect_map over the same pairs.
    let pairs = [(1.5f64, 1u8), (1e21, 2), (-0.0, 3)];
    let expected = serde_json::to_vec(&SerdeMap(&pairs)).unwrap();
    let mut w = pooled_serialize_runtime::Writer::default();
    w.write_map(pairs.iter().map(|(k, v)| (k, v))).unwrap();
    assert_eq!(w.as_bytes(), &expected[..]);
    let nested = BTreeMap::from([("outer", BTreeMap::from([("inner", vec![1, 2])]))]);
    assert_same(&nested);
}

struct SerdeMap<'a>(&'a [(f64, u8)]);

impl Serialize for SerdeMap<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[test]
fn map_errors_name_the_key() {
    let map = BTreeMap::from([("ok", 1.0), ("bad\"key", f64::NAN)]);
    let err = to_vec(&BTreeMap::from([("ext", map)])).unwrap_err();
    assert_eq!(err.path(), "ext.bad\\\"key");
    let mut w = pooled_serialize_runtime::Writer::default();
    let err = w.write_map([(&f64::NAN, &1)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "map key must be a string or a finite number"
    );
    assert!(serde_json::to_vec(&SerdeMap(&[(f64::NAN, 1)])).is_err());
}

#[cfg(feature = "serde_json")]
#[test]
fn every_integer_around_the_small_value_table() {
    // Values below 1000 come from a digit table; the rest from itoa.
    let step = if cfg!(miri) { 37 } else { 1 };
    for n in (-1100i32..1100).step_by(step) {
        assert_same(&n);
        assert_same(&[i64::from(n), i64::from(n) * 7]);
        if let Ok(u) = u16::try_from(n) {
            assert_same(&(u, u32::from(u), u64::from(u), usize::from(u)));
            assert_same(&serde_json::json!({ "k": u, "l": [u] }));
        }
        if let Ok(b) = u8::try_from(n) {
            assert_same(&b);
        }
    }
}

#[test]
fn serde_json_values() {
    let value: serde_json::Value = serde_json::from_str(
        r#"{"a":[1,-2,3.5,1e300,null,true,"x\u0001"],"b":{"c":{}},"d":[],"e":18446744073709551615}"#,
    )
    .unwrap();
    assert_same(&value);
}

#[test]
fn every_unicode_scalar_value_escapes_like_serde_json() {
    // Chunks of 512 code points keep each comparison small while covering all
    // 1,112,064 scalar values; Miri, which interprets every instruction, samples.
    const CHUNK: u32 = 512;
    let stride = if cfg!(miri) { CHUNK * 256 } else { CHUNK };
    for start in (0..=0x10FFFFu32).step_by(stride as usize) {
        let chunk: Vec<char> = (start..start + CHUNK).filter_map(char::from_u32).collect();
        let text: String = chunk.iter().collect();
        assert_same(&text);
        assert_same(&BTreeMap::from([(text.as_str(), 0)]));
        for c in chunk.iter().step_by(if cfg!(miri) { 64 } else { 1 }) {
            assert_same(c);
        }
    }
}

#[test]
fn write_to_vec_appends_and_rolls_back() {
    let mut out = b"prefix:".to_vec();
    write_to_vec(&[1, 2], &mut out).unwrap();
    assert_eq!(out, b"prefix:[1,2]");
    let err = write_to_vec(&[1.0, f64::NAN], &mut out).unwrap_err();
    assert_eq!(err.path(), "[1]");
    assert_eq!(out, b"prefix:[1,2]", "a failed write leaves nothing behind");
}

fn any_json_string() -> impl Strategy<Value = String> {
    // Mix arbitrary Unicode with the bytes that need escaping, at every length around the
    // 8-byte scan width.
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '"', '\\', '\n', '\u{0}', '\u{1f}', '\u{7f}', 'é', '€', '😀'
            ]),
            Just('a'),
        ],
        0..70,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(common::proptest_config(512))]

    #[test]
    fn strings_match(s in any_json_string()) {
        let expected = serde_json::to_vec(&s).unwrap();
        prop_assert_eq!(to_vec(&s).unwrap(), expected);
    }

    #[test]
    fn integers_match(a in any::<i64>(), b in any::<u64>(), c in any::<i128>(), d in any::<u128>(), e in any::<i16>()) {
        let value = (a, b, c, d, e);
        prop_assert_eq!(to_vec(&value).unwrap(), serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn finite_floats_match(bits in any::<u64>(), small in any::<u32>()) {
        let double = f64::from_bits(bits);
        let single = f32::from_bits(small);
        prop_assume!(double.is_finite() && single.is_finite());
        prop_assert_eq!(to_vec(&(double, single)).unwrap(), serde_json::to_vec(&(double, single)).unwrap());
    }

    #[test]
    fn nested_containers_match(
        map in prop::collection::btree_map(any_json_string(), prop::collection::vec(prop::option::of(any::<i32>()), 0..5), 0..6)
    ) {
        prop_assert_eq!(to_vec(&map).unwrap(), serde_json::to_vec(&map).unwrap());
    }
}
