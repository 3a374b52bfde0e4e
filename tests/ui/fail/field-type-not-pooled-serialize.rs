use pooled_serialize::PooledSerialize;

struct Opaque;

#[derive(PooledSerialize)]
struct Bid {
    id: String,
    extra: Opaque,
}

fn main() {}
