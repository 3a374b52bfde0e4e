//! The pool's guarantees: reset before reuse, hits, limits, panics, other threads.
//!
//! Each `#[test]` runs on its own thread, and the assertions read that thread's counters
//! (`thread_stats`), so tests in this binary do not disturb one another. Tests that
//! change the process-wide `PoolConfig` live in `pool_config.rs`.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::thread;

use pooled_serialize_runtime::pool::{self, PoolConfig};
use pooled_serialize_runtime::{to_pooled_json, Error, PooledSerialize, Writer};

#[test]
fn second_acquire_hits_and_sees_no_earlier_bytes() {
    let before = pool::thread_stats();
    let mut first = pool::acquire();
    first.write_all(b"secret-canary").unwrap();
    let first_capacity = first.capacity();
    drop(first);

    let second = pool::acquire();
    let after = pool::thread_stats();
    assert!(second.is_empty(), "a lent buffer must start empty");
    assert_eq!(
        second.capacity(),
        first_capacity,
        "the same buffer came back"
    );
    assert_eq!(after.misses - before.misses, 1);
    assert_eq!(after.hits - before.hits, 1);
    assert_eq!(after.returned - before.returned, 1);
}

#[test]
fn debug_shows_sizes_not_contents() {
    let json = to_pooled_json("do-not-log-me").unwrap();
    let debug = format!("{json:?}");
    assert!(!debug.contains("do-not-log-me"), "{debug}");
    assert!(debug.contains("len: 15"), "{debug}");
}

#[test]
fn retained_bytes_follow_what_is_kept() {
    let before = pool::thread_stats();
    let a = pool::acquire();
    let b = pool::acquire();
    let capacity = a.capacity() + b.capacity();
    drop(a);
    drop(b);
    let after = pool::thread_stats();
    assert_eq!(
        after.retained_bytes - before.retained_bytes,
        capacity as u64
    );
    let c = pool::acquire();
    let during = pool::thread_stats();
    assert_eq!(
        during.retained_bytes + c.capacity() as u64,
        after.retained_bytes
    );
}

struct PanicsAfterWriting;

impl PooledSerialize for PanicsAfterWriting {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_str("half-written-canary");
        panic!("writer panicked mid-object");
    }
}

struct FailsAfterWriting;

impl PooledSerialize for FailsAfterWriting {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_raw("{\"adm\":");
        w.write_str("half-written-canary");
        Err(Error::custom("refused"))
    }
}

#[test]
fn panic_while_writing_leaves_the_next_borrower_an_empty_buffer() {
    let result = catch_unwind(AssertUnwindSafe(|| to_pooled_json(&PanicsAfterWriting)));
    assert!(result.is_err());
    let before = pool::thread_stats();
    let next = pool::acquire();
    assert!(next.is_empty());
    assert_eq!(
        pool::thread_stats().hits - before.hits,
        1,
        "the buffer was returned"
    );
}

#[test]
fn error_while_writing_returns_a_clean_buffer() {
    let err = to_pooled_json(&FailsAfterWriting).unwrap_err();
    assert_eq!(err.to_string(), "refused");
    let before = pool::thread_stats();
    let next = pool::acquire();
    assert!(next.is_empty());
    assert_eq!(pool::thread_stats().hits - before.hits, 1);
}

#[test]
fn guard_dropped_on_another_thread_goes_to_that_threads_pool() {
    let mut json = pool::acquire();
    json.write_all(b"from-main").unwrap();
    let here_before = pool::thread_stats();
    let there = thread::spawn(move || {
        let before = pool::thread_stats();
        drop(json);
        let after_drop = pool::thread_stats();
        let reused = pool::acquire();
        (before, after_drop, reused.is_empty(), pool::thread_stats())
    })
    .join()
    .unwrap();
    let (before, after_drop, reused_empty, after_acquire) = there;
    assert_eq!(after_drop.returned - before.returned, 1);
    assert!(reused_empty);
    assert_eq!(after_acquire.hits - after_drop.hits, 1);
    assert_eq!(pool::thread_stats().returned, here_before.returned);
}

#[test]
fn thread_exit_frees_its_buffers_and_keeps_its_counts() {
    let handle = thread::spawn(|| {
        let bufs: Vec<_> = (0..3).map(|_| pool::acquire()).collect();
        drop(bufs);
        pool::thread_stats()
    });
    let inside = handle.join().unwrap();
    assert_eq!(inside.returned, 3);
    assert!(inside.retained_bytes >= 3 * PoolConfig::DEFAULT.initial_capacity as u64);
    // Process-wide totals include the exited thread's counts (other tests may add more).
    let global = pool::stats();
    assert!(global.returned >= 3);
    assert!(global.misses >= 3);
}

