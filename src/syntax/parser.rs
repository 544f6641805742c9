//! Source text -> AST: the only module that sees pest types. Expressions use one PrattParser.

use super::ast::*;
use crate::diag::{Diag, Level};
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser;
use std::rc::Rc;
use std::sync::LazyLock;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/zeek.pest"]
struct ZeekParser;

/// Deepest bracket nesting we accept; deeper input is rejected before pest (which recurses) runs.
pub const MAX_NESTING: usize = 200;

/// Most operators in one expression outside brackets, and most statements nested in one another
/// (`else if` chains nest without brackets). With MAX_NESTING they bound the depth of the trees
/// every later pass walks recursively, so no input can exhaust the stack.
pub const MAX_OPERATORS: usize = 500;
pub const MAX_STMT_DEPTH: u32 = 500;

type R<T> = Result<T, Diag>;

/// A declaration's optional initializer and its attributes.
type InitAndAttrs = (Option<(InitOp, Expr)>, Vec<Attr>);

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    use Assoc::*;
    use Rule::*;
    PrattParser::new()
        .op(Op::infix(op_assign, Right)
            | Op::infix(op_assign_add, Right)
            | Op::infix(op_assign_sub, Right))
        .op(Op::infix(op_ternary, Right))
        .op(Op::infix(op_or, Left))
        .op(Op::infix(op_and, Left))
        .op(Op::prefix(op_hook))
        .op(Op::infix(op_eq, Left)
            | Op::infix(op_ne, Left)
            | Op::infix(op_lt, Left)
            | Op::infix(op_le, Left)
            | Op::infix(op_gt, Left)
            | Op::infix(op_ge, Left))
        .op(Op::infix(op_in, Left) | Op::infix(op_not_in, Left))
        .op(Op::infix(op_bitor, Left))
        .op(Op::infix(op_bitxor, Left))
        .op(Op::infix(op_bitand, Left))
        .op(Op::infix(op_shl, Left) | Op::infix(op_shr, Left))
        .op(Op::infix(op_add, Left) | Op::infix(op_sub, Left))
        .op(Op::infix(op_mul, Left) | Op::infix(op_div, Left) | Op::infix(op_mod, Left))
        .op(Op::prefix(op_incr) | Op::prefix(op_decr))
        .op(Op::prefix(op_not) | Op::prefix(op_bitnot) | Op::prefix(op_neg) | Op::prefix(op_pos))
        .op(Op::postfix(op_field)
            | Op::postfix(op_has_field)
            | Op::postfix(op_index)
            | Op::postfix(op_slice)
            | Op::postfix(op_call))
        .op(Op::postfix(op_as) | Op::postfix(op_maybe_as) | Op::postfix(op_is))
});

/// Parses text of one file (or a piece of it starting at byte `base`).
pub struct Builder<'a> {
    file: u32,
    base: u32,
    text: &'a str,
    file_name: &'a str,
    dir: &'a str,
    /// Statements being built, one inside the other.
    stmt_depth: std::cell::Cell<u32>,
}

/// Parse a whole chunk into items.
pub fn parse_items(file: u32, base: u32, text: &str, file_name: &str, dir: &str) -> R<Vec<Item>> {
    let b = Builder {
        file,
        base,
        text,
        file_name,
        dir,
        stmt_depth: Default::default(),
    };
    b.prescan()?;
    let pairs = ZeekParser::parse(Rule::file, text).map_err(|e| b.syntax_error(e))?;
    let file_pair = pairs.into_iter().next().unwrap();
    file_pair
        .into_inner()
        .filter(|p| p.as_rule() != Rule::EOI)
        .map(|p| b.item(p))
        .collect()
}

/// Parse as many complete items as possible; returns them and the byte length consumed.
pub fn parse_prefix(
    file: u32,
    base: u32,
    text: &str,
    file_name: &str,
    dir: &str,
) -> (Vec<Item>, usize) {
    let b = Builder {
        file,
        base,
        text,
        file_name,
        dir,
        stmt_depth: Default::default(),
    };
    let Ok(pairs) = ZeekParser::parse(Rule::prefix, text) else {
        return (Vec::new(), 0);
    };
    let mut items = Vec::new();
    let mut end = 0;
    for p in pairs.into_iter().next().unwrap().into_inner() {
        let e = p.as_span().end();
        match b.item(p) {
            Ok(i) => items.push(i),
            Err(_) => break,
        }
        end = e;
    }
    (items, end)
}

