//! JSON string escaping, byte-identical to serde_json, and the quoted-string writer.
//!
//! serde_json escapes exactly `"`, `\` and the control bytes below 0x20: the five with a
//! short form as `\b \t \n \f \r`, the rest as `\u00XX` with lowercase hex. Everything
//! else, DEL and all non-ASCII text included, is copied as it is.
//!
//! How it gets fast:
//! - Strings of up to 16 bytes, most fields of a bid response, are checked with two
//!   overlapping word loads and copied with two overlapping word stores, inline at the
//!   field.
//! - Longer strings are classified a chunk at a time: 32 bytes with AVX2 when the CPU has
//!   it (detected at run time, for strings of 32 bytes or more), else 16 bytes with SSE2
//!   (the x86-64 baseline), or SWAR on two `u64`s on other targets. Each chunk is copied
//!   with one store; when it holds escapes, the loop walks the chunk's escape bits instead
//!   of restarting the scan after each one, because markup has an escape every dozen
//!   bytes.
//! - When every escape of a chunk is two bytes (markup's `\"`, `\n`, `\t`), each lands at
//!   its input position plus the number of escapes before it: the store addresses do not
//!   wait on loads. Otherwise (a control byte written `\u00XX`) the escape sequences come
//!   from a table, one fixed 8-byte store each, and advance the output by their length.
//! - Every load stays inside the input (the tail is copied to a padded stack buffer), so
//!   the code is sound under Rust's rules and clean under Miri.

use std::ptr;

use crate::store::copy_small;

/// For each byte, the character after the backslash of its escape, or 0 for none.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// The escape sequence of each byte that needs one, padded to 8 bytes so it can be
/// written with a single store; the last byte holds its length, 2 (short form) or 6
/// (`\u00XX`).
static ESCAPE_SEQUENCE: [[u8; 8]; 256] = {
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 8]; 256];
    let mut byte = 0;
    while byte < 256 {
        let short = ESCAPE[byte];
        if short == b'u' {
            table[byte] = [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX_DIGITS[byte >> 4],
                HEX_DIGITS[byte & 0xF],
                0,
                6,
            ];
        } else if short != 0 {
            table[byte] = [b'\\', short, 0, 0, 0, 0, 0, 2];
        }
        byte += 1;
    }
    table
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// Sets the high bit of exactly the bytes of `word` that need an escape.
#[inline(always)]
fn swar_escape_marks(word: u64) -> u64 {
    // `(b ^ 2) < 0x21` holds exactly for the controls (0x00..=0x1F) and `"` (0x22).
    // Adding to the low seven bits never carries into the next byte, so each test is exact.
    let flipped = word ^ (ONES * 2);
    let at_least_0x21 = ((flipped & LOWS) + ONES * (0x80 - 0x21)) | flipped;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let not_backslash = ((backslash & LOWS) + LOWS) | backslash;
    (!at_least_0x21 | !not_backslash) & HIGHS
}

/// True if none of the bytes of `word` needs an escape.
#[inline(always)]
fn swar_is_clean(word: u64) -> bool {
    swar_escape_marks(word) == 0
}

