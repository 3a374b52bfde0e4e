use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(tag = "type")]
enum Event {
    Click { x: u32 },
    Move(u32, u32),
}

fn main() {}
