//! Replays every input committed under `fuzz/regressions/<target>/` through the same
//! checks the cargo-fuzz targets run (`pooled_serialize_test_support::fuzz`), on stable
//! Rust: a crash found by fuzzing stays fixed. `scripts/fuzz.sh` explains how to add one.
#![cfg(feature = "openrtb")]

use std::path::PathBuf;

use pooled_serialize_test_support::fuzz as checks;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

#[test]
fn escape_regressions() {
    let inputs = inputs("escape");
    assert!(!inputs.is_empty());
    for (name, data) in inputs {
        println!("escape/{name}");
        checks::check_escape(&data);
    }
}

#[test]
fn bid_response_regressions() {
    let inputs = inputs("bid_response");
    assert!(!inputs.is_empty());
    for (name, data) in inputs {
        println!("bid_response/{name}");
        checks::check_bid_response(&data);
    }
}