/// Copies `s` (at most 16 bytes) to `dst` if it needs no escaping; returns false, having
/// written nothing that counts, otherwise.
///
/// # Safety
///
/// `dst` must be valid for writes of 16 bytes (`s.len() <= 16`; the word stores may
/// write up to 8 bytes past the string's end when it is shorter than 8).
#[inline(always)]
unsafe fn copy_short_if_clean(s: &[u8], dst: *mut u8) -> bool {
    let len = s.len();
    if len >= 8 {
        // Two overlapping words cover 8..=16 bytes.
        let head = u64::from_le_bytes(s[..8].try_into().expect("8 bytes"));
        let tail = u64::from_le_bytes(s[len - 8..].try_into().expect("8 bytes"));
        if Native::escape_mask(Native::from_words(head, tail)) != 0 {
            return false;
        }
        // SAFETY: the caller guarantees 16 writable bytes at `dst`; `len - 8 + 8 <= 16`.
        unsafe {
            ptr::write_unaligned(dst.cast::<u64>(), head.to_le());
            ptr::write_unaligned(dst.add(len - 8).cast::<u64>(), tail.to_le());
        }
        true
    } else if len >= 4 {
        let head = u32::from_le_bytes(s[..4].try_into().expect("4 bytes"));
        let tail = u32::from_le_bytes(s[len - 4..].try_into().expect("4 bytes"));
        if !swar_is_clean(u64::from(head) | (u64::from(tail) << 32)) {
            return false;
        }
        // SAFETY: the caller guarantees 16 writable bytes at `dst`; `len - 4 + 4 <= 8`.
        unsafe {
            ptr::write_unaligned(dst.cast::<u32>(), head.to_le());
            ptr::write_unaligned(dst.add(len - 4).cast::<u32>(), tail.to_le());
        }
        true
    } else if len > 0 {
        // First, middle and last byte cover 1..=3 bytes; spaces fill the rest of the
        // word (they need no escape).
        let (first, middle, last) = (s[0], s[len / 2], s[len - 1]);
        let word = u64::from_le_bytes([first, middle, last, b' ', b' ', b' ', b' ', b' ']);
        if !swar_is_clean(word) {
            return false;
        }
        // SAFETY: `len - 1 < 3 <= 16` writable bytes.
        unsafe {
            dst.write(first);
            dst.add(len / 2).write(middle);
            dst.add(len - 1).write(last);
        }
        true
    } else {
        true
    }
}

/// Appends `prefix`, then `s` as a quoted, escaped JSON string.
#[inline(always)]
pub(crate) fn write_prefixed_quoted(buf: &mut Vec<u8>, prefix: &[u8], s: &[u8]) {
    // Room for the prefix, both quotes and the string if it needs no escape, plus the
    // 16 bytes the short path may store past the string's end.
    buf.reserve(prefix.len() + s.len() + 2 + 16);
    let start = buf.len();
    // SAFETY: `reserve` made `prefix.len() + s.len() + 18` bytes writable past `start`.
    // The prefix takes `prefix.len()` (its `copy_small` may store up to 16 bytes, within
    // the 18 of slack when the prefix is shorter), the quote 1, and `copy_short_if_clean` (called
    // only for `s.len() <= 16`) at most 16 more, then 1 for the closing quote at
    // `s.len() <= 16` past the opening one. `set_len` covers only bytes written here:
    // the prefix, the quote, and, when the short copy succeeded, `s` and the quote.
    unsafe {
        let mut dst = buf.as_mut_ptr().add(start);
        copy_small(prefix, dst);
        dst = dst.add(prefix.len());
        dst.write(b'"');
        dst = dst.add(1);
        if s.len() <= 16 && copy_short_if_clean(s, dst) {
            dst.add(s.len()).write(b'"');
            buf.set_len(start + prefix.len() + s.len() + 2);
            return;
        }
        buf.set_len(start + prefix.len() + 1);
    }
    write_escaped_contents(buf, s);
    buf.push(b'"');
}

/// Appends the escaped contents of `s` (without the surrounding quotes).
#[inline(never)]
pub(crate) fn write_escaped_contents(buf: &mut Vec<u8>, s: &[u8]) {
    #[cfg(target_arch = "x86_64")]
    if s.len() >= 32 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        unsafe { write_escaped_avx2(buf, s) };
        return;
    }
    write_escaped_with::<Native>(buf, s);
}

/// The AVX2 instance of the escaper, compiled with the feature so that the generic code
/// and `Avx2`'s intrinsics inline into it.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn write_escaped_avx2(buf: &mut Vec<u8>, s: &[u8]) {
    write_escaped_with::<Avx2>(buf, s);
}

