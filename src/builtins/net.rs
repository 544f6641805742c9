//! Address, subnet and port bifs.

use super::{arg, bif, Bif};
use crate::runtime::render;
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif(
        "matching_subnets",
        "function(search: subnet, t: any): subnet_vec",
        matching_subnets,
    ),
    bif(
        "filter_subnet_table",
        "function(search: subnet, t: any): any",
        filter_subnet_table,
    ),
    bif("is_v4_addr", "function(a: addr): bool", is_v4_addr),
    bif("is_v6_addr", "function(a: addr): bool", |_, a, _| {
        Ok(Value::Bool(
            matches!(arg(a, 0), Value::Addr(x) if !render::is_v4(x)),
        ))
    }),
    bif("to_addr", "function(ip: string): addr", to_addr),
    bif("is_v4_subnet", "function(s: subnet): bool", is_v4_subnet),
    bif("is_v6_subnet", "function(s: subnet): bool", is_v6_subnet),
    bif(
        "mask_addr",
        "function(a: addr, top_bits_to_keep: count): subnet",
        mask_addr,
    ),
    bif(
        "remask_addr",
        "function(a1: addr, a2: addr, top_bits_from_a1: count): addr",
        remask_addr,
    ),
    bif(
        "check_subnet",
        "function(search: subnet, t: any): bool",
        check_subnet,
    ),
    bif(
        "addr_to_subnet",
        "function(a: addr): subnet",
        addr_to_subnet,
    ),
    bif(
        "subnet_to_addr",
        "function(sn: subnet): addr",
        subnet_to_addr,
    ),
    bif("subnet_width", "function(sn: subnet): count", subnet_width),
    bif(
        "addr_to_counts",
        "function(a: addr): index_vec",
        addr_to_counts,
    ),
    bif(
        "counts_to_addr",
        "function(v: index_vec): addr",
        counts_to_addr,
    ),
    bif(
        "count_to_v4_addr",
        "function(ip: count): addr",
        count_to_v4_addr,
    ),
    bif(
        "raw_bytes_to_v4_addr",
        "function(b: string): addr",
        raw_bytes_to_v4_addr,
    ),
    bif(
        "raw_bytes_to_v6_addr",
        "function(x: string): addr",
        raw_bytes_to_v6_addr,
    ),
    bif(
        "addr_to_ptr_name",
        "function(a: addr): string",
        addr_to_ptr_name,
    ),
    bif(
        "ptr_name_to_addr",
        "function(s: string): addr",
        ptr_name_to_addr,
    ),
    bif("is_tcp_port", "function(p: port): bool", |_, a, _| {
        Ok(Value::Bool(proto(a) == 1))
    }),
    bif("is_udp_port", "function(p: port): bool", |_, a, _| {
        Ok(Value::Bool(proto(a) == 2))
    }),
    bif("is_icmp_port", "function(p: port): bool", |_, a, _| {
        Ok(Value::Bool(proto(a) == 3))
    }),
    bif(
        "get_port_transport_proto",
        "function(p: port): transport_proto",
        get_port_transport_proto,
    ),
    bif("port_to_count", "function(p: port): count", |_, a, _| {
        Ok(Value::Count(arg(a, 0).as_u64()))
    }),
];

fn is_v4_addr(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(
        matches!(arg(a, 0), Value::Addr(x) if render::is_v4(x)),
    ))
}

fn to_addr(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = arg(a, 0).as_str_lossy();
    match render::parse_addr(s.trim()) {
        Some(x) => Ok(Value::Addr(x)),
        None => {
            let msg = "failed converting string to IP address";
            super::conversions::conversion_error(msg, span, s.as_bytes());
            Ok(Value::Addr([0; 16]))
        }
    }
}

fn proto(a: &[Value]) -> u8 {
    match arg(a, 0) {
        Value::Port(_, p) => *p,
        _ => 0,
    }
}

fn get_port_transport_proto(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let name = match proto(a) {
        1 => "tcp",
        2 => "udp",
        3 => "icmp",
        _ => "unknown_transport",
    };
    Ok(crate::types::enum_value("transport_proto", name))
}

fn addr(a: &[Value], i: usize) -> [u8; 16] {
    match arg(a, i) {
        Value::Addr(x) => *x,
        _ => [0; 16],
    }
}

