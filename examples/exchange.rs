//! An OpenRTB 2.6 bidder on tokio + hyper (or axum), and a loopback load test of it.
//!
//! ```text
//! cargo run --release --example exchange                 # load test, both modes, 10 s each
//! cargo run --release --example exchange -- --duration 5 --connections 64
//! cargo run --release --example exchange -- --server axum  # the same bidder on axum
//! cargo run --release --example exchange -- --serve 127.0.0.1:8080   # server only
//! cargo run --release --example exchange -- --help
//! ```
//!
//! The bidder and the load generator are the library `pooled-serialize-exchange`
//! (`exchange/src/`); this file is the command line. The bidder (`server.rs`) answers
//! `POST /openrtb2/auction`: it reads the bid request with serde (`model.rs`), bids from an
//! in-memory creative catalog (`catalog.rs`) and writes the
//! `pooled_serialize::openrtb::BidResponse` either with `to_pooled_json` + `into_body`
//! (mode `pooled`: the pooled buffer becomes the HTTP body, no copy, no allocation; on
//! axum, `into_bytes` as `PooledJson` does) or with
//! `serde_json::to_vec` + `Bytes::from` (mode `serde`). The load generator (`load.rs`)
//! drives it over keep-alive connections on 127.0.0.1 and the report puts both modes side
//! by side: throughput, latency percentiles, and heap allocations counted by the
//! example's global allocator (`alloc.rs`).

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use pooled_serialize::pool::{self, PoolStats};
use pooled_serialize_exchange::alloc::{self, CountingAllocator, Counts};
use pooled_serialize_exchange::catalog::Catalog;
use pooled_serialize_exchange::server::{self, Bidder, Config, Mode, Server, Snapshot};
use pooled_serialize_exchange::{load, requests};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Rounds per mode when both modes run, alternating.
const ROUNDS: u32 = 5;

/// With `--requests`, the measured run still stops after this long.
const REQUESTS_TIME_CAP: f64 = 600.0;

/// An OpenRTB 2.6 bidder (tokio + hyper) and a loopback load test of it.
///
/// By default, starts the bidder on 127.0.0.1 (ephemeral port), drives it with keep-alive
/// connections from the same process, and prints a report for each serialization mode
/// side by side: throughput, latency percentiles, heap allocations per response and per
/// request, and the buffer pool's counters. All traffic stays on the loopback interface.
#[derive(Debug, Parser)]
#[command(name = "exchange", version)]
struct Args {
    /// Seconds of measured load per mode [default: 10]. With --requests it is only a time
    /// cap [default then: 600].
    #[arg(long, value_name = "SECS", value_parser = parse_duration)]
    duration: Option<f64>,

    /// Keep-alive HTTP/1.1 connections the load generator opens, each with one request
    /// in flight at a time.
    #[arg(long, value_name = "N", default_value_t = 32,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    connections: u16,

    /// How the bidder serializes responses: `pooled` (to_pooled_json, handed to hyper with
    /// into_body, no copy, no allocation; to axum with into_bytes), `serde` (serde_json::to_vec into a fresh Vec, then
    /// Bytes::from), or `both`, one after the other, reported side by side. With --serve,
    /// `both` means `pooled`.
    #[arg(long, value_enum, default_value_t = ModeArg::Both)]
    mode: ModeArg,

    /// The HTTP stack of the bidder: `hyper` (hyper 1.x directly) or `axum` (axum 0.8,
    /// the same bidding logic as axum handlers).
    #[arg(long, value_enum, default_value_t = ServerArg::Hyper)]
    server: ServerArg,

    /// Run only the bidder, listening on ADDR (e.g. 127.0.0.1:8080), for an external load
    /// tool such as wrk. Ctrl-C or SIGTERM stops accepting, finishes in-flight requests and
    /// exits 0.
    #[arg(long, value_name = "ADDR")]
    serve: Option<SocketAddr>,

    /// Stop each measured run after N requests (over all connections) instead of after
    /// --duration.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    requests: Option<u64>,

