//! Responses of shapes the corpus lacks: non-ASCII and control characters in `adm`,
//! `apis`, `langb`, many seats and bids, off-list codes, unknown members everywhere,
//! absent versus empty, and the borrowing of strings from the input.
#![cfg(feature = "openrtb")]

use std::borrow::Cow;

use pooled_serialize::openrtb::{
    ApiFramework, Bid, BidResponse, CreativeAttribute, MarkupType, NoBidReason, Protocol, SeatBid,
    SlotPositionInPod,
};
use pooled_serialize_test_support::openrtb::same_meaning;
use serde_json::{json, Value};

/// Reads `text` into the model, writes it with serde_json, and checks that the output
/// means what the input meant and reads back into the same model.
fn round_trip(text: &str) -> BidResponse<'_> {
    let input: Value = serde_json::from_str(text).expect("test input is JSON");
    let resp = BidResponse::from_json(text).expect("reads into the model");
    let out = serde_json::to_string(&resp).unwrap();
    assert_eq!(
        pooled_serialize::to_string(&resp).unwrap(),
        out,
        "pooled vs serde_json"
    );
    let output: Value = serde_json::from_str(&out).expect("serde_json writes valid JSON");
    if let Err(e) = same_meaning(&input, &output) {
        panic!("{e}\ninput:  {text}\noutput: {out}");
    }
    assert_eq!(BidResponse::from_json(&out).unwrap(), resp);
    resp
}

/// Writes a model built in code and checks it against an independently written
/// `serde_json::json!` document.
fn assert_writes(resp: &BidResponse<'_>, expected: Value) {
    let serde = serde_json::to_vec(resp).unwrap();
    let pooled = pooled_serialize::to_pooled_json(resp).unwrap();
    assert_eq!(
        pooled.as_str(),
        std::str::from_utf8(&serde).unwrap(),
        "pooled vs serde_json"
    );
    let out: Value = serde_json::from_slice(&serde).unwrap();
    if let Err(e) = same_meaning(&expected, &out) {
        panic!("{e}\nexpected: {expected}\noutput:   {out}");
    }
}

const NON_ASCII_ADM: &str = "<div dir=\"rtl\" lang=\"ar\">\u{627}\u{634}\u{62a}\u{631}\u{650} \u{627}\u{644}\u{622}\u{646}</div>\
<p lang=\"he\">\u{5e7}\u{5e0}\u{5d4} \u{5e2}\u{5db}\u{5e9}\u{5d9}\u{5d5}</p>\
<p lang=\"zh\">\u{7acb}\u{5373}\u{8d2d}\u{4e70} \u{2014} \u{9650}\u{65f6}\u{4f18}\u{60e0}</p>\
<p lang=\"ja\">\u{4eca}\u{3059}\u{3050}\u{30c1}\u{30a7}\u{30c3}\u{30af}</p>\
<p lang=\"ko\">\u{c9c0}\u{ae08} \u{ad6c}\u{b9e4}</p>\
<span>\u{1f389}\u{1f44d}\u{1f3fd}\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} caf\u{e9} e\u{301} \u{2028}\u{2029}\u{feff}</span>";

#[test]
fn non_ascii_html_adm_round_trips() {
    let resp = BidResponse::new("r-\u{4e2d}").with_seatbid(SeatBid::new(vec![Bid {
        adm: Some(NON_ASCII_ADM.into()),
        language: Some("ar".into()),
        ..Bid::new("b\u{1f600}", "imp-1", 0.5)
    }]));
    assert_writes(
        &resp,
        json!({"id": "r-\u{4e2d}", "seatbid": [{"bid": [{
            "id": "b\u{1f600}", "impid": "imp-1", "price": 0.5,
            "adm": NON_ASCII_ADM, "language": "ar"
        }]}]}),
    );
    // And from text: raw UTF-8 and \u escapes (a surrogate pair included).
    let text = format!(
        r#"{{"id":"1","seatbid":[{{"bid":[{{"id":"1","impid":"1","price":1,"adm":{},"ext":{{"t":"\ud83d\ude00 \u05e9"}}}}]}}]}}"#,
        serde_json::to_string(NON_ASCII_ADM).unwrap()
    );
    let back = round_trip(&text);
    assert_eq!(
        back.bids().next().unwrap().adm.as_deref(),
        Some(NON_ASCII_ADM)
    );
}

