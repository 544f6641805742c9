//! AST -> checked program: scopes and name resolution to slots, type resolution, declarations.
//! Expressions are checked in `expr.rs`, statements in `stmt.rs`.

mod call;
pub mod deprecation;
mod expr;
mod stmt;
mod types;

use crate::diag::Diag;
use crate::ir;
use crate::runtime::value::Value;
use crate::syntax::ast::{self, FuncKind, Span, VarKind};
use crate::types::Type;
use std::collections::HashMap;
use std::rc::Rc;

pub type R<T> = Result<T, Diag>;

#[derive(Clone, Debug)]
pub struct GlobalInfo {
    pub slot: u32,
    pub ty: Type,
    pub kind: VarKind,
    pub redef: bool,
}

/// One function body being checked: its locals and their slots.
#[derive(Default)]
pub struct FuncScope {
    pub locals: HashMap<String, (u32, Type, bool)>,
    pub next_slot: u32,
    pub ret: Option<Type>,
    pub kind: Option<FuncKind>,
    /// For lambdas: the enclosing scope, consulted for captures.
    pub outer: Option<Box<FuncScope>>,
    pub captures: Vec<(String, ir::CaptureSrc, u32)>,
    /// A lambda's explicit capture list: only these outer locals are visible inside it.
    pub allowed_captures: Option<Vec<String>>,
    /// Captures listed as `copy name`.
    pub copied_captures: Vec<String>,
    pub loop_depth: u32,
    pub switch_depth: u32,
    /// Where each `local` of this body was declared (a second `local` of a name is an error).
    pub local_decls: HashMap<String, (Span, Type)>,
}

impl FuncScope {
    pub fn declare(&mut self, name: &str, ty: Type, is_const: bool) -> u32 {
        if let Some((slot, _, _)) = self.locals.get(name) {
            let slot = *slot;
            self.locals.insert(name.to_string(), (slot, ty, is_const));
            return slot;
        }
        let slot = self.next_slot;
        self.next_slot += 1;
        self.locals.insert(name.to_string(), (slot, ty, is_const));
        slot
    }
}

pub struct Checker {
    pub module: String,
    /// Deprecated globals, types and enum names (full names) with their messages.
    pub deprecated: HashMap<String, String>,
    pub globals: HashMap<String, GlobalInfo>,
    pub global_count: u32,
    pub types: HashMap<String, Type>,
    /// Where each script-declared type was first declared.
    pub type_spans: HashMap<String, Span>,
    /// Enum constants by full name.
    pub consts: HashMap<String, Value>,
    pub scope: Option<FuncScope>,
    /// Locals of top-level statements persist across items.
    pub toplevel: FuncScope,
    pub lambda_counter: u64,
    /// Bifs by name, bound when their declarations are checked.
    pub bifs: HashMap<&'static str, &'static crate::builtins::Bif>,
    pub errors: u32,
    /// Global slots holding bifs, for bifs whose result type depends on their arguments.
    pub bif_names: HashMap<u32, String>,
    /// Names of modules seen so far (`@ifdef` accepts them).
    pub modules: std::collections::HashSet<String>,
}

/// What a name resolves to.
pub enum Resolved {
    Local(u32, Type, bool),
    Global(GlobalInfo),
    Const(Value, Type),
    TypeName(Type),
}

impl Checker {
    pub fn new() -> Checker {
        let mut c = Checker {
            module: "GLOBAL".into(),
            deprecated: HashMap::new(),
            globals: HashMap::new(),
            global_count: 0,
            types: HashMap::new(),
            type_spans: HashMap::new(),
            consts: HashMap::new(),
            scope: None,
            toplevel: FuncScope::default(),
            lambda_counter: 0,
            bifs: crate::builtins::registry(),
            errors: 0,
            bif_names: HashMap::new(),
            modules: Default::default(),
        };
        for (n, t) in [
            ("bool", Type::Bool),
            ("count", Type::Count),
            ("int", Type::Int),
            ("double", Type::Double),
            ("time", Type::Time),
            ("interval", Type::Interval),
            ("string", Type::String),
            ("pattern", Type::Pattern),
            ("port", Type::Port),
            ("addr", Type::Addr),
            ("subnet", Type::Subnet),
            ("any", Type::Any),
            ("timer", Type::Opaque("timer".into())),
        ] {
            c.types.insert(n.to_string(), t);
        }
        c
    }

    /// The full name a declaration of `name` gets in the current module.
    pub fn full_name(&self, name: &str) -> String {
        if let Some(n) = name.strip_prefix("::") {
            return n.to_string();
        }
        if let Some(n) = name.strip_prefix("GLOBAL::") {
            return n.to_string();
        }
        if name.contains("::") || self.module == "GLOBAL" {
            name.to_string()
        } else {
            format!("{}::{}", self.module, name)
        }
    }

    /// Candidate full names for a reference, most specific first.
    fn candidates(&self, name: &str) -> Vec<String> {
        if let Some(n) = name.strip_prefix("::") {
            return vec![n.to_string()];
        }
        if let Some(n) = name.strip_prefix("GLOBAL::") {
            return vec![n.to_string()];
        }
        if name.contains("::") || self.module == "GLOBAL" {
            return vec![name.to_string()];
        }
        vec![format!("{}::{}", self.module, name), name.to_string()]
    }

    pub fn lookup_global(&self, name: &str) -> Option<(String, &GlobalInfo)> {
        for c in self.candidates(name) {
            if let Some(g) = self.globals.get(&c) {
                return Some((c, g));
            }
        }
        None
    }

