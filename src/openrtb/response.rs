//! `BidResponse`, `SeatBid` and `Bid`: the objects of an OpenRTB 2.6 bid response.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::PooledSerialize;
use serde_json::{Map, Value};

use super::codes::{
    ApiFramework, CategoryTaxonomy, CreativeAttribute, MarkupType, MediaRating, NoBidReason,
    Protocol, SlotPositionInPod,
};
use super::de;

/// The top-level answer of a bidder to a bid request.
///
/// `id` echoes the request's id. A response with no `seatbid` (or an empty one) is a
/// no-bid, optionally explained by `nbr`; an HTTP 204 is the other common way to say it.
///
/// Build one with [`BidResponse::new`] (or [`BidResponse::no_bid`]) and struct-update
/// syntax; read one with [`BidResponse::from_json`] (or any serde deserializer).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct BidResponse<'a> {
    /// The id of the bid request this responds to.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// The bids, grouped by seat (the buyer on whose behalf they are made). Required
    /// when there is a bid; `None` (absent) and `Some(vec![])` (`"seatbid":[]`) are kept
    /// apart.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub seatbid: Option<Vec<SeatBid<'a>>>,
    /// The bidder's own id for this response, for logging and tracking; can stand in for
    /// `${AUCTION_BID_ID}` in notice URLs.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bidid: Option<Cow<'a, str>>,
    /// Currency of every price in the response, as an ISO 4217 code. The spec's default,
    /// when absent, is `USD`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cur: Option<Cow<'a, str>>,
    /// Opaque data the bidder wants stored in the exchange's cookie (base85 or similar,
    /// cookie-safe characters only).
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub customdata: Option<Cow<'a, str>>,
    /// Why the bidder did not bid. Any integer is kept, listed or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nbr: Option<NoBidReason>,
    /// Bidder-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip. Written after
    /// the known members; a key here that duplicates a known member is written twice.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

/// The bids of one seat: a buyer (advertiser, agency or trading desk) the bidder acts
/// for. A response can carry several seats, and a seat several bids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct SeatBid<'a> {
    /// The bids; the spec requires at least one ([`BidResponse::validate`] checks).
    #[serde(borrow)]
    pub bid: Vec<Bid<'a>>,
    /// The id of the buyer seat on whose behalf the bids are made.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub seat: Option<Cow<'a, str>>,
    /// `1` when the impressions must all be won together or not at all (group bid),
    /// `0` (the default) when each bid can win on its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<i32>,
    /// Bidder-specific extensions: any JSON, written back as read.
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define, kept so they round-trip.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
}

