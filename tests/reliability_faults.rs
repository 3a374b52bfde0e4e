//! Fault injection: a `write_with` / `serialize_with` function that fails (error or panic)
//! at every field position of a bid response, an `io::Write` sink that fails after k bytes
//! for every k, and a 16 MiB `adm`. Each time the error comes back (or the panic
//! propagates), nothing half-written escapes and the next borrower gets an empty, reused
//! buffer.
//!
//! Figures (printed with `--nocapture`): 42 field positions x 2 fault kinds x 4 entry
//! points = 336 injected faults; every k of a 764-byte document x 3 write sizes = 2,292
//! failing sinks; 3 documents with a 16 MiB `adm` (plain, escaped, non-ASCII). About 5 s
//! in a debug build, most of it the 16 MiB documents.
#![cfg(feature = "openrtb")]

use std::borrow::Cow;
use std::cell::Cell;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use pooled_serialize::openrtb::{Bid, BidResponse, SeatBid};
use pooled_serialize::{
    pool, to_pooled_json, to_writer, write_to_vec, Error, ErrorKind, PooledBuf, PooledSerialize,
    Writer,
};
use serde::ser::{Error as _, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{json, Value};

const INJECTED: &str = "injected fault";

thread_local! {
    /// Field writes so far in this serialization.
    static CALLS: Cell<usize> = const { Cell::new(0) };
    /// The call that fails (`usize::MAX`: none).
    static FAIL_AT: Cell<usize> = const { Cell::new(usize::MAX) };
    static PANICS: Cell<bool> = const { Cell::new(false) };
    /// A guard returned just before the fault, so the hot slot is taken when the failing
    /// serialization releases its buffer: that buffer goes to the spare list, which keeps
    /// a `Vec`'s length as it is (the hot slot would reset it).
    static OCCUPANT: Cell<Option<PooledBuf>> = const { Cell::new(None) };
}

/// Bumps the call counter; true when this call is the one to fail.
fn this_one_fails() -> Option<usize> {
    let n = CALLS.get();
    CALLS.set(n + 1);
    let fails = n == FAIL_AT.get();
    if fails {
        drop(OCCUPANT.take());
    }
    fails.then_some(n)
}

fn arm(fail_at: usize, panics: bool) {
    CALLS.set(0);
    FAIL_AT.set(fail_at);
    PANICS.set(panics);
}

/// The `#[pooled(write_with)]` of every plain field: writes half a value, then fails.
fn fault<T: PooledSerialize + ?Sized>(value: &T, w: &mut Writer) -> Result<(), Error> {
    if let Some(n) = this_one_fails() {
        w.write_raw("\"HALF-WRITTEN-CANARY");
        if PANICS.get() {
            panic!("{INJECTED} at {n}");
        }
        return Err(Error::custom(format!("{INJECTED} at {n}")));
    }
    value.write_json(w)
}

/// The `#[serde(serialize_with)]` of the `ext` fields (run through the serde bridge):
/// starts an array, then fails.
fn fault_serde<S: Serializer>(value: &Value, s: S) -> Result<S::Ok, S::Error> {
    if let Some(n) = this_one_fails() {
        let mut seq = s.serialize_seq(None)?;
        seq.serialize_element("HALF-WRITTEN-CANARY")?;
        if PANICS.get() {
            panic!("{INJECTED} at {n}");
        }
        return Err(S::Error::custom(format!("{INJECTED} at {n}")));
    }
    value.serialize(s)
}

#[derive(Serialize, PooledSerialize)]
struct FBid {
    #[pooled(write_with = "fault")]
    id: String,
    #[pooled(write_with = "fault")]
    impid: String,
    #[pooled(write_with = "fault")]
    price: f64,
    #[pooled(write_with = "fault")]
    adm: Option<String>,
    #[pooled(write_with = "fault")]
    nurl: Option<String>,
    #[pooled(write_with = "fault")]
    adomain: Vec<String>,
    #[pooled(write_with = "fault")]
    w: Option<i64>,
    #[serde(serialize_with = "fault_serde")]
    ext: Value,
}

#[derive(Serialize, PooledSerialize)]
struct FSeatBid {
    #[pooled(write_with = "fault")]
    bid: Vec<FBid>,
    #[pooled(write_with = "fault")]
    seat: String,
    #[serde(serialize_with = "fault_serde")]
    ext: Value,
}

#[derive(Serialize, PooledSerialize)]
struct FResponse {
    #[pooled(write_with = "fault")]
    id: String,
    #[pooled(write_with = "fault")]
    seatbid: Vec<FSeatBid>,
    #[pooled(write_with = "fault")]
    cur: String,
    #[serde(serialize_with = "fault_serde")]
    ext: Value,
}

const BID_FIELDS: [&str; 8] = ["id", "impid", "price", "adm", "nurl", "adomain", "w", "ext"];

fn response() -> FResponse {
    FResponse {
        id: "resp-canary".into(),
        seatbid: (0..2)
            .map(|s| FSeatBid {
                bid: (0..2)
                    .map(|b| FBid {
                        id: format!("bid-{s}-{b}"),
                        impid: "imp\n1".into(),
                        price: 1.25 + b as f64,
                        adm: Some(format!("<div class=\"ad\">{s}{b}</div>")),
                        nurl: Some("https://win.example/?p=${AUCTION_PRICE}".into()),
                        adomain: vec!["a.example".into(), "b.example".into()],
                        w: Some(300),
                        ext: json!({"canary": [s, b], "f": 0.5}),
                    })
                    .collect(),
                seat: format!("seat-{s}"),
                ext: json!({"seat": s}),
            })
            .collect(),
        cur: "USD".into(),
        ext: json!({"top": "level", "n": null}),
    }
}

/// The path of every field write, in writing order.
fn positions(response: &FResponse) -> Vec<String> {
    let mut out = vec!["id".to_owned(), "seatbid".to_owned()];
    for (s, seat) in response.seatbid.iter().enumerate() {
        out.push(format!("seatbid[{s}].bid"));
        for b in 0..seat.bid.len() {
            for field in BID_FIELDS {
                out.push(format!("seatbid[{s}].bid[{b}].{field}"));
            }
        }
        out.push(format!("seatbid[{s}].seat"));
        out.push(format!("seatbid[{s}].ext"));
    }
    out.push("cur".into());
    out.push("ext".into());
    out
}

fn quiet_injected_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info
                .payload()
                .downcast_ref::<String>()
                .map(String::as_str)
                .unwrap_or_default();
            if !message.starts_with(INJECTED) {
                default(info);
            }
        }));
    });
}

