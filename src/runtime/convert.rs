//! Value conversions and type tests: `as`, `is`, coercions of scalars, `copy()`, and the
//! dynamic type names used in messages.

use super::value::*;
use crate::types::Type;
use std::cell::RefCell;
use std::rc::Rc;

pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Convert a scalar to a numeric target type; other values pass through.
pub fn coerce_scalar(v: &Value, t: &Type) -> Value {
    match (t, v) {
        (Type::Int, Value::Count(c)) => Value::Int(*c as i64),
        (Type::Double, Value::Count(_) | Value::Int(_)) => Value::Double(v.as_f64()),
        (Type::Count, Value::Int(i)) => Value::Count(*i as u64),
        (Type::Count, Value::Double(d)) => Value::Count(*d as u64),
        (Type::Int, Value::Double(d)) => Value::Int(*d as i64),
        _ => v.clone(),
    }
}

/// Does a runtime value have (or convert to) type `t`, as `is` decides?
pub fn value_is(v: &Value, t: &Type) -> bool {
    use Type as T;
    match (v, t) {
        (_, T::Any) => true,
        (Value::Bool(_), T::Bool) | (Value::Count(_), T::Count) | (Value::Int(_), T::Int) => true,
        (Value::Double(_), T::Double)
        | (Value::Time(_), T::Time)
        | (Value::Interval(_), T::Interval) => true,
        (Value::Str(_), T::String) | (Value::Addr(_), T::Addr) | (Value::Subnet(..), T::Subnet) => {
            true
        }
        (Value::Port(..), T::Port) | (Value::Pattern(_), T::Pattern) => true,
        (Value::Enum(a, _), T::Enum(b)) => Rc::ptr_eq(a, b) || a.name == b.name,
        (Value::Record(r), T::Record(rt)) => {
            T::Record(r.borrow().ty.clone()).same(&T::Record(rt.clone()))
        }
        (Value::Table(x), T::Table(_)) => T::Table(x.borrow().ty.clone()).same(t),
        (Value::Vector(x), T::Vector(e)) => {
            let elem = &x.borrow().elem;
            elem.same(e) || matches!(elem, T::Any | T::Void) || matches!(**e, T::Any)
        }
        (Value::Func(f), T::Func(_)) => T::Func(f.ty.clone()).same(t),
        (Value::File(_), T::File) => true,
        (Value::Opaque(o), T::Opaque(n)) => o.borrow().type_name == &**n,
        _ => false,
    }
}

/// The name of a value's dynamic type, for messages.
pub fn value_type_name(v: &Value) -> String {
    match v {
        Value::Void => "void".into(),
        Value::Bool(_) => "bool".into(),
        Value::Count(_) => "count".into(),
        Value::Int(_) => "int".into(),
        Value::Double(_) => "double".into(),
        Value::Time(_) => "time".into(),
        Value::Interval(_) => "interval".into(),
        Value::Str(_) => "string".into(),
        Value::Addr(_) => "addr".into(),
        Value::Subnet(..) => "subnet".into(),
        Value::Port(..) => "port".into(),
        Value::Enum(e, _) => e.name.clone(),
        Value::Pattern(_) => "pattern".into(),
        Value::Record(r) => Type::Record(r.borrow().ty.clone()).name_or_describe(),
        Value::Table(t) => Type::Table(t.borrow().ty.clone()).describe(),
        Value::Vector(v) => Type::vector_of(v.borrow().elem.clone()).describe(),
        Value::Func(f) => Type::Func(f.ty.clone()).describe(),
        Value::File(_) => "file".into(),
        Value::Type(t) => t.describe(),
        Value::Opaque(o) => format!("opaque of {}", o.borrow().type_name),
    }
}

/// Captured values are copied, except aggregates, which stay shared.
pub(crate) fn deep_copy_scalar(v: &Value) -> Value {
    v.clone()
}