    /// Requests each connection sends before measuring starts (pool, caches and
    /// connections warm up; not counted).
    #[arg(long, value_name = "N", default_value_t = 100)]
    warmup: u64,

    /// Largest request body the bidder reads, in bytes; larger ones get 413.
    #[arg(long, value_name = "BYTES", default_value_t = server::DEFAULT_MAX_BODY)]
    max_body: usize,

    /// Worker threads of the bidder's runtime [default: half the cores, at least 1].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    server_threads: Option<u16>,

    /// Worker threads of the load generator's runtime [default: the other cores, at
    /// least 1].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    client_threads: Option<u16>,

    /// Print a wrk Lua script that posts the sample bid requests in rotation, and exit
    /// (use it with --serve: `wrk -s exchange.lua http://127.0.0.1:8080`).
    #[arg(long)]
    wrk_script: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ModeArg {
    Pooled,
    Serde,
    Both,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ServerArg {
    Hyper,
    Axum,
}

impl ServerArg {
    fn server(self) -> Server {
        match self {
            ServerArg::Hyper => Server::Hyper,
            ServerArg::Axum => Server::Axum,
        }
    }
}

fn parse_duration(s: &str) -> Result<f64, String> {
    let secs: f64 = s.parse().map_err(|e| format!("{e}"))?;
    if secs.is_finite() && secs > 0.0 && secs <= 3600.0 {
        Ok(secs)
    } else {
        Err("expected seconds, more than 0 and at most 3600".into())
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.wrk_script {
        print!("{}", wrk_script());
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("exchange: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn runtime(name: &str, threads: usize, track: bool) -> std::io::Result<Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder
        .worker_threads(threads)
        .thread_name(name)
        .enable_all();
    if track {
        // Everything the bidder's threads allocate counts in the per-request figure.
        builder.on_thread_start(|| alloc::track_this_thread(alloc::Group::Bidders));
    }
    builder.build()
}

fn run(args: &Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let cores = cores();
    let server_threads = args.server_threads.map_or((cores / 2).max(1), usize::from);
    let server_rt = runtime("bidder", server_threads, true)?;
    if let Some(addr) = args.serve {
        let mode = if args.mode == ModeArg::Serde {
            Mode::Serde
        } else {
            Mode::Pooled
        };
        return serve_only(&server_rt, addr, mode, args.server.server(), args.max_body);
    }
    let client_threads = args
        .client_threads
        .map_or(cores.saturating_sub(server_threads).max(1), usize::from);
    let client_rt = runtime("loadgen", client_threads, false)?;

    let modes: &[Mode] = match args.mode {
        ModeArg::Pooled => &[Mode::Pooled],
        ModeArg::Serde => &[Mode::Serde],
        ModeArg::Both => &[Mode::Pooled, Mode::Serde],
    };
    let duration = args.duration.unwrap_or(if args.requests.is_some() {
        REQUESTS_TIME_CAP
    } else {
        10.0
    });
    let plan = load::Plan {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        connections: usize::from(args.connections),
        warmup_per_connection: args.warmup,
        duration: Duration::from_secs_f64(duration),
        requests: args.requests,
    };
    let bodies: Arc<Vec<Bytes>> = Arc::new(
        requests::bodies(256)
            .into_iter()
            .map(|(_, body)| Bytes::from(body))
            .collect(),
    );

    let http = match args.server {
        ServerArg::Hyper => "tokio + hyper",
        ServerArg::Axum => "tokio + axum on hyper",
    };
    println!("pooled-serialize exchange: an OpenRTB 2.6 bidder ({http}, HTTP/1.1 keep-alive) under loopback load");
    println!(
        "machine: {cores} cores; bidder {server_threads} worker thread(s), load generator {client_threads}; {} connections; {}; {} warm-up requests per connection first",
        plan.connections,
        match args.requests {
            Some(n) => format!("{n} requests per mode (time cap {duration} s)"),
            None => format!("{duration} s per mode"),
        } + if modes.len() > 1 {
            ", in alternating rounds"
        } else {
            ""
        },
        plan.warmup_per_connection,
    );
    println!(
        "{} sample requests over {} shapes ({} of them no-bids by design), max body {} bytes",
        bodies.len(),
        requests::TEMPLATES.len(),
        requests::TEMPLATES
            .iter()
            .filter(|(name, _)| name.starts_with("no-bid"))
            .count(),
        args.max_body,
    );
    let _ = std::io::stdout().flush();

    // Both modes run in alternating rounds (pooled, serde, serde, pooled, ...), so drift on
    // a shared machine (other processes, CPU frequency) falls on both alike.
    let rounds: u32 = if modes.len() > 1 { ROUNDS } else { 1 };
    let round_plan = load::Plan {
        duration: plan.duration / rounds,
        requests: plan.requests.map(|n| n.div_ceil(u64::from(rounds))),
        ..plan.clone()
    };
    let mut reports: Vec<Option<Report>> = modes.iter().map(|_| None).collect();
    for round in 0..rounds {
        let order: Vec<usize> = if round % 2 == 0 {
            (0..modes.len()).collect()
        } else {
            (0..modes.len()).rev().collect()
        };
        for i in order {
            let label = if rounds > 1 {
                format!("{} {}/{rounds}", modes[i].name(), round + 1)
            } else {
                modes[i].name().to_string()
            };
            let report = measure(
                &server_rt,
                &client_rt,
                &round_plan,
                Config {
                    mode: modes[i],
                    server: args.server.server(),
                    max_body: args.max_body,
                    ..Config::default()
                },
                &bodies,
                &label,
            )?;
            reports[i] = Some(match reports[i].take() {
                Some(sum) => sum.merge(report),
                None => report,
            });
        }
    }
    let reports: Vec<Report> = reports.into_iter().flatten().collect();
    print_reports(&reports);
    let failed = reports
        .iter()
        .any(|r| r.outcome.errors > 0 || r.outcome.failed_connections > 0 || !r.drained);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `--serve`: the bidder alone, until Ctrl-C or SIGTERM.
fn serve_only(
    rt: &Runtime,
    addr: SocketAddr,
    mode: Mode,
    server: Server,
    max_body: usize,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let config = Config {
        mode,
        server,
        max_body,
        ..Config::default()
    };
    let bidder = Bidder::new(config, Catalog::sample());
    let drained = rt.block_on(async {
        let listener = TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        println!(
            "bidder listening on http://{local}{} ({}, mode {}, max body {max_body} bytes); Ctrl-C or SIGTERM to stop",
            server::AUCTION_PATH,
            server.name(),
            mode.name()
        );
        let _ = std::io::stdout().flush();
        server::serve(listener, Arc::clone(&bidder), server::shutdown_signal()).await
    })?;
    let s = bidder.stats.snapshot();
    println!(
        "stopped: {} connections, {} requests: {} bids, {} no-bids, {} bad requests (400), {} too large (413), {} not found (404), {} wrong method (405), {} internal errors; in-flight requests {}",
        s.connections, s.requests, s.bids, s.no_bids, s.bad_requests, s.too_large, s.not_found,
        s.method_not_allowed, s.internal_errors,
        if drained { "all finished" } else { "cut off after the grace period" },
    );
    Ok(ExitCode::SUCCESS)
}

/// One mode's measured run, seen from both sides.
struct Report {
    mode: Mode,
    stack: Server,
    outcome: load::Outcome,
    server: Snapshot,
    server_allocs: Counts,
    pool: PoolStats,
    drained: bool,
}

fn measure(
    server_rt: &Runtime,
    client_rt: &Runtime,
    plan: &load::Plan,
    config: Config,
    bodies: &Arc<Vec<Bytes>>,
    label: &str,
) -> Result<Report, Box<dyn std::error::Error>> {
    let (mode, server_kind) = (config.mode, config.server);
    let bidder = Bidder::new(config, Catalog::sample());
    let listener = server_rt.block_on(TcpListener::bind(plan.addr))?;
    let plan = load::Plan {
        addr: listener.local_addr()?,
        ..plan.clone()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = server_rt.spawn(server::serve(listener, Arc::clone(&bidder), async {
        let _ = stopped.await;
    }));

    let progress = match plan.requests {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{prefix:>7} [{bar:40}] {pos}/{len} requests, {elapsed}")?
                .progress_chars("=> "),
        ),
        None => ProgressBar::new(u64::try_from(plan.duration.as_millis()).unwrap_or(u64::MAX))
            .with_style(
                ProgressStyle::with_template("{prefix:>7} [{bar:40}] {elapsed}/{duration} {msg}")?
                    .progress_chars("=> "),
            ),
    };
    progress.set_prefix(label.to_string());
    progress.enable_steady_tick(Duration::from_millis(200));

    let mut before = None;
    let outcome = client_rt.block_on(load::run(&plan, Arc::clone(bodies), &progress, || {
        before = Some((
            bidder.stats.snapshot(),
            alloc::tracked_counts(alloc::Group::Bidders),
            pool::stats(),
        ));
    }));
    let after = (
        bidder.stats.snapshot(),
        alloc::tracked_counts(alloc::Group::Bidders),
        pool::stats(),
    );
    progress.finish_and_clear();
    eprintln!(
        "{label:>12}: {} requests in {:.1} s",
        outcome.requests,
        outcome.elapsed.as_secs_f64()
    );
    let _ = stop.send(());
    let drained = server_rt.block_on(server)??;
    let (server0, allocs0, pool0) = before.unwrap_or_default();
    Ok(Report {
        mode,
        stack: server_kind,
        outcome,
        server: after.0.since(server0),
        server_allocs: after.1.since(allocs0),
        pool: after.2.since(&pool0),
        drained,
    })
}

impl Report {
    /// Two runs of the same mode as one.
    fn merge(mut self, other: Report) -> Report {
        let (a, b) = (&mut self.outcome, other.outcome);
        a.requests += b.requests;
        a.bids += b.bids;
        a.no_bids += b.no_bids;
        a.errors += b.errors;
        a.failed_connections += b.failed_connections;
        a.body_bytes += b.body_bytes;
        a.elapsed += b.elapsed;
        let _ = a.latency.add(&b.latency);
        let (s, t) = (&mut self.server, other.server);
        s.connections += t.connections;
        s.requests += t.requests;
        s.bids += t.bids;
        s.no_bids += t.no_bids;
        s.bad_requests += t.bad_requests;
        s.too_large += t.too_large;
        s.not_found += t.not_found;
        s.method_not_allowed += t.method_not_allowed;
        s.internal_errors += t.internal_errors;
        s.serialize_allocations += t.serialize_allocations;
        s.serialize_bytes += t.serialize_bytes;
        s.serialize_nanos += t.serialize_nanos;
        s.handoff_allocations += t.handoff_allocations;
        s.response_bytes += t.response_bytes;
        self.server_allocs.allocations += other.server_allocs.allocations;
        self.server_allocs.bytes += other.server_allocs.bytes;
        let (p, q) = (&mut self.pool, other.pool);
        p.hits += q.hits;
        p.misses += q.misses;
        p.returned += q.returned;
        p.shrunk_oversize += q.shrunk_oversize;
        p.dropped_oversize += q.dropped_oversize;
        p.dropped_full += q.dropped_full;
        p.regrown += q.regrown;
        p.retained_bytes = q.retained_bytes;
        self.drained &= other.drained;
        self
    }
}

#[allow(clippy::cast_precision_loss)]
fn per(n: u64, d: u64) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn print_reports(reports: &[Report]) {
    let row = |label: &str, cell: &dyn Fn(&Report) -> String| {
        let mut line = format!("{label:<44}");
        for r in reports {
            line.push_str(&format!("{:>16}", cell(r)));
        }
        println!("{line}");
    };
    let quantile = |q: f64| move |r: &Report| format!("{}", r.outcome.latency.value_at_quantile(q));
    println!();
    row("", &|r| r.mode.name().to_string());
    row("requests (measured)", &|r| r.outcome.requests.to_string());
    row("  bids (200) / no-bids (204)", &|r| {
        format!("{} / {}", r.outcome.bids, r.outcome.no_bids)
    });
    row("  errors / failed connections", &|r| {
        format!("{} / {}", r.outcome.errors, r.outcome.failed_connections)
    });
    row("requests/s", &|r| {
        format!(
            "{:.0}",
            per(r.outcome.requests, 1) / r.outcome.elapsed.as_secs_f64()
        )
    });
    row("latency p50 (µs)", &quantile(0.50));
    row("latency p90 (µs)", &quantile(0.90));
    row("latency p99 (µs)", &quantile(0.99));
    row("latency p99.9 (µs)", &quantile(0.999));
    row("latency max (µs)", &|r| {
        r.outcome.latency.max().to_string()
    });
    row("bid response size (bytes, mean)", &|r| {
        format!("{:.0}", per(r.server.response_bytes, r.server.bids))
    });
    row("serialize: time / response (ns, mean)", &|r| {
        format!("{:.0}", per(r.server.serialize_nanos, r.server.bids))
    });
    row("serialize: allocations / response", &|r| {
        format!("{:.2}", per(r.server.serialize_allocations, r.server.bids))
    });
    row("serialize: bytes allocated / response", &|r| {
        format!("{:.0}", per(r.server.serialize_bytes, r.server.bids))
    });
    let stack = reports.first().map_or("hyper", |r| r.stack.name());
    row(
        &format!("hand-off to {stack}: allocations / response"),
        &|r| format!("{:.2}", per(r.server.handoff_allocations, r.server.bids)),
    );
    row("whole request (bidder): allocations", &|r| {
        format!("{:.1}", per(r.server_allocs.allocations, r.server.requests))
    });
    row("whole request (bidder): bytes allocated", &|r| {
        format!("{:.0}", per(r.server_allocs.bytes, r.server.requests))
    });
    let pooled = |r: &Report, f: &dyn Fn(&PoolStats) -> String| {
        if r.mode == Mode::Pooled {
            f(&r.pool)
        } else {
            "not used".to_string()
        }
    };
    row("pool hit rate", &|r| {
        pooled(r, &|p| format!("{:.4}", p.hit_rate()))
    });
    row("pool hits / misses", &|r| {
        pooled(r, &|p| format!("{} / {}", p.hits, p.misses))
    });
    row("pool returned / dropped (full, oversize)", &|r| {
        pooled(r, &|p| {
            format!("{} / {}", p.returned, p.dropped_full + p.dropped_oversize)
        })
    });
    row("pool retained bytes (now)", &|r| {
        pooled(r, &|p| p.retained_bytes.to_string())
    });
    println!();
    println!("latency = client-side, from sending a request to the last byte of its answer, over loopback;");
    println!("serialize = around the serialize call only (to_pooled_json / serde_json::to_vec), on the bidder's thread;");
    match reports.first().map(|r| r.stack) {
        Some(Server::Axum) => println!("hand-off = into_bytes (one owner box) or Bytes::from(Vec), then axum's Body (one box); whole request = everything the bidder's"),
        _ => println!("hand-off = into_body (nothing allocated) / Bytes::from(Vec); whole request = everything the bidder's"),
    }
    println!("threads allocated (hyper, request parsing, the response structs, serialization) divided by requests.");
}

/// A wrk script posting the sample requests in rotation.
fn wrk_script() -> String {
    let mut lua = String::from(
        "-- wrk -t2 -c32 -d10s -s exchange.lua http://127.0.0.1:8080\n\
         -- written by `cargo run --release --example exchange -- --wrk-script`\n\
         wrk.method = \"POST\"\n\
         wrk.headers[\"Content-Type\"] = \"application/json\"\n\
         wrk.headers[\"x-openrtb-version\"] = \"2.6\"\n\
         local bodies = {\n",
    );
    for (_, body) in requests::bodies(requests::TEMPLATES.len() * 4) {
        lua.push_str("  [==[");
        lua.push_str(&body);
        lua.push_str("]==],\n");
    }
    lua.push_str(
        "}\n\
         local i = 0\n\
         request = function()\n\
         \x20 i = i + 1\n\
         \x20 return wrk.format(nil, \"/openrtb2/auction\", nil, bodies[(i % #bodies) + 1])\n\
         end\n",
    );
    lua
}
