//! Zero heap allocations per serialization of each corpus response after warm-up,
//! counted by a global allocator on the current thread only, while a flag is set.
#![cfg(feature = "openrtb")]

mod openrtb_common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use pooled_serialize::openrtb::BidResponse;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

struct CountingAllocator;

fn count() {
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    let counting = COUNTING.try_with(Cell::get).unwrap_or(false);
    if counting {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

// SAFETY: every method forwards to `System` unchanged; counting touches only
// const-initialized thread-locals, which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

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
    let corpus = openrtb_common::corpus();
    let mut failures = Vec::new();
    for (name, text) in &corpus {
        let resp = BidResponse::from_json(text).unwrap();
        // Warm-up: grow this thread's pooled buffer to the size of the output.
        for _ in 0..3 {
            drop(pooled_serialize::to_pooled_json(&resp).unwrap());
        }
        let mut len = 0;
        let n = allocations_during(|| {
            let json = pooled_serialize::to_pooled_json(&resp).unwrap();
            len = json.len();
            drop(json);
        });
        assert!(len > 0);
        if n != 0 {
            failures.push(format!("{name}: {n} allocations"));
        }
        // Into the caller's own buffer, reused: after one warm-up write it has the room
        // the writer needs (the output plus the few bytes of headroom its word-sized
        // stores use), and later writes allocate nothing.
        let mut out = Vec::new();
        pooled_serialize::write_to_vec(&resp, &mut out).unwrap();
        out.clear();
        let n = allocations_during(|| pooled_serialize::write_to_vec(&resp, &mut out).unwrap());
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
}
