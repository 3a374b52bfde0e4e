//! kowito-json's own serialization workloads, with kowito-json as the peer: its
//! `benches/serialize.rs` "tiny" (3 fields), "medium" (7 fields), "numeric" (8 fields, 4
//! floats) and "hot" (1000 medium records), with the same types and values.
//!
//! kowito-json's derive (`KJson`) bakes each key prefix at compile time and writes through
//! raw pointers after one `reserve` sized by estimate. It cannot express enums, borrowed
//! strings, generics or serde attributes, and it writes past its reservation for
//! `Option<String>`, `Vec` and nested-struct fields (each estimated at 8 bytes); its AVX2
//! escape scan compares bytes as signed, so it writes the non-ASCII bytes of strings of 32
//! bytes or more as a backslash and a NUL byte. These workloads stay inside what it
//! handles: flat structs of numbers, `bool`s and short ASCII strings, as in its own
//! benchmark.

use std::hint::black_box;

use kowito_json::serialize::Serialize as KowitoSerialize;
use kowito_json::KJson;
use pooled_serialize::PooledSerialize;
use serde::Serialize;
use serde_json::Value;

use super::{each, same_meaning, System};

/// The workloads, in report order.
pub const NAMES: [&str; 4] = ["tiny", "medium", "numeric", "hot"];

/// The systems these workloads compare, in report order (simd-json-derive has no copy of
/// these types; kowito-json takes its place).
pub const SYSTEMS: [System; 7] = [
    System::PooledJson,
    System::WriteToVec,
    System::SerdeToVec,
    System::SerdeToWriter,
    System::SonicToWriter,
    System::Kowito,
    System::Memcpy,
];

/// "tiny": a small HTTP-style response.
#[derive(Serialize, PooledSerialize, KJson, Debug)]
pub struct MessageResponse {
    pub message: String,
    pub status: i32,
    pub success: bool,
}

/// "medium" (and each record of "hot"): a user record of mixed types.
#[derive(Serialize, PooledSerialize, KJson, Debug)]
pub struct UserRecord {
    pub id: u64,
    pub username: String,
    pub email: String,
    pub age: u32,
    pub score: f64,
    pub verified: bool,
    pub credits: i64,
}

/// "numeric": telemetry, all numbers, four of them floats.
#[derive(Serialize, PooledSerialize, KJson, Debug)]
pub struct Metrics {
    pub requests: u64,
    pub errors: u64,
    pub latency_p50: f64,
    pub latency_p95: f64,
    pub latency_p99: f64,
    pub cpu_pct: f32,
    pub mem_bytes: u64,
    pub timestamp: i64,
}

/// The documents of one workload.
pub enum Docs {
    Message(Vec<MessageResponse>),
    User(Vec<UserRecord>),
    Metrics(Vec<Metrics>),
}

/// One workload: its documents and serde_json's bytes for each (what memcpy copies).
pub struct Input {
    pub name: &'static str,
    pub docs: Docs,
    pub expected: Vec<Vec<u8>>,
}

impl Input {
    pub fn load(name: &str) -> Input {
        let name = NAMES
            .into_iter()
            .find(|n| *n == name)
            .unwrap_or_else(|| panic!("unknown input {name:?}: one of {NAMES:?}"));
        let docs = match name {
            "tiny" => Docs::Message(vec![MessageResponse {
                message: "Hello, World!".to_string(),
                status: 200,
                success: true,
            }]),
            "medium" => Docs::User(vec![UserRecord {
                id: 123_456_789,
                username: "john_doe".to_string(),
                email: "john.doe@example.com".to_string(),
                age: 32,
                score: 98.765,
                verified: true,
                credits: -42,
            }]),
            "numeric" => Docs::Metrics(vec![Metrics {
                requests: 9_876_543,
                errors: 42,
                latency_p50: 1.234,
                latency_p95: 9.876,
                latency_p99: 23.456,
                cpu_pct: 67.3,
                mem_bytes: 1_073_741_824,
                timestamp: 1_740_000_000,
            }]),
            _ => Docs::User(
                (0..1000)
                    .map(|i| UserRecord {
                        id: i as u64,
                        username: format!("user_{i}"),
                        email: format!("user_{i}@example.com"),
                        age: (20 + i % 60) as u32,
                        score: i as f64 * 0.01,
                        verified: i % 2 == 0,
                        credits: i as i64 - 500,
                    })
                    .collect(),
            ),
        };
        let expected = match &docs {
            Docs::Message(d) => serialized(d),
            Docs::User(d) => serialized(d),
            Docs::Metrics(d) => serialized(d),
        };
        Input {
            name,
            docs,
            expected,
        }
    }

