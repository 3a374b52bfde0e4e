//! The pool's counters: [`PoolStats`], the per-thread `Counters` behind it, and the
//! registry that sums them over threads.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Declares the counters of events, once: each one becomes a field of [`PoolStats`] and
/// of `Counters`, and is read, summed and subtracted with the others. Adding a counter is
/// one entry here (plus the `bump` that counts it). `retained_bytes`, a level rather
/// than a count, is written out by hand.
macro_rules! event_counters {
    ($($(#[doc = $doc:literal])+ $name:ident,)+) => {
        /// Counters of the pool. [`stats`](super::stats()) sums them over every thread that
        /// has used the pool (live and exited); [`thread_stats`](super::thread_stats) gives
        /// the calling thread's own.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct PoolStats {
            $($(#[doc = $doc])+ pub $name: u64,)+
            /// Capacity, in bytes, of the idle buffers kept right now.
            pub retained_bytes: u64,
        }

        impl PoolStats {
            const ZERO: PoolStats = PoolStats {
                $($name: 0,)+
                retained_bytes: 0,
            };

            /// What happened between `earlier` and `self` (two readings of the same
            /// counters): each count's difference; `retained_bytes` as of `self`.
            ///
            /// ```
            /// use pooled_serialize_runtime::pool;
            ///
            /// let before = pool::thread_stats();
            /// drop(pool::acquire());
            /// let delta = pool::thread_stats().since(&before);
            /// assert_eq!(delta.acquires(), 1);
            /// ```
            pub fn since(&self, earlier: &PoolStats) -> PoolStats {
                PoolStats {
                    $($name: self.$name - earlier.$name,)+
                    retained_bytes: self.retained_bytes,
                }
            }

            fn add(&mut self, other: &PoolStats) {
                $(self.$name += other.$name;)+
                self.retained_bytes += other.retained_bytes;
            }
        }

        /// One thread's counters. Only the owning thread writes them (load, add, store: no
        /// read-modify-write instruction on the hot path); [`total`] reads them from
        /// anywhere.
        #[derive(Default)]
        pub(super) struct Counters {
            $(pub(super) $name: AtomicU64,)+
            /// Capacity of the spare buffers (not the hot one).
            pub(super) retained_bytes: AtomicU64,
            /// Capacity of the hot buffer, 0 when it is lent out: only ever stored, so the
            /// fast path adds no load-add-store chain for it.
            pub(super) hot_retained_bytes: AtomicU64,
        }

        impl Counters {
            pub(super) fn snapshot(&self) -> PoolStats {
                PoolStats {
                    $($name: self.$name.load(Relaxed),)+
                    retained_bytes: self.retained_bytes.load(Relaxed)
                        + self.hot_retained_bytes.load(Relaxed),
                }
            }
        }
    };
}

event_counters! {
    /// Acquires served from a kept buffer.
    hits,
    /// Acquires that had to allocate a new buffer.
    misses,
    /// Buffers cleared and kept for reuse when their guard dropped.
    returned,
    /// Buffers that had grown past `max_retained_capacity` and were shrunk back to it
    /// on return (their excess memory released); they are then kept or freed like any
    /// other buffer, so each is also counted in `returned` or `dropped_full`.
    shrunk_oversize,
    /// Buffers freed on return because they had grown past `max_retained_capacity` and
    /// could not be shrunk back under it (or the thread had no free slot anyway).
    dropped_oversize,
    /// Buffers freed on return because the thread already kept `max_buffers_per_thread`.
    dropped_full,
    /// Buffers that had to grow (reallocate) while lent, because a response did not fit
    /// their capacity: many of them, on misses, are what
    /// [`NewBufferSize::RecentPercentile`](super::NewBufferSize::RecentPercentile)
    /// removes.
    regrown,
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
            n => self.hits as f64 / n as f64,
        }
    }
}

/// Adds `by` to a counter that only the calling thread writes.
#[inline]
pub(super) fn bump(counter: &AtomicU64, by: u64) {
    counter.store(counter.load(Relaxed).wrapping_add(by), Relaxed);
}

/// Counters of live threads, plus the totals of threads that have exited.
struct Registry {
    live: Vec<Arc<Counters>>,
    exited: PoolStats,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    live: Vec::new(),
    exited: PoolStats::ZERO,
});

fn registry() -> MutexGuard<'static, Registry> {
    // The registry only holds counters; a panic elsewhere cannot leave it inconsistent.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// New counters for the calling thread, counted in [`total`] from now on.
pub(super) fn register() -> Arc<Counters> {
    let counters = Arc::new(Counters::default());
    registry().live.push(Arc::clone(&counters));
    counters
}

/// Folds the counters of an exiting thread into the exited totals, so process-wide
/// figures stay complete; its buffers are freed, so it retains nothing.
pub(super) fn retire(counters: &Arc<Counters>) {
    let mut registry = registry();
    registry.live.retain(|c| !Arc::ptr_eq(c, counters));
    let mut final_stats = counters.snapshot();
    final_stats.retained_bytes = 0;
    registry.exited.add(&final_stats);
}

/// Counters summed over all threads that have used the pool, live and exited.
pub(super) fn total() -> PoolStats {
    let registry = registry();
    let mut total = registry.exited;
    for counters in &registry.live {
        total.add(&counters.snapshot());
    }
    total
}