#[test]
fn every_control_character_round_trips() {
    let mut adm = String::from("<script>var s = \"");
    for c in (0u8..0x20).chain([0x7f]) {
        adm.push(char::from(c));
    }
    adm.push_str("\\ \" ' / </script>");
    let resp = BidResponse::new("r").with_seatbid(SeatBid::new(vec![Bid {
        adm: Some(adm.as_str().into()),
        nurl: Some("https://w.example/win?p=${AUCTION_PRICE}&x=\u{0}".into()),
        ..Bid::new("\t", "\n", 1.0)
    }]));
    assert_writes(
        &resp,
        json!({"id": "r", "seatbid": [{"bid": [{
            "id": "\t", "impid": "\n", "price": 1.0, "adm": adm,
            "nurl": "https://w.example/win?p=${AUCTION_PRICE}&x=\u{0}"
        }]}]}),
    );
    let out = serde_json::to_string(&resp).unwrap();
    assert_eq!(BidResponse::from_json(&out).unwrap(), resp);
    // All escape spellings on input.
    round_trip(
        r#"{"id":"\u0000\u001f\b\f\n\r\t\"\\\/","seatbid":[{"bid":[{"id":"a","impid":"b","price":0,"adm":"\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u000b\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u007f"}]}]}"#,
    );
}

#[test]
fn apis_langb_and_2_6_members_round_trip() {
    let text = r#"{
        "id": "r", "bidid": "bb", "cur": "EUR", "customdata": "x~y",
        "seatbid": [{"seat": "s", "group": 1, "bid": [{
            "id": "1", "impid": "2", "price": 3.25,
            "nurl": "n", "burl": "b", "lurl": "l", "adm": "<VAST/>", "adid": "a",
            "adomain": ["x.example", "y.example"], "bundle": "com.example.app",
            "iurl": "i", "cid": "c", "crid": "cr", "tactic": "t", "cattax": 7,
            "cat": ["IAB1", "483"], "attr": [1, 16, 18], "apis": [2, 7, 8, 9], "api": 2,
            "protocol": 14, "qagmediarating": 3, "langb": "zh-Hant", "dealid": "d",
            "w": 640, "h": 480, "wratio": 16, "hratio": 9, "exp": 300, "dur": 30,
            "mtype": 2, "slotinpod": -1, "ext": {"k": [1, 2.5, null, true, {"z": "w"}]}
        }]}],
        "ext": {"debug": {}}
    }"#;
    let resp = round_trip(text);
    let bid = resp.bids().next().unwrap();
    assert_eq!(
        bid.apis.as_deref(),
        Some(
            &[
                ApiFramework::VPAID_2,
                ApiFramework::OMID_1,
                ApiFramework::SIMID_1_0,
                ApiFramework::SIMID_1_1
            ][..]
        )
    );
    assert_eq!(bid.langb.as_deref(), Some("zh-Hant"));
    assert_eq!(bid.slotinpod, Some(SlotPositionInPod::LAST));
    assert_eq!(bid.protocol, Some(Protocol::VAST_4_2_WRAPPER));
    assert_eq!(bid.mtype, Some(MarkupType::VIDEO));
    assert_eq!(bid.wratio, Some(16));
    assert!(bid.unknown.is_empty(), "every member is a known one");
}

#[test]
fn many_seats_with_dozens_of_bids() {
    let seats: Vec<SeatBid<'static>> = (0..7)
        .map(|s| {
            let bids = (0..40)
                .map(|b| Bid {
                    adm: Some(format!("<img src=\"https://cdn.example/{s}/{b}.png\">").into()),
                    w: Some(300),
                    h: Some(250),
                    attr: (b % 3 == 0).then(|| vec![CreativeAttribute(b)]),
                    ..Bid::new(format!("{s}-{b}"), format!("imp-{b}"), f64::from(b) * 0.125)
                })
                .collect();
            SeatBid::new(bids).with_seat(format!("seat-{s}"))
        })
        .collect();
    let resp = BidResponse {
        seatbid: Some(seats),
        ..BidResponse::new("many")
    };
    resp.validate().unwrap();
    let out = serde_json::to_string(&resp).unwrap();
    assert_eq!(pooled_serialize::to_string(&resp).unwrap(), out);
    let back = round_trip(&out);
    assert_eq!(back, resp);
    assert_eq!(back.bids().count(), 280);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["seatbid"][6]["bid"][39]["id"], "6-39");
    assert_eq!(v["seatbid"][6]["bid"][39]["price"], json!(4.875));
}

#[test]
fn off_list_and_vendor_codes_round_trip() {
    let text = r#"{"id":"r","nbr":123,"seatbid":[{"bid":[{"id":"1","impid":"1","price":1,
        "attr":[1,999,-5,2147483647],"apis":[500,501],"api":777,"protocol":0,"qagmediarating":9,
        "cattax":600,"mtype":5,"slotinpod":-7}]}]}"#;
    let resp = round_trip(text);
    assert_eq!(resp.nbr, Some(NoBidReason(123)));
    assert_eq!(resp.nbr.unwrap().name(), None);
    let bid = resp.bids().next().unwrap();
    assert!(bid
        .apis
        .as_ref()
        .unwrap()
        .iter()
        .all(|a| a.is_vendor_specific()));
    assert_eq!(bid.slotinpod, Some(SlotPositionInPod(-7)));
    let vendor = round_trip(r#"{"id":"r","nbr":501}"#);
    assert!(vendor.nbr.unwrap().is_vendor_specific());
}

