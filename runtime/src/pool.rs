//! The buffer pool: the `Vec<u8>`s each thread keeps, lent out as [`PooledBuf`].
//!
//! The fast path takes the thread's most recently returned buffer out of a thread-local
//! slot on [`acquire`] and puts it back when the guard drops: no locks, no atomic
//! read-modify-write, no `RefCell`; further buffers wait in a per-thread list. The limits
//! in [`PoolConfig`] bound what a thread keeps; statistics are kept per thread and summed
//! across threads by [`stats`].
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

use std::cell::{Cell, OnceCell, RefCell};
use std::sync::atomic::{AtomicU64, AtomicU8, AtomicUsize, Ordering::Relaxed};
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
    /// How a buffer created on a miss is sized. Default [`NewBufferSize::Fixed`]:
    /// `initial_capacity`.
    pub new_buffer_size: NewBufferSize,
}

/// How the pool sizes a buffer it has to create (a miss: the thread keeps none).
///
/// A buffer that is too small for a response regrows while it is written (a copy per
/// doubling, so six for a 50 KB response in a 1 KiB buffer). Kept buffers keep the
/// capacity they grew to, so this matters where misses are frequent: bursts with more
/// responses in flight than a thread keeps, threads that come and go, guards dropped on
/// other threads.
///
/// ```
/// use pooled_serialize_runtime::pool::{self, NewBufferSize, PoolConfig};
///
/// // New buffers as large as 95 % of this thread's recent responses needed.
/// pool::configure(PoolConfig {
///     new_buffer_size: NewBufferSize::RecentPercentile(95),
///     ..PoolConfig::default()
/// });
/// # pool::configure(PoolConfig::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NewBufferSize {
    /// Always `initial_capacity`.
    #[default]
    Fixed,
    /// This percentile (90 to 100) of the output lengths of the last 128 buffers
    /// returned on the thread, plus 1/16 and 256 bytes of headroom for the writer's
    /// reserve-ahead, kept within `initial_capacity` (the floor) and
    /// `max_retained_capacity` (the cap). Until 16 lengths have been seen,
    /// `initial_capacity`.
    ///
    /// A high percentile rather than the most frequent length: sized by the mode, every
    /// response larger than the common one would still regrow (a known flaw of
    /// calibrating pools, e.g. Go's bytebufferpool). Recording a length costs one
    /// store per release, only while this is configured.
    RecentPercentile(u8),
}

