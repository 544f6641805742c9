//! Zeek types as the checker and the runtime share them, and their Zeek renderings (`type_name`).

use crate::ir::Expr;
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub enum Type {
    Void,
    Bool,
    Count,
    Int,
    Double,
    Time,
    Interval,
    String,
    Pattern,
    Port,
    Addr,
    Subnet,
    Any,
    Enum(Rc<EnumType>),
    Record(Rc<RecordType>),
    Table(Rc<TableType>),
    Vector(Rc<Type>),
    Func(Rc<FuncType>),
    File,
    Opaque(Rc<str>),
    /// The type of a type name used as a value (`print count`).
    Meta(Rc<Type>),
    /// A type name standing for a built-in type (`type MyString: string;`), as a type value
    /// carries it: printing shows the name and `type_aliases` finds its aliases.
    Alias(Rc<str>, Rc<Type>),
    /// An index list `[a, b]` before it is given a meaning by its context.
    List(Rc<Vec<Type>>),
    /// Produced after an error was reported, to avoid cascades.
    Error,
}

#[derive(Debug)]
pub struct EnumType {
    pub name: String,
    pub names: RefCell<Vec<(String, i64)>>,
}

impl EnumType {
    /// The value of the constant named `name` (full name).
    pub fn value_of(&self, name: &str) -> Option<i64> {
        self.names
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
    }

    pub fn name_of(&self, v: i64) -> Option<String> {
        self.names
            .borrow()
            .iter()
            .find(|(_, x)| *x == v)
            .map(|(n, _)| n.clone())
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    pub optional: bool,
    pub log: bool,
    pub default: Option<Rc<Expr>>,
    /// `&deprecated`: the message ("" without one).
    pub deprecated: Option<Rc<str>>,
}

impl Field {
    /// Whether the field may be unset: `&optional`, or `&default`, to which Zeek adds an implicit
    /// `&optional` (record_fields() shows it, and index keys give such fields a presence byte).
    pub fn is_optional(&self) -> bool {
        self.optional || self.default.is_some()
    }
}

#[derive(Debug)]
pub struct RecordType {
    pub name: RefCell<Option<String>>,
    pub fields: RefCell<Vec<Field>>,
}

impl RecordType {
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.borrow().iter().position(|f| f.name == name)
    }
    pub fn field(&self, i: usize) -> Field {
        self.fields.borrow()[i].clone()
    }
    pub fn len(&self) -> usize {
        self.fields.borrow().len()
    }
}

#[derive(Debug)]
pub struct TableType {
    pub index: Vec<Type>,
    /// None for sets.
    pub yield_ty: Option<Type>,
    pub name: RefCell<Option<String>>,
}

impl TableType {
    pub fn is_set(&self) -> bool {
        self.yield_ty.is_none()
    }
}

#[derive(Debug)]
pub struct FuncType {
    pub kind: crate::syntax::ast::FuncKind,
    pub params: Vec<ParamType>,
    pub ret: Type,
    /// Builtins declared with `...` take any number of arguments of any type.
    pub varargs: bool,
}

#[derive(Debug, Clone)]
pub struct ParamType {
    pub name: String,
    pub ty: Type,
    pub default: Option<Rc<Expr>>,
}

/// The kind tag used for quick type comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Void,
    Bool,
    Count,
    Int,
    Double,
    Time,
    Interval,
    String,
    Pattern,
    Port,
    Addr,
    Subnet,
    Any,
    Enum,
    Record,
    Table,
    Vector,
    Func,
    File,
    Opaque,
    Meta,
    List,
    Error,
}

impl Type {
    pub fn tag(&self) -> Tag {
        match self {
            Type::Void => Tag::Void,
            Type::Bool => Tag::Bool,
            Type::Count => Tag::Count,
            Type::Int => Tag::Int,
            Type::Double => Tag::Double,
            Type::Time => Tag::Time,
            Type::Interval => Tag::Interval,
            Type::String => Tag::String,
            Type::Pattern => Tag::Pattern,
            Type::Port => Tag::Port,
            Type::Addr => Tag::Addr,
            Type::Subnet => Tag::Subnet,
            Type::Any => Tag::Any,
            Type::Enum(_) => Tag::Enum,
            Type::Record(_) => Tag::Record,
            Type::Table(_) => Tag::Table,
            Type::Vector(_) => Tag::Vector,
            Type::Func(_) => Tag::Func,
            Type::File => Tag::File,
            Type::Opaque(_) => Tag::Opaque,
            Type::Meta(_) => Tag::Meta,
            Type::Alias(_, t) => t.tag(),
            Type::List(_) => Tag::List,
            Type::Error => Tag::Error,
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Count | Type::Int | Type::Double)
    }