fn write_escaped_with<C: Chunks>(buf: &mut Vec<u8>, s: &[u8]) {
    let width = C::WIDTH;
    let mut src = 0;
    let mut out = buf.len();
    // Invariant: at least `remaining input + C::OUTPUT_MAX` bytes are writable at `out`.
    // A clean chunk consumes as much input as it writes output, so only a chunk that
    // wrote escapes (more output than input) needs the check again.
    ensure_room::<C>(buf, out, s.len());
    // Clean prefix first: while no chunk needs an escape, output offsets equal input
    // offsets, so even the last, overlapping chunk can be stored in place.
    if s.len() >= width {
        while src + width <= s.len() {
            // SAFETY: `s[src..src + width]` is in bounds (loop condition); at `out` there
            // is room for the rest of the input plus `C::OUTPUT_MAX` (the invariant).
            let clean =
                unsafe { copy_chunk_if_clean::<C>(s.as_ptr().add(src), buf.as_mut_ptr().add(out)) };
            if !clean {
                break;
            }
            src += width;
            out += width;
        }
        if src < s.len() && src + width > s.len() {
            let back = src + width - s.len();
            // SAFETY: `s[len - width..len]` is in bounds (`len >= width`); its output
            // position `out - back` holds the clean copy of the same input bytes, written
            // above (`back < width <= src`), and the invariant leaves room for `width`
            // bytes past `out`.
            let clean = unsafe {
                copy_chunk_if_clean::<C>(
                    s.as_ptr().add(s.len() - width),
                    buf.as_mut_ptr().add(out - back),
                )
            };
            if clean {
                // SAFETY: `buf[..out + width - back]` has been written.
                unsafe { buf.set_len(out + width - back) };
                return;
            }
        }
    }
    // While two chunks remain, every load `src + k` with `k <= width` stays inside `s`.
    while s.len() - src >= 2 * width {
        // SAFETY: `s[src..src + 2 * width]` is readable (loop condition), and `buf` has
        // `C::OUTPUT_MAX` writable bytes at `out` (the invariant), which is all
        // `escape_chunk` writes for a chunk.
        let written =
            unsafe { escape_chunk::<C>(s.as_ptr().add(src), buf.as_mut_ptr().add(out), width) };
        out += written;
        src += width;
        if written != width {
            ensure_room::<C>(buf, out, s.len() - src);
        }
    }
    // The last 0..2 chunks go through a padded copy so loads never leave the input;
    // spaces need no escape and are masked off anyway.
    let rest = s.len() - src;
    let mut padded = C::spaces();
    let padded = padded.as_mut();
    fill_padded(padded, &s[src..]);
    let mut offset = 0;
    while offset < rest {
        let valid = (rest - offset).min(width);
        // SAFETY: `padded[offset..offset + 2 * width]` is readable (`offset < 2 * width`
        // and `padded` holds `4 * width` bytes), and `buf` has `C::OUTPUT_MAX` writable
        // bytes at `out` (the invariant).
        let written = unsafe {
            escape_chunk::<C>(
                padded.as_ptr().add(offset),
                buf.as_mut_ptr().add(out),
                valid,
            )
        };
        out += written;
        offset += width;
        if written != valid {
            ensure_room::<C>(buf, out, rest.saturating_sub(offset));
        }
    }
    // SAFETY: every byte in `buf[..out]` was written: the old contents, then for each
    // chunk exactly the bytes `escape_chunk` counted.
    unsafe { buf.set_len(out) };
}

#[inline(always)]
fn ensure_room<C: Chunks>(buf: &mut Vec<u8>, out: usize, remaining_input: usize) {
    if buf.capacity() - out < remaining_input + C::OUTPUT_MAX {
        grow(buf, out, remaining_input + C::OUTPUT_MAX);
    }
}

/// Copies `tail` (under 64 bytes, and under half of `padded`) to the front of `padded`
/// with fixed-size copies (overlapping for odd lengths) rather than a `memcpy` call of
/// variable length.
#[inline(always)]
fn fill_padded(padded: &mut [u8], tail: &[u8]) {
    let n = tail.len();
    debug_assert!(n < 64 && 2 * n < padded.len());
    if n >= 32 {
        padded[..32].copy_from_slice(&tail[..32]);
        padded[n - 32..n].copy_from_slice(&tail[n - 32..]);
    } else if n >= 16 {
        padded[..16].copy_from_slice(&tail[..16]);
        padded[n - 16..n].copy_from_slice(&tail[n - 16..]);
    } else if n >= 8 {
        padded[..8].copy_from_slice(&tail[..8]);
        padded[n - 8..n].copy_from_slice(&tail[n - 8..]);
    } else if n >= 4 {
        padded[..4].copy_from_slice(&tail[..4]);
        padded[n - 4..n].copy_from_slice(&tail[n - 4..]);
    } else {
        padded[..n].copy_from_slice(tail);
    }
}

