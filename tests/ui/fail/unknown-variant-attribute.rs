use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
enum Status {
    #[pooled(flatten)]
    Active,
}

fn main() {}
