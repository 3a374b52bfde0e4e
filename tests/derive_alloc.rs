//! Zero heap allocations per serialization of a derived bid response after warm-up,
//! counted by a global allocator on this thread only, while a flag is set.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;

use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[derive(PooledSerialize)]
#[pooled(skip_serializing_none)]
struct BidResponse<'a> {
    id: &'a str,
    seatbid: Vec<SeatBid<'a>>,
    bidid: Option<&'a str>,
    cur: Option<Cow<'a, str>>,
    nbr: Option<NoBidReason>,
    #[serde(flatten)]
    ext: BTreeMap<&'a str, i64>,
}

#[derive(PooledSerialize)]
#[pooled(skip_serializing_none)]
struct SeatBid<'a> {
    bid: Vec<Bid<'a>>,
    seat: Option<String>,
    group: u8,
}

#[derive(PooledSerialize)]
#[pooled(skip_serializing_none)]
#[serde(rename_all = "lowercase")]
struct Bid<'a> {
    id: String,
    impid: &'a str,
    price: f64,
    nurl: Option<String>,
    adm: Option<String>,
    adomain: Vec<&'a str>,
    cat: Vec<String>,
    attr: Vec<CreativeAttribute>,
    w: Option<u32>,
    h: Option<u32>,
    #[pooled(skip_serializing_default)]
    exp: u32,
    mtype: MarkupType,
    ext: Option<BidExt>,
}

#[derive(PooledSerialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum BidExt {
    Prebid { targeting: BTreeMap<String, String> },
    None,
}

#[derive(PooledSerialize, Clone, Copy)]
#[pooled(repr)]
#[repr(u8)]
enum CreativeAttribute {
    AudioAuto = 1,
    ExpandableClick = 3,
}

#[derive(PooledSerialize, Clone, Copy)]
#[pooled(repr)]
#[repr(i32)]
enum NoBidReason {
    Unknown = 0,
}

#[derive(PooledSerialize)]
enum MarkupType {
    Banner,
    Video,
}

fn response(adm: &str) -> BidResponse<'_> {
    let bid = |i: usize| Bid {
        id: format!("bid-{i}"),
        impid: "imp-1",
        price: 1.25 + i as f64,
        nurl: Some("https://example.com/win?price=${AUCTION_PRICE}".into()),
        adm: Some(adm.to_owned()),
        adomain: vec!["advertiser.com"],
        cat: vec!["IAB1".into(), "IAB2-3".into()],
        attr: vec![
            CreativeAttribute::AudioAuto,
            CreativeAttribute::ExpandableClick,
        ],
        w: Some(300),
        h: None,
        exp: i as u32,
        mtype: if i % 2 == 0 {
            MarkupType::Banner
        } else {
            MarkupType::Video
        },
        ext: Some(if i == 3 {
            BidExt::None
        } else {
            BidExt::Prebid {
                targeting: [("hb_pb".to_string(), "1.20".to_string())]
                    .into_iter()
                    .collect(),
            }
        }),
    };
    BidResponse {
        id: "resp-1",
        seatbid: vec![SeatBid {
            bid: (0..4).map(bid).collect(),
            seat: Some("seat\n1".into()),
            group: 0,
        }],
        bidid: None,
        cur: Some(Cow::Borrowed("USD")),
        nbr: Some(NoBidReason::Unknown),
        ext: [("tmax", 120)].into_iter().collect(),
    }
}

#[test]
fn zero_allocations_per_response_after_warm_up() {
    let adm = "<div class=\"ad\">\u{e9}\u{1}</div>".repeat(20);
    let resp = response(&adm);
    let first = pooled_serialize::to_pooled_json(&resp).unwrap().to_vec();
    assert!(first.len() > 1000);
    for _ in 0..8 {
        drop(pooled_serialize::to_pooled_json(&resp).unwrap());
    }
    let allocations = allocations_during(|| {
        for _ in 0..1000 {
            let json = pooled_serialize::to_pooled_json(&resp).unwrap();
            assert_eq!(json.len(), first.len());
        }
    });
    assert_eq!(
        allocations, 0,
        "allocations in 1000 serializations after warm-up"
    );
}

#[test]
fn the_counter_counts() {
    // The test above can fail: an allocation while counting is seen.
    let allocations = allocations_during(|| drop(std::hint::black_box(vec![1u8; 16])));
    assert_eq!(allocations, 1);
}