#[cold]
fn grow(buf: &mut Vec<u8>, out: usize, additional: usize) {
    // SAFETY: `buf[..out]` has been written (see `write_escaped_with`); `reserve` keeps
    // the contents up to `len`.
    unsafe { buf.set_len(out) };
    buf.reserve(additional);
}

/// Escapes the first `valid` (1..=`C::WIDTH`) bytes at `src` into `dst`; returns the
/// number of bytes of output.
///
/// # Safety
///
/// `src` must be readable for `2 * C::WIDTH` bytes and `dst` writable for
/// `C::OUTPUT_MAX` bytes.
#[inline(always)]
unsafe fn escape_chunk<C: Chunks>(src: *const u8, dst: *mut u8, valid: usize) -> usize {
    // SAFETY: the caller's guarantees cover every access below: loads at `src + k` for
    // `k <= WIDTH` read `WIDTH` bytes within the `2 * WIDTH` readable ones; stores write
    // at most `WIDTH` escapes of 6 bytes plus one `WIDTH`-byte run copy, `OUTPUT_MAX`.
    unsafe {
        let chunk = C::load(src);
        let in_bounds = u32::MAX >> (32 - valid);
        let mut marks = C::escape_mask(chunk) & in_bounds;
        C::store(dst, chunk);
        if marks == 0 {
            return valid;
        }
        if C::six_byte_escape_mask(chunk) & in_bounds == 0 {
            // Every escape is two bytes (`\"`, `\\`, `\n`, `\t`, ...: markup's escapes),
            // so each one's output position is its input position plus the number of
            // escapes before it: no store address waits for a table load.
            let mut escaped = 0;
            let mut run_start = 0;
            loop {
                let at = marks.trailing_zeros() as usize;
                C::store(dst.add(run_start + escaped), C::load(src.add(run_start)));
                let pair = [b'\\', ESCAPE[*src.add(at) as usize]];
                ptr::write_unaligned(dst.add(at + escaped).cast::<[u8; 2]>(), pair);
                escaped += 1;
                run_start = at + 1;
                marks &= marks - 1;
                if marks == 0 {
                    break;
                }
            }
            if run_start < valid {
                C::store(dst.add(run_start + escaped), C::load(src.add(run_start)));
            }
            return valid + escaped;
        }
        let mut out = dst;
        let mut run_start = 0;
        loop {
            let at = marks.trailing_zeros() as usize;
            // Copy the clean run before the escape (the first one is already in place;
            // storing it again is cheaper than a branch).
            C::store(out, C::load(src.add(run_start)));
            out = out.add(at - run_start);
            let sequence = ESCAPE_SEQUENCE[*src.add(at) as usize];
            ptr::copy_nonoverlapping(sequence.as_ptr(), out, 8);
            out = out.add(sequence[7] as usize);
            run_start = at + 1;
            marks &= marks - 1;
            if marks == 0 {
                break;
            }
        }
        if run_start < valid {
            C::store(out, C::load(src.add(run_start)));
            out = out.add(valid - run_start);
        }
        out.offset_from(dst) as usize
    }
}

/// Stores the `C::WIDTH` bytes at `src` to `dst` and reports whether none needs an
/// escape.
///
/// # Safety
///
/// `src` readable and `dst` writable for `C::WIDTH` bytes.
#[inline(always)]
unsafe fn copy_chunk_if_clean<C: Chunks>(src: *const u8, dst: *mut u8) -> bool {
    // SAFETY: as the caller guarantees.
    unsafe {
        let chunk = C::load(src);
        C::store(dst, chunk);
        C::escape_mask(chunk) == 0
    }
}

