//! Core bifs: fmt, cat, type_name, exit, terminate, same_object and other introspection.

use super::{arg, bif, vbif, Bif};
use crate::runtime::describe::{describe, Mode};
use crate::runtime::render;
use crate::runtime::value::{FuncImpl, Key, TableVal, Value};
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use crate::types::Type;
use std::rc::Rc;

pub const BIFS: &[Bif] = &[
    vbif("fmt", "function(): string", fmt),
    vbif("cat", "function(): string", cat),
    vbif("print_raw", "function(): bool", print_raw),
    vbif("cat_sep", "function(): string", cat_sep),
    bif("type_name", "function(t: any): string", type_name),
    bif("exit", "function(code: int): any", exit),
    bif("terminate", "function(): bool", terminate),
    bif(
        "zeek_is_terminating",
        "function(): bool",
        zeek_is_terminating,
    ),
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
    bif("current_analyzer", "function(): count", |_, _, _| {
        Ok(Value::Count(0))
    }),
    bif("lookup_ID", "function(id: string): any", lookup_id),
    bif("enum_names", "function(et: any): string_set", enum_names),
    bif("type_aliases", "function(x: any): string_set", type_aliases),
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
        out.extend(describe(a, Mode::Cat));
    }
    Ok(Value::Str(out.into()))
}

/// Writes its arguments to stdout as `cat` renders them, with no separator or newline.
fn print_raw(interp: &mut Interp, args: &[Value], span: Span) -> RResult<Value> {
    if let Value::Str(s) = cat(interp, args, span)? {
        crate::runtime::output::write_stdout(&s);
    }
    Ok(Value::Bool(true))
}

fn cat_sep(_: &mut Interp, args: &[Value], span: Span) -> RResult<Value> {
    let problem = match args {
        [] | [_] => Some(format!(
            "cat_sep() takes at least 2 argument(s), got {}",
            args.len()
        )),
        [sep, ..] if !matches!(sep, Value::Str(_)) => Some(not_string("sep", sep)),
        [_, def, ..] if !matches!(def, Value::Str(_)) => Some(not_string("def", def)),
        _ => None,
    };
    if let Some(msg) = problem {
        let call = crate::syntax::render::canonical(span, false);
        crate::diag::Diag::new(crate::diag::Level::Error, msg, Some(span))
            .with_ctx(call)
            .emit();
        return Ok(Value::str(""));
    }
    let sep = args[0].as_bytes().to_vec();
    let def = args[1].as_bytes().to_vec();
    let mut out = Vec::new();
    for (i, a) in args[2..].iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        let r = describe(a, Mode::Cat);
        if r.is_empty() {
            out.extend_from_slice(&def);
        } else {
            out.extend(r);
        }
    }
    Ok(Value::Str(out.into()))
}

/// A bif's complaint about a non-string argument, naming the value's kind of type.
fn not_string(param: &str, v: &Value) -> String {
    let kind = match v {
        Value::Record(_) => "record".to_string(),
        Value::Table(_) => "table".to_string(),
        Value::Vector(_) => "vector".to_string(),
        v => crate::runtime::convert::value_type_name(v),
    };
    format!("expected type string for {param}, got {kind}")
}

fn type_name(_: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let v = arg(args, 0);
    let name = match v {
        Value::Enum(e, _) => e.name.clone(),
        // A type used as a value has type "type" (Zeek's TypeType describes itself so).
        Value::Type(_) => "type".into(),
        _ => crate::runtime::eval::value_type_name(v),
    };
    let name = match v {
        Value::Record(r) => {
            let rb = r.borrow();
            let name = rb.ty.name.borrow().clone();
            match name {
                Some(n) if !rb.anonymous => n,
                _ => crate::types::Type::Record(rb.ty.clone()).describe(),
            }
        }
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
    Ok(Value::Bool(interp.terminate_loop()))
}

fn zeek_is_terminating(interp: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(interp.shutting_down || interp.terminating))
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
        // Immutable scalars are shared values in Zeek: a copy is the same object.
        (a, b) if !matches!(a, Value::Void | Value::Type(_)) => crate::runtime::value::key_eq(a, b),
        _ => false,
    };
    Ok(Value::Bool(same))
}

fn global_value(interp: &Interp, name: &str) -> Option<Value> {
    let slot = crate::types::global_slot(name)?;
    interp.globals.get(slot as usize).cloned()
}

