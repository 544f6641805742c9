//! Index values serialized into hash-key bytes as Zeek's CompositeHash does (SPEC §3).

use super::hash::{hash_key, Seed};

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
        let sort_hash = sort_hash(seed, &key_bytes(&index));
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
    v.sort_by(|a, b| serialized_order((a.0, &a.1), (b.0, &b.1)));
    v.into_iter().map(|(_, _, e)| e).collect()
}

/// The hash a nested table's element is ordered by: its 32-bit hash as the inner table stores
/// it, or the full 64-bit hash if that is 0 (Zeek then recomputes it).
pub fn sort_hash(seed: &Seed, key_bytes: &[u8]) -> u64 {
    let h = hash_key(seed, key_bytes);
    if h as u32 != 0 {
        h & 0xffff_ffff
    } else {
        h
    }
}

/// The order of a nested table's elements when serialized (and recovered): by sort hash, key
/// size, key bytes.
pub fn serialized_order(a: (u64, &[u8]), b: (u64, &[u8])) -> std::cmp::Ordering {
    (a.0, a.1.len(), a.1).cmp(&(b.0, b.1.len(), b.1))
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
