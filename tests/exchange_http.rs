//! The exchange example's bidder over real HTTP on loopback: bids, no-bids, every bad
//! input, concurrency on several connections, and graceful shutdown.
//!
//! The server code is the example's own (the `pooled-serialize-exchange` crate); each
//! test starts it in-process on 127.0.0.1 with an ephemeral port.

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

use pooled_serialize_exchange::catalog::Catalog;
use pooled_serialize_exchange::model::BidRequest;
use pooled_serialize_exchange::server::{self, Bidder, Config, Mode, Server, AUCTION_PATH};
use pooled_serialize_exchange::{alloc, requests};

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
