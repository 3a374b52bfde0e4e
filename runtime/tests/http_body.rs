//! `PooledBody` as an `http_body::Body`: its frames, size hint and end of stream, partial
//! reads through `Buf`, and the buffer's return to the pool however the body ends.
#![cfg(feature = "http-body")]

use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use bytes::Buf;
use http_body::{Body, Frame};
use pooled_serialize_runtime::pool::{self, PoolStats};
use pooled_serialize_runtime::{to_pooled_json, PooledBody, PooledChunk};
use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const fn assert_send_sync_static<T: Send + Sync + 'static>() {}
const _: () = assert_send_sync_static::<PooledBody>();
const _: () = assert_send_sync_static::<PooledChunk>();

/// Buffers that left this thread's pool and have not come back (or been freed).
fn outstanding(delta: &PoolStats) -> u64 {
    delta.acquires() - delta.returned - delta.dropped_oversize - delta.dropped_full
}

struct Noop;

impl Wake for Noop {
    fn wake(self: Arc<Self>) {}
}

fn poll_frame(body: &mut PooledBody) -> Option<Result<Frame<PooledChunk>, Infallible>> {
    thread_local! {
        static WAKER: Waker = Waker::from(Arc::new(Noop));
    }
    let waker = WAKER.with(Waker::clone);
    let mut cx = Context::from_waker(&waker);
    match std::pin::Pin::new(body).poll_frame(&mut cx) {
        Poll::Ready(frame) => frame,
        Poll::Pending => panic!("a PooledBody is never pending"),
    }
}

#[test]
fn one_data_frame_with_the_serde_json_bytes_then_the_end() {
    let value = vec![("id", 1.5), ("b\"q", -2.0)];
    let expected = serde_json::to_vec(&value).unwrap();
    let mut body = to_pooled_json(&value).unwrap().into_body();

    assert!(!body.is_end_stream());
    assert_eq!(body.size_hint().exact(), Some(expected.len() as u64));

    let frame = poll_frame(&mut body).expect("a frame").unwrap();
    let chunk = frame.into_data().expect("a data frame");
    assert_eq!(chunk.chunk(), &expected[..]);
    assert_eq!(chunk.remaining(), expected.len());

    assert!(body.is_end_stream());
    assert_eq!(body.size_hint().exact(), Some(0));
    assert!(poll_frame(&mut body).is_none());
}

#[test]
fn an_empty_buffer_is_an_empty_body() {
    let before = pool::thread_stats();
    let mut body = pool::acquire().into_body();
    assert!(body.is_end_stream());
    assert_eq!(body.size_hint().exact(), Some(0));
    assert!(poll_frame(&mut body).is_none());
    // The empty buffer went back when the body found it empty, before the body dropped.
    assert_eq!(outstanding(&pool::thread_stats().since(&before)), 0);
}

#[test]
fn partial_advance_reads_on_from_the_cursor() {
    let text = "abcdefghij";
    let expected = serde_json::to_vec(&text).unwrap();
    let mut body = to_pooled_json(&text).unwrap().into_body();
    let mut chunk = poll_frame(&mut body).unwrap().unwrap().into_data().unwrap();
    chunk.advance(3);
    assert_eq!(chunk.remaining(), expected.len() - 3);
    assert_eq!(chunk.chunk(), &expected[3..]);
    chunk.advance(chunk.remaining());
    assert!(!chunk.has_remaining());
    assert_eq!(chunk.chunk(), b"");
    // The guard still holds every byte.
    assert_eq!(&chunk.into_inner()[..], &expected[..]);
}

#[test]
#[should_panic(expected = "past the end")]
fn advancing_past_the_end_panics() {
    let mut body = to_pooled_json(&[1]).unwrap().into_body();
    let mut chunk = poll_frame(&mut body).unwrap().unwrap().into_data().unwrap();
    chunk.advance(4);
}

#[test]
fn the_buffer_returns_to_the_pool_however_the_body_ends() {
    // Never polled.
    let before = pool::thread_stats();
    let body = to_pooled_json(&"never sent").unwrap().into_body();
    assert_eq!(outstanding(&pool::thread_stats().since(&before)), 1);
    drop(body);
    let delta = pool::thread_stats().since(&before);
    assert_eq!((delta.acquires(), outstanding(&delta)), (1, 0));

    // Polled, the chunk half read, then dropped.
    let before = pool::thread_stats();
    let mut body = to_pooled_json(&"half sent").unwrap().into_body();
    let mut chunk = poll_frame(&mut body).unwrap().unwrap().into_data().unwrap();
    drop(body);
    chunk.advance(4);
    assert_eq!(outstanding(&pool::thread_stats().since(&before)), 1);
    drop(chunk);
    assert_eq!(outstanding(&pool::thread_stats().since(&before)), 0);

    // Polled and read to the end.
    let before = pool::thread_stats();
    let mut body = to_pooled_json(&"all sent").unwrap().into_body();
    let mut chunk = poll_frame(&mut body).unwrap().unwrap().into_data().unwrap();
    chunk.advance(chunk.remaining());
    drop((chunk, body));
    assert_eq!(outstanding(&pool::thread_stats().since(&before)), 0);
}

#[test]
fn dropped_on_another_thread_it_joins_that_threads_pool() {
    let body = to_pooled_json(&[1, 2, 3]).unwrap().into_body();
    let delta = std::thread::spawn(move || {
        let before = pool::thread_stats();
        drop(body);
        pool::thread_stats().since(&before)
    })
    .join()
    .unwrap();
    assert_eq!(delta.returned, 1);
}

#[test]
fn serializing_and_sending_allocates_nothing_after_warm_up() {
    let value = vec![("id", 1.5); 8];
    let expected = serde_json::to_vec(&value).unwrap();
    drop(to_pooled_json(&value).unwrap());
    poll_frame(&mut to_pooled_json(&value).unwrap().into_body());
    for _ in 0..3 {
        let mut sent = [0u8; 256];
        let allocations = allocations_during(|| {
            let response = http::Response::new(to_pooled_json(&value).unwrap().into_body());
            let mut body = response.into_body();
            let mut chunk = poll_frame(&mut body).unwrap().unwrap().into_data().unwrap();
            let len = chunk.remaining();
            chunk.copy_to_slice(&mut sent[..len]);
        });
        assert_eq!(allocations, 0);
        assert_eq!(&sent[..expected.len()], &expected[..]);
    }
}

#[test]
fn a_body_drives_to_completion_in_an_async_collector() {
    // The way a server reads a body: poll frames until None.
    async fn collect(mut body: PooledBody) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(frame) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
        {
            let mut data = frame.unwrap().into_data().unwrap();
            while data.has_remaining() {
                let n = data.chunk().len();
                out.extend_from_slice(data.chunk());
                data.advance(n);
            }
        }
        out
    }
    let value = ("x", [1u8, 2], Some("é\u{1}"));
    let fut = pin!(collect(to_pooled_json(&value).unwrap().into_body()));
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let Poll::Ready(out) = fut.poll(&mut cx) else {
        panic!("never pending")
    };
    assert_eq!(out, serde_json::to_vec(&value).unwrap());
}
