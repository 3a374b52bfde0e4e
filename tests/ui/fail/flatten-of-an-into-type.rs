// A type written through `#[serde(into = "...")]` has no members of its own to merge:
// flattening it is refused at compile time rather than writing its fields instead of
// the converted value's.
use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize, Clone)]
#[serde(into = "Price")]
struct Cents {
    cents: u64,
}

#[derive(PooledSerialize)]
struct Price {
    amount: f64,
}

impl From<Cents> for Price {
    fn from(c: Cents) -> Self {
        Price {
            amount: c.cents as f64 / 100.0,
        }
    }
}

#[derive(PooledSerialize)]
struct Bid {
    id: String,
    #[serde(flatten)]
    price: Cents,
}

fn main() {}