impl PoolConfig {
    /// The defaults: 1 KiB new buffers, 64 KiB retained at most, 8 buffers per thread.
    pub const DEFAULT: PoolConfig = PoolConfig {
        initial_capacity: 1024,
        max_retained_capacity: 64 * 1024,
        max_buffers_per_thread: 8,
        new_buffer_size: NewBufferSize::Fixed,
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
/// `max_retained_capacity`, or 0 when `max_buffers_per_thread` is 0: the one limit the
/// release fast path checks (every buffer it sees has a capacity above 0).
static HOT_SLOT_MAX_CAPACITY: AtomicUsize =
    AtomicUsize::new(PoolConfig::DEFAULT.max_retained_capacity);
/// The percentile of [`NewBufferSize::RecentPercentile`], or 0 for `Fixed`.
static NEW_BUFFER_PERCENTILE: AtomicU8 = AtomicU8::new(0);

/// Sets the pool's limits for every thread, usually once at start-up.
///
/// New limits apply to the next acquire or release on each thread; buffers a thread
/// already keeps above a lowered limit are freed as they are next returned.
///
/// # Panics
///
/// If `initial_capacity` exceeds `max_retained_capacity` (every fresh buffer would be
/// freed on return and the pool would never hit), or if a
/// [`NewBufferSize::RecentPercentile`] is outside 90..=100.
pub fn configure(config: PoolConfig) {
    assert!(
        config.initial_capacity <= config.max_retained_capacity,
        "PoolConfig: initial_capacity ({}) exceeds max_retained_capacity ({})",
        config.initial_capacity,
        config.max_retained_capacity
    );
    let percentile = match config.new_buffer_size {
        NewBufferSize::Fixed => 0,
        NewBufferSize::RecentPercentile(p) => {
            assert!(
                (90..=100).contains(&p),
                "PoolConfig: NewBufferSize::RecentPercentile({p}) must be within 90..=100 \
                 (a lower one leaves more than one new buffer in ten to regrow)"
            );
            p
        }
    };
    NEW_BUFFER_PERCENTILE.store(percentile, Relaxed);
    INITIAL_CAPACITY.store(config.initial_capacity, Relaxed);
    MAX_RETAINED_CAPACITY.store(config.max_retained_capacity, Relaxed);
    MAX_BUFFERS_PER_THREAD.store(config.max_buffers_per_thread, Relaxed);
    HOT_SLOT_MAX_CAPACITY.store(
        if config.max_buffers_per_thread == 0 {
            0
        } else {
            config.max_retained_capacity
        },
        Relaxed,
    );
}

/// The limits in force.
pub fn config() -> PoolConfig {
    PoolConfig {
        initial_capacity: INITIAL_CAPACITY.load(Relaxed),
        max_retained_capacity: MAX_RETAINED_CAPACITY.load(Relaxed),
        max_buffers_per_thread: MAX_BUFFERS_PER_THREAD.load(Relaxed),
        new_buffer_size: match NEW_BUFFER_PERCENTILE.load(Relaxed) {
            0 => NewBufferSize::Fixed,
            p => NewBufferSize::RecentPercentile(p),
        },
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
    /// Buffers that had to grow (reallocate) while lent, because a response did not fit
    /// their capacity: many of them, on misses, are what
    /// [`NewBufferSize::RecentPercentile`] removes.
    pub regrown: u64,
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

    /// What happened between `earlier` and `self` (two readings of the same counters):
    /// each count's difference; `retained_bytes` as of `self`.
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
            hits: self.hits - earlier.hits,
            misses: self.misses - earlier.misses,
            returned: self.returned - earlier.returned,
            shrunk_oversize: self.shrunk_oversize - earlier.shrunk_oversize,
            dropped_oversize: self.dropped_oversize - earlier.dropped_oversize,
            dropped_full: self.dropped_full - earlier.dropped_full,
            regrown: self.regrown - earlier.regrown,
            retained_bytes: self.retained_bytes,
        }
    }

    fn add(&mut self, other: &PoolStats) {
        self.hits += other.hits;
        self.misses += other.misses;
        self.returned += other.returned;
        self.shrunk_oversize += other.shrunk_oversize;
        self.dropped_oversize += other.dropped_oversize;
        self.dropped_full += other.dropped_full;
        self.regrown += other.regrown;
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
    regrown: AtomicU64,
    /// Capacity of the spare buffers (not the hot one).
    retained_bytes: AtomicU64,
    /// Capacity of the hot buffer, 0 when it is lent out: only ever stored, so the fast
    /// path adds no load-add-store chain for it.
    hot_retained_bytes: AtomicU64,
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
            regrown: self.regrown.load(Relaxed),
            retained_bytes: self.retained_bytes.load(Relaxed)
                + self.hot_retained_bytes.load(Relaxed),
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
        regrown: 0,
        retained_bytes: 0,
    },
});

fn registry() -> std::sync::MutexGuard<'static, Registry> {
    // The registry only holds counters; a panic elsewhere cannot leave it inconsistent.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What one thread keeps. Const-initialized, so reaching it costs a thread-local address
