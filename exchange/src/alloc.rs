//! A counting global allocator.
//!
//! Every thread counts its own allocations in a thread-local cell (no atomics, no
//! contention), so code can measure exactly what one synchronous step allocates on the
//! thread that runs it: read [`thread_counts`] before and after. Threads that call
//! [`track_this_thread`] (a server's workers) also add to the process-wide total of their
//! [`Group`], read with [`tracked_counts`]: everything that server allocates, hyper
//! included. The exchange's threads and the bidders' threads count in separate groups, so
//! each side's per-request figure holds only its own allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Forwards to [`System`] and counts each `alloc` and `realloc` (a grown buffer is one
/// more allocation; its new size is what it counts as allocated bytes).
#[derive(Debug)]
pub struct CountingAllocator;

/// Allocations and the bytes they asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Calls to `alloc`, `alloc_zeroed` and `realloc`.
    pub allocations: u64,
    /// Bytes requested by those calls.
    pub bytes: u64,
}

impl Counts {
    const ZERO: Counts = Counts {
        allocations: 0,
        bytes: 0,
    };

    /// What was allocated between `earlier` and `self`.
    pub fn since(self, earlier: Counts) -> Counts {
        Counts {
            allocations: self.allocations.wrapping_sub(earlier.allocations),
            bytes: self.bytes.wrapping_sub(earlier.bytes),
        }
    }
}

thread_local! {
    // `const` initializers and `Copy` contents: no lazy registration, no destructor, so
    // reading them from inside the allocator never allocates and never fails.
    static LOCAL: Cell<Counts> = const { Cell::new(Counts::ZERO) };
    // The group's index plus one; 0 for an untracked thread.
    static TRACKED: Cell<usize> = const { Cell::new(0) };
}

/// A set of threads whose allocations are summed together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The bidders' worker threads.
    Bidders,
    /// The exchange's worker threads.
    Exchange,
}

impl Group {
    const COUNT: usize = 2;

    fn index(self) -> usize {
        match self {
            Group::Bidders => 0,
            Group::Exchange => 1,
        }
    }
}

static TRACKED_ALLOCATIONS: [AtomicU64; Group::COUNT] = [const { AtomicU64::new(0) }; Group::COUNT];
static TRACKED_BYTES: [AtomicU64; Group::COUNT] = [const { AtomicU64::new(0) }; Group::COUNT];

#[inline]
fn record(bytes: usize) {
    let bytes = bytes as u64;
    let _ = LOCAL.try_with(|c| {
        let mut counts = c.get();
        counts.allocations += 1;
        counts.bytes += bytes;
        c.set(counts);
    });
    let group = TRACKED.try_with(Cell::get).unwrap_or(0);
    if group > 0 {
        TRACKED_ALLOCATIONS[group - 1].fetch_add(1, Relaxed);
        TRACKED_BYTES[group - 1].fetch_add(bytes, Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` unchanged; the bookkeeping only touches
// `const`-initialized thread-locals without destructors and atomics, neither of which
// allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc_zeroed` requires.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: `ptr` came from `System` with this layout; `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What the calling thread has allocated so far.
#[inline]
pub fn thread_counts() -> Counts {
    LOCAL.try_with(Cell::get).unwrap_or_default()
}

/// From now on the calling thread's allocations also count in `group`'s
/// [`tracked_counts`].
pub fn track_this_thread(group: Group) {
    TRACKED.with(|t| t.set(group.index() + 1));
}

/// What the threads tracked in `group` have allocated so far, summed.
pub fn tracked_counts(group: Group) -> Counts {
    Counts {
        allocations: TRACKED_ALLOCATIONS[group.index()].load(Relaxed),
        bytes: TRACKED_BYTES[group.index()].load(Relaxed),
    }
}