/// `copy()`: a deep copy that preserves sharing and cycles inside the copied value.
pub fn deep_copy(v: &Value, seen: &mut Vec<(*const (), Value)>) -> Value {
    let key = match v {
        // Strings and patterns are copied into new objects (`same_object` tells them apart).
        Value::Str(s) => return Value::Str(s.to_vec().into()),
        Value::Pattern(p) => return Value::Pattern(Rc::new((**p).clone())),
        // An opaque copy has its own state (a hash fed after the copy does not change it).
        Value::Opaque(o) => return Value::Opaque(Rc::new(RefCell::new(o.borrow().clone()))),
        Value::Record(r) => Rc::as_ptr(r) as *const (),
        Value::Table(t) => Rc::as_ptr(t) as *const (),
        Value::Vector(x) => Rc::as_ptr(x) as *const (),
        Value::Func(f) if !f.captures.borrow().is_empty() => Rc::as_ptr(f) as *const (),
        _ => return v.clone(),
    };
    if let Some((_, c)) = seen.iter().find(|(p, _)| *p == key) {
        return c.clone();
    }
    match v {
        Value::Func(f) => {
            // A closure's copy gets its own copies of the captured state.
            let out = Rc::new(FuncVal {
                name: f.name.clone(),
                ty: f.ty.clone(),
                imp: f.imp.clone(),
                captures: RefCell::new(vec![]),
            });
            seen.push((key, Value::Func(out.clone())));
            let caps: Vec<Value> = f.captures.borrow().clone();
            *out.captures.borrow_mut() = caps.iter().map(|c| deep_copy(c, seen)).collect();
            Value::Func(out)
        }
        Value::Record(r) => {
            let out = Rc::new(RefCell::new(RecordVal {
                ty: r.borrow().ty.clone(),
                fields: vec![],
                anonymous: r.borrow().anonymous,
            }));
            seen.push((key, Value::Record(out.clone())));
            let fields: Vec<Value> = r.borrow().fields.clone();
            out.borrow_mut().fields = fields.iter().map(|f| deep_copy(f, seen)).collect();
            Value::Record(out)
        }
        Value::Table(t) => {
            let out = Rc::new(RefCell::new(TableVal::new(t.borrow().ty.clone())));
            seen.push((key, Value::Table(out.clone())));
            let (entries, default, on_change, ordered) = {
                let tb = t.borrow();
                let e: Vec<(Key, Value)> =
                    tb.map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                (e, tb.default.clone(), tb.on_change.clone(), tb.ordered)
            };
            let mut map = if ordered {
                KeyMap::ordered()
            } else {
                KeyMap::default()
            };
            for (k, v) in entries {
                let k = Key::from_vec(k.parts().iter().map(|p| deep_copy(p, seen)).collect());
                map.set(k, deep_copy(&v, seen));
            }
            let mut ob = out.borrow_mut();
            ob.map = map;
            // A &default function that is a closure comes with its own captured state.
            ob.default = match default {
                Some(TableDefault::Func(f)) => Some(TableDefault::Func(deep_copy(&f, seen))),
                d => d,
            };
            ob.default_insert = t.borrow().default_insert;
            ob.on_change = on_change;
            ob.ordered = ordered;
            drop(ob);
            Value::Table(out)
        }
        Value::Vector(x) => {
            let out = Rc::new(RefCell::new(VectorVal {
                elem: x.borrow().elem.clone(),
                items: vec![],
            }));
            seen.push((key, Value::Vector(out.clone())));
            let items: Vec<Value> = x.borrow().items.clone();
            out.borrow_mut().items = items.iter().map(|f| deep_copy(f, seen)).collect();
            Value::Vector(out)
        }
        _ => v.clone(),
    }
}

