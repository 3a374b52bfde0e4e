use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(content = "c")]
enum Event {
    Click(u32),
}

fn main() {}
