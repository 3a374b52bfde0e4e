//! serde's and serde_json's own serialization tests, ported: every type and value their
//! test suites serialize, derived with both `serde::Serialize` and `PooledSerialize`.
//!
//! serde's tests state the expected output as serde_test tokens; here each token sequence
//! becomes its value, and serde_json's bytes for that value are the truth: [`assert_same`]
//! checks that every entry point (`to_vec`, `to_string`, `to_pooled_json`, `write_to_vec`
//! appending to a non-empty `Vec`, `to_writer`) writes exactly `serde_json::to_vec`'s
//! bytes, and [`assert_both_fail`] that where serde_json fails we return an `Error` and
//! the pooled buffer goes back clean. serde_json's tests with a literal expected string
//! are checked against that string as well ([`assert_json`]).
//!
//! Nothing is skipped but what serde_json refuses at run time and the derive at compile
//! time: those cases are pinned as compile-fail cases, `tests/ui/fail/serde_suite_*.rs`.

#![allow(
    dead_code,
    clippy::disallowed_names,
    // `gen` derives on a field named `σ`, as upstream does.
    confusable_idents,
    mixed_script_confusables
)]

mod annotations;
mod deprecated;
mod enum_adjacently_tagged;
mod enum_internally_tagged;
mod enum_untagged;
mod gen;
mod json_write;
mod macros;
mod regression;
mod remote;
mod self_;
mod ser;

use pooled_serialize::PooledSerialize;
use serde::Serialize;

/// A prefix `write_to_vec` must keep: it appends, it does not overwrite.
const PREFIX: &[u8] = b"data: ";

/// Asserts that every entry point writes exactly the bytes `serde_json::to_vec` writes.
#[track_caller]
pub fn assert_same<T: Serialize + PooledSerialize + ?Sized>(value: &T) {
    let expected = serde_json::to_vec(value).expect("serde_json serializes");
    assert_writes(value, &expected);
}

/// As [`assert_same`], and serde_json's bytes must also be `expected` (for serde_json's
/// tests that state their output).
#[track_caller]
pub fn assert_json<T: Serialize + PooledSerialize + ?Sized>(value: &T, expected: &str) {
    let truth = serde_json::to_vec(value).expect("serde_json serializes");
    assert_eq!(
        String::from_utf8_lossy(&truth),
        expected,
        "serde_json itself"
    );
    assert_writes(value, &truth);
}

/// Asserts that serde_json fails on `value` and so does every entry point here, leaving
/// the caller's `Vec` as it was and the pool's next buffer empty.
#[track_caller]
pub fn assert_both_fail<T: Serialize + PooledSerialize + ?Sized>(value: &T) {
    assert!(serde_json::to_vec(value).is_err(), "serde_json fails");
    assert_ours_fail(value);
}

/// Asserts that every entry point here returns an `Error` (also used where serde_json
/// writes `null` for a non-finite float and we refuse by design).
#[track_caller]
pub fn assert_ours_fail<T: PooledSerialize + ?Sized>(value: &T) {
    assert!(pooled_serialize::to_vec(value).is_err(), "to_vec");
    assert!(pooled_serialize::to_string(value).is_err(), "to_string");
    assert!(
        pooled_serialize::to_pooled_json(value).is_err(),
        "to_pooled_json"
    );
    let mut out = PREFIX.to_vec();
    assert!(
        pooled_serialize::write_to_vec(value, &mut out).is_err(),
        "write_to_vec"
    );
    assert_eq!(out, PREFIX, "write_to_vec keeps the prefix on error");
    let mut sink = Vec::new();
    assert!(
        pooled_serialize::to_writer(&mut sink, value).is_err(),
        "to_writer"
    );
    assert!(sink.is_empty(), "to_writer writes nothing on error");
    assert!(
        pooled_serialize::pool::acquire().is_empty(),
        "pool buffer returned clean"
    );
}

#[track_caller]
fn assert_writes<T: PooledSerialize + ?Sized>(value: &T, expected: &[u8]) {
    let expected_str = String::from_utf8_lossy(expected);
    let check = |what: &str, actual: &[u8]| {
        assert_eq!(
            String::from_utf8_lossy(actual),
            expected_str,
            "{what} differs from serde_json"
        );
    };
    check("to_vec", &pooled_serialize::to_vec(value).expect("to_vec"));
    check(
        "to_string",
        pooled_serialize::to_string(value)
            .expect("to_string")
            .as_bytes(),
    );
    check(
        "to_pooled_json",
        &pooled_serialize::to_pooled_json(value).expect("to_pooled_json"),
    );
    let mut out = PREFIX.to_vec();
    pooled_serialize::write_to_vec(value, &mut out).expect("write_to_vec");
    assert_eq!(
        &out[..PREFIX.len()],
        PREFIX,
        "write_to_vec keeps the prefix"
    );
    check("write_to_vec", &out[PREFIX.len()..]);
    let mut sink = Vec::new();
    pooled_serialize::to_writer(&mut sink, value).expect("to_writer");
    check("to_writer", &sink);
}
