//! A request written for many bidders through `BidderRequest` views: each view writes
//! serde_json's bytes for the request cloned and changed the naive way (the reference in
//! test-support's `fanout`, written independently of the view), on the fixture, on every
//! corpus request and on generated requests and changes, and allocates nothing once the
//! pool is warm.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::{BidRequest, BidderImp, BidderRequest, SupplyChainNode};
use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};
use pooled_serialize_test_support::fanout::{
    bidders, changes_strategy, corpus_changes, exchange_node, request, request_strategy, Changes,
    ImpChange, ImpExtChange, ImpSelection,
};
use pooled_serialize_test_support::openrtb::request_corpus;
use proptest::prelude::*;
use serde_json::{json, Value};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// `Err` with both outputs unless the view, through every entry point, writes serde_json's
/// bytes for the reference, and `to_request` and serde on the view agree with them.
fn check(req: &BidRequest<'_>, changes: &Changes) -> Result<(), String> {
    let expected = serde_json::to_string(&changes.apply(req)).unwrap();
    let imps = changes.bidder_imps();
    let view = changes.view(req, &imps);
    let pooled = pooled_serialize::to_pooled_json(&view).map_err(|e| e.to_string())?;
    if pooled.as_str() != expected {
        return Err(format!(
            "{changes:?}\nexpected: {expected}\npooled:   {}",
            pooled.as_str()
        ));
    }
    let mut buf = b"prefix".to_vec();
    pooled_serialize::write_to_vec(&view, &mut buf).unwrap();
    if buf[6..] != *expected.as_bytes() {
        return Err(format!("write_to_vec differs: {changes:?}"));
    }
    let through_serde = serde_json::to_string(&view).unwrap();
    if through_serde != expected {
        return Err(format!(
            "serde on the view differs: {changes:?}\nexpected: {expected}\nserde:    {through_serde}"
        ));
    }
    let materialised = serde_json::to_string(&view.to_request()).unwrap();
    if materialised != expected {
        return Err(format!(
            "to_request differs: {changes:?}\nexpected: {expected}\nto_request: {materialised}"
        ));
    }
    if view.imp_count() != changes.apply(req).imp.len() {
        return Err(format!("imp_count differs: {changes:?}"));
    }
    Ok(())
}

#[test]
fn each_fixture_bidder_gets_serde_jsons_bytes_for_its_changed_copy() {
    let req = request();
    let bidders = bidders();
    assert_eq!(bidders.len(), 8);
    for bidder in &bidders {
        if let Err(e) = check(&req, &bidder.changes) {
            panic!("{}: {e}", bidder.name);
        }
    }
}

