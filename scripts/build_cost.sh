#!/usr/bin/env bash
# What deriving PooledSerialize costs an adopter's build, against serde alone.
#
# Generates two library crates in a temporary directory, each with the same 300 structs
# and 100 enums (10 fields per struct: strings, options, floats, vectors;
# `#[serde(rename_all = "camelCase")]`, `skip_serializing_if`; every enum internally
# tagged, over three of the structs):
#   A: derives `Serialize` and instantiates `serde_json::to_vec` for every type;
#   B: derives `Serialize` and `PooledSerialize` and instantiates `serde_json::to_vec`,
#      `pooled_serialize::to_vec` and `pooled_serialize::write_to_vec` for every type.
# Both depend on this workspace's facade by path and share one target directory, so the
# dependencies build once (untimed). Then each crate's own code is rebuilt (touch +
# `cargo build`), best of N, in release and in debug, and the times and the ratio B / A
# are printed, in wall-clock time and in CPU time.
#
#   scripts/build_cost.sh            # N = 3
#   BUILD_COST_RUNS=2 scripts/build_cost.sh
#   BUILD_COST_KEEP=1 scripts/build_cost.sh   # keep the generated crates (path printed)
#   BUILD_COST_DIR=/tmp/build-cost.XXXX scripts/build_cost.sh   # reuse a kept directory
#                                                              # (its dependencies built)
#
# Takes a few minutes; run it on a quiet machine, as every other timing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs=${BUILD_COST_RUNS:-3}
structs=300
enums=100

work="${BUILD_COST_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/build-cost.XXXXXX")}"
if [ -z "${BUILD_COST_KEEP:-}" ] && [ -z "${BUILD_COST_DIR:-}" ]; then
  trap 'rm -rf "$work"' EXIT
else
  echo "generated crates kept in $work" >&2
fi
export CARGO_TARGET_DIR="$work/target"
unset RUSTFLAGS

# The types, the same in both crates; `$1` is the derive list.
types() {
  local derives=$1 i j
  for ((i = 0; i < structs; i++)); do
    cat <<EOF
#[derive($derives)]
#[serde(rename_all = "camelCase")]
pub struct Record$i {
    pub record_id: String,
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_count: Option<i64>,
    pub unit_price: f64,
    pub fill_ratio: f32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tag_names: Vec<String>,
    pub sample_values: Vec<f64>,
    pub retry_limit: u32,
    pub is_active: bool,
}

EOF
  done
  for ((j = 0; j < enums; j++)); do
    cat <<EOF
#[derive($derives)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Choice$j {
    First(Record$((3 * j))),
    Second(Record$((3 * j + 1))),
    Third(Record$((3 * j + 2))),
    Inline {
        label_text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        extra_note: Option<String>,
        bid_price: f64,
    },
    Nothing,
}

EOF
  done
}

# One non-generic public function per type and writer, so each instantiation is compiled
# in the crate itself.
instantiations() {
  local with_ours=$1 t f
  for t in $(seq -f 'Record%g' 0 $((structs - 1))) $(seq -f 'Choice%g' 0 $((enums - 1))); do
    f=${t,,}
    cat <<EOF
pub fn serde_$f(v: &$t) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(v)
}
EOF
    if [ "$with_ours" = 1 ]; then
      cat <<EOF
pub fn pooled_$f(v: &$t) -> Result<Vec<u8>, pooled_serialize::Error> {
    pooled_serialize::to_vec(v)
}
pub fn write_$f(v: &$t, out: &mut Vec<u8>) -> Result<(), pooled_serialize::Error> {
    pooled_serialize::write_to_vec(v, out)
}
EOF
    fi
  done
}

make_crate() {
  local name=$1 with_ours=$2 dir="$work/$1"
  mkdir -p "$dir/src"
  {
    cat <<EOF
[package]
name = "$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1.0.228", features = ["derive"] }
serde_json = "1.0.154"
EOF
    if [ "$with_ours" = 1 ]; then
      echo "pooled-serialize = { path = \"$root\" }"
    fi
    echo
    echo "[workspace]"
  } >"$dir/Cargo.toml"
  # The workspace's lock file: the same dependency versions as the workspace's own builds.
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  {
    echo "#![allow(clippy::all)]"
    echo "use serde::Serialize;"
    if [ "$with_ours" = 1 ]; then
      echo "use pooled_serialize::PooledSerialize;"
      types "Serialize, PooledSerialize"
    else
      types "Serialize"
    fi
    instantiations "$with_ours"
  } >"$dir/src/lib.rs"
}

make_crate serde_only 0
make_crate serde_and_pooled 1
echo "generated: $structs structs + $enums enums per crate ($(wc -l <"$work/serde_and_pooled/src/lib.rs") lines in B)" >&2

# Seconds one rebuild of the crate's own code takes: wall clock, then CPU (user + system
# of cargo and the compilers it runs), which a loaded machine moves less.
rebuild() {
  local dir=$1 profile=$2 TIMEFORMAT='%R %U %S' times
  touch "$dir/src/lib.rs"
  times=$({ time (cd "$dir" && cargo build --quiet $profile); } 2>&1 | tail -n 1)
  awk -v t="$times" 'BEGIN { split(t, f, " "); printf "%.2f %.2f\n", f[1], f[2] + f[3] }'
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }

echo "# build cost: $(rustc --version); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'); best of $runs, A and B alternating"
for profile in --release ""; do
  label=${profile:---debug}
  echo "building the dependencies ($label, untimed)..." >&2
  (cd "$work/serde_only" && cargo build --quiet $profile)
  (cd "$work/serde_and_pooled" && cargo build --quiet $profile)
  a="" b="" ca="" cb=""
  for ((i = 0; i < runs; i++)); do
    read -r ta cpu_a < <(rebuild "$work/serde_only" "$profile")
    read -r tb cpu_b < <(rebuild "$work/serde_and_pooled" "$profile")
    echo "  $label run $((i + 1)): A ${ta} s (CPU ${cpu_a} s), B ${tb} s (CPU ${cpu_b} s)" >&2
    a=$(min "$ta" "$a")
    b=$(min "$tb" "$b")
    ca=$(min "$cpu_a" "$ca")
    cb=$(min "$cpu_b" "$cb")
  done
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
  cpu_ratio=$(awk -v a="$ca" -v b="$cb" 'BEGIN { printf "%.2f", b / a }')
  echo "$label: A (serde) ${a} s, B (serde + PooledSerialize) ${b} s, B / A = ${ratio}x;" \
    "CPU: A ${ca} s, B ${cb} s, B / A = ${cpu_ratio}x"
done
