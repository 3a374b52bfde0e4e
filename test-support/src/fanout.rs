//! Fan-out: a bidder's changes to a request as plain data, the reference that applies them
//! the naive way (clone the request, then change the clone), the fixture of the tests and
//! the bench (`tests/corpus/fanout/request.json` and eight bidders), and proptest
//! strategies for requests and changes.
//!
//! The reference is written independently of `BidderRequest`: serde_json's bytes for
//! [`Changes::apply`]'s result are what a view must write.

use std::borrow::Cow;

use pooled_serialize::openrtb::{
    Banner, BidRequest, BidderImp, BidderRequest, Eid, Imp, Regs, Site, Source, SupplyChain,
    SupplyChainNode, Uid, User,
};
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

use crate::strategies::{float, json_value, text, unknown};

/// The fixture's request, as JSON text.
pub const REQUEST: &str = include_str!("../../tests/corpus/fanout/request.json");

/// Which impressions a bidder's copy carries.
#[derive(Clone, Debug, Default)]
pub enum ImpSelection {
    /// All, unchanged.
    #[default]
    All,
    /// These, unchanged, in this order.
    Indices(Vec<usize>),
    /// Those whose bit is set, unchanged.
    Mask(u64),
    /// These, in this order, each with its changes.
    Changed(Vec<ImpChange>),
}

/// One impression of a bidder's copy and its changes.
#[derive(Clone, Debug)]
pub struct ImpChange {
    pub index: usize,
    pub bidfloor: Option<f64>,
    pub bidfloorcur: Option<String>,
    pub ext: ImpExtChange,
}

/// What happens to an impression's `ext`.
#[derive(Clone, Debug)]
pub enum ImpExtChange {
    Keep,
    Set(Option<Value>),
    /// Prebid Server's way: `ext.bidder` is the parameters, `ext.prebid.bidder` goes.
    BidderParams(Value),
}

/// One bidder's changes to a request.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    pub imps: ImpSelection,
    pub tmax: Option<i64>,
    pub schain_node: Option<SupplyChainNode<'static>>,
    pub buyeruid: Option<String>,
    pub without_user_ids: bool,
    pub ext: Option<Option<Value>>,
}

