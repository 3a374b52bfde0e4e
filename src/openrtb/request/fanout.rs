//! Fan-out: one bid request written for many bidders, each copy changed for its bidder,
//! without cloning the request.
//!
//! An exchange sends every auction's request to each of its bidders, and each copy differs
//! a little: the impressions that bidder may bid on, their floors, the bidder's own
//! parameters in `imp[].ext`, a supply-chain node, a shorter `tmax`, user ids removed
//! where there is no consent. A [`BidderRequest`] describes one such copy as a set of
//! changes over the original: the members it does not change are borrowed from the
//! request, the ones it changes are substituted, and nothing is cloned or allocated to
//! build it. It writes exactly the bytes that `serde_json::to_vec` writes for the request
//! cloned and changed the same way ([`BidderRequest::to_request`]).

use std::borrow::Cow;
use std::iter::{Flatten, Peekable};
use std::option;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::__private::FlattenFields;
use crate::openrtb::codes::{AdInsertion, AuctionType, CategoryTaxonomy};
use crate::{Error, PooledSerialize, Writer};

use super::{
    App, Audio, Banner, BidRequest, Data, Device, Dooh, Eid, Geo, Imp, Metric, Native, Pmp, Qty,
    Refresh, Regs, Site, Source, SupplyChain, SupplyChainNode, User, Video,
};

/// One bidder's copy of a bid request: the original, borrowed, plus the changes for that
/// bidder. Writing it (with [`to_pooled_json`](crate::to_pooled_json), or serde) gives
/// exactly the bytes of the request cloned and changed the same way
/// ([`to_request`](Self::to_request)), members in the request's order.
///
/// It is `Copy` and holds only borrows: building one per bidder per auction allocates
/// nothing, and each setter returns the changed view. What it can change:
///
/// - the impressions, by [`imps`](Self::imps) (a subset, each with its own floor and
///   `ext`), [`imp_indices`](Self::imp_indices) or [`imp_mask`](Self::imp_mask);
/// - `tmax` ([`tmax`](Self::tmax));
/// - `source.schain`: a node appended ([`schain_node`](Self::schain_node));
/// - `user`: the bidder's `buyeruid` ([`buyeruid`](Self::buyeruid)), or the user ids
///   removed ([`without_user_ids`](Self::without_user_ids));
/// - `ext` ([`ext`](Self::ext)).
///
/// # Example
///
/// ```
/// use pooled_serialize::openrtb::{BidRequest, BidderImp, SupplyChainNode};
/// use serde_json::json;
///
/// let json = r#"{"id":"a1","imp":[
///     {"id":"1","banner":{"w":300,"h":250},"bidfloor":0.5,
///      "ext":{"prebid":{"bidder":{"alpha":{"placement":7},"beta":{"zone":"z"}}}}},
///     {"id":"2","video":{"mimes":["video/mp4"]},"bidfloor":2.0}],
///   "user":{"id":"u1","buyeruid":"x","eids":[{"source":"id.example","uids":[{"id":"e1"}]}]},
///   "tmax":300}"#;
/// let req = BidRequest::from_json(json)?;
///
/// // Bidder "alpha": only the banner, its own floor and parameters, our schain node,
/// // 50 ms of network budget taken off, and no user ids (no consent for this vendor).
/// let params = json!({"placement": 7});
/// let imps = [BidderImp::new(0).bidfloor(0.55).bidder_params(&params)];
/// let node = SupplyChainNode {
///     asi: Some("exchange.example".into()),
///     sid: Some("pub-42".into()),
///     hp: Some(1),
///     ..SupplyChainNode::default()
/// };
/// let alpha = req
///     .for_bidder()
///     .imps(&imps)
///     .tmax(250)
///     .schain_node(&node)
///     .without_user_ids();
///
/// let body = pooled_serialize::to_pooled_json(&alpha)?;
/// assert_eq!(body.as_str(), serde_json::to_string(&alpha.to_request())?);
/// assert!(body.as_str().contains(r#""ext":{"bidder":{"placement":7}}"#));
/// assert!(body.as_str().contains(r#""user":{}"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct BidderRequest<'r> {
    req: &'r BidRequest<'r>,
    imps: Imps<'r>,
    tmax: Option<i64>,
    schain_node: Option<&'r SupplyChainNode<'r>>,
    buyeruid: Option<&'r str>,
    without_user_ids: bool,
    ext: Option<Option<&'r Value>>,
}

