//! The JSON bifs: `to_json` (write.rs) and `from_json` (parse.rs reads the text as Zeek's
//! rapidjson does, build.rs makes the value).

mod build;
mod parse;
mod write;

use super::{arg, bif, Bif};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use crate::types::Type;

pub const BIFS: &[Bif] = &[
    bif(
        "to_json",
        "function(val: any, only_loggable: bool &default = F, field_escape_pattern: pattern &default = /^_/, interval_as_double: bool &default = F): string",
        to_json,
    ),
    bif(
        "from_json",
        "function(s: string, t: any, key_func: string_mapper &default = from_json_default_key_mapper): from_json_result",
        from_json,
    ),
];

fn to_json(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let escape = match arg(a, 2) {
        Value::Pattern(p) => Some(&**p),
        _ => None,
    };
    let opts = write::Options {
        only_loggable: arg(a, 1).as_bool(),
        field_escape: escape,
        interval_as_double: arg(a, 3).as_bool(),
    };
    Ok(Value::Str(write::to_json(arg(a, 0), &opts).into()))
}

fn type_of_arg(v: &Value) -> Option<Type> {
    let Value::Type(t) = v else { return None };
    let mut t = (**t).clone();
    while let Type::Meta(inner) = t {
        t = (*inner).clone();
    }
    Some(t)
}

/// A `from_json_result`: the value, or why there is none.
fn result(interp: &Interp, v: Option<Value>, valid: bool, err: Option<String>) -> Value {
    let fields = vec![
        v.unwrap_or(Value::Void),
        Value::Bool(valid),
        err.map_or(Value::Void, |e| Value::str(&e)),
    ];
    super::ret_record(interp, "from_json", fields)
}

fn from_json(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let Some(ty) = type_of_arg(arg(a, 1)) else {
        let call = crate::syntax::render::canonical(span, false);
        crate::diag::Diag::new(
            crate::diag::Level::Error,
            "from_json() requires a type argument",
            Some(span),
        )
        .with_ctx(call)
        .emit();
        return Ok(result(interp, None, false, None));
    };
    let doc = match parse::parse(arg(a, 0).as_bytes()) {
        Ok(doc) => doc,
        Err(e) => {
            let msg = format!("JSON parse error: {} Offset: {}", e.msg, e.offset);
            return Ok(result(interp, None, false, Some(msg)));
        }
    };
    let key_func = match arg(a, 2) {
        Value::Func(f) if f.name != "from_json_default_key_mapper" => Some(arg(a, 2).clone()),
        _ => None,
    };
    let mut b = build::Builder {
        interp,
        key_func,
        span,
    };
    Ok(match b.build(&doc, &ty)? {
        Ok(v) => result(interp, v, true, None),
        Err(e) => result(interp, None, false, Some(e)),
    })
}
