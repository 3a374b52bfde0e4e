//! The escaper against serde_json, on every chunk width this CPU can run.

#[cfg(target_arch = "x86_64")]
use super::avx2::Avx2;
use super::swar::Swar;
use super::*;

/// Whether this CPU runs the AVX2 escaper (which also needs BMI1).
#[cfg(target_arch = "x86_64")]
fn avx2_escaper_runs() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("bmi1")
}

fn escaped_with<C: Chunks>(s: &str) -> String {
    let mut out = Vec::new();
    write_escaped_with::<C>(&mut out, s.as_bytes(), false);
    String::from_utf8(out).unwrap()
}

/// `s` escaped by every chunk width this CPU can run, checked against `want`.
fn assert_every_width(s: &str, want: &str) {
    assert_eq!(escaped_with::<Native>(s), want, "{s:?}");
    assert_eq!(escaped_with::<Swar>(s), want, "{s:?}");
    #[cfg(target_arch = "x86_64")]
    if avx2_escaper_runs() {
        let mut out = Vec::new();
        // SAFETY: AVX2 and BMI1 are present (checked above).
        unsafe { write_escaped_avx2(&mut out, s.as_bytes(), false) };
        assert_eq!(String::from_utf8(out).unwrap(), want, "{s:?} (AVX2)");
    }
}

fn quoted(prefix: &str, s: &str) -> String {
    let mut out = b"[".to_vec();
    write_prefixed_quoted(&mut out, prefix.as_bytes(), s.as_bytes());
    String::from_utf8(out).unwrap()
}

fn expected(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap();
    quoted[1..quoted.len() - 1].to_owned()
}

/// For each byte value in each lane (the others filled with `filler`): the chunk's
/// escape mask and two-byte test against the tables, and the translated chunk.
///
/// # Safety
///
/// The CPU must support `C`'s instructions.
unsafe fn check_masks<C: Chunks>() {
    // Under Miri, the lanes at the edges of each 8-byte word only (it is slow).
    let lanes = (0..C::WIDTH).filter(|lane| !cfg!(miri) || lane % 8 == 0 || lane % 8 == 7);
    for lane in lanes {
        for byte in 0u8..=255 {
            let fillers: &[u8] = if cfg!(miri) { b"a" } else { b"a\x0B\n\xFF\x1F" };
            for &filler in fillers {
                let mut bytes = [filler; 32];
                bytes[lane] = byte;
                let mut scratch = C::scratch();
                let scratch = scratch.as_mut();
                // SAFETY: 32 readable bytes, at least `WIDTH`; `scratch` holds
                // `2 * WIDTH` bytes when `TRANSLATES`; instructions: caller.
                let (marks, two_byte) = unsafe {
                    let chunk = C::load(bytes.as_ptr());
                    (
                        C::escape_mask(chunk),
                        C::two_byte_escapes_only(chunk, scratch.as_mut_ptr()),
                    )
                };
                let chunk = &bytes[..C::WIDTH];
                for (i, &b) in chunk.iter().enumerate() {
                    assert_eq!(
                        marks & (1 << i) != 0,
                        ESCAPE[b as usize] != 0,
                        "{b:#x} in lane {i}"
                    );
                }
                let six = chunk.iter().any(|&b| ESCAPE[b as usize] == b'u');
                assert_eq!(
                    two_byte, !six,
                    "{byte:#x} in lane {lane}, filler {filler:#x}"
                );
                if C::TRANSLATES && two_byte {
                    for (i, &b) in chunk.iter().enumerate() {
                        let want = if b < 0x20 { ESCAPE[b as usize] } else { b };
                        assert_eq!(scratch[i], want, "{b:#x} in lane {i}");
                    }
                }
            }
        }
    }
}

#[test]
fn chunk_masks_are_exact_for_every_byte_in_every_lane() {
    // SAFETY: SSE2 is the x86-64 baseline (and `Native` is `Swar` elsewhere); SWAR is
    // plain integer code; AVX2 only once detected.
    unsafe {
        check_masks::<Native>();
        check_masks::<Swar>();
        #[cfg(target_arch = "x86_64")]
        if avx2_escaper_runs() {
            check_masks::<Avx2>();
        }
    }
}

#[test]
fn every_byte_position_and_length_on_both_paths() {
    // Past three 32-byte chunks, so every boundary of both widths is crossed.
    let lengths = if cfg!(miri) { 0..36 } else { 0..140 };
    for len in lengths {
        for at in 0..len {
            for needs_escape in ["\n", "\"", "\u{1}", "\\", "é"] {
                let mut s = "x".repeat(len);
                s.replace_range(at..at + 1, needs_escape);
                let want = expected(&s);
                assert_every_width(&s, &want);
                assert_eq!(quoted(",\"k\":", &s), format!("[,\"k\":\"{want}\""));
            }
        }
    }
}

#[test]
fn dense_escapes_and_every_byte_value() {
    let all_ascii: String = (0u8..0x80).map(char::from).collect();
    for s in [
        all_ascii.clone(),
        all_ascii.repeat(3),
        "\"".repeat(50),
        "\u{0}".repeat(33),
        "a\nb\tc\"d\\e\u{1f}f".repeat(7),
        "é€😀\u{7f}".repeat(9),
        // Two-byte escapes only, then one six-byte escape among them.
        "<a href=\"x\">\n\t\\</a>\r\u{8}\u{c}".repeat(9),
        "<a href=\"x\">\n\t\\</a>\r\u{8}\u{c}".repeat(5) + "\u{b}" + &"\"\n".repeat(20),
    ] {
        let want = expected(&s);
        assert_every_width(&s, &want);
        assert_eq!(quoted("", &s), format!("[\"{want}\""));
    }
}

