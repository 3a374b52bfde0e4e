//! A copy of the OpenRTB model for simd-json-derive, which has no `flatten`, no `Cow`
//! borrowing and no serde bridge: plain `String` / `Option` / `Vec` / `f64` / `i32` / `i64`,
//! `ext` as a `simd_json::OwnedValue`, every `Option` skipped when `None` (as the model
//! does). Members the model keeps in its `unknown` maps are typed fields here, one for each
//! key seen in the corpus, as a simd-json-derive user would model them; a key outside that
//! list cannot be written by the derive and is reported by [`from_model`].

use pooled_serialize::openrtb as m;
use serde_json::Value;
use simd_json::OwnedValue;
use simd_json_derive::Serialize;

#[derive(Serialize, Debug)]
pub struct BidResponse {
    pub id: String,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub seatbid: Option<Vec<SeatBid>>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub bidid: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub cur: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub customdata: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub nbr: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub ext: Option<OwnedValue>,
    // Members outside OpenRTB 2.6 seen in the corpus.
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub seat: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub statuscode: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub currency: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub sn: Option<OwnedValue>,
}

#[derive(Serialize, Debug)]
pub struct SeatBid {
    pub bid: Vec<Bid>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub group: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub ext: Option<OwnedValue>,
    // Members outside OpenRTB 2.6 seen in the corpus.
    #[simd_json(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub cur: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub buyer: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub mtype: Option<OwnedValue>,
}

#[derive(Serialize, Debug)]
pub struct Bid {
    pub id: String,
    pub impid: String,
    pub price: f64,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub nurl: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub burl: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub lurl: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub adm: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub adid: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub adomain: Option<Vec<String>>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub iurl: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub cid: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub crid: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub tactic: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub cattax: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub cat: Option<Vec<String>>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub attr: Option<Vec<i32>>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub apis: Option<Vec<i32>>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub api: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub qagmediarating: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub langb: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub dealid: Option<String>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub h: Option<i64>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub wratio: Option<i64>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub hratio: Option<i64>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub dur: Option<i64>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub mtype: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub slotinpod: Option<i32>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub ext: Option<OwnedValue>,
    // Members outside OpenRTB 2.6 seen in the corpus.
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub podid: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub adm_native: Option<OwnedValue>,
    #[simd_json(rename = "vastXml", skip_serializing_if = "Option::is_none")]
    pub vast_xml: Option<OwnedValue>,
    #[simd_json(rename = "vastUrl", skip_serializing_if = "Option::is_none")]
    pub vast_url: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub mimes: Option<OwnedValue>,
    #[simd_json(rename = "bidderName", skip_serializing_if = "Option::is_none")]
    pub bidder_name: Option<OwnedValue>,
    #[simd_json(skip_serializing_if = "Option::is_none")]
    pub banner: Option<OwnedValue>,
}

/// A `serde_json::Value` as a `simd_json::OwnedValue`.
pub fn value(v: &Value) -> OwnedValue {
    match v {
        Value::Null => OwnedValue::Static(simd_json::StaticNode::Null),
        Value::Bool(b) => OwnedValue::from(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                OwnedValue::from(i)
            } else if let Some(u) = n.as_u64() {
                OwnedValue::from(u)
            } else {
                OwnedValue::from(n.as_f64().expect("a JSON number"))
            }
        }
        Value::String(s) => OwnedValue::from(s.as_str()),
        Value::Array(items) => OwnedValue::from(items.iter().map(value).collect::<Vec<_>>()),
        Value::Object(map) => {
            let mut obj = simd_json::owned::Object::with_capacity(map.len());
            for (k, v) in map {
                obj.insert(k.clone(), value(v));
            }
            OwnedValue::from(obj)
        }
    }
}

fn string(s: &str) -> String {
    s.to_owned()
}

fn strings(v: &Option<Vec<std::borrow::Cow<'_, str>>>) -> Option<Vec<String>> {
    v.as_ref()
        .map(|v| v.iter().map(|s| string(s)).collect::<Vec<_>>())
}

fn codes<T: Copy, R>(v: &Option<Vec<T>>, f: impl Fn(T) -> R) -> Option<Vec<R>> {
    v.as_ref().map(|v| v.iter().map(|&c| f(c)).collect())
}

