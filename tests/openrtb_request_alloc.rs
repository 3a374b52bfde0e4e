//! Zero heap allocations per serialization of each corpus request after warm-up, counted by
//! a global allocator on the current thread only, while a flag is set.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::BidRequest;
use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[test]
fn the_counter_sees_allocations() {
    let n = allocations_during(|| drop(std::hint::black_box(vec![1u8; 64])));
    assert_eq!(n, 1);
    // A warm-up that is skipped is caught: a fresh thread has an empty pool.
    let text = pooled_serialize_test_support::openrtb::request_corpus()
        .swap_remove(0)
        .1;
    let n = std::thread::spawn(move || {
        let req = BidRequest::from_json(&text).unwrap();
        pooled_serialize::pool::clear_thread();
        allocations_during(|| drop(pooled_serialize::to_pooled_json(&req).unwrap()))
    })
    .join()
    .unwrap();
    assert!(n > 0, "a cold pool must allocate");
}

#[test]
fn serializing_each_corpus_request_allocates_nothing_after_warm_up() {
    let corpus = pooled_serialize_test_support::openrtb::request_corpus();
    let mut failures = Vec::new();
    for (name, text) in &corpus {
        let req = BidRequest::from_json(text).unwrap();
        for found in pooled_serialize_test_support::warm::allocations_when_warm(&req) {
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
    assert!(corpus.len() >= 161, "the request corpus is missing files");
}
