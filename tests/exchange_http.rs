//! The exchange example over real HTTP on loopback. The bidder: bids, no-bids, every bad
//! input, concurrency on several connections, and graceful shutdown. The exchange in front
//! of K bidders: whole runs of the load generator in both modes, the auction's winner, `204`
//! when nobody bids, a bidder that never answers, and what the fan-out allocates.
//!
//! The server code is the example's own (the `pooled-serialize-exchange` crate); each
//! test starts it in-process on 127.0.0.1 with ephemeral ports.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use pooled_serialize::openrtb;
use pooled_serialize_exchange::catalog::Catalog;
use pooled_serialize_exchange::exchange::{self, BidderLink, Exchange, Running};
use pooled_serialize_exchange::model::BidRequest;
use pooled_serialize_exchange::server::{self, Bidder, Config, Mode, Server, AUCTION_PATH};
use pooled_serialize_exchange::{alloc, fanout, load, requests};

// Counting allocator: the zero-allocation test reads the per-thread counters.
#[global_allocator]
static GLOBAL: alloc::CountingAllocator = alloc::CountingAllocator;

/// Every test finishes within this, or fails.
const LIMIT: Duration = Duration::from_secs(30);

async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, test)
        .await
        .expect("the test finished in time")
}

struct TestServer {
    addr: SocketAddr,
    bidder: Arc<Bidder>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<io::Result<bool>>,
}

impl TestServer {
    async fn start(config: Config) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let bidder = Bidder::new(config, Catalog::sample());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, Arc::clone(&bidder), async {
            let _ = stopped.await;
        }));
        TestServer {
            addr,
            bidder,
            stop: Some(stop),
            task,
        }
    }

    async fn pooled() -> TestServer {
        TestServer::start(Config::default()).await
    }

    /// Stops the server and returns whether every in-flight request finished.
    async fn shutdown(mut self) -> bool {
        let _ = self.stop.take().expect("running").send(());
        self.task.await.expect("serve task").expect("serve")
    }
}

type Sender = http1::SendRequest<Full<Bytes>>;

/// A keep-alive client connection.
async fn connect(addr: SocketAddr) -> Sender {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let (sender, conn) = http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(async move {
        let _ = conn.await;
    });
    sender
}

struct Answer {
    status: StatusCode,
    headers: hyper::HeaderMap,
    body: Bytes,
}

async fn send(sender: &mut Sender, method: Method, path: &str, body: impl Into<Bytes>) -> Answer {
    let mut req = Request::new(Full::new(body.into()));
    *req.method_mut() = method;
    *req.uri_mut() = path.parse().expect("uri");
    req.headers_mut()
        .insert(header::HOST, HeaderValue::from_static("127.0.0.1"));
    req.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    sender.ready().await.expect("connection ready");
    let resp = sender.send_request(req).await.expect("response");
    let (parts, body) = resp.into_parts();
    let body = body.collect().await.expect("body").to_bytes();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

async fn post(sender: &mut Sender, body: impl Into<Bytes>) -> Answer {
    send(sender, Method::POST, AUCTION_PATH, body).await
}

/// What serde_json writes for the response the catalog gives to `body`.
fn expected(body: &str) -> Option<Vec<u8>> {
    let req: BidRequest<'_> = serde_json::from_str(body).expect("sample request parses");
    let catalog = Catalog::sample();
    let resp = catalog.bid(&req)?;
    Some(serde_json::to_vec(&resp).expect("serializable"))
}

fn error_message(answer: &Answer) -> String {
    assert_eq!(
        answer
            .headers
            .get(header::CONTENT_TYPE)
            .map(HeaderValue::as_bytes),
        Some(&b"application/json"[..])
    );
    let json: Value = serde_json::from_slice(&answer.body).expect("the error body is JSON");
    json["error"]
        .as_str()
        .expect("an `error` member")
        .to_string()
}

fn bid_request() -> &'static str {
    requests::TEMPLATES[0].1
}

