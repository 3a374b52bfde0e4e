//! The output writer: a `Vec<u8>` plus the JSON primitives that generated code calls.
//!
//! Everything a `Writer` appends is valid UTF-8 (its methods take `&str` or write ASCII),
//! which is what lets [`PooledBuf::as_str`](crate::PooledBuf::as_str) skip validation.

use crate::escape;
use crate::num;
use crate::ser::{MapKey, PooledSerialize};
use crate::store;
use crate::Error;

/// Appends JSON to a byte buffer; passed to every [`PooledSerialize::write_json`].
///
/// The methods are the building blocks of generated code and of hand-written impls:
/// [`write_raw`](Self::write_raw) for punctuation and keys known ahead of time,
/// [`write_str`](Self::write_str) for escaped strings, `write_u64` and friends for
/// numbers, [`write_seq`](Self::write_seq) and [`write_map`](Self::write_map) for
/// containers.
///
/// # Examples
///
/// A hand-written impl that writes `{"id":"...","price":...}`:
///
/// ```
/// use pooled_serialize_runtime::{to_string, Error, PooledSerialize, Writer};
///
/// struct Bid<'a> {
///     id: &'a str,
///     price: f64,
/// }
///
/// impl PooledSerialize for Bid<'_> {
///     fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
///         w.write_prefixed_str("{\"id\":", self.id);
///         w.write_raw(",\"price\":");
///         w.write_f64(self.price).map_err(|e| e.in_field("price"))?;
///         w.write_raw("}");
///         Ok(())
///     }
/// }
///
/// let json = to_string(&Bid { id: "b\"1", price: 1.25 }).unwrap();
/// assert_eq!(json, r#"{"id":"b\"1","price":1.25}"#);
/// ```
#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("len", &self.buf.len())
            .field("capacity", &self.buf.capacity())
            .finish()
    }
}

impl Writer {
    /// A writer that appends to `buf`, keeping what it already holds.
    #[inline]
    pub fn new(buf: Vec<u8>) -> Self {
        Writer { buf }
    }

