//! Lowering of expressions: operators with their numeric common case inline, variables, calls,
//! field and index access, membership, constructors.

use super::{interpreted_expr, site, CondFn, Ctl, ExprFn, Lowered, Operand};
use crate::ir::{Coercion, Expr, ExprKind as K, LValue};
use crate::runtime::eval::{membership_of, neg_value, size_of};
use crate::runtime::ops::{concat, fast_binary};
use crate::runtime::table::StrideHint;
use crate::runtime::value::{discard, FuncImpl, Key, Value};
use crate::runtime::{rt_error, Interp, RResult};
use crate::syntax::ast::{BinOp, FuncKind, Span};
use crate::types::Type;

pub(super) fn compile(e: Expr) -> ExprFn {
    let Expr { kind, ty, span } = e;
    match kind {
        K::Const(v) => Box::new(move |_| Ok(v.fast_clone())),
        k @ (K::Local(_) | K::Global(_)) => {
            let v = Operand::new(Expr { kind: k, ty, span });
            Box::new(move |it| v.get(it))
        }
        K::Binary(BinOp::Add, a, b) if matches!(ty, Type::String) => {
            concat_chain(*a, *b, site(&ty, span))
        }
        K::Binary(op, a, b) => binary(op, Operand::new(*a), Operand::new(*b), site(&ty, span)),
        K::Not(x) if matches!(x.ty, Type::Bool) => {
            let c = cond(*x);
            Box::new(move |it| Ok(Value::Bool(!c(it)?)))
        }
        K::And(..) | K::Or(..) => {
            let c = cond(Expr { kind, ty, span });
            Box::new(move |it| Ok(Value::Bool(c(it)?)))
        }
        K::Neg(x) => {
            let x = compile(*x);
            Box::new(move |it| Ok(neg_value(x(it)?)))
        }
        K::Size(x) => {
            let x = compile(*x);
            Box::new(move |it| Ok(size_of(x(it)?)))
        }
        K::Cond(c, a, b) => {
            let (c, a, b) = (cond(*c), compile(*a), compile(*b));
            Box::new(move |it| if c(it)? { a(it) } else { b(it) })
        }
        K::Assign(lv, x) => assign(*lv, *x, ty, span),
        K::Call(f, args) | K::HookCall(f, args) => call(*f, args, span),
        K::Field(r, i) => {
            let (r, site) = (compile(*r), site(&ty, span));
            Box::new(move |it| {
                let v = r(it)?;
                it.field_value(v, i, &site)
            })
        }
        K::Index(c, idx) => {
            let (c, key, site) = (Operand::new(*c), KeyFn::new(idx), site(&ty, span));
            let hint = StrideHint::default();
            Box::new(move |it| {
                let c = c.get(it)?;
                if let (Value::Table(t), KeyFn::One(k)) = (&c, &key) {
                    let k = k.get(it)?;
                    return it.index_one_hinted(t, k, &site, &hint);
                }
                let key = key.get(it)?;
                it.index_key(c, key, &site)
            })
        }
        K::In(xs, c) => membership(xs, *c, site(&ty, span)),
        K::Coerce(x, c) => coerce(*x, c, site(&ty, span)),
        K::RecordCtor(rt, fields) => {
            let fields: Vec<(usize, ExprFn)> =
                fields.into_iter().map(|(i, x)| (i, compile(x))).collect();
            Box::new(move |it| {
                let mut vals = vec![Value::Void; rt.len()];
                for (i, x) in &fields {
                    vals[*i] = x(it)?;
                }
                it.fill_record_defaults(&rt, &mut vals)?;
                Ok(Value::new_record(rt.clone(), vals))
            })
        }
        kind => interpreted_expr(Expr { kind, ty, span }),
    }
}

/// A condition: evaluates straight to a bool, without building a `Value` for comparisons.
pub(super) fn cond(e: Expr) -> CondFn {
    let Expr { kind, ty, span } = e;
    match kind {
        K::Binary(op, a, b) if op.is_comparison() => {
            compare(op, Operand::new(*a), Operand::new(*b), site(&ty, span))
        }
        K::And(a, b) => {
            let (a, b) = (cond(*a), cond(*b));
            Box::new(move |it| Ok(a(it)? && b(it)?))
        }
        K::Or(a, b) => {
            let (a, b) = (cond(*a), cond(*b));
            Box::new(move |it| Ok(a(it)? || b(it)?))
        }
        K::Not(x) if matches!(x.ty, Type::Bool) => {
            let c = cond(*x);
            Box::new(move |it| Ok(!c(it)?))
        }
        kind => {
            let f = compile(Expr { kind, ty, span });
            Box::new(move |it| Ok(f(it)?.as_bool()))
        }
    }
}

