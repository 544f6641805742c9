//! Loading a program: the preprocessor (@load, @if...), script search through ZEEKPATH, and the
//! processing of each top-level item in load order (global initializers run as they are read,
//! as in Zeek). `run` then executes top-level statements, zeek_init, the event loop and zeek_done.

use crate::check::{Checker, FuncScope};
use crate::diag::{self, Diag, Level};
use crate::ir;
use crate::runtime::value::{FuncImpl, FuncVal, Value};
use crate::runtime::{Interp, Unwind};
use crate::syntax::ast::{self, Decl, FuncKind, Item, VarKind};
use crate::syntax::parser;
use crate::types::Type;
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;

mod base;
mod pragma;
pub use base::preparse_base;

pub struct Program {
    pub checker: Checker,
    pub interp: Interp,
    loaded: HashSet<String>,
    pub toplevel: Vec<ir::Stmt>,
    pub zeekpath: Vec<String>,
    pub errors: u32,
    /// A syntax error stops loading.
    pub fatal: bool,
    /// A top-level statement was seen: declarations may no longer follow.
    statements_started: bool,
    /// Input comes from the REPL: declarations and statements mix freely.
    pub repl: bool,
    /// Scripts loaded from files, with their @load nesting depth (for `zeek_script_loaded`).
    scripts_loaded: Vec<(String, u64)>,
    load_depth: u64,
    /// Where each global variable was declared, for "already defined" and redef errors.
    decl_spans: std::collections::HashMap<String, ast::Span>,
    /// Names pushed by `@pragma push` (see pragma.rs).
    pragma_stack: Vec<String>,
    /// The `@load` that is loading the current file (None: the command line).
    load_site: Option<ast::Span>,
    /// Declarations being read are inside `export { ... }`.
    in_export: bool,
}

/// Why loading stopped early.
pub struct LoadError;

