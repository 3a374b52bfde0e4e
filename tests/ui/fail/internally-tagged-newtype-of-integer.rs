// serde_json refuses an integer as an internally tagged variant's content at run time;
// the type makes that certain, so it is refused here at compile time.
use pooled_serialize::PooledSerialize;

#[derive(PooledSerialize)]
#[serde(tag = "type")]
enum Event {
    Count(u32),
}

fn main() {}
