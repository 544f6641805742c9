//! Core bifs: fmt, cat, type_name, exit, terminate, same_object and other introspection.

use super::{arg, bif, vbif, Bif};
use crate::runtime::describe::{describe, Mode};
use crate::runtime::render;
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use std::rc::Rc;

pub const BIFS: &[Bif] = &[
    vbif("fmt", "function(): string", fmt),
    vbif("cat", "function(): string", cat),
    vbif("cat_sep", "function(): string", cat_sep),
    bif("type_name", "function(t: any): string", type_name),
    bif("exit", "function(code: int): any", exit),
    bif("terminate", "function(): bool", terminate),
    bif(
        "same_object",
        "function(o1: any, o2: any): bool",
        same_object,
    ),
    bif(
        "is_event_handled",
        "function(name: string): bool",
        is_event_handled,
    ),
    bif("zeek_version", "function(): string", zeek_version),
    bif("current_time", "function(): time", current_time),
    bif("network_time", "function(): time", network_time),
    bif("getpid", "function(): count", getpid),
    bif("reading_live_traffic", "function(): bool", false_bif),
    bif("reading_traces", "function(): bool", false_bif),
    bif("is_remote_event", "function(): bool", false_bif),
    bif(
        "enable_raw_output",
        "function(f: file): any",
        enable_raw_output,
    ),
    bif("val_footprint", "function(v: any): count", val_footprint),
    bif(
        "record_fields",
        "function(rec: any): record_field_table",
        record_fields,
    ),
];

fn false_bif(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(false))
}

pub fn render_fmt(v: &Value) -> Vec<u8> {
    describe(v, Mode::Fmt)
}

fn cat(_: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let mut out = Vec::new();
    for a in args {
        out.extend(render_fmt(a));
    }
    Ok(Value::Str(out.into()))
}

fn cat_sep(_: &mut Interp, args: &[Value], span: Span) -> RResult<Value> {
    if args.len() < 2 {
        super::report("cat_sep() requires at least two arguments", span);
        return Ok(Value::str(""));
    }
    let sep = args[0].as_bytes().to_vec();
    let def = args[1].as_bytes().to_vec();
    let mut out = Vec::new();
    for (i, a) in args[2..].iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        let r = render_fmt(a);
        if r.is_empty() {
            out.extend_from_slice(&def);
        } else {
            out.extend(r);
        }
    }
    Ok(Value::Str(out.into()))
}

fn type_name(_: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let v = arg(args, 0);
    let name = match v {
        Value::Enum(e, _) => e.name.clone(),
        Value::Type(t) => t.describe(),
        _ => crate::runtime::eval::value_type_name(v),
    };
    let name = match v {
        Value::Record(r) => crate::types::Type::Record(r.borrow().ty.clone()).describe(),
        Value::Table(t) => crate::types::Type::Table(t.borrow().ty.clone()).describe(),
        Value::File(_) => "file of string".into(),
        _ => name,
    };
    Ok(Value::str(&name))
}

fn exit(_: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    crate::builtins::files::flush_all_files();
    crate::runtime::output::flush_stdout();
    std::process::exit(arg(args, 0).as_i64() as i32)
}

fn terminate(interp: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    let was = interp.terminating;
    interp.terminating = true;
    Ok(Value::Bool(!was))
}

fn same_object(_: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let same = match (arg(args, 0), arg(args, 1)) {
        (Value::Record(a), Value::Record(b)) => Rc::ptr_eq(a, b),
        (Value::Table(a), Value::Table(b)) => Rc::ptr_eq(a, b),
        (Value::Vector(a), Value::Vector(b)) => Rc::ptr_eq(a, b),
        (Value::Func(a), Value::Func(b)) => Rc::ptr_eq(a, b),
        (Value::File(a), Value::File(b)) => Rc::ptr_eq(a, b),
        (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b),
        (Value::Pattern(a), Value::Pattern(b)) => Rc::ptr_eq(a, b),
        _ => false,
    };
    Ok(Value::Bool(same))
}

fn is_event_handled(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(false))
}

fn zeek_version(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::str(concat!(env!("CARGO_PKG_VERSION"), "-zeekling")))
}

fn current_time(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Time(crate::runtime::events::now()))
}

fn network_time(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Time(0.0))
}

fn getpid(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Count(std::process::id() as u64))
}

fn enable_raw_output(_: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    if let Value::File(f) = arg(args, 0) {
        f.borrow_mut().raw = true;
    }
    Ok(Value::Void)
}

fn val_footprint(_: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    fn fp(v: &Value) -> u64 {
        match v {
            Value::Record(r) => {
                1 + r
                    .borrow()
                    .fields
                    .iter()
                    .filter(|f| !f.is_void())
                    .map(fp)
                    .sum::<u64>()
            }
            Value::Table(t) => {
                1 + t
                    .borrow()
                    .map
                    .iter()
                    .map(|(k, v)| k.parts().iter().map(fp).sum::<u64>() + fp(v))
                    .sum::<u64>()
            }
            Value::Vector(x) => 1 + x.borrow().items.iter().map(fp).sum::<u64>(),
            _ => 1,
        }
    }
    Ok(Value::Count(fp(arg(args, 0))))
}

