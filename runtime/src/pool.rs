//! The buffer pool: a free list of `Vec<u8>` per thread, lent out as [`PooledBuf`].
//!
//! The fast path is a thread-local `Vec` pop on [`acquire`] and a push when the guard
//! drops: no locks, no atomic read-modify-write. The limits in [`PoolConfig`] bound what a
//! thread keeps; statistics are kept per thread and summed across threads by [`stats`].
//!
//! # Examples
//!
//! ```
//! use pooled_serialize_runtime::pool;
//!
//! let mut buf = pool::acquire();
//! buf.as_mut_vec().extend_from_slice(b"hello");
//! drop(buf); // cleared, then kept for the next acquire on this thread
//!
//! let again = pool::acquire();
//! assert!(again.is_empty());
//! assert!(pool::thread_stats().hits >= 1);
//! ```

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex, PoisonError};

use crate::PooledBuf;

/// Limits of the pool, shared by all threads.
///
/// ```
/// use pooled_serialize_runtime::pool::{self, PoolConfig};
///
/// pool::configure(PoolConfig {
///     initial_capacity: 8 * 1024,
///     ..PoolConfig::default()
/// });
/// assert_eq!(pool::config().initial_capacity, 8 * 1024);
/// # pool::configure(PoolConfig::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolConfig {
    /// Capacity of a buffer created when the thread's pool is empty. Default 1024.
    pub initial_capacity: usize,
    /// A returned buffer whose capacity exceeds this is shrunk back to it (or freed), so
    /// one huge response does not pin its memory for good. Default 64 KiB.
    pub max_retained_capacity: usize,
    /// At most this many idle buffers are kept per thread; more are freed. Default 8.
    pub max_buffers_per_thread: usize,
}

impl PoolConfig {
    /// The defaults: 1 KiB new buffers, 64 KiB retained at most, 8 buffers per thread.
    pub const DEFAULT: PoolConfig = PoolConfig {
        initial_capacity: 1024,
        max_retained_capacity: 64 * 1024,
        max_buffers_per_thread: 8,
    };
}

impl Default for PoolConfig {
    fn default() -> Self {
        Self::DEFAULT
    }
}

static INITIAL_CAPACITY: AtomicUsize = AtomicUsize::new(PoolConfig::DEFAULT.initial_capacity);
static MAX_RETAINED_CAPACITY: AtomicUsize =
    AtomicUsize::new(PoolConfig::DEFAULT.max_retained_capacity);
static MAX_BUFFERS_PER_THREAD: AtomicUsize =
    AtomicUsize::new(PoolConfig::DEFAULT.max_buffers_per_thread);

/// Sets the pool's limits for every thread, usually once at start-up.
///
/// New limits apply to the next acquire or release on each thread; buffers a thread
/// already keeps above a lowered limit are freed as they are next returned.
///
/// # Panics
///
/// If `initial_capacity` exceeds `max_retained_capacity`: every fresh buffer would be
/// freed on return and the pool would never hit.
pub fn configure(config: PoolConfig) {
    assert!(
        config.initial_capacity <= config.max_retained_capacity,
        "PoolConfig: initial_capacity ({}) exceeds max_retained_capacity ({})",
        config.initial_capacity,
        config.max_retained_capacity
    );
    INITIAL_CAPACITY.store(config.initial_capacity, Relaxed);
    MAX_RETAINED_CAPACITY.store(config.max_retained_capacity, Relaxed);
    MAX_BUFFERS_PER_THREAD.store(config.max_buffers_per_thread, Relaxed);
}

/// The limits in force.
pub fn config() -> PoolConfig {
    PoolConfig {
        initial_capacity: INITIAL_CAPACITY.load(Relaxed),
        max_retained_capacity: MAX_RETAINED_CAPACITY.load(Relaxed),
        max_buffers_per_thread: MAX_BUFFERS_PER_THREAD.load(Relaxed),
    }
}

/// Counters of the pool. [`stats`] sums them over every thread that has used the pool
/// (live and exited); [`thread_stats`] gives the calling thread's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    /// Acquires served from a kept buffer.
    pub hits: u64,
    /// Acquires that had to allocate a new buffer.
    pub misses: u64,
    /// Buffers cleared and kept for reuse when their guard dropped.
    pub returned: u64,
    /// Buffers that had grown past `max_retained_capacity` and were shrunk back to it
    /// on return (their excess memory released); they are then kept or freed like any
    /// other buffer, so each is also counted in `returned` or `dropped_full`.
    pub shrunk_oversize: u64,
    /// Buffers freed on return because they had grown past `max_retained_capacity` and
    /// could not be shrunk back under it (or the thread had no free slot anyway).
    pub dropped_oversize: u64,
    /// Buffers freed on return because the thread already kept `max_buffers_per_thread`.
    pub dropped_full: u64,
    /// Capacity, in bytes, of the idle buffers kept right now.
    pub retained_bytes: u64,
}

