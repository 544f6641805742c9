//! Expression evaluation: one small function per expression kind.

use super::value::*;
use super::{expr_error, rt_error, Interp, RResult};
use crate::ir::{Coercion, Expr, ExprKind as K, LValue, TableAttrs};
use crate::syntax::ast::{BinOp, Span};
use crate::types::{RecordType, TableType, Type};
use std::cell::RefCell;
use std::rc::Rc;

pub use super::convert::{
    coerce_scalar, convert, deep_copy, find_bytes, value_is, value_type_name,
};
use super::convert::{deep_copy_scalar, pattern_table_matches};
use super::ops::{cmp_values, count_op, double_op, fast_binary, int_op, str_op};

impl Interp {
    /// Evaluate an expression. The frequent kinds are handled here, the rest in `eval_other`,
    /// which keeps this function's stack frame small for deep recursion.
    pub fn eval(&mut self, e: &Expr) -> RResult<Value> {
        match &e.kind {
            K::Const(v) => Ok(v.clone()),
            K::Local(s) => self.read_local(*s, e),
            K::Global(s) => self.read_global(*s, e),
            K::Binary(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                if let Some(v) = fast_binary(*op, &x, &y) {
                    return Ok(v);
                }
                self.binary(*op, x, y, e)
            }
            K::Assign(lv, x) => {
                let v = self.eval(x)?;
                match &**lv {
                    LValue::Local(s) => self.set_local(*s, v.clone()),
                    lv => self.assign(lv, v.clone(), e.span)?,
                }
                Ok(v)
            }
            K::Incr(lv, d) => {
                if let LValue::Local(s) = &**lv {
                    let i = self.fp + *s as usize;
                    match &mut self.stack[i] {
                        Value::Count(c) if *d > 0 || *c > 0 => {
                            *c = c.wrapping_add(*d as i64 as u64);
                            return Ok(Value::Count(*c));
                        }
                        Value::Int(n) => {
                            *n = n.wrapping_add(*d as i64);
                            return Ok(Value::Int(*n));
                        }
                        _ => {}
                    }
                }
                self.incr(lv, *d, e)
            }
            K::Call(f, args) => self.call_expr(f, args, e.span),
            K::Not(x) => Ok(Value::Bool(match self.eval(x)? {
                Value::Bool(b) => !b,
                v => v.as_u64() == 0,
            })),
            K::And(a, b) => Ok(Value::Bool(
                self.eval(a)?.as_bool() && self.eval(b)?.as_bool(),
            )),
            K::Or(a, b) => Ok(Value::Bool(
                self.eval(a)?.as_bool() || self.eval(b)?.as_bool(),
            )),
            _ => self.eval_other(e),
        }
    }

