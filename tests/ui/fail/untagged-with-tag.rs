use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(untagged, tag = "type")]
enum Event {
    Click { x: u32 },
}

fn main() {}
