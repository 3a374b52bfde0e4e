//! The bidder's HTTP server: tokio + hyper 1.x, HTTP/1.1 with keep-alive.
//!
//! `POST /openrtb2/auction` reads a bid request, runs the bidding rule and answers `200`
//! with a bid response, or `204` with an empty body for a no-bid. Bad input gets a JSON
//! error body and the connection stays open: `400` for malformed JSON or a request
//! without impressions, `404` for another path, `405` for another method. A body over the
//! limit gets `413` without being read (the `Content-Length` is checked first and the
//! stream is cut at the limit) and `Connection: close`, since the unread rest of the body
//! would otherwise be taken for the next request.
//!
//! [`serve`] stops accepting when its shutdown future completes, lets in-flight requests
//! finish (idle keep-alive connections are closed), and returns.

use std::borrow::Cow;
use std::convert::Infallible;
use std::error::Error as StdError;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::{Buf, Bytes};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Body, Frame, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use pooled_serialize::openrtb::BidResponse;
use pooled_serialize::{to_pooled_json, PooledBody, PooledBuf, PooledChunk, PooledSerialize};
use tokio::net::TcpListener;

use crate::alloc::{self, Counts};
use crate::catalog::Catalog;
use crate::model::BidRequest;

/// Where bid requests are posted.
pub const AUCTION_PATH: &str = "/openrtb2/auction";

/// The default limit on a request body: 64 KiB.
pub const DEFAULT_MAX_BODY: usize = 64 * 1024;

/// How the response is turned into bytes for hyper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `to_pooled_json` into a pooled buffer, handed to hyper with `into_body` (no copy,
    /// no allocation); to axum with `into_bytes`, as `PooledJson` does.
    Pooled,
    /// `serde_json::to_vec` into a fresh `Vec`, then `Bytes::from`: what most bidders do.
    Serde,
}

impl Mode {
    /// The name used on the command line and in the report.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Pooled => "pooled",
            Mode::Serde => "serde",
        }
    }
}

/// Which HTTP stack serves the bidder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    /// hyper 1.x directly: responses are `Response<HttpBody>`.
    Hyper,
    /// axum 0.8 on the same hyper: responses are axum's boxed `Body`.
    Axum,
}

impl Server {
    /// The name used on the command line and in the report.
    pub fn name(self) -> &'static str {
        match self {
            Server::Hyper => "hyper",
            Server::Axum => "axum",
        }
    }
}

/// Server settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// How responses are serialized.
    pub mode: Mode,
    /// The HTTP stack.
    pub server: Server,
    /// Largest request body read, in bytes; larger ones get 413.
    pub max_body: usize,
    /// How long shutdown waits for in-flight requests before giving up on them.
    pub grace: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Pooled,
            server: Server::Hyper,
            max_body: DEFAULT_MAX_BODY,
            grace: Duration::from_secs(10),
        }
    }
}

/// Counters the server keeps, readable at any time with [`Stats::snapshot`].
#[derive(Debug, Default)]
pub struct Stats {
    pub(crate) connections: AtomicU64,
    pub(crate) requests: AtomicU64,
    pub(crate) bids: AtomicU64,
    pub(crate) no_bids: AtomicU64,
    pub(crate) bad_requests: AtomicU64,
    pub(crate) too_large: AtomicU64,
    pub(crate) not_found: AtomicU64,
    pub(crate) method_not_allowed: AtomicU64,
    pub(crate) internal_errors: AtomicU64,
    pub(crate) serialize_allocations: AtomicU64,
    pub(crate) serialize_bytes: AtomicU64,
    pub(crate) serialize_nanos: AtomicU64,
    pub(crate) handoff_allocations: AtomicU64,
    pub(crate) response_bytes: AtomicU64,
}

/// A copy of the [`Stats`] counters at one moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Connections accepted.
    pub connections: u64,
    /// Requests received, on any path.
    pub requests: u64,
    /// 200 answers (bid responses serialized).
    pub bids: u64,
    /// 204 answers.
    pub no_bids: u64,
    /// 400 answers.
    pub bad_requests: u64,
    /// 413 answers.
    pub too_large: u64,
    /// 404 answers.
    pub not_found: u64,
    /// 405 answers.
    pub method_not_allowed: u64,
    /// 500 answers (a response that failed to serialize).
    pub internal_errors: u64,
    /// Heap allocations made while serializing bid responses (around the serialize call).
    pub serialize_allocations: u64,
    /// Bytes those allocations asked for.
    pub serialize_bytes: u64,
    /// Nanoseconds spent in the serialize call.
    pub serialize_nanos: u64,
    /// Heap allocations made handing the bytes to the HTTP stack (`into_body` /
    /// `Bytes::from` for hyper; `into_bytes` / `Bytes::from` and axum's `Body` for axum).
    pub handoff_allocations: u64,
    /// Bytes of bid-response JSON written.
    pub response_bytes: u64,
}

