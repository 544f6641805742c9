//! Math bifs.

use super::{arg, bif, Bif};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif("floor", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().floor()))
    }),
    bif("ceil", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().ceil()))
    }),
    bif("sqrt", "function(x: double): double", sqrt),
    bif("exp", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().exp()))
    }),
    bif("ln", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().ln()))
    }),
    bif("log2", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().log2()))
    }),
    bif("log10", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().log10()))
    }),
    bif(
        "pow",
        "function(x: double, y: double): double",
        |_, a, _| Ok(Value::Double(arg(a, 0).as_f64().powf(arg(a, 1).as_f64()))),
    ),
];

fn sqrt(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let x = arg(a, 0).as_f64();
    if x < 0.0 {
        super::report("negative sqrt argument", span);
        return Ok(Value::Double(-1.0));
    }
    Ok(Value::Double(x.sqrt()))
}
