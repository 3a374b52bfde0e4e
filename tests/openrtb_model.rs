//! Constructors, validation and code lists of the OpenRTB model; and a check that the
//! meaning comparison the other `openrtb_*` tests rely on can fail.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::{
    ApiFramework, Bid, BidResponse, CategoryTaxonomy, CreativeAttribute, MarkupType, MediaRating,
    NoBidReason, Protocol, SeatBid, SlotPositionInPod, ValidationErrorKind,
};
use pooled_serialize_test_support::openrtb::same_meaning;
use serde_json::json;

#[test]
fn meaning_comparison_accepts_number_spellings_and_rejects_differences() {
    let v = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
    assert!(same_meaning(
        &v(r#"{"a":5,"b":[1.000000]}"#),
        &v(r#"{"b":[1.0],"a":5.0}"#)
    )
    .is_ok());
    assert!(same_meaning(&v(r#"{"a":1}"#), &v(r#"{"a":1,"b":2}"#)).is_err());
    assert!(same_meaning(&v(r#"{"a":1,"b":2}"#), &v(r#"{"a":1}"#)).is_err());
    assert!(same_meaning(&v(r#"{"a":1}"#), &v(r#"{"a":1.5}"#)).is_err());
    assert!(same_meaning(&v(r#"{"a":"1"}"#), &v(r#"{"a":1}"#)).is_err());
    assert!(same_meaning(&v(r#"[1,2]"#), &v(r#"[2,1]"#)).is_err());
    assert!(same_meaning(&v(r#"{"a":null}"#), &v(r#"{}"#)).is_err());
    assert!(same_meaning(&v(r#"{"a":{"b":[]}}"#), &v(r#"{"a":{"b":{}}}"#)).is_err());
    assert!(same_meaning(&v("9007199254740993"), &v("9007199254740992")).is_err());
}

#[test]
fn constructors_set_the_required_members() {
    let bid = Bid::new("b", "i", 2.5);
    assert_eq!((&*bid.id, &*bid.impid, bid.price), ("b", "i", 2.5));
    let out = serde_json::to_value(&bid).unwrap();
    assert_eq!(out, json!({"id": "b", "impid": "i", "price": 2.5}));

    let resp = BidResponse::new(String::from("r"))
        .with_seatbid(SeatBid::new(vec![bid.clone()]).with_seat("s"))
        .with_seatbid(SeatBid::new(vec![bid]));
    assert_eq!(resp.seatbid.as_ref().unwrap().len(), 2);
    assert_eq!(resp.bids().count(), 2);
    assert!(!resp.is_no_bid());

    let nb = BidResponse::no_bid("r", NoBidReason::INVALID_REQUEST);
    assert!(nb.is_no_bid());
    assert_eq!(
        serde_json::to_value(&nb).unwrap(),
        json!({"id": "r", "nbr": 2})
    );
}

#[test]
fn validate_names_where() {
    let ok = BidResponse::new("r").with_seatbid(SeatBid::new(vec![Bid::new("b", "i", 0.0)]));
    assert_eq!(ok.validate(), Ok(()));
    assert!(ok.validation_errors().is_empty());

    let bad = BidResponse::new("")
        .with_seatbid(SeatBid::new(vec![
            Bid::new("b0", "i", 1.0),
            Bid::new("b1", "i", 1.0),
            Bid::new("b2", "i", f64::INFINITY),
        ]))
        .with_seatbid(SeatBid::new(vec![]))
        .with_seatbid(SeatBid::new(vec![
            Bid::new("", "", -0.5),
            Bid::new("x", "y", f64::NAN),
        ]));
    let first = bad.validate().unwrap_err();
    assert_eq!(first.path(), "id");
    assert_eq!(first.kind(), ValidationErrorKind::EmptyId);
    let all: Vec<(String, String)> = bad
        .validation_errors()
        .iter()
        .map(|e| (e.path().to_owned(), format!("{:?}", e.kind())))
        .collect();
    let expected = [
        ("id", "EmptyId"),
        ("seatbid[0].bid[2].price", "NonFinitePrice(inf)"),
        ("seatbid[1].bid", "EmptySeatBid"),
        ("seatbid[2].bid[0].id", "EmptyId"),
        ("seatbid[2].bid[0].impid", "EmptyId"),
        ("seatbid[2].bid[0].price", "NegativePrice(-0.5)"),
        ("seatbid[2].bid[1].price", "NonFinitePrice(NaN)"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, k)| (p.to_string(), k.to_string()))
        .collect();
    assert_eq!(all, expected);

    let price = BidResponse::new("r").with_seatbid(SeatBid::new(vec![
        Bid::new("a", "b", 1.0),
        Bid::new("c", "d", f64::NAN),
    ]));
    let err = price.validate().unwrap_err();
    assert_eq!(err.path(), "seatbid[0].bid[1].price");
    assert_eq!(
        err.to_string(),
        "seatbid[0].bid[1].price: price must be finite, got NaN"
    );
}

#[test]
fn code_lists_keep_any_integer_and_name_the_listed_ones() {
    assert_eq!(NoBidReason::TECHNICAL_ERROR, NoBidReason(1));
    assert_eq!(NoBidReason::BLOCKED_SUPPLY_CHAIN_NODE.get(), 17);
    assert_eq!(NoBidReason(1).to_string(), "TECHNICAL_ERROR (1)");
    assert_eq!(NoBidReason(123).to_string(), "123");
    assert!(!NoBidReason(123).is_known() && !NoBidReason(123).is_vendor_specific());
    assert!(NoBidReason(500).is_vendor_specific());
    assert_eq!(NoBidReason::KNOWN.len(), 18);
    assert_eq!(CreativeAttribute::KNOWN.len(), 18);
    assert_eq!(ApiFramework::KNOWN.last(), Some(&ApiFramework::SIMID_1_1));
    assert_eq!(Protocol::VAST_4_2_WRAPPER.get(), 14);
    assert_eq!(MediaRating::MATURE.get(), 3);
    assert_eq!(CategoryTaxonomy::IAB_CONTENT_3_0.get(), 7);
    assert_eq!(MarkupType::NATIVE.name(), Some("NATIVE"));
    assert_eq!(SlotPositionInPod::LAST.get(), -1);
    assert_eq!(SlotPositionInPod::FIRST_OR_LAST.get(), 2);
    // Every listed value has a distinct name.
    for (i, a) in NoBidReason::KNOWN.iter().enumerate() {
        assert!(NoBidReason::KNOWN[..i].iter().all(|b| b.name() != a.name()));
    }
    // Transparent: the bare number.
    assert_eq!(serde_json::to_string(&SlotPositionInPod(-1)).unwrap(), "-1");
    assert_eq!(
        serde_json::from_str::<NoBidReason>("123").unwrap(),
        NoBidReason(123)
    );
    assert_eq!(i32::from(MarkupType::from(4)), 4);
}

#[test]
fn language_and_langb_are_mutually_exclusive() {
    let one = Bid {
        language: Some("en".into()),
        ..Bid::new("b", "i", 1.0)
    };
    let both = Bid {
        langb: Some("zh-Hant".into()),
        ..one.clone()
    };
    let ok = BidResponse::new("r").with_seatbid(SeatBid::new(vec![one]));
    assert_eq!(ok.validate(), Ok(()));
    let bad = BidResponse::new("r").with_seatbid(SeatBid::new(vec![Bid::new("a", "i", 1.0), both]));
    let err = bad.validate().unwrap_err();
    assert_eq!(err.path(), "seatbid[0].bid[1].langb");
    assert_eq!(err.kind(), ValidationErrorKind::LanguageAndLangb);
    assert_eq!(
        err.to_string(),
        "seatbid[0].bid[1].langb: language and langb are mutually exclusive"
    );
}