impl Snapshot {
    /// The counts between `earlier` and `self`.
    pub fn since(self, earlier: Snapshot) -> Snapshot {
        Snapshot {
            connections: self.connections - earlier.connections,
            requests: self.requests - earlier.requests,
            bids: self.bids - earlier.bids,
            no_bids: self.no_bids - earlier.no_bids,
            bad_requests: self.bad_requests - earlier.bad_requests,
            too_large: self.too_large - earlier.too_large,
            not_found: self.not_found - earlier.not_found,
            method_not_allowed: self.method_not_allowed - earlier.method_not_allowed,
            internal_errors: self.internal_errors - earlier.internal_errors,
            serialize_allocations: self.serialize_allocations - earlier.serialize_allocations,
            serialize_bytes: self.serialize_bytes - earlier.serialize_bytes,
            serialize_nanos: self.serialize_nanos - earlier.serialize_nanos,
            handoff_allocations: self.handoff_allocations - earlier.handoff_allocations,
            response_bytes: self.response_bytes - earlier.response_bytes,
        }
    }
}

/// Both counts together.
impl std::ops::Add for Snapshot {
    type Output = Snapshot;

    fn add(self, other: Snapshot) -> Snapshot {
        Snapshot {
            connections: self.connections + other.connections,
            requests: self.requests + other.requests,
            bids: self.bids + other.bids,
            no_bids: self.no_bids + other.no_bids,
            bad_requests: self.bad_requests + other.bad_requests,
            too_large: self.too_large + other.too_large,
            not_found: self.not_found + other.not_found,
            method_not_allowed: self.method_not_allowed + other.method_not_allowed,
            internal_errors: self.internal_errors + other.internal_errors,
            serialize_allocations: self.serialize_allocations + other.serialize_allocations,
            serialize_bytes: self.serialize_bytes + other.serialize_bytes,
            serialize_nanos: self.serialize_nanos + other.serialize_nanos,
            handoff_allocations: self.handoff_allocations + other.handoff_allocations,
            response_bytes: self.response_bytes + other.response_bytes,
        }
    }
}

impl Stats {
    /// The counters now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            connections: self.connections.load(Relaxed),
            requests: self.requests.load(Relaxed),
            bids: self.bids.load(Relaxed),
            no_bids: self.no_bids.load(Relaxed),
            bad_requests: self.bad_requests.load(Relaxed),
            too_large: self.too_large.load(Relaxed),
            not_found: self.not_found.load(Relaxed),
            method_not_allowed: self.method_not_allowed.load(Relaxed),
            internal_errors: self.internal_errors.load(Relaxed),
            serialize_allocations: self.serialize_allocations.load(Relaxed),
            serialize_bytes: self.serialize_bytes.load(Relaxed),
            serialize_nanos: self.serialize_nanos.load(Relaxed),
            handoff_allocations: self.handoff_allocations.load(Relaxed),
            response_bytes: self.response_bytes.load(Relaxed),
        }
    }

    pub(crate) fn serialized(
        &self,
        serialize: Counts,
        took: Duration,
        handoff: Counts,
        len: usize,
    ) {
        self.bids.fetch_add(1, Relaxed);
        self.serialize_nanos
            .fetch_add(u64::try_from(took.as_nanos()).unwrap_or(u64::MAX), Relaxed);
        self.serialize_allocations
            .fetch_add(serialize.allocations, Relaxed);
        self.serialize_bytes.fetch_add(serialize.bytes, Relaxed);
        self.handoff_allocations
            .fetch_add(handoff.allocations, Relaxed);
        self.response_bytes.fetch_add(len as u64, Relaxed);
    }
}

/// The body of every error answer: `{"error":"...","detail":"..."}`.
#[derive(PooledSerialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[pooled(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
}

/// The response type of the hyper server.
pub type HttpResponse = Response<HttpBody>;

