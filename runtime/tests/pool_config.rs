//! Limits of the pool. These tests change the process-wide `PoolConfig`, so they take a
//! lock and restore the defaults; assertions read the calling thread's counters.

use std::io::Write;
use std::sync::Mutex;

use pooled_serialize_runtime::pool::{self, NewBufferSize, PoolConfig};
use pooled_serialize_runtime::to_pooled_json;

static CONFIG_LOCK: Mutex<()> = Mutex::new(());

fn with_config<R>(config: PoolConfig, body: impl FnOnce() -> R) -> R {
    let _guard = CONFIG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    pool::configure(config);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body));
    pool::configure(PoolConfig::default());
    pool::clear_thread();
    result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[test]
fn oversize_buffers_are_shrunk_back_to_the_cap() {
    with_config(
        PoolConfig {
            initial_capacity: 64,
            max_retained_capacity: 4096,
            max_buffers_per_thread: 4,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            let before = pool::thread_stats();
            let big = "x".repeat(10_000);
            let json = to_pooled_json(&big).unwrap();
            assert_eq!(json.len(), 10_002);
            assert!(json.capacity() > 4096);
            drop(json);
            let after = pool::thread_stats();
            assert_eq!(after.shrunk_oversize - before.shrunk_oversize, 1);
            assert_eq!(after.returned - before.returned, 1);
            assert_eq!(after.dropped_oversize, before.dropped_oversize);
            assert!(after.retained_bytes - before.retained_bytes <= 4096);
            // The next borrower gets the shrunk buffer, empty and within the cap.
            let next = pool::acquire();
            assert!(next.is_empty());
            assert!(next.capacity() <= 4096);
            assert_eq!(pool::thread_stats().hits - after.hits, 1);
        },
    );
}

#[test]
fn oversize_buffers_are_freed_when_no_slot_is_free() {
    with_config(
        PoolConfig {
            initial_capacity: 64,
            max_retained_capacity: 4096,
            max_buffers_per_thread: 1,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            let small = pool::acquire();
            let mut big = pool::acquire();
            big.write_all(&[b'x'; 10_000]).unwrap();
            drop(small); // takes the only slot
            let before = pool::thread_stats();
            drop(big);
            let after = pool::thread_stats();
            assert_eq!(after.dropped_oversize - before.dropped_oversize, 1);
            assert_eq!(after.returned, before.returned);
            assert_eq!(after.retained_bytes, before.retained_bytes);
        },
    );
}

#[test]
fn surplus_buffers_are_freed() {
    with_config(
        PoolConfig {
            initial_capacity: 128,
            max_retained_capacity: 4096,
            max_buffers_per_thread: 2,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            let before = pool::thread_stats();
            let held: Vec<_> = (0..5).map(|_| pool::acquire()).collect();
            drop(held);
            let after = pool::thread_stats();
            assert_eq!(after.returned - before.returned, 2);
            assert_eq!(after.dropped_full - before.dropped_full, 3);
            assert_eq!(after.retained_bytes - before.retained_bytes, 2 * 128);
        },
    );
}

#[test]
fn initial_capacity_sizes_new_buffers() {
    with_config(
        PoolConfig {
            initial_capacity: 3000,
            max_retained_capacity: 8192,
            max_buffers_per_thread: 8,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            let mut buf = pool::acquire();
            assert!(buf.as_mut_vec().capacity() >= 3000);
            buf.write_all(b"x").unwrap();
        },
    );
}

#[test]
#[should_panic(expected = "initial_capacity (100) exceeds max_retained_capacity (10)")]
fn inconsistent_config_is_refused() {
    let _guard = CONFIG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    pool::configure(PoolConfig {
        initial_capacity: 100,
        max_retained_capacity: 10,
        max_buffers_per_thread: 1,
        ..PoolConfig::default()
    });
}

/// Returns, on this thread, one buffer for each length (`len` bytes written into it).
fn return_buffers_of_lengths(lengths: impl IntoIterator<Item = usize>) {
    for len in lengths {
        let mut buf = pool::acquire();
        buf.as_mut_vec().resize(len, b' ');
    }
}

