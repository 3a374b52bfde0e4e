use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[pooled(repr)]
enum Protocol {
    Vast2 = 2,
    Vast3 = 3,
}

fn main() {}
