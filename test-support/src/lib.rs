//! Code shared by the tests, the benches and the fuzz targets of pooled-serialize (not
//! published).
//!
//! - [`differential`]: the serde_json differential check of the derive tests.
//! - [`openrtb`]: the OpenRTB corpus under `tests/corpus/openrtb` and a comparison of JSON
//!   meaning.
//! - [`fanout`]: a request written for several bidders: the fixture, the clone-and-change
//!   reference and proptest strategies.
//! - [`inputs`]: the bench inputs (small, typical, large, the corpus).
//! - [`strategies`]: proptest strategies of the OpenRTB property tests.
//! - [`warm`]: what one serialization allocates once the pool is warm.
//! - [`fuzz`]: the checks behind the cargo-fuzz targets, also replayed on stable by
//!   `tests/reliability_fuzz_regressions.rs`.
//!
//! The counting allocator of the zero-allocation tests is a crate of its own,
//! `pooled-serialize-test-alloc`: the runtime's tests use it, and this crate depends on
//! the facade.

pub mod differential;
pub mod fanout;
pub mod fuzz;
pub mod inputs;
pub mod openrtb;
pub mod strategies;
pub mod warm;
