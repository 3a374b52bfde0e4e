use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Pair(u8, #[serde(flatten)] BTreeMap<String, u8>);

fn main() {}