impl Program {
    pub fn new() -> Program {
        let zeekpath = std::env::var("ZEEKPATH")
            .map(|p| {
                p.split(':')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_else(|_| vec![".".to_string()]);
        let mut p = Program {
            checker: Checker::new(),
            interp: Interp::new(),
            loaded: HashSet::new(),
            toplevel: Vec::new(),
            zeekpath,
            errors: 0,
            fatal: false,
            statements_started: false,
            repl: false,
            decl_spans: Default::default(),
            scripts_loaded: Vec::new(),
            load_depth: 0,
            pragma_stack: Vec::new(),
            load_site: None,
            in_export: false,
        };
        p.interp.rng_state = crate::builtins::initial_rng_state();
        // init-bare, the bif declarations, and the frameworks Zeek loads even in bare mode.
        for name in base::BASE {
            if !p.load_preparsed(name) {
                let _ = p.load_base(name.to_string(), base::base_text(name));
            }
        }
        if let Some((_, g)) = p.checker.lookup_global("exit_only_after_terminate") {
            p.interp.exit_only_after_terminate_slot = Some(g.slot);
        }
        if let Some((_, g)) = p.checker.lookup_global("table_expire_interval") {
            p.interp.expire_interval_slot = Some(g.slot);
        }
        p
    }

    /// Find a script named on the command line or by @load.
    pub fn resolve(&self, name: &str, from_dir: Option<&str>) -> Option<(PathBuf, String)> {
        let mut bases: Vec<String> = Vec::new();
        if name.starts_with('/') {
            bases.push(String::new());
        } else if from_dir.is_none() {
            // Scripts named on the command line are tried as given first, then via ZEEKPATH.
            bases.push(String::new());
            bases.extend(self.zeekpath.iter().cloned());
        } else {
            if let Some(d) = from_dir {
                bases.push(d.to_string());
            }
            if !(name.starts_with("./") || name.starts_with("../")) || from_dir.is_none() {
                bases.extend(self.zeekpath.iter().cloned());
            }
        }
        for b in bases {
            let joined = if b.is_empty() {
                name.to_string()
            } else {
                format!("{}/{}", b.trim_end_matches('/'), name)
            };
            for cand in [
                joined.clone(),
                format!("{}.zeek", joined),
                format!("{}/__load__.zeek", joined),
            ] {
                let p = Path::new(&cand);
                if p.is_file() {
                    let display = if cand.starts_with('/')
                        || cand.starts_with("./")
                        || cand.starts_with("../")
                    {
                        cand.clone()
                    } else {
                        format!("./{}", cand)
                    };
                    return Some((p.to_path_buf(), display));
                }
            }
        }
        None
    }

    /// Load a script file by name (command line or @load).
    pub fn load_file(
        &mut self,
        name: &str,
        from_dir: Option<&str>,
        span: Option<ast::Span>,
    ) -> Result<(), LoadError> {
        let embedded = name.trim_end_matches(".zeek").trim_start_matches("./");
        // Frameworks zeekling provides itself win over same-named scripts on ZEEKPATH.
        if let Some(r) = self.load_provided(embedded) {
            return r;
        }
        let Some((path, display)) = self.resolve(name, from_dir) else {
            if base::known_zeek_script(embedded) {
                return Ok(());
            }
            let d = Diag::new(Level::Fatal, format!("can't find {}", name), span);
            let d = if span.is_none() {
                Diag {
                    msg: format!("can't find {}", name),
                    ..d
                }
            } else {
                d
            };
            d.emit();
            self.fatal = true;
            return Err(LoadError);
        };
        let canon = std::fs::canonicalize(&path)
            .map(|p| p.display().to_string())
            .unwrap_or(display.clone());
        let level = self.load_depth;
        if !self.loaded.insert(canon.clone()) {
            return Ok(());
        }
        self.scripts_loaded.push((canon, level));
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                Diag::new(Level::Fatal, format!("can't open {}: {}", display, e), span).emit();
                self.fatal = true;
                return Err(LoadError);
            }
        };
        let dir = Path::new(&display)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ".".into());
        let dir = if dir.is_empty() { ".".to_string() } else { dir };
        // Every file starts in module GLOBAL; its `module` statement ends with the file.
        let module = std::mem::replace(&mut self.checker.module, "GLOBAL".to_string());
        let site = std::mem::replace(&mut self.load_site, span);
        let r = self.load_source(display, diag::latin1(&bytes), dir);
        self.load_site = site;
        self.checker.module = module;
        r
    }

    /// Preprocess and process one source text.
    pub fn load_source(
        &mut self,
        name: String,
        text: String,
        dir: String,
    ) -> Result<(), LoadError> {
        let file = diag::add_file(name.clone(), text.clone());
        let abs_dir = absolute_dir(&dir);
        let mut pp = crate::syntax::preprocess::Preprocessor::new(&text);
        let mut pending_start = 0usize;
        let pragma_floor = self.pragma_stack.len();
        if self.ignoring_deprecations() {
            // Loaded while `@pragma push ignore-deprecations` is in effect: all of it is quiet.
            diag::quiet_deprecations_from(file, 0);
        }
        let line_span = |ev: &crate::syntax::preprocess::Event| ast::Span {
            file,
            lo: ev.line_start as u32,
            hi: ev.line_end as u32,
        };
        while let Some(ev) = pp.next_directive() {
            use crate::syntax::preprocess::Directive as D;
            let span = line_span(&ev);
            match ev.directive {
                D::Orphan(msg) => {
                    Diag::new(Level::Error, msg, Some(span)).emit();
                    self.errors += 1;
                }
                D::Pragma(text) => {
                    self.pragma(&text, span, pragma_floor)?;
                }
                D::Deprecated(text) => self.deprecated_script(&text, span),
                D::Load(target) => {
                    self.flush(
                        file,
                        &pp.masked,
                        pending_start,
                        ev.line_start,
                        &name,
                        &abs_dir,
                    )?;
                    pending_start = ev.line_end;
                    // A loaded file's `module` statement does not leak into the loading file.
                    let module = self.checker.module.clone();
                    self.load_depth += 1;
                    let r = self.load_file(&target, Some(&dir), Some(span));
                    self.load_depth -= 1;
                    self.checker.module = module;
                    r?;
                }
                D::Cond(kind, arg) => {
                    let consumed = self.flush_prefix(
                        file,
                        &pp.masked,
                        pending_start,
                        ev.line_start,
                        &name,
                        &abs_dir,
                    );
                    if self.fatal {
                        return Err(LoadError);
                    }
                    pending_start += consumed;
                    let value = self.eval_condition(kind, &arg, file, span);
                    pp.push_condition(value);
                }
                D::Error(msg) => {
                    Diag::new(Level::Fatal, msg, Some(span)).emit();
                    self.fatal = true;
                    return Err(LoadError);
                }
            }
        }
        if let Some(msg) = pp.finish() {
            self.flush(
                file,
                &pp.masked,
                pending_start,
                pp.masked.len(),
                &name,
                &abs_dir,
            )?;
            let end = pp.masked.len() as u32;
            Diag::new(
                Level::Fatal,
                msg,
                Some(ast::Span {
                    file,
                    lo: end,
                    hi: end,
                }),
            )
            .emit();
            self.fatal = true;
            return Err(LoadError);
        }
        let end = pp.masked.len();
        self.flush(file, &pp.masked, pending_start, end, &name, &abs_dir)?;
        let end = end as u32;
        let eof = ast::Span {
            file,
            lo: end,
            hi: end,
        };
        self.pragmas_balanced(pragma_floor, eof)
    }

    fn flush(
        &mut self,
        file: u32,
        text: &str,
        from: usize,
        to: usize,
        name: &str,
        dir: &str,
    ) -> Result<(), LoadError> {
        if from >= to {
            return Ok(());
        }
        match parser::parse_items(file, from as u32, &text[from..to], name, dir) {
            Ok(items) => {
                for it in &items {
                    if !self.process_item(it, name) {
                        return Err(LoadError);
                    }
                }
                Ok(())
            }
            Err(d) => {
                d.emit();
                self.errors += 1;
                self.fatal = true;
                Err(LoadError)
            }
        }
    }

    /// Process the complete items before an `@if`; returns the bytes consumed.
    fn flush_prefix(
        &mut self,
        file: u32,
        text: &str,
        from: usize,
        to: usize,
        name: &str,
        dir: &str,
    ) -> usize {
        if from >= to {
            return 0;
        }
        let (items, used) = parser::parse_prefix(file, from as u32, &text[from..to], name, dir);
        for it in &items {
            if !self.process_item(it, name) {
                break;
            }
        }
        used
    }

    fn eval_condition(
        &mut self,
        kind: crate::syntax::preprocess::CondKind,
        arg: &str,
        file: u32,
        span: ast::Span,
    ) -> bool {
        use crate::syntax::preprocess::CondKind as C;
        match kind {
            C::IfDef | C::IfNDef => {
                let name = arg.trim();
                let defined =
                    self.checker.resolve(name).is_some() || self.checker.modules.contains(name);
                defined == (kind == C::IfDef)
            }
            C::If => {
                let e = match parser::parse_expr(file, span.lo, arg) {
                    Ok(e) => e,
                    Err(d) => {
                        d.emit();
                        self.errors += 1;
                        return false;
                    }
                };
                match self.checker.check_expr_in_global(&e, None) {
                    Ok(x) => match self.interp.run_frame(0, |i| i.eval(&x)) {
                        Ok(v) => v.as_bool(),
                        Err(Unwind::Error(d)) => {
                            d.emit();
                            false
                        }
                        Err(Unwind::Abort) => false,
                    },
                    Err(d) => {
                        self.report(d);
                        false
                    }
                }
            }
        }
    }

    fn report(&mut self, d: Diag) {
        if !d.msg.is_empty() {
            d.emit();
        }
        self.errors += 1;
    }

    // ------------------------------------------------------------ items

    /// Check and run one top-level item; false when loading must stop (a syntax error).
    pub fn process_item(&mut self, item: &Item, source: &str) -> bool {
        let r = match item {
            Item::Decl(d)
                if self.statements_started && source != "<command line>" && !self.repl =>
            {
                // Zeek's grammar puts every declaration before the first top-level statement.
                self.decl_after_statement(d);
                return false;
            }
            Item::Decl(d) => self.decl(d),
            Item::Stmt(s) => {
                self.statements_started = true;
                self.checker.scope = None;
                match self.checker.stmt(s) {
                    Ok(x) => {
                        self.toplevel.push(x);
                        Ok(())
                    }
                    Err(d) => Err(d),
                }
            }
        };
        // Checking may declare globals (events raised before their handlers exist).
        self.interp
            .ensure_globals(self.checker.global_count as usize);
        if let Err(d) = r {
            self.report(d);
        }
        true
    }

    /// The syntax error Zeek's parser gives for a declaration after a statement: an event
    /// handler reads as an event statement up to its `{`, anything else fails at its keyword.
    fn decl_after_statement(&mut self, d: &Decl) {
        let (at, token) = match d {
            Decl::Func(f) if f.kind == FuncKind::Event => (f.body.span, "{".to_string()),
            _ => match decl_span(d) {
                Some(sp) => {
                    let text = crate::runtime::eval::src(sp);
                    let word: String = text
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    (sp, word)
                }
                None => (ast::Span::default(), String::new()),
            },
        };
        let span = ast::Span {
            file: at.file,
            lo: at.lo,
            hi: at.lo + 1,
        };
        Diag::error(format!("syntax error, at or near \"{}\"", token), span).emit();
        self.errors += 1;
        self.fatal = true;
    }

    fn decl(&mut self, d: &Decl) -> Result<(), Diag> {
        match d {
            Decl::Module(name) => {
                self.checker.module = name.clone();
                self.checker.modules.insert(name.clone());
                crate::types::register_module(name);
                Ok(())
            }
            Decl::Export(ds) => {
                let was = std::mem::replace(&mut self.in_export, true);
                for d in ds {
                    if let Err(e) = self.decl(d) {
                        self.report(e);
                    }
                }
                self.in_export = was;
                Ok(())
            }
            Decl::Var(v) => self.global_decl(v),
            Decl::Type {
                name,
                ty,
                attrs,
                span,
            } => {
                self.checker.declare_type(name, ty, *span)?;
                let full = self.checker.full_name(name);
                self.checker.note_deprecated(&full, attrs);
                self.register_type(name, ty);
                Ok(())
            }
            Decl::RedefEnum { name, items, span } => self.checker.redef_enum(name, items, *span),
            Decl::RedefRecord { name, fields, span } => {
                self.checker.redef_record(name, fields, *span)?;
                self.extend_existing_records(name);
                Ok(())
            }
            Decl::Redef {
                name,
                init,
                attrs,
                span,
            } => self.redef(name, init, attrs, *span),
            Decl::RedefBody { name, span } => {
                Err(self.redef_of_type(name, *span).unwrap_or_else(|| {
                    let msg = format!("syntax error, at or near \"{}\"", name);
                    self.checker.err(msg, *span)
                }))
            }
            Decl::Func(f) => self.func_decl(f),
        }
    }

    /// After `redef record name += {...}`: values made so far catch up (see record_redef.rs).
    fn extend_existing_records(&mut self, name: &str) {
        let Some(Type::Record(rt)) = self.checker.lookup_type(name) else {
            return;
        };
        // Globals the checker declared meanwhile must exist before they are walked.
        self.interp
            .ensure_globals(self.checker.global_count as usize);
        if let Err(super::runtime::Unwind::Error(d)) = self.interp.extend_existing_records(&rt) {
            d.emit();
        }
    }

    /// Make a declared type visible to bifs (`record_fields("T")`, `enum_names`, `type_aliases`).
    fn register_type(&mut self, name: &str, te: &ast::TypeExpr) {
        let full = self.checker.full_name(name);
        let Some(ty) = self.checker.types.get(&full).cloned() else {
            return;
        };
        let target = match te {
            ast::TypeExpr::Name(t, _) => self.checker.lookup_type(t).and_then(|_| {
                [self.checker.full_name(t), t.clone()]
                    .into_iter()
                    .find(|n| crate::types::named_type(n).is_some())
            }),
            _ => None,
        };
        crate::types::register_type(&full, ty, target.as_deref());
    }

    fn global_decl(&mut self, v: &ast::VarDecl) -> Result<(), Diag> {
        let full = self.checker.full_name(&v.name);
        self.checker.check_var_attrs(&v.attrs)?;
        if v.kind == VarKind::Option && is_blank(&v.name) {
            let d = self.checker.err("blank identifier used as option", v.span);
            return Err(d.with_ctx(full));
        }
        let declared =
            v.ty.as_ref()
                .map(|t| self.checker.resolve_type(t))
                .transpose()?;
        let init = match &v.init {
            Some((_, e)) => match self.checker.expr_in_global(e, declared.as_ref()) {
                Ok(x) => Some(x),
                Err(d) => {
                    // Declare the name anyway so later uses do not cascade into more errors.
                    let ty = declared.clone().unwrap_or(Type::Error);
                    self.checker.new_global(full, ty, v.kind);
                    return Err(d);
                }
            },
            None => None,
        };
        let ty = match (&declared, &init) {
            (Some(t), _) => t.clone(),
            (None, Some(x)) => x.ty.clone(),
            (None, None) => return Err(self.checker.err("no type given", v.span)),
        };
        if let Some(g) = self.checker.globals.get(&full) {
            let first = self.decl_spans.get(&full).copied();
            let old_ty = g.ty.clone();
            if let Some(d) = redeclaration(&old_ty, &ty, v, first) {
                self.checker.errors += 1;
                return Err(d);
            }
            if old_ty.func_kind().is_some() {
                // A valid alternate prototype of an event or hook (its &deprecated concerns
                // only handlers using it, which are not told apart here).
                return Ok(());
            }
        }
        self.checker.note_deprecated(&full, &v.attrs);
        self.decl_spans.insert(full.clone(), v.span);
        let init = match init {
            Some(x) => match self.checker.coerce_assign(x, &ty, &v.name, v.span) {
                Ok(x) => Some(x),
                Err(d) => {
                    self.checker.new_global(full, ty, v.kind);
                    return Err(d);
                }
            },
            None => None,
        };
        let mut g = self.checker.new_global(full.clone(), ty.clone(), v.kind);
        // `{ ... } &redef` puts the attribute on the constructor; it still marks the global.
        let ctor_attrs = match v.init.as_ref().map(|(_, e)| &e.kind) {
            Some(
                ast::ExprKind::Brace(_, a)
                | ast::ExprKind::TableCtor(_, a)
                | ast::ExprKind::SetCtor(_, a),
            ) => a.as_slice(),
            _ => &[],
        };
        let has_redef_attr = v.attrs.iter().chain(ctor_attrs).any(|a| a.name == "redef");
        g.redef = v.kind == VarKind::Option || has_redef_attr;
        self.checker.globals.insert(full.clone(), g.clone());
        let attrs = v
            .attrs
            .iter()
            .chain(ctor_attrs)
            .map(|a| {
                let expr = a
                    .value
                    .as_ref()
                    .map(|e| crate::syntax::render::canonical(e.span, false));
                (format!("&{}", a.name), expr)
            })
            .collect();
        crate::types::register_id_meta(
            &full,
            crate::types::IdMeta {
                type_name: ty.describe(),
                exported: self.in_export,
                constant: matches!(v.kind, VarKind::Const | VarKind::Option),
                option: v.kind == VarKind::Option,
                redef: has_redef_attr,
                attrs,
            },
        );
        self.interp
            .ensure_globals(self.checker.global_count as usize);
        let value = match init {
            Some(x) => {
                let x = self.checker.with_attrs(x, &v.attrs, &ty)?;
                self.interp.in_global_init = true;
                let r = self.interp.run_frame(0, |i| i.eval(&x));
                self.interp.in_global_init = false;
                match r {
                    Ok(v) => v,
                    Err(e) => {
                        if let Unwind::Error(d) = e {
                            d.emit();
                        }
                        let ctx = full.clone();
                        return Err(Diag::error("initialization failed", v.span).with_ctx(ctx));
                    }
                }
            }
            None => self.default_global_value(&full, &ty, &v.attrs, v.span)?,
        };
        self.interp.globals[g.slot as usize] = value;
        Ok(())
    }

    fn default_global_value(
        &mut self,
        full: &str,
        ty: &Type,
        attrs: &[ast::Attr],
        span: ast::Span,
    ) -> Result<Value, Diag> {
        if let Type::Func(ft) = ty {
            let imp = match self.checker.bifs.get(full) {
                Some(b) => {
                    if b.varargs {
                        let mut nt = crate::types::FuncType {
                            kind: ft.kind,
                            params: ft.params.clone(),
                            ret: ft.ret.clone(),
                            varargs: true,
                        };
                        nt.params.clear();
                        let g = self.checker.globals.get_mut(full).unwrap();
                        g.ty = Type::Func(Rc::new(nt));
                    }
                    self.checker
                        .bif_names
                        .insert(self.checker.globals[full].slot, full.to_string());
                    FuncImpl::Builtin(b.f)
                }
                None => FuncImpl::Script(RefCell::new(Vec::new())),
            };
            let ft = match &self.checker.globals[full].ty {
                Type::Func(f) => f.clone(),
                _ => ft.clone(),
            };
            return Ok(Value::Func(Rc::new(FuncVal {
                name: full.to_string(),
                ty: ft,
                imp,
                captures: RefCell::new(vec![]),
            })));
        }
        match self.checker.empty_container(ty, attrs, span)? {
            Some(x) => self
                .interp
                .run_frame(0, |i| i.eval(&x))
                .map_err(|u| u.into_diag(span)),
            None => Ok(Value::Void),
        }
    }

    /// `redef T ...` where T names a type: Zeek's message for what was probably meant.
    fn redef_of_type(&mut self, name: &str, span: ast::Span) -> Option<Diag> {
        let at = span.first_line();
        if self.checker.lookup_global(name).is_some() {
            return None;
        }
        let what = match self.checker.lookup_type(name) {
            _ if crate::types::builtin_type_name(name) => {
                return Some(
                    self.checker
                        .err(format!("syntax error, at or near \"{name}\""), at),
                )
            }
            Some(Type::Record(_)) => {
                format!("redef of record type {name} is missing record keyword")
            }
            Some(Type::Enum(_)) => format!("redef of enum type {name} is missing enum keyword"),
            Some(Type::Table(_)) => format!("can not redef table type {name}"),
            Some(Type::Vector(_)) => format!("can not redef vector type {name}"),
            _ => return None,
        };
        Some(
            self.checker
                .err(format!("{what}, at or near \"{name}\""), at),
        )
    }

    fn redef(
        &mut self,
        name: &str,
        init: &Option<(ast::InitOp, ast::Expr)>,
        attrs: &[ast::Attr],
        span: ast::Span,
    ) -> Result<(), Diag> {
        if let Some(d) = self.redef_of_type(name, span) {
            return Err(d);
        }
        let Some((_, g)) = self.checker.lookup_global(name) else {
            return Err(self.checker.err(
                format!("\"redef\" used but not previously defined: {}", name),
                span,
            ));
        };
        let g = g.clone();
        // A function, event or hook itself (not a variable holding one) is not a redef target
        // here; a variable holding a function needs &redef like any other.
        let full = self.checker.full_name(name);
        let is_function_itself = g.ty.func_kind().is_some()
            && matches!(self.interp.globals.get(g.slot as usize),
                        Some(Value::Func(f)) if f.name == full || f.name == name)
            || matches!(g.ty.func_kind(), Some(FuncKind::Event | FuncKind::Hook));
        if !g.redef && !is_function_itself {
            let mut d = Diag::error("cannot redefine a variable not marked with &redef", span)
                .with_ctx(name.to_string());
            if let Some(decl) = self
                .decl_spans
                .get(&self.checker.full_name(name))
                .or_else(|| self.decl_spans.get(name))
            {
                d = Diag {
                    span: Some(*decl),
                    span2: Some(span),
                    ..d
                };
            }
            self.checker.errors += 1;
            return Err(d);
        }
        let Some((op, e)) = init else {
            let _ = attrs;
            return Ok(());
        };
        let x = self.checker.check_expr_in_global(e, Some(&g.ty))?;
        let lv = Box::new(ir::LValue::Global(g.slot));
        let kind = match op {
            ast::InitOp::Assign => {
                ir::ExprKind::Assign(lv, Box::new(self.checker.coerce(x, &g.ty, span)?))
            }
            ast::InitOp::Add => ir::ExprKind::AddAssign(lv, Box::new(x)),
            ast::InitOp::Sub => ir::ExprKind::SubAssign(lv, Box::new(x)),
        };
        let ex = ir::Expr {
            kind,
            ty: g.ty.clone(),
            span,
        };
        self.interp
            .run_frame(0, |i| i.eval(&ex))
            .map_err(|u| u.into_diag(span))?;
        Ok(())
    }

    fn func_decl(&mut self, f: &ast::FuncDecl) -> Result<(), Diag> {
        let ft = self.checker.func_type(f.kind, &f.params, &f.ret)?;
        // A handler inside a module binds to an existing global of that name (e.g. zeek_init).
        let (full, existing) = match self.checker.lookup_global(&f.name) {
            Some((n, g)) if g.ty.func_kind().is_some() => (n, Some(g.clone())),
            _ => (self.checker.full_name(&f.name), None),
        };
        // A handler of a deprecated event or hook is a use of it (a function body is not).
        if f.kind != ast::FuncKind::Function {
            self.checker.warn_if_deprecated(&full, f.span.first_line());
        }
        self.checker.note_deprecated(&full, &f.attrs);
        let g = match existing {
            Some(g) if g.ty.func_kind().is_some() => g,
            _ => self
                .checker
                .new_global(full.clone(), Type::Func(ft.clone()), VarKind::Global),
        };
        self.interp
            .ensure_globals(self.checker.global_count as usize);
        if self.interp.globals[g.slot as usize].is_void() {
            self.interp.globals[g.slot as usize] = Value::Func(Rc::new(FuncVal {
                name: full.clone(),
                ty: match &g.ty {
                    Type::Func(t) => t.clone(),
                    _ => ft.clone(),
                },
                imp: FuncImpl::Script(RefCell::new(Vec::new())),
                captures: RefCell::new(vec![]),
            }));
        }
        let priority = f
            .attrs
            .iter()
            .find(|a| a.name == "priority")
            .and_then(|a| a.value.as_ref())
            .and_then(|e| self.checker.check_expr_in_global(e, None).ok())
            .and_then(|x| Interp::const_eval(&x))
            .map(|v| v.as_i64() as i32)
            .unwrap_or(0);
        let mut scope = FuncScope {
            ret: Some(ft.ret.clone()),
            kind: Some(f.kind),
            ..Default::default()
        };
        for p in &ft.params {
            scope.declare(&p.name, p.ty.clone(), false);
        }
        let saved_module = self.checker.module.clone();
        self.checker.scope = Some(scope);
        let body = self.checker.stmt(&f.body);
        let scope = self.checker.scope.take().unwrap();
        self.checker.module = saved_module;
        let body = body?;
        let body = Rc::new(ir::Body {
            code: crate::runtime::compile::Code::new(body),
            frame_size: scope.next_slot as usize,
            priority,
            nparams: ft.params.len(),
            capture_slots: vec![],
            arg_map: alternate_arg_map(&g.ty, &ft),
            span: f.span,
        });
        if let Value::Func(fv) = &self.interp.globals[g.slot as usize] {
            if let FuncImpl::Script(bodies) = &fv.imp {
                let mut b = bodies.borrow_mut();
                if f.kind == FuncKind::Function {
                    // A second body is an error in Zeek (the REPL lets a function be redefined).
                    if let Some(first) = b.first().filter(|_| !self.interp.repl) {
                        return Err(already_defined(&full, first.span, f));
                    }
                    b.clear();
                }
                let pos = b
                    .iter()
                    .position(|x| x.priority < priority)
                    .unwrap_or(b.len());
                b.insert(pos, body);
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------ running

    /// Apply `id=value` from the command line.
    pub fn command_line_redef(&mut self, id: &str, value: &str) -> Result<(), LoadError> {
        let quoted = match self.checker.lookup_global(id) {
            Some((_, g)) if matches!(g.ty, Type::String) => {
                format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
            }
            _ => value.to_string(),
        };
        self.load_source(
            "<command line>".into(),
            format!("redef {} = {};", id, quoted),
            ".".into(),
        )
    }

    /// Run top-level statements, then the event engine. Returns the exit status.
    /// Run the program: top-level statements, zeek_init, the event loop, zeek_done.
    pub fn run(&mut self) -> i32 {
        if let Err(code) = self.start() {
            return code;
        }
        self.interp.run_loop();
        self.finish()
    }

    /// Everything before the event loop: top-level statements, zeek_script_loaded, zeek_init.
    pub fn start(&mut self) -> Result<(), i32> {
        let size = self.checker.toplevel.next_slot as usize;
        let stmts = std::mem::take(&mut self.toplevel);
        let r = self.interp.run_frame(size, |i| {
            for s in &stmts {
                i.exec(s)?;
            }
            Ok(())
        });
        if let Err(Unwind::Error(d)) = r {
            d.emit();
            Diag::new(
                Level::Fatal,
                "failed to execute script statements at top-level scope",
                None,
            )
            .emit();
            return Err(1);
        }
        // Zeek raises zeek_script_loaded for every script read, before zeek_init.
        if let Value::Func(f) = self.global_value("zeek_script_loaded") {
            for (path, level) in std::mem::take(&mut self.scripts_loaded) {
                let args = vec![Value::str(&path), Value::Count(level)];
                let _ = self.interp.call(&f, args, ast::Span::default());
            }
        }
        let grace = self.global_value("Supervisor::node_stop_grace").as_f64();
        if let Some(h) = self.interp.supervisor.as_deref_mut() {
            h.set_grace(grace);
        }
        let init = self.global_value("zeek_init");
        if !self.interp.run_init(&init) && std::env::var_os("ZEEK_ALLOW_INIT_ERRORS").is_none() {
            Diag::new(Level::Fatal, "errors occurred while initializing", None).emit();
            return Err(1);
        }
        Ok(())
    }

    /// Everything after the event loop: zeek_done, then (in a supervisor) stopping the tree.
    pub fn finish(&mut self) -> i32 {
        let done = self.global_value("zeek_done");
        self.interp.raise_now(&done);
        crate::builtins::flush_all();
        self.interp.shut_down_tree();
        crate::builtins::flush_all();
        0
    }

    pub fn global_value(&self, name: &str) -> Value {
        match self.checker.globals.get(name) {
            Some(g) => self
                .interp
                .globals
                .get(g.slot as usize)
                .cloned()
                .unwrap_or(Value::Void),
            None => Value::Void,
        }
    }
}

impl Default for Program {
    fn default() -> Self {
        Program::new()
    }
}

fn absolute_dir(dir: &str) -> String {
    if dir.starts_with('/') || dir.starts_with('<') {
        return dir.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => {
            let d = cwd.join(dir);
            d.display().to_string()
        }
        Err(_) => dir.to_string(),
    }
}

/// Where a declaration starts, for messages about it.
fn decl_span(d: &Decl) -> Option<ast::Span> {
    match d {
        Decl::Var(v) => Some(v.span),
        Decl::Type { span, .. }
        | Decl::RedefEnum { span, .. }
        | Decl::RedefRecord { span, .. }
        | Decl::Redef { span, .. }
        | Decl::RedefBody { span, .. } => Some(*span),
        Decl::Func(f) => Some(f.span),
        Decl::Module(_) | Decl::Export(_) => None,
    }
}

/// A function given a second body: Zeek's error naming both definitions, then its fatal error.
fn already_defined(name: &str, first: ast::Span, again: &ast::FuncDecl) -> Diag {
    let mut d =
        Diag::error("already defined", first.first_line()).with_span2(again.span.first_line());
    d.ctx = Some(name.to_string());
    d.emit();
    let msg = format!("invalid definition of '{}' (see previous errors)", name);
    let mut fatal = Diag::error(msg, again.body.span.first_line());
    fatal.level = Level::Fatal;
    fatal
}

/// An event handler whose parameter names all appear in the event's declaration receives those
/// arguments by name (Zeek's alternate prototypes); otherwise arguments go by position.
fn alternate_arg_map(event: &Type, handler: &crate::types::FuncType) -> Option<Vec<usize>> {
    let Type::Func(ev) = event else { return None };
    if ev.kind != FuncKind::Event {
        return None;
    }
    let map: Option<Vec<usize>> = handler
        .params
        .iter()
        .map(|p| ev.params.iter().position(|q| q.name == p.name))
        .collect();
    match map {
        Some(m) if m.iter().enumerate().any(|(i, j)| i != *j) || m.len() != ev.params.len() => {
            Some(m)
        }
        _ => None,
    }
}

/// The blank identifier `_` (in any module).
pub fn is_blank(name: &str) -> bool {
    name == "_" || name.ends_with("::_")
}

/// Whether declaring `v` (of type `new`) again, over an earlier declaration of type `old` made
/// at `first`, is an error, and which, as Zeek decides it: a function type declared again
/// without a value must keep its flavor; a function may not be declared twice; an event or
/// hook may take an alternate prototype whose parameters are among the first one's (but not
/// the very same one); anything else is already defined.
fn redeclaration(
    old: &Type,
    new: &Type,
    v: &ast::VarDecl,
    first: Option<ast::Span>,
) -> Option<Diag> {
    let first = first?;
    let both =
        |msg: &str, ctx: String| Some(Diag::error(msg, v.span).with_span2(first).with_ctx(ctx));
    let (Type::Func(o), Type::Func(n)) = (old, new) else {
        return Some(
            Diag::error("already defined", first)
                .with_span2(v.span)
                .with_ctx(v.name.clone()),
        );
    };
    if v.init.is_some() {
        return Some(
            Diag::error("already defined", first)
                .with_span2(v.span)
                .with_ctx(v.name.clone()),
        );
    }
    let (old_text, new_text) = (old.describe(), new.describe());
    if o.kind != n.kind {
        return both(
            "incompatible function flavor",
            format!("{new_text} and {old_text}"),
        );
    }
    if n.kind == FuncKind::Function {
        return both(
            "redeclaration of function",
            format!("{new_text} and {old_text}"),
        );
    }
    if new.same(old)
        && o.params
            .iter()
            .zip(&n.params)
            .all(|(a, b)| a.name == b.name)
    {
        return both("alternate function prototype already exists", new_text);
    }
    let missing = n
        .params
        .iter()
        .find(|p| o.params.iter().all(|q| q.name != p.name))?;
    let msg = format!(
        "alternate function prototype arg '{}' not found in canonical prototype",
        missing.name
    );
    both(&msg, format!("{new_text} and {old_text}"))
}
