//! The pooled buffer handed to hyper (`into_body`) and to axum (`PooledJson`), over real
//! HTTP on loopback: bodies equal serde_json's, nothing allocated to serialize and hand
//! over after warm-up, and every buffer back in the pool however the response ends (sent,
//! cut off by the client, never polled).
//!
//! Each test runs on a current-thread runtime: server and client share the test's thread,
//! so that thread's pool counters and allocation counter see everything.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum_core::response::IntoResponse;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1 as client;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1 as server;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use pooled_serialize::axum::PooledJson;
use pooled_serialize::pool::{self, PoolStats};
use pooled_serialize::{to_pooled_json, Error, PooledBody, PooledChunk, PooledSerialize, Writer};
use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};
use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const fn assert_send_sync_static<T: Send + Sync + 'static>() {}
const _: () = assert_send_sync_static::<PooledBody>();
const _: () = assert_send_sync_static::<PooledChunk>();
const _: () = assert_send_sync_static::<Response<PooledBody>>();
const _: () = assert_send_sync_static::<
    http_body_util::Either<PooledBody, http_body_util::Full<PooledChunk>>,
>();
const _: () =
    assert_send_sync_static::<http_body_util::combinators::BoxBody<PooledChunk, Infallible>>();

/// Every test finishes within this, or fails.
const LIMIT: Duration = Duration::from_secs(30);

async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, test)
        .await
        .expect("the test finished in time")
}

#[derive(Serialize, PooledSerialize, Clone)]
struct BidResponse {
    id: String,
    seatbid: Vec<SeatBid>,
    cur: &'static str,
}

#[derive(Serialize, PooledSerialize, Clone)]
struct SeatBid {
    seat: String,
    bid: Vec<Bid>,
}

#[derive(Serialize, PooledSerialize, Clone)]
struct Bid {
    id: String,
    impid: String,
    price: f64,
    adm: String,
}

fn response(n: usize, adm_len: usize) -> BidResponse {
    BidResponse {
        id: format!("auction-{n}"),
        seatbid: vec![SeatBid {
            seat: "dsp\u{1}\"é".to_string(),
            bid: (0..3)
                .map(|i| Bid {
                    id: format!("bid-{n}-{i}"),
                    impid: i.to_string(),
                    price: 0.125 * (n + i) as f64 + 1.0,
                    adm: "<a href=\"x\">ad</a>\n"
                        .repeat(adm_len / 20 + 1)
                        .chars()
                        .take(adm_len)
                        .collect(),
                })
                .collect(),
        }],
        cur: "USD",
    }
}

/// Buffers that left this thread's pool and have not come back (or been freed).
fn outstanding(delta: &PoolStats) -> u64 {
    delta.acquires() - delta.returned - delta.dropped_oversize - delta.dropped_full
}

