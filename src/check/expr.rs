//! Expression checking: types, coercions, constructors, calls.

use super::{Checker, Resolved, R};
use crate::ir::{self, Coercion, ExprKind as K};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, BinOp, ExprKind as A, FuncKind, Literal, Span, UnOp};
use crate::types::{RecordType, TableType, Type};
use std::cell::RefCell;
use std::rc::Rc;

/// Elements written with a bracket list inside an index (`[["a", "b"], 1]`) stand for one
/// element per member of that list, and so on for every such list: the cross product.
/// `None` if that would be absurdly many.
fn cross_product(keys: Vec<&ast::Expr>) -> Option<Vec<Vec<&ast::Expr>>> {
    const MOST: usize = 1 << 20;
    let mut done = Vec::new();
    let mut todo = vec![keys];
    while let Some(keys) = todo.pop() {
        let Some(at) = keys.iter().position(|k| matches!(k.kind, A::List(_))) else {
            done.push(keys);
            continue;
        };
        let A::List(members) = &keys[at].kind else {
            unreachable!("found a list here");
        };
        // Reversed, so the stack hands them out in written order.
        for m in members.iter().rev() {
            let mut k = keys.clone();
            k[at] = m;
            todo.push(k);
        }
        if done.len() + todo.len() > MOST {
            return None;
        }
    }
    Some(done)
}

/// A set given as one part of a bracketed index, where the index type wants its members (or
/// says nothing), stands for one element per member (Zeek's cross-product initialization).
fn expand_set(x: ir::Expr, want: Option<&Type>) -> ir::Expr {
    let member = match &x.ty {
        Type::Table(s) if s.is_set() && s.index.len() == 1 => s.index[0].clone(),
        _ => return x,
    };
    let wanted = want.is_none_or(|w| !w.same(&x.ty) && w.same(&member));
    if !wanted {
        return x;
    }
    let span = x.span;
    mk(K::Expand(Box::new(x)), member, span)
}

/// An attribute as Zeek shows it in messages: `&name` or `&name=value`.
fn render_attr(a: &ast::Attr) -> String {
    match &a.value {
        Some(v) => format!(
            "&{}={}",
            a.name,
            crate::syntax::render::canonical(v.span, false)
        ),
        None => format!("&{}", a.name),
    }
}

fn mk(kind: K, ty: Type, span: Span) -> ir::Expr {
    ir::Expr { kind, ty, span }
}

/// count < int < double: the wider of two numeric types.
fn wider(a: &Type, b: &Type) -> Type {
    match (a, b) {
        (Type::Double, _) | (_, Type::Double) => Type::Double,
        (Type::Int, _) | (_, Type::Int) => Type::Int,
        _ => Type::Count,
    }
}

impl Checker {
    pub fn expr(&mut self, e: &ast::Expr) -> R<ir::Expr> {
        self.expr_want(e, None)
    }

    /// Check `e`, using `want` (the type the context expects) to type constructors.
    pub fn expr_want(&mut self, e: &ast::Expr, want: Option<&Type>) -> R<ir::Expr> {
        let span = e.span;
        match &e.kind {
            A::Lit(l) => Ok(self.literal(l, span)),
            A::Name(n) => self.name(n, span),
            A::TypeValue(t) => {
                let t = self.resolve_type(t)?;
                let meta = Type::Meta(Rc::new(t.clone()));
                Ok(mk(K::Const(Value::Type(Rc::new(t))), meta, span))
            }
            A::Paren(x) => self.expr_want(x, want),
            A::Unary(op, x) => self.unary(*op, x, span),
            A::Binary(op, l, r) => self.binary(*op, l, r, span),
            A::Assign(op, l, r) => self.assign(*op, l, r, span),
            A::Cond(c, a, b) => {
                let cx = self.expr(c)?;
                if let Type::Vector(el) = &cx.ty {
                    if matches!(**el, Type::Bool) {
                        // `v ? a : b` on a vector of bools picks element by element.
                        let a = self.expr(a)?;
                        let b = self.expr(b)?;
                        let ty = a.ty.clone();
                        return Ok(mk(
                            K::VecCond(Box::new(cx), Box::new(a), Box::new(b)),
                            ty,
                            span,
                        ));
                    }
                }
                let c = match cx.ty {
                    Type::Bool | Type::Any | Type::Error => cx,
                    _ => {
                        let ctx = self.src_text(c.span);
                        return Err(self
                            .err("requires boolean conditional", c.span)
                            .with_ctx(ctx));
                    }
                };
                let a = self.expr_want(a, want)?;
                let b = self.expr_want(b, want)?;
                let ty = if a.ty.is_numeric() && b.ty.is_numeric() {
                    wider(&a.ty, &b.ty)
                } else if is_unspecified(&a.ty) {
                    b.ty.clone()
                } else {
                    a.ty.clone()
                };
                let clash = |mut d: crate::diag::Diag| {
                    if d.msg == "type clash" {
                        d.msg = "operands must be of the same type".into();
                        d.ctx = Some(crate::syntax::render::canonical(span, false));
                    }
                    d
                };
                let a = self.coerce(a, &ty, span).map_err(clash)?;
                let b = self.coerce(b, &ty, span).map_err(clash)?;
                Ok(mk(K::Cond(Box::new(c), Box::new(a), Box::new(b)), ty, span))
            }
            A::Field(x, f) => self.field(x, f, span, false),
            A::HasField(x, f) => self.field(x, f, span, true),
            A::Index(x, idx) => self.index(x, idx, span),
            A::Slice(x, a, b) => {
                let x = self.expr(x)?;
                let a = a.as_ref().map(|a| self.expr(a)).transpose()?.map(Box::new);
                let b = b.as_ref().map(|b| self.expr(b)).transpose()?.map(Box::new);
                let ty = x.ty.clone();
                if !matches!(ty, Type::String | Type::Vector(_) | Type::Any) {
                    return Err(self.err("slice of non-string/vector", span));
                }
                Ok(mk(K::Slice(Box::new(x), a, b), ty, span))
            }
            A::Call(f, args) => self.call(f, args, span),
            A::HookCall(x) => match &x.kind {
                A::Call(f, args) => {
                    let c = self.call(f, args, span)?;
                    match c.kind {
                        K::Call(f, a) => Ok(mk(K::HookCall(f, a), Type::Bool, span)),
                        _ => Err(self.err("hook keyword used on non-hook", span)),
                    }
                }
                _ => Err(self.err("hook keyword used on non-call", span)),
            },
            A::As(x, t) => {
                let x = self.expr(x)?;
                let t = self.resolve_type(t)?;
                if !can_cast_type(&x.ty, &t) {
                    let ctx = crate::syntax::render::canonical(span, false);
                    return Err(self.err("cast not supported", span).with_ctx(ctx));
                }
                Ok(mk(K::As(Box::new(x), t.clone()), t, span))
            }
            A::MaybeAs(x, t) => {
                let x = self.expr(x)?;
                let t = self.resolve_type(t)?;
                Ok(mk(K::MaybeAs(Box::new(x), t), Type::Bool, span))
            }
            A::Is(x, t) => {
                let x = self.expr(x)?;
                let t = self.resolve_type(t)?;
                Ok(mk(K::Is(Box::new(x), t), Type::Bool, span))
            }
            A::Size(inner) => {
                let x = self.expr(inner)?;
                if matches!(x.ty, Type::Void) {
                    let ctx = format!(
                        "sizeof {}",
                        crate::syntax::render::canonical(inner.span, false)
                    );
                    return Err(self.err("cannot take size of void", span).with_ctx(ctx));
                }
                let ty = match &x.ty {
                    Type::Double | Type::Interval => Type::Double,
                    Type::Int => Type::Count,
                    _ => Type::Count,
                };
                Ok(mk(K::Size(Box::new(x)), ty, span))
            }
            A::RecordCtor(fields) => self.record_ctor(fields, want, span),
            A::List(items) => self.list(items, want, span),
            A::Brace(items, _) if matches!(want, Some(Type::Vector(_))) => {
                self.vector_ctor(items, want, span)
            }
            A::Brace(items, attrs) => self.table_ctor(items, attrs, want, None, span),
            A::TableCtor(items, attrs) => self.table_ctor(items, attrs, want, Some(false), span),
            A::SetCtor(items, attrs) => self.table_ctor(items, attrs, want, Some(true), span),
            A::VectorCtor(items) => self.vector_ctor(items, want, span),
            A::Lambda(l) => self.lambda(l, span),
            A::Schedule(when, name, args) => {
                let w = self.expr(when)?;
                let w = self.coerce(w, &Type::Interval, span)?;
                let (callee, args) = self.event_call(name, args, span)?;
                Ok(mk(
                    K::Schedule(Box::new(w), Box::new(callee), args),
                    Type::Opaque("timer".into()),
                    span,
                ))
            }
            A::FieldAssign(..) => {
                Err(self.err("field assignment outside a record constructor", span))
            }
        }
    }

