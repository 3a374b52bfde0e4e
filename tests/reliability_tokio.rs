//! Stress and leakage under a tokio multi-thread runtime: 8 tasks x 100,000 bid
//! responses, each task's carrying its own canary in `adm`, `nurl` and `ext`. Guards are
//! held across `.await` (a yield, and a hand-off through a channel to a task that drops
//! them), so they are routinely dropped on another worker thread than the one that
//! borrowed them. No output holds a foreign canary; the pool's process-wide counters
//! balance exactly (every guard released once: kept or freed), and no worker retains more
//! than `max_retained_capacity * max_buffers_per_thread`.
//!
//! The full 8 x 100,000 runs in release builds or with `RELIABILITY_FULL=1`; a debug
//! `cargo test` runs 8 x 3,000. This file holds a single test, so `pool::stats()` sees
//! only its threads.
#![cfg(feature = "openrtb")]

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid};
use pooled_serialize::{pool, to_pooled_json, PooledBuf};
use serde_json::json;

const TASKS: usize = 8;
const WORKERS: usize = 4;

fn per_task() -> usize {
    if !cfg!(debug_assertions) || std::env::var_os("RELIABILITY_FULL").is_some() {
        100_000
    } else {
        3_000
    }
}

fn canary(task: usize) -> String {
    format!("canary-{task}-{}", "q".repeat(task * 53))
}

fn check_own(text: &str, mine: &str, context: &str) {
    let all = text.matches("canary-").count();
    let own = text.matches(mine).count();
    assert_eq!(all, own, "{context}: a foreign canary");
    assert_eq!(own, 3, "{context}: adm, nurl and ext");
}

/// Worst `retained_bytes` seen on any worker, checked after every release.
static WORST_RETAINED: AtomicU64 = AtomicU64::new(0);
/// Guards dropped on another thread than the one that borrowed them.
static MOVED: AtomicU64 = AtomicU64::new(0);

fn note_retained() {
    WORST_RETAINED.fetch_max(pool::thread_stats().retained_bytes, Relaxed);
}

#[test]
fn tasks_across_workers_see_only_their_own_canary_and_the_pool_balances() {
    let n = per_task();
    let limits = pool::config();
    let per_thread_limit = (limits.max_retained_capacity * limits.max_buffers_per_thread) as u64;
    let start = pool::stats();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .build()
        .unwrap();

    runtime.block_on(async {
        // Every 4th guard goes to a dropper task, which checks and drops it wherever it runs.
        let (to_dropper, mut from_tasks) =
            tokio::sync::mpsc::channel::<(usize, String, std::thread::ThreadId, PooledBuf)>(64);
        let dropper = tokio::spawn(async move {
            let mut dropped = 0u64;
            while let Some((task, mine, borrowed_on, json)) = from_tasks.recv().await {
                tokio::task::yield_now().await;
                check_own(
                    json.as_str(),
                    &mine,
                    &format!("task {task}, at the dropper"),
                );
                if std::thread::current().id() != borrowed_on {
                    MOVED.fetch_add(1, Relaxed);
                }
                drop(json);
                note_retained();
                dropped += 1;
            }
            dropped
        });

        let tasks: Vec<_> = (0..TASKS)
            .map(|t| {
                let to_dropper = to_dropper.clone();
                tokio::spawn(async move {
                    let mine = Arc::new(canary(t));
                    let adm = format!("<div data-c=\"{mine}\">ad</div>");
                    let ext = json!({ "canary": *mine });
                    let mut handed_off = 0u64;
                    for i in 0..n {
                        let response = BidResponse {
                            seatbid: Some(vec![SeatBid::new(vec![Bid {
                                adm: Some(Cow::Borrowed(adm.as_str())),
                                nurl: Some(format!("https://win.example/{mine}/{i}").into()),
                                ext: Some(ext.clone()),
                                ..Bid::new(format!("bid-{i}"), "imp-1", 1.5)
                            }])]),
                            ..BidResponse::new(format!("resp-{t}-{i}"))
                        };
                        let json = to_pooled_json(&response).unwrap();
                        let borrowed_on = std::thread::current().id();
                        // Held across an await: the task may resume on another worker.
                        tokio::task::yield_now().await;
                        let context = format!("task {t}, response {i}");
                        check_own(json.as_str(), &mine, &context);
                        if i % 64 == 0 {
                            let parsed: serde_json::Value = serde_json::from_slice(&json).unwrap();
                            assert_eq!(parsed["seatbid"][0]["bid"][0]["ext"], ext, "{context}");
                        }
                        if i % 4 == 0 {
                            to_dropper
                                .send((t, mine.to_string(), borrowed_on, json))
                                .await
                                .unwrap();
                            handed_off += 1;
                        } else {
                            if std::thread::current().id() != borrowed_on {
                                MOVED.fetch_add(1, Relaxed);
                            }
                            drop(json);
                            note_retained();
                        }
                    }
                    handed_off
                })
            })
            .collect();
        drop(to_dropper);
        let mut handed_off = 0;
        for task in tasks {
            handed_off += task.await.unwrap();
        }
        assert_eq!(dropper.await.unwrap(), handed_off);
    });
    // Shutting the runtime down ends its workers: their counters fold into the totals.
    drop(runtime);

    let total = (TASKS * n) as u64;
    let end = pool::stats();
    let released = |s: &pool::PoolStats| s.returned + s.dropped_oversize + s.dropped_full;
    assert_eq!(end.acquires() - start.acquires(), total, "{end:?}");
    assert_eq!(released(&end) - released(&start), total, "{end:?}");
    assert!(WORST_RETAINED.load(Relaxed) <= per_thread_limit);
    let moved = MOVED.load(Relaxed);
    assert!(moved > 0, "no guard was dropped on another worker");
    println!(
        "{TASKS} tasks x {n} = {total} serializations on {WORKERS} workers; \
         {moved} guards dropped on another thread; pool: {end:?}"
    );
}