impl PoolStats {
    /// All acquires: `hits + misses`.
    pub fn acquires(&self) -> u64 {
        self.hits + self.misses
    }

    /// Share of acquires served without allocating, from 0.0 to 1.0 (0.0 before any).
    pub fn hit_rate(&self) -> f64 {
        match self.acquires() {
            0 => 0.0,
            // Counters stay far below 2^53, where the conversion is exact.
            #[allow(clippy::cast_precision_loss)]
            n => self.hits as f64 / n as f64,
        }
    }

    fn add(&mut self, other: &PoolStats) {
        self.hits += other.hits;
        self.misses += other.misses;
        self.returned += other.returned;
        self.shrunk_oversize += other.shrunk_oversize;
        self.dropped_oversize += other.dropped_oversize;
        self.dropped_full += other.dropped_full;
        self.retained_bytes += other.retained_bytes;
    }
}

/// One thread's counters. Only the owning thread writes them (load, add, store: no
/// read-modify-write instruction on the hot path); [`stats`] reads them from anywhere.
#[derive(Default)]
struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    returned: AtomicU64,
    shrunk_oversize: AtomicU64,
    dropped_oversize: AtomicU64,
    dropped_full: AtomicU64,
    retained_bytes: AtomicU64,
}

#[inline]
fn bump(counter: &AtomicU64, by: u64) {
    counter.store(counter.load(Relaxed).wrapping_add(by), Relaxed);
}

impl Counters {
    fn snapshot(&self) -> PoolStats {
        PoolStats {
            hits: self.hits.load(Relaxed),
            misses: self.misses.load(Relaxed),
            returned: self.returned.load(Relaxed),
            shrunk_oversize: self.shrunk_oversize.load(Relaxed),
            dropped_oversize: self.dropped_oversize.load(Relaxed),
            dropped_full: self.dropped_full.load(Relaxed),
            retained_bytes: self.retained_bytes.load(Relaxed),
        }
    }
}

/// Counters of live threads, plus the totals of threads that have exited.
struct Registry {
    live: Vec<Arc<Counters>>,
    exited: PoolStats,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    live: Vec::new(),
    exited: PoolStats {
        hits: 0,
        misses: 0,
        returned: 0,
        shrunk_oversize: 0,
        dropped_oversize: 0,
        dropped_full: 0,
        retained_bytes: 0,
    },
});

fn registry() -> std::sync::MutexGuard<'static, Registry> {
    // The registry only holds counters; a panic elsewhere cannot leave it inconsistent.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

struct LocalPool {
    free: Vec<Vec<u8>>,
    counters: Arc<Counters>,
}

impl LocalPool {
    fn new() -> Self {
        let counters = Arc::new(Counters::default());
        registry().live.push(Arc::clone(&counters));
        LocalPool {
            free: Vec::with_capacity(MAX_BUFFERS_PER_THREAD.load(Relaxed)),
            counters,
        }
    }

    #[inline]
    fn take(&mut self) -> Option<Vec<u8>> {
        match self.free.pop() {
            Some(buf) => {
                bump(&self.counters.hits, 1);
                let retained = self.counters.retained_bytes.load(Relaxed);
                self.counters
                    .retained_bytes
                    .store(retained - buf.capacity() as u64, Relaxed);
                Some(buf)
            }
            None => {
                bump(&self.counters.misses, 1);
                None
            }
        }
    }

    /// Keeps `buf` (already cleared) if the limits allow; otherwise frees it.
    #[inline]
    fn put(&mut self, buf: Vec<u8>) {
        // Fast path: within the limits and a free slot already allocated, so the push
        // cannot grow the list. Everything else is out of line.
        if buf.capacity() <= MAX_RETAINED_CAPACITY.load(Relaxed)
            && self.free.len() < MAX_BUFFERS_PER_THREAD.load(Relaxed)
            && self.free.len() < self.free.capacity()
        {
            bump(&self.counters.returned, 1);
            bump(&self.counters.retained_bytes, buf.capacity() as u64);
            self.free.push(buf);
        } else {
            self.put_slow(buf);
        }
    }

