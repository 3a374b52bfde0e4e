//! The escaper's chunks on SSE2, part of the x86-64 baseline: no run-time detection.

use super::Chunks;

/// 16 bytes at a time.
pub(super) struct Sse2;

impl Chunks for Sse2 {
    type Chunk = std::arch::x86_64::__m128i;
    type Padded = [u8; 64];
    type Scratch = [u8; 0];
    const WIDTH: usize = 16;
    // Without SSSE3's byte shuffle, the letters come from a table, one per escape.
    const TRANSLATES: bool = false;

    #[inline(always)]
    fn spaces() -> Self::Padded {
        [b' '; 64]
    }

    #[inline(always)]
    fn scratch() -> Self::Scratch {
        []
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
        // module is compiled only with (its `mod` is `cfg(target_feature = "sse2")`, on
        // by default on x86-64).
        unsafe {
            let flipped = _mm_xor_si128(chunk, _mm_set1_epi8(2));
            let low = _mm_cmpeq_epi8(_mm_min_epu8(flipped, _mm_set1_epi8(0x20)), flipped);
            let backslash = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(b'\\' as i8));
            _mm_movemask_epi8(_mm_or_si128(low, backslash)) as u32
        }
    }

    #[inline(always)]
    unsafe fn two_byte_escapes_only(chunk: Self::Chunk, _scratch: *mut u8) -> bool {
        Self::six_byte_escape_mask(chunk) == 0
    }
}

impl Sse2 {
    /// Bit `i` set when byte `i` is a control byte without a short escape (written as
    /// `\u00XX`, six bytes): below 0x20 and none of `\b \t \n \f \r`.
    #[inline(always)]
    pub(super) fn six_byte_escape_mask(chunk: std::arch::x86_64::__m128i) -> u32 {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 intrinsics; this module is compiled only with the `sse2` target
        // feature.
        unsafe {
            let control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, _mm_set1_epi8(0x1F)), chunk);
            // 0x08..=0x0D less 0x0B are the five with a short form.
            let from_8 = _mm_sub_epi8(chunk, _mm_set1_epi8(8));
            let in_8_to_13 = _mm_cmpeq_epi8(_mm_min_epu8(from_8, _mm_set1_epi8(5)), from_8);
            let short = _mm_andnot_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(0x0B)), in_8_to_13);
            _mm_movemask_epi8(_mm_andnot_si128(short, control)) as u32
        }
    }

    /// A chunk of two little-endian words.
    #[inline(always)]
    pub(super) fn from_words(low: u64, high: u64) -> std::arch::x86_64::__m128i {
        // SAFETY: an SSE2 intrinsic; this module is compiled only with the `sse2` target
        // feature.
        unsafe { std::arch::x86_64::_mm_set_epi64x(high as i64, low as i64) }
    }
}