/// Which impressions a copy carries.
#[derive(Clone, Copy, Debug)]
enum Imps<'r> {
    All,
    Indices(&'r [usize]),
    Mask(u64),
    Changed(&'r [BidderImp<'r>]),
}

/// One impression of a bidder's copy: the index of an impression of the original request
/// and what changes in it for this bidder (its floor, its `ext`); the rest is the
/// original's. For [`BidderRequest::imps`].
///
/// ```
/// use pooled_serialize::openrtb::BidderImp;
/// use serde_json::json;
///
/// let params = json!({"siteId": 1234});
/// let imp = BidderImp::new(1).bidfloor(1.25).bidfloorcur("EUR").bidder_params(&params);
/// assert_eq!(imp.index(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BidderImp<'r> {
    index: usize,
    bidfloor: Option<f64>,
    bidfloorcur: Option<&'r str>,
    ext: ImpExt<'r>,
}

/// What happens to an impression's `ext`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ImpExt<'r> {
    Keep,
    Set(Option<&'r Value>),
    BidderParams(&'r Value),
}

impl<'r> BidderImp<'r> {
    /// Impression `index` of the original request (its position in `imp`), unchanged.
    pub const fn new(index: usize) -> Self {
        BidderImp {
            index,
            bidfloor: None,
            bidfloorcur: None,
            ext: ImpExt::Keep,
        }
    }

    /// The index of the original impression.
    pub const fn index(&self) -> usize {
        self.index
    }

    /// The bidder's floor, in place of the original's `bidfloor` (set even when the
    /// original has none).
    #[must_use]
    pub fn bidfloor(mut self, bidfloor: f64) -> Self {
        self.bidfloor = Some(bidfloor);
        self
    }

    /// The currency of the bidder's floor, in place of the original's `bidfloorcur`.
    #[must_use]
    pub fn bidfloorcur(mut self, currency: &'r str) -> Self {
        self.bidfloorcur = Some(currency);
        self
    }

    /// The bidder's parameters, sent the way Prebid Server sends them: `ext.bidder` is
    /// `params`, and `ext.prebid.bidder` (every bidder's parameters) is removed, along
    /// with `ext.prebid` if nothing else was in it. The other members of `ext` are kept
    /// and the members stay in serde_json's order (`bidder` where it sorts). An
    /// impression whose `ext` is absent or not an object gets `{"bidder": params}`.
    #[must_use]
    pub fn bidder_params(mut self, params: &'r Value) -> Self {
        self.ext = ImpExt::BidderParams(params);
        self
    }

    /// The impression's whole `ext` replaced by `ext`, or removed with `None`.
    #[must_use]
    pub fn ext(mut self, ext: Option<&'r Value>) -> Self {
        self.ext = ImpExt::Set(ext);
        self
    }

    fn is_unchanged(&self) -> bool {
        self.bidfloor.is_none() && self.bidfloorcur.is_none() && self.ext == ImpExt::Keep
    }
}

impl<'a> BidRequest<'a> {
    /// A bidder's copy of this request, unchanged so far: add the bidder's changes with
    /// [`BidderRequest`]'s setters.
    pub fn for_bidder(&self) -> BidderRequest<'_> {
        BidderRequest::new(self)
    }
}

impl<'r> BidderRequest<'r> {
    /// A copy of `req` with no change yet.
    pub fn new(req: &'r BidRequest<'r>) -> Self {
        BidderRequest {
            req,
            imps: Imps::All,
            tmax: None,
            schain_node: None,
            buyeruid: None,
            without_user_ids: false,
            ext: None,
        }
    }

    /// The original request.
    pub fn request(&self) -> &'r BidRequest<'r> {
        self.req
    }

