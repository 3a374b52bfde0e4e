//! The pool's counters: [`PoolStats`], the per-thread `Counters` behind it, and the
//! registry that sums them over threads.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::config::HOT_SLOT_MAX_CAPACITY;
use super::local::HotSlot;

/// Declares the counted events, once: each one becomes a field of [`PoolStats`] and of
/// `Counters`, and is read, reset, summed and subtracted with the others. Adding a counter
/// is one entry here (plus the `bump` that counts it). `hits` is derived from the others
/// (see `Counters::snapshot`) and `retained_bytes`, a level rather than a count, is
/// written out by hand.
macro_rules! event_counters {
    ($($(#[doc = $doc:literal])+ $name:ident,)+) => {
        /// Counters of the pool. [`stats`](super::stats()) sums them over every thread that
        /// has used the pool (live and exited); [`thread_stats`](super::thread_stats) gives
        /// the calling thread's own.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct PoolStats {
            /// Acquires served from a kept buffer.
            pub hits: u64,
            $($(#[doc = $doc])+ pub $name: u64,)+
            /// Capacity, in bytes, of the idle buffers kept right now.
            pub retained_bytes: u64,
        }

        impl PoolStats {
            const ZERO: PoolStats = PoolStats {
                hits: 0,
                $($name: 0,)+
                retained_bytes: 0,
            };

            /// What happened between `earlier` and `self` (two readings of the same
            /// counters): each count's difference; `retained_bytes` as of `self`.
            ///
            /// A reading of other threads' counters taken while they lend and return is
            /// a close snapshot, not an atomic one: a difference that would be negative
            /// is 0.
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
                    hits: self.hits.saturating_sub(earlier.hits),
                    $($name: self.$name.saturating_sub(earlier.$name),)+
                    retained_bytes: self.retained_bytes,
                }
            }

            fn add(&mut self, other: &PoolStats) {
                self.hits += other.hits;
                $(self.$name += other.$name;)+
                self.retained_bytes += other.retained_bytes;
            }
        }

        /// One thread's counters and its hot slot. Only the owning thread writes them
        /// (load, add, store: no read-modify-write instruction on the hot path);
        /// [`total`] reads them from anywhere.
        ///
        /// Each is allocated once and never freed: a thread that exits hands its
        /// `Counters` to the next thread that registers, so the number allocated is the
        /// largest number of threads that used the pool at once. Being `'static`, they
        /// are reached from the thread-local without an `Arc` or a lifetime to uphold.
        // `repr(C)`, aligned: the fast path's slot and its one count (`returned`, the
        // second counter) share one cache line, which no other thread's counters share.
        #[repr(C, align(64))]
        pub(super) struct Counters {
            /// The buffer returned most recently, if it is not lent out again.
            pub(super) hot: HotSlot,
            $(pub(super) $name: AtomicU64,)+
            /// Kept buffers freed without being lent again (`clear_thread`, thread exit).
            pub(super) discarded: AtomicU64,
            /// How many buffers the spare list holds.
            pub(super) spare_kept: AtomicU64,
            /// Capacity of the spare buffers (not the hot one).
            pub(super) spare_bytes: AtomicU64,
        }

        impl Counters {
            const fn new() -> Self {
                Counters {
                    hot: HotSlot::new(),
                    $($name: AtomicU64::new(0),)+
                    discarded: AtomicU64::new(0),
                    spare_kept: AtomicU64::new(0),
                    spare_bytes: AtomicU64::new(0),
                }
            }

            /// Zeroes the counts of a retired thread's `Counters` for a new thread (its
            /// buffers were freed at retirement).
            fn reset(&self) {
                $(self.$name.store(0, Relaxed);)+
                self.discarded.store(0, Relaxed);
                self.spare_kept.store(0, Relaxed);
                self.spare_bytes.store(0, Relaxed);
            }

            /// The counts as [`PoolStats`].
            ///
            /// The fast path counts only returns: every buffer returned and kept is later
            /// lent again (a hit), still kept, or freed while kept (`discarded`), so hits
            /// are what returns leave over. No acquire from a kept buffer writes a count.
            pub(super) fn snapshot(&self) -> PoolStats {
                let hot = self.hot.kept_capacity();
                let kept = self.spare_kept.load(Relaxed) + u64::from(hot.is_some());
                let returned = self.returned.load(Relaxed);
                PoolStats {
                    // Saturating: another thread's reading may see a return's buffer in
                    // the slot before its count.
                    hits: returned.saturating_sub(kept + self.discarded.load(Relaxed)),
                    $($name: self.$name.load(Relaxed),)+
                    retained_bytes: self.spare_bytes.load(Relaxed)
                        + hot.map_or(0, |capacity| capacity as u64),
                }
            }
        }
    };
}

event_counters! {
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

/// Subtracts `by` from a counter that only the calling thread writes.
#[inline]
pub(super) fn lower(counter: &AtomicU64, by: u64) {
    counter.store(counter.load(Relaxed).wrapping_sub(by), Relaxed);
}

/// Counters of live threads, those retired threads left for reuse, and the totals of
/// threads that have exited.
struct Registry {
    live: Vec<&'static Counters>,
    free: Vec<&'static Counters>,
    exited: PoolStats,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    live: Vec::new(),
    free: Vec::new(),
    exited: PoolStats::ZERO,
});

fn registry() -> MutexGuard<'static, Registry> {
    // The registry only holds counters; a panic elsewhere cannot leave it inconsistent.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What `HOT` points at before a thread registers and after it retires: a slot that
/// is always empty and takes nothing (its limit is 0), so the fast paths fall through
/// to the slow ones without first testing whether the thread is registered. It is never
/// registered, so nothing counts on it or changes its limit.
pub(super) static UNREGISTERED: Counters = Counters::new();

/// Counters for the calling thread, counted in [`total`] from now on.
pub(super) fn register() -> &'static Counters {
    let mut registry = registry();
    let counters = match registry.free.pop() {
        Some(counters) => {
            counters.reset();
            counters
        }
        None => Box::leak(Box::new(Counters::new())),
    };
    // Under the lock, so a concurrent `configure` either sees these counters in `live`
    // or has stored its limit before this load.
    counters
        .hot
        .limit
        .store(HOT_SLOT_MAX_CAPACITY.load(Relaxed), Relaxed);
    registry.live.push(counters);
    counters
}

/// Folds the counters of an exiting thread, whose buffers have been freed, into the
/// exited totals, so process-wide figures stay complete; the thread must not touch
/// `counters` again.
pub(super) fn retire(counters: &'static Counters) {
    let mut registry = registry();
    registry.live.retain(|&c| !std::ptr::eq(c, counters));
    let final_stats = counters.snapshot();
    registry.exited.add(&final_stats);
    registry.free.push(counters);
}

/// Gives every live thread's hot slot the hot-slot limit `configure` just stored.
pub(super) fn set_hot_limits(limit: usize) {
    for counters in &registry().live {
        counters.hot.limit.store(limit, Relaxed);
    }
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