/// A complete response body: a pooled buffer, or bytes of another origin.
#[derive(Debug)]
pub enum HttpBody {
    /// A pooled buffer (`into_body`): no allocation, no copy.
    Pooled(PooledBody),
    /// Anything else: serde mode's `Vec`, a static text, nothing.
    Bytes(Full<Bytes>),
}

/// The one data frame of an [`HttpBody`].
#[derive(Debug)]
pub enum Chunk {
    /// The pooled buffer itself.
    Pooled(PooledChunk),
    /// Shared bytes.
    Bytes(Bytes),
}

impl Buf for Chunk {
    fn remaining(&self) -> usize {
        match self {
            Chunk::Pooled(c) => c.remaining(),
            Chunk::Bytes(b) => b.remaining(),
        }
    }

    fn chunk(&self) -> &[u8] {
        match self {
            Chunk::Pooled(c) => c.chunk(),
            Chunk::Bytes(b) => b.chunk(),
        }
    }

    fn advance(&mut self, cnt: usize) {
        match self {
            Chunk::Pooled(c) => c.advance(cnt),
            Chunk::Bytes(b) => b.advance(cnt),
        }
    }
}

impl HttpBody {
    pub(crate) fn empty() -> HttpBody {
        HttpBody::Bytes(Full::new(Bytes::new()))
    }
}

