use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(skip_serializing_none)]
struct Bid {
    id: Option<String>,
}

fn main() {}
