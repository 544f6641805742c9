//! Renders expressions the way Zeek's messages show them (`t[x]`, `5 < x` for `x > 5`,
//! constants moved to the left of `==`), for the parenthesized context of diagnostics.

use super::ast::{BinOp, Expr, ExprKind as K, Literal, UnOp};
use crate::runtime::render as r;

thread_local! {
    /// Default arguments the checker filled into calls, by the call's span: Zeek shows a call
    /// with them (`to_count("5", 10)`).
    static CALL_DEFAULTS: std::cell::RefCell<std::collections::HashMap<super::ast::Span, Vec<super::ast::Span>>> =
        Default::default();
}

/// The call at `call` was given the default arguments written at `defaults` (a call checked
/// again replaces what an earlier check noted).
pub fn note_default_args(call: super::ast::Span, defaults: Vec<super::ast::Span>) {
    CALL_DEFAULTS.with(|m| {
        let mut m = m.borrow_mut();
        if defaults.is_empty() {
            m.remove(&call);
        } else {
            m.insert(call, defaults);
        }
    });
}

fn default_args(call: super::ast::Span) -> Vec<super::ast::Span> {
    CALL_DEFAULTS.with(|m| m.borrow().get(&call).cloned().unwrap_or_default())
}

/// Re-render the expression found at `span` (falls back to the source text).
pub fn canonical(span: super::ast::Span, quote_strings: bool) -> String {
    let mut text = crate::runtime::eval::src(span);
    if text.contains('@') {
        text = blank_directives(&text);
    }
    match super::parser::parse_expr(span.file, span.lo, &text) {
        Ok(e) => render(&e, quote_strings),
        Err(_) => text,
    }
}

/// Directive lines (`@pragma` inside an expression) become blanks of the same length.
fn blank_directives(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if line.trim_start().starts_with('@') {
                line.chars()
                    .map(|c| if c == '\n' { c } else { ' ' })
                    .collect()
            } else {
                line.to_string()
            }
        })
        .collect()
}

pub fn render(e: &Expr, q: bool) -> String {
    match &e.kind {
        K::Lit(l) => literal(l, q),
        K::Name(n) => n.clone(),
        K::Paren(x) => render(x, q),
        K::Unary(op, x) => {
            let s = match op {
                UnOp::Not => "!",
                UnOp::BitNot => "~",
                UnOp::Neg => "-",
                UnOp::Pos => "+",
                UnOp::Incr => "++",
                UnOp::Decr => "--",
            };
            format!("{}{}", s, render(x, q))
        }
        K::Binary(op, a, b) => binary(*op, a, b, q),
        K::Assign(op, a, b) => {
            let s = match op {
                super::ast::InitOp::Assign => "=",
                super::ast::InitOp::Add => "+=",
                super::ast::InitOp::Sub => "-=",
            };
            format!("{} {} {}", render(a, q), s, render(b, q))
        }
        K::Cond(c, a, b) => format!("{} ? {} : {}", render(c, q), render(a, q), render(b, q)),
        K::Field(x, f) => format!("{}${}", render(x, q), f),
        K::HasField(x, f) => format!("{}?${}", render(x, q), f),
        K::Index(x, idx) => format!("{}[{}]", render(x, q), list(idx, q)),
        K::Slice(x, a, b) => format!(
            "{}[{}:{}]",
            render(x, q),
            a.as_ref().map(|a| render(a, q)).unwrap_or_default(),
            b.as_ref().map(|b| render(b, q)).unwrap_or_default()
        ),
        K::Call(f, args) => {
            let mut all: Vec<String> = args.iter().map(|a| render(a, q)).collect();
            all.extend(default_args(e.span).into_iter().map(|d| canonical(d, q)));
            format!("{}({})", render(f, q), all.join(", "))
        }
        K::Size(x) => format!("|{}|", render(x, q)),
        K::HookCall(x) => format!("hook {}", render(x, q)),
        K::List(items) => format!("[{}]", list(items, q)),
        K::RecordCtor(fs) => {
            let parts: Vec<String> = fs
                .iter()
                .map(|(n, x)| format!("${}={}", n, render(x, q)))
                .collect();
            format!("[{}]", parts.join(", "))
        }
        K::FieldAssign(n, x) => format!("${}={}", n, render(x, q)),
        K::SetCtor(items, _) => format!("set({})", list(items, q)),
        K::TableCtor(items, _) => format!("table({})", list(items, q)),
        K::VectorCtor(items) => format!("vector({})", list(items, q)),
        K::As(x, _) => {
            // The type as written follows the operand.
            let rest = super::ast::Span {
                lo: x.span.hi,
                ..e.span
            };
            let ty = crate::runtime::eval::src(rest);
            let ty = ty.trim().trim_start_matches("as").trim();
            format!("{} as {}", render(x, q), ty)
        }
        _ => crate::runtime::eval::src(e.span),
    }
}

