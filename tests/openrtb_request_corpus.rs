//! Every request of the corpus (`tests/corpus/openrtb-requests`, see its SOURCES.md), read
//! into the model and written back: the pooled writer's bytes must equal serde_json's, and
//! both must mean the same as the input.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::BidRequest;
use pooled_serialize_test_support::openrtb::{
    request_corpus as corpus, request_corpus_dir as corpus_dir, written_back,
};

#[test]
fn corpus_has_all_161_requests_and_sources() {
    assert!(corpus().len() >= 161, "the request corpus is missing files");
    let dir = corpus_dir();
    assert!(dir.join("SOURCES.md").is_file());
    assert!(dir.join("check.py").is_file());
}

#[test]
fn every_corpus_request_round_trips() {
    let corpus = corpus();
    let mut failures = Vec::new();
    let mut passed = 0;
    for (name, text) in &corpus {
        let req = match BidRequest::from_json(text) {
            Ok(req) => req,
            Err(e) => {
                failures.push(format!("{name}: deserialize: {e}"));
                continue;
            }
        };
        let out = match written_back(text, &req) {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        // Reading the output again gives the same model, and so does an owned copy.
        let again = BidRequest::from_json(&out).unwrap();
        if again != req {
            failures.push(format!("{name}: re-read model differs"));
            continue;
        }
        if again.into_owned() != req {
            failures.push(format!("{name}: into_owned differs"));
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
