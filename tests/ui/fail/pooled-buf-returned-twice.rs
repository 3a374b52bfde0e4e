// A buffer goes back to the pool exactly once: dropping the guard twice is refused.
fn main() {
    let json = pooled_serialize::to_pooled_json(&[1, 2]).unwrap();
    drop(json);
    drop(json);
}
