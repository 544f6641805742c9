//! Conversion bifs between Zeek's scalar types.

use super::{arg, bif, str_arg, Bif};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif("to_count", "function(str: string): count", to_count),
    bif("to_int", "function(str: string): int", to_int),
    bif("to_double", "function(str: string): double", to_double),
    bif("to_port", "function(s: string): port", to_port),
    bif(
        "double_to_time",
        "function(d: double): time",
        double_to_time,
    ),
    bif(
        "time_to_double",
        "function(t: time): double",
        time_to_double,
    ),
    bif(
        "interval_to_double",
        "function(i: interval): double",
        interval_to_double,
    ),
    bif(
        "double_to_interval",
        "function(d: double): interval",
        double_to_interval,
    ),
    bif("int_to_count", "function(n: int): count", int_to_count),
    bif(
        "double_to_count",
        "function(d: double): count",
        double_to_count,
    ),
    bif(
        "count_to_double",
        "function(c: count): double",
        count_to_double,
    ),
    bif("int_to_double", "function(i: int): double", count_to_double),
];

fn trimmed(a: &[Value]) -> String {
    String::from_utf8_lossy(str_arg(a, 0)).trim().to_string()
}

fn to_count(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = trimmed(a);
    match s.parse::<u64>() {
        Ok(v) => Ok(Value::Count(v)),
        Err(_) => {
            super::report(format!("bad conversion to count ({})", s), span);
            Ok(Value::Count(0))
        }
    }
}

fn to_int(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = trimmed(a);
    match s.parse::<i64>() {
        Ok(v) => Ok(Value::Int(v)),
        Err(_) => {
            super::report(format!("bad conversion to integer ({})", s), span);
            Ok(Value::Int(0))
        }
    }
}

fn to_double(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = trimmed(a);
    match s.parse::<f64>() {
        Ok(v) => Ok(Value::Double(v)),
        Err(_) => {
            super::report(format!("bad conversion to double ({})", s), span);
            Ok(Value::Double(0.0))
        }
    }
}

fn to_port(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = trimmed(a);
    if let Some((n, p)) = s.split_once('/') {
        if let Ok(n) = n.parse::<u32>() {
            if n <= 65535 && matches!(p, "tcp" | "udp" | "icmp" | "unknown") {
                return Ok(Value::Port(n, crate::syntax::parser::proto_code(p)));
            }
        }
    }
    super::report("bad conversion to port", span);
    Ok(Value::Port(0, 0))
}

fn double_to_time(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Time(arg(a, 0).as_f64()))
}

fn time_to_double(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Double(arg(a, 0).as_f64()))
}

fn interval_to_double(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Double(arg(a, 0).as_f64()))
}

fn double_to_interval(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Interval(arg(a, 0).as_f64()))
}

fn int_to_count(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Count(arg(a, 0).as_i64() as u64))
}

fn double_to_count(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Count(arg(a, 0).as_f64() as u64))
}

fn count_to_double(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Double(arg(a, 0).as_f64()))
}