fn subnet(a: &[Value]) -> ([u8; 16], u8) {
    match arg(a, 0) {
        Value::Subnet(x, l) => (*x, *l),
        _ => ([0; 16], 0),
    }
}

fn is_v4_subnet(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(render::is_v4(&subnet(a).0)))
}

fn is_v6_subnet(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(!render::is_v4(&subnet(a).0)))
}

/// A v4 address from its 32-bit value.
fn v4(n: u32) -> [u8; 16] {
    let mut x = [0u8; 16];
    x[10] = 0xff;
    x[11] = 0xff;
    x[12..].copy_from_slice(&n.to_be_bytes());
    x
}

/// A subnet whose length is given in the address family's terms (as Zeek's IPPrefix).
fn make_subnet(x: [u8; 16], len: u64, span: Span) -> Value {
    let (max, off) = if render::is_v4(&x) {
        (32, 96)
    } else {
        (128, 0)
    };
    if len > max {
        let fam = if off == 96 { "v4" } else { "v6" };
        super::report(format!("Bad IPAddr({fam}) IPPrefix length : {len}"), span);
        return Value::Subnet(render::mask_addr(&x, off), off);
    }
    let l = (len + u64::from(off)) as u8;
    Value::Subnet(render::mask_addr(&x, l), l)
}

fn mask_addr(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Ok(make_subnet(addr(a, 0), arg(a, 1).as_u64(), span))
}

/// The top bits (of the 128-bit form) from a1, the rest from a2.
fn remask_addr(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (x, y) = (addr(a, 0), addr(a, 1));
    let bits = arg(a, 2).as_u64().min(128) as u8;
    let hi = render::mask_addr(&x, bits);
    let lo_mask = render::mask_addr(&[0xff; 16], bits);
    let mut out = [0u8; 16];
    for i in 0..16 {
        out[i] = hi[i] | (y[i] & !lo_mask[i]);
    }
    Ok(Value::Addr(out))
}

/// Is `search` (exactly) one of the subnets indexing the table?
fn check_subnet(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let search = arg(a, 0);
    if let Value::Table(t) = arg(a, 1) {
        let t = t.borrow();
        if t.ty.index.len() == 1 && matches!(t.ty.index[0], crate::types::Type::Subnet) {
            let found = t
                .map
                .keys()
                .any(|k| crate::runtime::value::key_eq(&k.parts()[0], search));
            return Ok(Value::Bool(found));
        }
    }
    super::report(
        "check_subnet needs to be called on a set[subnet]/table[subnet].",
        span,
    );
    Ok(Value::Bool(false))
}

fn addr_to_subnet(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Subnet(addr(a, 0), 128))
}

fn subnet_to_addr(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Addr(subnet(a).0))
}

fn subnet_width(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (x, l) = subnet(a);
    let w = if render::is_v4(&x) && l >= 96 {
        l - 96
    } else {
        l
    };
    Ok(Value::Count(u64::from(w)))
}

fn addr_to_counts(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let x = addr(a, 0);
    let words = if render::is_v4(&x) { &x[12..] } else { &x[..] };
    let items = words
        .chunks(4)
        .map(|w| Value::Count(u64::from(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))))
        .collect();
    Ok(Value::new_vector(crate::types::Type::Count, items))
}

fn counts_to_addr(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let items = match arg(a, 0) {
        Value::Vector(v) => v.borrow().items.iter().map(|c| c.as_u64() as u32).collect(),
        _ => Vec::new(),
    };
    match items.len() {
        1 => Ok(Value::Addr(v4(items[0]))),
        4 => {
            let mut x = [0u8; 16];
            for (i, w) in items.iter().enumerate() {
                x[i * 4..i * 4 + 4].copy_from_slice(&w.to_be_bytes());
            }
            Ok(Value::Addr(x))
        }
        _ => {
            let ctx = crate::builtins::core::render_fmt(arg(a, 0));
            crate::diag::Diag::error("invalid vector size", span)
                .with_ctx(String::from_utf8_lossy(&ctx).into_owned())
                .emit();
            Ok(Value::Addr([0; 16]))
        }
    }
}

fn count_to_v4_addr(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let c = arg(a, 0).as_u64();
    if c > u64::from(u32::MAX) {
        crate::diag::Diag::error("conversion of non-IPv4 count to addr", span)
            .with_ctx(c.to_string())
            .emit();
        return Ok(Value::Addr(v4(0)));
    }
    Ok(Value::Addr(v4(c as u32)))
}

