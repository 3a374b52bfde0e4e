//! Arbitrary bytes: when they are UTF-8, our string escaping equals serde_json's.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pooled_serialize_test_support::fuzz::check_escape(data));
