//! Memory, not counters: the buffers a thread keeps are freed when it exits, including
//! guards dropped while its thread-locals are being destroyed.
//!
//! A counting allocator tracks allocations of one marked size that nothing but these tests
//! asks for: each test grows its buffers to its own marked capacity, so tests running in
//! parallel (and the harness) do not disturb one another's counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicI64, Ordering::SeqCst};
use std::sync::Mutex;
use std::thread;

use pooled_serialize_runtime::{pool, PooledBuf};

/// Sizes the tests mark; each below the default `max_retained_capacity`, so the pool keeps
/// such buffers.
const MARKS: [usize; 3] = [40_001, 40_003, 40_007];
static LIVE: [AtomicI64; 3] = [AtomicI64::new(0), AtomicI64::new(0), AtomicI64::new(0)];

thread_local! {
    /// Whether allocations on this thread are counted in `COUNTED_HERE`. Both are
    /// const-initialized without destructors, so the allocator may touch them.
    static COUNTING_HERE: Cell<bool> = const { Cell::new(false) };
    static COUNTED_HERE: Cell<u64> = const { Cell::new(0) };
}

fn note(size: usize, by: i64) {
    if by > 0 && COUNTING_HERE.with(Cell::get) {
        COUNTED_HERE.with(|n| n.set(n.get() + 1));
    }
    if let Some(i) = MARKS.iter().position(|&m| m == size) {
        LIVE[i].fetch_add(by, SeqCst);
    }
}

struct MarkedSizes;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// bookkeeping only touches static atomics, which never allocate.
unsafe impl GlobalAlloc for MarkedSizes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            note(layout.size(), 1);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(layout.size(), -1);
        // SAFETY: `ptr` came from `System` with this layout (every allocation does).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            note(layout.size(), -1);
            note(new_size, 1);
        }
        new
    }
}

#[global_allocator]
static GLOBAL: MarkedSizes = MarkedSizes;

/// A lent buffer grown to exactly the marked capacity.
fn marked(mark: usize) -> PooledBuf {
    let mut buf = pool::acquire();
    let vec = buf.as_mut_vec();
    vec.reserve_exact(mark - vec.len());
    assert_eq!(buf.capacity(), mark);
    buf
}

/// Held by each test: `pool::stats()` then sees only the threads of the test that runs.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn live(mark: usize) -> i64 {
    LIVE[MARKS.iter().position(|&m| m == mark).unwrap()].load(SeqCst)
}

#[test]
fn thread_exit_frees_the_hot_slot_and_the_spare_list() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mark = MARKS[0];
    thread::spawn(move || {
        let held: Vec<_> = (0..3).map(|_| marked(mark)).collect();
        drop(held); // one to the hot slot, two to the spare list
        assert_eq!(live(mark), 3, "the pool keeps what was returned");
        assert_eq!(pool::thread_stats().retained_bytes, 3 * mark as u64);
    })
    .join()
    .unwrap();
    assert_eq!(
        live(mark),
        0,
        "an exited thread's kept buffers must be freed"
    );
    // No live thread keeps anything (the harness's threads never borrow): the exited
    // thread's counters were retired, with nothing retained.
    assert_eq!(pool::stats().retained_bytes, 0, "{:?}", pool::stats());
}

#[test]
fn thread_exit_frees_a_lone_hot_buffer() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mark = MARKS[1];
    thread::spawn(move || {
        drop(marked(mark));
        assert_eq!(live(mark), 1);
        // A fresh borrower on this thread gets that very buffer back.
        assert_eq!(pool::acquire().capacity(), mark);
    })
    .join()
    .unwrap();
    assert_eq!(live(mark), 0, "an exited thread's hot buffer must be freed");
}

#[test]
fn threads_that_come_and_go_reuse_the_pools_bookkeeping() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Allocations of a thread that lends one buffer: the buffer, plus the pool's
    // bookkeeping for the thread unless an exited thread's can be reused.
    let lend_once = || {
        thread::spawn(|| {
            COUNTING_HERE.with(|on| on.set(true));
            drop(pool::acquire());
            COUNTING_HERE.with(|on| on.set(false));
            COUNTED_HERE.with(Cell::get)
        })
        .join()
        .unwrap()
    };
    lend_once();
    for _ in 0..3 {
        assert_eq!(lend_once(), 1, "only the buffer is allocated");
    }
}

thread_local! {
    static HELD: RefCell<Vec<PooledBuf>> = const { RefCell::new(Vec::new()) };
}

#[test]
fn guards_dropped_during_thread_local_destruction_are_freed() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mark = MARKS[2];
    // The pool's thread-local created first, then ours.
    thread::spawn(move || {
        drop(pool::acquire());
        HELD.with(|held| held.borrow_mut().extend((0..2).map(|_| marked(mark))));
    })
    .join()
    .unwrap();
    assert_eq!(
        live(mark),
        0,
        "pool first: guards dropped at thread exit leaked"
    );
    // Ours first, the pool's after.
    thread::spawn(move || {
        HELD.with(|held| held.borrow_mut().push(marked(mark)));
        HELD.with(|held| held.borrow_mut().push(marked(mark)));
        drop(pool::acquire());
    })
    .join()
    .unwrap();
    assert_eq!(
        live(mark),
        0,
        "ours first: guards dropped at thread exit leaked"
    );
}

#[test]
fn process_wide_stats_sum_live_and_exited_threads() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let start = pool::stats();
    let (measured, measure) = std::sync::mpsc::channel();
    let (exit, may_exit) = std::sync::mpsc::channel::<()>();
    let worker = thread::spawn(move || {
        drop((0..3).map(|_| pool::acquire()).collect::<Vec<_>>()); // 3 misses
        drop(pool::acquire()); // 1 hit
        measured.send(pool::thread_stats().retained_bytes).unwrap();
        may_exit.recv().unwrap();
    });
    let kept = measure.recv().unwrap();
    assert!(kept >= 3 * 1024, "{kept}");
    // While the thread lives, its counters are in the sum.
    let live = pool::stats().since(&start);
    assert_eq!(
        (live.misses, live.hits, live.returned),
        (3, 1, 4),
        "{live:?}"
    );
    assert_eq!(live.acquires(), 4);
    assert_eq!(live.hit_rate(), 0.25);
    assert_eq!(live.retained_bytes, kept);
    exit.send(()).unwrap();
    worker.join().unwrap();
    // Once it has exited, they are still counted once, and it retains nothing.
    let exited = pool::stats().since(&start);
    assert_eq!(
        (exited.misses, exited.hits, exited.returned),
        (3, 1, 4),
        "{exited:?}"
    );
    assert_eq!(exited.retained_bytes, 0);
    assert_eq!(pool::PoolStats::default().hit_rate(), 0.0);
}
