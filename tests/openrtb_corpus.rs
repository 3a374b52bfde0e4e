//! Every response of the corpus (`tests/corpus/openrtb`, see its SOURCES.md), read into
//! the model and written back: the pooled writer's bytes must equal serde_json's, and
//! both must mean the same as the input.
#![cfg(feature = "openrtb")]

use pooled_serialize::openrtb::BidResponse;
use pooled_serialize_test_support::openrtb::{corpus, corpus_dir, same_meaning};
use serde_json::Value;

#[test]
fn corpus_has_all_128_responses_and_sources() {
    assert_eq!(corpus().len(), 128);
    assert!(corpus_dir().join("SOURCES.md").is_file());
}

#[test]
fn every_corpus_response_round_trips_through_serde() {
    let mut failures = Vec::new();
    let mut passed = 0;
    for (name, text) in corpus() {
        let input: Value = serde_json::from_str(&text).unwrap();
        let resp = match BidResponse::from_json(&text) {
            Ok(resp) => resp,
            Err(e) => {
                failures.push(format!("{name}: deserialize: {e}"));
                continue;
            }
        };
        let out = serde_json::to_string(&resp).unwrap();
        // The pooled writer, through each entry point, writes serde_json's bytes.
        let pooled = pooled_serialize::to_pooled_json(&resp).unwrap();
        if pooled.as_str() != out {
            failures.push(format!(
                "{name}: pooled output differs from serde_json\nserde:  {out}\npooled: {}",
                pooled.as_str()
            ));
            continue;
        }
        drop(pooled);
        assert_eq!(
            pooled_serialize::to_vec(&resp).unwrap(),
            out.as_bytes(),
            "{name}"
        );
        assert_eq!(pooled_serialize::to_string(&resp).unwrap(), out, "{name}");
        let mut buf = b"prefix".to_vec();
        pooled_serialize::write_to_vec(&resp, &mut buf).unwrap();
        assert_eq!(&buf[6..], out.as_bytes(), "{name}");
        let mut sink = Vec::new();
        pooled_serialize::to_writer(&mut sink, &resp).unwrap();
        assert_eq!(sink, out.as_bytes(), "{name}");
        let output: Value = serde_json::from_str(&out).unwrap();
        if let Err(e) = same_meaning(&input, &output) {
            failures.push(format!("{name}: {e}"));
            continue;
        }
        // Reading the output again gives the same model.
        let again = BidResponse::from_json(&out).unwrap();
        if again != resp {
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
    assert_eq!(passed, 128);
}
