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
//!
//! # Deriving
//!
//! `#[derive(PooledSerialize)]` reads serde's attributes where they already are, so adding
//! it next to `#[derive(Serialize)]` gives the same bytes as `serde_json::to_vec`:
//!
//! ```
//! use pooled_serialize::PooledSerialize;
//! use serde::Serialize;
//!
//! #[derive(Serialize, PooledSerialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Bid<'a> {
//!     imp_id: &'a str,
//!     price: f64,
//!     #[serde(skip_serializing_if = "Option::is_none")]
//!     deal_id: Option<String>,
//!     creative: Creative,
//! }
//!
//! #[derive(Serialize, PooledSerialize)]
//! #[serde(tag = "type", rename_all = "lowercase")]
//! enum Creative {
//!     Banner { w: u32, h: u32 },
//!     Native,
//! }
//!
//! let bid = Bid { imp_id: "1", price: 1.5, deal_id: None, creative: Creative::Banner { w: 300, h: 250 } };
//! let json = pooled_serialize::to_pooled_json(&bid)?;
//! assert_eq!(json.as_str(), r#"{"impId":"1","price":1.5,"creative":{"type":"banner","w":300,"h":250}}"#);
//! assert_eq!(&json[..], &serde_json::to_vec(&bid).unwrap()[..]);
//! assert_eq!(pooled_serialize::to_string(&Creative::Native)?, r#"{"type":"native"}"#);
//! # Ok::<(), pooled_serialize::Error>(())
//! ```
//!
//! The generated code writes each key fused with its punctuation (`,"impId":`) in one
//! call, decides commas at compile time where it can, allocates nothing and contains no
//! `unsafe`. A non-finite float is an [`Error`] naming its path
//! (`seatbid[0].bid[2].price`) where serde_json would write `null`.
//!
//! Supported shapes: structs with named fields (an object), tuple structs (a newtype writes
//! its field, others an array), unit structs (`null`), `#[repr(packed)]` structs (fields
//! are copied out, as serde does), and enums in serde's four representations. Bounds are
//! inferred as serde infers them: `T: PooledSerialize` for each type parameter a written
//! field names, `K: MapKey` for a map's key parameter, `T::Assoc: PooledSerialize` for a
//! field of an associated type, nothing for `PhantomData<T>`, `[T; 0]` or a type written
//! by a macro. Unit-only enums and newtypes over a key type also implement [`MapKey`], so
//! they can be map keys.
//!
//! # Attributes
//!
//! Every key can be written as `#[serde(...)]` or `#[pooled(...)]`. Keys that only affect
//! deserialization (`default`, `alias`, `deny_unknown_fields`, `borrow`,
//! `skip_deserializing`, `deserialize_with`, `other`, `from`, `try_from`,
//! `rename(deserialize = ...)`) are accepted and ignored; unknown keys are errors.
//!
//! | Where | Attribute | Meaning | Example |
//! |---|---|---|---|
//! | container | `rename_all = "case"` | rename every field (struct) or variant (enum): `lowercase`, `UPPERCASE`, `PascalCase`, `camelCase`, `snake_case`, `SCREAMING_SNAKE_CASE`, `kebab-case`, `SCREAMING-KEBAB-CASE` | `#[serde(rename_all = "camelCase")]` |
//! | container | `rename_all_fields = "case"` | rename the fields of every struct variant of an enum | `#[serde(rename_all_fields = "camelCase")]` |
//! | container | `rename = "name"` | the name written as a struct's `tag` value | `#[serde(rename = "bid")]` |
//! | container | `tag = "t"` | internally tagged enum (`{"t":"Variant",...}`); on a struct, writes `"t":"Name"` first | `#[serde(tag = "type")]` |
//! | container | `tag = "t", content = "c"` | adjacently tagged enum (`{"t":"Variant","c":...}`) | `#[serde(tag = "t", content = "c")]` |
//! | container | `untagged` | write each variant's content only | `#[serde(untagged)]` |
//! | container | `transparent` | write the single field that is neither skipped nor `PhantomData` as the whole value | `#[serde(transparent)]` |
//! | container | `into = "Type"` | clone, convert, and write the `Type` instead | `#[serde(into = "Wire")]` |
//! | container | `crate = "path"` | where `pooled_serialize` is (`pooled` only; serde's own `crate` is ignored) | `#[pooled(crate = "my::ps")]` |
//! | container | `bound = "T: Trait"` | replace the inferred where-clause; variants' and fields' `bound`s still apply. Without a `pooled` one, serde's is used, its `Serialize` read as `PooledSerialize` and `Deserialize` / `DeserializeOwned` dropped | `#[pooled(bound = "T: PooledSerialize")]` |
//! | container | `remote = "Type"` | accepted: serde's remote definition is used through `with = "TypeDef"` on fields (the serde bridge, feature `serde_json`); nothing is derived for it | `#[serde(remote = "Duration")]` |
//! | container | `repr` | fieldless `#[repr(u8)]` (or any integer) enum written as its discriminant, as serde_repr does | `#[pooled(repr)]` |
//! | container | `skip_serializing_none` | omit every field whose type is `Option<..>` when it is `None` | `#[pooled(skip_serializing_none)]` |
//! | container | `skip_serializing_default` | omit every field equal to its `Default` | `#[pooled(skip_serializing_default)]` |
//! | field | `rename = "key"` | the JSON key (also `rename(serialize = "key")`) | `#[serde(rename = "type")]` |
//! | field | `skip`, `skip_serializing` | never write the field | `#[serde(skip)]` |
//! | field | `skip_serializing_if = "path"` | omit the field when `path(&field)` is true | `#[serde(skip_serializing_if = "Option::is_none")]` |
//! | field | `skip_serializing_default` | omit the field when it equals its `Default` | `#[pooled(skip_serializing_default)]` |
//! | field | `flatten` | write a derived struct's or enum's members (also through newtypes and `transparent` wrappers), a map's entries, or nothing for `()` and unit structs, into this object (compile-time for derived types); with `serialize_with`, the object serde writes is merged | `#[serde(flatten)]` |
//! | field | `serialize_with = "path"` | write with serde's `fn(&T, S) -> Result<S::Ok, S::Error>` (feature `serde_json`) | `#[serde(serialize_with = "as_hex")]` |
//! | field | `with = "module"` | as `serialize_with = "module::serialize"` (feature `serde_json`) | `#[serde(with = "ts_seconds")]` |
//! | field | `write_with = "path"` | write with `fn(&T, &mut Writer) -> Result<(), Error>`; wins over `serialize_with` | `#[pooled(write_with = "write_cents")]` |
//! | field, variant | `bound = "T: Trait"` | replace the bounds inferred from this field (serde's read as for the container) | `#[pooled(bound = "T::Id: PooledSerialize")]` |
//! | variant | `rename = "name"` | the variant's name | `#[serde(rename = "video")]` |
//! | variant | `rename_all = "case"` | rename the fields of this struct variant | `#[serde(rename_all = "camelCase")]` |
//! | variant | `skip`, `skip_serializing` | serializing this variant is an error, as with serde | `#[serde(skip)]` |
//! | variant | `untagged` | write this variant untagged inside a tagged enum | `#[serde(untagged)]` |
//! | variant | `serialize_with = "path"` | write the variant's content with `fn(&F0, &F1, .., S) -> Result<S::Ok, S::Error>` over its fields (feature `serde_json`) | `#[serde(serialize_with = "as_pair")]` |
//! | variant | `with = "module"` | as `serialize_with = "module::serialize"` (feature `serde_json`) | `#[serde(with = "legacy")]` |
//!
//! Mistakes are compile errors that point at the attribute or field, all of them at once:
//! unknown keys, wrong value types, duplicates, `skip` with a writer, `flatten` on a
//! tuple field or with `write_with`, `tag` with tuple variants, an internally tagged
//! newtype variant around a type that is neither an object nor a map, `transparent` without exactly one field,
//! `repr` on an enum with data, `content` without `tag`, `untagged` with `tag`, a field
//! type without `PooledSerialize`.
//!
//! # Migrating from serde
//!
//! 1. Add `PooledSerialize` to the derive list of every type that is written, next to
//!    `Serialize`; keep the serde attributes as they are. Types from other crates used
//!    as fields need a `PooledSerialize` impl (std types, `serde_json::Value` with the
//!    `serde_json` feature, and [`RawJson`] have one).
//! 2. Replace `serde_json::to_vec(&resp)` with [`to_pooled_json`] (or [`write_to_vec`] to
//!    append to your own buffer) and write the returned [`PooledBuf`] to the socket.
//! 3. `serialize_with` / `with` (on fields and on whole variants) and `remote`
//!    definitions keep working through serde_json's serializer (enable the `serde_json`
//!    feature); for hot fields add `#[pooled(write_with = "...")]`, which writes straight
//!    into the buffer. serde's `crate` names serde's crate and is ignored; serde's
//!    `bound` is used with its `Serialize` read as `PooledSerialize` (a
//!    `#[pooled(bound = "...")]` next to it wins).
//! 4. The one difference in output: a non-finite float is an [`Error`] naming its path,
//!    where serde_json writes `null`, also inside a value written through
//!    `serialize_with` / `with` ([`Writer::write_f64_or_null`] gives serde_json's `null`
//!    in a `write_with` function).
//! 5. Integer-coded enums that used `serde_repr` take `#[pooled(repr)]` next to their
//!    `#[repr(u8)]`, and many `skip_serializing_if = "Option::is_none"` lines can become
//!    one `#[pooled(skip_serializing_none)]` on the struct.

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
#[cfg(feature = "http-body")]
pub use pooled_serialize_runtime::{PooledBody, PooledChunk};

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "openrtb")]
pub mod openrtb;

/// What generated code names; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use core;
    #[cfg(feature = "serde_json")]
    pub use pooled_serialize_runtime::flatten::write_flattened_with_serde;
    #[cfg(feature = "serde_json")]
    pub use pooled_serialize_runtime::write_with_serde;
    pub use pooled_serialize_runtime::{Error, MapKey, PooledSerialize, Writer};

    pub use pooled_serialize_runtime::flatten::{
        Flatten, FlattenFields, FlattenViaFields, FlattenViaMap,
    };
}

/// The README's and the guides' Rust snippets, compiled and run as doc-tests so that every
/// example a user copies works as written.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
#[doc = include_str!("../docs/exchange.md")]
pub struct ReadmeDoctests;
