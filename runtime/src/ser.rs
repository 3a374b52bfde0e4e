//! The `PooledSerialize` trait, the `MapKey` trait, and their impls for std types.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use crate::{Error, Writer};

/// A type that writes itself as JSON.
///
/// Usually derived with `#[derive(PooledSerialize)]`; hand-written impls are supported
/// and use the [`Writer`] primitives. Output must be one valid JSON value.
///
/// # Examples
///
/// ```
/// use pooled_serialize_runtime::{to_string, Error, PooledSerialize, Writer};
///
/// /// Cents, written as a decimal price.
/// struct Cents(u64);
///
/// impl PooledSerialize for Cents {
///     fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
///         w.write_u64(self.0 / 100);
///         w.write_raw(".");
///         w.write_raw(if self.0 % 100 < 10 { "0" } else { "" });
///         w.write_u64(self.0 % 100);
///         Ok(())
///     }
/// }
///
/// assert_eq!(to_string(&[Cents(125), Cents(7)]).unwrap(), "[1.25,0.07]");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `PooledSerialize`",
    label = "cannot be written as JSON by pooled-serialize",
    note = "derive it with `#[derive(PooledSerialize)]`, implement it by hand, or use `#[pooled(write_with = \"...\")]` on the field"
)]
pub trait PooledSerialize {
    /// Appends this value as JSON.
    ///
    /// # Errors
    ///
    /// When the value cannot be written as valid JSON (a non-finite float, say); what
    /// was written before the error is discarded by the caller.
    fn write_json(&self, w: &mut Writer) -> Result<(), Error>;

    /// Appends `prefix` (trusted JSON punctuation such as `,"impid":`) and then this
    /// value. Generated code writes every field this way, so leaf types can fold the
    /// prefix into their own write; the default just writes one after the other.
    ///
    /// # Errors
    ///
    /// As [`write_json`](Self::write_json).
    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        w.write_raw(prefix);
        self.write_json(w)
    }
}

/// A type that can be a JSON object key, written as a quoted string exactly as
/// serde_json writes it: strings as they are; integers, bools and finite floats quoted.
///
/// Map types whose key does not implement `MapKey` do not implement
/// [`PooledSerialize`], so a non-string key is a compile error rather than bad output.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a JSON object key",
    label = "not a string-like map key",
    note = "JSON keys are strings: use strings, integers, bools, chars, unit-only enums or newtypes of those (they derive `MapKey` with `#[derive(PooledSerialize)]`)"
)]
pub trait MapKey {
    /// Appends this key as a quoted JSON string.
    ///
    /// # Errors
    ///
    /// When the key has no string form (a non-finite float).
    fn write_key(&self, w: &mut Writer) -> Result<(), Error>;
}

// ---- scalars ----

impl PooledSerialize for bool {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_bool(*self);
        Ok(())
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        let text: &str = if *self { "true" } else { "false" };
        w.write_prefixed_raw(prefix, text);
        Ok(())
    }
}

impl MapKey for bool {
    #[inline]
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_raw(if *self { "\"true\"" } else { "\"false\"" });
        Ok(())
    }
}

macro_rules! int_impls {
    ($($ty:ty)*) => {$(
        impl PooledSerialize for $ty {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                w.write_int(*self);
                Ok(())
            }

            #[inline]
            fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
                w.write_prefixed_int_small_first(prefix, *self);
                Ok(())
            }
        }

        impl MapKey for $ty {
            #[inline]
            fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
                w.write_raw("\"");
                w.write_int(*self);
                w.write_raw("\"");
                Ok(())
            }
        }
    )*};
}

int_impls!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize);

impl PooledSerialize for f64 {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_f64(*self)
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        w.write_prefixed_f64(prefix, *self)
    }
}

impl PooledSerialize for f32 {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_f32(*self)
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        w.write_prefixed_f32(prefix, *self)
    }
}

impl MapKey for f64 {
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        if !self.is_finite() {
            return Err(Error::key_must_be_string());
        }
        w.write_raw("\"");
        w.write_f64(*self)?;
        w.write_raw("\"");
        Ok(())
    }
}

impl MapKey for f32 {
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        if !self.is_finite() {
            return Err(Error::key_must_be_string());
        }
        w.write_raw("\"");
        w.write_f32(*self)?;
        w.write_raw("\"");
        Ok(())
    }
}

impl PooledSerialize for char {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_char(*self);
        Ok(())
    }
}

impl MapKey for char {
    #[inline]
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_char(*self);
        Ok(())
    }
}

impl PooledSerialize for () {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_null();
        Ok(())
    }
}

