//! Bad input gets an `Error` naming where, never invalid output: a non-finite float at
//! every float position of a bid response, `RawJson` with invalid JSON, and map keys
//! that have no string form. After each error nothing was written to the sink or left in
//! the caller's `Vec`, and the pool lends an empty buffer.
#![cfg(feature = "openrtb")]

use std::borrow::Cow;
use std::collections::BTreeMap;

use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid};
use pooled_serialize::{
    pool, to_pooled_json, to_writer, write_to_vec, Error, ErrorKind, PooledSerialize, RawJson,
    Writer,
};
use serde::Serialize;

const NON_FINITE: [f64; 3] = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];

/// Serializes `value` through every entry point; each must fail with `path`, and leave
/// nothing behind.
fn assert_fails_at<T: PooledSerialize + ?Sized>(
    value: &T,
    path: &str,
    kind: fn(&ErrorKind) -> bool,
) {
    let err = to_pooled_json(value).unwrap_err();
    assert_eq!(err.path(), path, "{err}");
    assert!(kind(err.kind()), "{path}: {err:?}");
    assert!(
        err.to_string().contains(path),
        "the message names the path: {err}"
    );

    let mut sink = Vec::new();
    assert_eq!(to_writer(&mut sink, value).unwrap_err().path(), path);
    assert!(
        sink.is_empty(),
        "{path}: to_writer wrote part of a document"
    );

    let mut out = b"before".to_vec();
    assert_eq!(write_to_vec(value, &mut out).unwrap_err().path(), path);
    assert_eq!(out, b"before", "{path}: write_to_vec left bytes behind");

    let mut buf = pool::acquire();
    assert!(buf.is_empty());
    assert!(buf.write_value(value).is_err());
    assert!(buf.is_empty(), "{path}: write_value left bytes behind");
}

fn non_finite(kind: &ErrorKind) -> bool {
    matches!(kind, ErrorKind::NonFiniteFloat(v) if !v.is_finite())
}

fn response(seats: usize, bids: usize) -> BidResponse<'static> {
    BidResponse {
        seatbid: Some(
            (0..seats)
                .map(|s| {
                    SeatBid::new(
                        (0..bids)
                            .map(|b| Bid {
                                adm: Some(Cow::Owned(format!("<div>{s}-{b}</div>"))),
                                ..Bid::new(format!("b{b}"), "imp", 1.0 + b as f64)
                            })
                            .collect(),
                    )
                })
                .collect(),
        ),
        ..BidResponse::new("r")
    }
}

