//! File bifs: open/close/write_file and friends; open files are flushed at exit.

use super::{arg, bif, str_arg, Bif};
use crate::runtime::value::{FileVal, Value};
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use std::cell::RefCell;
use std::io::Write;
use std::rc::{Rc, Weak};

thread_local! {
    static OPEN: RefCell<Vec<Weak<RefCell<FileVal>>>> = const { RefCell::new(Vec::new()) };
}

pub const BIFS: &[Bif] = &[
    bif("open", "function(f: string): file", open),
    bif(
        "open_for_append",
        "function(f: string): file",
        open_for_append,
    ),
    bif("close", "function(f: file): bool", close),
    bif(
        "write_file",
        "function(f: file, data: string): bool",
        write_file,
    ),
    bif("flush_all", "function(): bool", |_, _, _| {
        flush_all_files();
        Ok(Value::Bool(true))
    }),
];

fn open_with(path: &str, append: bool) -> Value {
    let out = match path {
        "-" | "/dev/stdout" => None,
        _ => std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(path)
            .ok()
            .map(std::io::BufWriter::new),
    };
    let f = Rc::new(RefCell::new(FileVal {
        path: path.to_string(),
        out,
        raw: false,
    }));
    OPEN.with(|o| o.borrow_mut().push(Rc::downgrade(&f)));
    Value::File(f)
}

fn open(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(open_with(&String::from_utf8_lossy(str_arg(a, 0)), false))
}

fn open_for_append(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(open_with(&String::from_utf8_lossy(str_arg(a, 0)), true))
}

fn close(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    if let Value::File(f) = arg(a, 0) {
        let mut fb = f.borrow_mut();
        if let Some(mut o) = fb.out.take() {
            let _ = o.flush();
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn write_file(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    if let Value::File(f) = arg(a, 0) {
        crate::runtime::output::write_file(f, str_arg(a, 1));
        return Ok(Value::Bool(true));
    }
    Ok(Value::Bool(false))
}

/// Flush every file a script opened (at exit and before running external commands).
pub fn flush_all_files() {
    OPEN.with(|o| {
        o.borrow_mut().retain(|w| match w.upgrade() {
            Some(f) => {
                if let Some(out) = f.borrow_mut().out.as_mut() {
                    let _ = out.flush();
                }
                true
            }
            None => false,
        })
    });
}
