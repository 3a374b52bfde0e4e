//! Zero heap allocations per serialization of each corpus request after warm-up, counted by
//! a global allocator on the current thread only, while a flag is set.
#![cfg(feature = "openrtb")]

mod openrtb_request_common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use pooled_serialize::openrtb::BidRequest;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn note_allocation() {
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

struct CountingAllocator;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counting touches only const-initialized thread-local `Cell`s, which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout (every allocation does).
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Heap allocations (including reallocations) this thread made while running `body`.
fn allocations_during(body: impl FnOnce()) -> u64 {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    body();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn the_counter_sees_allocations() {
    let n = allocations_during(|| drop(std::hint::black_box(vec![1u8; 64])));
    assert_eq!(n, 1);
    // A warm-up that is skipped is caught: a fresh thread has an empty pool.
    let text = openrtb_request_common::corpus().swap_remove(0).1;
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
    let corpus = openrtb_request_common::corpus();
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
