//! An OpenRTB 2.6 exchange and its bidders on tokio + hyper, and a loopback load test of the
//! whole path.
//!
//! ```text
//! cargo run --release --example exchange                 # publisher -> exchange -> 8 bidders, both modes
//! cargo run --release --example exchange -- --bidders 4 --tmax-ms 50
//! cargo run --release --example exchange -- --role bidder  # one bidder under load, no exchange
//! cargo run --release --example exchange -- --role bidder --server axum  # that bidder on axum
//! cargo run --release --example exchange -- --serve 127.0.0.1:8080   # serve only (either role)
//! cargo run --release --example exchange -- --help
//! ```
//!
//! Everything runs in this process, on 127.0.0.1; the code is the library
//! `pooled-serialize-exchange` (`exchange/src/`) and this file is the command line.
//!
//! - **Role `exchange`** (the default): a load generator plays the publisher (`load.rs`) and
//!   posts bid requests to the exchange (`exchange.rs`). The exchange reads each with
//!   `pooled_serialize::openrtb::BidRequest::from_json`, writes every one of `--bidders`
//!   bidders its own version (`fanout.rs`: impressions of the media it buys, its floors, its
//!   parameters, a shorter `tmax`, itself appended to the supply chain, no user ids without
//!   consent), posts them all, waits at most the auction's `tmax` less a budget, reads the
//!   answers with the model's `BidResponse` and runs a first-price auction (`auction.rs`):
//!   `200` with the winning bid, or `204`. In mode `pooled` each bidder's copy is a
//!   `pooled_serialize::openrtb::BidderRequest` view over the request (nothing cloned),
//!   written with `to_pooled_json` and handed to hyper with `into_body` (the pooled buffer
//!   is the HTTP body), and so is the winning response; in mode `serde` the request is
//!   cloned and changed per bidder, and everything is written with `serde_json::to_vec` +
//!   `Bytes::from`. The bidders are the role-`bidder` bidder, K times.
//! - **Role `bidder`**: the bidder alone (`server.rs`, on hyper or axum) under the load
//!   generator. It reads the bid request with serde (`model.rs`), bids from an in-memory
//!   creative catalog (`catalog.rs`) and writes the `BidResponse` in the mode's way.
//!
//! The report puts both modes side by side, measured in alternating rounds: throughput,
//! latency percentiles, time-outs, and heap allocations counted by the example's global
//! allocator (`alloc.rs`) on the thread doing each step.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use pooled_serialize::pool::{self, PoolStats};
use pooled_serialize_exchange::alloc::{self, CountingAllocator, Counts, Group};
use pooled_serialize_exchange::catalog::Catalog;
use pooled_serialize_exchange::exchange::{self, FanoutSnapshot, Running};
use pooled_serialize_exchange::server::{self, Bidder, Config, Mode, Server, Snapshot};
use pooled_serialize_exchange::{load, requests};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Rounds per mode when both modes run, alternating.
const ROUNDS: u32 = 5;

/// Publisher connections in role exchange, unless `--connections` says otherwise.
const CONNECTIONS_EXCHANGE: u16 = 8;

/// With `--requests`, the measured run still stops after this long.
const REQUESTS_TIME_CAP: f64 = 600.0;

/// An OpenRTB 2.6 exchange with its bidders (tokio + hyper), and a loopback load test of it.
///
/// By default, starts K bidders and an exchange in front of them on 127.0.0.1 (ephemeral
/// ports), plays the publisher with keep-alive connections to the exchange from the same
/// process, and prints a report for each serialization mode side by side: auctions per
/// second, latency percentiles, bidder time-outs, what writing the bidder requests costs,
/// the bidders' own figures and the buffer pool's counters. With `--role bidder`, the
/// load goes to one bidder alone. All traffic stays on the loopback interface.
#[derive(Debug, Parser)]
#[command(name = "exchange", version)]
struct Args {
    /// What the load generator talks to: `exchange` (the exchange in front of --bidders
    /// bidders) or `bidder` (one bidder alone).
    #[arg(long, value_enum, default_value_t = RoleArg::Exchange)]
    role: RoleArg,

    /// Bidders behind the exchange (role exchange).
    #[arg(long, value_name = "K", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    bidders: u16,

