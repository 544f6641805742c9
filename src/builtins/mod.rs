//! Builtin functions (bifs): one module per family, each a table of (name, Zeek signature, fn).
//! Signatures are Zeek function types; the checker declares each bif as a global of that type.

mod broker;
mod containers;
mod conversions;
mod core;
mod files;
mod introspect;
mod json;
mod math;
mod net;
mod opaque;
mod os;
mod proto;
mod reporter;
mod smith_waterman;
mod strings;
mod supervisor;

pub use math::initial_rng_state;

use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use std::collections::HashMap;

pub type BifFn = fn(&mut Interp, &[Value], Span) -> RResult<Value>;

pub struct Bif {
    pub name: &'static str,
    /// A Zeek function type, e.g. `function(s: string): string`.
    pub sig: &'static str,
    pub f: BifFn,
    /// Takes any number of arguments of any type (`fmt`, `cat`, ...).
    pub varargs: bool,
}

/// Shorthand for the family tables.
pub const fn bif(name: &'static str, sig: &'static str, f: BifFn) -> Bif {
    Bif {
        name,
        sig,
        f,
        varargs: false,
    }
}

pub const fn vbif(name: &'static str, sig: &'static str, f: BifFn) -> Bif {
    Bif {
        name,
        sig,
        f,
        varargs: true,
    }
}

fn families() -> [&'static [Bif]; 16] {
    [
        core::BIFS,
        strings::BIFS,
        conversions::BIFS,
        containers::BIFS,
        math::BIFS,
        files::BIFS,
        os::BIFS,
        net::BIFS,
        proto::BIFS,
        reporter::BIFS,
        supervisor::BIFS,
        broker::BIFS,
        opaque::DIGESTS,
        opaque::OTHERS,
        json::BIFS,
        introspect::BIFS,
    ]
}

pub fn registry() -> HashMap<&'static str, &'static Bif> {
    families()
        .into_iter()
        .flat_map(|f| f.iter())
        .map(|b| (b.name, b))
        .collect()
}

/// Zeek declarations of every bif, checked at startup like any script.
pub fn declarations() -> String {
    let mut s = String::new();
    for fam in families() {
        for b in fam.iter() {
            s.push_str("global ");
            s.push_str(b.name);
            s.push_str(": ");
            s.push_str(b.sig);
            s.push_str(";\n");
        }
    }
    s
}

/// Report an error the way Zeek's bifs do (`error in FILE, line N: msg`) and go on.
pub fn report(msg: impl Into<String>, span: Span) {
    crate::diag::Diag::new(crate::diag::Level::Error, msg, Some(span)).emit();
}

pub fn arg(args: &[Value], i: usize) -> &Value {
    args.get(i).unwrap_or(&Value::Void)
}

pub fn str_arg(args: &[Value], i: usize) -> &[u8] {
    arg(args, i).as_bytes()
}

/// String argument `i` as Rust text (invalid UTF-8 replaced).
pub fn lossy(args: &[Value], i: usize) -> String {
    arg(args, i).as_str_lossy()
}

pub fn string_vec(items: Vec<Value>) -> Value {
    Value::new_vector(crate::types::Type::String, items)
}

/// Flush everything scripts wrote (at exit).
pub fn flush_all() {
    files::flush_all_files();
    crate::runtime::output::flush_stdout();
}

/// The declared return type of a bif (found through the global holding it).
pub fn bif_return_type(interp: &Interp, name: &str) -> Option<crate::types::Type> {
    interp.globals.iter().find_map(|v| match v {
        Value::Func(f) if f.name == name => Some(f.ty.ret.clone()),
        _ => None,
    })
}

/// A new record of the type a bif returns (`ftp_port`, `rotate_info`, ...).
pub fn ret_record(interp: &Interp, name: &str, fields: Vec<Value>) -> Value {
    match bif_return_type(interp, name) {
        Some(crate::types::Type::Record(rt)) => Value::new_record(rt, fields),
        _ => Value::Void,
    }
}

/// A Zeek reporter warning (no location, as `reporter->Warning` from a bif).
pub fn warn(msg: impl Into<String>) {
    crate::diag::Diag::new(crate::diag::Level::Warning, msg, None).emit();
}

/// A Zeek reporter error without a location (`reporter->Error`).
pub fn error_noloc(msg: impl Into<String>) {
    crate::diag::Diag::new(crate::diag::Level::Error, msg, None).emit();
}
