//! Lowering of statements: blocks, conditionals, loops, returns, local initialization, print,
//! add/delete, and expression statements whose value is not needed (assignments in place).

use super::expr::{self, cond, KeyFn};
use super::{interpreted_stmt, site, Ctl, ExprFn, Operand, StmtFn};
use crate::ir::{Expr, ExprKind as K, LValue, Stmt, StmtKind as S};
use crate::runtime::value::{discard, Value};
use crate::runtime::Interp;

pub(super) fn compile(s: Stmt) -> StmtFn {
    let Stmt { kind, span } = s;
    match kind {
        S::Expr(e) => effect(e),
        S::Block(stmts) => block(stmts),
        S::If(c, a, b) => {
            let (c, a) = (cond(c), compile(*a));
            match b {
                Some(b) => {
                    let b = compile(*b);
                    Box::new(move |it| if c(it)? { a(it) } else { b(it) })
                }
                None => Box::new(move |it| if c(it)? { a(it) } else { Ok(Ctl::Normal) }),
            }
        }
        S::Return(Some(e)) => {
            let e = Operand::new(e);
            Box::new(move |it| {
                let v = e.get(it)?;
                discard(std::mem::replace(&mut it.ret, v));
                Ok(Ctl::Return)
            })
        }
        S::Return(None) => Box::new(|it| {
            it.ret = Value::Void;
            Ok(Ctl::Return)
        }),
        S::While(c, body) => {
            let c_span = c.span;
            let (c, body) = (cond(c), compile(*body));
            Box::new(move |it| {
                while c(it)? {
                    it.check_interrupt(c_span)?;
                    match body(it)? {
                        Ctl::Break => break,
                        Ctl::Return => return Ok(Ctl::Return),
                        _ => {}
                    }
                }
                Ok(Ctl::Normal)
            })
        }
        S::For(kind, c, body) => {
            let c_span = c.span;
            let (c, body) = (expr::compile(c), compile(*body));
            Box::new(move |it| {
                let cv = c(it)?;
                let run = |it: &mut Interp| Ok(body(it)?.into_flow(it));
                let f = it.for_loop_with(&kind, cv, c_span, &run)?;
                Ok(Ctl::from_flow(f, it))
            })
        }
        S::Init(slot, e) => {
            let e = Operand::new(e);
            Box::new(move |it| {
                let v = e.get(it)?;
                it.set_local(slot, v);
                Ok(Ctl::Normal)
            })
        }
        S::Print(file, args) => {
            let file = file.map(expr::compile);
            let args: Vec<ExprFn> = args.into_iter().map(expr::compile).collect();
            Box::new(move |it| {
                let f = match &file {
                    Some(f) => Some(f(it)?),
                    None => None,
                };
                it.print_with(f, args.len(), |it, i| args[i](it))?;
                Ok(Ctl::Normal)
            })
        }
        S::Add(c, idx) => {
            let site = crate::ir::index_site(&c, &idx);
            let (c, key) = (Operand::new(c), KeyFn::new(idx));
            Box::new(move |it| {
                if let Value::Table(t) = c.get(it)? {
                    let key = key.get(it)?;
                    it.check_loop_membership(&t, &key, true, site);
                    it.add_element(&t, key)?;
                }
                Ok(Ctl::Normal)
            })
        }
        S::Delete(c, idx) => {
            let site = crate::ir::index_site(&c, &idx);
            let (c, key) = (Operand::new(c), KeyFn::new(idx));
            Box::new(move |it| {
                let c = c.get(it)?;
                if let (Value::Table(t), KeyFn::One(k)) = (&c, &key) {
                    let k = k.get(it)?;
                    if it.table_loops > 0 {
                        it.check_loop_membership(
                            t,
                            &crate::runtime::value::Key::One(k.clone()),
                            false,
                            site,
                        );
                    }
                    it.delete_one(t, k)?;
                    return Ok(Ctl::Normal);
                }
                let key = key.get(it)?;
                if let Value::Table(t) = &c {
                    it.check_loop_membership(t, &key, false, site);
                }
                it.delete_key(c, key)?;
                Ok(Ctl::Normal)
            })
        }
        S::Next => Box::new(|_| Ok(Ctl::Next)),
        S::Break => Box::new(|_| Ok(Ctl::Break)),
        S::Fallthrough => Box::new(|_| Ok(Ctl::Fallthrough)),
        S::Null => Box::new(|_| Ok(Ctl::Normal)),
        kind => interpreted_stmt(Stmt { kind, span }),
    }
}

