// serde's `test_annotations.rs` (`flatten::lifetime_propagation`, struct `C`): a flattened
// map keyed by byte slices. serde_json fails at run time ("key must be a string"); a map
// whose key type has no `MapKey` impl cannot be flattened, so the derive refuses it at
// compile time.
use std::collections::HashMap;

use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct C<'a> {
    #[serde(flatten, borrow)]
    t: HashMap<&'a [u8], u32>,
}

fn main() {}