#[test]
fn a_thread_starts_with_zero_counts() {
    // An exited thread's counters serve the next thread that uses the pool: they must
    // start again from zero there.
    thread::spawn(|| {
        for _ in 0..3 {
            drop(pool::acquire());
        }
        let _held = pool::acquire();
        pool::clear_thread();
    })
    .join()
    .unwrap();
    let first_lend = thread::spawn(|| {
        drop(pool::acquire());
        pool::thread_stats()
    })
    .join()
    .unwrap();
    assert_eq!(
        (first_lend.hits, first_lend.misses, first_lend.returned),
        (0, 1, 1),
        "{first_lend:?}"
    );
    assert_eq!(
        first_lend.retained_bytes,
        PoolConfig::DEFAULT.initial_capacity as u64
    );
}

#[test]
fn clear_thread_frees_what_is_kept_without_counting_hits() {
    // One buffer in the hot slot, one in the spare list.
    drop((pool::acquire(), pool::acquire()));
    let kept = pool::thread_stats();
    assert_eq!(
        kept.retained_bytes,
        2 * PoolConfig::DEFAULT.initial_capacity as u64
    );
    pool::clear_thread();
    let cleared = pool::thread_stats();
    assert_eq!(cleared.retained_bytes, 0);
    assert_eq!(cleared.hits, kept.hits, "freeing kept buffers is no hit");
    drop(pool::acquire());
    let after = pool::thread_stats().since(&cleared);
    assert_eq!(
        (after.hits, after.misses, after.returned),
        (0, 1, 1),
        "nothing was kept: {after:?}"
    );
    drop(pool::acquire());
    assert_eq!(pool::thread_stats().since(&cleared).hits, 1);
}

thread_local! {
    static HELD_DURING_TEARDOWN: std::cell::RefCell<Option<pooled_serialize_runtime::PooledBuf>> =
        const { std::cell::RefCell::new(None) };
}

#[test]
fn guard_dropped_during_thread_local_destruction_just_frees() {
    thread::spawn(|| {
        // Touch the pool first so its thread-local is destroyed before or after ours;
        // either order must be fine.
        drop(pool::acquire());
        let json = to_pooled_json(&[1, 2, 3]).unwrap();
        HELD_DURING_TEARDOWN.with(|slot| *slot.borrow_mut() = Some(json));
    })
    .join()
    .expect("dropping a guard during thread teardown must not panic");

    thread::spawn(|| {
        // Reverse order: our thread-local is created first, the pool's after.
        HELD_DURING_TEARDOWN.with(|slot| *slot.borrow_mut() = Some(pool::acquire()));
        drop(pool::acquire());
    })
    .join()
    .expect("dropping a guard during thread teardown must not panic");
}

#[test]
fn write_value_undoes_a_failed_value() {
    let mut buf = pool::acquire();
    buf.write_value(&[1]).unwrap();
    let err = buf.write_value(&FailsAfterWriting).unwrap_err();
    assert_eq!(err.to_string(), "refused");
    assert_eq!(buf.as_str(), "[1]");
}

#[test]
fn as_str_validates_bytes_written_around_the_writer() {
    let mut buf = pool::acquire();
    buf.write_all("é".as_bytes()).unwrap();
    assert_eq!(buf.as_str(), "é");
    buf.as_mut_vec().push(0xFF);
    let result = catch_unwind(AssertUnwindSafe(|| buf.as_str().len()));
    assert!(result.is_err(), "non-UTF-8 bytes must not pass as str");
}

