//! File bifs: open/close/write_file, directory operations, rotation; open files are flushed at exit.

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
    bif("set_buf", "function(f: file, buffered: bool): any", set_buf),
    bif("active_file", "function(f: file): bool", active_file),
    bif("get_file_name", "function(f: file): string", get_file_name),
    bif("file_size", "function(f: string): double", file_size),
    bif("file_mode", "function(mode: count): string", file_mode),
    bif("mkdir", "function(f: string): bool", mkdir),
    bif("rmdir", "function(d: string): bool", rmdir),
    bif("unlink", "function(f: string): bool", unlink),
    bif(
        "rename",
        "function(src_f: string, dst_f: string): bool",
        rename,
    ),
    bif("rotate_file", "function(f: file): rotate_info", rotate_file),
    bif(
        "rotate_file_by_name",
        "function(f: string): rotate_info",
        rotate_file_by_name,
    ),
];

/// The C library's message for an I/O error (`strerror`), without Rust's "(os error N)".
pub fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn is_std_stream(path: &str) -> bool {
    matches!(path, "/dev/stdin" | "/dev/stdout" | "/dev/stderr")
}

fn open_with(path: &str, append: bool) -> Value {
    let (out, open) = if path == "-" || is_std_stream(path) {
        (None, true)
    } else {
        match std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(path)
        {
            Ok(f) => (Some(std::io::BufWriter::new(f)), true),
            Err(e) => {
                super::error_noloc(format!("cannot open {}: {}", path, strerror(&e)));
                (None, false)
            }
        }
    };
    let f = Rc::new(RefCell::new(FileVal {
        path: path.to_string(),
        out,
        raw: false,
        open,
        buffered: true,
        open_time: crate::runtime::events::now(),
    }));
    OPEN.with(|o| o.borrow_mut().push(Rc::downgrade(&f)));
    Value::File(f)
}

fn path_arg(a: &[Value], i: usize) -> String {
    String::from_utf8_lossy(str_arg(a, i)).into_owned()
}

fn open(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(open_with(&path_arg(a, 0), false))
}

fn open_for_append(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(open_with(&path_arg(a, 0), true))
}

/// Zeek's File::Close: true for a file already closed, false for the standard streams.
fn close(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::File(f) = arg(a, 0) else {
        return Ok(Value::Bool(false));
    };
    let mut fb = f.borrow_mut();
    if !fb.open {
        return Ok(Value::Bool(true));
    }
    let Some(mut o) = fb.out.take() else {
        return Ok(Value::Bool(false));
    };
    let _ = o.flush();
    fb.open = false;
    Ok(Value::Bool(true))
}

fn write_file(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::File(f) = arg(a, 0) else {
        return Ok(Value::Bool(false));
    };
    let data = str_arg(a, 1);
    if !f.borrow().open || data.is_empty() {
        return Ok(Value::Bool(false));
    }
    crate::runtime::output::write_file(f, data);
    Ok(Value::Bool(true))
}

fn set_buf(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    if let Value::File(f) = arg(a, 0) {
        let mut fb = f.borrow_mut();
        fb.buffered = arg(a, 1).as_bool();
        if let Some(o) = fb.out.as_mut() {
            let _ = o.flush();
        }
    }
    Ok(Value::Bool(true))
}

fn active_file(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(match arg(a, 0) {
        Value::File(f) => f.borrow().open,
        _ => false,
    }))
}

fn get_file_name(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(match arg(a, 0) {
        Value::File(f) => Value::str(&f.borrow().path),
        _ => Value::str(""),
    })
}

fn file_size(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let size = std::fs::metadata(path_arg(a, 0))
        .map(|m| m.len() as f64)
        .unwrap_or(-1.0);
    Ok(Value::Double(size))
}

/// `ls -l` style permissions: `rw[xsS]rw[xsS]rw[xtT]`.
fn file_mode(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let m = arg(a, 0).as_u64();
    let bit = |mask: u64, c: char| if m & mask != 0 { c } else { '-' };
    let exec = |x: u64, special: u64, on: char, off: char| match (m & x != 0, m & special != 0) {
        (false, false) => '-',
        (true, false) => 'x',
        (false, true) => off,
        (true, true) => on,
    };
    let s: String = [
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, 0o4000, 's', 'S'),
        bit(0o40, 'r'),
        bit(0o20, 'w'),
        exec(0o10, 0o2000, 's', 'S'),
        bit(0o4, 'r'),
        bit(0o2, 'w'),
        exec(0o1, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect();
    Ok(Value::str(&s))
}

fn mkdir(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let p = path_arg(a, 0);
    let ok = match std::fs::create_dir(&p) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let is_dir = std::fs::metadata(&p).map(|m| m.is_dir()).unwrap_or(false);
            if !is_dir {
                super::warn(format!("cannot create directory '{}': {}", p, strerror(&e)));
            }
            is_dir
        }
        Err(e) => {
            super::warn(format!("cannot create directory '{}': {}", p, strerror(&e)));
            false
        }
    };
    Ok(Value::Bool(ok))
}

