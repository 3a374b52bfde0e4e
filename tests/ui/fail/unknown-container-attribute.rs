use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(rename_all = "camelCase", abc)]
#[pooled(skip_none)]
struct Bid {
    id: String,
}

fn main() {}
