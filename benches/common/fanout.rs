//! The `fanout` input of the interleaved bench: one auction is the fixture's request
//! (`tests/corpus/fanout/request.json`, about 4 KB) written for its eight bidders, each
//! copy changed for its bidder (impressions, floors, parameters, schain node, tmax, user
//! ids). Declared by `interleaved.rs` only, which passes its medians and formatting in.
//!
//! What each system does per auction:
//!
//! - `pooled`: the request's shared parts prerendered (`BidRequest::prerender`), then a
//!   `BidderRequest` view per bidder (its `BidderImp`s rebuilt in place), written with
//!   `to_pooled_json`; all eight bodies are held until the auction is done, as an
//!   exchange holds them until they are sent. All of it is timed, per auction.
//! - `write_to_vec`: the same, each copy written into one reused `Vec`.
//! - `serde_to_vec`: what a naive exchange does: per bidder, clone the request, change
//!   the clone, `serde_json::to_vec` it; the eight bodies held until the end.
//! - `serde_to_writer` (the reference, ratio 1) and `sonic`: serialization only, of
//!   copies cloned and changed before the timing starts, each into one reused `Vec`.
//! - `memcpy`: copying serde_json's eight finished bodies into a reused `Vec`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::atomic::Ordering;
use std::time::Instant;

use pooled_serialize::openrtb::{BidRequest, BidderImp};
use pooled_serialize::PooledBuf;
use pooled_serialize_test_support::fanout::{bidders, request, Bidder, ImpSelection};
use serde_json::Value;

use super::measure::{fmt_ns, median, quantile, shuffle, ALLOCS, COUNTING};
use super::{same_meaning, System};

/// The input's name on the command line.
pub const NAME: &str = "fanout";

const BIDDERS: usize = 8;
/// Impressions a bidder's copy may carry in this bench.
const MAX_IMPS: usize = 4;

/// The systems measured, in report order; `System` ids on the command line.
pub const SYSTEMS: [System; 6] = [
    System::PooledJson,
    System::WriteToVec,
    System::SerdeToVec,
    System::SerdeToWriter,
    System::SonicToWriter,
    System::Memcpy,
];

/// What a system does on this input, for the report.
pub fn name(system: System) -> &'static str {
    match system {
        System::PooledJson => "prerender+views, to_pooled_json (8 held)",
        System::WriteToVec => "prerender+views, write_to_vec (reused)",
        System::SerdeToVec => "clone+change, serde_json::to_vec",
        System::SerdeToWriter => "serde_json::to_writer (prepared copies)",
        System::SonicToWriter => "sonic_rs::to_writer (prepared copies)",
        System::SimdJsonDerive => "simd-json-derive (not on this input)",
        System::Kowito => "kowito-json (not on this input)",
        System::Memcpy => "memcpy (floor)",
    }
}

/// One auction: the request, its bidders, the copies cloned and changed ahead, and
/// serde_json's bytes for each.
pub struct Auction {
    req: BidRequest<'static>,
    bidders: Vec<Bidder>,
    prepared: Vec<BidRequest<'static>>,
    expected: Vec<Vec<u8>>,
}

impl Auction {
    pub fn load() -> Auction {
        let req = request();
        let bidders = bidders();
        assert_eq!(bidders.len(), BIDDERS);
        let prepared: Vec<_> = bidders.iter().map(|b| b.changes.apply(&req)).collect();
        let expected = prepared
            .iter()
            .map(|copy| serde_json::to_vec(copy).unwrap())
            .collect();
        Auction {
            req,
            bidders,
            prepared,
            expected,
        }
    }

    /// Bytes written per auction.
    pub fn bytes(&self) -> usize {
        self.expected.iter().map(Vec::len).sum()
    }

    pub fn label(&self) -> String {
        format!(
            "{NAME} (1 request of {} B for {BIDDERS} bidders, {} B)",
            serde_json::to_vec(&self.req).unwrap().len(),
            self.bytes()
        )
    }
}

/// Every bidder's `BidderImp`s, rebuilt in place (what an exchange computes per auction:
/// the floor in the bidder's currency, its parameters); the length used in each row.
type ImpTable<'r> = ([[BidderImp<'r>; MAX_IMPS]; BIDDERS], [usize; BIDDERS]);

#[inline(always)]
fn fill_imps<'r>(auction: &'r Auction, table: &mut ImpTable<'r>) {
    for (i, bidder) in auction.bidders.iter().enumerate() {
        let ImpSelection::Changed(changes) = &bidder.changes.imps else {
            unreachable!("the fixture's bidders list their impressions")
        };
        for (slot, change) in table.0[i].iter_mut().zip(changes) {
            *slot = change.bidder_imp();
        }
        table.1[i] = changes.len();
    }
}

fn new_table<'r>() -> ImpTable<'r> {
    ([[BidderImp::new(0); MAX_IMPS]; BIDDERS], [0; BIDDERS])
}

