//! The zero-allocation check shared by the corpus tests: warm this thread's pool on a
//! value, then count what one more serialization allocates.
//!
//! Counting needs `pooled_serialize_test_alloc::CountingAllocator` as the test binary's
//! `#[global_allocator]` (its `allocations_during` panics otherwise).

use pooled_serialize::PooledSerialize;
use pooled_serialize_test_alloc::allocations_during;

/// What one warm serialization of `value` allocated, by entry point; empty when nothing
/// did. `to_pooled_json` runs after three warm-up writes have grown this thread's pooled
/// buffer to the output's size; `write_to_vec` writes into a `Vec` reused from one
/// warm-up write, which leaves it the headroom the writer's word-sized stores use.
pub fn allocations_when_warm<T: PooledSerialize + ?Sized>(value: &T) -> Vec<String> {
    let mut found = Vec::new();
    for _ in 0..3 {
        drop(pooled_serialize::to_pooled_json(value).unwrap());
    }
    let mut len = 0;
    let n = allocations_during(|| {
        let json = pooled_serialize::to_pooled_json(value).unwrap();
        len = json.len();
        drop(json);
    });
    assert!(len > 0, "the value writes something");
    if n != 0 {
        found.push(format!("to_pooled_json: {n} allocations"));
    }
    let mut out = Vec::new();
    pooled_serialize::write_to_vec(value, &mut out).unwrap();
    out.clear();
    let n = allocations_during(|| pooled_serialize::write_to_vec(value, &mut out).unwrap());
    assert_eq!(out.len(), len, "both entry points write the same document");
    if n != 0 {
        found.push(format!("write_to_vec: {n} allocations"));
    }
    found
}
