//! Runtime values: scalars inline, records/tables/vectors shared through Rc<RefCell<..>> (Zeek's
//! reference semantics), and the table key type.

use crate::ir::Body;
use crate::types::{EnumType, FuncType, RecordType, TableType, Type};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

#[derive(Clone, Debug, Default)]
pub enum Value {
    /// No value: an unset record field, a vector hole, or a void result.
    #[default]
    Void,
    Bool(bool),
    Count(u64),
    Int(i64),
    Double(f64),
    Time(f64),
    Interval(f64),
    Str(Rc<[u8]>),
    Addr([u8; 16]),
    Subnet([u8; 16], u8),
    Port(u32, u8),
    Enum(Rc<EnumType>, i64),
    Pattern(Rc<PatternVal>),
    Record(Rc<RefCell<RecordVal>>),
    Table(Rc<RefCell<TableVal>>),
    Vector(Rc<RefCell<VectorVal>>),
    Func(Rc<FuncVal>),
    File(Rc<RefCell<FileVal>>),
    Type(Rc<Type>),
    Opaque(Rc<RefCell<super::opaque::OpaqueVal>>),
}

#[derive(Debug, Clone)]
pub struct PatternVal {
    /// The pattern as Zeek prints it between slashes, e.g. `^?(a)$?`.
    pub text: String,
    /// Anchored at both ends: `==` and exact matching.
    pub exact: regex::bytes::Regex,
    /// Unanchored: `in` and searching.
    pub search: regex::bytes::Regex,
    /// The regex-crate source, kept for combining patterns.
    pub re: String,
}

#[derive(Debug)]
pub struct RecordVal {
    pub ty: Rc<RecordType>,
    pub fields: Vec<Value>,
    /// Made by a `[$f=...]` constructor: `type_name` shows the structure, not the type's name.
    pub anonymous: bool,
}

impl RecordVal {
    pub fn get(&self, i: usize) -> Option<&Value> {
        match self.fields.get(i) {
            Some(Value::Void) | None => None,
            Some(v) => Some(v),
        }
    }
    pub fn set(&mut self, i: usize, v: Value) {
        if self.fields.len() <= i {
            self.fields.resize(i + 1, Value::Void);
        }
        self.fields[i] = v;
    }
}

pub use super::table::KeyMap;

/// What a table yields for a missing key.
#[derive(Clone, Debug)]
pub enum TableDefault {
    Value(Value),
    Func(Value),
}

#[derive(Debug)]
pub struct TableVal {
    pub ty: Rc<TableType>,
    pub map: KeyMap,
    pub default: Option<TableDefault>,
    pub on_change: Option<Value>,
    pub ordered: bool,
    pub default_insert: bool,
    /// Expiration attributes and per-entry clocks (see expire.rs).
    pub expire: Option<super::expire::Expiry>,
}

impl TableVal {
    pub fn new(ty: Rc<TableType>) -> TableVal {
        TableVal {
            ty,
            map: KeyMap::default(),
            default: None,
            on_change: None,
            ordered: false,
            default_insert: false,
            expire: None,
        }
    }
    /// `delete t[k]` (applied a little later: see `KeyMap::discard`).
    pub fn discard(&mut self, k: &Key) {
        self.map.discard(k)
    }

    /// `&ordered`: iterate in insertion order (entries so far keep their current order).
    pub fn set_ordered(&mut self) {
        if self.ordered {
            return;
        }
        self.ordered = true;
        let entries = self.map.entries();
        self.map = KeyMap::ordered();
        for (k, v) in entries {
            self.map.set(k, v);
        }
    }
}

#[derive(Debug)]
pub struct VectorVal {
    pub elem: Type,
    pub items: Vec<Value>,
}

#[derive(Clone)]
pub enum FuncImpl {
    Script(RefCell<Vec<Rc<Body>>>),
    Builtin(crate::builtins::BifFn),
}

impl std::fmt::Debug for FuncImpl {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            FuncImpl::Script(b) => write!(f, "Script({} bodies)", b.borrow().len()),
            FuncImpl::Builtin(_) => write!(f, "Builtin"),
        }
    }
}

