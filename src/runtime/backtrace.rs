//! Script backtraces (Zeek's `Backtrace` values) from the running call frames, and the
//! `assert` statement with its `assertion_result` / `assertion_failure` hooks.

use super::describe::{describe, Mode};
use super::value::{FuncImpl, FuncVal, Value};
use super::{Interp, RResult, Unwind};
use crate::diag::{Diag, Level};
use crate::syntax::ast::{FuncKind, Span};
use crate::types::Type;
use std::rc::Rc;

/// `[$function_name, $function_args, $file_location, $line_location]`; no location when
/// `site` is None.
fn element(name: &str, args: Vec<Value>, site: Option<Span>) -> Value {
    let Some(rt) = crate::types::named_record("BacktraceElement") else {
        return Value::Void;
    };
    let (file, line) = match site.and_then(|s| crate::diag::file(s.file).map(|f| (f, s))) {
        Some((f, s)) => (Value::str(&f.name), Value::Count(f.line_of(s.lo) as u64)),
        None => (Value::Void, Value::Void),
    };
    let arg_ty = crate::types::named_record("call_argument").map_or(Type::Any, Type::Record);
    let fields = vec![
        Value::str(name),
        Value::new_vector(arg_ty, args),
        file,
        line,
    ];
    Value::new_record(rt, fields)
}

/// The arguments a frame's function was called with, as `call_argument` records.
fn call_args(interp: &Interp, f: &FuncVal, base: usize) -> Vec<Value> {
    let Some(rt) = crate::types::named_record("call_argument") else {
        return vec![];
    };
    f.ty.params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let value = interp.stack.get(base + i).cloned().unwrap_or_default();
            let fields = vec![
                Value::str(&p.name),
                Value::str(&p.ty.describe()),
                Value::Void,
                value,
            ];
            Value::new_record(rt.clone(), fields)
        })
        .collect()
}

impl Interp {
    /// The running script functions, innermost first, each with where it was called from.
    pub fn backtrace(&self) -> Vec<Value> {
        self.frames
            .iter()
            .rev()
            .map(|fr| {
                let f = fr.func();
                let site = (f.ty.kind != FuncKind::Event).then_some(fr.call_site);
                element(&f.name, call_args(self, f, fr.base), site)
            })
            .collect()
    }

    /// A hook global with at least one body, by name.
    fn live_hook(&self, name: &str) -> Option<Rc<FuncVal>> {
        let slot = crate::types::global_slot(name)?;
        match self.globals.get(slot as usize)? {
            Value::Func(f) => match &f.imp {
                FuncImpl::Script(b) if !b.borrow().is_empty() => Some(f.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// `assert cond, msg`: the hooks see every result (with a backtrace starting at the
    /// assert); a failure is reported unless a hook breaks, and always ends the handler.
    pub fn assert_stmt(
        &mut self,
        cond: &crate::ir::Expr,
        msg: Option<&crate::ir::Expr>,
        text: &str,
        span: Span,
    ) -> RResult<()> {
        let ok = self.eval(cond)?.as_bool();
        let result_hook = self.live_hook("assertion_result");
        if ok && result_hook.is_none() {
            return Ok(());
        }
        let failure_hook = if ok {
            None
        } else {
            self.live_hook("assertion_failure")
        };
        let msg = match msg {
            Some(m) => describe(&self.eval(m)?, Mode::Fmt),
            None => Vec::new(),
        };
        let mut report = true;
        if result_hook.is_some() || failure_hook.is_some() {
            let mut bt = vec![element("assert", vec![], Some(span))];
            bt.extend(self.backtrace());
            let elem_ty =
                crate::types::named_record("BacktraceElement").map_or(Type::Any, Type::Record);
            let bt = Value::new_vector(elem_ty, bt);
            let (cond_v, msg_v) = (Value::str(text), Value::bytes(&msg));
            if let Some(h) = result_hook {
                let args = vec![Value::Bool(ok), cond_v.clone(), msg_v.clone(), bt.clone()];
                report &= self.call(&h, args, span)?.as_bool();
            }
            if ok {
                return Ok(());
            }
            if let Some(h) = failure_hook {
                report &= self.call(&h, vec![cond_v, msg_v, bt], span)?.as_bool();
            }
        }
        if !report {
            return Err(Unwind::Abort);
        }
        let mut m = format!("assertion failure: {}", text);
        if !msg.is_empty() {
            m.push_str(&format!(" ({})", String::from_utf8_lossy(&msg)));
        }
        Err(Unwind::Error(Box::new(Diag::new(
            Level::Error,
            m,
            Some(span),
        ))))
    }
}
