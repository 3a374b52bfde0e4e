//! The exchange: between the publisher and K bidders.
//!
//! `POST /openrtb2/auction` reads the publisher's bid request with the facade's model
//! (`pooled_serialize::openrtb::BidRequest::from_json`, borrowing from the body), writes
//! each bidder its own version of it ([`fanout`]), posts them all at once
//! over keep-alive connections, and waits for the answers until the auction's deadline:
//! its `tmax` (capped by [`Config::tmax`]) less [`Config::budget`], kept for the auction
//! and the way back. A bidder that has not answered by then counts as a time-out and is
//! not waited for. The bidders' responses are read with the model's `BidResponse`, the
//! bids checked (an impression the bidder was sent, at least its floor, a positive price in
//! USD), and a first-price auction ([`auction`]) picks the winner: `200`
//! with the winning bid alone, or `204` when nobody bid, every bid was refused or every
//! bidder timed out. Bad input gets the bidder's answers (`400`, `404`, `405`, `413`).

use std::borrow::Cow;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::future::join_all;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, StatusCode, Uri};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use pooled_serialize::openrtb::{Bid, BidRequest, BidResponse};
use tokio::net::TcpListener;

use crate::alloc::{self, Counts};
use crate::auction::{self, Reply};
use crate::catalog::Catalog;
use crate::fanout::{self, BidderChanges, Media};
use crate::server::{self, Bidder, Encoded, HttpBody, HttpResponse, Mode, Stats};

/// Exchange settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// How bidder requests and the winning response are written.
    pub mode: Mode,
    /// The most the exchange waits for an auction, whatever the request's `tmax` says.
    pub tmax: Duration,
    /// Kept back from `tmax` for the auction, the answer and the way back to the
    /// publisher: bidders are waited for `tmax - budget` and told so in their `tmax`.
    pub budget: Duration,
    /// Largest request body read, in bytes; larger ones get 413.
    pub max_body: usize,
    /// How long shutdown waits for in-flight auctions.
    pub grace: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Pooled,
            tmax: Duration::from_millis(100),
            budget: Duration::from_millis(10),
            max_body: server::DEFAULT_MAX_BODY,
            grace: Duration::from_secs(10),
        }
    }
}

/// A bidder the exchange calls.
#[derive(Clone, Debug)]
pub struct BidderLink {
    /// Its name, in reports.
    pub name: String,
    /// Where it listens.
    pub addr: SocketAddr,
    /// How its requests differ from the publisher's.
    pub changes: BidderChanges,
}