    #[inline(never)]
    fn eval_other(&mut self, e: &Expr) -> RResult<Value> {
        match &e.kind {
            K::Neg(x) => self.neg(x),
            K::BitNot(x) => Ok(Value::Count(!self.eval(x)?.as_u64())),
            K::Cond(c, a, b) => {
                if self.eval(c)?.as_bool() {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            K::VecCond(c, a, b) => {
                let (c, a, b) = (self.eval(c)?, self.eval(a)?, self.eval(b)?);
                let (Value::Vector(c), Value::Vector(a), Value::Vector(b)) = (c, a, b) else {
                    return Err(rt_error(
                        "vector conditional requires vectors",
                        e.span,
                        None,
                    ));
                };
                let (c, a, b) = (c.borrow(), a.borrow(), b.borrow());
                if c.items.len() != a.items.len() || a.items.len() != b.items.len() {
                    return Err(rt_error(
                        "vector operands are of different sizes",
                        e.span,
                        None,
                    ));
                }
                let items = (0..c.items.len())
                    .map(|i| {
                        if c.items[i].as_bool() {
                            a.items[i].clone()
                        } else {
                            b.items[i].clone()
                        }
                    })
                    .collect();
                Ok(Value::new_vector(a.elem.clone(), items))
            }
            K::AddAssign(lv, x) => self.add_assign(lv, x, true, e),
            K::SubAssign(lv, x) => self.add_assign(lv, x, false, e),
            K::Field(r, i) => self.field(r, *i, e),
            K::HasField(r, i) => {
                let v = self.eval(r)?;
                Ok(Value::Bool(match v {
                    Value::Record(r) => r.borrow().get(*i).is_some(),
                    _ => false,
                }))
            }
            K::Index(c, idx) => {
                let c = self.eval(c)?;
                self.index(c, idx, e)
            }
            K::Slice(c, a, b) => self.slice(c, a.as_deref(), b.as_deref()),
            K::In(xs, c) => self.membership(xs, c, e),
            K::HookCall(f, args) => self.call_expr(f, args, e.span),
            K::Coerce(x, c) => {
                let v = self.eval(x)?;
                self.coerce(v, c, e)
            }
            K::As(x, t) => {
                let v = self.eval(x)?;
                self.cast(v, t, e)
            }
            K::MaybeAs(x, t) => {
                let v = self.eval(x)?;
                Ok(Value::Bool(convert(&v, t).is_some()))
            }
            K::Is(x, t) => {
                let v = self.eval(x)?;
                Ok(Value::Bool(value_is(&v, t)))
            }
            K::Size(x) => self.size(x),
            K::RecordCtor(rt, fields) => self.record_ctor(rt, fields),
            K::TableCtor(tt, entries, attrs) => self.table_ctor(tt, entries, attrs),
            // Outside a constructor's index list (where it is expanded), the set itself.
            K::Expand(x) => self.eval(x),
            K::VectorCtor(t, items) => {
                let items = items
                    .iter()
                    .map(|x| self.eval(x))
                    .collect::<RResult<Vec<_>>>()?;
                Ok(Value::new_vector(t.clone(), items))
            }
            K::List(items) => {
                let items = items
                    .iter()
                    .map(|x| self.eval(x))
                    .collect::<RResult<Vec<_>>>()?;
                Ok(Value::new_vector(Type::Any, items))
            }
            K::Lambda(def) => {
                let caps = def
                    .captures
                    .iter()
                    .map(|c| match c {
                        crate::ir::CaptureSrc::Local(s) => deep_copy_scalar(self.local(*s)),
                        crate::ir::CaptureSrc::Copy(s) => {
                            deep_copy(self.local(*s), &mut Vec::new())
                        }
                    })
                    .collect();
                Ok(Value::Func(Rc::new(FuncVal {
                    name: def.name.clone(),
                    ty: def.ty.clone(),
                    imp: FuncImpl::Script(RefCell::new(vec![def.body.clone()])),
                    captures: RefCell::new(caps),
                })))
            }
            K::Schedule(when, f, args) => {
                let w = self.eval(when)?.as_f64();
                let Value::Func(f) = self.eval(f)? else {
                    return Ok(Value::Void);
                };
                let args = args
                    .iter()
                    .map(|x| self.eval(x))
                    .collect::<RResult<Vec<_>>>()?;
                self.schedule(w, f, args);
                Ok(Value::Void)
            }
            K::Anonymous(x) => {
                let v = self.eval(x)?;
                if let Value::Record(r) = &v {
                    r.borrow_mut().anonymous = true;
                }
                Ok(v)
            }
            K::Copy(x) => {
                let v = self.eval(x)?;
                Ok(deep_copy(&v, &mut Vec::new()))
            }
            K::Shared(x) => self.eval(x),
            K::Const(_)
            | K::Local(_)
            | K::Global(_)
            | K::Binary(..)
            | K::Call(..)
            | K::Not(_)
            | K::And(..)
            | K::Or(..)
            | K::Assign(..)
            | K::Incr(..) => unreachable!("handled in eval"),
            K::WithAttrs(x, attrs) => {
                let v = self.eval(x)?;
                if let Value::Table(t) = &v {
                    self.apply_table_attrs(t, attrs)?;
                }
                Ok(v)
            }
        }
    }

    fn read_local(&self, s: u32, e: &Expr) -> RResult<Value> {
        read_set(self.local(s), e)
    }

    fn read_global(&self, s: u32, e: &Expr) -> RResult<Value> {
        read_set(&self.globals[s as usize], e)
    }

    fn neg(&mut self, x: &Expr) -> RResult<Value> {
        let v = self.eval(x)?;
        Ok(neg_value(v))
    }

    pub fn binary(&mut self, op: BinOp, x: Value, y: Value, e: &Expr) -> RResult<Value> {
        use Value::*;
        Ok(match (x, y) {
            (Count(a), Count(b)) => count_op(op, a, b, e)?,
            (Int(a), Int(b)) => int_op(op, a, b, e)?,
            (Double(_), Double(b)) if b == 0.0 && op == BinOp::Div => {
                return Err(expr_error("division by zero", e))
            }
            (Double(a), Double(b)) => double_op(op, a, b, Double),
            (Interval(a), Interval(b)) => match op {
                BinOp::Div => Double(a / b),
                _ => double_op(op, a, b, Interval),
            },
            (Time(a), Time(b)) => match op {
                BinOp::Sub => Interval(a - b),
                _ => double_op(op, a, b, Time),
            },
            (Time(a), Interval(b)) => double_op(op, a, b, Time),
            (Interval(a), Double(b)) => double_op(op, a, b, Interval),
            (Interval(a), b @ (Count(_) | Int(_))) => double_op(op, a, b.as_f64(), Interval),
            // Zeek keeps the interval type for number-by-interval products and quotients.
            (a @ (Count(_) | Int(_) | Double(_)), Interval(b))
                if matches!(op, BinOp::Mul | BinOp::Div) =>
            {
                Interval(if op == BinOp::Mul {
                    a.as_f64() * b
                } else {
                    a.as_f64() / b
                })
            }
            (Str(a), Str(b)) => str_op(op, &a, &b),
            (Bool(a), Bool(b)) if matches!(op, BinOp::And | BinOp::Or) => {
                Bool(if op == BinOp::And { a && b } else { a || b })
            }
            (Pattern(p), Str(s)) | (Str(s), Pattern(p)) => {
                let m = p.exact.is_match(&s);
                Bool(if op == BinOp::Ne { !m } else { m })
            }
            (Pattern(p), Pattern(q)) => match op {
                BinOp::BitOr => Pattern(Rc::new(super::pattern::union(&p, &q))),
                BinOp::BitAnd => Pattern(Rc::new(super::pattern::concat(&p, &q))),
                BinOp::Eq => Bool(p.text == q.text),
                _ => Bool(p.text != q.text),
            },
            (Addr(a), Count(n)) => {
                let (family, most, offset) = match super::render::is_v4(&a) {
                    true => ("IPv4", 32, 96),
                    false => ("IPv6", 128, 0),
                };
                if n > most {
                    let msg = format!("bad {family} subnet prefix length: {n}");
                    return Err(expr_error(msg, e));
                }
                let len = n as u8 + offset;
                Subnet(super::render::mask_addr(&a, len), len)
            }
            (Table(a), Table(b)) => self.set_op(op, &a, &b)?,
            (Vector(a), Vector(b)) => self.vector_op(op, &a, &b, e)?,
            (a, b) => cmp_values(op, &a, &b)
                .map(Bool)
                .ok_or_else(|| expr_error("type clash", e))?,
        })
    }

    fn set_op(
        &mut self,
        op: BinOp,
        a: &Rc<RefCell<TableVal>>,
        b: &Rc<RefCell<TableVal>>,
    ) -> RResult<Value> {
        let (a, b) = (a.borrow(), b.borrow());
        let mut out = TableVal::new(a.ty.clone());
        if a.ordered {
            out.set_ordered();
        }
        match op {
            BinOp::BitOr => {
                for (k, v) in a.map.iter().chain(b.map.iter()) {
                    if !out.map.contains_key(&k) {
                        out.map.set(k, v);
                    }
                }
            }
            BinOp::BitAnd => {
                for (k, v) in a.map.iter().filter(|(k, _)| b.map.contains_key(k)) {
                    out.map.set(k, v);
                }
            }
            BinOp::Sub => {
                for (k, v) in a.map.iter().filter(|(k, _)| !b.map.contains_key(k)) {
                    out.map.set(k, v);
                }
            }
            BinOp::Eq | BinOp::Ne | BinOp::Le | BinOp::Lt | BinOp::Ge | BinOp::Gt => {
                let sub = |x: &TableVal, y: &TableVal| x.map.keys().all(|k| y.map.contains_key(&k));
                let r = match op {
                    BinOp::Eq => sub(&a, &b) && a.map.len() == b.map.len(),
                    BinOp::Ne => !(sub(&a, &b) && a.map.len() == b.map.len()),
                    BinOp::Le => sub(&a, &b),
                    BinOp::Lt => sub(&a, &b) && a.map.len() < b.map.len(),
                    BinOp::Ge => sub(&b, &a),
                    _ => sub(&b, &a) && a.map.len() > b.map.len(),
                };
                return Ok(Value::Bool(r));
            }
            _ => {}
        }
        Ok(Value::new_table(out))
    }

    fn vector_op(
        &mut self,
        op: BinOp,
        a: &Rc<RefCell<VectorVal>>,
        b: &Rc<RefCell<VectorVal>>,
        e: &Expr,
    ) -> RResult<Value> {
        let (xs, ys, elem) = {
            let (a, b) = (a.borrow(), b.borrow());
            (a.items.clone(), b.items.clone(), a.elem.clone())
        };
        if xs.len() != ys.len() {
            return Err(expr_error("vector operands are of different sizes", e));
        }
        let mut out = Vec::with_capacity(xs.len());
        for (x, y) in xs.into_iter().zip(ys) {
            out.push(self.binary(op, x, y, e)?);
        }
        let elem = if op.is_comparison() { Type::Bool } else { elem };
        Ok(Value::new_vector(elem, out))
    }

    // ------------------------------------------------------------ assignment

    pub fn assign(&mut self, lv: &LValue, v: Value, span: Span) -> RResult<()> {
        match lv {
            LValue::Local(s) => self.set_local(*s, v),
            LValue::Global(s) => self.globals[*s as usize] = v,
            LValue::Field(r, i) => match self.eval(r)? {
                Value::Record(r) => r.borrow_mut().set(*i, v),
                _ => return Err(rt_error("field assignment to non-record", span, None)),
            },
            LValue::Index(c, idx) => {
                let site = crate::ir::index_site(c, idx);
                let c = self.eval(c)?;
                let key = self.eval_key(idx)?;
                if let Value::Table(t) = &c {
                    self.check_loop_membership(t, &key, true, site);
                }
                self.index_assign(c, key, v, span)?;
            }
            LValue::Slice(c, a, b) => self.slice_assign(c, a.as_ref(), b.as_ref(), v, span)?,
        }
        Ok(())
    }

    fn slice_assign(
        &mut self,
        c: &Expr,
        a: Option<&Expr>,
        b: Option<&Expr>,
        v: Value,
        span: Span,
    ) -> RResult<()> {
        let (Value::Vector(target), Value::Vector(src)) = (self.eval(c)?, v) else {
            return Err(rt_error("slice assignment needs vectors", span, None));
        };
        let len = target.borrow().items.len() as i64;
        let norm = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
        let lo = match a {
            Some(a) => norm(self.eval(a)?.as_i64()),
            None => 0,
        };
        let hi = match b {
            Some(b) => norm(self.eval(b)?.as_i64()),
            None => len as usize,
        };
        let items = src.borrow().items.clone();
        target.borrow_mut().items.splice(lo..hi.max(lo), items);
        Ok(())
    }

    pub fn index_assign(&mut self, c: Value, key: Key, v: Value, span: Span) -> RResult<()> {
        match c {
            Value::Table(t) => {
                let mut tb = t.borrow_mut();
                tb.touch(&key, true);
                if tb.on_change.is_none() {
                    tb.map.set(key, v);
                    return Ok(());
                }
                let old = tb.map.replace(key.clone(), v);
                drop(tb);
                let change = if old.is_some() {
                    "TABLE_ELEMENT_CHANGED"
                } else {
                    "TABLE_ELEMENT_NEW"
                };
                self.on_change(&t, &key, change, old)?;
            }
            Value::Vector(vv) => {
                let i = key.parts().first().map(|k| k.as_u64()).unwrap_or(0) as usize;
                let mut vb = vv.borrow_mut();
                if i >= vb.items.len() {
                    vb.items.resize(i + 1, Value::Void);
                }
                vb.items[i] = v;
            }
            _ => return Err(rt_error("bad index assignment", span, None)),
        }
        Ok(())
    }

    fn lvalue_get(&mut self, lv: &LValue, e: &Expr) -> RResult<Value> {
        match lv {
            LValue::Local(s) => Ok(self.local(*s).clone()),
            LValue::Global(s) => Ok(self.globals[*s as usize].clone()),
            LValue::Field(r, i) => self.field(r, *i, e),
            LValue::Index(c, idx) => {
                let c = self.eval(c)?;
                self.index(c, idx, e)
            }
            LValue::Slice(c, a, b) => self.slice(c, a.as_ref(), b.as_ref()),
        }
    }

    fn add_assign(&mut self, lv: &LValue, x: &Expr, add: bool, e: &Expr) -> RResult<Value> {
        let cur = self.lvalue_get(lv, e)?;
        let v = self.eval(x)?;
        match self.add_assign_value(&cur, v, add, e)? {
            None => Ok(cur),
            Some(new) => {
                self.assign(lv, new.clone(), e.span)?;
                Ok(new)
            }
        }
    }

    /// `cur += v` / `cur -= v`: None when `cur` (a vector or table) was changed in place,
    /// else the value to store back.
    pub fn add_assign_value(
        &mut self,
        cur: &Value,
        v: Value,
        add: bool,
        e: &Expr,
    ) -> RResult<Option<Value>> {
        let new = match (cur, v) {
            (Value::Vector(vv), v) if add => {
                // A vector of v's own type is appended element by element (Zeek decides by the
                // static types; the elements' types tell them apart here).
                let same_type = |o: &Rc<RefCell<crate::runtime::value::VectorVal>>| {
                    let (a, b) = (&o.borrow().elem, &vv.borrow().elem);
                    a.same(b)
                        || matches!(a, Type::Void | Type::Any) && !matches!(b, Type::Vector(_))
                };
                match v {
                    Value::Vector(o) if same_type(&o) => {
                        let items = o.borrow().items.clone();
                        vv.borrow_mut().items.extend(items);
                    }
                    v => vv.borrow_mut().items.push(v),
                }
                return Ok(None);
            }
            (Value::Table(t), Value::Table(o)) => {
                let entries: Vec<(Key, Value)> = o
                    .borrow()
                    .map
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in entries {
                    if add {
                        t.borrow_mut().map.set(k, v);
                    } else {
                        t.borrow_mut().discard(&k);
                    }
                }
                return Ok(None);
            }
            (Value::Pattern(p), Value::Pattern(q)) if add => {
                Value::Pattern(Rc::new(super::pattern::add_to(p, &q)))
            }
            (Value::Void, v) => v,
            (_, v) => self.binary(if add { BinOp::Add } else { BinOp::Sub }, cur.clone(), v, e)?,
        };
        Ok(Some(new))
    }

    fn incr(&mut self, lv: &LValue, d: i8, e: &Expr) -> RResult<Value> {
        let new = match self.lvalue_get(lv, e)? {
            Value::Count(c) => {
                if d < 0 && c == 0 {
                    let w = crate::diag::Diag::new(
                        crate::diag::Level::ExprWarning,
                        "count underflow",
                        Some(e.span),
                    )
                    .with_ctx(src(e.span));
                    w.emit();
                }
                Value::Count(c.wrapping_add(d as i64 as u64))
            }
            Value::Int(i) => Value::Int(i.wrapping_add(d as i64)),
            v => v,
        };
        self.assign(lv, new.clone(), e.span)?;
        Ok(new)
    }

    // ------------------------------------------------------------ access

    fn field(&mut self, r: &Expr, i: usize, e: &Expr) -> RResult<Value> {
        let v = self.eval(r)?;
        self.field_value(v, i, e)
    }

    /// Field `i` of record value `v` (its `&default` when unset).
    pub fn field_value(&mut self, v: Value, i: usize, e: &Expr) -> RResult<Value> {
        match v {
            Value::Record(rv) => {
                if let Some(v) = rv.borrow().get(i) {
                    return Ok(v.clone());
                }
                let f = rv.borrow().ty.fields.borrow().get(i).cloned();
                match f.and_then(|f| f.default) {
                    Some(d) => self.eval(&d),
                    None => Err(expr_error("field value missing", e)),
                }
            }
            _ => Err(rt_error("not a record", e.span, None)),
        }
    }

    /// Evaluate index expressions into a table key (no allocation for a single index).
    pub fn eval_key(&mut self, idx: &[Expr]) -> RResult<Key> {
        if let [one] = idx {
            return Ok(Key::One(self.eval(one)?));
        }
        let keys = idx
            .iter()
            .map(|x| self.eval(x))
            .collect::<RResult<Vec<_>>>()?;
        Ok(make_key(keys))
    }

    fn index(&mut self, c: Value, idx: &[Expr], e: &Expr) -> RResult<Value> {
        let key = self.eval_key(idx)?;
        self.index_key(c, key, e)
    }

    /// `c[key]` for a table, vector or string (vectors and strings use the first index).
    /// `t[k]` for a single index value, from a site with a `StrideHint`: count and int keys of
    /// tables without expiry go through the hint, without building a `Key`.
    pub fn index_one_hinted(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        k: Value,
        e: &Expr,
        hint: &super::table::StrideHint,
    ) -> RResult<Value> {
        let Some(n) = plain_number(&k) else {
            return self.index_key(Value::Table(t.clone()), Key::One(k), e);
        };
        let tb = t.borrow();
        if tb.expire.is_some() {
            drop(tb);
            return self.index_key(Value::Table(t.clone()), Key::One(k), e);
        }
        if let Some(v) = tb.map.get_number(n, hint) {
            return Ok(v);
        }
        drop(tb);
        self.table_default(t, Key::One(k), e)
    }

    /// `t[k] = v` for a single index value: a count or int key of a table without `&on_change`
    /// or expiry is stored without the general key path.
    pub fn assign_one(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        k: Value,
        v: Value,
        span: Span,
    ) -> RResult<()> {
        if let Some(n) = plain_number(&k) {
            let mut tb = t.borrow_mut();
            if tb.on_change.is_none() && tb.expire.is_none() {
                tb.map.set_number(n, Key::One(k), v);
                return Ok(());
            }
        }
        self.index_assign(Value::Table(t.clone()), Key::One(k), v, span)
    }

    /// `delete t[k]` for a single index value, like `assign_one`.
    pub fn delete_one(&mut self, t: &Rc<RefCell<TableVal>>, k: Value) -> RResult<()> {
        if let Some(n) = plain_number(&k) {
            let mut tb = t.borrow_mut();
            if tb.on_change.is_none() && tb.expire.is_none() {
                tb.map.discard_number(n);
                return Ok(());
            }
        }
        self.delete_key(Value::Table(t.clone()), Key::One(k))
    }

    pub fn index_key(&mut self, c: Value, key: Key, e: &Expr) -> RResult<Value> {
        match c {
            Value::Table(t) => {
                if let Key::One(Value::Str(s)) = &key {
                    if matches!(t.borrow().ty.index.as_slice(), [Type::Pattern]) {
                        return Ok(pattern_table_matches(&t.borrow(), s));
                    }
                }
                if t.borrow().expire.is_some() {
                    t.borrow_mut().touch(&key, false);
                }
                if let Some(v) = t.borrow().map.get(&key) {
                    return Ok(v.clone());
                }
                self.table_default(&t, key, e)
            }
            Value::Vector(vv) => {
                let i = first_part(key);
                if let Value::Vector(mask) = i {
                    return self.vector_select(&vv, &mask);
                }
                let n = vv.borrow().items.len() as i64;
                let mut ix = i.as_i64();
                if ix < 0 {
                    ix += n;
                }
                match vv.borrow().items.get(ix.max(0) as usize) {
                    Some(v) if !v.is_void() && ix >= 0 => Ok(v.clone()),
                    _ => Err(expr_error("no such index", e)),
                }
            }
            Value::Str(s) => {
                let i = first_part(key).as_i64();
                let n = s.len() as i64;
                let i = if i < 0 { i + n } else { i };
                Ok(if i >= 0 && i < n {
                    Value::bytes(&s[i as usize..i as usize + 1])
                } else {
                    Value::str("")
                })
            }
            _ => Err(rt_error("not indexable", e.span, None)),
        }
    }

    fn vector_select(
        &mut self,
        vv: &Rc<RefCell<VectorVal>>,
        mask: &Rc<RefCell<VectorVal>>,
    ) -> RResult<Value> {
        let v = vv.borrow();
        let m = mask.borrow();
        let items: Vec<Value> = if matches!(m.items.first(), Some(Value::Bool(_))) {
            v.items
                .iter()
                .zip(m.items.iter())
                .filter(|(_, b)| b.as_bool())
                .map(|(x, _)| x.clone())
                .collect()
        } else {
            // A hole in the index vector gives a hole in the result.
            m.items
                .iter()
                .map(|i| {
                    if i.is_void() {
                        Value::Void
                    } else {
                        v.items
                            .get(i.as_u64() as usize)
                            .cloned()
                            .unwrap_or(Value::Void)
                    }
                })
                .collect()
        };
        Ok(Value::new_vector(v.elem.clone(), items))
    }

    fn table_default(&mut self, t: &Rc<RefCell<TableVal>>, key: Key, e: &Expr) -> RResult<Value> {
        let v = self.table_default_value(t, &key, e)?;
        if t.borrow().default_insert {
            t.borrow_mut().map.set(key, v.clone());
        }
        Ok(v)
    }

    fn table_default_value(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        key: &Key,
        e: &Expr,
    ) -> RResult<Value> {
        let d = t.borrow().default.clone();
        match d {
            Some(TableDefault::Value(v)) => Ok(match &v {
                Value::Record(_) | Value::Table(_) | Value::Vector(_) => {
                    deep_copy(&v, &mut Vec::new())
                }
                _ => v,
            }),
            Some(TableDefault::Func(Value::Func(f))) => self.call(&f, key.parts().to_vec(), e.span),
            _ => Err(expr_error("no such index", e)),
        }
    }

    fn slice(&mut self, c: &Expr, a: Option<&Expr>, b: Option<&Expr>) -> RResult<Value> {
        let v = self.eval(c)?;
        let len = match &v {
            Value::Str(s) => s.len() as i64,
            Value::Vector(vv) => vv.borrow().items.len() as i64,
            _ => 0,
        };
        let norm = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) };
        let lo = match a {
            Some(a) => norm(self.eval(a)?.as_i64()),
            None => 0,
        };
        let hi = match b {
            Some(b) => norm(self.eval(b)?.as_i64()),
            None => len,
        };
        let (lo, hi) = (lo as usize, (hi.max(lo)) as usize);
        Ok(match v {
            Value::Str(s) => Value::bytes(&s[lo..hi]),
            Value::Vector(vv) => {
                let vb = vv.borrow();
                Value::new_vector(vb.elem.clone(), vb.items[lo..hi].to_vec())
            }
            v => v,
        })
    }

