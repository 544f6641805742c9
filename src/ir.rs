//! The checked program: expressions carry their types, names are resolved to slots, coercions are
//! explicit. The checker builds it; the runtime walks it.

use crate::runtime::value::Value;
use crate::syntax::ast::{BinOp, Span};
use crate::types::{RecordType, TableType, Type};
use std::rc::Rc;

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Debug)]
pub enum Coercion {
    ToInt,
    ToDouble,
    /// Record of one type to another with the same field names (by name).
    Record(Rc<RecordType>),
    /// Give an untyped empty/list constructor its declared table type.
    Table(Rc<TableType>),
    Vector(Type),
    /// Value of static type `any` to a concrete type (checked at runtime).
    FromAny(Type),
}

#[derive(Debug)]
pub enum ExprKind {
    Const(Value),
    Local(u32),
    Global(u32),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    BitNot(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// Element-wise `?:` with a vector of bools.
    VecCond(Box<Expr>, Box<Expr>, Box<Expr>),
    Assign(Box<LValue>, Box<Expr>),
    /// `+=` / `-=` on numbers, strings, vectors, sets, tables, patterns.
    AddAssign(Box<LValue>, Box<Expr>),
    SubAssign(Box<LValue>, Box<Expr>),
    /// `++x` / `--x`.
    Incr(Box<LValue>, i8),
    Field(Box<Expr>, usize),
    HasField(Box<Expr>, usize),
    Index(Box<Expr>, Vec<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// Membership: element (possibly several index values) in a table/set/vector.
    In(Vec<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    HookCall(Box<Expr>, Vec<Expr>),
    Coerce(Box<Expr>, Coercion),
    As(Box<Expr>, Type),
    Is(Box<Expr>, Type),
    MaybeAs(Box<Expr>, Type),
    Size(Box<Expr>),
    RecordCtor(Rc<RecordType>, Vec<(usize, Expr)>),
    TableCtor(
        Rc<TableType>,
        Vec<(Vec<Expr>, Option<Expr>)>,
        Rc<TableAttrs>,
    ),
    VectorCtor(Type, Vec<Expr>),
    List(Vec<Expr>),
    Lambda(Rc<LambdaDef>),
    Schedule(Box<Expr>, Box<Expr>, Vec<Expr>),
    Copy(Box<Expr>),
    /// A record built by `[$f=...]` for a named record type.
    Anonymous(Box<Expr>),
    /// A default argument or field default shared with its declaration.
    Shared(Rc<Expr>),
    /// A table value given the attributes of its declaration.
    WithAttrs(Box<Expr>, Rc<TableAttrs>),
    /// In a table or set constructor's index list: a set whose members each make an element
    /// (Zeek's cross-product initialization); typed as the set's member.
    Expand(Box<Expr>),
}

/// Table attributes evaluated when a table value is created.
#[derive(Debug, Default)]
pub struct TableAttrs {
    pub default: Option<Expr>,
    /// `&default_insert`: a missing key's default is also stored.
    pub default_insert: bool,
    pub on_change: Option<Expr>,
    pub ordered: bool,
    /// `&create_expire` / `&read_expire` / `&write_expire` and its interval.
    pub expire: Option<(crate::runtime::expire::ExpireKind, Expr)>,
    pub expire_func: Option<Expr>,
}

#[derive(Debug)]
pub enum LValue {
    Local(u32),
    Global(u32),
    Field(Expr, usize),
    Index(Expr, Vec<Expr>),
    /// `v[a:b] = w` replaces that range of a vector.
    Slice(Expr, Option<Expr>, Option<Expr>),
}

#[derive(Debug)]
pub struct LambdaDef {
    pub name: String,
    pub ty: Rc<crate::types::FuncType>,
    pub body: Rc<Body>,
    /// Slots in the enclosing frame whose values are copied into the closure.
    pub captures: Vec<CaptureSrc>,
}

#[derive(Debug, Clone, Copy)]
pub enum CaptureSrc {
    /// The enclosing frame's value itself (aggregates are shared).
    Local(u32),
    /// `copy name`: a deep copy of it.
    Copy(u32),
}

#[derive(Debug)]
pub struct Body {
    pub code: crate::runtime::compile::Code,
    pub frame_size: usize,
    pub priority: i32,
    pub nparams: usize,
    /// Frame slots that receive the closure's captured values (after the parameters).
    pub capture_slots: Vec<u32>,
    /// For an event handler with an alternate prototype: which event argument feeds each
    /// parameter (matched by name).
    pub arg_map: Option<Vec<usize>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Case {
    pub values: Vec<Value>,
    pub types: Vec<(Type, Option<u32>)>,
    pub body: Vec<Stmt>,
}

#[derive(Debug)]
pub enum ForKind {
    /// Table or set: key variable slots and an optional value slot.
    Table(Vec<u32>, Option<u32>),
    /// Vector: index slot and optional value slot.
    Vector(u32, Option<u32>),
    /// String: one-character strings (index slot with optional value form).
    Str(u32, Option<u32>),
}

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum StmtKind {
    Expr(Expr),
    Print(Option<Expr>, Vec<Expr>),
    Event(Expr, Vec<Expr>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    Switch(Expr, Vec<Case>, Option<usize>),
    For(ForKind, Expr, Box<Stmt>),
    While(Expr, Box<Stmt>),
    Next,
    Break,
    Fallthrough,
    Return(Option<Expr>),
    Add(Expr, Vec<Expr>),
    Delete(Expr, Vec<Expr>),
    DeleteField(Expr, usize),
    /// `delete t;` empties a whole table, set or vector.
    Clear(Expr),
    Init(u32, Expr),
    Assert(Expr, Option<Expr>, String),
    Block(Vec<Stmt>),
    Null,
}

/// The span of `c[idx...]` (from the container to the closing bracket), for messages.
pub fn index_site(c: &Expr, idx: &[Expr]) -> Span {
    let hi = idx.last().map_or(c.span.hi, |i| i.span.hi + 1);
    Span { hi, ..c.span }
}
