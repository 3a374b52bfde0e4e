//! An OpenRTB bid response built by `arbitrary`: our bytes equal serde_json's for finite
//! prices; a non-finite price is an error naming it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pooled_serialize_test_support::fuzz::check_bid_response(data));
