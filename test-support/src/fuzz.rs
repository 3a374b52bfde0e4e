//! The checks behind the fuzz targets (`fuzz/fuzz_targets/`), shared with the main
//! workspace's `tests/reliability_fuzz_regressions.rs`, which replays
//! `fuzz/regressions/*/*` through them on stable Rust (no libFuzzer needed).
//!
//! Each check takes the raw fuzzer input and panics on a discrepancy.

use std::borrow::Cow;
use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Unstructured};
use pooled_serialize::openrtb::{
    ApiFramework, Bid, BidResponse, CategoryTaxonomy, CreativeAttribute, MarkupType, MediaRating,
    NoBidReason, Protocol, SeatBid, SlotPositionInPod,
};
use pooled_serialize::{pool, to_pooled_json, to_vec, to_writer, write_to_vec};
use serde_json::{Map, Number, Value};

/// The string escaper: for any valid UTF-8 input, our bytes equal serde_json's, as a
/// value, as a map key, after a prefix of 0..16 bytes (the SSE2/SWAR paths read words at
/// every alignment) and inside an array.
pub fn check_escape(data: &[u8]) {
    let Some((&shift, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let expected = serde_json::to_vec(text).unwrap();
    assert_eq!(to_vec(text).unwrap(), expected, "string {text:?}");

    // After a prefix: the escaper's word loads and stores start at another offset.
    let prefix = usize::from(shift % 16);
    let mut out = vec![b' '; prefix];
    write_to_vec(text, &mut out).unwrap();
    assert_eq!(&out[..prefix], &b"                "[..prefix]);
    assert_eq!(
        &out[prefix..],
        &expected[..],
        "string {text:?} after {prefix} bytes"
    );

    // As a key and in an array next to a second copy.
    let mut map = BTreeMap::new();
    map.insert(text, [text, "x"]);
    assert_eq!(
        to_vec(&map).unwrap(),
        serde_json::to_vec(&map).unwrap(),
        "key {text:?}"
    );
}

/// A JSON tree built by `arbitrary`, turned into a `serde_json::Value` (finite numbers
/// only: `Value` cannot hold NaN or infinities).
#[derive(Arbitrary, Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn into_value(self, depth: usize) -> Value {
        if depth > 16 {
            return Value::Null;
        }
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Int(i) => Value::from(i),
            Json::UInt(u) => Value::from(u),
            Json::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
            Json::Str(s) => Value::String(s),
            Json::Arr(items) => {
                Value::Array(items.into_iter().map(|j| j.into_value(depth + 1)).collect())
            }
            Json::Obj(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, j)| (k, j.into_value(depth + 1)))
                    .collect(),
            ),
        }
    }
}

fn ext(json: Option<Json>) -> Option<Value> {
    json.map(|j| j.into_value(0))
}

fn unknown(members: Vec<(String, Json)>) -> Map<String, Value> {
    members
        .into_iter()
        .map(|(k, j)| (k, j.into_value(1)))
        .collect()
}

fn cow(s: Option<String>) -> Option<Cow<'static, str>> {
    s.map(Cow::Owned)
}

fn cows(v: Option<Vec<String>>) -> Option<Vec<Cow<'static, str>>> {
    v.map(|v| v.into_iter().map(Cow::Owned).collect())
}

#[derive(Arbitrary, Debug)]
struct FuzzBid {
    id: String,
    impid: String,
    price: f64,
    nurl: Option<String>,
    burl: Option<String>,
    lurl: Option<String>,
    adm: Option<String>,
    adid: Option<String>,
    adomain: Option<Vec<String>>,
    bundle: Option<String>,
    iurl: Option<String>,
    cid: Option<String>,
    crid: Option<String>,
    tactic: Option<String>,
    cattax: Option<i32>,
    cat: Option<Vec<String>>,
    attr: Option<Vec<i32>>,
    apis: Option<Vec<i32>>,
    api: Option<i32>,
    protocol: Option<i32>,
    qagmediarating: Option<i32>,
    language: Option<String>,
    langb: Option<String>,
    dealid: Option<String>,
    w: Option<i64>,
    h: Option<i64>,
    wratio: Option<i64>,
    hratio: Option<i64>,
    exp: Option<i64>,
    dur: Option<i64>,
    mtype: Option<i32>,
    slotinpod: Option<i32>,
    ext: Option<Json>,
    unknown: Vec<(String, Json)>,
}

