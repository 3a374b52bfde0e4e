//! `serde_json`'s own types (`Value`, `Map`, `Number`) written directly, and a map whose
//! keys go through serde's map-key adapter, compared with serde_json's bytes.
#![cfg(feature = "serde_json")]

use std::collections::BTreeMap;

use pooled_serialize_runtime::to_pooled_json;
use serde_json::{json, Map, Number, Value};

fn same<T: serde::Serialize + pooled_serialize_runtime::PooledSerialize + ?Sized>(value: &T) {
    let expected = serde_json::to_vec(value).unwrap();
    let actual = to_pooled_json(value).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&actual),
        String::from_utf8_lossy(&expected)
    );
}

#[test]
fn numbers_maps_and_values() {
    for number in [
        Number::from(7u8),
        Number::from(-3i64),
        Number::from_f64(2.5).unwrap(),
    ] {
        same(&number);
    }
    let value = json!({
        "s": "text \"quoted\"",
        "t": true,
        "f": false,
        "n": null,
        "i": 42,
        "x": -1.25,
        "a": [1, "two", null, {"deep": [true]}],
        "o": {"k": "v", "e": {}},
    });
    same(&value);
    let map: &Map<String, Value> = value.as_object().unwrap();
    same(map);
    for (_, member) in map {
        same(member);
    }
    same(&Map::new());
}

#[test]
fn maps_of_values_under_typed_keys() {
    let mut by_number = BTreeMap::new();
    by_number.insert(1u32, json!({"a": [1, null]}));
    by_number.insert(2u32, Value::Null);
    same(&by_number);
}