/// and a state check; everything else is created on the thread's first miss.
///
/// Lending one buffer at a time (acquire, write, drop, repeat), the usual shape of a
/// request handler, touches only `hot` and two counters: no `RefCell` flag and no list
/// length, whose loads and stores would chain from one request to the next.
struct LocalPool {
    /// The buffer returned most recently, if it is not lent out again.
    hot: HotSlot,
    /// The other kept buffers, when several are lent at once.
    spare: RefCell<Vec<Vec<u8>>>,
    /// Registered in [`REGISTRY`] on first use.
    counters: OnceCell<Arc<Counters>>,
    /// Output lengths of recently returned buffers, for [`NewBufferSize::RecentPercentile`].
    recent: RecentLengths,
}

impl LocalPool {
    const fn new() -> Self {
        LocalPool {
            hot: HotSlot::new(),
            spare: RefCell::new(Vec::new()),
            counters: OnceCell::new(),
            recent: RecentLengths::new(),
        }
    }

    fn counters(&self) -> &Counters {
        self.counters.get_or_init(|| {
            let counters = Arc::new(Counters::default());
            registry().live.push(Arc::clone(&counters));
            counters
        })
    }

    #[inline]
    fn take(&self) -> Vec<u8> {
        if let Some(counters) = self.counters.get() {
            if let Some(buf) = self.hot.take() {
                bump(&counters.hits, 1);
                counters.hot_retained_bytes.store(0, Relaxed);
                return buf;
            }
        }
        self.take_spare_or_new()
    }

    #[inline(never)]
    fn take_spare_or_new(&self) -> Vec<u8> {
        let counters = self.counters();
        let kept = match self.spare.try_borrow_mut() {
            Ok(mut spare) => spare.pop(),
            Err(_) => None,
        };
        match kept {
            Some(buf) => {
                bump(&counters.hits, 1);
                let retained = counters.retained_bytes.load(Relaxed);
                counters
                    .retained_bytes
                    .store(retained - buf.capacity() as u64, Relaxed);
                buf
            }
            None => {
                bump(&counters.misses, 1);
                Vec::with_capacity(self.new_buffer_capacity())
            }
        }
    }

    fn new_buffer_capacity(&self) -> usize {
        let floor = INITIAL_CAPACITY.load(Relaxed);
        match NEW_BUFFER_PERCENTILE.load(Relaxed) {
            0 => floor,
            percentile => match self.recent.percentile(percentile) {
                // Headroom: the writer reserves ahead of what it writes (a string's
                // worst-case escaping), so a buffer of exactly the final length would
                // still regrow once near its end.
                Some(length) => (length + length / 16 + 256)
                    .clamp(floor, MAX_RETAINED_CAPACITY.load(Relaxed).max(floor)),
                None => floor,
            },
        }
    }

    /// Keeps `buf` (already cleared; `len` is what it held, `lent_capacity` its
    /// capacity when lent) if the limits allow; otherwise frees it.
    #[inline]
    fn put(&self, buf: Vec<u8>, len: usize, lent_capacity: usize) {
        if NEW_BUFFER_PERCENTILE.load(Relaxed) != 0 {
            self.recent.record(len);
        }
        let capacity = buf.capacity();
        if capacity > lent_capacity {
            self.note_regrown();
        }
        // Fast path: the hot slot is free and the buffer within the limits.
        if let Some(counters) = self.counters.get() {
            if capacity <= HOT_SLOT_MAX_CAPACITY.load(Relaxed) {
                match self.hot.put(buf) {
                    Ok(()) => {
                        bump(&counters.returned, 1);
                        counters.hot_retained_bytes.store(capacity as u64, Relaxed);
                        return;
                    }
                    Err(buf) => return self.put_slow(buf),
                }
            }
        }
        self.put_slow(buf);
    }

    #[cold]
    fn note_regrown(&self) {
        bump(&self.counters().regrown, 1);
    }

