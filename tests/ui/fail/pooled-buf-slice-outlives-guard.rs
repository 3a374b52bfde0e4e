// A slice borrowed from a pooled buffer cannot outlive the guard that lends it:
// the buffer is cleared and reused by the next response once the guard drops.
fn main() {
    let bytes: &[u8];
    {
        let json = pooled_serialize::to_pooled_json(&[1, 2]).unwrap();
        bytes = &json;
    }
    println!("{bytes:?}");
}