/// Runs `iters` auctions of `system` and returns the bytes written.
#[inline(never)]
pub fn run(system: System, auction: &Auction, buf: &mut Vec<u8>, iters: u64) -> usize {
    let auction = black_box(auction);
    let mut n = 0;
    match system {
        System::PooledJson => {
            let mut table = new_table();
            for _ in 0..iters {
                fill_imps(auction, &mut table);
                let shared = black_box(&auction.req).prerender().unwrap();
                let bodies: [PooledBuf; BIDDERS] = std::array::from_fn(|i| {
                    let bidder = &auction.bidders[i].changes;
                    let view = bidder.changed(shared.for_bidder(), &table.0[i][..table.1[i]]);
                    pooled_serialize::to_pooled_json(black_box(&view)).unwrap()
                });
                n += black_box(&bodies).iter().map(|b| b.len()).sum::<usize>();
            }
        }
        System::WriteToVec => {
            let mut table = new_table();
            for _ in 0..iters {
                fill_imps(auction, &mut table);
                let shared = black_box(&auction.req).prerender().unwrap();
                for (i, bidder) in auction.bidders.iter().enumerate() {
                    let imps = &table.0[i][..table.1[i]];
                    let view = bidder.changes.changed(shared.for_bidder(), imps);
                    buf.clear();
                    pooled_serialize::write_to_vec(black_box(&view), buf).unwrap();
                    n += black_box(&*buf).len();
                }
            }
        }
        System::SerdeToVec => {
            for _ in 0..iters {
                let bodies: [Vec<u8>; BIDDERS] = std::array::from_fn(|i| {
                    let copy = auction.bidders[i].changes.apply(black_box(&auction.req));
                    serde_json::to_vec(&copy).unwrap()
                });
                n += black_box(&bodies).iter().map(Vec::len).sum::<usize>();
            }
        }
        System::SerdeToWriter => {
            for _ in 0..iters {
                for copy in &auction.prepared {
                    buf.clear();
                    serde_json::to_writer(&mut *buf, black_box(copy)).unwrap();
                    n += black_box(&*buf).len();
                }
            }
        }
        System::SonicToWriter => {
            for _ in 0..iters {
                for copy in &auction.prepared {
                    buf.clear();
                    sonic_rs::to_writer(&mut *buf, black_box(copy)).unwrap();
                    n += black_box(&*buf).len();
                }
            }
        }
        System::Memcpy => {
            for _ in 0..iters {
                for body in &auction.expected {
                    buf.clear();
                    buf.extend_from_slice(black_box(body));
                    n += black_box(&*buf).len();
                }
            }
        }
        System::SimdJsonDerive => panic!("{NAME}: simd-json-derive has no request model"),
        System::Kowito => panic!("{NAME}: kowito-json cannot express the request model"),
    }
    n
}

/// What `system` writes for each bidder, in bidder order.
fn outputs(system: System, auction: &Auction) -> Vec<Vec<u8>> {
    let mut table = new_table();
    fill_imps(auction, &mut table);
    let shared = auction.req.prerender().unwrap();
    (0..BIDDERS)
        .map(|i| {
            let changes = &auction.bidders[i].changes;
            let view = changes.changed(shared.for_bidder(), &table.0[i][..table.1[i]]);
            let mut out = Vec::new();
            match system {
                System::PooledJson => {
                    out = pooled_serialize::to_pooled_json(&view).unwrap().to_vec();
                }
                System::WriteToVec => pooled_serialize::write_to_vec(&view, &mut out).unwrap(),
                System::SerdeToVec => {
                    out = serde_json::to_vec(&changes.apply(&auction.req)).unwrap();
                }
                System::SerdeToWriter => {
                    serde_json::to_writer(&mut out, &auction.prepared[i]).unwrap();
                }
                System::SonicToWriter => {
                    sonic_rs::to_writer(&mut out, &auction.prepared[i]).unwrap();
                }
                System::Memcpy => out.clone_from(&auction.expected[i]),
                System::SimdJsonDerive | System::Kowito => unreachable!(),
            }
            out
        })
        .collect()
}

/// Panics unless every system writes, for every bidder, serde_json's bytes for the
/// request cloned and changed for that bidder (ours and serde_json byte for byte,
/// sonic-rs the same meaning).
fn check(auction: &Auction) {
    for system in SYSTEMS {
        for (i, (out, expected)) in outputs(system, auction)
            .iter()
            .zip(&auction.expected)
            .enumerate()
        {
            let bidder = auction.bidders[i].name;
            if system == System::SonicToWriter {
                let out: Value = serde_json::from_slice(out).unwrap();
                let expected: Value = serde_json::from_slice(expected).unwrap();
                if let Err(e) = same_meaning(&expected, &out) {
                    panic!("{} for {bidder} differs from serde_json: {e}", name(system));
                }
            } else {
                assert!(
                    out == expected,
                    "{} for {bidder} is not serde_json's bytes:\nserde: {}\nours:  {}",
                    name(system),
                    String::from_utf8_lossy(expected),
                    String::from_utf8_lossy(out)
                );
            }
        }
    }
}

