//! Numbers in serde_json's form: integers as `itoa` writes them, with the small ones
//! (the codes, sizes and counts of a bid response) taken from a digit-pair table inline
//! and the others of up to 64 bits written four digits at a time straight into the
//! output; floats as zmij's shortest round-trip text, with a shortcut for the values bid
//! responses are full of: prices and scores with at most four decimals.
//!
//! Only the common paths are inlined at a field; the rest are one out-of-line function
//! per type, so the derived writers stay small.
//!
//! The float shortcut: when `v * 10^4` rounds to an integer `n` whose quotient
//! `n / 10^4` is exactly `v` in `f64`, the decimal `n × 10^-4` parses back to `v`. Below
//! 2^32 an `f64`'s rounding interval is under 10^-6 wide, so no other decimal with at
//! most four places lies in it, and one with more places has more significant digits
//! (unless it crosses a power of ten, which a decimal a whole 10^-4 step away cannot do
//! within that interval): the shortcut's text is the shortest round-trip text, which is
//! what zmij writes. The tests compare both on every four-decimal value below 100 and on
//! millions of others.

use crate::store;

/// "00", "01", .. "99".
static DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    pairs
};

/// Appends `prefix`, then an integer of any width in decimal, as serde_json does (with
/// `itoa`).
#[inline(always)]
pub(crate) fn write_prefixed_int<I: itoa::Integer>(buf: &mut Vec<u8>, prefix: &[u8], value: I) {
    let mut digits = itoa::Buffer::new();
    store::write_prefixed_short(buf, prefix, digits.format(value).as_bytes());
}

/// Appends `prefix`, then an integer: below 10^4 (codes, sizes, counts) inline, from
/// [`DIGIT_PAIRS`] with one store; other values out of line (one copy of that code per
/// integer width, not per field): up to `u64::MAX` and down to `i64::MIN` four digits at
/// a time straight into the output, 128-bit values beyond that with `itoa`.
#[inline(always)]
pub(crate) fn write_prefixed_int_small_first<I>(buf: &mut Vec<u8>, prefix: &[u8], value: I)
where
    I: itoa::Integer + TryInto<u64> + TryInto<i64> + Copy,
{
    match TryInto::<u64>::try_into(value) {
        Ok(small) if small < 10_000 => write_prefixed_small_uint(buf, prefix, small as u16),
        Ok(wide) => write_prefixed_u64(buf, prefix, wide),
        Err(_) => match TryInto::<i64>::try_into(value) {
            Ok(negative) => write_prefixed_negative(buf, prefix, negative),
            Err(_) => write_prefixed_int_out_of_line(buf, prefix, value),
        },
    }
}

#[inline(never)]
fn write_prefixed_int_out_of_line<I: itoa::Integer>(buf: &mut Vec<u8>, prefix: &[u8], value: I) {
    write_prefixed_int(buf, prefix, value);
}

/// Appends `prefix`, then `value` in decimal.
#[inline(never)]
fn write_prefixed_u64(buf: &mut Vec<u8>, prefix: &[u8], value: u64) {
    write_prefixed_decimal(buf, prefix, false, value);
}

/// Appends `prefix`, then the negative `value` in decimal.
#[inline(never)]
fn write_prefixed_negative(buf: &mut Vec<u8>, prefix: &[u8], value: i64) {
    debug_assert!(value < 0);
    let magnitude = value.unsigned_abs();
    if magnitude < 10_000 {
        // Offsets and deltas: the sign and up to four digits in one 8-byte store.
        let (digits, len) = small_uint_digits(magnitude as u16);
        let [a, b, c, d] = digits;
        store::write_prefixed_word(buf, prefix, [b'-', a, b, c, d, 0, 0, 0], len + 1);
    } else {
        write_prefixed_decimal(buf, prefix, true, magnitude);
    }
}

