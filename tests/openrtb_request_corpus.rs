//! Every request of the corpus (`tests/corpus/openrtb-requests`, see its SOURCES.md), read
//! into the model and written back: the pooled writer's bytes must equal serde_json's, and
//! both must mean the same as the input.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::BidRequest;
use pooled_serialize_test_support::openrtb::{
    request_corpus as corpus, request_corpus_dir as corpus_dir, same_meaning,
};
use serde_json::Value;

#[test]
fn corpus_has_all_161_requests_and_sources() {
    assert!(corpus().len() >= 161, "the request corpus is missing files");
    let dir = corpus_dir();
    assert!(dir.join("SOURCES.md").is_file());
    assert!(dir.join("check.py").is_file());
}

#[test]
fn every_corpus_request_round_trips() {
    let mut failures = Vec::new();
    let mut passed = 0;
    for (name, text) in corpus() {
        let input: Value = serde_json::from_str(&text).unwrap();
        let req = match BidRequest::from_json(&text) {
            Ok(req) => req,
            Err(e) => {
                failures.push(format!("{name}: deserialize: {e}"));
                continue;
            }
        };
        let out = serde_json::to_vec(&req).unwrap();
        // The pooled writer, through each entry point, writes serde_json's bytes.
        let pooled = pooled_serialize::to_pooled_json(&req).unwrap();
        if *pooled != *out {
            failures.push(format!(
                "{name}: pooled output differs from serde_json\nserde:  {}\npooled: {}",
                String::from_utf8_lossy(&out),
                pooled.as_str()
            ));
            continue;
        }
        drop(pooled);
        assert_eq!(pooled_serialize::to_vec(&req).unwrap(), out, "{name}");
        let mut buf = b"prefix".to_vec();
        pooled_serialize::write_to_vec(&req, &mut buf).unwrap();
        assert_eq!(&buf[6..], &out[..], "{name}");
        let mut sink = Vec::new();
        pooled_serialize::to_writer(&mut sink, &req).unwrap();
        assert_eq!(sink, out, "{name}");
        let output: Value = serde_json::from_slice(&out).unwrap();
        if let Err(e) = same_meaning(&input, &output) {
            failures.push(format!("{name}: {e}"));
            continue;
        }
        // Reading the output again gives the same model, and so does an owned copy.
        let out = String::from_utf8(out).unwrap();
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
    assert_eq!(passed, 161);
}
