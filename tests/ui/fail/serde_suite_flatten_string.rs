// serde's `test_annotations.rs` (`flatten::unsupported_type`): flattening a `String`.
// serde_json fails at run time ("can only flatten structs and maps (got a string)");
// the derive refuses the field at compile time.
use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Outer {
    outer: String,
    #[serde(flatten)]
    inner: String,
}

fn main() {}
