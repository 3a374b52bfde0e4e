use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
enum Price {
    #[serde(serialize_with = "as_cents", with = "cents")]
    Cents(u64),
    #[serde(skip, serialize_with = "as_cents")]
    Hidden(u64),
}

fn main() {}
