//! What the benches share: the inputs, the systems compared, one operation of each, and
//! the start-up check that every system writes a document equal in meaning to
//! serde_json's. Each bench that compares systems declares `mod common;`.

// Each bench compiles its own copy and uses a part (`compare` never parses a system name,
// `interleaved` never loads all inputs at once): the rest would warn as unused there.
#![allow(dead_code)]

pub mod fanout;
pub mod kowito;
pub mod measure;
pub mod simd;
pub mod workload;

pub use pooled_serialize_test_support::inputs;
pub use pooled_serialize_test_support::openrtb::same_meaning;

use std::hint::black_box;

use pooled_serialize::openrtb::BidResponse;
use serde_json::Value;
use simd_json_derive::Serialize as _;

/// The writers compared, in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum System {
    /// `pooled_serialize::to_pooled_json`: a buffer lent by the thread's pool.
    PooledJson,
    /// `pooled_serialize::write_to_vec` into a reused `Vec`.
    WriteToVec,
    /// `serde_json::to_vec`: a fresh `Vec` each time.
    SerdeToVec,
    /// `serde_json::to_writer` into a reused `Vec`: the reference (ratio 1).
    SerdeToWriter,
    /// `sonic_rs::to_writer` (through serde) into a reused `Vec`.
    SonicToWriter,
    /// simd-json-derive's `json_write` on a copy of the model, into a reused `Vec`.
    SimdJsonDerive,
    /// Copying the finished bytes into a reused `Vec`: the floor.
    Memcpy,
    /// kowito-json's derived `to_json_bytes` into a reused `Vec` (its own workloads only).
    Kowito,
}

impl System {
    pub const ALL: [System; 7] = [
        System::PooledJson,
        System::WriteToVec,
        System::SerdeToVec,
        System::SerdeToWriter,
        System::SonicToWriter,
        System::SimdJsonDerive,
        System::Memcpy,
    ];

    /// The name in reports.
    pub fn name(self) -> &'static str {
        match self {
            System::PooledJson => "to_pooled_json",
            System::WriteToVec => "write_to_vec (reused Vec)",
            System::SerdeToVec => "serde_json::to_vec",
            System::SerdeToWriter => "serde_json::to_writer (reused Vec)",
            System::SonicToWriter => "sonic_rs::to_writer (reused Vec)",
            System::SimdJsonDerive => "simd-json-derive json_write (reused Vec)",
            System::Memcpy => "memcpy (floor)",
            System::Kowito => "kowito-json to_json_bytes (reused Vec)",
        }
    }

    /// The short id used on command lines and in CSV files.
    pub fn id(self) -> &'static str {
        match self {
            System::PooledJson => "pooled",
            System::WriteToVec => "write_to_vec",
            System::SerdeToVec => "serde_to_vec",
            System::SerdeToWriter => "serde_to_writer",
            System::SonicToWriter => "sonic",
            System::SimdJsonDerive => "simd_json_derive",
            System::Memcpy => "memcpy",
            System::Kowito => "kowito",
        }
    }

    pub fn from_id(id: &str) -> Option<System> {
        System::ALL
            .into_iter()
            .chain([System::Kowito])
            .find(|s| s.id() == id)
    }
}

/// One input: its responses in the model, the same data in the simd-json-derive copy,
/// and serde_json's bytes for each (what the memcpy floor copies).
pub struct Input {
    pub name: &'static str,
    pub docs: Vec<BidResponse<'static>>,
    pub simd: Vec<simd::BidResponse>,
    pub expected: Vec<Vec<u8>>,
    /// Per document, the unknown members the simd-json-derive copy cannot carry.
    pub dropped: Vec<Vec<String>>,
}

impl Input {
    pub fn load(name: &str) -> Input {
        let name = inputs::NAMES
            .into_iter()
            .find(|n| *n == name)
            .unwrap_or_else(|| panic!("unknown input {name:?}: one of {:?}", inputs::NAMES));
        let docs = inputs::build(name);
        let (simd, dropped) = docs.iter().map(simd::from_model).unzip();
        let expected = docs
            .iter()
            .map(|d| serde_json::to_vec(d).expect("serde_json writes the model"))
            .collect();
        Input {
            name,
            docs,
            simd,
            expected,
            dropped,
        }
    }

    /// Every input, in report order.
    pub fn load_all() -> Vec<Input> {
        inputs::NAMES.into_iter().map(Input::load).collect()
    }

    /// Output bytes of one operation (all documents once).
    pub fn bytes(&self) -> usize {
        self.expected.iter().map(Vec::len).sum()
    }

    /// A label such as `typical (4188 B)` or `corpus (128 docs, 612345 B)`.
    pub fn label(&self) -> String {
        if self.docs.len() == 1 {
            format!("{} ({} B)", self.name, self.bytes())
        } else {
            format!(
                "{} ({} docs, {} B)",
                self.name,
                self.docs.len(),
                self.bytes()
            )
        }
    }
}