impl Changes {
    /// The [`BidderImp`]s of [`ImpSelection::Changed`] (empty otherwise), for
    /// [`view`](Self::view).
    pub fn bidder_imps(&self) -> Vec<BidderImp<'_>> {
        let mut out = Vec::new();
        self.bidder_imps_into(&mut out);
        out
    }

    /// [`bidder_imps`](Self::bidder_imps) into a reused `Vec`.
    pub fn bidder_imps_into<'r>(&'r self, out: &mut Vec<BidderImp<'r>>) {
        out.clear();
        if let ImpSelection::Changed(changes) = &self.imps {
            out.extend(changes.iter().map(|change| {
                let mut imp = BidderImp::new(change.index);
                if let Some(bidfloor) = change.bidfloor {
                    imp = imp.bidfloor(bidfloor);
                }
                if let Some(currency) = &change.bidfloorcur {
                    imp = imp.bidfloorcur(currency);
                }
                match &change.ext {
                    ImpExtChange::Keep => imp,
                    ImpExtChange::Set(ext) => imp.ext(ext.as_ref()),
                    ImpExtChange::BidderParams(params) => imp.bidder_params(params),
                }
            }));
        }
    }

    /// The bidder's view of `req`; `imps` is [`bidder_imps`](Self::bidder_imps)'s result.
    pub fn view<'r>(
        &'r self,
        req: &'r BidRequest<'r>,
        imps: &'r [BidderImp<'r>],
    ) -> BidderRequest<'r> {
        let mut view = req.for_bidder();
        view = match &self.imps {
            ImpSelection::All => view,
            ImpSelection::Indices(indices) => view.imp_indices(indices),
            ImpSelection::Mask(mask) => view.imp_mask(*mask),
            ImpSelection::Changed(_) => view.imps(imps),
        };
        if let Some(tmax) = self.tmax {
            view = view.tmax(tmax);
        }
        if let Some(node) = &self.schain_node {
            view = view.schain_node(node);
        }
        if let Some(buyeruid) = &self.buyeruid {
            view = view.buyeruid(buyeruid);
        }
        if self.without_user_ids {
            view = view.without_user_ids();
        }
        if let Some(ext) = &self.ext {
            view = view.ext(ext.as_ref());
        }
        view
    }

    /// The naive way: `req` cloned, then the clone changed.
    pub fn apply<'a>(&self, req: &BidRequest<'a>) -> BidRequest<'a> {
        let mut out = req.clone();
        out.imp = match &self.imps {
            ImpSelection::All => out.imp,
            ImpSelection::Indices(indices) => indices.iter().map(|&i| req.imp[i].clone()).collect(),
            ImpSelection::Mask(mask) => (0..req.imp.len())
                .filter(|i| mask >> i & 1 == 1)
                .map(|i| req.imp[i].clone())
                .collect(),
            ImpSelection::Changed(changes) => changes
                .iter()
                .map(|change| change.apply(&req.imp[change.index]))
                .collect(),
        };
        if let Some(tmax) = self.tmax {
            out.tmax = Some(tmax);
        }
        if let Some(node) = &self.schain_node {
            let source = out.source.get_or_insert_with(Source::default);
            let schain = source.schain.get_or_insert_with(|| SupplyChain {
                complete: Some(1),
                ver: Some("1.0".into()),
                ..SupplyChain::default()
            });
            schain.nodes.get_or_insert_with(Vec::new).push(node.clone());
        }
        if self.without_user_ids {
            if let Some(user) = &mut out.user {
                user.id = None;
                user.buyeruid = None;
                user.eids = None;
            }
        } else if let Some(buyeruid) = &self.buyeruid {
            out.user.get_or_insert_with(User::default).buyeruid = Some(buyeruid.clone().into());
        }
        if let Some(ext) = &self.ext {
            out.ext = ext.clone();
        }
        out
    }
}

impl ImpChange {
    fn apply<'a>(&self, imp: &Imp<'a>) -> Imp<'a> {
        let mut imp = imp.clone();
        if let Some(bidfloor) = self.bidfloor {
            imp.bidfloor = Some(bidfloor);
        }
        if let Some(currency) = &self.bidfloorcur {
            imp.bidfloorcur = Some(currency.clone().into());
        }
        match &self.ext {
            ImpExtChange::Keep => {}
            ImpExtChange::Set(ext) => imp.ext = ext.clone(),
            ImpExtChange::BidderParams(params) => {
                let mut ext = match imp.ext.take() {
                    Some(Value::Object(ext)) => ext,
                    _ => Map::new(),
                };
                if let Some(Value::Object(prebid)) = ext.get_mut("prebid") {
                    if prebid.remove("bidder").is_some() && prebid.is_empty() {
                        ext.remove("prebid");
                    }
                }
                ext.insert("bidder".into(), params.clone());
                imp.ext = Some(Value::Object(ext));
            }
        }
        imp
    }
}

/// A bidder of the fixture.
#[derive(Clone, Debug)]
pub struct Bidder {
    pub name: &'static str,
    pub changes: Changes,
}

/// The fixture's request, read from [`REQUEST`].
pub fn request() -> BidRequest<'static> {
    BidRequest::from_json(REQUEST).expect("the fan-out fixture reads as a request")
}

/// The exchange's own supply-chain node.
pub fn exchange_node() -> SupplyChainNode<'static> {
    SupplyChainNode {
        asi: Some("exchange.example".into()),
        sid: Some("pub-8953".into()),
        rid: Some("8f3c2a9e-5b1d-4c7e-9a0f-2d6b8e1c4a73".into()),
        hp: Some(1),
        ..SupplyChainNode::default()
    }
}

/// The bidder's parameters for impression `index` of `req`, from
/// `imp[index].ext.prebid.bidder.<name>`.
pub fn params(req: &BidRequest<'_>, index: usize, name: &str) -> Option<Value> {
    req.imp[index]
        .ext
        .as_ref()?
        .pointer(&format!("/prebid/bidder/{name}"))
        .cloned()
}

