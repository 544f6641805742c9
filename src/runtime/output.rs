//! Buffered stdout (flushed before anything goes to stderr, so the two interleave as written) and
//! writes to script-opened files.

use super::value::FileVal;
use std::cell::RefCell;
use std::io::Write;

/// A replacement destination for output (the REPL prints above its prompt).
pub type Sink = Box<dyn FnMut(&[u8])>;

thread_local! {
    static STDOUT: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(8192));
    /// Where output goes instead of the terminal (the REPL prints above its prompt).
    static SINK: RefCell<Option<Sink>> = RefCell::new(None);
}

/// Send all further stdout and stderr output of this thread to `sink`.
pub fn set_sink(sink: Sink) {
    flush_stdout();
    SINK.with(|s| *s.borrow_mut() = Some(sink));
}

/// Give bytes to the sink; false if there is none.
fn to_sink(b: &[u8]) -> bool {
    SINK.with(|s| match s.borrow_mut().as_mut() {
        Some(f) => {
            f(b);
            true
        }
        None => false,
    })
}

/// Write to stderr after what is buffered for stdout, so the two interleave as written.
pub fn write_stderr(b: &[u8]) {
    flush_stdout();
    if !to_sink(b) {
        let _ = std::io::stderr().write_all(b);
    }
}

pub fn write_stdout(b: &[u8]) {
    STDOUT.with(|s| {
        let mut s = s.borrow_mut();
        s.extend_from_slice(b);
        if s.len() >= 8192 {
            flush_buf(&mut s);
        }
    });
}

fn flush_buf(s: &mut Vec<u8>) {
    if s.is_empty() {
        return;
    }
    if to_sink(s) {
        s.clear();
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s);
    let _ = out.flush();
    s.clear();
}

pub fn flush_stdout() {
    STDOUT.with(|s| flush_buf(&mut s.borrow_mut()));
}

pub fn write_file(f: &RefCell<FileVal>, b: &[u8]) {
    let mut f = f.borrow_mut();
    if f.path == "/dev/stdout" || f.out.is_none() && f.path == "-" {
        write_stdout(b);
        return;
    }
    if f.path == "/dev/stderr" {
        write_stderr(b);
        return;
    }
    let line_buffered = !f.buffered && b.contains(&b'\n');
    if let Some(out) = f.out.as_mut() {
        let _ = out.write_all(b);
        if line_buffered {
            let _ = out.flush();
        }
    }
}
