//! A bidder's hot path: build an OpenRTB 2.6 bid response that borrows its creatives from
//! a cache, serialize it into a pooled buffer, and print it with the pool's statistics.
//!
//! Run with `cargo run --example openrtb --features openrtb`.

use std::collections::HashMap;

use pooled_serialize::openrtb::{
    ApiFramework, Bid, BidResponse, CreativeAttribute, MarkupType, SeatBid,
};
use pooled_serialize::{pool, to_pooled_json};

/// A creative as a bidder keeps it in memory, loaded once and served many times.
struct Creative {
    crid: String,
    adm: String,
    adomain: Vec<String>,
    w: i64,
    h: i64,
}

/// One decision of the bidding logic: which creative, for which impression, at what price.
struct Decision<'c> {
    impid: &'c str,
    creative: &'c Creative,
    price: f64,
}

/// Builds the response. The markup, advertiser domains and creative ids borrow from the
/// cache and the request id from the request: nothing large is copied (only the bid ids
/// are formatted, and the `Vec`s of bids and seats allocated).
fn respond<'a>(request_id: &'a str, decisions: &[Decision<'a>]) -> BidResponse<'a> {
    let bids = decisions
        .iter()
        .enumerate()
        .map(|(i, d)| Bid {
            nurl: Some("https://bidder.example/win?p=${AUCTION_PRICE}".into()),
            adm: Some(d.creative.adm.as_str().into()),
            adomain: Some(
                d.creative
                    .adomain
                    .iter()
                    .map(|s| s.as_str().into())
                    .collect(),
            ),
            crid: Some(d.creative.crid.as_str().into()),
            attr: Some(vec![CreativeAttribute::USER_INTERACTIVE]),
            apis: Some(vec![ApiFramework::MRAID_3, ApiFramework::OMID_1]),
            w: Some(d.creative.w),
            h: Some(d.creative.h),
            mtype: Some(MarkupType::BANNER),
            ..Bid::new(format!("{request_id}-{i}"), d.impid, d.price)
        })
        .collect();
    BidResponse {
        cur: Some("USD".into()),
        ..BidResponse::new(request_id)
    }
    .with_seatbid(SeatBid::new(bids).with_seat("seat-1"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut cache: HashMap<&str, Creative> = HashMap::new();
    cache.insert(
        "cr-300x250",
        Creative {
            crid: "cr-300x250".into(),
            adm: "<a href=\"https://shop.example/?c=1\"><img src=\"https://cdn.example/300x250.png\" alt=\"Soldes d'été – 50 %\"></a>".into(),
            adomain: vec!["shop.example".into()],
            w: 300,
            h: 250,
        },
    );
    cache.insert(
        "cr-728x90",
        Creative {
            crid: "cr-728x90".into(),
            adm: "<div class=\"ad\">限时优惠 🎉</div>".into(),
            adomain: vec!["shop.example".into()],
            w: 728,
            h: 90,
        },
    );

    let request_id = String::from("req-8f14e45f");
    let decisions = [
        Decision {
            impid: "imp-1",
            creative: &cache["cr-300x250"],
            price: 1.25,
        },
        Decision {
            impid: "imp-2",
            creative: &cache["cr-728x90"],
            price: 0.8,
        },
    ];

    // Serve a few requests: the first one takes a buffer from the allocator, the rest
    // reuse it.
    for _ in 0..3 {
        let resp = respond(&request_id, &decisions);
        resp.validate()?;
        let json = to_pooled_json(&resp)?;
        assert!(!json.is_empty()); // e.g. socket.write_all(&json)
    }

    let resp = respond(&request_id, &decisions);
    let borrowed = resp
        .bids()
        .all(|b| matches!(b.adm, Some(std::borrow::Cow::Borrowed(_))));
    assert!(borrowed, "the markup is the cache's, not a copy");
    let json = to_pooled_json(&resp)?;
    println!("{}", json.as_str());
    drop(json);

    let stats = pool::stats();
    println!("{stats:?}");
    println!("pool hit rate: {:.0}%", stats.hit_rate() * 100.0);
    Ok(())
}