/// True if `text` fails to parse only because it ends too early (an open bracket, a missing
/// operand or `;`): the parser's furthest point of failure is the end of the input. The REPL
/// then reads another line.
pub fn ends_early(text: &str) -> bool {
    match ZeekParser::parse(Rule::file, text) {
        Ok(_) => false,
        Err(e) => {
            let pos = match e.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((p, _)) => p,
            };
            near_token(&text[pos.min(text.len())..]).is_empty()
        }
    }
}

/// Parse a single expression (for `@if` conditions and the REPL).
pub fn parse_expr(file: u32, base: u32, text: &str) -> R<Expr> {
    let b = Builder {
        file,
        base,
        text,
        file_name: "",
        dir: "",
        stmt_depth: Default::default(),
    };
    b.prescan()?;
    let pairs = ZeekParser::parse(Rule::expr_only, text).map_err(|e| b.syntax_error(e))?;
    let p = pairs
        .into_iter()
        .next()
        .unwrap()
        .into_inner()
        .next()
        .unwrap();
    b.expr(p)
}

impl<'a> Builder<'a> {
    fn span(&self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span {
            file: self.file,
            lo: self.base + s.start() as u32,
            hi: self.base + s.end() as u32,
        }
    }

    fn at(&self, offset: usize) -> Span {
        let o = self.base + offset as u32;
        Span {
            file: self.file,
            lo: o,
            hi: o + 1,
        }
    }

