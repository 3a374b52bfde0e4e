#!/usr/bin/env bash
# Runs each cargo-fuzz target for a given time (seconds, default 60), one after the other.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 600        # 10 minutes per target
#   scripts/fuzz.sh 30 escape  # one target
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); prints SKIP
# and exits 0 when either is missing. The corpus grows in fuzz/corpus/<target> (ignored by
# git); a crash leaves its input in fuzz/artifacts/<target>: copy it to
# fuzz/regressions/<target>/ so `tests/reliability_fuzz_regressions.rs` replays it.
# libFuzzer prints the executions run ("#N DONE") at the end of each target.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(escape bid_response)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "SKIP: fuzzing (no nightly toolchain)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "SKIP: fuzzing (cargo-fuzz is not installed: cargo install cargo-fuzz)"
  exit 0
fi

cargo +nightly fuzz build
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "==> fuzz $target for ${seconds}s"
  # Seeds: the committed regression inputs.
  cargo +nightly fuzz run "$target" "corpus/$target" "regressions/$target" -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1
done