    pub fn set_of(index: Vec<Type>) -> Type {
        Type::Table(Rc::new(TableType {
            index,
            yield_ty: None,
            name: RefCell::new(None),
        }))
    }

    pub fn table_of(index: Vec<Type>, y: Type) -> Type {
        Type::Table(Rc::new(TableType {
            index,
            yield_ty: Some(y),
            name: RefCell::new(None),
        }))
    }

    pub fn vector_of(t: Type) -> Type {
        Type::Vector(Rc::new(t))
    }

    pub fn func_kind(&self) -> Option<crate::syntax::ast::FuncKind> {
        match self {
            Type::Func(f) => Some(f.kind),
            _ => None,
        }
    }

    /// Structural type equality as Zeek's `same_type`.
    pub fn same(&self, other: &Type) -> bool {
        // Recursive types would compare forever; past a generous depth assume they match.
        let depth = SAME_DEPTH.with(|d| {
            let v = d.get() + 1;
            d.set(v);
            v
        });
        let r = depth > 32 || self.same_inner(other);
        SAME_DEPTH.with(|d| d.set(d.get() - 1));
        r
    }

    fn same_inner(&self, other: &Type) -> bool {
        match (self, other) {
            (Type::Enum(a), Type::Enum(b)) => Rc::ptr_eq(a, b) || a.name == b.name,
            (Type::Record(a), Type::Record(b)) => {
                if Rc::ptr_eq(a, b) {
                    return true;
                }
                let (fa, fb) = (a.fields.borrow(), b.fields.borrow());
                fa.len() == fb.len()
                    && fa
                        .iter()
                        .zip(fb.iter())
                        .all(|(x, y)| x.name == y.name && x.ty.same(&y.ty))
            }
            (Type::Table(a), Type::Table(b)) => {
                a.index.len() == b.index.len()
                    && a.index.iter().zip(b.index.iter()).all(|(x, y)| x.same(y))
                    && match (&a.yield_ty, &b.yield_ty) {
                        (None, None) => true,
                        (Some(x), Some(y)) => x.same(y),
                        _ => false,
                    }
            }
            (Type::Vector(a), Type::Vector(b)) => a.same(b),
            (Type::Func(a), Type::Func(b)) => {
                a.kind == b.kind
                    && a.params.len() == b.params.len()
                    && a.params
                        .iter()
                        .zip(b.params.iter())
                        .all(|(x, y)| x.ty.same(&y.ty))
                    && (a.kind != crate::syntax::ast::FuncKind::Function || a.ret.same(&b.ret))
            }
            (Type::File, Type::File) => true,
            (Type::Opaque(a), Type::Opaque(b)) => a == b,
            (Type::List(a), Type::List(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y))
            }
            (Type::Meta(a), Type::Meta(b)) => a.same(b),
            (a, b) => a.tag() == b.tag(),
        }
    }

    /// The rendering `type_name()` gives.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        self.describe_into(&mut s, true);
        s
    }

    pub fn describe_into(&self, out: &mut String, top: bool) {
        match self {
            Type::Void => out.push_str("void"),
            Type::Bool => out.push_str("bool"),
            Type::Count => out.push_str("count"),
            Type::Int => out.push_str("int"),
            Type::Double => out.push_str("double"),
            Type::Time => out.push_str("time"),
            Type::Interval => out.push_str("interval"),
            Type::String => out.push_str("string"),
            Type::Pattern => out.push_str("pattern"),
            Type::Port => out.push_str("port"),
            Type::Addr => out.push_str("addr"),
            Type::Subnet => out.push_str("subnet"),
            Type::Any => out.push_str("any"),
            Type::Error => out.push_str("error"),
            Type::Alias(_, t) => t.describe_into(out, top),
            Type::Enum(e) => out.push_str(&e.name),
            Type::Record(r) if !top && r.name.borrow().is_some() => {
                // Inside another type, a named record shows as its name.
                out.push_str(r.name.borrow().as_deref().unwrap_or_default());
            }
            Type::Record(r) => {
                // A record type that (indirectly) contains itself is shown by name inside itself.
                let ptr = Rc::as_ptr(r) as usize;
                let nested = DESCRIBING.with(|d| d.borrow().contains(&ptr));
                let name = r.name.borrow().clone();
                if let (true, Some(n)) = (nested, &name) {
                    out.push_str(n);
                    return;
                }
                if nested || DESCRIBING.with(|d| d.borrow().len()) > 64 {
                    out.push_str("record");
                    return;
                }
                DESCRIBING.with(|d| d.borrow_mut().push(ptr));
                // Zeek shows an empty record type as `record {  }`.
                out.push_str(if r.fields.borrow().is_empty() {
                    "record {  "
                } else {
                    "record { "
                });
                for f in r.fields.borrow().iter() {
                    let _ = write!(out, "{}:", f.name);
                    f.ty.describe_into(out, false);
                    out.push_str("; ");
                }
                out.push('}');
                DESCRIBING.with(|d| d.borrow_mut().pop());
            }
            // Only an unspecified `set()` / `table()` constructor has an `any` index (Zeek
            // rejects it in declared types), and Zeek shows it with an empty index list.
            Type::Table(t) if matches!(t.index.as_slice(), [Type::Any]) => {
                out.push_str(if t.is_set() { "set()" } else { "table()" });
            }
            Type::Table(t) => {
                out.push_str(if t.is_set() { "set[" } else { "table[" });
                for (i, x) in t.index.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.describe_into(out, false);
                }
                out.push(']');
                if let Some(y) = &t.yield_ty {
                    out.push_str(" of ");
                    y.describe_into(out, false);
                }
            }
            // The element type of an unspecified `vector()` value.
            Type::Vector(e) if matches!(**e, Type::Void) => out.push_str("vector()"),
            Type::Vector(e) => {
                out.push_str("vector of ");
                e.describe_into(out, false);
            }
            Type::Func(f) => f.describe_into(out),
            Type::File => out.push_str("file of string"),
            Type::Opaque(n) => {
                let _ = write!(out, "opaque of {}", n);
            }
            Type::Meta(t) => {
                out.push_str("type ");
                t.describe_into(out, false);
            }
            Type::List(l) => {
                for (i, x) in l.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.describe_into(out, false);
                }
            }
        }
    }

    /// The name Zeek shows for a named type (enum, record), else its description.
    pub fn name_or_describe(&self) -> String {
        match self {
            Type::Alias(name, _) => name.to_string(),
            Type::Record(r) => r.name.borrow().clone().unwrap_or_else(|| self.describe()),
            Type::Table(t) => t.name.borrow().clone().unwrap_or_else(|| self.describe()),
            _ => self.describe(),
        }
    }
}

