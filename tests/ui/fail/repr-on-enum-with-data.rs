use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[pooled(repr)]
#[repr(u8)]
enum Protocol {
    Vast2 = 2,
    Custom(u8),
}

fn main() {}