    pub fn lookup_type(&self, name: &str) -> Option<Type> {
        self.candidates(name)
            .into_iter()
            .find_map(|c| self.types.get(&c).cloned())
    }

    pub fn resolve(&mut self, name: &str) -> Option<Resolved> {
        if !name.contains("::") {
            // Top-level statements keep their locals in `toplevel`.
            let scope = self.scope.as_ref().unwrap_or(&self.toplevel);
            if let Some((slot, ty, c)) = scope.locals.get(name) {
                return Some(Resolved::Local(*slot, ty.clone(), *c));
            }
            if self.scope.is_some() {
                if let Some(r) = self.resolve_capture(name) {
                    return Some(r);
                }
            }
        }
        for c in self.candidates(name) {
            if let Some(g) = self.globals.get(&c) {
                return Some(Resolved::Global(g.clone()));
            }
            if let Some(v) = self.consts.get(&c) {
                let ty = match v {
                    Value::Enum(e, _) => Type::Enum(e.clone()),
                    _ => Type::Any,
                };
                return Some(Resolved::Const(v.clone(), ty));
            }
            if let Some(t) = self.types.get(&c) {
                return Some(Resolved::TypeName(t.clone()));
            }
        }
        None
    }

    /// A lambda body referring to a local of an enclosing function captures it (through every
    /// enclosing lambda in between).
    fn resolve_capture(&mut self, name: &str) -> Option<Resolved> {
        let scope = self.scope.as_mut()?;
        scope.outer.as_ref()?;
        let (slot, ty) = capture_in(scope, name)?;
        Some(Resolved::Local(slot, ty, false))
    }

    #[cold]
    pub fn err(&mut self, msg: impl Into<String>, span: Span) -> Diag {
        self.errors += 1;
        Diag::error(msg, span)
    }

    pub fn new_global(&mut self, full: String, ty: Type, kind: VarKind) -> GlobalInfo {
        let slot = self.global_count;
        self.global_count += 1;
        let info = GlobalInfo {
            slot,
            ty,
            kind,
            redef: false,
        };
        crate::types::register_global(&full, slot);
        self.globals.insert(full, info.clone());
        info
    }

    pub fn src_text(&self, span: Span) -> String {
        crate::runtime::eval::src(span)
    }

    pub fn func_type(
        &mut self,
        kind: FuncKind,
        params: &[ast::Param],
        ret: &Option<ast::TypeExpr>,
    ) -> R<Rc<crate::types::FuncType>> {
        let mut ps = Vec::new();
        for p in params {
            // Reported without giving up the function, so its body is still checked.
            if let Err(d) = self.check_var_attrs(&p.attrs) {
                d.emit();
            }
            let ty = self.resolve_type(&p.ty)?;
            let default = match p.attrs.iter().find(|a| a.name == "default") {
                Some(a) => match &a.value {
                    Some(e) => Some(Rc::new(self.check_expr_in_global(e, Some(&ty))?)),
                    None => None,
                },
                None => None,
            };
            ps.push(crate::types::ParamType {
                name: p.name.clone(),
                ty,
                default,
            });
        }
        let ret = match (kind, ret) {
            (FuncKind::Hook, _) => Type::Bool,
            (_, Some(t)) => self.resolve_type(t)?,
            _ => Type::Void,
        };
        Ok(Rc::new(crate::types::FuncType {
            kind,
            params: ps,
            ret,
            varargs: false,
        }))
    }

    /// Check an expression outside any function (global initializers, attributes).
    pub fn check_expr_in_global(&mut self, e: &ast::Expr, want: Option<&Type>) -> R<ir::Expr> {
        let saved = self.scope.take();
        let r = self.check_init(e, want);
        self.scope = saved;
        r
    }

    /// Check an expression outside any function, typing constructors from `want` but not coercing.
    pub fn expr_in_global(&mut self, e: &ast::Expr, want: Option<&Type>) -> R<ir::Expr> {
        let saved = self.scope.take();
        let r = self.expr_want(e, want);
        self.scope = saved;
        r
    }

    /// Check an expression that initializes something of type `want` (coercing if needed).
    pub fn check_init(&mut self, e: &ast::Expr, want: Option<&Type>) -> R<ir::Expr> {
        let x = self.expr_want(e, want)?;
        match want {
            Some(t) => self.coerce(x, t, e.span),
            None => Ok(x),
        }
    }
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

pub fn is_const_kind(k: VarKind) -> bool {
    matches!(k, VarKind::Const | VarKind::Option)
}

/// Find `name` in `scope` or, through captures, in its enclosing scopes.
fn capture_in(scope: &mut FuncScope, name: &str) -> Option<(u32, Type)> {
    if let Some((slot, ty, _)) = scope.locals.get(name) {
        return Some((*slot, ty.clone()));
    }
    if let Some(allowed) = &scope.allowed_captures {
        if !allowed.iter().any(|a| a == name) {
            return None;
        }
    }
    let outer = scope.outer.as_mut()?;
    let (oslot, ty) = capture_in(outer, name)?;
    let slot = scope.declare(name, ty.clone(), false);
    let src = if scope.copied_captures.iter().any(|c| c == name) {
        ir::CaptureSrc::Copy(oslot)
    } else {
        ir::CaptureSrc::Local(oslot)
    };
    scope.captures.push((name.to_string(), src, slot));
    Some((slot, ty))
}