impl Body for HttpBody {
    type Data = Chunk;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Chunk>, Infallible>>> {
        // Both bodies are `Unpin`: no projection needed.
        match self.get_mut() {
            HttpBody::Pooled(body) => Pin::new(body)
                .poll_frame(cx)
                .map(|f| f.map(|f| f.map(|f| f.map_data(Chunk::Pooled)))),
            HttpBody::Bytes(body) => Pin::new(body)
                .poll_frame(cx)
                .map(|f| f.map(|f| f.map(|f| f.map_data(Chunk::Bytes)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            HttpBody::Pooled(body) => body.is_end_stream(),
            HttpBody::Bytes(body) => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            HttpBody::Pooled(body) => body.size_hint(),
            HttpBody::Bytes(body) => body.size_hint(),
        }
    }
}

/// What the bidding logic decided for one request body, before any HTTP stack turns it
/// into a response.
pub enum Outcome<'a> {
    /// A bid response to serialize.
    Bid(BidResponse<'a>),
    /// No bid (204).
    NoBid,
    /// A request the bidder cannot read (400): a short reason and the detail.
    Bad(&'static str, Cow<'static, str>),
}

/// A serialized response before its hand-off to the HTTP stack, by mode.
pub enum Encoded {
    /// `to_pooled_json`: a pooled buffer.
    Pooled(PooledBuf),
    /// `serde_json::to_vec`: a fresh `Vec`.
    Fresh(Vec<u8>),
}

impl Encoded {
    fn len(&self) -> usize {
        match self {
            Encoded::Pooled(json) => json.len(),
            Encoded::Fresh(json) => json.len(),
        }
    }
}

/// The bidder: settings, creative catalog and counters, shared by all connections.
#[derive(Debug)]
pub struct Bidder {
    /// Settings.
    pub config: Config,
    /// The creatives bid with.
    pub catalog: Catalog,
    /// Counters.
    pub stats: Stats,
}

impl Bidder {
    /// A bidder over `catalog`.
    pub fn new(config: Config, catalog: Catalog) -> Arc<Bidder> {
        Arc::new(Bidder {
            config,
            catalog,
            stats: Stats::default(),
        })
    }

    /// Answers one HTTP request. Never fails: every problem is an HTTP status.
    pub async fn handle<B>(self: Arc<Self>, req: Request<B>) -> Result<HttpResponse, Infallible>
    where
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn StdError + Send + Sync>>,
    {
        Ok(
            match read_auction_body(&self.stats, self.config.max_body, req).await {
                Ok(body) => self.auction(&body),
                Err(answer) => answer,
            },
        )
    }

    /// Runs the auction for one request body: parse, bid, serialize.
    pub fn auction(&self, body: &[u8]) -> HttpResponse {
        self.decide(body, |outcome| match outcome {
            Outcome::Bid(resp) => match self.encode(&resp, |json| match json {
                // Zero-copy, allocation-free: the pooled buffer itself becomes the body;
                // it goes back to the pool when hyper drops the frame.
                Encoded::Pooled(json) => HttpBody::Pooled(json.into_body()),
                Encoded::Fresh(json) => HttpBody::Bytes(Full::new(Bytes::from(json))),
            }) {
                Ok(body) => bid_response(body),
                Err(e) => error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error",
                    Some(&e),
                    true,
                ),
            },
            Outcome::NoBid => no_bid_response(),
            Outcome::Bad(what, detail) => error(StatusCode::BAD_REQUEST, what, Some(&detail), true),
        })
    }

    /// The bidding logic, shared by every HTTP stack: parses the body, bids, counts the
    /// outcome, and hands it to `respond`.
    pub fn decide<R>(&self, body: &[u8], respond: impl FnOnce(Outcome<'_>) -> R) -> R {
        let stats = &self.stats;
        let req: BidRequest<'_> = match serde_json::from_slice(body) {
            Ok(req) => req,
            Err(e) => {
                stats.bad_requests.fetch_add(1, Relaxed);
                return respond(Outcome::Bad(
                    "malformed bid request",
                    Cow::Owned(e.to_string()),
                ));
            }
        };
        if req.imp.as_ref().map_or(true, Vec::is_empty) {
            stats.bad_requests.fetch_add(1, Relaxed);
            let detail = "a bid request needs at least one impression in `imp`";
            return respond(Outcome::Bad("no impression", Cow::Borrowed(detail)));
        }
        match self.catalog.bid(&req) {
            Some(resp) => respond(Outcome::Bid(resp)),
            None => {
                stats.no_bids.fetch_add(1, Relaxed);
                respond(Outcome::NoBid)
            }
        }
    }

    /// Serializes a response the configured way and hands it over with `handoff`
    /// (see [`encode`]).
    pub fn encode<B>(
        &self,
        resp: &BidResponse<'_>,
        handoff: impl FnOnce(Encoded) -> B,
    ) -> Result<B, String> {
        encode(self.config.mode, &self.stats, resp, handoff)
    }
}

/// Serializes a response in `mode` and hands it over with `handoff`, counting in `stats`
/// what each step allocates on this thread (the steps are synchronous: nothing else runs
/// on it meanwhile). An error counts as a 500.
pub fn encode<B>(
    mode: Mode,
    stats: &Stats,
    resp: &BidResponse<'_>,
    handoff: impl FnOnce(Encoded) -> B,
) -> Result<B, String> {
    let before = alloc::thread_counts();
    let start = Instant::now();
    let json = match mode {
        Mode::Pooled => to_pooled_json(resp)
            .map(Encoded::Pooled)
            .map_err(|e| e.to_string()),
        Mode::Serde => serde_json::to_vec(resp)
            .map(Encoded::Fresh)
            .map_err(|e| e.to_string()),
    };
    let took = start.elapsed();
    let serialized = alloc::thread_counts();
    let json = match json {
        Ok(json) => json,
        Err(e) => {
            stats.internal_errors.fetch_add(1, Relaxed);
            return Err(e);
        }
    };
    let len = json.len();
    let body = handoff(json);
    let handed = alloc::thread_counts();
    stats.serialized(
        serialized.since(before),
        took,
        handed.since(serialized),
        len,
    );
    Ok(body)
}

/// Reads the body of a bid request posted to [`AUCTION_PATH`], counting the request in
/// `stats`; anything else is answered here: `404`, `405`, `413`, or `400` for a body that
/// cannot be read.
pub(crate) async fn read_auction_body<B>(
    stats: &Stats,
    max_body: usize,
    req: Request<B>,
) -> Result<Bytes, HttpResponse>
where
    B: Body<Data = Bytes>,
    B::Error: Into<Box<dyn StdError + Send + Sync>>,
{
    stats.requests.fetch_add(1, Relaxed);
    if req.uri().path() != AUCTION_PATH {
        stats.not_found.fetch_add(1, Relaxed);
        let keep_alive = drain(max_body, req.into_body()).await;
        let detail = "bid requests are posted to /openrtb2/auction";
        return Err(error(
            StatusCode::NOT_FOUND,
            "not found",
            Some(detail),
            keep_alive,
        ));
    }
    if req.method() != Method::POST {
        stats.method_not_allowed.fetch_add(1, Relaxed);
        let keep_alive = drain(max_body, req.into_body()).await;
        let detail = "bid requests are POSTed";
        let mut resp = error(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed",
            Some(detail),
            keep_alive,
        );
        resp.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return Err(resp);
    }
    // A declared length over the limit is refused before a byte of the body is read
    // (and before hyper sends `100 Continue` to a client that asked for it).
    if req.body().size_hint().lower() > max_body as u64 {
        return Err(too_large(stats, max_body));
    }
    match Limited::new(req.into_body(), max_body).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<LengthLimitError>() => Err(too_large(stats, max_body)),
        Err(_) => {
            stats.bad_requests.fetch_add(1, Relaxed);
            let detail = "the request body could not be read";
            Err(error(
                StatusCode::BAD_REQUEST,
                "bad request",
                Some(detail),
                false,
            ))
        }
    }
}

fn too_large(stats: &Stats, max_body: usize) -> HttpResponse {
    stats.too_large.fetch_add(1, Relaxed);
    let detail = format!("the body is limited to {max_body} bytes");
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "request body too large",
        Some(&detail),
        false,
    )
}

