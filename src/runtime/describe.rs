//! Zeek's renderings of values, in one place: `print` (escaped, containers unindented) and
//! `fmt("%s")`/`cat` (raw bytes, containers indented with tabs).

use super::render;
use super::value::{Key, Value};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `print`: strings escaped, containers one entry per line without indentation.
    Print,
    /// `fmt("%s")`: raw bytes, containers indented with tabs.
    Fmt,
    /// `cat`: raw bytes, containers without indentation.
    Cat,
}

pub struct Describer {
    mode: Mode,
    out: Vec<u8>,
    /// Records currently being rendered, to print `<cycle>` instead of recursing forever.
    active: Vec<*const ()>,
    indent: usize,
    /// A line just began (fmt/cat): text written next is indented, raw string bytes are not
    /// (Zeek indents in its text writer, not when it copies a string's bytes).
    line_start: bool,
}

/// Render one value.
pub fn describe(v: &Value, mode: Mode) -> Vec<u8> {
    let mut d = Describer {
        mode,
        out: Vec::new(),
        active: Vec::new(),
        indent: 0,
        line_start: false,
    };
    d.value(v, true);
    d.out
}

impl Describer {
    fn push(&mut self, s: &str) {
        if std::mem::take(&mut self.line_start) && !s.is_empty() {
            for _ in 0..self.indent {
                self.out.push(b'\t');
            }
        }
        self.out.extend_from_slice(s.as_bytes());
    }

    fn bytes(&mut self, b: &[u8]) {
        match self.mode {
            Mode::Print => {
                let s = render::escape_bytes(b);
                self.push(&s);
            }
            Mode::Fmt | Mode::Cat => {
                self.line_start = false;
                self.out.extend_from_slice(b)
            }
        }
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        self.line_start = self.mode != Mode::Print;
    }

    pub fn value(&mut self, v: &Value, top: bool) {
        let _ = top;
        match v {
            Value::Void => {}
            Value::Bool(b) => self.push(if *b { "T" } else { "F" }),
            Value::Count(c) => self.push(&c.to_string()),
            Value::Int(i) => self.push(&i.to_string()),
            Value::Double(d) | Value::Time(d) => self.push(&render::fmt_double(*d)),
            Value::Interval(d) => self.push(&render::fmt_interval(*d)),
            Value::Str(s) => self.bytes(s),
            Value::Addr(a) => self.push(&render::fmt_addr(a)),
            Value::Subnet(a, l) => self.push(&render::fmt_subnet(a, *l)),
            Value::Port(n, p) => self.push(&fmt_port(*n, *p)),
            Value::Enum(e, i) => {
                let name = e.name_of(*i).unwrap_or_else(|| format!("{}", i));
                self.push(&name)
            }
            Value::Pattern(p) => self.push(&format!("/{}/", p.text)),
            Value::Record(r) => self.record(r),
            Value::Table(t) => self.table(t),
            Value::Vector(vv) => {
                let ptr = Rc::as_ptr(vv) as *const ();
                if self.active.contains(&ptr) {
                    return self.push("<cycle>");
                }
                self.active.push(ptr);
                self.push("[");
                let items = vv.borrow().items.clone();
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    self.value(x, false);
                }
                self.push("]");
                self.active.pop();
            }
            Value::Func(f) => self.push(&f.name),
            Value::File(f) => {
                let p = f.borrow().path.clone();
                self.push(&p)
            }
            Value::Type(t) => self.push(&t.name_or_describe()),
            Value::Opaque(o) => {
                let name = o.borrow().class_name();
                self.push(&format!("<opaque of {}>", name))
            }
        }
    }

    fn record(&mut self, r: &Rc<std::cell::RefCell<super::value::RecordVal>>) {
        let ptr = Rc::as_ptr(r) as *const ();
        if self.active.contains(&ptr) {
            return self.push("<cycle>");
        }
        self.active.push(ptr);
        let (ty, fields) = {
            let rb = r.borrow();
            (rb.ty.clone(), rb.fields.clone())
        };
        self.push("[");
        for (i, f) in ty.fields.borrow().iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.push(&f.name);
            self.push("=");
            match fields.get(i) {
                // A field added by `redef record` after this record was made shows its default.
                None => match f.default.as_deref().map(|d| &d.kind) {
                    Some(crate::ir::ExprKind::Const(v)) => self.value(v, false),
                    _ => self.push("<uninitialized>"),
                },
                Some(Value::Void) => self.push("<uninitialized>"),
                Some(v) => self.value(v, false),
            }
        }
        self.push("]");
        self.active.pop();
    }

    fn table(&mut self, t: &Rc<std::cell::RefCell<super::value::TableVal>>) {
        let ptr = Rc::as_ptr(t) as *const ();
        if self.active.contains(&ptr) {
            return self.push("<cycle>");
        }
        self.active.push(ptr);
        let (is_set, entries): (bool, Vec<(Key, Value)>) = {
            let tb = t.borrow();
            (
                tb.ty.is_set(),
                tb.map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            )
        };
        self.push("{");
        self.indent += 1;
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                self.push(",");
            }
            self.newline();
            let parts = k.parts();
            if is_set && parts.len() == 1 {
                self.value(&parts[0], false);
            } else {
                self.push("[");
                for (j, p) in parts.iter().enumerate() {
                    if j > 0 {
                        self.push(", ");
                    }
                    self.value(p, false);
                }
                self.push("]");
            }
            if !is_set {
                self.push(" = ");
                self.value(v, false);
            }
        }
        self.indent -= 1;
        if entries.is_empty() {
            self.newline();
        }
        self.newline();
        self.push("}");
        self.active.pop();
    }
}

/// A port as Zeek writes it: `80/tcp`.
pub fn fmt_port(n: u32, p: u8) -> String {
    format!("{}/{}", n, proto_name(p))
}

/// The inverse of `fmt_port` (`unknown` or a missing protocol give protocol 0).
pub fn parse_port(s: &str) -> Option<Value> {
    let (n, proto) = s.split_once('/').unwrap_or((s, "unknown"));
    let n = n.parse().ok()?;
    Some(Value::Port(n, crate::syntax::parser::proto_code(proto)))
}

pub fn proto_name(p: u8) -> &'static str {
    match p {
        1 => "tcp",
        2 => "udp",
        3 => "icmp",
        _ => "unknown",
    }
}