/// Chunk loads, stores and escape classification, `WIDTH` (16 or 32) bytes at a time.
trait Chunks {
    type Chunk: Copy;
    /// `4 * WIDTH` bytes, for the padded tail.
    type Padded: AsMut<[u8]>;
    const WIDTH: usize;
    /// Bytes of output one chunk can need: `WIDTH` escapes of 6 bytes, plus the
    /// `WIDTH`-byte store that may reach past the last one.
    const OUTPUT_MAX: usize = Self::WIDTH * 7;
    /// `Padded` filled with spaces (which need no escape).
    fn spaces() -> Self::Padded;
    /// # Safety
    /// `src` readable for `WIDTH` bytes.
    unsafe fn load(src: *const u8) -> Self::Chunk;
    /// # Safety
    /// `dst` writable for `WIDTH` bytes.
    unsafe fn store(dst: *mut u8, chunk: Self::Chunk);
    /// Bit `i` set when byte `i` needs an escape.
    fn escape_mask(chunk: Self::Chunk) -> u32;
    /// Bit `i` set when byte `i` is a control byte without a short escape (written as
    /// `\u00XX`, six bytes): below 0x20 and none of `\b \t \n \f \r`.
    fn six_byte_escape_mask(chunk: Self::Chunk) -> u32;
    /// A chunk of two little-endian words.
    fn from_words(low: u64, high: u64) -> Self::Chunk;
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
type Native = Sse2;
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
type Native = Swar;

/// SSE2 is part of the x86-64 baseline, so no run-time detection is needed.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
struct Sse2;

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
impl Chunks for Sse2 {
    type Chunk = std::arch::x86_64::__m128i;
    type Padded = [u8; 64];
    const WIDTH: usize = 16;

    #[inline(always)]
    fn spaces() -> Self::Padded {
        [b' '; 64]
    }

    #[inline(always)]
    unsafe fn load(src: *const u8) -> Self::Chunk {
        // SAFETY: readable for 16 bytes (caller); `loadu` has no alignment requirement.
        unsafe { std::arch::x86_64::_mm_loadu_si128(src.cast()) }
    }

    #[inline(always)]
    unsafe fn store(dst: *mut u8, chunk: Self::Chunk) {
        // SAFETY: writable for 16 bytes (caller); `storeu` has no alignment requirement.
        unsafe { std::arch::x86_64::_mm_storeu_si128(dst.cast(), chunk) }
    }

    #[inline(always)]
    fn escape_mask(chunk: Self::Chunk) -> u32 {
        use std::arch::x86_64::*;
        // `(b ^ 2) <= 0x20` (unsigned: min(x, 0x20) == x) catches the controls and `"`;
        // a compare catches `\`.
        // SAFETY: these SSE2 intrinsics only need the `sse2` target feature, which this
        // impl is compiled for (`cfg(target_feature = "sse2")`, on by default on x86-64).
        unsafe {
            let flipped = _mm_xor_si128(chunk, _mm_set1_epi8(2));
            let low = _mm_cmpeq_epi8(_mm_min_epu8(flipped, _mm_set1_epi8(0x20)), flipped);
            let backslash = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(b'\\' as i8));
            _mm_movemask_epi8(_mm_or_si128(low, backslash)) as u32
        }
    }

    #[inline(always)]
    fn six_byte_escape_mask(chunk: Self::Chunk) -> u32 {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 intrinsics, compiled for `target_feature = "sse2"` as above.
        unsafe {
            let control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, _mm_set1_epi8(0x1F)), chunk);
            // 0x08..=0x0D less 0x0B are the five with a short form.
            let from_8 = _mm_sub_epi8(chunk, _mm_set1_epi8(8));
            let in_8_to_13 = _mm_cmpeq_epi8(_mm_min_epu8(from_8, _mm_set1_epi8(5)), from_8);
            let short = _mm_andnot_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(0x0B)), in_8_to_13);
            _mm_movemask_epi8(_mm_andnot_si128(short, control)) as u32
        }
    }

    #[inline(always)]
    fn from_words(low: u64, high: u64) -> Self::Chunk {
        // SAFETY: an SSE2 intrinsic, compiled for `target_feature = "sse2"` as above.
        unsafe { std::arch::x86_64::_mm_set_epi64x(high as i64, low as i64) }
    }
}

