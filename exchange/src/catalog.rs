//! The in-memory creative catalog and the bidding rule.
//!
//! The rule is deterministic (the same request always gets the same response) and reads
//! what a real bidder reads: the media each impression accepts, its floor and currency,
//! the device type, site or app, the country, whether the user is known, `tmax`, `cur`,
//! `bcat` and `badv`. Creatives are built once at start-up and every bid borrows its
//! markup, URLs and domains from the catalog: nothing is copied per response.

use std::borrow::Cow;

use pooled_serialize::openrtb::{Bid, BidResponse, MarkupType, SeatBid};

use crate::model::{BidRequest, Imp};

/// What a creative is, and what slot it fits.
#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    /// An HTML banner of this size.
    Banner {
        /// Width.
        w: u32,
        /// Height.
        h: u32,
    },
    /// A VAST video.
    Video {
        /// MIME type of the media file.
        mime: &'static str,
        /// Seconds.
        duration: u32,
        /// Width.
        w: u32,
        /// Height.
        h: u32,
    },
    /// A native ad (Native Ads 1.2 response JSON).
    Native,
}

/// One creative, ready to bid with.
#[derive(Debug, Clone)]
pub struct Creative {
    /// Creative id (`crid`).
    pub crid: &'static str,
    /// Campaign id (`cid`).
    pub cid: &'static str,
    /// The buying seat.
    pub seat: &'static str,
    /// Base price, USD CPM, before the request's multipliers.
    pub base_cpm: f64,
    /// Advertiser domains (`adomain`).
    pub adomain: Vec<Cow<'static, str>>,
    /// IAB content categories (`cat`).
    pub cat: Vec<Cow<'static, str>>,
    /// What it is.
    pub format: Format,
    /// The markup (`adm`): HTML, VAST XML or native JSON.
    pub adm: String,
    /// Win notice URL (`nurl`), with the `${AUCTION_PRICE}` macro.
    pub nurl: String,
    /// Billing notice URL (`burl`).
    pub burl: String,
}

/// The seats this bidder buys for, in the order their seat bids are written.
pub const SEATS: [&str; 2] = ["dsp-alpha", "dsp-beta"];

/// The creatives, in preference order (the first of two equal prices wins).
#[derive(Debug, Clone)]
pub struct Catalog {
    /// All creatives.
    pub creatives: Vec<Creative>,
}

fn html_banner(crid: &str, w: u32, h: u32, headline: &str) -> String {
    format!(
        "<div class=\"ad ad-{w}x{h}\" style=\"width:{w}px;height:{h}px\">\n\
         \t<a href=\"https://click.ads.example/c?crid={crid}&amp;auction=${{AUCTION_ID}}&amp;price=${{AUCTION_PRICE}}\" target=\"_blank\" rel=\"noopener\">\n\
         \t\t<img src=\"https://cdn.ads.example/{crid}/{w}x{h}.webp\" width=\"{w}\" height=\"{h}\" alt=\"{headline}\"/>\n\
         \t</a>\n\
         \t<img src=\"https://track.ads.example/imp?crid={crid}&amp;cb=${{AUCTION_BID_ID}}\" width=\"1\" height=\"1\" style=\"display:none\"/>\n\
         \t<script>window.__adLoaded && window.__adLoaded(\"{crid}\");</script>\n\
         </div>"
    )
}

