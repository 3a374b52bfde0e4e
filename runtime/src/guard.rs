//! `PooledBuf`: the guard over a lent buffer.

use std::fmt;
use std::io;
use std::mem::ManuallyDrop;
use std::ops::Deref;

use crate::{pool, Error, PooledSerialize, Writer};

/// A buffer lent by this thread's pool, holding serialized JSON.
///
/// It derefs to `[u8]`, so it can be written to a socket as it is. Dropping it clears the
/// buffer and returns it to the pool of the thread that drops it (or frees it, within the
/// limits of [`PoolConfig`](crate::pool::PoolConfig)). A slice borrowed from it cannot
/// outlive it, and it cannot be returned twice: both are compile errors.
///
/// `PooledBuf` is `Send`, so async code can hold it across `.await`.
///
/// # Examples
///
/// ```
/// use pooled_serialize_runtime::to_pooled_json;
/// use std::io::Write;
///
/// let json = to_pooled_json(&["a", "b"]).unwrap();
/// assert_eq!(json.as_str(), r#"["a","b"]"#);
///
/// let mut socket = Vec::new();
/// socket.write_all(&json).unwrap();
/// drop(json); // cleared, then back to this thread's pool
/// ```
// Moving the guard right after a write (returning it from `to_pooled_json`, unwrapping
// a `Result`) copies it in 16-byte pieces. A 16-byte load over the writer's last 8-byte
// store, the `Vec`'s length, cannot be forwarded from the store buffer and stalls the CPU
// (~10 ns, 10-15 % of writing a small response). Field order is fixed (`repr(C)`) with
// the `Vec` last, so no other field shares the length's piece, and `settled` keeps the
// length a load of its own.
#[repr(C)]
pub struct PooledBuf {
    /// Capacity when lent, to count buffers that had to grow while lent
    /// ([`PoolStats::regrown`](crate::pool::PoolStats::regrown)).
    lent_capacity: usize,
    /// Set once bytes may have been written around the `Writer` (through `io::Write` or
    /// `as_mut_vec`), which does not guarantee UTF-8.
    may_hold_non_utf8: bool,
    /// Taken out by `drop` (which then writes nothing back into the dying guard).
    writer: ManuallyDrop<Writer>,
}

impl PooledBuf {
    #[inline]
    pub(crate) fn lend(buf: Vec<u8>) -> Self {
        PooledBuf {
            lent_capacity: buf.capacity(),
            may_hold_non_utf8: false,
            writer: ManuallyDrop::new(Writer::new(buf)),
        }
    }

    /// The same guard, with the buffer's length read on its own, for the caller to move.
    ///
    /// The writer stores the length last, just before the guard is returned and moved.
    /// Left to itself, LLVM copies the `Vec`'s pointer and length with one 16-byte load,
    /// which the CPU cannot forward from the pending 8-byte store of the length: it
    /// stalls until that store lands, about as long as writing a tiny document. Passing
    /// the length through `black_box` keeps it a separate 8-byte load; `truncate` to the
    /// length it already has changes nothing.
    #[inline(always)]
    pub(crate) fn settled(self) -> Self {
        let mut this = ManuallyDrop::new(self);
        // The old guard is left with an empty `Vec` and is never dropped: nothing leaks.
        let mut buf = std::mem::take(this.writer.buf_vec());
        let len = std::hint::black_box(buf.len());
        buf.truncate(len);
        PooledBuf {
            lent_capacity: this.lent_capacity,
            may_hold_non_utf8: this.may_hold_non_utf8,
            writer: ManuallyDrop::new(Writer::new(buf)),
        }
    }

