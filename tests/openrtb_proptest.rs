//! Random bid responses: the pooled writer's bytes equal serde_json's, and the output
//! reads back into the same model.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::{
    ApiFramework, Bid, BidResponse, CategoryTaxonomy, CreativeAttribute, MarkupType, MediaRating,
    NoBidReason, Protocol, SeatBid, SlotPositionInPod,
};
use pooled_serialize_test_support::strategies::{float, json_value, text, unknown};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

fn codes<T: std::fmt::Debug>(f: fn(i32) -> T) -> impl Strategy<Value = Option<Vec<T>>> {
    of(vec(any::<i32>().prop_map(f), 0..4))
}

fn bid() -> impl Strategy<Value = Bid<'static>> {
    let strings = (
        text(),
        text(),
        of(text()),
        of(text()),
        of(text()),
        of(text()),
        of(text()),
        of(vec(text(), 0..3)),
        of(text()),
        of(text()),
        of(text()),
        of(text()),
    );
    let more = (
        of(text()),
        of(any::<i32>().prop_map(CategoryTaxonomy)),
        of(vec(text(), 0..3)),
        codes(CreativeAttribute),
        codes(ApiFramework),
        of(any::<i32>().prop_map(ApiFramework)),
        of(any::<i32>().prop_map(Protocol)),
        of(any::<i32>().prop_map(MediaRating)),
        of(text()),
        of(text()),
        of(text()),
    );
    let numbers = (
        prop_oneof![0.0..1000.0f64, Just(0.0), Just(1e21), Just(5.0), float()],
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i64>()),
        of(any::<i32>().prop_map(MarkupType)),
        of(any::<i32>().prop_map(SlotPositionInPod)),
        of(json_value()),
        unknown(),
    );
    (strings, more, numbers).prop_map(
        |(
            (id, impid, nurl, burl, lurl, adm, adid, adomain, bundle, iurl, cid, crid),
            (
                tactic,
                cattax,
                cat,
                attr,
                apis,
                api,
                protocol,
                qagmediarating,
                language,
                langb,
                dealid,
            ),
            (price, w, h, wratio, hratio, exp, dur, mtype, slotinpod, ext, unknown),
        )| Bid {
            id,
            impid,
            price,
            nurl,
            burl,
            lurl,
            adm,
            adid,
            adomain,
            bundle,
            iurl,
            cid,
            crid,
            tactic,
            cattax,
            cat,
            attr,
            apis,
            api,
            protocol,
            qagmediarating,
            language,
            langb,
            dealid,
            w,
            h,
            wratio,
            hratio,
            exp,
            dur,
            mtype,
            slotinpod,
            ext,
            unknown,
        },
    )
}

fn seatbid() -> impl Strategy<Value = SeatBid<'static>> {
    (
        vec(bid(), 0..4),
        of(text()),
        of(any::<i32>()),
        of(json_value()),
        unknown(),
    )
        .prop_map(|(bid, seat, group, ext, unknown)| SeatBid {
            bid,
            seat,
            group,
            ext,
            unknown,
        })
}

fn response() -> impl Strategy<Value = BidResponse<'static>> {
    (
        text(),
        of(vec(seatbid(), 0..4)),
        of(text()),
        of(text()),
        of(text()),
        of(any::<i32>().prop_map(NoBidReason)),
        of(json_value()),
        unknown(),
    )
        .prop_map(
            |(id, seatbid, bidid, cur, customdata, nbr, ext, unknown)| BidResponse {
                id,
                seatbid,
                bidid,
                cur,
                customdata,
                nbr,
                ext,
                unknown,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn pooled_writes_serde_json_bytes(resp in response()) {
        let serde = serde_json::to_string(&resp).unwrap();
        let pooled = pooled_serialize::to_pooled_json(&resp).unwrap();
        prop_assert_eq!(pooled.as_str(), serde.as_str());
    }

    #[test]
    fn output_reads_back_into_the_same_model(resp in response()) {
        let serde = serde_json::to_string(&resp).unwrap();
        let pooled = pooled_serialize::to_pooled_json(&resp).unwrap();
        prop_assert_eq!(pooled.as_str(), serde.as_str());
        // Exact for every finite float: the `openrtb` feature turns on serde_json's
        // `float_roundtrip`.
        let back = BidResponse::from_json(&serde).unwrap();
        prop_assert_eq!(back, resp);
    }
}