/// The eight bidders of the fixture and their changes to [`request`]: each gets the
/// impressions it has parameters for, with its parameters and its own floor (the
/// exchange's floor converted to the bidder's currency or raised by its margin), the
/// exchange's schain node and `tmax` less its network budget; three have no consent
/// for user ids, two get a buyeruid from the cookie sync, one gets its own `ext`.
pub fn bidders() -> Vec<Bidder> {
    let req = request();
    let node = exchange_node();
    let table = [
        plan("alphabid", 1.0, None, 50, true, Some("ab-7f1c")),
        plan("betaads", 1.1, None, 80, true, None),
        plan("gammax", 0.92, Some("EUR"), 120, false, None),
        plan("deltamedia", 1.05, None, 60, true, Some("dm-55e0")),
        plan("epsilon", 1.0, None, 200, false, None),
        plan("zetassp", 1.2, None, 70, true, None),
        plan("etaexchange", 1.0, None, 90, false, None),
        plan("thetabid", 0.92, Some("EUR"), 100, true, None),
    ];
    table
        .into_iter()
        .map(
            |Plan {
                 name,
                 factor,
                 currency,
                 budget,
                 consent,
                 buyeruid,
             }| {
                let imps = (0..req.imp.len())
                    .filter_map(|index| {
                        let params = params(&req, index, name)?;
                        let floor = req.imp[index].bidfloor.unwrap_or(0.0) * factor;
                        Some(ImpChange {
                            index,
                            bidfloor: Some((floor * 100.0).round() / 100.0),
                            bidfloorcur: currency.map(String::from),
                            ext: ImpExtChange::BidderParams(params),
                        })
                    })
                    .collect();
                Bidder {
                    name,
                    changes: Changes {
                        imps: ImpSelection::Changed(imps),
                        tmax: Some(req.tmax.unwrap_or(1000) - budget),
                        schain_node: Some(node.clone()),
                        buyeruid: buyeruid.map(String::from),
                        without_user_ids: !consent,
                        ext: (name == "etaexchange")
                            .then(|| Some(json!({"prebid": {"integration": "s2s"}}))),
                    },
                }
            },
        )
        .collect()
}

/// How a fixture bidder's copy differs: floor multiplier and currency, network budget in
/// ms, consent for user ids, buyeruid from the cookie sync.
struct Plan {
    name: &'static str,
    factor: f64,
    currency: Option<&'static str>,
    budget: i64,
    consent: bool,
    buyeruid: Option<&'static str>,
}

fn plan(
    name: &'static str,
    factor: f64,
    currency: Option<&'static str>,
    budget: i64,
    consent: bool,
    buyeruid: Option<&'static str>,
) -> Plan {
    Plan {
        name,
        factor,
        currency,
        budget,
        consent,
        buyeruid,
    }
}

/// A handful of changes that fit any request with `imps` impressions: all impressions or
/// a part, with and without floors and parameters, each other change alone and all
/// together.
pub fn corpus_changes(imps: usize) -> Vec<Changes> {
    let odd: Vec<usize> = (0..imps).filter(|i| i % 2 == 1).collect();
    let reversed: Vec<usize> = (0..imps).rev().collect();
    let mask = if imps >= 64 {
        u64::MAX
    } else {
        ((1u64 << imps) - 1) & 0x5555_5555_5555_5555
    };
    let params = json!({"placementId": 13144370, "keywords": ["a\"b", "é"]});
    let every = ImpSelection::Changed(
        (0..imps)
            .map(|index| ImpChange {
                index,
                bidfloor: Some(0.25 + index as f64),
                bidfloorcur: Some("EUR".into()),
                ext: ImpExtChange::BidderParams(params.clone()),
            })
            .collect(),
    );
    let node = exchange_node();
    vec![
        Changes::default(),
        Changes {
            imps: every.clone(),
            ..Changes::default()
        },
        Changes {
            imps: ImpSelection::Indices(odd),
            ..Changes::default()
        },
        Changes {
            imps: ImpSelection::Indices(reversed),
            ..Changes::default()
        },
        Changes {
            imps: ImpSelection::Mask(mask),
            ..Changes::default()
        },
        Changes {
            imps: ImpSelection::Changed(
                (0..imps)
                    .step_by(2)
                    .map(|index| ImpChange {
                        index,
                        bidfloor: None,
                        bidfloorcur: None,
                        ext: ImpExtChange::Set(None),
                    })
                    .collect(),
            ),
            ..Changes::default()
        },
        Changes {
            imps: ImpSelection::Changed(Vec::new()),
            ..Changes::default()
        },
        Changes {
            tmax: Some(150),
            ..Changes::default()
        },
        Changes {
            schain_node: Some(node.clone()),
            ..Changes::default()
        },
        Changes {
            without_user_ids: true,
            ..Changes::default()
        },
        Changes {
            buyeruid: Some("bidder-uid-1".into()),
            ..Changes::default()
        },
        Changes {
            ext: Some(None),
            ..Changes::default()
        },
        Changes {
            imps: every,
            tmax: Some(90),
            schain_node: Some(node),
            buyeruid: Some("bidder-uid-2".into()),
            without_user_ids: false,
            ext: Some(Some(json!({"prebid": {"integration": "s2s"}}))),
        },
    ]
}

