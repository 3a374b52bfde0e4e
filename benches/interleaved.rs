//! The figure to quote on a shared, noisy machine: every system runs a short batch
//! (~200 µs, after one untimed operation that warms its data) in each round, in an order
//! shuffled from round to round, and each round gives
//! each system's time as a ratio to serde_json's `to_writer` measured in that same round;
//! the report is the median of those ratios. Drift of the machine (other jobs, frequency)
//! hits all systems of a round alike and cancels out of the ratio.
//!
//! ```text
//! cargo bench --all-features --bench interleaved                 # 1000 rounds per input
//! cargo bench --all-features --bench interleaved -- --rounds 300 typical large
//! cargo bench --all-features --bench interleaved -- --csv target/interleaved.csv
//! cargo bench --all-features --bench interleaved -- tiny medium numeric hot
//! ```
//!
//! Without input names it runs the OpenRTB inputs (small, typical, large, corpus); tiny,
//! medium, numeric and hot are kowito-json's own workloads (`common/kowito.rs`), run by
//! name, with kowito-json in simd-json-derive's place as the peer ("x peer").
//!
//! Also prints allocations per document for each system (a counting global allocator,
//! after warm-up), and writes one CSV row per input and system (default
//! `target/interleaved.csv`) that `scripts/chart.py` turns into `docs/perf.svg`.
//!
//! `--instr SYSTEM INPUT N` runs N operations of one system and exits: what
//! `scripts/instructions.sh` runs under callgrind.

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::atomic::Ordering;
use std::time::Instant;

mod common;

use common::fanout;
use common::measure::{fmt_ns, median, quantile, shuffle, Counting, ALLOCS, COUNTING};
use common::workload::Workload;
use common::System;

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Args {
    rounds: usize,
    batch_us: f64,
    csv: String,
    inputs: Vec<String>,
    instr: Option<(System, String, u64)>,
    dump: Option<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: interleaved [--rounds N] [--batch-us US] [--csv PATH] [INPUT...]\n       \
         interleaved --instr SYSTEM INPUT N\n       \
         interleaved --dump INPUT   (serde_json's output of each document)\n\
         inputs: {:?} and {:?}\nsystems: {:?}\n\
         env: INTERLEAVED_ROUNDS, INTERLEAVED_CSV",
        Workload::names(),
        fanout::NAME,
        System::ALL
            .into_iter()
            .chain([System::Kowito])
            .map(System::id)
            .collect::<Vec<_>>()
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        rounds: std::env::var("INTERLEAVED_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000),
        batch_us: 200.0,
        csv: std::env::var("INTERLEAVED_CSV").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/target/interleaved.csv").into()
        }),
        inputs: Vec::new(),
        instr: None,
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--rounds" => args.rounds = value().parse().unwrap_or_else(|_| usage()),
            "--batch-us" => args.batch_us = value().parse().unwrap_or_else(|_| usage()),
            "--csv" => args.csv = value(),
            "--instr" => {
                let system = System::from_id(&value()).unwrap_or_else(|| usage());
                let input = value();
                let n = value().parse().unwrap_or_else(|_| usage());
                args.instr = Some((system, input, n));
            }
            "--dump" => args.dump = Some(value()),
            "-h" | "--help" => usage(),
            // `cargo bench` passes `--bench`; ignore flags meant for other harnesses.
            a if a.starts_with('-') => {}
            name => args.inputs.push(name.to_owned()),
        }
    }
    if args.inputs.is_empty() {
        args.inputs = common::inputs::NAMES.map(String::from).to_vec();
        args.inputs.push(fanout::NAME.into());
    }
    args.rounds = args.rounds.max(1);
    args
}

/// Seconds per operation of `system`, and the number of operations that makes a batch
/// of about `batch_us`.
fn calibrate(system: System, input: &Workload, buf: &mut Vec<u8>, batch_us: f64) -> u64 {
    input.run(system, buf, 3); // warm: pool, buffer capacity, caches
    let mut iters = 1u64;
    loop {
        let start = Instant::now();
        input.run(system, buf, iters);
        let secs = start.elapsed().as_secs_f64();
        if secs > 2e-3 || iters >= 1 << 30 {
            let per_op = secs / iters as f64;
            return ((batch_us * 1e-6 / per_op).round() as u64).max(1);
        }
        iters *= 2;
    }
}

