//! The escaper's chunks on AVX2, for long strings on CPUs that have it (detected at
//! run time).

use super::Chunks;

/// 32 bytes at a time, for long strings on CPUs that have AVX2 (detected at run time).
///
/// Only [`write_escaped_avx2`](super::write_escaped_avx2) and
/// [`walk_avx2`](super::walk_avx2) use it: its intrinsics need AVX2 (and the walk BMI1),
/// which the callers of those functions have checked, and they inline into them, which
/// are compiled for both.
pub(super) struct Avx2;

impl Chunks for Avx2 {
    type Chunk = std::arch::x86_64::__m256i;
    type Padded = [u8; 64];
    type Scratch = [u8; 64];
    const WIDTH: usize = 32;
    const TRANSLATES: bool = true;

    #[inline(always)]
    fn spaces() -> Self::Padded {
        [b' '; 64]
    }

    #[inline(always)]
    fn scratch() -> Self::Scratch {
        [0; 64]
    }

    #[inline(always)]
    unsafe fn walk(buf: &mut Vec<u8>, s: &[u8], src: usize, out: usize, close: bool) {
        // SAFETY: as the caller guarantees, AVX2 and BMI1 included (see the type's
        // documentation).
        unsafe { super::walk_avx2(buf, s, src, out, close) }
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
    unsafe fn two_byte_escapes_only(chunk: Self::Chunk, scratch: *mut u8) -> bool {
        use std::arch::x86_64::*;
        // The letter after the backslash of each short form, by the byte's low nibble;
        // 0 for the controls without one.
        const LETTERS: [u8; 16] = *b"\0\0\0\0\0\0\0\0btn\0fr\0\0";
        // SAFETY: AVX2 is present (see the type's documentation); `scratch` is
        // writable for 32 bytes (caller).
        unsafe {
            let letters = _mm256_broadcastsi128_si256(_mm_loadu_si128(LETTERS.as_ptr().cast()));
            // Saturating `+ 0x70` keeps 0x00..=0x0F below 0x80 and sends every other
            // byte to 0x80 or above, where the shuffle yields 0: each byte of `letter`
            // is the letter of a short-form control byte, else 0.
            let index = _mm256_adds_epu8(chunk, _mm256_set1_epi8(0x70));
            let letter = _mm256_shuffle_epi8(letters, index);
            // Letters are above every control byte, and 0 below every byte.
            let translated = _mm256_max_epu8(chunk, letter);
            _mm256_storeu_si256(scratch.cast(), translated);
            // A control byte left is one without a short form. Saturating `+ 0x60` sets
            // the high bit of exactly the bytes from 0x20 up: test that all have it.
            let high = _mm256_adds_epu8(translated, _mm256_set1_epi8(0x60));
            _mm256_testc_si256(high, _mm256_set1_epi8(i8::MIN)) != 0
        }
    }
}