fn adaptive(percentile: u8) -> PoolConfig {
    PoolConfig {
        initial_capacity: 1024,
        max_retained_capacity: 64 * 1024,
        max_buffers_per_thread: 8,
        new_buffer_size: NewBufferSize::RecentPercentile(percentile),
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "writes megabytes: slow under Miri; no unsafe code of its own"
)]
fn recent_percentile_sizes_new_buffers_above_most_recent_lengths() {
    // Most responses are 1,000 B (the mode), 35 % are 20,000 B, 5 % are 50,000 B.
    let lengths = || {
        (0..100).map(|i| match i % 20 {
            0 => 50_000,
            1..=7 => 20_000,
            _ => 1_000,
        })
    };
    for (percentile, at_least, below) in [(95, 20_000, 25_000), (100, 50_000, 64 * 1024)] {
        with_config(adaptive(percentile), || {
            return_buffers_of_lengths(lengths());
            pool::clear_thread();
            let misses = pool::thread_stats().misses;
            let fresh = pool::acquire();
            assert_eq!(pool::thread_stats().misses, misses + 1, "a new buffer");
            let capacity = fresh.capacity();
            assert!(
                (at_least..below).contains(&capacity),
                "p{percentile}: capacity {capacity}, expected {at_least}..{below}"
            );
        });
    }
}

#[test]
#[cfg_attr(
    miri,
    ignore = "writes megabytes: slow under Miri; no unsafe code of its own"
)]
fn recent_percentile_stays_within_floor_and_cap() {
    with_config(adaptive(95), || {
        // Too few samples: the floor.
        return_buffers_of_lengths([40_000; 15]);
        pool::clear_thread();
        assert_eq!(pool::acquire().capacity(), 1024);
    });
    with_config(adaptive(95), || {
        return_buffers_of_lengths([10; 128]);
        pool::clear_thread();
        assert_eq!(
            pool::acquire().capacity(),
            1024,
            "never below initial_capacity"
        );
    });
    with_config(adaptive(95), || {
        return_buffers_of_lengths([1 << 20; 128]);
        pool::clear_thread();
        assert_eq!(pool::acquire().capacity(), 64 * 1024, "never above the cap");
    });
}

#[test]
#[cfg_attr(
    miri,
    ignore = "writes megabytes: slow under Miri; no unsafe code of its own"
)]
fn recent_percentile_follows_the_last_128_lengths() {
    with_config(adaptive(100), || {
        return_buffers_of_lengths([60_000; 128]);
        return_buffers_of_lengths([5_000; 128]);
        pool::clear_thread();
        assert_eq!(pool::acquire().capacity(), 5_000 + 5_000 / 16 + 256);
    });
}

#[test]
#[cfg_attr(
    miri,
    ignore = "writes megabytes: slow under Miri; no unsafe code of its own"
)]
fn fixed_size_ignores_recent_lengths() {
    with_config(
        PoolConfig {
            new_buffer_size: NewBufferSize::Fixed,
            ..adaptive(95)
        },
        || {
            return_buffers_of_lengths([30_000; 64]);
            pool::clear_thread();
            assert_eq!(pool::acquire().capacity(), 1024);
        },
    );
}

#[test]
#[should_panic(expected = "RecentPercentile(50) must be within 90..=100")]
fn low_percentile_is_refused() {
    let _guard = CONFIG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    pool::configure(adaptive(50));
}

/// Runs `body` with new buffers of 1 KiB and this thread's pool emptied, passing the
/// thread's `regrown` count before it.
fn with_1k_buffers(body: impl FnOnce(u64)) {
    with_config(
        PoolConfig {
            initial_capacity: 1024,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            body(pool::thread_stats().regrown);
        },
    );
}

#[test]
fn regrown_counts_buffers_that_grew_while_lent() {
    with_1k_buffers(|before| {
        return_buffers_of_lengths([10_000]);
        assert_eq!(
            pool::thread_stats().regrown,
            before + 1,
            "1 KiB grown to 10 KB"
        );
        // The kept buffer has room now: no growth.
        return_buffers_of_lengths([10_000, 500]);
        assert_eq!(pool::thread_stats().regrown, before + 1);
    });
}

#[test]
fn regrown_counts_growth_inside_to_pooled_json() {
    // The guard `to_pooled_json` returns carries the capacity it was lent with: a
    // document that outgrew the buffer counts once, one that fit counts nothing.
    with_1k_buffers(|before| {
        let json = to_pooled_json(&"x".repeat(5_000)).unwrap();
        assert_eq!(json.len(), 5_002);
        drop(json);
        assert_eq!(pool::thread_stats().regrown, before + 1, "grew while lent");
        let json = to_pooled_json(&"short").unwrap();
        assert_eq!(json.as_str(), "\"short\"");
        drop(json);
        assert_eq!(pool::thread_stats().regrown, before + 1, "fit: no growth");
    });
}