    /// Reject bracket nesting deeper than MAX_NESTING before pest recurses into it.
    fn prescan(&self) -> R<()> {
        let bytes = self.text.as_bytes();
        let mut depth = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(Diag::error(
                            format!("nesting too deep (more than {} levels)", MAX_NESTING),
                            self.at(i),
                        ));
                    }
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
        }
        Ok(())
    }

    fn syntax_error(&self, e: pest::error::Error<Rule>) -> Diag {
        let pos = match e.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((p, _)) => p,
        };
        let rest = &self.text[pos.min(self.text.len())..];
        let token = near_token(rest);
        if token.is_empty() {
            let mut d = Diag::new(
                Level::Error,
                format!("syntax error, at end of file {}", self.file_name),
                None,
            );
            d.span = None;
            return d;
        }
        Diag::error(
            format!("syntax error, at or near \"{}\"", token),
            self.at(pos),
        )
    }

    // ------------------------------------------------------------ items and declarations

    fn item(&self, p: Pair<Rule>) -> R<Item> {
        match p.as_rule() {
            Rule::stmt => Ok(Item::Stmt(self.stmt(p)?)),
            _ => Ok(Item::Decl(self.decl(p)?)),
        }
    }

    fn decl(&self, p: Pair<Rule>) -> R<Decl> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut it = p.into_inner();
        Ok(match rule {
            Rule::module_decl => {
                it.next();
                Decl::Module(it.next().unwrap().as_str().to_string())
            }
            Rule::export_decl => {
                it.next();
                Decl::Export(it.map(|d| self.decl(d)).collect::<R<_>>()?)
            }
            Rule::var_decl => Decl::Var(self.var_decl(it, span)?),
            Rule::type_decl => {
                it.next();
                let name = it.next().unwrap().as_str().to_string();
                let ty = self.type_expr(it.next().unwrap())?;
                let attrs = self.attrs(it)?;
                Decl::Type {
                    name,
                    ty,
                    attrs,
                    span,
                }
            }
            Rule::redef_enum => {
                it.next();
                it.next();
                let name = it.next().unwrap().as_str().to_string();
                let items = self.enum_items(it.next().unwrap());
                Decl::RedefEnum { name, items, span }
            }
            Rule::redef_record => {
                it.next();
                it.next();
                let name = it.next().unwrap().as_str().to_string();
                let mut fields = Vec::new();
                for f in it {
                    if f.as_rule() == Rule::field_decl {
                        fields.push(self.field_decl(f)?);
                    }
                }
                Decl::RedefRecord { name, fields, span }
            }
            Rule::redef_decl => {
                it.next();
                let name = it.next().unwrap().as_str().to_string();
                let (init, attrs) = self.init_and_attrs(it)?;
                Decl::Redef {
                    name,
                    init,
                    attrs,
                    span,
                }
            }
            Rule::func_decl => Decl::Func(self.func_decl(it, span)?),
            Rule::redef_type_body => {
                it.next();
                let name = it.next().unwrap().as_str().to_string();
                Decl::RedefBody { name, span }
            }
            r => unreachable!("decl rule {:?}", r),
        })
    }

    fn var_decl(&self, mut it: Pairs<Rule>, span: Span) -> R<VarDecl> {
        let kind_pair = it.next().unwrap();
        let kind = match kind_pair.as_str() {
            "global" => VarKind::Global,
            "const" => VarKind::Const,
            "option" => VarKind::Option,
            _ => VarKind::Local,
        };
        let name = it.next().unwrap().as_str().to_string();
        let mut ty = None;
        let rest: Vec<Pair<Rule>> = it.collect();
        let mut rest = rest.into_iter().peekable();
        if let Some(p) = rest.peek() {
            if p.as_rule() == Rule::type_expr {
                ty = Some(self.type_expr(rest.next().unwrap())?);
            }
        }
        let (init, attrs) = self.init_and_attrs(rest)?;
        Ok(VarDecl {
            kind,
            name,
            ty,
            init,
            attrs,
            span,
        })
    }

    fn init_and_attrs<'i>(&self, it: impl Iterator<Item = Pair<'i, Rule>>) -> R<InitAndAttrs> {
        let mut init = None;
        let mut attrs = Vec::new();
        let mut op = InitOp::Assign;
        for p in it {
            match p.as_rule() {
                Rule::init_op => {
                    op = match p.as_str() {
                        "+=" => InitOp::Add,
                        "-=" => InitOp::Sub,
                        _ => InitOp::Assign,
                    }
                }
                Rule::expr => init = Some((op, self.expr(p)?)),
                Rule::attr => attrs.push(self.attr(p)?),
                _ => {}
            }
        }
        Ok((init, attrs))
    }

    fn func_decl(&self, mut it: Pairs<Rule>, span: Span) -> R<FuncDecl> {
        let kind = match it.next().unwrap().as_str() {
            "event" => FuncKind::Event,
            "hook" => FuncKind::Hook,
            _ => FuncKind::Function,
        };
        let name = it.next().unwrap().as_str().to_string();
        let mut params = Vec::new();
        let mut ret = None;
        let mut attrs = Vec::new();
        let mut body = None;
        for p in it {
            match p.as_rule() {
                Rule::params => params = self.params(p)?,
                Rule::type_expr => ret = Some(self.type_expr(p)?),
                Rule::attr => attrs.push(self.attr(p)?),
                Rule::block => body = Some(Rc::new(self.block(p)?)),
                _ => {}
            }
        }
        Ok(FuncDecl {
            kind,
            name,
            params,
            ret,
            attrs,
            body: body.unwrap(),
            span,
        })
    }

    fn params(&self, p: Pair<Rule>) -> R<Vec<Param>> {
        p.into_inner()
            .map(|q| {
                let mut it = q.into_inner();
                let name = it.next().unwrap().as_str().to_string();
                let ty = self.type_expr(it.next().unwrap())?;
                let attrs = self.attrs(it)?;
                Ok(Param { name, ty, attrs })
            })
            .collect()
    }

    fn attrs(&self, it: Pairs<Rule>) -> R<Vec<Attr>> {
        it.filter(|p| p.as_rule() == Rule::attr)
            .map(|p| self.attr(p))
            .collect()
    }

    fn attr(&self, p: Pair<Rule>) -> R<Attr> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let name = it.next().unwrap().as_str().to_string();
        let value = it.next().map(|e| self.expr(e)).transpose()?;
        Ok(Attr { name, value, span })
    }

    fn field_decl(&self, p: Pair<Rule>) -> R<FieldDecl> {
        let mut it = p.into_inner();
        let name = it.next().unwrap().as_str().to_string();
        let ty = self.type_expr(it.next().unwrap())?;
        let attrs = self.attrs(it)?;
        Ok(FieldDecl { name, ty, attrs })
    }

    fn enum_items(&self, p: Pair<Rule>) -> Vec<EnumItem> {
        p.into_inner()
            .map(|q| {
                let span = self.span(&q);
                let mut it = q.into_inner().peekable();
                let name = it.next().unwrap().as_str().to_string();
                let mut bad_value = None;
                let value = it.next_if(|v| v.as_rule() != Rule::attr).and_then(|v| {
                    let s = v.as_str();
                    let n = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                        Some(h) => u64::from_str_radix(h, 16).ok(),
                        None => s.parse::<u64>().ok(),
                    };
                    match n {
                        _ if s.starts_with('-') => {
                            bad_value = Some("enumerator is not a count constant");
                            None
                        }
                        // Zeek reads it as a signed number: beyond 2^63 it turns negative.
                        Some(n) if n > i64::MAX as u64 => {
                            bad_value = Some("enumerator value cannot be negative");
                            None
                        }
                        n => n.map(|n| n as i64),
                    }
                });
                // An attribute's value that fails to parse is dropped here (enum items only
                // carry &deprecated).
                let attrs = it.filter_map(|a| self.attr(a).ok()).collect();
                EnumItem {
                    name,
                    value,
                    attrs,
                    bad_value,
                    span,
                }
            })
            .collect()
    }

    // ------------------------------------------------------------ types

    fn type_expr(&self, p: Pair<Rule>) -> R<TypeExpr> {
        let inner = p.into_inner().next().unwrap();
        let span = self.span(&inner);
        let rule = inner.as_rule();
        let mut it = inner.into_inner().filter(|q| !is_keyword_rule(q.as_rule()));
        Ok(match rule {
            Rule::t_table => {
                let idx = self.type_list(it.next().unwrap())?;
                TypeExpr::Table(idx, Box::new(self.type_expr(it.next().unwrap())?))
            }
            Rule::t_set => TypeExpr::Set(self.type_list(it.next().unwrap())?),
            Rule::t_vector => TypeExpr::Vector(Box::new(self.type_expr(it.next().unwrap())?)),
            Rule::t_record => TypeExpr::Record(it.map(|f| self.field_decl(f)).collect::<R<_>>()?),
            Rule::t_enum => TypeExpr::Enum(self.enum_items(it.next().unwrap())),
            Rule::t_func | Rule::t_event | Rule::t_hook => {
                let kind = match rule {
                    Rule::t_func => FuncKind::Function,
                    Rule::t_event => FuncKind::Event,
                    _ => FuncKind::Hook,
                };
                let mut params = Vec::new();
                let mut ret = None;
                for q in it {
                    match q.as_rule() {
                        Rule::params => params = self.params(q)?,
                        _ => ret = Some(Box::new(self.type_expr(q)?)),
                    }
                }
                TypeExpr::Func(kind, params, ret)
            }
            Rule::t_file => TypeExpr::File,
            Rule::t_opaque => TypeExpr::Opaque(it.next().unwrap().as_str().to_string()),
            Rule::t_name => TypeExpr::Name(it.next().unwrap().as_str().to_string(), span),
            r => unreachable!("type rule {:?}", r),
        })
    }

    fn type_list(&self, p: Pair<Rule>) -> R<Vec<TypeExpr>> {
        p.into_inner().map(|q| self.type_expr(q)).collect()
    }

    // ------------------------------------------------------------ statements

    fn block(&self, p: Pair<Rule>) -> R<Stmt> {
        let span = self.span(&p);
        let stmts = p.into_inner().map(|s| self.stmt(s)).collect::<R<_>>()?;
        Ok(Stmt {
            kind: StmtKind::Block(stmts),
            span,
        })
    }

    fn stmt(&self, p: Pair<Rule>) -> R<Stmt> {
        let depth = self.stmt_depth.get() + 1;
        if depth > MAX_STMT_DEPTH {
            let msg = format!(
                "statements nested too deeply (more than {})",
                MAX_STMT_DEPTH
            );
            return Err(Diag::error(msg, self.span(&p)));
        }
        self.stmt_depth.set(depth);
        let r = self.stmt_inner(p);
        self.stmt_depth.set(depth - 1);
        r
    }

    fn stmt_inner(&self, p: Pair<Rule>) -> R<Stmt> {
        let inner = if p.as_rule() == Rule::stmt {
            p.into_inner().next().unwrap()
        } else {
            p
        };
        let span = self.span(&inner);
        let rule = inner.as_rule();
        if rule == Rule::block {
            return self.block(inner);
        }
        if rule == Rule::local_stmt {
            return Ok(Stmt {
                kind: StmtKind::Local(self.var_decl(inner.into_inner(), span)?),
                span,
            });
        }
        let mut it = inner.into_inner().filter(|q| !is_keyword_rule(q.as_rule()));
        let kind = match rule {
            Rule::print_stmt => StmtKind::Print(self.expr_list(it.next().unwrap())?),
            Rule::event_stmt => {
                let name = it.next().unwrap().as_str().to_string();
                let args = it
                    .next()
                    .map(|l| self.expr_list(l))
                    .transpose()?
                    .unwrap_or_default();
                StmtKind::Event(name, args)
            }
            Rule::if_stmt => {
                let cond = self.expr(it.next().unwrap())?;
                let then = Box::new(self.stmt(it.next().unwrap())?);
                let els = it.next().map(|s| self.stmt(s)).transpose()?.map(Box::new);
                StmtKind::If(cond, then, els)
            }
            Rule::switch_stmt => {
                let e = self.expr(it.next().unwrap())?;
                let cases = it.map(|c| self.case_clause(c)).collect::<R<_>>()?;
                StmtKind::Switch(e, cases)
            }
            Rule::for_stmt => {
                let vars = self.for_vars(it.next().unwrap());
                let e = self.expr(it.next().unwrap())?;
                StmtKind::For(vars, e, Box::new(self.stmt(it.next().unwrap())?))
            }
            Rule::while_stmt => {
                let e = self.expr(it.next().unwrap())?;
                StmtKind::While(e, Box::new(self.stmt(it.next().unwrap())?))
            }
            Rule::next_stmt => StmtKind::Next,
            Rule::break_stmt => StmtKind::Break,
            Rule::fallthrough_stmt => StmtKind::Fallthrough,
            Rule::return_stmt => StmtKind::Return(it.next().map(|e| self.expr(e)).transpose()?),
            Rule::add_stmt => StmtKind::Add(self.expr(it.next().unwrap())?),
            Rule::delete_stmt => StmtKind::Delete(self.expr(it.next().unwrap())?),
            Rule::local_stmt => unreachable!(),
            Rule::assert_stmt => {
                let e = self.expr(it.next().unwrap())?;
                StmtKind::Assert(e, it.next().map(|m| self.expr(m)).transpose()?)
            }
            Rule::when_stmt => StmtKind::When,
            Rule::null_stmt => StmtKind::Null,
            Rule::expr_stmt => StmtKind::Expr(self.expr(it.next().unwrap())?),
            r => unreachable!("stmt rule {:?}", r),
        };
        Ok(Stmt { kind, span })
    }

    fn case_clause(&self, p: Pair<Rule>) -> R<CaseClause> {
        let mut labels = CaseLabels::Default;
        let mut body = Vec::new();
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::expr_list => labels = CaseLabels::Values(self.expr_list(q)?),
                Rule::type_cases => {
                    let mut v = Vec::new();
                    for tc in q.into_inner() {
                        let mut it = tc.into_inner().filter(|x| !is_keyword_rule(x.as_rule()));
                        let ty = self.type_expr(it.next().unwrap())?;
                        v.push((ty, it.next().map(|i| i.as_str().to_string())));
                    }
                    labels = CaseLabels::Types(v);
                }
                Rule::stmt => body.push(self.stmt(q)?),
                _ => {}
            }
        }
        Ok(CaseClause { labels, body })
    }

    fn for_vars(&self, p: Pair<Rule>) -> ForVars {
        let mut it = p.into_inner();
        let first = it.next().unwrap();
        let val = it.next().map(|v| v.as_str().to_string());
        if first.as_rule() == Rule::for_key_list {
            ForVars::Keys(
                first.into_inner().map(|i| i.as_str().to_string()).collect(),
                val,
            )
        } else {
            ForVars::Simple(first.as_str().to_string(), val)
        }
    }

    // ------------------------------------------------------------ expressions

    fn expr_list(&self, p: Pair<Rule>) -> R<Vec<Expr>> {
        p.into_inner().map(|e| self.expr(e)).collect()
    }

    pub fn expr(&self, p: Pair<Rule>) -> R<Expr> {
        let operators = std::cell::Cell::new(0);
        let count = |op: &Pair<Rule>| {
            operators.set(operators.get() + 1);
            if operators.get() <= MAX_OPERATORS {
                return Ok(());
            }
            let msg = format!(
                "expression too long (more than {} operators)",
                MAX_OPERATORS
            );
            Err(Diag::error(msg, self.span(op)))
        };
        let parsed = PRATT
            .map_primary(|q| self.primary(q))
            .map_prefix(|op, rhs| {
                count(&op)?;
                let rhs = rhs?;
                let span = self.span(&op).to(rhs.span);
                let kind = match op.as_rule() {
                    Rule::op_hook => ExprKind::HookCall(Box::new(rhs)),
                    r => ExprKind::Unary(unop(r), Box::new(rhs)),
                };
                Ok(Expr { kind, span })
            })
            .map_postfix(|lhs, op| {
                count(&op)?;
                self.postfix(lhs?, op)
            })
            .map_infix(|lhs, op, rhs| {
                count(&op)?;
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let kind = match op.as_rule() {
                    Rule::op_assign => {
                        ExprKind::Assign(InitOp::Assign, Box::new(lhs), Box::new(rhs))
                    }
                    Rule::op_assign_add => {
                        ExprKind::Assign(InitOp::Add, Box::new(lhs), Box::new(rhs))
                    }
                    Rule::op_assign_sub => {
                        ExprKind::Assign(InitOp::Sub, Box::new(lhs), Box::new(rhs))
                    }
                    Rule::op_ternary => {
                        let mid = self.expr(op.into_inner().next().unwrap())?;
                        ExprKind::Cond(Box::new(lhs), Box::new(mid), Box::new(rhs))
                    }
                    r => ExprKind::Binary(binop(r), Box::new(lhs), Box::new(rhs)),
                };
                Ok(Expr { kind, span })
            })
            .parse(p.into_inner());
        parsed
    }

    fn postfix(&self, lhs: Expr, op: Pair<Rule>) -> R<Expr> {
        let span = lhs.span.to(self.span(&op));
        let rule = op.as_rule();
        let mut it = op.into_inner().filter(|q| !is_keyword_rule(q.as_rule()));
        let b = Box::new(lhs);
        let kind = match rule {
            Rule::op_field => ExprKind::Field(b, it.next().unwrap().as_str().to_string()),
            Rule::op_has_field => ExprKind::HasField(b, it.next().unwrap().as_str().to_string()),
            Rule::op_index => ExprKind::Index(b, self.expr_list(it.next().unwrap())?),
            Rule::op_slice => self.slice(b, it)?,
            Rule::op_call => ExprKind::Call(
                b,
                it.next()
                    .map(|l| self.call_args(l))
                    .transpose()?
                    .unwrap_or_default(),
            ),
            Rule::op_as => ExprKind::As(b, self.type_expr(it.next().unwrap())?),
            Rule::op_is => ExprKind::Is(b, self.type_expr(it.next().unwrap())?),
            Rule::op_maybe_as => ExprKind::MaybeAs(b, self.type_expr(it.next().unwrap())?),
            r => unreachable!("postfix {:?}", r),
        };
        Ok(Expr { kind, span })
    }

    fn call_args(&self, p: Pair<Rule>) -> R<Vec<Expr>> {
        p.into_inner()
            .map(|q| {
                if q.as_rule() == Rule::field_assign {
                    let span = self.span(&q);
                    let mut i = q.into_inner();
                    let name = i.next().unwrap().as_str().to_string();
                    let e = self.field_value(i.next().unwrap())?;
                    Ok(Expr {
                        kind: ExprKind::FieldAssign(name, Box::new(e)),
                        span,
                    })
                } else {
                    self.expr(q)
                }
            })
            .collect()
    }

    /// `s[a:b]` with either bound optional.
    fn slice(&self, b: Box<Expr>, it: impl Iterator<Item = Pair<'a, Rule>>) -> R<ExprKind> {
        let mut from = None;
        let mut to = None;
        for q in it {
            let e = Box::new(self.expr(q.clone().into_inner().next().unwrap())?);
            if q.as_rule() == Rule::slice_lo {
                from = Some(e);
            } else {
                to = Some(e);
            }
        }
        Ok(ExprKind::Slice(b, from, to))
    }

    fn primary(&self, p: Pair<Rule>) -> R<Expr> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let kind = match rule {
            Rule::paren => ExprKind::Paren(Box::new(self.expr(p.into_inner().next().unwrap())?)),
            Rule::size_expr => ExprKind::Size(Box::new(self.expr(p.into_inner().next().unwrap())?)),
            Rule::record_ctor => ExprKind::RecordCtor(self.field_assigns(p.into_inner())?),
            Rule::record_kw_ctor => ExprKind::RecordCtor(self.field_assigns(p.into_inner())?),
            Rule::list_ctor => ExprKind::List(self.opt_list(p.into_inner())?),
            Rule::brace_ctor | Rule::table_ctor | Rule::set_ctor => {
                let mut args = Vec::new();
                let mut attrs = Vec::new();
                for q in p.into_inner() {
                    match q.as_rule() {
                        Rule::expr_list => args = self.expr_list(q)?,
                        Rule::attr => attrs.push(self.attr(q)?),
                        _ => {}
                    }
                }
                match rule {
                    Rule::brace_ctor => ExprKind::Brace(args, attrs),
                    Rule::table_ctor => ExprKind::TableCtor(args, attrs),
                    _ => ExprKind::SetCtor(args, attrs),
                }
            }
            Rule::vector_ctor => ExprKind::VectorCtor(self.opt_list(p.into_inner())?),
            Rule::type_value => {
                ExprKind::TypeValue(self.type_expr(p.into_inner().next().unwrap())?)
            }
            Rule::lambda => ExprKind::Lambda(Rc::new(self.lambda(p)?)),
            Rule::schedule_expr => {
                let mut it = p.into_inner().filter(|q| !is_keyword_rule(q.as_rule()));
                let when = self.expr(it.next().unwrap())?;
                let name = it.next().unwrap().as_str().to_string();
                let args = it
                    .next()
                    .map(|l| self.expr_list(l))
                    .transpose()?
                    .unwrap_or_default();
                ExprKind::Schedule(Box::new(when), name, args)
            }
            Rule::at_dir => ExprKind::Lit(Literal::Str(self.dir.as_bytes().into())),
            Rule::at_filename => {
                let base = self.file_name.rsplit('/').next().unwrap_or(self.file_name);
                ExprKind::Lit(Literal::Str(base.as_bytes().into()))
            }
            Rule::name => ExprKind::Name(p.as_str().to_string()),
            _ => ExprKind::Lit(self.literal(p)?),
        };
        Ok(Expr { kind, span })
    }

    fn opt_list(&self, mut it: Pairs<Rule>) -> R<Vec<Expr>> {
        let l = it.find(|q| q.as_rule() == Rule::expr_list);
        Ok(l.map(|l| self.expr_list(l))
            .transpose()?
            .unwrap_or_default())
    }

    fn field_assigns(&self, it: Pairs<Rule>) -> R<Vec<(String, Expr)>> {
        it.filter(|q| q.as_rule() == Rule::field_assign)
            .map(|q| {
                let mut i = q.into_inner();
                let name = i.next().unwrap().as_str().to_string();
                Ok((name, self.field_value(i.next().unwrap())?))
            })
            .collect()
    }

    /// What a `$field` is given: an expression, or a function body (`$f(a: T) = { ... }`).
    fn field_value(&self, p: Pair<Rule>) -> R<Expr> {
        if p.as_rule() != Rule::field_lambda {
            return self.expr(p);
        }
        let span = self.span(&p);
        Ok(Expr {
            kind: ExprKind::Lambda(Rc::new(self.lambda(p)?)),
            span,
        })
    }

    fn lambda(&self, p: Pair<Rule>) -> R<Lambda> {
        let mut captures = None;
        let mut copied = Vec::new();
        let mut params = Vec::new();
        let mut ret = None;
        let mut body = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::captures => {
                    let mut names = Vec::new();
                    for c in q.into_inner() {
                        let deep = c
                            .clone()
                            .into_inner()
                            .any(|x| x.as_rule() == Rule::capture_copy);
                        let name = c.into_inner().last().unwrap().as_str().to_string();
                        if deep {
                            copied.push(name.clone());
                        }
                        names.push(name);
                    }
                    captures = Some(names)
                }
                Rule::params => params = self.params(q)?,
                Rule::type_expr => ret = Some(self.type_expr(q)?),
                Rule::block => body = Some(Rc::new(self.block(q)?)),
                _ => {}
            }
        }
        Ok(Lambda {
            captures,
            copied,
            params,
            ret,
            body: body.unwrap(),
        })
    }

    fn literal(&self, p: Pair<Rule>) -> R<Literal> {
        let s = p.as_str();
        let span = self.span(&p);
        let bad = |what: &str| Diag::error(format!("bad {} literal: {}", what, s), span);
        Ok(match p.as_rule() {
            Rule::bool_lit => Literal::Bool(s == "T"),
            Rule::int_lit => Literal::Count(s.parse().map_err(|_| bad("count"))?),
            Rule::hex_lit => {
                Literal::Count(u64::from_str_radix(&s[2..], 16).map_err(|_| bad("hex"))?)
            }
            Rule::double_lit => Literal::Double(s.parse().map_err(|_| bad("double"))?),
            Rule::interval_lit => {
                let mut it = p.into_inner();
                let n: f64 = it
                    .next()
                    .unwrap()
                    .as_str()
                    .parse()
                    .map_err(|_| bad("interval"))?;
                Literal::Interval(n * unit_seconds(it.next().unwrap().as_str()))
            }
            Rule::string_lit if s.contains('\0') => {
                let msg = "strings cannot contain NUL bytes - use a \\x00 escape sequence instead";
                return Err(Diag::new(Level::Fatal, msg, Some(span)));
            }
            Rule::string_lit => Literal::Str(unescape(&s[1..s.len() - 1]).into()),
            Rule::pattern_lit => {
                let close = s.rfind('/').unwrap_or(s.len() - 1);
                let flags = &s[close + 1..];
                let body = s[1..close].to_string();
                // `s` makes `.` match newlines too.
                let body = if flags.contains('s') {
                    format!("(?s:{})", body)
                } else {
                    body
                };
                Literal::Pattern(body, flags.contains('i'))
            }
            Rule::port_lit => {
                let (n, proto) = s.split_once('/').unwrap();
                let n: u32 = n.parse().map_err(|_| bad("port"))?;
                if n > 65535 {
                    return Err(Diag::error(format!("bad port number - {}", s), span));
                }
                Literal::Port(n, proto_code(proto))
            }
            Rule::addr_lit => {
                let t = s
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .replace("0x", "")
                    .replace("0X", "");
                let t = t.as_str();
                Literal::Addr(crate::runtime::render::parse_addr(t).ok_or_else(|| bad("address"))?)
            }
            Rule::subnet_lit => {
                let (a, len) = s.rsplit_once('/').unwrap();
                let (a, len) = (a.trim(), len.trim());
                let t = a.trim_start_matches('[').trim_end_matches(']');
                let addr = crate::runtime::render::parse_addr(t).ok_or_else(|| bad("subnet"))?;
                let mut len: u32 = len.parse().map_err(|_| bad("subnet"))?;
                if !t.contains(':') {
                    len += 96;
                }
                if len > 128 {
                    return Err(bad("subnet"));
                }
                Literal::Subnet(
                    crate::runtime::render::mask_addr(&addr, len as u8),
                    len as u8,
                )
            }
            r => unreachable!("literal {:?}", r),
        })
    }
}