/// The next borrowers (two at once: the hot slot's buffer and a spare one) get empty
/// buffers, and the first is a reused one (a pool hit).
fn assert_next_borrower_clean(context: &str) {
    let before = pool::thread_stats();
    let mut next = pool::acquire();
    assert_eq!(
        pool::thread_stats().hits,
        before.hits + 1,
        "{context}: the buffer was not back in the pool"
    );
    let mut spare = pool::acquire();
    for buf in [&mut next, &mut spare] {
        assert!(buf.is_empty(), "{context}: the next borrower saw bytes");
        assert_eq!(
            buf.as_mut_vec().len(),
            0,
            "{context}: the Vec kept a length"
        );
    }
}

#[derive(Clone, Copy, Debug)]
enum Entry {
    ToPooledJson,
    ToWriter,
    WriteToVec,
    WriteValue,
}

/// Serializes through `entry` with a fault armed at `k`; checks what escaped.
fn inject(response: &FResponse, entry: Entry, k: usize, panics: bool, path: &str) {
    let context = format!("{entry:?}, fault {k} at {path}, panics: {panics}");
    OCCUPANT.set(Some(pool::acquire()));
    arm(k, panics);
    let mut sink = Vec::new();
    let mut out = b"earlier output;".to_vec();
    let outcome = catch_unwind(AssertUnwindSafe(|| match entry {
        Entry::ToPooledJson => to_pooled_json(response).map(drop),
        Entry::ToWriter => to_writer(&mut sink, response),
        Entry::WriteToVec => write_to_vec(response, &mut out),
        Entry::WriteValue => {
            let mut buf = pool::acquire();
            buf.write_value(&"kept").unwrap();
            let result = buf.write_value(response);
            assert_eq!(
                buf.as_str(),
                "\"kept\"",
                "{context}: write_value kept bytes"
            );
            result
        }
    }));
    arm(usize::MAX, false);
    match outcome {
        Ok(Ok(())) => panic!("{context}: no error"),
        Ok(Err(err)) => {
            assert!(!panics, "{context}: the panic was swallowed");
            assert_eq!(err.path(), path, "{context}");
            assert!(
                err.to_string().contains(&format!("{INJECTED} at {k}")),
                "{context}: {err}"
            );
            assert!(matches!(err.kind(), ErrorKind::Custom(_)));
        }
        Err(payload) => {
            assert!(panics, "{context}: unexpected panic");
            let message = payload.downcast_ref::<String>().unwrap();
            assert_eq!(message, &format!("{INJECTED} at {k}"));
        }
    }
    assert!(sink.is_empty(), "{context}: to_writer wrote to the sink");
    match entry {
        // An error truncates back to what `out` held; a panic leaves it empty.
        Entry::WriteToVec if panics => assert!(out.is_empty(), "{context}"),
        _ => assert_eq!(out, b"earlier output;", "{context}"),
    }
    assert_next_borrower_clean(&context);
}

