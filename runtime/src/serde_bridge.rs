//! Integration with serde_json (feature `serde_json`): `PooledSerialize` for
//! `serde_json::Value`, and the bridge that runs serde's `serialize_with` functions.
//!
//! The bridge writes with serde_json's own serializer, wrapped in [`FiniteSerializer`]:
//! serde_json turns a non-finite float into `null` before its `Formatter` sees it, so the
//! float is caught one step earlier, at `serialize_f32`/`serialize_f64`, in every nested
//! value. That makes a NaN an error here as it is in our own writers.

use std::cell::Cell;
use std::fmt;

use serde::ser::{self, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use crate::{Error, PooledSerialize, Writer};

impl PooledSerialize for Value {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        // Objects (every `ext`) go straight on; with the other kinds out of line this
        // function needs no stack frame and is a branch and a jump.
        match self {
            Value::Object(map) => map.write_json_prefixed(prefix, w),
            _ => write_non_object(self, prefix, w),
        }
    }
}

/// The rest of `Value`'s impl: everything but an object.
#[inline(never)]
fn write_non_object(value: &Value, prefix: &str, w: &mut Writer) -> Result<(), Error> {
    match value {
        Value::Null => w.write_prefixed_raw(prefix, "null"),
        Value::Bool(flag) => w.write_prefixed_raw(prefix, if *flag { "true" } else { "false" }),
        Value::Number(number) => return write_number_prefixed(number, prefix, w),
        Value::String(text) => w.write_prefixed_str(prefix, text),
        Value::Array(items) => {
            w.write_raw(prefix);
            return w.write_seq(items);
        }
        Value::Object(map) => return map.write_json_prefixed(prefix, w),
    }
    Ok(())
}

impl PooledSerialize for Number {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        write_number_prefixed(self, prefix, w)
    }
}

/// The body of `Number`'s impl, inlined where the prefix is a constant (the `:` of a
/// map entry), so the prefix is stored with a fixed-size write.
#[inline(always)]
fn write_number_prefixed(number: &Number, prefix: &str, w: &mut Writer) -> Result<(), Error> {
    if let Some(value) = number.as_u64() {
        w.write_prefixed_int_small_first(prefix, value);
    } else if let Some(value) = number.as_i64() {
        w.write_prefixed_int_small_first(prefix, value);
    } else if let Some(value) = number.as_f64() {
        // serde_json never lets a non-finite float into a `Number`: the writer's check,
        // and its error path, are left out.
        debug_assert!(value.is_finite());
        crate::num::write_prefixed_f64(w.buf_vec(), prefix.as_bytes(), value);
    } else {
        // Only reachable with serde_json's `arbitrary_precision`, whose text is
        // already validated JSON.
        w.write_raw(prefix);
        w.write_raw(&number.to_string());
    }
    Ok(())
}

impl PooledSerialize for Map<String, Value> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        w.write_raw(prefix);
        let start = w.position();
        for (key, value) in self {
            w.write_prefixed_str(",", key);
            // A nested object (`{"dsp":{"score":0.87}}`) is written here, one level
            // deep, without the call through `Value` and a second prologue; deeper
            // levels recurse.
            match value {
                Value::Object(members) => write_members(members, w),
                _ => write_member_value(value, w),
            }
            .map_err(|error| error.in_key(key))?;
        }
        w.close_list(start, b'{', b'}');
        Ok(())
    }
}

/// Writes `:`, then `map` as an object: the colon and the brace go with the first key,
/// so a nested object costs no separate write and no [`Writer::close_list`].
#[inline(always)]
fn write_members(map: &Map<String, Value>, w: &mut Writer) -> Result<(), Error> {
    let mut members = map.iter();
    let Some((key, value)) = members.next() else {
        w.write_raw(":{}");
        return Ok(());
    };
    w.write_prefixed_str(":{", key);
    write_member_value(value, w).map_err(|error| error.in_key(key))?;
    for (key, value) in members {
        w.write_prefixed_str(",", key);
        write_member_value(value, w).map_err(|error| error.in_key(key))?;
    }
    w.write_raw("}");
    Ok(())
}

/// Writes `:` and `value`. Leaves are written here rather than through a recursive
/// call: `ext` objects are mostly strings and numbers.
#[inline(always)]
fn write_member_value(value: &Value, w: &mut Writer) -> Result<(), Error> {
    match value {
        Value::String(text) => w.write_prefixed_str(":", text),
        Value::Bool(flag) => w.write_prefixed_raw(":", if *flag { "true" } else { "false" }),
        Value::Null => w.write_prefixed_raw(":", "null"),
        Value::Number(number) => return write_number_prefixed(number, ":", w),
        _ => return value.write_json_prefixed(":", w),
    }
    Ok(())
}