    #[cold]
    #[inline(never)]
    fn put_slow(&self, mut buf: Vec<u8>) {
        let counters = self.counters();
        let max_capacity = MAX_RETAINED_CAPACITY.load(Relaxed);
        let max_buffers = MAX_BUFFERS_PER_THREAD.load(Relaxed);
        let Ok(mut spare) = self.spare.try_borrow_mut() else {
            return; // unreachable in practice (nothing here calls back into the pool)
        };
        let hot_is_free = self.hot.is_free();
        let kept = spare.len() + usize::from(!hot_is_free);
        if buf.capacity() > max_capacity && kept < max_buffers {
            // A buffer that grew past the cap gives its excess back, then is kept like
            // any other. Keeping it at the cap (rather than freeing it) means a thread whose
            // responses are a little larger than the cap does not allocate on every one.
            buf.shrink_to(max_capacity);
            if buf.capacity() <= max_capacity {
                bump(&counters.shrunk_oversize, 1);
            }
        }
        if buf.capacity() > max_capacity {
            bump(&counters.dropped_oversize, 1);
        } else if kept >= max_buffers {
            bump(&counters.dropped_full, 1);
        } else {
            bump(&counters.returned, 1);
            let capacity = buf.capacity() as u64;
            match self.hot.put(buf) {
                Ok(()) => counters.hot_retained_bytes.store(capacity, Relaxed),
                Err(buf) => {
                    bump(&counters.retained_bytes, capacity);
                    spare.push(buf);
                }
            }
        }
    }

    fn clear(&self) {
        let hot = self.hot.take();
        let spare = self
            .spare
            .try_borrow_mut()
            .map(|mut s| std::mem::take(&mut *s));
        if let Some(counters) = self.counters.get() {
            counters.hot_retained_bytes.store(0, Relaxed);
            counters.retained_bytes.store(0, Relaxed);
        }
        drop((hot, spare));
    }
}

impl Drop for LocalPool {
    fn drop(&mut self) {
        // The thread is exiting: its buffers are freed with `self`; fold its counters
        // into the exited totals so process-wide figures stay complete.
        let Some(counters) = self.counters.get() else {
            return;
        };
        let mut registry = registry();
        registry.live.retain(|c| !Arc::ptr_eq(c, counters));
        let mut final_stats = counters.snapshot();
        final_stats.retained_bytes = 0;
        registry.exited.add(&final_stats);
    }
}

/// One kept buffer, held as its raw parts.
///
/// Why not a `Cell<Option<Vec<u8>>>`: moving the `Vec` in and out lets LLVM copy its
/// three words with loads and stores of different widths (two 8-byte stores read back by
/// one 16-byte load), which the CPU cannot forward from store to load: that stall cost
/// ~10 ns per acquire + release, most of the pool's cost. Separate word-sized cells
/// are read back exactly as they were written.
struct HotSlot {
    /// The buffer's pointer; null when the slot is free.
    ptr: Cell<*mut u8>,
    /// The buffer's capacity while `ptr` is not null.
    capacity: Cell<usize>,
}

impl HotSlot {
    const fn new() -> Self {
        HotSlot {
            ptr: Cell::new(std::ptr::null_mut()),
            capacity: Cell::new(0),
        }
    }

    #[inline]
    fn is_free(&self) -> bool {
        self.ptr.get().is_null()
    }

    /// Takes the kept buffer (empty), if any.
    #[inline]
    fn take(&self) -> Option<Vec<u8>> {
        let ptr = self.ptr.replace(std::ptr::null_mut());
        if ptr.is_null() {
            return None;
        }
        // SAFETY: a non-null `ptr` and `capacity` are the parts of a `Vec<u8>` that `put`
        // gave up without freeing (`ManuallyDrop`), so it came from the global allocator
        // with exactly this capacity. Nulling `ptr` first hands ownership to the new `Vec`
        // once. Length 0: `put` only takes empty buffers, so no byte is claimed
        // initialized.
        Some(unsafe { Vec::from_raw_parts(ptr, 0, self.capacity.get()) })
    }

