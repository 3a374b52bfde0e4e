use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Bid {
    #[serde(rename = "a")]
    #[pooled(rename = "b")]
    id: String,
}

fn main() {}