    /// The copy carries these impressions, in this order, each with its own changes.
    ///
    /// # Panics
    ///
    /// If an index is not one of the request's impressions; checked here, so that
    /// writing the copy never fails on it.
    #[must_use]
    pub fn imps(mut self, imps: &'r [BidderImp<'r>]) -> Self {
        let len = self.req.imp.len();
        if let Some(bad) = imps.iter().find(|imp| imp.index >= len) {
            panic!(
                "BidderRequest::imps: index {} out of range for a request with {len} impressions",
                bad.index
            );
        }
        self.imps = Imps::Changed(imps);
        self
    }

    /// The copy carries these impressions, unchanged, in this order.
    ///
    /// # Panics
    ///
    /// If an index is not one of the request's impressions.
    #[must_use]
    pub fn imp_indices(mut self, indices: &'r [usize]) -> Self {
        let len = self.req.imp.len();
        if let Some(bad) = indices.iter().find(|&&index| index >= len) {
            panic!(
                "BidderRequest::imp_indices: index {bad} out of range for a request with {len} impressions"
            );
        }
        self.imps = Imps::Indices(indices);
        self
    }

    /// The copy carries the impressions whose bit is set in `mask` (bit `i` for `imp[i]`),
    /// unchanged, in the request's order.
    ///
    /// # Panics
    ///
    /// If a bit is set past the request's last impression.
    #[must_use]
    pub fn imp_mask(mut self, mask: u64) -> Self {
        let len = self.req.imp.len();
        assert!(
            len >= 64 || mask >> len == 0,
            "BidderRequest::imp_mask: bit set past the request's {len} impressions"
        );
        self.imps = Imps::Mask(mask);
        self
    }

    /// `tmax` for this bidder: typically the request's less the network time budget.
    #[must_use]
    pub fn tmax(mut self, tmax: i64) -> Self {
        self.tmax = Some(tmax);
        self
    }

    /// `node` (the exchange's own) appended to `source.schain.nodes`. A request without
    /// a supply chain gets one started by the exchange: `{"complete":1,"nodes":[node],
    /// "ver":"1.0"}`, in a new `source` if it has none.
    #[must_use]
    pub fn schain_node(mut self, node: &'r SupplyChainNode<'r>) -> Self {
        self.schain_node = Some(node);
        self
    }

    /// The bidder's own id for the user (from the exchange's cookie sync) as
    /// `user.buyeruid`, in a new `user` if the request has none. Ignored when
    /// [`without_user_ids`](Self::without_user_ids) is set.
    #[must_use]
    pub fn buyeruid(mut self, buyeruid: &'r str) -> Self {
        self.buyeruid = Some(buyeruid);
        self
    }

    /// No user ids for this bidder (no consent): `user.id`, `user.buyeruid` and
    /// `user.eids` are removed; the rest of `user` is kept (`user.ext` included).
    #[must_use]
    pub fn without_user_ids(mut self) -> Self {
        self.without_user_ids = true;
        self
    }

    /// The request's `ext` replaced by `ext`, or removed with `None`.
    #[must_use]
    pub fn ext(mut self, ext: Option<&'r Value>) -> Self {
        self.ext = Some(ext);
        self
    }

    /// How many impressions the copy carries (an exchange skips a bidder with none).
    pub fn imp_count(&self) -> usize {
        match self.imps {
            Imps::All => self.req.imp.len(),
            Imps::Indices(indices) => indices.len(),
            Imps::Mask(mask) => mask.count_ones() as usize,
            Imps::Changed(imps) => imps.len(),
        }
    }

    /// The copy as a request of its own: the original cloned and changed. What a copy
    /// writes is exactly what serde_json writes for this request; for tests and for code
    /// that needs the model.
    pub fn to_request(&self) -> BidRequest<'r> {
        let BidRequest {
            id,
            imp: _,
            site,
            app,
            dooh,
            device,
            user,
            test,
            at,
            tmax,
            wseat,
            bseat,
            allimps,
            cur,
            wlang,
            wlangb,
            acat,
            bcat,
            cattax,
            badv,
            bapp,
            source,
            regs,
            ext,
            unknown,
        } = self.req;
        let mut user = user.clone();
        if self.without_user_ids {
            if let Some(user) = &mut user {
                user.id = None;
                user.buyeruid = None;
                user.eids = None;
            }
        } else if let Some(buyeruid) = self.buyeruid {
            user.get_or_insert_with(User::default).buyeruid = Some(buyeruid.into());
        }
        let mut source = source.clone();
        if let Some(node) = self.schain_node {
            let schain = source
                .get_or_insert_with(Source::default)
                .schain
                .get_or_insert_with(new_schain);
            schain.nodes.get_or_insert_with(Vec::new).push(node.clone());
        }
        BidRequest {
            id: id.clone(),
            imp: self.imp_items().map(|item| item.to_imp()).collect(),
            site: site.clone(),
            app: app.clone(),
            dooh: dooh.clone(),
            device: device.clone(),
            user,
            test: *test,
            at: *at,
            tmax: self.tmax.or(*tmax),
            wseat: wseat.clone(),
            bseat: bseat.clone(),
            allimps: *allimps,
            cur: cur.clone(),
            wlang: wlang.clone(),
            wlangb: wlangb.clone(),
            acat: acat.clone(),
            bcat: bcat.clone(),
            cattax: *cattax,
            badv: badv.clone(),
            bapp: bapp.clone(),
            source,
            regs: regs.clone(),
            ext: match self.ext {
                Some(replaced) => replaced.cloned(),
                None => ext.clone(),
            },
            unknown: unknown.clone(),
        }
    }

    fn imp_items(&self) -> ImpItems<'r> {
        ImpItems {
            imps: &self.req.imp,
            selection: self.imps,
            pos: 0,
        }
    }

    /// The borrowed shape that is written: every member of the request, in its order.
    fn out(&self) -> RequestOut<'r> {
        let BidRequest {
            id,
            imp: _,
            site,
            app,
            dooh,
            device,
            user,
            test,
            at,
            tmax,
            wseat,
            bseat,
            allimps,
            cur,
            wlang,
            wlangb,
            acat,
            bcat,
            cattax,
            badv,
            bapp,
            source,
            regs,
            ext,
            unknown,
        } = self.req;
        RequestOut {
            id,
            imp: ImpsOut(*self),
            site: site.as_ref(),
            app: app.as_ref(),
            dooh: dooh.as_ref(),
            device: device.as_ref(),
            user: self.user_out(user.as_ref()),
            test: test.as_ref(),
            at: at.as_ref(),
            tmax: self.tmax.or(*tmax),
            wseat: wseat.as_ref(),
            bseat: bseat.as_ref(),
            allimps: allimps.as_ref(),
            cur: cur.as_ref(),
            wlang: wlang.as_ref(),
            wlangb: wlangb.as_ref(),
            acat: acat.as_ref(),
            bcat: bcat.as_ref(),
            cattax: cattax.as_ref(),
            badv: badv.as_ref(),
            bapp: bapp.as_ref(),
            source: self.source_out(source.as_ref()),
            regs: regs.as_ref(),
            ext: match self.ext {
                Some(replaced) => replaced,
                None => ext.as_ref(),
            },
            unknown: Members(Some(unknown)),
        }
    }

    fn user_out(&self, user: Option<&'r User<'r>>) -> Option<UserOut<'r>> {
        let buyeruid = self.buyeruid.filter(|_| !self.without_user_ids);
        let Some(user) = user else {
            return buyeruid.map(|buyeruid| UserOut {
                buyeruid: Some(buyeruid),
                ..UserOut::default()
            });
        };
        let User {
            id,
            buyeruid: original_buyeruid,
            yob,
            gender,
            keywords,
            kwarray,
            customdata,
            geo,
            data,
            consent,
            eids,
            ext,
            unknown,
        } = user;
        let keep_ids = !self.without_user_ids;
        Some(UserOut {
            id: id.as_deref().filter(|_| keep_ids),
            buyeruid: buyeruid.or(original_buyeruid.as_deref().filter(|_| keep_ids)),
            yob: yob.as_ref(),
            gender: gender.as_deref(),
            keywords: keywords.as_deref(),
            kwarray: kwarray.as_ref(),
            customdata: customdata.as_deref(),
            geo: geo.as_ref(),
            data: data.as_ref(),
            consent: consent.as_deref(),
            eids: eids.as_ref().filter(|_| keep_ids),
            ext: ext.as_ref(),
            unknown: Members(Some(unknown)),
        })
    }

    fn source_out(&self, source: Option<&'r Source<'r>>) -> Option<SourceOut<'r>> {
        let Some(node) = self.schain_node else {
            return source.map(SourceOut::Original);
        };
        let Some(source) = source else {
            return Some(SourceOut::Changed(SourceFields {
                schain: Some(SchainOut::started(node)),
                ..SourceFields::default()
            }));
        };
        let Source {
            fd,
            tid,
            pchain,
            schain,
            ext,
            unknown,
        } = source;
        Some(SourceOut::Changed(SourceFields {
            fd: fd.as_ref(),
            tid: tid.as_deref(),
            pchain: pchain.as_deref(),
            schain: Some(match schain {
                Some(schain) => SchainOut::appended(schain, node),
                None => SchainOut::started(node),
            }),
            ext: ext.as_ref(),
            unknown: Members(Some(unknown)),
        }))
    }
}

