//! A counting global allocator for tests that prove "zero allocations after warm-up".
//!
//! Only allocations made by the measuring thread while it measures are counted, so the
//! test harness's other threads do not interfere. A crate cannot install a global
//! allocator for the binaries that link it, so each test binary declares it:
//!
//! ```
//! use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};
//!
//! #[global_allocator]
//! static GLOBAL: CountingAllocator = CountingAllocator;
//!
//! fn main() {
//!     let n = allocations_during(|| drop(std::hint::black_box(vec![1u8; 64])));
//!     assert_eq!(n, 1);
//! }
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// Set by the first allocation through [`CountingAllocator`]: without it, a binary that
/// forgot the `#[global_allocator]` declaration would count zero and pass every
/// "allocates nothing" assertion.
static INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn note_allocation() {
    if !INSTALLED.load(Relaxed) {
        INSTALLED.store(true, Relaxed);
    }
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

/// Forwards to [`System`], counting the measuring thread's allocations; declare it as the
/// test binary's `#[global_allocator]`.
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counting touches only a static atomic flag and const-initialized thread-local `Cell`s,
// which never allocate.
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

/// Heap allocations (including reallocations) this thread made while running `body`.
///
/// # Panics
///
/// When [`CountingAllocator`] is not the binary's global allocator.
pub fn allocations_during(body: impl FnOnce()) -> u64 {
    assert!(
        INSTALLED.load(Relaxed),
        "declare `#[global_allocator] static GLOBAL: CountingAllocator = CountingAllocator;`"
    );
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    body();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get)
}

#[cfg(test)]
mod tests {
    // This test binary keeps the default allocator: the guard must refuse to count.
    #[test]
    #[should_panic(expected = "declare `#[global_allocator]")]
    fn counting_without_the_allocator_installed_panics() {
        super::allocations_during(|| drop(std::hint::black_box(vec![1u8; 64])));
    }
}