    fn literal(&self, l: &Literal, span: Span) -> ir::Expr {
        let (v, t) = match l {
            Literal::Bool(b) => (Value::Bool(*b), Type::Bool),
            Literal::Count(c) => (Value::Count(*c), Type::Count),
            Literal::Double(d) => (Value::Double(*d), Type::Double),
            Literal::Interval(d) => (Value::Interval(*d), Type::Interval),
            Literal::Str(s) => (Value::Str(s.clone()), Type::String),
            Literal::Pattern(p, ci) => match crate::runtime::pattern::compile(p, *ci) {
                Ok(p) => (Value::Pattern(Rc::new(p)), Type::Pattern),
                Err(_) => (Value::Void, Type::Error),
            },
            Literal::Addr(a) => (Value::Addr(*a), Type::Addr),
            Literal::Subnet(a, l) => (Value::Subnet(*a, *l), Type::Subnet),
            Literal::Port(n, p) => (Value::Port(*n, *p), Type::Port),
        };
        mk(K::Const(v), t, span)
    }

    pub fn name(&mut self, n: &str, span: Span) -> R<ir::Expr> {
        // `_` may be declared (to ignore a value) but never read.
        if crate::program::is_blank(n) {
            let ctx = self.full_name(n);
            return Err(self
                .err("blank identifier used in expression", span)
                .with_ctx(ctx));
        }
        let resolved = self.resolve(n);
        if !matches!(resolved, Some(Resolved::Local(..)) | None) {
            self.warn_if_deprecated_name(n, span);
        }
        match resolved {
            Some(Resolved::Local(slot, ty, _)) => Ok(mk(K::Local(slot), ty, span)),
            Some(Resolved::Global(g)) => Ok(mk(K::Global(g.slot), g.ty, span)),
            Some(Resolved::Const(v, ty)) => Ok(mk(K::Const(v), ty, span)),
            Some(Resolved::TypeName(t)) => {
                let tt = Type::Meta(Rc::new(t.clone()));
                let v = crate::types::type_value(n, t);
                Ok(mk(K::Const(Value::Type(Rc::new(v))), tt, span))
            }
            None => Err(self.err(
                format!("unknown identifier {}, at or near \"{}\"", n, n),
                span,
            )),
        }
    }

    pub fn expect_bool(&mut self, e: &ast::Expr) -> R<ir::Expr> {
        let x = self.expr(e)?;
        match x.ty {
            Type::Bool | Type::Any | Type::Error => Ok(x),
            _ => {
                let ctx = self.src_text(e.span);
                Err(self
                    .err("requires boolean conditional", e.span)
                    .with_ctx(ctx))
            }
        }
    }

    fn unary(&mut self, op: UnOp, x: &ast::Expr, span: Span) -> R<ir::Expr> {
        if matches!(op, UnOp::Incr | UnOp::Decr) {
            let lv = self.lvalue(x)?;
            let ty = lv.1;
            if !matches!(ty, Type::Count | Type::Int | Type::Any) {
                let ctx = self.src_text(span);
                return Err(self.err("requires an integral operand", span).with_ctx(ctx));
            }
            let d = if op == UnOp::Incr { 1 } else { -1 };
            return Ok(mk(K::Incr(Box::new(lv.0), d), ty, span));
        }
        if let (UnOp::Neg, A::Lit(Literal::Count(n))) = (op, &x.kind) {
            // The smallest int is -2^63; a literal below it cannot be one.
            if *n > 1 << 63 {
                let ctx = self.src_text(span);
                let msg = "literal is outside range of 'int' values";
                return Err(self.err(msg, span).with_ctx(ctx));
            }
        }
        let e = self.expr(x)?;
        let ty = e.ty.clone();
        Ok(match op {
            UnOp::Not => {
                if !matches!(ty, Type::Bool | Type::Count | Type::Int | Type::Any) {
                    let ctx = self.src_text(span);
                    let msg = "requires an integral or boolean operand";
                    return Err(self.err(msg, span).with_ctx(ctx));
                }
                mk(K::Not(Box::new(e)), Type::Bool, span)
            }
            UnOp::BitNot => {
                if !matches!(ty, Type::Count | Type::Any | Type::Error) {
                    let ctx = self.src_text(span);
                    let msg = "requires \"count\" operand";
                    return Err(self.err(msg, span).with_ctx(ctx));
                }
                mk(K::BitNot(Box::new(e)), ty, span)
            }
            UnOp::Pos => {
                let t = if matches!(ty, Type::Count) {
                    Type::Int
                } else {
                    ty
                };
                let e = self.coerce(e, &t, span)?;
                return Ok(e);
            }
            UnOp::Neg => {
                let t = match ty {
                    Type::Count => Type::Int,
                    Type::Int | Type::Double | Type::Interval | Type::Any => ty,
                    _ => return Err(self.err("requires an arithmetic operand", span)),
                };
                let e = self.coerce(e, &t, span)?;
                mk(K::Neg(Box::new(e)), t, span)
            }
            _ => unreachable!(),
        })
    }

