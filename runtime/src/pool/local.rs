//! What each thread keeps: the hot slot (the buffer returned last, in the thread's
//! [`Counters`]) reached through the thread-local `HOT`, and the spare list and recent
//! lengths behind the thread-local `LOCAL`.

use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering::Relaxed};

use super::config::{
    INITIAL_CAPACITY, MAX_BUFFERS_PER_THREAD, MAX_RETAINED_CAPACITY, NEW_BUFFER_PERCENTILE,
};
use super::recent::RecentLengths;
use super::stats::{self, bump, lower, Counters};
use super::PoolStats;

thread_local! {
    /// The thread's counters (with its hot slot) while it is registered: from its first
    /// slow-path acquire or release until `LOCAL` is destroyed; `UNREGISTERED` before
    /// and after. The fast paths read only this: it needs no destructor, so reaching it
    /// is a thread-local address, with no state to check.
    static HOT: Cell<&'static Counters> = const { Cell::new(&stats::UNREGISTERED) };

    /// Everything else a thread keeps; its destructor frees the thread's buffers.
    static LOCAL: LocalPool = const { LocalPool::new() };
}

/// A cleared buffer from this thread's hot slot, or from the slow path.
#[inline]
pub(super) fn take() -> Vec<u8> {
    // Both paths give raw parts, so the `Vec` is built once, in registers: built in
    // memory on each path and copied out, it is moved on in 16-byte pieces over its
    // 8-byte stores, which stalls store-to-load forwarding.
    let (ptr, capacity) = match HOT.with(Cell::get).hot.take_parts() {
        Some(parts) => parts,
        None => take_slow(),
    };
    // SAFETY: the parts come from `into_parts`, through the hot slot (which hands them
    // out once) or straight from `take_slow`, and are used once, here.
    unsafe { from_parts(ptr, capacity) }
}

/// A kept spare buffer or a new one, as raw parts. Called while the thread's locals are
/// being destroyed, a new buffer, freed when returned.
#[inline(never)]
fn take_slow() -> (*mut u8, usize) {
    let buf = LOCAL
        .try_with(LocalPool::take_spare_or_new)
        .unwrap_or_else(|_| Vec::with_capacity(INITIAL_CAPACITY.load(Relaxed)));
    into_parts(buf)
}

/// Gives up `buf` without freeing it: its pointer and capacity, for [`from_parts`]. Its
/// length is dropped: the buffer comes back empty, which is the clearing.
#[inline]
fn into_parts(buf: Vec<u8>) -> (*mut u8, usize) {
    let mut buf = ManuallyDrop::new(buf);
    (buf.as_mut_ptr(), buf.capacity())
}

/// The empty `Vec` whose parts [`into_parts`] gave.
///
/// # Safety
///
/// `ptr` and `capacity` come from one call of [`into_parts`], and each such pair is
/// passed here at most once.
#[inline]
unsafe fn from_parts(ptr: *mut u8, capacity: usize) -> Vec<u8> {
    // SAFETY: the parts of a `Vec<u8>` that was never freed (`into_parts` wrapped it in
    // `ManuallyDrop`), so the pointer came from the global allocator with exactly this
    // capacity (or is dangling with capacity 0); the caller passes them once, so one
    // `Vec` owns the buffer. Length 0: no byte is claimed initialized.
    unsafe { Vec::from_raw_parts(ptr, 0, capacity) }
}

/// Keeps `buf` (lent with `lent_capacity`) in the hot slot if it is free and the buffer
/// within the limits, or hands it to the slow path.
///
/// Lending one buffer at a time (acquire, write, drop, repeat), the usual shape of a
/// request handler, touches only the hot slot and the `returned` count beside it: no
/// `RefCell` flag and no list length, whose loads and stores would chain from one
/// request to the next.
#[inline]
pub(super) fn put(buf: Vec<u8>, lent_capacity: usize) {
    // A buffer that grew while lent, one moved out (capacity 0) and one over the slot's
    // limit all leave the fast path here, to be sorted out in `put_slow`.
    if buf.capacity() <= lent_capacity {
        let counters = HOT.with(Cell::get);
        match counters.hot.put(buf) {
            Ok(()) => bump(&counters.returned, 1),
            Err(buf) => put_slow(buf, lent_capacity),
        }
    } else {
        put_slow(buf, lent_capacity);
    }
}