fn is_keyword_rule(r: Rule) -> bool {
    use Rule::*;
    matches!(
        r,
        kw_add
            | kw_as
            | kw_assert
            | kw_break
            | kw_case
            | kw_const
            | kw_default
            | kw_delete
            | kw_else
            | kw_enum
            | kw_event
            | kw_export
            | kw_fallthrough
            | kw_file
            | kw_for
            | kw_function
            | kw_global
            | kw_hook
            | kw_if
            | kw_in
            | kw_is
            | kw_local
            | kw_module
            | kw_next
            | kw_of
            | kw_opaque
            | kw_option
            | kw_print
            | kw_record
            | kw_redef
            | kw_return
            | kw_schedule
            | kw_set
            | kw_switch
            | kw_table
            | kw_type
            | kw_vector
            | kw_when
            | kw_timeout
            | kw_while
    )
}

fn unop(r: Rule) -> UnOp {
    match r {
        Rule::op_not => UnOp::Not,
        Rule::op_bitnot => UnOp::BitNot,
        Rule::op_neg => UnOp::Neg,
        Rule::op_pos => UnOp::Pos,
        Rule::op_incr => UnOp::Incr,
        _ => UnOp::Decr,
    }
}

fn binop(r: Rule) -> BinOp {
    match r {
        Rule::op_or => BinOp::Or,
        Rule::op_and => BinOp::And,
        Rule::op_eq => BinOp::Eq,
        Rule::op_ne => BinOp::Ne,
        Rule::op_lt => BinOp::Lt,
        Rule::op_le => BinOp::Le,
        Rule::op_gt => BinOp::Gt,
        Rule::op_ge => BinOp::Ge,
        Rule::op_in => BinOp::In,
        Rule::op_not_in => BinOp::NotIn,
        Rule::op_bitor => BinOp::BitOr,
        Rule::op_bitxor => BinOp::BitXor,
        Rule::op_bitand => BinOp::BitAnd,
        Rule::op_shl => BinOp::Shl,
        Rule::op_shr => BinOp::Shr,
        Rule::op_add => BinOp::Add,
        Rule::op_sub => BinOp::Sub,
        Rule::op_mul => BinOp::Mul,
        Rule::op_div => BinOp::Div,
        _ => BinOp::Mod,
    }
}

