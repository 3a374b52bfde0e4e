//! The escaper's chunks on AVX2, for long strings on CPUs that have it (detected at
//! run time).

use super::Chunks;

/// 32 bytes at a time, for long strings on CPUs that have AVX2 (detected at run time).
///
/// Only [`write_escaped_avx2`](super::write_escaped_avx2) uses it: its intrinsics need AVX2, which the callers of
/// that function have checked, and they inline into it, which is compiled for AVX2.
pub(super) struct Avx2;

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
}
