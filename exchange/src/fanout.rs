//! What the exchange sends each bidder: the publisher's request with that bidder's
//! changes, written into an HTTP body.
//!
//! Every bidder gets its own version of the request: only the impressions of the media it
//! buys, floors raised by the exchange's margin on it, its own parameters in each
//! impression's `ext.bidder`, the time it has left in `tmax`, the exchange appended to the
//! supply chain, and no user ids when the user did not consent to it. [`write_bidder_request`]
//! is the one place that writes such a request, so the exchange measures the fan-out around
//! that call alone.
//!
//! The two modes build the bidder's copy differently and write the same bytes: mode
//! `pooled` describes it as a [`BidderRequest`] view over the publisher's request (nothing
//! cloned, nothing allocated) and writes that with `to_pooled_json`; mode `serde` clones
//! the request, changes the clone ([`changed_request`]) and writes it with
//! `serde_json::to_vec`, as exchanges commonly do.

use std::borrow::Cow;

use bytes::Bytes;
use http_body_util::Full;
use pooled_serialize::openrtb::{
    BidRequest, BidderImp, BidderRequest, Imp, Prerendered, SupplyChain, SupplyChainNode,
};
use pooled_serialize::to_pooled_json;
use serde_json::{Map, Value};

use crate::server::{HttpBody, Mode};

/// The exchange's domain: the `asi` of the supply-chain node it appends.
pub const EXCHANGE_DOMAIN: &str = "exchange.example";

/// The media types a bidder buys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Media {
    /// Banners.
    pub banner: bool,
    /// Videos.
    pub video: bool,
    /// Audio.
    pub audio: bool,
    /// Native ads.
    pub native: bool,
}

impl Media {
    /// Every media type.
    pub const ALL: Media = Media {
        banner: true,
        video: true,
        audio: true,
        native: true,
    };

    /// Whether the impression offers one of these media.
    pub fn accepts(self, imp: &Imp<'_>) -> bool {
        (self.banner && imp.banner.is_some())
            || (self.video && imp.video.is_some())
            || (self.audio && imp.audio.is_some())
            || (self.native && imp.native.is_some())
    }
}

/// How the exchange changes the publisher's request for one bidder.
#[derive(Clone, Debug)]
pub struct BidderChanges {
    /// The media it buys: impressions offering none of them are left out, and a request
    /// left without impressions is not sent.
    pub media: Media,
    /// Every impression floor is multiplied by this (the exchange's margin on this
    /// bidder), then rounded to 1/10000.
    pub floor_multiplier: f64,
    /// The bidder's parameters, written as each impression's `ext.bidder`.
    pub params: Value,
    /// The exchange's seller id in the bidder's books: the `sid` of the supply-chain node
    /// appended.
    pub seller_id: String,
    /// Whether the user consented to this bidder; without consent `user.id`,
    /// `user.buyeruid` and `user.eids` are dropped.
    pub consent: bool,
}

impl BidderChanges {
    /// Whether the bidder is sent this impression.
    pub fn sends(&self, imp: &Imp<'_>) -> bool {
        self.media.accepts(imp)
    }

    /// The exchange's supply-chain node in requests to this bidder, for the auction `req`.
    pub fn schain_node<'a>(&'a self, req: &'a BidRequest<'_>) -> SupplyChainNode<'a> {
        SupplyChainNode {
            asi: Some(Cow::Borrowed(EXCHANGE_DOMAIN)),
            sid: Some(Cow::Borrowed(&self.seller_id)),
            rid: Some(Cow::Borrowed(&req.id)),
            hp: Some(1),
            ..SupplyChainNode::default()
        }
    }

    /// The floor the bidder is sent for an impression with this floor.
    pub fn floor(&self, floor: Option<f64>) -> Option<f64> {
        floor.map(|f| (f * self.floor_multiplier * 10_000.0).round() / 10_000.0)
    }
}

