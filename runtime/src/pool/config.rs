//! The pool's limits: [`PoolConfig`], set once for every thread and read with relaxed
//! atomic loads on the paths that need them.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering::Relaxed};

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
    /// calibrating pools, e.g. Go's bytebufferpool). Recording the lengths sends every
    /// release through the pool's slow path (a few nanoseconds more), only while this is
    /// configured.
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

pub(super) static INITIAL_CAPACITY: AtomicUsize =
    AtomicUsize::new(PoolConfig::DEFAULT.initial_capacity);
pub(super) static MAX_RETAINED_CAPACITY: AtomicUsize =
    AtomicUsize::new(PoolConfig::DEFAULT.max_retained_capacity);
pub(super) static MAX_BUFFERS_PER_THREAD: AtomicUsize =
    AtomicUsize::new(PoolConfig::DEFAULT.max_buffers_per_thread);
/// `max_retained_capacity`, or 0 when `max_buffers_per_thread` is 0 or new buffers are
/// sized by [`NewBufferSize::RecentPercentile`] (whose lengths the slow path records):
/// the one limit the release fast path checks (every buffer it sees has a capacity
/// above 0), from a copy in each thread's hot slot.
pub(super) static HOT_SLOT_MAX_CAPACITY: AtomicUsize =
    AtomicUsize::new(PoolConfig::DEFAULT.max_retained_capacity);
/// The percentile of [`NewBufferSize::RecentPercentile`], or 0 for `Fixed`.
pub(super) static NEW_BUFFER_PERCENTILE: AtomicU8 = AtomicU8::new(0);

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
    let hot_slot_max_capacity = if config.max_buffers_per_thread == 0 || percentile != 0 {
        0
    } else {
        config.max_retained_capacity
    };
    HOT_SLOT_MAX_CAPACITY.store(hot_slot_max_capacity, Relaxed);
    super::stats::set_hot_limits(hot_slot_max_capacity);
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
