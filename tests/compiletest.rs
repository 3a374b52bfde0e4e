//! trybuild: `tests/ui/pass` must compile and run, `tests/ui/fail` must fail with the
//! pinned `.stderr`. Regenerate with `TRYBUILD=overwrite cargo test --test compiletest`
//! and review the diff.

#[test]
#[cfg_attr(miri, ignore)]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