impl FuncType {
    pub fn describe_into(&self, out: &mut String) {
        use crate::syntax::ast::FuncKind;
        out.push_str(match self.kind {
            FuncKind::Function => "function(",
            FuncKind::Event => "event(",
            FuncKind::Hook => "hook(",
        });
        for (i, p) in self.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{}:", p.name);
            p.ty.describe_into(out, false);
        }
        out.push(')');
        match self.kind {
            FuncKind::Function => {
                out.push_str(" : ");
                self.ret.describe_into(out, false);
            }
            FuncKind::Hook => out.push_str(" : bool"),
            FuncKind::Event => {}
        }
    }
}

thread_local! {
    /// Every named enum type, so builtins can make values of types declared in scripts.
    static ENUMS: RefCell<std::collections::HashMap<String, Rc<EnumType>>> = RefCell::new(Default::default());
}

pub fn register_enum(e: &Rc<EnumType>) {
    ENUMS.with(|m| m.borrow_mut().insert(e.name.clone(), e.clone()));
}

/// The value of enum constant `name` of the named enum type (Void if unknown).
pub fn enum_value(type_name: &str, name: &str) -> crate::runtime::value::Value {
    use crate::runtime::value::Value;
    ENUMS.with(|m| {
        let m = m.borrow();
        let Some(e) = m.get(type_name) else {
            return Value::Void;
        };
        match e.value_of(name) {
            Some(v) => Value::Enum(e.clone(), v),
            None => Value::Void,
        }
    })
}

