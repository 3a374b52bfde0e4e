// The text of a pooled buffer cannot be returned past the guard's scope.
fn render() -> &'static str {
    let json = pooled_serialize::to_pooled_json(&[1]).unwrap();
    json.as_str()
}

fn main() {
    println!("{}", render());
}