#[test]
fn every_ascii_string_of_up_to_three_bytes() {
    // The 1..=3-byte paths check and copy first, middle and last byte only.
    let step = if cfg!(miri) { 7 } else { 1 };
    for a in (0u8..0x80).step_by(step) {
        for b in (0u8..0x80).step_by(step) {
            for s in [
                String::from(char::from(a)),
                String::from_iter([char::from(a), char::from(b)]),
                String::from_iter([char::from(b), char::from(a), 'x']),
                String::from_iter(['x', char::from(a), char::from(b)]),
            ] {
                assert_eq!(quoted(":", &s), format!("[:\"{}\"", expected(&s)), "{s:?}");
            }
        }
    }
}

#[test]
fn grows_from_an_exact_buffer() {
    // Output may be 6x the input: start with no spare room at all.
    let s = "\u{1}".repeat(100);
    let mut out = Vec::with_capacity(0);
    write_escaped_with::<Native>(&mut out, s.as_bytes(), false);
    assert_eq!(String::from_utf8(out).unwrap(), expected(&s));
    #[cfg(target_arch = "x86_64")]
    if avx2_escaper_runs() {
        let mut out = Vec::with_capacity(0);
        // SAFETY: AVX2 and BMI1 are present (checked above).
        unsafe { write_escaped_avx2(&mut out, s.as_bytes(), false) };
        assert_eq!(String::from_utf8(out).unwrap(), expected(&s));
    }
}

/// Appends the escaped contents of a string.
type Write = fn(&mut Vec<u8>, &[u8]);

/// The escaper of every chunk width this CPU can run, and the dispatch between them.
fn writers() -> Vec<(&'static str, Write)> {
    let mut writers: Vec<(&'static str, Write)> = vec![
        ("native", |buf, s| {
            write_escaped_with::<Native>(buf, s, false)
        }),
        ("SWAR", |buf, s| write_escaped_with::<Swar>(buf, s, false)),
        ("dispatch", write_escaped_contents),
    ];
    #[cfg(target_arch = "x86_64")]
    if avx2_escaper_runs() {
        writers.push(("AVX2", |buf, s| {
            // SAFETY: AVX2 and BMI1 are present (checked just above, before this is ever
            // called).
            unsafe { write_escaped_avx2(buf, s, false) }
        }));
    }
    writers
}

/// A buffer whose length is its capacity, so the writer's own reserve is all the room
/// there is; and the expected bytes start with its contents.
fn full_buffer(contents: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(contents.len());
    out.extend_from_slice(contents);
    out.shrink_to_fit();
    out
}

/// `set_len` takes the writer's count on trust: a write past the room it reserved shows
/// as a length beyond the capacity.
fn assert_within_capacity(out: &[u8], capacity: usize, what: &str) {
    assert!(
        out.len() <= capacity,
        "{what}: wrote {} bytes into {capacity}",
        out.len()
    );
}

#[test]
fn quoted_strings_fit_the_room_they_reserve() {
    // Every prefix length up to 40 and string length up to 20, clean or ending in an
    // escape, appended to an empty buffer and to one with no spare room.
    // Under Miri, a few lengths of each (it is slow).
    let step = if cfg!(miri) { 7 } else { 1 };
    for start in [&b""[..], b"[1,"] {
        for prefix_len in (0..=40).step_by(step) {
            let prefix: String = ",\"key\":".chars().cycle().take(prefix_len).collect();
            for len in (0usize..=20).step_by(step) {
                for last in ["x", "\""] {
                    let s = "x".repeat(len.saturating_sub(1)) + if len == 0 { "" } else { last };
                    let mut out = full_buffer(start);
                    write_prefixed_quoted(&mut out, prefix.as_bytes(), s.as_bytes());
                    let mut want = start.to_vec();
                    want.extend_from_slice(prefix.as_bytes());
                    want.extend_from_slice(serde_json::to_string(&s).unwrap().as_bytes());
                    assert_within_capacity(&out, out.capacity(), &format!("{prefix:?} {s:?}"));
                    assert_eq!(out, want, "prefix {prefix:?}, string {s:?}");
                }
            }
        }
    }
}

#[test]
fn escapes_fit_the_room_they_reserve() {
    // Six-byte escapes first (the most output per input byte), then clean text or more
    // escapes: every chunk's room check, in the walk and in the padded tail, is needed.
    let mut strings = Vec::new();
    // Under Miri, the lengths around one and two chunks of each width (it is slow).
    let (controls, rests): (Vec<usize>, &[usize]) = if cfg!(miri) {
        (vec![1, 16, 17, 31, 33], &[0, 17, 100])
    } else {
        (
            (0..=72).collect(),
            &[0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000],
        )
    };
    for controls in controls {
        for &rest in rests {
            strings.push("\u{1}".repeat(controls) + &"x".repeat(rest));
            strings.push("\u{1}".repeat(controls) + &"\"".repeat(rest));
        }
    }
    for (name, write) in writers() {
        for s in &strings {
            for start in [&b""[..], b"[1,"] {
                let mut out = full_buffer(start);
                write(&mut out, s.as_bytes());
                let mut want = start.to_vec();
                want.extend_from_slice(expected(s).as_bytes());
                assert_within_capacity(&out, out.capacity(), &format!("{name}: {s:?}"));
                assert_eq!(out, want, "{name}: {s:?}");
            }
        }
    }
}
