use pooled_serialize::{Error, PooledSerialize, Writer};

fn write_id(_: &String, _: &mut Writer) -> Result<(), Error> {
    Ok(())
}

#[derive(PooledSerialize)]
struct Bid {
    #[serde(skip)]
    #[pooled(write_with = "write_id")]
    id: String,
}

fn main() {}