/// Declares a set of counters and their snapshot, with `since` and `add` over every field.
macro_rules! counters {
    (
        $(#[$stats_meta:meta])* $stats:ident,
        $(#[$snap_meta:meta])* $snap:ident {
            $($(#[$field_meta:meta])* $field:ident,)*
        }
    ) => {
        $(#[$stats_meta])*
        #[derive(Debug, Default)]
        pub struct $stats {
            $($field: AtomicU64,)*
        }

        $(#[$snap_meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $snap {
            $($(#[$field_meta])* pub $field: u64,)*
        }

        impl $stats {
            /// The counters now.
            pub fn snapshot(&self) -> $snap {
                $snap { $($field: self.$field.load(Relaxed),)* }
            }
        }

        impl $snap {
            /// The counts between `earlier` and `self`.
            pub fn since(self, earlier: $snap) -> $snap {
                $snap { $($field: self.$field - earlier.$field,)* }
            }

        }

        /// Both counts together.
        impl std::ops::Add for $snap {
            type Output = $snap;

            fn add(self, other: $snap) -> $snap {
                $snap { $($field: self.$field + other.$field,)* }
            }
        }
    };
}

counters! {
    /// What the exchange's fan-out did, readable at any time with
    /// [`FanoutStats::snapshot`].
    FanoutStats,
    /// A copy of the [`FanoutStats`] counters at one moment.
    FanoutSnapshot {
        /// Auctions run (requests read and fanned out).
        auctions,
        /// Bidder requests sent.
        calls,
        /// Bidders not called because no impression of the request was for them.
        skipped,
        /// Bidders that answered `200` with a response.
        bids,
        /// Bidders that answered `204`.
        no_bids,
        /// Bidders that had not answered by the deadline.
        timeouts,
        /// Bidder requests that failed: no connection, another status, a response that is
        /// not a bid response for this auction.
        errors,
        /// Bids refused: an impression the bidder was not sent, under its floor, not a
        /// positive price, another currency than USD.
        rejected_bids,
        /// Nanoseconds spent writing the bidder requests.
        write_nanos,
        /// Heap allocations made writing the bidder requests (around the write calls).
        write_allocations,
        /// Bytes those allocations asked for.
        write_bytes,
        /// Bytes of bidder-request JSON written.
        request_bytes,
    }
}

/// The exchange: its settings, its bidders, an HTTP client to them, and counters.
#[derive(Debug)]
pub struct Exchange {
    /// Settings.
    pub config: Config,
    bidders: Vec<(BidderLink, Uri)>,
    client: Client<HttpConnector, HttpBody>,
    /// The publisher side: requests, answers (`bids` are auctions won, `no_bids` `204`s),
    /// bad input, and what serializing the winning responses cost.
    pub stats: Stats,
    /// The bidder side: calls, answers, time-outs and what writing the requests cost.
    pub fanout: FanoutStats,
}

/// How one bidder call ended.
enum Answer {
    Bid(Bytes),
    NoBid,
    TimedOut,
    Failed,
}

impl Exchange {
    /// An exchange calling `bidders`. Connections to them are opened on first use and kept.
    pub fn new(config: Config, bidders: Vec<BidderLink>) -> Arc<Exchange> {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        let bidders = bidders
            .into_iter()
            .map(|link| {
                let uri = format!("http://{}{}", link.addr, server::AUCTION_PATH)
                    .parse()
                    .expect("a socket address and a path make a URI");
                (link, uri)
            })
            .collect();
        Arc::new(Exchange {
            config,
            bidders,
            client,
            stats: Stats::default(),
            fanout: FanoutStats::default(),
        })
    }

    /// The bidders, in the order ties are broken.
    pub fn bidders(&self) -> impl Iterator<Item = &BidderLink> {
        self.bidders.iter().map(|(link, _)| link)
    }

    /// Answers one HTTP request from the publisher. Never fails: every problem is an HTTP
    /// status.
    pub async fn handle<B>(self: Arc<Self>, req: Request<B>) -> Result<HttpResponse, Infallible>
    where
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        Ok(
            match server::read_auction_body(&self.stats, self.config.max_body, req).await {
                Ok(body) => self.auction(&body).await,
                Err(answer) => answer,
            },
        )
    }

    /// Runs one auction for a request body: read, fan out, wait, pick, answer.
    pub async fn auction(&self, body: &[u8]) -> HttpResponse {
        let started = Instant::now();
        let req = match std::str::from_utf8(body)
            .map_err(|e| e.to_string())
            .and_then(|text| BidRequest::from_json(text).map_err(|e| e.to_string()))
        {
            Ok(req) => req,
            Err(e) => return self.bad("malformed bid request", &e),
        };
        if req.imp.is_empty() {
            return self.bad(
                "no impression",
                "a bid request needs at least one impression in `imp`",
            );
        }
        let wait = self.wait(&req);
        let deadline = tokio::time::Instant::from_std(started + wait);
        let bidder_tmax = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
        let mode = self.config.mode;

        let mut bodies = Vec::with_capacity(self.bidders.len());
        let mut request_bytes = 0;
        let mut failed = None;
        // The writes are synchronous: what this thread allocates between the two counts is
        // theirs alone (hyper's work for them happens later, in the connection tasks).
        let before = alloc::thread_counts();
        let start = Instant::now();
        // Mode pooled writes the parts every bidder's copy shares once for the auction;
        // each copy then takes them as bytes.
        let shared = match mode {
            Mode::Pooled => match req.prerender() {
                Ok(shared) => Some(shared),
                Err(e) => {
                    self.stats.internal_errors.fetch_add(1, Relaxed);
                    return server::error(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "internal error",
                        Some(&e.to_string()),
                        true,
                    );
                }
            },
            Mode::Serde => None,
        };
        for (i, (link, _)) in self.bidders.iter().enumerate() {
            match fanout::write_bidder_request(
                mode,
                &req,
                shared.as_ref(),
                &link.changes,
                bidder_tmax,
            ) {
                Ok(Some(body)) => {
                    request_bytes += body.size_hint().lower();
                    bodies.push((i, body));
                }
                Ok(None) => {}
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        drop(shared);
        let took = start.elapsed();
        let written = alloc::thread_counts().since(before);
        self.record_writes(took, written, request_bytes, bodies.len());
        if let Some(e) = failed {
            self.stats.internal_errors.fetch_add(1, Relaxed);
            return server::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
                Some(&e),
                true,
            );
        }

        let answers = join_all(
            bodies
                .into_iter()
                .map(|(i, body)| async move { (i, self.call(i, body, deadline).await) }),
        )
        .await;

        let f = &self.fanout;
        let mut replies = Vec::with_capacity(answers.len());
        for (i, answer) in &answers {
            match answer {
                Answer::Bid(bytes) => match std::str::from_utf8(bytes)
                    .ok()
                    .and_then(|text| BidResponse::from_json(text).ok())
                {
                    Some(response) if response.id == req.id => {
                        f.bids.fetch_add(1, Relaxed);
                        replies.push(Reply {
                            bidder: *i,
                            response,
                        });
                    }
                    _ => {
                        f.errors.fetch_add(1, Relaxed);
                    }
                },
                Answer::NoBid => {
                    f.no_bids.fetch_add(1, Relaxed);
                }
                Answer::TimedOut => {
                    f.timeouts.fetch_add(1, Relaxed);
                }
                Answer::Failed => {
                    f.errors.fetch_add(1, Relaxed);
                }
            }
        }
        let winner = auction::first_price(&replies, |reply, bid| {
            let ok = self.eligible(&req, reply, bid);
            if !ok {
                f.rejected_bids.fetch_add(1, Relaxed);
            }
            ok
        });
        let Some(winner) = winner else {
            self.stats.no_bids.fetch_add(1, Relaxed);
            return server::no_bid_response();
        };
        let seat = Cow::Borrowed(self.bidders[replies[winner.reply].bidder].0.name.as_str());
        let resp = auction::answer(req.id.clone(), seat, replies, winner);
        match server::encode(mode, &self.stats, &resp, |json| match json {
            // The winning response is handed over as the bidders' are: the pooled buffer
            // itself becomes the body.
            Encoded::Pooled(json) => HttpBody::Pooled(json.into_body()),
            Encoded::Fresh(json) => HttpBody::Bytes(Full::new(Bytes::from(json))),
        }) {
            Ok(body) => server::bid_response(body),
            Err(e) => server::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
                Some(&e),
                true,
            ),
        }
    }

    /// How long bidders are waited for: the request's `tmax` capped by the exchange's,
    /// less the budget.
    fn wait(&self, req: &BidRequest<'_>) -> Duration {
        let tmax = req
            .tmax
            .and_then(|ms| u64::try_from(ms).ok())
            .map_or(self.config.tmax, |ms| {
                Duration::from_millis(ms).min(self.config.tmax)
            });
        tmax.saturating_sub(self.config.budget)
    }

    fn record_writes(&self, took: Duration, written: Counts, request_bytes: u64, calls: usize) {
        let f = &self.fanout;
        f.auctions.fetch_add(1, Relaxed);
        f.calls.fetch_add(calls as u64, Relaxed);
        f.skipped
            .fetch_add((self.bidders.len() - calls) as u64, Relaxed);
        f.write_nanos
            .fetch_add(u64::try_from(took.as_nanos()).unwrap_or(u64::MAX), Relaxed);
        f.write_allocations.fetch_add(written.allocations, Relaxed);
        f.write_bytes.fetch_add(written.bytes, Relaxed);
        f.request_bytes.fetch_add(request_bytes, Relaxed);
    }

    /// Whether a bid answers what its bidder was sent: one of its impressions, at least
    /// the floor it was sent (floors in USD; the others are the bidder's to convert), a
    /// positive finite price, in USD.
    fn eligible(&self, req: &BidRequest<'_>, reply: &Reply<'_>, bid: &Bid<'_>) -> bool {
        let changes = &self.bidders[reply.bidder].0.changes;
        if !(bid.price.is_finite() && bid.price > 0.0) {
            return false;
        }
        if reply.response.cur.as_deref().is_some_and(|c| c != "USD") {
            return false;
        }
        let Some(imp) = req
            .imp
            .iter()
            .find(|imp| imp.id == bid.impid && changes.sends(imp))
        else {
            return false;
        };
        let in_usd = imp.bidfloorcur.as_deref().map_or(true, |c| c == "USD");
        !in_usd
            || changes
                .floor(imp.bidfloor)
                .map_or(true, |floor| bid.price >= floor)
    }

    /// Posts one bidder request and reads the answer, giving up at `deadline`.
    async fn call(&self, i: usize, body: HttpBody, deadline: tokio::time::Instant) -> Answer {
        let mut req = Request::new(body);
        *req.method_mut() = Method::POST;
        *req.uri_mut() = self.bidders[i].1.clone();
        let headers = req.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert("x-openrtb-version", HeaderValue::from_static("2.6"));
        let exchange = async {
            let resp = self.client.request(req).await.ok()?;
            let status = resp.status();
            let body = resp.into_body().collect().await.ok()?.to_bytes();
            Some((status, body))
        };
        match tokio::time::timeout_at(deadline, exchange).await {
            Err(_) => Answer::TimedOut,
            Ok(Some((StatusCode::OK, body))) => Answer::Bid(body),
            Ok(Some((StatusCode::NO_CONTENT, _))) => Answer::NoBid,
            Ok(_) => Answer::Failed,
        }
    }

    fn bad(&self, what: &'static str, detail: &str) -> HttpResponse {
        self.stats.bad_requests.fetch_add(1, Relaxed);
        server::error(StatusCode::BAD_REQUEST, what, Some(detail), true)
    }
}

/// Serves the exchange on `listener` until `shutdown` completes, then stops accepting,
/// lets in-flight auctions finish (at most `config.grace`) and returns whether they all
/// did.
pub async fn serve(
    listener: TcpListener,
    exchange: Arc<Exchange>,
    shutdown: impl Future<Output = ()>,
) -> io::Result<bool> {
    let grace = exchange.config.grace;
    server::serve_http1(listener, grace, shutdown, move || {
        exchange.stats.connections.fetch_add(1, Relaxed);
        let exchange = Arc::clone(&exchange);
        move |req: Request<Incoming>| Arc::clone(&exchange).handle(req)
    })
    .await
}

/// The bidders of the standard set-up, in order: who they are to the exchange, and the
/// price level of each one's catalog.
///
/// They differ as real buyers do: some buy only some media, the exchange keeps a different
/// margin on each (floors 0, 5 or 10 % higher), every third has no consent from the user
/// (no user ids, so it bids lower), and each values the same creatives at its own level
/// (1.00 to 1.21 times the sample catalog's prices), so auctions have distinct winners.
pub fn standard_bidders(k: usize) -> Vec<(String, BidderChanges, f64)> {
    let banner_native = Media {
        video: false,
        audio: false,
        ..Media::ALL
    };
    let banner_video = Media {
        native: false,
        audio: false,
        ..Media::ALL
    };
    (0..k)
        .map(|i| {
            let name = format!("bidder-{i}");
            let changes = BidderChanges {
                media: match i % 4 {
                    1 => banner_native,
                    2 => banner_video,
                    _ => Media::ALL,
                },
                floor_multiplier: 1.0 + 0.05 * (i % 3) as f64,
                params: serde_json::json!({ "placement": format!("pl-{i}"), "account": 1000 + i }),
                seller_id: format!("exch-{i}"),
                consent: i % 3 != 2,
            };
            let price_level = 1.0 + 0.03 * ((i * 5) % 8) as f64;
            (name, changes, price_level)
        })
        .collect()
}

/// The exchange and its bidders, running.
#[derive(Debug)]
pub struct Running {
    /// Where the exchange listens.
    pub addr: SocketAddr,
    /// The exchange.
    pub exchange: Arc<Exchange>,
    /// The bidders, in the exchange's order.
    pub bidders: Vec<Arc<Bidder>>,
    stops: Vec<tokio::sync::oneshot::Sender<()>>,
    tasks: Vec<tokio::task::JoinHandle<io::Result<bool>>>,
}

impl Running {
    /// Starts `k` [`standard_bidders`] (each a [`Bidder`] with `bidder` settings and the
    /// sample catalog at its price level) on `bidders_rt`, on 127.0.0.1 at ephemeral
    /// ports, and the exchange, calling them, on `exchange_rt`, listening on `addr`.
    ///
    /// # Errors
    ///
    /// When a listener cannot be bound.
    pub fn start(
        exchange_rt: &tokio::runtime::Handle,
        bidders_rt: &tokio::runtime::Handle,
        addr: SocketAddr,
        config: Config,
        bidder: &server::Config,
        k: usize,
    ) -> io::Result<Running> {
        let mut bidders = Vec::with_capacity(k);
        let mut stops = Vec::with_capacity(k + 1);
        let mut tasks = Vec::with_capacity(k + 1);
        let mut links = Vec::with_capacity(k);
        for (name, changes, price_level) in standard_bidders(k) {
            let b = Bidder::new(bidder.clone(), Catalog::sample().scaled(price_level));
            let (listener, addr) = bind(bidders_rt, SocketAddr::from(([127, 0, 0, 1], 0)))?;
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            tasks.push(
                bidders_rt.spawn(server::serve(listener, Arc::clone(&b), async {
                    let _ = stopped.await;
                })),
            );
            stops.push(stop);
            bidders.push(b);
            links.push(BidderLink {
                name,
                addr,
                changes,
            });
        }
        let exchange = Exchange::new(config, links);
        let (listener, addr) = bind(exchange_rt, addr)?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tasks.push(
            exchange_rt.spawn(serve(listener, Arc::clone(&exchange), async {
                let _ = stopped.await;
            })),
        );
        stops.push(stop);
        Ok(Running {
            addr,
            exchange,
            bidders,
            stops,
            tasks,
        })
    }

    /// What the bidders' counters say, summed.
    pub fn bidder_stats(&self) -> server::Snapshot {
        self.bidders
            .iter()
            .fold(server::Snapshot::default(), |sum, b| {
                sum + b.stats.snapshot()
            })
    }

    /// Stops the exchange and the bidders and returns whether every in-flight request
    /// finished.
    ///
    /// # Errors
    ///
    /// When a server failed.
    pub async fn shutdown(self) -> io::Result<bool> {
        for stop in self.stops.into_iter().rev() {
            let _ = stop.send(());
        }
        let mut drained = true;
        for task in self.tasks {
            drained &= task.await.map_err(io::Error::other)??;
        }
        Ok(drained)
    }
}

fn bind(rt: &tokio::runtime::Handle, addr: SocketAddr) -> io::Result<(TcpListener, SocketAddr)> {
    let std_listener = std::net::TcpListener::bind(addr)?;
    std_listener.set_nonblocking(true)?;
    let addr = std_listener.local_addr()?;
    let _inside = rt.enter();
    Ok((TcpListener::from_std(std_listener)?, addr))
}