#[derive(Debug)]
pub struct FuncVal {
    pub name: String,
    pub ty: Rc<FuncType>,
    pub imp: FuncImpl,
    /// Values captured by a lambda, copied into its frame at each call.
    pub captures: RefCell<Vec<Value>>,
}

#[derive(Debug)]
pub struct FileVal {
    pub path: String,
    pub out: Option<std::io::BufWriter<std::fs::File>>,
    pub raw: bool,
    /// Zeek's `is_open`: false after `close` or a failed open.
    pub open: bool,
    /// False after `set_buf(f, F)`: line-buffered, flushed at each newline.
    pub buffered: bool,
    pub open_time: f64,
}

/// A table or set index: one value, or several for multi-index tables.
#[derive(Clone, Debug)]
pub enum Key {
    One(Value),
    Many(Rc<[Value]>),
}

impl Key {
    pub fn from_vec(mut v: Vec<Value>) -> Key {
        if v.len() == 1 {
            Key::One(v.pop().unwrap())
        } else {
            Key::Many(v.into())
        }
    }
    pub fn parts(&self) -> &[Value] {
        match self {
            Key::One(v) => std::slice::from_ref(v),
            Key::Many(v) => v,
        }
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        let (a, b) = (self.parts(), other.parts());
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key_eq(x, y))
    }
}
impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        for v in self.parts() {
            hash_value(v, h);
        }
    }
}

