//! The load generator: N keep-alive HTTP/1.1 connections to the bidder on loopback, one
//! request in flight on each, rotating through the sample requests.
//!
//! Every connection first sends its warm-up requests, then all wait at a barrier while
//! the caller snapshots the counters, then the measured run starts together. Latency is
//! measured per request from just before it is sent to the last byte of the response
//! body, in microseconds, into one HDR histogram per connection (merged at the end).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use indicatif::ProgressBar;
use tokio::net::TcpStream;
use tokio::sync::Barrier;

/// What to send and for how long.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Where the bidder listens (a loopback address).
    pub addr: SocketAddr,
    /// Keep-alive connections, each with one request in flight.
    pub connections: usize,
    /// Requests each connection sends before measuring.
    pub warmup_per_connection: u64,
    /// Stop the measured run after this long...
    pub duration: Duration,
    /// ...or after this many requests, whichever comes first.
    pub requests: Option<u64>,
}

/// What the measured run saw, from the client's side.
#[derive(Debug)]
pub struct Outcome {
    /// Requests answered.
    pub requests: u64,
    /// 200 answers.
    pub bids: u64,
    /// 204 answers.
    pub no_bids: u64,
    /// Any other status, or a failed request.
    pub errors: u64,
    /// Connections that could not be opened or broke.
    pub failed_connections: u64,
    /// Response body bytes received.
    pub body_bytes: u64,
    /// Wall time of the measured run.
    pub elapsed: Duration,
    /// Latency, microseconds.
    pub latency: Histogram<u64>,
}

#[derive(Debug)]
struct ConnResult {
    bids: u64,
    no_bids: u64,
    errors: u64,
    failed: bool,
    body_bytes: u64,
    latency: Histogram<u64>,
}

fn histogram() -> Histogram<u64> {
    // 1 µs to 60 s at 3 significant digits.
    Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid histogram bounds")
}

/// Runs the plan. `between` runs once every connection is warm, just before the measured
/// run starts (the caller snapshots its counters there).
pub async fn run(
    plan: &Plan,
    bodies: Arc<Vec<Bytes>>,
    progress: &ProgressBar,
    between: impl FnOnce(),
) -> Outcome {
    let barrier = Arc::new(Barrier::new(plan.connections + 1));
    let issued = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Arc::new(std::sync::OnceLock::<Instant>::new());
    let mut tasks = Vec::with_capacity(plan.connections);
    for index in 0..plan.connections {
        let (plan, bodies, barrier, issued, deadline, done) = (
            plan.clone(),
            Arc::clone(&bodies),
            Arc::clone(&barrier),
            Arc::clone(&issued),
            Arc::clone(&deadline),
            Arc::clone(&done),
        );
        tasks.push(tokio::spawn(async move {
            let shared = Shared {
                barrier: &barrier,
                issued: &issued,
                deadline: &deadline,
                done: &done,
            };
            connection(index, &plan, &bodies, shared).await
        }));
    }
    barrier.wait().await; // every connection warm (or failed)
    between();
    let start = Instant::now();
    let _ = deadline.set(start + plan.duration);
    barrier.wait().await; // go
    let ticker = {
        let (progress, done, plan) = (progress.clone(), Arc::clone(&done), plan.clone());
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_millis(100));
            loop {
                every.tick().await;
                let n = done.load(Relaxed);
                if plan.requests.is_some() {
                    progress.set_position(n);
                } else {
                    let ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
                    progress.set_position(ms.min(progress.length().unwrap_or(u64::MAX)));
                    progress.set_message(format!("{n} requests"));
                }
            }
        })
    };
    let mut outcome = Outcome {
        requests: 0,
        bids: 0,
        no_bids: 0,
        errors: 0,
        failed_connections: 0,
        body_bytes: 0,
        elapsed: Duration::ZERO,
        latency: histogram(),
    };
    for task in tasks {
        match task.await {
            Ok(r) => {
                outcome.bids += r.bids;
                outcome.no_bids += r.no_bids;
                outcome.errors += r.errors;
                outcome.failed_connections += u64::from(r.failed);
                outcome.body_bytes += r.body_bytes;
                let _ = outcome.latency.add(&r.latency);
            }
            Err(_) => outcome.failed_connections += 1,
        }
    }
    outcome.elapsed = start.elapsed();
    ticker.abort();
    let n = done.load(Relaxed);
    if plan.requests.is_some() {
        progress.set_position(n);
    } else {
        progress.set_position(progress.length().unwrap_or(0));
        progress.set_message(format!("{n} requests"));
    }
    outcome.requests = outcome.bids + outcome.no_bids + outcome.errors;
    outcome
}

