//! The OpenRTB 2.6 bid request: every object of the spec's section 3.2, lossless, under the
//! same conventions as the response model.
//!
//! [`BidRequest`] and the objects below it carry every member OpenRTB 2.6 defines, with the
//! spec's JSON types: strings are `Cow<'a, str>` borrowed from the input where they hold no
//! escape, optional members are `Option`s written only when present, integer code lists are
//! the open newtypes of [`codes`](super::codes), `ext` is any JSON, and members the spec does
//! not define are kept at every level in `unknown` and written back after the known ones.
//!
//! Members the spec requires but real traffic sometimes omits (`video.mimes`,
//! `native.request`, `deal.id`, the supply chain's `asi`, `sid` and `hp`...) are `Option`s,
//! so such a request still reads and writes back as it came; [`BidRequest::validate`]
//! reports them, with the path of the member. Only `id`, `imp` and `imp[].id`, without which
//! a request cannot be answered, are plain members.
//!
//! ```
//! use pooled_serialize::openrtb::BidRequest;
//!
//! let json = r#"{"id":"r1","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":0.5}],"x_new":1}"#;
//! let req = BidRequest::from_json(json)?;
//! req.validate()?;
//! assert_eq!(req.imp[0].bidfloor, Some(0.5));
//! assert_eq!(req.unknown["x_new"], 1);
//! let out = pooled_serialize::to_pooled_json(&req)?;
//! assert_eq!(out.as_str(), serde_json::to_string(&req)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod content;
mod context;
mod device;
mod fanout;
mod imp;
mod media;
mod user;
mod validate;

pub use content::{Channel, Content, Network, Producer};
pub use context::{App, Dooh, Publisher, Site};
pub use device::{BrandVersion, Device, Geo, UserAgent};
pub use fanout::{BidderImp, BidderRequest};
pub use imp::{Deal, DurFloors, Imp, Metric, Native, Pmp, Qty, RefSettings, Refresh};
pub use media::{Audio, Banner, Format, Video};
pub use user::{Data, Eid, Segment, Uid, User};

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::openrtb::de;
use crate::PooledSerialize;

use crate::openrtb::codes::{AuctionType, CategoryTaxonomy};

