#!/usr/bin/env bash
# Mutation testing with cargo-mutants, one source file at a time, so each chunk fits a
# small machine (one job, a per-mutant timeout) and reports on its own.
#
#   scripts/mutants.sh                                  # the pool and the guard
#   scripts/mutants.sh runtime/src/writer.rs            # any runtime files
#   scripts/mutants.sh runtime/src/escape/*.rs          # the escaper (its unit tests)
#   scripts/mutants.sh macros/src/expand/*.rs           # the derive's code generator
#   MUTANTS_TESTS="--test pool --lib" scripts/mutants.sh runtime/src/pool/local.rs
#
# Each file gets a test selection by where it lives (MUTANTS_TESTS overrides it), passed
# to every cargo call so only those test targets are built:
# - runtime files: the runtime's pool, pool_config, pool_teardown and allocations tests
#   (the escaper: its unit tests, `--lib escape`, which run it at every chunk width);
# - macros files: the generated code is tested from the root crate, so the tests of
#   `pooled-serialize` run (`--test-package`): serde_suite and the derive_* tests. The
#   baseline is skipped there, as cargo-mutants 27 runs it on the mutated package's own
#   tests rather than the test package's; check the unmutated tree passes first with
#   `cargo test --test serde_suite --test derive_serde_parity --test derive_attrs
#   --test derive_shapes --test derive_props`.
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

status=0
for file in "${files[@]}"; do
  baseline="${MUTANTS_BASELINE:-run}"
  case "$file" in
    macros/*)
      package=(-p pooled-serialize-macros --test-package pooled-serialize)
      default_tests="--test serde_suite --test derive_serde_parity --test derive_attrs --test derive_shapes --test derive_props"
      baseline="${MUTANTS_BASELINE:-skip}"
      ;;
    runtime/src/escape/*)
      package=(-p pooled-serialize-runtime --all-features)
      default_tests="--lib escape"
      ;;
    *)
      package=(-p pooled-serialize-runtime --all-features)
      # The unit tests (the escaper's exhaustive loops) take longer per mutant than these
      # and do not touch the pool.
      default_tests="--test pool --test pool_config --test pool_teardown --test allocations"
      ;;
  esac
  read -r -a selection <<<"${MUTANTS_TESTS:-$default_tests}"
  cargo_args=()
  for arg in "${selection[@]}"; do cargo_args+=("--cargo-arg=$arg"); done

  out="${CARGO_TARGET_DIR:-target}/mutants/$(echo "$file" | tr '/' '_')"
  mkdir -p "$out"
  echo "==> $file" >&2
  # MUTANTS_IN_PLACE=1 mutates this tree (use a scratch copy) instead of copying it.
  if [ -n "${MUTANTS_IN_PLACE:-}" ]; then where=(--in-place); else where=(--jobs 1); fi
  cargo mutants "${package[@]}" --file "$file" "${where[@]}" \
    --timeout "${MUTANTS_TIMEOUT:-180}" --baseline "$baseline" \
    --output "$out" ${MUTANTS_ITERATE:+--iterate} "${cargo_args[@]}" || status=1
  for outcome in caught missed timeout unviable; do
    n=0
    [ -f "$out/mutants.out/$outcome.txt" ] && n=$(wc -l <"$out/mutants.out/$outcome.txt")
    printf '%s %s: %s\n' "$file" "$outcome" "$n"
  done
done
exit "$status"
