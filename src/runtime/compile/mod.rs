//! Lowers a checked function body into a tree of closures, built once when the body is declared.
//!
//! Walking the IR with one big `match` per node costs a dispatch and a large stack frame at every
//! step; a closure per node instead does exactly its own work, with operand types and shapes
//! (local, constant, anything else) decided once at compile time. Only the frequent kinds are
//! lowered: every other node becomes a closure that runs the tree-walking evaluator on it, so the
//! two paths share one set of semantics (the lowered kinds call the same helpers for all but
//! their common case).

mod expr;
mod stmt;

use super::value::Value;
use super::{expr_error, Flow, Interp, RResult};
use crate::ir::{Expr, ExprKind, Stmt};
use crate::syntax::ast::Span;
use crate::types::Type;

/// A lowered node: runs against the interpreter and yields an `R`.
pub(crate) type Lowered<R> = Box<dyn Fn(&mut Interp) -> RResult<R>>;
pub(crate) type ExprFn = Lowered<Value>;
pub(crate) type CondFn = Lowered<bool>;
pub(crate) type StmtFn = Lowered<Ctl>;

/// How a lowered statement ends: `Flow` without its value, so it travels in registers; the
/// value of a `return` waits in `Interp::ret` until the call takes it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctl {
    Normal,
    Break,
    Next,
    Fallthrough,
    Return,
}

impl Ctl {
    fn into_flow(self, it: &mut Interp) -> Flow {
        match self {
            Ctl::Normal => Flow::Normal,
            Ctl::Break => Flow::Break,
            Ctl::Next => Flow::Next,
            Ctl::Fallthrough => Flow::Fallthrough,
            Ctl::Return => Flow::Return(std::mem::take(&mut it.ret)),
        }
    }

    fn from_flow(f: Flow, it: &mut Interp) -> Ctl {
        match f {
            Flow::Normal => Ctl::Normal,
            Flow::Break => Ctl::Break,
            Flow::Next => Ctl::Next,
            Flow::Fallthrough => Ctl::Fallthrough,
            Flow::Return(v) => {
                it.ret = v;
                Ctl::Return
            }
        }
    }
}

/// A function, event or hook body, ready to run.
pub struct Code(StmtFn);

impl Code {
    pub fn new(body: Stmt) -> Code {
        Code(stmt::compile(body))
    }

    /// Runs the body; a returned value is left in `Interp::ret`.
    #[inline]
    pub fn run(&self, it: &mut Interp) -> RResult<Ctl> {
        (self.0)(it)
    }

    pub fn run_flow(&self, it: &mut Interp) -> RResult<Flow> {
        let c = (self.0)(it)?;
        Ok(c.into_flow(it))
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("Code")
    }
}

/// Where an expression stands in the source, for the error paths of lowered nodes (the
/// evaluator's helpers take an expression only for its span and type).
fn site(ty: &Type, span: Span) -> Expr {
    Expr {
        kind: ExprKind::Const(Value::Void),
        ty: ty.clone(),
        span,
    }
}

/// An operand read without an indirect call when it is a local, a global or a constant.
enum Operand {
    Local(usize, Option<Box<Expr>>),
    Global(usize, Option<Box<Expr>>),
    Const(Value),
    Other(ExprFn),
}

impl Operand {
    fn new(e: Expr) -> Operand {
        // A variable of a real type that holds no value is Zeek's "value used but not set".
        let check = |e: &Expr| {
            (!matches!(e.ty, Type::Void | Type::Any)).then(|| Box::new(site(&e.ty, e.span)))
        };
        match e.kind {
            ExprKind::Local(s) => Operand::Local(s as usize, check(&e)),
            ExprKind::Global(s) => Operand::Global(s as usize, check(&e)),
            ExprKind::Const(v) => Operand::Const(v),
            _ => Operand::Other(expr::compile(e)),
        }
    }

    /// The operand's value in place, when it is a variable or a constant (no copy at all).
    #[inline(always)]
    fn peek<'a>(&'a self, it: &'a Interp) -> Option<&'a Value> {
        match self {
            Operand::Local(s, _) => Some(&it.stack[it.fp + s]),
            Operand::Global(s, _) => Some(&it.globals[*s]),
            Operand::Const(v) => Some(v),
            Operand::Other(_) => None,
        }
    }

    #[inline(always)]
    fn get(&self, it: &mut Interp) -> RResult<Value> {
        match self {
            Operand::Local(s, check) => read_set(&it.stack[it.fp + s], check),
            Operand::Global(s, check) => read_set(&it.globals[*s], check),
            Operand::Const(v) => Ok(v.fast_clone()),
            Operand::Other(f) => f(it),
        }
    }
}

#[inline(always)]
fn read_set(v: &Value, check: &Option<Box<Expr>>) -> RResult<Value> {
    match (v, check) {
        (Value::Void, Some(site)) => Err(expr_error("value used but not set", site)),
        _ => Ok(v.fast_clone()),
    }
}

/// Any other node: the tree-walking evaluator runs it.
fn interpreted_expr(e: Expr) -> ExprFn {
    Box::new(move |it| it.eval(&e))
}

fn interpreted_stmt(s: Stmt) -> StmtFn {
    Box::new(move |it| {
        let f = it.exec(&s)?;
        Ok(Ctl::from_flow(f, it))
    })
}
