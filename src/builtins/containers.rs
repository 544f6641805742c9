//! Container bifs: sort, order, clear_table, table_keys/values, resize.

use super::{arg, bif, Bif};
use crate::runtime::value::{Key, Value};
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use crate::types::Type;

pub const BIFS: &[Bif] = &[
    bif("clear_table", "function(v: any): any", clear_table),
    bif("sort", "function(v: any, f: any &default = F): any", sort),
    bif(
        "order",
        "function(v: any, f: any &default = F): index_vec",
        order,
    ),
    bif("any_set", "function(v: any): bool", any_set),
    bif("all_set", "function(v: any): bool", all_set),
    bif("table_keys", "function(t: any): any", table_keys),
    bif("table_values", "function(t: any): any", table_values),
    bif(
        "resize",
        "function(aggr: any, newsize: count): count",
        resize,
    ),
];

fn clear_table(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    if let Value::Table(t) = arg(a, 0) {
        t.borrow_mut().map.clear();
    }
    Ok(Value::Void)
}

/// Stable merge sort with a fallible "less than" (a script comparison function may fail or
/// be inconsistent; this never panics).
fn merge_sort(
    items: Vec<(usize, Value)>,
    less: &mut dyn FnMut(&Value, &Value) -> RResult<bool>,
) -> RResult<Vec<(usize, Value)>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut left = items;
    let right = left.split_off(left.len() / 2);
    let (left, right) = (merge_sort(left, less)?, merge_sort(right, less)?);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(x), Some(y)) = (l.peek(), r.peek()) {
        if less(&y.1, &x.1)? {
            out.push(r.next().unwrap());
        } else {
            out.push(l.next().unwrap());
        }
    }
    out.extend(l);
    out.extend(r);
    Ok(out)
}

fn numeric_less(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Int(a), Value::Int(b)) => a < b,
        (Value::Count(a), Value::Count(b)) => a < b,
        _ => x.as_f64() < y.as_f64(),
    }
}

/// The vector's items sorted (with their original positions), or None after reporting an error
/// as Zeek's sort()/order() do.
fn sorted(
    interp: &mut Interp,
    a: &[Value],
    span: Span,
    name: &str,
) -> RResult<Option<Vec<(usize, Value)>>> {
    let Value::Vector(v) = arg(a, 0) else {
        super::report(format!("{name}() requires vector"), span);
        return Ok(None);
    };
    let (elem, items) = {
        let vb = v.borrow();
        (vb.elem.clone(), vb.items.clone())
    };
    let items: Vec<(usize, Value)> = items.into_iter().enumerate().collect();
    match arg(a, 1) {
        Value::Func(f) => {
            let f = f.clone();
            let mut less = |x: &Value, y: &Value| -> RResult<bool> {
                match interp.call(&f, vec![x.clone(), y.clone()], span)? {
                    Value::Void => Err(no_comparison_result(&f, span)),
                    r => Ok(r.as_i64() < 0),
                }
            };
            Ok(Some(merge_sort(items, &mut less)?))
        }
        _ if matches!(
            elem,
            Type::Int | Type::Count | Type::Double | Type::Time | Type::Interval
        ) =>
        {
            Ok(Some(merge_sort(items, &mut |x, y| Ok(numeric_less(x, y)))?))
        }
        _ => {
            super::report(
                format!("comparison function required for {name}() with non-numeric types"),
                span,
            );
            Ok(None)
        }
    }
}

fn sort(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    if let Some(items) = sorted(interp, a, span, "sort")? {
        if let Value::Vector(v) = arg(a, 0) {
            v.borrow_mut().items = items.into_iter().map(|(_, x)| x).collect();
        }
    }
    Ok(arg(a, 0).clone())
}

/// The positions of the vector's elements in sorted order.
fn order(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let idx = sorted(interp, a, span, "order")?
        .unwrap_or_default()
        .into_iter()
        .map(|(i, _)| Value::Count(i as u64))
        .collect();
    Ok(Value::new_vector(Type::Count, idx))
}

fn bool_vec(a: &[Value], span: Span, name: &str) -> Option<Vec<bool>> {
    if let Value::Vector(v) = arg(a, 0) {
        let vb = v.borrow();
        if matches!(vb.elem, Type::Bool) {
            return Some(vb.items.iter().map(|x| x.as_bool()).collect());
        }
    }
    super::report(format!("{name}() requires vector of bool"), span);
    None
}

fn any_set(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let r = bool_vec(a, span, "any_set").is_some_and(|v| v.iter().any(|b| *b));
    Ok(Value::Bool(r))
}

fn all_set(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let r = bool_vec(a, span, "all_set").is_some_and(|v| v.iter().all(|b| *b));
    Ok(Value::Bool(r))
}

fn table_keys(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Table(t) = arg(a, 0) else {
        return Ok(Value::Void);
    };
    let tb = t.borrow();
    let mut out = crate::runtime::value::TableVal::new(match Type::set_of(tb.ty.index.clone()) {
        Type::Table(tt) => tt,
        _ => unreachable!(),
    });
    for k in tb.map.keys() {
        out.map.set(k.clone(), Value::Bool(true));
    }
    Ok(Value::new_table(out))
}

fn table_values(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Table(t) = arg(a, 0) else {
        return Ok(Value::Void);
    };
    let tb = t.borrow();
    let elem = tb.ty.yield_ty.clone().unwrap_or(Type::Any);
    Ok(Value::new_vector(elem, tb.map.values().collect()))
}

fn resize(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Vector(v) = arg(a, 0) else {
        return Ok(Value::Count(0));
    };
    let n = arg(a, 1).as_u64() as usize;
    let mut vb = v.borrow_mut();
    let old = vb.items.len();
    vb.items.resize(n, Value::Void);
    Ok(Value::Count(old as u64))
}

#[allow(dead_code)]
fn key_of(k: &Key) -> Vec<Value> {
    k.parts().to_vec()
}

/// A comparison function that returned nothing: a runtime error at the function, as in Zeek.
#[cold]
fn no_comparison_result(f: &crate::runtime::value::FuncVal, span: Span) -> crate::runtime::Unwind {
    let at = match &f.imp {
        crate::runtime::value::FuncImpl::Script(b) => b.borrow().first().map_or(span, |b| b.span),
        _ => span,
    };
    let d = crate::diag::Diag::new(
        crate::diag::Level::Runtime,
        "comparison function did not return a value",
        Some(at),
    );
    crate::runtime::Unwind::Error(Box::new(d))
}
