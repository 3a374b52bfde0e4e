use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(transparent)]
struct Price {
    value: f64,
    currency: String,
}

fn main() {}
