//! JSON string escaping, byte-identical to serde_json, and the quoted-string writer.
//!
//! serde_json escapes exactly `"`, `\` and the control bytes below 0x20: the five with a
//! short form as `\b \t \n \f \r`, the rest as `\u00XX` with lowercase hex. Everything
//! else, DEL and all non-ASCII text included, is copied as it is.
//!
//! How it gets fast:
//! - Strings of up to 16 bytes, most fields of a bid response, are gathered into two
//!   words (overlapping loads) for one chunk check and copied back with the matching
//!   stores, inline at the field. Everything longer is out of line.
//! - Clean strings of 16 to 31 bytes are copied as two overlapping 16-byte chunks by the
//!   dispatcher itself.
//! - Longer strings are classified a chunk at a time: 32 bytes with AVX2 (and BMI1) when
//!   the CPU has it (detected once, at run time, for strings of 32 bytes or more), else
//!   16 bytes with SSE2 (the x86-64 baseline), or SWAR on two `u64`s on other targets.
//!   Clean chunks are copied in place with one store each; from the first escape on, an
//!   out-of-line walk takes over, so a clean string pays for none of its set-up.
//! - The walk copies each chunk with one store and, when it holds escapes, walks the
//!   chunk's escape bits instead of restarting the scan after each one, because markup
//!   has an escape every dozen bytes. The room for the output is checked once for as
//!   many chunks as the spare capacity covers, not per chunk.
//! - When every escape of a chunk is two bytes (markup's `\"`, `\n`, `\t`), each lands at
//!   its input position plus the number of escapes before it: the store addresses do not
//!   wait on loads. With AVX2 a shuffle replaces each control byte by its letter (`\n` by
//!   `n`) in a scratch copy of the chunk, so an escape costs one backslash store, one
//!   32-byte copy of the input from the escape on, and its letter, one byte read back
//!   from the scratch copy (a one-byte load is forwarded from the scratch store; a
//!   32-byte load at an offset into it is not, and made the walk wait on the store).
//!   Only the last chunk of the input, which has no 32 bytes after the escape to copy,
//!   copies from the scratch copy itself. Without AVX2 the letter comes from a table. Otherwise (a
//!   control byte written `\u00XX`) the escape sequences come from a table, one fixed
//!   8-byte store each, and advance the output by their length.
//! - Every load stays inside the input (the tail is copied to a padded stack buffer), so
//!   the code is sound under Rust's rules and clean under Miri.

use std::ptr;
#[cfg(target_arch = "x86_64")]
use std::sync::atomic::{AtomicU8, Ordering};

use crate::store::copy_small;

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2;
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
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
/// Every length gathers its bytes into two words (overlapping, or padded with spaces,
/// which need no escape) for one chunk check, then stores them back as it read them.
///
/// # Safety
///
/// `dst` must be valid for writes of 16 bytes (`s.len() <= 16`; the word stores may
/// write up to 8 bytes past the string's end when it is shorter than 8).
#[inline(always)]
unsafe fn copy_short_if_clean(s: &[u8], dst: *mut u8) -> bool {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    let len = s.len();
    let (low, high) = if len >= 8 {
        // Two overlapping words cover 8..=16 bytes.
        let head = u64::from_le_bytes(s[..8].try_into().expect("8 bytes"));
        let tail = u64::from_le_bytes(s[len - 8..].try_into().expect("8 bytes"));
        (head, tail)
    } else if len >= 4 {
        // Two overlapping half-words cover 4..=7 bytes.
        let head = u32::from_le_bytes(s[..4].try_into().expect("4 bytes"));
        let tail = u32::from_le_bytes(s[len - 4..].try_into().expect("4 bytes"));
        (u64::from(head) | (u64::from(tail) << 32), SPACES)
    } else if len > 0 {
        // First, middle and last byte cover 1..=3 bytes.
        let bytes = u64::from(s[0]) | (u64::from(s[len / 2]) << 8) | (u64::from(s[len - 1]) << 16);
        (bytes | (SPACES << 24), SPACES)
    } else {
        return true;
    };
    if Native::escape_mask(Native::from_words(low, high)) != 0 {
        return false;
    }
    // SAFETY: the caller guarantees 16 writable bytes at `dst`; each store below ends
    // within `len.max(8) <= 16` of them.
    unsafe {
        if len >= 8 {
            ptr::write_unaligned(dst.cast::<u64>(), low.to_le());
            ptr::write_unaligned(dst.add(len - 8).cast::<u64>(), high.to_le());
        } else if len >= 4 {
            ptr::write_unaligned(dst.cast::<u32>(), (low as u32).to_le());
            ptr::write_unaligned(dst.add(len - 4).cast::<u32>(), ((low >> 32) as u32).to_le());
        } else {
            dst.write(low as u8);
            dst.add(len / 2).write((low >> 8) as u8);
            dst.add(len - 1).write((low >> 16) as u8);
        }
    }
    true
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
    write_escaped(buf, s, true);
}

