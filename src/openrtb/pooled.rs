//! Interim hand-written `PooledSerialize` impls for the model, in the shape the derive
//! generates; replaced by `#[derive(PooledSerialize)]` once the derive lands.

use crate::{Error, PooledSerialize, Writer};
use serde_json::{Map, Value};

use super::codes::{
    ApiFramework, CategoryTaxonomy, CreativeAttribute, MarkupType, MediaRating, NoBidReason,
    Protocol, SlotPositionInPod,
};
use super::response::{Bid, BidResponse, SeatBid};

macro_rules! transparent {
    ($($ty:ty),*) => {$(
        impl PooledSerialize for $ty {
            #[inline]
            fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
                self.0.write_json(w)
            }
        }
    )*};
}

transparent!(
    ApiFramework,
    CategoryTaxonomy,
    CreativeAttribute,
    MarkupType,
    MediaRating,
    NoBidReason,
    Protocol,
    SlotPositionInPod
);

macro_rules! opt {
    ($w:ident, $self:ident . $field:ident) => {
        if let Some(value) = &$self.$field {
            value
                .write_json_prefixed(concat!(",\"", stringify!($field), "\":"), $w)
                .map_err(|e| e.in_field(stringify!($field)))?;
        }
    };
}

fn write_unknown(map: &Map<String, Value>, w: &mut Writer) -> Result<(), Error> {
    for (key, value) in map {
        w.write_prefixed_str(",", key);
        w.write_raw(":");
        value.write_json(w).map_err(|e| e.in_key(key))?;
    }
    Ok(())
}

impl PooledSerialize for BidResponse<'_> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.id.write_json_prefixed("{\"id\":", w)?;
        opt!(w, self.seatbid);
        opt!(w, self.bidid);
        opt!(w, self.cur);
        opt!(w, self.customdata);
        opt!(w, self.nbr);
        opt!(w, self.ext);
        write_unknown(&self.unknown, w)?;
        w.write_raw("}");
        Ok(())
    }
}

impl PooledSerialize for SeatBid<'_> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.bid
            .write_json_prefixed("{\"bid\":", w)
            .map_err(|e| e.in_field("bid"))?;
        opt!(w, self.seat);
        opt!(w, self.group);
        opt!(w, self.ext);
        write_unknown(&self.unknown, w)?;
        w.write_raw("}");
        Ok(())
    }
}

impl PooledSerialize for Bid<'_> {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.id.write_json_prefixed("{\"id\":", w)?;
        self.impid.write_json_prefixed(",\"impid\":", w)?;
        w.write_raw(",\"price\":");
        w.write_f64(self.price).map_err(|e| e.in_field("price"))?;
        opt!(w, self.nurl);
        opt!(w, self.burl);
        opt!(w, self.lurl);
        opt!(w, self.adm);
        opt!(w, self.adid);
        opt!(w, self.adomain);
        opt!(w, self.bundle);
        opt!(w, self.iurl);
        opt!(w, self.cid);
        opt!(w, self.crid);
        opt!(w, self.tactic);
        opt!(w, self.cattax);
        opt!(w, self.cat);
        opt!(w, self.attr);
        opt!(w, self.apis);
        opt!(w, self.api);
        opt!(w, self.protocol);
        opt!(w, self.qagmediarating);
        opt!(w, self.language);
        opt!(w, self.langb);
        opt!(w, self.dealid);
        opt!(w, self.w);
        opt!(w, self.h);
        opt!(w, self.wratio);
        opt!(w, self.hratio);
        opt!(w, self.exp);
        opt!(w, self.dur);
        opt!(w, self.mtype);
        opt!(w, self.slotinpod);
        opt!(w, self.ext);
        write_unknown(&self.unknown, w)?;
        w.write_raw("}");
        Ok(())
    }
}
