use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
enum Ext {
    Map(#[serde(flatten)] BTreeMap<String, u8>),
}

fn main() {}
