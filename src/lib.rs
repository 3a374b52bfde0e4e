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
    pub use pooled_serialize_runtime::{Error, MapKey, PooledSerialize, Writer};
    #[cfg(feature = "serde_json")]
    pub use pooled_serialize_runtime::write_with_serde;
}