#[test]
fn a_fault_at_every_field_position_leaves_nothing_behind() {
    quiet_injected_panics();
    let response = response();

    // Without a fault: the same bytes as serde_json (which calls `fault_serde` too).
    arm(usize::MAX, false);
    let expected = serde_json::to_string(&response).unwrap();
    arm(usize::MAX, false);
    let ours = pooled_serialize::to_string(&response).unwrap();
    assert_eq!(ours, expected);
    let calls = CALLS.get();
    let paths = positions(&response);
    assert_eq!(calls, paths.len(), "every field position is counted once");

    let mut faults = 0;
    for (k, path) in paths.iter().enumerate() {
        for panics in [false, true] {
            for entry in [
                Entry::ToPooledJson,
                Entry::ToWriter,
                Entry::WriteToVec,
                Entry::WriteValue,
            ] {
                inject(&response, entry, k, panics, path);
                faults += 1;
            }
        }
    }
    assert_eq!(faults, 336);
    println!(
        "field faults injected: {} positions x 2 kinds x 4 entry points = {faults}",
        paths.len()
    );
}

/// A sink that takes at most `chunk` bytes per write and fails once it holds `limit`.
struct FailingSink {
    written: Vec<u8>,
    limit: usize,
    chunk: usize,
    interrupt_next: bool,
}

