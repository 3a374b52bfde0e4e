//! `serde_json::Value` trees of every shape against serde_json's bytes: objects nested
//! one level (written inline by the map writer) and deeper (through the recursive call),
//! empty objects at each depth, keys that need escaping, and values inside arrays.
#![cfg(feature = "serde_json")]

mod common;

use pooled_serialize_runtime::to_pooled_json;
use proptest::prelude::*;
use serde_json::{json, Map, Number, Value};

fn assert_same(value: &Value) {
    let expected = serde_json::to_vec(value).unwrap();
    let actual = to_pooled_json(value).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&actual),
        String::from_utf8_lossy(&expected)
    );
    if let Value::Object(map) = value {
        assert_eq!(&to_pooled_json(map).unwrap()[..], expected.as_slice());
    }
}

#[test]
fn nested_objects_at_every_depth() {
    for value in [
        json!({}),
        json!({"a": {}}),
        json!({"a": {"b": {}}}),
        json!({"dsp": {"score": 0.8731}, "v": 72}),
        json!({"buyer": "agency-17", "deal_tier": 2}),
        json!({"debug": {"resp_ms": 14, "region": "eu-west"}, "tmaxrequest": 120}),
        json!({"a": {"b": {"c": {"d": [1, {"e": null}]}}, "f": -2}}),
        json!({"k\"q": {"\n": {"\u{1}": "é"}, "t": true}, "z": [{}, {"y": {}}]}),
        json!([{"a": {"b": 1.5}}, {"c": {}}]),
    ] {
        assert_same(&value);
    }
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        (0u32..1_000_000).prop_map(|n| Value::from(f64::from(n) / 1e4)),
        ".{0,20}".prop_map(Value::String),
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,12}", inner, 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn any_value_matches_serde_json(value in any_value()) {
        let expected = serde_json::to_vec(&value).unwrap();
        let actual = to_pooled_json(&value).unwrap();
        prop_assert_eq!(&actual[..], expected.as_slice());
    }
}
