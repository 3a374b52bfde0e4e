//! The bench inputs, built from the `openrtb` model: small (~500 B), typical (~4 KB) and
//! large (~50 KB) synthetic responses, and every response of `tests/corpus/openrtb/` read
//! into the model.

use std::borrow::Cow;

use pooled_serialize::openrtb::{
    ApiFramework, Bid, BidResponse, CreativeAttribute, MarkupType, Protocol, SeatBid,
};
use serde_json::json;

use crate::openrtb;

/// The names accepted by [`build`], in the order benches report them.
pub const NAMES: [&str; 4] = ["small", "typical", "large", "corpus"];

/// The responses of one input (one for the synthetic inputs, 128 for the corpus).
pub fn build(name: &str) -> Vec<BidResponse<'static>> {
    match name {
        "small" => vec![small()],
        "typical" => vec![typical()],
        "large" => vec![large()],
        "corpus" => corpus(),
        other => panic!("unknown input {other:?}: expected one of {NAMES:?}"),
    }
}

fn s(text: impl Into<String>) -> Cow<'static, str> {
    Cow::Owned(text.into())
}

fn strs(items: &[&str]) -> Option<Vec<Cow<'static, str>>> {
    Some(items.iter().map(|&t| s(t)).collect())
}

/// ~500 B: one seat, one banner bid, a short `<a><img></a>` adm, a billing URL with
/// `${AUCTION_PRICE}`.
pub fn small() -> BidResponse<'static> {
    let bid = Bid {
        burl: Some(s(
            "https://bill.dsp.example/b?auc=${AUCTION_ID}&p=${AUCTION_PRICE}&cr=cr-4711",
        )),
        adm: Some(s(
            "<a href=\"https://click.dsp.example/c?cr=cr-4711\"><img src=\"https://cdn.dsp.example/cr/4711_300x250.png\" width=\"300\" height=\"250\"></a>",
        )),
        adomain: strs(&["brand.example"]),
        cid: Some(s("cmp-1203")),
        crid: Some(s("cr-4711")),
        cat: strs(&["IAB3-1"]),
        w: Some(300),
        h: Some(250),
        mtype: Some(MarkupType::BANNER),
        ..Bid::new("b-7c1e", "1", 1.2345)
    };
    BidResponse {
        bidid: Some(s("rsp-5e8a0c")),
        cur: Some(s("USD")),
        ..BidResponse::new("9f3c2a1e-5b7d-4e8f-a6c1-2d4b8e0f7a93")
    }
    .with_seatbid(SeatBid::new(vec![bid]).with_seat("seat-42"))
}

/// ~4 KB: two seats of three banner bids, HTML adm with quotes, `\n`, `\t`, `&amp;` and
/// non-ASCII (é, –, €), win / billing / loss URLs with macros, 4-decimal prices, `ext` on
/// the response, the seats and the bids.
pub fn typical() -> BidResponse<'static> {
    let seats = (0..2)
        .map(|seat| {
            let bids = (0..3).map(|i| typical_bid(seat, i)).collect();
            SeatBid {
                ext: Some(json!({"buyer": format!("agency-{}", 17 + seat), "deal_tier": 2})),
                ..SeatBid::new(bids).with_seat(format!("seat-{}", 100 + seat))
            }
        })
        .collect();
    BidResponse {
        seatbid: Some(seats),
        bidid: Some(s("rsp-2b9d41f0")),
        cur: Some(s("EUR")),
        ext: Some(json!({
            "debug": {"resp_ms": 14, "region": "eu-west"},
            "tmaxrequest": 120
        })),
        ..BidResponse::new("7d2f9c4e-1a3b-4c5d-8e6f-90a1b2c3d4e5")
    }
}

