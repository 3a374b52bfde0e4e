use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Bid {
    #[serde(renamed = "x", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
}

fn main() {}
