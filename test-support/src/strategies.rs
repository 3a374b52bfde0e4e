//! proptest strategies shared by the OpenRTB property tests: text with the characters that
//! need escaping, finite floats, arbitrary JSON for `ext`, and unknown members.

use std::borrow::Cow;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Short identifiers, any `String`, and strings dense in escapes and non-ASCII.
pub fn text() -> impl Strategy<Value = Cow<'static, str>> {
    prop_oneof![
        "[a-z0-9-]{0,12}",
        any::<String>(),
        "[\u{0}-\u{1f}\"\\\\/<>&\u{7f}\u{2028}é中🎉]{0,16}",
    ]
    .prop_map(Cow::Owned)
}

/// Any finite `f64`, or a short decimal like the prices and floors exchanges send.
pub fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        (any::<i32>(), 0..7i32).prop_map(|(m, e)| f64::from(m) / 10f64.powi(e)),
    ]
}

/// Any JSON value up to three levels deep.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        float().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map("[a-z_]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Unknown members, with names that cannot collide with the known ones.
pub fn unknown() -> impl Strategy<Value = Map<String, Value>> {
    btree_map("x_[a-z]{1,6}", json_value(), 0..3).prop_map(|m| m.into_iter().collect())
}
