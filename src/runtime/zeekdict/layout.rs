//! How a dictionary's entries and slots are stored: short key bytes inside the entry, 8-byte
//! slots carrying a hash fragment, bucket arithmetic, and cache prefetching for iteration.

use super::hash::tail_word;

pub(super) const FIB: u64 = 0x9E37_79B9_7F4A_7C15;

/// A stored entry. Slots refer to entries by id so relocations move 8 bytes, not keys.
#[derive(Clone, Debug)]
pub struct Entry<K, V> {
    pub(super) bytes: KeyBytes,
    pub(super) h32: u32,
    pub key: K,
    pub value: V,
    /// Index into `ZeekDict::order` (ordered dictionaries only).
    pub(super) order_pos: u32,
}

impl<K, V> Entry<K, V> {
    #[inline]
    pub(super) fn new(bytes: &[u8], h32: u32, key: K, value: V) -> Entry<K, V> {
        Entry {
            bytes: KeyBytes::new(bytes),
            h32,
            key,
            value,
            order_pos: 0,
        }
    }

    /// The serialized key the entry was placed by.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }
    /// The stored 32-bit hash (copies reuse it).
    pub fn h32(&self) -> u32 {
        self.h32
    }
}

/// Serialized key bytes, kept inside the entry when short (counts, ints, addresses, short
/// strings), so confirming a lookup's hit costs no further cache miss.
#[derive(Clone, Debug)]
pub(super) enum KeyBytes {
    Inline {
        len: u8,
        buf: [u8; INLINE_KEY],
    },
    /// A thin pointer, so the whole type stays 16 bytes.
    Heap(Box<Box<[u8]>>),
}

pub(super) const INLINE_KEY: usize = 14;

/// Up to 14 bytes as two zero-padded little-endian words. Inline keys are built and compared
/// this way: a variable-length copy or compare is a library call, and a buffer written bytewise
/// then read as words stalls on store forwarding.
#[inline]
pub(super) fn short_words(bytes: &[u8]) -> (u64, u64) {
    debug_assert!(bytes.len() <= INLINE_KEY);
    match bytes.split_first_chunk::<8>() {
        Some((lo, rest)) => (u64::from_le_bytes(*lo), tail_word(rest)),
        None => (tail_word(bytes), 0),
    }
}

impl KeyBytes {
    #[inline]
    pub(super) fn new(bytes: &[u8]) -> KeyBytes {
        if bytes.len() > INLINE_KEY {
            return KeyBytes::Heap(Box::new(bytes.into()));
        }
        let (lo, hi) = short_words(bytes);
        let mut buf = [0; INLINE_KEY];
        buf[..8].copy_from_slice(&lo.to_le_bytes());
        buf[8..].copy_from_slice(&hi.to_le_bytes()[..INLINE_KEY - 8]);
        KeyBytes::Inline {
            len: bytes.len() as u8,
            buf,
        }
    }

    /// Whether these are exactly `bytes`.
    #[inline]
    pub(super) fn equals(&self, bytes: &[u8]) -> bool {
        match self {
            KeyBytes::Inline { len, buf } => {
                let (lo, rest) = buf.split_first_chunk::<8>().expect("14 bytes");
                let mut hi = [0; 8];
                hi[..INLINE_KEY - 8].copy_from_slice(rest);
                *len as usize == bytes.len()
                    && (u64::from_le_bytes(*lo), u64::from_le_bytes(hi)) == short_words(bytes)
            }
            KeyBytes::Heap(b) => b[..] == *bytes,
        }
    }

    #[inline]
    pub(super) fn as_slice(&self) -> &[u8] {
        match self {
            KeyBytes::Inline { len, buf } => &buf[..*len as usize],
            KeyBytes::Heap(b) => b,
        }
    }
}

/// An occupied table slot: a fragment of the entry's hash (so probing rarely touches entries),
/// its distance from its bucket and its entry id.
#[derive(Clone, Copy, Debug)]
pub(super) struct Slot {
    pub(super) frag: u16,
    pub(super) dist: u32,
    pub(super) id: u32,
}

/// The part of a hash a slot keeps: bits 16..32 of the Fibonacci product whose low bits are
/// the bucket. It filters probes, and with a bucket of at least 16 bits it gives the bucket in
/// any larger geometry, so remapping a large table does not read its entries.
pub(super) fn frag_of(h32: u32) -> u16 {
    ((h32 as u64).wrapping_mul(FIB) >> 16) as u16
}

/// Bits of bucket a slot's own position must carry for `frag` to complete it.
pub(super) const FRAG_SHIFT: u32 = 16;

/// A slot as stored: 8 bytes, so the slot array of a large table takes half the cache it would
/// with the full hash (lookups are dominated by that array's cache misses). The distance is 16
/// bits wide as in Zeek, whose empty marker 0xFFFF it can never reach.
#[derive(Clone, Copy, Debug)]
pub(super) struct PackedSlot {
    pub(super) id: u32,
    pub(super) dist: u16,
    pub(super) frag: u16,
}

impl PackedSlot {
    pub(super) const EMPTY: PackedSlot = PackedSlot {
        id: u32::MAX,
        dist: 0,
        frag: 0,
    };

    pub(super) fn new(s: Slot) -> PackedSlot {
        debug_assert!(s.dist < 0xFFFF, "cluster longer than Zeek's distance field");
        PackedSlot {
            id: s.id,
            dist: s.dist.min(0xFFFE) as u16,
            frag: s.frag,
        }
    }

    #[inline]
    pub(super) fn get(self) -> Option<Slot> {
        (self.id != u32::MAX).then_some(Slot {
            frag: self.frag,
            dist: self.dist as u32,
            id: self.id,
        })
    }

    #[inline]
    pub(super) fn is_empty(self) -> bool {
        self.id == u32::MAX
    }
}

/// How many positions ahead of an iteration cursor entries are fetched into the cache.
pub(super) const PREFETCH_AHEAD: usize = 16;

/// Asks the CPU to start loading `*x` (all of its cache lines) into the cache; only a hint.
#[inline]
pub(super) fn prefetch<T>(x: &T) {
    let start = x as *const T as *const u8;
    prefetch_addr(start);
    prefetch_addr(start.wrapping_add(std::mem::size_of::<T>().saturating_sub(1)));
}

/// Asks the CPU to start loading the cache line holding `addr`; any address will do (a
/// prefetch never faults and changes nothing but the cache).
#[inline]
pub fn prefetch_addr(addr: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 has no architectural effect and does not fault on any address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(addr as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = addr;
}

/// The part of `v` at `range`, clamped to its length.
pub(super) fn clamped<T>(v: &[T], range: std::ops::Range<usize>) -> &[T] {
    let end = range.end.min(v.len());
    &v[range.start.min(end)..end]
}

pub(super) fn bucket_of(h32: u32, bits: u32) -> usize {
    // The low `bits` bits of the Fibonacci product (Zeek shifts left then right).
    if bits == 0 {
        return 0;
    }
    ((h32 as u64).wrapping_mul(FIB) & ((1u64 << bits) - 1)) as usize
}
