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

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2;
mod swar;
#[cfg(test)]
mod tests;

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
type Native = sse2::Sse2;
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
type Native = swar::Swar;

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
        if !swar::is_clean(u64::from(head) | (u64::from(tail) << 32)) {
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
        if !swar::is_clean(word) {
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

#[cfg(target_arch = "x86_64")]
/// The AVX2 instance of the escaper, compiled with the feature so that the generic code
/// and `Avx2`'s intrinsics inline into it. It stays beside the walker: the walker's
/// instances are compiled with this module, and a caller in another module may land
/// in another codegen unit, where LLVM cannot inline them (every intrinsic then
/// becomes a call).
///
/// # Safety
///
/// The CPU must support AVX2.
#[target_feature(enable = "avx2")]
unsafe fn write_escaped_avx2(buf: &mut Vec<u8>, s: &[u8]) {
    write_escaped_with::<avx2::Avx2>(buf, s);
}

/// Appends the escaped contents of `s`, `C::WIDTH` bytes at a time: the clean prefix
/// in place, then chunk by chunk while two chunks remain, then the rest from a padded
/// copy.
fn write_escaped_with<C: Chunks>(buf: &mut Vec<u8>, s: &[u8]) {
    let width = C::WIDTH;
    let Some((mut src, mut out)) = copy_clean_prefix::<C>(buf, s) else {
        return;
    };
    // The invariant, kept from here on: at least `remaining input + C::OUTPUT_MAX`
    // bytes are writable at `out` (see `copy_clean_prefix`).
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

/// Reserves room for the walk, then copies the chunks at the start of `s` that need no
/// escape. Returns the input and output offsets where escaping starts, or `None` when
/// all of `s` was clean, copied and counted in `buf`'s length.
///
/// Afterwards (the walker's invariant) at least `remaining input + C::OUTPUT_MAX` bytes
/// are writable at the output offset. A clean chunk consumes as much input as it writes
/// output, so only a chunk that wrote escapes (more output than input) needs the check
/// again.
#[inline(always)]
fn copy_clean_prefix<C: Chunks>(buf: &mut Vec<u8>, s: &[u8]) -> Option<(usize, usize)> {
    let width = C::WIDTH;
    let mut src = 0;
    let mut out = buf.len();
    ensure_room::<C>(buf, out, s.len());
    // While no chunk needs an escape, output offsets equal input offsets, so even the
    // last, overlapping chunk can be stored in place.
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
                return None;
            }
        }
    }
    Some((src, out))
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
}
