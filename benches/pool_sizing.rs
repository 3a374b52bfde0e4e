//! Adaptive sizing of new buffers (`NewBufferSize::RecentPercentile`) against the fixed
//! `initial_capacity`, on the large input (~50 KB).
//!
//! The scenario is a burst: 16 large responses in flight on one thread while the pool
//! keeps 8 buffers, so every round half the buffers are new. A fixed 1 KiB buffer
//! regrows to fit each of them (a reallocation and a copy per doubling); one sized from
//! the p95 of recent output lengths is allocated once. Prints the allocations per burst,
//! then the time of the two modes in alternating rounds (median ratio: this machine is
//! noisy).
//!
//! ```text
//! cargo bench --all-features --bench pool_sizing
//! ```

use std::hint::black_box;
use std::time::Instant;

use pooled_serialize::openrtb::BidResponse;
use pooled_serialize::pool::{self, NewBufferSize, PoolConfig};
use pooled_serialize::to_pooled_json;
use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};
use pooled_serialize_test_support::inputs;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const IN_FLIGHT: usize = 16;
const ROUNDS: usize = 200;
const BURSTS_PER_ROUND: u32 = 20;

fn burst(response: &BidResponse<'_>) {
    let in_flight: [_; IN_FLIGHT] =
        std::array::from_fn(|_| to_pooled_json(black_box(response)).unwrap());
    black_box(&in_flight);
}

fn configure(new_buffer_size: NewBufferSize) {
    pool::configure(PoolConfig {
        new_buffer_size,
        ..PoolConfig::default()
    });
    pool::clear_thread();
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let large = inputs::large();
    let modes = [
        ("fixed initial_capacity (1 KiB)", NewBufferSize::Fixed),
        ("RecentPercentile(95)", NewBufferSize::RecentPercentile(95)),
    ];
    println!("{IN_FLIGHT} large responses (~50 KB) in flight per burst, the pool keeps 8 buffers");
    for (name, new_buffer_size) in modes {
        configure(new_buffer_size);
        // Warm up: the pool holds its 8 buffers and has seen enough output lengths.
        for _ in 0..20 {
            burst(&large);
        }
        let bursts = 100;
        let before = pool::thread_stats();
        let allocations = allocations_during(|| {
            for _ in 0..bursts {
                burst(&large);
            }
        });
        let stats = pool::thread_stats().since(&before);
        #[allow(clippy::cast_precision_loss)]
        let per_burst = |n: u64| n as f64 / f64::from(bursts);
        println!(
            "  {name}: {:.1} allocations per burst ({:.2} per response); \
             {:.1} buffers regrown, {:.1} new per burst",
            per_burst(allocations),
            per_burst(allocations) / IN_FLIGHT as f64,
            per_burst(stats.regrown),
            per_burst(stats.misses),
        );
    }
    // Time: the two modes alternate, round by round, so the machine's drift hits both.
    let mut times = [Vec::new(), Vec::new()];
    for round in 0..ROUNDS {
        for step in 0..2 {
            let mode = (round + step) % 2;
            configure(modes[mode].1);
            burst(&large);
            let start = Instant::now();
            for _ in 0..BURSTS_PER_ROUND {
                burst(&large);
            }
            times[mode].push(start.elapsed().as_secs_f64() / f64::from(BURSTS_PER_ROUND));
        }
    }
    let mut ratios: Vec<f64> = times[1].iter().zip(&times[0]).map(|(a, f)| a / f).collect();
    println!(
        "  time per burst, median of {ROUNDS} alternating rounds: fixed {:.1} us, adaptive {:.1} us; \
         adaptive / fixed {:.3} (median of per-round ratios)",
        median(&mut times[0]) * 1e6,
        median(&mut times[1]) * 1e6,
        median(&mut ratios)
    );
    pool::configure(PoolConfig::default());
}