impl<T: ?Sized> PooledSerialize for std::marker::PhantomData<T> {
    /// serde writes `PhantomData` as a unit struct: `null`.
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_null();
        Ok(())
    }
}

// ---- strings ----

macro_rules! str_impls {
    ($($ty:ty),*) => {$(
        impl PooledSerialize for $ty {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                w.write_str(self);
                Ok(())
            }

            // Inlined at the field, where the prefix is a literal: copying it becomes a
            // few fixed-size stores instead of a `memcpy` call. A hint rather than
            // `always`, so that LLVM inlines the body it has already simplified once
            // instead of expanding the whole chain again at every field.
            #[inline]
            fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
                w.write_prefixed_str(prefix, self);
                Ok(())
            }
        }

        impl MapKey for $ty {
            #[inline]
            fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
                w.write_str(self);
                Ok(())
            }
        }
    )*};
}

str_impls!(str, String);

impl MapKey for Cow<'_, str> {
    #[inline]
    fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_str(self);
        Ok(())
    }
}

// ---- pointers: forward both methods so the fused leaf writes survive indirection ----

macro_rules! deref_impls {
    ($($ty:ty),*) => {$(
        impl<T: PooledSerialize + ?Sized> PooledSerialize for $ty {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                (**self).write_json(w)
            }

            #[inline]
            fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
                (**self).write_json_prefixed(prefix, w)
            }
        }
    )*};
}

deref_impls!(&T, &mut T, Box<T>, Rc<T>, Arc<T>);

macro_rules! deref_key_impls {
    ($($ty:ty),*) => {$(
        impl<K: MapKey + ?Sized> MapKey for $ty {
            #[inline]
            fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
                (**self).write_key(w)
            }
        }
    )*};
}

deref_key_impls!(&K, &mut K, Box<K>, Rc<K>, Arc<K>);

impl<T> PooledSerialize for Cow<'_, T>
where
    T: PooledSerialize + ToOwned + ?Sized,
{
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        (**self).write_json(w)
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        (**self).write_json_prefixed(prefix, w)
    }
}

// ---- Option ----

impl<T: PooledSerialize> PooledSerialize for Option<T> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        match self {
            Some(value) => value.write_json(w),
            None => {
                w.write_null();
                Ok(())
            }
        }
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        match self {
            Some(value) => value.write_json_prefixed(prefix, w),
            None => {
                w.write_prefixed_raw(prefix, "null");
                Ok(())
            }
        }
    }
}

// ---- sequences ----

impl<T: PooledSerialize> PooledSerialize for [T] {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_seq(self)
    }
}

impl<T: PooledSerialize, const N: usize> PooledSerialize for [T; N] {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_seq(self)
    }
}

macro_rules! seq_impls {
    ($($ty:ident $(: $bound:ident)?),*) => {$(
        impl<T: PooledSerialize $(+ $bound)?> PooledSerialize for $ty<T> {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                w.write_seq(self)
            }
        }
    )*};
}

seq_impls!(Vec, VecDeque, LinkedList, BTreeSet: Ord);

impl<T: PooledSerialize, S> PooledSerialize for HashSet<T, S> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_seq(self)
    }
}

macro_rules! tuple_impls {
    ($($len:literal => ($($index:tt $name:ident)+))+) => {$(
        impl<$($name: PooledSerialize),+> PooledSerialize for ($($name,)+) {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                let start = w.position();
                $(
                    if let Err(error) = self.$index.write_json_prefixed(",", w) {
                        return Err(error.at_index($index));
                    }
                )+
                w.close_list(start, b'[', b']');
                Ok(())
            }
        }
    )+};
}

tuple_impls! {
    1 => (0 T0)
    2 => (0 T0 1 T1)
    3 => (0 T0 1 T1 2 T2)
    4 => (0 T0 1 T1 2 T2 3 T3)
    5 => (0 T0 1 T1 2 T2 3 T3 4 T4)
    6 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5)
    7 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6)
    8 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7)
    9 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8)
    10 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9)
    11 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10)
    12 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11)
    13 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12)
    14 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13)
    15 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14)
    16 => (0 T0 1 T1 2 T2 3 T3 4 T4 5 T5 6 T6 7 T7 8 T8 9 T9 10 T10 11 T11 12 T12 13 T13 14 T14 15 T15)
}

// ---- maps ----

impl<K: MapKey, V: PooledSerialize> PooledSerialize for BTreeMap<K, V> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_map(self)
    }
}

impl<K: MapKey, V: PooledSerialize, S> PooledSerialize for HashMap<K, V, S> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        w.write_map(self)
    }
}
