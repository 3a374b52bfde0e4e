//! Raw appends of short trusted bytes (punctuation, keys, formatted numbers): one
//! capacity check, then fixed-size word stores instead of a `memcpy` call of variable
//! length.
//!
//! Each store may write a few bytes past the text it copies; every function here
//! reserves that slack first and sets the length to cover only the bytes it wrote.

use std::ptr;

/// Appends `prefix` and then `text` (at most 40 bytes: a formatted number), both
/// trusted, with one capacity check and no `memcpy` call for the usual short lengths.
#[inline(always)]
pub(crate) fn write_prefixed_short(buf: &mut Vec<u8>, prefix: &[u8], text: &[u8]) {
    buf.reserve(prefix.len() + text.len() + 16);
    let start = buf.len();
    // SAFETY: `reserve` made `prefix.len() + text.len() + 16` bytes writable past
    // `start`; `copy_small` writes within `len.max(16)` bytes of its target, so the
    // prefix's copy ends within `prefix.len() + 16` and the text's within
    // `prefix.len() + text.len() + 16`; `set_len` covers exactly the prefix and `text`.
    unsafe {
        let dst = buf.as_mut_ptr().add(start);
        copy_small(prefix, dst);
        copy_small(text, dst.add(prefix.len()));
        buf.set_len(start + prefix.len() + text.len());
    }
}

/// Appends `prefix` (trusted), then the first `len` (at most `N`) bytes of `word`, with
/// one `N`-byte store for the word whatever `len` is.
#[inline(always)]
pub(crate) fn write_prefixed_word<const N: usize>(
    buf: &mut Vec<u8>,
    prefix: &[u8],
    word: [u8; N],
    len: usize,
) {
    debug_assert!(len <= N);
    buf.reserve(prefix.len() + 16 + N);
    let start = buf.len();
    // SAFETY: `reserve` made `prefix.len() + 16 + N` bytes writable past `start`: the
    // prefix's `copy_small` writes within `prefix.len().max(16)` of them, the word the
    // `N` at `prefix.len()`; `set_len` covers the prefix and the `len <= N` bytes of the
    // word, all written here.
    unsafe {
        let dst = buf.as_mut_ptr().add(start);
        copy_small(prefix, dst);
        ptr::write_unaligned(dst.add(prefix.len()).cast::<[u8; N]>(), word);
        buf.set_len(start + prefix.len() + len.min(N));
    }
}

/// Copies `src` to `dst` with overlapping word stores for up to 16 bytes.
///
/// # Safety
///
/// `dst` must be writable for `src.len().max(16)` bytes.
#[inline(always)]
pub(crate) unsafe fn copy_small(src: &[u8], dst: *mut u8) {
    let len = src.len();
    // SAFETY: every store below lands within `dst[..len.max(16)]` (caller).
    unsafe {
        if len > 16 {
            ptr::copy_nonoverlapping(src.as_ptr(), dst, len);
        } else if len >= 8 {
            let head = u64::from_le_bytes(src[..8].try_into().expect("8 bytes"));
            let tail = u64::from_le_bytes(src[len - 8..].try_into().expect("8 bytes"));
            ptr::write_unaligned(dst.cast::<u64>(), head.to_le());
            ptr::write_unaligned(dst.add(len - 8).cast::<u64>(), tail.to_le());
        } else if len >= 4 {
            let head = u32::from_le_bytes(src[..4].try_into().expect("4 bytes"));
            let tail = u32::from_le_bytes(src[len - 4..].try_into().expect("4 bytes"));
            ptr::write_unaligned(dst.cast::<u32>(), head.to_le());
            ptr::write_unaligned(dst.add(len - 4).cast::<u32>(), tail.to_le());
        } else if len > 0 {
            // First, middle and last byte cover 1..=3 bytes with three stores and no
            // loop (which LLVM would turn into a `memcpy` call).
            dst.write(src[0]);
            dst.add(len / 2).write(src[len / 2]);
            dst.add(len - 1).write(src[len - 1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_appends_at_every_length() {
        for prefix in ["", ",", ",\"price\":"] {
            for len in 0..=40 {
                let text: Vec<u8> = (0..len).map(|i| b'0' + (i % 10) as u8).collect();
                let mut out = b"[".to_vec();
                write_prefixed_short(&mut out, prefix.as_bytes(), &text);
                let mut want = b"[".to_vec();
                want.extend_from_slice(prefix.as_bytes());
                want.extend_from_slice(&text);
                assert_eq!(out, want);
            }
        }
    }

    #[test]
    fn word_appends_at_every_length() {
        for prefix in ["", ",", ",\"code\":"] {
            for len in 0..=4 {
                let mut out = b"[".to_vec();
                write_prefixed_word(&mut out, prefix.as_bytes(), *b"1234", len);
                let mut wide = b"[".to_vec();
                write_prefixed_word(&mut wide, prefix.as_bytes(), *b"12345678", len);
                assert_eq!(wide, out);
                let mut want = b"[".to_vec();
                want.extend_from_slice(prefix.as_bytes());
                want.extend_from_slice(&b"1234"[..len]);
                assert_eq!(out, want);
            }
        }
    }
}
