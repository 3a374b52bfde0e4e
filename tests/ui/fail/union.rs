use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
union Bits {
    a: u32,
    b: f32,
}

fn main() {}
