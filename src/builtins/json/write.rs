//! `to_json`: values rendered as Zeek renders them (rapidjson's number and string forms,
//! ports as objects, sets as arrays, tables as objects keyed by each index's JSON text).

use crate::runtime::describe::{describe, Mode};
use crate::runtime::value::{Key, PatternVal, Value};

pub struct Options<'a> {
    pub only_loggable: bool,
    /// Record field names matching it lose their first match (`/^_/` by default).
    pub field_escape: Option<&'a PatternVal>,
    pub interval_as_double: bool,
}

/// Containers nested deeper than this are written as null (a cycle would never end).
const MAX_DEPTH: usize = 1000;

pub fn to_json(v: &Value, opts: &Options) -> Vec<u8> {
    let mut out = Vec::new();
    value(&mut out, v, opts, 0);
    out
}

fn value(out: &mut Vec<u8>, v: &Value, opts: &Options, depth: usize) {
    if depth > MAX_DEPTH {
        out.extend_from_slice(b"null");
        return;
    }
    match v {
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Value::Count(c) => out.extend_from_slice(c.to_string().as_bytes()),
        Value::Double(d) | Value::Time(d) => double(out, *d),
        Value::Interval(d) if opts.interval_as_double => double(out, *d),
        Value::Port(n, p) => {
            out.extend_from_slice(format!("{{\"port\":{},\"proto\":", n).as_bytes());
            string(out, crate::runtime::describe::proto_name(*p).as_bytes());
            out.push(b'}');
        }
        Value::Pattern(_) | Value::Addr(_) | Value::Subnet(..) | Value::Interval(_) => {
            string(out, &describe(v, Mode::Cat))
        }
        Value::Str(_) | Value::Enum(..) | Value::Func(_) | Value::File(_) => {
            let text = describe(v, Mode::Cat);
            let text = if matches!(v, Value::Func(_)) {
                text.trim_ascii().to_vec()
            } else {
                text
            };
            string(out, &escape_utf8(&text))
        }
        Value::Table(t) => table(out, &t.borrow(), opts, depth),
        Value::Record(r) => {
            let r = r.borrow();
            out.push(b'{');
            let fields = r.ty.fields.borrow();
            let mut first = true;
            for (f, x) in fields.iter().zip(&r.fields) {
                if matches!(x, Value::Void) || (opts.only_loggable && !f.log) {
                    continue;
                }
                if !std::mem::take(&mut first) {
                    out.push(b',');
                }
                string(out, &field_key(&f.name, opts));
                out.push(b':');
                value(out, x, opts, depth + 1);
            }
            out.push(b'}');
        }
        Value::Vector(vv) => {
            let items = vv.borrow().items.clone();
            array(out, &items, opts, depth)
        }
        Value::Opaque(o) => {
            out.extend_from_slice(b"{\"opaque_type\":");
            string(out, o.borrow().class_name().as_bytes());
            out.push(b'}');
        }
        Value::Void | Value::Type(_) => out.extend_from_slice(b"null"),
    }
}

fn array(out: &mut Vec<u8>, items: &[Value], opts: &Options, depth: usize) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        value(out, x, opts, depth + 1);
    }
    out.push(b']');
}

/// A set is an array of its indexes; a table an object whose member names are the indexes'
/// JSON text (without the quotes, for index types written as strings).
fn table(out: &mut Vec<u8>, t: &crate::runtime::value::TableVal, opts: &Options, depth: usize) {
    let entries: Vec<(Key, Value)> = t.map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    if t.ty.is_set() {
        let keys: Vec<Value> = entries.into_iter().map(|(k, _)| key_value(&k)).collect();
        return array(out, &keys, opts, depth);
    }
    out.push(b'{');
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let idx = key_value(k);
        let mut name = Vec::new();
        value(&mut name, &idx, opts, depth + 1);
        if written_as_string(&idx) && name.len() >= 2 {
            name = name[1..name.len() - 1].to_vec();
        }
        string(out, &name);
        out.push(b':');
        value(out, v, opts, depth + 1);
    }
    out.push(b'}');
}

/// One index as a value: itself, or a list (written as an array) for several.
fn key_value(k: &Key) -> Value {
    match k {
        Key::One(v) => v.clone(),
        Key::Many(parts) => Value::new_vector(crate::types::Type::Any, parts.to_vec()),
    }
}

fn written_as_string(v: &Value) -> bool {
    matches!(
        v,
        Value::Addr(_)
            | Value::Enum(..)
            | Value::File(_)
            | Value::Func(_)
            | Value::Interval(_)
            | Value::Pattern(_)
            | Value::Str(_)
            | Value::Subnet(..)
            | Value::Opaque(_)
    )
}

fn field_key(name: &str, opts: &Options) -> Vec<u8> {
    let Some(p) = opts.field_escape else {
        return name.as_bytes().to_vec();
    };
    match p.search.find(name.as_bytes()) {
        Some(m) => [&name.as_bytes()[..m.start()], &name.as_bytes()[m.end()..]].concat(),
        None => name.as_bytes().to_vec(),
    }
}