    fn membership(&mut self, xs: &[Expr], c: &Expr, e: &Expr) -> RResult<Value> {
        let c = self.eval(c)?;
        let keys = xs
            .iter()
            .map(|x| self.eval(x))
            .collect::<RResult<Vec<_>>>()?;
        membership_of(c, keys, e).map(Value::Bool)
    }
}

/// Whether index values `keys` are in container `c` (table, set, vector, string, subnet, pattern).
pub fn membership_of(c: Value, mut keys: Vec<Value>, e: &Expr) -> RResult<bool> {
    Ok(match c {
        Value::Table(t) => {
            if keys.len() == 1 {
                let inner = match &keys[0] {
                    Value::Vector(v) if matches!(v.borrow().elem, Type::Any) => {
                        Some(v.borrow().items.clone())
                    }
                    _ => None,
                };
                if let Some(k) = inner {
                    keys = k;
                }
            }
            if let [Value::Addr(a)] = keys.as_slice() {
                if matches!(t.borrow().ty.index.as_slice(), [Type::Subnet]) {
                    let tb = t.borrow();
                    let hit = tb.map.keys().any(|k| {
                            matches!(&k, Key::One(Value::Subnet(n, l)) if super::render::mask_addr(a, *l) == *n)
                        });
                    return Ok(hit);
                }
            }
            // A subnet is "in" a table of subnets when one of them contains it.
            if let [Value::Subnet(sa, sl)] = keys.as_slice() {
                if matches!(t.borrow().ty.index.as_slice(), [Type::Subnet]) {
                    let tb = t.borrow();
                    let hit = tb.map.keys().any(|k| {
                            matches!(&k, Key::One(Value::Subnet(n, l)) if l <= sl && super::render::mask_addr(sa, *l) == *n)
                        });
                    return Ok(hit);
                }
            }
            if let [Value::Str(s)] = keys.as_slice() {
                if matches!(t.borrow().ty.index.as_slice(), [Type::Pattern]) {
                    let tb = t.borrow();
                    let hit = tb
                        .map
                        .keys()
                        .any(|k| matches!(k, Key::One(Value::Pattern(p)) if p.exact.is_match(s)));
                    return Ok(hit);
                }
            }
            t.borrow().map.contains_key(&make_key(keys))
        }
        Value::Vector(v) => {
            let i = keys[0].as_i64();
            let vb = v.borrow();
            i >= 0 && (i as usize) < vb.items.len() && !vb.items[i as usize].is_void()
        }
        Value::Str(s) => match &keys[0] {
            Value::Str(needle) => find_bytes(&s, needle).is_some(),
            Value::Pattern(p) => p.search.is_match(&s),
            _ => false,
        },
        Value::Subnet(net, len) => match &keys[0] {
            Value::Addr(a) => super::render::mask_addr(a, len) == net,
            Value::Subnet(a, l) => *l >= len && super::render::mask_addr(a, len) == net,
            _ => false,
        },
        Value::Pattern(p) => p.search.is_match(keys[0].as_bytes()),
        _ => return Err(rt_error("bad membership test", e.span, None)),
    })
}