/// Appends the escaped contents of `s` (without the surrounding quotes).
#[inline]
pub(crate) fn write_escaped_contents(buf: &mut Vec<u8>, s: &[u8]) {
    write_escaped(buf, s, false);
}

/// Appends the escaped contents of `s`, then the closing quote when `close` is set (the
/// escaper's room check covers it, so the caller needs no capacity check of its own).
///
/// It only dispatches, so that it needs no stack frame and every arm is a tail call.
#[inline(never)]
fn write_escaped(buf: &mut Vec<u8>, s: &[u8], close: bool) {
    if s.len() >= 32 {
        #[cfg(target_arch = "x86_64")]
        match AVX2.load(Ordering::Relaxed) {
            // SAFETY: the CPU has AVX2 and BMI1 (`detect_and_write` found them).
            AVX2_YES => return unsafe { write_escaped_avx2(buf, s, close) },
            AVX2_NO => {}
            _ => return detect_and_write(buf, s, close),
        }
    } else if s.len() >= 16 && copy_medium_if_clean(buf, s, close) {
        return;
    }
    write_escaped_native(buf, s, close);
}

/// Whether the AVX2 escaper runs here: unknown (0) until the first long string, then
/// [`AVX2_YES`] or [`AVX2_NO`]. One load and compare per long string, with no call
/// on the way, unlike two `is_x86_feature_detected!` checks.
#[cfg(target_arch = "x86_64")]
static AVX2: AtomicU8 = AtomicU8::new(0);
#[cfg(target_arch = "x86_64")]
const AVX2_YES: u8 = 1;
#[cfg(target_arch = "x86_64")]
const AVX2_NO: u8 = 2;

/// Detects AVX2 and BMI1 once (racing threads store the same answer), then writes as
/// [`write_escaped`] does.
#[cfg(target_arch = "x86_64")]
#[cold]
#[inline(never)]
fn detect_and_write(buf: &mut Vec<u8>, s: &[u8], close: bool) {
    let found =
        std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("bmi1");
    AVX2.store(if found { AVX2_YES } else { AVX2_NO }, Ordering::Relaxed);
    write_escaped(buf, s, close);
}

/// Appends `s` (16 to 31 bytes: URLs, ids, domains), then the closing quote if
/// `close`, when it needs no escaping and the room is there: two overlapping chunks, with
/// none of the walker's set-up. Returns false, having changed nothing that counts,
/// otherwise.
#[inline(always)]
fn copy_medium_if_clean(buf: &mut Vec<u8>, s: &[u8], close: bool) -> bool {
    let len = s.len();
    debug_assert!((16..32).contains(&len));
    let start = buf.len();
    if buf.capacity() - start <= len {
        return false;
    }
    // SAFETY: `s[..16]` and `s[len - 16..]` are in bounds (`len >= 16`), and
    // `len + 1` bytes are writable at `start` (checked above): the two stores end at
    // `len`, the quote takes one more. `set_len` covers `s` and, if `close`, the quote.
    unsafe {
        let head = Native::load(s.as_ptr());
        let tail = Native::load(s.as_ptr().add(len - 16));
        if Native::escape_mask(head) | Native::escape_mask(tail) != 0 {
            return false;
        }
        let dst = buf.as_mut_ptr().add(start);
        Native::store(dst, head);
        Native::store(dst.add(len - 16), tail);
        dst.add(len).write(b'"');
        buf.set_len(start + len + usize::from(close));
    }
    true
}

/// The baseline instance of the escaper, out of line so the dispatch stays a tail call.
#[inline(never)]
fn write_escaped_native(buf: &mut Vec<u8>, s: &[u8], close: bool) {
    write_escaped_with::<Native>(buf, s, close);
}