#[tokio::test]
async fn bids_parse_as_json_and_match_serde_json_and_no_bids_are_204() {
    bounded(async {
        let runs = [Server::Hyper, Server::Axum]
            .into_iter()
            .flat_map(|s| [(s, Mode::Pooled), (s, Mode::Serde)]);
        for (server, mode) in runs {
            let server = TestServer::start(Config {
                mode,
                server,
                ..Config::default()
            })
            .await;
            let mut conn = connect(server.addr).await; // one keep-alive connection for all
            let (mut bids, mut no_bids) = (0, 0);
            for (name, body) in requests::bodies(requests::TEMPLATES.len() * 2) {
                let answer = post(&mut conn, body.clone()).await;
                match expected(&body) {
                    Some(want) => {
                        assert_eq!(answer.status, StatusCode::OK, "{name}");
                        assert_eq!(
                            answer.headers[header::CONTENT_TYPE],
                            "application/json",
                            "{name}"
                        );
                        let json: Value = serde_json::from_slice(&answer.body).expect("JSON");
                        let req: Value = serde_json::from_str(&body).expect("JSON");
                        assert_eq!(json["id"], req["id"], "{name}: the response echoes the id");
                        assert!(json["seatbid"][0]["bid"][0]["price"].as_f64().unwrap() > 0.0);
                        assert_eq!(answer.body, want, "{name}: same bytes as serde_json");
                        bids += 1;
                    }
                    None => {
                        assert_eq!(answer.status, StatusCode::NO_CONTENT, "{name}");
                        assert!(answer.body.is_empty(), "{name}: a 204 has no body");
                        no_bids += 1;
                    }
                }
            }
            assert!(
                bids > 0 && no_bids > 0,
                "the samples hold both bids and no-bids"
            );
            let stats = server.bidder.stats.snapshot();
            assert_eq!((stats.bids, stats.no_bids), (bids, no_bids));
            assert_eq!(
                stats.connections, 1,
                "keep-alive: one connection served all"
            );
            assert!(server.shutdown().await);
        }
    })
    .await;
}

