// JSON object keys are strings: a map keyed by a type with no string form is refused at
// compile time instead of producing invalid JSON at run time.
use std::collections::BTreeMap;

use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Targeting {
    by_segment: BTreeMap<Vec<u8>, f64>,
}

fn main() {}
