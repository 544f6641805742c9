//! `from_json`: a parsed document turned into a value of a given type, with Zeek's rules
//! (nulls skipped in containers, ports as strings or objects, table indexes read back from
//! member names) and its error texts.

use super::parse::{Json, Num};
use crate::runtime::value::{Key, TableVal, Value};
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use crate::types::{RecordType, TableType, Type};
use std::rc::Rc;

/// A conversion: a value, nothing (a JSON null), or Zeek's error text. Interpreter errors
/// (from the key function) travel separately, in the outer result.
type Built = Result<Option<Value>, String>;

pub struct Builder<'a> {
    pub interp: &'a mut Interp,
    /// Maps JSON member names to record field names (None: names as they are).
    pub key_func: Option<Value>,
    pub span: Span,
}

fn tag_name(t: &Type) -> &'static str {
    match t {
        Type::Void => "void",
        Type::Bool => "bool",
        Type::Count => "count",
        Type::Int => "int",
        Type::Double => "double",
        Type::Time => "time",
        Type::Interval => "interval",
        Type::String => "string",
        Type::Pattern => "pattern",
        Type::Port => "port",
        Type::Addr => "addr",
        Type::Subnet => "subnet",
        Type::Any => "any",
        Type::Enum(_) => "enum",
        Type::Record(_) => "record",
        Type::Table(_) => "table",
        Type::Vector(_) => "vector",
        Type::Func(_) => "func",
        Type::File => "file",
        Type::Opaque(_) => "opaque",
        Type::Meta(_) => "type",
        Type::Alias(_, t) => tag_name(t),
        Type::List(_) => "list",
        Type::Error => "error",
    }
}

fn mismatch(j: &Json, t: &Type) -> Built {
    Err(format!(
        "cannot convert JSON type '{}' to Zeek type '{}'",
        j.kind(),
        tag_name(t)
    ))
}

