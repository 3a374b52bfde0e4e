//! An input of the interleaved bench, whatever its Rust type: OpenRTB responses
//! ([`Input`]) compared with the seven systems of [`System::ALL`], or one of kowito-json's
//! workloads ([`kowito::Input`]) compared with [`kowito::SYSTEMS`]. Each kind brings its
//! own types, its own systems and its own start-up check.

use super::{inputs, kowito, Input, System};

pub enum Workload {
    OpenRtb(Input),
    Kowito(kowito::Input),
}

impl Workload {
    /// Every input name, OpenRTB first.
    pub fn names() -> Vec<&'static str> {
        inputs::NAMES.into_iter().chain(kowito::NAMES).collect()
    }

    pub fn load(name: &str) -> Workload {
        if kowito::NAMES.contains(&name) {
            Workload::Kowito(kowito::Input::load(name))
        } else {
            Workload::OpenRtb(Input::load(name))
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Workload::OpenRtb(input) => input.name,
            Workload::Kowito(input) => input.name,
        }
    }

    /// The systems compared on this input, in report order.
    pub fn systems(&self) -> &'static [System] {
        match self {
            Workload::OpenRtb(_) => &System::ALL,
            Workload::Kowito(_) => &kowito::SYSTEMS,
        }
    }

    /// The peer the "x peer" column compares with: the fastest derive-based writer that
    /// has a copy of these types.
    pub fn peer(&self) -> System {
        match self {
            Workload::OpenRtb(_) => System::SimdJsonDerive,
            Workload::Kowito(_) => System::Kowito,
        }
    }

    /// serde_json's bytes for each document.
    pub fn expected(&self) -> &[Vec<u8>] {
        match self {
            Workload::OpenRtb(input) => &input.expected,
            Workload::Kowito(input) => &input.expected,
        }
    }

    /// Documents written by one operation.
    pub fn docs(&self) -> usize {
        self.expected().len()
    }

    /// Output bytes of one operation (all documents once).
    pub fn bytes(&self) -> usize {
        self.expected().iter().map(Vec::len).sum()
    }

    /// A label such as `typical (4188 B)` or `hot (1000 docs, 63890 B)`.
    pub fn label(&self) -> String {
        match self {
            Workload::OpenRtb(input) => input.label(),
            Workload::Kowito(input) => format!(
                "{} ({}, {} B)",
                input.name,
                match self.docs() {
                    1 => "1 doc".to_owned(),
                    n => format!("{n} docs"),
                },
                self.bytes()
            ),
        }
    }

    /// Panics unless every system's output checks out (see each kind's check).
    pub fn check(&self) {
        match self {
            Workload::OpenRtb(input) => super::check(input),
            Workload::Kowito(input) => input.check(),
        }
    }

    /// Runs `iters` operations of `system` and returns the bytes written.
    pub fn run(&self, system: System, buf: &mut Vec<u8>, iters: u64) -> usize {
        match self {
            Workload::OpenRtb(input) => super::run(system, input, buf, iters),
            Workload::Kowito(input) => input.run(system, buf, iters),
        }
    }
}