/// The supply chain an exchange starts when the request comes without one.
fn new_schain<'r>() -> SupplyChain<'r> {
    SupplyChain {
        complete: Some(1),
        nodes: None,
        ver: Some(Cow::Borrowed(SCHAIN_VERSION)),
        ..SupplyChain::default()
    }
}

const SCHAIN_VERSION: &str = "1.0";

impl PooledSerialize for BidderRequest<'_> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.out().write_json(w)
    }
}

impl Serialize for BidderRequest<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.out().serialize(serializer)
    }
}

// ---- the borrowed shapes that are written ----
//
// Each mirrors a model struct member for member, with the same serde attributes, so the
// derives write the same keys in the same order; the constructors above destructure the
// model structs without `..`, so a member added to the model is a compile error here
// until it is mirrored.

/// A map's members merged into the enclosing object (`#[serde(flatten)]`), from a borrow.
#[derive(Clone, Copy, Default)]
struct Members<'r>(Option<&'r Map<String, Value>>);

impl FlattenFields for Members<'_> {
    #[inline]
    fn write_fields(&self, w: &mut Writer) -> Result<(), Error> {
        match self.0 {
            Some(map) => w.write_map_entries(map),
            None => Ok(()),
        }
    }
}

impl Serialize for Members<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.into_iter().flatten())
    }
}