impl Builder<'_> {
    pub fn build(&mut self, j: &Json, t: &Type) -> RResult<Built> {
        if matches!(j, Json::Null) {
            return Ok(Ok(None));
        }
        let v = match (t, j) {
            (Type::Alias(_, inner), _) => return self.build(j, inner),
            (Type::Record(rt), Json::Object(_)) => return self.record(j, rt),
            (Type::Table(tt), _) => return self.table(j, tt),
            (Type::List(types), Json::Array(items)) => return self.list(items, types),
            (Type::Vector(elem), Json::Array(items)) => return self.vector(items, elem),
            (Type::Record(_) | Type::List(_) | Type::Vector(_), _) => return Ok(mismatch(j, t)),
            _ => scalar(j, t),
        };
        Ok(v)
    }

    fn vector(&mut self, items: &[Json], elem: &Type) -> RResult<Built> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match self.build(item, elem)? {
                Ok(Some(v)) => out.push(v),
                Ok(None) => {}
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(Ok(Some(Value::new_vector(elem.clone(), out))))
    }

    /// Several index values, from an array with at least that many items.
    fn list(&mut self, items: &[Json], types: &[Type]) -> RResult<Built> {
        if items.len() < types.len() {
            return Ok(Err("index type doesn't match".into()));
        }
        let mut parts = Vec::with_capacity(types.len());
        for (item, t) in items.iter().zip(types) {
            match self.build(item, t)? {
                Ok(v) => parts.push(v.unwrap_or(Value::Void)),
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(Ok(Some(Value::new_vector(Type::Any, parts))))
    }

    /// One index: a single value, or (for several index types) a list.
    fn index(&mut self, j: &Json, tt: &TableType) -> RResult<Result<Option<Key>, String>> {
        let built = match tt.index.as_slice() {
            [one] => self.build(j, one)?,
            many => self.build(j, &Type::List(Rc::new(many.to_vec())))?,
        };
        Ok(built.map(|v| {
            v.map(|v| match (&v, tt.index.len()) {
                (Value::Vector(parts), n) if n > 1 => Key::from_vec(parts.borrow().items.clone()),
                _ => Key::One(v),
            })
        }))
    }

    fn table(&mut self, j: &Json, tt: &Rc<TableType>) -> RResult<Built> {
        let mut out = TableVal::new(tt.clone());
        match (tt.yield_ty.as_ref(), j) {
            (None, Json::Array(items)) => {
                for item in items {
                    match self.index(item, tt)? {
                        Ok(Some(k)) => out.map.set(k, Value::Bool(true)),
                        Ok(None) => {}
                        Err(e) => return Ok(Err(e)),
                    }
                }
            }
            (Some(yield_ty), Json::Object(members)) => {
                for (name, item) in members {
                    let idx = self.member_index(name, tt)?;
                    let k = match idx {
                        Ok(Some(k)) => k,
                        Ok(None) => continue,
                        Err(e) => return Ok(Err(e)),
                    };
                    match self.build(item, yield_ty)? {
                        Ok(Some(v)) => out.map.set(k, v),
                        Ok(None) => {}
                        Err(e) => return Ok(Err(e)),
                    }
                }
            }
            _ => return Ok(mismatch(j, &Type::Table(tt.clone()))),
        }
        Ok(Ok(Some(Value::new_table(out))))
    }

    /// A table member's name read back as its index: a string index type takes the name
    /// itself, any other the JSON text the name holds (unparsable text counts as null).
    fn member_index(
        &mut self,
        name: &[u8],
        tt: &TableType,
    ) -> RResult<Result<Option<Key>, String>> {
        let as_string = matches!(tt.index.as_slice(), [one] if written_as_string(one));
        let j = if as_string {
            Json::Str(name.to_vec())
        } else {
            super::parse::parse(name).unwrap_or(Json::Null)
        };
        self.index(&j, tt)
    }

    fn record(&mut self, j: &Json, rt: &Rc<RecordType>) -> RResult<Built> {
        let Json::Object(members) = j else {
            return Ok(mismatch(j, &Type::Record(rt.clone())));
        };
        let mapped = match self.map_names(members)? {
            Ok(m) => m,
            Err(e) => return Ok(Err(e)),
        };
        let fields: Vec<(String, Type, bool)> = rt
            .fields
            .borrow()
            .iter()
            .map(|f| (f.name.clone(), f.ty.clone(), f.is_optional()))
            .collect();
        let mut vals = vec![Value::Void; fields.len()];
        for (i, (name, ty, optional)) in fields.iter().enumerate() {
            let found = match &mapped {
                Some(m) => m.iter().rev().find(|(k, _)| k == name.as_bytes()),
                None => members.iter().find(|(k, _)| k == name.as_bytes()),
            };
            let jval = found.map(|(_, v)| v);
            match jval {
                None | Some(Json::Null) if !optional => {
                    let rname = rt.name.borrow().clone().unwrap_or_default();
                    let how = if jval.is_some() { "null" } else { "missing" };
                    return Ok(Err(format!(
                        "required field {}${} is {} in JSON",
                        rname, name, how
                    )));
                }
                None | Some(Json::Null) => {}
                Some(jv) => match self.build(jv, ty)? {
                    Ok(v) => vals[i] = v.unwrap_or(Value::Void),
                    Err(e) => return Ok(Err(e)),
                },
            }
        }
        self.interp.fill_record_defaults(rt, &mut vals)?;
        Ok(Ok(Some(Value::new_record(rt.clone(), vals))))
    }

    /// Member names through the key function, when there is one.
    #[allow(clippy::type_complexity)]
    fn map_names(
        &mut self,
        members: &[(Vec<u8>, Json)],
    ) -> RResult<Result<Option<Vec<(Vec<u8>, Json)>>, String>> {
        let Some(Value::Func(f)) = self.key_func.clone() else {
            return Ok(Ok(None));
        };
        let mut out = Vec::with_capacity(members.len());
        for (name, v) in members {
            match self.interp.call(&f, vec![Value::bytes(name)], self.span) {
                Ok(Value::Str(s)) => out.push((s.to_vec(), v.clone())),
                _ => return Ok(Err("key function error".into())),
            }
        }
        Ok(Ok(Some(out)))
    }
}

/// Index types whose JSON form is a string (their member names are written without quotes).
fn written_as_string(t: &Type) -> bool {
    match t {
        Type::Alias(_, t) => written_as_string(t),
        Type::Addr
        | Type::Enum(_)
        | Type::File
        | Type::Func(_)
        | Type::Interval
        | Type::Pattern
        | Type::String
        | Type::Subnet
        | Type::Opaque(_) => true,
        _ => false,
    }
}

fn scalar(j: &Json, t: &Type) -> Built {
    let v = match (t, j) {
        (Type::Bool, Json::Bool(b)) => Value::Bool(*b),
        (Type::Int, Json::Num(Num::Signed(i))) => Value::Int(*i),
        (Type::Int, Json::Num(Num::Unsigned(u))) if *u <= i64::MAX as u64 => Value::Int(*u as i64),
        (Type::Count, Json::Num(Num::Unsigned(u))) => Value::Count(*u),
        (Type::Time, Json::Num(_)) => Value::Time(j.as_f64().unwrap_or(0.0)),
        (Type::Double, Json::Num(_)) => Value::Double(j.as_f64().unwrap_or(0.0)),
        (Type::Interval, Json::Num(_)) => Value::Interval(j.as_f64().unwrap_or(0.0)),
        (Type::Interval, Json::Str(s)) => return interval(s),
        (Type::Port, _) => return port(j),
        (Type::Pattern, Json::Str(s)) => return pattern(s),
        (Type::Addr, Json::Str(s)) => return addr(s),
        (Type::Subnet, Json::Str(s)) => return subnet(s),
        (Type::Enum(et), Json::Str(s)) => {
            let name = String::from_utf8_lossy(s);
            return match et.value_of(&name) {
                Some(i) => Ok(Some(Value::Enum(et.clone(), i))),
                None => Err(format!("'{}' is not a valid enum for '{}'.", name, et.name)),
            };
        }
        (Type::String, Json::Str(s)) => Value::bytes(s),
        (
            Type::Bool
            | Type::Int
            | Type::Count
            | Type::Time
            | Type::Double
            | Type::Interval
            | Type::Pattern
            | Type::Addr
            | Type::Subnet
            | Type::Enum(_)
            | Type::String,
            _,
        ) => return mismatch(j, t),
        _ => return Err(format!("type '{}' unsupported", tag_name(t))),
    };
    Ok(Some(v))
}

/// "N unit N unit ...", units as Zeek's interval literals name them.
fn interval(s: &[u8]) -> Built {
    let text = String::from_utf8_lossy(s);
    let parts: Vec<&str> = text.split(' ').filter(|p| !p.is_empty()).collect();
    let bad_pairs = || "wrong interval format, must be pairs of values with units".to_string();
    if !parts.len().is_multiple_of(2) {
        return Err(bad_pairs());
    }
    let mut secs = 0.0;
    for pair in parts.chunks(2) {
        let n: f64 = pair[0].parse().map_err(|_| bad_pairs())?;
        let unit = match pair[1] {
            "day" | "days" => 86400.0,
            "hr" | "hrs" => 3600.0,
            "min" | "mins" => 60.0,
            "sec" | "secs" => 1.0,
            "msec" | "msecs" => 1e-3,
            "usec" | "usecs" => 1e-6,
            other => {
                return Err(format!(
                    "wrong interval format, invalid unit type {}",
                    other
                ))
            }
        };
        secs += n * unit;
    }
    Ok(Some(Value::Interval(secs)))
}

fn proto_number(name: &[u8]) -> Option<u8> {
    match name {
        b"tcp" => Some(1),
        b"udp" => Some(2),
        b"icmp" => Some(3),
        b"unknown" => Some(0),
        _ => None,
    }
}

fn port(j: &Json) -> Built {
    match j {
        Json::Str(s) => {
            if !s.is_empty() && s.len() < 10 {
                // strtol's number, then one separator character, then the protocol.
                let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
                let n: u64 = std::str::from_utf8(&s[..digits])
                    .ok()
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(0);
                let rest = s.get(digits + 1..).unwrap_or(b"");
                if let Some(p) = proto_number(rest) {
                    return Ok(Some(Value::Port(n as u32, p)));
                }
            }
            Err("wrong port format, string must be /[0-9]{1,5}\\/(tcp|udp|icmp|unknown)/".into())
        }
        Json::Object(_) => {
            let (Some(n), Some(proto)) = (j.member(b"port"), j.member(b"proto")) else {
                return Err(
                    "wrong port format, object must have 'port' and 'proto' members".into(),
                );
            };
            let Some(n) = n.as_f64() else {
                return Err("wrong port format, port must be a number".into());
            };
            let Json::Str(proto) = proto else {
                return Err("wrong port format, protocol must be a string".into());
            };
            match proto_number(proto) {
                Some(p) => Ok(Some(Value::Port(n as u32, p))),
                None => Err("wrong port format, invalid protocol string".into()),
            }
        }
        _ => Err("wrong port format, must be string or object".into()),
    }
}

/// `/.../` and Zeek's own `^?(...)$?` wrapping are taken off before compiling.
fn pattern(s: &[u8]) -> Built {
    let mut text = String::from_utf8_lossy(s).into_owned();
    if text.len() > 2 && text.starts_with('/') && text.ends_with('/') {
        text = text[1..text.len() - 1].to_string();
    }
    if text.len() > 6 && text.starts_with("^?(") && text.ends_with(")$?") {
        text = text[3..text.len() - 3].to_string();
    }
    match crate::runtime::pattern::compile(&text, false) {
        Ok(p) => Ok(Some(Value::Pattern(Rc::new(p)))),
        Err(_) => {
            super::super::error_noloc(format!("error compiling pattern /^?(.|\\n)*({})/", text));
            Err("error compiling pattern".into())
        }
    }
}

fn strip_brackets(s: &str) -> &str {
    let s = s.strip_prefix('[').unwrap_or(s);
    s.strip_suffix(']').unwrap_or(s)
}

fn addr(s: &[u8]) -> Built {
    let text = String::from_utf8_lossy(s);
    match crate::runtime::render::parse_addr(strip_brackets(&text)) {
        Some(a) => Ok(Some(Value::Addr(a))),
        None => Err(format!("invalid value for addr: '{}'", text)),
    }
}

fn subnet(s: &[u8]) -> Built {
    let text = String::from_utf8_lossy(s);
    let bad = || format!("invalid value for subnet: '{}'", text);
    let (ip, width) = text.split_once('/').ok_or_else(bad)?;
    let ip = strip_brackets(ip);
    // strtol: the leading digits count ("[::1/128]" has width 128).
    let digits = width.bytes().take_while(u8::is_ascii_digit).count();
    let width: u32 = width[..digits].parse().map_err(|_| bad())?;
    let a = crate::runtime::render::parse_addr(ip).ok_or_else(bad)?;
    let v4 = !ip.contains(':');
    let (max, off) = if v4 { (32, 96) } else { (128, 0) };
    if width > max {
        return Err(bad());
    }
    let len = (width + off) as u8;
    Ok(Some(Value::Subnet(
        crate::runtime::render::mask_addr(&a, len),
        len,
    )))
}
