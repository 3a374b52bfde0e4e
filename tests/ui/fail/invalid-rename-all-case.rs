use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(rename_all = "camelcase")]
struct Bid {
    ad_id: String,
}

fn main() {}
