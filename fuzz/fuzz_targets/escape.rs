//! Arbitrary bytes: when they are UTF-8, our string escaping equals serde_json's.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pooled_serialize_fuzz::check_escape(data));