#[test]
fn unknown_members_are_kept_at_every_level() {
    let text = r#"{"id":"r","statuscode":0,"sn":"x","seat":"odd","nested":{"a":[1,{"b":null}]},
        "seatbid":[{"type":"banner","buyer":"b","cur":"USD","mtype":1,
            "bid":[{"id":"1","impid":"1","price":1.5,"ttl":300,"podid":"p","banner":{"w":1},
                    "mimes":["video/mp4"],"adm_native":{"assets":[]},"bidderName":"z",
                    "big":18446744073709551615,"neg":-9223372036854775808,"f":1e300,"e":1.5e-7}]}]}"#;
    let resp = round_trip(text);
    assert_eq!(resp.unknown.len(), 4);
    let seat = &resp.seatbid.as_ref().unwrap()[0];
    assert_eq!(
        seat.unknown.keys().collect::<Vec<_>>(),
        ["buyer", "cur", "mtype", "type"]
    );
    assert_eq!(resp.bids().next().unwrap().unknown["ttl"], json!(300));
}

#[test]
fn absent_empty_and_null_are_kept_apart() {
    // Absent.
    let resp = round_trip(r#"{"id":"r"}"#);
    assert_eq!(resp.seatbid, None);
    assert_eq!(resp.ext, None);
    // Empty arrays and objects.
    let resp = round_trip(
        r#"{"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1","price":1,"adomain":[],"cat":[],"attr":[],"apis":[],"ext":{}}],"ext":{}}],"ext":{}}"#,
    );
    let bid = resp.bids().next().unwrap();
    assert_eq!(bid.adomain.as_deref(), Some(&[][..]));
    assert_eq!(bid.ext, Some(json!({})));
    let resp = round_trip(r#"{"id":"r","seatbid":[]}"#);
    assert_eq!(resp.seatbid, Some(vec![]));
    assert!(resp.is_no_bid());
    // An empty seat (which `validate` rejects) is still read and written back.
    let resp = round_trip(r#"{"id":"r","seatbid":[{"bid":[]}]}"#);
    assert!(resp.validate().is_err());
    // `ext: null` at every level is written back as null.
    let resp = round_trip(
        r#"{"id":"r","ext":null,"seatbid":[{"ext":null,"bid":[{"id":"1","impid":"1","price":1,"ext":null}]}]}"#,
    );
    assert_eq!(resp.ext, Some(Value::Null));
    // Unknown members holding null stay.
    round_trip(
        r#"{"id":"r","x":null,"seatbid":[{"bid":[{"id":"1","impid":"1","price":1,"y":null}]}]}"#,
    );
}

#[test]
fn null_in_a_typed_optional_member_reads_as_absent() {
    // Documented loss: `null` in a typed optional member is not kept.
    let text = r#"{"id":"r","cur":null,"nbr":null,"seatbid":[{"seat":null,"bid":[{"id":"1","impid":"1","price":1,"nurl":null,"adomain":null,"w":null,"mtype":null}]}]}"#;
    let resp = BidResponse::from_json(text).unwrap();
    assert_eq!(resp.cur, None);
    assert_eq!(resp.nbr, None);
    let bid = resp.bids().next().unwrap();
    assert_eq!(
        (bid.nurl.as_ref(), bid.adomain.as_ref(), bid.w, bid.mtype),
        (None, None, None, None)
    );
    assert!(bid.unknown.is_empty());
}

#[test]
fn optional_members_next_to_flatten_deserialize_present_and_absent() {
    // serde's `flatten` routes the struct through a map visitor; check that every
    // optional member is still recognised (not swallowed into `unknown`) and that
    // absent ones are `None`.
    let text = r#"{"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1","price":1,"dur":15,"cattax":2}]},{"seat":"s","bid":[{"id":"2","impid":"2","price":2,"lurl":"l"}]}]}"#;
    let resp = round_trip(text);
    let seats = resp.seatbid.as_ref().unwrap();
    assert_eq!(seats[0].seat, None);
    assert_eq!(seats[1].seat.as_deref(), Some("s"));
    let b0 = &seats[0].bid[0];
    assert_eq!((b0.dur, b0.lurl.as_deref()), (Some(15), None));
    let b1 = &seats[1].bid[0];
    assert_eq!((b1.dur, b1.lurl.as_deref()), (None, Some("l")));
    assert!(resp.unknown.is_empty() && seats.iter().all(|s| s.unknown.is_empty()));
    assert!(b0.unknown.is_empty() && b1.unknown.is_empty());
}

#[test]
fn strings_are_borrowed_from_the_input_unless_escaped() {
    let text = r#"{"id":"req","cur":"USD","seatbid":[{"seat":"s1","bid":[{"id":"b","impid":"i","price":1,
        "adm":"<div>plain</div>","nurl":"esc\/aped","adomain":["a.example","b\u002eexample"],"cat":["IAB1"]}]}]}"#;
    let resp = BidResponse::from_json(text).unwrap();
    let borrowed = |c: &Cow<'_, str>| matches!(c, Cow::Borrowed(_));
    assert!(borrowed(&resp.id));
    assert!(borrowed(resp.cur.as_ref().unwrap()));
    let seat = &resp.seatbid.as_ref().unwrap()[0];
    assert!(borrowed(seat.seat.as_ref().unwrap()));
    let bid = &seat.bid[0];
    assert!(borrowed(&bid.id) && borrowed(&bid.impid));
    assert!(borrowed(bid.adm.as_ref().unwrap()));
    assert!(
        !borrowed(bid.nurl.as_ref().unwrap()),
        "an escaped string must be unescaped"
    );
    assert_eq!(bid.nurl.as_deref(), Some("esc/aped"));
    let adomain = bid.adomain.as_ref().unwrap();
    assert!(borrowed(&adomain[0]) && !borrowed(&adomain[1]));
    assert!(borrowed(&bid.cat.as_ref().unwrap()[0]));
    // into_owned detaches from the input.
    let owned: BidResponse<'static> = resp.clone().into_owned();
    assert_eq!(owned, resp);
}

