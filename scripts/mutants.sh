#!/usr/bin/env bash
# Mutation testing of the runtime with cargo-mutants, one source file at a time, so each
# chunk fits a small machine (one job, a per-mutant timeout) and reports on its own.
#
#   scripts/mutants.sh                                  # the pool and the guard
#   scripts/mutants.sh runtime/src/writer.rs            # any runtime files
#   MUTANTS_TESTS="--test pool --lib" scripts/mutants.sh runtime/src/pool/local.rs
#
# Needs `cargo install cargo-mutants --locked`. Results: target/mutants/<file>/mutants.out
# (missed.txt lists the mutants no test caught). The baseline run is skipped with
# MUTANTS_BASELINE=skip when the tests are known to pass; MUTANTS_ITERATE=1 skips mutants a
# previous run in the same output directory caught.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "cargo-mutants is not installed: cargo install cargo-mutants --locked" >&2
  exit 1
fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(runtime/src/pool/local.rs runtime/src/pool/mod.rs runtime/src/pool/config.rs
    runtime/src/pool/stats.rs runtime/src/pool/recent.rs runtime/src/guard.rs)
fi
# The runtime tests that exercise the pool and the guard (doc-tests and the unit tests, the
# escaper's exhaustive loops, take longer per mutant than these and do not touch the pool).
read -r -a tests <<<"${MUTANTS_TESTS:---test pool --test pool_config --test pool_teardown --test allocations}"

status=0
for file in "${files[@]}"; do
  out="${CARGO_TARGET_DIR:-target}/mutants/$(echo "$file" | tr '/' '_')"
  mkdir -p "$out"
  echo "==> $file" >&2
  # MUTANTS_IN_PLACE=1 mutates this tree (use a scratch copy) instead of copying it.
  if [ -n "${MUTANTS_IN_PLACE:-}" ]; then where=(--in-place); else where=(--jobs 1); fi
  cargo mutants -p pooled-serialize-runtime --all-features --file "$file" "${where[@]}" \
    --timeout "${MUTANTS_TIMEOUT:-180}" --baseline "${MUTANTS_BASELINE:-run}" \
    --output "$out" ${MUTANTS_ITERATE:+--iterate} -- "${tests[@]}" || status=1
  for outcome in caught missed timeout unviable; do
    n=0
    [ -f "$out/mutants.out/$outcome.txt" ] && n=$(wc -l <"$out/mutants.out/$outcome.txt")
    printf '%s %s: %s\n' "$file" "$outcome" "$n"
  done
done
exit "$status"
