//! The output lengths a thread returned recently, from which
//! [`NewBufferSize::RecentPercentile`](super::NewBufferSize::RecentPercentile) sizes new
//! buffers.

use std::cell::Cell;

/// The last [`RecentLengths::WINDOW`] output lengths returned on one thread, in a ring.
pub(super) struct RecentLengths {
    lengths: [Cell<u32>; RecentLengths::WINDOW],
    recorded: Cell<usize>,
}

impl RecentLengths {
    const WINDOW: usize = 128;
    /// Fewer samples than this say too little: new buffers get `initial_capacity`.
    const MIN_SAMPLES: usize = 16;

    pub(super) const fn new() -> Self {
        RecentLengths {
            lengths: [const { Cell::new(0) }; RecentLengths::WINDOW],
            recorded: Cell::new(0),
        }
    }

    #[inline]
    pub(super) fn record(&self, len: usize) {
        let n = self.recorded.get();
        self.lengths[n % Self::WINDOW].set(u32::try_from(len).unwrap_or(u32::MAX));
        self.recorded.set(n.wrapping_add(1));
    }

    /// The `percentile` (1..=100) of the recorded lengths: the smallest length that at
    /// least that share of them does not exceed.
    pub(super) fn percentile(&self, percentile: u8) -> Option<usize> {
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