/// Writes a value through serde's `Serialize`, into the writer's own buffer: what
/// generated code calls for `#[serde(serialize_with = "...")]` and `#[serde(with = "...")]`.
///
/// The closure gets serde_json's serializer wrapped in a [`FiniteSerializer`], which
/// writes the same bytes but stops at a non-finite float, where serde_json would write
/// `null`: floats follow one policy, whichever writer reaches them.
///
/// # Errors
///
/// [`ErrorKind::NonFiniteFloat`](crate::ErrorKind::NonFiniteFloat) for a NaN or
/// infinite float anywhere in the value, with the path of struct fields and sequence
/// indices down to it; otherwise serde_json's error, as
/// [`ErrorKind::Custom`](crate::ErrorKind::Custom). Bytes the serializer wrote before
/// failing are removed.
///
/// ```
/// use pooled_serialize_runtime::{write_with_serde, Writer};
///
/// let mut w = Writer::default();
/// write_with_serde(&mut w, |s| serde::Serialize::serialize(&[1, 2], s)).unwrap();
/// assert_eq!(w.as_bytes(), b"[1,2]");
///
/// let err = write_with_serde(&mut w, |s| serde::Serialize::serialize(&[1.0, f64::NAN], s));
/// assert_eq!(err.unwrap_err().to_string(), "non-finite float NaN at [1]");
/// assert_eq!(w.as_bytes(), b"[1,2]");
/// ```
pub fn write_with_serde<F>(w: &mut Writer, serialize: F) -> Result<(), Error>
where
    F: FnOnce(
        FiniteSerializer<'_, &mut serde_json::Serializer<&mut Vec<u8>>>,
    ) -> Result<(), serde_json::Error>,
{
    let start = w.len();
    let failure = Cell::new(None);
    let mut json = serde_json::Serializer::new(w.buf_vec());
    let result = serialize(FiniteSerializer {
        inner: &mut json,
        failure: &failure,
    });
    result.map_err(|error| {
        w.truncate(start);
        failure.take().unwrap_or_else(|| Error::custom(error))
    })
}

/// Writes `value` as JSON with its serde `Serialize` impl, for types that have no
/// `PooledSerialize` impl of their own.
///
/// # Errors
///
/// As [`write_with_serde`]: a non-finite float is an error, as in our own writers.
pub fn write_serde<T: serde::Serialize + ?Sized>(w: &mut Writer, value: &T) -> Result<(), Error> {
    write_with_serde(w, |s| value.serialize(s))
}

/// Where a [`FiniteSerializer`] leaves the non-finite float that stopped it, as our
/// `Error`; serde's error type cannot carry the value or the path.
type Failure = Cell<Option<Error>>;

/// A [`Serializer`] that delegates every call to `S` and fails on a non-finite `f32` or
/// `f64`, at any depth, instead of letting `S` write it.
///
/// [`write_with_serde`] hands one to `serialize_with` functions; it is a `Serializer`
/// like any other, so they need no change.
pub struct FiniteSerializer<'a, S> {
    inner: S,
    failure: &'a Failure,
}

impl<S> fmt::Debug for FiniteSerializer<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FiniteSerializer").finish_non_exhaustive()
    }
}

/// A value whose serialization goes through a `FiniteSerializer`.
struct Finite<'a, T: ?Sized> {
    value: &'a T,
    failure: &'a Failure,
}

impl<T: Serialize + ?Sized> Serialize for Finite<'_, T> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(FiniteSerializer {
            inner: serializer,
            failure: self.failure,
        })
    }
}

#[inline]
fn compound<C, E>(failure: &Failure, inner: Result<C, E>) -> Result<Compound<'_, C>, E> {
    Ok(Compound {
        inner: inner?,
        failure,
        index: 0,
    })
}

/// Adds a path segment to the recorded failure, if this error is that failure.
#[cold]
fn locate(failure: &Failure, segment: impl FnOnce(Error) -> Error) {
    if let Some(error) = failure.take() {
        failure.set(Some(segment(error)));
    }
}

impl<'a, S: Serializer> FiniteSerializer<'a, S> {
    #[inline]
    fn wrap<'v, T: ?Sized>(&self, value: &'v T) -> Finite<'v, T>
    where
        'a: 'v,
    {
        Finite {
            value,
            failure: self.failure,
        }
    }

    #[cold]
    fn non_finite(self, value: f64) -> Result<S::Ok, S::Error> {
        self.failure.set(Some(Error::non_finite_float(value)));
        Err(ser::Error::custom("non-finite float"))
    }
}

macro_rules! forward {
    ($($method:ident($ty:ty))*) => {$(
        #[inline]
        fn $method(self, value: $ty) -> Result<S::Ok, S::Error> {
            self.inner.$method(value)
        }
    )*};
}

