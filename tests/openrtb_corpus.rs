//! Every response of the corpus (`tests/corpus/openrtb`, see its SOURCES.md), read into
//! the model and written back: the pooled writer's bytes must equal serde_json's, and
//! both must mean the same as the input.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::BidResponse;
use pooled_serialize_test_support::openrtb::{corpus, corpus_dir, written_back};

#[test]
fn corpus_has_all_128_responses_and_sources() {
    assert_eq!(corpus().len(), 128);
    assert!(corpus_dir().join("SOURCES.md").is_file());
}

#[test]
fn every_corpus_response_round_trips_through_serde() {
    let corpus = corpus();
    let mut failures = Vec::new();
    let mut passed = 0;
    for (name, text) in &corpus {
        let resp = match BidResponse::from_json(text) {
            Ok(resp) => resp,
            Err(e) => {
                failures.push(format!("{name}: deserialize: {e}"));
                continue;
            }
        };
        let out = match written_back(text, &resp) {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        // Reading the output again gives the same model.
        if BidResponse::from_json(&out).unwrap() != resp {
            failures.push(format!("{name}: re-read model differs"));
            continue;
        }
        passed += 1;
    }
    assert!(
        failures.is_empty(),
        "{passed} passed; failures:\n{}",
        failures.join("\n")
    );
    assert_eq!(passed, corpus.len());
}
