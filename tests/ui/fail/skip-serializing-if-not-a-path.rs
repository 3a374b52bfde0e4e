use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Bid {
    #[serde(skip_serializing_if = "|v| v.is_none()")]
    id: Option<String>,
}

fn main() {}