fn vast(crid: &str, duration: u32, mime: &str, w: u32, h: u32, title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <VAST version=\"4.2\" xmlns=\"http://www.iab.com/VAST\">\n\
         <Ad id=\"{crid}\">\n<InLine>\n\
         <AdSystem version=\"1.0\">ads.example</AdSystem>\n\
         <AdTitle><![CDATA[{title}]]></AdTitle>\n\
         <Impression id=\"imp\"><![CDATA[https://track.ads.example/vimp?crid={crid}&price=${{AUCTION_PRICE}}]]></Impression>\n\
         <Error><![CDATA[https://track.ads.example/verr?crid={crid}&code=[ERRORCODE]]]></Error>\n\
         <Creatives>\n<Creative id=\"{crid}-1\" sequence=\"1\">\n<Linear>\n\
         <Duration>00:00:{duration:02}</Duration>\n\
         <TrackingEvents>\n\
         <Tracking event=\"start\"><![CDATA[https://track.ads.example/v?e=start&crid={crid}]]></Tracking>\n\
         <Tracking event=\"firstQuartile\"><![CDATA[https://track.ads.example/v?e=q1&crid={crid}]]></Tracking>\n\
         <Tracking event=\"midpoint\"><![CDATA[https://track.ads.example/v?e=mid&crid={crid}]]></Tracking>\n\
         <Tracking event=\"thirdQuartile\"><![CDATA[https://track.ads.example/v?e=q3&crid={crid}]]></Tracking>\n\
         <Tracking event=\"complete\"><![CDATA[https://track.ads.example/v?e=done&crid={crid}]]></Tracking>\n\
         </TrackingEvents>\n\
         <VideoClicks><ClickThrough><![CDATA[https://brand.example/landing?utm_source=ads&crid={crid}]]></ClickThrough></VideoClicks>\n\
         <MediaFiles>\n\
         <MediaFile delivery=\"progressive\" type=\"{mime}\" width=\"{w}\" height=\"{h}\" bitrate=\"2500\"><![CDATA[https://cdn.ads.example/{crid}/{w}x{h}.mp4]]></MediaFile>\n\
         <MediaFile delivery=\"progressive\" type=\"{mime}\" width=\"640\" height=\"360\" bitrate=\"800\"><![CDATA[https://cdn.ads.example/{crid}/640x360.mp4]]></MediaFile>\n\
         </MediaFiles>\n</Linear>\n</Creative>\n</Creatives>\n</InLine>\n</Ad>\n</VAST>"
    )
}

fn native(crid: &str, title: &str, body: &str) -> String {
    // A Native Ads 1.2 response: JSON text that travels inside the `adm` string, so every
    // quote is escaped on the wire.
    format!(
        "{{\"native\":{{\"ver\":\"1.2\",\"assets\":[\
         {{\"id\":1,\"required\":1,\"title\":{{\"text\":\"{title}\"}}}},\
         {{\"id\":2,\"required\":1,\"img\":{{\"type\":3,\"url\":\"https://cdn.ads.example/{crid}/main-1200x627.jpg\",\"w\":1200,\"h\":627}}}},\
         {{\"id\":3,\"img\":{{\"type\":1,\"url\":\"https://cdn.ads.example/{crid}/icon-80.png\",\"w\":80,\"h\":80}}}},\
         {{\"id\":4,\"data\":{{\"type\":2,\"value\":\"{body}\"}}}},\
         {{\"id\":5,\"data\":{{\"type\":12,\"value\":\"Learn more\"}}}}],\
         \"link\":{{\"url\":\"https://brand.example/landing?crid={crid}\",\"clicktrackers\":[\"https://track.ads.example/click?crid={crid}\"]}},\
         \"eventtrackers\":[{{\"event\":1,\"method\":1,\"url\":\"https://track.ads.example/nimp?crid={crid}&price=${{AUCTION_PRICE}}\"}}]}}}}"
    )
}

#[allow(clippy::too_many_arguments)]
fn creative(
    crid: &'static str,
    cid: &'static str,
    seat: &'static str,
    base_cpm: f64,
    domain: &'static str,
    cat: &'static str,
    format: Format,
    adm: String,
) -> Creative {
    Creative {
        crid,
        cid,
        seat,
        base_cpm,
        adomain: vec![Cow::Borrowed(domain)],
        cat: vec![Cow::Borrowed(cat)],
        format,
        adm,
        nurl: format!("https://win.ads.example/nurl?crid={crid}&price=${{AUCTION_PRICE}}&auction=${{AUCTION_ID}}"),
        burl: format!("https://win.ads.example/burl?crid={crid}&price=${{AUCTION_PRICE}}"),
    }
}