impl Interp {
    fn call_expr(&mut self, f: &Expr, args: &[Expr], span: Span) -> RResult<Value> {
        let fv = self.eval(f)?;
        let Value::Func(fv) = fv else {
            return Err(rt_error("not a function", span, Some(src(f.span))));
        };
        if let (FuncImpl::Script(bodies), crate::syntax::ast::FuncKind::Function) =
            (&fv.imp, fv.ty.kind)
        {
            // Fast path for script functions: arguments go straight into the new frame.
            let Some(body) = bodies.borrow().first().cloned() else {
                return Err(rt_error(format!("{} has no body", fv.name), span, None));
            };
            let base = self.stack.len();
            for a in args {
                match self.eval(a) {
                    Ok(v) => self.stack.push(v),
                    Err(e) => {
                        self.stack.truncate(base);
                        return Err(e);
                    }
                }
            }
            return match self.invoke_at(&fv, &body, base, span)? {
                super::Flow::Return(v) => Ok(v),
                _ => Ok(self.fell_off_end(&fv)),
            };
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a)?);
        }
        self.call(&fv, vals, span)
    }

    fn size(&mut self, x: &Expr) -> RResult<Value> {
        let v = self.eval(x)?;
        Ok(size_of(v))
    }
}

/// `|v|`: the size of a container or string, the magnitude of a number.
pub fn size_of(v: Value) -> Value {
    match v {
        Value::Str(s) => Value::Count(s.len() as u64),
        Value::Table(t) => Value::Count(t.borrow().map.len() as u64),
        Value::Vector(v) => Value::Count(v.borrow().items.len() as u64),
        Value::Record(r) => Value::Count(r.borrow().ty.len() as u64),
        Value::Int(i) => Value::Count(i.unsigned_abs()),
        Value::Count(c) => Value::Count(c),
        Value::Double(d) | Value::Time(d) => Value::Double(d.abs()),
        Value::Interval(d) => Value::Double(d.abs()),
        Value::Addr(a) => Value::Count(if super::render::is_v4(&a) { 32 } else { 128 }),
        Value::Subnet(a, l) => {
            let bits = if super::render::is_v4(&a) {
                l as i32 - 96
            } else {
                l as i32
            };
            let host = if super::render::is_v4(&a) {
                32 - bits
            } else {
                128 - bits
            };
            Value::Double(2f64.powi(host))
        }
        // A port's size includes its protocol bits, as in Zeek.
        Value::Port(p, proto) => Value::Count(p as u64 | (proto as u64) << 16),
        Value::Enum(_, i) => Value::Count(i as u64),
        Value::Bool(b) => Value::Count(b as u64),
        _ => Value::Count(0),
    }
}

