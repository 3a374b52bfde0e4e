//! What lending a buffer costs: pool acquire + release, against allocating a buffer of
//! the same size and against growing an empty `Vec` to a typical response's size.
//!
//! `cargo bench --bench pool`

use std::hint::black_box;
use std::io::Write;

use criterion::{criterion_group, criterion_main, Criterion};
use pooled_serialize::pool;

const TYPICAL_RESPONSE: usize = 4 * 1024;

fn lend(c: &mut Criterion) {
    let mut group = c.benchmark_group("lend a buffer");
    group.bench_function("pool::acquire + drop", |b| {
        drop(pool::acquire()); // warm: the thread's pool holds one buffer
        b.iter(|| black_box(pool::acquire()));
    });
    group.bench_function("Vec::with_capacity(1024) + drop", |b| {
        b.iter(|| black_box(Vec::<u8>::with_capacity(1024)));
    });
    group.finish();

    let chunk = [b'x'; 64];
    let mut group = c.benchmark_group("fill 4 KiB");
    group.bench_function("pooled buffer", |b| {
        b.iter(|| {
            let mut buf = pool::acquire();
            for _ in 0..TYPICAL_RESPONSE / chunk.len() {
                buf.write_all(black_box(&chunk)).unwrap();
            }
            black_box(buf)
        });
    });
    group.bench_function("Vec::new grown", |b| {
        b.iter(|| {
            let mut buf = Vec::new();
            for _ in 0..TYPICAL_RESPONSE / chunk.len() {
                buf.extend_from_slice(black_box(&chunk));
            }
            black_box(buf)
        });
    });
    group.finish();
}

criterion_group!(benches, lend);
criterion_main!(benches);