impl Catalog {
    /// A small catalog: HTML banners in the common sizes, two VAST videos, two native ads,
    /// over two seats.
    #[rustfmt::skip]
    pub fn sample() -> Catalog {
        let [alpha, beta] = SEATS;
        let banner = |w, h| Format::Banner { w, h };
        let creatives = vec![
            creative("ban-300x250-a", "camp-shoes", alpha, 1.10, "shoes.example", "IAB18",
                banner(300, 250), html_banner("ban-300x250-a", 300, 250, "Trail shoes – 20 % off")),
            creative("ban-300x250-b", "camp-coffee", beta, 0.95, "coffee.example", "IAB8",
                banner(300, 250), html_banner("ban-300x250-b", 300, 250, "Café crème, roasted \"fresh\"")),
            creative("ban-728x90-a", "camp-shoes", alpha, 0.80, "shoes.example", "IAB18",
                banner(728, 90), html_banner("ban-728x90-a", 728, 90, "Trail shoes")),
            creative("ban-320x50-b", "camp-coffee", beta, 0.60, "coffee.example", "IAB8",
                banner(320, 50), html_banner("ban-320x50-b", 320, 50, "Coffee ☕ delivered")),
            creative("ban-970x250-b", "camp-travel", beta, 2.40, "travel.example", "IAB20",
                banner(970, 250), html_banner("ban-970x250-b", 970, 250, "Fly to Zürich from 99 €")),
            creative("ban-300x600-a", "camp-travel", alpha, 1.90, "travel.example", "IAB20",
                banner(300, 600), html_banner("ban-300x600-a", 300, 600, "Weekend in Lisbon")),
            creative("vid-30s-a", "camp-auto", alpha, 9.50, "auto.example", "IAB2",
                Format::Video { mime: "video/mp4", duration: 30, w: 1920, h: 1080 },
                vast("vid-30s-a", 30, "video/mp4", 1920, 1080, "The new EV: 500 km & more")),
            creative("vid-15s-b", "camp-coffee", beta, 6.25, "coffee.example", "IAB8",
                Format::Video { mime: "video/webm", duration: 15, w: 1280, h: 720 },
                vast("vid-15s-b", 15, "video/webm", 1280, 720, "Morning ritual")),
            creative("nat-feed-a", "camp-shoes", alpha, 1.45, "shoes.example", "IAB18",
                Format::Native,
                native("nat-feed-a", "Run further", "Cushioned trail shoes, tested on 1000 km of \\\"real\\\" mountain paths.")),
            creative("nat-feed-b", "camp-travel", beta, 1.60, "travel.example", "IAB20",
                Format::Native,
                native("nat-feed-b", "Città d'arte", "Rome, Florence, Venice: rail passes from 59 €.")),
        ];
        Catalog { creatives }
    }

    /// The same creatives with every base price multiplied by `factor`: another buyer
    /// with the same creatives and its own valuation (the exchange's bidders differ so).
    pub fn scaled(mut self, factor: f64) -> Catalog {
        for c in &mut self.creatives {
            c.base_cpm *= factor;
        }
        self
    }

    /// The response to `req`, or `None` for a no-bid. The response borrows from both the
    /// request (ids) and the catalog (markup, URLs, domains).
    pub fn bid<'r>(&'r self, req: &'r BidRequest<'_>) -> Option<BidResponse<'r>> {
        // An exchange that cannot wait 20 ms, or that accepts no USD bid, gets nothing.
        if req.tmax.is_some_and(|t| t < 20) {
            return None;
        }
        if !req.cur.is_empty() && !req.cur.iter().any(|c| c == "USD") {
            return None;
        }
        let multiplier = context_multiplier(req);
        let mut bids: [Vec<Bid<'r>>; SEATS.len()] = Default::default();
        for imp in req.imp.as_deref().unwrap_or_default() {
            let Some(floor) = floor_usd(imp) else {
                continue;
            };
            let best = self
                .creatives
                .iter()
                .filter(|c| fits(c, imp) && !blocked(c, req))
                .map(|c| (c, round_cpm(c.base_cpm * multiplier)))
                .filter(|&(_, price)| price >= floor)
                .fold(
                    None,
                    |best: Option<(&Creative, f64)>, (c, price)| match best {
                        Some((_, p)) if p >= price => best,
                        _ => Some((c, price)),
                    },
                );
            let Some((c, price)) = best else { continue };
            let seat = SEATS.iter().position(|s| *s == c.seat).unwrap_or(0);
            bids[seat].push(make_bid(c, imp, price));
        }
        let seatbid: Vec<SeatBid<'r>> = SEATS
            .iter()
            .zip(bids)
            .filter(|(_, bids)| !bids.is_empty())
            .map(|(seat, bids)| SeatBid::new(bids).with_seat(*seat))
            .collect();
        if seatbid.is_empty() {
            return None;
        }
        Some(BidResponse {
            seatbid: Some(seatbid),
            bidid: Some(Cow::Borrowed(&*req.id)),
            cur: Some(Cow::Borrowed("USD")),
            ..BidResponse::new(Cow::Borrowed(&*req.id))
        })
    }
}