impl Interp {
    // ------------------------------------------------------------ constructors and coercion

    fn record_ctor(&mut self, rt: &Rc<RecordType>, fields: &[(usize, Expr)]) -> RResult<Value> {
        let mut vals = vec![Value::Void; rt.len()];
        for (i, x) in fields {
            vals[*i] = self.eval(x)?;
        }
        self.fill_record_defaults(rt, &mut vals)?;
        Ok(Value::new_record(rt.clone(), vals))
    }

    /// Fields without a value get their `&default`, and container fields an empty container.
    pub fn fill_record_defaults(&mut self, rt: &Rc<RecordType>, vals: &mut [Value]) -> RResult<()> {
        // Only the unset fields' declarations are copied out (a default may redefine the type).
        let n = rt.fields.borrow().len().min(vals.len());
        for i in 0..n {
            if !vals[i].is_void() {
                continue;
            }
            let (default, optional, ty) = {
                let fields = rt.fields.borrow();
                let f = &fields[i];
                if f.optional && f.default.is_none() {
                    continue;
                }
                (f.default.clone(), f.optional, f.ty.clone())
            };
            if let Some(d) = &default {
                vals[i] = self.eval(d)?;
            } else if !optional {
                vals[i] = match &ty {
                    Type::Table(t) => Value::new_table(TableVal::new(t.clone())),
                    Type::Vector(e) => Value::new_vector((**e).clone(), vec![]),
                    // A record-typed field starts as an empty record of its type (bounded
                    // depth, since record types may contain themselves).
                    Type::Record(inner) if self.record_fill_depth < 8 => {
                        self.record_fill_depth += 1;
                        let mut vals = vec![Value::Void; inner.len()];
                        let r = self.fill_record_defaults(inner, &mut vals);
                        self.record_fill_depth -= 1;
                        r?;
                        Value::new_record(inner.clone(), vals)
                    }
                    _ => Value::Void,
                };
            }
        }
        Ok(())
    }