#[inline(never)]
fn put_slow(buf: Vec<u8>, lent_capacity: usize) {
    let capacity = buf.capacity();
    if capacity == 0 {
        return; // moved out by `into_bytes`, or never allocated: nothing to keep
    }
    if capacity > lent_capacity {
        let _ = LOCAL.try_with(|local| bump(&local.counters().regrown, 1));
        // Grown, it may still fit the slot.
        if let Some(counters) = registered() {
            match counters.hot.put(buf) {
                Ok(()) => return bump(&counters.returned, 1),
                Err(buf) => return put_spare(buf),
            }
        }
    }
    put_spare(buf);
}

fn put_spare(mut buf: Vec<u8>) {
    let len = buf.len();
    buf.clear();
    // During or after thread-local destruction `try_with` fails and the closure, with
    // the buffer it owns, is dropped: the buffer is freed, nothing panics.
    let _ = LOCAL.try_with(move |local| local.put(buf, len));
}

/// The calling thread's counters, if it is registered.
fn registered() -> Option<&'static Counters> {
    let counters = HOT.with(Cell::get);
    (!ptr::eq(counters, &stats::UNREGISTERED)).then_some(counters)
}

/// A snapshot of the calling thread's counters, if it is registered.
pub(super) fn thread_stats() -> Option<PoolStats> {
    registered().map(Counters::snapshot)
}

/// Frees the buffers the calling thread keeps (its counters stay).
pub(super) fn clear_thread() {
    let _ = LOCAL.try_with(LocalPool::clear);
}

/// What one thread keeps besides its hot slot. Const-initialized; its counters are
/// registered on the thread's first slow-path acquire or release.
struct LocalPool {
    /// The other kept buffers, when several are lent at once.
    spare: RefCell<Vec<Vec<u8>>>,
    /// Output lengths of recently returned buffers, for
    /// [`NewBufferSize::RecentPercentile`](super::NewBufferSize::RecentPercentile).
    recent: RecentLengths,
}

impl LocalPool {
    const fn new() -> Self {
        LocalPool {
            spare: RefCell::new(Vec::new()),
            recent: RecentLengths::new(),
        }
    }

