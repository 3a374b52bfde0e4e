#!/usr/bin/env bash
# The tests under AddressSanitizer (heap overflows, use-after-free, double free, leaks):
#
#   scripts/sanitize.sh          # the runtime's tests + the reliability/leakage tests
#   scripts/sanitize.sh full     # the whole workspace's tests (slower)
#
# RUSTFLAGS=-Zsanitizer=address needs nightly and an explicit --target (so proc macros and
# build scripts are built without it). Prints SKIP and exits 0 when nightly is missing.
# Builds go to target/asan, apart from the normal builds.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "SKIP: AddressSanitizer (no nightly toolchain)"
  exit 0
fi
host="$(rustc +nightly -vV | sed -n 's/^host: //p')"
case "$host" in
  x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu) ;;
  *)
    echo "SKIP: AddressSanitizer (not set up for $host)"
    exit 0
    ;;
esac

export RUSTFLAGS="-Zsanitizer=address"
export RUSTDOCFLAGS="-Zsanitizer=address"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/asan}"
# Debug builds under ASan are slow: the heavy counts stay at their debug sizes.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}"
unset RELIABILITY_FULL

args=(+nightly test --target "$host")
if [ "${1:-}" = full ]; then
  # Everything but the compile-fail UI tests (trybuild runs rustc, not our code).
  cargo "${args[@]}" --workspace --all-features --lib --tests -- --skip ui
else
  cargo "${args[@]}" -p pooled-serialize-runtime --all-features --lib --tests
  cargo "${args[@]}" -p pooled-serialize --all-features \
    --test reliability_faults --test reliability_bad_input --test reliability_stress \
    --test reliability_tokio --test reliability_fuzz_regressions --test threads_no_leakage \
    --test openrtb_corpus --test derive_props
fi
echo "AddressSanitizer: no errors"
