//! Statement execution; control flow is returned as data (`Flow`).

use super::describe::{describe, Mode};
use super::eval::{make_key, src, value_is};
use super::value::*;
use super::{rt_error, Flow, Interp, RResult};
use crate::ir::{Case, ForKind, Stmt, StmtKind as S};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    /// Execute a statement. Frequent kinds are handled here, the rest in `exec_other` (keeping
    /// this frame small, since script recursion nests it).
    pub fn exec(&mut self, s: &Stmt) -> RResult<Flow> {
        match &s.kind {
            S::Expr(e) => {
                self.eval(e)?;
                Ok(Flow::Normal)
            }
            S::If(c, a, b) => {
                if self.eval(c)?.as_bool() {
                    self.exec(a)
                } else if let Some(b) = b {
                    self.exec(b)
                } else {
                    Ok(Flow::Normal)
                }
            }
            S::Return(Some(e)) => Ok(Flow::Return(self.eval(e)?)),
            S::Block(stmts) => {
                for st in stmts {
                    match self.exec(st)? {
                        Flow::Normal => {}
                        f => return Ok(f),
                    }
                }
                Ok(Flow::Normal)
            }
            _ => self.exec_other(s),
        }
    }

    #[inline(never)]
    fn exec_other(&mut self, s: &Stmt) -> RResult<Flow> {
        match &s.kind {
            S::Expr(e) => {
                self.eval(e)?;
            }
            S::Print(file, args) => self.print(file.as_ref(), args)?,
            S::Event(f, args) => {
                let Value::Func(f) = self.eval(f)? else {
                    return Ok(Flow::Normal);
                };
                let args = args
                    .iter()
                    .map(|a| self.eval(a))
                    .collect::<RResult<Vec<_>>>()?;
                self.queue_event(f, args);
            }
            S::If(c, a, b) => {
                if self.eval(c)?.as_bool() {
                    return self.exec(a);
                } else if let Some(b) = b {
                    return self.exec(b);
                }
            }
            S::Switch(e, cases, default) => return self.switch(e, cases, *default),
            S::For(kind, c, body) => return self.for_loop(kind, c, body),
            S::While(c, body) => {
                while self.eval(c)?.as_bool() {
                    self.check_interrupt(c.span)?;
                    match self.exec(body)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            S::Next => return Ok(Flow::Next),
            S::Break => return Ok(Flow::Break),
            S::Fallthrough => return Ok(Flow::Fallthrough),
            S::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?,
                    None => Value::Void,
                };
                return Ok(Flow::Return(v));
            }
            S::Add(c, idx) => {
                if let Value::Table(t) = self.eval(c)? {
                    let key = self.eval_key(idx)?;
                    self.check_loop_membership(&t, &key, true, crate::ir::index_site(c, idx));
                    self.add_element(&t, key)?;
                }
            }
            S::Delete(c, idx) => self.delete(c, idx)?,
            S::Clear(c) => match self.eval(c)? {
                Value::Table(t) => t.borrow_mut().map.clear(),
                Value::Vector(v) => v.borrow_mut().items.clear(),
                _ => {}
            },
            S::DeleteField(r, i) => {
                if let Value::Record(r) = self.eval(r)? {
                    // The field falls back to its default (or an empty container), as when created.
                    let rt = r.borrow().ty.clone();
                    let mut vals = vec![Value::Void; rt.len()];
                    for (j, v) in r.borrow().fields.iter().enumerate() {
                        if j != *i && j < vals.len() {
                            vals[j] = v.clone();
                        }
                    }
                    self.fill_record_defaults(&rt, &mut vals)?;
                    r.borrow_mut().set(*i, vals[*i].clone());
                }
            }
            S::Init(slot, e) => {
                let v = self.eval(e)?;
                self.set_local(*slot, v);
            }
            S::Assert(c, msg, text) => self.assert_stmt(c, msg.as_ref(), text, s.span)?,
            S::Block(stmts) => {
                for st in stmts {
                    match self.exec(st)? {
                        Flow::Normal => {}
                        f => return Ok(f),
                    }
                }
            }
            S::Null => {}
        }
        Ok(Flow::Normal)
    }

    fn print(&mut self, file: Option<&crate::ir::Expr>, args: &[crate::ir::Expr]) -> RResult<()> {
        let f = match file {
            Some(e) => Some(self.eval(e)?),
            None => None,
        };
        self.print_with(f, args.len(), |it, i| it.eval(&args[i]))
    }

    /// `print` to `file` (stdout when not a file) of `n` arguments, each evaluated by `arg` just
    /// before it is rendered.
    pub fn print_with(
        &mut self,
        file: Option<Value>,
        n: usize,
        mut arg: impl FnMut(&mut Interp, usize) -> RResult<Value>,
    ) -> RResult<()> {
        let f = match file {
            Some(Value::File(f)) => Some(f),
            _ => None,
        };
        let raw = f.as_ref().map(|f| f.borrow().raw).unwrap_or(false);
        let mut line = Vec::new();
        for i in 0..n {
            if i > 0 && !raw {
                line.extend_from_slice(b", ");
            }
            let v = arg(self, i)?;
            if raw {
                if let Value::Str(s) = &v {
                    line.extend_from_slice(s);
                    continue;
                }
            }
            line.extend(describe(&v, Mode::Print));
        }
        if !raw {
            line.push(b'\n');
        }
        match f {
            Some(f) => super::output::write_file(&f, &line),
            None => super::output::write_stdout(&line),
        }
        Ok(())
    }

    /// `add s[key]`.
    pub fn add_element(&mut self, t: &Rc<std::cell::RefCell<TableVal>>, key: Key) -> RResult<()> {
        let mut tb = t.borrow_mut();
        tb.touch(&key, true);
        if tb.on_change.is_none() {
            tb.map.set(key, Value::Bool(true));
            return Ok(());
        }
        let new = tb.map.insert(key.clone(), Value::Bool(true));
        drop(tb);
        if new {
            self.on_change(t, &key, "TABLE_ELEMENT_NEW", None)?;
        }
        Ok(())
    }

    fn delete(&mut self, c: &crate::ir::Expr, idx: &[crate::ir::Expr]) -> RResult<()> {
        let site = crate::ir::index_site(c, idx);
        let c = self.eval(c)?;
        let keys = idx
            .iter()
            .map(|x| self.eval(x))
            .collect::<RResult<Vec<_>>>()?;
        let key = make_key(keys);
        if let Value::Table(t) = &c {
            self.check_loop_membership(t, &key, false, site);
        }
        self.delete_key(c, key)
    }

    /// Inside a loop over table `t`, adding a new index or removing a present one may upset
    /// the loop: Zeek warns (`site` is the `t[k]` expression).
    pub fn check_loop_membership(
        &self,
        t: &Rc<std::cell::RefCell<TableVal>>,
        key: &Key,
        adding: bool,
        site: crate::syntax::ast::Span,
    ) {
        if self.table_loops == 0 {
            return;
        }
        let changes = {
            let tb = t.borrow();
            tb.map.in_loop() && tb.map.contains_key(key) != adding
        };
        if changes {
            let ctx = crate::syntax::render::canonical(site, false);
            crate::diag::Diag::new(
                crate::diag::Level::ExprWarning,
                "possible loop/iterator invalidation",
                Some(site),
            )
            .with_ctx(ctx)
            .emit();
        }
    }

    /// `delete c[key]` for a table, set or vector.
    pub fn delete_key(&mut self, c: Value, key: Key) -> RResult<()> {
        match c {
            Value::Table(t) => {
                if t.borrow().on_change.is_none() {
                    t.borrow_mut().discard(&key);
                    return Ok(());
                }
                // As in Zeek, the &on_change function runs after the removal (so it may put
                // the element back) and sees the removed value.
                let old = t.borrow_mut().map.take(&key);
                if let Some(old) = old {
                    self.on_change(&t, &key, "TABLE_ELEMENT_REMOVED", Some(old))?;
                }
            }
            Value::Vector(v) => {
                let i = key.parts().first().map_or(0, |k| k.as_u64()) as usize;
                let mut vb = v.borrow_mut();
                if i < vb.items.len() {
                    vb.items.remove(i);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn switch(
        &mut self,
        e: &crate::ir::Expr,
        cases: &[Case],
        default: Option<usize>,
    ) -> RResult<Flow> {
        let v = self.eval(e)?;
        let mut start = None;
        for (i, c) in cases.iter().enumerate() {
            if c.values.iter().any(|x| key_eq(x, &v)) {
                start = Some(i);
                break;
            }
            if let Some((_, slot)) = c.types.iter().find(|(t, _)| value_is(&v, t)) {
                if let Some(slot) = slot {
                    self.set_local(*slot, v.clone());
                }
                start = Some(i);
                break;
            }
        }
        let Some(start) = start.or(default) else {
            return Ok(Flow::Normal);
        };
        for c in &cases[start..] {
            let mut fell = false;
            for st in &c.body {
                match self.exec(st)? {
                    Flow::Normal => {}
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Fallthrough => {
                        fell = true;
                        break;
                    }
                    f => return Ok(f),
                }
            }
            if !fell {
                break;
            }
        }
        Ok(Flow::Normal)
    }

    fn for_loop(&mut self, kind: &ForKind, c: &crate::ir::Expr, body: &Stmt) -> RResult<Flow> {
        let cv = self.eval(c)?;
        self.for_loop_with(kind, cv, c.span, &|it: &mut Interp| it.exec(body))
    }

    /// A `for` loop over container value `cv`, running `body` for each element.
    pub fn for_loop_with(
        &mut self,
        kind: &ForKind,
        cv: Value,
        span: crate::syntax::ast::Span,
        body: &dyn Fn(&mut Interp) -> RResult<Flow>,
    ) -> RResult<Flow> {
        match (kind, cv) {
            (ForKind::Table(slots, vslot), Value::Table(t)) => {
                // While the loop runs the table is not remapped, as in Zeek.
                t.borrow().map.begin_iteration();
                self.table_loops += 1;
                let r = self.table_loop(&t, slots, *vslot, body, span);
                self.table_loops -= 1;
                t.borrow().map.end_iteration();
                if let Some(f) = r? {
                    return Ok(f);
                }
            }
            (ForKind::Vector(ks, vslot), Value::Vector(v)) => {
                let n = v.borrow().items.len();
                for i in 0..n {
                    let item = match v.borrow().items.get(i) {
                        Some(x) => x.clone(),
                        None => break,
                    };
                    if item.is_void() {
                        continue;
                    }
                    self.set_local(*ks, Value::Count(i as u64));
                    if let Some(vs) = vslot {
                        self.set_local(*vs, item);
                    }
                    if let Some(f) = self.loop_body(body, span)? {
                        return Ok(f);
                    }
                }
            }
            (ForKind::Str(ks, vslot), Value::Str(s)) => {
                for (i, b) in s.iter().enumerate() {
                    let ch = Value::Str(Rc::from(&[*b][..]));
                    match vslot {
                        Some(vs) => {
                            self.set_local(*ks, Value::Count(i as u64));
                            self.set_local(*vs, ch);
                        }
                        None => self.set_local(*ks, ch),
                    }
                    if let Some(f) = self.loop_body(body, span)? {
                        return Ok(f);
                    }
                }
            }
            _ => return Err(rt_error("bad loop target", span, Some(src(span)))),
        }
        Ok(Flow::Normal)
    }

    /// Walks the live table with a position cursor (the body may change it, as in Zeek).
    fn table_loop(
        &mut self,
        t: &RefCell<TableVal>,
        slots: &[u32],
        vslot: Option<u32>,
        body: &dyn Fn(&mut Interp) -> RResult<Flow>,
        span: crate::syntax::ast::Span,
    ) -> RResult<Option<Flow>> {
        let mut pos = 0;
        // The loop variables are copied straight out of the entry, under a short borrow.
        let bind = |it: &mut Interp, k: &Key, v: &Value| {
            match (slots, k) {
                ([s], Key::One(x)) => it.set_local(*s, x.fast_clone()),
                ([s], Key::Many(xs)) => {
                    let vector = Value::new_vector(crate::types::Type::Any, xs.to_vec());
                    it.set_local(*s, vector)
                }
                _ => {
                    for (s, x) in slots.iter().zip(k.parts()) {
                        it.set_local(*s, x.clone());
                    }
                }
            }
            if let Some(vs) = vslot {
                it.set_local(vs, v.fast_clone());
            }
        };
        loop {
            let next = t.borrow().map.visit_from(pos, |k, v| bind(self, k, v));
            let Some(at) = next else {
                break;
            };
            pos = at + 1;
            if let Some(f) = self.loop_body(body, span)? {
                return Ok(Some(f));
            }
        }
        Ok(None)
    }

    /// Called at each loop iteration: ^C at the REPL stops a runaway loop, not the session.
    pub fn check_interrupt(&self, span: crate::syntax::ast::Span) -> RResult<()> {
        if self.repl && crate::supervisor::signals::take_interrupt() {
            return Err(rt_error("interrupted", span, None));
        }
        Ok(())
    }

    /// Run a loop body; Some(flow) when the loop must end and pass `flow` up.
    fn loop_body(
        &mut self,
        body: &dyn Fn(&mut Interp) -> RResult<Flow>,
        span: crate::syntax::ast::Span,
    ) -> RResult<Option<Flow>> {
        self.check_interrupt(span)?;
        Ok(match body(self)? {
            Flow::Break => Some(Flow::Normal),
            Flow::Return(v) => Some(Flow::Return(v)),
            _ => None,
        })
    }
}