#[derive(Serialize, PooledSerialize)]
#[pooled(crate)]
struct RequestOut<'r> {
    id: &'r Cow<'r, str>,
    imp: ImpsOut<'r>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'r Site<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app: Option<&'r App<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dooh: Option<&'r Dooh<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device: Option<&'r Device<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<UserOut<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    test: Option<&'r i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<&'r AuctionType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tmax: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wseat: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bseat: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allimps: Option<&'r i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cur: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wlang: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wlangb: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acat: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bcat: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cattax: Option<&'r CategoryTaxonomy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    badv: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bapp: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<SourceOut<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    regs: Option<&'r Regs<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ext: Option<&'r Value>,
    #[serde(flatten)]
    unknown: Members<'r>,
}

/// The impressions of a copy, as a JSON array.
struct ImpsOut<'r>(BidderRequest<'r>);

impl PooledSerialize for ImpsOut<'_> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        // Every element writes a leading comma; `close_list` turns the first into `[`.
        let start = w.position();
        for (index, item) in self.0.imp_items().enumerate() {
            item.write_json_prefixed(",", w)
                .map_err(|error| error.at_index(index))?;
        }
        w.close_list(start, b'[', b']');
        Ok(())
    }
}

impl Serialize for ImpsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.imp_count()))?;
        for item in self.0.imp_items() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// Walks the impressions a copy carries.
struct ImpItems<'r> {
    imps: &'r [Imp<'r>],
    selection: Imps<'r>,
    pos: usize,
}

impl<'r> Iterator for ImpItems<'r> {
    type Item = ImpItem<'r>;

