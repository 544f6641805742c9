//! The `Reporter::` bifs scripts use to report their own messages, in Zeek's formats and at the
//! location of the call: `Reporter::info` (location only), `warning`, `error`, and `fatal`,
//! which ends the process.

use super::{str_arg, Bif};
use crate::diag::{location, Diag, Level};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    super::bif("Reporter::info", "function(msg: string): bool", info),
    super::bif("Reporter::warning", "function(msg: string): bool", warning),
    super::bif("Reporter::error", "function(msg: string): bool", error),
    super::bif("Reporter::fatal", "function(msg: string): bool", fatal),
];

fn text(a: &[Value]) -> String {
    String::from_utf8_lossy(str_arg(a, 0)).into_owned()
}

fn info(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let line = format!("{}: {}\n", location(span), text(a));
    crate::runtime::output::write_stderr(line.as_bytes());
    Ok(Value::Bool(true))
}

fn warning(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Diag::new(Level::Warning, text(a), Some(span)).emit();
    Ok(Value::Bool(true))
}

fn error(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Diag::new(Level::Error, text(a), Some(span)).emit();
    Ok(Value::Bool(true))
}

fn fatal(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Diag::new(Level::Fatal, text(a), Some(span)).emit();
    super::files::flush_all_files();
    crate::runtime::output::flush_stdout();
    std::process::exit(1)
}