/// 32 bytes at a time, for long strings on CPUs that have AVX2 (detected at run time).
///
/// Only [`write_escaped_avx2`] uses it: its intrinsics need AVX2, which the callers of
/// that function have checked, and they inline into it, which is compiled for AVX2.
#[cfg(target_arch = "x86_64")]
struct Avx2;

#[cfg(target_arch = "x86_64")]
impl Chunks for Avx2 {
    type Chunk = std::arch::x86_64::__m256i;
    type Padded = [u8; 128];
    const WIDTH: usize = 32;

    #[inline(always)]
    fn spaces() -> Self::Padded {
        [b' '; 128]
    }

    #[inline(always)]
    unsafe fn load(src: *const u8) -> Self::Chunk {
        // SAFETY: readable for 32 bytes (caller); `loadu` has no alignment requirement;
        // AVX2 is present (see the type's documentation).
        unsafe { std::arch::x86_64::_mm256_loadu_si256(src.cast()) }
    }

    #[inline(always)]
    unsafe fn store(dst: *mut u8, chunk: Self::Chunk) {
        // SAFETY: writable for 32 bytes (caller); no alignment requirement; AVX2 is
        // present (see the type's documentation).
        unsafe { std::arch::x86_64::_mm256_storeu_si256(dst.cast(), chunk) }
    }

    #[inline(always)]
    fn escape_mask(chunk: Self::Chunk) -> u32 {
        use std::arch::x86_64::*;
        // The same two tests as `Sse2::escape_mask`, on 32 bytes.
        // SAFETY: AVX2 is present (see the type's documentation).
        unsafe {
            let flipped = _mm256_xor_si256(chunk, _mm256_set1_epi8(2));
            let low = _mm256_cmpeq_epi8(_mm256_min_epu8(flipped, _mm256_set1_epi8(0x20)), flipped);
            let backslash = _mm256_cmpeq_epi8(chunk, _mm256_set1_epi8(b'\\' as i8));
            _mm256_movemask_epi8(_mm256_or_si256(low, backslash)) as u32
        }
    }

    #[inline(always)]
    fn six_byte_escape_mask(chunk: Self::Chunk) -> u32 {
        use std::arch::x86_64::*;
        // The same tests as `Sse2::six_byte_escape_mask`, on 32 bytes.
        // SAFETY: AVX2 is present (see the type's documentation).
        unsafe {
            let control = _mm256_cmpeq_epi8(_mm256_min_epu8(chunk, _mm256_set1_epi8(0x1F)), chunk);
            let from_8 = _mm256_sub_epi8(chunk, _mm256_set1_epi8(8));
            let in_8_to_13 =
                _mm256_cmpeq_epi8(_mm256_min_epu8(from_8, _mm256_set1_epi8(5)), from_8);
            let short =
                _mm256_andnot_si256(_mm256_cmpeq_epi8(chunk, _mm256_set1_epi8(0x0B)), in_8_to_13);
            _mm256_movemask_epi8(_mm256_andnot_si256(short, control)) as u32
        }
    }

    #[inline(always)]
    fn from_words(low: u64, high: u64) -> Self::Chunk {
        // SAFETY: AVX (implied by AVX2) is present (see the type's documentation).
        unsafe { std::arch::x86_64::_mm256_set_epi64x(0, 0, high as i64, low as i64) }
    }
}

/// Portable fallback: two `u64` words with exact SWAR masks.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2", not(test)),
    allow(dead_code)
)]
struct Swar;

impl Chunks for Swar {
    type Chunk = [u64; 2];
    type Padded = [u8; 64];
    const WIDTH: usize = 16;

    #[inline(always)]
    fn spaces() -> Self::Padded {
        [b' '; 64]
    }

    #[inline(always)]
    unsafe fn load(src: *const u8) -> Self::Chunk {
        // SAFETY: readable for 16 bytes (caller); unaligned reads.
        unsafe {
            [
                u64::from_le(ptr::read_unaligned(src.cast::<u64>())),
                u64::from_le(ptr::read_unaligned(src.add(8).cast::<u64>())),
            ]
        }
    }

