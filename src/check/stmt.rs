//! Statement checking, including locals, loops and switch.

use super::{Checker, R};
use crate::ir::{self, ForKind, StmtKind as S};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, ForVars, Span, StmtKind as A};
use crate::types::Type;

fn st(kind: S, span: Span) -> ir::Stmt {
    ir::Stmt { kind, span }
}

impl Checker {
    /// A part of an `assert` that must have type `want` (bool or string).
    fn assert_part(&mut self, e: &ast::Expr, want: Type, msg: &str) -> R<ir::Expr> {
        let x = self.expr(e)?;
        if x.ty.same(&want) || matches!(x.ty, Type::Any | Type::Error) {
            return Ok(x);
        }
        let ctx = self.src_text(e.span);
        Err(self.err(msg, e.span).with_ctx(ctx))
    }

    fn scope_mut(&mut self) -> &mut super::FuncScope {
        if self.scope.is_none() {
            return &mut self.toplevel;
        }
        self.scope.as_mut().unwrap()
    }

    pub fn stmt(&mut self, s: &ast::Stmt) -> R<ir::Stmt> {
        let span = s.span;
        Ok(match &s.kind {
            A::Block(b) => st(S::Block(self.stmts(b)?), span),
            A::Print(args) => self.print(args, span)?,
            A::Event(name, args) => {
                let (callee, args) = self.event_call(name, args, span)?;
                st(S::Event(callee, args), span)
            }
            A::If(c, a, b) => {
                let c = self.expect_bool(c)?;
                let a = Box::new(self.stmt(a)?);
                let b = b.as_ref().map(|b| self.stmt(b)).transpose()?.map(Box::new);
                st(S::If(c, a, b), span)
            }
            A::Switch(e, cases) => self.switch(e, cases, span)?,
            A::For(vars, e, body) => self.for_stmt(vars, e, body, span)?,
            A::While(c, body) => {
                let c = self.expect_bool(c)?;
                self.scope_mut().loop_depth += 1;
                let b = self.stmt(body);
                self.scope_mut().loop_depth -= 1;
                st(S::While(c, Box::new(b?)), span)
            }
            A::Next => {
                // Unlike `break`, `next` has no meaning in a switch or a hook body.
                if self.scope_mut().loop_depth == 0 {
                    let msg = "next statement used outside of for or while statement.";
                    return Err(self.err(msg, span).with_ctx("next "));
                }
                st(S::Next, span)
            }
            A::Break => {
                let sc = self.scope_mut();
                if sc.loop_depth == 0
                    && sc.switch_depth == 0
                    && sc.kind != Some(ast::FuncKind::Hook)
                {
                    let msg = "break statement used outside of for, while or switch statement and not within a hook.";
                    return Err(self.err(msg, span).with_ctx("break "));
                }
                st(S::Break, span)
            }
            A::Fallthrough => st(S::Fallthrough, span),
            A::Return(e) => self.return_stmt(e, span)?,
            A::Add(e) | A::Delete(e) => self.add_delete(matches!(s.kind, A::Add(_)), e, span)?,
            A::Local(d) => self.local(d)?,
            A::Assert(c, msg) => {
                let cx = self.assert_part(c, Type::Bool, "conditional must be boolean")?;
                // Rendered after checking: calls show the default arguments filled in.
                let text = crate::syntax::render::canonical(c.span, true);
                let c = cx;
                let m = msg
                    .as_ref()
                    .map(|m| self.assert_part(m, Type::String, "message must be string"))
                    .transpose()?;
                st(S::Assert(c, m, text), span)
            }
            A::When => return Err(self.err("when statements are not supported", span)),
            A::Null => st(S::Null, span),
            A::Expr(e) => {
                let x = self.expr(e)?;
                if value_ignored(&e.kind) {
                    let ctx = crate::syntax::render::canonical(e.span, false);
                    let w = crate::diag::Diag::new(
                        crate::diag::Level::Warning,
                        "expression value ignored",
                        Some(e.span),
                    );
                    w.with_ctx(ctx).emit();
                }
                st(S::Expr(x), span)
            }
        })
    }

    pub fn stmts(&mut self, b: &[ast::Stmt]) -> R<Vec<ir::Stmt>> {
        let mut out = Vec::with_capacity(b.len());
        let mut first_err = None;
        for s in b {
            match self.stmt(s) {
                Ok(x) => out.push(x),
                Err(d) => {
                    // Report and go on, so one run shows every error (an empty message was
                    // already reported further down).
                    if !d.msg.is_empty() {
                        d.emit();
                    }
                    first_err.get_or_insert(d);
                }
            }
        }
        match first_err {
            Some(mut d) => {
                d.msg.clear();
                Err(d)
            }
            None => Ok(out),
        }
    }

