//! Escape classification on plain `u64` words (SWAR: SIMD within a register): the chunk
//! backend where SSE2 is missing (and, in tests, a reference on every target).

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// Sets the high bit of exactly the bytes of `word` that need an escape.
#[inline(always)]
pub(super) fn escape_marks(word: u64) -> u64 {
    // `(b ^ 2) < 0x21` holds exactly for the controls (0x00..=0x1F) and `"` (0x22).
    // Adding to the low seven bits never carries into the next byte, so each test is exact.
    let flipped = word ^ (ONES * 2);
    let at_least_0x21 = ((flipped & LOWS) + ONES * (0x80 - 0x21)) | flipped;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let not_backslash = ((backslash & LOWS) + LOWS) | backslash;
    (!at_least_0x21 | !not_backslash) & HIGHS
}

/// Portable fallback: two `u64` words with exact SWAR masks.
pub(super) struct Swar;

impl super::Chunks for Swar {
    type Chunk = [u64; 2];
    type Padded = [u8; 64];
    type Scratch = [u8; 0];
    const WIDTH: usize = 16;
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
        // SAFETY: readable for 16 bytes (caller); unaligned reads.
        unsafe {
            [
                u64::from_le(std::ptr::read_unaligned(src.cast::<u64>())),
                u64::from_le(std::ptr::read_unaligned(src.add(8).cast::<u64>())),
            ]
        }
    }

    #[inline(always)]
    unsafe fn store(dst: *mut u8, chunk: Self::Chunk) {
        // SAFETY: writable for 16 bytes (caller); unaligned writes.
        unsafe {
            std::ptr::write_unaligned(dst.cast::<u64>(), chunk[0].to_le());
            std::ptr::write_unaligned(dst.add(8).cast::<u64>(), chunk[1].to_le());
        }
    }

    #[inline(always)]
    fn escape_mask(chunk: Self::Chunk) -> u32 {
        // Gather the high bit of each byte into one bit per byte (a "movemask").
        let gather = |marks: u64| ((marks >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32;
        gather(escape_marks(chunk[0])) | (gather(escape_marks(chunk[1])) << 8)
    }

    #[inline(always)]
    unsafe fn two_byte_escapes_only(chunk: Self::Chunk, _scratch: *mut u8) -> bool {
        // Only reached for chunks that hold escapes; a table lookup per byte is plenty
        // for the portable path.
        let bytes = [chunk[0].to_le_bytes(), chunk[1].to_le_bytes()];
        bytes
            .iter()
            .flatten()
            .all(|&byte| super::ESCAPE[byte as usize] != b'u')
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
impl Swar {
    /// A chunk of two little-endian words.
    #[inline(always)]
    pub(super) fn from_words(low: u64, high: u64) -> [u64; 2] {
        [low, high]
    }
}

#[cfg(test)]
mod tests {
    use super::super::ESCAPE;
    use super::*;

    #[test]
    fn swar_marks_are_exact_for_every_byte_in_every_lane() {
        for lane in 0..8 {
            for byte in 0u8..=255 {
                for filler in [b'a', 0xFF, 0x80, 0x00, b'"'] {
                    let mut word = [filler; 8];
                    word[lane] = byte;
                    let marks = escape_marks(u64::from_le_bytes(word));
                    for (i, &b) in word.iter().enumerate() {
                        let marked = marks & (0x80 << (8 * i)) != 0;
                        assert_eq!(marked, ESCAPE[b as usize] != 0, "byte {b:#x} lane {i}");
                    }
                }
            }
        }
    }
}
