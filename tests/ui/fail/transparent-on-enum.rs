use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(transparent)]
enum Price {
    Cpm(f64),
}

fn main() {}
