//! Diagnostics: one type for parse, check and runtime errors, rendered in Zeek's message format.

use crate::syntax::ast::Span;
use std::cell::RefCell;

/// One loaded source file. The text is the file's bytes decoded as Latin-1, so every byte maps to
/// one char and string literals can be turned back into the exact bytes.
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(name: String, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Decode raw bytes as Latin-1 (byte-preserving).
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// Errors reported so far (Zeek treats any reported during initialization as fatal).
pub fn errors_reported() -> u64 {
    ERRORS_REPORTED.with(|n| n.get())
}

/// Source ranges under `@pragma push ignore-deprecations`: (file, from, to).
type Ranges = Vec<(u32, u32, u32)>;

/// From offset `lo` of `file` on, deprecation warnings are not shown (until `quiet_until`).
pub fn quiet_deprecations_from(file: u32, lo: u32) {
    QUIET_DEPRECATIONS.with(|q| q.borrow_mut().push((file, lo, u32::MAX)));
}

/// Ends the innermost open quiet range of `file` at offset `hi`.
pub fn quiet_deprecations_until(file: u32, hi: u32) {
    QUIET_DEPRECATIONS.with(|q| {
        if let Some(r) = q
            .borrow_mut()
            .iter_mut()
            .rev()
            .find(|r| r.0 == file && r.2 == u32::MAX)
        {
            r.2 = hi;
        }
    });
}

pub fn deprecations_ignored(span: Span) -> bool {
    QUIET_DEPRECATIONS.with(|q| {
        q.borrow()
            .iter()
            .any(|&(f, lo, hi)| f == span.file && lo <= span.lo && span.lo < hi)
    })
}

thread_local! {
    static QUIET_DEPRECATIONS: RefCell<Ranges> = const { RefCell::new(Vec::new()) };
    static ERRORS_REPORTED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static FILES: RefCell<Vec<std::rc::Rc<SourceFile>>> = const { RefCell::new(Vec::new()) };
}

/// Register a file and get its index for spans.
pub fn add_file(name: String, text: String) -> u32 {
    FILES.with(|f| {
        let mut f = f.borrow_mut();
        f.push(std::rc::Rc::new(SourceFile::new(name, text)));
        (f.len() - 1) as u32
    })
}

pub fn file(idx: u32) -> Option<std::rc::Rc<SourceFile>> {
    FILES.with(|f| f.borrow().get(idx as usize).cloned())
}

/// `FILE:N`, the first line of `span` (how Zeek points at an earlier declaration).
pub fn file_line(span: Span) -> String {
    match file(span.file) {
        Some(f) => format!("{}:{}", f.name, f.line_of(span.lo)),
        None => String::from("<unknown>"),
    }
}

/// `FILE, line N` or `FILE, lines N-M`.
pub fn location(span: Span) -> String {
    let Some(f) = file(span.file) else {
        return String::from("<unknown>");
    };
    let a = f.line_of(span.lo);
    let end = if span.hi > span.lo {
        span.hi - 1
    } else {
        span.hi
    };
    let b = f.line_of(end).max(a);
    if a == b {
        format!("{}, line {}", f.name, a)
    } else {
        format!("{}, lines {}-{}", f.name, a, b)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Fatal,
    ExprError,
    ExprWarning,
    Runtime,
}

impl Level {
    fn prefix(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Fatal => "fatal error",
            Level::ExprError => "expression error",
            Level::ExprWarning => "expression warning",
            Level::Runtime => "runtime error",
        }
    }
}

/// A message with up to two locations and an optional rendered context in parentheses.
#[derive(Clone, Debug)]
pub struct Diag {
    pub level: Level,
    pub msg: String,
    pub span: Option<Span>,
    pub span2: Option<Span>,
    /// A location given as text (Zeek sometimes names a type as the first location).
    pub loc_text: Option<String>,
    pub ctx: Option<String>,
}

impl Diag {
    #[cold]
    pub fn new(level: Level, msg: impl Into<String>, span: Option<Span>) -> Diag {
        Diag {
            level,
            msg: msg.into(),
            span,
            span2: None,
            loc_text: None,
            ctx: None,
        }
    }

    #[cold]
    pub fn error(msg: impl Into<String>, span: Span) -> Diag {
        Diag::new(Level::Error, msg, Some(span))
    }

    pub fn with_ctx(mut self, ctx: impl Into<String>) -> Diag {
        self.ctx = Some(ctx.into());
        self
    }

    pub fn with_span2(mut self, span: Span) -> Diag {
        self.span2 = Some(span);
        self
    }

    pub fn render(&self) -> String {
        let mut locs = Vec::new();
        if let Some(t) = &self.loc_text {
            locs.push(t.clone());
        }
        if let Some(s) = self.span {
            locs.push(location(s));
        }
        if let Some(s) = self.span2 {
            let l = location(s);
            if !locs.contains(&l) {
                locs.push(l);
            }
        }
        let mut out = String::from(self.level.prefix());
        if !locs.is_empty() {
            out.push_str(" in ");
            out.push_str(&locs.join(" and "));
        }
        out.push_str(": ");
        out.push_str(&self.msg);
        if let Some(c) = &self.ctx {
            out.push_str(" (");
            out.push_str(c);
            out.push(')');
        }
        out
    }

    /// Print to stderr (the interpreter's reporter).
    pub fn emit(&self) {
        if matches!(self.level, Level::Error | Level::ExprError | Level::Runtime) {
            ERRORS_REPORTED.with(|n| n.set(n.get() + 1));
        }
        let line = self.render() + "\n";
        crate::runtime::output::write_stderr(line.as_bytes());
    }
}