impl io::Write for FailingSink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        // An `Interrupted` before every write: `write_all` must retry, not fail.
        self.interrupt_next = !self.interrupt_next;
        if self.interrupt_next {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let room = self.limit - self.written.len();
        if room == 0 {
            return Err(io::Error::other("injected sink failure"));
        }
        let n = data.len().min(room).min(self.chunk);
        self.written.extend_from_slice(&data[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn bid_response(canary: &str) -> BidResponse<'static> {
    let bids = (0..3)
        .map(|i| Bid {
            adm: Some(format!("<script>{canary}\"{i}\"\n</script>").into()),
            nurl: Some(format!("https://win.example/{canary}?p=${{AUCTION_PRICE}}").into()),
            adomain: Some(vec!["advertiser.example".into()]),
            w: Some(300),
            h: Some(250),
            ext: Some(json!({ "canary": canary, "i": i })),
            ..Bid::new(format!("bid-{i}"), "imp-1", 0.5 + f64::from(i))
        })
        .collect();
    BidResponse {
        seatbid: Some(vec![SeatBid {
            seat: Some(Cow::Borrowed("seat-1")),
            ..SeatBid::new(bids)
        }]),
        cur: Some("USD".into()),
        ..BidResponse::new("resp-1")
    }
}

#[test]
fn a_sink_failing_after_k_bytes_for_every_k() {
    let response = bid_response("sink-canary");
    let expected = serde_json::to_vec(&response).unwrap();
    assert!(expected.len() > 600, "{}", expected.len());
    let mut faults = 0;
    for chunk in [1, 7, usize::MAX] {
        for limit in 0..=expected.len() {
            let mut sink = FailingSink {
                written: Vec::new(),
                limit,
                chunk,
                interrupt_next: false,
            };
            let result = to_writer(&mut sink, &response);
            let context = format!("limit {limit}, chunk {chunk}");
            if limit == expected.len() {
                result.unwrap();
                assert_eq!(sink.written, expected);
            } else {
                let err = result.unwrap_err();
                assert!(matches!(err.kind(), ErrorKind::Io(_)), "{context}: {err}");
                assert_eq!(err.path(), "");
                // The sink holds exactly the document's first `limit` bytes, nothing else.
                assert_eq!(sink.written, &expected[..limit], "{context}");
                faults += 1;
            }
            assert_next_borrower_clean(&context);
        }
    }
    println!(
        "failing sinks: every k in 0..{} x 3 write sizes = {faults}",
        expected.len()
    );
}

#[test]
fn a_16_mib_adm_is_written_right_and_not_retained() {
    const SIXTEEN_MIB: usize = 16 * 1024 * 1024;
    let limits = pool::config();
    let cap = limits.max_retained_capacity;
    let retained_limit = (cap * limits.max_buffers_per_thread) as u64;
    let plain = "a".repeat(SIXTEEN_MIB);
    let escaped: String = (0..SIXTEEN_MIB)
        .map(|i| match i % 11 {
            0 => '"',
            3 => '\n',
            7 => '\u{1}',
            _ => 'x',
        })
        .collect();
    let unicode = "é€😀<>".repeat(SIXTEEN_MIB / 13 + 1);
    for (name, adm) in [
        ("plain", &plain),
        ("escaped", &escaped),
        ("unicode", &unicode),
    ] {
        let response = BidResponse {
            seatbid: Some(vec![SeatBid::new(vec![Bid {
                adm: Some(Cow::Borrowed(adm.as_str())),
                ..Bid::new("b", "i", 1.0)
            }])]),
            ..BidResponse::new("oversize")
        };
        let expected = serde_json::to_vec(&response).unwrap();
        let before = pool::thread_stats();
        let json = to_pooled_json(&response).unwrap();
        assert!(json[..] == expected[..], "{name}: differs from serde_json");
        assert!(json.capacity() >= SIXTEEN_MIB);
        drop(json);
        let after = pool::thread_stats();
        assert_eq!(
            (after.shrunk_oversize - before.shrunk_oversize)
                + (after.dropped_oversize - before.dropped_oversize),
            1,
            "{name}: the 16 MiB buffer was neither shrunk nor freed"
        );
        assert!(after.retained_bytes <= retained_limit, "{name}: {after:?}");
        // Whatever the pool lends now is back under the cap, and empty.
        let mut held: Vec<_> = (0..limits.max_buffers_per_thread)
            .map(|_| pool::acquire())
            .collect();
        for buf in &held {
            assert!(buf.is_empty());
            assert!(
                buf.capacity() <= cap,
                "{name}: kept a {} byte buffer",
                buf.capacity()
            );
        }
        held.clear();
    }

    // With every slot taken, an oversize buffer is freed outright.
    let full: Vec<_> = (0..limits.max_buffers_per_thread)
        .map(|_| pool::acquire())
        .collect();
    let mut big = pool::acquire();
    big.as_mut_vec().resize(cap * 4, b'x');
    drop(full);
    let before = pool::thread_stats();
    drop(big);
    let after = pool::thread_stats();
    assert_eq!(after.dropped_oversize, before.dropped_oversize + 1);
    assert_eq!(after.retained_bytes, before.retained_bytes);
    assert!(after.retained_bytes <= retained_limit);
}