/// The conversions `as` performs beyond plain type checks (strings parsed, ports/enums to numbers).
pub fn convert(v: &Value, t: &Type) -> Option<Value> {
    use super::render;
    match (v, t) {
        (_, _) if value_is(v, t) => Some(coerce_scalar(v, t)),
        // `v as set[T]` and `s as vector of T` convert between vectors and one-index sets.
        (Value::Vector(x), Type::Table(tt)) if tt.is_set() && tt.index.len() == 1 => {
            let mut out = TableVal::new(tt.clone());
            for item in x.borrow().items.iter().filter(|i| !i.is_void()) {
                out.map.set(
                    Key::One(coerce_scalar(item, &tt.index[0])),
                    Value::Bool(true),
                );
            }
            Some(Value::new_table(out))
        }
        (Value::Table(x), Type::Vector(e))
            if x.borrow().ty.is_set() && x.borrow().ty.index.len() == 1 =>
        {
            let items = x
                .borrow()
                .map
                .keys()
                .map(|k| coerce_scalar(&k.parts()[0], e))
                .collect();
            Some(Value::new_vector((**e).clone(), items))
        }
        (Value::Str(s), _) => {
            let s = String::from_utf8_lossy(s);
            let s = s.trim();
            match t {
                Type::Count => s
                    .parse::<u64>()
                    .ok()
                    .or_else(|| s.parse::<i64>().ok().map(|i| i as u64))
                    .map(Value::Count),
                Type::Int => s.parse::<i64>().ok().map(Value::Int),
                Type::Double => s.parse::<f64>().ok().map(Value::Double),
                Type::Time => s.parse::<f64>().ok().map(Value::Time),
                Type::Interval => s.parse::<f64>().ok().map(Value::Interval),
                Type::Addr => render::parse_addr(s).map(Value::Addr),
                Type::Subnet => {
                    let (a, l) = s.rsplit_once('/')?;
                    let addr = render::parse_addr(a.trim_start_matches('[').trim_end_matches(']'))?;
                    let mut len: u32 = l.parse().ok()?;
                    if !a.contains(':') {
                        len += 96;
                    }
                    (len <= 128)
                        .then(|| Value::Subnet(render::mask_addr(&addr, len as u8), len as u8))
                }
                Type::Port => {
                    let (n, p) = s.split_once('/')?;
                    let n: u32 = n.parse().ok()?;
                    (n <= 65535 && matches!(p, "tcp" | "udp" | "icmp" | "unknown"))
                        .then(|| Value::Port(n, crate::syntax::parser::proto_code(p)))
                }
                _ => None,
            }
        }
        (Value::Int(i), Type::Count) if *i < 0 => None,
        (Value::Double(d), Type::Count) if *d < 0.0 => None,
        (Value::Double(d), Type::Count) => Some(Value::Count(d.round() as u64)),
        (Value::Double(d), Type::Int) => Some(Value::Int(d.round() as i64)),
        (
            Value::Count(_) | Value::Int(_) | Value::Double(_),
            Type::Count | Type::Int | Type::Double,
        ) => Some(coerce_scalar(v, t)),
        (Value::Count(_) | Value::Int(_) | Value::Double(_), Type::Time) => {
            Some(Value::Time(v.as_f64()))
        }
        (Value::Count(_) | Value::Int(_) | Value::Double(_), Type::Interval) => {
            Some(Value::Interval(v.as_f64()))
        }
        (Value::Interval(d) | Value::Time(d), Type::Double) => Some(Value::Double(*d)),
        (Value::Port(p, _), Type::Count) => Some(Value::Count(*p as u64)),
        (Value::Enum(_, i), Type::Int) => Some(Value::Int(*i)),
        (Value::Enum(_, i), Type::Count) => Some(Value::Count(*i as u64)),
        (Value::Subnet(a, _), Type::Addr) => Some(Value::Addr(*a)),
        (Value::Count(c), Type::Addr) if *c <= u32::MAX as u64 => {
            let mut a = [0u8; 16];
            a[10] = 0xff;
            a[11] = 0xff;
            a[12..].copy_from_slice(&(*c as u32).to_be_bytes());
            Some(Value::Addr(a))
        }
        _ => None,
    }
}

/// `t[s]` on a table indexed by patterns: the values of every pattern matching `s`.
pub(crate) fn pattern_table_matches(t: &TableVal, s: &[u8]) -> Value {
    let items = t
        .map
        .iter()
        .filter(|(k, _)| matches!(k, Key::One(Value::Pattern(p)) if p.exact.is_match(s)))
        .map(|(_, v)| v.clone())
        .collect();
    Value::new_vector(t.ty.yield_ty.clone().unwrap_or(Type::Any), items)
}