/// Takes `key` out of an `unknown` map.
fn take(unknown: &mut serde_json::Map<String, Value>, key: &str) -> Option<OwnedValue> {
    unknown.remove(key).map(|v| value(&v))
}

/// The copy of `r`, and the unknown members it could not carry (as `level.key`).
pub fn from_model(r: &m::BidResponse<'_>) -> (BidResponse, Vec<String>) {
    let mut dropped = Vec::new();
    let mut unknown = r.unknown.clone();
    let out = BidResponse {
        id: string(&r.id),
        seatbid: r
            .seatbid
            .as_ref()
            .map(|seats| seats.iter().map(|sb| seat_bid(sb, &mut dropped)).collect()),
        bidid: r.bidid.as_deref().map(string),
        cur: r.cur.as_deref().map(string),
        customdata: r.customdata.as_deref().map(string),
        nbr: r.nbr.map(|c| c.0),
        ext: r.ext.as_ref().map(value),
        seat: take(&mut unknown, "seat"),
        statuscode: take(&mut unknown, "statuscode"),
        currency: take(&mut unknown, "currency"),
        sn: take(&mut unknown, "sn"),
    };
    dropped.extend(unknown.keys().map(|k| format!("response.{k}")));
    (out, dropped)
}

fn seat_bid(sb: &m::SeatBid<'_>, dropped: &mut Vec<String>) -> SeatBid {
    let mut unknown = sb.unknown.clone();
    let out = SeatBid {
        bid: sb.bid.iter().map(|b| bid(b, dropped)).collect(),
        seat: sb.seat.as_deref().map(string),
        group: sb.group,
        ext: sb.ext.as_ref().map(value),
        type_: take(&mut unknown, "type"),
        cur: take(&mut unknown, "cur"),
        buyer: take(&mut unknown, "buyer"),
        mtype: take(&mut unknown, "mtype"),
    };
    dropped.extend(unknown.keys().map(|k| format!("seatbid.{k}")));
    out
}

fn bid(b: &m::Bid<'_>, dropped: &mut Vec<String>) -> Bid {
    let mut unknown = b.unknown.clone();
    let out = Bid {
        id: string(&b.id),
        impid: string(&b.impid),
        price: b.price,
        nurl: b.nurl.as_deref().map(string),
        burl: b.burl.as_deref().map(string),
        lurl: b.lurl.as_deref().map(string),
        adm: b.adm.as_deref().map(string),
        adid: b.adid.as_deref().map(string),
        adomain: strings(&b.adomain),
        bundle: b.bundle.as_deref().map(string),
        iurl: b.iurl.as_deref().map(string),
        cid: b.cid.as_deref().map(string),
        crid: b.crid.as_deref().map(string),
        tactic: b.tactic.as_deref().map(string),
        cattax: b.cattax.map(|c| c.0),
        cat: strings(&b.cat),
        attr: codes(&b.attr, |c| c.0),
        apis: codes(&b.apis, |c| c.0),
        api: b.api.map(|c| c.0),
        protocol: b.protocol.map(|c| c.0),
        qagmediarating: b.qagmediarating.map(|c| c.0),
        language: b.language.as_deref().map(string),
        langb: b.langb.as_deref().map(string),
        dealid: b.dealid.as_deref().map(string),
        w: b.w,
        h: b.h,
        wratio: b.wratio,
        hratio: b.hratio,
        exp: b.exp,
        dur: b.dur,
        mtype: b.mtype.map(|c| c.0),
        slotinpod: b.slotinpod.map(|c| c.0),
        ext: b.ext.as_ref().map(value),
        ttl: take(&mut unknown, "ttl"),
        podid: take(&mut unknown, "podid"),
        adm_native: take(&mut unknown, "adm_native"),
        vast_xml: take(&mut unknown, "vastXml"),
        vast_url: take(&mut unknown, "vastUrl"),
        content_type: take(&mut unknown, "content_type"),
        media_type: take(&mut unknown, "media_type"),
        mimes: take(&mut unknown, "mimes"),
        bidder_name: take(&mut unknown, "bidderName"),
        banner: take(&mut unknown, "banner"),
    };
    dropped.extend(unknown.keys().map(|k| format!("bid.{k}")));
    out
}