/// The top-level request an exchange sends to bidders: one auction of one or more impressions.
///
/// `id` and at least one `imp` are required; read one with [`BidRequest::from_json`] and check the
/// rest of what the spec requires with [`BidRequest::validate`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct BidRequest<'a> {
    /// ID of the bid request, assigned by the exchange, and unique for the exchange’s
    /// subsequent tracking of the responses.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Array of Imp objects (Section 3.2.4) representing the impressions offered.
    #[serde(borrow)]
    pub imp: Vec<Imp<'a>>,
    /// Details via a Site object (Section 3.2.13) about the publisher’s website.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub site: Option<Site<'a>>,
    /// Details via an App object (Section 3.2.14) about the publisher’s app (i.e., non-browser
    /// applications).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub app: Option<App<'a>>,
    /// This object should be included if the ad supported content is a Digital Out-Of-Home
    /// screen.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub dooh: Option<Dooh<'a>>,
    /// Details via a Device object (Section 3.2.18) about the user’s device to which the
    /// impression will be delivered.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub device: Option<Device<'a>>,
    /// Details via a User object about the human user of the device; the advertising audience.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub user: Option<User<'a>>,
    /// Indicator of test mode in which auctions are not billable, where 0 = live mode, 1 = test
    /// mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<i32>,
    /// Auction type, where 1 = First Price, 2 = Second Price Plus; exchange-specific types are
    /// 500 and up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<AuctionType>,
    /// Maximum time in milliseconds the exchange allows for bids to be received including
    /// Internet latency to avoid timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tmax: Option<i64>,
    /// Allowed list of buyer seats (e.g., advertisers, agencies) allowed to bid on this
    /// impression.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub wseat: Option<Vec<Cow<'a, str>>>,
    /// Block list of buyer seats (e.g., advertisers, agencies) restricted from bidding on this
    /// impression.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bseat: Option<Vec<Cow<'a, str>>>,
    /// 1 when the exchange can verify that the impressions offered are all of those available
    /// in context (for example all on the page), 0 = no or unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allimps: Option<i32>,
    /// Array of allowed currencies for bids on this bid request using ISO-4217 alpha codes.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cur: Option<Vec<Cow<'a, str>>>,
    /// Allowed list of languages for creatives using ISO-639-1-alpha-2.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub wlang: Option<Vec<Cow<'a, str>>>,
    /// Allowed list of languages for creatives using IETF BCP 47.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub wlangb: Option<Vec<Cow<'a, str>>>,
    /// Allowed advertiser categories using the specified category taxonomy.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub acat: Option<Vec<Cow<'a, str>>>,
    /// Blocked advertiser categories using the specified category taxonomy.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bcat: Option<Vec<Cow<'a, str>>>,
    /// The taxonomy in use for `bcat` and `acat`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cattax: Option<CategoryTaxonomy>,
    /// Block list of advertisers by their domains (e.g., “ford.com”).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub badv: Option<Vec<Cow<'a, str>>>,
    /// Block list of applications by their app store IDs.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bapp: Option<Vec<Cow<'a, str>>>,
    /// A Source object that provides data about the inventory source and which entity makes the
    /// final decision.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source<'a>>,
    /// A Regs object (Section 3.2.3) that specifies any industry, legal, or governmental
    /// regulations in force for this request.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub regs: Option<Regs<'a>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl BidRequest<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> BidRequest<'static> {
        BidRequest {
            id: own(self.id),
            imp: self.imp.into_iter().map(Imp::into_owned).collect(),
            site: self.site.map(Site::into_owned),
            app: self.app.map(App::into_owned),
            dooh: self.dooh.map(Dooh::into_owned),
            device: self.device.map(Device::into_owned),
            user: self.user.map(User::into_owned),
            test: self.test,
            at: self.at,
            tmax: self.tmax,
            wseat: own_vec(self.wseat),
            bseat: own_vec(self.bseat),
            allimps: self.allimps,
            cur: own_vec(self.cur),
            wlang: own_vec(self.wlang),
            wlangb: own_vec(self.wlangb),
            acat: own_vec(self.acat),
            bcat: own_vec(self.bcat),
            cattax: self.cattax,
            badv: own_vec(self.badv),
            bapp: own_vec(self.bapp),
            source: self.source.map(Source::into_owned),
            regs: self.regs.map(Regs::into_owned),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The inventory source and which entity makes the final sale decision.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Source<'a> {
    /// Entity responsible for the final impression sale decision, where 0 = exchange, 1 =
    /// upstream source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fd: Option<i32>,
    /// Transaction ID that must be common across all participants in this bid request (e.g.,
    /// potentially multiple exchanges).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub tid: Option<Cow<'a, str>>,
    /// Payment ID chain string containing embedded syntax described in the TAG Payment ID
    /// Protocol v1.0.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub pchain: Option<Cow<'a, str>>,
    /// The links of the supply chain, and whether the chain is complete.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub schain: Option<SupplyChain<'a>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl Source<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Source<'static> {
        Source {
            fd: self.fd,
            tid: own_opt(self.tid),
            pchain: own_opt(self.pchain),
            schain: self.schain.map(SupplyChain::into_owned),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The chain of sellers and resellers between the inventory's owner and this request
/// (the SupplyChain object, `source.schain`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct SupplyChain<'a> {
    /// Whether the chain contains all nodes back to the owner of the inventory, where 0 = no, 1
    /// = yes. Required by the spec; [`BidRequest::validate`](super::BidRequest::validate)
    /// reports it missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete: Option<i32>,
    /// The SupplyChainNode objects in the order of the chain; in a complete chain, the first is
    /// the initial advertising system. Required by the spec;
    /// [`BidRequest::validate`](super::BidRequest::validate) reports it missing.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<Vec<SupplyChainNode<'a>>>,
    /// Version of the supply chain specification in use, in the format of "major.minor".
    /// Required by the spec; [`BidRequest::validate`](super::BidRequest::validate) reports it
    /// missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub ver: Option<Cow<'a, str>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl SupplyChain<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> SupplyChain<'static> {
        SupplyChain {
            complete: self.complete,
            nodes: self
                .nodes
                .map(|v| v.into_iter().map(SupplyChainNode::into_owned).collect()),
            ver: own_opt(self.ver),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// One link of a [`SupplyChain`]: an advertising system and the seller account in it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct SupplyChainNode<'a> {
    /// The canonical domain name of the SSP, Exchange, Header Wrapper, etc system that bidders
    /// connect to. Required by the spec; [`BidRequest::validate`](super::BidRequest::validate)
    /// reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub asi: Option<Cow<'a, str>>,
    /// The identifier associated with the seller or reseller account within the advertising
    /// system. Required by the spec; [`BidRequest::validate`](super::BidRequest::validate)
    /// reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub sid: Option<Cow<'a, str>>,
    /// The OpenRTB RequestId of the request as issued by this seller.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub rid: Option<Cow<'a, str>>,
    /// The name of the company (the legal entity) paid for inventory transacted under `sid`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Cow<'a, str>>,
    /// The business domain name of the entity represented by this node.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub domain: Option<Cow<'a, str>>,
    /// Whether this node is involved in the flow of payment for the inventory, where 0 = no, 1
    /// = yes. Required by the spec; [`BidRequest::validate`](super::BidRequest::validate)
    /// reports it missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hp: Option<i32>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl SupplyChainNode<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> SupplyChainNode<'static> {
        SupplyChainNode {
            asi: own_opt(self.asi),
            sid: own_opt(self.sid),
            rid: own_opt(self.rid),
            name: own_opt(self.name),
            domain: own_opt(self.domain),
            hp: self.hp,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// Industry, legal or governmental regulations in force for this request (COPPA, GDPR,
/// US privacy, GPP).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Regs<'a> {
    /// Flag indicating if this request is subject to the COPPA regulations established by the
    /// USA FTC, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coppa: Option<i32>,
    /// Flag that indicates whether or not the request is subject to GDPR regulations 0 = No, 1
    /// = Yes, omission indicates Unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gdpr: Option<i32>,
    /// Consumer privacy signals under US privacy regulation (the CCPA string).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub us_privacy: Option<Cow<'a, str>>,
    /// The Global Privacy Platform's consent string.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub gpp: Option<Cow<'a, str>>,
    /// The section(s) of the GPP string which apply to this transaction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gpp_sid: Option<Vec<i32>>,
    /// Exchange-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

impl Regs<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Regs<'static> {
        Regs {
            coppa: self.coppa,
            gdpr: self.gdpr,
            us_privacy: own_opt(self.us_privacy),
            gpp: own_opt(self.gpp),
            gpp_sid: self.gpp_sid,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}
fn own(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

fn own_opt(s: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    s.map(own)
}

fn own_vec(v: Option<Vec<Cow<'_, str>>>) -> Option<Vec<Cow<'static, str>>> {
    v.map(|v| v.into_iter().map(own).collect())
}

impl<'a> BidRequest<'a> {
    /// A request with this id and these impressions, with nothing else set: add the rest
    /// with struct-update syntax.
    ///
    /// ```
    /// use pooled_serialize::openrtb::{Banner, BidRequest, Imp, Site};
    ///
    /// let req = BidRequest {
    ///     site: Some(Site { page: Some("https://news.example/a".into()), ..Site::default() }),
    ///     tmax: Some(120),
    ///     ..BidRequest::new("req-1", vec![Imp {
    ///         banner: Some(Banner { w: Some(300), h: Some(250), ..Banner::default() }),
    ///         ..Imp::new("1")
    ///     }])
    /// };
    /// assert!(req.validate().is_ok());
    /// ```
    pub fn new(id: impl Into<Cow<'a, str>>, imp: Vec<Imp<'a>>) -> Self {
        BidRequest {
            id: id.into(),
            imp,
            ..Default::default()
        }
    }

    /// Reads a request from JSON text, borrowing strings from `json` where they hold no
    /// escape sequences (the `unknown` maps and `ext` always own theirs).
    ///
    /// # Errors
    ///
    /// serde_json's error when `json` is not valid JSON or not a bid request of the spec's
    /// types.
    pub fn from_json(json: &'a str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl<'a> Imp<'a> {
    /// An impression with this id and nothing else set.
    pub fn new(id: impl Into<Cow<'a, str>>) -> Self {
        Imp {
            id: id.into(),
            ..Default::default()
        }
    }
}