    /// The most the exchange waits for an auction, in milliseconds: a request's own tmax
    /// applies when shorter. Bidders are waited for this less a 10 ms budget (role
    /// exchange).
    #[arg(long, value_name = "MS", default_value_t = 100,
          value_parser = clap::value_parser!(u64).range(11..=60_000))]
    tmax_ms: u64,

    /// Seconds of measured load per mode [default: 10]. With --requests it is only a time
    /// cap [default then: 600].
    #[arg(long, value_name = "SECS", value_parser = parse_duration)]
    duration: Option<f64>,

    /// Keep-alive HTTP/1.1 connections the load generator opens, each with one request
    /// in flight at a time [default: 8 in role exchange (each auction is up to K bidder
    /// requests in flight), 32 in role bidder].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    connections: Option<u16>,

    /// How JSON is written: `pooled` (to_pooled_json, handed to hyper with into_body, no
    /// copy, no allocation; to axum with into_bytes), `serde` (serde_json::to_vec into a
    /// fresh Vec, then Bytes::from), or `both`, in alternating rounds, reported side by
    /// side. In role exchange it applies to the bidder requests, the winning response and
    /// the bidders' responses. With --serve, `both` means `pooled`.
    #[arg(long, value_enum, default_value_t = ModeArg::Both)]
    mode: ModeArg,

    /// The HTTP stack of the bidders: `hyper` (hyper 1.x directly) or `axum` (axum 0.8,
    /// the same bidding logic as axum handlers). The exchange is on hyper.
    #[arg(long, value_enum, default_value_t = ServerArg::Hyper)]
    server: ServerArg,

    /// Only serve, on ADDR (e.g. 127.0.0.1:8080), for an external load tool such as wrk:
    /// the exchange (with its bidders on ephemeral ports) or, with --role bidder, the
    /// bidder. Ctrl-C or SIGTERM stops accepting, finishes in-flight requests and exits 0.
    #[arg(long, value_name = "ADDR")]
    serve: Option<SocketAddr>,

    /// Stop each measured run after N requests (over all connections) instead of after
    /// --duration.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    requests: Option<u64>,

    /// Requests each connection sends before each measured round starts (pool, caches and
    /// connections warm up; not counted) [default: 20 in role exchange, 100 in role bidder].
    #[arg(long, value_name = "N")]
    warmup: Option<u64>,

    /// Largest request body the exchange and the bidders read, in bytes; larger ones get
    /// 413.
    #[arg(long, value_name = "BYTES", default_value_t = server::DEFAULT_MAX_BODY)]
    max_body: usize,

    /// Worker threads of the exchange's runtime (role exchange) or of the bidder's (role
    /// bidder) [default: half the cores, at least 1].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    server_threads: Option<u16>,

    /// Worker threads of the bidders' runtime, shared by all bidders (role exchange)
    /// [default: half the cores, at least 1].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    bidder_threads: Option<u16>,

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
enum RoleArg {
    Exchange,
    Bidder,
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

fn runtime(name: &str, threads: usize, track: Option<Group>) -> std::io::Result<Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder
        .worker_threads(threads)
        .thread_name(name)
        .enable_all();
    if let Some(group) = track {
        // Everything these threads allocate counts in the group's per-request figure.
        builder.on_thread_start(move || alloc::track_this_thread(group));
    }
    builder.build()
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// What both roles share: the modes, the load plan, the sample requests.
struct Setup {
    modes: &'static [Mode],
    plan: load::Plan,
    bodies: Arc<Vec<Bytes>>,
    duration: f64,
}

impl Setup {
    fn new(args: &Args, connections: u16, warmup: u64) -> Setup {
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
            connections: usize::from(args.connections.unwrap_or(connections)),
            warmup_per_connection: args.warmup.unwrap_or(warmup),
            duration: Duration::from_secs_f64(duration),
            requests: args.requests,
        };
        let bodies: Arc<Vec<Bytes>> = Arc::new(
            requests::bodies(256)
                .into_iter()
                .map(|(_, body)| Bytes::from(body))
                .collect(),
        );
        Setup {
            modes,
            plan,
            bodies,
            duration,
        }
    }

    /// `N requests per mode` or `N s per mode`, and how the modes alternate.
    fn schedule(&self) -> String {
        let per_mode = match self.plan.requests {
            Some(n) => format!("{n} requests per mode (time cap {} s)", self.duration),
            None => format!("{} s per mode", self.duration),
        };
        if self.modes.len() > 1 {
            per_mode + ", in alternating rounds"
        } else {
            per_mode
        }
    }

