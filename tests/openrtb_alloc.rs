//! Zero heap allocations per serialization of each corpus response after warm-up,
//! counted by a global allocator on the current thread only, while a flag is set.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::BidResponse;
use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};
use pooled_serialize_test_support::openrtb;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[test]
fn the_counter_sees_allocations() {
    let n = allocations_during(|| drop(std::hint::black_box(vec![1u8; 64])));
    assert_eq!(n, 1);
    // A warm-up that is skipped is caught: a fresh thread has an empty pool.
    let resp = BidResponse::new("r");
    let n = std::thread::spawn(move || {
        pooled_serialize::pool::clear_thread();
        allocations_during(|| drop(pooled_serialize::to_pooled_json(&resp).unwrap()))
    })
    .join()
    .unwrap();
    assert!(n > 0, "a cold pool must allocate");
}

#[test]
fn serializing_each_corpus_response_allocates_nothing_after_warm_up() {
    // With the default limits: the largest response (48 KB) grows its buffer past the
    // 64 KiB cap once, the pool shrinks it back to the cap, and from then on it fits.
    let corpus = openrtb::corpus();
    let mut failures = Vec::new();
    for (name, text) in &corpus {
        let resp = BidResponse::from_json(text).unwrap();
        for found in pooled_serialize_test_support::warm::allocations_when_warm(&resp) {
            failures.push(format!("{name}: {found}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} allocated:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
}