#[test]
fn zero_buffers_per_thread_keeps_nothing_not_even_the_hot_slot() {
    with_config(
        PoolConfig {
            max_buffers_per_thread: 0,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            let before = pool::thread_stats();
            // One at a time (the hot slot's path), then several at once (the spare list's).
            for _ in 0..3 {
                drop(to_pooled_json(&"one at a time").unwrap());
            }
            drop((0..3).map(|_| pool::acquire()).collect::<Vec<_>>());
            let after = pool::thread_stats();
            assert_eq!(after.returned - before.returned, 0, "{after:?}");
            assert_eq!(after.dropped_full - before.dropped_full, 6, "{after:?}");
            assert_eq!(
                after.hits - before.hits,
                0,
                "nothing kept, so nothing reused"
            );
            assert_eq!(after.misses - before.misses, 6);
            assert_eq!(after.retained_bytes, 0);
        },
    );
}

#[test]
fn new_limits_apply_to_threads_already_using_the_pool() {
    // This thread uses the pool (its hot slot open to the fast path) before the limits
    // change under it.
    drop(pool::acquire());
    drop(pool::acquire());
    with_config(
        PoolConfig {
            max_buffers_per_thread: 0,
            ..PoolConfig::default()
        },
        || {
            let before = pool::thread_stats();
            drop(pool::acquire());
            let after = pool::thread_stats();
            assert_eq!(after.returned - before.returned, 0, "{after:?}");
            assert_eq!(after.dropped_full - before.dropped_full, 1, "{after:?}");
            assert_eq!(after.retained_bytes, 0);
        },
    );
}

#[test]
fn a_buffer_exactly_at_the_cap_is_kept_as_it_is() {
    with_config(
        PoolConfig {
            initial_capacity: 64,
            max_retained_capacity: 4096,
            max_buffers_per_thread: 4,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            let at_cap = || {
                let mut buf = pool::acquire();
                let vec = buf.as_mut_vec();
                vec.reserve_exact(4096 - vec.len());
                assert_eq!(buf.capacity(), 4096);
                buf
            };
            let (first, second) = (at_cap(), at_cap());
            let before = pool::thread_stats();
            drop(first); // the hot slot
            drop(second); // the spare list
            let after = pool::thread_stats();
            assert_eq!(after.returned - before.returned, 2, "{after:?}");
            assert_eq!(
                after.shrunk_oversize, before.shrunk_oversize,
                "not oversize"
            );
            assert_eq!(after.dropped_oversize, before.dropped_oversize);
            assert_eq!(after.retained_bytes, 2 * 4096);
        },
    );
}

#[test]
fn a_buffer_at_the_cap_takes_the_hot_slot() {
    with_config(
        PoolConfig {
            initial_capacity: 64,
            max_retained_capacity: 4096,
            max_buffers_per_thread: 4,
            ..PoolConfig::default()
        },
        || {
            pool::clear_thread();
            drop(pool::acquire()); // this thread now uses the pool's fast path
            let mut at_cap = pool::acquire();
            let vec = at_cap.as_mut_vec();
            vec.reserve_exact(4096 - vec.len());
            let small = pool::acquire();
            assert_eq!((at_cap.capacity(), small.capacity()), (4096, 64));
            // The first one returned takes the hot slot, the next waits in the spare
            // list; the hot slot lends first.
            drop(at_cap);
            drop(small);
            assert_eq!(pool::acquire().capacity(), 4096);
        },
    );
}

#[test]
fn config_reports_the_limits_in_force() {
    let custom = PoolConfig {
        initial_capacity: 100,
        max_retained_capacity: 5000,
        max_buffers_per_thread: 3,
        new_buffer_size: NewBufferSize::RecentPercentile(95),
    };
    with_config(custom, || assert_eq!(pool::config(), custom));
    let _guard = CONFIG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    assert_eq!(pool::config(), PoolConfig::DEFAULT);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "writes megabytes: slow under Miri; no unsafe code of its own"
)]
fn recent_percentile_starts_at_sixteen_samples() {
    // Each test runs on a thread of its own, so this one's recent lengths start empty.
    with_config(adaptive(95), || {
        // (15 give the floor: `recent_percentile_stays_within_floor_and_cap`.)
        return_buffers_of_lengths([40_000; 16]);
        pool::clear_thread();
        assert_eq!(
            pool::acquire().capacity(),
            40_000 + 40_000 / 16 + 256,
            "16 samples: sized by them"
        );
    });
}