thread_local! {
    /// Record types being described right now (for recursive types).
    static DESCRIBING: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    static SAME_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

thread_local! {
    /// Global identifiers by full name with their slot, for `lookup_ID` and `is_event_handled`.
    static GLOBALS: RefCell<std::collections::HashMap<String, u32>> = RefCell::new(Default::default());
    /// Named types by full name, with the name they alias (their own name if not an alias).
    static NAMED_TYPES: RefCell<indexmap::IndexMap<String, (Type, String)>> = RefCell::new(Default::default());
}

pub fn register_global(name: &str, slot: u32) {
    GLOBALS.with(|m| m.borrow_mut().insert(name.to_string(), slot));
}

pub fn global_slot(name: &str) -> Option<u32> {
    GLOBALS.with(|m| m.borrow().get(name).copied())
}

/// Record a `type name: ...` declaration; `target` is the named type it aliases, if any.
pub fn register_type(name: &str, ty: Type, target: Option<&str>) {
    NAMED_TYPES.with(|m| {
        let mut m = m.borrow_mut();
        let canon = target
            .and_then(|t| m.get(t).map(|(_, c)| c.clone()))
            .unwrap_or_else(|| name.to_string());
        m.insert(name.to_string(), (ty, canon));
    });
}

/// The type value a type name gives: a declared name for a built-in type keeps that name.
pub fn type_value(name: &str, ty: Type) -> Type {
    let builtin = !matches!(
        ty,
        Type::Enum(_) | Type::Record(_) | Type::Table(_) | Type::Alias(..)
    );
    if builtin && NAMED_TYPES.with(|m| m.borrow().contains_key(name)) {
        return Type::Alias(name.into(), Rc::new(ty));
    }
    ty
}

pub fn named_type(name: &str) -> Option<Type> {
    NAMED_TYPES.with(|m| m.borrow().get(name).map(|(t, _)| t.clone()))
}

/// Every declared name of the type declared as `name` (itself and its aliases).
pub fn type_aliases(name: &str) -> Vec<String> {
    NAMED_TYPES.with(|m| {
        let m = m.borrow();
        let Some((_, canon)) = m.get(name) else {
            return vec![];
        };
        m.iter()
            .filter(|(_, (_, c))| c == canon)
            .map(|(n, _)| n.clone())
            .collect()
    })
}

/// The enum constant named `name` (full name), searching every named enum type.
pub fn enum_const(name: &str) -> Option<crate::runtime::value::Value> {
    ENUMS.with(|m| {
        m.borrow().values().find_map(|e| {
            let v = e
                .names
                .borrow()
                .iter()
                .find(|(n, _)| n == name)
                .map(|x| x.1)?;
            Some(crate::runtime::value::Value::Enum(e.clone(), v))
        })
    })
}

/// Names of Zeek's built-in types (keywords in Zeek's grammar).
pub fn builtin_type_name(name: &str) -> bool {
    matches!(
        name,
        "bool"
            | "count"
            | "int"
            | "double"
            | "time"
            | "interval"
            | "string"
            | "pattern"
            | "port"
            | "addr"
            | "subnet"
            | "any"
            | "void"
    )
}

/// What `global_ids()` tells about a script-level global beyond its type and value.
#[derive(Clone, Debug, Default)]
pub struct IdMeta {
    /// The declared type, as Zeek names it.
    pub type_name: String,
    pub exported: bool,
    pub constant: bool,
    pub option: bool,
    pub redef: bool,
    /// Attributes as written: `&name` and the rendered expression, if any.
    pub attrs: Vec<(String, Option<String>)>,
}

thread_local! {
    static ID_META: RefCell<std::collections::HashMap<String, IdMeta>> = RefCell::default();
}

pub fn register_id_meta(name: &str, meta: IdMeta) {
    ID_META.with(|m| m.borrow_mut().insert(name.to_string(), meta));
}

pub fn id_meta(name: &str) -> Option<IdMeta> {
    ID_META.with(|m| m.borrow().get(name).cloned())
}

/// Every registered global's name and slot.
pub fn global_slots() -> Vec<(String, u32)> {
    GLOBALS.with(|m| m.borrow().iter().map(|(n, s)| (n.clone(), *s)).collect())
}

thread_local! {
    static MODULES: RefCell<std::collections::BTreeSet<String>> = RefCell::default();
}

/// A `module` declaration was read.
pub fn register_module(name: &str) {
    MODULES.with(|m| m.borrow_mut().insert(name.to_string()));
}

/// Every module declared so far, GLOBAL included.
pub fn module_names() -> Vec<String> {
    let mut names: Vec<String> = MODULES.with(|m| m.borrow().iter().cloned().collect());
    if !names.iter().any(|n| n == "GLOBAL") {
        names.insert(0, "GLOBAL".to_string());
    }
    names
}

/// Every enum constant of the named enum types: (full name, value).
pub fn enum_constants() -> Vec<(String, crate::runtime::value::Value)> {
    ENUMS.with(|m| {
        let mut out = Vec::new();
        for e in m.borrow().values() {
            for (n, v) in e.names.borrow().iter() {
                out.push((n.clone(), crate::runtime::value::Value::Enum(e.clone(), *v)));
            }
        }
        out
    })
}

/// The record type declared as `name` (the bare-mode records bifs build: `script_id`, ...).
pub fn named_record(name: &str) -> Option<Rc<RecordType>> {
    match named_type(name)? {
        Type::Record(rt) => Some(rt),
        _ => None,
    }
}