    fn print(&mut self, args: &[ast::Expr], span: Span) -> R<ir::Stmt> {
        let mut xs = args.iter().map(|a| self.expr(a)).collect::<R<Vec<_>>>()?;
        if xs.iter().any(|x| matches!(x.ty, Type::Void)) {
            let shown: Vec<String> = args
                .iter()
                .map(|a| crate::syntax::render::canonical(a.span, false))
                .collect();
            let ctx = format!("print {}", shown.join(", "));
            return Err(self.err("value of type void illegal", span).with_ctx(ctx));
        }
        let file = if !xs.is_empty() && matches!(xs[0].ty, Type::File) {
            Some(xs.remove(0))
        } else {
            None
        };
        Ok(st(S::Print(file, xs), span))
    }

    fn return_stmt(&mut self, e: &Option<ast::Expr>, span: Span) -> R<ir::Stmt> {
        let ret = self.scope_mut().ret.clone();
        let kind = self.scope_mut().kind;
        let shown = |e: &ast::Expr| {
            let value = crate::syntax::render::canonical(e.span, false);
            format!("return ({value})")
        };
        if let (Some(e), Some(ast::FuncKind::Hook)) = (e, kind) {
            let ctx = shown(e);
            let msg = "Remove in v9.1: Returning values from a hook is deprecated. Consider using \
                       'break' to inhibit lower-priority hooks, otherwise use an empty return if \
                       necessary.";
            if !crate::diag::deprecations_ignored(span) {
                crate::diag::Diag::new(crate::diag::Level::Warning, msg, Some(span))
                    .with_ctx(ctx)
                    .emit();
            }
        }
        if let (Some(e), Some(Type::Void), Some(ast::FuncKind::Function)) = (e, &ret, kind) {
            let ctx = shown(e);
            return Err(self
                .err("return statement cannot have an expression", span)
                .with_ctx(ctx));
        }
        let x = match (e, ret) {
            (Some(e), Some(t)) if !matches!(t, Type::Void) => {
                let x = self.expr_want(e, Some(&t))?;
                Some(self.coerce(x, &t, span)?)
            }
            (Some(e), _) => Some(self.expr(e)?),
            (None, _) => None,
        };
        Ok(st(S::Return(x), span))
    }

    fn add_delete(&mut self, add: bool, e: &ast::Expr, span: Span) -> R<ir::Stmt> {
        match &e.kind {
            ast::ExprKind::Index(c, idx) => {
                let c = self.expr(c)?;
                let items = idx.iter().map(|i| self.expr(i)).collect::<R<Vec<_>>>()?;
                let items = match &c.ty {
                    Type::Table(t) => self.coerce_index(items, &t.index.clone(), span)?,
                    _ => items,
                };
                Ok(st(
                    if add {
                        S::Add(c, items)
                    } else {
                        S::Delete(c, items)
                    },
                    span,
                ))
            }
            ast::ExprKind::Field(r, f) if !add => {
                let r = self.expr(r)?;
                match &r.ty {
                    Type::Record(rt) => match rt.field_index(f) {
                        // Only a field that may be absent can be deleted.
                        Some(i) if rt.field(i).is_optional() => Ok(st(S::DeleteField(r, i), span)),
                        Some(_) => {
                            let ctx = format!("delete {}", self.src_text(e.span));
                            Err(self.err("illegal delete expression", span).with_ctx(ctx))
                        }
                        None => {
                            let ctx = self.src_text(e.span);
                            Err(self.err("no such field in record", span).with_ctx(ctx))
                        }
                    },
                    _ => Err(self.err("not a record", span)),
                }
            }
            _ if !add => {
                let c = self.expr(e)?;
                match c.ty {
                    Type::Table(_) | Type::Vector(_) => Ok(st(S::Clear(c), span)),
                    _ => Err(self
                        .err("illegal delete statement", span)
                        .with_ctx(self.src_text(e.span))),
                }
            }
            _ => {
                let what = if add { "add" } else { "delete" };
                let ctx = self.src_text(e.span);
                Err(self
                    .err(format!("illegal {} statement", what), span)
                    .with_ctx(ctx))
            }
        }
    }

    /// Locals live as long as their function, so a second `local` of a name in one body is an
    /// error as in Zeek: "already defined", or for a function type declared without a value,
    /// "redeclaration of function". (Top-level code and the blank name `_` are exempt.)
    fn local_redeclared(&mut self, d: &ast::VarDecl, declared: Option<&Type>) -> R<()> {
        if self.scope.is_none() || crate::program::is_blank(&d.name) {
            return Ok(());
        }
        let Some((first, old)) = self.scope_mut().local_decls.get(&d.name).cloned() else {
            let ty = declared.cloned().unwrap_or(Type::Error);
            self.scope_mut()
                .local_decls
                .insert(d.name.clone(), (d.span, ty));
            return Ok(());
        };
        if let (Some(new @ Type::Func(_)), Type::Func(_), None) = (declared, &old, &d.init) {
            let ctx = format!("{} and {}", new.describe(), old.describe());
            let e = self.err("redeclaration of function", d.span);
            return Err(e.with_span2(first).with_ctx(ctx));
        }
        let e = self.err("already defined", first);
        Err(e.with_span2(d.span).with_ctx(d.name.clone()))
    }

