use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Bid {
    #[serde(serialize_with = "a::serialize", with = "b")]
    id: String,
}

fn main() {}