/// Structural equality used for table keys (and `==` on containers).
pub fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Void, Void) => true,
        (Bool(x), Bool(y)) => x == y,
        (Count(x), Count(y)) => x == y,
        (Int(x), Int(y)) => x == y,
        (Count(x), Int(y)) | (Int(y), Count(x)) => *y >= 0 && *x == *y as u64,
        (Double(x), Double(y)) | (Time(x), Time(y)) | (Interval(x), Interval(y)) => {
            x.to_bits() == y.to_bits()
        }
        (Str(x), Str(y)) => x == y,
        (Addr(x), Addr(y)) => x == y,
        (Subnet(x, l), Subnet(y, m)) => x == y && l == m,
        (Port(x, p), Port(y, q)) => x == y && p == q,
        (Enum(_, x), Enum(_, y)) => x == y,
        (Pattern(x), Pattern(y)) => x.text == y.text,
        (Record(x), Record(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                x.fields.len() == y.fields.len()
                    && x.fields.iter().zip(&y.fields).all(|(p, q)| key_eq(p, q))
            }
        }
        (Vector(x), Vector(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                x.items.len() == y.items.len()
                    && x.items.iter().zip(&y.items).all(|(p, q)| key_eq(p, q))
            }
        }
        (Table(x), Table(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                x.map.len() == y.map.len()
                    && x.map
                        .iter()
                        .all(|(k, v)| y.map.get(&k).map(|w| key_eq(&v, &w)).unwrap_or(false))
            }
        }
        (Func(x), Func(y)) => Rc::ptr_eq(x, y),
        (File(x), File(y)) => Rc::ptr_eq(x, y),
        (Opaque(x), Opaque(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

fn hash_value<H: Hasher>(v: &Value, h: &mut H) {
    use Value::*;
    match v {
        Void => 0u8.hash(h),
        Bool(b) => b.hash(h),
        Count(c) => c.hash(h),
        Int(i) => (*i as u64).hash(h),
        Double(d) | Time(d) | Interval(d) => d.to_bits().hash(h),
        Str(s) => s.hash(h),
        Addr(a) => a.hash(h),
        Subnet(a, l) => {
            a.hash(h);
            l.hash(h)
        }
        Port(p, q) => {
            p.hash(h);
            q.hash(h)
        }
        Enum(_, x) => x.hash(h),
        Pattern(p) => p.text.hash(h),
        Record(r) => {
            for f in &r.borrow().fields {
                hash_value(f, h);
            }
        }
        Vector(vv) => {
            for f in &vv.borrow().items {
                hash_value(f, h);
            }
        }
        Table(t) => t.borrow().map.len().hash(h),
        Func(f) => (Rc::as_ptr(f) as usize).hash(h),
        File(f) => (Rc::as_ptr(f) as usize).hash(h),
        Opaque(o) => (Rc::as_ptr(o) as usize).hash(h),
        Type(_) => 1u8.hash(h),
    }
}

/// Drops a value, with the common case of a plain scalar (which owns nothing) decided inline
/// instead of in the out-of-line drop glue.
#[inline(always)]
pub fn discard(v: Value) {
    if v.is_plain() {
        std::mem::forget(v);
    } else {
        drop(v);
    }
}

impl Value {
    /// A value that owns no heap data (dropping it is a no-op).
    #[inline(always)]
    pub fn is_plain(&self) -> bool {
        matches!(
            self,
            Value::Void
                | Value::Bool(_)
                | Value::Count(_)
                | Value::Int(_)
                | Value::Double(_)
                | Value::Time(_)
                | Value::Interval(_)
        )
    }

    /// Moves the value out of `slot`, leaving Void; a plain scalar is read field by field and
    /// left in place (it owns nothing), which spares a store-forwarding stall on the copy.
    #[inline(always)]
    pub fn take_fast(slot: &mut Value) -> Value {
        match *slot {
            Value::Count(c) => Value::Count(c),
            Value::Int(i) => Value::Int(i),
            Value::Double(d) => Value::Double(d),
            Value::Bool(b) => Value::Bool(b),
            _ => std::mem::take(slot),
        }
    }

    /// `clone` with the scalar common case inline. The payload goes through `black_box` so
    /// the optimizer keeps the field-by-field copy instead of merging it into one block copy:
    /// a value just written as tag and payload (a frame slot, say) read back as one 16-byte
    /// block stalls store forwarding.
    #[inline(always)]
    pub fn fast_clone(&self) -> Value {
        use std::hint::black_box;
        match self {
            Value::Count(c) => Value::Count(black_box(*c)),
            Value::Int(i) => Value::Int(black_box(*i)),
            Value::Double(d) => Value::Double(black_box(*d)),
            Value::Bool(b) => Value::Bool(*b),
            Value::Str(s) => Value::Str(s.clone()),
            Value::Table(t) => Value::Table(t.clone()),
            Value::Record(r) => Value::Record(r.clone()),
            Value::Vector(v) => Value::Vector(v.clone()),
            v => v.clone(),
        }
    }

    pub fn str(s: &str) -> Value {
        Value::Str(s.as_bytes().into())
    }
    pub fn bytes(b: &[u8]) -> Value {
        Value::Str(b.into())
    }
    pub fn is_void(&self) -> bool {
        matches!(self, Value::Void)
    }
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
    /// Any numeric value as f64 (count, int, double, time, interval).
    pub fn as_f64(&self) -> f64 {
        match self {
            Value::Count(c) => *c as f64,
            Value::Int(i) => *i as f64,
            Value::Double(d) | Value::Time(d) | Value::Interval(d) => *d,
            _ => 0.0,
        }
    }
    pub fn as_u64(&self) -> u64 {
        match self {
            Value::Count(c) => *c,
            Value::Int(i) => *i as u64,
            Value::Double(d) => *d as u64,
            Value::Port(p, _) => *p as u64,
            Value::Enum(_, i) => *i as u64,
            Value::Bool(b) => *b as u64,
            _ => 0,
        }
    }
    pub fn as_i64(&self) -> i64 {
        match self {
            Value::Count(c) => *c as i64,
            Value::Int(i) => *i,
            Value::Double(d) => *d as i64,
            _ => self.as_u64() as i64,
        }
    }
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Value::Str(s) => s,
            _ => b"",
        }
    }
    pub fn as_str_lossy(&self) -> String {
        String::from_utf8_lossy(self.as_bytes()).into_owned()
    }

    pub fn new_record(ty: Rc<RecordType>, fields: Vec<Value>) -> Value {
        Value::Record(Rc::new(RefCell::new(RecordVal {
            ty,
            fields,
            anonymous: false,
        })))
    }
    pub fn new_vector(elem: Type, items: Vec<Value>) -> Value {
        Value::Vector(Rc::new(RefCell::new(VectorVal { elem, items })))
    }
    pub fn new_table(t: TableVal) -> Value {
        Value::Table(Rc::new(RefCell::new(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn value_stays_small() {
        assert!(std::mem::size_of::<Value>() <= 24);
    }
}