    #[inline]
    fn next(&mut self) -> Option<ImpItem<'r>> {
        let item = match &mut self.selection {
            Imps::All => ImpItem::Original(self.imps.get(self.pos)?),
            Imps::Indices(indices) => ImpItem::Original(&self.imps[*indices.get(self.pos)?]),
            Imps::Mask(mask) => {
                if *mask == 0 {
                    return None;
                }
                let index = mask.trailing_zeros() as usize;
                *mask &= *mask - 1;
                ImpItem::Original(&self.imps[index])
            }
            Imps::Changed(changes) => {
                let change = changes.get(self.pos)?;
                let imp = &self.imps[change.index];
                if change.is_unchanged() {
                    ImpItem::Original(imp)
                } else {
                    ImpItem::Changed(imp, *change)
                }
            }
        };
        self.pos += 1;
        Some(item)
    }
}

/// One impression of a copy: the original's, or the original with a bidder's changes.
enum ImpItem<'r> {
    Original(&'r Imp<'r>),
    Changed(&'r Imp<'r>, BidderImp<'r>),
}

impl<'r> ImpItem<'r> {
    fn to_imp(&self) -> Imp<'r> {
        match *self {
            ImpItem::Original(imp) => imp.clone(),
            ImpItem::Changed(imp, change) => {
                let mut imp = imp.clone();
                if let Some(bidfloor) = change.bidfloor {
                    imp.bidfloor = Some(bidfloor);
                }
                if let Some(currency) = change.bidfloorcur {
                    imp.bidfloorcur = Some(currency.into());
                }
                imp.ext = match change.ext {
                    ImpExt::Keep => imp.ext,
                    ImpExt::Set(ext) => ext.cloned(),
                    ImpExt::BidderParams(params) => {
                        // Built in the order it is written, so the two agree whatever
                        // order serde_json's map keeps.
                        let mut ext = Map::new();
                        for (key, entry) in BidderExtEntries::new(imp.ext.as_ref(), params) {
                            let value = match entry {
                                ExtEntry::Value(value) => value.clone(),
                                ExtEntry::PrebidWithoutBidder(prebid) => Value::Object(
                                    prebid
                                        .iter()
                                        .filter(|(key, _)| *key != BIDDER)
                                        .map(|(key, value)| (key.clone(), value.clone()))
                                        .collect(),
                                ),
                            };
                            ext.insert(key.to_owned(), value);
                        }
                        Some(Value::Object(ext))
                    }
                };
                imp
            }
        }
    }

    fn out(imp: &'r Imp<'r>, change: BidderImp<'r>) -> ImpOut<'r> {
        let Imp {
            id,
            metric,
            banner,
            video,
            audio,
            native,
            pmp,
            displaymanager,
            displaymanagerver,
            instl,
            tagid,
            bidfloor,
            bidfloorcur,
            clickbrowser,
            secure,
            iframebuster,
            rwdd,
            ssai,
            exp,
            qty,
            dt,
            refresh,
            ext,
            unknown,
        } = imp;
        ImpOut {
            id,
            metric: metric.as_ref(),
            banner: banner.as_ref(),
            video: video.as_ref(),
            audio: audio.as_ref(),
            native: native.as_ref(),
            pmp: pmp.as_ref(),
            displaymanager: displaymanager.as_deref(),
            displaymanagerver: displaymanagerver.as_deref(),
            instl: instl.as_ref(),
            tagid: tagid.as_deref(),
            bidfloor: change.bidfloor.or(*bidfloor),
            bidfloorcur: change.bidfloorcur.or(bidfloorcur.as_deref()),
            clickbrowser: clickbrowser.as_ref(),
            secure: secure.as_ref(),
            iframebuster: iframebuster.as_ref(),
            rwdd: rwdd.as_ref(),
            ssai: ssai.as_ref(),
            exp: exp.as_ref(),
            qty: qty.as_ref(),
            dt: dt.as_ref(),
            refresh: refresh.as_ref(),
            ext: match change.ext {
                ImpExt::Keep => ext.as_ref().map(ImpExtOut::Value),
                ImpExt::Set(ext) => ext.map(ImpExtOut::Value),
                ImpExt::BidderParams(params) => Some(ImpExtOut::Bidder(ext.as_ref(), params)),
            },
            unknown: Members(Some(unknown)),
        }
    }
}

