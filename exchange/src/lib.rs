//! An OpenRTB 2.6 exchange and bidder on tokio + hyper (or axum), and a loopback load generator
//! for them: the code behind `cargo run --release --example exchange` (the command line,
//! `examples/exchange.rs`) and `tests/exchange_http.rs`. Not published.
//!
//! The bidder ([`server`]) answers `POST /openrtb2/auction`: it reads the bid request with
//! serde ([`model`]), bids from an in-memory creative catalog ([`catalog`]) and writes the
//! `pooled_serialize::openrtb::BidResponse` either with `to_pooled_json` + `into_body`
//! (no copy, no allocation) or with `serde_json::to_vec` + `Bytes::from`. The exchange
//! ([`exchange`]) sits in front of K such bidders: it writes each its own version of the
//! request ([`fanout`]), waits for their answers until the deadline and runs a first-price
//! auction over them ([`auction`]). The load generator ([`load`]) drives either over
//! keep-alive connections with the sample requests of [`requests`], and [`alloc`] counts
//! heap allocations per thread.

pub mod alloc;
pub mod auction;
pub mod catalog;
pub mod exchange;
pub mod fanout;
pub mod load;
pub mod model;
pub mod requests;
pub mod server;