#[tokio::test]
async fn a_no_bid_is_204_with_an_empty_body() {
    bounded(async {
        let server = TestServer::pooled().await;
        let mut conn = connect(server.addr).await;
        let body = r#"{"id":"nb-1","imp":[{"id":"1","banner":{"w":1,"h":1}}],"site":{"domain":"x.example"}}"#;
        let answer = post(&mut conn, body).await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
        assert!(answer.body.is_empty());
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    bounded(async {
        let server = TestServer::pooled().await;
        let mut conn = connect(server.addr).await;
        let body = r#"{"id":"u-1","wseat":["x"],"imp":[{"id":"1","banner":{"w":300,"h":250,"vcm":1,"ext":{"a":[1,{"b":null}]}},"rwdd":0,"ext":{}}],"regs":{"gpp":"DBABMA~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA","gpp_sid":[2]},"device":{"geo":{"country":"USA","lat":37.77},"sua":{"browsers":[]}},"future_member":true}"#;
        let answer = post(&mut conn, body).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body, expected(body).expect("a bid"));
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test]
async fn malformed_json_and_missing_imp_are_400_and_the_connection_keeps_serving() {
    bounded(async {
        let server = TestServer::pooled().await;
        let mut conn = connect(server.addr).await;
        let bad: &[(&str, &str)] = &[
            ("{\"id\":\"x\",\"imp\":[", "malformed bid request"),
            ("not json at all", "malformed bid request"),
            ("", "malformed bid request"),
            (
                "{\"id\":\"x\",\"imp\":[{\"id\":1}]}",
                "malformed bid request",
            ), // id must be a string
            ("{\"imp\":[{\"id\":\"1\"}]}", "malformed bid request"), // no id
            ("[1,2,3]", "malformed bid request"),
            ("{\"id\":\"x\"}", "no impression"),
            ("{\"id\":\"x\",\"imp\":[]}", "no impression"),
            ("{\"id\":\"x\",\"imp\":null}", "no impression"),
        ];
        for (body, what) in bad {
            let answer = post(&mut conn, *body).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body:?}");
            assert_eq!(error_message(&answer), *what, "{body:?}");
            assert!(answer.headers.get(header::CONNECTION).is_none(), "{body:?}");
            // The same connection still answers a good request.
            let answer = post(&mut conn, bid_request()).await;
            assert_eq!(answer.status, StatusCode::OK, "after {body:?}");
        }
        let stats = server.bidder.stats.snapshot();
        assert_eq!(stats.bad_requests, bad.len() as u64);
        assert_eq!(stats.connections, 1);
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test]
async fn unknown_path_is_404_and_wrong_method_is_405_and_the_connection_keeps_serving() {
    bounded(async {
        let server = TestServer::pooled().await;
        let mut conn = connect(server.addr).await;
        for (method, path, status) in [
            (Method::POST, "/openrtb2/auctions", StatusCode::NOT_FOUND),
            (Method::GET, "/", StatusCode::NOT_FOUND),
            (
                Method::POST,
                "/openrtb2/auction/extra?x=1",
                StatusCode::NOT_FOUND,
            ),
            (Method::GET, AUCTION_PATH, StatusCode::METHOD_NOT_ALLOWED),
            (Method::PUT, AUCTION_PATH, StatusCode::METHOD_NOT_ALLOWED),
            (Method::DELETE, AUCTION_PATH, StatusCode::METHOD_NOT_ALLOWED),
        ] {
            let answer = send(&mut conn, method.clone(), path, bid_request()).await;
            assert_eq!(answer.status, status, "{method} {path}");
            error_message(&answer);
            if status == StatusCode::METHOD_NOT_ALLOWED {
                assert_eq!(answer.headers[header::ALLOW], "POST");
            }
            let answer = post(&mut conn, bid_request()).await;
            assert_eq!(answer.status, StatusCode::OK, "after {method} {path}");
        }
        // A query string on the right path is fine.
        let answer = send(
            &mut conn,
            Method::POST,
            "/openrtb2/auction?src=test",
            bid_request(),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(server.bidder.stats.snapshot().connections, 1);
        assert!(server.shutdown().await);
    })
    .await;
}

/// A raw HTTP/1.1 answer read from a socket.
#[derive(Debug)]
struct RawAnswer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl RawAnswer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Reads one response with a `Content-Length` body (what the bidder always sends).
async fn read_answer(stream: &mut TcpStream) -> RawAnswer {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "connection closed before a response: {buf:?}");
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buf[..head_end].to_vec()).expect("ASCII head");
    let status = head[9..12].parse().expect("status code");
    let mut answer = RawAnswer {
        status,
        head,
        body: buf[head_end..].to_vec(),
    };
    let len: usize = answer
        .header("content-length")
        .map_or(0, |v| v.parse().expect("length"));
    while answer.body.len() < len {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "connection closed mid-body");
        answer.body.extend_from_slice(&chunk[..n]);
    }
    answer
}

/// Whether the peer closes the connection (EOF) rather than waiting for more.
async fn closed_by_peer(stream: &mut TcpStream) -> bool {
    let mut chunk = [0u8; 1024];
    loop {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return true,
            Ok(_) => continue, // drain whatever else arrives
        }
    }
}

#[tokio::test]
async fn a_declared_body_over_the_limit_is_413_before_it_is_sent() {
    bounded(async {
        let server = TestServer::pooled().await;
        let mut stream = TcpStream::connect(server.addr).await.expect("connect");
        // Headers only: the 10 MB body is never sent. A server that read it first would
        // never answer (and the test would time out).
        let head = format!(
            "POST {AUCTION_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            10_000_000
        );
        stream.write_all(head.as_bytes()).await.expect("write");
        let answer = read_answer(&mut stream).await;
        assert_eq!(answer.status, 413, "{answer:?}");
        assert_eq!(answer.header("connection"), Some("close"));
        let json: Value = serde_json::from_slice(&answer.body).expect("JSON");
        assert_eq!(json["error"], "request body too large");
        assert!(closed_by_peer(&mut stream).await);

        // Also when the client says `Expect: 100-continue`: no `100 Continue`, just 413.
        let mut stream = TcpStream::connect(server.addr).await.expect("connect");
        let head = format!(
            "POST {AUCTION_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n",
            65 * 1024
        );
        stream.write_all(head.as_bytes()).await.expect("write");
        assert_eq!(read_answer(&mut stream).await.status, 413);

        // The server keeps serving.
        let mut conn = connect(server.addr).await;
        assert_eq!(post(&mut conn, bid_request()).await.status, StatusCode::OK);
        assert_eq!(server.bidder.stats.snapshot().too_large, 2);
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test]
async fn a_streamed_body_over_the_limit_is_413_without_reading_it_all() {
    bounded(async {
        let server = TestServer::start(Config {
            max_body: 4096,
            ..Config::default()
        })
        .await;
        let mut stream = TcpStream::connect(server.addr).await.expect("connect");
        let head = format!(
            "POST {AUCTION_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.expect("write");
        // 8 KiB in 1 KiB chunks, then no terminating chunk: the server must answer from
        // what it has, without waiting for the end.
        let chunk = format!("400\r\n{}\r\n", " ".repeat(1024));
        for _ in 0..8 {
            stream.write_all(chunk.as_bytes()).await.expect("write");
        }
        let answer = read_answer(&mut stream).await;
        assert_eq!(answer.status, 413, "{answer:?}");
        assert_eq!(answer.header("connection"), Some("close"));

        // A body exactly at the limit is read (and here rejected as JSON, not as size).
        let mut conn = connect(server.addr).await;
        let answer = post(&mut conn, vec![b' '; 4096]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        let answer = post(&mut conn, vec![b' '; 4097]).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
        let mut conn = connect(server.addr).await;
        assert_eq!(post(&mut conn, bid_request()).await.status, StatusCode::OK);
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test]
async fn garbage_that_is_not_http_does_not_kill_the_server() {
    bounded(async {
        let server = TestServer::pooled().await;
        for garbage in [
            &b"\x00\x01\x02 hello\r\n\r\n"[..],
            b"POST /openrtb2/auction HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
            b"GET / HTTP/9.9\r\n\r\n",
        ] {
            let mut stream = TcpStream::connect(server.addr).await.expect("connect");
            stream.write_all(garbage).await.expect("write");
            let _ = stream.shutdown().await;
            assert!(closed_by_peer(&mut stream).await);
        }
        // A client that disconnects mid-body.
        let mut stream = TcpStream::connect(server.addr).await.expect("connect");
        let head = format!(
            "POST {AUCTION_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{{\"id\":"
        );
        stream.write_all(head.as_bytes()).await.expect("write");
        drop(stream);

        let mut conn = connect(server.addr).await;
        assert_eq!(post(&mut conn, bid_request()).await.status, StatusCode::OK);
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_on_several_connections() {
    bounded(async {
        let server = TestServer::pooled().await;
        let bodies: Arc<Vec<(&str, String)>> = Arc::new(requests::bodies(48));
        let mut tasks = Vec::new();
        for c in 0..8 {
            let (addr, bodies) = (server.addr, Arc::clone(&bodies));
            tasks.push(tokio::spawn(async move {
                let mut conn = connect(addr).await;
                for n in 0..40 {
                    let (name, body) = &bodies[(c * 5 + n) % bodies.len()];
                    let answer = post(&mut conn, body.clone()).await;
                    match expected(body) {
                        Some(want) => {
                            assert_eq!(answer.status, StatusCode::OK, "{name}");
                            assert_eq!(answer.body, want, "{name}");
                        }
                        None => assert_eq!(answer.status, StatusCode::NO_CONTENT, "{name}"),
                    }
                }
            }));
        }
        for task in tasks {
            task.await.expect("client task");
        }
        let stats = server.bidder.stats.snapshot();
        assert_eq!(stats.connections, 8);
        assert_eq!(stats.requests, 8 * 40);
        assert_eq!(stats.bids + stats.no_bids, 8 * 40);
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test]
async fn pooled_mode_allocates_nothing_to_serialize_after_warm_up() {
    bounded(async {
        // A current-thread runtime: the bidder serializes on this thread, so its pool
        // and the allocation counters around the serialize call are this thread's.
        let server = TestServer::pooled().await;
        let mut conn = connect(server.addr).await;
        let bodies = requests::bodies(requests::TEMPLATES.len());
        for (_, body) in bodies.iter().cycle().take(50) {
            post(&mut conn, body.clone()).await;
        }
        let before = server.bidder.stats.snapshot();
        for (_, body) in bodies.iter().cycle().take(200) {
            post(&mut conn, body.clone()).await;
        }
        let during = server.bidder.stats.snapshot().since(before);
        assert!(during.bids > 100);
        assert_eq!(during.serialize_allocations, 0, "{during:?}");
        assert_eq!(during.serialize_bytes, 0);
        // into_body: nothing allocated to hand the buffer to hyper.
        assert_eq!(during.handoff_allocations, 0, "{during:?}");
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test]
async fn on_axum_only_axum_allocates_to_hand_the_pooled_buffer_over() {
    bounded(async {
        let server = TestServer::start(Config {
            server: Server::Axum,
            ..Config::default()
        })
        .await;
        let mut conn = connect(server.addr).await;
        let bodies = requests::bodies(requests::TEMPLATES.len());
        for (_, body) in bodies.iter().cycle().take(50) {
            post(&mut conn, body.clone()).await;
        }
        let before = server.bidder.stats.snapshot();
        for (_, body) in bodies.iter().cycle().take(200) {
            post(&mut conn, body.clone()).await;
        }
        let during = server.bidder.stats.snapshot().since(before);
        assert!(during.bids > 100);
        assert_eq!(during.serialize_allocations, 0, "{during:?}");
        // into_bytes' owner box and axum's box around the body: two per response.
        assert_eq!(during.handoff_allocations, 2 * during.bids, "{during:?}");
        assert!(server.shutdown().await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_stops_accepting_and_finishes_in_flight_requests() {
    bounded(async {
        let server = TestServer::pooled().await;
        let addr = server.addr;

        // An idle keep-alive connection: closed by the shutdown.
        let mut idle = TcpStream::connect(addr).await.expect("connect");
        let get =
            format!("POST {AUCTION_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{{}}");
        idle.write_all(get.as_bytes()).await.expect("write");
        assert_eq!(read_answer(&mut idle).await.status, 400);

        // An in-flight request: headers and half of the body sent.
        let body = bid_request().replace("{ID}", "in-flight");
        let (first, rest) = body.split_at(body.len() / 2);
        let mut busy = TcpStream::connect(addr).await.expect("connect");
        let head = format!(
            "POST {AUCTION_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{first}",
            body.len()
        );
        busy.write_all(head.as_bytes()).await.expect("write");
        // Wait until the bidder is handling it (its handler counts the request first).
        let deadline = Instant::now() + Duration::from_secs(10);
        while server.bidder.stats.snapshot().requests < 2 {
            assert!(Instant::now() < deadline, "the request reached the bidder");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }

        let TestServer {
            stop, task, bidder, ..
        } = server;
        let _ = stop.expect("running").send(());

        // New connections are refused once the listener is gone...
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match TcpStream::connect(addr).await {
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => break,
                // Queued while the listener closed: reset, not served. Try again.
                Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {
                    assert!(Instant::now() < deadline, "the listener closed");
                }
                Err(e) => panic!("connect: {e}"),
                Ok(_) => {
                    assert!(Instant::now() < deadline, "the listener closed");
                    tokio::task::yield_now().await;
                }
            }
        }
        // ...the idle connection is closed...
        assert!(closed_by_peer(&mut idle).await);
        // ...and the in-flight request still gets its full answer.
        assert!(!task.is_finished(), "serve waits for the in-flight request");
        busy.write_all(rest.as_bytes()).await.expect("write");
        let answer = read_answer(&mut busy).await;
        assert_eq!(answer.status, 200);
        let want = expected(&body).expect("a bid");
        assert_eq!(answer.body, want);
        assert_eq!(answer.header("connection"), Some("close"));
        assert!(closed_by_peer(&mut busy).await);

        let drained = task.await.expect("serve task").expect("serve");
        assert!(drained, "every in-flight request finished");
        assert_eq!(bidder.stats.snapshot().bids, 1);
    })
    .await;
}

// The exchange in front of its bidders.

/// Bidders in the exchange tests.
const K: usize = 8;

/// The sample requests with a `tmax` no loaded test machine overruns, so every bidder
/// answers in time and the winner is certain.
fn patient_bodies() -> Vec<(&'static str, String)> {
    requests::bodies(requests::TEMPLATES.len())
        .into_iter()
        .map(|(name, body)| {
            let mut json: Value = serde_json::from_str(&body).expect("JSON");
            json["tmax"] = Value::from(20_000);
            (name, json.to_string())
        })
        .collect()
}

fn patient(mode: Mode) -> exchange::Config {
    exchange::Config {
        mode,
        tmax: Duration::from_secs(20),
        ..exchange::Config::default()
    }
}

fn start_exchange(mode: Mode) -> Running {
    let here = tokio::runtime::Handle::current();
    let bidder = Config {
        mode,
        ..Config::default()
    };
    Running::start(
        &here,
        &here,
        "127.0.0.1:0".parse().expect("address"),
        patient(mode),
        &bidder,
        K,
    )
    .expect("start")
}

/// The price the highest of the standard bidders bids for `body`, found without the
/// exchange: each bidder's request built from the publisher's, its catalog's answer, the
/// highest bid of all; `None` when none bids.
fn highest_bid(body: &str, tmax: i64) -> Option<f64> {
    let req = openrtb::BidRequest::from_json(body).expect("sample request");
    let mut best: Option<f64> = None;
    for (_, changes, price_level) in exchange::standard_bidders(K) {
        let Some(sent) = fanout::changed_request(&req, &changes, tmax) else {
            continue;
        };
        let sent = serde_json::to_string(&sent).expect("serializable");
        let seen: BidRequest<'_> = serde_json::from_str(&sent).expect("a bidder reads it");
        let catalog = Catalog::sample().scaled(price_level);
        if let Some(resp) = catalog.bid(&seen) {
            for bid in resp.bids() {
                best = Some(best.map_or(bid.price, |b| b.max(bid.price)));
            }
        }
    }
    best
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exchange_answers_the_highest_bid_alone_and_both_modes_answer_the_same_bytes() {
    bounded(async {
        let (pooled, serde) = (start_exchange(Mode::Pooled), start_exchange(Mode::Serde));
        let (mut to_pooled, mut to_serde) = (connect(pooled.addr).await, connect(serde.addr).await);
        let (mut won, mut unsold) = (0, 0);
        for (name, body) in patient_bodies() {
            let a = post(&mut to_pooled, body.clone()).await;
            let b = post(&mut to_serde, body.clone()).await;
            assert_eq!(a.status, b.status, "{name}");
            assert_eq!(a.body, b.body, "{name}: both modes answer the same bytes");
            // Bidders are told the time they have: 20 s less the exchange's budget.
            let tmax = 20_000 - exchange::Config::default().budget.as_millis() as i64;
            match highest_bid(&body, tmax) {
                Some(price) => {
                    assert_eq!(a.status, StatusCode::OK, "{name}");
                    let text = std::str::from_utf8(&a.body).expect("UTF-8");
                    let resp = openrtb::BidResponse::from_json(text).expect("a bid response");
                    let req: Value = serde_json::from_str(&body).expect("JSON");
                    assert_eq!(resp.id, req["id"].as_str().expect("id"), "{name}");
                    assert_eq!(resp.cur.as_deref(), Some("USD"));
                    let seatbid = resp.seatbid.as_ref().expect("a seat bid");
                    assert_eq!(seatbid.len(), 1, "{name}: one seat bid");
                    assert_eq!(seatbid[0].bid.len(), 1, "{name}: the winning bid alone");
                    assert_eq!(seatbid[0].bid[0].price, price, "{name}: first price");
                    let seat = seatbid[0].seat.as_deref().expect("the winner's name");
                    assert!(seat.starts_with("bidder-"), "{name}: {seat}");
                    won += 1;
                }
                None => {
                    assert_eq!(a.status, StatusCode::NO_CONTENT, "{name}: nobody bid");
                    assert!(a.body.is_empty());
                    unsold += 1;
                }
            }
        }
        assert!(won > 0 && unsold > 0, "the samples hold both");
        for running in [pooled, serde] {
            let f = running.exchange.fanout.snapshot();
            assert_eq!(f.timeouts, 0);
            assert_eq!(f.errors, 0);
            assert_eq!(f.rejected_bids, 0);
            assert_eq!(f.calls + f.skipped, K as u64 * f.auctions);
            assert_eq!(
                running.bidder_stats().requests,
                f.calls,
                "every call reached a bidder"
            );
            let s = running.exchange.stats.snapshot();
            assert_eq!((s.bids, s.no_bids), (won, unsold));
            assert!(running.shutdown().await.expect("shutdown"));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_exchange_run_in_both_modes_has_no_errors() {
    bounded(async {
        let bodies: Arc<Vec<Bytes>> = Arc::new(
            patient_bodies()
                .into_iter()
                .map(|(_, body)| Bytes::from(body))
                .collect(),
        );
        for mode in [Mode::Pooled, Mode::Serde] {
            let running = start_exchange(mode);
            let plan = load::Plan {
                addr: running.addr,
                connections: 4,
                warmup_per_connection: 3,
                duration: Duration::from_secs(20),
                requests: Some(120),
            };
            let progress = indicatif::ProgressBar::hidden();
            let outcome = load::run(&plan, Arc::clone(&bodies), &progress, || {}).await;
            assert_eq!(outcome.errors, 0, "{}", mode.name());
            assert_eq!(outcome.failed_connections, 0);
            assert!(outcome.requests >= 120);
            assert!(outcome.bids > 0 && outcome.no_bids > 0, "{outcome:?}");
            let f = running.exchange.fanout.snapshot();
            assert_eq!(f.errors, 0, "{f:?}");
            assert_eq!(f.timeouts, 0, "{f:?}");
            assert_eq!(
                f.auctions,
                outcome.requests + 4 * 3,
                "measured and warm-up auctions"
            );
            assert!(running.shutdown().await.expect("shutdown"));
        }
    })
    .await;
}

/// A bidder that accepts connections and never answers.
async fn bidder_that_never_answers() -> (SocketAddr, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let task = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    (addr, task)
}

/// An exchange in front of sample bidders and a bidder that never answers.
struct WithSilentBidder {
    addr: SocketAddr,
    exchange: Arc<Exchange>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<io::Result<bool>>,
    fast: Vec<TestServer>,
}

impl WithSilentBidder {
    /// `fast` sample bidders, then the silent one, waited for `tmax` at most.
    async fn start(fast: usize, tmax: Duration) -> WithSilentBidder {
        let mut bidders = Vec::new();
        let mut links = Vec::new();
        for (name, changes, _) in exchange::standard_bidders(fast + 1) {
            let addr = if bidders.len() < fast {
                let b = TestServer::pooled().await;
                let addr = b.addr;
                bidders.push(b);
                addr
            } else {
                bidder_that_never_answers().await.0
            };
            links.push(BidderLink {
                name,
                addr,
                changes,
            });
        }
        let config = exchange::Config {
            tmax,
            ..exchange::Config::default()
        };
        let ex = Exchange::new(config, links);
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(exchange::serve(listener, Arc::clone(&ex), async {
            let _ = stopped.await;
        }));
        WithSilentBidder {
            addr,
            exchange: ex,
            stop,
            task,
            fast: bidders,
        }
    }

    async fn shutdown(self) {
        let _ = self.stop.send(());
        assert!(self.task.await.expect("serve task").expect("serve"));
        for b in self.fast {
            assert!(b.shutdown().await);
        }
    }
}

/// `body` with this `tmax`.
fn with_tmax(body: &str, tmax: u64) -> String {
    let mut json: Value = serde_json::from_str(body).expect("JSON");
    json["tmax"] = Value::from(tmax);
    json.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bidder_that_never_answers_is_a_time_out_and_the_others_still_win() {
    bounded(async {
        // One second: far more than the fast bidders need, far less than never.
        let setup = WithSilentBidder::start(2, Duration::from_secs(1)).await;
        let mut conn = connect(setup.addr).await;
        let body = with_tmax(&bid_request().replace("{ID}", "slow-1"), 1_000);
        let answer = post(&mut conn, body).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "the fast bidders' best bid wins"
        );
        let text = std::str::from_utf8(&answer.body).expect("UTF-8");
        let resp = openrtb::BidResponse::from_json(text).expect("a bid response");
        assert_eq!(resp.bids().count(), 1);
        let f = setup.exchange.fanout.snapshot();
        assert_eq!(f.calls, 3);
        assert_eq!(f.timeouts, 1, "{f:?}");
        assert_eq!(f.bids, 2, "{f:?}");
        assert_eq!(f.errors, 0);
        setup.shutdown().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_every_bidder_times_out_or_passes_the_answer_is_204() {
    bounded(async {
        let setup = WithSilentBidder::start(0, Duration::from_millis(200)).await;
        let mut conn = connect(setup.addr).await;
        let answer = post(&mut conn, bid_request().replace("{ID}", "slow-2")).await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
        assert!(answer.body.is_empty());
        let f = setup.exchange.fanout.snapshot();
        assert_eq!((f.calls, f.timeouts), (1, 1), "{f:?}");
        setup.shutdown().await;

        // Every bidder answers, none bids: also 204.
        let running = start_exchange(Mode::Pooled);
        let mut conn = connect(running.addr).await;
        let (name, body) = patient_bodies()
            .into_iter()
            .find(|(name, _)| *name == "no-bid-high-floor")
            .expect("the sample");
        let answer = post(&mut conn, body).await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT, "{name}");
        let f = running.exchange.fanout.snapshot();
        assert_eq!(f.no_bids, f.calls, "{f:?}");
        assert_eq!(f.timeouts, 0);
        assert!(running.shutdown().await.expect("shutdown"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exchange_answers_bad_input_as_the_bidder_does() {
    bounded(async {
        let running = start_exchange(Mode::Pooled);
        let mut conn = connect(running.addr).await;
        let answer = post(&mut conn, "{not json").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(error_message(&answer), "malformed bid request");
        let answer = post(&mut conn, r#"{"id":"x","imp":[]}"#).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(error_message(&answer), "no impression");
        let answer = send(&mut conn, Method::GET, AUCTION_PATH, "").await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
        let answer = send(&mut conn, Method::POST, "/elsewhere", "").await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert_eq!(
            running.exchange.fanout.snapshot().calls,
            0,
            "no bidder was called"
        );
        assert!(running.shutdown().await.expect("shutdown"));
    })
    .await;
}

#[tokio::test]
async fn pooled_mode_allocates_nothing_to_write_the_bidder_requests_after_warm_up() {
    bounded(async {
        // A current-thread runtime: the exchange writes the bidder requests, and hyper
        // sends and drops them, on this thread, so its pool gets every buffer back. It
        // holds up to K of them per auction, and the bidders' responses: more than the
        // default 8 kept per thread.
        pooled_serialize::pool::configure(pooled_serialize::pool::PoolConfig {
            max_buffers_per_thread: 4 * (K + 1),
            ..pooled_serialize::pool::PoolConfig::DEFAULT
        });
        let running = start_exchange(Mode::Pooled);
        let mut conn = connect(running.addr).await;
        let bodies = patient_bodies();
        for (_, body) in bodies.iter().cycle().take(30) {
            post(&mut conn, body.clone()).await;
        }
        let before = running.exchange.fanout.snapshot();
        for (_, body) in bodies.iter().cycle().take(100) {
            post(&mut conn, body.clone()).await;
        }
        let during = running.exchange.fanout.snapshot().since(before);
        assert!(during.calls > 5 * 100, "{during:?}");
        assert_eq!(during.write_allocations, 0, "{during:?}");
        assert_eq!(during.write_bytes, 0);
        assert!(running.shutdown().await.expect("shutdown"));
    })
    .await;
}