impl PooledSerialize for ImpItem<'_> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    #[inline]
    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        match *self {
            ImpItem::Original(imp) => imp.write_json_prefixed(prefix, w),
            ImpItem::Changed(imp, change) => {
                ImpItem::out(imp, change).write_json_prefixed(prefix, w)
            }
        }
    }
}

impl Serialize for ImpItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            ImpItem::Original(imp) => imp.serialize(serializer),
            ImpItem::Changed(imp, change) => ImpItem::out(imp, change).serialize(serializer),
        }
    }
}

#[derive(Serialize, PooledSerialize)]
#[pooled(crate)]
struct ImpOut<'r> {
    id: &'r Cow<'r, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metric: Option<&'r Vec<Metric<'r>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    banner: Option<&'r Banner<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    video: Option<&'r Video<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audio: Option<&'r Audio<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    native: Option<&'r Native<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmp: Option<&'r Pmp<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    displaymanager: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    displaymanagerver: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instl: Option<&'r i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tagid: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bidfloor: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bidfloorcur: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clickbrowser: Option<&'r i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secure: Option<&'r i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iframebuster: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rwdd: Option<&'r i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ssai: Option<&'r AdInsertion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<&'r i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qty: Option<&'r Qty<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dt: Option<&'r f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh: Option<&'r Refresh>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ext: Option<ImpExtOut<'r>>,
    #[serde(flatten)]
    unknown: Members<'r>,
}

/// An impression's `ext` in a copy.
enum ImpExtOut<'r> {
    /// Written as it is.
    Value(&'r Value),
    /// The original `ext` (if any) with the bidder's parameters as `bidder`.
    Bidder(Option<&'r Value>, &'r Value),
}

const BIDDER: &str = "bidder";
const PREBID: &str = "prebid";

impl PooledSerialize for ImpExtOut<'_> {
    #[inline]
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.write_json_prefixed("", w)
    }

    fn write_json_prefixed(&self, prefix: &str, w: &mut Writer) -> Result<(), Error> {
        let (ext, params) = match *self {
            ImpExtOut::Value(value) => return value.write_json_prefixed(prefix, w),
            ImpExtOut::Bidder(ext, params) => (ext, params),
        };
        w.write_raw(prefix);
        let start = w.position();
        for (key, entry) in BidderExtEntries::new(ext, params) {
            w.write_prefixed_str(",", key);
            let written = match entry {
                ExtEntry::Value(value) => value.write_json_prefixed(":", w),
                ExtEntry::PrebidWithoutBidder(prebid) => {
                    w.write_raw(":");
                    let start = w.position();
                    let written = w.write_map_entries(prebid.iter().filter(|(k, _)| *k != BIDDER));
                    w.close_list(start, b'{', b'}');
                    written
                }
            };
            written.map_err(|error| error.in_key(key))?;
        }
        w.close_list(start, b'{', b'}');
        Ok(())
    }
}

impl Serialize for ImpExtOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (ext, params) = match *self {
            ImpExtOut::Value(value) => return value.serialize(serializer),
            ImpExtOut::Bidder(ext, params) => (ext, params),
        };
        let mut map = serializer.serialize_map(None)?;
        for (key, entry) in BidderExtEntries::new(ext, params) {
            match entry {
                ExtEntry::Value(value) => map.serialize_entry(key, value)?,
                ExtEntry::PrebidWithoutBidder(prebid) => {
                    map.serialize_entry(key, &PrebidWithoutBidder(prebid))?;
                }
            }
        }
        map.end()
    }
}

/// `ext.prebid` without its `bidder` member.
struct PrebidWithoutBidder<'r>(&'r Map<String, Value>);

impl Serialize for PrebidWithoutBidder<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().filter(|(key, _)| *key != BIDDER))
    }
}

/// A member of an impression's `ext` with a bidder's parameters.
enum ExtEntry<'r> {
    Value(&'r Value),
    PrebidWithoutBidder(&'r Map<String, Value>),
}

/// The members of an impression's `ext` with a bidder's parameters, in the order they are
/// written: the original's, `bidder` in place of the original's `bidder` or else before
/// the first member that sorts after it (serde_json's map keeps its keys sorted), and
/// `prebid` without its own `bidder`, or left out if that was all it held.
struct BidderExtEntries<'r> {
    members: Peekable<Flatten<option::IntoIter<&'r Map<String, Value>>>>,
    params: Option<&'r Value>,
}