impl<'a, S: Serializer> Serializer for FiniteSerializer<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'a, S::SerializeSeq>;
    type SerializeTuple = Compound<'a, S::SerializeTuple>;
    type SerializeTupleStruct = Compound<'a, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<'a, S::SerializeTupleVariant>;
    type SerializeMap = Compound<'a, S::SerializeMap>;
    type SerializeStruct = Compound<'a, S::SerializeStruct>;
    type SerializeStructVariant = Compound<'a, S::SerializeStructVariant>;

    forward! {
        serialize_bool(bool) serialize_char(char) serialize_str(&str) serialize_bytes(&[u8])
        serialize_i8(i8) serialize_i16(i16) serialize_i32(i32) serialize_i64(i64)
        serialize_i128(i128) serialize_u8(u8) serialize_u16(u16) serialize_u32(u32)
        serialize_u64(u64) serialize_u128(u128) serialize_unit_struct(&'static str)
    }

    #[inline]
    fn serialize_f32(self, value: f32) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            self.inner.serialize_f32(value)
        } else {
            self.non_finite(f64::from(value))
        }
    }

    #[inline]
    fn serialize_f64(self, value: f64) -> Result<S::Ok, S::Error> {
        if value.is_finite() {
            self.inner.serialize_f64(value)
        } else {
            self.non_finite(value)
        }
    }

    #[inline]
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_none()
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let value = self.wrap(value);
        self.inner.serialize_some(&value)
    }

    #[inline]
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit()
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit_variant(name, index, variant)
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let value = self.wrap(value);
        self.inner.serialize_newtype_struct(name, &value)
    }

    #[inline]
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let value = self.wrap(value);
        self.inner
            .serialize_newtype_variant(name, index, variant, &value)
    }

    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        compound(self.failure, self.inner.serialize_seq(len))
    }

    #[inline]
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        compound(self.failure, self.inner.serialize_tuple(len))
    }

    #[inline]
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        compound(self.failure, self.inner.serialize_tuple_struct(name, len))
    }

    #[inline]
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        compound(
            self.failure,
            self.inner
                .serialize_tuple_variant(name, index, variant, len),
        )
    }

    #[inline]
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        compound(self.failure, self.inner.serialize_map(len))
    }

    #[inline]
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        compound(self.failure, self.inner.serialize_struct(name, len))
    }

    #[inline]
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        compound(
            self.failure,
            self.inner
                .serialize_struct_variant(name, index, variant, len),
        )
    }

    // Forwarded rather than left to the default, which builds a `String`: serde_json
    // streams the text into its output.
    #[inline]
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.collect_str(value)
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The sequence, map and struct states of a [`FiniteSerializer`]: each member goes
/// through a `FiniteSerializer` too.
pub struct Compound<'a, C> {
    inner: C,
    failure: &'a Failure,
    /// The next element's index, for the error path of sequences and tuples.
    index: usize,
}

impl<C> fmt::Debug for Compound<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compound").finish_non_exhaustive()
    }
}

impl<C> Compound<'_, C> {
    #[inline]
    fn wrap<'v, T: ?Sized>(&self, value: &'v T) -> Finite<'v, T>
    where
        Self: 'v,
    {
        Finite {
            value,
            failure: self.failure,
        }
    }

    /// Runs the write of one element and records its index on the failure.
    #[inline]
    fn element<E>(&mut self, result: Result<(), E>) -> Result<(), E> {
        if result.is_err() {
            let index = self.index;
            locate(self.failure, |error| error.at_index(index));
        }
        self.index += 1;
        result
    }

    /// Records the field `key` on the failure of a struct member.
    #[inline]
    fn field<E>(&self, key: &'static str, result: Result<(), E>) -> Result<(), E> {
        if result.is_err() {
            locate(self.failure, |error| error.in_field(key));
        }
        result
    }
}

macro_rules! seq_compound {
    ($($trait:ident::$method:ident)*) => {$(
        impl<C: ser::$trait> ser::$trait for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;

            #[inline]
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
                let value = self.wrap(value);
                let result = self.inner.$method(&value);
                self.element(result)
            }

            #[inline]
            fn end(self) -> Result<C::Ok, C::Error> {
                self.inner.end()
            }
        }
    )*};
}

seq_compound! {
    SerializeSeq::serialize_element
    SerializeTuple::serialize_element
    SerializeTupleStruct::serialize_field
    SerializeTupleVariant::serialize_field
}

macro_rules! struct_compound {
    ($($trait:ident)*) => {$(
        impl<C: ser::$trait> ser::$trait for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;

            #[inline]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), C::Error> {
                let value = self.wrap(value);
                let result = self.inner.serialize_field(key, &value);
                self.field(key, result)
            }

            #[inline]
            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.inner.skip_field(key)
            }

            #[inline]
            fn end(self) -> Result<C::Ok, C::Error> {
                self.inner.end()
            }
        }
    )*};
}

struct_compound!(SerializeStruct SerializeStructVariant);

// Map keys are any `Serialize` value, with no cheap text for the path: a failure in a
// map adds no segment.
impl<C: ser::SerializeMap> ser::SerializeMap for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;

    #[inline]
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        let key = self.wrap(key);
        self.inner.serialize_key(&key)
    }

    #[inline]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let value = self.wrap(value);
        self.inner.serialize_value(&value)
    }

    #[inline]
    fn serialize_entry<K, V>(&mut self, key: &K, value: &V) -> Result<(), C::Error>
    where
        K: Serialize + ?Sized,
        V: Serialize + ?Sized,
    {
        let (key, value) = (self.wrap(key), self.wrap(value));
        self.inner.serialize_entry(&key, &value)
    }

    #[inline]
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}
