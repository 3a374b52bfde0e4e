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
        // Warm-up: grow this thread's pooled buffer to the size of the output.
        for _ in 0..3 {
            drop(pooled_serialize::to_pooled_json(&req).unwrap());
        }
        let mut len = 0;
        let n = allocations_during(|| {
            let json = pooled_serialize::to_pooled_json(&req).unwrap();
            len = json.len();
            drop(json);
        });
        assert!(len > 0);
        if n != 0 {
            failures.push(format!("{name}: {n} allocations"));
        }
        // Into the caller's own buffer, reused: after one warm-up write it has the room
        // the writer needs, and later writes allocate nothing.
        let mut out = Vec::new();
        pooled_serialize::write_to_vec(&req, &mut out).unwrap();
        out.clear();
        let n = allocations_during(|| pooled_serialize::write_to_vec(&req, &mut out).unwrap());
        assert_eq!(out.len(), len);
        if n != 0 {
            failures.push(format!("{name}: write_to_vec: {n} allocations"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} allocated:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
    assert_eq!(corpus.len(), 161);
}