    fn print_samples(&self, max_body: usize) {
        println!(
            "{} sample requests over {} shapes ({} of them no-bids by design), max body {} bytes",
            self.bodies.len(),
            requests::TEMPLATES.len(),
            requests::TEMPLATES
                .iter()
                .filter(|(name, _)| name.starts_with("no-bid"))
                .count(),
            max_body,
        );
        let _ = std::io::stdout().flush();
    }

    /// Runs `measure` for every mode in alternating rounds (pooled, serde, serde, pooled,
    /// ...), so drift on a shared machine (other processes, CPU frequency) falls on both
    /// alike, and merges each mode's rounds.
    fn alternate<R>(
        &self,
        mut measure: impl FnMut(Mode, &load::Plan, &str) -> Res<R>,
        merge: impl Fn(R, R) -> R,
    ) -> Res<Vec<R>> {
        let modes = self.modes;
        let rounds: u32 = if modes.len() > 1 { ROUNDS } else { 1 };
        let round_plan = load::Plan {
            duration: self.plan.duration / rounds,
            requests: self.plan.requests.map(|n| n.div_ceil(u64::from(rounds))),
            ..self.plan.clone()
        };
        let mut reports: Vec<Option<R>> = modes.iter().map(|_| None).collect();
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
                let report = measure(modes[i], &round_plan, &label)?;
                reports[i] = Some(match reports[i].take() {
                    Some(sum) => merge(sum, report),
                    None => report,
                });
            }
        }
        Ok(reports.into_iter().flatten().collect())
    }
}

fn serve_mode(args: &Args) -> Mode {
    if args.mode == ModeArg::Serde {
        Mode::Serde
    } else {
        Mode::Pooled
    }
}

fn run(args: &Args) -> Res<ExitCode> {
    match args.role {
        RoleArg::Exchange => run_exchange(args),
        RoleArg::Bidder => run_bidder(args),
    }
}

