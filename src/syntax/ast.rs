//! The abstract syntax tree: typed enums with byte spans, no references to the source text.

use std::rc::Rc;

/// A byte range in one loaded file (see `diag::SourceMap`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: u32,
    pub lo: u32,
    pub hi: u32,
}

impl Span {
    /// Only the span's first byte: a message at it names one line, the first.
    pub fn first_line(self) -> Span {
        Span {
            hi: self.lo + 1,
            ..self
        }
    }

    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Attr {
    pub name: String,
    pub value: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum TypeExpr {
    Name(String, Span),
    Table(Vec<TypeExpr>, Box<TypeExpr>),
    Set(Vec<TypeExpr>),
    Vector(Box<TypeExpr>),
    Record(Vec<FieldDecl>),
    Enum(Vec<EnumItem>),
    Func(FuncKind, Vec<Param>, Option<Box<TypeExpr>>),
    File,
    Opaque(String),
}

#[derive(Clone, Debug)]
pub struct FieldDecl {
    pub name: String,
    pub ty: TypeExpr,
    pub attrs: Vec<Attr>,
}

#[derive(Clone, Debug)]
pub struct EnumItem {
    pub name: String,
    pub value: Option<i64>,
    pub attrs: Vec<Attr>,
    /// Why the written value is not an enumerator value (Zeek's message), if it is not.
    pub bad_value: Option<&'static str>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub ty: TypeExpr,
    pub attrs: Vec<Attr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncKind {
    Function,
    Event,
    Hook,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    Global,
    Const,
    Option,
    Local,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitOp {
    Assign,
    Add,
    Sub,
}

#[derive(Clone, Debug)]
pub struct VarDecl {
    pub kind: VarKind,
    pub name: String,
    pub ty: Option<TypeExpr>,
    pub init: Option<(InitOp, Expr)>,
    pub attrs: Vec<Attr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub kind: FuncKind,
    pub name: String,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub attrs: Vec<Attr>,
    pub body: Rc<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Decl {
    Module(String),
    Export(Vec<Decl>),
    Var(VarDecl),
    Type {
        name: String,
        ty: TypeExpr,
        attrs: Vec<Attr>,
        span: Span,
    },
    RedefEnum {
        name: String,
        items: Vec<EnumItem>,
        span: Span,
    },
    RedefRecord {
        name: String,
        fields: Vec<FieldDecl>,
        span: Span,
    },
    Redef {
        name: String,
        init: Option<(InitOp, Expr)>,
        attrs: Vec<Attr>,
        span: Span,
    },
    Func(FuncDecl),
    /// `redef T += { ... }` whose body is not an expression (only reported).
    RedefBody {
        name: String,
        span: Span,
    },
}

/// A top-level item: a declaration or a statement run after all scripts are loaded.
#[derive(Clone, Debug)]
pub enum Item {
    Decl(Decl),
    Stmt(Stmt),
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ForVars {
    /// `for (k in t)` or `for (k, v in t)`
    Simple(String, Option<String>),
    /// `for ([a, b] in t)` or `for ([a, b], v in t)`
    Keys(Vec<String>, Option<String>),
}

#[derive(Clone, Debug)]
pub enum CaseLabels {
    Values(Vec<Expr>),
    Types(Vec<(TypeExpr, Option<String>)>),
    Default,
}

#[derive(Clone, Debug)]
pub struct CaseClause {
    pub labels: CaseLabels,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Block(Vec<Stmt>),
    Print(Vec<Expr>),
    Event(String, Vec<Expr>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    Switch(Expr, Vec<CaseClause>),
    For(ForVars, Expr, Box<Stmt>),
    While(Expr, Box<Stmt>),
    Next,
    Break,
    Fallthrough,
    Return(Option<Expr>),
    Add(Expr),
    Delete(Expr),
    Local(VarDecl),
    Assert(Expr, Option<Expr>),
    When,
    Null,
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
}

impl BinOp {
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        )
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::And => "&&",
            BinOp::Or => "||",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "in",
            BinOp::NotIn => "!in",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Not,
    BitNot,
    Neg,
    Pos,
    Incr,
    Decr,
}

#[derive(Clone, Debug)]
pub enum Literal {
    Bool(bool),
    Count(u64),
    Double(f64),
    Interval(f64),
    Str(Rc<[u8]>),
    Pattern(String, bool),
    Addr([u8; 16]),
    Subnet([u8; 16], u8),
    Port(u32, u8),
}

#[derive(Clone, Debug)]
pub struct Lambda {
    pub captures: Option<Vec<String>>,
    /// The captures marked `copy`: the closure gets a deep copy, not a shared reference.
    pub copied: Vec<String>,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub body: Rc<Stmt>,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Lit(Literal),
    Name(String),
    Paren(Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Assign(InitOp, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Field(Box<Expr>, String),
    HasField(Box<Expr>, String),
    Index(Box<Expr>, Vec<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Expr>, Vec<Expr>),
    As(Box<Expr>, TypeExpr),
    Is(Box<Expr>, TypeExpr),
    /// `x ?as T`: whether the cast would succeed.
    MaybeAs(Box<Expr>, TypeExpr),
    Size(Box<Expr>),
    HookCall(Box<Expr>),
    RecordCtor(Vec<(String, Expr)>),
    List(Vec<Expr>),
    Brace(Vec<Expr>, Vec<Attr>),
    TableCtor(Vec<Expr>, Vec<Attr>),
    SetCtor(Vec<Expr>, Vec<Attr>),
    VectorCtor(Vec<Expr>),
    Lambda(Rc<Lambda>),
    Schedule(Box<Expr>, String, Vec<Expr>),
    /// `$f = e` as an argument of a named record constructor.
    FieldAssign(String, Box<Expr>),
    /// A type used as a value (`vector of int`).
    TypeValue(TypeExpr),
}
