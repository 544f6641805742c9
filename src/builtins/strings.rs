//! String bifs: case, search, split/join, strip, substitution, padding.

use super::{arg, bif, str_arg, string_vec, Bif};
use crate::runtime::eval::find_bytes;
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif("to_upper", "function(str: string): string", to_upper),
    bif("to_lower", "function(str: string): string", to_lower),
    bif(
        "sub_bytes",
        "function(s: string, start: count, n: int): string",
        sub_bytes,
    ),
    bif(
        "strstr",
        "function(big: string, little: string): count",
        strstr,
    ),
    bif(
        "split_string",
        "function(str: string, re: pattern): string_vec",
        split_string,
    ),
    bif(
        "join_string_vec",
        "function(vec: string_vec, sep: string): string",
        join_string_vec,
    ),
    bif("strip", "function(str: string): string", strip),
    bif(
        "string_cat",
        "function(s1: string, s2: string): string",
        string_cat,
    ),
];

fn map_bytes(args: &[Value], f: impl Fn(u8) -> u8) -> Value {
    Value::Str(
        str_arg(args, 0)
            .iter()
            .map(|b| f(*b))
            .collect::<Vec<u8>>()
            .into(),
    )
}

fn to_upper(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(map_bytes(a, |b| b.to_ascii_uppercase()))
}

fn to_lower(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(map_bytes(a, |b| b.to_ascii_lowercase()))
}

fn sub_bytes(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let start = arg(a, 1).as_u64() as usize;
    let n = arg(a, 2).as_i64();
    if start == 0 || start > s.len() {
        return Ok(Value::str(""));
    }
    let from = start - 1;
    let to = if n < 0 {
        s.len()
    } else {
        (from + n as usize).min(s.len())
    };
    Ok(Value::bytes(&s[from..to]))
}

fn strstr(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Count(
        find_bytes(str_arg(a, 0), str_arg(a, 1))
            .map(|i| i as u64 + 1)
            .unwrap_or(0),
    ))
}

fn split_string(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let Value::Pattern(p) = arg(a, 1) else {
        return Ok(string_vec(vec![]));
    };
    let mut out = Vec::new();
    let mut last = 0;
    for m in p.search.find_iter(s) {
        if m.end() == m.start() {
            continue;
        }
        out.push(Value::bytes(&s[last..m.start()]));
        last = m.end();
    }
    out.push(Value::bytes(&s[last..]));
    Ok(string_vec(out))
}

fn join_string_vec(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let sep = str_arg(a, 1);
    let mut out = Vec::new();
    if let Value::Vector(v) = arg(a, 0) {
        for (i, x) in v.borrow().items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            out.extend(crate::builtins::core::render_fmt(x));
        }
    }
    Ok(Value::Str(out.into()))
}

fn strip(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map(|i| i + 1)
        .unwrap_or(start);
    Ok(Value::bytes(&s[start..end.max(start)]))
}

fn string_cat(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let mut v = str_arg(a, 0).to_vec();
    v.extend_from_slice(str_arg(a, 1));
    Ok(Value::Str(v.into()))
}
