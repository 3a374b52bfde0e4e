use pooled_serialize::{Error, PooledSerialize, Writer};
use std::collections::BTreeMap;

fn write_extra(_: &BTreeMap<String, u8>, _: &mut Writer) -> Result<(), Error> {
    Ok(())
}

#[derive(PooledSerialize)]
struct Bid {
    id: String,
    #[serde(flatten)]
    #[pooled(write_with = "write_extra")]
    extra: BTreeMap<String, u8>,
}

fn main() {}