/// Impressions a bidder's view holds on the stack; a request with more for one bidder
/// takes one allocation for their list.
const INLINE_IMPS: usize = 16;

/// Writes the request `changes` make of `req` for one bidder, with `tmax` milliseconds left
/// to answer, as a body for hyper; `None` when no impression is left for it.
///
/// Mode [`Mode::Pooled`] writes a [`BidderRequest`] view with `to_pooled_json` and hands
/// the pooled buffer over with `into_body`: no clone, no copy, no allocation once the pool
/// is warm. With `shared` (the parts every bidder's copy has in common, written once per
/// auction by [`BidRequest::prerender`]) the view copies those parts instead of writing
/// them again for each bidder. Mode [`Mode::Serde`] writes the changed clone ([`changed_request`]) with
/// `serde_json::to_vec` and hands it over with `Bytes::from`.
///
/// # Errors
///
/// The serializer's message when the request cannot be written (a non-finite floor).
pub fn write_bidder_request(
    mode: Mode,
    req: &BidRequest<'_>,
    shared: Option<&Prerendered<'_>>,
    changes: &BidderChanges,
    tmax: i64,
) -> Result<Option<HttpBody>, String> {
    match mode {
        Mode::Pooled => {
            let count = req.imp.iter().filter(|imp| changes.sends(imp)).count();
            if count == 0 {
                return Ok(None);
            }
            let mut inline = [BidderImp::new(0); INLINE_IMPS];
            let mut spilled = Vec::new();
            let imps = if count <= INLINE_IMPS {
                &mut inline[..count]
            } else {
                spilled.resize(count, BidderImp::new(0));
                &mut spilled[..]
            };
            let sent = req
                .imp
                .iter()
                .enumerate()
                .filter(|(_, imp)| changes.sends(imp));
            for (slot, (index, imp)) in imps.iter_mut().zip(sent) {
                let mut changed = BidderImp::new(index).bidder_params(&changes.params);
                if let Some(floor) = changes.floor(imp.bidfloor) {
                    changed = changed.bidfloor(floor);
                }
                *slot = changed;
            }
            let node = changes.schain_node(req);
            let base = shared.map_or_else(|| req.for_bidder(), Prerendered::for_bidder);
            let mut view: BidderRequest<'_> = base.imps(imps).tmax(tmax).schain_node(&node);
            if !changes.consent {
                view = view.without_user_ids();
            }
            let json = to_pooled_json(&view).map_err(|e| e.to_string())?;
            Ok(Some(HttpBody::Pooled(json.into_body())))
        }
        Mode::Serde => {
            let Some(changed) = changed_request(req, changes, tmax) else {
                return Ok(None);
            };
            let json = serde_json::to_vec(&changed).map_err(|e| e.to_string())?;
            Ok(Some(HttpBody::Bytes(Full::new(Bytes::from(json)))))
        }
    }
}