/// An offer to buy one impression of the request, at a price, with a creative.
///
/// `id`, `impid` and `price` are required: use [`Bid::new`] and struct-update syntax
/// for the rest.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Bid<'a> {
    /// The bidder's id for this bid, for logging and tracking.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// The id of the impression (`Imp.id` in the request) this bid is for.
    #[serde(borrow)]
    pub impid: Cow<'a, str>,
    /// The bid price, CPM (per thousand impressions), in the response's currency. Must
    /// be finite; the spec expects it non-negative. Integers in the input (`"price": 5`)
    /// read as `5.0` and are written back as `5.0`.
    pub price: f64,
    /// Win notice URL: the exchange calls it when this bid wins. It may carry substitution macros such as `${AUCTION_PRICE}`, and when `adm` is absent the markup is returned from this call.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub nurl: Option<Cow<'a, str>>,
    /// Billing notice URL: the exchange calls it when the impression becomes billable (typically when the ad renders). Macros are allowed.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub burl: Option<Cow<'a, str>>,
    /// Loss notice URL: the exchange calls it when this bid is known to have lost, typically with `${AUCTION_LOSS}` in it.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub lurl: Option<Cow<'a, str>>,
    /// The ad markup itself: HTML or an image tag for banners, VAST or DAAST XML for video and audio, or a native-ad JSON document held as a string. When absent, the win notice returns it.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub adm: Option<Cow<'a, str>>,
    /// The buyer's id for a pre-loaded ad, when the exchange lets ads be registered ahead of time.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub adid: Option<Cow<'a, str>>,
    /// Advertiser domains, such as `ford.com`, used by the exchange for blocking. Exchanges may require exactly one.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub adomain: Option<Vec<Cow<'a, str>>>,
    /// The advertised app's store id, for app-install ads: a bundle or package name such as `com.foo.mygame` on Android, the numeric App Store id on iOS.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bundle: Option<Cow<'a, str>>,
    /// URL of an image that represents the campaign, for the exchange's ad-quality review; not the ad itself.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub iurl: Option<Cow<'a, str>>,
    /// Campaign id, so an exchange's ad-quality review can group creatives; pairs with `iurl`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cid: Option<Cow<'a, str>>,
    /// Creative id, so an exchange's ad-quality review can identify this creative.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub crid: Option<Cow<'a, str>>,
    /// The tactic id this bid uses, for exchanges that publish a list of allowed tactics.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub tactic: Option<Cow<'a, str>>,
    /// Which taxonomy the codes in `cat` come from. The spec's default, when absent, is IAB Content Category Taxonomy 1.0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cattax: Option<CategoryTaxonomy>,
    /// Content categories of the creative, in the taxonomy named by `cattax`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub cat: Option<Vec<Cow<'a, str>>>,
    /// Attributes of the creative (auto-play audio, expandable, and so on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attr: Option<Vec<CreativeAttribute>>,
    /// API frameworks the markup needs, all of them (new in 2.6; replaces `api`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apis: Option<Vec<ApiFramework>>,
    /// One API framework the markup needs. Deprecated in OpenRTB 2.6 in favour of `apis`; kept because older bidders still send it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<ApiFramework>,
    /// The video or audio protocol of the markup (VAST version, wrapper or inline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// The creative's audience rating under the IQG guidelines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qagmediarating: Option<MediaRating>,
    /// Language of the creative as an ISO 639-1 alpha-2 code; mutually exclusive with `langb`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub language: Option<Cow<'a, str>>,
    /// Language of the creative as an IETF BCP 47 tag (for example `zh-Hant`); mutually exclusive with `language`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub langb: Option<Cow<'a, str>>,
    /// The id of the private-marketplace deal from the request that this bid is for, when it is a deal bid.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub dealid: Option<Cow<'a, str>>,
    /// Width of the creative in device-independent pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    /// Height of the creative in device-independent pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    /// Relative width, when the creative is flexible and sized by ratio rather than pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wratio: Option<i64>,
    /// Relative height, when the creative is flexible and sized by ratio rather than pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hratio: Option<i64>,
    /// How many seconds the bidder is willing to wait between this auction and the impression; past that, the bid should not be served.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    /// Duration of a video or audio creative, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dur: Option<i64>,
    /// The kind of markup in `adm` (banner, video, audio, native), so the exchange can match it to the impression's sub-object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mtype: Option<MarkupType>,
    /// The only slot of a video or audio ad pod this bid may fill (first, last, any). Signed: the last slot is `-1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slotinpod: Option<SlotPositionInPod>,
    /// Bidder-specific extensions: any JSON, written back as read (an explicit `null`
    /// included).
    #[serde(
        default,
        deserialize_with = "de::ext",
        skip_serializing_if = "Option::is_none"
    )]
    pub ext: Option<Value>,
    /// Members that OpenRTB 2.6 does not define (`ttl`, `podid`...), kept so they
    /// round-trip.
    #[serde(flatten)]
    pub unknown: Map<String, Value>,
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

impl<'a> BidResponse<'a> {
    /// A response to the request with this id, with nothing else set: add seats with
    /// [`with_seatbid`](Self::with_seatbid) or struct-update syntax.
    ///
    /// ```
    /// use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid};
    ///
    /// let resp = BidResponse {
    ///     cur: Some("EUR".into()),
    ///     ..BidResponse::new("req-1")
    /// }
    /// .with_seatbid(SeatBid::new(vec![Bid::new("b1", "imp-1", 1.25)]));
    /// assert!(resp.validate().is_ok());
    /// ```
    pub fn new(id: impl Into<Cow<'a, str>>) -> Self {
        BidResponse {
            id: id.into(),
            ..Default::default()
        }
    }