#[cfg(feature = "bytes")]
#[test]
fn into_bytes_returns_the_buffer_when_the_last_clone_drops() {
    let json = to_pooled_json(&["bytes-canary"]).unwrap();
    let body = json.into_bytes();
    let clone = body.clone();
    let before = pool::thread_stats();
    drop(body);
    assert_eq!(
        pool::thread_stats().returned,
        before.returned,
        "a clone is alive"
    );
    assert_eq!(&clone[..], br#"["bytes-canary"]"#);
    let moved = thread::spawn(move || {
        let before = pool::thread_stats();
        drop(clone);
        let after = pool::thread_stats();
        (after.returned - before.returned, pool::acquire().is_empty())
    })
    .join()
    .unwrap();
    assert_eq!(moved, (1, true));
}

/// Fills `buf` with `canary` repeated up to (about) its whole capacity, so a stale byte
/// left anywhere a later borrower can read would show.
fn fill_with(buf: &mut pooled_serialize_runtime::PooledBuf, canary: &[u8]) {
    let copies = buf.capacity() / canary.len();
    for _ in 0..copies {
        buf.write_all(canary).unwrap();
    }
    assert_eq!(buf.len(), copies * canary.len());
}

/// What a borrower can read of a lent buffer through the safe API: its bytes, the
/// `Vec` behind it, and what the `Vec` holds once bytes are appended.
fn assert_reads_nothing_stale(buf: &mut pooled_serialize_runtime::PooledBuf, which: &str) {
    assert!(buf.is_empty(), "{which}: a lent buffer held bytes");
    assert_eq!(buf.as_bytes(), b"", "{which}");
    assert_eq!(buf.as_mut_vec().len(), 0, "{which}: the Vec kept a length");
    buf.write_all(b"mine").unwrap();
    assert_eq!(
        buf.as_bytes(),
        b"mine",
        "{which}: earlier bytes around new ones"
    );
    assert_eq!(buf.as_mut_vec().as_slice(), b"mine", "{which}");
}

#[test]
fn neither_the_hot_slot_nor_the_spare_list_lends_earlier_bytes() {
    pool::clear_thread();
    // Two lent at once: the first returned goes to the hot slot, the second (the slot
    // taken) to the spare list, where a `Vec` keeps whatever length it comes with.
    let mut hot = pool::acquire();
    let mut spare = pool::acquire();
    fill_with(&mut hot, b"hot-canary;");
    fill_with(&mut spare, b"spare-canary;");
    let capacities = [hot.capacity(), spare.capacity()];
    drop(hot);
    drop(spare);
    assert_eq!(
        pool::thread_stats().retained_bytes,
        capacities.iter().sum::<usize>() as u64
    );

    let before = pool::thread_stats();
    let mut first = pool::acquire();
    let mut second = pool::acquire();
    let lent_both = pool::thread_stats();
    assert_eq!(lent_both.hits - before.hits, 2, "both came from the pool");
    assert_eq!(lent_both.retained_bytes, 0, "lent buffers are not retained");
    let mut lent = [first.capacity(), second.capacity()];
    lent.sort_unstable();
    let mut kept = capacities;
    kept.sort_unstable();
    assert_eq!(lent, kept, "the same two buffers came back");
    assert_reads_nothing_stale(&mut first, "hot slot");
    assert_reads_nothing_stale(&mut second, "spare list");
}

#[test]
fn serializing_into_a_reused_buffer_writes_only_the_new_value() {
    pool::clear_thread();
    // Several lent at once, so buffers cycle through the spare list as well as the hot
    // slot; each response must parse alone and carry only its own canary.
    for round in 0..4 {
        let guards: Vec<_> = (0..5)
            .map(|i| {
                let canary = format!("canary-{round}-{i}-{}", "z".repeat(i * 50 + round));
                let json = to_pooled_json(&[canary.as_str(), canary.as_str()]).unwrap();
                let expected = serde_json::to_vec(&[canary.as_str(), canary.as_str()]).unwrap();
                assert_eq!(json.as_bytes(), expected.as_slice(), "round {round}, {i}");
                json
            })
            .collect();
        drop(guards);
    }
}

#[test]
fn every_view_of_a_guard_shows_the_bytes_written() {
    let mut buf = pool::acquire();
    assert!(buf.capacity() >= PoolConfig::DEFAULT.initial_capacity);
    buf.writer().write_str("a\"b");
    assert_eq!(buf.write(b",").unwrap(), 1, "io::Write::write takes it all");
    buf.write_all(b"[1]").unwrap();
    buf.flush().unwrap();
    buf.write_value(&[2u8]).unwrap();
    let expected = format!(
        "{},[1]{}",
        serde_json::to_string("a\"b").unwrap(),
        serde_json::to_string(&[2u8]).unwrap()
    );
    let expected = expected.as_bytes();
    assert_eq!(buf.as_bytes(), expected);
    assert_eq!(&buf[..], expected, "Deref");
    assert_eq!(AsRef::<[u8]>::as_ref(&buf), expected);
    assert_eq!(buf.to_vec(), expected);
    assert_eq!(buf.as_str().as_bytes(), expected);
    assert_eq!(buf.as_mut_vec().as_slice(), expected);
    assert!(format!("{buf:?}").contains(&format!("capacity: {}", buf.capacity())));
}

#[cfg(feature = "bytes")]
#[test]
fn into_bytes_hands_over_the_bytes_written() {
    let json = to_pooled_json(&["x", "y"]).unwrap();
    let expected = serde_json::to_vec(&["x", "y"]).unwrap();
    let body = json.into_bytes();
    assert_eq!(&body[..], expected.as_slice());
    let clone = body.clone();
    drop(body);
    assert_eq!(clone.as_ref(), expected.as_slice());
}