#[cfg(target_arch = "x86_64")]
/// The AVX2 instance of the escaper, compiled with the feature so that the generic code
/// and `Avx2`'s intrinsics inline into it (and with BMI1, which every AVX2 CPU has, for
/// the one-instruction "clear the lowest set bit" of the escape walk). It stays beside the walker: the walker's
/// instances are compiled with this module, and a caller in another module may land
/// in another codegen unit, where LLVM cannot inline them (every intrinsic then
/// becomes a call).
///
/// # Safety
///
/// The CPU must support AVX2 and BMI1.
#[target_feature(enable = "avx2,bmi1")]
#[inline(never)]
unsafe fn write_escaped_avx2(buf: &mut Vec<u8>, s: &[u8], close: bool) {
    write_escaped_with::<avx2::Avx2>(buf, s, close);
}

/// Appends the escaped contents of `s` (then a closing quote if `close`), `C::WIDTH`
/// bytes at a time. The chunks that need no escape are copied here, in place, the last
/// one overlapping the one before; from the first escape on, the out-of-line walk
/// ([`Chunks::walk`]) takes over, so that a clean string pays for none of its set-up.
#[inline(always)]
fn write_escaped_with<C: Chunks>(buf: &mut Vec<u8>, s: &[u8], close: bool) {
    let width = C::WIDTH;
    let len = s.len();
    let start = buf.len();
    // Room for the input, a closing quote, and all the output one chunk can need: the
    // walk's invariant from its first chunk on. Growing is a tail call, so that this
    // function makes no call it returns from and needs no stack frame.
    if buf.capacity() - start < len + C::OUTPUT_MAX {
        // SAFETY: the chunks' instructions run here, as everywhere in this function.
        return unsafe { grow_and_walk::<C>(buf, s, close) };
    }
    // SAFETY: `start <= capacity`.
    let dst = unsafe { buf.as_mut_ptr().add(start) };
    let mut src = 0;
    // While no chunk needs an escape, output offsets equal input offsets.
    while len - src >= width {
        // SAFETY: `s[src..src + width]` is in bounds (loop condition), and so is its
        // output position (room for `len + C::OUTPUT_MAX` bytes at `dst`).
        let clean = unsafe { copy_chunk_if_clean::<C>(s.as_ptr().add(src), dst.add(src)) };
        if !clean {
            break;
        }
        src += width;
    }
    let rest = len - src;
    let clean = rest == 0
        || (rest < width && len >= width && {
            // The last chunk, loaded overlapping the one before and stored in place.
            // SAFETY: `s[len - width..len]` is in bounds (`len >= width`), and so is its
            // output position.
            unsafe { copy_chunk_if_clean::<C>(s.as_ptr().add(len - width), dst.add(len - width)) }
        });
    if clean {
        // SAFETY: room for `len + 1` bytes at `dst` (above); `buf[..start + len]` has
        // been written, and the quote after it if `close`.
        unsafe {
            dst.add(len).write(b'"');
            buf.set_len(start + len + usize::from(close));
        }
        return;
    }
    // SAFETY: `buf[..start + src]` has been written, and room for the rest of the input
    // plus `C::OUTPUT_MAX` follows it (above); the chunks' instructions run here, as
    // everywhere in this function.
    unsafe { C::walk(buf, s, src, start + src, close) };
}

/// Makes room for `s` in a buffer without it, then escapes all of `s` with the walk.
///
/// # Safety
///
/// The CPU must support the chunks' instructions.
#[cold]
#[inline(never)]
unsafe fn grow_and_walk<C: Chunks>(buf: &mut Vec<u8>, s: &[u8], close: bool) {
    let start = buf.len();
    buf.reserve(s.len() + C::OUTPUT_MAX);
    // SAFETY: `buf[..start]` is the old contents, and `reserve` made room for all of
    // `s` plus `C::OUTPUT_MAX` past it; the instructions: as the caller guarantees.
    unsafe { C::walk(buf, s, 0, start, close) };
}

/// [`walk`]'s instance for the chunks that need no target feature beyond the build's.
///
/// # Safety
///
/// As [`walk`].
#[inline(never)]
unsafe fn walk_out_of_line<C: Chunks>(
    buf: &mut Vec<u8>,
    s: &[u8],
    src: usize,
    out: usize,
    close: bool,
) {
    // SAFETY: as the caller guarantees.
    unsafe { walk::<C>(buf, s, src, out, close) }
}