    /// A no-bid: `{"id":...,"nbr":...}` with no seats.
    pub fn no_bid(id: impl Into<Cow<'a, str>>, reason: NoBidReason) -> Self {
        BidResponse {
            nbr: Some(reason),
            ..BidResponse::new(id)
        }
    }

    /// Appends a seat, creating `seatbid` if it was absent.
    #[must_use]
    pub fn with_seatbid(mut self, seatbid: SeatBid<'a>) -> Self {
        self.seatbid.get_or_insert_with(Vec::new).push(seatbid);
        self
    }

    /// Reads a response from JSON text, borrowing strings from `json` where they hold
    /// no escape sequences (see the [module docs](super) for where serde must copy).
    ///
    /// # Errors
    ///
    /// serde_json's error when `json` is not valid JSON or not a bid response.
    pub fn from_json(json: &'a str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Every bid of every seat, in order.
    pub fn bids(&self) -> impl Iterator<Item = &Bid<'a>> {
        self.seatbid.iter().flatten().flat_map(|s| s.bid.iter())
    }

    /// Whether the response carries no bid at all (no seat, or only empty seats).
    pub fn is_no_bid(&self) -> bool {
        self.bids().next().is_none()
    }

    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> BidResponse<'static> {
        BidResponse {
            id: own(self.id),
            seatbid: self
                .seatbid
                .map(|v| v.into_iter().map(SeatBid::into_owned).collect()),
            bidid: own_opt(self.bidid),
            cur: own_opt(self.cur),
            customdata: own_opt(self.customdata),
            nbr: self.nbr,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

impl<'a> SeatBid<'a> {
    /// A seat holding these bids, with no seat id.
    pub fn new(bid: Vec<Bid<'a>>) -> Self {
        SeatBid {
            bid,
            ..Default::default()
        }
    }

    /// Sets the seat id.
    #[must_use]
    pub fn with_seat(mut self, seat: impl Into<Cow<'a, str>>) -> Self {
        self.seat = Some(seat.into());
        self
    }

    /// A copy that owns all its strings.
    pub fn into_owned(self) -> SeatBid<'static> {
        SeatBid {
            bid: self.bid.into_iter().map(Bid::into_owned).collect(),
            seat: own_opt(self.seat),
            group: self.group,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

impl<'a> Bid<'a> {
    /// A bid with its three required members; everything else absent.
    ///
    /// ```
    /// use pooled_serialize::openrtb::{Bid, MarkupType};
    ///
    /// let creative = "<div>ad</div>"; // e.g. from a creative cache: borrowed, not copied
    /// let bid = Bid {
    ///     adm: Some(creative.into()),
    ///     crid: Some("cr-9".into()),
    ///     mtype: Some(MarkupType::BANNER),
    ///     ..Bid::new("b1", "imp-1", 0.42)
    /// };
    /// assert_eq!(bid.price, 0.42);
    /// ```
    pub fn new(id: impl Into<Cow<'a, str>>, impid: impl Into<Cow<'a, str>>, price: f64) -> Self {
        Bid {
            id: id.into(),
            impid: impid.into(),
            price,
            ..Default::default()
        }
    }

    /// A copy that owns all its strings.
    pub fn into_owned(self) -> Bid<'static> {
        Bid {
            id: own(self.id),
            impid: own(self.impid),
            price: self.price,
            nurl: own_opt(self.nurl),
            burl: own_opt(self.burl),
            lurl: own_opt(self.lurl),
            adm: own_opt(self.adm),
            adid: own_opt(self.adid),
            adomain: own_vec(self.adomain),
            bundle: own_opt(self.bundle),
            iurl: own_opt(self.iurl),
            cid: own_opt(self.cid),
            crid: own_opt(self.crid),
            tactic: own_opt(self.tactic),
            cattax: self.cattax,
            cat: own_vec(self.cat),
            attr: self.attr,
            apis: self.apis,
            api: self.api,
            protocol: self.protocol,
            qagmediarating: self.qagmediarating,
            language: own_opt(self.language),
            langb: own_opt(self.langb),
            dealid: own_opt(self.dealid),
            w: self.w,
            h: self.h,
            wratio: self.wratio,
            hratio: self.hratio,
            exp: self.exp,
            dur: self.dur,
            mtype: self.mtype,
            slotinpod: self.slotinpod,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}