#[test]
fn a_non_finite_price_anywhere_in_a_bid_response_is_an_error_naming_it() {
    let mut checked = 0;
    for s in 0..3 {
        for b in 0..4 {
            for bad in NON_FINITE {
                let mut value = response(3, 4);
                value.seatbid.as_mut().unwrap()[s].bid[b].price = bad;
                assert_fails_at(&value, &format!("seatbid[{s}].bid[{b}].price"), non_finite);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 36);
}

#[derive(Serialize, PooledSerialize, Clone)]
struct Deal {
    id: String,
    bidfloor: f64,
    #[serde(rename = "wfloor")]
    floor_f32: f32,
}

#[derive(Serialize, PooledSerialize, Clone)]
enum Pricing {
    Fixed(f64),
    Tiered { low: f64, high: f64 },
}

/// A bid-like object with a float in every kind of position: plain, `f32`, optional,
/// renamed, in a `Vec`, a map value, a nested struct, an enum variant and a tuple.
#[derive(Serialize, PooledSerialize, Clone)]
struct FloatBid {
    price: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    opt_price: Option<f64>,
    #[serde(rename = "cpm")]
    renamed: f32,
    history: Vec<f64>,
    by_currency: BTreeMap<String, f64>,
    deal: Deal,
    pricing: Pricing,
    range: (f64, f32),
}

#[derive(Serialize, PooledSerialize, Clone)]
struct FloatSeat {
    bid: Vec<FloatBid>,
}

#[derive(Serialize, PooledSerialize, Clone)]
struct FloatResponse {
    seatbid: Vec<FloatSeat>,
}

fn float_bid() -> FloatBid {
    FloatBid {
        price: 1.0,
        opt_price: Some(2.0),
        renamed: 3.0,
        history: vec![0.1, 0.2],
        by_currency: BTreeMap::from([("EUR".to_owned(), 0.9), ("USD".to_owned(), 1.0)]),
        deal: Deal {
            id: "d".into(),
            bidfloor: 0.5,
            floor_f32: 0.25,
        },
        pricing: Pricing::Tiered {
            low: 0.1,
            high: 9.0,
        },
        range: (0.0, 1.0),
    }
}

type Poison = fn(&mut FloatBid, f64);

/// Each float position: how to poison it and the path serde's field names give it.
fn float_positions() -> Vec<(&'static str, Poison)> {
    vec![
        ("price", |b, v| b.price = v),
        ("opt_price", |b, v| b.opt_price = Some(v)),
        ("cpm", |b, v| b.renamed = v as f32),
        ("history[1]", |b, v| b.history[1] = v),
        ("by_currency.USD", |b, v| {
            b.by_currency.insert("USD".into(), v);
        }),
        ("deal.bidfloor", |b, v| b.deal.bidfloor = v),
        ("deal.wfloor", |b, v| b.deal.floor_f32 = v as f32),
        ("pricing.Tiered.high", |b, v| {
            b.pricing = Pricing::Tiered { low: 0.1, high: v }
        }),
        ("pricing.Fixed", |b, v| b.pricing = Pricing::Fixed(v)),
        ("range[0]", |b, v| b.range.0 = v),
        ("range[1]", |b, v| b.range.1 = v as f32),
    ]
}

#[test]
fn a_non_finite_float_at_every_float_position_is_an_error_naming_it() {
    let good = FloatResponse {
        seatbid: vec![FloatSeat {
            bid: vec![float_bid(), float_bid()],
        }],
    };
    assert_eq!(
        pooled_serialize::to_vec(&good).unwrap(),
        serde_json::to_vec(&good).unwrap()
    );
    let mut checked = 0;
    for (field, poison) in float_positions() {
        for b in 0..2 {
            for bad in NON_FINITE {
                let mut value = good.clone();
                poison(&mut value.seatbid[0].bid[b], bad);
                let path = format!("seatbid[0].bid[{b}].{field}").replace(".[", "[");
                assert_fails_at(&value, &path, non_finite);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 11 * 2 * 3);
}

fn price_or_null(value: &f64, w: &mut Writer) -> Result<(), Error> {
    w.write_f64_or_null(*value);
    Ok(())
}

#[derive(Serialize, PooledSerialize)]
struct OptIn {
    #[pooled(write_with = "price_or_null")]
    price: f64,
}

#[test]
fn opting_in_writes_null_as_serde_json_does() {
    for bad in NON_FINITE {
        let value = OptIn { price: bad };
        assert_eq!(
            pooled_serialize::to_vec(&value).unwrap(),
            serde_json::to_vec(&value).unwrap()
        );
    }
}

fn invalid_raw(kind: &ErrorKind) -> bool {
    matches!(kind, ErrorKind::InvalidRawJson(_))
}

const INVALID_JSON: &[&str] = &[
    "",
    " ",
    "{",
    "}",
    "[1,]",
    "[1 2]",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{a:1}",
    "{\"a\":1}}",
    "1 2",
    "nul",
    "True",
    "NaN",
    "Infinity",
    "-",
    "01",
    "1.",
    ".5",
    "1e",
    "'single'",
    "\"unterminated",
    "\"bad escape \\x\"",
    "\"control \u{1} char\"",
    "\"tab\tinside\"",
    "<div>ad</div>",
    "[\"ok\"] trailing",
];

#[test]
fn raw_json_rejects_invalid_text() {
    for text in INVALID_JSON {
        let err = RawJson::new(*text).unwrap_err();
        assert!(invalid_raw(err.kind()), "{text:?}: {err:?}");
        assert!(err.to_string().starts_with("invalid raw JSON"), "{err}");
    }
    for text in [
        "null",
        " {\"a\":[1,2.5e-3,\"\\u00e9\"]} ",
        "\"x\"",
        "-0",
        "[]",
    ] {
        let raw = RawJson::new(text).unwrap();
        assert_eq!(pooled_serialize::to_string(&raw).unwrap(), text);
    }
}

/// Entries of a map keyed by floats (`f64` is not `Hash`/`Ord`, so no std map holds it:
/// the pairs go through `Writer::write_map`).
fn float_keyed(entries: &[(f64, u32)], w: &mut Writer) -> Result<(), Error> {
    w.write_map(entries.iter().map(|(k, v)| (k, v)))
}

#[derive(PooledSerialize)]
struct WithFloatKeys {
    id: &'static str,
    #[pooled(write_with = "float_keyed")]
    ext: Vec<(f64, u32)>,
}

/// A map key with no string form fails with `KeyMustBeString`; the error names the map
/// field, and nothing is written.
#[test]
fn map_keys_without_a_string_form_are_an_error() {
    fn key_error(kind: &ErrorKind) -> bool {
        matches!(kind, ErrorKind::KeyMustBeString)
    }
    for bad in NON_FINITE {
        let mut w = Writer::default();
        let err = w.write_map([(&1.5f64, &true), (&bad, &false)]).unwrap_err();
        assert!(key_error(err.kind()), "{err:?}");
        let mut w = Writer::default();
        let err = w.write_map([(&(bad as f32), &"x")]).unwrap_err();
        assert!(key_error(err.kind()), "{err:?}");

        let value = WithFloatKeys {
            id: "r",
            ext: vec![(2.5, 1), (bad, 2)],
        };
        assert_fails_at(&value, "ext", key_error);
    }
    // Finite float keys are quoted, as serde_json quotes them.
    let value = WithFloatKeys {
        id: "r",
        ext: vec![(2.5, 1), (-0.0, 2), (1e300, 3)],
    };
    let expected = r#"{"id":"r","ext":{"2.5":1,"-0.0":2,"1e+300":3}}"#;
    assert_eq!(pooled_serialize::to_string(&value).unwrap(), expected);
    let serde_map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &serde_json::to_string(&std::collections::BTreeMap::from([("k", 1)])).unwrap(),
    )
    .unwrap();
    // serde_json::Value keys are always strings: nothing to reject there.
    assert!(pooled_serialize::to_vec(&serde_map).is_ok());
}
