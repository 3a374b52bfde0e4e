//! Numeric wrappers and atomics: each writes the number it holds, as serde does, and
//! is a map key wherever that number is.

use std::cmp::Reverse;
use std::num::{
    NonZeroI128, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroIsize, NonZeroU128,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU8, NonZeroUsize, Saturating, Wrapping,
};
use std::sync::atomic::{self, Ordering};

use crate::{Error, MapKey, PooledSerialize, Writer};

macro_rules! nonzero_impls {
    ($($ty:ty)*) => {$(
        impl PooledSerialize for $ty {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                self.get().write_json(w)
            }

            #[inline(always)]
            fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
                self.get().write_json_prefixed(prefix, w)
            }
        }

        impl MapKey for $ty {
            #[inline]
            fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
                self.get().write_key(w)
            }
        }
    )*};
}

nonzero_impls!(
    NonZeroU8 NonZeroU16 NonZeroU32 NonZeroU64 NonZeroU128 NonZeroUsize
    NonZeroI8 NonZeroI16 NonZeroI32 NonZeroI64 NonZeroI128 NonZeroIsize
);

// serde writes these transparently, as the value inside.
macro_rules! newtype_impls {
    ($($ty:ident),*) => {$(
        impl<T: PooledSerialize> PooledSerialize for $ty<T> {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                self.0.write_json(w)
            }

            #[inline(always)]
            fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
                self.0.write_json_prefixed(prefix, w)
            }
        }

        impl<K: MapKey> MapKey for $ty<K> {
            #[inline]
            fn write_key(&self, w: &mut Writer) -> Result<(), Error> {
                self.0.write_key(w)
            }
        }
    )*};
}

newtype_impls!(Wrapping, Saturating, Reverse);

// Relaxed, like serde (which follows core's `Debug` impls): a snapshot of one value,
// ordered with nothing else. Atomics are neither `Hash` nor `Ord`, so no std map can
// key on them and they get no `MapKey`.
macro_rules! atomic_impls {
    ($($size:literal => $($ty:ident)*;)*) => {$($(
        #[cfg(target_has_atomic = $size)]
        impl PooledSerialize for atomic::$ty {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                self.load(Ordering::Relaxed).write_json(w)
            }

            #[inline]
            fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
                self.load(Ordering::Relaxed).write_json_prefixed(prefix, w)
            }
        }
    )*)*};
}

atomic_impls! {
    "8" => AtomicBool AtomicI8 AtomicU8;
    "16" => AtomicI16 AtomicU16;
    "32" => AtomicI32 AtomicU32;
    "64" => AtomicI64 AtomicU64;
    "ptr" => AtomicIsize AtomicUsize;
}
