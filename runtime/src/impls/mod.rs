//! `PooledSerialize` and `MapKey` for the std types serde serializes beyond the basic
//! scalars, strings, pointers and collections of `ser.rs`: each file holds one family
//! and writes exactly what serde's impl writes through serde_json (its human-readable
//! form where serde has two).

mod cell;
mod collections;
mod ffi;
mod fmt;
mod net;
mod num;
mod ops;
mod time;
