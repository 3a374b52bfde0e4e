//! The part of an OpenRTB 2.6 `BidRequest` this bidder reads.
//!
//! Strings are `Cow<'a, str>` borrowed from the request body where they hold no escape
//! sequence. Members not listed here (`regs`, `source`, `ext`...) are skipped by serde:
//! unknown fields are ignored, as OpenRTB asks of a bidder.

// The model covers what a bidder typically reads; this example's bidding rule looks at a
// subset (the rest is parsed, validated and available to a richer rule).

use std::borrow::Cow;

use serde::Deserialize;

/// The top-level bid request.
#[derive(Debug, Deserialize)]
pub struct BidRequest<'a> {
    /// The auction id, echoed in the response.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// The impressions on offer: at least one is required (`None` when absent).
    #[serde(borrow)]
    pub imp: Option<Vec<Imp<'a>>>,
    /// The website, for web inventory.
    #[serde(borrow)]
    pub site: Option<Site<'a>>,
    /// The application, for in-app inventory.
    #[serde(borrow)]
    pub app: Option<App<'a>>,
    /// The device the ad will show on.
    #[serde(borrow)]
    pub device: Option<Device<'a>>,
    /// The person behind the device.
    #[serde(borrow)]
    pub user: Option<User<'a>>,
    /// Milliseconds the exchange waits for bids, network included.
    pub tmax: Option<u32>,
    /// Currencies the exchange accepts for bids (ISO-4217); empty means USD.
    #[serde(default)]
    pub cur: Vec<Cow<'a, str>>,
    /// Blocked advertiser categories.
    #[serde(default)]
    pub bcat: Vec<Cow<'a, str>>,
    /// Blocked advertiser domains.
    #[serde(default)]
    pub badv: Vec<Cow<'a, str>>,
    /// 1 for a test auction (no billing).
    #[serde(default)]
    pub test: u8,
}

/// One impression on offer.
#[derive(Debug, Deserialize)]
pub struct Imp<'a> {
    /// Unique within the request; bids name it in `impid`.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Present when a banner is accepted.
    pub banner: Option<Banner>,
    /// Present when a video is accepted.
    #[serde(borrow)]
    pub video: Option<Video<'a>>,
    /// Present when a native ad is accepted.
    #[serde(borrow)]
    pub native: Option<Native<'a>>,
    /// Minimum bid, CPM, in `bidfloorcur`.
    #[serde(default)]
    pub bidfloor: f64,
    /// Currency of `bidfloor`; USD when absent.
    #[serde(borrow)]
    pub bidfloorcur: Option<Cow<'a, str>>,
    /// The publisher's placement id.
    #[serde(borrow)]
    pub tagid: Option<Cow<'a, str>>,
    /// 1 when the creative must use https.
    pub secure: Option<u8>,
}

/// A banner slot: one size (`w` x `h`) or a list of accepted sizes (`format`).
#[derive(Debug, Deserialize)]
pub struct Banner {
    /// Width in device-independent pixels.
    pub w: Option<u32>,
    /// Height in device-independent pixels.
    pub h: Option<u32>,
    /// Accepted sizes.
    #[serde(default)]
    pub format: Vec<Format>,
    /// Position on screen (OpenRTB list 5.4).
    pub pos: Option<u8>,
}

impl Banner {
    /// Whether a `w` x `h` creative fits the slot.
    pub fn accepts(&self, w: u32, h: u32) -> bool {
        (self.w == Some(w) && self.h == Some(h)) || self.format.iter().any(|f| f.w == w && f.h == h)
    }
}

/// One accepted banner size.
#[derive(Debug, Deserialize)]
pub struct Format {
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

/// A video slot.
#[derive(Debug, Deserialize)]
pub struct Video<'a> {
    /// Accepted MIME types (`video/mp4`...).
    #[serde(default)]
    pub mimes: Vec<Cow<'a, str>>,
    /// Minimum duration in seconds.
    pub minduration: Option<u32>,
    /// Maximum duration in seconds.
    pub maxduration: Option<u32>,
    /// Player width.
    pub w: Option<u32>,
    /// Player height.
    pub h: Option<u32>,
    /// Accepted VAST protocols (OpenRTB list 5.8).
    #[serde(default)]
    pub protocols: Vec<u16>,
}

/// A native slot: `request` is the Native Ads request, itself JSON text.
#[derive(Debug, Deserialize)]
pub struct Native<'a> {
    /// The Native Ads request document.
    #[serde(borrow)]
    pub request: Cow<'a, str>,
    /// Native Ads API version.
    #[serde(borrow)]
    pub ver: Option<Cow<'a, str>>,
}

/// Web inventory.
#[derive(Debug, Deserialize)]
pub struct Site<'a> {
    /// Exchange-specific site id.
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
    /// The site's domain.
    #[serde(borrow)]
    pub domain: Option<Cow<'a, str>>,
    /// The page URL.
    #[serde(borrow)]
    pub page: Option<Cow<'a, str>>,
    /// Content categories.
    #[serde(default)]
    pub cat: Vec<Cow<'a, str>>,
    /// The publisher.
    #[serde(borrow)]
    pub publisher: Option<Publisher<'a>>,
}

/// In-app inventory.
#[derive(Debug, Deserialize)]
pub struct App<'a> {
    /// Exchange-specific app id.
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
    /// Store id (`com.example.game`, `1234567890`).
    #[serde(borrow)]
    pub bundle: Option<Cow<'a, str>>,
    /// App name.
    #[serde(borrow)]
    pub name: Option<Cow<'a, str>>,
    /// The publisher.
    #[serde(borrow)]
    pub publisher: Option<Publisher<'a>>,
}

/// The publisher of a site or app.
#[derive(Debug, Deserialize)]
pub struct Publisher<'a> {
    /// Exchange-specific publisher id.
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
}

/// The device.
#[derive(Debug, Deserialize)]
pub struct Device<'a> {
    /// User agent.
    #[serde(borrow)]
    pub ua: Option<Cow<'a, str>>,
    /// IPv4 address.
    #[serde(borrow)]
    pub ip: Option<Cow<'a, str>>,
    /// OpenRTB list 5.21: 1 mobile/tablet, 2 PC, 3 connected TV, 4 phone, 5 tablet,
    /// 6 connected device, 7 set-top box.
    pub devicetype: Option<u8>,
    /// Operating system.
    #[serde(borrow)]
    pub os: Option<Cow<'a, str>>,
    /// Where the device is.
    #[serde(borrow)]
    pub geo: Option<Geo<'a>>,
}

/// A location.
#[derive(Debug, Deserialize)]
pub struct Geo<'a> {
    /// ISO-3166-1 alpha-3 country code.
    #[serde(borrow)]
    pub country: Option<Cow<'a, str>>,
}

/// The person behind the device.
#[derive(Debug, Deserialize)]
pub struct User<'a> {
    /// Exchange-specific user id.
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
    /// This bidder's id for the user, from a cookie sync.
    #[serde(borrow)]
    pub buyeruid: Option<Cow<'a, str>>,
}