// ------------------------------------------------------------------ operators

macro_rules! numeric_fast {
    ($name:ident, $count:expr, $int:expr, $double:expr) => {
        #[inline(always)]
        pub(super) fn $name(x: &Value, y: &Value) -> Option<Value> {
            Some(match (x, y) {
                (Value::Count(a), Value::Count(b)) => Value::Count($count(*a, *b)?),
                (Value::Int(a), Value::Int(b)) => Value::Int($int(*a, *b)?),
                (Value::Double(a), Value::Double(b)) => Value::Double($double(*a, *b)?),
                _ => return None,
            })
        }
    };
}

// `None` leaves the case to `Interp::binary` (count underflow warns, division by zero fails).
numeric_fast!(
    add,
    |a: u64, b| Some(a.wrapping_add(b)),
    |a: i64, b| Some(a.wrapping_add(b)),
    |a: f64, b| Some(a + b)
);
numeric_fast!(
    sub,
    |a: u64, b| a.checked_sub(b),
    |a: i64, b| Some(a.wrapping_sub(b)),
    |a: f64, b| Some(a - b)
);
numeric_fast!(
    mul,
    |a: u64, b| Some(a.wrapping_mul(b)),
    |a: i64, b| Some(a.wrapping_mul(b)),
    |a: f64, b| Some(a * b)
);
numeric_fast!(
    div,
    |a: u64, b| a.checked_div(b),
    |a: i64, b: i64| (b != 0).then(|| a.wrapping_div(b)),
    |a: f64, b: f64| (b != 0.0).then_some(a / b)
);
numeric_fast!(
    rem,
    |a: u64, b| a.checked_rem(b),
    |a: i64, b: i64| (b != 0).then(|| a.wrapping_rem(b)),
    |_: f64, _: f64| None
);

/// Operands `a` and `b` through `fast` (numbers, read in place when they are variables), else
/// through the evaluator's `Interp::binary` and `finish`.
fn operator<R: 'static, F>(
    op: BinOp,
    a: Operand,
    b: Operand,
    site: Expr,
    fast: F,
    finish: fn(Value) -> R,
) -> Lowered<R>
where
    F: Fn(&Value, &Value) -> Option<R> + 'static,
{
    Box::new(move |it| {
        if let (Some(x), Some(y)) = (a.peek(it), b.peek(it)) {
            if let Some(r) = fast(x, y) {
                return Ok(r);
            }
        }
        let x = a.get(it)?;
        let y = b.get(it)?;
        if let Some(r) = fast(&x, &y) {
            discard(x);
            discard(y);
            return Ok(r);
        }
        Ok(finish(it.binary(op, x, y, &site)?))
    })
}

fn binary(op: BinOp, a: Operand, b: Operand, site: Expr) -> ExprFn {
    let same = |v| v;
    match op {
        BinOp::Add => operator(op, a, b, site, add, same),
        BinOp::Sub => operator(op, a, b, site, sub, same),
        BinOp::Mul => operator(op, a, b, site, mul, same),
        BinOp::Div => operator(op, a, b, site, div, same),
        BinOp::Mod => operator(op, a, b, site, rem, same),
        _ => operator(op, a, b, site, move |x, y| fast_binary(op, x, y), same),
    }
}

/// `a + b + c ...` on strings: the operands left to right, then one allocation for the result
/// (pairwise, the growing left side would be copied at every `+`).
fn concat_chain(a: Expr, b: Expr, site: Expr) -> ExprFn {
    let mut parts = Vec::new();
    flatten_concat(a, &mut parts);
    parts.push(Operand::new(b));
    Box::new(move |it| {
        let mut vals = Vec::with_capacity(parts.len());
        for p in &parts {
            vals.push(p.get(it)?);
        }
        if vals.iter().all(|v| matches!(v, Value::Str(_))) {
            let slices: Vec<&[u8]> = vals.iter().map(|v| v.as_bytes()).collect();
            return Ok(Value::Str(concat(&slices)));
        }
        // Only strings pass the checker; anything else is added pair by pair.
        let mut vals = vals.into_iter();
        let mut acc = vals.next().unwrap_or_default();
        for v in vals {
            acc = it.binary(BinOp::Add, acc, v, &site)?;
        }
        Ok(acc)
    })
}

