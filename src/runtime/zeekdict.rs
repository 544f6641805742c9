//! Zeek's table/set iteration order: SipHash-2-4 keyed from the seed, CompositeHash key bytes and
//! the clustered open-addressing `zeek::Dictionary`, ported from shared/docs/hash-order (SPEC.md,
//! reference model zeekorder.py).
// Tables use this storage (src/runtime/table.rs). Robust iteration (for table expiration) and the
// set-algebra helpers are exercised by the tests only until expiration and `&`/`-=` move here.
#![cfg_attr(not(test), allow(dead_code))]

use std::hash::{BuildHasher, Hasher};

// ---------------------------------------------------------------------------------------------
// Seed and SipHash (SPEC §1, §2)
// ---------------------------------------------------------------------------------------------

/// The SipHash key Zeek derives from its seed (SPEC §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seed {
    pub k0: u64,
    pub k1: u64,
}

impl Seed {
    /// Reads a `ZEEK_SEED_FILE`: 21 whitespace-separated unsigned ints (Zeek uses `fscanf("%u")`).
    pub fn from_file(path: &str) -> std::io::Result<Seed> {
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
        Ok(Seed::from_words(&words))
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
fn tail_word(rest: &[u8]) -> u64 {
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

// ---------------------------------------------------------------------------------------------
// Key serialization: CompositeHash::MakeHashKey (SPEC §3)
// ---------------------------------------------------------------------------------------------

/// One index value, reduced to what its hash-key encoding needs (independent of `Value`).
#[derive(Clone, Debug, PartialEq)]
pub enum KeyPart {
    Bool(bool),
    Count(u64),
    Int(i64),
    Double(f64),
    Time(f64),
    /// In seconds.
    Interval(f64),
    Str(Vec<u8>),
    /// Network order; IPv4 as `::ffff:a.b.c.d`.
    Addr([u8; 16]),
    /// Masked prefix (v4-mapped for IPv4) and width: 0..=32 for IPv4, 0..=128 for IPv6.
    Subnet([u8; 16], u8),
    /// Number and protocol: 0 unknown, 1 tcp, 2 udp, 3 icmp.
    Port(u32, u8),
    /// The enum's integer value.
    Enum(i64),
    /// The two texts Zeek hashes (see [`KeyPart::pattern`]).
    Pattern {
        exact: Vec<u8>,
        anywhere: Vec<u8>,
    },
    /// A function's per-table-type id (numbered in order of first hashing).
    Func(u32),
    Record(Vec<Field>),
    /// A set or table used inside an index; element order does not matter (it is sorted).
    Table(Vec<TableElem>),
    /// Elements with holes as `None`.
    Vector(Vec<Option<KeyPart>>),
}

/// A record field of an index record: `&optional` fields get a presence byte.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub value: Option<KeyPart>,
    pub optional: bool,
}

/// An element of a set/table nested in an index.
#[derive(Clone, Debug, PartialEq)]
pub struct TableElem {
    pub index: Vec<KeyPart>,
    /// The yield value for tables; `None` for sets.
    pub value: Option<KeyPart>,
    /// Sort key: the element's 32-bit hash as the inner table stores it (the full 64-bit hash if
    /// that is 0, as Zeek then recomputes it). [`TableElem::new`] computes it.
    pub sort_hash: u64,
}

impl TableElem {
    pub fn new(seed: &Seed, index: Vec<KeyPart>, value: Option<KeyPart>) -> TableElem {
        let h = hash_key(seed, &key_bytes(&index));
        let h32 = h & 0xffff_ffff;
        let sort_hash = if h32 != 0 { h32 } else { h };
        TableElem {
            index,
            value,
            sort_hash,
        }
    }
}

impl KeyPart {
    /// The texts Zeek hashes for `/p/` (or `/p/i`): its exact and anywhere matcher sources.
    pub fn pattern(p: &str, case_insensitive: bool) -> KeyPart {
        let mut exact = format!("^?({p})$?");
        let mut anywhere = format!("^?(.|\\n)*({p})");
        if case_insensitive {
            exact = format!("(?i:{exact})");
            anywhere = format!("(?i:{anywhere})");
        }
        KeyPart::Pattern {
            exact: exact.into_bytes(),
            anywhere: anywhere.into_bytes(),
        }
    }

    pub fn addr(ip: std::net::IpAddr) -> KeyPart {
        KeyPart::Addr(v6_bytes(ip))
    }

    /// Masks the address to the prefix; `width` is relative to the address family.
    pub fn subnet(ip: std::net::IpAddr, width: u8) -> KeyPart {
        let mut a = v6_bytes(ip);
        let bits = if ip.is_ipv4() {
            96 + width as usize
        } else {
            width as usize
        };
        for (i, b) in a.iter_mut().enumerate() {
            let keep = bits.saturating_sub(i * 8).min(8);
            *b &= !(0xffu16 >> keep) as u8;
        }
        KeyPart::Subnet(a, width)
    }
}

fn v6_bytes(ip: std::net::IpAddr) -> [u8; 16] {
    match ip {
        std::net::IpAddr::V4(a) => a.to_ipv6_mapped().octets(),
        std::net::IpAddr::V6(a) => a.octets(),
    }
}

/// Rounds `off` up to `align` (a power of two; 0 = none), as HashKey's Reserve/AlignWrite do.
fn align_up(off: usize, align: usize) -> usize {
    if align == 0 {
        return off;
    }
    (off + align - 1) & !(align - 1)
}

/// Builds a key the way Zeek's HashKey does: a reserve pass sizes the buffer, a write pass fills
/// it. The passes are kept separate because they disagree for vectors (see `reserve`).
struct KeyBuf {
    size: usize,
    buf: Vec<u8>,
}

impl KeyBuf {
    fn reserve(&mut self, n: usize, align: usize) {
        self.size = align_up(self.size, align) + n;
    }

    fn write(&mut self, raw: &[u8], align: usize) {
        // Zero-filled padding; the buffer is exactly `size` long, never longer.
        let at = align_up(self.buf.len(), align);
        self.buf.resize(at, 0);
        self.buf.extend_from_slice(raw);
    }

    fn write_len(&mut self, n: usize) {
        self.write(&(n as u32).to_le_bytes(), 4);
    }
}

/// The 8-byte scalar encoding of the INT/UNSIGNED/DOUBLE internal types, or `None` otherwise.
fn scalar8(p: &KeyPart) -> Option<[u8; 8]> {
    Some(match p {
        KeyPart::Bool(b) => (*b as i64).to_le_bytes(),
        KeyPart::Int(i) | KeyPart::Enum(i) => i.to_le_bytes(),
        KeyPart::Count(c) => c.to_le_bytes(),
        KeyPart::Port(n, proto) => (*n as u64 | (*proto as u64 & 3) << 16).to_le_bytes(),
        KeyPart::Double(d) | KeyPart::Time(d) | KeyPart::Interval(d) => d.to_le_bytes(),
        _ => return None,
    })
}

fn subnet_bytes(a: &[u8; 16], w: u8) -> [u8; 20] {
    let mut out = [0u8; 20];
    out[..16].copy_from_slice(a);
    out[16..].copy_from_slice(&(w as i32).to_le_bytes());
    out
}

/// Nested table elements in serialized order: by (hash, inner key length, inner key bytes).
fn sorted_elems(elems: &[TableElem]) -> Vec<&TableElem> {
    let mut v: Vec<(u64, Vec<u8>, &TableElem)> = elems
        .iter()
        .map(|e| (e.sort_hash, key_bytes(&e.index), e))
        .collect();
    v.sort_by(|a, b| (a.0, a.1.len(), &a.1).cmp(&(b.0, b.1.len(), &b.1)));
    v.into_iter().map(|(_, _, e)| e).collect()
}

/// Reserve pass for one composite item (ReserveSingleTypeKeySize with singleton = false).
fn reserve_item(kb: &mut KeyBuf, p: &KeyPart) {
    if scalar8(p).is_some() {
        return kb.reserve(8, 8);
    }
    match p {
        KeyPart::Addr(_) => kb.reserve(16, 4),
        KeyPart::Subnet(..) => kb.reserve(20, 4),
        KeyPart::Func(_) => kb.reserve(4, 4),
        KeyPart::Str(s) => {
            kb.reserve(4, 4);
            kb.reserve(s.len(), 0);
        }
        KeyPart::Pattern { exact, anywhere } => {
            kb.reserve(8, 8);
            kb.reserve(8, 8);
            kb.reserve(exact.len() + 1, 0);
            kb.reserve(anywhere.len() + 1, 0);
        }
        KeyPart::Record(fields) => fields.iter().for_each(|f| reserve_field(kb, f)),
        KeyPart::Table(elems) => {
            kb.reserve(4, 4);
            for e in elems {
                kb.reserve(4, 4);
                e.index.iter().for_each(|c| reserve_item(kb, c));
                e.value.iter().for_each(|v| reserve_item(kb, v));
            }
        }
        KeyPart::Vector(items) => {
            kb.reserve(4, 4);
            for it in items {
                kb.reserve(4, 4);
                // Zeek reserves the presence flag as 4 aligned bytes but writes 1 (SPEC §3 quirk).
                kb.reserve(4, 4);
                it.iter().for_each(|v| reserve_item(kb, v));
            }
        }
        _ => unreachable!("scalars handled above"),
    }
}

fn reserve_field(kb: &mut KeyBuf, f: &Field) {
    if f.optional {
        kb.reserve(1, 0);
    }
    f.value.iter().for_each(|v| reserve_item(kb, v));
}

/// Write pass for one composite item (SingleValHash with singleton = false).
fn write_item(kb: &mut KeyBuf, p: &KeyPart) {
    if let Some(b) = scalar8(p) {
        return kb.write(&b, 8);
    }
    match p {
        KeyPart::Addr(a) => kb.write(a, 4),
        KeyPart::Subnet(a, w) => kb.write(&subnet_bytes(a, *w), 4),
        KeyPart::Func(id) => kb.write(&id.to_le_bytes(), 4),
        KeyPart::Str(s) => {
            kb.write_len(s.len());
            kb.write(s, 0);
        }
        KeyPart::Pattern { exact, anywhere } => {
            kb.write(&(exact.len() as u64 + 1).to_le_bytes(), 8);
            kb.write(&(anywhere.len() as u64 + 1).to_le_bytes(), 8);
            write_pattern_texts(kb, exact, anywhere);
        }
        KeyPart::Record(fields) => fields.iter().for_each(|f| write_field(kb, f)),
        KeyPart::Table(elems) => write_table(kb, elems),
        KeyPart::Vector(items) => {
            kb.write_len(items.len());
            for (i, it) in items.iter().enumerate() {
                kb.write_len(i);
                kb.write(&[it.is_some() as u8], 0);
                it.iter().for_each(|v| write_item(kb, v));
            }
        }
        _ => unreachable!("scalars handled above"),
    }
}

fn write_pattern_texts(kb: &mut KeyBuf, exact: &[u8], anywhere: &[u8]) {
    kb.write(exact, 0);
    kb.write(&[0], 0);
    kb.write(anywhere, 0);
    kb.write(&[0], 0);
}

fn write_field(kb: &mut KeyBuf, f: &Field) {
    if f.optional {
        kb.write(&[f.value.is_some() as u8], 0);
    }
    match &f.value {
        Some(v) => write_item(kb, v),
        // Zeek refuses such a key; the caller must not build one. Encode nothing rather than panic.
        None => debug_assert!(f.optional, "unset non-optional record field in an index"),
    }
}

fn write_table(kb: &mut KeyBuf, elems: &[TableElem]) {
    kb.write_len(elems.len());
    for e in sorted_elems(elems) {
        kb.write_len(e.index.len());
        e.index.iter().for_each(|c| write_item(kb, c));
        e.value.iter().for_each(|v| write_item(kb, v));
    }
}

/// Key bytes of a one-type index: scalars, strings and patterns without framing; containers
/// are encoded like composite items.
fn singleton_bytes(p: &KeyPart) -> Vec<u8> {
    if let Some(b) = scalar8(p) {
        return b.to_vec();
    }
    match p {
        KeyPart::Addr(a) => a.to_vec(),
        KeyPart::Subnet(a, w) => subnet_bytes(a, *w).to_vec(),
        KeyPart::Func(id) => id.to_le_bytes().to_vec(),
        KeyPart::Str(s) => s.clone(),
        KeyPart::Pattern { exact, anywhere } => {
            let mut kb = KeyBuf {
                size: 0,
                buf: Vec::new(),
            };
            write_pattern_texts(&mut kb, exact, anywhere);
            kb.buf
        }
        _ => composite_bytes(std::slice::from_ref(p)),
    }
}

fn composite_bytes(parts: &[KeyPart]) -> Vec<u8> {
    let mut kb = KeyBuf {
        size: 0,
        buf: Vec::new(),
    };
    parts.iter().for_each(|p| reserve_item(&mut kb, p));
    kb.buf.reserve_exact(kb.size);
    parts.iter().for_each(|p| write_item(&mut kb, p));
    // Reserved-but-unwritten bytes (the vector flag quirk) are uninitialised heap in Zeek; zero
    // here. Writes never exceed the reservation, so only padding up to `size` can be missing.
    let size = kb.size.max(kb.buf.len());
    kb.buf.resize(size, 0);
    kb.buf
}

/// The hash-key bytes of an index: singleton encoding for one part, composite for several.
pub fn key_bytes(parts: &[KeyPart]) -> Vec<u8> {
    match parts {
        [one] => singleton_bytes(one),
        _ => composite_bytes(parts),
    }
}

// ---------------------------------------------------------------------------------------------
// The dictionary (SPEC §4)
// ---------------------------------------------------------------------------------------------

const FIB: u64 = 0x9E37_79B9_7F4A_7C15;
const REMAP_ENTRIES: usize = 16;
const LOAD_FACTOR_100: usize = 75;
const MIN_LOAD_FACTOR_100: usize = 25;
const SPACE_DISTANCE_THRESHOLD: usize = 32;
const MIN_SPACE_DISTANCE_SAMPLES: usize = 128;
const THRESHOLD_BITS: u32 = 3;

/// A stored entry. Slots refer to entries by id so relocations move 12 bytes, not keys.
#[derive(Clone, Debug)]
pub struct Entry<K, V> {
    bytes: KeyBytes,
    h32: u32,
    pub key: K,
    pub value: V,
    /// Index into `ZeekDict::order` (ordered dictionaries only).
    order_pos: u32,
}

impl<K, V> Entry<K, V> {
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
enum KeyBytes {
    Inline {
        len: u8,
        buf: [u8; INLINE_KEY],
    },
    /// A thin pointer, so the whole type stays 16 bytes.
    Heap(Box<Box<[u8]>>),
}

const INLINE_KEY: usize = 14;

/// Up to 14 bytes as two zero-padded little-endian words. Inline keys are built and compared
/// this way: a variable-length copy or compare is a library call, and a buffer written bytewise
/// then read as words stalls on store forwarding.
#[inline]
fn short_words(bytes: &[u8]) -> (u64, u64) {
    debug_assert!(bytes.len() <= INLINE_KEY);
    match bytes.split_first_chunk::<8>() {
        Some((lo, rest)) => (u64::from_le_bytes(*lo), tail_word(rest)),
        None => (tail_word(bytes), 0),
    }
}

impl KeyBytes {
    #[inline]
    fn new(bytes: &[u8]) -> KeyBytes {
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
    fn equals(&self, bytes: &[u8]) -> bool {
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
    fn as_slice(&self) -> &[u8] {
        match self {
            KeyBytes::Inline { len, buf } => &buf[..*len as usize],
            KeyBytes::Heap(b) => b,
        }
    }
}

/// An occupied table slot: a fragment of the entry's hash (so probing rarely touches entries),
/// its distance from its bucket and its entry id.
#[derive(Clone, Copy, Debug)]
struct Slot {
    frag: u16,
    dist: u32,
    id: u32,
}

/// The part of a hash a slot keeps: bits 16..32 of the Fibonacci product whose low bits are
/// the bucket. It filters probes, and with a bucket of at least 16 bits it gives the bucket in
/// any larger geometry, so remapping a large table does not read its entries.
fn frag_of(h32: u32) -> u16 {
    ((h32 as u64).wrapping_mul(FIB) >> 16) as u16
}

/// Bits of bucket a slot's own position must carry for `frag` to complete it.
const FRAG_SHIFT: u32 = 16;

/// A slot as stored: 8 bytes, so the slot array of a large table takes half the cache it would
/// with the full hash (lookups are dominated by that array's cache misses). The distance is 16
/// bits wide as in Zeek, whose empty marker 0xFFFF it can never reach.
#[derive(Clone, Copy, Debug)]
struct PackedSlot {
    id: u32,
    dist: u16,
    frag: u16,
}

impl PackedSlot {
    const EMPTY: PackedSlot = PackedSlot {
        id: u32::MAX,
        dist: 0,
        frag: 0,
    };

    fn new(s: Slot) -> PackedSlot {
        debug_assert!(s.dist < 0xFFFF, "cluster longer than Zeek's distance field");
        PackedSlot {
            id: s.id,
            dist: s.dist.min(0xFFFE) as u16,
            frag: s.frag,
        }
    }

    #[inline]
    fn get(self) -> Option<Slot> {
        (self.id != u32::MAX).then_some(Slot {
            frag: self.frag,
            dist: self.dist as u32,
            id: self.id,
        })
    }

    #[inline]
    fn is_empty(self) -> bool {
        self.id == u32::MAX
    }
}

/// zeek::Dictionary: iteration order is ascending slot order, or first-insertion order when
/// `ordered` (`&ordered`). Keys are caller objects `K` placed by their serialized bytes and hash.
#[derive(Clone, Debug)]
pub struct ZeekDict<K, V> {
    log2: u32,
    /// Empty until the first insert (Zeek allocates lazily); then exactly `capacity()` long.
    slots: Vec<PackedSlot>,
    entries: Vec<Option<Entry<K, V>>>,
    free: Vec<u32>,
    /// Number of SizeUps whose remap is still in progress.
    remaps: u32,
    /// The next slot the incremental remap examines; -1 when no remap is pending.
    remap_end: isize,
    n: usize,
    sd_sum: usize,
    sd_samples: usize,
    /// Live iterators: while > 0 no remap step runs (SPEC §5).
    iterators: u32,
    /// Robust iterators (table expiration), indexed by `RobustId`; `None` = ended.
    robust: Vec<Option<Robust>>,
    /// Entry ids in first-insertion order, `None` for removed ones (compacted when sparse).
    order: Option<Vec<Option<u32>>>,
}

/// How many positions ahead of an iteration cursor entries are fetched into the cache.
const PREFETCH_AHEAD: usize = 16;

/// Asks the CPU to start loading `*x` (all of its cache lines) into the cache; only a hint.
#[inline]
fn prefetch<T>(x: &T) {
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
fn clamped<T>(v: &[T], range: std::ops::Range<usize>) -> &[T] {
    let end = range.end.min(v.len());
    &v[range.start.min(end)..end]
}

fn bucket_of(h32: u32, bits: u32) -> usize {
    // The low `bits` bits of the Fibonacci product (Zeek shifts left then right).
    if bits == 0 {
        return 0;
    }
    ((h32 as u64).wrapping_mul(FIB) & ((1u64 << bits) - 1)) as usize
}

impl<K, V> ZeekDict<K, V> {
    pub fn new(ordered: bool) -> ZeekDict<K, V> {
        ZeekDict {
            log2: 0,
            slots: Vec::new(),
            entries: Vec::new(),
            free: Vec::new(),
            remaps: 0,
            remap_end: -1,
            n: 0,
            sd_sum: 0,
            sd_samples: 0,
            iterators: 0,
            robust: Vec::new(),
            order: ordered.then(Vec::new),
        }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    pub fn is_ordered(&self) -> bool {
        self.order.is_some()
    }

    /// A script-level iterator (`for`, print) is alive: remap steps are suspended until
    /// `end_iteration`, so lookups and inserts inside a loop do not move entries.
    pub fn begin_iteration(&mut self) {
        self.iterators += 1;
    }

    pub fn end_iteration(&mut self) {
        self.iterators = self.iterators.saturating_sub(1);
        // Zeek does not resume the remap here; the next insert does.
    }

    fn capacity(&self) -> usize {
        self.slots.len()
    }

    fn occupied(&self, i: usize) -> bool {
        !self.slots[i].is_empty()
    }

    fn slot(&self, i: usize) -> Slot {
        self.slots[i].get().expect("occupied slot")
    }

    /// BucketByPosition for an occupied slot.
    fn bucket_at(&self, i: usize) -> usize {
        i - self.slot(i).dist as usize
    }

    fn entry(&self, id: u32) -> &Entry<K, V> {
        self.entries[id as usize].as_ref().expect("live entry")
    }

    fn entry_mut(&mut self, id: u32) -> &mut Entry<K, V> {
        self.entries[id as usize].as_mut().expect("live entry")
    }

    fn threshold(&self) -> usize {
        let c = self.capacity();
        if self.log2 <= THRESHOLD_BITS {
            c
        } else {
            c * LOAD_FACTOR_100 / 100
        }
    }

    /// First slot after bucket `b`'s cluster (and any overhang of earlier buckets).
    fn end_by_bucket(&self, b: usize) -> usize {
        let mut i = b;
        while i < self.capacity() && self.occupied(i) && self.bucket_at(i) <= b {
            i += 1;
        }
        i
    }

    /// Last slot of the cluster containing occupied slot `p`.
    fn tail_by_pos(&self, p: usize) -> usize {
        let b = self.bucket_at(p);
        let mut i = p;
        while i < self.capacity() && self.occupied(i) && self.bucket_at(i) == b {
            i += 1;
        }
        i - 1
    }

    // --- lookup ------------------------------------------------------------------------------

    /// Scans bucket `begin`'s cluster below `end`: `Ok(slot)` if found, else `Err(insert pos)`.
    fn lookup_range(
        &self,
        bytes: &[u8],
        h32: u32,
        begin: usize,
        end: usize,
    ) -> Result<usize, usize> {
        let end = end.min(self.capacity());
        let mut i = begin;
        while i < end && self.occupied(i) && self.bucket_at(i) <= begin {
            let s = self.slot(i);
            if self.bucket_at(i) == begin
                && s.frag == frag_of(h32)
                && self.entry(s.id).bytes.equals(bytes)
            {
                return Ok(i);
            }
            i += 1;
        }
        Err(i)
    }

    /// Finds `bytes` in the current geometry, then in the geometries of pending remaps; an entry
    /// found in an old geometry is remapped right away unless an iterator is alive (SPEC §4).
    fn lookup_index(&mut self, bytes: &[u8], h32: u32) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let b = bucket_of(h32, self.log2);
        let ip = match self.lookup_range(bytes, h32, b, self.capacity()) {
            Ok(p) => return Ok(p),
            Err(ip) => ip,
        };
        for i in 1..=self.remaps.min(self.log2) {
            let pb = bucket_of(h32, self.log2 - i);
            if (pb as isize) > self.remap_end {
                continue;
            }
            let end = self.remap_end as usize + 1;
            if let Ok(p) = self.lookup_range(bytes, h32, pb, end) {
                if self.iterators == 0 {
                    return Ok(self.remap_one(p).unwrap_or(p));
                }
                return Ok(p);
            }
        }
        Err(ip)
    }

    /// Slot of `bytes` without side effects (never remaps; for callers holding `&self`).
    fn find(&self, bytes: &[u8], h32: u32) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let b = bucket_of(h32, self.log2);
        if let Ok(p) = self.lookup_range(bytes, h32, b, self.capacity()) {
            return Some(p);
        }
        (1..=self.remaps.min(self.log2)).find_map(|i| {
            let pb = bucket_of(h32, self.log2 - i);
            let end = (self.remap_end + 1).max(0) as usize;
            self.lookup_range(bytes, h32, pb, end).ok()
        })
    }

    /// `k in t` / `t[k]`: a Zeek lookup, which may advance a pending remap.
    pub fn get(&mut self, bytes: &[u8], hash: u64) -> Option<&V> {
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        Some(&self.entry(self.slot(p).id).value)
    }

    pub fn get_mut(&mut self, bytes: &[u8], hash: u64) -> Option<&mut V> {
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        let id = self.slot(p).id;
        Some(&mut self.entry_mut(id).value)
    }

    /// Like `get` but returns the whole entry (the caller's key object too).
    pub fn get_entry(&mut self, bytes: &[u8], hash: u64) -> Option<&Entry<K, V>> {
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        Some(self.entry(self.slot(p).id))
    }

    pub fn contains(&mut self, bytes: &[u8], hash: u64) -> bool {
        self.lookup_index(bytes, hash as u32).is_ok()
    }

    /// A read that leaves the layout alone (not a Zeek operation: use for internal reads such as
    /// printing a value, where Zeek would not perform a lookup at all).
    pub fn peek(&self, bytes: &[u8], hash: u64) -> Option<&Entry<K, V>> {
        let p = self.find(bytes, hash as u32)?;
        Some(self.entry(self.slot(p).id))
    }

    // --- insert ------------------------------------------------------------------------------

    #[inline]
    fn alloc_entry(&mut self, e: Entry<K, V>) -> u32 {
        match self.free.pop() {
            Some(id) => {
                self.entries[id as usize] = Some(e);
                id
            }
            None => {
                self.entries.push(Some(e));
                (self.entries.len() - 1) as u32
            }
        }
    }

    /// `t[k] = v` / `add s[k]`: whether the key is new. An existing key keeps its position (and
    /// its stored key object); its old value is dropped in place.
    pub fn insert(&mut self, bytes: &[u8], hash: u64, key: K, value: V) -> bool {
        self.upsert(bytes, hash, key, value, |old, new| *old = new)
            .is_none()
    }

    /// `insert` that hands back the replaced value (for `&on_change`).
    pub fn replace(&mut self, bytes: &[u8], hash: u64, key: K, value: V) -> Option<V> {
        self.upsert(bytes, hash, key, value, std::mem::replace)
    }

    /// Zeek's Insert; `existing` stores the value over an existing key's.
    #[inline]
    fn upsert<R>(
        &mut self,
        bytes: &[u8],
        hash: u64,
        key: K,
        value: V,
        existing: impl FnOnce(&mut V, V) -> R,
    ) -> Option<R> {
        let h32 = hash as u32;
        if self.slots.is_empty() {
            self.slots = vec![PackedSlot::EMPTY; (1usize << self.log2) + self.log2 as usize];
        }
        let result = match self.lookup_index(bytes, h32) {
            Ok(p) => {
                let id = self.slot(p).id;
                Some(existing(&mut self.entry_mut(id).value, value))
            }
            Err(ip) => {
                self.insert_new(bytes, h32, key, value, ip);
                None
            }
        };
        if self.remap_end >= 0 {
            self.remap();
        }
        result
    }

    fn insert_new(&mut self, bytes: &[u8], h32: u32, key: K, value: V, ip: usize) {
        let order_pos = self.order.as_ref().map_or(0, |o| o.len() as u32);
        let id = self.alloc_entry(Entry {
            bytes: KeyBytes::new(bytes),
            h32,
            key,
            value,
            order_pos,
        });
        if let Some(o) = &mut self.order {
            o.push(Some(id));
        }
        let dist = (ip - bucket_of(h32, self.log2)) as u32;
        let frag = frag_of(h32);
        let last = self.insert_and_relocate(Slot { frag, dist, id }, ip);
        let moved = self.slot(last).id;
        self.robust_adjust_on_insert(moved, ip, last);
        self.sd_sum += last - ip;
        self.sd_samples += 1;
        // An eviction chain that carried an unremapped entry past remap_end must not hide it.
        if self.remap_end >= 0 && ip as isize <= self.remap_end && self.remap_end < last as isize {
            self.remap_end = last as isize;
        }
        self.n += 1;
        if self.n > self.threshold() || self.too_spread() {
            self.size_up();
        }
    }

    /// The secondary SizeUp trigger: many inserts that each displaced long chains.
    fn too_spread(&self) -> bool {
        self.sd_samples > MIN_SPACE_DISTANCE_SAMPLES
            && self.sd_sum > self.sd_samples * SPACE_DISTANCE_THRESHOLD
            && self.n > MIN_LOAD_FACTOR_100 * self.capacity() / 100
    }

    /// Puts `s` at `p`; an occupant (head of a later cluster) moves to its cluster's end, and so
    /// on. Running off the table grows it. Returns the last slot written.
    fn insert_and_relocate(&mut self, mut s: Slot, mut p: usize) -> usize {
        loop {
            if p >= self.capacity() {
                self.size_up();
                self.slots[p] = PackedSlot::new(s);
                return p;
            }
            let Some(mut t) = self.slots[p].get() else {
                self.slots[p] = PackedSlot::new(s);
                return p;
            };
            let next = self.tail_by_pos(p) + 1;
            t.dist += (next - p) as u32;
            self.slots[p] = PackedSlot::new(s);
            s = t;
            p = next;
        }
    }

    // --- remove ------------------------------------------------------------------------------

    /// `delete t[k]`: whether the key was there. The entry is dropped where it lies (moving
    /// it out first, only to drop it, costs more than the rest of a removal).
    pub fn remove(&mut self, bytes: &[u8], hash: u64) -> bool {
        let Ok(p) = self.lookup_index(bytes, hash as u32) else {
            return false;
        };
        let (s, last) = self.remove_and_relocate(p);
        self.robust_adjust_on_remove(s.id, p, last);
        self.n -= 1;
        let order_pos = self.entry(s.id).order_pos;
        self.entries[s.id as usize] = None;
        self.free.push(s.id);
        self.forget_order(order_pos as usize);
        true
    }

    fn forget_order(&mut self, pos: usize) {
        let Some(order) = &mut self.order else { return };
        order[pos] = None;
        // Compact once mostly tombstones, so iteration stays O(n).
        if order.len() > 32 && order.len() > 2 * self.n {
            let ids: Vec<u32> = order.iter().flatten().copied().collect();
            for (i, id) in ids.iter().enumerate() {
                self.entries[*id as usize].as_mut().unwrap().order_pos = i as u32;
            }
            self.order = Some(ids.into_iter().map(Some).collect());
        }
    }

    /// Frees slot `p` and closes the gap: the tail of each following cluster moves left.
    /// Returns the removed slot and the slot that ended up empty.
    fn remove_and_relocate(&mut self, mut p: usize) -> (Slot, usize) {
        let removed = self.slot(p);
        loop {
            let stop =
                p + 1 == self.capacity() || self.slots[p + 1].get().is_none_or(|s| s.dist == 0);
            if stop {
                self.slots[p] = PackedSlot::EMPTY;
                return (removed, p);
            }
            let next = self.tail_by_pos(p + 1);
            let mut m = self.slot(next);
            m.dist -= (next - p) as u32;
            self.slots[p] = PackedSlot::new(m);
            p = next;
        }
    }

    // --- growth and remap --------------------------------------------------------------------

    /// Doubles the buckets; existing entries stay put and are moved by the incremental remap.
    fn size_up(&mut self) {
        let prev = self.capacity();
        self.log2 += 1;
        self.slots.resize(
            (1usize << self.log2) + self.log2 as usize,
            PackedSlot::EMPTY,
        );
        self.remap_end = prev as isize;
        self.remaps += 1;
        self.sd_sum = 0;
        self.sd_samples = 0;
        // Robust iterators that were past the old end stay past the new end.
        let cap = self.capacity() as isize;
        for r in self.robust.iter_mut().flatten() {
            if r.next >= prev as isize {
                r.next = cap;
            }
        }
    }

    /// One remap step: up to 16 moves, scanning slots downward from `remap_end`.
    fn remap(&mut self) {
        if self.iterators > 0 {
            return;
        }
        let mut left = REMAP_ENTRIES;
        while self.remap_end >= 0 && left > 0 {
            let p = self.remap_end as usize;
            if self.occupied(p) && self.remap_one(p).is_some() {
                // Same slot again: something else shifted into it.
                left -= 1;
            } else {
                self.remap_end -= 1;
            }
        }
        if self.remap_end < 0 {
            self.remaps = 0;
        }
    }

    /// Moves the entry at `p` to its bucket in the current geometry; `None` if already there.
    fn remap_one(&mut self, p: usize) -> Option<usize> {
        let cur = self.bucket_at(p);
        let want = self.bucket_now(p, cur);
        if cur == want {
            return None;
        }
        let (mut s, _) = self.remove_and_relocate(p);
        let ip = self.end_by_bucket(want);
        s.dist = (ip - want) as u32;
        self.insert_and_relocate(s, ip);
        Some(ip)
    }

    /// The bucket, in the current geometry, of the entry at `p` whose bucket was `cur` in the
    /// geometry it was placed in.
    fn bucket_now(&self, p: usize, cur: usize) -> usize {
        let s = self.slot(p);
        // Every entry still awaiting a remap was placed with at least this many bucket bits.
        let oldest = self.log2.saturating_sub(self.remaps);
        if oldest < FRAG_SHIFT || self.log2 > 32 {
            return bucket_of(self.entry(s.id).h32, self.log2);
        }
        let low = cur as u64 & ((1 << FRAG_SHIFT) - 1);
        let product = (s.frag as u64) << FRAG_SHIFT | low;
        (product & ((1u64 << self.log2) - 1)) as usize
    }

    // --- iteration and whole-table operations ------------------------------------------------

    /// Entries in Zeek's iteration order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter { dict: self, pos: 0 }
    }

    /// The first entry at iteration position `pos` or later, with its position: a cursor for
    /// loops that run script code between steps and so cannot hold a borrow. Like Zeek's own
    /// loop iterator it walks the live table, so changes the body makes are seen (Zeek warns
    /// about them as possible invalidation). `warm` is shown entries a little ahead of the
    /// cursor, already in the cache, to start loading what they point to.
    pub fn next_from(
        &self,
        pos: usize,
        warm: impl Fn(&Entry<K, V>),
    ) -> Option<(usize, &Entry<K, V>)> {
        let (at, id) = match &self.order {
            Some(o) => o
                .get(pos..)?
                .iter()
                .enumerate()
                .find_map(|(i, id)| Some((i, (*id)?)))?,
            None => {
                let slots = self.slots.get(pos..)?;
                slots
                    .iter()
                    .enumerate()
                    .find_map(|(i, s)| Some((i, s.get()?.id)))?
            }
        };
        let at = pos + at;
        // Entries sit in insertion order but are visited in slot order, so each visit would
        // wait for memory: fetch those a few positions ahead while the caller works. The windows
        // move by as much as the cursor did, so every position is fetched once.
        let window = |ahead: usize| pos + ahead..at + 1 + ahead;
        for id in self.ids_in(window(PREFETCH_AHEAD)) {
            prefetch(&self.entries[id as usize]);
        }
        for id in self.ids_in(window(PREFETCH_AHEAD / 2)) {
            warm(self.entry(id));
        }
        Some((at, self.entry(id)))
    }

    /// Ids of the entries at iteration positions `positions` (clamped to the table).
    fn ids_in(&self, positions: std::ops::Range<usize>) -> impl Iterator<Item = u32> + '_ {
        let (order, slots): (&[Option<u32>], &[PackedSlot]) = match &self.order {
            Some(o) => (clamped(o, positions), &[]),
            None => (&[], clamped(&self.slots, positions)),
        };
        let in_slots = slots.iter().filter(|s| !s.is_empty()).map(|s| s.id);
        order.iter().flatten().copied().chain(in_slots)
    }

    /// `clear_table()`: Zeek installs a fresh dictionary, which is never `&ordered`.
    pub fn clear(&mut self) {
        *self = ZeekDict::new(false);
    }
}

impl<K: Clone, V: Clone> ZeekDict<K, V> {
    /// A new dictionary filled by inserting this one's entries in iteration order, reusing their
    /// stored 32-bit hashes: `copy()` (`ordered` = self's) and `table_keys()` (`ordered` = false).
    /// The result can iterate differently from the original (SPEC §5).
    pub fn rebuilt(&self, ordered: bool) -> ZeekDict<K, V> {
        let mut d = ZeekDict::new(ordered);
        d.extend_from(self);
        d
    }

    /// `copy(t)`: keeps `&ordered`.
    pub fn copy(&self) -> ZeekDict<K, V> {
        self.rebuilt(self.is_ordered())
    }

    /// `a += b`: iterate `other`, insert into self (existing keys get other's value).
    pub fn extend_from(&mut self, other: &ZeekDict<K, V>) {
        for e in other.iter() {
            self.insert(e.bytes(), e.h32 as u64, e.key.clone(), e.value.clone());
        }
    }

    /// `a & b`: a new unordered dictionary with the keys of the smaller operand (`other` on ties)
    /// found in the larger, inserted in the smaller's order. Lookups in the larger may remap it.
    pub fn intersection(&mut self, other: &mut ZeekDict<K, V>) -> ZeekDict<K, V> {
        let (big, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        let mut res = ZeekDict::new(false);
        for e in small.iter() {
            if big.contains(e.bytes(), e.h32 as u64) {
                res.insert(e.bytes(), e.h32 as u64, e.key.clone(), e.value.clone());
            }
        }
        res
    }
}

impl<K, V> ZeekDict<K, V> {
    /// `a -= b`: iterate `other`, remove from self.
    pub fn remove_all_in<V2>(&mut self, other: &ZeekDict<K, V2>) {
        for e in other.iter() {
            self.remove(e.bytes(), e.h32 as u64);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Robust iteration (RobustDictIterator, used by table expiration; SPEC §5)
// ---------------------------------------------------------------------------------------------

/// A live robust iterator. Entries are referred to by id: an id stays valid while its entry
/// lives, and removals purge ids from these lists before they could be reused.
#[derive(Clone, Debug)]
struct Robust {
    /// The next slot to visit (-1 before the first step).
    next: isize,
    /// Entries moved from behind the cursor to before it; visited next, last in first out.
    inserted: Vec<u32>,
    /// Entries moved from before the cursor to behind it, already visited: skipped once.
    visited: Vec<u32>,
    curr: Option<u32>,
    done: bool,
}

/// Handle of a robust iterator on one `ZeekDict`.
#[derive(Debug, PartialEq, Eq)]
pub struct RobustId(usize);

impl<K, V> ZeekDict<K, V> {
    /// Starts a robust iteration (it blocks remaps until it ends). The dictionary may be changed
    /// meanwhile; every entry present throughout is visited once, in Zeek's order.
    pub fn robust_begin(&mut self) -> RobustId {
        self.iterators += 1;
        let r = Robust {
            next: -1,
            inserted: Vec::new(),
            visited: Vec::new(),
            curr: None,
            done: false,
        };
        let id = match self.robust.iter().position(Option::is_none) {
            Some(i) => i,
            None => {
                self.robust.push(None);
                self.robust.len() - 1
            }
        };
        self.robust[id] = Some(r);
        let it = RobustId(id);
        self.robust_step(&it);
        it
    }

    /// The entry the iterator is on; `None` once it is finished.
    pub fn robust_current(&self, it: &RobustId) -> Option<&Entry<K, V>> {
        let id = self.robust[it.0].as_ref()?.curr?;
        Some(self.entry(id))
    }

    /// Advances to the next entry and returns it.
    pub fn robust_step(&mut self, it: &RobustId) -> Option<&Entry<K, V>> {
        if !self.robust_state(it).done {
            let next = self.robust_advance(it.0);
            self.robust_state(it).curr = next;
        }
        self.robust_current(it)
    }

    /// Ends the iteration (early or not), like destroying Zeek's iterator.
    pub fn robust_end(&mut self, it: RobustId) {
        self.robust_complete(it.0);
        self.robust[it.0] = None;
    }

    fn robust_state(&mut self, it: &RobustId) -> &mut Robust {
        self.robust[it.0].as_mut().expect("live robust iterator")
    }

    fn robust_complete(&mut self, i: usize) {
        let Some(r) = self.robust[i].as_mut() else {
            return;
        };
        if !r.done {
            r.done = true;
            self.iterators -= 1;
        }
        r.curr = None;
    }

    /// The first occupied slot after `p`, or the capacity.
    fn next_pos(&self, p: isize) -> isize {
        let c = self.capacity() as isize;
        let mut p = p + 1;
        while p < c && !self.occupied(p as usize) {
            p += 1;
        }
        p
    }

    fn robust_advance(&mut self, i: usize) -> Option<u32> {
        if self.slots.is_empty() {
            self.robust_complete(i);
            return None;
        }
        let cap = self.capacity() as isize;
        let mut r = self.robust[i].take().expect("live robust iterator");
        if let Some(id) = r.inserted.pop() {
            self.robust[i] = Some(r);
            return Some(id);
        }
        if r.next < 0 || (r.next < cap && !self.occupied(r.next as usize)) {
            r.next = self.next_pos(r.next.max(-1));
        }
        // Skip entries already visited before a relocation moved them ahead of the cursor.
        while r.next < cap {
            let id = self.slot(r.next as usize).id;
            let Some(hit) = r.visited.iter().position(|&v| v == id) else {
                break;
            };
            r.visited.remove(hit);
            r.next = self.next_pos(r.next);
        }
        let out = (r.next < cap).then(|| self.slot(r.next as usize).id);
        if out.is_some() {
            r.next = self.next_pos(r.next);
        }
        self.robust[i] = Some(r);
        if out.is_none() {
            self.robust_complete(i);
        }
        out
    }

    /// HeadOfClusterByPosition, ported literally (including its answer `b` when slot `b` holds
    /// another bucket's overhang); an empty slot counts as bucket `i - 0xFFFF` as in Zeek.
    fn head_by_pos(&self, p: usize) -> usize {
        let bbp = |i: isize| match self.slots[i as usize].get() {
            Some(s) => i - s.dist as isize,
            None => i - 0xFFFF,
        };
        let b = bbp(p as isize);
        let mut i = p as isize;
        while i >= b && bbp(i) == b {
            i -= 1;
        }
        (if i == b { i } else { i + 1 }) as usize
    }

    /// An insert placed `moved` (the last entry of the eviction chain) at `last`, starting at `ip`.
    fn robust_adjust_on_insert(&mut self, moved: u32, ip: usize, last: usize) {
        for i in 0..self.robust.len() {
            let Some(mut r) = self.robust[i].take() else {
                continue;
            };
            if !r.done {
                r.inserted.retain(|&x| x != moved);
                r.visited.retain(|&x| x != moved);
                let (ip, last) = (ip as isize, last as isize);
                if ip < r.next {
                    r.inserted.push(moved);
                }
                if ip < r.next && r.next <= last {
                    let k = self.tail_by_pos(r.next as usize);
                    r.visited.push(self.slot(k).id);
                }
            }
            self.robust[i] = Some(r);
        }
    }

    /// Entry `gone` was removed from slot `pos`; the gap closed up to slot `last`.
    fn robust_adjust_on_remove(&mut self, gone: u32, pos: usize, last: usize) {
        let cap = self.capacity() as isize;
        for i in 0..self.robust.len() {
            let Some(mut r) = self.robust[i].take() else {
                continue;
            };
            if !r.done {
                r.inserted.retain(|&x| x != gone);
                r.visited.retain(|&x| x != gone);
                if (pos as isize) < r.next && r.next <= last as isize {
                    // A tail moved from behind the cursor to before it: visit it next.
                    let moved = self.head_by_pos(r.next as usize - 1).max(pos);
                    r.inserted.push(self.slot(moved).id);
                }
                if r.next < cap && !self.occupied(r.next as usize) {
                    r.next = self.next_pos(r.next);
                }
                if r.curr == Some(gone) {
                    let on = r.next >= 0 && r.next < cap && self.occupied(r.next as usize);
                    r.curr = on.then(|| self.slot(r.next as usize).id);
                }
            }
            self.robust[i] = Some(r);
        }
    }
}

/// Iterator over entries in Zeek's order. Holding it borrows the dictionary, so nothing can
/// change underneath; script loops, which may change it, use `next_from` positions instead.
pub struct Iter<'a, K, V> {
    dict: &'a ZeekDict<K, V>,
    pos: usize,
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = &'a Entry<K, V>;

    fn next(&mut self) -> Option<&'a Entry<K, V>> {
        let (at, e) = self.dict.next_from(self.pos, |_| ())?;
        self.pos = at + 1;
        Some(e)
    }
}

#[cfg(test)]
mod tests {
    //! Golden vectors come from the Python reference model (shared/docs/hash-order/zeekorder.py),
    //! generated by a script kept outside the repository. `zeek_key()` is the SipHash key of
    //! Zeek's shipped btest seed as given in SPEC.md §1; `own_seed()` is an arbitrary seed file.
    use super::*;

    /// SPEC §1: k0/k1 from buf[16..19] = 1462428821, 0, 2278350848, 32767.
    fn zeek_key() -> Seed {
        Seed {
            k0: 0x0000_0000_572a_e495,
            k1: 0x0000_7fff_87cc_e000,
        }
    }

    /// Not Zeek's file: our own 21 numbers (two above 2^32, which fscanf wraps).
    const OWN_SEED_TEXT: &str = "424242 3141592653 2718281828 1618033988 1414213562 1732050807 \
        2236067977 2645751311 3316624790 3605551275 4123105625 4358898943 4795831523 5 6 7 8\n\
        2654435761 40503 2246822519 3266489917\n";

    fn own_seed() -> Seed {
        Seed {
            k0: 0x0000_9e37_9e37_79b1,
            k1: 0xc2b2_ae3d_85eb_ca77,
        }
    }

    fn opt(v: Option<KeyPart>) -> Field {
        Field {
            value: v,
            optional: true,
        }
    }

    fn req(v: KeyPart) -> Field {
        Field {
            value: Some(v),
            optional: false,
        }
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    fn insert_count(d: &mut ZeekDict<u64, u64>, seed: &Seed, k: u64) -> bool {
        let kb = k.to_le_bytes();
        d.insert(&kb, hash_key(seed, &kb), k, k)
    }

    fn count_dict(
        seed: &Seed,
        keys: impl IntoIterator<Item = u64>,
        ordered: bool,
    ) -> ZeekDict<u64, u64> {
        let mut d = ZeekDict::new(ordered);
        for k in keys {
            insert_count(&mut d, seed, k);
        }
        d
    }

    fn order<V>(d: &ZeekDict<u64, V>) -> Vec<u64> {
        d.iter().map(|e| e.key).collect()
    }

    fn str_dict(seed: &Seed, keys: &[&str], ordered: bool) -> ZeekDict<String, ()> {
        let mut d = ZeekDict::new(ordered);
        for k in keys {
            d.insert(
                k.as_bytes(),
                hash_key(seed, k.as_bytes()),
                k.to_string(),
                (),
            );
        }
        d
    }

    fn str_order(d: &ZeekDict<String, ()>) -> Vec<&str> {
        d.iter().map(|e| e.key.as_str()).collect()
    }

    // siphash24(K0, K1, msg[0..n]) for msg = 0,1,2,.. (from the reference model; every tail
    // length 0..7 of the last block)
    const SIP: &[(usize, u64)] = &[
        (0, 0xf3666e6f9d5ebea5),
        (1, 0x0d9692c649383ea9),
        (2, 0x2d647dc72565032d),
        (3, 0x8917d827fdde22e2),
        (4, 0xfeaad90c16e74b6b),
        (5, 0x91c0ff54be81d6d7),
        (6, 0x0898661f42aa164e),
        (7, 0x16b3e6c2f417b305),
        (8, 0xe0c16dc6be6414ab),
        (9, 0x4babf8fb7bde7a59),
        (10, 0x6c315af5e7216518),
        (11, 0x5393f6eb58ed3105),
        (12, 0x43edfca83831c689),
        (13, 0xb92e817bba0d6222),
        (14, 0xf225a1f75ea49193),
        (15, 0xaf5ce06401e9a618),
        (16, 0x36177078a5228a86),
        (17, 0xfcd16d025ac52ccc),
        (31, 0xac141ac4f421f9ea),
        (64, 0xbfb96b25cef91d50),
    ];
    // (label, index parts, key bytes hex, 64-bit hash)
    fn key_cases(seed: Seed) -> Vec<(&'static str, Vec<KeyPart>, &'static str, u64)> {
        vec![
            ("count", vec![KeyPart::Count(1)], "0100000000000000", 0x168748eef0b7a833),
            ("count big", vec![KeyPart::Count(u64::MAX)], "ffffffffffffffff", 0x4bbd66596be61715),
            ("int neg", vec![KeyPart::Int(-42)], "d6ffffffffffffff", 0xface19894a5d4fcd),
            ("bool T", vec![KeyPart::Bool(true)], "0100000000000000", 0x168748eef0b7a833),
            ("bool F", vec![KeyPart::Bool(false)], "0000000000000000", 0x5fbcfde8cc57f38c),
            ("enum", vec![KeyPart::Enum(3)], "0300000000000000", 0x489ecc5886aead0f),
            ("double", vec![KeyPart::Double(1.5)], "000000000000f83f", 0x8d756a9be0566303),
            ("time", vec![KeyPart::Time(1700000000.25)], "00001040fc54d941", 0x35ccbbf0e090f3c4),
            ("interval", vec![KeyPart::Interval(-3.0)], "00000000000008c0", 0xd2a45d92fc1c3b73),
            ("string", vec![KeyPart::Str(b"hello".to_vec())], "68656c6c6f", 0x52b068644ad384b6),
            ("empty string", vec![KeyPart::Str(vec![])], "", 0xf3666e6f9d5ebea5),
            ("addr v4", vec![KeyPart::addr("10.1.1.1".parse().unwrap())], "00000000000000000000ffff0a010101", 0x22ff6c84db512f86),
            ("addr v6", vec![KeyPart::addr("2001:db8::1".parse().unwrap())], "20010db8000000000000000000000001", 0x51ed624748598115),
            ("subnet v4", vec![KeyPart::subnet("10.2.0.2".parse().unwrap(), 31)], "00000000000000000000ffff0a0200021f000000", 0x0eaca0f551bbf6ba),
            ("subnet v4 /8", vec![KeyPart::subnet("5.6.7.8".parse().unwrap(), 8)], "00000000000000000000ffff0500000008000000", 0xfe2754ee1f4ae503),
            ("subnet v6", vec![KeyPart::subnet("2607:f8b0:4008:807::200e".parse().unwrap(), 64)], "2607f8b040080807000000000000000040000000", 0xd361afa90a39bd90),
            ("subnet v6 odd", vec![KeyPart::subnet("aa:bb:ccff::".parse().unwrap(), 37)], "00aa00bbc8000000000000000000000025000000", 0x19286f27a936e9b1),
            ("port tcp", vec![KeyPart::Port(80, 1)], "5000010000000000", 0xef755c0ae9c63078),
            ("port udp", vec![KeyPart::Port(53, 2)], "3500020000000000", 0x0922b4c6b203557a),
            ("port icmp", vec![KeyPart::Port(8, 3)], "0800030000000000", 0x20ef4c7d3322a92f),
            ("port unknown", vec![KeyPart::Port(5, 0)], "0500000000000000", 0x944bd326d30b78e7),
            ("pattern", vec![KeyPart::pattern("a", false)], "5e3f286129243f005e3f282e7c5c6e292a28612900", 0x39df4bb3c5c54073),
            ("pattern /i", vec![KeyPart::pattern("one|foo", true)], "283f693a5e3f286f6e657c666f6f29243f2900283f693a5e3f282e7c5c6e292a286f6e657c666f6f292900", 0x8db8628661cf6669),
            ("func", vec![KeyPart::Func(2)], "02000000", 0x866c363804273aeb),
            ("record opt unset", vec![KeyPart::Record(vec![opt(None), req(KeyPart::Count(5))])], "00000000000000000500000000000000", 0x83cba72fc361236b),
            ("record opt set", vec![KeyPart::Record(vec![opt(Some(KeyPart::Count(10))), req(KeyPart::Count(5))])], "01000000000000000a000000000000000500000000000000", 0xe19d365e7c1d1bdf),
            ("record str addr", vec![KeyPart::Record(vec![opt(Some(KeyPart::Str(b"ab".to_vec()))), opt(Some(KeyPart::addr("1.2.3.4".parse().unwrap())))])], "01000000020000006162010000000000000000000000ffff01020304", 0x722cc5e626d405f7),
            ("vector", vec![KeyPart::Vector(vec![Some(KeyPart::Count(2)), Some(KeyPart::Count(3))])], "02000000000000000100000000000000020000000000000001000000010000000300000000000000", 0x3c563a6552444f40),
            ("vector str", vec![KeyPart::Vector(vec![Some(KeyPart::Str(b"x".to_vec())), Some(KeyPart::Str(b"yz".to_vec()))])], "0200000000000000010000000100000078000000010000000100000002000000797a", 0x82109bf293791f3e),
            ("vector hole", vec![KeyPart::Vector(vec![None, Some(KeyPart::Count(3))])], "0200000000000000000000000100000001000000000000000300000000000000", 0x5983875d28fda5ec),
            ("string,count", vec![KeyPart::Str(b"test".to_vec()), KeyPart::Count(1)], "04000000746573740100000000000000", 0x9048334af7e3a46f),
            ("string,string", vec![KeyPart::Str(b"hello".to_vec()), KeyPart::Str(b"world".to_vec())], "0500000068656c6c6f00000005000000776f726c64", 0x9d6a0e344a4b2ef0),
            ("port,string,bool", vec![KeyPart::Port(1, 1), KeyPart::Str(b"test".to_vec()), KeyPart::Bool(true)], "010001000000000004000000746573740100000000000000", 0xa816fc6f3c4c0ad4),
            ("pattern,count", vec![KeyPart::pattern("two|oob", false), KeyPart::Count(3)], "0e0000000000000013000000000000005e3f2874776f7c6f6f6229243f005e3f282e7c5c6e292a2874776f7c6f6f622900000000000000000300000000000000", 0x79c34c250d04eaca),
            ("addr,port", vec![KeyPart::addr("2001:db8::1".parse().unwrap()), KeyPart::Port(8080, 2)], "20010db8000000000000000000000001901f020000000000", 0xdad2d0d475d6324c),
            ("subnet,double,func", vec![KeyPart::subnet("10.0.0.0".parse().unwrap(), 8), KeyPart::Double(0.5), KeyPart::Func(1)], "00000000000000000000ffff0a0000000800000000000000000000000000e03f01000000", 0xc686f9d222142302),
            ("string,int,enum", vec![KeyPart::Str(b"abc".to_vec()), KeyPart::Int(-1), KeyPart::Enum(7)], "0300000061626300ffffffffffffffff0700000000000000", 0x9f5fe61acbb62c28),
            ("vector,vector", vec![KeyPart::Vector(vec![Some(KeyPart::Count(1))]), KeyPart::Vector(vec![Some(KeyPart::Count(2))])], "010000000000000001000000000000000100000000000000010000000000000001000000000000000200000000000000", 0x35bc59312a55815a),
            ("record nested", vec![KeyPart::Record(vec![
                req(KeyPart::Count(13)),
                req(KeyPart::Vector(vec![None, None, Some(KeyPart::Count(2)), Some(KeyPart::Count(3))])),
                req(KeyPart::Table(vec![
                    TableElem::new(&seed, vec![KeyPart::Str(b"four".to_vec())], Some(KeyPart::Count(4))),
                    TableElem::new(&seed, vec![KeyPart::Str(b"five".to_vec())], Some(KeyPart::Count(5))),
                ])),
                req(KeyPart::Table(vec![
                    TableElem::new(&seed, vec![KeyPart::Str(b"d".to_vec())], None),
                    TableElem::new(&seed, vec![KeyPart::Str(b"c".to_vec())], None),
                ])),
            ])], "0d000000000000000400000000000000000000000100000000000000020000000100000000000000020000000000000003000000010000000300000000000000020000000100000004000000666f7572040000000000000001000000040000006669766500000000050000000000000002000000010000000100000064000000010000000100000063", 0xb14f6ce1939c88e5),
            ("set in composite", vec![KeyPart::Count(9), KeyPart::Table(vec![
                TableElem::new(&seed, vec![KeyPart::Str(b"a".to_vec()), KeyPart::Count(1)], None),
                TableElem::new(&seed, vec![KeyPart::Str(b"b".to_vec()), KeyPart::Count(2)], None),
                TableElem::new(&seed, vec![KeyPart::Str(b"c".to_vec()), KeyPart::Count(3)], None),
            ])], "0900000000000000030000000200000001000000620000000200000000000000020000000100000063000000000000000300000000000000020000000100000061000000000000000100000000000000", 0x1e48832db6d647ed),
        ]
    }
    // workload(1, 6000, 3000, 18446744073709551615, False, 500): (len, order digest, copy order digest) every 500 ops
    const WL_PLAIN: &[(usize, u64, u64)] = &[
        (252, 0x8b7c63d03f8fd541, 0x76d1b10efd3143b5),
        (467, 0x6d3017c9227be253, 0x13303d01b9df48fb),
        (673, 0xbbba7183328064e7, 0xe4e5c51a5c1fc8db),
        (854, 0x42792976d054007e, 0x2261213964f20a66),
        (994, 0xb74a7c56a3fb5238, 0xc45258dd241c6fa0),
        (1127, 0xa583d8ff19663f2d, 0x3690ec502c67c145),
        (1258, 0x04585910369bbb58, 0x8ff68f870b85d22c),
        (1374, 0x896df0e10bb8f0dd, 0x9e21a6e789044329),
        (1462, 0xbd7721d882b23042, 0xc21afb55f0c5eab2),
        (1533, 0x521e4b1d2d4c2074, 0x9b182370631666cc),
        (1590, 0x43e9a71008560efe, 0x764c457c6aec23ca),
        (1649, 0x59e0bab76e019583, 0x8ee70eb77373464b),
    ];
    // workload(2, 4000, 2000, 18446744073709551615, True, 500): (len, order digest, copy order digest) every 500 ops
    const WL_ORDERED: &[(usize, u64, u64)] = &[
        (244, 0xd48fe35b6d0e6c21, 0xd48fe35b6d0e6c21),
        (455, 0xfb131affafea0e3a, 0xfb131affafea0e3a),
        (619, 0xb0b73d20ba75ffd2, 0xb0b73d20ba75ffd2),
        (751, 0x4178fe550a258f91, 0x4178fe550a258f91),
        (883, 0x07c2532700147dd9, 0x07c2532700147dd9),
        (982, 0xb40727cdc6fe5edc, 0xb40727cdc6fe5edc),
        (1056, 0xc027728024cde6a1, 0xc027728024cde6a1),
        (1097, 0xa1b3e4ba703c03ae, 0xa1b3e4ba703c03ae),
    ];
    // workload(3, 3000, 40, 18446744073709551615, False, 100): (len, order digest, copy order digest) every 100 ops
    const WL_SMALL: &[(usize, u64, u64)] = &[
        (23, 0xe4ae23131ea7f514, 0xe4ae23131ea7f514),
        (26, 0xde38a35cef22e89e, 0x630fea99d4cf1ffe),
        (28, 0x5b3c6f6a9597af11, 0xa23559191f4e8371),
        (30, 0x54ffb4e537ae3dbf, 0x4a76fd3d4ef2ea3f),
        (25, 0x7704aaca31660bb8, 0xbb1afae487803178),
        (24, 0x21c4f1cf65a024ca, 0x29c4b555df48474a),
        (30, 0xa46b894f30937fe8, 0x97797de768864a48),
        (28, 0xb1c654a60cef9cb2, 0xc0491607d129d472),
        (29, 0xe5a933b9e2aa47fa, 0x7d7b2f524d4e4cfa),
        (20, 0x4bbfb58dd0f2cfb1, 0x8e13d1f654235eb1),
        (24, 0xfb044f913e8677d8, 0xd4263b79fe446a78),
        (24, 0xe1e9c0187a9f1147, 0x66b4dda59dc5b627),
        (32, 0x0a6a290b70b8844b, 0x14f58bf456cd1e4b),
        (32, 0xb72ebb93f14c2b19, 0x6dca1bac232ac9b9),
        (30, 0xf33bb2c744f2b18c, 0x9ad8247dc589bfec),
        (32, 0x2ff238c2748a8e2e, 0x60c5be4d2274f3ce),
        (34, 0xf4365147fd05cf6f, 0x17d6679bc6416b0f),
        (27, 0xd818d3b19b6f355e, 0xa290efa0a7c85fde),
        (30, 0x09e013609d155ce7, 0x867ec2dec6adf987),
        (29, 0x433e5bbbe95f58ea, 0x5dfb803caf18f28a),
        (30, 0xd21054c80fa877a5, 0xfcedfab56d1d57c5),
        (26, 0x4d3261e3658a8bb5, 0x240a42e5da45b495),
        (30, 0xcb964987cf08832d, 0x1f73f1f156836bad),
        (33, 0xff6f3c15c92b4037, 0x2a86b9a185348717),
        (25, 0x23e7428c8226718a, 0x5a78c54600e0258a),
        (30, 0xb72c017d707f9d7f, 0xda2984fcf7a9d71f),
        (23, 0xac558f8b92203fad, 0xc146b64b10bbbecd),
        (32, 0x4a8c03764aef6a1d, 0xd74c9b3eeadeab9d),
        (28, 0xf82709d956467953, 0xded9d27c819b30f3),
        (26, 0x6f8283fd023d3dfc, 0x4990d686c5fb349c),
    ];
    // workload(4, 3000, 600, 63, False, 250): (len, order digest, copy order digest) every 250 ops
    const WL_COLLIDE: &[(usize, u64, u64)] = &[
        (109, 0x395e6f6e52d19227, 0xd32a351b6534b8e3),
        (193, 0xdd569d4d4777b208, 0xdd569d4d4777b208),
        (269, 0xfd63b7a586f7282b, 0x91f3b453fec462a3),
        (299, 0x9b50d5ca5fe02399, 0x53d6a69980161859),
        (329, 0x4667484b469c0e5f, 0x5fce6d7dc9057d57),
        (361, 0x75ac80e3955b9a53, 0x6be91d807ab4446b),
        (378, 0x0ed32abc5e868960, 0x0ed32abc5e868960),
        (397, 0x393e5e0f780d98a7, 0xe8b490e4b4ffbcf3),
        (411, 0xcc501eb4c15fa7a4, 0x02eb229d697bea20),
        (410, 0xf0475fad05f79b35, 0xc68d1b86b4f45549),
        (415, 0x0e80f4dad2571cca, 0x347804dabc863cba),
        (422, 0xbd89b424b5570b30, 0x266b035209db3080),
    ];
    // workload(5, 2000, 300, 7, True, 250): (len, order digest, copy order digest) every 250 ops
    const WL_COLLIDE_ORDERED: &[(usize, u64, u64)] = &[
        (96, 0xf0a6ccee67c42f4e, 0xf0a6ccee67c42f4e),
        (131, 0xa697b67d0000ae8a, 0xa697b67d0000ae8a),
        (172, 0x15ce737251a533d7, 0x15ce737251a533d7),
        (185, 0x2d16ab042024dfa7, 0x2d16ab042024dfa7),
        (190, 0x6e688dd727260aef, 0x6e688dd727260aef),
        (194, 0x637f340059bc4a09, 0x637f340059bc4a09),
        (204, 0x489a7c04e8683578, 0x489a7c04e8683578),
        (197, 0x05d3b26b58e746e8, 0x05d3b26b58e746e8),
    ];
    // inserting 0..28 leaves a remap pending; looking up 17 then moves it
    const REMAP_N: u64 = 28;
    const REMAP_LOOKUP: u64 = 17;
    const REMAP_BEFORE: &[u64] = &[
        6, 17, 24, 9, 12, 19, 5, 25, 27, 8, 15, 2, 13, 18, 21, 14, 26, 1, 4, 7, 0, 3, 16, 11, 10,
        22, 20, 23,
    ];
    const REMAP_AFTER: &[u64] = &[
        6, 24, 9, 12, 19, 5, 25, 27, 8, 15, 2, 17, 13, 18, 21, 14, 26, 1, 4, 7, 0, 3, 16, 11, 10,
        22, 20, 23,
    ];
    const REMAP_HELD_INSERT: &[u64] = &[
        6, 17, 24, 9, 12, 19, 5, 25, 27, 8, 15, 2, 13, 18, 21, 14, 26, 1, 4, 7, 0, 3, 1000, 16, 11,
        10, 22, 20, 23,
    ];
    const REMAP_RESUMED: &[u64] = &[
        6, 24, 9, 12, 19, 5, 25, 27, 8, 15, 2, 17, 13, 18, 21, 14, 26, 1, 4, 7, 0, 3, 1001, 1000,
        16, 11, 10, 22, 20, 23,
    ];
    const DEL_ORDER: &[u64] = &[
        6, 24, 100, 9, 12, 29, 5, 27, 8, 15, 2, 17, 18, 21, 14, 26, 7, 3, 11, 20, 23,
    ];
    const ORD_ORDER: &[u64] = &[5, 9, 3, 7, 1, 2];
    const UNION: &[u64] = &[
        6, 24, 28, 34, 33, 18, 12, 9, 21, 30, 14, 26, 4, 0, 32, 27, 3, 39, 8, 16, 15, 2, 36, 10,
        38, 22, 20,
    ];
    const DIFF: &[u64] = &[28, 34, 14, 26, 4, 32, 8, 16, 2, 10, 38, 22, 20];
    const INTER: &[u64] = &[6, 24, 30, 36, 18, 12, 0];
    const TABLE_KEYS: &[u64] = &[11, 2, 30, 3, 5, 1, 9, 4, 7];
    // bifs/matching_subnets: iteration order as indices into SUBNETS
    const SUBNET_ORDER: &[usize] = &[9, 2, 1, 6, 3, 0, 8, 7, 11, 10, 5, 4];
    // cluster/publish-on-change: 21 string keys
    const PUBLISH_ORDER: &[&str] = &[
        "from-manager-1",
        "from-manager-10",
        "from-worker-2",
        "from-worker-7",
        "from-manager-5",
        "from-manager-7",
        "from-worker-5",
        "from-worker-6",
        "from-manager-3",
        "from-worker-1",
        "from-worker-10",
        "from-manager-8",
        "from-manager-6",
        "from-worker-4",
        "from-manager-11",
        "from-manager-9",
        "from-worker-9",
        "from-worker-3",
        "from-manager-2",
        "from-manager-4",
        "from-worker-8",
    ];
    // language/table-set-iterator-invalidation: set(1,2,3), add 4 in a loop, delete 4 in a loop
    const INVALIDATION: &[&[u64]] = &[&[2, 4, 3, 1], &[2, 1, 3]];
    const PORT_STR_BOOL_FIRST: u32 = 1;
    const INT_ORDER: &[i64] = &[-43, -42, -44];

    /// Lookups are bound by cache misses on the slot array: keep slots at 8 bytes.
    #[test]
    fn slot_and_entry_sizes() {
        use crate::runtime::value::{Key, Value};
        assert_eq!(std::mem::size_of::<PackedSlot>(), 8);
        assert!(std::mem::size_of::<Option<Entry<Key, Value>>>() <= 72);
    }

    #[test]
    fn seed_file_and_words() {
        let path = std::env::temp_dir().join(format!("zeekdict-seed-{}", std::process::id()));
        std::fs::write(&path, OWN_SEED_TEXT).unwrap();
        let seed = Seed::from_file(path.to_str().unwrap());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(seed.unwrap(), own_seed());
        let mut words = [0u32; 21];
        words[17..].copy_from_slice(&[1462428821, 0, 2278350848, 32767]);
        assert_eq!(Seed::from_words(&words), zeek_key());
        let short = std::env::temp_dir().join(format!("zeekdict-short-{}", std::process::id()));
        std::fs::write(&short, "1 2 3").unwrap();
        assert!(Seed::from_file(short.to_str().unwrap()).is_err());
        std::fs::remove_file(&short).unwrap();
        assert_ne!(Seed::random(), Seed::random());
    }

    #[test]
    fn siphash_vectors() {
        // The SipHash paper's reference vector (SPEC §2).
        let k = |i: u64| (0..8).fold(0u64, |a, j| a | (i * 8 + j) << (8 * j));
        let msg: Vec<u8> = (0..15).collect();
        assert_eq!(siphash24(k(0), k(1), &msg), 0xa129_ca61_49be_45e5);
        let data: Vec<u8> = (0..64).collect();
        for &(n, want) in SIP {
            assert_eq!(hash_key(&zeek_key(), &data[..n]), want, "len {n}");
        }
    }

    #[test]
    fn key_bytes_and_hashes() {
        let seed = zeek_key();
        for (label, parts, want_hex, want_hash) in key_cases(seed) {
            let kb = key_bytes(&parts);
            assert_eq!(hex(&kb), want_hex, "{label}");
            assert_eq!(hash_key(&seed, &kb), want_hash, "{label}");
        }
    }

    #[test]
    fn spec_worked_examples() {
        // SPEC §6: h32 values and orders with the shipped seed.
        let seed = zeek_key();
        let h32 = |b: &[u8]| hash_key(&seed, b) as u32;
        let counts: Vec<u32> = (1..=5u64).map(|k| h32(&k.to_le_bytes())).collect();
        assert_eq!(
            counts,
            [0xf0b7a833, 0x44e11b5a, 0x86aead0f, 0x353064be, 0xd30b78e7]
        );
        let strs: Vec<u32> = ["1", "2", "3", "4", "5"]
            .iter()
            .map(|s| h32(s.as_bytes()))
            .collect();
        assert_eq!(
            strs,
            [0x0a4c01cb, 0x25c67615, 0x35d608fd, 0xa9555a27, 0xa1960b8f]
        );

        let d = count_dict(&seed, 1..=5, false);
        assert_eq!(order(&d), [2, 5, 3, 4, 1]);
        assert_eq!(order(&d.copy()), [2, 5, 3, 4, 1]);

        let five = ["1", "2", "3", "4", "5"];
        let s = str_dict(&seed, &five, false);
        assert_eq!(str_order(&s), ["2", "3", "1", "4", "5"]);
        assert_eq!(str_order(&s.copy()), ["3", "2", "1", "4", "5"]);
        let o = str_dict(&seed, &five, true);
        assert_eq!(str_order(&o), five);
        assert_eq!(str_order(&o.copy()), five);
        // table_keys(): unordered, filled in the ordered set's order (model: same as inserting 1..5).
        assert_eq!(str_order(&o.rebuilt(false)), ["2", "3", "1", "4", "5"]);

        let mut t: ZeekDict<&str, ()> = ZeekDict::new(false);
        for (k, parts) in [
            ("hello", [&b"hello"[..], b"world"]),
            ("goodbye", [b"goodbye", b"world"]),
        ] {
            let kb = key_bytes(&parts.map(|p| KeyPart::Str(p.to_vec())));
            t.insert(&kb, hash_key(&seed, &kb), k, ());
        }
        assert_eq!(
            t.iter().map(|e| e.key).collect::<Vec<_>>(),
            ["hello", "goodbye"]
        );
        assert_eq!(t.iter().next().unwrap().h32(), 0x4a4b2ef0);
    }

    #[test]
    fn btest_baselines() {
        // Orders the model reproduces from Zeek's btest baselines (validation.md).
        let seed = zeek_key();
        const SUBNETS: [(&str, u8); 12] = [
            ("10.0.0.0", 8),
            ("10.2.0.0", 16),
            ("10.2.0.2", 31),
            ("10.1.0.0", 16),
            ("10.3.0.0", 16),
            ("5.0.0.0", 8),
            ("5.5.0.0", 25),
            ("5.2.0.0", 32),
            ("7.2.0.0", 32),
            ("2607:f8b0:4008:807::200e", 64),
            ("2607:f8b0:4007:807::200e", 64),
            ("2607:f8b0:4007:807::200e", 128),
        ];
        let mut d = ZeekDict::new(false);
        for (i, (a, w)) in SUBNETS.iter().enumerate() {
            let kb = key_bytes(&[KeyPart::subnet(a.parse().unwrap(), *w)]);
            d.insert(&kb, hash_key(&seed, &kb), i, ());
        }
        assert_eq!(d.iter().map(|e| e.key).collect::<Vec<_>>(), SUBNET_ORDER);

        let names: Vec<String> = (1..=10)
            .map(|i| format!("from-manager-{i}"))
            .chain((1..=10).map(|i| format!("from-worker-{i}")))
            .chain(["from-manager-11".to_string()])
            .collect();
        let names: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
        assert_eq!(str_order(&str_dict(&seed, &names, false)), PUBLISH_ORDER);

        // Inserting and deleting while a loop iterator is alive: no remap until it ends.
        let mut s = count_dict(&seed, [1, 2, 3], false);
        s.begin_iteration();
        insert_count(&mut s, &seed, 4);
        s.end_iteration();
        assert_eq!(order(&s), INVALIDATION[0]);
        s.begin_iteration();
        assert!(s.remove(&4u64.to_le_bytes(), hash_key(&seed, &4u64.to_le_bytes())));
        s.end_iteration();
        assert_eq!(order(&s), INVALIDATION[1]);

        let mut ints = ZeekDict::new(false);
        for i in [-42i64, -43, -44] {
            let kb = key_bytes(&[KeyPart::Int(i)]);
            ints.insert(&kb, hash_key(&seed, &kb), i, ());
        }
        assert_eq!(ints.iter().map(|e| e.key).collect::<Vec<_>>(), INT_ORDER);

        let mut psb = ZeekDict::new(false);
        for (p, s, b) in [(1u32, "test", true), (2, "example", false)] {
            let kb = key_bytes(&[
                KeyPart::Port(p, 1),
                KeyPart::Str(s.into()),
                KeyPart::Bool(b),
            ]);
            psb.insert(&kb, hash_key(&seed, &kb), p, ());
        }
        assert_eq!(psb.iter().next().unwrap().key, PORT_STR_BOOL_FIRST);
    }

    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    fn fnv(keys: &[u64]) -> u64 {
        keys.iter()
            .flat_map(|k| k.to_le_bytes())
            .fold(0xcbf29ce484222325, |h, b| {
                (h ^ b as u64).wrapping_mul(0x100000001b3)
            })
    }

    /// Same random operation mix as the generator: insert/remove/lookup/toggle an iterator.
    fn run_workload(
        seed: u64,
        nops: usize,
        keyspace: u64,
        hmask: u64,
        ordered: bool,
        every: usize,
    ) -> Vec<(usize, u64, u64)> {
        let key = own_seed();
        let (mut r, mut d, mut cps) = (Lcg(seed), ZeekDict::<u64, u64>::new(ordered), vec![]);
        let mut held = false;
        for i in 1..=nops {
            let (op, k) = (r.next() % 100, r.next() % keyspace);
            let kb = k.to_le_bytes();
            let h = hash_key(&key, &kb) & hmask;
            match op {
                0..=54 => {
                    d.insert(&kb, h, k, k);
                }
                55..=77 => {
                    d.remove(&kb, h);
                }
                78..=95 => {
                    d.contains(&kb, h);
                }
                _ if !held => d.begin_iteration(),
                _ => d.end_iteration(),
            }
            if op > 95 {
                held = !held;
            }
            if i % every == 0 {
                cps.push((d.len(), fnv(&order(&d)), fnv(&order(&d.copy()))));
            }
        }
        cps
    }

    #[test]
    fn random_workloads() {
        const M: u64 = u64::MAX;
        assert_eq!(run_workload(1, 6000, 3000, M, false, 500), WL_PLAIN);
        assert_eq!(run_workload(2, 4000, 2000, M, true, 500), WL_ORDERED);
        assert_eq!(run_workload(3, 3000, 40, M, false, 100), WL_SMALL);
        // Truncated hashes force equal h32 for different keys: placement by bytes equality.
        assert_eq!(run_workload(4, 3000, 600, 0x3f, false, 250), WL_COLLIDE);
        assert_eq!(
            run_workload(5, 2000, 300, 0x7, true, 250),
            WL_COLLIDE_ORDERED
        );
    }

    #[test]
    fn lookups_advance_a_pending_remap() {
        let seed = own_seed();
        let kb = REMAP_LOOKUP.to_le_bytes();
        let h = hash_key(&seed, &kb);
        let mut d = count_dict(&seed, 0..REMAP_N, false);
        assert_eq!(order(&d), REMAP_BEFORE);
        // A side-effect-free read leaves the layout alone.
        assert_eq!(d.peek(&kb, h).map(|e| e.key), Some(REMAP_LOOKUP));
        assert_eq!(order(&d), REMAP_BEFORE);
        assert_eq!(d.get(&kb, h), Some(&REMAP_LOOKUP));
        assert_eq!(order(&d), REMAP_AFTER);

        let mut d = count_dict(&seed, 0..REMAP_N, false);
        d.begin_iteration();
        assert!(d.contains(&kb, h));
        insert_count(&mut d, &seed, 1000);
        d.end_iteration();
        assert_eq!(order(&d), REMAP_HELD_INSERT);
        insert_count(&mut d, &seed, 1001);
        assert_eq!(order(&d), REMAP_RESUMED);

        let mut d = count_dict(&seed, 0..REMAP_N, false);
        *d.get_mut(&kb, h).unwrap() += 1;
        assert_eq!(order(&d), REMAP_AFTER);
        assert_eq!(
            d.get_entry(&kb, h).map(|e| (e.key, e.value)),
            Some((17, 18))
        );
        assert_eq!(d.get_entry(&kb, h).unwrap().bytes(), &kb);
    }

    #[test]
    fn deletes_replacement_and_ordered() {
        let seed = own_seed();
        let mut d = count_dict(&seed, 1..30, false);
        for k in (1..30u64).step_by(3) {
            let kb = k.to_le_bytes();
            assert!(d.remove(&kb, hash_key(&seed, &kb)));
        }
        for k in [100, 3, 7] {
            insert_count(&mut d, &seed, k);
        }
        assert_eq!(order(&d), DEL_ORDER);
        // Replacing keeps the position and returns the old value.
        let kb = 9u64.to_le_bytes();
        assert_eq!(d.replace(&kb, hash_key(&seed, &kb), 9, 90), Some(9));
        assert_eq!(order(&d), DEL_ORDER);
        assert_eq!(d.len(), DEL_ORDER.len());
        assert!(!d.remove(&[1, 2, 3], 5));

        let mut o = count_dict(&seed, [5, 1, 9, 3, 7], true);
        let kb = 1u64.to_le_bytes();
        o.remove(&kb, hash_key(&seed, &kb));
        insert_count(&mut o, &seed, 1);
        insert_count(&mut o, &seed, 2);
        assert_eq!(order(&o), ORD_ORDER);
        assert!(o.is_ordered());
        // Many deletes compact the insertion-order list without changing the order.
        let mut big = count_dict(&seed, 0..200, true);
        for k in (0..200u64).filter(|k| k % 5 != 0) {
            let kb = k.to_le_bytes();
            big.remove(&kb, hash_key(&seed, &kb));
        }
        insert_count(&mut big, &seed, 3);
        let want: Vec<u64> = (0..200).step_by(5).chain([3]).collect();
        assert_eq!(order(&big), want);

        // clear_table() leaves an empty, unordered dictionary.
        o.clear();
        assert!(o.is_empty() && !o.is_ordered() && o.iter().next().is_none());
    }

    #[test]
    fn table_operations() {
        let seed = own_seed();
        let a = count_dict(&seed, (0..40).step_by(2), false);
        let mut b = count_dict(&seed, (0..40).step_by(3), false);
        let mut u = a.copy();
        u.extend_from(&b);
        assert_eq!(order(&u), UNION);
        let mut df = a.copy();
        df.remove_all_in(&b);
        assert_eq!(order(&df), DIFF);
        let mut a2 = a.copy();
        assert_eq!(order(&a2.intersection(&mut b)), INTER);
        let o = count_dict(&seed, [5, 1, 9, 3, 7, 11, 2, 30, 4], true);
        assert_eq!(order(&o.rebuilt(false)), TABLE_KEYS);
    }

    // robust_run(60, 18446744073709551615, 3, 0)
    const ROBUST_DEL: (&[u64], &[u64]) = (
        &[
            41, 30, 49, 45, 25, 44, 32, 56, 59, 40, 2, 48, 38, 54, 58, 18, 47, 53, 14, 26, 57, 39,
            43, 36, 22, 20, 23, 24, 6, 33, 12, 9, 52, 19, 42, 29, 5, 27, 8, 37, 15, 31, 17, 28, 13,
            55, 46, 34, 21, 4, 1, 0, 7, 3, 35, 51, 11, 16, 10, 50,
        ],
        &[
            41, 49, 25, 44, 32, 56, 59, 40, 2, 38, 58, 47, 53, 14, 26, 43, 22, 20, 23, 52, 19, 29,
            5, 8, 37, 31, 17, 28, 13, 55, 46, 34, 4, 1, 7, 35, 11, 16, 10, 50,
        ],
    );
    // robust_run(80, 15, 2, 0)
    const ROBUST_DEL_COLLIDE: (&[u64], &[u64]) = (
        &[
            6, 77, 17, 24, 76, 58, 28, 13, 55, 71, 72, 18, 3, 39, 65, 12, 67, 64, 9, 19, 35, 47,
            52, 75, 53, 62, 70, 69, 43, 21, 79, 8, 49, 40, 30, 2, 14, 36, 10, 78, 26, 22, 4, 1, 20,
            23, 7, 0, 25, 63, 27, 32, 57, 33, 34, 56, 46, 44, 41, 60, 42, 74, 59, 51, 68, 61, 16,
            15, 11, 29, 37, 5, 31, 38, 73, 45, 48, 66, 50, 54,
        ],
        &[
            77, 17, 13, 55, 71, 3, 39, 65, 67, 9, 19, 35, 47, 75, 53, 69, 43, 21, 79, 49, 1, 23, 7,
            25, 63, 27, 57, 33, 41, 59, 51, 61, 15, 11, 29, 37, 5, 31, 73, 45,
        ],
    );
    // robust_run(50, 18446744073709551615, 4, 7)
    const ROBUST_MIXED: (&[u64], &[u64]) = (
        &[
            6, 24, 33, 41, 9, 12, 19, 42, 29, 30, 49, 5, 45, 25, 27, 32, 44, 8, 10008, 15, 5, 37,
            2, 40, 48, 31, 38, 28, 17, 13, 46, 34, 18, 47, 21, 14, 26, 1, 4, 0, 7, 10029, 3, 39,
            35, 43, 16, 10001, 11, 10043, 36, 42, 10, 22, 23, 20, 22, 23,
        ],
        &[
            6, 33, 41, 9, 19, 10036, 42, 29, 30, 49, 10015, 45, 5, 25, 27, 15, 37, 2, 31, 38, 17,
            13, 46, 34, 18, 47, 21, 14, 26, 1, 7, 10029, 3, 39, 35, 43, 10001, 11, 10022, 10,
            10043, 22, 23,
        ],
    );
    // robust_run(70, 31, 3, 5)
    const ROBUST_MIXED_COLLIDE: (&[u64], &[u64]) = (
        &[
            6, 58, 17, 24, 28, 14, 4, 1, 26, 7, 25, 0, 63, 65, 39, 3, 64, 67, 33, 46, 34, 41,
            10006, 60, 10046, 47, 52, 53, 19, 10026, 21, 49, 30, 51, 10051, 59, 16, 11, 15, 10001,
            37, 61, 49, 68, 10, 36, 49, 20, 22, 23, 5, 45, 32, 27, 57, 56, 10056, 44, 10041, 13,
            55, 18, 12, 9, 42, 29, 35, 62, 69, 10016, 8, 43, 40, 2, 10021, 48, 31, 10031, 50, 66,
            49, 38, 10011, 54,
        ],
        &[
            58, 17, 28, 10051, 14, 4, 1, 26, 7, 25, 65, 64, 67, 46, 34, 41, 10006, 10046, 47, 52,
            53, 19, 10061, 10036, 10066, 49, 59, 16, 11, 10001, 37, 61, 68, 10, 20, 22, 23, 5, 32,
            56, 44, 13, 55, 10031, 29, 35, 62, 10016, 8, 43, 40, 2, 10021, 31, 50, 38,
        ],
    );

    /// Robust iteration with removals (expiration) and inserts while it runs, as the generator.
    fn robust_run(n: u64, hmask: u64, remove_mod: u64, insert_mod: u64) -> (Vec<u64>, Vec<u64>) {
        let seed = own_seed();
        let h = |k: u64| hash_key(&seed, &k.to_le_bytes()) & hmask;
        let mut d = ZeekDict::new(false);
        for k in 0..n {
            d.insert(&k.to_le_bytes(), h(k), k, ());
        }
        let it = d.robust_begin();
        let mut visits = vec![];
        while let Some(k) = d.robust_current(&it).map(|e| e.key) {
            visits.push(k);
            if k % remove_mod == 0 {
                d.remove(&k.to_le_bytes(), h(k));
            }
            if insert_mod != 0 && k % insert_mod == 1 && k < 10000 {
                d.insert(&(k + 10000).to_le_bytes(), h(k + 10000), k + 10000, ());
            }
            d.robust_step(&it);
        }
        assert!(d.robust_step(&it).is_none());
        d.robust_end(it);
        let order = d.iter().map(|e| e.key).collect();
        (visits, order)
    }

    #[test]
    fn robust_iteration() {
        for (args, want) in [
            ((60, u64::MAX, 3, 0), ROBUST_DEL),
            ((80, 0xf, 2, 0), ROBUST_DEL_COLLIDE),
            ((50, u64::MAX, 4, 7), ROBUST_MIXED),
            ((70, 0x1f, 3, 5), ROBUST_MIXED_COLLIDE),
        ] {
            let (visits, order) = robust_run(args.0, args.1, args.2, args.3);
            assert_eq!((&visits[..], &order[..]), want, "{args:?}");
        }
        // A robust iterator blocks remaps until it ends; ending it early frees its handle.
        let seed = own_seed();
        let mut d = count_dict(&seed, 0..REMAP_N, false);
        let it = d.robust_begin();
        let kb = REMAP_LOOKUP.to_le_bytes();
        assert!(d.contains(&kb, hash_key(&seed, &kb)));
        assert_eq!(order(&d), REMAP_BEFORE);
        d.robust_end(it);
        assert_eq!(d.robust_begin(), RobustId(0));
        let mut empty: ZeekDict<u64, ()> = ZeekDict::new(false);
        let it = empty.robust_begin();
        assert!(empty.robust_current(&it).is_none());
    }
}