#[test]
fn the_fixture_exercises_every_change() {
    let req = request();
    let json = pooled_serialize::to_pooled_json(&req).unwrap();
    assert!((3000..6000).contains(&json.len()), "{} bytes", json.len());
    let bidders = bidders();
    let subsets: Vec<Vec<usize>> = bidders
        .iter()
        .map(|b| match &b.changes.imps {
            ImpSelection::Changed(imps) => imps.iter().map(|i| i.index).collect(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(subsets.contains(&vec![0]) && subsets.contains(&vec![0, 1]));
    assert!(bidders.iter().any(|b| b.changes.without_user_ids));
    assert!(bidders.iter().any(|b| !b.changes.without_user_ids));
    assert!(bidders.iter().all(|b| b.changes.schain_node.is_some()));
    assert!(bidders.iter().any(|b| b.changes.ext.is_some()));
    // The copy carries only this bidder's parameters.
    let alpha = &bidders[0].changes;
    let imps = alpha.bidder_imps();
    let out: Value =
        serde_json::from_slice(&pooled_serialize::to_vec(&alpha.view(&req, &imps)).unwrap())
            .unwrap();
    assert_eq!(
        out["imp"][0]["ext"]["bidder"],
        json!({"placementId": 13144370})
    );
    assert_eq!(
        out["imp"][0]["ext"]["prebid"],
        json!({"storedrequest": {"id": "news-mpu-1"}})
    );
    assert_eq!(out["imp"][1]["ext"].get("prebid"), None);
    assert_eq!(
        out["source"]["schain"]["nodes"].as_array().unwrap().len(),
        2
    );
    assert_eq!(out["tmax"], 750);
    assert_eq!(out["user"]["buyeruid"], "ab-7f1c");
}

#[test]
fn every_corpus_request_with_each_set_of_changes() {
    let corpus = request_corpus();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, text) in &corpus {
        let req = BidRequest::from_json(text).unwrap();
        for (i, changes) in corpus_changes(req.imp.len()).iter().enumerate() {
            checked += 1;
            if let Err(e) = check(&req, changes) {
                failures.push(format!("{name} changes #{i}: {e}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(corpus.len() >= 161, "the request corpus is missing files");
}

#[test]
fn edge_cases() {
    let node = exchange_node();
    let bare = BidRequest::from_json(
        r#"{"id":"r","imp":[{"id":"1"},{"id":"2","ext":{"prebid":{"bidder":{"a":1}}}}]}"#,
    )
    .unwrap();
    let eids_only = BidRequest::from_json(
        r#"{"id":"r","imp":[{"id":"1"}],"user":{"eids":[{"source":"s.example","uids":[{"id":"x"}]}]}}"#,
    )
    .unwrap();
    let no_nodes = BidRequest::from_json(
        r#"{"id":"r","imp":[{"id":"1"}],"source":{"tid":"t","schain":{"complete":0,"ver":"1.0"}}}"#,
    )
    .unwrap();
    let source_without_schain =
        BidRequest::from_json(r#"{"id":"r","imp":[{"id":"1"}],"source":{"fd":1}}"#).unwrap();
    let params = json!({"p": 1});
    let cases: Vec<(&str, &BidRequest<'_>, Changes)> = vec![
        (
            "no imps",
            &bare,
            Changes {
                imps: ImpSelection::Indices(vec![]),
                ..Changes::default()
            },
        ),
        (
            "all imps",
            &bare,
            Changes {
                imps: ImpSelection::Indices(vec![0, 1]),
                ..Changes::default()
            },
        ),
        (
            "empty mask",
            &bare,
            Changes {
                imps: ImpSelection::Mask(0),
                ..Changes::default()
            },
        ),
        (
            "params on an imp without ext, and on one whose prebid held only bidder",
            &bare,
            Changes {
                imps: ImpSelection::Changed(vec![
                    ImpChange {
                        index: 0,
                        bidfloor: Some(1.5),
                        bidfloorcur: None,
                        ext: ImpExtChange::BidderParams(params.clone()),
                    },
                    ImpChange {
                        index: 1,
                        bidfloor: None,
                        bidfloorcur: Some("EUR".into()),
                        ext: ImpExtChange::BidderParams(params.clone()),
                    },
                ]),
                ..Changes::default()
            },
        ),
        (
            "the same imp twice",
            &bare,
            Changes {
                imps: ImpSelection::Indices(vec![1, 1]),
                ..Changes::default()
            },
        ),
        (
            "no source, no user",
            &bare,
            Changes {
                schain_node: Some(node.clone()),
                without_user_ids: true,
                tmax: Some(10),
                ..Changes::default()
            },
        ),
        (
            "a buyeruid without a user",
            &bare,
            Changes {
                buyeruid: Some("b".into()),
                ..Changes::default()
            },
        ),
        (
            "a buyeruid without consent",
            &bare,
            Changes {
                buyeruid: Some("b".into()),
                without_user_ids: true,
                ..Changes::default()
            },
        ),
        (
            "non-consent, user with only eids",
            &eids_only,
            Changes {
                without_user_ids: true,
                ..Changes::default()
            },
        ),
        (
            "schain without nodes",
            &no_nodes,
            Changes {
                schain_node: Some(node.clone()),
                ..Changes::default()
            },
        ),
        (
            "source without schain",
            &source_without_schain,
            Changes {
                schain_node: Some(node.clone()),
                ..Changes::default()
            },
        ),
        (
            "ext added",
            &bare,
            Changes {
                ext: Some(Some(json!({"x": [1, "y"]}))),
                ..Changes::default()
            },
        ),
        (
            "ext null",
            &bare,
            Changes {
                ext: Some(Some(Value::Null)),
                ..Changes::default()
            },
        ),
    ];
    for (what, req, changes) in &cases {
        if let Err(e) = check(req, changes) {
            panic!("{what}: {e}");
        }
    }
    let out = |req: &BidRequest<'_>, changes: &Changes| {
        let imps = changes.bidder_imps();
        pooled_serialize::to_string(&changes.view(req, &imps)).unwrap()
    };
    // Spelled out once, so that a reference and a view wrong the same way still fail.
    assert_eq!(out(&bare, &cases[0].2), r#"{"id":"r","imp":[]}"#);
    assert_eq!(
        out(&bare, &cases[3].2),
        r#"{"id":"r","imp":[{"id":"1","bidfloor":1.5,"ext":{"bidder":{"p":1}}},{"id":"2","bidfloorcur":"EUR","ext":{"bidder":{"p":1}}}]}"#
    );
    assert_eq!(
        out(&bare, &cases[5].2),
        r#"{"id":"r","imp":[{"id":"1"},{"id":"2","ext":{"prebid":{"bidder":{"a":1}}}}],"tmax":10,"source":{"schain":{"complete":1,"nodes":[{"asi":"exchange.example","sid":"pub-8953","rid":"8f3c2a9e-5b1d-4c7e-9a0f-2d6b8e1c4a73","hp":1}],"ver":"1.0"}}}"#
    );
    assert_eq!(
        out(&eids_only, &cases[8].2),
        r#"{"id":"r","imp":[{"id":"1"}],"user":{}}"#
    );
}

#[test]
fn a_view_is_copy_and_built_without_allocating() {
    fn assert_copy<T: Copy>() {}
    assert_copy::<BidderRequest<'_>>();
    assert_copy::<BidderImp<'_>>();
    let req = request();
    let node = exchange_node();
    let params = json!({"placementId": 1});
    let mut imps = [BidderImp::new(0); 2];
    let n = allocations_during(|| {
        imps = [
            BidderImp::new(0).bidfloor(1.0).bidder_params(&params),
            BidderImp::new(1).bidfloorcur("EUR").ext(None),
        ];
        let view = req
            .for_bidder()
            .imps(&imps)
            .tmax(700)
            .schain_node(&node)
            .buyeruid("u")
            .without_user_ids()
            .ext(None);
        std::hint::black_box(view);
    });
    assert_eq!(n, 0);
}

#[test]
fn writing_each_bidders_copy_allocates_nothing_once_warm() {
    let req = request();
    let bidders = bidders();
    let imps: Vec<_> = bidders.iter().map(|b| b.changes.bidder_imps()).collect();
    let views: Vec<BidderRequest<'_>> = bidders
        .iter()
        .zip(&imps)
        .map(|(b, imps)| b.changes.view(&req, imps))
        .collect();
    for (bidder, view) in bidders.iter().zip(&views) {
        let found = pooled_serialize_test_support::warm::allocations_when_warm(view);
        assert!(found.is_empty(), "{}: {found:?}", bidder.name);
    }
    // An exchange holds every bidder's body until all are sent: eight pooled buffers
    // at once, each taken from the warm pool.
    let write_all = |views: &[BidderRequest<'_>]| {
        let bodies: Vec<_> = views
            .iter()
            .map(|v| pooled_serialize::to_pooled_json(v).unwrap())
            .collect();
        bodies.iter().map(|b| b.len()).sum::<usize>()
    };
    let mut bodies = Vec::with_capacity(views.len());
    for _ in 0..3 {
        write_all(&views);
    }
    let n = allocations_during(|| {
        bodies.extend(
            views
                .iter()
                .map(|v| pooled_serialize::to_pooled_json(v).unwrap()),
        );
    });
    assert_eq!(bodies.len(), 8);
    assert_eq!(n, 0, "writing 8 bodies held together allocated");
}

#[test]
#[should_panic(expected = "index 2 out of range")]
fn an_index_past_the_last_imp_is_refused_when_the_view_is_built() {
    let req = request();
    let imps = [BidderImp::new(2)];
    let _ = req.for_bidder().imps(&imps);
}

#[test]
#[should_panic(expected = "out of range")]
fn imp_indices_are_checked_too() {
    let req = request();
    let _ = req.for_bidder().imp_indices(&[0, 5]);
}

#[test]
#[should_panic(expected = "bit set past")]
fn a_mask_bit_past_the_last_imp_is_refused() {
    let req = request();
    let _ = req.for_bidder().imp_mask(0b100);
}

#[test]
fn a_non_finite_floor_is_an_error_with_its_path() {
    let req = request();
    let imps = [BidderImp::new(1).bidfloor(f64::NAN)];
    let err = pooled_serialize::to_pooled_json(&req.for_bidder().imps(&imps)).unwrap_err();
    assert_eq!(err.path(), "imp[0].bidfloor");
    let node = SupplyChainNode::default();
    assert!(pooled_serialize::to_pooled_json(&req.for_bidder().schain_node(&node)).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_requests_and_changes(
        (req, changes) in request_strategy()
            .prop_flat_map(|req| {
                let imps = req.imp.len();
                (Just(req), changes_strategy(imps))
            })
    ) {
        if let Err(e) = check(&req, &changes) {
            prop_assert!(false, "{}", e);
        }
    }
}