#[test]
fn type_errors_are_rejected() {
    for bad in [
        r#"{}"#,
        r#"{"id":1}"#,
        r#"{"id":"r","seatbid":[{"bid":[{"impid":"1","price":1}]}]}"#,
        r#"{"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1"}]}]}"#,
        r#"{"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1","price":"1"}]}]}"#,
        r#"{"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1","price":1,"w":"300"}]}]}"#,
        r#"{"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1","price":1,"adomain":"a"}]}]}"#,
        r#"{"id":"r","nbr":"1"}"#,
        r#"{"id":"r","seatbid":[{"seat":"s"}]}"#,
    ] {
        assert!(BidResponse::from_json(bad).is_err(), "accepted {bad}");
    }
}

#[test]
fn a_non_finite_price_is_an_error_naming_where() {
    let resp = BidResponse::new("r")
        .with_seatbid(SeatBid::new(vec![Bid::new("a", "b", 1.0)]))
        .with_seatbid(SeatBid::new(vec![
            Bid::new("c", "d", 1.0),
            Bid::new("e", "f", 2.0),
            Bid::new("g", "h", f64::NAN),
        ]));
    let err = pooled_serialize::to_pooled_json(&resp).unwrap_err();
    assert_eq!(err.path(), "seatbid[1].bid[2].price");
    assert_eq!(
        resp.validate().unwrap_err().path(),
        "seatbid[1].bid[2].price"
    );
    // serde_json writes `null` instead; the pooled writer refuses to.
    assert!(serde_json::to_string(&resp)
        .unwrap()
        .contains("\"price\":null"));
}

#[test]
fn prices_and_ext_floats_read_exactly() {
    // serde_json's default float parser can be one ulp off on 17-digit numbers; the
    // `openrtb` feature turns on `float_roundtrip`, so what is read is the nearest
    // `f64` (as Rust's own parser computes it) and is written back as the same number.
    for literal in [
        "121.26129953495003",
        "6.1799999999999997",
        "15.64434783",
        "0.1",
        "2.942808",
        "1e-7",
        "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    ] {
        let text = format!(
            r#"{{"id":"r","seatbid":[{{"bid":[{{"id":"1","impid":"1","price":{literal},"ext":{{"f":{literal}}}}}]}}]}}"#
        );
        let exact: f64 = literal.parse().unwrap();
        let resp = round_trip(&text);
        let bid = resp.bids().next().unwrap();
        assert_eq!(bid.price.to_bits(), exact.to_bits(), "{literal}");
        assert_eq!(bid.ext.as_ref().unwrap()["f"].as_f64(), Some(exact), "{literal}");
        let out = serde_json::to_string(&resp).unwrap();
        let written: Value = serde_json::from_str(&out).unwrap();
        let price = written["seatbid"][0]["bid"][0]["price"].to_string();
        assert_eq!(price.parse::<f64>().unwrap().to_bits(), exact.to_bits(), "{literal}");
    }
}