fn flatten_concat(e: Expr, parts: &mut Vec<Operand>) {
    match e.kind {
        K::Binary(BinOp::Add, a, b) if matches!(e.ty, Type::String) => {
            flatten_concat(*a, parts);
            parts.push(Operand::new(*b));
        }
        kind => parts.push(Operand::new(Expr {
            kind,
            ty: e.ty,
            span: e.span,
        })),
    }
}

macro_rules! comparison {
    ($name:ident, $op:tt) => {
        #[inline(always)]
        fn $name(x: &Value, y: &Value) -> Option<bool> {
            Some(match (x, y) {
                (Value::Count(a), Value::Count(b)) => a $op b,
                (Value::Int(a), Value::Int(b)) => a $op b,
                (Value::Double(a), Value::Double(b)) => a $op b,
                _ => return None,
            })
        }
    };
}

comparison!(eq, ==);
comparison!(ne, !=);
comparison!(lt, <);
comparison!(le, <=);
comparison!(gt, >);
comparison!(ge, >=);

fn compare(op: BinOp, a: Operand, b: Operand, site: Expr) -> CondFn {
    let truth = |v: Value| v.as_bool();
    match op {
        BinOp::Eq => operator(op, a, b, site, eq, truth),
        BinOp::Ne => operator(op, a, b, site, ne, truth),
        BinOp::Lt => operator(op, a, b, site, lt, truth),
        BinOp::Le => operator(op, a, b, site, le, truth),
        BinOp::Gt => operator(op, a, b, site, gt, truth),
        _ => operator(op, a, b, site, ge, truth),
    }
}

fn coerce(x: Expr, c: Coercion, site: Expr) -> ExprFn {
    let x = compile(x);
    match c {
        Coercion::ToDouble => Box::new(move |it| Ok(Value::Double(x(it)?.as_f64()))),
        Coercion::ToInt => Box::new(move |it| Ok(Value::Int(x(it)?.as_i64()))),
        c => Box::new(move |it| {
            let v = x(it)?;
            it.coerce(v, &c, &site)
        }),
    }
}

// ------------------------------------------------------------------ assignment

/// `lv = x` as an expression (its value is the value assigned).
fn assign(lv: LValue, x: Expr, ty: Type, span: Span) -> ExprFn {
    match lv {
        LValue::Local(s) => {
            let x = compile(x);
            Box::new(move |it| {
                let v = x(it)?;
                it.set_local(s, v.fast_clone());
                Ok(v)
            })
        }
        LValue::Global(s) => {
            let x = compile(x);
            Box::new(move |it| {
                let v = x(it)?;
                it.globals[s as usize] = v.fast_clone();
                Ok(v)
            })
        }
        LValue::Index(c, idx) => {
            let site = crate::ir::index_site(&c, &idx);
            let (x, c, key) = (Operand::new(x), Operand::new(c), KeyFn::new(idx));
            Box::new(move |it| {
                let v = x.get(it)?;
                let c = c.get(it)?;
                if let (Value::Table(t), KeyFn::One(k)) = (&c, &key) {
                    let k = k.get(it)?;
                    if it.table_loops > 0 {
                        it.check_loop_membership(t, &Key::One(k.clone()), true, site);
                    }
                    it.assign_one(t, k, v.fast_clone(), span)?;
                    return Ok(v);
                }
                let key = key.get(it)?;
                if let Value::Table(t) = &c {
                    it.check_loop_membership(t, &key, true, site);
                }
                it.index_assign(c, key, v.fast_clone(), span)?;
                Ok(v)
            })
        }
        LValue::Field(r, i) => {
            let (x, r) = (compile(x), compile(r));
            Box::new(move |it| {
                let v = x(it)?;
                match r(it)? {
                    Value::Record(r) => r.borrow_mut().set(i, v.clone()),
                    _ => return Err(rt_error("field assignment to non-record", span, None)),
                }
                Ok(v)
            })
        }
        lv => interpreted_expr(Expr {
            kind: K::Assign(Box::new(lv), Box::new(x)),
            ty,
            span,
        }),
    }
}

// ------------------------------------------------------------------ access

/// The index expressions of `t[a]` / `t[a, b]`, evaluated into a table key.
pub(super) enum KeyFn {
    One(Operand),
    Many(Vec<ExprFn>),
}

impl KeyFn {
    pub(super) fn new(mut idx: Vec<Expr>) -> KeyFn {
        if idx.len() == 1 {
            return KeyFn::One(Operand::new(idx.pop().unwrap()));
        }
        KeyFn::Many(idx.into_iter().map(compile).collect())
    }

