//! JSON string escaping, byte-identical to serde_json.
//!
//! serde_json escapes exactly `"`, `\` and the control bytes below 0x20: the five with a
//! short form as `\b \t \n \f \r`, the rest as `\u00XX` with lowercase hex. Everything
//! else, DEL and all non-ASCII text included, is copied as it is.
//!
//! The scan looks at eight bytes at a time (SWAR on a `u64`) and copies clean runs in
//! bulk, so markup with an escape every dozen bytes still moves mostly whole slices.

const BB: u8 = b'b'; // \x08
const TT: u8 = b't'; // \x09
const NN: u8 = b'n'; // \x0A
const FF: u8 = b'f'; // \x0C
const RR: u8 = b'r'; // \x0D
const QU: u8 = b'"'; // \x22
const BS: u8 = b'\\'; // \x5C
const UU: u8 = b'u'; // \x00...\x1F except the ones noted above
const __: u8 = 0;

/// For each byte, the character after the backslash of its escape, or 0 for none.
static ESCAPE: [u8; 256] = [
    //   1   2   3   4   5   6   7   8   9   A   B   C   D   E   F
    UU, UU, UU, UU, UU, UU, UU, UU, BB, TT, NN, UU, FF, RR, UU, UU, // 0
    UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, UU, // 1
    __, __, QU, __, __, __, __, __, __, __, __, __, __, __, __, __, // 2
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 3
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 4
    __, __, __, __, __, __, __, __, __, __, __, __, BS, __, __, __, // 5
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 6
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 7
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 8
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 9
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // A
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // B
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // C
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // D
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // E
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // F
];

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Marks (high bit of the byte) the bytes of `chunk` that need an escape. Only the lowest
/// marked byte is exact: a borrow may also mark bytes above a true hit, which is harmless
/// because the scan restarts after each escape.
#[inline(always)]
fn escape_marks(chunk: u64) -> u64 {
    // `(b ^ 2) < 0x21` holds exactly for the controls (0x00..=0x1F) and `"` (0x22).
    let flipped = chunk ^ (ONES * 2);
    let below = flipped.wrapping_sub(ONES * 0x21) & !flipped;
    let backslash = chunk ^ (ONES * u64::from(b'\\'));
    let is_backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below | is_backslash) & HIGHS
}

/// Index of the first byte at or after `from` that needs an escape.
#[inline]
fn find_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("slice of 8 bytes"));
        let marks = escape_marks(word);
        if marks != 0 {
            return Some(i + (marks.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| ESCAPE[b as usize] != 0)
        .map(|offset| i + offset)
}

/// True if `s` can be copied between quotes as it is.
#[inline]
pub(crate) fn is_clean(s: &str) -> bool {
    find_escape(s.as_bytes(), 0).is_none()
}

/// Appends the escaped contents of `s` (without the surrounding quotes).
pub(crate) fn write_escaped_contents(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut run_start = 0;
    while let Some(at) = find_escape(bytes, run_start) {
        out.extend_from_slice(&bytes[run_start..at]);
        write_escape(out, bytes[at]);
        run_start = at + 1;
    }
    out.extend_from_slice(&bytes[run_start..]);
}

#[cold]
#[inline(never)]
fn write_escape_u(out: &mut Vec<u8>, byte: u8) {
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(&[
        b'\\',
        b'u',
        b'0',
        b'0',
        HEX_DIGITS[(byte >> 4) as usize],
        HEX_DIGITS[(byte & 0xF) as usize],
    ]);
}

#[inline]
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    match ESCAPE[byte as usize] {
        UU => write_escape_u(out, byte),
        short => out.extend_from_slice(&[b'\\', short]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        write_escaped_contents(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn marks_find_the_first_escape_in_every_lane() {
        for lane in 0..8 {
            for byte in 0u8..=255 {
                let mut chunk = [b'a'; 8];
                chunk[lane] = byte;
                let marks = escape_marks(u64::from_le_bytes(chunk));
                let needs = ESCAPE[byte as usize] != 0;
                if needs {
                    assert_eq!(marks.trailing_zeros() / 8, lane as u32, "byte {byte:#x}");
                } else {
                    assert_eq!(marks, 0, "byte {byte:#x} in lane {lane}");
                }
            }
        }
    }

    #[test]
    fn high_bytes_next_to_hits_do_not_hide_them() {
        // A borrow out of a true hit must not move the first mark.
        let chunk = u64::from_le_bytes([0xFF, 0x80, 0x00, 0xC3, b'"', b'\\', 0x1F, 0x7F]);
        assert_eq!(escape_marks(chunk).trailing_zeros() / 8, 2);
    }

    #[test]
    fn every_byte_position_and_tail_length() {
        for len in 0..40 {
            for at in 0..len {
                let mut s = vec![b'x'; len];
                s[at] = b'\n';
                let s = String::from_utf8(s).unwrap();
                let expected = serde_json::to_string(&s).unwrap();
                assert_eq!(format!("\"{}\"", escaped(&s)), expected);
            }
        }
    }

    #[test]
    fn short_forms_and_unicode_escapes() {
        assert_eq!(escaped("\u{8}\t\n\u{c}\r"), r"\b\t\n\f\r");
        assert_eq!(escaped("\u{0}\u{1f}\u{b}"), r"\u0000\u001f\u000b");
        assert_eq!(escaped("a\"b\\c/d\u{7f}é"), "a\\\"b\\\\c/d\u{7f}é");
    }
}
