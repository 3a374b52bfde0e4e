//! Stress and leakage across threads: 8 threads x 100,000 serializations of derived
//! OpenRTB bid responses, each thread's responses carrying its own canary in `adm`, `nurl`
//! and `ext` (and one response in 500 an `adm` past `max_retained_capacity`, so the
//! shrink/drop paths run under load too). Every output parses, equals serde_json's bytes
//! (checked on one response in 64), and holds only its own thread's canary; the pool's
//! counters balance exactly, per thread and process-wide.
//!
//! The full 8 x 100,000 runs in release builds (`cargo test --release --test
//! reliability_stress`) or with `RELIABILITY_FULL=1`; a debug `cargo test` runs
//! 8 x 2,500 so the suite stays fast. `tests/threads_no_leakage.rs` complements it with
//! guards handed to other threads; `tests/reliability_tokio.rs` does so under tokio.
//!
//! This file holds a single test, so process-wide `pool::stats()` sees only its threads.
#![cfg(feature = "openrtb")]

use std::borrow::Cow;
use std::sync::Barrier;
use std::thread;

use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid};
use pooled_serialize::{pool, to_pooled_json};
use serde_json::{json, Value};

const THREADS: usize = 8;

fn per_thread() -> usize {
    if !cfg!(debug_assertions) || std::env::var_os("RELIABILITY_FULL").is_some() {
        100_000
    } else {
        2_500
    }
}

/// Unique per thread, and no canary is a prefix of another (`canary-1-` vs `canary-10-`).
fn canary(thread: usize) -> String {
    format!("canary-{thread}-{}", "z".repeat(thread * 37))
}

fn response<'a>(canary: &'a str, adm: &'a str, ext: &Value, i: usize) -> BidResponse<'a> {
    let bid = Bid {
        adm: Some(Cow::Borrowed(adm)),
        nurl: Some(format!("https://win.example/{canary}/{i}?p=${{AUCTION_PRICE}}").into()),
        adomain: Some(vec![Cow::Borrowed("advertiser.example")]),
        crid: Some(Cow::Borrowed("cr-1")),
        w: Some(300),
        h: Some(250),
        ext: Some(ext.clone()),
        ..Bid::new(format!("bid-{i}"), "imp-1", 0.01 * (i % 1000) as f64)
    };
    BidResponse {
        seatbid: Some(vec![SeatBid {
            seat: Some(Cow::Borrowed("seat-1")),
            ..SeatBid::new(vec![bid.clone(), bid])
        }]),
        cur: Some(Cow::Borrowed("USD")),
        ..BidResponse::new(format!("resp-{i}"))
    }
}

/// What one thread did and saw.
struct Report {
    serializations: u64,
    delta: pool::PoolStats,
    retained_at_end: u64,
}

#[test]
fn eight_threads_each_see_only_their_own_canary_and_the_pool_balances() {
    let n = per_thread();
    let limits = pool::config();
    let per_thread_limit = (limits.max_retained_capacity * limits.max_buffers_per_thread) as u64;
    let big_len = limits.max_retained_capacity + 4096;
    let start = pool::stats();
    let barrier = Barrier::new(THREADS);

    let reports: Vec<Report> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let barrier = &barrier;
                scope.spawn(move || {
                    let mine = canary(t);
                    let adm_small = format!("<div data-c=\"{mine}\">ad\n</div>");
                    let adm_big = format!("<div>{mine}{}</div>", "\"x".repeat(big_len / 2));
                    let ext = json!({ "canary": mine, "thread": t });
                    let before = pool::thread_stats();
                    barrier.wait();
                    for i in 0..n {
                        let adm = if i % 500 == 499 { &adm_big } else { &adm_small };
                        let value = response(&mine, adm, &ext, i);
                        let json = to_pooled_json(&value).unwrap();
                        let text = json.as_str();
                        // Only this thread's canary: every `canary-` is followed by ours.
                        let all = text.matches("canary-").count();
                        let own = text.matches(mine.as_str()).count();
                        assert_eq!(all, own, "thread {t}, response {i}: a foreign canary");
                        assert_eq!(own, 6, "thread {t}, response {i}: 2 x adm, nurl, ext");
                        if i % 64 == 0 || adm.len() > 1000 {
                            assert!(
                                json[..] == serde_json::to_vec(&value).unwrap()[..],
                                "thread {t}, response {i}: differs from serde_json"
                            );
                        } else {
                            let parsed: BidResponse<'_> = serde_json::from_str(text).unwrap();
                            let bid = &parsed.seatbid.as_ref().unwrap()[0].bid[1];
                            assert_eq!(bid.adm.as_deref(), Some(adm.as_str()));
                            assert_eq!(bid.ext.as_ref(), Some(&ext));
                        }
                        let stats = pool::thread_stats();
                        assert!(stats.retained_bytes <= per_thread_limit, "{stats:?}");
                    }
                    let after = pool::thread_stats();
                    Report {
                        serializations: n as u64,
                        delta: after.since(&before),
                        retained_at_end: after.retained_bytes,
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let mut total = 0;
    for (t, report) in reports.iter().enumerate() {
        let d = &report.delta;
        // Every serialization borrowed one buffer and released it on this thread.
        assert_eq!(
            d.hits + d.misses,
            report.serializations,
            "thread {t}: {d:?}"
        );
        assert_eq!(
            d.returned + d.dropped_oversize + d.dropped_full,
            report.serializations,
            "thread {t}: every released guard is kept or freed, once: {d:?}"
        );
        // One buffer at a time: after the first, every acquire is a hit, and the
        // oversize ones (one in 500) were shrunk back to the cap, not freed.
        assert_eq!(d.misses, 1, "thread {t}: {d:?}");
        assert_eq!(
            d.shrunk_oversize,
            report.serializations / 500,
            "thread {t}: {d:?}"
        );
        assert!(report.retained_at_end <= per_thread_limit);
        total += report.serializations;
    }
    // The threads have exited: their counters are folded into the process totals, and
    // they retain nothing.
    let end = pool::stats();
    assert_eq!(end.acquires() - start.acquires(), total);
    assert_eq!(
        (end.returned + end.dropped_oversize + end.dropped_full)
            - (start.returned + start.dropped_oversize + start.dropped_full),
        total
    );
    assert!(end.retained_bytes <= start.retained_bytes + per_thread_limit);
    println!("{THREADS} threads x {n} serializations = {total}, pool: {end:?}");
}
