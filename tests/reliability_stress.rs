//! Stress and leakage across threads: 8 threads x 100,000 serializations of derived
//! OpenRTB bid responses, each thread's responses carrying its own canary in `adm`, `nurl`
//! and `ext` (and one response in 500 an `adm` past `max_retained_capacity`, so the
//! shrink/drop paths run under load too). Every output parses, equals serde_json's bytes
//! (checked on one response in 64), and holds only its own thread's canary; the pool's
//! counters balance exactly, per thread and process-wide.
//!
//! The threads exchange guards: one response in 8 is handed to the next thread, which
//! checks it and drops it while holding one of its own, so foreign buffers join its hot
//! slot and spare list and are lent again for its own responses (one in 4 of which is
//! written while another is held, so the spare list lends too).
//!
//! The full 8 x 100,000 runs in release builds (`cargo test --release --test
//! reliability_stress`) or with `RELIABILITY_FULL=1`; a debug `cargo test` runs
//! 8 x 2,500 so the suite stays fast. `tests/threads_no_leakage.rs` complements it with
//! guards handed to other threads; `tests/reliability_tokio.rs` does so under tokio.
//!
//! This file holds a single test, so process-wide `pool::stats()` sees only its threads.
#![cfg(feature = "openrtb")]

use std::borrow::Cow;
use std::sync::mpsc;
use std::sync::Barrier;
use std::thread;

use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid};
use pooled_serialize::{pool, to_pooled_json, PooledBuf};
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

/// Only `from`'s canary, six times (2 x adm, nurl, ext).
fn check_canary(text: &str, canary: &str, context: &str) {
    let all = text.matches("canary-").count();
    let own = text.matches(canary).count();
    assert_eq!(all, own, "{context}: a foreign canary");
    assert_eq!(own, 6, "{context}: 2 x adm, nurl, ext");
}

/// What one thread did and saw.
struct Report {
    serializations: u64,
    /// Guards released on this thread: its own not handed on, and its neighbour's.
    released: u64,
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
    let (senders, receivers): (Vec<_>, Vec<_>) = (0..THREADS)
        .map(|_| mpsc::channel::<(usize, PooledBuf)>())
        .unzip();

    let reports: Vec<Report> = thread::scope(|scope| {
        let handles: Vec<_> = receivers
            .into_iter()
            .enumerate()
            .map(|(t, inbox)| {
                let barrier = &barrier;
                let to_next = senders[(t + 1) % THREADS].clone();
                scope.spawn(move || {
                    let canaries: Vec<String> = (0..THREADS).map(canary).collect();
                    let (mut serializations, mut released) = (0u64, 0u64);
                    let check_foreign = |(from, json): (usize, PooledBuf)| {
                        check_canary(json.as_str(), &canaries[from], "a guard handed over");
                        json
                    };
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
                        serializations += 1;
                        let text = json.as_str();
                        // Only this thread's canary: every `canary-` is followed by ours.
                        check_canary(text, &mine, &format!("thread {t}, response {i}"));
                        if i % 4 == 1 {
                            // Two lent at once: the second comes from the spare list.
                            let second = to_pooled_json(&value).unwrap();
                            serializations += 1;
                            released += 1;
                            check_canary(second.as_str(), &mine, &format!("thread {t}, {i}b"));
                            assert_eq!(second[..], json[..]);
                        }
                        // The neighbour's guards, dropped while ours is held: the first
                        // takes the free hot slot, ours then goes to the spare list.
                        while let Ok(handed) = inbox.try_recv() {
                            drop(check_foreign(handed));
                            released += 1;
                        }
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
                        if i % 8 == 0 {
                            to_next.send((t, json)).unwrap();
                        } else {
                            drop(json);
                            released += 1;
                        }
                        let stats = pool::thread_stats();
                        assert!(stats.retained_bytes <= per_thread_limit, "{stats:?}");
                    }
                    // Every thread has sent all it will send: take the rest.
                    barrier.wait();
                    for handed in inbox.try_iter() {
                        drop(check_foreign(handed));
                        released += 1;
                    }
                    let after = pool::thread_stats();
                    Report {
                        serializations,
                        released,
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
        // Every serialization borrowed one buffer; every guard dropped here was released
        // here, once.
        assert_eq!(
            d.hits + d.misses,
            report.serializations,
            "thread {t}: {d:?}"
        );
        assert_eq!(
            d.returned + d.dropped_oversize + d.dropped_full,
            report.released,
            "thread {t}: every released guard is kept or freed, once: {d:?}"
        );
        // Buffers circulate, so most acquires hit (a thread whose neighbour runs behind
        // misses for the guards it handed on, and frees surplus when they arrive in a
        // burst). The oversize responses (one in 500, never handed over) are shrunk back
        // to the cap or, with the thread's list full, freed.
        assert!(d.hits > 4 * d.misses, "thread {t}: {d:?}");
        assert_eq!(
            d.shrunk_oversize + d.dropped_oversize,
            n as u64 / 500,
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
    assert_eq!(
        reports.iter().map(|r| r.released).sum::<u64>(),
        total,
        "every guard released once"
    );
    assert!(end.retained_bytes <= start.retained_bytes + per_thread_limit);
    println!("{THREADS} threads x {n} serializations = {total}, pool: {end:?}");
}
