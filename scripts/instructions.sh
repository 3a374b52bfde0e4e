#!/usr/bin/env bash
# Instructions per operation of each writer, exact, under valgrind's callgrind.
#
# Each (system, input) pair runs twice, N and 2N operations, through the interleaved
# bench binary's `--instr SYSTEM INPUT N` mode; (I(2N) - I(N)) / N cancels start-up (input
# construction, corpus parsing, binary loading) and leaves the cost of one operation.
# An operation writes one document (the corpus: all 128 documents once; hot: 1000 records).
# The OpenRTB inputs (small typical large corpus) run by default; kowito-json's workloads
# (tiny medium numeric hot) by name, with the kowito system in simd_json_derive's place:
# a system without a copy of an input's types is skipped (`-`).
#
#   scripts/instructions.sh                      # every input, every system
#   INSTR_INPUTS="small typical" scripts/instructions.sh
#   INSTR_INPUTS="tiny medium numeric hot" scripts/instructions.sh
#   INSTR_SYSTEMS="pooled serde_to_writer simd_json_derive" scripts/instructions.sh
#   INSTR_SCALE=2 scripts/instructions.sh        # twice the operations (same result, slower)
#
# Note: valgrind emulates the CPU without AVX-512, so run-time CPU detection (ours,
# sonic-rs, simd-json) picks at most the AVX2 paths here.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed: skipping instruction counts (apt-get install valgrind)."
  exit 0
fi

inputs=${INSTR_INPUTS:-"small typical large corpus"}
systems=${INSTR_SYSTEMS:-"pooled write_to_vec serde_to_vec serde_to_writer sonic simd_json_derive kowito memcpy"}
scale=${INSTR_SCALE:-1}

echo "building the interleaved bench (release, default target, --all-features)..." >&2
exe=$(cargo bench --all-features --bench interleaved --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*interleaved[^"]*\)".*/\1/p' | tail -n 1)
if [ -z "$exe" ] || [ ! -x "$exe" ]; then
  echo "could not find the interleaved bench binary" >&2
  exit 1
fi

# Operations in the first run: about 15-25 M instructions of serde_json each.
ops_for() {
  case "$1" in
    small) echo $((2000 * scale)) ;;
    typical) echo $((300 * scale)) ;;
    large) echo $((30 * scale)) ;;
    corpus) echo $((10 * scale)) ;;
    tiny) echo $((50000 * scale)) ;;
    medium | numeric) echo $((20000 * scale)) ;;
    hot) echo $((30 * scale)) ;;
    *) echo $((100 * scale)) ;;
  esac
}

# Whether a system has a copy of an input's types: simd-json-derive only of the OpenRTB
# model, kowito-json only of its own workloads.
runs_on() {
  case "$1,$2" in
    simd_json_derive,tiny | simd_json_derive,medium | simd_json_derive,numeric | simd_json_derive,hot) return 1 ;;
    kowito,tiny | kowito,medium | kowito,numeric | kowito,hot) return 0 ;;
    kowito,*) return 1 ;;
    *) return 0 ;;
  esac
}

# Total instructions (Ir) of one run.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$exe" --instr "$1" "$2" "$3" 2>&1 |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}

echo "# instructions per operation (callgrind, I(2N)-I(N) over N); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(rustc --version)"
declare -A per_op
for input in $inputs; do
  n=$(ops_for "$input")
  for system in $systems; do
    runs_on "$system" "$input" || continue
    a=$(instructions "$system" "$input" "$n")
    b=$(instructions "$system" "$input" $((2 * n)))
    if [ -z "$a" ] || [ -z "$b" ]; then
      echo "callgrind failed for $system on $input" >&2
      exit 1
    fi
    per_op[$input,$system]=$(((b - a) / n))
    echo "  $input $system: $(((b - a) / n)) instructions/op (N=$n)" >&2
  done
done

echo
printf '| system |'
for input in $inputs; do printf ' %s instr/op | x serde |' "$input"; done
echo
printf '|---|'
for _ in $inputs; do printf -- '---:|---:|'; done
echo
for system in $systems; do
  ran=0
  for input in $inputs; do [ -n "${per_op[$input,$system]:-}" ] && ran=1; done
  [ "$ran" = 1 ] || continue
  printf '| %s |' "$system"
  for input in $inputs; do
    v=${per_op[$input,$system]:-}
    if [ -z "$v" ]; then
      printf ' - | - |'
      continue
    fi
    base=${per_op[$input,serde_to_writer]:-}
    if [ -n "$base" ] && [ "$base" -gt 0 ]; then
      ratio=$(awk -v a="$v" -v b="$base" 'BEGIN { printf "%.3f", a / b }')
    else
      ratio="-"
    fi
    printf ' %s | %s |' "$v" "$ratio"
  done
  echo
done
echo
echo "x serde: ratio to serde_json::to_writer into a reused Vec (serde_to_writer)."
