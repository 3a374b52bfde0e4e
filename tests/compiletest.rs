//! trybuild: `tests/ui/pass` must compile and run, `tests/ui/fail` must fail with the
//! pinned `.stderr`. Regenerate with
//! `TRYBUILD=overwrite cargo test --all-features --test compiletest` and review the diff.
//!
//! The pinned messages list the types that implement a trait, which depends on the
//! enabled features (the `openrtb` code lists implement `MapKey`), so they are pinned for
//! `--all-features`, the README's test command.

#[test]
#[cfg_attr(miri, ignore)]
#[cfg_attr(
    not(all(feature = "openrtb", feature = "bytes", feature = "serde_json")),
    ignore = "UI .stderr files are pinned for --all-features"
)]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