/// rapidjson's string writer: quotes, backslashes and control characters escaped, every other
/// byte as it is.
pub fn string(out: &mut Vec<u8>, s: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'"');
    for &c in s {
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            8 => out.extend_from_slice(b"\\b"),
            9 => out.extend_from_slice(b"\\t"),
            10 => out.extend_from_slice(b"\\n"),
            12 => out.extend_from_slice(b"\\f"),
            13 => out.extend_from_slice(b"\\r"),
            c if c < 0x20 => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(c >> 4) as usize]);
                out.push(HEX[(c & 15) as usize]);
            }
            c => out.push(c),
        }
    }
    out.push(b'"');
}

/// Zeek's escape_utf8 for JSON strings: text that is valid UTF-8 without control characters
/// (other than \b \f \n \r \t), private-use or special code points stays as it is; otherwise
/// every byte that is not printable ASCII becomes `\xNN`.
pub fn escape_utf8(s: &[u8]) -> Vec<u8> {
    let plain = |c: u8| (32..127).contains(&c) || matches!(c, 8 | 9 | 10 | 12 | 13);
    let mut i = 0;
    let mut clean = true;
    while i < s.len() {
        if plain(s[i]) {
            i += 1;
            continue;
        }
        match acceptable_char(&s[i..]) {
            Some(n) => i += n,
            None => {
                clean = false;
                break;
            }
        }
    }
    if clean {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len() * 2);
    for &c in s {
        if plain(c) {
            out.push(c);
        } else {
            out.extend_from_slice(format!("\\x{:02x}", c).as_bytes());
        }
    }
    out
}

/// The length of the UTF-8 character at the start of `s`, if it is one Zeek lets through.
fn acceptable_char(s: &[u8]) -> Option<usize> {
    let n = match s[0] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    let ch = std::str::from_utf8(s.get(..n)?).ok()?.chars().next()?;
    let cp = ch as u32;
    let bad = cp <= 0x1F
        || cp == 0x7F
        || (0x80..=0x9F).contains(&cp)
        || (0xE000..=0xF8FF).contains(&cp)
        || (0xFFF0..=0xFFFF).contains(&cp);
    (!bad).then_some(n)
}

/// rapidjson's double form: the shortest round-trip digits, as an integer with `.0` up to 21
/// digits, a plain decimal down to 1e-6, otherwise `d.ddde±x`; null for NaN and infinities.
pub fn double(out: &mut Vec<u8>, d: f64) {
    if !d.is_finite() {
        out.extend_from_slice(b"null");
        return;
    }
    if d == 0.0 {
        out.extend_from_slice(if d.is_sign_negative() {
            b"-0.0"
        } else {
            b"0.0"
        });
        return;
    }
    if d < 0.0 {
        out.push(b'-');
    }
    // `{:e}` gives the shortest round-trip digits: "d.ddddde-x".
    let sci = format!("{:e}", d.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(|c| *c != b'.').collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let len = digits.len() as i32;
    // The decimal point sits after `kk` digits.
    let kk = exp + 1;
    if len <= kk && kk <= 21 {
        out.extend_from_slice(&digits);
        out.extend(std::iter::repeat_n(b'0', (kk - len) as usize));
        out.extend_from_slice(b".0");
    } else if 0 < kk && kk <= 21 {
        out.extend_from_slice(&digits[..kk as usize]);
        out.push(b'.');
        out.extend_from_slice(&digits[kk as usize..]);
    } else if -6 < kk && kk <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-kk) as usize));
        out.extend_from_slice(&digits);
    } else {
        out.push(digits[0]);
        if len > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        out.push(b'e');
        out.extend_from_slice((kk - 1).to_string().as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(x: f64) -> String {
        let mut out = Vec::new();
        double(&mut out, x);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn doubles_as_rapidjson_writes_them() {
        assert_eq!(d(3.1417), "3.1417");
        assert_eq!(d(1.0), "1.0");
        assert_eq!(d(-2.5), "-2.5");
        assert_eq!(d(1681652265.042767), "1681652265.042767");
        assert_eq!(d(1e21), "1e21");
        assert_eq!(d(1e20), "100000000000000000000.0");
        assert_eq!(d(0.001234), "0.001234");
        assert_eq!(d(1.5e-7), "1.5e-7");
        assert_eq!(d(1.234e33), "1.234e33");
        assert_eq!(d(0.0), "0.0");
        assert_eq!(d(f64::NAN), "null");
    }

    #[test]
    fn strings_escaped_as_zeek_does() {
        let mut out = Vec::new();
        string(&mut out, &escape_utf8(b"a\"b\\c\n\x01"));
        assert_eq!(out, b"\"a\\\"b\\\\c\\n\\\\x01\"");
        assert_eq!(escape_utf8("h\u{e9}".as_bytes()), "h\u{e9}".as_bytes());
        assert_eq!(escape_utf8(b"\x07\xd4\xb7o"), b"\\x07\\xd4\\xb7o");
        assert_eq!(escape_utf8(b"\xff"), b"\\xff");
    }
}