fn raw_bytes_to_v4_addr(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let b = arg(a, 0).as_bytes();
    if b.len() < 4 {
        super::report(
            "too short a string as input to raw_bytes_to_v4_addr()",
            span,
        );
        return Ok(Value::Addr(v4(0)));
    }
    Ok(Value::Addr(v4(u32::from_be_bytes([
        b[0], b[1], b[2], b[3],
    ]))))
}

fn raw_bytes_to_v6_addr(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let b = arg(a, 0).as_bytes();
    if b.len() < 16 {
        super::report(
            "too short a string as input to raw_bytes_to_v6_addr()",
            span,
        );
        return Ok(Value::Addr([0; 16]));
    }
    let mut x = [0u8; 16];
    x.copy_from_slice(&b[..16]);
    Ok(Value::Addr(x))
}

fn addr_to_ptr_name(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let x = addr(a, 0);
    let name = if render::is_v4(&x) {
        format!("{}.{}.{}.{}.in-addr.arpa", x[15], x[14], x[13], x[12])
    } else {
        let mut s = String::new();
        for b in x.iter().rev() {
            s.push_str(&format!("{:x}.{:x}.", b & 0xf, b >> 4));
        }
        s + "ip6.arpa"
    };
    Ok(Value::str(&name))
}

/// `d.c.b.a.in-addr.arpa` or the 32-nibble `ip6.arpa` form (72 characters).
fn ptr_name_to_addr(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = arg(a, 0).as_str_lossy();
    let parsed = if s.len() != 72 {
        parse_v4_ptr(&s).map(v4)
    } else {
        parse_v6_ptr(&s)
    };
    match parsed {
        Some(x) => Ok(Value::Addr(x)),
        None => {
            crate::diag::Diag::error("bad PTR name", span)
                .with_ctx(s.clone())
                .emit();
            Ok(Value::Addr(if s.len() != 72 { v4(0) } else { [0; 16] }))
        }
    }
}

fn parse_v4_ptr(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.splitn(5, '.').collect();
    if parts.len() != 5 || parts[4] != "in-addr.arpa" {
        return None;
    }
    let mut n = 0u32;
    for (i, p) in parts[..4].iter().enumerate() {
        let v: i64 = p.parse().ok()?;
        n |= ((v as u32) & 0xff) << (8 * i);
    }
    Some(n)
}

fn parse_v6_ptr(s: &str) -> Option<[u8; 16]> {
    let b = s.as_bytes();
    if &s[64..] != "ip6.arpa" {
        return None;
    }
    let mut nibbles = Vec::new();
    for i in 0..32 {
        if b[2 * i + 1] != b'.' {
            return None;
        }
        nibbles.push((b[2 * i] as char).to_digit(16)? as u8);
    }
    let mut x = [0u8; 16];
    for (i, byte) in x.iter_mut().enumerate() {
        *byte = (nibbles[31 - 2 * i] << 4) | nibbles[30 - 2 * i];
    }
    Some(x)
}

/// The entries of a subnet-indexed table whose subnet contains `search`, most specific first.
fn containing(search: &Value, t: &Value) -> Vec<(crate::runtime::value::Key, Value)> {
    let (Value::Subnet(sa, sl), Value::Table(t)) = (search, t) else {
        return Vec::new();
    };
    let mut hits: Vec<(u8, crate::runtime::value::Key, Value)> = t
        .borrow()
        .map
        .iter()
        .filter_map(|(k, v)| match k.parts() {
            [Value::Subnet(n, l)] if l <= sl && render::mask_addr(sa, *l) == *n => {
                Some((*l, k.clone(), v))
            }
            _ => None,
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.0));
    hits.into_iter().map(|(_, k, v)| (k, v)).collect()
}

fn matching_subnets(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let items = containing(arg(a, 0), arg(a, 1))
        .into_iter()
        .map(|(k, _)| k.parts()[0].clone())
        .collect();
    Ok(Value::new_vector(crate::types::Type::Subnet, items))
}

fn filter_subnet_table(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Table(t) = arg(a, 1) else {
        return Ok(arg(a, 1).clone());
    };
    let mut out = crate::runtime::value::TableVal::new(t.borrow().ty.clone());
    for (k, v) in containing(arg(a, 0), arg(a, 1)) {
        out.map.set(k, v);
    }
    Ok(Value::new_table(out))
}
