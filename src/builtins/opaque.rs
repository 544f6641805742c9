//! Digest and randomness bifs over opaque states: `md5_hash`/`sha*_hash` (one shot),
//! `*_hash_init`/`_update`/`_finish` (incremental), `md5_hmac`/`sha256_hmac` (keyed by the seed),
//! `entropy_test_*` and `find_entropy`.

use super::{arg, bif, vbif, Bif};
use crate::runtime::opaque::{Entropy, Hasher, OpaqueState, OpaqueVal, HASH_NAMES};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// One set of bifs per digest; `D` indexes HASH_NAMES.
macro_rules! digest_bifs {
    ($($d:literal $name:literal),*) => {
        &[$(
            vbif(concat!($name, "_hash"), "function(): string", one_shot::<$d>),
            bif(concat!($name, "_hash_init"), concat!("function(): opaque of ", $name), init::<$d>),
            bif(
                concat!($name, "_hash_update"),
                concat!("function(handle: opaque of ", $name, ", data: string): bool"),
                update,
            ),
            bif(
                concat!($name, "_hash_finish"),
                concat!("function(handle: opaque of ", $name, "): string"),
                finish,
            ),
        )*]
    };
}

pub const DIGESTS: &[Bif] = digest_bifs!(
    0 "md5", 1 "sha1", 2 "sha224", 3 "sha256", 4 "sha384", 5 "sha512"
);

pub const OTHERS: &[Bif] = &[
    vbif(
        "md5_hmac",
        "function(): string &deprecated=\"Remove in v9.1. Use sha256_hmac().\"",
        md5_hmac,
    ),
    vbif("sha256_hmac", "function(): string", sha256_hmac),
    bif(
        "find_entropy",
        "function(data: string): entropy_test_result",
        find_entropy,
    ),
    bif(
        "entropy_test_init",
        "function(): opaque of entropy",
        entropy_init,
    ),
    bif(
        "entropy_test_add",
        "function(handle: opaque of entropy, data: string): bool",
        entropy_add,
    ),
    bif(
        "entropy_test_finish",
        "function(handle: opaque of entropy): entropy_test_result",
        entropy_finish,
    ),
];

fn hex(bytes: &[u8]) -> Value {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push_str(&format!("{:02x}", b));
    }
    Value::str(&s)
}

/// Zeek digests a string's bytes, any other value its description.
fn feed_values(h: &mut Hasher, args: &[Value]) {
    for v in args {
        match v {
            Value::Str(s) => h.update(s),
            _ => h.update(&crate::runtime::describe::describe(
                v,
                crate::runtime::describe::Mode::Print,
            )),
        }
    }
}

fn digest_of(name: &str, args: &[Value]) -> Vec<u8> {
    let mut h = Hasher::new(name).expect("digest bif names are known");
    feed_values(&mut h, args);
    h.finish()
}

fn one_shot<const D: usize>(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(hex(&digest_of(HASH_NAMES[D], a)))
}

fn new_opaque(type_name: &'static str, state: OpaqueState) -> Value {
    Value::Opaque(Rc::new(RefCell::new(OpaqueVal { type_name, state })))
}

fn init<const D: usize>(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    let name = HASH_NAMES[D];
    Ok(new_opaque(
        name,
        OpaqueState::Hash(Hasher::new(name).map(Box::new)),
    ))
}

fn update(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Opaque(o) = arg(a, 0) else {
        return Ok(Value::Bool(false));
    };
    match &mut o.borrow_mut().state {
        OpaqueState::Hash(Some(h)) => {
            h.update(arg(a, 1).as_bytes());
            return Ok(Value::Bool(true));
        }
        _ => super::error_noloc("attempt to update an invalid opaque hash value"),
    }
    Ok(Value::Bool(false))
}

/// The digest in hex; the handle is spent afterwards (finishing again gives "").
fn finish(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Opaque(o) = arg(a, 0) else {
        return Ok(Value::str(""));
    };
    let taken = match &mut o.borrow_mut().state {
        OpaqueState::Hash(h) => h.take(),
        OpaqueState::Entropy(_) => None,
    };
    Ok(taken.map_or_else(|| Value::str(""), |h| hex(&(*h).finish())))
}

thread_local! {
    /// The seed file's 80-byte buffer (words 1..=20, native byte order, as Zeek keeps it);
    /// random per process without a seed file.
    static SEED_BUFFER: [u8; 80] = seed_buffer();
}

fn seed_buffer() -> [u8; 80] {
    let words = std::env::var("ZEEK_SEED_FILE")
        .ok()
        .filter(|p| !p.is_empty())
        .and_then(|p| crate::runtime::zeekdict::read_seed_words(&p).ok());
    let mut buf = [0u8; 80];
    match words {
        Some(w) => {
            for (chunk, word) in buf.chunks_mut(4).zip(&w[1..]) {
                chunk.copy_from_slice(&word.to_ne_bytes());
            }
        }
        None => {
            for chunk in buf.chunks_mut(8) {
                let r = crate::runtime::zeekdict::Seed::random();
                chunk.copy_from_slice(&r.k0.to_ne_bytes());
            }
        }
    }
    buf
}

/// Zeek's keyed digest: digest the arguments, XOR the key in, digest the result again.
fn keyed(name: &str, key: &[u8], args: &[Value]) -> Value {
    let mut d = digest_of(name, args);
    for (b, k) in d.iter_mut().zip(key) {
        *b ^= k;
    }
    hex(&Hasher::digest(name, &d))
}

/// Keyed by the MD5 of the seed buffer's first 64 bytes.
fn md5_hmac(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let key = SEED_BUFFER.with(|b| Hasher::digest("md5", &b[..64]));
    Ok(keyed("md5", &key, a))
}

/// Keyed by the SHA-256 of the seed buffer's bytes 8..80.
fn sha256_hmac(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let key = SEED_BUFFER.with(|b| Hasher::digest("sha256", &b[8..]));
    Ok(keyed("sha256", &key, a))
}

fn entropy_result(interp: &Interp, e: &Entropy) -> Value {
    let fields = e.finish().iter().map(|&x| Value::Double(x)).collect();
    super::ret_record(interp, "find_entropy", fields)
}

fn find_entropy(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let mut e = Entropy::default();
    e.add(arg(a, 0).as_bytes());
    Ok(entropy_result(interp, &e))
}

fn entropy_init(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(new_opaque("entropy", OpaqueState::Entropy(Box::default())))
}

fn entropy_add(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    if let Value::Opaque(o) = arg(a, 0) {
        if let OpaqueState::Entropy(e) = &mut o.borrow_mut().state {
            e.add(arg(a, 1).as_bytes());
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn entropy_finish(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    if let Value::Opaque(o) = arg(a, 0) {
        if let OpaqueState::Entropy(e) = &o.borrow().state {
            return Ok(entropy_result(interp, e));
        }
    }
    Ok(Value::Void)
}
