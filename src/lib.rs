//! Specialized, reflection-free JSON writers for OpenRTB bid responses, with thread-local
//! pooled output buffers.
//!
//! `#[derive(PooledSerialize)]` generates a JSON writer for each struct or enum that
//! honours serde's attributes and writes exactly the bytes `serde_json` would write.
//! [`to_pooled_json`] serializes into a buffer lent by this thread's pool; the
//! [`PooledBuf`] guard clears the buffer and returns it when dropped.
//!
//! # Example
//!
//! ```
//! use pooled_serialize::{to_pooled_json, PooledSerialize, Writer, Error};
//!
//! struct Bid<'a> {
//!     id: &'a str,
//!     price: f64,
//! }
//!
//! // The derive writes this for you; hand-written impls work the same way.
//! impl PooledSerialize for Bid<'_> {
//!     fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
//!         w.write_prefixed_str("{\"id\":", self.id);
//!         w.write_raw(",\"price\":");
//!         w.write_f64(self.price).map_err(|e| e.in_field("price"))?;
//!         w.write_raw("}");
//!         Ok(())
//!     }
//! }
//!
//! let json = to_pooled_json(&Bid { id: "1", price: 0.5 })?;
//! assert_eq!(json.as_str(), r#"{"id":"1","price":0.5}"#);
//! # Ok::<(), pooled_serialize::Error>(())
//! ```

#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
#![doc(test(attr(deny(warnings))))]

pub use pooled_serialize_macros::PooledSerialize;
pub use pooled_serialize_runtime::pool;
pub use pooled_serialize_runtime::{
    to_pooled_json, to_string, to_vec, to_writer, write_to_vec, Error, ErrorKind, MapKey,
    PooledBuf, PooledSerialize, RawJson, Writer,
};
#[cfg(feature = "serde_json")]
pub use pooled_serialize_runtime::{write_serde, write_with_serde};

#[cfg(feature = "openrtb")]
pub mod openrtb;

/// What generated code names; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use core;
    #[cfg(feature = "serde_json")]
    pub use pooled_serialize_runtime::write_with_serde;
    pub use pooled_serialize_runtime::{Error, MapKey, PooledSerialize, Writer};

    use core::result::Result;
    use std::collections::{BTreeMap, HashMap};

    /// Writes a value as object members, each preceded by a comma and without braces:
    /// what `#[serde(flatten)]` merges into the enclosing object. Derived for structs with
    /// named fields, unit structs and enums; implemented here for maps.
    pub trait FlattenFields {
        /// Appends `,"key":value` for each member.
        fn write_fields(&self, w: &mut Writer) -> Result<(), Error>;
    }

    impl<T: FlattenFields + ?Sized> FlattenFields for &T {
        #[inline]
        fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
            (**self).write_fields(w)
        }
    }

    impl<T: FlattenFields + ?Sized> FlattenFields for Box<T> {
        #[inline]
        fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
            (**self).write_fields(w)
        }
    }

    /// `None` adds no members, as with serde.
    impl<T: FlattenFields> FlattenFields for Option<T> {
        #[inline]
        fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
            match self {
                Some(value) => value.write_fields(w),
                None => Ok(()),
            }
        }
    }

    impl<K: MapKey, V: PooledSerialize, S> FlattenFields for HashMap<K, V, S> {
        #[inline]
        fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
            w.write_map_entries(self)
        }
    }

    impl<K: MapKey, V: PooledSerialize> FlattenFields for BTreeMap<K, V> {
        #[inline]
        fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
            w.write_map_entries(self)
        }
    }

    /// Dispatch for a flattened field: `(&Flatten(&field)).write_flattened(w)` picks
    /// [`FlattenFields`] when the type has it ([`FlattenViaFields`]), and otherwise any
    /// map whose `&M` iterates `(&K, &V)` pairs, such as `serde_json::Map` or `IndexMap`
    /// ([`FlattenViaMap`], found one auto-ref later).
    #[derive(Debug)]
    pub struct Flatten<'a, T: ?Sized>(pub &'a T);

    /// See [`Flatten`].
    pub trait FlattenViaFields {
        /// Appends the members.
        fn write_flattened(&self, w: &mut Writer) -> Result<(), Error>;
    }

    impl<T: FlattenFields + ?Sized> FlattenViaFields for Flatten<'_, T> {
        #[inline]
        fn write_flattened(&self, w: &mut Writer) -> Result<(), Error> {
            self.0.write_fields(w)
        }
    }

    /// See [`Flatten`].
    pub trait FlattenViaMap {
        /// Appends the entries.
        fn write_flattened(&self, w: &mut Writer) -> Result<(), Error>;
    }

    impl<'a, T, K, V> FlattenViaMap for &Flatten<'a, T>
    where
        T: ?Sized,
        &'a T: IntoIterator<Item = (&'a K, &'a V)>,
        K: MapKey + ?Sized + 'a,
        V: PooledSerialize + ?Sized + 'a,
    {
        #[inline]
        fn write_flattened(&self, w: &mut Writer) -> Result<(), Error> {
            w.write_map_entries(self.0)
        }
    }
}