/// Reads and discards a body we do not need, so the connection can serve the next
/// request; `false` when it was over the limit or broken (then close).
async fn drain<B>(max_body: usize, body: B) -> bool
where
    B: Body<Data = Bytes>,
    B::Error: Into<Box<dyn StdError + Send + Sync>>,
{
    body.size_hint().lower() <= max_body as u64
        && Limited::new(body, max_body).collect().await.is_ok()
}
/// `200` with a bid response's JSON.
pub(crate) fn bid_response(body: HttpBody) -> HttpResponse {
    let mut resp = json_response(StatusCode::OK, body);
    resp.headers_mut()
        .insert("x-openrtb-version", HeaderValue::from_static("2.6"));
    resp
}

/// `204` with an empty body: no bid.
pub(crate) fn no_bid_response() -> HttpResponse {
    let mut resp = Response::new(HttpBody::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    resp
}

pub(crate) fn json_response(status: StatusCode, body: HttpBody) -> HttpResponse {
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// An error answer with a JSON body; `keep_alive: false` adds `Connection: close`.
pub(crate) fn error(
    status: StatusCode,
    what: &str,
    detail: Option<&str>,
    keep_alive: bool,
) -> HttpResponse {
    let mut resp = json_response(status, error_body(what, detail));
    if !keep_alive {
        resp.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    resp
}

/// `{"error":"...","detail":"..."}` as a body.
fn error_body(what: &str, detail: Option<&str>) -> HttpBody {
    let body = ErrorBody {
        error: what,
        detail,
    };
    match to_pooled_json(&body) {
        Ok(json) => HttpBody::Pooled(json.into_body()),
        Err(_) => HttpBody::Bytes(Full::new(Bytes::from_static(
            b"{\"error\":\"internal error\"}",
        ))),
    }
}

/// Serves HTTP/1.1 on `listener` with the configured stack until `shutdown` completes,
/// then stops accepting, lets in-flight requests finish and returns whether they all did.
/// hyper waits at most `config.grace` for them; axum's own graceful shutdown waits for
/// them all.
pub async fn serve(
    listener: TcpListener,
    bidder: Arc<Bidder>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<bool> {
    match bidder.config.server {
        Server::Hyper => serve_hyper(listener, bidder, shutdown).await,
        Server::Axum => serve_axum(listener, bidder, shutdown).await,
    }
}

async fn serve_hyper(
    listener: TcpListener,
    bidder: Arc<Bidder>,
    shutdown: impl Future<Output = ()>,
) -> io::Result<bool> {
    let grace = bidder.config.grace;
    serve_http1(listener, grace, shutdown, move || {
        bidder.stats.connections.fetch_add(1, Relaxed);
        let bidder = Arc::clone(&bidder);
        move |req| Arc::clone(&bidder).handle(req)
    })
    .await
}

/// Serves HTTP/1.1 with keep-alive on `listener` until `shutdown` completes: each accepted
/// connection is served by the handler `accepted()` returns. Then stops accepting, waits at
/// most `grace` for in-flight requests and returns whether they all finished.
pub(crate) async fn serve_http1<H, Fut>(
    listener: TcpListener,
    grace: Duration,
    shutdown: impl Future<Output = ()>,
    accepted: impl Fn() -> H,
) -> io::Result<bool>
where
    H: Fn(Request<hyper::body::Incoming>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<HttpResponse, Infallible>> + Send + 'static,
{
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.keep_alive(true)
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30));
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted_stream = listener.accept() => match accepted_stream {
                Ok((stream, _peer)) => {
                    let _ = stream.set_nodelay(true);
                    let service = service_fn(accepted());
                    let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
                    tokio::spawn(async move {
                        // A client that vanishes mid-request is its own problem, not ours.
                        let _ = conn.await;
                    });
                }
                // A connection reset before accept, or no file descriptor left: back off
                // a moment instead of spinning, and keep serving.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
        }
    }
    drop(listener);
    Ok(tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_ok())
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

/// The axum bidder: the same bidding logic ([`Bidder::decide`], [`Bidder::encode`]) and the
/// same answers, as axum handlers.
pub fn axum_router(bidder: Arc<Bidder>) -> axum::Router {
    use axum::routing::post;
    let max_body = bidder.config.max_body;
    axum::Router::new()
        .route(
            AUCTION_PATH,
            post(axum_auction).fallback(axum_method_not_allowed),
        )
        .fallback(axum_not_found)
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .with_state(bidder)
}

type AxumResponse = axum::response::Response;

async fn axum_auction(
    axum::extract::State(bidder): axum::extract::State<Arc<Bidder>>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> AxumResponse {
    use axum::body::Body;
    let stats = &bidder.stats;
    stats.requests.fetch_add(1, Relaxed);
    let body = match body {
        Ok(body) => body,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            stats.too_large.fetch_add(1, Relaxed);
            let detail = format!("the body is limited to {} bytes", bidder.config.max_body);
            let mut resp = axum_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "request body too large",
                Some(&detail),
            );
            resp.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return resp;
        }
        Err(_) => {
            stats.bad_requests.fetch_add(1, Relaxed);
            let detail = "the request body could not be read";
            return axum_error(StatusCode::BAD_REQUEST, "bad request", Some(detail));
        }
    };
    bidder.decide(&body, |outcome| match outcome {
        // What `pooled_serialize::axum::PooledJson` does, split in two to count each step.
        Outcome::Bid(resp) => match bidder.encode(&resp, |json| match json {
            Encoded::Pooled(json) => Body::from(json.into_bytes()),
            Encoded::Fresh(json) => Body::from(json),
        }) {
            Ok(body) => {
                let mut resp = axum_json(StatusCode::OK, body);
                resp.headers_mut()
                    .insert("x-openrtb-version", HeaderValue::from_static("2.6"));
                resp
            }
            Err(e) => axum_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
                Some(&e),
            ),
        },
        Outcome::NoBid => {
            let mut resp = AxumResponse::new(Body::empty());
            *resp.status_mut() = StatusCode::NO_CONTENT;
            resp
        }
        Outcome::Bad(what, detail) => axum_error(StatusCode::BAD_REQUEST, what, Some(&detail)),
    })
}

async fn axum_not_found(
    axum::extract::State(bidder): axum::extract::State<Arc<Bidder>>,
) -> AxumResponse {
    bidder.stats.requests.fetch_add(1, Relaxed);
    bidder.stats.not_found.fetch_add(1, Relaxed);
    let detail = "bid requests are posted to /openrtb2/auction";
    axum_error(StatusCode::NOT_FOUND, "not found", Some(detail))
}

async fn axum_method_not_allowed(
    axum::extract::State(bidder): axum::extract::State<Arc<Bidder>>,
) -> AxumResponse {
    bidder.stats.requests.fetch_add(1, Relaxed);
    bidder.stats.method_not_allowed.fetch_add(1, Relaxed);
    let mut resp = axum_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed",
        Some("bid requests are POSTed"),
    );
    resp.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST"));
    resp
}

fn axum_json(status: StatusCode, body: axum::body::Body) -> AxumResponse {
    let mut resp = AxumResponse::new(body);
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

fn axum_error(status: StatusCode, what: &str, detail: Option<&str>) -> AxumResponse {
    let body = ErrorBody {
        error: what,
        detail,
    };
    let body = match to_pooled_json(&body) {
        Ok(json) => axum::body::Body::from(json.into_bytes()),
        Err(_) => axum::body::Body::from(&b"{\"error\":\"internal error\"}"[..]),
    };
    axum_json(status, body)
}

async fn serve_axum(
    listener: TcpListener,
    bidder: Arc<Bidder>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<bool> {
    use axum::serve::ListenerExt;
    let counted = Arc::clone(&bidder);
    let listener = listener.tap_io(move |stream| {
        let _ = stream.set_nodelay(true);
        counted.stats.connections.fetch_add(1, Relaxed);
    });
    let app = axum_router(bidder);
    // axum closes idle connections at shutdown and waits for the busy ones.
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(true)
}