/// Waits (yielding to the server's tasks) until every buffer lent since `before` is back.
async fn all_returned_since(before: &PoolStats) -> PoolStats {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let delta = pool::thread_stats().since(before);
        if outstanding(&delta) == 0 || Instant::now() > deadline {
            return delta;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// A hyper server answering every request with `respond`'s response, on a listener whose
/// accepted sockets have small send buffers (so a large body cannot fit in the kernel).
async fn hyper_server<F>(respond: F) -> SocketAddr
where
    F: Fn(Request<hyper::body::Incoming>) -> Response<PooledBody> + Clone + Send + 'static,
{
    let socket = TcpSocket::new_v4().expect("socket");
    socket.set_send_buffer_size(4096).expect("send buffer");
    socket.bind("127.0.0.1:0".parse().unwrap()).expect("bind");
    let listener = socket.listen(64).expect("listen");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.expect("accept");
            let respond = respond.clone();
            let service = service_fn(move |req| {
                let resp = respond(req);
                async move { Ok::<_, Infallible>(resp) }
            });
            tokio::spawn(async move {
                // A client that goes away mid-body ends the connection with an error.
                let _ = server::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

async fn axum_server(app: axum::Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

type Sender = client::SendRequest<Empty<Bytes>>;

async fn connect(addr: SocketAddr) -> Sender {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let (sender, conn) = client::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(async move {
        let _ = conn.await;
    });
    sender
}

async fn get(
    sender: &mut Sender,
    method: Method,
    path: &str,
) -> (StatusCode, hyper::HeaderMap, Bytes) {
    let mut req = Request::new(Empty::new());
    *req.method_mut() = method;
    *req.uri_mut() = path.parse().expect("uri");
    req.headers_mut()
        .insert(header::HOST, HeaderValue::from_static("127.0.0.1"));
    sender.ready().await.expect("ready");
    let resp = sender.send_request(req).await.expect("response");
    let (parts, body) = resp.into_parts();
    let body = body.collect().await.expect("body").to_bytes();
    (parts.status, parts.headers, body)
}

/// `/N` answers `response(N, 100)`, serialized with `to_pooled_json` and sent with
/// `into_body`; the allocations of serialize + hand-off + building the response are added
/// to `allocations`.
fn bidder(
    allocations: Arc<AtomicU64>,
) -> impl Fn(Request<hyper::body::Incoming>) -> Response<PooledBody> + Clone {
    let responses: Arc<Vec<BidResponse>> = Arc::new((0..8).map(|n| response(n, 100)).collect());
    move |req| {
        let n: usize = req.uri().path()[1..].parse().unwrap_or(0);
        let value = &responses[n % responses.len()];
        let mut resp = None;
        let count = allocations_during(|| {
            let body = to_pooled_json(value).expect("finite").into_body();
            resp = Some(Response::new(body));
        });
        allocations.fetch_add(count, Relaxed);
        resp.expect("built")
    }
}

#[tokio::test]
async fn hyper_bodies_equal_serde_json_and_nothing_is_allocated_to_hand_them_over() {
    bounded(async {
        let allocations = Arc::new(AtomicU64::new(0));
        let addr = hyper_server(bidder(Arc::clone(&allocations))).await;
        let mut conn = connect(addr).await;
        // Warm-up: the pool's buffers reach their working size.
        for n in 0..16 {
            get(&mut conn, Method::GET, &format!("/{n}")).await;
        }
        allocations.store(0, Relaxed);
        let before = pool::thread_stats();
        for n in 0..64 {
            let (status, headers, body) = get(&mut conn, Method::GET, &format!("/{n}")).await;
            assert_eq!(status, StatusCode::OK);
            let expected = serde_json::to_vec(&response(n % 8, 100)).unwrap();
            assert_eq!(body, expected, "response {n}");
            // The exact size hint becomes a Content-Length.
            assert_eq!(headers[header::CONTENT_LENGTH], expected.len().to_string());
        }
        assert_eq!(allocations.load(Relaxed), 0);
        let delta = all_returned_since(&before).await;
        assert_eq!(delta.acquires(), 64);
        assert_eq!(delta.misses, 0, "{delta:?}");
        assert_eq!(outstanding(&delta), 0, "{delta:?}");
    })
    .await;
}

#[tokio::test]
async fn a_body_never_polled_goes_back_to_the_pool() {
    bounded(async {
        let addr = hyper_server(bidder(Arc::new(AtomicU64::new(0)))).await;
        let mut conn = connect(addr).await;
        let before = pool::thread_stats();
        // hyper answers HEAD with the headers only and drops the body unpolled.
        let (status, headers, body) = get(&mut conn, Method::HEAD, "/1").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.is_empty());
        let expected = serde_json::to_vec(&response(1, 100)).unwrap();
        assert_eq!(headers[header::CONTENT_LENGTH], expected.len().to_string());
        let delta = all_returned_since(&before).await;
        assert_eq!((delta.acquires(), outstanding(&delta)), (1, 0), "{delta:?}");

        // And a response built and dropped without ever reaching a connection.
        let before = pool::thread_stats();
        let resp = Response::new(to_pooled_json(&response(2, 100)).unwrap().into_body());
        assert_eq!(outstanding(&pool::thread_stats().since(&before)), 1);
        drop(resp);
        assert_eq!(outstanding(&pool::thread_stats().since(&before)), 0);
    })
    .await;
}

#[tokio::test]
async fn a_client_that_disconnects_mid_body_leaves_no_buffer_behind() {
    bounded(async {
        const ADM: usize = 1 << 20;
        let big = Arc::new(response(0, ADM));
        let expected_len = serde_json::to_vec(&*big).unwrap().len();
        let addr = hyper_server(move |_req| {
            Response::new(to_pooled_json(&*big).expect("finite").into_body())
        })
        .await;
        let before = pool::thread_stats();

        let socket = TcpSocket::new_v4().expect("socket");
        socket.set_recv_buffer_size(4096).expect("recv buffer");
        let mut stream = socket.connect(addr).await.expect("connect");
        stream
            .write_all(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .expect("write");
        let mut head = vec![0u8; 1024];
        let mut read = 0;
        while read < head.len() {
            let n = stream.read(&mut head[read..]).await.expect("read");
            assert!(n > 0, "the server sent at least 1 KB");
            read += n;
        }
        let head = String::from_utf8_lossy(&head);
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(
            head.contains(&format!("content-length: {expected_len}")),
            "{head}"
        );
        // Gone, with about 3 MB of the body unsent.
        drop(stream);

        let delta = all_returned_since(&before).await;
        assert_eq!(delta.acquires(), 1, "{delta:?}");
        assert_eq!(outstanding(&delta), 0, "{delta:?}");
    })
    .await;
}

fn fail_with_quotes(_: &u8, _: &mut Writer) -> Result<(), Error> {
    Err(Error::custom("a \"quoted\"\nreason\\"))
}

#[derive(PooledSerialize)]
struct Unwritable {
    #[pooled(write_with = "fail_with_quotes")]
    field: u8,
}

#[tokio::test]
async fn pooled_json_answers_200_with_serde_json_bytes_and_500_with_the_path() {
    bounded(async {
        use axum::routing::get as route;
        let app = axum::Router::new()
            .route("/ok", route(|| async { PooledJson(response(3, 100)) }))
            .route(
                "/nan",
                route(|| async {
                    let mut resp = response(4, 10);
                    resp.seatbid[0].bid[2].price = f64::NAN;
                    PooledJson(resp)
                }),
            )
            .route(
                "/quote",
                route(|| async { PooledJson(Unwritable { field: 0 }) }),
            );
        let addr = axum_server(app).await;
        let mut conn = connect(addr).await;

        let (status, headers, body) = get(&mut conn, Method::GET, "/ok").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(body, serde_json::to_vec(&response(3, 100)).unwrap());

        let (status, headers, body) = get(&mut conn, Method::GET, "/nan").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        let expected = serde_json::json!({
            "error": "non-finite float NaN at seatbid[0].bid[2].price"
        });
        assert_eq!(body, serde_json::to_vec(&expected).unwrap());

        // The message is escaped as serde_json escapes it.
        let (status, _, body) = get(&mut conn, Method::GET, "/quote").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        let expected = serde_json::json!({ "error": "a \"quoted\"\nreason\\ at field" });
        assert_eq!(body, serde_json::to_vec(&expected).unwrap());
    })
    .await;
}

#[tokio::test]
async fn pooled_json_returns_every_buffer_and_allocates_only_inside_axum() {
    bounded(async {
        let value = response(5, 100);
        // Warm-up: the pool's buffer and axum's lazies.
        drop(PooledJson(value.clone()).into_response());
        drop(PooledJson(value.clone()).into_response());

        // What axum's `Body` costs: the `Bytes` owner and the box around the body.
        let json = to_pooled_json(&value).unwrap();
        let body = allocations_during(|| drop(axum::body::Body::from(json.into_bytes())));
        assert_eq!(body, 2);
        // The header map, on the first header inserted.
        let headers = allocations_during(|| {
            let mut resp = Response::new(());
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            drop(resp);
        });
        // Serializing allocates nothing: the rest is axum's.
        let whole = allocations_during(|| drop(PooledJson(value.clone()).into_response()));
        let clone = allocations_during(|| drop(value.clone()));
        assert_eq!(
            whole - clone,
            body + headers,
            "body {body}, headers {headers}"
        );
        println!(
            "PooledJson::into_response: {body} (axum Body) + {headers} (header map) allocations"
        );

        let before = pool::thread_stats();
        let app = axum::Router::new().route(
            "/",
            axum::routing::get(move || {
                let value = value.clone();
                async move { PooledJson(value) }
            }),
        );
        let addr = axum_server(app).await;
        let mut conn = connect(addr).await;
        for _ in 0..16 {
            let (status, _, body) = get(&mut conn, Method::GET, "/").await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(body, serde_json::to_vec(&response(5, 100)).unwrap());
        }
        let delta = all_returned_since(&before).await;
        assert_eq!(delta.acquires(), 16);
        assert_eq!(outstanding(&delta), 0, "{delta:?}");
    })
    .await;
}

/// With the `tracing` feature, a response that cannot be written is logged at `error`.
#[cfg(feature = "tracing")]
#[test]
fn pooled_json_logs_a_serialization_error_through_tracing() {
    use std::sync::Mutex;
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Level, Metadata, Subscriber};

    /// Keeps the level and the `error` field of every event.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<(Level, String)>>);

    struct ErrorField<'a>(&'a mut String);

    impl tracing::field::Visit for ErrorField<'_> {
        fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
            if field.name() == "error" {
                *self.0 = format!("{value:?}");
            }
        }
    }

    impl Subscriber for &'static Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &Attributes<'_>) -> Id {
            Id::from_u64(1)
        }
        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut error = String::new();
            event.record(&mut ErrorField(&mut error));
            self.0
                .lock()
                .unwrap()
                .push((*event.metadata().level(), error));
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }

    let recorder: &'static Recorder = Box::leak(Box::default());
    let mut value = response(6, 10);
    value.seatbid[0].bid[1].price = f64::INFINITY;
    let status = tracing::subscriber::with_default(recorder, || {
        let ok = PooledJson(response(6, 10)).into_response().status();
        assert_eq!(ok, StatusCode::OK);
        PooledJson(value).into_response().status()
    });
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let events = recorder.0.lock().unwrap();
    assert_eq!(
        *events,
        [(
            Level::ERROR,
            "non-finite float inf at seatbid[0].bid[1].price".to_string()
        )]
    );
}