/// Allocations per auction of `system`, after warm-up, counted by the bench's allocator.
fn allocs_per_auction(system: System, auction: &Auction, buf: &mut Vec<u8>) -> f64 {
    let ops = 64;
    run(system, auction, buf, 4);
    ALLOCS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    run(system, auction, buf, ops);
    COUNTING.store(false, Ordering::Relaxed);
    ALLOCS.load(Ordering::Relaxed) as f64 / ops as f64
}

/// Per-round seconds per auction of each of [`SYSTEMS`]: every system runs a batch of
/// about `batch_us` in each round, in an order shuffled from round to round (as the
/// other inputs, see `interleaved.rs`).
fn rounds(auction: &Auction, rounds: usize, batch_us: f64) -> Vec<Vec<f64>> {
    let mut buf = Vec::new();
    let batch: Vec<u64> = SYSTEMS
        .iter()
        .map(|&s| {
            run(s, auction, &mut buf, 3);
            let mut iters = 1u64;
            loop {
                let start = Instant::now();
                run(s, auction, &mut buf, iters);
                let secs = start.elapsed().as_secs_f64();
                if secs > 2e-3 || iters >= 1 << 30 {
                    break ((batch_us * 1e-6 / (secs / iters as f64)).round() as u64).max(1);
                }
                iters *= 2;
            }
        })
        .collect();
    let mut times = vec![Vec::with_capacity(rounds); SYSTEMS.len()];
    let mut order: Vec<usize> = (0..SYSTEMS.len()).collect();
    let mut rng = 0x2545_F491_4F6C_DD1D_u64;
    for _ in 0..rounds {
        shuffle(&mut order, &mut rng);
        for &s in &order {
            run(SYSTEMS[s], auction, &mut buf, 1);
            let start = Instant::now();
            run(SYSTEMS[s], auction, &mut buf, batch[s]);
            times[s].push(start.elapsed().as_secs_f64() / batch[s] as f64);
        }
    }
    times
}

/// Runs `f` with a pool that keeps the nine buffers an auction holds at once (the
/// prerendered parts and eight bodies; the default keeps 8), as an exchange configures
/// it for its number of bidders.
fn with_pool_for_fanout<R>(f: impl FnOnce() -> R) -> R {
    let before = pooled_serialize::pool::config();
    pooled_serialize::pool::configure(pooled_serialize::pool::PoolConfig {
        max_buffers_per_thread: 2 * BIDDERS,
        ..before
    });
    let result = f();
    pooled_serialize::pool::configure(before);
    result
}

/// `--instr SYSTEM fanout N`: runs N auctions of `system` and returns the bytes written.
pub fn instr(system: System, n: u64) -> usize {
    let auction = Auction::load();
    with_pool_for_fanout(|| run(system, &auction, &mut Vec::new(), n))
}

/// Checks every system's output, measures, prints the input's table and appends its CSV
/// rows (`docs` is 8: one auction writes eight documents; allocations are per auction).
pub fn bench(rounds_n: usize, batch_us: f64, csv: &mut String) {
    with_pool_for_fanout(|| bench_with_pool(rounds_n, batch_us, csv));
}

fn bench_with_pool(rounds_n: usize, batch_us: f64, csv: &mut String) {
    let auction = Auction::load();
    check(&auction);
    let mut times = rounds(&auction, rounds_n, batch_us);
    let base = SYSTEMS
        .iter()
        .position(|&s| s == System::SerdeToWriter)
        .unwrap();
    let floor = SYSTEMS.iter().position(|&s| s == System::Memcpy).unwrap();
    let ratios = |times: &[Vec<f64>], s: usize, to: usize| -> Vec<f64> {
        (0..rounds_n).map(|r| times[s][r] / times[to][r]).collect()
    };
    println!("\n{}", auction.label());
    println!(
        "  {:<42} {:>11} {:>9} {:>15} {:>8} {:>9} {:>13}",
        "system (per auction)",
        "median",
        "x serde",
        "(p25-p75)",
        "x floor",
        "MB/s",
        "allocs/auction"
    );
    let mut buf = Vec::new();
    for (s, &system) in SYSTEMS.iter().enumerate() {
        let mut by_round = ratios(&times, s, base);
        let ratio = median(&mut by_round);
        let (p25, p75) = (quantile(&by_round, 0.25), quantile(&by_round, 0.75));
        let vs_floor = median(&mut ratios(&times, s, floor));
        let median_ns = median(&mut times[s]) * 1e9;
        let allocs = allocs_per_auction(system, &auction, &mut buf);
        println!(
            "  {:<42} {:>11} {:>9.3} {:>15} {:>8.1} {:>9.0} {:>13.2}",
            name(system),
            fmt_ns(median_ns),
            ratio,
            format!("({p25:.3}-{p75:.3})"),
            vs_floor,
            auction.bytes() as f64 / median_ns * 1e3,
            allocs
        );
        let _ = writeln!(
            csv,
            "{NAME},{},{BIDDERS},\"{}\",{},{median_ns:.1},{ratio:.4},{p25:.4},{p75:.4},,{vs_floor:.2},{:.3}",
            auction.bytes(),
            name(system),
            system.id(),
            allocs / BIDDERS as f64
        );
    }
}
