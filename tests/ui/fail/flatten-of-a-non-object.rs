use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
struct Bid {
    id: String,
    #[serde(flatten)]
    price: f64,
}

fn main() {}