/// 10^0 ..= 10^19.
static POWERS_OF_TEN: [u64; 20] = {
    let mut powers = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// The number of decimal digits of `value` (1 for 0), without a loop: `log10` of the
/// bit length (1233 / 4096 is just over `log10(2)`), then one comparison with a power
/// of ten. `value | 1` has the same number of digits as `value` (an even number below a
/// power of ten is at least one below it) and makes 0 count as one digit.
#[inline(always)]
fn decimal_len(value: u64) -> usize {
    let value = value | 1;
    let bits = 64 - value.leading_zeros() as usize;
    let guess = (bits * 1233) >> 12;
    guess + 1 - usize::from(value < POWERS_OF_TEN[guess])
}

/// Appends `prefix`, a `-` if `negative`, then `magnitude` in decimal, written in place
/// from its last four digits to its first. Inlined into the writers of each sign, so the
/// sign is a constant there (one shared copy cost 19 instructions per number).
#[inline(always)]
fn write_prefixed_decimal(buf: &mut Vec<u8>, prefix: &[u8], negative: bool, magnitude: u64) {
    let sign = usize::from(negative);
    let len = decimal_len(magnitude);
    buf.reserve(prefix.len() + 16 + 21);
    let start = buf.len();
    // SAFETY: `reserve` made `prefix.len() + 37` bytes writable past `start`: the
    // prefix's `copy_small` stores within `prefix.len().max(16)` of them, the sign takes
    // one and the digits fill the next `len` (`len <= 20`, the digits of `u64::MAX`),
    // each store landing inside them because `magnitude` has exactly `len` digits;
    // `set_len` covers the prefix, the sign and the digits, all written here.
    unsafe {
        let dst = buf.as_mut_ptr().add(start);
        store::copy_small(prefix, dst);
        // Written whatever the sign, without a branch: when `sign` is 0 the first digit
        // lands on it.
        dst.add(prefix.len()).write(b'-');
        let digits = dst.add(prefix.len() + sign);
        let mut value = magnitude;
        let mut end = len;
        while value >= 10_000 {
            // `%` rather than a subtraction, so the indices are known to be in bounds.
            let four = (value % 10_000) as usize;
            value /= 10_000;
            let [a, b] = DIGIT_PAIRS[four / 100];
            let [c, d] = DIGIT_PAIRS[four % 100];
            end -= 4;
            digits
                .add(end)
                .cast::<[u8; 4]>()
                .write_unaligned([a, b, c, d]);
        }
        // `value` now has exactly `end` (1..=4) digits.
        if value >= 100 {
            end -= 2;
            digits
                .add(end)
                .cast::<[u8; 2]>()
                .write_unaligned(DIGIT_PAIRS[(value % 100) as usize]);
            value /= 100;
        }
        if value >= 10 {
            digits
                .cast::<[u8; 2]>()
                .write_unaligned(DIGIT_PAIRS[value as usize]);
        } else {
            digits.write(b'0' + value as u8);
        }
        buf.set_len(start + prefix.len() + sign + len);
    }
}

/// Appends `prefix`, then `value` (below 10^4) with one 4-byte store for the digits.
#[inline(always)]
fn write_prefixed_small_uint(buf: &mut Vec<u8>, prefix: &[u8], value: u16) {
    let (digits, len) = small_uint_digits(value);
    store::write_prefixed_word(buf, prefix, digits, len);
}

/// The digits of `value` (below 10^4) at the front of a word, and how many there are.
#[inline(always)]
fn small_uint_digits(value: u16) -> ([u8; 4], usize) {
    debug_assert!(value < 10_000);
    if value < 10 {
        ([b'0' + value as u8, 0, 0, 0], 1)
    } else if value < 100 {
        let [tens, ones] = DIGIT_PAIRS[usize::from(value)];
        ([tens, ones, 0, 0], 2)
    } else {
        let [a, b] = DIGIT_PAIRS[usize::from(value / 100)];
        let [c, d] = DIGIT_PAIRS[usize::from(value % 100)];
        if value < 1000 {
            ([b, c, d, 0], 3)
        } else {
            ([a, b, c, d], 4)
        }
    }
}

/// Appends `prefix`, then the finite `value` as serde_json writes an `f32`: as one word
/// when it has at most four decimals and is below 100 (percentages, rates), with zmij
/// otherwise. `Writer::write_prefixed_f32` keeps this out of line at the field; zmij is
/// a further call so that the one-word path runs without its stack frame.
#[inline(always)]
pub(crate) fn write_prefixed_f32(buf: &mut Vec<u8>, prefix: &[u8], value: f32) {
    match four_decimals_f32(value) {
        Some(scaled) => {
            let (word, len) = short_decimal_word(scaled, value.is_sign_negative());
            store::write_prefixed_word(buf, prefix, word.to_le_bytes(), len);
        }
        None => write_prefixed_f32_with_zmij(buf, prefix, value),
    }
}

#[inline(never)]
fn write_prefixed_f32_with_zmij(buf: &mut Vec<u8>, prefix: &[u8], value: f32) {
    let mut digits = zmij::Buffer::new();
    store::write_prefixed_short(buf, prefix, digits.format_finite(value).as_bytes());
}

/// `round(|value| * 10^4)` when the decimal it stands for (four places) reads back as
/// `value` and `|value|` is in `[10^-4, 100)`. Below 100 an `f32`'s rounding interval is
/// under 10^-5 wide, so that decimal is the only one with at most four places in it,
/// hence zmij's shortest text (the module's argument, with `f32` widths). The test
/// `every_four_decimal_f32_below_100_matches_zmij` checks every value this accepts.
#[inline(always)]
fn four_decimals_f32(value: f32) -> Option<u64> {
    let magnitude = value.abs();
    if !(1e-4..100.0).contains(&magnitude) {
        return None;
    }
    let scaled = (f64::from(magnitude) * 1e4 + 0.5) as i64;
    if (scaled as f64 / 1e4) as f32 != magnitude {
        return None;
    }
    Some(scaled as u64)
}

/// Where the shortcut's text ends in its buffer (at most 16 bytes: a sign, ten integer
/// digits, the point, four decimals); the bytes after it take the dropped zeros.
const TEXT_END: usize = 24;

/// Appends `prefix`, then the finite `value` as serde_json writes it: inline when it
/// has at most four decimals and is below 100 (prices, scores), whose text fits one
/// word built in a register; out of line otherwise.
#[inline(always)]
pub(crate) fn write_prefixed_f64(buf: &mut Vec<u8>, prefix: &[u8], value: f64) {
    match four_decimals(value) {
        Some(scaled) if scaled < 100 * 10_000 => {
            let (word, len) = short_decimal_word(scaled, value.is_sign_negative());
            store::write_prefixed_word(buf, prefix, word.to_le_bytes(), len);
        }
        scaled => write_prefixed_f64_out_of_line(buf, prefix, value, scaled),
    }
}

/// The rest of [`write_prefixed_f64`]: other four-decimal values from their digits,
/// everything else with zmij.
#[inline(never)]
fn write_prefixed_f64_out_of_line(
    buf: &mut Vec<u8>,
    prefix: &[u8],
    value: f64,
    scaled: Option<u64>,
) {
    match scaled {
        Some(scaled) => {
            let mut text = [0u8; TEXT_END + 4];
            let start = short_decimal(scaled, value.is_sign_negative(), &mut text);
            store::write_prefixed_short(buf, prefix, &text[start..TEXT_END]);
        }
        None => {
            let mut digits = zmij::Buffer::new();
            store::write_prefixed_short(buf, prefix, digits.format_finite(value).as_bytes());
        }
    }
}

/// `round(|value| * 10^4)` when `value` has at most four decimals and a magnitude in
/// `[10^-4, 2^32)`: then its shortest text is that integer with the point four places
/// from the right and trailing zeros dropped (see the module's comment).
#[inline(always)]
fn four_decimals(value: f64) -> Option<u64> {
    let magnitude = value.abs();
    if !(1e-4..4_294_967_296.0).contains(&magnitude) {
        return None;
    }
    // Below 2^32 * 10^4 + 1 < 2^46: the truncating cast is exact and rounds half up;
    // `i64` rather than `u64` because x86-64 converts signed integers in one instruction.
    let scaled = (magnitude * 1e4 + 0.5) as i64;
    if scaled as f64 / 1e4 != magnitude {
        return None;
    }
    Some(scaled as u64)
}

/// How many of the four fraction digits of `fraction` (below 10^4) the text keeps:
/// trailing zeros dropped, one kept for an integer ("5.0").
#[inline(always)]
fn kept_fraction_digits(fraction: usize) -> usize {
    if fraction % 1000 == 0 {
        1
    } else if fraction % 100 == 0 {
        2
    } else if fraction % 10 == 0 {
        3
    } else {
        4
    }
}

/// The text of `scaled / 10^4` (below 100, so at most 8 bytes with a sign) as the
/// little-endian bytes of one word, and its length.
#[inline(always)]
fn short_decimal_word(scaled: u64, negative: bool) -> (u64, usize) {
    debug_assert!(scaled < 100 * 10_000);
    let int_part = (scaled / 10_000) as usize;
    let fraction = (scaled % 10_000) as usize;
    let [a, b] = DIGIT_PAIRS[fraction / 100];
    let [c, d] = DIGIT_PAIRS[fraction % 100];
    // The unkept fraction digits stay in the word past the text's end.
    let fraction_digits = u64::from(u32::from_le_bytes([a, b, c, d]));
    let [tens, ones] = DIGIT_PAIRS[int_part];
    let (int_digits, int_len) = if int_part >= 10 {
        (u64::from(u16::from_le_bytes([tens, ones])), 1 + 1)
    } else {
        (u64::from(ones), 1)
    };
    let mut word =
        int_digits | (u64::from(b'.') << (8 * int_len)) | (fraction_digits << (8 * (int_len + 1)));
    let mut len = int_len + 1 + kept_fraction_digits(fraction);
    if negative {
        word = (word << 8) | u64::from(b'-');
        len += 1;
    }
    (word, len)
}

/// Writes the text of `scaled / 10^4` (see [`four_decimals`]) into `out`, ending at
/// [`TEXT_END`]; returns where the text starts.
#[inline(always)]
fn short_decimal(scaled: u64, negative: bool, out: &mut [u8; TEXT_END + 4]) -> usize {
    let mut int_part = scaled / 10_000;
    let fraction = (scaled % 10_000) as usize;
    let kept = kept_fraction_digits(fraction);
    // The text ends at `TEXT_END`; the four digits are stored whole, and the unkept
    // ones land past the end, in the buffer's spare bytes.
    let [a, b] = DIGIT_PAIRS[fraction / 100];
    let [c, d] = DIGIT_PAIRS[fraction % 100];
    let fraction_start = TEXT_END - kept;
    out[fraction_start..fraction_start + 4].copy_from_slice(&[a, b, c, d]);
    let mut start = fraction_start - 1;
    out[start] = b'.';
    while int_part >= 100 {
        let pair = DIGIT_PAIRS[(int_part % 100) as usize];
        start -= 2;
        out[start..start + 2].copy_from_slice(&pair);
        int_part /= 100;
    }
    let last = DIGIT_PAIRS[int_part as usize];
    if int_part >= 10 {
        start -= 2;
        out[start..start + 2].copy_from_slice(&last);
    } else {
        start -= 1;
        out[start] = last[1];
    }
    if negative {
        start -= 1;
        out[start] = b'-';
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(value: f64) -> String {
        let mut buf = Vec::new();
        write_prefixed_f64(&mut buf, b"", value);
        String::from_utf8(buf).unwrap()
    }

    fn zmij_text(value: f64) -> String {
        zmij::Buffer::new().format_finite(value).to_owned()
    }

    /// The shortcut must actually be taken where it applies: every comparison with zmij
    /// passes even when it never is (zmij writes the same bytes), so only this catches a
    /// shortcut that silently stopped firing.
    #[test]
    fn short_decimals_take_the_shortcut_and_others_do_not() {
        let mut text = [0u8; TEXT_END + 4];
        for value in [
            1.5,
            0.25,
            -2.0,
            1e-4,
            12_345.678_9,
            4_294_967_295.5,
            100.0,
            -99.999_9,
        ] {
            let scaled =
                four_decimals(value).unwrap_or_else(|| panic!("{value} has at most four decimals"));
            let negative = value.is_sign_negative();
            let start = short_decimal(scaled, negative, &mut text);
            assert_eq!(&text[start..TEXT_END], zmij_text(value).as_bytes());
            if scaled < 100 * 10_000 {
                let (word, len) = short_decimal_word(scaled, negative);
                assert_eq!(&word.to_le_bytes()[..len], zmij_text(value).as_bytes());
            }
        }
        for value in [0.123_45, 1e-5, 4_294_967_296.0, 1e300, 0.1 + 0.2] {
            assert_eq!(four_decimals(value), None, "{value}");
        }
    }

    #[test]
    fn every_four_decimal_value_below_100_matches_zmij() {
        let (end, step) = if cfg!(miri) {
            (1_000_000, 9_973)
        } else {
            (1_000_000, 1)
        };
        for n in (0..end).step_by(step) {
            for value in [f64::from(n) / 1e4, -f64::from(n) / 1e4] {
                assert_eq!(ours(value), zmij_text(value), "{n}");
            }
        }
        // The inline path's bound: 100 and just above take the out-of-line path, whose
        // text needs three integer digits.
        for value in [100.0, -100.0, 100.000_1, 100.5, 999.999_9, 1_000.0] {
            assert_eq!(ours(value), zmij_text(value), "{value}");
        }
    }

    /// Every `f32` the shortcut can accept is the `f32` nearest some four-place decimal
    /// below 100 (through `f64`, as `four_decimals_f32` computes it): all of them,
    /// with both signs, against zmij, plus the bound.
    #[test]
    fn every_four_decimal_f32_below_100_matches_zmij() {
        fn ours32(value: f32) -> String {
            let mut buf = Vec::new();
            write_prefixed_f32(&mut buf, b"", value);
            String::from_utf8(buf).unwrap()
        }
        let step = if cfg!(miri) { 9_973 } else { 1 };
        let mut taken = 0;
        for n in (0..1_000_000).step_by(step) {
            let nearest = (f64::from(n) / 1e4) as f32;
            for value in [nearest, -nearest, f32::from_bits(nearest.to_bits() + 1)] {
                let zmij = zmij::Buffer::new().format_finite(value).to_owned();
                assert_eq!(ours32(value), zmij, "{n}: {value:e}");
            }
            taken += usize::from(four_decimals_f32(nearest).is_some());
        }
        // The shortcut fires for (nearly) every one of them: a check that silently
        // stopped accepting would pass every comparison above.
        assert!(
            taken * 10 > 9 * (1_000_000 / step),
            "shortcut taken {taken} times"
        );
        for value in [100.0f32, -100.0, 100.0001, 99.99, 0.0, -0.0, 1e-5, 3.4e38] {
            let zmij = zmij::Buffer::new().format_finite(value).to_owned();
            assert_eq!(ours32(value), zmij, "{value:e}");
        }
    }

    #[test]
    fn decimal_len_counts_the_digits_itoa_writes() {
        let mut power = 1u64;
        loop {
            for value in [power - 1, power, power + 1, power.wrapping_mul(2)] {
                let want = itoa::Buffer::new().format(value).len();
                assert_eq!(decimal_len(value), want, "{value}");
            }
            match power.checked_mul(10) {
                Some(next) => power = next,
                None => break,
            }
        }
        for value in [0, 1, u64::MAX, u64::MAX - 1, 1 << 63] {
            assert_eq!(decimal_len(value), itoa::Buffer::new().format(value).len());
        }
    }

    /// Integers of every length and sign, through each path, compared with `itoa`.
    #[test]
    fn integers_match_itoa() {
        fn check<I: itoa::Integer + TryInto<u64> + TryInto<i64> + Copy>(value: I) {
            let mut out = b"[".to_vec();
            write_prefixed_int_small_first(&mut out, b",\"w\":", value);
            let want = format!("[,\"w\":{}", itoa::Buffer::new().format(value));
            assert_eq!(out, want.as_bytes());
        }
        let mut power = 1u64;
        loop {
            for value in [power - 1, power, power + 1, power.saturating_mul(7) / 3] {
                check(value);
                check(value as u32);
                check(value as i64);
                check((value as i64).wrapping_neg());
                check(u128::from(value) * 1000);
            }
            match power.checked_mul(10) {
                Some(next) => power = next,
                None => break,
            }
        }
        for value in [0u64, 9, 10, 99, 100, 999, 1000, u64::MAX] {
            check(value);
        }
        check(i128::MIN);
        check(u128::MAX);
        check(i128::from(i64::MIN) - 1);
        check(i64::MIN);
        check(i64::MIN + 1);
        check(i32::MIN);
        check(i8::MIN);
    }

    #[test]
    fn edges_match_zmij() {
        for value in [
            0.0,
            -0.0,
            1e-4,
            0.99995e-4,
            9.9999e-5,
            4_294_967_295.999_9,
            4_294_967_296.0,
            4_294_967_295.0,
            1e9,
            123_456_789.123_4,
            0.1 + 0.2,
            1.0 / 3.0,
            2.317_5,
            f64::MIN_POSITIVE,
            f64::MAX,
            1e16,
            9_999.999_95,
            0.000_15,
        ] {
            assert_eq!(ours(value), zmij_text(value), "{value:e}");
        }
    }

    #[test]
    fn random_values_match_zmij() {
        // A fixed-seed xorshift: four-decimal values up to 2^32, prices near the
        // shortcut's rounding edges, and arbitrary bit patterns.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let count = if cfg!(miri) { 300 } else { 3_000_000 };
        for _ in 0..count {
            let r = next();
            let four_decimals = (r % 42_949_672_960_000) as f64 / 1e4;
            let nudged = f64::from_bits(four_decimals.to_bits() ^ (next() & 3));
            let any = f64::from_bits(next());
            for value in [four_decimals, nudged, any] {
                if value.is_finite() {
                    assert_eq!(
                        ours(value),
                        zmij_text(value),
                        "{value:e} ({:#x})",
                        value.to_bits()
                    );
                }
            }
        }
    }
}