impl FuzzBid {
    fn build(self) -> Bid<'static> {
        Bid {
            id: self.id.into(),
            impid: self.impid.into(),
            price: self.price,
            nurl: cow(self.nurl),
            burl: cow(self.burl),
            lurl: cow(self.lurl),
            adm: cow(self.adm),
            adid: cow(self.adid),
            adomain: cows(self.adomain),
            bundle: cow(self.bundle),
            iurl: cow(self.iurl),
            cid: cow(self.cid),
            crid: cow(self.crid),
            tactic: cow(self.tactic),
            cattax: self.cattax.map(CategoryTaxonomy),
            cat: cows(self.cat),
            attr: self
                .attr
                .map(|v| v.into_iter().map(CreativeAttribute).collect()),
            apis: self.apis.map(|v| v.into_iter().map(ApiFramework).collect()),
            api: self.api.map(ApiFramework),
            protocol: self.protocol.map(Protocol),
            qagmediarating: self.qagmediarating.map(MediaRating),
            language: cow(self.language),
            langb: cow(self.langb),
            dealid: cow(self.dealid),
            w: self.w,
            h: self.h,
            wratio: self.wratio,
            hratio: self.hratio,
            exp: self.exp,
            dur: self.dur,
            mtype: self.mtype.map(MarkupType),
            slotinpod: self.slotinpod.map(SlotPositionInPod),
            ext: ext(self.ext),
            unknown: unknown(self.unknown),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct FuzzSeatBid {
    bid: Vec<FuzzBid>,
    seat: Option<String>,
    group: Option<i32>,
    ext: Option<Json>,
    unknown: Vec<(String, Json)>,
}

#[derive(Arbitrary, Debug)]
struct FuzzResponse {
    id: String,
    seatbid: Option<Vec<FuzzSeatBid>>,
    bidid: Option<String>,
    cur: Option<String>,
    customdata: Option<String>,
    nbr: Option<i32>,
    ext: Option<Json>,
    unknown: Vec<(String, Json)>,
}

impl FuzzResponse {
    fn build(self) -> BidResponse<'static> {
        BidResponse {
            id: self.id.into(),
            seatbid: self.seatbid.map(|seats| {
                seats
                    .into_iter()
                    .map(|s| SeatBid {
                        bid: s.bid.into_iter().map(FuzzBid::build).collect(),
                        seat: cow(s.seat),
                        group: s.group,
                        ext: ext(s.ext),
                        unknown: unknown(s.unknown),
                    })
                    .collect()
            }),
            bidid: cow(self.bidid),
            cur: cow(self.cur),
            customdata: cow(self.customdata),
            nbr: self.nbr.map(NoBidReason),
            ext: ext(self.ext),
            unknown: unknown(self.unknown),
        }
    }
}

/// The path of the first non-finite price, in writing order, if any.
fn first_non_finite_price(response: &BidResponse<'_>) -> Option<String> {
    for (s, seat) in response.seatbid.iter().flatten().enumerate() {
        for (b, bid) in seat.bid.iter().enumerate() {
            if !bid.price.is_finite() {
                return Some(format!("seatbid[{s}].bid[{b}].price"));
            }
        }
    }
    None
}

/// A bid response built by `arbitrary`: with finite prices our bytes equal serde_json's
/// through every entry point; with a non-finite price (serde_json writes `null`) we return
/// an error naming the first such price, and the pool's next buffer is empty.
pub fn check_bid_response(data: &[u8]) {
    let mut input = Unstructured::new(data);
    let Ok(fuzz) = FuzzResponse::arbitrary(&mut input) else {
        return;
    };
    let response = fuzz.build();
    match first_non_finite_price(&response) {
        None => {
            let expected = serde_json::to_vec(&response).unwrap();
            let ours = to_pooled_json(&response).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&expected)
            );
            drop(ours);
            let mut sink = Vec::new();
            to_writer(&mut sink, &response).unwrap();
            assert_eq!(sink, expected);
            let mut out = b"[".to_vec();
            write_to_vec(&response, &mut out).unwrap();
            assert_eq!(&out[1..], &expected[..]);
        }
        Some(path) => {
            let err = to_pooled_json(&response).unwrap_err();
            assert_eq!(err.path(), path, "{err}");
            let mut out = b"keep".to_vec();
            assert!(write_to_vec(&response, &mut out).is_err());
            assert_eq!(out, b"keep", "a failed write_to_vec left bytes behind");
            let mut sink = Vec::new();
            assert!(to_writer(&mut sink, &response).is_err());
            assert!(sink.is_empty(), "a failed to_writer wrote to the sink");
            assert!(pool::acquire().is_empty());
        }
    }
}