/// Allocations per document over `ops` operations, after warm-up.
fn allocs_per_doc(system: System, input: &Workload, buf: &mut Vec<u8>) -> f64 {
    let ops = 64;
    input.run(system, buf, 4);
    ALLOCS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    input.run(system, buf, ops);
    COUNTING.store(false, Ordering::Relaxed);
    ALLOCS.load(Ordering::Relaxed) as f64 / (ops as f64 * input.docs() as f64)
}

struct Row {
    system: System,
    median_ns: f64,
    ratio: f64,
    ratio_p25: f64,
    ratio_p75: f64,
    vs_peer: f64,
    vs_floor: f64,
    allocs: f64,
}

fn measure(input: &Workload, args: &Args) -> Vec<Row> {
    let systems = input.systems();
    let mut buf = Vec::new();
    let batch: Vec<u64> = systems
        .iter()
        .map(|&s| calibrate(s, input, &mut buf, args.batch_us))
        .collect();
    // times[s][r]: seconds per operation of system s in round r.
    let mut times = vec![Vec::with_capacity(args.rounds); systems.len()];
    let mut order: Vec<usize> = (0..systems.len()).collect();
    let mut rng = 0x2545_F491_4F6C_DD1D_u64;
    for _ in 0..args.rounds {
        // A fresh order every round (Fisher-Yates on a fixed-seed xorshift): a fixed
        // rotation always puts the same system after memcpy, and the system after it
        // measured up to 30 % slower on the corpus whatever its code (an identical copy
        // of another system's loop included).
        shuffle(&mut order, &mut rng);
        for &s in &order {
            // One untimed operation first: the system before may have touched other data
            // (memcpy reads the expected bytes, simd-json-derive its own copy of the
            // documents).
            input.run(systems[s], &mut buf, 1);
            let start = Instant::now();
            input.run(systems[s], &mut buf, batch[s]);
            times[s].push(start.elapsed().as_secs_f64() / batch[s] as f64);
        }
    }
    let index = |sys: System| systems.iter().position(|&s| s == sys).unwrap();
    let (base, peer, floor) = (
        index(System::SerdeToWriter),
        index(input.peer()),
        index(System::Memcpy),
    );
    let ratio_to = |s: usize, to: usize| -> Vec<f64> {
        (0..args.rounds)
            .map(|r| times[s][r] / times[to][r])
            .collect()
    };
    systems
        .iter()
        .enumerate()
        .map(|(s, &system)| {
            let mut ratios = ratio_to(s, base);
            let ratio = median(&mut ratios);
            Row {
                system,
                median_ns: median(&mut times[s].clone()) * 1e9,
                ratio,
                ratio_p25: quantile(&ratios, 0.25),
                ratio_p75: quantile(&ratios, 0.75),
                vs_peer: median(&mut ratio_to(s, peer)),
                vs_floor: median(&mut ratio_to(s, floor)),
                allocs: allocs_per_doc(system, input, &mut buf),
            }
        })
        .collect()
}