    pub fn local(&mut self, d: &ast::VarDecl) -> R<ir::Stmt> {
        let span = d.span;
        let declared = d.ty.as_ref().map(|t| self.resolve_type(t)).transpose()?;
        self.check_var_attrs(&d.attrs)?;
        self.local_redeclared(d, declared.as_ref())?;
        let init = match &d.init {
            Some((_, e)) => match self.expr_want(e, declared.as_ref()) {
                Ok(x) => Some(x),
                Err(err) => {
                    let ty = declared.clone().unwrap_or(Type::Error);
                    self.scope_mut().declare(&d.name, ty, false);
                    return Err(err);
                }
            },
            None => None,
        };
        let ty = match (&declared, &init) {
            (Some(t), _) => t.clone(),
            (None, Some(x)) => x.ty.clone(),
            (None, None) => return Err(self.err("no type given", span)),
        };
        let init = match init {
            Some(x) => match self.coerce_assign(x, &ty, &d.name, span) {
                Ok(x) => Some(x),
                Err(err) => {
                    self.scope_mut().declare(&d.name, ty, false);
                    return Err(err);
                }
            },
            None => None,
        };
        let is_const = d.kind == ast::VarKind::Const;
        let slot = self.scope_mut().declare(&d.name, ty.clone(), is_const);
        let value = match init {
            Some(x) => self.with_attrs(x, &d.attrs, &ty)?,
            None => match self.empty_container(&ty, &d.attrs, span)? {
                Some(x) => x,
                // A record local starts as a record with every field unset (or defaulted).
                None if matches!(ty, Type::Record(_)) => {
                    let Type::Record(rt) = &ty else {
                        unreachable!()
                    };
                    ir::Expr {
                        kind: ir::ExprKind::RecordCtor(rt.clone(), vec![]),
                        ty: ty.clone(),
                        span,
                    }
                }
                None => ir::Expr {
                    kind: ir::ExprKind::Const(Value::Void),
                    ty: ty.clone(),
                    span,
                },
            },
        };
        Ok(st(S::Init(slot, value), span))
    }

    /// An empty table/set/vector for a declaration without initializer.
    pub fn empty_container(
        &mut self,
        ty: &Type,
        attrs: &[ast::Attr],
        span: Span,
    ) -> R<Option<ir::Expr>> {
        Ok(match ty {
            Type::Table(t) => {
                let ta = self.table_attrs(attrs, ty)?;
                Some(ir::Expr {
                    kind: ir::ExprKind::TableCtor(t.clone(), vec![], std::rc::Rc::new(ta)),
                    ty: ty.clone(),
                    span,
                })
            }
            Type::Vector(e) => Some(ir::Expr {
                kind: ir::ExprKind::VectorCtor((**e).clone(), vec![]),
                ty: ty.clone(),
                span,
            }),
            // A record variable without initializer holds a record with its fields unset.
            Type::Record(rt) => Some(ir::Expr {
                kind: ir::ExprKind::RecordCtor(rt.clone(), vec![]),
                ty: ty.clone(),
                span,
            }),
            _ => None,
        })
    }

    /// Apply declaration attributes (`&default`, `&on_change`, `&ordered`) to an initial table value.
    pub fn with_attrs(&mut self, x: ir::Expr, attrs: &[ast::Attr], ty: &Type) -> R<ir::Expr> {
        if !matches!(ty, Type::Table(_))
            || !attrs.iter().any(|a| {
                matches!(
                    a.name.as_str(),
                    "default"
                        | "default_insert"
                        | "on_change"
                        | "ordered"
                        | "create_expire"
                        | "read_expire"
                        | "write_expire"
                        | "expire_func"
                )
            })
        {
            return Ok(x);
        }
        let ta = self.table_attrs(attrs, ty)?;
        let span = x.span;
        Ok(ir::Expr {
            kind: ir::ExprKind::WithAttrs(Box::new(x), std::rc::Rc::new(ta)),
            ty: ty.clone(),
            span,
        })
    }