type Sender = http1::SendRequest<Full<Bytes>>;

async fn open(addr: SocketAddr) -> Option<Sender> {
    let stream = TcpStream::connect(addr).await.ok()?;
    let _ = stream.set_nodelay(true);
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await.ok()?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Some(sender)
}

/// Sends one request and reads the whole answer: `(status, body bytes)`.
async fn exchange(
    sender: &mut Sender,
    addr: SocketAddr,
    body: Bytes,
) -> Option<(StatusCode, usize)> {
    let mut req = Request::new(Full::new(body));
    *req.method_mut() = Method::POST;
    *req.uri_mut() = hyper::Uri::from_static(crate::server::AUCTION_PATH);
    let headers = req.headers_mut();
    headers.insert(header::HOST, host(addr));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert("x-openrtb-version", HeaderValue::from_static("2.6"));
    sender.ready().await.ok()?;
    let resp = sender.send_request(req).await.ok()?;
    let status = resp.status();
    let body = resp.into_body().collect().await.ok()?.to_bytes();
    Some((status, body.len()))
}

fn host(addr: SocketAddr) -> HeaderValue {
    HeaderValue::from_str(&addr.to_string()).unwrap_or(HeaderValue::from_static("127.0.0.1"))
}

/// What the connections share with each other and with [`run`].
#[derive(Clone, Copy)]
struct Shared<'a> {
    barrier: &'a Barrier,
    issued: &'a AtomicU64,
    deadline: &'a std::sync::OnceLock<Instant>,
    done: &'a AtomicU64,
}

async fn connection(index: usize, plan: &Plan, bodies: &[Bytes], shared: Shared<'_>) -> ConnResult {
    let Shared {
        barrier,
        issued,
        deadline,
        done,
    } = shared;
    let mut result = ConnResult {
        bids: 0,
        no_bids: 0,
        errors: 0,
        failed: false,
        body_bytes: 0,
        latency: histogram(),
    };
    // Each connection starts at its own place in the rotation.
    let mut next = index * 7;
    let mut sender = open(plan.addr).await;
    for _ in 0..plan.warmup_per_connection {
        let Some(s) = sender.as_mut() else { break };
        let body = bodies[next % bodies.len()].clone();
        next += 1;
        if exchange(s, plan.addr, body).await.is_none() {
            sender = None;
        }
    }
    barrier.wait().await; // warm
    barrier.wait().await; // go: the deadline is set
    let Some(mut sender) = sender else {
        result.failed = true;
        return result;
    };
    let deadline = *deadline.get().expect("set before the start barrier");
    let mut unreported = 0;
    loop {
        if Instant::now() >= deadline {
            break;
        }
        if let Some(limit) = plan.requests {
            if issued.fetch_add(1, Relaxed) >= limit {
                break;
            }
        }
        let body = bodies[next % bodies.len()].clone();
        next += 1;
        let sent = Instant::now();
        let answer = exchange(&mut sender, plan.addr, body).await;
        let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
        match answer {
            Some((status, len)) => {
                result.latency.saturating_record(micros.max(1));
                result.body_bytes += len as u64;
                match status {
                    StatusCode::OK => result.bids += 1,
                    StatusCode::NO_CONTENT => result.no_bids += 1,
                    _ => result.errors += 1,
                }
            }
            None => {
                result.errors += 1;
                result.failed = true;
                break;
            }
        }
        unreported += 1;
        if unreported == 64 {
            done.fetch_add(unreported, Relaxed);
            unreported = 0;
        }
    }
    done.fetch_add(unreported, Relaxed);
    result
}
