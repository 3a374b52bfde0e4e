use pooled_serialize::PooledSerialize;

// Every mistake in one item is reported in the same build, and the type still gets a
// (stub) impl, so `main` below adds no error of its own.
#[derive(PooledSerialize)]
#[serde(rename_all = "Title Case", untagged)]
struct Bid {
    #[serde(rename = 1)]
    id: String,
    #[serde(skip, skip)]
    price: f64,
    #[serde(nope)]
    adm: String,
}

fn main() {
    let _ = pooled_serialize::to_vec(&Bid { id: String::new(), price: 0.0, adm: String::new() });
}
