//! `Imp` and what it carries besides its media: metrics, the native request, deals, quantity,
//! floors by duration and refresh settings.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::openrtb::de;
use crate::PooledSerialize;

use super::{own, own_opt, own_vec};
use super::{Audio, Banner, Video};
use crate::openrtb::codes::{
    AdInsertion, ApiFramework, AuctionType, AutoRefreshTrigger, CreativeAttribute,
    MultiplierSourceType,
};

/// An ad placement or impression being auctioned, with the media it may be filled with
/// (`banner`, `video`, `audio`, `native`) and its floor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Imp<'a> {
    /// A unique identifier for this impression within the context of the bid request
    /// (typically, starts with 1 and increments).
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Metrics of the impression (viewability, click-through rate...).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Vec<Metric<'a>>>,
    /// A Banner object; required if this impression is offered as a banner ad opportunity.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub banner: Option<Banner<'a>>,
    /// A Video object; required if this impression is offered as a video ad opportunity.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub video: Option<Video<'a>>,
    /// An Audio object; required if this impression is offered as an audio ad opportunity.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Audio<'a>>,
    /// A Native object; required if this impression is offered as a native ad opportunity.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub native: Option<Native<'a>>,
    /// A Pmp object containing any private marketplace deals in effect for this impression.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub pmp: Option<Pmp<'a>>,
    /// Name of ad mediation partner, SDK technology, or player responsible for rendering the
    /// ad.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub displaymanager: Option<Cow<'a, str>>,
    /// Version of ad mediation partner, SDK technology, or player responsible for rendering the
    /// ad.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub displaymanagerver: Option<Cow<'a, str>>,
    /// 1 = the ad is interstitial or full screen, 0 = not interstitial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instl: Option<i32>,
    /// Identifier for specific ad placement or ad tag that was used to initiate the auction.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub tagid: Option<Cow<'a, str>>,
    /// Minimum bid for this impression expressed in CPM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bidfloor: Option<f64>,
    /// Currency of `bidfloor`, as an ISO-4217 alpha code; the spec's default is `USD`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bidfloorcur: Option<Cow<'a, str>>,
    /// Indicates the type of browser opened upon clicking the creative in an app, where 0 =
    /// embedded, 1 = native.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clickbrowser: Option<i32>,
    /// Flag to indicate if the impression requires secure HTTPS URL creative assets and markup,
    /// where 0 = non-secure, 1 = secure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secure: Option<i32>,
    /// Array of exchange-specific names of supported iframe busters.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub iframebuster: Option<Vec<Cow<'a, str>>>,
    /// Indicates whether the user receives a reward for viewing the ad, where 0 = no, 1 = yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rwdd: Option<i32>,
    /// Whether server-side ad insertion is in use, and its impact on asset and tracker
    /// retrieval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssai: Option<AdInsertion>,
    /// Advisory as to the number of seconds that may elapse between the auction and the actual
    /// impression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    /// A multiplier: the total quantity of impressions for ads shown to more than one person
    /// (DOOH).
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub qty: Option<Qty<'a>>,
    /// Timestamp when the item is estimated to be fulfilled (for example when a DOOH impression
    /// will be displayed), in Unix format (milliseconds since the epoch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dt: Option<f64>,
    /// Details about the automatic refreshing of this ad slot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh: Option<Refresh>,
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

