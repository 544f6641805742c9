//! Container bifs: sort, order, clear_table, table_keys/values, resize.

use super::{arg, bif, Bif};
use crate::runtime::value::{Key, Value};
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use crate::types::Type;

pub const BIFS: &[Bif] = &[
    bif("clear_table", "function(v: any): any", clear_table),
    bif("sort", "function(v: any, f: any &default = F): any", sort),
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

fn sort(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let Value::Vector(v) = arg(a, 0) else {
        return Ok(arg(a, 0).clone());
    };
    let mut items = v.borrow().items.clone();
    match arg(a, 1) {
        Value::Func(f) => {
            // Insertion-merge via a fallible comparison: collect errors instead of panicking.
            let f = f.clone();
            let mut err = None;
            items.sort_by(|x, y| {
                if err.is_some() {
                    return std::cmp::Ordering::Equal;
                }
                match interp.call(&f, vec![x.clone(), y.clone()], span) {
                    Ok(r) => r.as_i64().cmp(&0),
                    Err(e) => {
                        err = Some(e);
                        std::cmp::Ordering::Equal
                    }
                }
            });
            if let Some(e) = err {
                return Err(e);
            }
        }
        _ => items.sort_by(|x, y| match (x, y) {
            (Value::Str(a), Value::Str(b)) => a.cmp(b),
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Count(a), Value::Count(b)) => a.cmp(b),
            _ => x.as_f64().total_cmp(&y.as_f64()),
        }),
    }
    v.borrow_mut().items = items;
    Ok(arg(a, 0).clone())
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
        out.map.insert(k.clone(), Value::Bool(true));
    }
    Ok(Value::new_table(out))
}

fn table_values(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Table(t) = arg(a, 0) else {
        return Ok(Value::Void);
    };
    let tb = t.borrow();
    let elem = tb.ty.yield_ty.clone().unwrap_or(Type::Any);
    Ok(Value::new_vector(elem, tb.map.values().cloned().collect()))
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