fn block(stmts: Vec<Stmt>) -> StmtFn {
    let mut stmts: Vec<StmtFn> = stmts.into_iter().map(compile).collect();
    if stmts.len() <= 2 {
        // The short blocks of small functions, without the loop.
        let second = stmts.pop();
        return match (stmts.pop(), second) {
            (Some(a), Some(b)) => Box::new(move |it| match a(it)? {
                Ctl::Normal => b(it),
                c => Ok(c),
            }),
            (None, Some(a)) => a,
            _ => Box::new(|_| Ok(Ctl::Normal)),
        };
    }
    Box::new(move |it| {
        for s in &stmts {
            match s(it)? {
                Ctl::Normal => {}
                f => return Ok(f),
            }
        }
        Ok(Ctl::Normal)
    })
}

/// An expression statement: assignments to locals store without producing a value.
fn effect(e: Expr) -> StmtFn {
    let Expr { kind, ty, span } = e;
    let kind = match kind {
        K::Assign(lv, x) => match *lv {
            LValue::Local(s) => {
                let x = Operand::new(*x);
                return Box::new(move |it| {
                    let v = x.get(it)?;
                    it.set_local(s, v);
                    Ok(Ctl::Normal)
                });
            }
            lv => K::Assign(Box::new(lv), x),
        },
        K::Incr(lv, d) => match *lv {
            LValue::Local(s) => return increment(s, d, ty, span),
            lv => K::Incr(Box::new(lv), d),
        },
        K::AddAssign(lv, x) => match *lv {
            LValue::Local(s) => return add_to_local(s, *x, true, site(&ty, span)),
            lv => K::AddAssign(Box::new(lv), x),
        },
        K::SubAssign(lv, x) => match *lv {
            LValue::Local(s) => return add_to_local(s, *x, false, site(&ty, span)),
            lv => K::SubAssign(Box::new(lv), x),
        },
        kind => kind,
    };
    let e = expr::compile(Expr { kind, ty, span });
    Box::new(move |it| {
        e(it)?;
        Ok(Ctl::Normal)
    })
}

/// `++x` / `--x` on a local, in place; the evaluator handles underflow and other types.
fn increment(s: u32, d: i8, ty: crate::types::Type, span: crate::syntax::ast::Span) -> StmtFn {
    let general = Expr {
        kind: K::Incr(Box::new(LValue::Local(s)), d),
        ty,
        span,
    };
    Box::new(move |it| {
        let i = it.fp + s as usize;
        match &mut it.stack[i] {
            Value::Count(c) if d > 0 || *c > 0 => *c = c.wrapping_add(d as i64 as u64),
            Value::Int(n) => *n = n.wrapping_add(d as i64),
            _ => {
                it.eval(&general)?;
            }
        }
        Ok(Ctl::Normal)
    })
}

/// `x += e` / `x -= e` on a local.
fn add_to_local(s: u32, x: Expr, add: bool, site: Expr) -> StmtFn {
    let x = Operand::new(x);
    Box::new(move |it| {
        // Numbers are updated in place: no Value is built, moved or dropped.
        let v = match x.peek(it) {
            Some(v) => Number::of(v).ok_or_else(|| v.fast_clone()),
            None => {
                let v = x.get(it)?;
                Number::of(&v).ok_or(v)
            }
        };
        let v = match v {
            Ok(n) if n.add_to(&mut it.stack[it.fp + s as usize], add) => {
                return Ok(Ctl::Normal);
            }
            Ok(n) => n.value(),
            Err(v) => v,
        };
        let cur = it.local(s).fast_clone();
        if let Some(new) = it.add_assign_value(&cur, v, add, &site)? {
            it.set_local(s, new);
        }
        Ok(Ctl::Normal)
    })
}

/// A numeric operand, copied out of its Value so a local can be updated while it is read.
#[derive(Clone, Copy)]
enum Number {
    Count(u64),
    Int(i64),
    Double(f64),
}

impl Number {
    #[inline(always)]
    fn of(v: &Value) -> Option<Number> {
        Some(match v {
            Value::Count(c) => Number::Count(*c),
            Value::Int(i) => Number::Int(*i),
            Value::Double(d) => Number::Double(*d),
            _ => return None,
        })
    }

    fn value(self) -> Value {
        match self {
            Number::Count(c) => Value::Count(c),
            Number::Int(i) => Value::Int(i),
            Number::Double(d) => Value::Double(d),
        }
    }

    /// `cur += self` (or `-=`) in place when both are of one kind and the result needs no
    /// warning (count underflow is left to the general path, which reports it); whether done.
    #[inline(always)]
    fn add_to(self, cur: &mut Value, add: bool) -> bool {
        match (cur, self) {
            (Value::Count(a), Number::Count(b)) if add => *a = a.wrapping_add(b),
            (Value::Count(a), Number::Count(b)) if *a >= b => *a -= b,
            (Value::Int(a), Number::Int(b)) if add => *a = a.wrapping_add(b),
            (Value::Int(a), Number::Int(b)) => *a = a.wrapping_sub(b),
            (Value::Double(a), Number::Double(b)) if add => *a += b,
            (Value::Double(a), Number::Double(b)) => *a -= b,
            _ => return false,
        }
        true
    }
}