impl Imp<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Imp<'static> {
        Imp {
            id: own(self.id),
            metric: self
                .metric
                .map(|v| v.into_iter().map(Metric::into_owned).collect()),
            banner: self.banner.map(Banner::into_owned),
            video: self.video.map(Video::into_owned),
            audio: self.audio.map(Audio::into_owned),
            native: self.native.map(Native::into_owned),
            pmp: self.pmp.map(Pmp::into_owned),
            displaymanager: own_opt(self.displaymanager),
            displaymanagerver: own_opt(self.displaymanagerver),
            instl: self.instl,
            tagid: own_opt(self.tagid),
            bidfloor: self.bidfloor,
            bidfloorcur: own_opt(self.bidfloorcur),
            clickbrowser: self.clickbrowser,
            secure: self.secure,
            iframebuster: own_vec(self.iframebuster),
            rwdd: self.rwdd,
            ssai: self.ssai,
            exp: self.exp,
            qty: self.qty.map(Qty::into_owned),
            dt: self.dt,
            refresh: self.refresh,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// A metric of the impression as measured by the exchange or a vendor (viewability,
/// click-through rate...).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Metric<'a> {
    /// Type of metric being presented using exchange curated string names which should be
    /// published to bidders a priori. Required by the spec;
    /// [`BidRequest::validate`](super::BidRequest::validate) reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#type: Option<Cow<'a, str>>,
    /// Number representing the value of the metric; probabilities must be in the range 0.0 to
    /// 1.0. Required by the spec; [`BidRequest::validate`](super::BidRequest::validate) reports
    /// it missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Source of the value using exchange curated string names which should be published to
    /// bidders a priori.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub vendor: Option<Cow<'a, str>>,
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

impl Metric<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Metric<'static> {
        Metric {
            r#type: own_opt(self.r#type),
            value: self.value,
            vendor: own_opt(self.vendor),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// A native impression. The native request itself stays what the spec defines: a JSON
/// document held as a string in `request`.
///
/// A `request` given as a JSON object (a common deviation from the spec) does not fit that
/// string: it is kept in `unknown` under the key `request` and written back from there, so
/// the document round-trips; `request` then reads as `None` and
/// [`BidRequest::validate`](super::BidRequest::validate) reports it as not a string.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[serde(from = "NativeRepr<'a>")]
#[pooled(crate)]
pub struct Native<'a> {
    /// Request payload complying with the Native Ad Specification: a JSON document held as a
    /// string. Required by the spec; [`BidRequest::validate`](super::BidRequest::validate)
    /// reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub request: Option<Cow<'a, str>>,
    /// Version of the Dynamic Native Ads API to which `request` complies; highly recommended.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub ver: Option<Cow<'a, str>>,
    /// List of supported API frameworks for this impression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<Vec<ApiFramework>>,
    /// Blocked creative attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battr: Option<Vec<CreativeAttribute>>,
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

impl Native<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Native<'static> {
        Native {
            request: own_opt(self.request),
            ver: own_opt(self.ver),
            api: self.api,
            battr: self.battr,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// The private marketplace deals in effect for an impression.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Pmp<'a> {
    /// Indicator of auction eligibility to seats named in the deals, where 0 = all bids are
    /// accepted, 1 = bids are restricted to the deals specified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_auction: Option<i32>,
    /// Array of Deal (Section 3.2.12) objects that convey the specific deals applicable to this
    /// impression.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub deals: Option<Vec<Deal<'a>>>,
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

impl Pmp<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Pmp<'static> {
        Pmp {
            private_auction: self.private_auction,
            deals: self
                .deals
                .map(|v| v.into_iter().map(Deal::into_owned).collect()),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// One deal between a buyer and a seller, offered on an impression.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Deal<'a> {
    /// A unique identifier for the direct deal. Required by the spec;
    /// [`BidRequest::validate`](super::BidRequest::validate) reports it missing.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Cow<'a, str>>,
    /// Minimum bid for this impression expressed in CPM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bidfloor: Option<f64>,
    /// Currency of `bidfloor`, as an ISO-4217 alpha code; the spec's default is `USD`.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub bidfloorcur: Option<Cow<'a, str>>,
    /// Optional override of the request's auction type, where 1 = First Price, 2 = Second Price
    /// Plus, 3 = the value passed in `bidfloor` is the agreed-upon deal price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<AuctionType>,
    /// Whitelist of buyer seats (e.g., advertisers, agencies) allowed to bid on this deal.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub wseat: Option<Vec<Cow<'a, str>>>,
    /// Array of advertiser domains (e.g., advertiser.com) allowed to bid on this deal.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_vec_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub wadomain: Option<Vec<Cow<'a, str>>>,
    /// Indicates that the deal is of type guaranteed and the bidder must bid on the deal, where
    /// 0 = not a guaranteed deal, 1 = guaranteed deal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guar: Option<i32>,
    /// Minimum CPM per second; a floor for the dynamic portion of a video or audio pod, or for
    /// dynamic durations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mincpmpersec: Option<f64>,
    /// Floor prices by duration, used if the deal is eligible for video or audio demand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub durfloors: Option<Vec<DurFloors>>,
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

impl Deal<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Deal<'static> {
        Deal {
            id: own_opt(self.id),
            bidfloor: self.bidfloor,
            bidfloorcur: own_opt(self.bidfloorcur),
            at: self.at,
            wseat: own_vec(self.wseat),
            wadomain: own_vec(self.wadomain),
            guar: self.guar,
            mincpmpersec: self.mincpmpersec,
            durfloors: self.durfloors,
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// How many impressions one play of the ad counts for (DOOH screens seen by more than one
/// person).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Qty<'a> {
    /// The quantity of billable events which will be deemed to have occurred if this item is
    /// purchased. Required by the spec; [`BidRequest::validate`](super::BidRequest::validate)
    /// reports it missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    /// The source type of the quantity measurement (publisher, exchange, measurement vendor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sourcetype: Option<MultiplierSourceType>,
    /// The top-level business domain of the measurement vendor; required when `sourcetype` is
    /// 1.
    #[serde(
        default,
        borrow,
        deserialize_with = "de::opt_cow_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub vendor: Option<Cow<'a, str>>,
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

impl Qty<'_> {
    /// A copy that owns all its strings, so it can outlive the input it was read from.
    pub fn into_owned(self) -> Qty<'static> {
        Qty {
            multiplier: self.multiplier,
            sourcetype: self.sourcetype,
            vendor: own_opt(self.vendor),
            ext: self.ext,
            unknown: self.unknown,
        }
    }
}

/// A floor price for creatives of one range of durations (video and audio).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct DurFloors {
    /// An integer indicating the low end of a duration range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mindur: Option<i64>,
    /// An integer indicating the high end of a duration range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maxdur: Option<i64>,
    /// Minimum bid for a given impression opportunity, if bidding with a creative in this
    /// duration range, expressed in CPM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bidfloor: Option<f64>,
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

/// How an ad slot refreshes automatically, and how often it has so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct Refresh {
    /// RefSettings objects describing how this ad placement automatically refreshes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refsettings: Option<Vec<RefSettings>>,
    /// The number of times this ad slot had been refreshed since last page load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
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

/// One automatic refresh mechanism of an ad slot.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, PooledSerialize)]
#[pooled(crate)]
pub struct RefSettings {
    /// The type of the declared auto refresh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reftype: Option<AutoRefreshTrigger>,
    /// The minimum refresh interval in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minint: Option<i64>,
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
/// How [`Native`] reads: like its own derive, except that `request` may be any JSON. A
/// string is the spec's form; anything else (an object, in practice) goes to `unknown`
/// under `request`, so it is written back as it came.
#[derive(Deserialize)]
struct NativeRepr<'a> {
    #[serde(default, borrow, deserialize_with = "de::str_or_value")]
    request: Option<de::StrOrValue<'a>>,
    #[serde(default, borrow, deserialize_with = "de::opt_cow_str")]
    ver: Option<Cow<'a, str>>,
    #[serde(default)]
    api: Option<Vec<ApiFramework>>,
    #[serde(default)]
    battr: Option<Vec<CreativeAttribute>>,
    #[serde(default, deserialize_with = "de::ext")]
    ext: Option<Value>,
    #[serde(flatten)]
    unknown: Map<String, Value>,
}

impl<'a> From<NativeRepr<'a>> for Native<'a> {
    fn from(repr: NativeRepr<'a>) -> Self {
        let mut unknown = repr.unknown;
        let request = match repr.request {
            Some(de::StrOrValue::Str(s)) => Some(s),
            Some(de::StrOrValue::Other(v)) => {
                unknown.insert("request".to_owned(), v);
                None
            }
            None => None,
        };
        Native {
            request,
            ver: repr.ver,
            api: repr.api,
            battr: repr.battr,
            ext: repr.ext,
            unknown,
        }
    }
}
