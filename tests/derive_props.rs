//! Property and exhaustive tests of derived writers against serde_json: arbitrary bid-like
//! responses, every Unicode scalar value in keys and values, and error paths.

#![allow(dead_code)]

use std::collections::BTreeMap;

use pooled_serialize::{ErrorKind, PooledSerialize};
use proptest::prelude::*;
use serde::Serialize;

use pooled_serialize_test_support::differential::assert_same;

#[derive(Serialize, PooledSerialize, Debug, Clone)]
struct BidResponse {
    id: String,
    seatbid: Vec<SeatBid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bidid: Option<String>,
    cur: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbr: Option<i32>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    ext: BTreeMap<String, Ext>,
}

#[derive(Serialize, PooledSerialize, Debug, Clone)]
struct SeatBid {
    bid: Vec<Bid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seat: Option<String>,
    group: u8,
}

#[derive(Serialize, PooledSerialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
struct Bid {
    #[serde(skip_serializing_if = "Option::is_none")]
    deal_id: Option<String>,
    id: String,
    impid: String,
    price: f64,
    adm: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cat: Vec<String>,
    attr: Vec<u8>,
    w: Option<u32>,
    exp: i64,
    big: u64,
    wide: i128,
    small: f32,
    test: bool,
    kind: Kind,
    #[serde(flatten)]
    extra: BTreeMap<String, i16>,
}

#[derive(Serialize, PooledSerialize, Debug, Clone)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Kind {
    Banner { w: u16, h: u16 },
    Video(Video),
    Native,
}

#[derive(Serialize, PooledSerialize, Debug, Clone)]
struct Video {
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<u32>,
    mimes: Vec<String>,
}

#[derive(Serialize, PooledSerialize, Debug, Clone)]
#[serde(untagged)]
enum Ext {
    Number(f64),
    Text(String),
    List(Vec<i64>),
    Nested { inner: Option<Box<Ext>> },
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..24).prop_map(|chars| chars.into_iter().collect())
}

fn finite_f64() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("finite", |v| v.is_finite())
}

fn finite_f32() -> impl Strategy<Value = f32> {
    any::<f32>().prop_filter("finite", |v| v.is_finite())
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (any::<u16>(), any::<u16>()).prop_map(|(w, h)| Kind::Banner { w, h }),
        (any::<Option<u32>>(), prop::collection::vec(text(), 0..3))
            .prop_map(|(duration, mimes)| Kind::Video(Video { duration, mimes })),
        Just(Kind::Native),
    ]
}

fn ext() -> impl Strategy<Value = Ext> {
    let leaf = prop_oneof![
        finite_f64().prop_map(Ext::Number),
        text().prop_map(Ext::Text),
        prop::collection::vec(any::<i64>(), 0..4).prop_map(Ext::List),
    ];
    leaf.prop_recursive(3, 8, 2, |inner| {
        prop::option::of(inner).prop_map(|inner| Ext::Nested {
            inner: inner.map(Box::new),
        })
    })
}

fn bid() -> impl Strategy<Value = Bid> {
    (
        (
            prop::option::of(text()),
            text(),
            text(),
            finite_f64(),
            prop::option::of(text()),
        ),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(any::<u8>(), 0..4),
            any::<Option<u32>>(),
        ),
        (
            any::<i64>(),
            any::<u64>(),
            any::<i128>(),
            finite_f32(),
            any::<bool>(),
        ),
        kind(),
        prop::collection::btree_map(text(), any::<i16>(), 0..3),
    )
        .prop_map(
            |(
                (deal_id, id, impid, price, adm),
                (cat, attr, w),
                (exp, big, wide, small, test),
                kind,
                extra,
            )| Bid {
                deal_id,
                id,
                impid,
                price,
                adm,
                cat,
                attr,
                w,
                exp,
                big,
                wide,
                small,
                test,
                kind,
                extra,
            },
        )
}