    fn binary(&mut self, op: BinOp, l: &ast::Expr, r: &ast::Expr, span: Span) -> R<ir::Expr> {
        match op {
            BinOp::And | BinOp::Or => {
                let (ax, bx) = (self.expr(l)?, self.expr(r)?);
                if matches!((&ax.ty, &bx.ty), (Type::Vector(_), Type::Vector(_))) {
                    let ty = ax.ty.clone();
                    return Ok(mk(K::Binary(op, Box::new(ax), Box::new(bx)), ty, span));
                }
                let boolean = |t: &Type| matches!(t, Type::Bool | Type::Any | Type::Error);
                if !boolean(&ax.ty) || !boolean(&bx.ty) {
                    let ctx = self.src_text(span);
                    return Err(self.err("requires boolean operands", span).with_ctx(ctx));
                }
                let k = if op == BinOp::And {
                    K::And(Box::new(ax), Box::new(bx))
                } else {
                    K::Or(Box::new(ax), Box::new(bx))
                };
                return Ok(mk(k, Type::Bool, span));
            }
            BinOp::In | BinOp::NotIn => return self.membership(op, l, r, span),
            _ => {}
        }
        let a = self.expr(l)?;
        let b = self.expr(r)?;
        self.binary_typed(op, a, b, span)
    }