    fn for_stmt(
        &mut self,
        vars: &ForVars,
        e: &ast::Expr,
        body: &ast::Stmt,
        span: Span,
    ) -> R<ir::Stmt> {
        let c = self.expr(e)?;
        let kind = match (&c.ty, vars) {
            (Type::Table(t), ForVars::Simple(k, v)) => {
                let kt = if t.index.len() == 1 {
                    t.index[0].clone()
                } else {
                    Type::List(t.index.clone().into())
                };
                let ks = self.scope_mut().declare(k, kt, false);
                let vs = v.as_ref().map(|v| {
                    self.scope_mut()
                        .declare(v, t.yield_ty.clone().unwrap_or(Type::Any), false)
                });
                ForKind::Table(vec![ks], vs)
            }
            (Type::Table(t), ForVars::Keys(ks, v)) => {
                if ks.len() != t.index.len() {
                    return Err(self.err("wrong number of index variables", span));
                }
                let slots = ks
                    .iter()
                    .zip(t.index.clone())
                    .map(|(k, ty)| self.scope_mut().declare(k, ty, false))
                    .collect();
                let vs = v.as_ref().map(|v| {
                    self.scope_mut()
                        .declare(v, t.yield_ty.clone().unwrap_or(Type::Any), false)
                });
                ForKind::Table(slots, vs)
            }
            (Type::Vector(et), ForVars::Keys(ks, v)) if ks.len() == 1 => {
                let ks = self.scope_mut().declare(&ks[0], Type::Count, false);
                let vs = v
                    .as_ref()
                    .map(|v| self.scope_mut().declare(v, (**et).clone(), false));
                ForKind::Vector(ks, vs)
            }
            (Type::Vector(et), ForVars::Simple(k, v)) => {
                let ks = self.scope_mut().declare(k, Type::Count, false);
                let vs = v
                    .as_ref()
                    .map(|v| self.scope_mut().declare(v, (**et).clone(), false));
                ForKind::Vector(ks, vs)
            }
            (Type::String, ForVars::Simple(k, v)) => {
                let (kt, vt) = if v.is_some() {
                    (Type::Count, Some(Type::String))
                } else {
                    (Type::String, None)
                };
                let ks = self.scope_mut().declare(k, kt, false);
                let vs = v
                    .as_ref()
                    .map(|v| self.scope_mut().declare(v, vt.clone().unwrap(), false));
                ForKind::Str(ks, vs)
            }
            _ => {
                let ctx = self.src_text(e.span);
                return Err(self
                    .err(
                        "target to iterate over must be a table, set, vector, or string",
                        span,
                    )
                    .with_ctx(ctx));
            }
        };
        self.scope_mut().loop_depth += 1;
        let b = self.stmt(body);
        self.scope_mut().loop_depth -= 1;
        Ok(st(S::For(kind, c, Box::new(b?)), span))
    }

    fn switch(&mut self, e: &ast::Expr, cases: &[ast::CaseClause], span: Span) -> R<ir::Stmt> {
        let x = self.expr(e)?;
        let mut out = Vec::new();
        let mut default = None;
        self.scope_mut().switch_depth += 1;
        for (i, c) in cases.iter().enumerate() {
            let mut case = ir::Case {
                values: vec![],
                types: vec![],
                body: vec![],
            };
            match &c.labels {
                ast::CaseLabels::Default => default = Some(i),
                ast::CaseLabels::Values(vs) => {
                    for v in vs {
                        let cx = self.expr(v)?;
                        let cx = self.coerce(cx, &x.ty, v.span)?;
                        match crate::runtime::Interp::const_eval(&cx) {
                            Some(val) => case.values.push(val),
                            None => {
                                return Err(self.err("case label expression isn't constant", v.span))
                            }
                        }
                    }
                }
                ast::CaseLabels::Types(ts) => {
                    for (t, bind) in ts {
                        let ty = self.resolve_type(t)?;
                        let slot = bind
                            .as_ref()
                            .map(|b| self.scope_mut().declare(b, ty.clone(), false));
                        case.types.push((ty, slot));
                    }
                }
            }
            case.body = self.stmts(&c.body)?;
            out.push(case);
        }
        self.scope_mut().switch_depth -= 1;
        Ok(st(S::Switch(x, out, default), span))
    }
}

/// Expression statements without an effect, which Zeek warns about.
fn value_ignored(e: &ast::ExprKind) -> bool {
    use ast::ExprKind as E;
    match e {
        E::Paren(x) => value_ignored(&x.kind),
        E::Unary(op, x) => {
            !matches!(op, ast::UnOp::Incr | ast::UnOp::Decr) && value_ignored(&x.kind)
        }
        E::Binary(_, a, b) => value_ignored(&a.kind) && value_ignored(&b.kind),
        E::Lit(_) | E::Name(_) | E::Field(..) | E::HasField(..) | E::Size(_) => true,
        _ => false,
    }
}
