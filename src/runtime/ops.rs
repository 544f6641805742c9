//! Arithmetic and comparison of scalar values: the operator semantics behind `binary`.

use super::value::*;
use super::{expr_error, RResult};
use crate::ir::Expr;
use crate::syntax::ast::BinOp;

pub(crate) fn count_op(op: BinOp, a: u64, b: u64, e: &Expr) -> RResult<Value> {
    use Value::*;
    Ok(match op {
        BinOp::Add => Count(a.wrapping_add(b)),
        BinOp::Sub => {
            if b > a {
                // `c -= 1` is reported as the subtraction it performs, as Zeek does.
                let ctx =
                    crate::syntax::render::canonical(e.span, false).replacen(" -= ", " - ", 1);
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
                return Err(expr_error("division by zero", e));
            }
            Count(a / b)
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(expr_error("modulo by zero", e));
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

pub(crate) fn int_op(op: BinOp, a: i64, b: i64, e: &Expr) -> RResult<Value> {
    use Value::*;
    Ok(match op {
        BinOp::Add => Int(a.wrapping_add(b)),
        BinOp::Sub => Int(a.wrapping_sub(b)),
        BinOp::Mul => Int(a.wrapping_mul(b)),
        BinOp::Div => {
            if b == 0 {
                return Err(expr_error("division by zero", e));
            }
            Int(a.wrapping_div(b))
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(expr_error("modulo by zero", e));
            }
            Int(a.wrapping_rem(b))
        }
        BinOp::Shl => Int(a.wrapping_shl(b as u32)),
        BinOp::Shr => Int(a.wrapping_shr(b as u32)),
        _ => Bool(cmp_ord(op, a.cmp(&b))),
    })
}

pub(crate) fn double_op(op: BinOp, a: f64, b: f64, wrap: fn(f64) -> Value) -> Value {
    match op {
        BinOp::Add => wrap(a + b),
        BinOp::Sub => wrap(a - b),
        BinOp::Mul => wrap(a * b),
        BinOp::Div => wrap(a / b),
        BinOp::Mod => wrap(a % b),
        _ => Value::Bool(compare(op, a, b)),
    }
}

pub(crate) fn str_op(op: BinOp, a: &[u8], b: &[u8]) -> Value {
    match op {
        BinOp::Add => Value::Str(concat(&[a, b])),
        _ => Value::Bool(cmp_ord(op, a.cmp(b))),
    }
}

/// The concatenation of `parts`, written once into its final allocation (building a Vec and
/// converting it would copy every byte twice).
pub(crate) fn concat(parts: &[&[u8]]) -> std::rc::Rc<[u8]> {
    let total = parts.iter().map(|p| p.len()).sum();
    let mut out: std::rc::Rc<[u8]> = std::iter::repeat_n(0, total).collect();
    if let Some(buf) = std::rc::Rc::get_mut(&mut out) {
        let mut at = 0;
        for p in parts {
            buf[at..at + p.len()].copy_from_slice(p);
            at += p.len();
        }
    }
    out
}

pub(crate) fn cmp_ord(op: BinOp, o: std::cmp::Ordering) -> bool {
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

/// `a op b` for a comparison operator (false for any other operator).
pub(crate) fn compare<T: PartialOrd>(op: BinOp, a: T, b: T) -> bool {
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
pub(crate) fn cmp_values(op: BinOp, a: &Value, b: &Value) -> Option<bool> {
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

/// The common count/int/double operations without the general dispatch; None defers to `binary`
/// (division, modulo and count underflow need its error handling).
#[inline]
pub(crate) fn fast_binary(op: BinOp, x: &Value, y: &Value) -> Option<Value> {
    use Value::*;
    Some(match (x, y) {
        (Count(a), Count(b)) => match op {
            BinOp::Add => Count(a.wrapping_add(*b)),
            BinOp::Sub if a >= b => Count(a - b),
            BinOp::Mul => Count(a.wrapping_mul(*b)),
            BinOp::Div if *b != 0 => Count(a / b),
            BinOp::Mod if *b != 0 => Count(a % b),
            op if op.is_comparison() => Bool(compare(op, a, b)),
            _ => return None,
        },
        (Int(a), Int(b)) => match op {
            BinOp::Add => Int(a.wrapping_add(*b)),
            BinOp::Sub => Int(a.wrapping_sub(*b)),
            BinOp::Mul => Int(a.wrapping_mul(*b)),
            BinOp::Div if *b != 0 => Int(a.wrapping_div(*b)),
            BinOp::Mod if *b != 0 => Int(a.wrapping_rem(*b)),
            op if op.is_comparison() => Bool(compare(op, a, b)),
            _ => return None,
        },
        (Double(a), Double(b)) => match op {
            BinOp::Add => Double(a + b),
            BinOp::Sub => Double(a - b),
            BinOp::Mul => Double(a * b),
            BinOp::Div if *b != 0.0 => Double(a / b),
            op if op.is_comparison() => Bool(compare(op, a, b)),
            _ => return None,
        },
        _ => return None,
    })
}