fn list(items: &[Expr], q: bool) -> String {
    items
        .iter()
        .map(|i| render(i, q))
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_const(e: &Expr) -> bool {
    matches!(e.kind, K::Lit(_))
}

fn binary(op: BinOp, a: &Expr, b: &Expr, q: bool) -> String {
    // Zeek builds `a > b` as `b < a`, and orders the operands of == / != by its expression
    // kinds (a pattern goes first).
    let (op, a, b) = match op {
        BinOp::Gt => (BinOp::Lt, b, a),
        BinOp::Ge => (BinOp::Le, b, a),
        BinOp::Eq | BinOp::Ne if is_pattern(b) => (op, b, a),
        BinOp::Eq | BinOp::Ne if !is_pattern(a) && zeek_rank(b) > zeek_rank(a) => (op, b, a),
        _ => (op, a, b),
    };
    format!("{} {} {}", render(a, q), op.symbol(), render(b, q))
}

fn is_pattern(e: &Expr) -> bool {
    matches!(e.kind, K::Lit(Literal::Pattern(..)))
}

/// The place of an expression's kind in Zeek's list of expression kinds (ExprTag), which
/// decides the operand order Zeek shows for == and !=.
fn zeek_rank(e: &Expr) -> u8 {
    match &e.kind {
        K::Name(_) => 0,
        // A type value is a constant.
        K::Lit(_) | K::TypeValue(_) => 1,
        // A negated literal is folded into a constant.
        K::Unary(UnOp::Neg, x) if is_const(x) => 1,
        K::Paren(x) => zeek_rank(x),
        K::Unary(op, _) => match op {
            UnOp::Incr => 3,
            UnOp::Decr => 4,
            UnOp::Not => 5,
            UnOp::BitNot => 6,
            UnOp::Pos => 7,
            UnOp::Neg => 8,
        },
        K::Binary(op, ..) => binary_rank(*op),
        K::Cond(..) => 32,
        K::Assign(..) => 34,
        K::Index(..) | K::Slice(..) => 35,
        K::Field(..) => 36,
        K::HasField(..) => 37,
        K::RecordCtor(_) => 38,
        K::TableCtor(..) | K::Brace(..) => 39,
        K::SetCtor(..) => 40,
        K::VectorCtor(_) => 41,
        K::FieldAssign(..) => 42,
        K::List(_) => 44,
        K::Call(..) | K::HookCall(_) => 45,
        K::Lambda(_) => 46,
        K::Schedule(..) => 48,
        K::Size(_) => 55,
        K::As(..) => 56,
        K::MaybeAs(..) => 57,
        K::Is(..) => 58,
    }
}

fn binary_rank(op: BinOp) -> u8 {
    match op {
        BinOp::Add => 9,
        BinOp::Sub => 10,
        BinOp::Mul => 15,
        BinOp::Div => 16,
        BinOp::Mod => 18,
        BinOp::BitAnd => 19,
        BinOp::BitOr => 20,
        BinOp::BitXor => 21,
        BinOp::Shl => 22,
        BinOp::Shr => 23,
        BinOp::And => 24,
        BinOp::Or => 25,
        BinOp::Lt => 26,
        BinOp::Le => 27,
        BinOp::Eq => 28,
        BinOp::Ne => 29,
        BinOp::Ge => 30,
        BinOp::Gt => 31,
        BinOp::In | BinOp::NotIn => 43,
    }
}

fn literal(l: &Literal, q: bool) -> String {
    match l {
        Literal::Bool(b) => if *b { "T" } else { "F" }.into(),
        Literal::Count(c) => c.to_string(),
        Literal::Double(d) => r::fmt_double(*d),
        Literal::Interval(d) => r::fmt_interval(*d),
        Literal::Str(s) => {
            let body = r::escape_bytes(s);
            if q {
                format!("\"{}\"", body)
            } else {
                body
            }
        }
        Literal::Pattern(p, _) => format!("/{}/", p),
        Literal::Addr(a) => r::fmt_addr(a),
        Literal::Subnet(a, l) => r::fmt_subnet(a, *l),
        Literal::Port(n, p) => crate::runtime::describe::fmt_port(*n, *p),
    }
}