    #[inline(always)]
    unsafe fn store(dst: *mut u8, chunk: Self::Chunk) {
        // SAFETY: writable for 16 bytes (caller); unaligned writes.
        unsafe {
            ptr::write_unaligned(dst.cast::<u64>(), chunk[0].to_le());
            ptr::write_unaligned(dst.add(8).cast::<u64>(), chunk[1].to_le());
        }
    }

    #[inline(always)]
    fn escape_mask(chunk: Self::Chunk) -> u32 {
        // Gather the high bit of each byte into one bit per byte (a "movemask").
        let gather = |marks: u64| ((marks >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32;
        gather(swar_escape_marks(chunk[0])) | (gather(swar_escape_marks(chunk[1])) << 8)
    }

    #[inline(always)]
    fn six_byte_escape_mask(chunk: Self::Chunk) -> u32 {
        // Only reached for chunks that hold escapes; a table lookup per byte is plenty
        // for the portable path.
        let bytes = [chunk[0].to_le_bytes(), chunk[1].to_le_bytes()];
        let mut mask = 0;
        for (i, &byte) in bytes.iter().flatten().enumerate() {
            if ESCAPE[byte as usize] == b'u' {
                mask |= 1 << i;
            }
        }
        mask
    }

    #[inline(always)]
    fn from_words(low: u64, high: u64) -> Self::Chunk {
        [low, high]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped_with<C: Chunks>(s: &str) -> String {
        let mut out = Vec::new();
        write_escaped_with::<C>(&mut out, s.as_bytes());
        String::from_utf8(out).unwrap()
    }

    /// `s` escaped by every chunk width this CPU can run, checked against `want`.
    fn assert_every_width(s: &str, want: &str) {
        assert_eq!(escaped_with::<Native>(s), want, "{s:?}");
        assert_eq!(escaped_with::<Swar>(s), want, "{s:?}");
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            let mut out = Vec::new();
            // SAFETY: AVX2 is present (checked above).
            unsafe { write_escaped_avx2(&mut out, s.as_bytes()) };
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

    #[test]
    fn swar_marks_are_exact_for_every_byte_in_every_lane() {
        for lane in 0..8 {
            for byte in 0u8..=255 {
                for filler in [b'a', 0xFF, 0x80, 0x00, b'"'] {
                    let mut word = [filler; 8];
                    word[lane] = byte;
                    let marks = swar_escape_marks(u64::from_le_bytes(word));
                    for (i, &b) in word.iter().enumerate() {
                        let marked = marks & (0x80 << (8 * i)) != 0;
                        assert_eq!(marked, ESCAPE[b as usize] != 0, "byte {b:#x} lane {i}");
                    }
                }
            }
        }
    }

    /// For each byte value in each lane (the others filled with `filler`): the chunk's
    /// two masks against the tables.
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
                    // SAFETY: 32 readable bytes, at least `WIDTH`; instructions: caller.
                    let chunk = unsafe { C::load(bytes.as_ptr()) };
                    let (marks, six) = (C::escape_mask(chunk), C::six_byte_escape_mask(chunk));
                    for (i, &b) in bytes[..C::WIDTH].iter().enumerate() {
                        let at = |mask: u32| mask & (1 << i) != 0;
                        assert_eq!(at(marks), ESCAPE[b as usize] != 0, "{b:#x} in lane {i}");
                        assert_eq!(at(six), ESCAPE[b as usize] == b'u', "{b:#x} in lane {i}");
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
            if std::arch::is_x86_feature_detected!("avx2") {
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
        write_escaped_with::<Native>(&mut out, s.as_bytes());
        assert_eq!(String::from_utf8(out).unwrap(), expected(&s));
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            let mut out = Vec::with_capacity(0);
            // SAFETY: AVX2 is present (checked above).
            unsafe { write_escaped_avx2(&mut out, s.as_bytes()) };
            assert_eq!(String::from_utf8(out).unwrap(), expected(&s));
        }
    }
}