fn typical_bid(seat: u32, i: u32) -> Bid<'static> {
    let n = seat * 3 + i;
    let cr = format!("cr-{}", 52_000 + n * 7);
    let adm = format!(
        "<div class=\"ad\">\n\t<a href=\"https://c.dsp.example/c?cr={cr}&amp;p=${{AUCTION_PRICE}}\">\n\t\t<img src=\"https://cdn.dsp.example/{cr}.jpg\" alt=\"Café – jusqu’à −30 € !\">\n\t</a>\n</div>"
    );
    Bid {
        nurl: Some(s(format!(
            "https://w.dsp.example/w?a=${{AUCTION_ID}}&p=${{AUCTION_PRICE}}&c={cr}"
        ))),
        burl: Some(s(format!(
            "https://b.dsp.example/b?a=${{AUCTION_ID}}&p=${{AUCTION_PRICE}}&c={cr}"
        ))),
        lurl: Some(s(format!(
            "https://l.dsp.example/l?a=${{AUCTION_ID}}&r=${{AUCTION_LOSS}}&c={cr}"
        ))),
        adm: Some(s(adm)),
        adomain: strs(&["brand-café.example"]),
        cid: Some(s(format!("cmp-{}", 1200 + seat))),
        crid: Some(s(cr)),
        cat: strs(&["IAB3-1"]),
        attr: Some(vec![CreativeAttribute(4), CreativeAttribute(12)]),
        w: Some(300),
        h: Some(250),
        mtype: Some(MarkupType::BANNER),
        ext: Some(json!({"dsp": {"score": f64::from(8_731 - n * 125) / 1e4}, "v": 72})),
        ..Bid::new(
            format!("b{seat}-{i}"),
            format!("{}", i + 1),
            f64::from(23_175 + n * 1_125) / 1e4,
        )
    }
}

/// ~50 KB: five seats of ten video bids, each with a ~650-byte VAST 4.2 adm (CDATA,
/// quotes, newlines, non-ASCII).
pub fn large() -> BidResponse<'static> {
    let seats = (0..5)
        .map(|seat| {
            let bids = (0..10).map(|i| large_bid(seat, i)).collect();
            SeatBid::new(bids).with_seat(format!("video-seat-{}", 300 + seat))
        })
        .collect();
    BidResponse {
        seatbid: Some(seats),
        bidid: Some(s("rsp-vid-88e1")),
        cur: Some(s("USD")),
        ext: Some(json!({"debug": {"resp_ms": 31}})),
        ..BidResponse::new("c0ffee00-1234-4abc-9def-0123456789ab")
    }
}

fn large_bid(seat: u32, i: u32) -> Bid<'static> {
    let n = seat * 10 + i;
    let cr = format!("vcr-{}", 70_000 + n * 13);
    let adm = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VAST version=\"4.2\">\n<Ad id=\"ad-{n}\">\n<InLine>\n<AdSystem>DSP Example</AdSystem>\n<AdTitle><![CDATA[Été – offre spéciale 49 €]]></AdTitle>\n<Impression><![CDATA[https://t.dsp.example/imp?cr={cr}&p=${{AUCTION_PRICE}}]]></Impression>\n<Creatives>\n<Creative id=\"{cr}\" sequence=\"1\">\n<Linear>\n<Duration>00:00:15</Duration>\n<MediaFiles>\n<MediaFile delivery=\"progressive\" type=\"video/mp4\" width=\"1280\" height=\"720\"><![CDATA[https://cdn.dsp.example/v/{cr}/1280x720.mp4]]></MediaFile>\n</MediaFiles>\n</Linear>\n</Creative>\n</Creatives>\n</InLine>\n</Ad>\n</VAST>"
    );
    Bid {
        nurl: Some(s(format!(
            "https://w.dsp.example/w?a=${{AUCTION_ID}}&p=${{AUCTION_PRICE}}&c={cr}"
        ))),
        burl: Some(s(format!(
            "https://b.dsp.example/b?a=${{AUCTION_ID}}&p=${{AUCTION_PRICE}}&c={cr}"
        ))),
        adm: Some(s(adm)),
        adomain: strs(&["streaming.example"]),
        cid: Some(s(format!("vcmp-{}", 400 + seat))),
        crid: Some(s(cr)),
        cat: strs(&["IAB1-5"]),
        apis: Some(vec![ApiFramework::OMID_1]),
        protocol: Some(Protocol::VAST_4_2),
        w: Some(1280),
        h: Some(720),
        dur: Some(15),
        mtype: Some(MarkupType::VIDEO),
        ..Bid::new(
            format!("vbid-{seat}-{i}"),
            format!("{}", i + 1),
            f64::from(81_250 + n * 375) / 1e4,
        )
    }
}

/// Every corpus response, sorted by file name, read into the model.
pub fn corpus() -> Vec<BidResponse<'static>> {
    openrtb::corpus()
        .iter()
        .map(|(name, text)| {
            BidResponse::from_json(text)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .into_owned()
        })
        .collect()
}
