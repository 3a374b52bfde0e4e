//! What each thread keeps: the hot slot (the buffer returned last) and the spare list,
//! behind the thread-local [`LOCAL`].

use std::cell::{Cell, OnceCell, RefCell};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use super::config::{
    HOT_SLOT_MAX_CAPACITY, INITIAL_CAPACITY, MAX_BUFFERS_PER_THREAD, MAX_RETAINED_CAPACITY,
    NEW_BUFFER_PERCENTILE,
};
use super::recent::RecentLengths;
use super::stats::{self, bump, Counters};
use super::PoolStats;

/// What one thread keeps. Const-initialized, so reaching it costs a thread-local address
/// and a state check; everything else is created on the thread's first miss.
///
/// Lending one buffer at a time (acquire, write, drop, repeat), the usual shape of a
/// request handler, touches only `hot` and two counters: no `RefCell` flag and no list
/// length, whose loads and stores would chain from one request to the next.
pub(super) struct LocalPool {
    /// The buffer returned most recently, if it is not lent out again.
    hot: HotSlot,
    /// The other kept buffers, when several are lent at once.
    spare: RefCell<Vec<Vec<u8>>>,
    /// Registered (counted in [`stats`](super::stats())) on first use.
    counters: OnceCell<Arc<Counters>>,
    /// Output lengths of recently returned buffers, for
    /// [`NewBufferSize::RecentPercentile`](super::NewBufferSize::RecentPercentile).
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
        self.counters.get_or_init(stats::register)
    }

    #[inline]
    pub(super) fn take(&self) -> Vec<u8> {
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
    pub(super) fn put(&self, buf: Vec<u8>, len: usize, lent_capacity: usize) {
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

    /// Frees the kept buffers (the counters stay).
    pub(super) fn clear(&self) {
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

    /// This thread's counters, if it has used the pool.
    pub(super) fn stats(&self) -> Option<PoolStats> {
        self.counters.get().map(|c| c.snapshot())
    }
}

impl Drop for LocalPool {
    fn drop(&mut self) {
        // The thread is exiting: its buffers are freed with `self`.
        if let Some(counters) = self.counters.get() {
            stats::retire(counters);
        }
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
    pub(super) fn take(&self) -> Option<Vec<u8>> {
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
    pub(super) fn put(&self, buf: Vec<u8>) -> Result<(), Vec<u8>> {
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

thread_local! {
    pub(super) static LOCAL: LocalPool = const { LocalPool::new() };
}
