//! Eight threads serialize responses carrying their own canary, handing guards across
//! threads as async runtimes do, to a thread that serializes responses of its own into the
//! buffers it is handed; no output may hold another response's bytes, and every lent
//! buffer must start empty.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::thread;

use pooled_serialize::{pool, to_pooled_json, PooledBuf};

const THREADS: usize = 8;
const PER_THREAD: usize = if cfg!(debug_assertions) {
    5_000
} else {
    50_000
};

fn canary(thread: usize) -> String {
    format!("canary-{thread}-{}", "x".repeat(thread * 97)) // different lengths, too
}

#[test]
fn no_bytes_cross_between_responses_or_threads() {
    let (to_neighbour, from_neighbours) = mpsc::channel::<(usize, PooledBuf)>();
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let to_neighbour = to_neighbour.clone();
            thread::spawn(move || {
                let mine = canary(t);
                for i in 0..PER_THREAD {
                    let fresh = pool::acquire();
                    assert!(fresh.is_empty(), "thread {t}: a lent buffer held bytes");
                    drop(fresh);
                    let mut ext = BTreeMap::new();
                    ext.insert("canary", mine.as_str());
                    let response = (mine.as_str(), i, ext, vec![mine.as_str(); i % 4]);
                    let json = to_pooled_json(&response).unwrap();
                    let text = json.as_str();
                    let parsed: serde_json::Value = serde_json::from_str(text).unwrap();
                    assert_eq!(parsed[0], mine.as_str());
                    for other in (0..THREADS).filter(|&o| o != t) {
                        assert!(
                            !text.contains(&format!("canary-{other}-")),
                            "thread {t} saw thread {other}'s bytes"
                        );
                    }
                    if i % 16 == 0 {
                        // Dropped on another thread: joins that thread's pool.
                        to_neighbour.send((t, json)).unwrap();
                    }
                }
                let stats = pool::thread_stats();
                let limits = pool::config();
                assert!(
                    stats.retained_bytes
                        <= (limits.max_retained_capacity * limits.max_buffers_per_thread) as u64
                );
            })
        })
        .collect();
    drop(to_neighbour);
    let receiver = thread::spawn(move || {
        let mine = canary(THREADS);
        let mut received = 0;
        for (from, json) in from_neighbours {
            assert!(json.as_str().contains(&format!("canary-{from}-")));
            // Dropped next to one of ours, so the foreign buffer takes the hot slot or
            // (every other time) the spare list; the next two of ours are written into
            // both.
            let ours = to_pooled_json(&(mine.as_str(), received)).unwrap();
            if received % 2 == 0 {
                drop(json);
                drop(ours);
            } else {
                drop(ours);
                drop(json);
            }
            let first = to_pooled_json(&(mine.as_str(), received)).unwrap();
            let second = to_pooled_json(&[mine.as_str()]).unwrap();
            assert_eq!(
                first.as_bytes(),
                serde_json::to_vec(&(mine.as_str(), received)).unwrap()
            );
            assert_eq!(
                second.as_bytes(),
                serde_json::to_vec(&[mine.as_str()]).unwrap()
            );
            received += 1;
        }
        let stats = pool::thread_stats();
        assert!(
            stats.hits > stats.misses,
            "handed buffers were lent again: {stats:?}"
        );
        received
    });
    for handle in handles {
        handle.join().unwrap();
    }
    let received = receiver.join().unwrap();
    assert_eq!(received, THREADS * PER_THREAD.div_ceil(16));
    let stats = pool::stats();
    assert!(stats.acquires() >= (2 * THREADS * PER_THREAD) as u64);
    assert!(
        stats.hits > stats.misses,
        "the pool must serve most acquires: {stats:?}"
    );
}
