//! Calls: functions, bifs (with the few whose result type depends on their argument), hooks,
//! events and named-type constructors such as `MyRec($a=1)` or `MyTable([1] = "x")`.

use super::{Checker, Resolved, R};
use crate::ir::{self, ExprKind as K};
use crate::syntax::ast::{self, ExprKind as A, Span};
use crate::types::Type;
use std::rc::Rc;

impl Checker {
    pub fn call(&mut self, f: &ast::Expr, args: &[ast::Expr], span: Span) -> R<ir::Expr> {
        if let A::Name(n) = &f.kind {
            if n == "copy" {
                let Some(a) = args.first() else {
                    return Err(self.err_arity(span));
                };
                let x = self.expr(a)?;
                let ty = x.ty.clone();
                return Ok(ir::Expr {
                    kind: K::Copy(Box::new(x)),
                    ty,
                    span,
                });
            }
            if let Some(Resolved::TypeName(t)) = self.resolve(n) {
                return self.named_ctor(&t, args, span);
            }
        }
        let callee = self.expr(f)?;
        let ft = match &callee.ty {
            Type::Func(ft) => ft.clone(),
            Type::Any | Type::Error => {
                let args = args.iter().map(|a| self.expr(a)).collect::<R<Vec<_>>>()?;
                return Ok(ir::Expr {
                    kind: K::Call(Box::new(callee), args),
                    ty: Type::Any,
                    span,
                });
            }
            _ => {
                let ctx = self.src_text(f.span);
                return Err(self.err("not a function", span).with_ctx(ctx));
            }
        };
        let argx = self.call_args(&callee.ty, args, span)?;
        let mut ret = ft.ret.clone();
        if let K::Global(slot) = &callee.kind {
            if let Some(t) = self.bif_result_type(*slot, &argx) {
                ret = t;
            }
        }
        if ft.kind == ast::FuncKind::Event {
            return Err(self.err("events cannot be invoked as functions", span));
        }
        Ok(ir::Expr {
            kind: K::Call(Box::new(callee), argx),
            ty: ret,
            span,
        })
    }

    #[cold]
    fn err_arity(&mut self, span: Span) -> crate::diag::Diag {
        self.err("argument type mismatch", span)
    }

    /// Check arguments against a function type: coercions and defaults.
    pub fn call_args(&mut self, fty: &Type, args: &[ast::Expr], span: Span) -> R<Vec<ir::Expr>> {
        let Type::Func(ft) = fty else {
            return args.iter().map(|a| self.expr(a)).collect();
        };
        if ft.varargs {
            return args.iter().map(|a| self.expr(a)).collect();
        }
        if args.len() > ft.params.len() {
            return Err(self
                .err("argument type mismatch", span)
                .with_ctx("too many arguments"));
        }
        let mut out = Vec::new();
        let mut defaults = Vec::new();
        for (i, p) in ft.params.iter().enumerate() {
            match args.get(i) {
                Some(a) => {
                    let x = self.expr_want(a, Some(&p.ty))?;
                    let x = self.coerce(x, &p.ty, a.span).map_err(|d| {
                        let ctx = format!("{} and {}", p.ty.describe(), self.src_text(a.span));
                        crate::diag::Diag::error("argument type mismatch", a.span)
                            .with_ctx(ctx)
                            .with_span2(d.span.unwrap_or(span))
                    })?;
                    out.push(x);
                }
                None => match &p.default {
                    Some(d) => out.push({
                        defaults.push(d.span);
                        ir::Expr {
                            kind: K::Shared(d.clone()),
                            ty: p.ty.clone(),
                            span,
                        }
                    }),
                    None => {
                        return Err(self
                            .err("argument type mismatch", span)
                            .with_ctx("too few arguments"))
                    }
                },
            }
        }
        crate::syntax::render::note_default_args(span, defaults);
        Ok(out)
    }