    fn table_ctor(
        &mut self,
        tt: &Rc<TableType>,
        entries: &[(Vec<Expr>, Option<Expr>)],
        attrs: &Rc<TableAttrs>,
    ) -> RResult<Value> {
        let mut t = TableVal::new(tt.clone());
        if attrs.ordered {
            t.set_ordered();
        }
        for (ks, v) in entries {
            if ks.iter().any(|k| matches!(k.kind, K::Expand(_))) {
                self.expanded_elements(&mut t, ks, v)?;
                continue;
            }
            let mut keys = ks
                .iter()
                .map(|x| self.eval(x))
                .collect::<RResult<Vec<_>>>()?;
            let val = match v {
                Some(v) => self.eval(v)?,
                None => Value::Bool(true),
            };
            if keys.len() == 1 && tt.index.len() > 1 {
                let inner = match &keys[0] {
                    Value::Vector(v) => Some(v.borrow().items.clone()),
                    _ => None,
                };
                if let Some(k) = inner {
                    keys = k;
                }
            }
            t.map.set(make_key(keys), val);
        }
        let rc = Rc::new(RefCell::new(t));
        self.apply_table_attrs(&rc, attrs)?;
        Ok(Value::Table(rc))
    }

    /// A constructor element with sets in its index list: one element per combination of their
    /// members (the other parts and the value are the same in each).
    fn expanded_elements(
        &mut self,
        t: &mut TableVal,
        ks: &[Expr],
        v: &Option<Expr>,
    ) -> RResult<()> {
        let mut combos: Vec<Vec<Value>> = vec![Vec::new()];
        for k in ks {
            let choices = match &k.kind {
                K::Expand(set) => match self.eval(set)? {
                    Value::Table(s) => s
                        .borrow()
                        .map
                        .keys()
                        .flat_map(|k| k.parts().to_vec())
                        .collect(),
                    other => vec![other],
                },
                _ => vec![self.eval(k)?],
            };
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    choices.iter().map(move |m| {
                        let mut c = c.clone();
                        c.push(m.clone());
                        c
                    })
                })
                .collect();
        }
        let val = match v {
            Some(v) => self.eval(v)?,
            None => Value::Bool(true),
        };
        for keys in combos {
            t.map.set(make_key(keys), val.clone());
        }
        Ok(())
    }

    pub fn apply_table_attrs(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        attrs: &Rc<TableAttrs>,
    ) -> RResult<()> {
        if let Some(d) = &attrs.default {
            let v = self.eval(d)?;
            let def = if matches!(d.ty, Type::Func(_)) {
                TableDefault::Func(v)
            } else {
                TableDefault::Value(v)
            };
            t.borrow_mut().default = Some(def);
            t.borrow_mut().default_insert = attrs.default_insert;
        }
        if let Some(c) = &attrs.on_change {
            t.borrow_mut().on_change = Some(self.eval(c)?);
        }
        if attrs.ordered {
            t.borrow_mut().set_ordered();
        }
        if let Some((kind, after_expr)) = &attrs.expire {
            let after = self.eval(after_expr)?.as_f64();
            let func = match &attrs.expire_func {
                Some(f) => Some(self.eval(f)?),
                None => None,
            };
            // Zeek evaluates the interval again on each expiration pass, so that a `redef` of
            // the constant it names counts; that works for intervals made of globals only.
            let again = super::expire::only_globals(after_expr).then(|| attrs.clone());
            self.set_expiry(t, *kind, after, func, again);
        }
        Ok(())
    }

    pub fn coerce(&mut self, v: Value, c: &Coercion, e: &Expr) -> RResult<Value> {
        Ok(match (c, v) {
            (Coercion::ToInt, v) => Value::Int(v.as_i64()),
            (Coercion::ToDouble, v) => Value::Double(v.as_f64()),
            (Coercion::Record(rt), Value::Record(r)) => self.coerce_record(&r, rt)?,
            (Coercion::Table(tt), Value::Table(t)) => {
                let src = t.borrow();
                let mut n = TableVal::new(tt.clone());
                n.map = src.map.clone();
                n.default = src.default.clone();
                n.default_insert = src.default_insert;
                n.on_change = src.on_change.clone();
                n.ordered = src.ordered;
                Value::new_table(n)
            }
            (Coercion::Vector(et), Value::Vector(v)) => {
                let items = v
                    .borrow()
                    .items
                    .iter()
                    .map(|x| coerce_scalar(x, et))
                    .collect();
                Value::new_vector(et.clone(), items)
            }
            (Coercion::FromAny(t), v) => {
                if !value_is(&v, t) && !matches!(t, Type::Any) {
                    return Err(expr_error("run-time type clash", e));
                }
                coerce_scalar(&v, t)
            }
            (_, v) => v,
        })
    }

    fn coerce_record(&mut self, r: &Rc<RefCell<RecordVal>>, rt: &Rc<RecordType>) -> RResult<Value> {
        let (src_ty, fields) = {
            let rb = r.borrow();
            (rb.ty.clone(), rb.fields.clone())
        };
        let mut vals = vec![Value::Void; rt.len()];
        for (i, f) in src_ty.fields.borrow().iter().enumerate() {
            if let Some(j) = rt.field_index(&f.name) {
                let target = rt.field(j).ty;
                let v = fields.get(i).cloned().unwrap_or(Value::Void);
                vals[j] = match (&v, &target) {
                    (Value::Record(inner), Type::Record(irt))
                        if !Rc::ptr_eq(&inner.borrow().ty, irt) =>
                    {
                        self.coerce_record(inner, irt)?
                    }
                    _ => coerce_scalar(&v, &target),
                };
            }
        }
        self.fill_record_defaults(rt, &mut vals)?;
        Ok(Value::new_record(rt.clone(), vals))
    }

    fn cast(&mut self, v: Value, t: &Type, e: &Expr) -> RResult<Value> {
        if value_is(&v, t) {
            return Ok(coerce_scalar(&v, t));
        }
        if let Some(c) = convert(&v, t) {
            return Ok(c);
        }
        match (&v, t) {
            (
                Value::Count(_) | Value::Int(_) | Value::Double(_),
                Type::Count | Type::Int | Type::Double,
            ) => Ok(coerce_scalar(&v, t)),
            (Value::Count(_) | Value::Int(_) | Value::Double(_), Type::Time) => {
                Ok(Value::Time(v.as_f64()))
            }
            (Value::Interval(d) | Value::Time(d), Type::Double) => Ok(Value::Double(*d)),
            (Value::Count(_) | Value::Int(_) | Value::Double(_), Type::Interval) => {
                Ok(Value::Interval(v.as_f64()))
            }
            _ => Err(expr_error(
                format!(
                    "invalid cast of value with type '{}' to type '{}'",
                    value_type_name(&v),
                    t.describe()
                ),
                e,
            )),
        }
    }

    /// Call a table's `&on_change` function.
    pub fn on_change(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        key: &Key,
        change: &str,
        old: Option<Value>,
    ) -> RResult<()> {
        let f = t.borrow().on_change.clone();
        let Some(Value::Func(f)) = f else {
            return Ok(());
        };
        // A change made by the &on_change function itself does not call it again.
        let id = Rc::as_ptr(t) as usize;
        if self.in_on_change.contains(&id) {
            return Ok(());
        }
        let ty = crate::types::enum_value("TableChange", change);
        let mut args = vec![Value::Table(t.clone()), ty];
        args.extend(key.parts().iter().cloned());
        if !t.borrow().ty.is_set() {
            // For a change the function sees the old value.
            let v = old
                .or_else(|| t.borrow().map.get(key))
                .unwrap_or(Value::Void);
            args.push(v);
        }
        self.in_on_change.push(id);
        let r = self.call(&f, args, crate::syntax::ast::Span::default());
        self.in_on_change.retain(|x| *x != id);
        r.map(|_| ())
    }
}