// ---- proptest strategies ----

/// Keys of an impression's `ext`, around where `bidder` sorts.
fn ext_key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_owned()),
        Just("bidde".to_owned()),
        Just("bidder".to_owned()),
        Just("bidder0".to_owned()),
        Just("data".to_owned()),
        Just("gpid".to_owned()),
        Just("prebid".to_owned()),
        Just("z".to_owned()),
        "[a-z]{1,7}",
    ]
}

/// An impression's `ext`: any JSON, or an object shaped like Prebid's, with or without
/// `prebid` and `prebid.bidder`.
fn imp_ext() -> impl Strategy<Value = Value> {
    let prebid = (
        of(json_value()),
        btree_map(
            prop_oneof![Just("storedrequest".to_owned()), "[a-z]{1,7}"],
            json_value(),
            0..3,
        ),
    )
        .prop_map(|(bidder, mut prebid)| {
            if let Some(bidder) = bidder {
                prebid.insert("bidder".to_owned(), bidder);
            }
            Value::Object(prebid.into_iter().collect())
        });
    prop_oneof![
        json_value(),
        (btree_map(ext_key(), json_value(), 0..4), of(prebid)).prop_map(|(members, prebid)| {
            let mut ext: Map<String, Value> = members.into_iter().collect();
            if let Some(prebid) = prebid {
                ext.insert("prebid".to_owned(), prebid);
            }
            Value::Object(ext)
        }),
    ]
}

fn imp() -> impl Strategy<Value = Imp<'static>> {
    (
        text(),
        of(Just(Banner {
            w: Some(300),
            h: Some(250),
            ..Banner::default()
        })),
        of(text()),
        of(float()),
        of(text()),
        of(imp_ext()),
        unknown(),
    )
        .prop_map(
            |(id, banner, tagid, bidfloor, bidfloorcur, ext, unknown)| Imp {
                banner,
                tagid,
                bidfloor,
                bidfloorcur,
                ext,
                unknown,
                ..Imp::new(id)
            },
        )
}

fn node() -> impl Strategy<Value = SupplyChainNode<'static>> {
    (
        of(text()),
        of(text()),
        of(text()),
        of(any::<i32>()),
        of(json_value()),
        unknown(),
    )
        .prop_map(|(asi, sid, rid, hp, ext, unknown)| SupplyChainNode {
            asi,
            sid,
            rid,
            hp,
            ext,
            unknown,
            ..SupplyChainNode::default()
        })
}

fn source() -> impl Strategy<Value = Source<'static>> {
    let schain = (
        of(any::<i32>()),
        of(vec(node(), 0..3)),
        of(text()),
        of(json_value()),
        unknown(),
    )
        .prop_map(|(complete, nodes, ver, ext, unknown)| SupplyChain {
            complete,
            nodes,
            ver,
            ext,
            unknown,
        });
    (
        of(any::<i32>()),
        of(text()),
        of(schain),
        of(json_value()),
        unknown(),
    )
        .prop_map(|(fd, tid, schain, ext, unknown)| Source {
            fd,
            tid,
            schain,
            ext,
            unknown,
            ..Source::default()
        })
}

