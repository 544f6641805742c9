//! Zeek's SipHash key from a seed file, and SipHash-2-4 itself (SPEC §1, §2).

use std::hash::{BuildHasher, Hasher};

/// The SipHash key Zeek derives from its seed (SPEC §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seed {
    pub k0: u64,
    pub k1: u64,
}

impl Seed {
    /// Reads a `ZEEK_SEED_FILE`: 21 whitespace-separated unsigned ints (Zeek uses `fscanf("%u")`).
    pub fn from_file(path: &str) -> std::io::Result<Seed> {
        Ok(Seed::from_words(&read_seed_words(path)?))
    }

    /// Word 0 seeds srandom(); words 1..=20 are the 80-byte buffer whose bytes 64..79 (words
    /// 17..=20 of the file) are the SipHash key verbatim.
    pub fn from_words(words: &[u32; 21]) -> Seed {
        let buf = &words[1..];
        Seed {
            k0: buf[16] as u64 | (buf[17] as u64) << 32,
            k1: buf[18] as u64 | (buf[19] as u64) << 32,
        }
    }

    /// Without a seed file Zeek's order differs on every run; std's per-process random hasher
    /// keys are a sufficient entropy source for that (no crate needed).
    pub fn random() -> Seed {
        let next = || {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(0x5eed);
            h.finish()
        };
        Seed {
            k0: next(),
            k1: next(),
        }
    }
}

struct SipState([u64; 4]);

impl SipState {
    fn round(&mut self) {
        let v = &mut self.0;
        v[0] = v[0].wrapping_add(v[1]);
        v[2] = v[2].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[1]);
        v[0] = v[0].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].rotate_left(32);
    }

    fn compress(&mut self, m: u64) {
        self.0[3] ^= m;
        self.round();
        self.round();
        self.0[0] ^= m;
    }
}

/// Standard SipHash-2-4 with 64-bit output (highwayhash::SipHash, which Zeek's HashKey uses).
pub fn siphash24(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut s = SipState([
        0x736f_6d65_7073_6575 ^ k0,
        0x646f_7261_6e64_6f6d ^ k1,
        0x6c79_6765_6e65_7261 ^ k0,
        0x7465_6462_7974_6573 ^ k1,
    ]);
    let mut blocks = data.chunks_exact(8);
    for b in &mut blocks {
        s.compress(u64::from_le_bytes(b.try_into().unwrap()));
    }
    // Final block: the remaining bytes zero-padded, the length's low byte in byte 7.
    s.compress(tail_word(blocks.remainder()) | (data.len() as u64) << 56);
    s.0[2] ^= 0xff;
    for _ in 0..4 {
        s.round();
    }
    s.0[0] ^ s.0[1] ^ s.0[2] ^ s.0[3]
}

/// The last 0..=7 bytes as a little-endian word, assembled in registers: copying them into a
/// buffer first and reading it back as one word stalls on store forwarding (a fifth of a short
/// key's hashing time).
#[inline]
pub(super) fn tail_word(rest: &[u8]) -> u64 {
    let mut word = 0u64;
    let mut at = 0;
    if rest.len() >= 4 {
        word = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
        at = 4;
    }
    if rest.len() - at >= 2 {
        word |= (u16::from_le_bytes([rest[at], rest[at + 1]]) as u64) << (8 * at);
        at += 2;
    }
    if at < rest.len() {
        word |= (rest[at] as u64) << (8 * at);
    }
    word
}

/// The 64-bit hash of serialized key bytes; dictionaries keep only its low 32 bits.
pub fn hash_key(seed: &Seed, bytes: &[u8]) -> u64 {
    siphash24(seed.k0, seed.k1, bytes)
}

/// The 21 numbers of a seed file (Zeek reads them with `fscanf("%u")`): word 0 seeds
/// srandom(), words 1..=20 are the 80-byte buffer Zeek derives its keys from.
pub fn read_seed_words(path: &str) -> std::io::Result<[u32; 21]> {
    let text = std::fs::read_to_string(path)?;
    let words: Vec<u32> = text
        .split_whitespace()
        .take(21)
        // fscanf %u wraps out-of-range and negative input modulo 2^32.
        .map(|w| w.parse::<i64>().map(|v| v as u32))
        .collect::<Result<_, _>>()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let words: [u32; 21] = words.try_into().map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "seed file needs 21 unsigned integers",
        )
    })?;
    Ok(words)
}