    pub fn binary_typed(&mut self, op: BinOp, a: ir::Expr, b: ir::Expr, span: Span) -> R<ir::Expr> {
        use Type as T;
        let cmp = op.is_comparison();
        if a.ty.is_numeric() && b.ty.is_numeric() {
            let mut w = wider(&a.ty, &b.ty);
            if op == BinOp::Sub && !cmp && matches!(w, T::Count) {
                w = T::Count;
            }
            let shift_ok = matches!(op, BinOp::Shl | BinOp::Shr) && matches!(w, T::Int);
            if !shift_ok
                && matches!(
                    op,
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr
                )
                && !matches!(w, T::Count)
            {
                let ctx = self.src_text(span);
                return Err(self.err("requires \"count\" operands", span).with_ctx(ctx));
            }
            if op == BinOp::Mod && matches!(w, T::Double) {
                let ctx = self.src_text(span);
                return Err(self.err("requires integral operands", span).with_ctx(ctx));
            }
            let a = self.coerce(a, &w, span)?;
            let b = self.coerce(b, &w, span)?;
            let ty = if cmp { T::Bool } else { w };
            return Ok(mk(K::Binary(op, Box::new(a), Box::new(b)), ty, span));
        }
        let ty = match (op, &a.ty, &b.ty) {
            (_, T::Any, _) | (_, _, T::Any) | (_, T::Error, _) | (_, _, T::Error) => {
                if cmp {
                    T::Bool
                } else if matches!(a.ty, T::Any | T::Error) {
                    b.ty.clone()
                } else {
                    a.ty.clone()
                }
            }
            (_, T::Pattern, T::String) | (_, T::String, T::Pattern)
                if matches!(op, BinOp::Eq | BinOp::Ne) =>
            {
                T::Bool
            }
            (BinOp::BitOr | BinOp::BitAnd, T::Pattern, T::Pattern) => T::Pattern,
            // Comparisons and arithmetic on vectors work element by element.
            (_, T::Vector(x), T::Vector(_)) if cmp => T::vector_of(if x.is_numeric() || cmp {
                T::Bool
            } else {
                (**x).clone()
            }),
            (_, x, y) if cmp && x.same(y) => T::Bool,
            (BinOp::Add, T::String, T::String) => T::String,
            (BinOp::Add | BinOp::Sub, T::Time, T::Interval) => T::Time,
            (BinOp::Sub, T::Time, T::Time) => T::Interval,
            (BinOp::Add | BinOp::Sub, T::Interval, T::Interval) => T::Interval,
            (BinOp::Div, T::Interval, T::Interval) => T::Double,
            (BinOp::Mul | BinOp::Div, T::Interval, n) if n.is_numeric() => {
                let b = self.coerce(b, &T::Double, span)?;
                return Ok(mk(
                    K::Binary(op, Box::new(a), Box::new(b)),
                    T::Interval,
                    span,
                ));
            }
            (BinOp::Mul, n, T::Interval) if n.is_numeric() => {
                let a = self.coerce(a, &T::Double, span)?;
                return Ok(mk(
                    K::Binary(op, Box::new(b), Box::new(a)),
                    T::Interval,
                    span,
                ));
            }
            (BinOp::Div, T::Addr, T::Count) => T::Subnet,
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub, T::Table(x), T::Table(_)) if x.is_set() => {
                a.ty.clone()
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub, T::Table(_), T::Table(_)) => a.ty.clone(),
            (_, T::Vector(_), T::Vector(_)) => a.ty.clone(),
            // Zeek's arithmetic operators name the whole expression.
            (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div, _, _) => {
                let ctx = self.src_text(span);
                let msg = "requires arithmetic operands";
                return Err(self.err(msg, span).with_ctx(ctx));
            }
            (_, x, y) => {
                let msg = if x.is_numeric() || y.is_numeric() {
                    "arithmetic mixed with non-arithmetic"
                } else if cmp {
                    "type clash in comparison"
                } else {
                    "requires arithmetic operands"
                };
                let ctx = format!("{} and {}", self.src_text(a.span), self.src_text(b.span));
                return Err(self.err(msg, span).with_ctx(ctx));
            }
        };
        Ok(mk(K::Binary(op, Box::new(a), Box::new(b)), ty, span))
    }

    fn membership(&mut self, op: BinOp, l: &ast::Expr, r: &ast::Expr, span: Span) -> R<ir::Expr> {
        let c = self.expr(r)?;
        let lhs = match (&l.kind, &c.ty) {
            (A::List(items), Type::Table(_)) => {
                items.iter().map(|i| self.expr(i)).collect::<R<Vec<_>>>()?
            }
            _ => vec![self.expr(l)?],
        };
        let lhs = match &c.ty {
            // A string is "in" a set of patterns when one of them matches it.
            Type::Table(t)
                if matches!(t.index.as_slice(), [Type::Pattern])
                    && matches!(lhs[0].ty, Type::String) =>
            {
                lhs
            }
            // An address is "in" a set of subnets when one of them contains it.
            Type::Table(t)
                if matches!(t.index.as_slice(), [Type::Subnet])
                    && matches!(lhs[0].ty, Type::Addr) =>
            {
                lhs
            }
            Type::Table(t) => self.coerce_index(lhs, &t.index.clone(), span)?,
            _ => lhs,
        };
        let e = mk(K::In(lhs, Box::new(c)), Type::Bool, span);
        Ok(if op == BinOp::NotIn {
            mk(K::Not(Box::new(e)), Type::Bool, span)
        } else {
            e
        })
    }

    /// Coerce index expressions to the table's index types.
    pub fn coerce_index(
        &mut self,
        idx: Vec<ir::Expr>,
        types: &[Type],
        span: Span,
    ) -> R<Vec<ir::Expr>> {
        if idx.len() == 1 && types.len() > 1 {
            if let Type::List(_) | Type::Record(_) | Type::Any = idx[0].ty {
                return Ok(idx);
            }
        }
        if idx.len() != types.len() {
            return Err(self.err("index count mismatch", span));
        }
        idx.into_iter()
            .zip(types)
            .map(|(e, t)| self.coerce(e, t, span))
            .collect()
    }

    fn assign(&mut self, op: ast::InitOp, l: &ast::Expr, r: &ast::Expr, span: Span) -> R<ir::Expr> {
        let (lv, lt) = match self.lvalue(l) {
            Ok(x) => x,
            Err(d) => {
                // Zeek's parser has built a chained right side (`a = b = c`) before it judges
                // the left: that side's errors come first.
                if matches!(r.kind, ast::ExprKind::Assign(..)) {
                    if let Err(inner) = self.expr(r) {
                        inner.emit();
                    }
                }
                return Err(d);
            }
        };
        let want = match (op, &lt) {
            (ast::InitOp::Assign, _) => Some(lt.clone()),
            // `v += { 1, 2 }` appends a list of elements: a vector of v's type.
            (_, Type::Vector(_)) if matches!(r.kind, ast::ExprKind::Brace(..)) => Some(lt.clone()),
            // A vector(...) constructor has its own type: the whole vector or one element.
            (_, Type::Vector(_)) if matches!(r.kind, ast::ExprKind::VectorCtor(..)) => None,
            (_, Type::Vector(e)) => Some((**e).clone()),
            _ => None,
        };
        let rhs = self.expr_want(r, want.as_ref())?;
        match op {
            ast::InitOp::Assign => {
                let name = crate::syntax::render::canonical(l.span, false);
                let rhs = self.coerce_assign(rhs, &lt, &name, span)?;
                Ok(mk(K::Assign(Box::new(lv), Box::new(rhs)), lt, span))
            }
            ast::InitOp::Add | ast::InitOp::Sub => {
                let rhs = match (&lt, &rhs.ty) {
                    (Type::Vector(e), t) if !matches!(t, Type::Vector(_)) => {
                        self.coerce(rhs, e, span)?
                    }
                    // An untyped `vector()` is an (empty) element of a vector of vectors.
                    (Type::Vector(e), t) if is_unspecified(t) && matches!(**e, Type::Vector(_)) => {
                        self.coerce(rhs, e, span)?
                    }
                    // A vector is one element of a vector of vectors, else appended whole
                    // (converted to the target's type: `vector of double += vector(1, 2)`).
                    (Type::Vector(e), t) if !t.same(e) && !matches!(**e, Type::Any) => {
                        self.coerce(rhs, &lt, span)?
                    }
                    (t, _) if t.is_numeric() || matches!(t, Type::Interval | Type::Time) => {
                        let want = if matches!(t, Type::Time) {
                            Type::Interval
                        } else {
                            t.clone()
                        };
                        self.coerce(rhs, &want, span)?
                    }
                    _ => rhs,
                };
                let k = if op == ast::InitOp::Add {
                    K::AddAssign(Box::new(lv), Box::new(rhs))
                } else {
                    K::SubAssign(Box::new(lv), Box::new(rhs))
                };
                Ok(mk(k, lt, span))
            }
        }
    }

    /// An assignable place and its type.
    pub fn lvalue(&mut self, e: &ast::Expr) -> R<(ir::LValue, Type)> {
        match &e.kind {
            A::Name(n) => match self.resolve(n) {
                Some(Resolved::Local(slot, ty, c)) => {
                    if c {
                        let ctx = n.clone();
                        return Err(self
                            .err("const is not a modifiable lvalue", e.span)
                            .with_ctx(ctx));
                    }
                    Ok((ir::LValue::Local(slot), ty))
                }
                Some(Resolved::Global(g)) => {
                    if super::is_const_kind(g.kind) {
                        let ctx = n.clone();
                        let what = if g.kind == ast::VarKind::Option {
                            "option"
                        } else {
                            "const"
                        };
                        let msg = format!("{} is not a modifiable lvalue", what);
                        return Err(self.err(msg, e.span).with_ctx(ctx));
                    }
                    Ok((ir::LValue::Global(g.slot), g.ty))
                }
                _ => Err(self.err(
                    format!("unknown identifier {}, at or near \"{}\"", n, n),
                    e.span,
                )),
            },
            A::Field(x, f) => {
                let r = self.expr(x)?;
                let (idx, ty) = self.field_of(&r, f, e.span)?;
                self.warn_field_use(&r.ty, f, false, e.span);
                Ok((ir::LValue::Field(r, idx), ty))
            }
            A::Index(x, idx) => {
                let c = self.expr(x)?;
                let (idx, ty) = self.index_parts(&c, idx, e.span)?;
                Ok((ir::LValue::Index(c, idx), ty))
            }
            A::Paren(x) => self.lvalue(x),
            A::Slice(x, a, b) => {
                let c = self.expr(x)?;
                let a = a.as_ref().map(|a| self.expr(a)).transpose()?;
                let b = b.as_ref().map(|b| self.expr(b)).transpose()?;
                let ty = c.ty.clone();
                Ok((ir::LValue::Slice(c, a, b), ty))
            }
            _ => {
                let ctx = self.src_text(e.span);
                Err(self.err("illegal assignment target", e.span).with_ctx(ctx))
            }
        }
    }

    fn field_of(&mut self, r: &ir::Expr, f: &str, span: Span) -> R<(usize, Type)> {
        match &r.ty {
            Type::Record(rt) => match rt.field_index(f) {
                Some(i) => Ok((i, rt.field(i).ty)),
                None => {
                    let ctx = format!("{}${}", self.src_text(r.span), f);
                    Err(self.err("no such field in record", span).with_ctx(ctx))
                }
            },
            _ => {
                let ctx = self.src_text(span);
                Err(self.err("not a record", span).with_ctx(ctx))
            }
        }
    }

    fn field(&mut self, x: &ast::Expr, f: &str, span: Span, has: bool) -> R<ir::Expr> {
        let r = self.expr(x)?;
        let (i, ty) = self.field_of(&r, f, span)?;
        self.warn_field_use(&r.ty, f, has, span);
        Ok(if has {
            mk(K::HasField(Box::new(r), i), Type::Bool, span)
        } else {
            mk(K::Field(Box::new(r), i), ty, span)
        })
    }

    fn index_parts(
        &mut self,
        c: &ir::Expr,
        idx: &[ast::Expr],
        span: Span,
    ) -> R<(Vec<ir::Expr>, Type)> {
        let items: Vec<ir::Expr> = idx.iter().map(|i| self.expr(i)).collect::<R<_>>()?;
        match &c.ty {
            Type::Table(t) => {
                let yt = match &t.yield_ty {
                    Some(y) => y.clone(),
                    // Indexing a set yields nothing (Zeek's internal void), which any use of
                    // the result reports.
                    None => Type::Void,
                };
                // Indexing a table of patterns with a string yields every matching value.
                if matches!(t.index.as_slice(), [Type::Pattern])
                    && items.len() == 1
                    && matches!(items[0].ty, Type::String)
                {
                    return Ok((items, Type::vector_of(yt)));
                }
                Ok((self.coerce_index(items, &t.index.clone(), span)?, yt))
            }
            Type::Vector(e) => {
                let e = (**e).clone();
                if items.len() == 1 && matches!(items[0].ty, Type::Vector(_)) {
                    return Ok((items, c.ty.clone()));
                }
                Ok((items, e))
            }
            Type::String => Ok((items, Type::String)),
            Type::Any | Type::Error => Ok((items, Type::Any)),
            _ => {
                let ctx = self.src_text(c.span);
                Err(self.err("not an indexable type", span).with_ctx(ctx))
            }
        }
    }

    fn index(&mut self, x: &ast::Expr, idx: &[ast::Expr], span: Span) -> R<ir::Expr> {
        let c = self.expr(x)?;
        let (items, ty) = self.index_parts(&c, idx, span)?;
        Ok(mk(K::Index(Box::new(c), items), ty, span))
    }

    // ------------------------------------------------------------ constructors

    fn record_ctor(
        &mut self,
        fields: &[(String, ast::Expr)],
        want: Option<&Type>,
        span: Span,
    ) -> R<ir::Expr> {
        if let Some(Type::Record(rt)) = want {
            // A field the wanted type lacks is a typo Zeek reports as an orphan of the coercion.
            let orphan = fields
                .iter()
                .find(|(n, _)| rt.field_index(n).is_none())
                .map(|(n, _)| n.clone());
            if let Some(n) = orphan {
                let ctx = super::deprecation::coercion_ctx(span, rt);
                let msg = format!("orphaned field \"{n}\" in record coercion");
                return Err(self.err(msg, span).with_ctx(ctx));
            }
            // A constructor listing exactly the type's fields keeps its own (anonymous) type in
            // Zeek; anything else is coerced to the named type.
            let exact = {
                let fs = rt.fields.borrow();
                fs.len() == fields.len() && fs.iter().zip(fields).all(|(f, (n, _))| f.name == *n)
            };
            let x = self.record_ctor_typed(rt.clone(), fields, span)?;
            // Zeek coerces the constructor to the wanted type: deprecated fields it sets warn.
            self.warn_set_fields(rt, fields.iter().map(|(n, _)| n.as_str()), span, || {
                super::deprecation::coercion_ctx(span, rt)
            });
            if !exact {
                return Ok(x);
            }
            let ty = x.ty.clone();
            return Ok(mk(K::Anonymous(Box::new(x)), ty, span));
        }
        let rt = Rc::new(RecordType {
            name: RefCell::new(None),
            fields: RefCell::new(Vec::new()),
        });
        let mut vals = Vec::new();
        for (i, (n, e)) in fields.iter().enumerate() {
            let x = self.expr(e)?;
            rt.fields.borrow_mut().push(crate::types::Field {
                name: n.clone(),
                ty: x.ty.clone(),
                optional: false,
                log: false,
                default: None,
                deprecated: None,
            });
            vals.push((i, x));
        }
        Ok(mk(K::RecordCtor(rt.clone(), vals), Type::Record(rt), span))
    }

    pub fn record_ctor_typed(
        &mut self,
        rt: Rc<RecordType>,
        fields: &[(String, ast::Expr)],
        span: Span,
    ) -> R<ir::Expr> {
        let mut vals = Vec::new();
        for (n, e) in fields {
            let Some(i) = rt.field_index(n) else {
                let tn = Type::Record(rt.clone()).name_or_describe();
                return Err(self
                    .err(format!("field name not in record type: {}", n), e.span)
                    .with_ctx(tn));
            };
            let ft = rt.field(i).ty;
            let x = self.check_init(e, Some(&ft))?;
            vals.push((i, x));
        }
        self.check_mandatory(&rt, &vals, span)?;
        Ok(mk(K::RecordCtor(rt.clone(), vals), Type::Record(rt), span))
    }

    fn check_mandatory(
        &mut self,
        rt: &Rc<RecordType>,
        vals: &[(usize, ir::Expr)],
        span: Span,
    ) -> R<()> {
        for (i, f) in rt.fields.borrow().iter().enumerate() {
            if !f.optional
                && f.default.is_none()
                && !vals.iter().any(|(j, _)| *j == i)
                && !is_container(&f.ty)
            {
                let _ = span;
            }
        }
        Ok(())
    }

    fn list(&mut self, items: &[ast::Expr], want: Option<&Type>, span: Span) -> R<ir::Expr> {
        if let Some(Type::Vector(_)) = want {
            return self.vector_ctor(items, want, span);
        }
        if let Some(Type::Record(rt)) = want {
            if items.is_empty() {
                return self.record_ctor_typed(rt.clone(), &[], span);
            }
        }
        if let Some(Type::Table(_)) = want {
            let entries = items
                .iter()
                .all(|i| matches!(i.kind, A::Assign(ast::InitOp::Assign, ..)));
            if items.is_empty() || entries {
                return self.table_ctor(items, &[], want, None, span);
            }
        }
        if want.is_none() && !items.is_empty() {
            // A bare `[a, b, ...]` initializer makes a set, as in Zeek.
            return self.table_ctor(items, &[], None, Some(true), span);
        }
        if want.is_none() {
            // A bare `[]` is an empty record.
            return self.record_ctor(&[], None, span);
        }
        let xs: Vec<ir::Expr> = items.iter().map(|i| self.expr(i)).collect::<R<_>>()?;
        let ty = Type::List(Rc::new(xs.iter().map(|x| x.ty.clone()).collect()));
        Ok(mk(K::List(xs), ty, span))
    }

    fn vector_ctor(&mut self, items: &[ast::Expr], want: Option<&Type>, span: Span) -> R<ir::Expr> {
        let want_elem = match want {
            Some(Type::Vector(e)) => Some((**e).clone()),
            _ => None,
        };
        let mut xs = Vec::new();
        for i in items {
            xs.push(self.expr_want(i, want_elem.as_ref())?);
        }
        let unspecified = want_elem.is_none() && xs.is_empty();
        let elem = match want_elem {
            Some(e) => e,
            None => {
                let mut t = xs.first().map(|x| x.ty.clone()).unwrap_or(Type::Any);
                for x in &xs[1.min(xs.len())..] {
                    if t.is_numeric() && x.ty.is_numeric() {
                        t = wider(&t, &x.ty);
                    } else if !t.same(&x.ty) {
                        return Err(self.err("inconsistent types in vector constructor", span));
                    }
                }
                t
            }
        };
        let xs = xs
            .into_iter()
            .map(|x| self.coerce(x, &elem, span))
            .collect::<R<Vec<_>>>()?;
        // An empty `vector()` with nothing to say its type is unspecified: Zeek's value then
        // has a void element type (shown as `vector()`); statically it is a vector of any.
        let value_elem = if unspecified {
            Type::Void
        } else {
            elem.clone()
        };
        Ok(mk(
            K::VectorCtor(value_elem, xs),
            Type::vector_of(elem),
            span,
        ))
    }

    /// `{...}`, `table(...)`, `set(...)`. `is_set`: None when the brace form leaves it to context.
    fn table_ctor(
        &mut self,
        items: &[ast::Expr],
        attrs: &[ast::Attr],
        want: Option<&Type>,
        is_set: Option<bool>,
        span: Span,
    ) -> R<ir::Expr> {
        let wt = match want {
            Some(Type::Table(t)) if is_set.is_none_or(|s| s == t.is_set()) => Some(t.clone()),
            _ => None,
        };
        let mut entries = Vec::new();
        for it in items {
            let (keys, val, bracketed) = match &it.kind {
                A::Assign(ast::InitOp::Assign, k, v) => match &k.kind {
                    A::List(ks) if has_trailing_comma(k.span) => {
                        let shown: Vec<String> = ks
                            .iter()
                            .map(|x| crate::syntax::render::canonical(x.span, false))
                            .collect();
                        let msg = "incorrect syntax for list expression on left-hand side of \
                                   assignment: trailing comma not allowed";
                        return Err(self.err(msg, k.span).with_ctx(shown.join(", ")));
                    }
                    A::List(ks) => (ks.iter().collect::<Vec<_>>(), Some(&**v), true),
                    _ => (vec![&**k], Some(&**v), false),
                },
                A::List(ks) if is_set != Some(false) => (ks.iter().collect(), None, true),
                _ => (vec![it], None, false),
            };
            let key_lists = match bracketed {
                true => cross_product(keys)
                    .ok_or_else(|| self.err("constructor expands to too many elements", span))?,
                false => vec![keys],
            };
            let kt: Option<Vec<Type>> = wt.as_ref().map(|t| t.index.clone());
            for keys in key_lists {
                let mut kx = Vec::new();
                for (j, k) in keys.iter().enumerate() {
                    let w = kt.as_ref().and_then(|ts| ts.get(j));
                    let x = self.expr_want(k, w)?;
                    kx.push(if bracketed { expand_set(x, w) } else { x });
                }
                let vx = match val {
                    Some(v) => {
                        let w = wt.as_ref().and_then(|t| t.yield_ty.clone());
                        Some(self.expr_want(v, w.as_ref())?)
                    }
                    None => None,
                };
                entries.push((kx, vx));
            }
        }
        let tt = match wt {
            Some(t) => t,
            None => self.infer_table_type(
                &entries,
                is_set.unwrap_or(entries.iter().all(|e| e.1.is_none())),
                span,
            )?,
        };
        let mut coerced = Vec::new();
        for (kx, vx) in entries {
            let kx = self.coerce_index(kx, &tt.index.clone(), span)?;
            let vx = match (vx, &tt.yield_ty) {
                (Some(v), Some(y)) => Some(self.coerce(v, y, span)?),
                (v, _) => v,
            };
            coerced.push((kx, vx));
        }
        let ta = self.table_attrs(attrs, &Type::Table(tt.clone()))?;
        Ok(mk(
            K::TableCtor(tt.clone(), coerced, Rc::new(ta)),
            Type::Table(tt),
            span,
        ))
    }

    fn infer_table_type(
        &mut self,
        entries: &[(Vec<ir::Expr>, Option<ir::Expr>)],
        is_set: bool,
        span: Span,
    ) -> R<Rc<TableType>> {
        let index: Vec<Type> = match entries.first() {
            Some((k, _)) => k.iter().map(|x| x.ty.clone()).collect(),
            None => vec![Type::Any],
        };
        for (k, _) in entries {
            if k.len() != index.len()
                || !k
                    .iter()
                    .zip(&index)
                    .all(|(x, t)| x.ty.same(t) || (x.ty.is_numeric() && t.is_numeric()))
            {
                let what = if is_set { "set" } else { "table" };
                return Err(self.err(format!("inconsistent types in {} constructor", what), span));
            }
        }
        let index = index
            .iter()
            .enumerate()
            .map(|(j, t)| {
                entries.iter().fold(t.clone(), |acc, (k, _)| {
                    if acc.is_numeric() {
                        wider(&acc, &k[j].ty)
                    } else {
                        acc
                    }
                })
            })
            .collect();
        let yield_ty = if is_set {
            None
        } else {
            Some(match entries.first().and_then(|e| e.1.as_ref()) {
                Some(v) => entries.iter().fold(v.ty.clone(), |acc, e| match &e.1 {
                    Some(x) if acc.is_numeric() && x.ty.is_numeric() => wider(&acc, &x.ty),
                    _ => acc,
                }),
                None => Type::Any,
            })
        };
        Ok(Rc::new(TableType {
            index,
            yield_ty,
            name: RefCell::new(None),
        }))
    }

    /// Checks an attribute list outside record fields: `&optional` belongs to record fields, and
    /// an attribute given twice with different values is ambiguous.
    pub fn check_var_attrs(&mut self, attrs: &[ast::Attr]) -> R<()> {
        if let Some(a) = attrs.iter().find(|a| a.name == "optional") {
            let e = self.err("&optional is only valid for record fields", a.span);
            return Err(e.with_ctx(render_attr(a)));
        }
        self.check_duplicate_attrs(attrs)
    }

    /// An attribute given twice must say the same thing both times.
    pub fn check_duplicate_attrs(&mut self, attrs: &[ast::Attr]) -> R<()> {
        for (i, a) in attrs.iter().enumerate() {
            let clash = attrs[..i]
                .iter()
                .any(|b| b.name == a.name && render_attr(b) != render_attr(a));
            if clash {
                let msg = format!("Duplicate &{} attribute is ambiguous", a.name);
                return Err(self.err(msg, a.span));
            }
        }
        Ok(())
    }

    /// `&default_insert` belongs to tables (not sets or record fields) and excludes `&default`.
    pub fn check_default_insert(&mut self, attrs: &[ast::Attr], is_table: bool) -> R<()> {
        let Some(di) = attrs.iter().find(|a| a.name == "default_insert") else {
            return Ok(());
        };
        if !is_table {
            let e = self.err("&default_insert only applicable to tables", di.span);
            return Err(e.with_ctx(render_attr(di)));
        }
        if attrs.iter().any(|a| a.name == "default") {
            let all: Vec<String> = attrs.iter().map(render_attr).collect();
            let e = self.err(
                "&default and &default_insert cannot be used together",
                di.span,
            );
            return Err(e.with_ctx(all.join(", ")));
        }
        Ok(())
    }

    /// `&default`, `&on_change`, `&ordered` of a table value.
    pub fn table_attrs(&mut self, attrs: &[ast::Attr], ty: &Type) -> R<ir::TableAttrs> {
        let mut ta = ir::TableAttrs::default();
        let yt = match ty {
            Type::Table(t) => t.yield_ty.clone(),
            _ => None,
        };
        self.check_default_insert(attrs, yt.is_some())?;
        for a in attrs {
            match (a.name.as_str(), &a.value) {
                ("default" | "default_insert", Some(v)) => {
                    ta.default_insert = a.name == "default_insert";
                    let x = self.expr_want(v, yt.as_ref())?;
                    let x = match (&x.ty, &yt) {
                        (Type::Func(_), _) => x,
                        (_, Some(y)) => self.coerce(x, y, a.span)?,
                        _ => x,
                    };
                    ta.default = Some(x);
                }
                ("on_change", Some(v)) => ta.on_change = Some(self.expr(v)?),
                ("ordered", _) => ta.ordered = true,
                ("create_expire" | "read_expire" | "write_expire", Some(v)) => {
                    use crate::runtime::expire::ExpireKind;
                    let kind = match a.name.as_str() {
                        "create_expire" => ExpireKind::Create,
                        "read_expire" => ExpireKind::Read,
                        _ => ExpireKind::Write,
                    };
                    let x = self.expr(v)?;
                    if !matches!(x.ty, Type::Interval | Type::Any | Type::Error) {
                        let ctx = crate::syntax::render::canonical(v.span, false);
                        return Err(self
                            .err("expiration interval has wrong type", a.span)
                            .with_ctx(ctx));
                    }
                    ta.expire = Some((kind, x));
                }
                ("expire_func", Some(v)) => ta.expire_func = Some(self.expr(v)?),
                _ => {}
            }
        }
        Ok(ta)
    }

    fn lambda(&mut self, l: &ast::Lambda, span: Span) -> R<ir::Expr> {
        let ft = self.func_type(FuncKind::Function, &l.params, &l.ret)?;
        self.lambda_counter += 1;
        let name = format!("lambda_<{}>", lambda_hash(span, self.lambda_counter));
        let outer = self
            .scope
            .take()
            .unwrap_or_else(|| std::mem::take(&mut self.toplevel));
        let was_toplevel = self.scope.is_none() && outer.kind.is_none() && outer.ret.is_none();
        let mut inner = super::FuncScope {
            ret: Some(ft.ret.clone()),
            kind: Some(FuncKind::Function),
            allowed_captures: l.captures.clone(),
            copied_captures: l.copied.clone(),
            ..Default::default()
        };
        for p in &ft.params {
            inner.declare(&p.name, p.ty.clone(), false);
        }
        inner.outer = Some(Box::new(outer));
        self.scope = Some(inner);
        let body = self.stmt(&l.body);
        let mut inner = self.scope.take().unwrap();
        let outer = *inner.outer.take().unwrap();
        if was_toplevel && outer.kind.is_none() {
            self.toplevel = outer;
        } else {
            self.scope = Some(outer);
        }
        let body = body?;
        let captures = inner.captures.iter().map(|c| c.1).collect();
        let capture_slots = inner.captures.iter().map(|c| c.2).collect();
        let body = Rc::new(ir::Body {
            code: crate::runtime::compile::Code::new(body),
            frame_size: inner.next_slot as usize,
            priority: 0,
            nparams: ft.params.len(),
            capture_slots,
            arg_map: None,
            span,
        });
        let def = ir::LambdaDef {
            name,
            ty: ft.clone(),
            body,
            captures,
        };
        Ok(mk(K::Lambda(Rc::new(def)), Type::Func(ft), span))
    }

    // ------------------------------------------------------------ coercion

    /// Coerce the value assigned to `name`; a mismatch is Zeek's "type clash in assignment".
    pub fn coerce_assign(&mut self, x: ir::Expr, to: &Type, name: &str, span: Span) -> R<ir::Expr> {
        let rhs = crate::syntax::render::canonical(x.span, false);
        let from = x.ty.clone();
        if matches!(from, Type::Void) {
            let ctx = format!("{} = {}", name, rhs);
            return Err(self.err("can't assign void value", span).with_ctx(ctx));
        }
        self.coerce(x, to, span).map_err(|mut d| {
            if d.msg == "type clash" {
                d.msg = assignment_clash(to, &from);
                d.ctx = Some(format!("{} = {}", name, rhs));
            }
            d
        })
    }

    /// Convert `x` to type `to`, or report Zeek's "type clash".
    pub fn coerce(&mut self, x: ir::Expr, to: &Type, span: Span) -> R<ir::Expr> {
        use Type as T;
        let from = x.ty.clone();
        if from.same(to) {
            if let (T::Record(a), T::Record(b)) = (&from, to) {
                if !Rc::ptr_eq(a, b) {
                    return Ok(mk(
                        K::Coerce(Box::new(x), Coercion::Record(b.clone())),
                        to.clone(),
                        span,
                    ));
                }
            }
            if let (T::Table(a), T::Table(b)) = (&from, to) {
                if !Rc::ptr_eq(a, b) && b.name.borrow().is_some() {
                    return Ok(mk(
                        K::Coerce(Box::new(x), Coercion::Table(b.clone())),
                        to.clone(),
                        span,
                    ));
                }
            }
            return Ok(x);
        }
        let k = match (&from, to) {
            (_, T::Any) | (T::Error, _) | (_, T::Error) => return Ok(x),
            (T::Any, _) => Coercion::FromAny(to.clone()),
            (T::Count, T::Int) => Coercion::ToInt,
            (T::Count | T::Int, T::Double) => Coercion::ToDouble,
            (T::Record(a), T::Record(b)) => {
                self.warn_coerced_fields(a, b, x.span, span);
                Coercion::Record(b.clone())
            }
            (T::Table(a), T::Table(b))
                if a.index.iter().all(|t| matches!(t, T::Any))
                    || a.index.len() == b.index.len() =>
            {
                Coercion::Table(b.clone())
            }
            (T::Vector(a), T::Vector(b))
                if matches!(**a, T::Any) || (a.is_numeric() && b.is_numeric()) =>
            {
                Coercion::Vector((**b).clone())
            }
            (T::List(_), T::Table(_) | T::Record(_) | T::Vector(_)) => return Ok(x),
            (T::Func(a), T::Func(b)) if a.kind == b.kind => return Ok(x),
            (T::Void, _) => {
                let ctx = self.src_text(x.span);
                return Err(self.err("value of void type", span).with_ctx(ctx));
            }
            _ => {
                let ctx = format!("{} and {}", to.describe(), self.src_text(x.span));
                return Err(self.err("type clash", span).with_ctx(ctx));
            }
        };
        Ok(mk(K::Coerce(Box::new(x), k), to.clone(), span))
    }
}

