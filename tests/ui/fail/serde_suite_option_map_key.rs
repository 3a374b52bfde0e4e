// serde_json's `tests/test.rs` (`test_serialize_rejects_adt_keys`): a map keyed by
// `Option<&str>`. serde_json fails at run time ("key must be a string"); the `MapKey`
// bound refuses the key type at compile time.
use std::collections::BTreeMap;

fn main() {
    let map = BTreeMap::from([(Some("a"), 2), (Some("b"), 4), (None, 6)]);
    let _ = pooled_serialize::to_vec(&map);
}
