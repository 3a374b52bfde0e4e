// Once returned, the buffer may already hold another response: reading it is refused.
fn main() {
    let json = pooled_serialize::to_pooled_json(&"secret").unwrap();
    drop(json);
    println!("{}", json.as_str());
}