/// True if the event has a handler body; an error for a name that is not an event.
fn is_event_handled(interp: &mut Interp, args: &[Value], span: Span) -> RResult<Value> {
    let name = arg(args, 0).as_str_lossy();
    // Zeek's own bare-mode scripts handle zeek_init.
    if name == "zeek_init" {
        return Ok(Value::Bool(true));
    }
    let v = match global_value(interp, &name) {
        Some(v) => v,
        None if crate::types::named_type(&name).is_some() => Value::Void,
        // Zeek knows events this interpreter does not declare: not handled.
        None => return Ok(Value::Bool(false)),
    };
    match &v {
        Value::Func(f) if f.ty.kind == crate::syntax::ast::FuncKind::Event => {
            Ok(Value::Bool(match &f.imp {
                FuncImpl::Script(b) => !b.borrow().is_empty(),
                FuncImpl::Builtin(_) => true,
            }))
        }
        _ => {
            crate::diag::Diag::error(
                format!("is_event_handled: '{}' is not an event", name),
                span,
            )
            .with_ctx(crate::syntax::render::canonical(span, false))
            .emit();
            Ok(Value::Bool(false))
        }
    }
}

fn lookup_id(interp: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let name = arg(args, 0).as_str_lossy();
    if let Some(v) = global_value(interp, &name) {
        return Ok(match v {
            Value::Void => Value::str("<no ID value>"),
            v => v,
        });
    }
    Ok(crate::types::enum_const(&name).unwrap_or_else(|| Value::str("<unknown id>")))
}

/// The type a bif's `any` argument names: a type value, or a string naming a declared type.
fn type_arg(v: &Value) -> Option<Type> {
    match v {
        Value::Type(t) => Some(strip_typeval(t)),
        Value::Str(s) => crate::types::named_type(&String::from_utf8_lossy(s)),
        _ => None,
    }
}

fn strip_typeval(t: &Type) -> Type {
    match t {
        Type::Meta(x) => strip_typeval(x),
        t => t.clone(),
    }
}

fn string_set(interp: &Interp, bif: &str, items: Vec<String>) -> Value {
    let Some(Type::Table(tt)) = super::bif_return_type(interp, bif) else {
        return Value::Void;
    };
    let mut t = TableVal::new(tt);
    for i in items {
        t.map.set(Key::One(Value::str(&i)), Value::Bool(true));
    }
    Value::new_table(t)
}

fn enum_names(interp: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let names = match type_arg(arg(args, 0)) {
        Some(Type::Enum(e)) => e.names.borrow().iter().map(|(n, _)| n.clone()).collect(),
        _ => vec![],
    };
    Ok(string_set(interp, "enum_names", names))
}

/// The name of a value's (or type value's) named type, if it has one.
fn type_name_of(v: &Value) -> Option<String> {
    let t = match v {
        Value::Type(t) => strip_typeval(t),
        Value::Enum(e, _) => Type::Enum(e.clone()),
        Value::Record(r) => Type::Record(r.borrow().ty.clone()),
        Value::Table(t) => Type::Table(t.borrow().ty.clone()),
        _ => return None,
    };
    match t {
        Type::Alias(name, _) => Some(name.to_string()),
        Type::Enum(e) => Some(e.name.clone()),
        Type::Record(r) => r.name.borrow().clone(),
        Type::Table(t) => t.name.borrow().clone(),
        _ => None,
    }
}

fn type_aliases(interp: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let names = type_name_of(arg(args, 0))
        .map(|n| crate::types::type_aliases(&n))
        .unwrap_or_default();
    Ok(string_set(interp, "type_aliases", names))
}

/// The Zeek release whose script language zeekling follows. Scripts compare it
/// (`Version::at_least`) to pick what they use, so it names Zeek's version, with zeekling as
/// the local part (`-v` prints zeekling's own).
const ZEEK_LANGUAGE_VERSION: &str = "9.1.0-zeekling";

fn zeek_version(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::str(ZEEK_LANGUAGE_VERSION))
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
    Ok(Value::Count(footprint(arg(args, 0), &mut Vec::new())))
}

/// Zeek's footprint: 1 per scalar (strings 1 per 32 bytes begun after the first), plus for a
/// container one per element slot (record fields set or not, vector items, table entries, and
/// the parts of each table index, which Zeek holds as a list) and the footprints of what they
/// hold. A container met again inside itself (a cycle) counts 1.
fn footprint(v: &Value, active: &mut Vec<usize>) -> u64 {
    let id = match v {
        Value::Record(r) => Rc::as_ptr(r) as usize,
        Value::Table(t) => Rc::as_ptr(t) as usize,
        Value::Vector(x) => Rc::as_ptr(x) as usize,
        Value::Str(s) => return 1 + s.len() as u64 / 32,
        _ => return 1,
    };
    if active.contains(&id) {
        return 1;
    }
    active.push(id);
    let total = match v {
        Value::Record(r) => {
            let fields = r.borrow().fields.clone();
            let slots = r.borrow().ty.fields.borrow().len() as u64;
            slots + sum_footprints(&fields, active)
        }
        Value::Table(t) => table_footprint(&t.borrow(), active),
        Value::Vector(x) => {
            let items = x.borrow().items.clone();
            items.len() as u64 + sum_footprints(&items, active)
        }
        _ => 0,
    };
    active.pop();
    total
}

