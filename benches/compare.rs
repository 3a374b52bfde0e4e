//! Every writer side by side on the same data, one criterion group per input (small,
//! typical, large, the whole corpus), throughput in output bytes per second.
//!
//! `cargo bench --all-features --bench compare` (add a filter: `-- typical`).
//!
//! On a shared, noisy machine quote `benches/interleaved.rs` instead: criterion measures
//! each system at a different moment, so drift between them lands in the comparison.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

mod common;

use common::{Input, System};

fn compare(c: &mut Criterion) {
    for input in Input::load_all() {
        common::check(&input);
        let mut group = c.benchmark_group(input.name);
        group.throughput(Throughput::Bytes(input.bytes() as u64));
        for system in System::ALL {
            let mut buf = Vec::new();
            group.bench_function(BenchmarkId::from_parameter(system.id()), |b| {
                b.iter(|| common::run(system, &input, &mut buf, 1));
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = compare
}
criterion_main!(benches);