    /// Runs `iters` operations of `system` (an operation writes every document once, each
    /// as its own JSON document) and returns the bytes written.
    #[inline(never)]
    pub fn run(&self, system: System, buf: &mut Vec<u8>, iters: u64) -> usize {
        let input = black_box(self);
        match &input.docs {
            Docs::Message(d) => run(system, d, &input.expected, buf, iters),
            Docs::User(d) => run(system, d, &input.expected, buf, iters),
            Docs::Metrics(d) => run(system, d, &input.expected, buf, iters),
        }
    }

    /// Panics unless our writers give serde_json's bytes exactly and every peer a
    /// document of the same meaning, for every document.
    pub fn check(&self) {
        for (i, expected) in self.expected.iter().enumerate() {
            let expected_value: Value = serde_json::from_slice(expected).unwrap();
            for system in SYSTEMS {
                let out = match &self.docs {
                    Docs::Message(d) => output(system, &d[i], expected),
                    Docs::User(d) => output(system, &d[i], expected),
                    Docs::Metrics(d) => output(system, &d[i], expected),
                };
                if matches!(system, System::PooledJson | System::WriteToVec) {
                    assert!(
                        out == *expected,
                        "{} on {} doc {i}: {} instead of serde_json's {}",
                        system.name(),
                        self.name,
                        String::from_utf8_lossy(&out),
                        String::from_utf8_lossy(expected)
                    );
                    continue;
                }
                let actual: Value = serde_json::from_slice(&out).unwrap_or_else(|e| {
                    panic!(
                        "{} on {} doc {i}: invalid JSON ({e}): {}",
                        system.name(),
                        self.name,
                        String::from_utf8_lossy(&out)
                    )
                });
                if let Err(e) = same_meaning(&expected_value, &actual) {
                    panic!(
                        "{} on {} doc {i} differs from serde_json: {e}",
                        system.name(),
                        self.name
                    );
                }
            }
        }
    }
}

fn serialized<T: Serialize>(docs: &[T]) -> Vec<Vec<u8>> {
    docs.iter()
        .map(|d| serde_json::to_vec(d).expect("serde_json writes the workload"))
        .collect()
}

#[inline(always)]
fn run<T>(system: System, docs: &[T], expected: &[Vec<u8>], buf: &mut Vec<u8>, iters: u64) -> usize
where
    T: Serialize + PooledSerialize + KowitoSerialize,
{
    let n = docs.len();
    match system {
        System::PooledJson => each(iters, n, buf, |i, _| {
            let json = pooled_serialize::to_pooled_json(black_box(&docs[i])).unwrap();
            black_box(&json).len()
        }),
        System::WriteToVec => each(iters, n, buf, |i, buf| {
            buf.clear();
            pooled_serialize::write_to_vec(black_box(&docs[i]), buf).unwrap();
            black_box(&*buf).len()
        }),
        System::SerdeToVec => each(iters, n, buf, |i, _| {
            let v = serde_json::to_vec(black_box(&docs[i])).unwrap();
            black_box(&v).len()
        }),
        System::SerdeToWriter => each(iters, n, buf, |i, buf| {
            buf.clear();
            serde_json::to_writer(&mut *buf, black_box(&docs[i])).unwrap();
            black_box(&*buf).len()
        }),
        System::SonicToWriter => each(iters, n, buf, |i, buf| {
            buf.clear();
            sonic_rs::to_writer(&mut *buf, black_box(&docs[i])).unwrap();
            black_box(&*buf).len()
        }),
        System::Kowito => each(iters, n, buf, |i, buf| {
            buf.clear();
            KowitoSerialize::serialize(black_box(&docs[i]), buf);
            black_box(&*buf).len()
        }),
        System::Memcpy => each(iters, n, buf, |i, buf| {
            buf.clear();
            buf.extend_from_slice(black_box(&expected[i]));
            black_box(&*buf).len()
        }),
        System::SimdJsonDerive => unreachable!("simd-json-derive has no copy of these types"),
    }
}

/// What `system` writes for `doc` (`expected`: serde_json's bytes, what memcpy copies).
fn output<T>(system: System, doc: &T, expected: &[u8]) -> Vec<u8>
where
    T: Serialize + PooledSerialize + KowitoSerialize,
{
    let mut v = Vec::new();
    match system {
        System::PooledJson => v = pooled_serialize::to_pooled_json(doc).unwrap().to_vec(),
        System::WriteToVec => pooled_serialize::write_to_vec(doc, &mut v).unwrap(),
        System::SerdeToVec => v = serde_json::to_vec(doc).unwrap(),
        System::SerdeToWriter => serde_json::to_writer(&mut v, doc).unwrap(),
        System::SonicToWriter => sonic_rs::to_writer(&mut v, doc).unwrap(),
        System::Kowito => KowitoSerialize::serialize(doc, &mut v),
        System::Memcpy => v.extend_from_slice(expected),
        System::SimdJsonDerive => unreachable!("simd-json-derive has no copy of these types"),
    }
    v
}