impl<'r> BidderExtEntries<'r> {
    fn new(ext: Option<&'r Value>, params: &'r Value) -> Self {
        BidderExtEntries {
            members: ext
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .peekable(),
            params: Some(params),
        }
    }
}

impl<'r> Iterator for BidderExtEntries<'r> {
    type Item = (&'r str, ExtEntry<'r>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some(&(key, value)) = self.members.peek() else {
                return self.params.take().map(|p| (BIDDER, ExtEntry::Value(p)));
            };
            if let Some(params) = self.params.filter(|_| key.as_str() >= BIDDER) {
                self.params = None;
                if key == BIDDER {
                    self.members.next();
                }
                return Some((BIDDER, ExtEntry::Value(params)));
            }
            self.members.next();
            if key == PREBID {
                if let Value::Object(prebid) = value {
                    if prebid.contains_key(BIDDER) {
                        if prebid.len() == 1 {
                            continue;
                        }
                        return Some((PREBID, ExtEntry::PrebidWithoutBidder(prebid)));
                    }
                }
            }
            return Some((key, ExtEntry::Value(value)));
        }
    }
}

#[derive(Default, Serialize, PooledSerialize)]
#[pooled(crate)]
struct UserOut<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    buyeruid: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    yob: Option<&'r i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kwarray: Option<&'r Vec<Cow<'r, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customdata: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<&'r Geo<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'r Vec<Data<'r>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consent: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eids: Option<&'r Vec<Eid<'r>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ext: Option<&'r Value>,
    #[serde(flatten)]
    unknown: Members<'r>,
}

/// `source` in a copy: the original's, or one with the exchange's supply-chain node.
#[derive(Serialize, PooledSerialize)]
#[pooled(crate)]
#[serde(untagged)]
enum SourceOut<'r> {
    Original(&'r Source<'r>),
    Changed(SourceFields<'r>),
}

#[derive(Default, Serialize, PooledSerialize)]
#[pooled(crate)]
struct SourceFields<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fd: Option<&'r i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tid: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pchain: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schain: Option<SchainOut<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ext: Option<&'r Value>,
    #[serde(flatten)]
    unknown: Members<'r>,
}

#[derive(Serialize, PooledSerialize)]
#[pooled(crate)]
struct SchainOut<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    complete: Option<&'r i32>,
    nodes: NodesOut<'r>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ver: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ext: Option<&'r Value>,
    #[serde(flatten)]
    unknown: Members<'r>,
}

impl<'r> SchainOut<'r> {
    /// The chain an exchange starts with its node; see [`new_schain`].
    fn started(node: &'r SupplyChainNode<'r>) -> Self {
        SchainOut {
            complete: Some(&1),
            nodes: NodesOut(&[], node),
            ver: Some(SCHAIN_VERSION),
            ext: None,
            unknown: Members(None),
        }
    }

    fn appended(schain: &'r SupplyChain<'r>, node: &'r SupplyChainNode<'r>) -> Self {
        let SupplyChain {
            complete,
            nodes,
            ver,
            ext,
            unknown,
        } = schain;
        SchainOut {
            complete: complete.as_ref(),
            nodes: NodesOut(nodes.as_deref().unwrap_or_default(), node),
            ver: ver.as_deref(),
            ext: ext.as_ref(),
            unknown: Members(Some(unknown)),
        }
    }
}

/// A chain's nodes and the exchange's node after them.
struct NodesOut<'r>(&'r [SupplyChainNode<'r>], &'r SupplyChainNode<'r>);

impl PooledSerialize for NodesOut<'_> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        let start = w.position();
        for (index, node) in self.0.iter().chain([self.1]).enumerate() {
            node.write_json_prefixed(",", w)
                .map_err(|error| error.at_index(index))?;
        }
        w.close_list(start, b'[', b']');
        Ok(())
    }
}

impl Serialize for NodesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().chain([self.1]))
    }
}