fn record_fields(_: &mut Interp, args: &[Value], span: Span) -> RResult<Value> {
    let _ = (args, span);
    Ok(Value::Void)
}

/// Zeek's `fmt`: C-like conversions applied to Zeek values.
fn fmt(_: &mut Interp, args: &[Value], span: Span) -> RResult<Value> {
    let Some(Value::Str(f)) = args.first() else {
        if args.is_empty() {
            return Ok(Value::str(""));
        }
        return Ok(Value::Str(render_fmt(&args[0]).into()));
    };
    let f = f.clone();
    let mut out = Vec::new();
    let mut next = 1;
    let mut i = 0;
    while i < f.len() {
        if f[i] != b'%' {
            out.push(f[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i < f.len() && f[i] == b'%' {
            out.push(b'%');
            i += 1;
            continue;
        }
        let spec_start = i;
        while i < f.len() && b"-+ #0".contains(&f[i]) {
            i += 1;
        }
        let flags = String::from_utf8_lossy(&f[spec_start..i]).into_owned();
        let width = take_num(&f, &mut i);
        let prec = if i < f.len() && f[i] == b'.' {
            i += 1;
            Some(take_num(&f, &mut i).unwrap_or(0))
        } else {
            None
        };
        let Some(&conv) = f.get(i) else {
            super::report("bad format specifier", span);
            break;
        };
        i += 1;
        let Some(v) = args.get(next) else {
            super::report("too few arguments for format", span);
            return Ok(Value::str(""));
        };
        next += 1;
        out.extend(format_one(v, conv, &flags, width, prec));
    }
    if next < args.len() {
        super::report("too many arguments for format", span);
    }
    Ok(Value::Str(out.into()))
}

fn take_num(f: &[u8], i: &mut usize) -> Option<usize> {
    let start = *i;
    while *i < f.len() && f[*i].is_ascii_digit() {
        *i += 1;
    }
    std::str::from_utf8(&f[start..*i])
        .ok()
        .and_then(|s| s.parse().ok())
}

fn pad(body: Vec<u8>, flags: &str, width: Option<usize>, zero_ok: bool) -> Vec<u8> {
    let w = width.unwrap_or(0);
    if body.len() >= w {
        return body;
    }
    let fill = w - body.len();
    if flags.contains('-') {
        let mut b = body;
        b.extend(std::iter::repeat_n(b' ', fill));
        b
    } else if flags.contains('0') && zero_ok {
        let (sign, digits) = if body.first() == Some(&b'-') {
            (vec![b'-'], body[1..].to_vec())
        } else {
            (vec![], body)
        };
        let mut b = sign;
        b.extend(std::iter::repeat_n(b'0', fill));
        b.extend(digits);
        b
    } else {
        let mut b: Vec<u8> = std::iter::repeat_n(b' ', fill).collect();
        b.extend(body);
        b
    }
}

fn format_one(
    v: &Value,
    conv: u8,
    flags: &str,
    width: Option<usize>,
    prec: Option<usize>,
) -> Vec<u8> {
    match conv {
        b'd' | b'i' => {
            let s = match v {
                Value::Double(d) | Value::Time(d) | Value::Interval(d) => format!("{}", *d as i64),
                Value::Count(c) => c.to_string(),
                Value::Int(i) => i.to_string(),
                _ => return pad(render_fmt(v), flags, width, false),
            };
            pad(s.into_bytes(), flags, width, true)
        }
        b'x' | b'X' => {
            let s = match v {
                Value::Count(c) => format!("{:x}", c),
                Value::Int(i) => format!("{:x}", i),
                Value::Port(p, _) => format!("{:x}", p),
                Value::Addr(a) => {
                    let bytes = if render::is_v4(a) { &a[12..] } else { &a[..] };
                    bytes.iter().map(|b| format!("{:02x}", b)).collect()
                }
                _ => return pad(render_fmt(v), flags, width, false),
            };
            let s = if conv == b'X' { s.to_uppercase() } else { s };
            pad(s.into_bytes(), flags, width, true)
        }
        b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => match v {
            Value::Double(_)
            | Value::Time(_)
            | Value::Interval(_)
            | Value::Count(_)
            | Value::Int(_) => {
                render::c_format_float(v.as_f64(), conv, flags, width, prec).into_bytes()
            }
            _ => pad(render_fmt(v), flags, width, false),
        },
        _ => {
            let mut body = render_fmt(v);
            if let (Some(p), Value::Str(_)) = (prec, v) {
                body.truncate(p);
            }
            pad(body, flags, width, false)
        }
    }
}
