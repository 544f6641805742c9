//! JSON v1 text written straight from values: one pass that appends to a `String`, with no
//! intermediate JSON tree (building and dropping a tree per event cost more than the writing).

use crate::runtime::value::{Key, TableVal, Value};

/// A `data-message` carrying event `name(args)` on `topic`. The envelope keys come first, in
/// the order Zeek writes them, so a reader can route on the topic before it meets the data.
pub fn event_message(topic: &str, name: &str, args: &[Value]) -> String {
    let mut w = String::with_capacity(256 + 64 * args.len());
    w.push_str(r#"{"type":"data-message","topic":"#);
    string(&mut w, topic);
    // Broker's event vector: format 1, type 1 (an event), then [name, [args...]].
    w.push_str(concat!(
        r#","@data-type":"vector","data":["#,
        r#"{"@data-type":"count","data":1},{"@data-type":"count","data":1},"#,
        r#"{"@data-type":"vector","data":[{"@data-type":"string","data":"#,
    ));
    string(&mut w, name);
    w.push_str(r#"},{"@data-type":"vector","data":["#);
    list(&mut w, args.iter());
    w.push_str("]}]}]}");
    w
}

/// Opens `{"@data-type":"<tag>","data":`; the caller writes the data and the closing brace.
fn open(w: &mut String, tag: &str) {
    w.push_str(r#"{"@data-type":""#);
    w.push_str(tag);
    w.push_str(r#"","data":"#);
}

/// A tagged JSON string.
fn text(w: &mut String, tag: &str, s: &str) {
    open(w, tag);
    string(w, s);
    w.push('}');
}

fn list<'a>(w: &mut String, items: impl Iterator<Item = &'a Value>) {
    for (i, v) in items.enumerate() {
        if i > 0 {
            w.push(',');
        }
        value(w, v);
    }
}

/// A value as JSON v1 data.
pub fn value(w: &mut String, v: &Value) {
    use crate::runtime::render::{fmt_addr, is_v4};
    match v {
        Value::Bool(b) => {
            open(w, "boolean");
            w.push_str(if *b { "true}" } else { "false}" });
        }
        Value::Count(c) => {
            open(w, "count");
            unsigned(w, *c);
            w.push('}');
        }
        Value::Int(i) => {
            open(w, "integer");
            if *i < 0 {
                w.push('-');
            }
            unsigned(w, i.unsigned_abs());
            w.push('}');
        }
        Value::Double(d) => {
            open(w, "real");
            // serde_json's shortest round-trip form (`1.0`, `1e-7`; non-finite as null).
            w.push_str(&serde_json::to_string(d).unwrap_or_else(|_| "null".into()));
            w.push('}');
        }
        Value::Str(b) => text(w, "string", &String::from_utf8_lossy(b)),
        Value::Addr(a) => text(w, "address", &fmt_addr(a)),
        Value::Subnet(a, l) => {
            // IPv4 prefixes are stored as IPv6-mapped, 96 bits longer.
            let l = if is_v4(a) { l.saturating_sub(96) } else { *l };
            text(w, "subnet", &format!("{}/{}", fmt_addr(a), l));
        }
        Value::Port(n, p) => text(w, "port", &crate::runtime::describe::fmt_port(*n, *p)),
        Value::Interval(s) => text(w, "timespan", &super::timespan(*s)),
        Value::Time(t) => text(w, "timestamp", &super::timestamp(*t)),
        Value::Enum(e, i) => text(w, "enum-value", &e.name_of(*i).unwrap_or_default()),
        Value::Record(r) => {
            let r = r.borrow();
            open(w, "vector");
            w.push('[');
            for i in 0..r.ty.len() {
                if i > 0 {
                    w.push(',');
                }
                value(w, r.get(i).unwrap_or(&Value::Void));
            }
            w.push_str("]}");
        }
        Value::Vector(vv) => {
            open(w, "vector");
            w.push('[');
            list(w, vv.borrow().items.iter());
            w.push_str("]}");
        }
        Value::Table(t) => table(w, &t.borrow()),
        Value::Pattern(p) => text(w, "string", &p.text),
        Value::Func(f) => text(w, "string", &f.name),
        _ => w.push_str(r#"{"@data-type":"none","data":{}}"#),
    }
}

fn table(w: &mut String, t: &TableVal) {
    let key = |w: &mut String, k: &Key| match k {
        Key::One(v) => value(w, v),
        Key::Many(vs) => {
            open(w, "vector");
            w.push('[');
            list(w, vs.iter());
            w.push_str("]}");
        }
    };
    let set = t.ty.is_set();
    open(w, if set { "set" } else { "table" });
    w.push('[');
    for (i, (k, v)) in t.map.iter().enumerate() {
        if i > 0 {
            w.push(',');
        }
        if set {
            key(w, &k);
        } else {
            w.push_str(r#"{"key":"#);
            key(w, &k);
            w.push_str(r#","value":"#);
            value(w, &v);
            w.push('}');
        }
    }
    w.push_str("]}");
}

/// Decimal digits of `n` (the `fmt` machinery costs more than the digits).
fn unsigned(w: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    w.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// `s` as a quoted JSON string, escaped as serde_json does: `"` and `\`, the short forms
/// `\b \f \n \r \t`, `\u00XX` for the other control characters; everything else (including
/// non-ASCII text) as is.
pub fn string(w: &mut String, s: &str) {
    w.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Escaped bytes are ASCII, so `start..i` ends on a character boundary.
        w.push_str(&s[start..i]);
        start = i + 1;
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            w.push_str("\\u00");
            w.push(HEX[(b >> 4) as usize] as char);
            w.push(HEX[(b & 0xf) as usize] as char);
        } else {
            w.push_str(esc);
        }
    }
    w.push_str(&s[start..]);
    w.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é€😀\u{2028}");
        for s in [all.as_str(), "", "plain", "a\"b\\c", "\u{7f}"] {
            let mut w = String::new();
            string(&mut w, s);
            assert_eq!(w, serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn numbers_match_serde_json() {
        for c in [0, 7, 10, 99, 1 << 40, u64::MAX] {
            let mut w = String::new();
            value(&mut w, &Value::Count(c));
            assert_eq!(w, format!(r#"{{"@data-type":"count","data":{}}}"#, c));
        }
        for i in [0, -1, 42, i64::MIN, i64::MAX] {
            let mut w = String::new();
            value(&mut w, &Value::Int(i));
            assert_eq!(w, format!(r#"{{"@data-type":"integer","data":{}}}"#, i));
        }
        for (d, text) in [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (f64::NAN, "null"),
            (1e-7, "1e-7"),
        ] {
            let mut w = String::new();
            value(&mut w, &Value::Double(d));
            assert_eq!(w, format!(r#"{{"@data-type":"real","data":{}}}"#, text));
        }
    }

    #[test]
    fn event_messages_are_valid_json_in_the_v1_layout() {
        let args = [Value::Count(3), Value::str("a\"b"), Value::Void];
        let m: serde_json::Value =
            serde_json::from_str(&event_message("t/\u{1}", "ping", &args)).unwrap();
        let want = serde_json::json!({
            "type": "data-message", "topic": "t/\u{1}", "@data-type": "vector",
            "data": [
                {"@data-type": "count", "data": 1}, {"@data-type": "count", "data": 1},
                {"@data-type": "vector", "data": [
                    {"@data-type": "string", "data": "ping"},
                    {"@data-type": "vector", "data": [
                        {"@data-type": "count", "data": 3},
                        {"@data-type": "string", "data": "a\"b"},
                        {"@data-type": "none", "data": {}},
                    ]},
                ]},
            ],
        });
        assert_eq!(m, want);
    }
}
