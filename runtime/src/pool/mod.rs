//! The buffer pool: the `Vec<u8>`s each thread keeps, lent out as [`PooledBuf`].
//!
//! The fast path takes the thread's most recently returned buffer out of a slot reached
//! through a thread-local on [`acquire`] and puts it back when the guard drops: no locks,
//! no atomic read-modify-write, no `RefCell`, and one count per lend (hits are derived
//! from it); further buffers wait in a per-thread list. The limits
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

mod config;
mod local;
mod recent;
mod stats;

pub use self::config::{config, configure, NewBufferSize, PoolConfig};
pub use self::stats::PoolStats;

use crate::PooledBuf;

/// Lends a cleared buffer: one kept by this thread if there is one, a new one otherwise
/// (of `initial_capacity`, or sized by [`PoolConfig::new_buffer_size`]). Dropping the
/// guard clears the buffer and returns it.
///
/// Called while the thread's locals are being destroyed, it lends a fresh buffer that
/// is simply freed when dropped.
#[inline]
pub fn acquire() -> PooledBuf {
    let buf = local::take();
    debug_assert!(buf.is_empty());
    PooledBuf::lend(buf)
}

/// Clears `buf` (lent with `lent_capacity`) and gives it to the current thread's pool,
/// or frees it.
#[inline]
pub(crate) fn release(buf: Vec<u8>, lent_capacity: usize) {
    local::put(buf, lent_capacity);
}

/// Counters summed over all threads that have used the pool, live and exited.
///
/// `retained_bytes` is what live threads keep right now. The sum is read without
/// stopping other threads, so under load it is a close snapshot, not an atomic one.
pub fn stats() -> PoolStats {
    stats::total()
}

/// The calling thread's own counters.
pub fn thread_stats() -> PoolStats {
    local::thread_stats().unwrap_or_default()
}

/// Frees the buffers the calling thread keeps (its counters stay).
pub fn clear_thread() {
    local::clear_thread();
}