/// Role `bidder`: one bidder under the load generator.
fn run_bidder(args: &Args) -> Res<ExitCode> {
    let cores = cores();
    let server_threads = args.server_threads.map_or((cores / 2).max(1), usize::from);
    let server_rt = runtime("bidder", server_threads, Some(Group::Bidders))?;
    if let Some(addr) = args.serve {
        let server = args.server.server();
        return serve_only(&server_rt, addr, serve_mode(args), server, args.max_body);
    }
    let client_threads = args
        .client_threads
        .map_or(cores.saturating_sub(server_threads).max(1), usize::from);
    let client_rt = runtime("loadgen", client_threads, None)?;
    let setup = Setup::new(args, 32, 100);

    let http = match args.server {
        ServerArg::Hyper => "tokio + hyper",
        ServerArg::Axum => "tokio + axum on hyper",
    };
    println!("pooled-serialize exchange: an OpenRTB 2.6 bidder ({http}, HTTP/1.1 keep-alive) under loopback load");
    println!(
        "machine: {cores} cores; bidder {server_threads} worker thread(s), load generator {client_threads}; {} connections; {}; {} warm-up requests per connection first",
        setup.plan.connections,
        setup.schedule(),
        setup.plan.warmup_per_connection,
    );
    setup.print_samples(args.max_body);

    let reports = setup.alternate(
        |mode, plan, label| {
            let config = Config {
                mode,
                server: args.server.server(),
                max_body: args.max_body,
                ..Config::default()
            };
            measure(&server_rt, &client_rt, plan, config, &setup.bodies, label)
        },
        Report::merge,
    )?;
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
) -> Res<ExitCode> {
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
) -> Res<Report> {
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

    let progress = progress_bar(&plan, label)?;

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

fn progress_bar(plan: &load::Plan, label: &str) -> Res<ProgressBar> {
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
    Ok(progress)
}

impl Report {
    /// Two runs of the same mode as one.
    fn merge(mut self, other: Report) -> Report {
        merge_outcome(&mut self.outcome, other.outcome);
        self.server = self.server + other.server;
        self.server_allocs = add_counts(self.server_allocs, other.server_allocs);
        merge_pool(&mut self.pool, other.pool);
        self.drained &= other.drained;
        self
    }
}

fn merge_outcome(a: &mut load::Outcome, b: load::Outcome) {
    a.requests += b.requests;
    a.bids += b.bids;
    a.no_bids += b.no_bids;
    a.errors += b.errors;
    a.failed_connections += b.failed_connections;
    a.body_bytes += b.body_bytes;
    a.elapsed += b.elapsed;
    let _ = a.latency.add(&b.latency);
}

fn add_counts(a: Counts, b: Counts) -> Counts {
    Counts {
        allocations: a.allocations + b.allocations,
        bytes: a.bytes + b.bytes,
    }
}

fn merge_pool(p: &mut PoolStats, q: PoolStats) {
    p.hits += q.hits;
    p.misses += q.misses;
    p.returned += q.returned;
    p.shrunk_oversize += q.shrunk_oversize;
    p.dropped_oversize += q.dropped_oversize;
    p.dropped_full += q.dropped_full;
    p.regrown += q.regrown;
    p.retained_bytes = q.retained_bytes;
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

/// Role `exchange`: the publisher's load on the exchange, the exchange on its bidders.
fn run_exchange(args: &Args) -> Res<ExitCode> {
    let cores = cores();
    let k = usize::from(args.bidders);
    let half = (cores / 2).max(1);
    let exchange_threads = args.server_threads.map_or(half, usize::from);
    let bidder_threads = args.bidder_threads.map_or(half, usize::from);
    let exchange_rt = runtime("exchange", exchange_threads, Some(Group::Exchange))?;
    let bidders_rt = runtime("bidders", bidder_threads, Some(Group::Bidders))?;
    // Every auction holds up to K request buffers and the prerendered shared parts at once
    // on the exchange's thread, and the bidders' thread holds a response buffer for each
    // request in flight: the pool keeps enough idle buffers per thread for that, instead
    // of its default 8.
    let connections = usize::from(args.connections.unwrap_or(CONNECTIONS_EXCHANGE));
    let pool_buffers =
        (connections * (k + 2)).max(pool::PoolConfig::DEFAULT.max_buffers_per_thread);
    pool::configure(pool::PoolConfig {
        max_buffers_per_thread: pool_buffers,
        ..pool::PoolConfig::DEFAULT
    });
    let config = |mode| exchange::Config {
        mode,
        tmax: Duration::from_millis(args.tmax_ms),
        max_body: args.max_body,
        ..exchange::Config::default()
    };
    let bidder_config = |mode| Config {
        mode,
        server: args.server.server(),
        max_body: args.max_body,
        ..Config::default()
    };
    if let Some(addr) = args.serve {
        let mode = serve_mode(args);
        let running = Running::start(
            exchange_rt.handle(),
            bidders_rt.handle(),
            addr,
            config(mode),
            &bidder_config(mode),
            k,
        )?;
        return serve_exchange(&exchange_rt, running, mode);
    }
    let client_threads = args
        .client_threads
        .map_or(cores.saturating_sub(exchange_threads).max(1), usize::from);
    let client_rt = runtime("loadgen", client_threads, None)?;
    let setup = Setup::new(args, CONNECTIONS_EXCHANGE, 20);

    let stack = match args.server {
        ServerArg::Hyper => "hyper",
        ServerArg::Axum => "axum on hyper",
    };
    println!("pooled-serialize exchange: publisher -> OpenRTB 2.6 exchange -> {k} bidders (tokio + hyper; bidders on {stack}; HTTP/1.1 keep-alive), all on loopback");
    println!(
        "machine: {cores} cores; exchange {exchange_threads} worker thread(s), bidders {bidder_threads}, publisher load {client_threads}; {} connections; {}; {} warm-up auctions per connection first",
        setup.plan.connections,
        setup.schedule(),
        setup.plan.warmup_per_connection,
    );
    println!(
        "auction: first price, tmax {} ms at most (the request's own when shorter), bidders waited for tmax - {} ms; pool keeps up to {pool_buffers} idle buffers per thread",
        args.tmax_ms,
        exchange::Config::default().budget.as_millis(),
    );
    setup.print_samples(args.max_body);

    let reports = setup.alternate(
        |mode, plan, label| {
            let running = Running::start(
                exchange_rt.handle(),
                bidders_rt.handle(),
                plan.addr,
                config(mode),
                &bidder_config(mode),
                k,
            )?;
            measure_exchange(&client_rt, running, plan, &setup.bodies, label)
        },
        ExchangeReport::merge,
    )?;
    print_exchange_reports(&reports, k, args.server.server());
    let failed = reports.iter().any(|r| {
        r.outcome.errors > 0
            || r.outcome.failed_connections > 0
            || r.fanout.errors > 0
            || r.exchange.internal_errors > 0
            || !r.drained
    });
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `--serve` in role exchange: the exchange and its bidders, until Ctrl-C or SIGTERM.
fn serve_exchange(rt: &Runtime, running: Running, mode: Mode) -> Res<ExitCode> {
    println!(
        "exchange listening on http://{}{} (mode {}, {} bidders on 127.0.0.1); Ctrl-C or SIGTERM to stop",
        running.addr,
        server::AUCTION_PATH,
        mode.name(),
        running.bidders.len(),
    );
    let _ = std::io::stdout().flush();
    let exchange = Arc::clone(&running.exchange);
    let drained = rt.block_on(async {
        server::shutdown_signal().await;
        running.shutdown().await
    })?;
    let s = exchange.stats.snapshot();
    let f = exchange.fanout.snapshot();
    println!(
        "stopped: {} connections, {} requests: {} won (200), {} no bid (204), {} bad requests (400), {} too large (413), {} not found (404), {} wrong method (405), {} internal errors; bidders: {} calls, {} time-outs, {} errors; in-flight requests {}",
        s.connections, s.requests, s.bids, s.no_bids, s.bad_requests, s.too_large, s.not_found,
        s.method_not_allowed, s.internal_errors, f.calls, f.timeouts, f.errors,
        if drained { "all finished" } else { "cut off after the grace period" },
    );
    Ok(ExitCode::SUCCESS)
}

/// One mode's measured run in role exchange: the publisher's view, the exchange's and the
/// bidders'.
struct ExchangeReport {
    mode: Mode,
    outcome: load::Outcome,
    exchange: Snapshot,
    fanout: FanoutSnapshot,
    exchange_allocs: Counts,
    bidders: Snapshot,
    bidder_allocs: Counts,
    pool: PoolStats,
    drained: bool,
}

fn measure_exchange(
    client_rt: &Runtime,
    running: Running,
    plan: &load::Plan,
    bodies: &Arc<Vec<Bytes>>,
    label: &str,
) -> Res<ExchangeReport> {
    let mode = running.exchange.config.mode;
    let plan = load::Plan {
        addr: running.addr,
        ..plan.clone()
    };
    let progress = progress_bar(&plan, label)?;
    let snapshot = || {
        (
            running.exchange.stats.snapshot(),
            running.exchange.fanout.snapshot(),
            alloc::tracked_counts(Group::Exchange),
            running.bidder_stats(),
            alloc::tracked_counts(Group::Bidders),
            pool::stats(),
        )
    };
    let mut before = None;
    let outcome = client_rt.block_on(load::run(&plan, Arc::clone(bodies), &progress, || {
        before = Some(snapshot());
    }));
    let after = snapshot();
    progress.finish_and_clear();
    eprintln!(
        "{label:>12}: {} auctions in {:.1} s",
        outcome.requests,
        outcome.elapsed.as_secs_f64()
    );
    let drained = client_rt.block_on(running.shutdown())?;
    let before = before.unwrap_or_default();
    Ok(ExchangeReport {
        mode,
        outcome,
        exchange: after.0.since(before.0),
        fanout: after.1.since(before.1),
        exchange_allocs: after.2.since(before.2),
        bidders: after.3.since(before.3),
        bidder_allocs: after.4.since(before.4),
        pool: after.5.since(&before.5),
        drained,
    })
}

impl ExchangeReport {
    /// Two runs of the same mode as one.
    fn merge(mut self, other: ExchangeReport) -> ExchangeReport {
        merge_outcome(&mut self.outcome, other.outcome);
        self.exchange = self.exchange + other.exchange;
        self.fanout = self.fanout + other.fanout;
        self.exchange_allocs = add_counts(self.exchange_allocs, other.exchange_allocs);
        self.bidders = self.bidders + other.bidders;
        self.bidder_allocs = add_counts(self.bidder_allocs, other.bidder_allocs);
        merge_pool(&mut self.pool, other.pool);
        self.drained &= other.drained;
        self
    }
}

fn print_exchange_reports(reports: &[ExchangeReport], k: usize, stack: Server) {
    let row = |label: &str, cell: &dyn Fn(&ExchangeReport) -> String| {
        let mut line = format!("{label:<48}");
        for r in reports {
            line.push_str(&format!("{:>16}", cell(r)));
        }
        println!("{line}");
    };
    let quantile =
        |q: f64| move |r: &ExchangeReport| format!("{}", r.outcome.latency.value_at_quantile(q));
    let auctions = |r: &ExchangeReport| r.fanout.auctions;
    println!();
    row("", &|r| r.mode.name().to_string());
    row("auctions (measured)", &|r| r.outcome.requests.to_string());
    row("  won (200) / no bid (204)", &|r| {
        format!("{} / {}", r.outcome.bids, r.outcome.no_bids)
    });
    row("  errors / failed connections", &|r| {
        format!("{} / {}", r.outcome.errors, r.outcome.failed_connections)
    });
    row("auctions/s", &|r| {
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
    row(&format!("bidders called / auction (of {k})"), &|r| {
        format!("{:.2}", per(r.fanout.calls, auctions(r)))
    });
    row("bidder answers: bids / no-bids", &|r| {
        format!("{} / {}", r.fanout.bids, r.fanout.no_bids)
    });
    row("bidder time-outs", &|r| r.fanout.timeouts.to_string());
    row("bidder errors / bids refused", &|r| {
        format!("{} / {}", r.fanout.errors, r.fanout.rejected_bids)
    });
    row("fan-out: request size (bytes, mean)", &|r| {
        format!("{:.0}", per(r.fanout.request_bytes, r.fanout.calls))
    });
    row("fan-out: write time / auction (ns, mean)", &|r| {
        format!("{:.0}", per(r.fanout.write_nanos, auctions(r)))
    });
    row("fan-out: allocations / auction", &|r| {
        format!("{:.1}", per(r.fanout.write_allocations, auctions(r)))
    });
    row("fan-out: bytes allocated / auction", &|r| {
        format!("{:.0}", per(r.fanout.write_bytes, auctions(r)))
    });
    row("winning response: size (bytes, mean)", &|r| {
        format!("{:.0}", per(r.exchange.response_bytes, r.exchange.bids))
    });
    row("winning response: serialize time (ns, mean)", &|r| {
        format!("{:.0}", per(r.exchange.serialize_nanos, r.exchange.bids))
    });
    row("winning response: allocations (+ hand-off)", &|r| {
        format!(
            "{:.2} + {:.2}",
            per(r.exchange.serialize_allocations, r.exchange.bids),
            per(r.exchange.handoff_allocations, r.exchange.bids)
        )
    });
    row("whole auction (exchange): allocations", &|r| {
        format!(
            "{:.1}",
            per(r.exchange_allocs.allocations, r.exchange.requests)
        )
    });
    row("whole auction (exchange): bytes allocated", &|r| {
        format!("{:.0}", per(r.exchange_allocs.bytes, r.exchange.requests))
    });
    row("bidders: requests received", &|r| {
        r.bidders.requests.to_string()
    });
    row("bidders: bid response size (bytes, mean)", &|r| {
        format!("{:.0}", per(r.bidders.response_bytes, r.bidders.bids))
    });
    row("bidders: serialize: time / response (ns, mean)", &|r| {
        format!("{:.0}", per(r.bidders.serialize_nanos, r.bidders.bids))
    });
    row("bidders: serialize: allocations / response", &|r| {
        format!(
            "{:.2}",
            per(r.bidders.serialize_allocations, r.bidders.bids)
        )
    });
    row("bidders: serialize: bytes allocated / response", &|r| {
        format!("{:.0}", per(r.bidders.serialize_bytes, r.bidders.bids))
    });
    row(
        &format!(
            "bidders: hand-off to {}: allocations / response",
            stack.name()
        ),
        &|r| format!("{:.2}", per(r.bidders.handoff_allocations, r.bidders.bids)),
    );
    row("bidders: whole request: allocations", &|r| {
        format!(
            "{:.1}",
            per(r.bidder_allocs.allocations, r.bidders.requests)
        )
    });
    row("bidders: whole request: bytes allocated", &|r| {
        format!("{:.0}", per(r.bidder_allocs.bytes, r.bidders.requests))
    });
    let pooled = |r: &ExchangeReport, f: &dyn Fn(&PoolStats) -> String| {
        if r.mode == Mode::Pooled {
            f(&r.pool)
        } else {
            "not used".to_string()
        }
    };
    row("pool hit rate (exchange and bidders)", &|r| {
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
    println!("latency = publisher-side, from sending a bid request to the exchange to the last byte of its answer, over loopback;");
    println!("fan-out = around the calls writing the K bidder requests, on the exchange's thread: pooled = the shared parts");
    println!("prerendered once + a BidderRequest view per bidder + to_pooled_json + into_body; serde = clone and change the");
    println!("request + serde_json::to_vec + Bytes::from;");
    println!("whole auction / whole request = everything the exchange's / the bidders' threads allocated (hyper, parsing,");
    println!("the auction, serialization) divided by the requests each side received.");
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