    /// The thread's counters, registering them (which opens the hot slot to the fast
    /// path) on first use. Reached only through `LOCAL`, so never after its destruction
    /// has begun.
    fn counters(&self) -> &'static Counters {
        registered().unwrap_or_else(|| {
            let counters = stats::register();
            HOT.with(|hot| hot.set(counters));
            counters
        })
    }

    fn take_spare_or_new(&self) -> Vec<u8> {
        let counters = self.counters();
        let kept = match self.spare.try_borrow_mut() {
            Ok(mut spare) => spare.pop(),
            Err(_) => None,
        };
        match kept {
            Some(buf) => {
                lower(&counters.spare_kept, 1);
                lower(&counters.spare_bytes, buf.capacity() as u64);
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

    /// Keeps `buf` (already cleared; `len` is what it held) if the limits allow;
    /// otherwise frees it.
    fn put(&self, mut buf: Vec<u8>, len: usize) {
        if NEW_BUFFER_PERCENTILE.load(Relaxed) != 0 {
            self.recent.record(len);
        }
        let counters = self.counters();
        let max_capacity = MAX_RETAINED_CAPACITY.load(Relaxed);
        let max_buffers = MAX_BUFFERS_PER_THREAD.load(Relaxed);
        let Ok(mut spare) = self.spare.try_borrow_mut() else {
            return; // unreachable in practice (nothing here calls back into the pool)
        };
        let hot_is_free = counters.hot.kept_capacity().is_none();
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
            // To the spare list, even when the hot slot is free: only the fast path fills
            // the slot, so the slot holds only buffers within its limit.
            bump(&counters.spare_kept, 1);
            bump(&counters.spare_bytes, buf.capacity() as u64);
            spare.push(buf);
        }
    }

    /// Frees the kept buffers (the counters stay).
    fn clear(&self) {
        let Some(counters) = registered() else {
            return; // not registered: nothing kept
        };
        let hot = counters.hot.take();
        let spare = self
            .spare
            .try_borrow_mut()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default();
        let freed = spare.len() as u64 + u64::from(hot.is_some());
        bump(&counters.discarded, freed);
        lower(&counters.spare_kept, spare.len() as u64);
        counters.spare_bytes.store(0, Relaxed);
        drop((hot, spare));
    }
}

impl Drop for LocalPool {
    fn drop(&mut self) {
        // The thread is exiting: its buffers are freed, and its counters, unhooked from
        // `HOT` so that guards dropped from here on take the slow path and are freed,
        // go to the exited totals and to the next thread that registers.
        self.clear();
        if let Some(counters) = registered() {
            HOT.with(|hot| hot.set(&stats::UNREGISTERED));
            stats::retire(counters);
        }
    }
}

/// One kept buffer, held as its raw parts in two word-sized atomics that only the owning
/// thread writes (plain loads and stores) and [`stats`](super::stats()) reads, beside
/// the one limit the fast path checks.
///
/// Why not a `Cell<Option<Vec<u8>>>`: moving the `Vec` in and out lets LLVM copy its
/// three words with loads and stores of different widths (two 8-byte stores read back by
/// one 16-byte load), which the CPU cannot forward from store to load: that stall cost
/// ~10 ns per acquire + release, most of the pool's cost. Separate word-sized fields
/// are read back exactly as they were written.
pub(super) struct HotSlot {
    /// The buffer's pointer; null when the slot is free.
    ptr: AtomicPtr<u8>,
    /// The buffer's capacity while `ptr` is not null.
    capacity: AtomicUsize,
    /// The largest capacity the slot takes (0: none, every release takes the slow path):
    /// the configured hot-slot limit (`HOT_SLOT_MAX_CAPACITY`), copied here at
    /// registration and by `configure`, so the fast path finds it on the slot's own
    /// cache line.
    pub(super) limit: AtomicUsize,
}

impl HotSlot {
    pub(super) const fn new() -> Self {
        HotSlot {
            ptr: AtomicPtr::new(ptr::null_mut()),
            capacity: AtomicUsize::new(0),
            limit: AtomicUsize::new(0),
        }
    }

    /// The capacity of the kept buffer, if there is one. The only method other threads
    /// call.
    pub(super) fn kept_capacity(&self) -> Option<usize> {
        if self.ptr.load(Relaxed).is_null() {
            None
        } else {
            Some(self.capacity.load(Relaxed))
        }
    }

    /// Takes the kept buffer's parts, if any: the caller then owns the buffer. Called
    /// only by the thread that owns the slot (through its `HOT`).
    #[inline]
    fn take_parts(&self) -> Option<(*mut u8, usize)> {
        let ptr = self.ptr.load(Relaxed);
        if ptr.is_null() {
            return None;
        }
        // Nulled before the parts are handed out: they are handed out once.
        self.ptr.store(ptr::null_mut(), Relaxed);
        Some((ptr, self.capacity.load(Relaxed)))
    }

    /// Takes the kept buffer, if any. Called only by the thread that owns the slot.
    fn take(&self) -> Option<Vec<u8>> {
        // SAFETY: `take_parts` hands out the parts `put` stored from `into_parts` once.
        self.take_parts()
            .map(|(ptr, capacity)| unsafe { from_parts(ptr, capacity) })
    }

    /// Keeps `buf` if the slot is free and `buf` within its limit; gives it back
    /// otherwise. Called only by the thread that owns the slot (through its `HOT`).
    #[inline]
    fn put(&self, buf: Vec<u8>) -> Result<(), Vec<u8>> {
        // `capacity - 1` wraps for a capacity of 0: an unallocated buffer is not kept.
        let capacity = buf.capacity();
        if capacity.wrapping_sub(1) >= self.limit.load(Relaxed) || !self.ptr.load(Relaxed).is_null()
        {
            return Err(buf);
        }
        let (ptr, capacity) = into_parts(buf);
        self.capacity.store(capacity, Relaxed);
        // A `Vec`'s pointer is never null (dangling when unallocated), so a kept buffer
        // is never mistaken for a free slot.
        self.ptr.store(ptr, Relaxed);
        Ok(())
    }
}
