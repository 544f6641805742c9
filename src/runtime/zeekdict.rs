//! Zeek's table/set storage order: SipHash-2-4 keyed from the seed, CompositeHash key bytes and the
//! clustered open-addressing `zeek::Dictionary`, ported from shared/docs/hash-order (SPEC.md, zeekorder.py).
// Nothing outside the tests uses this module until tables switch to this storage; this attribute is
// removed then.
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
    let mut last = [0u8; 8];
    let rest = blocks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    last[7] = data.len() as u8;
    s.compress(u64::from_le_bytes(last));
    s.0[2] ^= 0xff;
    for _ in 0..4 {
        s.round();
    }
    s.0[0] ^ s.0[1] ^ s.0[2] ^ s.0[3]
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
    bytes: Box<[u8]>,
    h32: u32,
    pub key: K,
    pub value: V,
    /// Index into `ZeekDict::order` (ordered dictionaries only).
    order_pos: usize,
}

impl<K, V> Entry<K, V> {
    /// The serialized key the entry was placed by.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The stored 32-bit hash (copies reuse it).
    pub fn h32(&self) -> u32 {
        self.h32
    }
}

/// An occupied table slot: the entry's hash (kept here so probing does not touch entries), its
/// distance from its bucket and its entry id.
#[derive(Clone, Copy, Debug)]
struct Slot {
    h32: u32,
    dist: u32,
    id: u32,
}

