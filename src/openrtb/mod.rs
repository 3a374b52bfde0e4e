//! The OpenRTB 2.6 bid response, ready to serialize, and the bid request, ready to read and
//! forward (feature `openrtb`).
//!
//! [`BidRequest`] and the objects below it ([`Imp`], [`Banner`], [`Video`], [`Audio`],
//! [`Native`], [`Site`], [`App`], [`Dooh`], [`Device`], [`User`], [`Source`], [`Regs`]...)
//! model every object of OpenRTB 2.6 section 3.2 under the same conventions as the
//! response, described below. Members the spec requires but real traffic sometimes omits
//! (`video.mimes`, `native.request`, `deal.id`...) are `Option`s, so such a request still
//! round-trips; [`BidRequest::validate`] reports them with their path. The native request
//! stays a string, as the spec defines it; one sent as a JSON object is kept in the
//! [`Native`]'s `unknown` map under `request` and written back from there.
//!
//! [`BidResponse`], [`SeatBid`] and [`Bid`] carry every member OpenRTB 2.6 defines, with
//! the spec's JSON types, and derive [`PooledSerialize`](crate::PooledSerialize) as well
//! as serde's `Serialize` and `Deserialize`: [`to_pooled_json`](crate::to_pooled_json)
//! writes exactly the bytes `serde_json::to_vec` writes, into a pooled buffer, without
//! allocating once the pool is warm.
//!
//! # Lossless
//!
//! Reading a response and writing it back gives a document that means the same:
//!
//! - optional members are `Option`s, written only when present, so absent stays absent
//!   and `"cat":[]` stays an empty array;
//! - members the spec does not define (`bid.ttl`, `seatbid.type`...) are kept, at every
//!   level, in the `unknown` map and written back after the known members;
//! - `ext` is any JSON ([`serde_json::Value`]), an explicit `"ext":null` included. A
//!   `Value` rather than raw JSON text: it can be read and edited (`ext.prebid`), it is
//!   what the `unknown` maps hold anyway (serde's `flatten` buffering cannot keep raw
//!   text there), and it serializes without allocating;
//! - integer code lists ([`codes`]) are newtypes that keep any integer, so vendor codes
//!   (500+) and off-list codes (`"nbr": 123`) round-trip.
//!
//! Numbers are exact: the `openrtb` feature turns on serde_json's `float_roundtrip`, so a
//! price such as `121.26129953495003` reads as the nearest `f64` (serde_json's default
//! parser can be one unit in the last place off) and is written back as the same number.
//!
//! What does *not* come back byte for byte: key order (known members are written in the
//! spec's order, then unknown ones), whitespace, escapes (`\/` is written `/`, `\u003c`
//! as `<`), number spelling (`"price": 5` and `1.000000` read as `f64` and are written
//! `5.0` and `1.0`; numbers are equal *as numbers*), and an explicit `null` in a typed
//! optional member (`"nurl": null` reads as absent and is not written).
//!
//! # Borrowing
//!
//! Strings are `Cow<'a, str>`. A bidder builds responses from cached creatives without
//! copying them (`adm: Some(cached.as_str().into())`), and [`BidResponse::from_json`]
//! borrows each string from the input when it contains no escape sequence (an escaped
//! string has to be unescaped into an owned copy). This holds for the known members at
//! every level, in `Option`s and in arrays (`adomain`, `cat`). The `unknown` maps and
//! `ext` are [`serde_json::Value`]s and always own their data: serde's `flatten` buffers
//! unknown members through its internal `Content` type before building the map.
//! [`BidResponse::into_owned`] detaches a response from its input.
//!
//! # Example
//!
//! ```
//! use pooled_serialize::openrtb::{Bid, BidResponse, MarkupType, SeatBid};
//!
//! let adm = "<a href=\"https://ad.example/c\"><img src=\"https://ad.example/i.png\"></a>";
//! let resp = BidResponse {
//!     cur: Some("USD".into()),
//!     ..BidResponse::new("req-42")
//! }
//! .with_seatbid(
//!     SeatBid::new(vec![Bid {
//!         adm: Some(adm.into()),
//!         adomain: Some(vec!["ad.example".into()]),
//!         mtype: Some(MarkupType::BANNER),
//!         w: Some(300),
//!         h: Some(250),
//!         ..Bid::new("bid-1", "imp-1", 1.5)
//!     }])
//!     .with_seat("seat-7"),
//! );
//! resp.validate()?;
//!
//! let json = pooled_serialize::to_pooled_json(&resp)?;
//! assert_eq!(json.as_str(), serde_json::to_string(&resp).unwrap());
//! let back = BidResponse::from_json(json.as_str()).unwrap();
//! assert_eq!(back, resp);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod codes;
mod de;
mod request;
mod response;
mod validate;

pub use codes::{
    ApiFramework, CategoryTaxonomy, CreativeAttribute, MarkupType, MediaRating, NoBidReason,
    Protocol, SlotPositionInPod,
};
pub use request::{
    App, Audio, Banner, BidRequest, BidderImp, BidderRequest, BrandVersion, Channel, Content, Data,
    Deal, Device, Dooh, DurFloors, Eid, Format, Geo, Imp, Metric, Native, Network, Pmp, Producer,
    Publisher, Qty, RefSettings, Refresh, Regs, Segment, Site, Source, SupplyChain,
    SupplyChainNode, Uid, User, UserAgent, Video,
};
pub use response::{Bid, BidResponse, SeatBid};
pub use validate::{ValidationError, ValidationErrorKind};