    /// The bytes written so far.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.writer.as_bytes()
    }

    /// The contents as text. JSON written by this crate is always UTF-8, so this costs
    /// nothing unless bytes were added through `io::Write` or
    /// [`as_mut_vec`](Self::as_mut_vec), in which case they are validated.
    ///
    /// # Panics
    ///
    /// If bytes added through `io::Write` or `as_mut_vec` are not valid UTF-8.
    #[inline]
    pub fn as_str(&self) -> &str {
        let bytes = self.writer.as_bytes();
        if self.may_hold_non_utf8 {
            return std::str::from_utf8(bytes).expect(
                "PooledBuf::as_str: bytes written through io::Write or as_mut_vec are not UTF-8",
            );
        }
        // SAFETY: while `may_hold_non_utf8` is false, every byte came from `Writer`, whose
        // methods append only `&str` contents, ASCII, or replace an ASCII comma with ASCII
        // (`close_list` asserts it), so the buffer is valid UTF-8. The buffer starts empty
        // (`acquire` clears it) and no other path writes to it without setting the flag.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// Capacity of the lent buffer.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.writer.capacity()
    }

    /// A copy of the contents in a new `Vec` of exactly their length.
    #[inline]
    pub fn to_vec(&self) -> Vec<u8> {
        self.as_bytes().to_vec()
    }

    /// The underlying `Vec`, to add bytes of your own (framing, a length prefix).
    /// It is still cleared when the guard drops.
    #[inline]
    pub fn as_mut_vec(&mut self) -> &mut Vec<u8> {
        self.may_hold_non_utf8 = true;
        self.writer.buf_vec()
    }

    /// The JSON writer over this buffer, to write values by hand.
    #[inline]
    pub fn writer(&mut self) -> &mut Writer {
        &mut self.writer
    }

    /// Appends `value` as JSON. On error, whatever it had written is removed again, so the
    /// buffer holds only what it held before.
    ///
    /// # Errors
    ///
    /// As [`PooledSerialize::write_json`].
    ///
    /// ```
    /// use pooled_serialize_runtime::pool;
    ///
    /// // Newline-delimited JSON in one pooled buffer.
    /// let mut buf = pool::acquire();
    /// for n in [1, 2] {
    ///     buf.write_value(&[n]).unwrap();
    ///     buf.writer().write_raw("\n");
    /// }
    /// assert!(buf.write_value(&f64::NAN).is_err());
    /// assert_eq!(buf.as_str(), "[1]\n[2]\n");
    /// ```
    pub fn write_value<T: PooledSerialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let start = self.writer.len();
        let result = value.write_json(&mut self.writer);
        if result.is_err() {
            self.writer.truncate(start);
        }
        result
    }

    /// Hands the buffer to `bytes::Bytes` without copying: for `hyper`/`axum` bodies.
    /// The buffer goes back to the pool (of the thread that drops it) when the last clone
    /// of the `Bytes` drops.
    ///
    /// `Bytes` keeps its owner behind one small allocation of its own; the JSON buffer
    /// itself is not copied.
    ///
    /// ```
    /// let json = pooled_serialize_runtime::to_pooled_json(&[1, 2]).unwrap();
    /// let body: bytes::Bytes = json.into_bytes();
    /// assert_eq!(&body[..], b"[1,2]");
    /// ```
    #[cfg(feature = "bytes")]
    pub fn into_bytes(mut self) -> bytes::Bytes {
        let buf = std::mem::take(self.writer.buf_vec());
        bytes::Bytes::from_owner(ReturnToPool(buf, self.lent_capacity))
    }
}

/// Owner handed to `Bytes::from_owner`: returns the buffer to the pool when dropped.
#[cfg(feature = "bytes")]
struct ReturnToPool(Vec<u8>, usize);

#[cfg(feature = "bytes")]
impl AsRef<[u8]> for ReturnToPool {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(feature = "bytes")]
impl Drop for ReturnToPool {
    fn drop(&mut self) {
        pool::release(std::mem::take(&mut self.0), self.1);
    }
}

impl Drop for PooledBuf {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: `drop` runs once, and nothing reads `self.writer` after this line (the
        // field is `ManuallyDrop`, so it is not dropped again).
        let writer = unsafe { ManuallyDrop::take(&mut self.writer) };
        pool::release(writer.into_inner(), self.lent_capacity);
    }
}

impl Deref for PooledBuf {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<[u8]> for PooledBuf {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl io::Write for PooledBuf {
    #[inline]
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.as_mut_vec().extend_from_slice(data);
        Ok(data.len())
    }

    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.as_mut_vec().extend_from_slice(data);
        Ok(())
    }

    #[inline]
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl fmt::Debug for PooledBuf {
    /// Shows sizes, never contents: responses carry other parties' markup and prices.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PooledBuf")
            .field("len", &self.writer.len())
            .field("capacity", &self.writer.capacity())
            .finish()
    }
}