    pub(super) fn get(&self, it: &mut Interp) -> RResult<Key> {
        match self {
            KeyFn::One(f) => Ok(Key::One(f.get(it)?)),
            KeyFn::Many(_) => Ok(Key::from_vec(self.values(it)?)),
        }
    }

    /// The index values one by one (a membership test takes them unkeyed).
    pub(super) fn values(&self, it: &mut Interp) -> RResult<Vec<Value>> {
        match self {
            KeyFn::One(f) => Ok(vec![f.get(it)?]),
            KeyFn::Many(fs) => fs.iter().map(|f| f(it)).collect(),
        }
    }
}

/// `x in c`: a single count, int or string probed straight into a table; the rest (index lists,
/// subnet and pattern tables, vectors, strings) go through `membership_of`.
fn membership(xs: Vec<Expr>, c: Expr, site: Expr) -> ExprFn {
    let (c, keys) = (Operand::new(c), KeyFn::new(xs));
    let hint = StrideHint::default();
    Box::new(move |it| {
        let c = c.get(it)?;
        if let (Value::Table(t), KeyFn::One(k)) = (&c, &keys) {
            let k = k.get(it)?;
            let plain = match &k {
                Value::Count(n) => {
                    return Ok(Value::Bool(t.borrow().map.contains_number(*n, &hint)))
                }
                Value::Int(i) => {
                    let n = *i as u64;
                    return Ok(Value::Bool(t.borrow().map.contains_number(n, &hint)));
                }
                Value::Str(_) => !matches!(t.borrow().ty.index.as_slice(), [Type::Pattern]),
                _ => false,
            };
            if plain {
                return Ok(Value::Bool(t.borrow().map.contains_key(&Key::One(k))));
            }
            return membership_of(c, vec![k], &site).map(Value::Bool);
        }
        let keys = keys.values(it)?;
        membership_of(c, keys, &site).map(Value::Bool)
    })
}

// ------------------------------------------------------------------ calls

/// Pushes an argument; a plain number is re-written field by field, since copying a value that
/// was just stored (tag and payload separately) as one block stalls store forwarding.
#[inline(always)]
fn push_fast(stack: &mut Vec<Value>, v: Value) {
    match v {
        Value::Count(c) => stack.push(Value::Count(c)),
        Value::Int(i) => stack.push(Value::Int(i)),
        Value::Double(d) => stack.push(Value::Double(d)),
        v => stack.push(v),
    }
}

/// A call: script functions get their arguments straight into the new frame; builtins, hooks
/// and events take them as a vector.
fn call(f: Expr, args: Vec<Expr>, span: Span) -> ExprFn {
    let f_span = f.span;
    let callee = Operand::new(f);
    let args: Vec<Operand> = args.into_iter().map(Operand::new).collect();
    Box::new(move |it| {
        // A named function is taken from its global by reference (no Value copy).
        let named = match &callee {
            Operand::Global(s, _) => match &it.globals[*s] {
                Value::Func(f) => Some(f.clone()),
                _ => None,
            },
            _ => None,
        };
        let fv = match named {
            Some(f) => f,
            None => match callee.get(it)? {
                Value::Func(f) => f,
                _ => {
                    let text = crate::runtime::eval::src(f_span);
                    return Err(rt_error("not a function", span, Some(text)));
                }
            },
        };
        if let (FuncImpl::Script(bodies), FuncKind::Function) = (&fv.imp, fv.ty.kind) {
            let Some(body) = bodies.borrow().first().cloned() else {
                return Err(rt_error(format!("{} has no body", fv.name), span, None));
            };
            let base = it.stack.len();
            for a in &args {
                match a.get(it) {
                    Ok(v) => push_fast(&mut it.stack, v),
                    Err(e) => {
                        it.stack.truncate(base);
                        return Err(e);
                    }
                }
            }
            let ctl = it.in_body_frame(&fv, &body, base, span, |it| body.code.run(it))?;
            return match ctl {
                Ctl::Return => Ok(Value::take_fast(&mut it.ret)),
                _ => Ok(it.fell_off_end(&fv)),
            };
        }
        if let FuncImpl::Builtin(b) = &fv.imp {
            // A call among the arguments takes the scratch vector meanwhile (and gets its own).
            let mut vals = std::mem::take(&mut it.arg_scratch);
            let mut result = Ok(());
            for a in &args {
                match a.get(it) {
                    Ok(v) => vals.push(v),
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            let result = result.and_then(|()| b(it, &vals, span));
            vals.clear();
            it.arg_scratch = vals;
            return result;
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in &args {
            vals.push(a.get(it)?);
        }
        it.call(&fv, vals, span)
    })
}