    #[cold]
    #[inline(never)]
    fn put_slow(&mut self, mut buf: Vec<u8>) {
        let max_capacity = MAX_RETAINED_CAPACITY.load(Relaxed);
        if buf.capacity() > max_capacity {
            self.shrink_oversize(&mut buf, max_capacity);
        }
        if buf.capacity() > max_capacity {
            bump(&self.counters.dropped_oversize, 1);
        } else if self.free.len() >= MAX_BUFFERS_PER_THREAD.load(Relaxed) {
            bump(&self.counters.dropped_full, 1);
        } else {
            // A raised `max_buffers_per_thread`: the list grows once.
            bump(&self.counters.returned, 1);
            bump(&self.counters.retained_bytes, buf.capacity() as u64);
            self.free.push(buf);
        }
    }
}

impl LocalPool {
    /// A buffer that grew past the cap gives its excess back, then competes for a slot
    /// like any other. Keeping it at the cap (rather than freeing it) means a thread whose
    /// responses are a little larger than the cap does not allocate on every response.
    #[cold]
    fn shrink_oversize(&mut self, buf: &mut Vec<u8>, max_capacity: usize) {
        if self.free.len() < MAX_BUFFERS_PER_THREAD.load(Relaxed) {
            buf.shrink_to(max_capacity);
            if buf.capacity() <= max_capacity {
                bump(&self.counters.shrunk_oversize, 1);
            }
        }
    }
}

impl Drop for LocalPool {
    fn drop(&mut self) {
        // The thread is exiting: its buffers are freed with `self.free`; fold its
        // counters into the exited totals so process-wide figures stay complete.
        let mut registry = registry();
        registry.live.retain(|c| !Arc::ptr_eq(c, &self.counters));
        let mut final_stats = self.counters.snapshot();
        final_stats.retained_bytes = 0;
        registry.exited.add(&final_stats);
    }
}

thread_local! {
    static LOCAL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
}

/// Lends a cleared buffer: one kept by this thread if there is one, a new one of
/// `initial_capacity` otherwise. Dropping the guard clears the buffer and returns it.
///
/// Called while the thread's locals are being destroyed, it lends a fresh buffer that
/// is simply freed when dropped.
#[inline]
pub fn acquire() -> PooledBuf {
    let kept = LOCAL
        .try_with(|local| local.try_borrow_mut().ok().and_then(|mut l| l.take()))
        .ok()
        .flatten();
    let buf = kept.unwrap_or_else(|| Vec::with_capacity(INITIAL_CAPACITY.load(Relaxed)));
    debug_assert!(buf.is_empty());
    PooledBuf::lend(buf)
}

/// Clears `buf` and gives it to the current thread's pool, or frees it.
#[inline]
pub(crate) fn release(mut buf: Vec<u8>) {
    if buf.capacity() == 0 {
        return; // moved out by `into_bytes`, or never allocated: nothing to keep
    }
    buf.clear();
    // During or after thread-local destruction `try_with` fails and the closure, with
    // the buffer it owns, is dropped: the buffer is freed, nothing panics.
    let _ = LOCAL.try_with(move |local| {
        if let Ok(mut local) = local.try_borrow_mut() {
            local.put(buf);
        }
    });
}

/// Counters summed over all threads that have used the pool, live and exited.
///
/// `retained_bytes` is what live threads keep right now. The sum is read without
/// stopping other threads, so under load it is a close snapshot, not an atomic one.
pub fn stats() -> PoolStats {
    let registry = registry();
    let mut total = registry.exited;
    for counters in &registry.live {
        total.add(&counters.snapshot());
    }
    total
}

/// The calling thread's own counters.
pub fn thread_stats() -> PoolStats {
    LOCAL
        .try_with(|local| {
            local
                .try_borrow()
                .map(|l| l.counters.snapshot())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// Frees the buffers the calling thread keeps (its counters stay).
pub fn clear_thread() {
    let _ = LOCAL.try_with(|local| {
        if let Ok(mut local) = local.try_borrow_mut() {
            let freed: usize = local.free.drain(..).map(|b| b.capacity()).sum();
            let retained = local.counters.retained_bytes.load(Relaxed);
            local
                .counters
                .retained_bytes
                .store(retained - freed as u64, Relaxed);
        }
    });
}
