//! The differential check shared by the derive tests: serde_json's bytes are the truth.

use pooled_serialize::PooledSerialize;
use serde::Serialize;

/// Asserts that `value` serializes to exactly the bytes `serde_json::to_vec` writes.
#[track_caller]
pub fn assert_same<T: Serialize + PooledSerialize + ?Sized>(value: &T) {
    let expected = serde_json::to_vec(value).expect("serde_json serializes");
    let actual = pooled_serialize::to_vec(value).expect("pooled serializes");
    assert_eq!(
        String::from_utf8_lossy(&actual),
        String::from_utf8_lossy(&expected),
        "output differs from serde_json"
    );
}
