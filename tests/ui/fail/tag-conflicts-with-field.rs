use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(tag = "kind")]
enum Creative {
    Banner { kind: String, w: u32 },
}

fn main() {}