pub fn make_key(keys: Vec<Value>) -> Key {
    Key::from_vec(keys)
}

/// Source text of a span, for error contexts.
pub fn src(span: Span) -> String {
    crate::diag::file(span.file)
        .map(|f| {
            let lo = (span.lo as usize).min(f.text.len());
            let hi = (span.hi as usize).min(f.text.len());
            f.text[lo..hi].to_string()
        })
        .unwrap_or_default()
}

/// A variable's value, or Zeek's "value used but not set" error.
fn read_set(v: &Value, e: &Expr) -> RResult<Value> {
    if v.is_void() && !matches!(e.ty, Type::Void | Type::Any) {
        return Err(expr_error("value used but not set", e));
    }
    Ok(v.clone())
}

/// Unary minus: a count becomes an int, as in Zeek.
pub fn neg_value(v: Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(i.wrapping_neg()),
        Value::Count(c) => Value::Int((c as i64).wrapping_neg()),
        Value::Double(d) => Value::Double(-d),
        Value::Interval(d) => Value::Interval(-d),
        v => v,
    }
}

/// The first index of a key (vectors and strings take one index).
fn first_part(key: Key) -> Value {
    match key {
        Key::One(v) => v,
        Key::Many(vs) => vs.first().cloned().unwrap_or(Value::Void),
    }
}

/// The bits of a count or int key (both serialize as their 8 little-endian bytes).
#[inline]
fn plain_number(k: &Value) -> Option<u64> {
    match k {
        Value::Count(n) => Some(*n),
        Value::Int(i) => Some(*i as u64),
        _ => None,
    }
}
