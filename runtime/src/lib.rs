//! Runtime of [pooled-serialize](https://docs.rs/pooled-serialize): the thread-local buffer
//! pool, the [`PooledBuf`] guard, the [`Writer`] primitives and the [`PooledSerialize`]
//! trait with its impls for std types.
//!
//! Users depend on the `pooled-serialize` facade, which re-exports everything here and
//! adds `#[derive(PooledSerialize)]`; this crate is what generated code calls.
//!
//! # Example
//!
//! ```
//! use pooled_serialize_runtime::to_pooled_json;
//! use std::collections::BTreeMap;
//!
//! let mut ext = BTreeMap::new();
//! ext.insert("dsp", vec![1.5, 2.0]);
//! let json = to_pooled_json(&ext).unwrap();
//! assert_eq!(json.as_str(), r#"{"dsp":[1.5,2.0]}"#);
//! ```
//!
//! # Features
//!
//! - `serde_json`: [`PooledSerialize`] for `serde_json::Value`, and `write_serde` /
//!   `write_with_serde`, the bridge behind `#[serde(serialize_with)]` and
//!   `#[serde(with)]`. The feature gates these APIs only: serde and serde_json are
//!   always dependencies, because [`RawJson::new`] validates with serde_json's parser
//!   (it accepts exactly what serde_json accepts and reports its line and column).
//! - `bytes`: `PooledBuf::into_bytes`, a zero-copy hand-off as `bytes::Bytes`.
//! - `http-body`: `PooledBuf::into_body`, the buffer as an `http_body::Body`
//!   ([`PooledBody`]) with no allocation and no copy, for hyper and axum.

#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![doc(test(attr(deny(warnings))))]

#[cfg(feature = "http-body")]
mod body;
mod error;
mod escape;
#[doc(hidden)]
pub mod flatten;
mod guard;
mod impls;
mod num;
pub mod pool;
mod raw;
mod ser;
#[cfg(feature = "serde_json")]
mod serde_bridge;
mod store;
mod writer;

use std::io;

#[cfg(feature = "http-body")]
pub use crate::body::{PooledBody, PooledChunk};
pub use crate::error::{Error, ErrorKind};
pub use crate::guard::PooledBuf;
pub use crate::raw::RawJson;
pub use crate::ser::{MapKey, PooledSerialize};
#[cfg(feature = "serde_json")]
pub use crate::serde_bridge::{write_serde, write_with_serde, Compound, FiniteSerializer};
pub use crate::writer::Writer;

/// Serializes `value` into a buffer lent by this thread's pool.
///
/// On error the buffer goes back to the pool cleared, and nothing half-written escapes.
///
/// # Errors
///
/// When `value` cannot be written as valid JSON, with the path of the failing value.
///
/// # Examples
///
/// ```
/// let json = pooled_serialize_runtime::to_pooled_json(&("id", 1.5)).unwrap();
/// assert_eq!(&json[..], br#"["id",1.5]"#);
/// ```
#[inline]
pub fn to_pooled_json<T: PooledSerialize + ?Sized>(value: &T) -> Result<PooledBuf, Error> {
    let mut buf = pool::acquire();
    // On error or panic `buf` drops here: cleared and returned before anyone sees it.
    value.write_json(buf.writer())?;
    Ok(buf.settled())
}

/// Serializes `value` into a new `Vec` of exactly the output's length (written in a
/// pooled buffer, then copied once).
///
/// # Errors
///
/// As [`to_pooled_json`].
pub fn to_vec<T: PooledSerialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    write_pooled(&mut |w| value.write_json(w), PooledBuf::to_vec)
}

/// Serializes `value` into a new `String`.
///
/// # Errors
///
/// As [`to_pooled_json`].
pub fn to_string<T: PooledSerialize + ?Sized>(value: &T) -> Result<String, Error> {
    write_pooled(&mut |w| value.write_json(w), |json| {
        json.as_str().to_owned()
    })
}

/// Writes into a pooled buffer and hands back `finish`'s copy of it: the body of
/// [`to_vec`] and [`to_string`], compiled once for each rather than for every type (the
/// pool's acquire and release and the copy are the same code whatever is written).
#[inline(never)]
fn write_pooled<R>(
    write: &mut dyn FnMut(&mut Writer) -> Result<(), Error>,
    finish: fn(&PooledBuf) -> R,
) -> Result<R, Error> {
    let mut buf = pool::acquire();
    write(buf.writer())?;
    Ok(finish(&buf))
}

/// Appends `value` to `out`, which keeps what it held. On error `out` is truncated back to
/// its original length; if writing panics, `out` is left empty.
///
/// The writer stores whole machine words, so it wants some headroom (up to a few dozen
/// bytes) past the output's end: a `Vec` sized exactly to the output may grow once. A
/// reused `Vec` stops allocating after the first write.
///
/// # Errors
///
/// As [`to_pooled_json`].
///
/// # Examples
///
/// ```
/// let mut out = b"data: ".to_vec();
/// pooled_serialize_runtime::write_to_vec(&[1, 2], &mut out).unwrap();
/// assert_eq!(out, b"data: [1,2]");
/// ```
pub fn write_to_vec<T: PooledSerialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let mut writer = Writer::new(std::mem::take(out));
    let start = writer.len();
    let result = value.write_json(&mut writer);
    let mut buf = writer.into_inner();
    if result.is_err() {
        buf.truncate(start);
    }
    *out = buf;
    result
}

/// Serializes `value` into a pooled buffer, then writes it to `sink` in one `write_all`,
/// so the sink sees either nothing or the whole document up to an I/O failure.
///
/// # Errors
///
/// As [`to_pooled_json`], or [`ErrorKind::Io`] when the sink fails.
pub fn to_writer<W: io::Write, T: PooledSerialize + ?Sized>(
    mut sink: W,
    value: &T,
) -> Result<(), Error> {
    let json = to_pooled_json(value)?;
    sink.write_all(&json).map_err(Error::io)
}