/// zeek::Dictionary: iteration order is ascending slot order, or first-insertion order when
/// `ordered` (`&ordered`). Keys are caller objects `K` placed by their serialized bytes and hash.
#[derive(Clone, Debug)]
pub struct ZeekDict<K, V> {
    log2: u32,
    /// Empty until the first insert (Zeek allocates lazily); then exactly `capacity()` long.
    slots: Vec<Option<Slot>>,
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
    /// Entry ids in first-insertion order, `None` for removed ones (compacted when sparse).
    order: Option<Vec<Option<u32>>>,
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
        self.slots[i].is_some()
    }

    fn slot(&self, i: usize) -> Slot {
        self.slots[i].expect("occupied slot")
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
            if self.bucket_at(i) == begin && s.h32 == h32 && *self.entry(s.id).bytes == *bytes {
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

    /// `t[k] = v` / `add s[k]`. An existing key keeps its position (and its stored key object);
    /// its old value is returned.
    pub fn insert(&mut self, bytes: &[u8], hash: u64, key: K, value: V) -> Option<V> {
        let h32 = hash as u32;
        if self.slots.is_empty() {
            self.slots = vec![None; (1usize << self.log2) + self.log2 as usize];
        }
        let old = match self.lookup_index(bytes, h32) {
            Ok(p) => {
                let id = self.slot(p).id;
                Some(std::mem::replace(&mut self.entry_mut(id).value, value))
            }
            Err(ip) => {
                self.insert_new(bytes, h32, key, value, ip);
                None
            }
        };
        if self.remap_end >= 0 {
            self.remap();
        }
        old
    }

    fn insert_new(&mut self, bytes: &[u8], h32: u32, key: K, value: V, ip: usize) {
        let order_pos = self.order.as_ref().map_or(0, |o| o.len());
        let id = self.alloc_entry(Entry {
            bytes: bytes.into(),
            h32,
            key,
            value,
            order_pos,
        });
        if let Some(o) = &mut self.order {
            o.push(Some(id));
        }
        let dist = (ip - bucket_of(h32, self.log2)) as u32;
        let last = self.insert_and_relocate(Slot { h32, dist, id }, ip);
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
                self.slots[p] = Some(s);
                return p;
            }
            let Some(mut t) = self.slots[p] else {
                self.slots[p] = Some(s);
                return p;
            };
            let next = self.tail_by_pos(p) + 1;
            t.dist += (next - p) as u32;
            self.slots[p] = Some(s);
            s = t;
            p = next;
        }
    }

    // --- remove ------------------------------------------------------------------------------

    /// `delete t[k]`: returns the removed key object and value.
    pub fn remove(&mut self, bytes: &[u8], hash: u64) -> Option<(K, V)> {
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        let s = self.remove_and_relocate(p);
        self.n -= 1;
        let e = self.entries[s.id as usize].take().expect("live entry");
        self.free.push(s.id);
        self.forget_order(e.order_pos);
        Some((e.key, e.value))
    }

    fn forget_order(&mut self, pos: usize) {
        let Some(order) = &mut self.order else { return };
        order[pos] = None;
        // Compact once mostly tombstones, so iteration stays O(n).
        if order.len() > 32 && order.len() > 2 * self.n {
            let ids: Vec<u32> = order.iter().flatten().copied().collect();
            for (i, id) in ids.iter().enumerate() {
                self.entries[*id as usize].as_mut().unwrap().order_pos = i;
            }
            self.order = Some(ids.into_iter().map(Some).collect());
        }
    }

    /// Frees slot `p` and closes the gap: the tail of each following cluster moves left.
    fn remove_and_relocate(&mut self, mut p: usize) -> Slot {
        let removed = self.slot(p);
        loop {
            let stop = p + 1 == self.capacity() || self.slots[p + 1].is_none_or(|s| s.dist == 0);
            if stop {
                self.slots[p] = None;
                return removed;
            }
            let next = self.tail_by_pos(p + 1);
            let mut m = self.slot(next);
            m.dist -= (next - p) as u32;
            self.slots[p] = Some(m);
            p = next;
        }
    }

    // --- growth and remap --------------------------------------------------------------------

    /// Doubles the buckets; existing entries stay put and are moved by the incremental remap.
    fn size_up(&mut self) {
        let prev = self.capacity();
        self.log2 += 1;
        self.slots
            .resize((1usize << self.log2) + self.log2 as usize, None);
        self.remap_end = prev as isize;
        self.remaps += 1;
        self.sd_sum = 0;
        self.sd_samples = 0;
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
        let want = bucket_of(self.slot(p).h32, self.log2);
        if cur == want {
            return None;
        }
        let mut s = self.remove_and_relocate(p);
        let ip = self.end_by_bucket(want);
        s.dist = (ip - want) as u32;
        self.insert_and_relocate(s, ip);
        Some(ip)
    }

    // --- iteration and whole-table operations ------------------------------------------------

    /// Entries in Zeek's iteration order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        let inner = match &self.order {
            Some(o) => IterInner::Ordered(o.iter()),
            None => IterInner::Slots(self.slots.iter()),
        };
        Iter { dict: self, inner }
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
            self.insert(&e.bytes, e.h32 as u64, e.key.clone(), e.value.clone());
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
            if big.contains(&e.bytes, e.h32 as u64) {
                res.insert(&e.bytes, e.h32 as u64, e.key.clone(), e.value.clone());
            }
        }
        res
    }
}

impl<K, V> ZeekDict<K, V> {
    /// `a -= b`: iterate `other`, remove from self.
    pub fn remove_all_in<V2>(&mut self, other: &ZeekDict<K, V2>) {
        for e in other.iter() {
            self.remove(&e.bytes, e.h32 as u64);
        }
    }
}

enum IterInner<'a> {
    Slots(std::slice::Iter<'a, Option<Slot>>),
    Ordered(std::slice::Iter<'a, Option<u32>>),
}

/// Iterator over entries in Zeek's order. Holding it borrows the dictionary, so nothing can
/// change underneath; script loops that mutate use `begin_iteration` on a snapshot instead.
pub struct Iter<'a, K, V> {
    dict: &'a ZeekDict<K, V>,
    inner: IterInner<'a>,
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = &'a Entry<K, V>;

    fn next(&mut self) -> Option<&'a Entry<K, V>> {
        let id = match &mut self.inner {
            IterInner::Slots(it) => it.by_ref().flatten().next()?.id,
            IterInner::Ordered(it) => *it.by_ref().flatten().next()?,
        };
        Some(self.dict.entry(id))
    }
}