fn make_bid<'r>(c: &'r Creative, imp: &'r Imp<'_>, price: f64) -> Bid<'r> {
    let (w, h, mtype) = match c.format {
        Format::Banner { w, h } => (Some(w), Some(h), MarkupType::BANNER),
        Format::Video { w, h, .. } => (Some(w), Some(h), MarkupType::VIDEO),
        Format::Native => (None, None, MarkupType::NATIVE),
    };
    let dur = match c.format {
        Format::Video { duration, .. } => Some(i64::from(duration)),
        _ => None,
    };
    Bid {
        nurl: Some(Cow::Borrowed(&c.nurl)),
        burl: Some(Cow::Borrowed(&c.burl)),
        adm: Some(Cow::Borrowed(&c.adm)),
        adid: Some(Cow::Borrowed(c.crid)),
        adomain: Some(c.adomain.clone()),
        cid: Some(Cow::Borrowed(c.cid)),
        crid: Some(Cow::Borrowed(c.crid)),
        cat: Some(c.cat.clone()),
        w: w.map(i64::from),
        h: h.map(i64::from),
        dur,
        mtype: Some(mtype),
        // One bid per impression: the impression id is a unique bid id.
        ..Bid::new(Cow::Borrowed(&*imp.id), Cow::Borrowed(&*imp.id), price)
    }
}

/// Whether the creative fits what the impression accepts.
fn fits(c: &Creative, imp: &Imp<'_>) -> bool {
    match &c.format {
        Format::Banner { w, h } => imp.banner.as_ref().is_some_and(|b| b.accepts(*w, *h)),
        Format::Video { mime, duration, .. } => imp.video.as_ref().is_some_and(|v| {
            v.mimes.iter().any(|m| m == mime)
                && v.minduration.map_or(true, |min| *duration >= min)
                && v.maxduration.map_or(true, |max| *duration <= max)
        }),
        Format::Native => imp.native.is_some(),
    }
}

/// Whether the request blocks the creative's category or advertiser.
fn blocked(c: &Creative, req: &BidRequest<'_>) -> bool {
    c.cat.iter().any(|cat| req.bcat.contains(cat)) || c.adomain.iter().any(|d| req.badv.contains(d))
}

/// The impression's floor in USD; `None` for a currency this bidder does not price in.
fn floor_usd(imp: &Imp<'_>) -> Option<f64> {
    let rate = match imp.bidfloorcur.as_deref().unwrap_or("USD") {
        "USD" => 1.0,
        "EUR" => 1.08,
        "GBP" => 1.27,
        "CAD" => 0.73,
        _ => return None,
    };
    Some(imp.bidfloor * rate)
}

/// How much this context is worth relative to a desktop site in a tier-2 country.
fn context_multiplier(req: &BidRequest<'_>) -> f64 {
    let device = req.device.as_ref();
    let by_device = match device.and_then(|d| d.devicetype) {
        Some(3 | 7) => 1.5,     // connected TV, set-top box
        Some(1 | 4 | 5) => 1.2, // mobile, phone, tablet
        _ => 1.0,
    };
    let by_inventory = if req.app.is_some() { 1.1 } else { 1.0 };
    let country = device
        .and_then(|d| d.geo.as_ref())
        .and_then(|g| g.country.as_deref());
    let by_country = match country {
        Some("USA" | "GBR" | "CAN" | "DEU" | "FRA" | "AUS") => 1.25,
        Some(_) => 0.8,
        None => 0.6,
    };
    let by_user = if req.user.as_ref().is_some_and(|u| u.buyeruid.is_some()) {
        1.15
    } else {
        1.0
    };
    by_device * by_inventory * by_country * by_user
}

/// A CPM rounded to 1/10000 of a currency unit, as exchanges expect.
fn round_cpm(cpm: f64) -> f64 {
    (cpm * 10_000.0).round() / 10_000.0
}