    /// Result types of bifs that depend on their arguments.
    fn bif_result_type(&self, slot: u32, args: &[ir::Expr]) -> Option<Type> {
        let name = self.bif_names.get(&slot)?;
        let a0 = args.first().map(|a| a.ty.clone());
        match (name.as_str(), a0) {
            ("sort", Some(t)) => Some(t),
            ("table_keys", Some(Type::Table(t))) => Some(Type::set_of(t.index.clone())),
            ("table_values", Some(Type::Table(t))) => {
                Some(Type::vector_of(t.yield_ty.clone().unwrap_or(Type::Any)))
            }
            _ => None,
        }
    }

    fn named_ctor(&mut self, t: &Type, args: &[ast::Expr], span: Span) -> R<ir::Expr> {
        match t {
            Type::Record(rt) => {
                let mut fields = Vec::new();
                for a in args {
                    match &a.kind {
                        A::FieldAssign(n, e) => fields.push((n.clone(), (**e).clone())),
                        _ => return Err(self.err("bad record constructor argument", a.span)),
                    }
                }
                self.warn_set_fields(rt, fields.iter().map(|(n, _)| n.as_str()), span, || {
                    crate::syntax::render::canonical(span, false)
                });
                self.record_ctor_typed(rt.clone(), &fields, span)
            }
            Type::Table(tt) => {
                let e = ast::Expr {
                    kind: if tt.is_set() {
                        A::SetCtor(args.to_vec(), vec![])
                    } else {
                        A::TableCtor(args.to_vec(), vec![])
                    },
                    span,
                };
                let x = self.expr_want(&e, Some(t))?;
                Ok(ir::Expr { ty: t.clone(), ..x })
            }
            Type::Vector(_) => {
                let e = ast::Expr {
                    kind: A::VectorCtor(args.to_vec()),
                    span,
                };
                let x = self.expr_want(&e, Some(t))?;
                Ok(ir::Expr { ty: t.clone(), ..x })
            }
            _ => {
                let a = args
                    .first()
                    .ok_or_else(|| self.err("bad type conversion", span))?;
                let x = self.expr(a)?;
                self.coerce(x, t, span)
            }
        }
    }

    /// The event statement / schedule target: an event name with arguments.
    pub fn event_call(
        &mut self,
        name: &str,
        args: &[ast::Expr],
        span: Span,
    ) -> R<(ir::Expr, Vec<ir::Expr>)> {
        let callee = match self.resolve(name) {
            Some(Resolved::Global(g)) => {
                self.warn_if_deprecated_name(name, span);
                ir::Expr {
                    kind: K::Global(g.slot),
                    ty: g.ty,
                    span,
                }
            }
            Some(Resolved::Local(..)) => {
                let msg = format!("local identifier \"{}\" cannot be used to reference an event, at or near \")\"", name);
                return Err(self.err(msg, span));
            }
            _ => {
                // Zeek lets an event be raised before any handler exists.
                let full = self.full_name(name);
                let argx = args.iter().map(|a| self.expr(a)).collect::<R<Vec<_>>>()?;
                let params = argx
                    .iter()
                    .enumerate()
                    .map(|(i, a)| crate::types::ParamType {
                        name: format!("a{}", i),
                        ty: a.ty.clone(),
                        default: None,
                    })
                    .collect();
                let ft = Rc::new(crate::types::FuncType {
                    kind: ast::FuncKind::Event,
                    params,
                    ret: Type::Void,
                    varargs: false,
                });
                let g = self.new_global(full, Type::Func(ft), ast::VarKind::Global);
                return Ok((
                    ir::Expr {
                        kind: K::Global(g.slot),
                        ty: g.ty,
                        span,
                    },
                    argx,
                ));
            }
        };
        if callee.ty.func_kind() != Some(ast::FuncKind::Event) {
            return Err(self.err(format!("{} is not an event", name), span));
        }
        let args = self.call_args(&callee.ty.clone(), args, span)?;
        Ok((callee, args))
    }
}