/// Footprints of the values present among `vals` (holes and unset fields add nothing).
fn sum_footprints(vals: &[Value], active: &mut Vec<usize>) -> u64 {
    vals.iter()
        .filter(|v| !v.is_void())
        .map(|v| footprint(v, active))
        .sum()
}

fn table_footprint(t: &TableVal, active: &mut Vec<usize>) -> u64 {
    let is_set = t.ty.is_set();
    let entries: Vec<(Key, Value)> = t.map.iter().collect();
    let per_entry: u64 = entries
        .iter()
        .map(|(k, v)| {
            let index = k.parts().len() as u64 + sum_footprints(k.parts(), active);
            index + if is_set { 0 } else { footprint(v, active) }
        })
        .sum();
    entries.len() as u64 + per_entry
}

/// A type as record_fields names it: named enums and records as `enum N` / `record N`.
fn field_type_name(t: &Type) -> String {
    match t {
        Type::Enum(e) => format!("enum {}", e.name),
        Type::Record(r) => match r.name.borrow().as_ref() {
            Some(n) => format!("record {}", n),
            None => t.describe(),
        },
        Type::Vector(e) => format!("vector of {}", field_type_name(e)),
        Type::Table(tt) => {
            let idx: Vec<String> = tt.index.iter().map(field_type_name).collect();
            let head = if tt.is_set() { "set" } else { "table" };
            let mut s = format!("{}[{}]", head, idx.join(","));
            if let Some(y) = &tt.yield_ty {
                s.push_str(" of ");
                s.push_str(&field_type_name(y));
            }
            s
        }
        _ => t.describe(),
    }
}

/// Zeek's record_fields: per field its type name, &log, value (of a record value), default and
/// whether it is optional (&optional or &default).
fn record_fields(interp: &mut Interp, args: &[Value], _: Span) -> RResult<Value> {
    let Some(Type::Table(tt)) = super::bif_return_type(interp, "record_fields") else {
        return Ok(Value::Void);
    };
    let Some(Type::Record(field_ty)) = tt.yield_ty.clone() else {
        return Ok(Value::Void);
    };
    let mut out = TableVal::new(tt);
    // Zeek builds this table `&ordered`: fields print in declaration order.
    out.set_ordered();
    let (rt, rv) = match arg(args, 0) {
        Value::Record(r) => (r.borrow().ty.clone(), Some(r.clone())),
        v => match (v, type_arg(v)) {
            (_, Some(Type::Record(rt))) => (rt, None),
            (Value::Str(_), _) => {
                super::error_noloc("record_fields string argument does not name a record type");
                return Ok(Value::new_table(out));
            }
            _ => {
                super::error_noloc("non-record value/type passed to record_fields");
                return Ok(Value::new_table(out));
            }
        },
    };
    for (i, f) in rt.fields.borrow().iter().enumerate() {
        let value = rv
            .as_ref()
            .and_then(|r| r.borrow().get(i).cloned())
            .unwrap_or(Value::Void);
        let default = match &f.default {
            Some(e) => interp.run_frame(0, |it| it.eval(e))?,
            None => Value::Void,
        };
        let fields = vec![
            Value::str(&field_type_name(&f.ty)),
            Value::Bool(f.log),
            value,
            default,
            Value::Bool(f.is_optional()),
        ];
        let rec = Value::new_record(field_ty.clone(), fields);
        out.map.set(Key::One(Value::str(&f.name)), rec);
    }
    Ok(Value::new_table(out))
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
    let mut out = Vec::with_capacity(f.len() + 16);
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
        // Only the ASCII flag characters were taken.
        let flags = std::str::from_utf8(&f[spec_start..i]).unwrap_or_default();
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
        // The common `%d` of a number, written straight into the output.
        match (conv, v, width) {
            (b'd' | b'i', Value::Count(c), None) => write_display(&mut out, c),
            (b'd' | b'i', Value::Int(n), None) => write_display(&mut out, n),
            _ => out.extend(format_one(v, conv, flags, width, prec)),
        }
    }
    if next < args.len() {
        super::report("too many arguments for format", span);
    }
    Ok(Value::Str(out.into()))
}

fn write_display(out: &mut Vec<u8>, x: &impl std::fmt::Display) {
    use std::io::Write;
    // Writing to a Vec cannot fail.
    let _ = write!(out, "{x}");
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
                Value::Bool(b) => (*b as u8).to_string(),
                Value::Enum(_, i) => i.to_string(),
                Value::Port(p, _) => p.to_string(),
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