    /// Keeps `buf`, which must be empty; gives it back if the slot is taken.
    #[inline]
    fn put(&self, buf: Vec<u8>) -> Result<(), Vec<u8>> {
        debug_assert!(buf.is_empty());
        if !self.is_free() {
            return Err(buf);
        }
        let mut buf = std::mem::ManuallyDrop::new(buf);
        self.capacity.set(buf.capacity());
        // A `Vec`'s pointer is never null (dangling when unallocated), so a kept buffer
        // is never mistaken for a free slot.
        self.ptr.set(buf.as_mut_ptr());
        Ok(())
    }
}

impl Drop for HotSlot {
    fn drop(&mut self) {
        drop(self.take());
    }
}

/// The last [`RecentLengths::WINDOW`] output lengths returned on one thread, in a ring.
struct RecentLengths {
    lengths: [Cell<u32>; RecentLengths::WINDOW],
    recorded: Cell<usize>,
}

impl RecentLengths {
    const WINDOW: usize = 128;
    /// Fewer samples than this say too little: new buffers get `initial_capacity`.
    const MIN_SAMPLES: usize = 16;

    const fn new() -> Self {
        RecentLengths {
            lengths: [const { Cell::new(0) }; RecentLengths::WINDOW],
            recorded: Cell::new(0),
        }
    }

    #[inline]
    fn record(&self, len: usize) {
        let n = self.recorded.get();
        self.lengths[n % Self::WINDOW].set(u32::try_from(len).unwrap_or(u32::MAX));
        self.recorded.set(n.wrapping_add(1));
    }

    /// The `percentile` (1..=100) of the recorded lengths: the smallest length that at
    /// least that share of them does not exceed.
    fn percentile(&self, percentile: u8) -> Option<usize> {
        let n = self.recorded.get().min(Self::WINDOW);
        if n < Self::MIN_SAMPLES {
            return None;
        }
        let mut sorted = [0u32; Self::WINDOW];
        for (slot, length) in sorted.iter_mut().zip(&self.lengths[..n]) {
            *slot = length.get();
        }
        let rank = (n * usize::from(percentile)).div_ceil(100).clamp(1, n);
        let (_, &mut value, _) = sorted[..n].select_nth_unstable(rank - 1);
        Some(value as usize)
    }
}

thread_local! {
    static LOCAL: LocalPool = const { LocalPool::new() };
}

/// Lends a cleared buffer: one kept by this thread if there is one, a new one otherwise
/// (of `initial_capacity`, or sized by [`PoolConfig::new_buffer_size`]). Dropping the
/// guard clears the buffer and returns it.
///
/// Called while the thread's locals are being destroyed, it lends a fresh buffer that
/// is simply freed when dropped.
#[inline]
pub fn acquire() -> PooledBuf {
    let buf = LOCAL
        .try_with(LocalPool::take)
        .unwrap_or_else(|_| Vec::with_capacity(INITIAL_CAPACITY.load(Relaxed)));
    debug_assert!(buf.is_empty());
    PooledBuf::lend(buf)
}

/// Clears `buf` (lent with `lent_capacity`) and gives it to the current thread's pool,
/// or frees it.
#[inline]
pub(crate) fn release(mut buf: Vec<u8>, lent_capacity: usize) {
    if buf.capacity() == 0 {
        return; // moved out by `into_bytes`, or never allocated: nothing to keep
    }
    let len = buf.len();
    buf.clear();
    // During or after thread-local destruction `try_with` fails and the closure, with
    // the buffer it owns, is dropped: the buffer is freed, nothing panics.
    let _ = LOCAL.try_with(move |local| local.put(buf, len, lent_capacity));
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
        .try_with(|local| local.counters.get().map(|c| c.snapshot()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Frees the buffers the calling thread keeps (its counters stay).
pub fn clear_thread() {
    let _ = LOCAL.try_with(LocalPool::clear);
}