pub fn proto_code(p: &str) -> u8 {
    match p {
        "tcp" => 1,
        "udp" => 2,
        "icmp" => 3,
        _ => 0,
    }
}

fn unit_seconds(u: &str) -> f64 {
    match u.trim_end_matches('s') {
        "usec" => 1e-6,
        "msec" => 1e-3,
        "sec" => 1.0,
        "min" => 60.0,
        "hr" => 3600.0,
        _ => 86400.0,
    }
}

/// Decode a string literal body (Latin-1 chars) with Zeek's escapes into bytes.
pub fn unescape(s: &str) -> Vec<u8> {
    let b: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = b[i];
        i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'e' => out.push(27),
            b'x' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && i < b.len() && (b[i] as char).is_ascii_hexdigit() {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap();
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            other => out.push(other),
        }
    }
    out
}

/// The token at the start of `rest`, for "at or near" messages.
fn near_token(rest: &str) -> String {
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return String::new();
    };
    if c.is_ascii_alphanumeric() || c == '_' {
        rest.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':' || *c == '.')
            .collect()
    } else if c == '"' {
        let end = rest[1..].find('"').map(|i| i + 2).unwrap_or(rest.len());
        rest[..end].to_string()
    } else {
        for two in [
            "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "++", "--", "?$",
        ] {
            if rest.starts_with(two) {
                return two.to_string();
            }
        }
        c.to_string()
    }
}
