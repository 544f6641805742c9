//! Address, subnet and port bifs.

use super::{arg, bif, Bif};
use crate::runtime::render;
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif("is_v4_addr", "function(a: addr): bool", is_v4_addr),
    bif("is_v6_addr", "function(a: addr): bool", |_, a, _| {
        Ok(Value::Bool(
            matches!(arg(a, 0), Value::Addr(x) if !render::is_v4(x)),
        ))
    }),
    bif("to_addr", "function(ip: string): addr", to_addr),
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
            super::report(
                format!("failed converting string to IP address ({})", s),
                span,
            );
            Ok(Value::Addr([0; 16]))
        }
    }
}
