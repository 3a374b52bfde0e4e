// An internally tagged or untagged enum is not written as a string, so it cannot be a
// JSON object key (serde_json refuses it at run time): no `MapKey` impl, a compile error.
use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(tag = "type")]
enum Tagged {
    Banner,
    Video,
}

#[derive(PooledSerialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(untagged)]
enum Untagged {
    Banner,
    Video,
}

#[derive(PooledSerialize)]
struct Counts {
    by_tagged: BTreeMap<Tagged, u32>,
    by_untagged: BTreeMap<Untagged, u32>,
}

fn main() {}