#[cfg(target_arch = "x86_64")]
/// [`walk`]'s AVX2 instance (see [`write_escaped_avx2`] for why it lives here).
///
/// # Safety
///
/// As [`walk`], and the CPU must support AVX2 and BMI1.
#[target_feature(enable = "avx2,bmi1")]
#[inline(never)]
unsafe fn walk_avx2(buf: &mut Vec<u8>, s: &[u8], src: usize, out: usize, close: bool) {
    // SAFETY: as the caller guarantees.
    unsafe { walk::<avx2::Avx2>(buf, s, src, out, close) }
}

/// Appends the escaped contents of `s[src..]` (then a closing quote if `close`) at
/// `out`, chunk by chunk in place while [`in_place_min`] bytes remain, then the rest
/// from a padded copy.
///
/// # Safety
///
/// `buf[..out]` must have been written, and `s.len() - src + C::OUTPUT_MAX` bytes be
/// writable at `out`.
#[inline(always)]
unsafe fn walk<C: Chunks>(buf: &mut Vec<u8>, s: &[u8], mut src: usize, out: usize, close: bool) {
    let width = C::WIDTH;
    let len = s.len();
    let mut scratch = C::scratch();
    let scratch = scratch.as_mut().as_mut_ptr();
    // SAFETY: `dst` always points into `buf`'s allocation, at the end of the bytes
    // written so far (at first, as the caller guarantees); it is taken again from the
    // buffer after each `grow`.
    let mut dst = unsafe { buf.as_mut_ptr().add(out) };
    let in_place_min = in_place_min::<C>();
    if len >= in_place_min {
        let last = len - in_place_min;
        while src <= last {
            // A chunk needs its input's length plus `C::OUTPUT_MAX` of room at `dst`, and
            // adds at most `MAX_EXTRA` to the output beyond its input: with `spare` bytes
            // more than the first chunk needs, `spare / MAX_EXTRA` further chunks fit
            // with no check of their own.
            // SAFETY: `dst` lies within `buf`'s allocation.
            let out = unsafe { dst.offset_from(buf.as_ptr()) } as usize;
            let need = len - src + C::OUTPUT_MAX;
            if buf.capacity() - out < need {
                grow(buf, out, need);
                // SAFETY: `out <= capacity`.
                dst = unsafe { buf.as_mut_ptr().add(out) };
            }
            let spare = buf.capacity() - out - need;
            let stop = last.min(src + spare / C::MAX_EXTRA * width);
            loop {
                // SAFETY: `s[src..src + in_place_min]` is readable (`src <= last`), all
                // `escape_marked` may read (two chunks only when it is told they are); room at `dst` for `C::OUTPUT_MAX` bytes
                // (above: `src <= stop`).
                unsafe {
                    let chunk = C::load(s.as_ptr().add(src));
                    C::store(dst, chunk);
                    let marks = C::escape_mask(chunk);
                    if marks != 0 {
                        dst = dst.add(escape_marked::<C>(
                            s.as_ptr().add(src),
                            chunk,
                            marks,
                            dst,
                            scratch,
                            src + 2 * width <= len,
                        ));
                    }
                    dst = dst.add(width);
                }
                src += width;
                if src > stop {
                    break;
                }
            }
        }
    }
    // The last bytes (under `in_place_min`: one or two chunks) go through a padded copy
    // so loads never leave the input; spaces need no escape, so the bytes past the
    // input mark nothing.
    let rest = len - src;
    // SAFETY: `dst` lies within `buf`'s allocation.
    let out = unsafe { dst.offset_from(buf.as_ptr()) } as usize;
    if buf.capacity() - out < rest + C::OUTPUT_MAX {
        grow(buf, out, rest + C::OUTPUT_MAX);
        // SAFETY: `out <= capacity`.
        dst = unsafe { buf.as_mut_ptr().add(out) };
    }
    // Room beyond what the rest of the input needs, at least `C::OUTPUT_MAX` before each
    // chunk: all the output one chunk can need.
    let mut slack = buf.capacity() - out - rest;
    let mut padded = C::spaces();
    let padded = padded.as_mut();
    fill_padded(padded, &s[src..]);
    let mut offset = 0;
    // At most `in_place_min / width` chunks (a constant: one with `TRANSLATES`).
    for _ in 0..in_place_min / width {
        if offset >= rest {
            break;
        }
        let valid = (rest - offset).min(width);
        // SAFETY: `padded[offset..offset + 2 * width]` is readable (`offset` is a
        // multiple of `width` below `in_place_min`, and `padded` holds `2 * in_place_min`
        // bytes, at least `offset + 2 * width`); room at `dst` as above.
        unsafe {
            let from = padded.as_ptr().add(offset);
            let chunk = C::load(from);
            C::store(dst, chunk);
            let marks = C::escape_mask(chunk);
            offset += width;
            if marks == 0 {
                dst = dst.add(valid);
                continue;
            }
            // `padded` holds two chunks past every offset used here.
            let extra = escape_marked::<C>(from, chunk, marks, dst, scratch, true);
            dst = dst.add(valid + extra);
            slack -= extra;
            if slack < C::OUTPUT_MAX {
                (dst, slack) = regrow::<C>(buf, dst, rest.saturating_sub(offset));
            }
        }
    }
    // SAFETY: `dst` lies within `buf`'s allocation; every byte before it was written
    // (the old contents, then each chunk's counted output), and the room check left at
    // least one writable byte at `dst` for the quote.
    unsafe {
        let out = dst.offset_from(buf.as_ptr()) as usize;
        dst.write(b'"');
        buf.set_len(out + usize::from(close));
    }
}