fn user() -> impl Strategy<Value = User<'static>> {
    let eid = (of(text()), of(vec(of(text()), 0..3)), of(json_value())).prop_map(
        |(source, uids, ext)| Eid {
            source,
            uids: uids.map(|ids| {
                ids.into_iter()
                    .map(|id| Uid {
                        id,
                        ..Uid::default()
                    })
                    .collect()
            }),
            ext,
            ..Eid::default()
        },
    );
    (
        of(text()),
        of(text()),
        of(any::<i64>()),
        of(text()),
        of(vec(eid, 0..3)),
        of(json_value()),
        unknown(),
    )
        .prop_map(|(id, buyeruid, yob, consent, eids, ext, unknown)| User {
            id,
            buyeruid,
            yob,
            consent,
            eids,
            ext,
            unknown,
            ..User::default()
        })
}

/// Requests with what a bidder's changes touch (impressions with floors and Prebid-style
/// `ext`, `user` ids, `source.schain`, `tmax`, `ext`) generated, and some of the rest.
pub fn request_strategy() -> impl Strategy<Value = BidRequest<'static>> {
    (
        (text(), vec(imp(), 0..5)),
        of(text().prop_map(|page| Site {
            page: Some(page),
            ..Site::default()
        })),
        of(user()),
        (of(any::<i32>()), of(any::<i64>()), of(vec(text(), 0..3))),
        of(source()),
        of(any::<i32>().prop_map(|gdpr| Regs {
            gdpr: Some(gdpr),
            ..Regs::default()
        })),
        of(json_value()),
        unknown(),
    )
        .prop_map(
            |((id, imp), site, user, (test, tmax, bcat), source, regs, ext, unknown)| BidRequest {
                site,
                user,
                test,
                tmax,
                bcat,
                source,
                regs,
                ext,
                unknown,
                ..BidRequest::new(id, imp)
            },
        )
}

fn imp_change(imps: usize) -> impl Strategy<Value = ImpChange> {
    (
        0..imps,
        of(float()),
        of(text()),
        prop_oneof![
            Just(ImpExtChange::Keep),
            of(json_value()).prop_map(ImpExtChange::Set),
            json_value().prop_map(ImpExtChange::BidderParams),
        ],
    )
        .prop_map(|(index, bidfloor, bidfloorcur, ext)| ImpChange {
            index,
            bidfloor,
            bidfloorcur: bidfloorcur.map(Cow::into_owned),
            ext,
        })
}

fn imp_selection(imps: usize) -> BoxedStrategy<ImpSelection> {
    if imps == 0 {
        return prop_oneof![
            Just(ImpSelection::All),
            Just(ImpSelection::Indices(Vec::new())),
            Just(ImpSelection::Mask(0)),
            Just(ImpSelection::Changed(Vec::new())),
        ]
        .boxed();
    }
    let all = (1u64 << imps) - 1;
    prop_oneof![
        Just(ImpSelection::All),
        vec(0..imps, 0..6).prop_map(ImpSelection::Indices),
        any::<u64>().prop_map(move |mask| ImpSelection::Mask(mask & all)),
        vec(imp_change(imps), 0..6).prop_map(ImpSelection::Changed),
    ]
    .boxed()
}

/// Changes that fit a request with `imps` impressions (at most 63).
pub fn changes_strategy(imps: usize) -> impl Strategy<Value = Changes> {
    (
        imp_selection(imps),
        of(any::<i64>()),
        of(node()),
        of(text()),
        any::<bool>(),
        of(of(json_value())),
    )
        .prop_map(
            |(imps, tmax, schain_node, buyeruid, without_user_ids, ext)| Changes {
                imps,
                tmax,
                schain_node,
                buyeruid: buyeruid.map(Cow::into_owned),
                without_user_ids,
                ext,
            },
        )
}
