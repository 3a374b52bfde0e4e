//! Serializes sample bid responses the pooled way and the serde_json way, and prints what
//! each costs: output sizes, heap allocations per response, and the pool's counters.
//!
//! ```text
//! cargo run --release --example exchange
//! ```
//!
//! (The full HTTP bidder with a loopback load test is tracked separately; this program
//! already shows the allocation and pool behaviour it will rely on.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use pooled_serialize::{pool, to_pooled_json, PooledSerialize};
use serde::Serialize;

/// Counts every allocation in the process: the example is single-threaded.
struct CountingAllocator;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static ALLOCATED_BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call to `System` unchanged; the counters are plain atomics.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        ALLOCATED_BYTES.fetch_add(new_size as u64, Relaxed);
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[derive(Serialize, PooledSerialize)]
struct BidResponse<'a> {
    id: &'a str,
    seatbid: Vec<SeatBid<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bidid: Option<&'a str>,
    cur: &'a str,
}

#[derive(Serialize, PooledSerialize)]
struct SeatBid<'a> {
    bid: Vec<Bid<'a>>,
    seat: &'a str,
}

#[derive(Serialize, PooledSerialize)]
struct Bid<'a> {
    id: Cow<'a, str>,
    impid: &'a str,
    price: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    nurl: Option<&'a str>,
    adm: &'a str,
    adomain: Vec<&'a str>,
    crid: &'a str,
    w: u32,
    h: u32,
}

const BANNER: &str =
    "<div class=\"ad\">\n\t<a href=\"https://click.example/c?id=42&amp;cb=${AUCTION_ID}\">\
    <img src=\"https://cdn.example/banner-300x250.png\" alt=\"Café – 5€\"/></a>\n</div>";

fn response(seats: usize, bids_per_seat: usize) -> BidResponse<'static> {
    BidResponse {
        id: "1234567890",
        seatbid: (0..seats)
            .map(|seat| SeatBid {
                bid: (0..bids_per_seat)
                    .map(|n| Bid {
                        id: Cow::Owned(format!("bid-{seat}-{n}")),
                        impid: "1",
                        price: 1.2345 + n as f64 * 0.01,
                        nurl: Some("https://win.example/w?price=${AUCTION_PRICE}"),
                        adm: BANNER,
                        adomain: vec!["advertiser.example"],
                        crid: "creative-300x250",
                        w: 300,
                        h: 250,
                    })
                    .collect(),
                seat: "dsp-1",
            })
            .collect(),
        bidid: Some("abc"),
        cur: "USD",
    }
}

struct Report {
    name: &'static str,
    bytes: usize,
    allocations_per_response: f64,
    bytes_allocated_per_response: f64,
    ns_per_response: f64,
}

fn measure(name: &'static str, iterations: u32, mut serialize: impl FnMut() -> usize) -> Report {
    for _ in 0..100 {
        serialize(); // warm-up: the pool fills, caches settle
    }
    let allocations = ALLOCATIONS.load(Relaxed);
    let allocated = ALLOCATED_BYTES.load(Relaxed);
    let start = Instant::now();
    let mut bytes = 0;
    for _ in 0..iterations {
        bytes = serialize();
    }
    let elapsed = start.elapsed();
    let n = f64::from(iterations);
    Report {
        name,
        bytes,
        allocations_per_response: (ALLOCATIONS.load(Relaxed) - allocations) as f64 / n,
        bytes_allocated_per_response: (ALLOCATED_BYTES.load(Relaxed) - allocated) as f64 / n,
        ns_per_response: elapsed.as_nanos() as f64 / n,
    }
}

fn main() {
    let iterations = 20_000;
    println!("pooled-serialize exchange demo ({iterations} responses per row, one thread)\n");
    println!(
        "{:<10} {:<32} {:>8} {:>12} {:>14} {:>10}",
        "input", "method", "bytes", "allocs/resp", "alloc B/resp", "ns/resp"
    );
    for (label, seats, bids) in [("small", 1, 1), ("typical", 2, 3), ("large", 5, 10)] {
        let value = response(seats, bids);
        // Same bytes either way: that is the library's promise.
        assert_eq!(
            &to_pooled_json(&value).expect("finite prices")[..],
            &serde_json::to_vec(&value).expect("serializable")[..]
        );
        let rows = [
            measure("pooled_serialize::to_pooled_json", iterations, || {
                let json = to_pooled_json(&value).expect("finite prices");
                std::hint::black_box(&json[..]).len()
            }),
            measure("serde_json::to_vec (fresh Vec)", iterations, || {
                let json = serde_json::to_vec(&value).expect("serializable");
                std::hint::black_box(&json[..]).len()
            }),
        ];
        for row in rows {
            println!(
                "{:<10} {:<32} {:>8} {:>12.2} {:>14.1} {:>10.0}",
                label,
                row.name,
                row.bytes,
                row.allocations_per_response,
                row.bytes_allocated_per_response,
                row.ns_per_response
            );
        }
    }
    let stats = pool::stats();
    println!(
        "\npool: {} acquires, hit rate {:.4}, {} returned, {} dropped oversize, {} dropped full, {} bytes retained",
        stats.acquires(),
        stats.hit_rate(),
        stats.returned,
        stats.dropped_oversize,
        stats.dropped_full,
        stats.retained_bytes
    );
    println!(
        "(single-run timings on a shared machine are indicative only; see benches/ for ratios)"
    );
}
