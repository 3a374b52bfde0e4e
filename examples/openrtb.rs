//! Builds an OpenRTB 2.6 bid response that borrows its creatives from a cache.

use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid};

fn main() {
    let adm = String::from("<div>ad</div>");
    let resp = BidResponse::new("req-1").with_seatbid(SeatBid::new(vec![Bid {
        adm: Some(adm.as_str().into()),
        ..Bid::new("b1", "imp-1", 1.5)
    }]));
    println!("{}", serde_json::to_string(&resp).unwrap());
}
