//! `Writer`'s own methods, called directly (derived code calls them with the lengths and
//! values it meets; these cover the boundaries), compared with serde_json's bytes.

use pooled_serialize_runtime::Writer;

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn raw_fragments_of_every_length_around_the_fast_paths() {
    for len in 0..=64 {
        let text = "x".repeat(len);
        let fragment = json(&text); // a JSON string of len + 2 bytes
        let mut w = Writer::default();
        w.write_raw(&fragment);
        assert_eq!(w.as_bytes(), fragment.as_bytes(), "write_raw, {len}");
        let mut w = Writer::default();
        w.write_prefixed_raw("[", &fragment);
        assert_eq!(
            w.as_bytes(),
            format!("[{fragment}").as_bytes(),
            "prefixed, {len}"
        );
        let mut w = Writer::new(b"{\"a\":".to_vec());
        w.write_prefixed_raw("", &fragment);
        assert_eq!(w.into_inner(), format!("{{\"a\":{fragment}").into_bytes());
    }
}

#[test]
fn floats_and_their_non_finite_cases() {
    let mut w = Writer::default();
    assert!(w.is_empty());
    w.write_f32(1.5).unwrap();
    assert!(!w.is_empty());
    assert_eq!(w.as_bytes(), json(&1.5f32).as_bytes());
    assert!(w.write_f32(f32::NAN).is_err());
    assert_eq!(
        w.as_bytes(),
        json(&1.5f32).as_bytes(),
        "nothing written on error"
    );

    let mut w = Writer::default();
    w.write_f64_or_null(f64::INFINITY);
    w.write_raw(",");
    w.write_f64_or_null(0.1);
    assert_eq!(
        w.as_bytes(),
        format!("{},{}", json(&f64::INFINITY), json(&0.1f64)).as_bytes()
    );
}

#[test]
fn debug_shows_sizes_and_reserve_makes_room() {
    let mut w = Writer::default();
    w.reserve(100);
    assert!(w.capacity() >= 100);
    let capacity = format!("capacity: {}", w.capacity());
    assert!(format!("{w:?}").contains(&capacity), "{w:?}");
    w.write_null();
    assert!(format!("{w:?}").contains("len: 4"), "{w:?}");
}