fn fs_op(r: std::io::Result<()>, what: impl FnOnce() -> String) -> RResult<Value> {
    match r {
        Ok(()) => Ok(Value::Bool(true)),
        Err(e) => {
            super::warn(format!("{}: {}", what(), strerror(&e)));
            Ok(Value::Bool(false))
        }
    }
}

fn rmdir(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let p = path_arg(a, 0);
    fs_op(std::fs::remove_dir(&p), || {
        format!("cannot remove directory '{}'", p)
    })
}

fn unlink(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let p = path_arg(a, 0);
    fs_op(std::fs::remove_file(&p), || {
        format!("cannot unlink file '{}'", p)
    })
}

fn rename(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (src, dst) = (path_arg(a, 0), path_arg(a, 1));
    fs_op(std::fs::rename(&src, &dst), || {
        format!("cannot rename file '{}' to '{}'", src, dst)
    })
}

/// Zeek's util::detail::rotate_file: the file moves to `<name>.<pid>.<network time>.tmp` and a new,
/// empty file takes its name. Returns the new file's handle and the rotated name.
fn rotate_path(name: &str) -> Option<(std::fs::File, String)> {
    let newname = format!("{}.{}.{:.6}.tmp", name, std::process::id(), 0.0);
    let tmpname = format!("{}.tmp", newname);
    let newf = match std::fs::File::create(&tmpname) {
        Ok(f) => f,
        Err(e) => {
            super::error_noloc(format!(
                "rotate_file: can't open {}: {}",
                tmpname,
                strerror(&e)
            ));
            return None;
        }
    };
    if let Err(e) = std::fs::hard_link(name, &newname).and_then(|_| std::fs::metadata(&newname)) {
        super::error_noloc(format!(
            "rotate_file: can't move {} to {}: {}",
            name,
            newname,
            strerror(&e)
        ));
        let _ = std::fs::remove_file(&newname);
        let _ = std::fs::remove_file(&tmpname);
        return None;
    }
    let moved = std::fs::remove_file(name)
        .and_then(|_| std::fs::hard_link(&tmpname, name))
        .and_then(|_| std::fs::remove_file(&tmpname));
    if let Err(e) = moved {
        super::error_noloc(format!(
            "rotate_file: can't move {} to {}: {}",
            tmpname,
            name,
            strerror(&e)
        ));
        std::process::exit(1);
    }
    Some((newf, newname))
}

fn rotate_record(interp: &Interp, bif: &str, names: Option<(&str, &str)>, open: f64) -> Value {
    let (old, new) = names.unwrap_or(("", ""));
    super::ret_record(
        interp,
        bif,
        vec![
            Value::str(old),
            Value::str(new),
            Value::Time(open),
            Value::Time(0.0),
        ],
    )
}

fn rotate_file(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::File(f) = arg(a, 0) else {
        return Ok(rotate_record(interp, "rotate_file", None, 0.0));
    };
    let mut fb = f.borrow_mut();
    if !fb.open || fb.out.is_none() {
        return Ok(rotate_record(interp, "rotate_file", None, 0.0));
    }
    if let Some(o) = fb.out.as_mut() {
        let _ = o.flush();
    }
    let Some((newf, newname)) = rotate_path(&fb.path) else {
        return Ok(rotate_record(interp, "rotate_file", None, 0.0));
    };
    let open_time = fb.open_time;
    fb.out = Some(std::io::BufWriter::new(newf));
    fb.open_time = crate::runtime::events::now();
    let names = Some((fb.path.as_str(), newname.as_str()));
    Ok(rotate_record(interp, "rotate_file", names, open_time))
}

fn rotate_file_by_name(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let name = path_arg(a, 0);
    let r = rotate_path(&name);
    let names = r.as_ref().map(|(_, n)| (name.as_str(), n.as_str()));
    Ok(rotate_record(interp, "rotate_file_by_name", names, 0.0))
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