/// The request `changes` make of `req` for one bidder: a changed copy, or `None` when no
/// impression is left for it.
pub fn changed_request<'a>(
    req: &BidRequest<'a>,
    changes: &'a BidderChanges,
    tmax: i64,
) -> Option<BidRequest<'a>> {
    if !req.imp.iter().any(|imp| changes.sends(imp)) {
        return None;
    }
    let mut out = req.clone();
    out.imp.retain(|imp| changes.sends(imp));
    for imp in &mut out.imp {
        imp.bidfloor = changes.floor(imp.bidfloor);
        // As Prebid Server does: the bidder gets its own parameters as `ext.bidder`, and not
        // the other bidders' under `ext.prebid.bidder`.
        match &mut imp.ext {
            Some(Value::Object(ext)) => {
                if let Some(Value::Object(prebid)) = ext.get_mut("prebid") {
                    if prebid.remove("bidder").is_some() && prebid.is_empty() {
                        ext.remove("prebid");
                    }
                }
                ext.insert("bidder".to_string(), changes.params.clone());
            }
            ext => {
                let mut map = Map::new();
                map.insert("bidder".to_string(), changes.params.clone());
                *ext = Some(Value::Object(map));
            }
        }
    }
    out.tmax = Some(tmax);
    let node = SupplyChainNode {
        asi: Some(Cow::Borrowed(EXCHANGE_DOMAIN)),
        sid: Some(Cow::Borrowed(&changes.seller_id)),
        rid: Some(req.id.clone()),
        hp: Some(1),
        ..SupplyChainNode::default()
    };
    let schain = out
        .source
        .get_or_insert_with(Default::default)
        .schain
        .get_or_insert_with(|| SupplyChain {
            complete: Some(1),
            ver: Some(Cow::Borrowed("1.0")),
            ..SupplyChain::default()
        });
    schain.nodes.get_or_insert_with(Vec::new).push(node);
    if !changes.consent {
        if let Some(user) = &mut out.user {
            user.id = None;
            user.buyeruid = None;
            user.eids = None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    fn changes(consent: bool) -> BidderChanges {
        BidderChanges {
            media: Media {
                video: false,
                ..Media::ALL
            },
            floor_multiplier: 1.1,
            params: serde_json::json!({"placement": "p-7"}),
            seller_id: "seller-3".to_string(),
            consent,
        }
    }

    const REQUEST: &str = r#"{"id":"r1","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":0.5,"ext":{"gpid":"/home"}},{"id":"2","video":{"mimes":["video/mp4"]},"bidfloor":4.0},{"id":"3","native":{"request":"{}"}}],"user":{"id":"u1","buyeruid":"b1","yob":1990},"source":{"schain":{"complete":1,"ver":"1.0","nodes":[{"asi":"pub.example","sid":"p1","hp":1}]}},"tmax":120}"#;

    #[test]
    fn each_change_is_applied_to_the_copy() {
        let req = BidRequest::from_json(REQUEST).unwrap();
        let c = changes(false);
        let out: Value =
            serde_json::to_value(changed_request(&req, &c, 90).expect("impressions left")).unwrap();
        let imps = out["imp"].as_array().unwrap();
        assert_eq!(imps.len(), 2, "the video impression is left out");
        assert_eq!(imps[0]["id"], "1");
        assert_eq!(imps[1]["id"], "3");
        assert_eq!(imps[0]["bidfloor"], 0.55);
        assert!(imps[1].get("bidfloor").is_none(), "no floor stays no floor");
        assert_eq!(imps[0]["ext"]["gpid"], "/home", "existing ext members stay");
        assert_eq!(imps[0]["ext"]["bidder"]["placement"], "p-7");
        assert_eq!(imps[1]["ext"]["bidder"]["placement"], "p-7");
        assert_eq!(out["tmax"], 90);
        let nodes = out["source"]["schain"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0]["asi"], "pub.example");
        assert_eq!(
            nodes[1],
            serde_json::json!({"asi": EXCHANGE_DOMAIN, "sid": "seller-3", "rid": "r1", "hp": 1})
        );
        assert!(out["user"].get("id").is_none());
        assert!(out["user"].get("buyeruid").is_none());
        assert_eq!(out["user"]["yob"], 1990, "only the ids are dropped");
        // The publisher's request is untouched.
        assert_eq!(req.imp.len(), 3);
        assert_eq!(req.user.as_ref().unwrap().id.as_deref(), Some("u1"));
    }

    #[test]
    fn with_consent_the_user_ids_stay_and_a_missing_schain_is_started() {
        let req = BidRequest::from_json(
            r#"{"id":"r2","imp":[{"id":"1","banner":{}}],"user":{"id":"u1"}}"#,
        )
        .unwrap();
        let out: Value =
            serde_json::to_value(changed_request(&req, &changes(true), 50).unwrap()).unwrap();
        assert_eq!(out["user"]["id"], "u1");
        assert_eq!(out["source"]["schain"]["complete"], 1);
        assert_eq!(out["source"]["schain"]["nodes"][0]["sid"], "seller-3");
    }

    #[test]
    fn a_request_without_an_impression_for_the_bidder_is_not_written() {
        let req = BidRequest::from_json(r#"{"id":"r3","imp":[{"id":"1","video":{}}]}"#).unwrap();
        for mode in [Mode::Pooled, Mode::Serde] {
            assert!(write_bidder_request(mode, &req, None, &changes(true), 50)
                .unwrap()
                .is_none());
        }
    }

    /// What a body holds.
    async fn bytes(body: HttpBody) -> Bytes {
        body.collect().await.unwrap().to_bytes()
    }

    #[tokio::test]
    async fn both_modes_write_the_bytes_serde_json_writes_for_the_changed_clone() {
        let mut bodies: Vec<String> = crate::requests::bodies(crate::requests::TEMPLATES.len())
            .into_iter()
            .map(|(_, body)| body)
            .collect();
        // Every bidder's parameters under `ext.prebid.bidder`, other `ext` members beside
        // them, and more impressions than a view holds on the stack.
        bodies.push(REQUEST.to_string());
        bodies.push(r#"{"id":"p","imp":[{"id":"1","banner":{},"ext":{"prebid":{"bidder":{"a":{"x":1}}}}},{"id":"2","banner":{},"ext":{"gpid":"g","prebid":{"bidder":{"a":{}},"storedrequest":{"id":"s"}}}},{"id":"3","banner":{},"ext":"text"}]}"#.to_string());
        let many: Vec<String> = (0..20)
            .map(|i| format!(r#"{{"id":"{i}","banner":{{"w":300,"h":250}},"bidfloor":{i}.5}}"#))
            .collect();
        bodies.push(format!(
            r#"{{"id":"many","imp":[{}],"user":{{"id":"u"}}}}"#,
            many.join(",")
        ));
        let bidders = crate::exchange::standard_bidders(8);
        let mut written = 0;
        for body in &bodies {
            let req = BidRequest::from_json(body).unwrap();
            let prerendered = req.prerender().unwrap();
            // Each mode, and mode pooled once more over the prerendered shared parts.
            let ways = [
                (Mode::Pooled, None),
                (Mode::Pooled, Some(&prerendered)),
                (Mode::Serde, None),
            ];
            for (name, c, _) in &bidders {
                let Some(changed) = changed_request(&req, c, 80) else {
                    for (mode, shared) in ways {
                        assert!(write_bidder_request(mode, &req, shared, c, 80)
                            .unwrap()
                            .is_none());
                    }
                    continue;
                };
                let want = serde_json::to_vec(&changed).unwrap();
                for (mode, shared) in ways {
                    let body = write_bidder_request(mode, &req, shared, c, 80)
                        .unwrap()
                        .unwrap();
                    assert_eq!(
                        bytes(body).await,
                        want,
                        "{name}, {}, prerendered: {}",
                        mode.name(),
                        shared.is_some()
                    );
                }
                written += 1;
            }
        }
        assert!(
            written > bodies.len(),
            "most requests are written for several bidders"
        );
    }

    #[test]
    fn the_other_bidders_parameters_are_not_sent() {
        let req = BidRequest::from_json(r#"{"id":"p","imp":[{"id":"1","banner":{},"ext":{"prebid":{"bidder":{"a":{"x":1}}}}},{"id":"2","banner":{},"ext":{"gpid":"g","prebid":{"bidder":{"a":{}},"storedrequest":{"id":"s"}}}}]}"#).unwrap();
        let out: Value =
            serde_json::to_value(changed_request(&req, &changes(true), 50).unwrap()).unwrap();
        assert_eq!(
            out["imp"][0]["ext"],
            serde_json::json!({"bidder": {"placement": "p-7"}})
        );
        assert_eq!(
            out["imp"][1]["ext"],
            serde_json::json!({"bidder": {"placement": "p-7"}, "gpid": "g", "prebid": {"storedrequest": {"id": "s"}}})
        );
    }
}
