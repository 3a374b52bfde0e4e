//! Zero heap allocations per serialization after warm-up, proved with a counting
//! global allocator. Only allocations made by the measuring thread while it is
//! measuring are counted, so the test harness's own threads do not interfere.

use std::collections::BTreeMap;

use pooled_serialize_runtime::{
    pool, to_pooled_json, write_to_vec, Error, PooledSerialize, Writer,
};

use pooled_serialize_test_alloc::{allocations_during, CountingAllocator};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Miri interprets each instruction; a few rounds still run every path.
const ROUNDS: usize = if cfg!(miri) { 5 } else { 1000 };

/// A bid response shaped value, written with hand impls on top of the std impls.
struct Bid {
    id: String,
    impid: &'static str,
    price: f64,
    adm: String,
    adomain: Vec<&'static str>,
    w: Option<u32>,
    ext: BTreeMap<&'static str, f64>,
}

impl PooledSerialize for Bid {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.id.write_json_prefixed("{\"id\":", w)?;
        self.impid.write_json_prefixed(",\"impid\":", w)?;
        w.write_raw(",\"price\":");
        w.write_f64(self.price).map_err(|e| e.in_field("price"))?;
        self.adm.write_json_prefixed(",\"adm\":", w)?;
        self.adomain.write_json_prefixed(",\"adomain\":", w)?;
        if let Some(width) = self.w {
            width.write_json_prefixed(",\"w\":", w)?;
        }
        self.ext
            .write_json_prefixed(",\"ext\":", w)
            .map_err(|e| e.in_field("ext"))?;
        w.write_raw("}");
        Ok(())
    }
}

struct SeatBid {
    seat: &'static str,
    bid: Vec<Bid>,
}

impl PooledSerialize for SeatBid {
    fn write_json(&self, w: &mut Writer) -> Result<(), Error> {
        self.bid
            .write_json_prefixed("{\"bid\":", w)
            .map_err(|e| e.in_field("bid"))?;
        self.seat.write_json_prefixed(",\"seat\":", w)?;
        w.write_raw("}");
        Ok(())
    }
}

fn response() -> Vec<SeatBid> {
    (0..2)
        .map(|seat| SeatBid {
            seat: "seat-1",
            bid: (0..3)
                .map(|n| Bid {
                    id: format!("bid-{seat}-{n}"),
                    impid: "imp-1",
                    price: 1.2345 + f64::from(n),
                    adm: "<div class=\"ad\">\n\t<a href=\"https://x.example/?a=1&amp;b=2\">Café – 5€</a>\n</div>"
                        .repeat(4),
                    adomain: vec!["advertiser.example"],
                    w: (n % 2 == 0).then_some(300),
                    ext: BTreeMap::from([("bidfloor", 0.5), ("score", 0.99)]),
                })
                .collect(),
        })
        .collect()
}

#[test]
fn pooled_serialization_allocates_nothing_after_warm_up() {
    let value = response();
    for _ in 0..3 {
        drop(to_pooled_json(&value).unwrap());
    }
    let mut total_len = 0;
    let allocations = allocations_during(|| {
        for _ in 0..ROUNDS {
            let json = to_pooled_json(&value).unwrap();
            total_len += json.len();
        }
    });
    assert!(
        total_len > ROUNDS * 1024,
        "the output must outgrow the initial capacity"
    );
    assert_eq!(
        allocations, 0,
        "allocations in {ROUNDS} warm serializations"
    );
    assert!(pool::thread_stats().hits >= ROUNDS as u64);
}

#[test]
fn appending_to_a_reused_vec_allocates_nothing() {
    let value = response();
    let mut out = Vec::new();
    write_to_vec(&value, &mut out).unwrap();
    let allocations = allocations_during(|| {
        for _ in 0..ROUNDS {
            out.clear();
            write_to_vec(&value, &mut out).unwrap();
        }
    });
    assert_eq!(allocations, 0);
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the guard: a counter that never counts would pass the tests above.
    let allocations = allocations_during(|| drop(std::hint::black_box(vec![0u8; 64])));
    assert_eq!(allocations, 1);
    let cold = allocations_during(|| {
        std::thread::spawn(|| ()).join().unwrap();
    });
    assert!(cold >= 1);
}

#[test]
fn returning_a_threads_first_buffer_allocates_nothing() {
    // The hot slot keeps the buffer returned last, so a thread that lends one buffer at a
    // time never grows its spare list: releasing allocates nothing, even the first time.
    std::thread::spawn(|| {
        let buf = pool::acquire();
        assert_eq!(allocations_during(|| drop(buf)), 0, "first release");
        assert_eq!(
            allocations_during(|| drop(pool::acquire())),
            0,
            "lent again"
        );
    })
    .join()
    .unwrap();
}