fn command_output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut features = String::new();
    #[cfg(target_arch = "x86_64")]
    {
        for (name, on) in [
            ("sse4.2", std::arch::is_x86_feature_detected!("sse4.2")),
            ("avx2", std::arch::is_x86_feature_detected!("avx2")),
            ("avx512bw", std::arch::is_x86_feature_detected!("avx512bw")),
        ] {
            if on {
                let _ = write!(features, " {name}");
            }
        }
    }
    let rustc = command_output("rustc", &["--version"]).unwrap_or_else(|| "rustc ?".into());
    let commit = command_output("git", &["rev-parse", "--short", "HEAD"])
        .unwrap_or_else(|| "unknown".into());
    let dirty = command_output("git", &["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|s| !s.is_empty());
    format!(
        "{cpu}, {cores} CPUs (run-time detected:{features}); {rustc}; build: release, \
         default target (RUSTFLAGS={:?}); commit {commit}{}",
        option_env!("RUSTFLAGS").unwrap_or(""),
        if dirty { " + local changes" } else { "" }
    )
}

fn main() {
    let args = parse_args();
    if let Some(name) = &args.dump {
        for doc in Workload::load(name).expected() {
            println!("{}", String::from_utf8_lossy(doc));
        }
        return;
    }
    if let Some((system, name, n)) = &args.instr {
        if name == fanout::NAME {
            let bytes = fanout::instr(*system, *n);
            println!("{} {name} x{n}: {bytes} bytes", system.id());
            return;
        }
        let input = Workload::load(name);
        let mut buf = Vec::new();
        let bytes = input.run(*system, &mut buf, *n);
        println!("{} {} x{n}: {bytes} bytes", system.id(), input.name());
        return;
    }

    let machine = machine();
    println!("# interleaved rounds: {machine}");
    println!(
        "# {} rounds per input; each system runs ~{} µs per round, order shuffled; \
         ratios are medians of per-round ratios",
        args.rounds, args.batch_us
    );
    let started = Instant::now();
    let mut csv = format!(
        "# {machine}\n# rounds={} batch_us={}\n\
         input,bytes,docs,system,system_id,median_ns,ratio_serde_to_writer,ratio_p25,ratio_p75,\
         ratio_peer,ratio_floor,allocs_per_doc\n",
        args.rounds, args.batch_us
    );
    let mut summary: Vec<(String, Vec<Row>)> = Vec::new();
    for name in &args.inputs {
        if name == fanout::NAME {
            fanout::bench(args.rounds, args.batch_us, &mut csv);
            continue;
        }
        let input = Workload::load(name);
        input.check();
        let rows = measure(&input, &args);
        println!("\n{}", input.label());
        println!(
            "  {:<42} {:>11} {:>9} {:>15} {:>9} {:>8} {:>9} {:>10}",
            "system", "median", "x serde", "(p25-p75)", "x peer", "x floor", "MB/s", "allocs/doc"
        );
        for r in &rows {
            println!(
                "  {:<42} {:>11} {:>9.3} {:>15} {:>9.3} {:>8.1} {:>9.0} {:>10.2}",
                r.system.name(),
                fmt_ns(r.median_ns),
                r.ratio,
                format!("({:.3}-{:.3})", r.ratio_p25, r.ratio_p75),
                r.vs_peer,
                r.vs_floor,
                input.bytes() as f64 / r.median_ns * 1e3,
                r.allocs
            );
            let _ = writeln!(
                csv,
                "{},{},{},\"{}\",{},{:.1},{:.4},{:.4},{:.4},{:.4},{:.2},{:.3}",
                input.name(),
                input.bytes(),
                input.docs(),
                r.system.name(),
                r.system.id(),
                r.median_ns,
                r.ratio,
                r.ratio_p25,
                r.ratio_p75,
                r.vs_peer,
                r.vs_floor,
                r.allocs
            );
        }
        let _ = std::io::stdout().flush();
        summary.push((input.name().to_owned(), rows));
    }

    // The table for the README: time as a ratio to serde_json::to_writer (reused Vec).
    println!("\nmedian time ratio to serde_json::to_writer (reused Vec); lower is faster\n");
    let mut header = String::from("| system |");
    let mut rule = String::from("|---|");
    for (name, _) in &summary {
        let _ = write!(header, " {name} |");
        rule.push_str("---:|");
    }
    header.push_str(" allocs/doc |");
    rule.push_str("---|");
    println!("{header}\n{rule}");
    // Systems that did not run on an input (each kind of input has its own) show `-`.
    fn row(rows: &[Row], system: System) -> Option<&Row> {
        rows.iter().find(|r| r.system == system)
    }
    for system in System::ALL.into_iter().chain([System::Kowito]) {
        if summary.iter().all(|(_, rows)| row(rows, system).is_none()) {
            continue;
        }
        let mut line = format!("| {} |", system.name());
        for (_, rows) in &summary {
            match row(rows, system) {
                Some(r) => {
                    let _ = write!(line, " {:.3} |", r.ratio);
                }
                None => line.push_str(" - |"),
            }
        }
        let allocs: Vec<String> = summary
            .iter()
            .filter_map(|(_, rows)| row(rows, system))
            .map(|r| {
                format!("{:.3}", r.allocs)
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_owned()
            })
            .collect();
        let _ = write!(line, " {} |", allocs.join(" / "));
        println!("{line}");
    }

    if let Some(dir) = std::path::Path::new(&args.csv).parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    match std::fs::write(&args.csv, csv) {
        Ok(()) => println!("\nwrote {}", args.csv),
        Err(e) => eprintln!("\ncould not write {}: {e}", args.csv),
    }
    println!("total {:.1} s", started.elapsed().as_secs_f64());
}