/// Whether `x as T` may be written for a value of static type `from` (Zeek's
/// can_cast_type_to_type): the same type (`any` matches all), a set and a vector of the same
/// element, or one of the basic conversions.
fn can_cast_type(from: &Type, to: &Type) -> bool {
    use Type as T;
    let strip = |t: &Type| match t {
        T::Alias(_, inner) => (**inner).clone(),
        t => t.clone(),
    };
    let (from, to) = (strip(from), strip(to));
    if from.same(&to) || matches!(from, T::Any | T::Error) || matches!(to, T::Any | T::Error) {
        return true;
    }
    let index_vec = |t: &Type| matches!(t, T::Vector(e) if matches!(**e, T::Count));
    let double_like = |t: &Type| matches!(t, T::Double | T::Time | T::Interval);
    match (&from, &to) {
        (T::Table(s), T::Vector(e)) | (T::Vector(e), T::Table(s)) if s.is_set() => {
            matches!(s.index.as_slice(), [i] if i.same(e))
        }
        (T::String, t) => matches!(
            t,
            T::Double | T::Time | T::Interval | T::Int | T::Count | T::Addr | T::Subnet | T::Port
        ),
        (T::Int, t) => matches!(t, T::Count) || double_like(t),
        (T::Double, t) => matches!(t, T::Int | T::Count | T::Time | T::Interval),
        (T::Count, t) => matches!(t, T::Int | T::Addr) || double_like(t),
        (T::Enum(_), t) => matches!(t, T::Count | T::Int),
        (T::Interval | T::Time, t) => matches!(t, T::Double),
        (T::Addr, t) => matches!(t, T::Subnet) || index_vec(t),
        (T::Subnet, t) => matches!(t, T::Addr | T::Count),
        (T::Port, t) => matches!(t, T::Count),
        (v, T::Addr) => index_vec(v),
        _ => false,
    }
}

