//! `PooledBody`: a pooled buffer as an `http_body::Body`, for hyper and axum.

use std::convert::Infallible;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Buf;
use http_body::{Body, Frame, SizeHint};

use crate::PooledBuf;

/// A [`PooledBuf`] as an HTTP body: one data frame holding the pooled memory itself.
///
/// Made by [`PooledBuf::into_body`]. Neither making it nor polling it allocates or copies:
/// the frame is a [`PooledChunk`], which owns the guard. The buffer goes back to the pool
/// of the thread that drops the last of them, whether the body was sent in full, in part
/// (the client went away) or never polled.
///
/// Its [`size_hint`](Body::size_hint) is exact, so hyper sends a `Content-Length`.
///
/// ```
/// use http_body::Body;
///
/// let body = pooled_serialize_runtime::to_pooled_json(&[1, 2]).unwrap().into_body();
/// assert_eq!(body.size_hint().exact(), Some(5));
/// let response = http::Response::new(body);
/// # drop(response);
/// ```
pub struct PooledBody {
    chunk: Option<PooledChunk>,
}

/// The one data frame of a [`PooledBody`]: the pooled buffer and how much of it was read.
///
/// It implements [`bytes::Buf`] over the buffer's bytes; dropping it returns the buffer to
/// the pool of the dropping thread.
pub struct PooledChunk {
    buf: PooledBuf,
    pos: usize,
}

impl PooledBuf {
    /// Hands the buffer over as an [`http_body::Body`] without allocating or copying: for
    /// `hyper::Response<PooledBody>`.
    ///
    /// ```
    /// let json = pooled_serialize_runtime::to_pooled_json(&[1, 2]).unwrap();
    /// let response = http::Response::new(json.into_body());
    /// # drop(response);
    /// ```
    #[inline]
    pub fn into_body(self) -> PooledBody {
        PooledBody {
            chunk: Some(PooledChunk { buf: self, pos: 0 }),
        }
    }
}

impl PooledChunk {
    /// The guard, once the chunk is no longer needed as a `Buf` (its read position is
    /// dropped; the bytes are all still there).
    #[inline]
    pub fn into_inner(self) -> PooledBuf {
        self.buf
    }
}

impl Buf for PooledChunk {
    #[inline]
    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    #[inline]
    fn chunk(&self) -> &[u8] {
        &self.buf.as_bytes()[self.pos..]
    }

    /// # Panics
    ///
    /// If `cnt` is more than [`remaining`](Buf::remaining), as `Buf` requires.
    #[inline]
    fn advance(&mut self, cnt: usize) {
        assert!(
            cnt <= self.remaining(),
            "PooledChunk::advance: {cnt} bytes past the end ({} remaining)",
            self.remaining()
        );
        self.pos += cnt;
    }
}

impl Body for PooledBody {
    type Data = PooledChunk;
    type Error = Infallible;

    #[inline]
    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<PooledChunk>, Infallible>>> {
        // An empty buffer yields no frame at all (and goes back to the pool here).
        let chunk = self.get_mut().chunk.take().filter(Buf::has_remaining);
        Poll::Ready(chunk.map(|chunk| Ok(Frame::data(chunk))))
    }

    #[inline]
    fn is_end_stream(&self) -> bool {
        self.chunk.as_ref().map_or(true, |c| !c.has_remaining())
    }

    #[inline]
    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.chunk.as_ref().map_or(0, |c| c.remaining() as u64))
    }
}

impl fmt::Debug for PooledBody {
    /// Shows sizes, never contents.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PooledBody")
            .field("remaining", &self.chunk.as_ref().map_or(0, Buf::remaining))
            .finish()
    }
}

impl fmt::Debug for PooledChunk {
    /// Shows sizes, never contents.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PooledChunk")
            .field("len", &self.buf.len())
            .field("pos", &self.pos)
            .finish()
    }
}
