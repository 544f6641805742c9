//! Expression evaluation: one small function per expression kind.

use super::value::*;
use super::{rt_error, Interp, RResult};
use crate::ir::{Coercion, Expr, ExprKind as K, LValue, TableAttrs};
use crate::syntax::ast::{BinOp, Span};
use crate::types::{RecordType, TableType, Type};
use std::cell::RefCell;
use std::rc::Rc;

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
            K::LocalConst(op, slot, c) => {
                let x = self.local(*slot);
                if let Some(v) = fast_binary(*op, x, c) {
                    return Ok(v);
                }
                let x = self.read_local(*slot, e)?;
                self.binary(*op, x, c.clone(), e)
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
            K::Not(x) => Ok(Value::Bool(!self.eval(x)?.as_bool())),
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
            K::Const(v) => Ok(v.clone()),
            K::Local(s) => self.read_local(*s, e),
            K::Global(s) => self.read_global(*s, e),
            K::Neg(x) => self.neg(x),
            K::Not(x) => Ok(Value::Bool(!self.eval(x)?.as_bool())),
            K::BitNot(x) => Ok(Value::Count(!self.eval(x)?.as_u64())),
            K::Binary(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                if let Some(v) = fast_binary(*op, &x, &y) {
                    return Ok(v);
                }
                self.binary(*op, x, y, e)
            }
            K::LocalConst(op, slot, c) => {
                let x = self.read_local(*slot, e)?;
                self.binary(*op, x, c.clone(), e)
            }
            K::And(a, b) => Ok(Value::Bool(
                self.eval(a)?.as_bool() && self.eval(b)?.as_bool(),
            )),
            K::Or(a, b) => Ok(Value::Bool(
                self.eval(a)?.as_bool() || self.eval(b)?.as_bool(),
            )),
            K::Cond(c, a, b) => {
                if self.eval(c)?.as_bool() {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            K::Assign(lv, x) => {
                let v = self.eval(x)?;
                self.assign(lv, v.clone(), e.span)?;
                Ok(v)
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
            K::Incr(lv, d) => self.incr(lv, *d, e),
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
            K::Call(f, args) => self.call_expr(f, args, e.span),
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
                        crate::ir::CaptureSrc::Local(s) => self.local(*s).clone(),
                    })
                    .map(|v| deep_copy_scalar(&v))
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
        let v = self.local(s);
        if v.is_void() && !matches!(e.ty, Type::Void | Type::Any) {
            return Err(rt_error(
                "value used but not set",
                e.span,
                Some(crate::syntax::render::canonical(e.span, false)),
            ));
        }
        Ok(v.clone())
    }

    fn read_global(&self, s: u32, e: &Expr) -> RResult<Value> {
        let v = &self.globals[s as usize];
        if v.is_void() && !matches!(e.ty, Type::Void | Type::Any) {
            return Err(rt_error(
                "value used but not set",
                e.span,
                Some(crate::syntax::render::canonical(e.span, false)),
            ));
        }
        Ok(v.clone())
    }

    fn neg(&mut self, x: &Expr) -> RResult<Value> {
        Ok(match self.eval(x)? {
            Value::Int(i) => Value::Int(i.wrapping_neg()),
            Value::Count(c) => Value::Int((c as i64).wrapping_neg()),
            Value::Double(d) => Value::Double(-d),
            Value::Interval(d) => Value::Interval(-d),
            v => v,
        })
    }

    pub fn binary(&mut self, op: BinOp, x: Value, y: Value, e: &Expr) -> RResult<Value> {
        use Value::*;
        Ok(match (x, y) {
            (Count(a), Count(b)) => count_op(op, a, b, e)?,
            (Int(a), Int(b)) => int_op(op, a, b, e)?,
            (Double(_), Double(b)) if b == 0.0 && op == BinOp::Div => {
                return Err(rt_error(
                    "division by zero",
                    e.span,
                    Some(crate::syntax::render::canonical(e.span, false)),
                ))
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
            (a @ (Count(_) | Int(_) | Double(_)), Interval(b)) if op == BinOp::Mul => {
                Interval(a.as_f64() * b)
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
                let len = if super::render::is_v4(&a) {
                    n as u8 + 96
                } else {
                    n as u8
                };
                Subnet(super::render::mask_addr(&a, len), len)
            }
            (Table(a), Table(b)) => self.set_op(op, &a, &b)?,
            (Vector(a), Vector(b)) => self.vector_op(op, &a, &b, e)?,
            (a, b) => cmp_values(op, &a, &b).map(Bool).ok_or_else(|| {
                rt_error(
                    "type clash",
                    e.span,
                    Some(crate::syntax::render::canonical(e.span, false)),
                )
            })?,
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
                        out.map.insert(k, v);
                    }
                }
            }
            BinOp::BitAnd => {
                for (k, v) in a.map.iter().filter(|(k, _)| b.map.contains_key(k)) {
                    out.map.insert(k, v);
                }
            }
            BinOp::Sub => {
                for (k, v) in a.map.iter().filter(|(k, _)| !b.map.contains_key(k)) {
                    out.map.insert(k, v);
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
            return Err(rt_error(
                "vector operands are of different sizes",
                e.span,
                Some(crate::syntax::render::canonical(e.span, false)),
            ));
        }
        let mut out = Vec::with_capacity(xs.len());
        for (x, y) in xs.into_iter().zip(ys) {
            out.push(self.binary(op, x, y, e)?);
        }
        let elem = if matches!(
            op,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        ) {
            Type::Bool
        } else {
            elem
        };
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
                let c = self.eval(c)?;
                let key = self.eval_key(idx)?;
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
                if t.borrow().on_change.is_none() {
                    t.borrow_mut().map.insert(key, v);
                    return Ok(());
                }
                let old = t.borrow_mut().map.insert(key.clone(), v);
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
        let new = match (&cur, v) {
            (Value::Vector(vv), v) if add => {
                match v {
                    Value::Vector(o) if !matches!(vv.borrow().elem, Type::Vector(_)) => {
                        let items = o.borrow().items.clone();
                        vv.borrow_mut().items.extend(items);
                    }
                    v => vv.borrow_mut().items.push(v),
                }
                return Ok(cur);
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
                        t.borrow_mut().map.insert(k, v);
                    } else {
                        t.borrow_mut().remove(&k);
                    }
                }
                return Ok(cur);
            }
            (Value::Pattern(p), Value::Pattern(q)) if add => {
                Value::Pattern(Rc::new(super::pattern::add_to(p, &q)))
            }
            (Value::Void, v) => v,
            (_, v) => self.binary(if add { BinOp::Add } else { BinOp::Sub }, cur.clone(), v, e)?,
        };
        self.assign(lv, new.clone(), e.span)?;
        Ok(new)
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
        match self.eval(r)? {
            Value::Record(rv) => {
                if let Some(v) = rv.borrow().get(i) {
                    return Ok(v.clone());
                }
                let f = rv.borrow().ty.fields.borrow().get(i).cloned();
                match f.and_then(|f| f.default) {
                    Some(d) => self.eval(&d),
                    None => Err(rt_error(
                        "field value missing",
                        e.span,
                        Some(crate::syntax::render::canonical(e.span, false)),
                    )),
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
        match c {
            Value::Table(t) => {
                let key = self.eval_key(idx)?;
                if let Key::One(Value::Str(s)) = &key {
                    if matches!(t.borrow().ty.index.as_slice(), [Type::Pattern]) {
                        return Ok(pattern_table_matches(&t.borrow(), s));
                    }
                }
                if let Some(v) = t.borrow().map.get(&key) {
                    return Ok(v.clone());
                }
                self.table_default(&t, key, e)
            }
            Value::Vector(vv) => {
                let i = self.eval(&idx[0])?;
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
                    _ => Err(rt_error(
                        "no such index",
                        e.span,
                        Some(crate::syntax::render::canonical(e.span, false)),
                    )),
                }
            }
            Value::Str(s) => {
                let i = self.eval(&idx[0])?.as_i64();
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
            t.borrow_mut().map.insert(key, v.clone());
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
            _ => Err(rt_error(
                "no such index",
                e.span,
                Some(crate::syntax::render::canonical(e.span, false)),
            )),
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
        let mut keys = xs
            .iter()
            .map(|x| self.eval(x))
            .collect::<RResult<Vec<_>>>()?;
        Ok(Value::Bool(match c {
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
                        return Ok(Value::Bool(hit));
                    }
                }
                // A subnet is "in" a table of subnets when one of them contains it.
                if let [Value::Subnet(sa, sl)] = keys.as_slice() {
                    if matches!(t.borrow().ty.index.as_slice(), [Type::Subnet]) {
                        let tb = t.borrow();
                        let hit = tb.map.keys().any(|k| {
                            matches!(&k, Key::One(Value::Subnet(n, l)) if l <= sl && super::render::mask_addr(sa, *l) == *n)
                        });
                        return Ok(Value::Bool(hit));
                    }
                }
                if let [Value::Str(s)] = keys.as_slice() {
                    if matches!(t.borrow().ty.index.as_slice(), [Type::Pattern]) {
                        let tb = t.borrow();
                        let hit = tb.map.keys().any(
                            |k| matches!(k, Key::One(Value::Pattern(p)) if p.exact.is_match(s)),
                        );
                        return Ok(Value::Bool(hit));
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
        }))
    }

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
        Ok(match self.eval(x)? {
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
        })
    }

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
        let fields = rt.fields.borrow().clone();
        for (i, f) in fields.iter().enumerate() {
            if !vals[i].is_void() {
                continue;
            }
            if let Some(d) = &f.default {
                vals[i] = self.eval(d)?;
            } else if !f.optional {
                vals[i] = match &f.ty {
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
        attrs: &TableAttrs,
    ) -> RResult<Value> {
        let mut t = TableVal::new(tt.clone());
        if attrs.ordered {
            t.set_ordered();
        }
        for (ks, v) in entries {
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
            t.map.insert(make_key(keys), val);
        }
        let rc = Rc::new(RefCell::new(t));
        self.apply_table_attrs(&rc, attrs)?;
        Ok(Value::Table(rc))
    }

    pub fn apply_table_attrs(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        attrs: &TableAttrs,
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
        Ok(())
    }

    fn coerce(&mut self, v: Value, c: &Coercion, e: &Expr) -> RResult<Value> {
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
                    return Err(rt_error(
                        "run-time type clash",
                        e.span,
                        Some(crate::syntax::render::canonical(e.span, false)),
                    ));
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
            _ => Err(rt_error(
                format!(
                    "invalid cast of value with type '{}' to type '{}'",
                    value_type_name(&v),
                    t.describe()
                ),
                e.span,
                Some(crate::syntax::render::canonical(e.span, false)),
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

fn count_op(op: BinOp, a: u64, b: u64, e: &Expr) -> RResult<Value> {
    use Value::*;
    Ok(match op {
        BinOp::Add => Count(a.wrapping_add(b)),
        BinOp::Sub => {
            if b > a {
                let ctx = crate::syntax::render::canonical(e.span, false);
                let w = crate::diag::Diag::new(
                    crate::diag::Level::ExprWarning,
                    "count underflow",
                    Some(e.span),
                );
                w.with_ctx(ctx).emit();
            }
            Count(a.wrapping_sub(b))
        }
        BinOp::Mul => Count(a.wrapping_mul(b)),
        BinOp::Div => {
            if b == 0 {
                return Err(rt_error(
                    "division by zero",
                    e.span,
                    Some(crate::syntax::render::canonical(e.span, false)),
                ));
            }
            Count(a / b)
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(rt_error(
                    "modulo by zero",
                    e.span,
                    Some(crate::syntax::render::canonical(e.span, false)),
                ));
            }
            Count(a % b)
        }
        BinOp::BitAnd => Count(a & b),
        BinOp::BitOr => Count(a | b),
        BinOp::BitXor => Count(a ^ b),
        BinOp::Shl => Count(a.wrapping_shl(b as u32)),
        BinOp::Shr => Count(a.wrapping_shr(b as u32)),
        _ => Bool(cmp_ord(op, a.cmp(&b))),
    })
}

fn int_op(op: BinOp, a: i64, b: i64, e: &Expr) -> RResult<Value> {
    use Value::*;
    Ok(match op {
        BinOp::Add => Int(a.wrapping_add(b)),
        BinOp::Sub => Int(a.wrapping_sub(b)),
        BinOp::Mul => Int(a.wrapping_mul(b)),
        BinOp::Div => {
            if b == 0 {
                return Err(rt_error(
                    "division by zero",
                    e.span,
                    Some(crate::syntax::render::canonical(e.span, false)),
                ));
            }
            Int(a.wrapping_div(b))
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(rt_error(
                    "modulo by zero",
                    e.span,
                    Some(crate::syntax::render::canonical(e.span, false)),
                ));
            }
            Int(a.wrapping_rem(b))
        }
        BinOp::Shl => Int(a.wrapping_shl(b as u32)),
        BinOp::Shr => Int(a.wrapping_shr(b as u32)),
        _ => Bool(cmp_ord(op, a.cmp(&b))),
    })
}

fn double_op(op: BinOp, a: f64, b: f64, wrap: fn(f64) -> Value) -> Value {
    match op {
        BinOp::Add => wrap(a + b),
        BinOp::Sub => wrap(a - b),
        BinOp::Mul => wrap(a * b),
        BinOp::Div => wrap(a / b),
        BinOp::Mod => wrap(a % b),
        _ => Value::Bool(cmp_f(op, a, b)),
    }
}

fn str_op(op: BinOp, a: &[u8], b: &[u8]) -> Value {
    match op {
        BinOp::Add => {
            let mut v = Vec::with_capacity(a.len() + b.len());
            v.extend_from_slice(a);
            v.extend_from_slice(b);
            Value::Str(v.into())
        }
        _ => Value::Bool(cmp_ord(op, a.cmp(b))),
    }
}

fn cmp_ord(op: BinOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        BinOp::Eq => o == Equal,
        BinOp::Ne => o != Equal,
        BinOp::Lt => o == Less,
        BinOp::Le => o != Greater,
        BinOp::Gt => o == Greater,
        BinOp::Ge => o != Less,
        _ => false,
    }
}

fn cmp_f(op: BinOp, a: f64, b: f64) -> bool {
    match op {
        BinOp::Eq => a == b,
        BinOp::Ne => a != b,
        BinOp::Lt => a < b,
        BinOp::Le => a <= b,
        BinOp::Gt => a > b,
        BinOp::Ge => a >= b,
        _ => false,
    }
}

/// Comparisons of non-numeric scalars (addr, port, subnet, enum, bool, ...).
fn cmp_values(op: BinOp, a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    let o = match (a, b) {
        (Addr(x), Addr(y)) => x.cmp(y),
        (Port(x, p), Port(y, q)) => (p, x).cmp(&(q, y)),
        (Subnet(x, l), Subnet(y, m)) => (x, l).cmp(&(y, m)),
        (Enum(_, x), Enum(_, y)) => x.cmp(y),
        (Bool(x), Bool(y)) => x.cmp(y),
        (Count(x), Int(y)) => (*x as i128).cmp(&(*y as i128)),
        (Int(x), Count(y)) => (*x as i128).cmp(&(*y as i128)),
        _ => {
            let eq = key_eq(a, b);
            return match op {
                BinOp::Eq => Some(eq),
                BinOp::Ne => Some(!eq),
                _ => None,
            };
        }
    };
    Some(cmp_ord(op, o))
}

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
            x.borrow().elem.same(e) || matches!(x.borrow().elem, T::Any) || matches!(**e, T::Any)
        }
        (Value::Func(f), T::Func(_)) => T::Func(f.ty.clone()).same(t),
        (Value::File(_), T::File) => true,
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
    }
}

/// Captured values are copied, except aggregates, which stay shared.
fn deep_copy_scalar(v: &Value) -> Value {
    v.clone()
}

/// `copy()`: a deep copy that preserves sharing and cycles inside the copied value.
pub fn deep_copy(v: &Value, seen: &mut Vec<(*const (), Value)>) -> Value {
    let key = match v {
        // Strings and patterns are copied into new objects (`same_object` tells them apart).
        Value::Str(s) => return Value::Str(s.to_vec().into()),
        Value::Pattern(p) => return Value::Pattern(Rc::new((**p).clone())),
        Value::Record(r) => Rc::as_ptr(r) as *const (),
        Value::Table(t) => Rc::as_ptr(t) as *const (),
        Value::Vector(x) => Rc::as_ptr(x) as *const (),
        _ => return v.clone(),
    };
    if let Some((_, c)) = seen.iter().find(|(p, _)| *p == key) {
        return c.clone();
    }
    match v {
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
                map.insert(k, deep_copy(&v, seen));
            }
            let mut ob = out.borrow_mut();
            ob.map = map;
            ob.default = default;
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
        (Value::Count(c), Type::Addr) => {
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
fn pattern_table_matches(t: &TableVal, s: &[u8]) -> Value {
    let items = t
        .map
        .iter()
        .filter(|(k, _)| matches!(k, Key::One(Value::Pattern(p)) if p.exact.is_match(s)))
        .map(|(_, v)| v.clone())
        .collect();
    Value::new_vector(t.ty.yield_ty.clone().unwrap_or(Type::Any), items)
}

/// The common count/int/double operations without the general dispatch; None defers to `binary`
/// (division, modulo and count underflow need its error handling).
#[inline]
fn fast_binary(op: BinOp, x: &Value, y: &Value) -> Option<Value> {
    use Value::*;
    Some(match (x, y) {
        (Count(a), Count(b)) => match op {
            BinOp::Add => Count(a.wrapping_add(*b)),
            BinOp::Sub if a >= b => Count(a - b),
            BinOp::Mul => Count(a.wrapping_mul(*b)),
            BinOp::Div if *b != 0 => Count(a / b),
            BinOp::Mod if *b != 0 => Count(a % b),
            BinOp::Lt => Bool(a < b),
            BinOp::Le => Bool(a <= b),
            BinOp::Gt => Bool(a > b),
            BinOp::Ge => Bool(a >= b),
            BinOp::Eq => Bool(a == b),
            BinOp::Ne => Bool(a != b),
            _ => return None,
        },
        (Int(a), Int(b)) => match op {
            BinOp::Add => Int(a.wrapping_add(*b)),
            BinOp::Sub => Int(a.wrapping_sub(*b)),
            BinOp::Mul => Int(a.wrapping_mul(*b)),
            BinOp::Div if *b != 0 => Int(a.wrapping_div(*b)),
            BinOp::Mod if *b != 0 => Int(a.wrapping_rem(*b)),
            BinOp::Lt => Bool(a < b),
            BinOp::Le => Bool(a <= b),
            BinOp::Gt => Bool(a > b),
            BinOp::Ge => Bool(a >= b),
            BinOp::Eq => Bool(a == b),
            BinOp::Ne => Bool(a != b),
            _ => return None,
        },
        (Double(a), Double(b)) => match op {
            BinOp::Add => Double(a + b),
            BinOp::Sub => Double(a - b),
            BinOp::Mul => Double(a * b),
            BinOp::Div if *b != 0.0 => Double(a / b),
            BinOp::Lt => Bool(a < b),
            BinOp::Le => Bool(a <= b),
            BinOp::Gt => Bool(a > b),
            BinOp::Ge => Bool(a >= b),
            BinOp::Eq => Bool(a == b),
            BinOp::Ne => Bool(a != b),
            _ => return None,
        },
        _ => return None,
    })
}