/// A bracketed list written with a comma before its closing bracket (`[a, b, ]`).
fn has_trailing_comma(span: Span) -> bool {
    let text = crate::runtime::eval::src(span);
    text.trim_end()
        .strip_suffix(']')
        .is_some_and(|t| t.trim_end().ends_with(','))
}

/// `vector()`, `table()`, `set()` without element types: they take the type of their context.
fn is_unspecified(t: &Type) -> bool {
    match t {
        Type::Vector(e) => matches!(**e, Type::Any),
        Type::Table(t) => t.index.iter().all(|i| matches!(i, Type::Any)),
        _ => false,
    }
}

fn is_container(t: &Type) -> bool {
    matches!(t, Type::Table(_) | Type::Vector(_))
}

/// A stable pseudo-hash for lambda names (Zeek prints `lambda_<N>`).
fn lambda_hash(span: Span, n: u64) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for x in [span.file as u64, span.lo as u64, span.hi as u64, n] {
        h ^= x;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Zeek's message for a value of type `from` that cannot be assigned to `to` (AssignExpr's
/// type check: enums first, then arithmetic targets, then the general clash).
fn assignment_clash(to: &Type, from: &Type) -> String {
    let is_enum = |t: &Type| matches!(t, Type::Enum(_));
    if is_enum(to) != is_enum(from) {
        return "can't convert to/from enumerated type".into();
    }
    if to.is_numeric() && !from.is_numeric() {
        // Zeek names the kinds of type here, not the full types.
        let kind = match from {
            Type::Record(_) => "record".to_string(),
            Type::Table(_) => "table".to_string(),
            Type::Vector(_) => "vector".to_string(),
            Type::Func(_) => "func".to_string(),
            Type::Opaque(_) => "opaque".to_string(),
            Type::Meta(_) => "type".to_string(),
            t => t.describe(),
        };
        return format!(
            "assignment of non-arithmetic value to arithmetic ({}/{})",
            to.describe(),
            kind
        );
    }
    "type clash in assignment".into()
}
