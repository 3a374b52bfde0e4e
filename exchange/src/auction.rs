//! The exchange's auction: first price over the bidders' responses.
//!
//! The highest eligible bid wins and pays its own price. Ties go to the bidder listed
//! first (the exchange lists replies in the order of its bidders, not in the order they
//! arrived), then to the first bid in its response, so the same answers always give the
//! same winner.

use std::borrow::Cow;

use pooled_serialize::openrtb::{Bid, BidResponse};

/// One bidder's response.
#[derive(Clone, Debug)]
pub struct Reply<'a> {
    /// The bidder's index in the exchange's list.
    pub bidder: usize,
    /// What it answered.
    pub response: BidResponse<'a>,
}

/// Where the winning bid is in the replies, and what it pays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Winner {
    /// Index of the reply.
    pub reply: usize,
    /// Index of the seat bid in that reply.
    pub seatbid: usize,
    /// Index of the bid in that seat bid.
    pub bid: usize,
    /// The price it pays: its own bid, in first price.
    pub price: f64,
}

/// The first-price winner among the bids `eligible` accepts (it sees each bid once, with
/// the reply it came in), or `None` when no bid is eligible.
pub fn first_price(
    replies: &[Reply<'_>],
    mut eligible: impl FnMut(&Reply<'_>, &Bid<'_>) -> bool,
) -> Option<Winner> {
    let mut best: Option<Winner> = None;
    for (r, reply) in replies.iter().enumerate() {
        for (s, seatbid) in reply.response.seatbid.iter().flatten().enumerate() {
            for (b, bid) in seatbid.bid.iter().enumerate() {
                if !eligible(reply, bid) {
                    continue;
                }
                // Strictly higher: an equal bid later in the list does not displace the
                // earlier one.
                if best.map_or(true, |w| bid.price > w.price) {
                    best = Some(Winner {
                        reply: r,
                        seatbid: s,
                        bid: b,
                        price: bid.price,
                    });
                }
            }
        }
    }
    best
}

/// The exchange's answer to the publisher: the winning bid alone, at the price it pays,
/// moved out of `replies` (nothing is copied), in one seat bid whose `seat` is `seat` (the
/// winning bidder's name, as Prebid Server names seats).
///
/// # Panics
///
/// When `winner` does not point into `replies` (it must come from [`first_price`] over
/// them).
pub fn answer<'a>(
    request_id: Cow<'a, str>,
    seat: Cow<'a, str>,
    mut replies: Vec<Reply<'a>>,
    winner: Winner,
) -> BidResponse<'a> {
    let response = replies.swap_remove(winner.reply).response;
    let mut seatbids = response.seatbid.unwrap_or_default();
    seatbids.swap(0, winner.seatbid);
    seatbids.truncate(1);
    let seatbid = &mut seatbids[0];
    seatbid.bid.swap(0, winner.bid);
    seatbid.bid.truncate(1);
    seatbid.bid[0].price = winner.price;
    seatbid.seat = Some(seat);
    BidResponse {
        seatbid: Some(seatbids),
        bidid: response.bidid,
        cur: Some(Cow::Borrowed("USD")),
        ..BidResponse::new(request_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pooled_serialize::openrtb::SeatBid;

    fn reply(bidder: usize, seats: &[(&'static str, &[(&'static str, f64)])]) -> Reply<'static> {
        let seatbid = seats
            .iter()
            .map(|(seat, bids)| {
                SeatBid::new(
                    bids.iter()
                        .map(|&(id, price)| Bid::new(id, "1", price))
                        .collect(),
                )
                .with_seat(*seat)
            })
            .collect();
        Reply {
            bidder,
            response: BidResponse {
                seatbid: Some(seatbid),
                ..BidResponse::new("r")
            },
        }
    }

    fn all(_: &Reply<'_>, _: &Bid<'_>) -> bool {
        true
    }

    #[test]
    fn the_highest_bid_wins_and_pays_its_own_price() {
        let replies = vec![
            reply(0, &[("a", &[("a1", 1.5), ("a2", 2.25)])]),
            reply(1, &[("b", &[("b1", 3.1)]), ("c", &[("c1", 0.4)])]),
            reply(2, &[("d", &[("d1", 2.0)])]),
        ];
        let w = first_price(&replies, all).expect("a winner");
        assert_eq!(
            w,
            Winner {
                reply: 1,
                seatbid: 0,
                bid: 0,
                price: 3.1
            }
        );
        let resp = answer("req-9".into(), "bidder-1".into(), replies, w);
        let json: serde_json::Value = serde_json::to_value(&resp).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": "req-9", "seatbid": [{"bid": [{"id": "b1", "impid": "1", "price": 3.1}], "seat": "bidder-1"}], "cur": "USD"})
        );
    }

    #[test]
    fn a_winner_deep_in_a_reply_is_moved_out_alone() {
        let replies = vec![reply(
            4,
            &[
                ("x", &[("x1", 1.0)]),
                ("y", &[("y1", 0.5), ("y2", 7.0), ("y3", 1.0)]),
            ],
        )];
        let w = first_price(&replies, all).unwrap();
        assert_eq!((w.seatbid, w.bid), (1, 1));
        let resp = answer("r".into(), "bidder-4".into(), replies, w);
        let seatbid = &resp.seatbid.as_ref().unwrap()[..];
        assert_eq!(seatbid.len(), 1);
        assert_eq!(seatbid[0].seat.as_deref(), Some("bidder-4"));
        assert_eq!(seatbid[0].bid.len(), 1);
        assert_eq!(seatbid[0].bid[0].id, "y2");
        assert_eq!(seatbid[0].bid[0].price, 7.0);
    }

    #[test]
    fn ties_go_to_the_bidder_listed_first_then_the_first_bid() {
        let replies = vec![
            reply(0, &[("a", &[("a1", 1.0)])]),
            reply(1, &[("b", &[("b1", 2.5), ("b2", 2.5)])]),
            reply(2, &[("c", &[("c1", 2.5)])]),
        ];
        let w = first_price(&replies, all).unwrap();
        assert_eq!((w.reply, w.seatbid, w.bid), (1, 0, 0));
        // Listed the other way round, the other bidder wins: the list decides, not chance.
        let mut reversed = replies;
        reversed.reverse();
        let w = first_price(&reversed, all).unwrap();
        assert_eq!(reversed[w.reply].bidder, 2);
    }

    #[test]
    fn no_reply_or_no_eligible_bid_is_no_winner() {
        assert_eq!(first_price(&[], all), None);
        let empty = vec![Reply {
            bidder: 0,
            response: BidResponse::new("r"),
        }];
        assert_eq!(first_price(&empty, all), None);
        let replies = vec![reply(0, &[("a", &[("a1", 1.0), ("a2", 9.0)])])];
        assert_eq!(first_price(&replies, |_, _| false), None);
        // An ineligible higher bid does not hide an eligible lower one.
        let w = first_price(&replies, |_, bid| bid.id != "a2").unwrap();
        assert_eq!((w.bid, w.price), (0, 1.0));
    }
}
