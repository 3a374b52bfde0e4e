use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Bid {
    #[serde(rename = 5)]
    id: String,
}

fn main() {}
