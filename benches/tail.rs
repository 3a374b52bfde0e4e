//! Latency tail on the typical input: 2 threads busy writing for 5 s per mode, every
//! operation timed into an hdrhistogram; p50 / p99 / p99.9 / p99.99 of `to_pooled_json`
//! against `serde_json::to_vec`, and the process's resident memory at the end.
//!
//! ```text
//! cargo bench --all-features --bench tail
//! TAIL_SECS=1 TAIL_THREADS=2 cargo bench --all-features --bench tail
//! cargo bench --all-features --bench tail -- --secs 1
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use pooled_serialize::openrtb::BidResponse;
use pooled_serialize_test_support::inputs;

#[derive(Clone, Copy)]
enum Mode {
    Pooled,
    SerdeToVec,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Pooled => "to_pooled_json",
            Mode::SerdeToVec => "serde_json::to_vec (fresh Vec)",
        }
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn vm_rss_kib() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn worker(mode: Mode, resp: &BidResponse<'_>, run_for: Duration) -> Histogram<u64> {
    let mut hist = Histogram::<u64>::new_with_bounds(1, 60_000_000_000, 3).unwrap();
    // Warm: the pool holds a buffer, caches and branch predictors are trained.
    for _ in 0..1000 {
        black_box(pooled_serialize::to_pooled_json(resp).unwrap());
        black_box(serde_json::to_vec(resp).unwrap());
    }
    let end = Instant::now() + run_for;
    loop {
        // Check the clock once per 64 operations; time every operation.
        for _ in 0..64 {
            let start = Instant::now();
            match mode {
                Mode::Pooled => {
                    let json = pooled_serialize::to_pooled_json(black_box(resp)).unwrap();
                    black_box(json.len());
                }
                Mode::SerdeToVec => {
                    let json = serde_json::to_vec(black_box(resp)).unwrap();
                    black_box(json.len());
                }
            }
            let ns = start.elapsed().as_nanos() as u64;
            hist.saturating_record(ns.max(1));
        }
        if Instant::now() >= end {
            return hist;
        }
    }
}

fn us(ns: u64) -> String {
    format!("{:.1} µs", ns as f64 / 1e3)
}

fn main() {
    let mut secs: f64 = env_or("TAIL_SECS", 5.0);
    let mut threads: usize = env_or("TAIL_THREADS", 2);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--secs" => secs = args.next().and_then(|v| v.parse().ok()).unwrap_or(secs),
            "--threads" => threads = args.next().and_then(|v| v.parse().ok()).unwrap_or(threads),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    let threads = threads.max(1);
    let resp = inputs::typical();
    let bytes = serde_json::to_vec(&resp).unwrap().len();
    println!(
        "# latency tail: typical input ({bytes} B), {threads} threads x {secs} s per mode; \
         resident memory at start {} KiB",
        vm_rss_kib().unwrap_or(0)
    );
    println!("| mode | ops | p50 | p99 | p99.9 | p99.99 | max | VmRSS after |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for mode in [Mode::Pooled, Mode::SerdeToVec] {
        let run_for = Duration::from_secs_f64(secs);
        let hists: Vec<Histogram<u64>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|_| s.spawn(|| worker(mode, &resp, run_for)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut all = Histogram::<u64>::new_with_bounds(1, 60_000_000_000, 3).unwrap();
        for h in &hists {
            all.add(h).unwrap();
        }
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} KiB |",
            mode.name(),
            all.len(),
            us(all.value_at_quantile(0.5)),
            us(all.value_at_quantile(0.99)),
            us(all.value_at_quantile(0.999)),
            us(all.value_at_quantile(0.9999)),
            us(all.max()),
            vm_rss_kib().unwrap_or(0)
        );
    }
    println!(
        "\nresident memory at the end: {} KiB (VmRSS)",
        vm_rss_kib().unwrap_or(0)
    );
}