/// How many bytes of input `escape_marked` may read from a chunk's start: the chunk,
/// and without `TRANSLATES` the chunk after it, which the runs are copied from.
#[inline(always)]
const fn in_place_min<C: Chunks>() -> usize {
    if C::TRANSLATES {
        C::WIDTH
    } else {
        2 * C::WIDTH
    }
}

/// Makes room after a chunk whose escapes spent the slack: returns the output pointer
/// into the grown buffer and the new slack.
///
/// # Safety
///
/// `dst` points into `buf`'s allocation, and every byte before it has been written.
#[inline(always)]
unsafe fn regrow<C: Chunks>(
    buf: &mut Vec<u8>,
    dst: *mut u8,
    remaining_input: usize,
) -> (*mut u8, usize) {
    // SAFETY: `dst` points into `buf`'s allocation (caller).
    let out = unsafe { dst.offset_from(buf.as_ptr()) } as usize;
    grow(buf, out, remaining_input + C::OUTPUT_MAX);
    // SAFETY: `grow` made `remaining_input + C::OUTPUT_MAX` bytes writable past `out`.
    let dst = unsafe { buf.as_mut_ptr().add(out) };
    (dst, buf.capacity() - out - remaining_input)
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

/// Sets the length to `out` and reserves `additional` bytes past it.
#[cold]
#[inline(never)]
fn grow(buf: &mut Vec<u8>, out: usize, additional: usize) {
    // SAFETY: `buf[..out]` has been written (see `write_escaped_with`); `reserve` keeps
    // the contents up to `len`.
    unsafe { buf.set_len(out) };
    buf.reserve(additional);
}

/// Writes the escapes of a chunk already stored at `dst`, whose escapes are marked in
/// `marks` (not 0), and the runs of clean bytes after them; returns the number of bytes
/// of output beyond the chunk's input (the escapes' extra length).
///
/// Each escape lands at its input position plus the extra length of the escapes before
/// it, and is followed by one `WIDTH`-byte store of the input after it; the chunk's own
/// store covers the run before the first escape.
///
/// # Safety
///
/// `chunk` must be the `C::WIDTH` bytes at `src`, and `src` readable for `2 * C::WIDTH`
/// bytes if `next_readable` or unless `C::TRANSLATES`; `dst` writable for
/// `C::OUTPUT_MAX` bytes; `scratch` writable and readable for `2 * C::WIDTH` bytes when
/// `C::TRANSLATES` (and its upper half initialized).
#[inline(always)]
unsafe fn escape_marked<C: Chunks>(
    src: *const u8,
    chunk: C::Chunk,
    mut marks: u32,
    dst: *mut u8,
    scratch: *mut u8,
    next_readable: bool,
) -> usize {
    // SAFETY: the caller's guarantees cover every access below: loads at `src + k`
    // (without `TRANSLATES`) and `scratch + k` (with it) for `k <= WIDTH` read `WIDTH`
    // bytes within the `2 * WIDTH` readable ones; stores write at most `WIDTH` escapes
    // of 6 bytes plus one `WIDTH`-byte run copy, `OUTPUT_MAX`.
    unsafe {
        let mut out = dst;
        if C::two_byte_escapes_only(chunk, scratch) {
            // Markup's escapes (`\"`, `\n`, ...): each one's output position is its
            // input position plus the number of escapes before it, so no store address
            // waits for a load.
            loop {
                let at = marks.trailing_zeros() as usize;
                if C::TRANSLATES && next_readable {
                    // The run is copied from the input and its first byte replaced by
                    // the letter from `scratch` (the chunk with each control byte
                    // replaced by the letter after its backslash). A one-byte load is
                    // forwarded from the scratch store; a 32-byte load at an offset into
                    // it is not, and would wait for the store to reach the cache.
                    out.add(at).write(b'\\');
                    C::store(out.add(at + 1), C::load(src.add(at)));
                    out.add(at + 1).write(*scratch.add(at));
                } else if C::TRANSLATES {
                    // The input may end with this chunk: copy from the letter on out of
                    // `scratch` itself.
                    out.add(at).write(b'\\');
                    C::store(out.add(at + 1), C::load(scratch.add(at)));
                } else {
                    let pair = [b'\\', ESCAPE[*src.add(at) as usize]];
                    ptr::write_unaligned(out.add(at).cast::<[u8; 2]>(), pair);
                    C::store(out.add(at + 2), C::load(src.add(at + 1)));
                }
                out = out.add(1);
                marks &= marks - 1;
                if marks == 0 {
                    break;
                }
            }
        } else {
            // A control byte written `\u00XX`: the sequences come from a table, one
            // fixed 8-byte store each, and move the output on by their length. With
            // `TRANSLATES`, the input may end with the chunk: copy runs from a copy of
            // it in `scratch` instead.
            let runs = if C::TRANSLATES {
                C::store(scratch, chunk);
                scratch.cast_const()
            } else {
                src
            };
            loop {
                let at = marks.trailing_zeros() as usize;
                let sequence = ESCAPE_SEQUENCE[*runs.add(at) as usize];
                let length = sequence[7] as usize;
                ptr::copy_nonoverlapping(sequence.as_ptr(), out.add(at), 8);
                C::store(out.add(at + length), C::load(runs.add(at + 1)));
                out = out.add(length - 1);
                marks &= marks - 1;
                if marks == 0 {
                    break;
                }
            }
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
trait Chunks: Sized {
    type Chunk: Copy;
    /// Twice [`in_place_min`] bytes, for the padded tail: `2 * WIDTH` with `TRANSLATES`,
    /// else `4 * WIDTH`.
    type Padded: AsMut<[u8]>;
    const WIDTH: usize;
    /// Bytes of output one chunk can need: `WIDTH` escapes of 6 bytes, plus the
    /// `WIDTH`-byte store that may reach past the last one.
    const OUTPUT_MAX: usize = Self::WIDTH * 7;
    /// The most a chunk's output can exceed its input: `WIDTH` escapes of 6 bytes.
    const MAX_EXTRA: usize = Self::WIDTH * 5;
    /// `2 * WIDTH` bytes for the walk to copy translated chunks from (empty when not
    /// `TRANSLATES`).
    type Scratch: AsMut<[u8]>;
    /// Whether `two_byte_escapes_only` stores the chunk with its letters in place.
    const TRANSLATES: bool;
    /// `Padded` filled with spaces (which need no escape).
    fn spaces() -> Self::Padded;
    /// A zeroed `Scratch`.
    fn scratch() -> Self::Scratch;
    /// Escapes `s[src..]` to `out` with these chunks, out of line (see [`walk`]).
    ///
    /// # Safety
    ///
    /// As [`walk`], and the CPU must support the chunks' instructions.
    #[inline(always)]
    unsafe fn walk(buf: &mut Vec<u8>, s: &[u8], src: usize, out: usize, close: bool) {
        // SAFETY: as the caller guarantees.
        unsafe { walk_out_of_line::<Self>(buf, s, src, out, close) }
    }
    /// # Safety
    /// `src` readable for `WIDTH` bytes.
    unsafe fn load(src: *const u8) -> Self::Chunk;
    /// # Safety
    /// `dst` writable for `WIDTH` bytes.
    unsafe fn store(dst: *mut u8, chunk: Self::Chunk);
    /// Bit `i` set when byte `i` needs an escape.
    fn escape_mask(chunk: Self::Chunk) -> u32;
    /// True when no escape of the chunk is six bytes long (`\u00XX`: a control byte
    /// other than `\b \t \n \f \r`). Then, when `TRANSLATES`, it has also stored at
    /// `scratch` the chunk with each control byte replaced by the letter of its short
    /// form (`\n` by `n`), for the walk to copy from.
    ///
    /// # Safety
    ///
    /// `scratch` writable for `WIDTH` bytes when `TRANSLATES`.
    unsafe fn two_byte_escapes_only(chunk: Self::Chunk, scratch: *mut u8) -> bool;
}