fn response() -> impl Strategy<Value = BidResponse> {
    let seatbid = (
        prop::collection::vec(bid(), 0..4),
        prop::option::of(text()),
        any::<u8>(),
    )
        .prop_map(|(bid, seat, group)| SeatBid { bid, seat, group });
    (
        text(),
        prop::collection::vec(seatbid, 0..3),
        prop::option::of(text()),
        prop::option::of(text()),
        any::<Option<i32>>(),
        prop::collection::btree_map(text(), ext(), 0..3),
    )
        .prop_map(|(id, seatbid, bidid, cur, nbr, ext)| BidResponse {
            id,
            seatbid,
            bidid,
            cur,
            nbr,
            ext,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_responses_match_serde_json(resp in response()) {
        let expected = serde_json::to_vec(&resp).unwrap();
        let actual = pooled_serialize::to_vec(&resp).unwrap();
        prop_assert_eq!(String::from_utf8(actual).unwrap(), String::from_utf8(expected).unwrap());
    }
}

#[derive(Serialize, PooledSerialize)]
struct Holder<'a> {
    value: &'a str,
    #[serde(flatten)]
    keys: BTreeMap<&'a str, u8>,
    map: BTreeMap<&'a str, &'a str>,
}

/// Every Unicode scalar value, alone and inside text, as a value and as a map key.
#[test]
fn every_unicode_scalar_value() {
    let all: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
    assert_eq!(all.len(), 0x10FFFF + 1 - 0x800);
    for chunk in all.chunks(512) {
        let text: String = chunk.iter().collect();
        let keys: BTreeMap<&str, u8> = [(text.as_str(), 1)].into_iter().collect();
        let map: BTreeMap<&str, &str> = [(text.as_str(), text.as_str())].into_iter().collect();
        assert_same(&Holder {
            value: &text,
            keys,
            map,
        });
    }
    let mut buf = [0u8; 4];
    for &ch in all.iter().filter(|c| {
        (**c as u32) < 0x800
            || matches!(
                **c as u32,
                0x2028 | 0x2029 | 0xFEFF | 0xFFFD..=0xFFFF | 0x10FFFF
            )
    }) {
        let s = ch.encode_utf8(&mut buf);
        let keys: BTreeMap<&str, u8> = [(&*s, 1)].into_iter().collect();
        let map: BTreeMap<&str, &str> = [(&*s, &*s)].into_iter().collect();
        assert_same(&Holder {
            value: s,
            keys,
            map,
        });
    }
}

// Keys escaped at expansion time: every ASCII character and some multi-byte ones, alone
// (`k*`) and between letters (`m*`).
#[derive(Serialize, PooledSerialize, Default)]
struct EveryKey {
    #[serde(rename = "\u{0}")]
    k0: u8,
    #[serde(rename = "a\u{0}b")]
    m0: u8,
    #[serde(rename = "\u{1}")]
    k1: u8,
    #[serde(rename = "a\u{1}b")]
    m1: u8,
    #[serde(rename = "\u{2}")]
    k2: u8,
    #[serde(rename = "a\u{2}b")]
    m2: u8,
    #[serde(rename = "\u{3}")]
    k3: u8,
    #[serde(rename = "a\u{3}b")]
    m3: u8,
    #[serde(rename = "\u{4}")]
    k4: u8,
    #[serde(rename = "a\u{4}b")]
    m4: u8,
    #[serde(rename = "\u{5}")]
    k5: u8,
    #[serde(rename = "a\u{5}b")]
    m5: u8,
    #[serde(rename = "\u{6}")]
    k6: u8,
    #[serde(rename = "a\u{6}b")]
    m6: u8,
    #[serde(rename = "\u{7}")]
    k7: u8,
    #[serde(rename = "a\u{7}b")]
    m7: u8,
    #[serde(rename = "\u{8}")]
    k8: u8,
    #[serde(rename = "a\u{8}b")]
    m8: u8,
    #[serde(rename = "\u{9}")]
    k9: u8,
    #[serde(rename = "a\u{9}b")]
    m9: u8,
    #[serde(rename = "\u{a}")]
    k10: u8,
    #[serde(rename = "a\u{a}b")]
    m10: u8,
    #[serde(rename = "\u{b}")]
    k11: u8,
    #[serde(rename = "a\u{b}b")]
    m11: u8,
    #[serde(rename = "\u{c}")]
    k12: u8,
    #[serde(rename = "a\u{c}b")]
    m12: u8,
    #[serde(rename = "\u{d}")]
    k13: u8,
    #[serde(rename = "a\u{d}b")]
    m13: u8,
    #[serde(rename = "\u{e}")]
    k14: u8,
    #[serde(rename = "a\u{e}b")]
    m14: u8,
    #[serde(rename = "\u{f}")]
    k15: u8,
    #[serde(rename = "a\u{f}b")]
    m15: u8,
    #[serde(rename = "\u{10}")]
    k16: u8,
    #[serde(rename = "a\u{10}b")]
    m16: u8,
    #[serde(rename = "\u{11}")]
    k17: u8,
    #[serde(rename = "a\u{11}b")]
    m17: u8,
    #[serde(rename = "\u{12}")]
    k18: u8,
    #[serde(rename = "a\u{12}b")]
    m18: u8,
    #[serde(rename = "\u{13}")]
    k19: u8,
    #[serde(rename = "a\u{13}b")]
    m19: u8,
    #[serde(rename = "\u{14}")]
    k20: u8,
    #[serde(rename = "a\u{14}b")]
    m20: u8,
    #[serde(rename = "\u{15}")]
    k21: u8,
    #[serde(rename = "a\u{15}b")]
    m21: u8,
    #[serde(rename = "\u{16}")]
    k22: u8,
    #[serde(rename = "a\u{16}b")]
    m22: u8,
    #[serde(rename = "\u{17}")]
    k23: u8,
    #[serde(rename = "a\u{17}b")]
    m23: u8,
    #[serde(rename = "\u{18}")]
    k24: u8,
    #[serde(rename = "a\u{18}b")]
    m24: u8,
    #[serde(rename = "\u{19}")]
    k25: u8,
    #[serde(rename = "a\u{19}b")]
    m25: u8,
    #[serde(rename = "\u{1a}")]
    k26: u8,
    #[serde(rename = "a\u{1a}b")]
    m26: u8,
    #[serde(rename = "\u{1b}")]
    k27: u8,
    #[serde(rename = "a\u{1b}b")]
    m27: u8,
    #[serde(rename = "\u{1c}")]
    k28: u8,
    #[serde(rename = "a\u{1c}b")]
    m28: u8,
    #[serde(rename = "\u{1d}")]
    k29: u8,
    #[serde(rename = "a\u{1d}b")]
    m29: u8,
    #[serde(rename = "\u{1e}")]
    k30: u8,
    #[serde(rename = "a\u{1e}b")]
    m30: u8,
    #[serde(rename = "\u{1f}")]
    k31: u8,
    #[serde(rename = "a\u{1f}b")]
    m31: u8,
    #[serde(rename = "\u{20}")]
    k32: u8,
    #[serde(rename = "a\u{20}b")]
    m32: u8,
    #[serde(rename = "\u{21}")]
    k33: u8,
    #[serde(rename = "a\u{21}b")]
    m33: u8,
    #[serde(rename = "\u{22}")]
    k34: u8,
    #[serde(rename = "a\u{22}b")]
    m34: u8,
    #[serde(rename = "\u{23}")]
    k35: u8,
    #[serde(rename = "a\u{23}b")]
    m35: u8,
    #[serde(rename = "\u{24}")]
    k36: u8,
    #[serde(rename = "a\u{24}b")]
    m36: u8,
    #[serde(rename = "\u{25}")]
    k37: u8,
    #[serde(rename = "a\u{25}b")]
    m37: u8,
    #[serde(rename = "\u{26}")]
    k38: u8,
    #[serde(rename = "a\u{26}b")]
    m38: u8,
    #[serde(rename = "\u{27}")]
    k39: u8,
    #[serde(rename = "a\u{27}b")]
    m39: u8,
    #[serde(rename = "\u{28}")]
    k40: u8,
    #[serde(rename = "a\u{28}b")]
    m40: u8,
    #[serde(rename = "\u{29}")]
    k41: u8,
    #[serde(rename = "a\u{29}b")]
    m41: u8,
    #[serde(rename = "\u{2a}")]
    k42: u8,
    #[serde(rename = "a\u{2a}b")]
    m42: u8,
    #[serde(rename = "\u{2b}")]
    k43: u8,
    #[serde(rename = "a\u{2b}b")]
    m43: u8,
    #[serde(rename = "\u{2c}")]
    k44: u8,
    #[serde(rename = "a\u{2c}b")]
    m44: u8,
    #[serde(rename = "\u{2d}")]
    k45: u8,
    #[serde(rename = "a\u{2d}b")]
    m45: u8,
    #[serde(rename = "\u{2e}")]
    k46: u8,
    #[serde(rename = "a\u{2e}b")]
    m46: u8,
    #[serde(rename = "\u{2f}")]
    k47: u8,
    #[serde(rename = "a\u{2f}b")]
    m47: u8,
    #[serde(rename = "\u{30}")]
    k48: u8,
    #[serde(rename = "a\u{30}b")]
    m48: u8,
    #[serde(rename = "\u{31}")]
    k49: u8,
    #[serde(rename = "a\u{31}b")]
    m49: u8,
    #[serde(rename = "\u{32}")]
    k50: u8,
    #[serde(rename = "a\u{32}b")]
    m50: u8,
    #[serde(rename = "\u{33}")]
    k51: u8,
    #[serde(rename = "a\u{33}b")]
    m51: u8,
    #[serde(rename = "\u{34}")]
    k52: u8,
    #[serde(rename = "a\u{34}b")]
    m52: u8,
    #[serde(rename = "\u{35}")]
    k53: u8,
    #[serde(rename = "a\u{35}b")]
    m53: u8,
    #[serde(rename = "\u{36}")]
    k54: u8,
    #[serde(rename = "a\u{36}b")]
    m54: u8,
    #[serde(rename = "\u{37}")]
    k55: u8,
    #[serde(rename = "a\u{37}b")]
    m55: u8,
    #[serde(rename = "\u{38}")]
    k56: u8,
    #[serde(rename = "a\u{38}b")]
    m56: u8,
    #[serde(rename = "\u{39}")]
    k57: u8,
    #[serde(rename = "a\u{39}b")]
    m57: u8,
    #[serde(rename = "\u{3a}")]
    k58: u8,
    #[serde(rename = "a\u{3a}b")]
    m58: u8,
    #[serde(rename = "\u{3b}")]
    k59: u8,
    #[serde(rename = "a\u{3b}b")]
    m59: u8,
    #[serde(rename = "\u{3c}")]
    k60: u8,
    #[serde(rename = "a\u{3c}b")]
    m60: u8,
    #[serde(rename = "\u{3d}")]
    k61: u8,
    #[serde(rename = "a\u{3d}b")]
    m61: u8,
    #[serde(rename = "\u{3e}")]
    k62: u8,
    #[serde(rename = "a\u{3e}b")]
    m62: u8,
    #[serde(rename = "\u{3f}")]
    k63: u8,
    #[serde(rename = "a\u{3f}b")]
    m63: u8,
    #[serde(rename = "\u{40}")]
    k64: u8,
    #[serde(rename = "a\u{40}b")]
    m64: u8,
    #[serde(rename = "\u{41}")]
    k65: u8,
    #[serde(rename = "a\u{41}b")]
    m65: u8,
    #[serde(rename = "\u{42}")]
    k66: u8,
    #[serde(rename = "a\u{42}b")]
    m66: u8,
    #[serde(rename = "\u{43}")]
    k67: u8,
    #[serde(rename = "a\u{43}b")]
    m67: u8,
    #[serde(rename = "\u{44}")]
    k68: u8,
    #[serde(rename = "a\u{44}b")]
    m68: u8,
    #[serde(rename = "\u{45}")]
    k69: u8,
    #[serde(rename = "a\u{45}b")]
    m69: u8,
    #[serde(rename = "\u{46}")]
    k70: u8,
    #[serde(rename = "a\u{46}b")]
    m70: u8,
    #[serde(rename = "\u{47}")]
    k71: u8,
    #[serde(rename = "a\u{47}b")]
    m71: u8,
    #[serde(rename = "\u{48}")]
    k72: u8,
    #[serde(rename = "a\u{48}b")]
    m72: u8,
    #[serde(rename = "\u{49}")]
    k73: u8,
    #[serde(rename = "a\u{49}b")]
    m73: u8,
    #[serde(rename = "\u{4a}")]
    k74: u8,
    #[serde(rename = "a\u{4a}b")]
    m74: u8,
    #[serde(rename = "\u{4b}")]
    k75: u8,
    #[serde(rename = "a\u{4b}b")]
    m75: u8,
    #[serde(rename = "\u{4c}")]
    k76: u8,
    #[serde(rename = "a\u{4c}b")]
    m76: u8,
    #[serde(rename = "\u{4d}")]
    k77: u8,
    #[serde(rename = "a\u{4d}b")]
    m77: u8,
    #[serde(rename = "\u{4e}")]
    k78: u8,
    #[serde(rename = "a\u{4e}b")]
    m78: u8,
    #[serde(rename = "\u{4f}")]
    k79: u8,
    #[serde(rename = "a\u{4f}b")]
    m79: u8,
    #[serde(rename = "\u{50}")]
    k80: u8,
    #[serde(rename = "a\u{50}b")]
    m80: u8,
    #[serde(rename = "\u{51}")]
    k81: u8,
    #[serde(rename = "a\u{51}b")]
    m81: u8,
    #[serde(rename = "\u{52}")]
    k82: u8,
    #[serde(rename = "a\u{52}b")]
    m82: u8,
    #[serde(rename = "\u{53}")]
    k83: u8,
    #[serde(rename = "a\u{53}b")]
    m83: u8,
    #[serde(rename = "\u{54}")]
    k84: u8,
    #[serde(rename = "a\u{54}b")]
    m84: u8,
    #[serde(rename = "\u{55}")]
    k85: u8,
    #[serde(rename = "a\u{55}b")]
    m85: u8,
    #[serde(rename = "\u{56}")]
    k86: u8,
    #[serde(rename = "a\u{56}b")]
    m86: u8,
    #[serde(rename = "\u{57}")]
    k87: u8,
    #[serde(rename = "a\u{57}b")]
    m87: u8,
    #[serde(rename = "\u{58}")]
    k88: u8,
    #[serde(rename = "a\u{58}b")]
    m88: u8,
    #[serde(rename = "\u{59}")]
    k89: u8,
    #[serde(rename = "a\u{59}b")]
    m89: u8,
    #[serde(rename = "\u{5a}")]
    k90: u8,
    #[serde(rename = "a\u{5a}b")]
    m90: u8,
    #[serde(rename = "\u{5b}")]
    k91: u8,
    #[serde(rename = "a\u{5b}b")]
    m91: u8,
    #[serde(rename = "\u{5c}")]
    k92: u8,
    #[serde(rename = "a\u{5c}b")]
    m92: u8,
    #[serde(rename = "\u{5d}")]
    k93: u8,
    #[serde(rename = "a\u{5d}b")]
    m93: u8,
    #[serde(rename = "\u{5e}")]
    k94: u8,
    #[serde(rename = "a\u{5e}b")]
    m94: u8,
    #[serde(rename = "\u{5f}")]
    k95: u8,
    #[serde(rename = "a\u{5f}b")]
    m95: u8,
    #[serde(rename = "\u{60}")]
    k96: u8,
    #[serde(rename = "a\u{60}b")]
    m96: u8,
    #[serde(rename = "\u{61}")]
    k97: u8,
    #[serde(rename = "a\u{61}b")]
    m97: u8,
    #[serde(rename = "\u{62}")]
    k98: u8,
    #[serde(rename = "a\u{62}b")]
    m98: u8,
    #[serde(rename = "\u{63}")]
    k99: u8,
    #[serde(rename = "a\u{63}b")]
    m99: u8,
    #[serde(rename = "\u{64}")]
    k100: u8,
    #[serde(rename = "a\u{64}b")]
    m100: u8,
    #[serde(rename = "\u{65}")]
    k101: u8,
    #[serde(rename = "a\u{65}b")]
    m101: u8,
    #[serde(rename = "\u{66}")]
    k102: u8,
    #[serde(rename = "a\u{66}b")]
    m102: u8,
    #[serde(rename = "\u{67}")]
    k103: u8,
    #[serde(rename = "a\u{67}b")]
    m103: u8,
    #[serde(rename = "\u{68}")]
    k104: u8,
    #[serde(rename = "a\u{68}b")]
    m104: u8,
    #[serde(rename = "\u{69}")]
    k105: u8,
    #[serde(rename = "a\u{69}b")]
    m105: u8,
    #[serde(rename = "\u{6a}")]
    k106: u8,
    #[serde(rename = "a\u{6a}b")]
    m106: u8,
    #[serde(rename = "\u{6b}")]
    k107: u8,
    #[serde(rename = "a\u{6b}b")]
    m107: u8,
    #[serde(rename = "\u{6c}")]
    k108: u8,
    #[serde(rename = "a\u{6c}b")]
    m108: u8,
    #[serde(rename = "\u{6d}")]
    k109: u8,
    #[serde(rename = "a\u{6d}b")]
    m109: u8,
    #[serde(rename = "\u{6e}")]
    k110: u8,
    #[serde(rename = "a\u{6e}b")]
    m110: u8,
    #[serde(rename = "\u{6f}")]
    k111: u8,
    #[serde(rename = "a\u{6f}b")]
    m111: u8,
    #[serde(rename = "\u{70}")]
    k112: u8,
    #[serde(rename = "a\u{70}b")]
    m112: u8,
    #[serde(rename = "\u{71}")]
    k113: u8,
    #[serde(rename = "a\u{71}b")]
    m113: u8,
    #[serde(rename = "\u{72}")]
    k114: u8,
    #[serde(rename = "a\u{72}b")]
    m114: u8,
    #[serde(rename = "\u{73}")]
    k115: u8,
    #[serde(rename = "a\u{73}b")]
    m115: u8,
    #[serde(rename = "\u{74}")]
    k116: u8,
    #[serde(rename = "a\u{74}b")]
    m116: u8,
    #[serde(rename = "\u{75}")]
    k117: u8,
    #[serde(rename = "a\u{75}b")]
    m117: u8,
    #[serde(rename = "\u{76}")]
    k118: u8,
    #[serde(rename = "a\u{76}b")]
    m118: u8,
    #[serde(rename = "\u{77}")]
    k119: u8,
    #[serde(rename = "a\u{77}b")]
    m119: u8,
    #[serde(rename = "\u{78}")]
    k120: u8,
    #[serde(rename = "a\u{78}b")]
    m120: u8,
    #[serde(rename = "\u{79}")]
    k121: u8,
    #[serde(rename = "a\u{79}b")]
    m121: u8,
    #[serde(rename = "\u{7a}")]
    k122: u8,
    #[serde(rename = "a\u{7a}b")]
    m122: u8,
    #[serde(rename = "\u{7b}")]
    k123: u8,
    #[serde(rename = "a\u{7b}b")]
    m123: u8,
    #[serde(rename = "\u{7c}")]
    k124: u8,
    #[serde(rename = "a\u{7c}b")]
    m124: u8,
    #[serde(rename = "\u{7d}")]
    k125: u8,
    #[serde(rename = "a\u{7d}b")]
    m125: u8,
    #[serde(rename = "\u{7e}")]
    k126: u8,
    #[serde(rename = "a\u{7e}b")]
    m126: u8,
    #[serde(rename = "\u{7f}")]
    k127: u8,
    #[serde(rename = "a\u{7f}b")]
    m127: u8,
    #[serde(rename = "\u{80}")]
    k128: u8,
    #[serde(rename = "a\u{80}b")]
    m128: u8,
    #[serde(rename = "\u{ff}")]
    k129: u8,
    #[serde(rename = "a\u{ff}b")]
    m129: u8,
    #[serde(rename = "\u{7ff}")]
    k130: u8,
    #[serde(rename = "a\u{7ff}b")]
    m130: u8,
    #[serde(rename = "\u{800}")]
    k131: u8,
    #[serde(rename = "a\u{800}b")]
    m131: u8,
    #[serde(rename = "\u{2028}")]
    k132: u8,
    #[serde(rename = "a\u{2028}b")]
    m132: u8,
    #[serde(rename = "\u{2029}")]
    k133: u8,
    #[serde(rename = "a\u{2029}b")]
    m133: u8,
    #[serde(rename = "\u{d7ff}")]
    k134: u8,
    #[serde(rename = "a\u{d7ff}b")]
    m134: u8,
    #[serde(rename = "\u{e000}")]
    k135: u8,
    #[serde(rename = "a\u{e000}b")]
    m135: u8,
    #[serde(rename = "\u{feff}")]
    k136: u8,
    #[serde(rename = "a\u{feff}b")]
    m136: u8,
    #[serde(rename = "\u{ffff}")]
    k137: u8,
    #[serde(rename = "a\u{ffff}b")]
    m137: u8,
    #[serde(rename = "\u{10000}")]
    k138: u8,
    #[serde(rename = "a\u{10000}b")]
    m138: u8,
    #[serde(rename = "\u{1f600}")]
    k139: u8,
    #[serde(rename = "a\u{1f600}b")]
    m139: u8,
    #[serde(rename = "\u{10ffff}")]
    k140: u8,
    #[serde(rename = "a\u{10ffff}b")]
    m140: u8,
}

#[test]
fn compile_time_keys_are_escaped_like_serde_json() {
    assert_same(&EveryKey::default());
}

#[test]
fn non_finite_float_names_the_field_path() {
    let video = || {
        Kind::Video(Video {
            duration: None,
            mimes: vec![],
        })
    };
    let bid = |price: f64| Bid {
        deal_id: None,
        id: "b".into(),
        impid: "i".into(),
        price,
        adm: None,
        cat: vec![],
        attr: vec![],
        w: None,
        exp: 0,
        big: 0,
        wide: 0,
        small: 0.0,
        test: false,
        kind: video(),
        extra: BTreeMap::new(),
    };
    let resp = BidResponse {
        id: "r".into(),
        seatbid: vec![SeatBid {
            bid: vec![bid(1.0), bid(2.0), bid(f64::INFINITY)],
            seat: None,
            group: 0,
        }],
        bidid: None,
        cur: None,
        nbr: None,
        ext: BTreeMap::new(),
    };
    let err = pooled_serialize::to_vec(&resp).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NonFiniteFloat(v) if v.is_infinite()));
    assert_eq!(err.path(), "seatbid[0].bid[2].price");
    assert_eq!(
        err.to_string(),
        "non-finite float inf at seatbid[0].bid[2].price"
    );

    // Renamed keys, tuple elements, flattened members and enum variants.
    let mut resp = resp;
    resp.seatbid[0].bid[2].price = 1.0;
    resp.seatbid[0].bid[1].small = f32::NAN;
    let err = pooled_serialize::to_vec(&resp).unwrap_err();
    assert_eq!(err.path(), "seatbid[0].bid[1].small");

    resp.seatbid[0].bid[1].small = 0.0;
    resp.ext.insert(
        "k".into(),
        Ext::Nested {
            inner: Some(Box::new(Ext::Number(f64::NAN))),
        },
    );
    let err = pooled_serialize::to_vec(&resp).unwrap_err();
    assert_eq!(err.path(), "ext.k.inner");

    #[derive(PooledSerialize)]
    struct Pair(u8, f64);
    #[derive(PooledSerialize)]
    enum Outer {
        Wrapped { pair: Pair },
    }
    let err = pooled_serialize::to_vec(&Outer::Wrapped {
        pair: Pair(1, f64::NEG_INFINITY),
    })
    .unwrap_err();
    assert_eq!(err.path(), "Wrapped.pair[1]");

    #[derive(PooledSerialize)]
    #[serde(tag = "t", content = "c")]
    enum Adjacent {
        Tuple(u8, f32),
        Newtype(f64),
    }
    let err = pooled_serialize::to_vec(&Adjacent::Tuple(1, f32::NAN)).unwrap_err();
    assert_eq!(err.path(), "c[1]");
    let err = pooled_serialize::to_vec(&Adjacent::Newtype(f64::NAN)).unwrap_err();
    assert_eq!(err.path(), "c");

    #[derive(PooledSerialize)]
    #[serde(tag = "t")]
    enum Internal {
        Struct { x: f64 },
    }
    let err = pooled_serialize::to_vec(&[Internal::Struct { x: f64::NAN }]).unwrap_err();
    assert_eq!(err.path(), "[0].x");
}
