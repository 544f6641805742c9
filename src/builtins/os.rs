//! OS bifs: environment, processes.

use super::{bif, str_arg, Bif};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif("getenv", "function(var: string): string", getenv),
    bif("setenv", "function(var: string, val: string): bool", setenv),
    bif("system", "function(str: string): int", system),
];

fn getenv(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let k = String::from_utf8_lossy(str_arg(a, 0)).into_owned();
    Ok(Value::str(&std::env::var(k).unwrap_or_default()))
}

fn setenv(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let k = String::from_utf8_lossy(str_arg(a, 0)).into_owned();
    let v = String::from_utf8_lossy(str_arg(a, 1)).into_owned();
    if k.is_empty() || k.contains('=') {
        return Ok(Value::Bool(false));
    }
    std::env::set_var(k, v);
    Ok(Value::Bool(true))
}

fn system(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    crate::runtime::output::flush_stdout();
    super::files::flush_all_files();
    let cmd = String::from_utf8_lossy(str_arg(a, 0)).into_owned();
    let st = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(cmd)
        .status();
    Ok(Value::Int(
        st.ok().and_then(|s| s.code()).unwrap_or(-1) as i64
    ))
}