    /// Gives the buffer back.
    #[inline]
    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }

    /// The bytes written so far (including any the buffer held before).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Number of bytes in the buffer.
    #[inline]
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// True if the buffer holds no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Reserves room for at least `additional` more bytes, so the writes that follow do
    /// not reallocate.
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.buf.reserve(additional);
    }

    /// Appends `fragment` as it is. It must be valid JSON in its place (punctuation, a
    /// key such as `,"impid":`, a pre-rendered value); nothing checks it.
    #[inline]
    pub fn write_raw(&mut self, fragment: &str) {
        if fragment.len() <= 16 {
            // Punctuation and keys: word stores instead of a `memcpy` call when the
            // length is not known at compile time.
            store::write_prefixed_short(&mut self.buf, fragment.as_bytes(), b"");
        } else {
            self.buf.extend_from_slice(fragment.as_bytes());
        }
    }

    /// Appends `prefix` and then `fragment` (at most 40 bytes), both trusted JSON, with
    /// one capacity check: for short pre-rendered values.
    #[inline]
    pub fn write_prefixed_raw(&mut self, prefix: &str, fragment: &str) {
        if fragment.len() > 40 {
            self.write_raw(prefix);
            self.write_raw(fragment);
        } else {
            store::write_prefixed_short(&mut self.buf, prefix.as_bytes(), fragment.as_bytes());
        }
    }

    /// Appends `null`.
    #[inline]
    pub fn write_null(&mut self) {
        self.write_raw("null");
    }

    /// Appends `true` or `false`.
    #[inline]
    pub fn write_bool(&mut self, value: bool) {
        self.write_raw(if value { "true" } else { "false" });
    }

    /// Appends `value` as a quoted JSON string, escaped exactly as serde_json does.
    #[inline]
    pub fn write_str(&mut self, value: &str) {
        self.write_prefixed_str("", value);
    }

    /// Appends `prefix` as it is, then `value` as a quoted, escaped string, with one
    /// capacity check for the common case of a string that needs no escaping.
    #[inline]
    pub fn write_prefixed_str(&mut self, prefix: &str, value: &str) {
        escape::write_prefixed_quoted(&mut self.buf, prefix.as_bytes(), value.as_bytes());
    }

    /// Appends the escaped contents of `value` without quotes, for building a string out
    /// of several pieces between [`write_raw("\"")`](Self::write_raw) calls.
    #[inline]
    pub fn write_str_contents(&mut self, value: &str) {
        escape::write_escaped_contents(&mut self.buf, value.as_bytes());
    }

    /// Appends `value` as a one-character JSON string.
    #[inline]
    pub fn write_char(&mut self, value: char) {
        self.write_str(value.encode_utf8(&mut [0u8; 4]));
    }

    /// Appends an integer of any width in decimal, as serde_json does (with `itoa`).
    #[inline]
    pub fn write_int<I: itoa::Integer>(&mut self, value: I) {
        self.write_prefixed_int("", value);
    }

    /// Appends `prefix` as it is, then an integer, with one capacity check.
    #[inline]
    pub fn write_prefixed_int<I: itoa::Integer>(&mut self, prefix: &str, value: I) {
        num::write_prefixed_int(&mut self.buf, prefix.as_bytes(), value);
    }

    /// Appends `prefix`, then an integer, taking the inline path for values below 10^4
    /// (the codes, sizes and counts of a bid response).
    #[inline]
    pub(crate) fn write_prefixed_int_small_first<I>(&mut self, prefix: &str, value: I)
    where
        I: itoa::Integer + TryInto<u64> + TryInto<i64> + Copy,
    {
        num::write_prefixed_int_small_first(&mut self.buf, prefix.as_bytes(), value);
    }

    /// Appends a finite `f64` in serde_json's shortest round-trip form (`zmij`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NonFiniteFloat`](crate::ErrorKind::NonFiniteFloat) for `NaN` and
    /// infinities; nothing is written then. Use
    /// [`write_f64_or_null`](Self::write_f64_or_null) for serde_json's `null` instead.
    #[inline]
    pub fn write_f64(&mut self, value: f64) -> Result<(), Error> {
        self.write_prefixed_f64("", value)
    }

    /// Appends `prefix` as it is, then a finite `f64`, with one capacity check.
    ///
    /// # Errors
    ///
    /// As [`write_f64`](Self::write_f64); nothing, not even the prefix, is written then.
    #[inline]
    pub fn write_prefixed_f64(&mut self, prefix: &str, value: f64) -> Result<(), Error> {
        if !value.is_finite() {
            return Err(Error::non_finite_float(value));
        }
        num::write_prefixed_f64(&mut self.buf, prefix.as_bytes(), value);
        Ok(())
    }

    /// Appends a finite `f32` in serde_json's shortest round-trip form.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NonFiniteFloat`](crate::ErrorKind::NonFiniteFloat) for `NaN` and
    /// infinities.
    #[inline]
    pub fn write_f32(&mut self, value: f32) -> Result<(), Error> {
        self.write_prefixed_f32("", value)
    }

    /// Appends `prefix` as it is, then a finite `f32`, with one capacity check.
    ///
    /// # Errors
    ///
    /// As [`write_f32`](Self::write_f32); nothing is written then.
    #[inline(never)]
    pub fn write_prefixed_f32(&mut self, prefix: &str, value: f32) -> Result<(), Error> {
        if !value.is_finite() {
            return Err(Error::non_finite_float(f64::from(value)));
        }
        num::write_prefixed_f32(&mut self.buf, prefix.as_bytes(), value);
        Ok(())
    }

    /// Appends a float, or `null` when it is not finite: serde_json's own behaviour,
    /// as an explicit opt-in.
    #[inline]
    pub fn write_f64_or_null(&mut self, value: f64) {
        if self.write_f64(value).is_err() {
            self.write_null();
        }
    }

    /// Appends a JSON array of `items`, each written with its own
    /// [`PooledSerialize`] impl. An error names the index of the failing element.
    ///
    /// ```
    /// use pooled_serialize_runtime::Writer;
    ///
    /// let mut w = Writer::default();
    /// w.write_seq(["a", "b"].iter()).unwrap();
    /// assert_eq!(w.as_bytes(), br#"["a","b"]"#);
    /// ```
    pub fn write_seq<'a, T, I>(&mut self, items: I) -> Result<(), Error>
    where
        T: PooledSerialize + ?Sized + 'a,
        I: IntoIterator<Item = &'a T>,
    {
        // Every element writes a leading comma; the first one is then turned into `[`.
        // One element writer instead of a first/later pair keeps the code small.
        let start = self.buf.len();
        for (index, item) in items.into_iter().enumerate() {
            if let Err(error) = item.write_json_prefixed(",", self) {
                return Err(error.at_index(index));
            }
        }
        self.close_list(start, b'[', b']');
        Ok(())
    }

    /// Appends a JSON object of `entries`. Keys go through [`MapKey`] (strings as they are,
    /// numbers and bools quoted as serde_json does); an error names the failing key.
    ///
    /// ```
    /// use pooled_serialize_runtime::Writer;
    ///
    /// let mut w = Writer::default();
    /// w.write_map([(&1u32, &true), (&2, &false)]).unwrap();
    /// assert_eq!(w.as_bytes(), br#"{"1":true,"2":false}"#);
    /// ```
    #[inline]
    pub fn write_map<'a, K, V, I>(&mut self, entries: I) -> Result<(), Error>
    where
        K: MapKey + ?Sized + 'a,
        V: PooledSerialize + ?Sized + 'a,
        I: IntoIterator<Item = (&'a K, &'a V)>,
    {
        let start = self.buf.len();
        self.write_map_entries(entries)?;
        self.close_list(start, b'{', b'}');
        Ok(())
    }

    /// Appends the entries of a map without braces, each preceded by a comma, for
    /// `#[serde(flatten)]` of a map into an object that already has fields.
    #[inline]
    pub fn write_map_entries<'a, K, V, I>(&mut self, entries: I) -> Result<(), Error>
    where
        K: MapKey + ?Sized + 'a,
        V: PooledSerialize + ?Sized + 'a,
        I: IntoIterator<Item = (&'a K, &'a V)>,
    {
        let entries = entries.into_iter();
        // Flattened maps of unknown members are nearly always empty: settle that inline.
        if entries.size_hint().1 == Some(0) {
            return Ok(());
        }
        self.write_entries(entries)
    }

    fn write_entries<'a, K, V>(
        &mut self,
        entries: impl Iterator<Item = (&'a K, &'a V)>,
    ) -> Result<(), Error>
    where
        K: MapKey + ?Sized + 'a,
        V: PooledSerialize + ?Sized + 'a,
    {
        for (key, value) in entries {
            self.buf.push(b',');
            let key_start = self.buf.len();
            key.write_key(self)?;
            let key_end = self.buf.len();
            if let Err(error) = value.write_json_prefixed(":", self) {
                return Err(self.locate_in_key(error, key_start, key_end));
            }
        }
        Ok(())
    }

    #[cold]
    fn locate_in_key(&self, error: Error, key_start: usize, key_end: usize) -> Error {
        // The key was just written as a quoted string; its text is the error's location.
        let quoted = &self.buf[key_start..key_end];
        let text = quoted
            .get(1..quoted.len().saturating_sub(1))
            .unwrap_or_default();
        error.in_key(&String::from_utf8_lossy(text))
    }

    /// Byte offset where the next write lands; with [`close_list`](Self::close_list), for
    /// containers whose every member writes a leading comma.
    #[inline]
    pub fn position(&self) -> usize {
        self.buf.len()
    }

    /// Finishes a container started at `start` (a [`position`](Self::position)) whose
    /// members each wrote a leading `,`: the first comma becomes `open`, or, when nothing
    /// was written, `open` is appended; then `close` is appended.
    ///
    /// # Panics
    ///
    /// If bytes were written since `start` and the first of them is not a comma.
    #[inline]
    pub fn close_list(&mut self, start: usize, open: u8, close: u8) {
        assert!(open.is_ascii() && close.is_ascii());
        match self.buf.get_mut(start) {
            Some(first) => {
                assert_eq!(*first, b',', "close_list: members must start with a comma");
                *first = open;
            }
            None => self.buf.push(open),
        }
        self.buf.push(close);
    }

    /// Capacity of the buffer.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// Drops everything written after `len`; for undoing a failed write.
    ///
    /// # Panics
    ///
    /// If `len` is not a char boundary of the output (it always is when it came from
    /// [`position`](Self::position) or [`len`](Self::len)).
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        if len < self.buf.len() {
            // Keeps the output UTF-8 even when a caller passes a bad length.
            let is_continuation_byte = (0x80..0xC0).contains(&self.buf[len]);
            assert!(
                !is_continuation_byte,
                "Writer::truncate: {len} is not a char boundary"
            );
            self.buf.truncate(len);
        }
    }

    /// The buffer itself. Crate-internal: callers outside could break the UTF-8 invariant.
    #[inline]
    pub(crate) fn buf_vec(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }
}

macro_rules! int_writers {
    ($($name:ident: $ty:ty),* $(,)?) => {
        impl Writer {
            $(
                #[doc = concat!("Appends a `", stringify!($ty), "` in decimal.")]
                #[inline]
                pub fn $name(&mut self, value: $ty) {
                    self.write_int(value);
                }
            )*
        }
    };
}

int_writers! {
    write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128, write_usize: usize,
    write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128, write_isize: isize,
}