#[inline(always)]
fn each<F: FnMut(usize, &mut Vec<u8>) -> usize>(
    iters: u64,
    docs: usize,
    buf: &mut Vec<u8>,
    mut op: F,
) -> usize {
    let mut n = 0;
    for _ in 0..iters {
        for i in 0..docs {
            n += op(black_box(i), buf);
        }
    }
    n
}

/// Runs `iters` operations of `system` on `input` (an operation writes every document of
/// the input once) and returns the bytes written. `buf` is the reused `Vec`.
#[inline(never)]
pub fn run(system: System, input: &Input, buf: &mut Vec<u8>, iters: u64) -> usize {
    let input = black_box(input);
    let docs = input.docs.len();
    match system {
        System::PooledJson => each(iters, docs, buf, |i, _| {
            let json = pooled_serialize::to_pooled_json(black_box(&input.docs[i])).unwrap();
            black_box(&json).len()
        }),
        System::WriteToVec => each(iters, docs, buf, |i, buf| {
            buf.clear();
            pooled_serialize::write_to_vec(black_box(&input.docs[i]), buf).unwrap();
            black_box(&*buf).len()
        }),
        System::SerdeToVec => each(iters, docs, buf, |i, _| {
            let v = serde_json::to_vec(black_box(&input.docs[i])).unwrap();
            black_box(&v).len()
        }),
        System::SerdeToWriter => each(iters, docs, buf, |i, buf| {
            buf.clear();
            serde_json::to_writer(&mut *buf, black_box(&input.docs[i])).unwrap();
            black_box(&*buf).len()
        }),
        System::SonicToWriter => each(iters, docs, buf, |i, buf| {
            buf.clear();
            sonic_rs::to_writer(&mut *buf, black_box(&input.docs[i])).unwrap();
            black_box(&*buf).len()
        }),
        System::SimdJsonDerive => each(iters, docs, buf, |i, buf| {
            buf.clear();
            black_box(&input.simd[i]).json_write(buf).unwrap();
            black_box(&*buf).len()
        }),
        System::Memcpy => each(iters, docs, buf, |i, buf| {
            buf.clear();
            buf.extend_from_slice(black_box(&input.expected[i]));
            black_box(&*buf).len()
        }),
        System::Kowito => unreachable!("kowito-json has no copy of the OpenRTB model"),
    }
}

/// What `system` writes for document `i` of `input`.
pub fn output(system: System, input: &Input, i: usize) -> Vec<u8> {
    let doc = &input.docs[i];
    match system {
        System::PooledJson => pooled_serialize::to_pooled_json(doc).unwrap().to_vec(),
        System::WriteToVec => {
            let mut v = Vec::new();
            pooled_serialize::write_to_vec(doc, &mut v).unwrap();
            v
        }
        System::SerdeToVec => serde_json::to_vec(doc).unwrap(),
        System::SerdeToWriter => {
            let mut v = Vec::new();
            serde_json::to_writer(&mut v, doc).unwrap();
            v
        }
        System::SonicToWriter => {
            let mut v = Vec::new();
            sonic_rs::to_writer(&mut v, doc).unwrap();
            v
        }
        System::SimdJsonDerive => {
            let mut v = Vec::new();
            input.simd[i].json_write(&mut v).unwrap();
            v
        }
        System::Memcpy => input.expected[i].clone(),
        System::Kowito => unreachable!("kowito-json has no copy of the OpenRTB model"),
    }
}

/// Panics unless every system writes, for every document, a document equal in meaning
/// to serde_json's (same members, same array order, numbers equal as numbers). Documents
/// with members the simd-json-derive copy cannot carry are skipped for that system and
/// reported on stderr.
pub fn check(input: &Input) {
    let mut skipped = 0;
    for (i, expected) in input.expected.iter().enumerate() {
        let expected: Value = serde_json::from_slice(expected).unwrap();
        for system in System::ALL {
            if system == System::SimdJsonDerive && !input.dropped[i].is_empty() {
                skipped += 1;
                continue;
            }
            let out = output(system, input, i);
            let actual: Value = serde_json::from_slice(&out).unwrap_or_else(|e| {
                panic!(
                    "{} on {} doc {i}: invalid JSON ({e}): {}",
                    system.name(),
                    input.name,
                    String::from_utf8_lossy(&out)
                )
            });
            if let Err(e) = same_meaning(&expected, &actual) {
                panic!(
                    "{} on {} doc {i} differs from serde_json: {e}",
                    system.name(),
                    input.name
                );
            }
        }
    }
    if skipped > 0 {
        eprintln!(
            "note: {}: {skipped} documents have members simd-json-derive's copy cannot write \
             (it has no flatten): {:?}",
            input.name,
            input.dropped.iter().flatten().collect::<Vec<_>>()
        );
    }
}
