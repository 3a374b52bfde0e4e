//! `BidRequest::validate`: each member the spec requires, left out, is reported with its
//! path; a complete request passes.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::{BidRequest, ValidationErrorKind};
use serde_json::{json, Value};

/// A request with every object whose members the spec requires, all of them present.
fn complete() -> Value {
    json!({
        "id": "r1",
        "imp": [{
            "id": "1",
            "metric": [{"type": "viewability", "value": 0.8}],
            "video": {"mimes": ["video/mp4"]},
            "audio": {"mimes": ["audio/mp4"]},
            "native": {"request": "{\"ver\":\"1.2\",\"assets\":[]}"},
            "pmp": {"deals": [{"id": "d1"}]},
            "qty": {"multiplier": 12.5}
        }],
        "device": {"sua": {"browsers": [{"brand": "Chromium"}], "platform": {"brand": "Android"}}},
        "source": {"schain": {"complete": 1, "ver": "1.0", "nodes": [{"asi": "ssp.example", "sid": "7", "hp": 1}]}}
    })
}

/// Removes the member at `path` (keys and array indices, as in the error's path).
fn remove(doc: &mut Value, path: &str) {
    let mut parts: Vec<&str> = path
        .split(['.', '[', ']'])
        .filter(|p| !p.is_empty())
        .collect();
    let last = parts.pop().unwrap();
    let mut at = doc;
    for part in parts {
        at = match part.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[part],
        };
    }
    assert!(
        at.as_object_mut().unwrap().remove(last).is_some(),
        "{path} exists"
    );
}

fn errors(doc: &Value) -> Vec<(String, ValidationErrorKind)> {
    let text = doc.to_string();
    let req = BidRequest::from_json(&text).unwrap();
    let all: Vec<_> = req
        .validation_errors()
        .into_iter()
        .map(|e| (e.path().to_owned(), e.kind()))
        .collect();
    // `validate` reports the first of them.
    match req.validate() {
        Ok(()) => assert!(all.is_empty()),
        Err(e) => assert_eq!((e.path().to_owned(), e.kind()), all[0]),
    }
    all
}

#[test]
fn a_complete_request_is_valid() {
    assert_eq!(errors(&complete()), []);
}

#[test]
fn each_missing_required_member_is_reported_with_its_path() {
    let required = [
        "imp[0].metric[0].type",
        "imp[0].metric[0].value",
        "imp[0].video.mimes",
        "imp[0].audio.mimes",
        "imp[0].native.request",
        "imp[0].pmp.deals[0].id",
        "imp[0].qty.multiplier",
        "device.sua.browsers[0].brand",
        "device.sua.platform.brand",
        "source.schain.complete",
        "source.schain.nodes",
        "source.schain.ver",
        "source.schain.nodes[0].asi",
        "source.schain.nodes[0].sid",
        "source.schain.nodes[0].hp",
    ];
    for path in required {
        let mut doc = complete();
        remove(&mut doc, path);
        assert_eq!(
            errors(&doc),
            [(path.to_owned(), ValidationErrorKind::MissingMember)],
            "{path} removed"
        );
    }
}

#[test]
fn empty_ids_and_no_impression_are_reported() {
    let mut doc = complete();
    doc["id"] = json!("");
    doc["imp"][0]["id"] = json!("");
    assert_eq!(
        errors(&doc),
        [
            ("id".to_owned(), ValidationErrorKind::EmptyId),
            ("imp[0].id".to_owned(), ValidationErrorKind::EmptyId),
        ]
    );
    let none = json!({"id": "r", "imp": []});
    assert_eq!(
        errors(&none),
        [("imp".to_owned(), ValidationErrorKind::EmptyImp)]
    );
}

#[test]
fn every_error_is_listed_in_document_order() {
    let doc = json!({
        "id": "r",
        "imp": [
            {"id": "1", "video": {"w": 640}},
            {"id": "2", "pmp": {"deals": [{"id": "a"}, {"bidfloor": 1}]}, "native": {"request": {"ver": "1"}}}
        ],
        "source": {"schain": {"complete": 0, "ver": "1.0", "nodes": [{"asi": "a.example", "sid": "1"}]}}
    });
    let found = errors(&doc);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "imp[0].video.mimes",
            "imp[1].native.request",
            "imp[1].pmp.deals[1].id",
            "source.schain.nodes[0].hp",
        ]
    );
    assert_eq!(found[1].1, ValidationErrorKind::NotAString);
    let text = doc.to_string();
    let err = BidRequest::from_json(&text)
        .unwrap()
        .validate()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "imp[0].video.mimes: required by OpenRTB 2.6 but absent"
    );
}

#[test]
fn the_corpus_requests_that_omit_required_members_still_read() {
    // Real traffic omits required members (a native impression without `request`, supply
    // chain nodes without `hp`): they read, and validation names them.
    let mut invalid = 0;
    for (name, text) in pooled_serialize_test_support::openrtb::request_corpus() {
        let req = BidRequest::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Err(e) = req.validate() {
            assert!(!e.path().is_empty(), "{name}");
            invalid += 1;
        }
    }
    // Counted independently of the model: 3 `native.request` objects, 2 native impressions
    // without `request`, 3 videos and 1 audio without `mimes`, 2 requests with an `hp`-less
    // supply chain node; 10 files in all.
    assert_eq!(invalid, 10);
}
