//! The interpreter: globals, call frames, function/hook/event calls. Expression evaluation is in
//! `eval.rs`, statements in `exec.rs`, the event queue and timers in `events.rs`.

pub mod backtrace;
pub mod compile;
pub mod convert;
pub mod describe;
pub mod eval;
pub mod events;
pub mod exec;
pub mod expire;
pub mod io;
pub mod opaque;
pub mod ops;
pub mod output;
pub mod pattern;
mod record_redef;
pub mod render;
pub mod table;
pub mod value;
pub mod zeekdict;

use crate::diag::{Diag, Level};
use crate::ir::{self, Body};
use crate::syntax::ast::{FuncKind, Span};
use std::rc::Rc;
use value::{FuncImpl, FuncVal, Value};

/// Deepest nesting of script function calls before a runtime error (instead of a stack overflow).
pub const MAX_CALL_DEPTH: usize = 2000;

/// How a runtime error or `exit()` unwinds the Rust stack.
#[derive(Debug)]
pub enum Unwind {
    Error(Box<Diag>),
    /// Abort the running handler without a message (an assertion whose report a hook
    /// suppressed).
    Abort,
}

pub type RResult<T> = Result<T, Unwind>;

impl Unwind {
    /// The diagnostic to stop a declaration with (a silent abort becomes a generic one).
    pub fn into_diag(self, span: Span) -> Diag {
        match self {
            Unwind::Error(d) => *d,
            Unwind::Abort => Diag::error("evaluation aborted", span),
        }
    }
}

/// Control flow out of a statement.
pub enum Flow {
    Normal,
    Break,
    Next,
    Fallthrough,
    Return(Value),
}

pub struct Interp {
    pub globals: Vec<Value>,
    pub stack: Vec<Value>,
    pub fp: usize,
    pub events: events::EventQueue,
    /// The reason the run loop should stop (`terminate()` was called).
    pub terminating: bool,
    /// terminate() was called in a loop that waits for it: the loop announces it when it ends.
    pub termination_notice: bool,
    pub exit_only_after_terminate_slot: Option<u32>,
    /// Slot of each global holding a bif, for error messages naming the bif.
    pub rng_state: u64,
    /// Tables whose &on_change function is running (it is not re-entered).
    pub in_on_change: Vec<usize>,
    /// Nesting of record fields being filled with empty records.
    pub record_fill_depth: u32,
    /// The run loop has ended: pending timers are being expired, then zeek_done runs.
    pub shutting_down: bool,
    /// Tables with expiration attributes.
    pub expiring: Vec<std::rc::Weak<std::cell::RefCell<value::TableVal>>>,
    /// Slot of `table_expire_interval`, and when expiration last ran.
    pub expire_interval_slot: Option<u32>,
    pub last_expire: f64,
    /// In a supervisor (`-j`): the process tree.
    pub supervisor: Option<Box<crate::supervisor::host::Host>>,
    /// Supervisor input arrived since last asked (shutdown waits for quiet).
    pub io_activity: bool,
    /// Running under the REPL: timers follow the wall clock, ^C does not terminate.
    pub repl: bool,
    /// The value of a `return` in lowered code, on its way to the call (see compile::Ctl).
    pub ret: Value,
    /// A descriptor whose readability also ends a wait (the REPL's input arrived).
    pub wake_fd: Option<std::os::fd::RawFd>,
    /// Peerings and subscriptions, once a script used the Broker API.
    pub broker: Option<Box<crate::broker::Broker>>,
    /// A builtin call's arguments are gathered here, so calls that do not nest allocate none.
    pub arg_scratch: Vec<Value>,
    /// The script functions running, outermost first (backtraces; its length is the call
    /// depth that MAX_CALL_DEPTH bounds).
    pub frames: Vec<CallFrame>,
    /// `for` loops over tables running now (membership changes then get Zeek's warning).
    pub table_loops: u32,
    /// A global's initializer is running (the script is still being read).
    pub in_global_init: bool,
}

/// One running script function: what was called, from where, and where its frame starts.
/// The function is held by pointer, not by a counted reference: every call pays for this
/// record, and the caller's reference keeps the function alive while the frame exists.
pub struct CallFrame {
    func: *const FuncVal,
    pub call_site: Span,
    pub base: usize,
}

impl CallFrame {
    pub fn func(&self) -> &FuncVal {
        // SAFETY: frames are pushed and popped around the run of the function they name, by
        // in_body_frame, which borrows an Rc of it for that whole time; frames are only read
        // while they are on the stack.
        unsafe { &*self.func }
    }
}

/// A runtime error about expression `e`, with Zeek's rendering of it as context.
#[cold]
pub fn expr_error(msg: impl Into<String>, e: &crate::ir::Expr) -> Unwind {
    rt_error(
        msg,
        e.span,
        Some(crate::syntax::render::canonical(e.span, false)),
    )
}

#[cold]
pub fn rt_error(msg: impl Into<String>, span: Span, ctx: Option<String>) -> Unwind {
    let mut d = Diag::new(Level::ExprError, msg, Some(span));
    d.ctx = ctx;
    Unwind::Error(Box::new(d))
}

impl Interp {
    pub fn new() -> Interp {
        Interp {
            globals: Vec::new(),
            stack: Vec::with_capacity(1024),
            arg_scratch: Vec::new(),
            frames: Vec::new(),
            table_loops: 0,
            in_global_init: false,
            fp: 0,
            events: events::EventQueue::default(),
            terminating: false,
            termination_notice: false,
            exit_only_after_terminate_slot: None,
            rng_state: 1,
            in_on_change: Vec::new(),
            record_fill_depth: 0,
            shutting_down: false,
            expiring: Vec::new(),
            expire_interval_slot: None,
            last_expire: 0.0,
            supervisor: None,
            ret: Value::Void,
            io_activity: false,
            repl: false,
            wake_fd: None,
            broker: None,
        }
    }

    pub fn ensure_globals(&mut self, n: usize) {
        if self.globals.len() < n {
            self.globals.resize(n, Value::Void);
        }
    }

    /// Evaluate a constant expression at check time (switch labels, `@if`).
    pub fn const_eval(e: &ir::Expr) -> Option<Value> {
        match &e.kind {
            ir::ExprKind::Const(v) => Some(v.clone()),
            ir::ExprKind::Neg(x) => match Interp::const_eval(x)? {
                Value::Int(i) => Some(Value::Int(i.wrapping_neg())),
                Value::Double(d) => Some(Value::Double(-d)),
                Value::Interval(d) => Some(Value::Interval(-d)),
                _ => None,
            },
            ir::ExprKind::Coerce(x, c) => {
                let v = Interp::const_eval(x)?;
                Some(match c {
                    ir::Coercion::ToInt => Value::Int(v.as_i64()),
                    ir::Coercion::ToDouble => Value::Double(v.as_f64()),
                    _ => v,
                })
            }
            _ => None,
        }
    }

    /// Run a top-level chunk or initializer with its own frame.
    pub fn run_frame<T>(
        &mut self,
        size: usize,
        f: impl FnOnce(&mut Interp) -> RResult<T>,
    ) -> RResult<T> {
        let saved = self.fp;
        self.fp = self.stack.len();
        self.stack.resize(self.fp + size, Value::Void);
        let r = f(self);
        self.stack.truncate(self.fp);
        self.fp = saved;
        r
    }

    /// Call a function value: runs every body of a hook or event, the single body of a function.
    pub fn call(&mut self, f: &Rc<FuncVal>, args: Vec<Value>, span: Span) -> RResult<Value> {
        match &f.imp {
            FuncImpl::Builtin(b) => b(self, &args, span),
            FuncImpl::Script(bodies) => {
                if f.ty.kind == FuncKind::Function {
                    let body = bodies.borrow().first().cloned();
                    return match body {
                        Some(b) => self.call_body(f, &b, args, span),
                        None => Err(rt_error(format!("{} has no body", f.name), span, None)),
                    };
                }
                let bodies: Vec<Rc<Body>> = bodies.borrow().clone();
                match f.ty.kind {
                    FuncKind::Function => unreachable!("handled above"),
                    FuncKind::Hook => self.run_hook(f, &bodies, args, span),
                    FuncKind::Event => {
                        for b in &bodies {
                            self.run_handler(f, b, args.clone());
                        }
                        Ok(Value::Void)
                    }
                }
            }
        }
    }

    /// Hooks: handlers in priority order; `break` in one stops the chain and the call yields F.
    fn run_hook(
        &mut self,
        f: &Rc<FuncVal>,
        bodies: &[Rc<Body>],
        args: Vec<Value>,
        span: Span,
    ) -> RResult<Value> {
        for b in bodies {
            match self.invoke(f, b, args.clone(), span) {
                Ok(Flow::Break) => return Ok(Value::Bool(false)),
                Ok(_) => {}
                Err(Unwind::Error(d)) => d.emit(),
                Err(Unwind::Abort) => {}
            }
        }
        Ok(Value::Bool(true))
    }

    /// Run one event handler body; a runtime error aborts only this handler.
    pub fn run_handler(&mut self, f: &Rc<FuncVal>, b: &Rc<Body>, args: Vec<Value>) {
        if let Err(Unwind::Error(d)) = self.invoke(f, b, args, b.span) {
            d.emit();
        }
    }

    fn call_body(
        &mut self,
        f: &Rc<FuncVal>,
        b: &Rc<Body>,
        args: Vec<Value>,
        span: Span,
    ) -> RResult<Value> {
        match self.invoke(f, b, args, span)? {
            Flow::Return(v) => Ok(v),
            _ => Ok(self.fell_off_end(f)),
        }
    }

    /// Set up a frame (parameters, captures), run the body, tear the frame down.
    fn invoke(
        &mut self,
        f: &Rc<FuncVal>,
        b: &Rc<Body>,
        args: Vec<Value>,
        span: Span,
    ) -> RResult<Flow> {
        let base = self.stack.len();
        match &b.arg_map {
            Some(map) => self.stack.extend(
                map.iter()
                    .map(|i| args.get(*i).cloned().unwrap_or(Value::Void)),
            ),
            None => self.stack.extend(args),
        }
        self.invoke_at(f, b, base, span)
    }

    /// Run body `b` with its arguments already on the stack from `base` on.
    pub fn invoke_at(
        &mut self,
        f: &Rc<FuncVal>,
        b: &Rc<Body>,
        base: usize,
        span: Span,
    ) -> RResult<Flow> {
        self.in_body_frame(f, b, base, span, |it| b.code.run_flow(it))
    }

    /// Sets up body `b`'s frame over the arguments on the stack from `base` on (captures too),
    /// runs `run` in it, and tears it down.
    #[inline]
    pub fn in_body_frame<T>(
        &mut self,
        f: &Rc<FuncVal>,
        b: &Body,
        base: usize,
        span: Span,
        run: impl FnOnce(&mut Interp) -> RResult<T>,
    ) -> RResult<T> {
        if self.frames.len() >= MAX_CALL_DEPTH {
            self.stack.truncate(base);
            let d = Diag::new(
                Level::Runtime,
                format!("maximum recursion depth {} exceeded", MAX_CALL_DEPTH),
                Some(span),
            );
            return Err(Unwind::Error(Box::new(d)));
        }
        let saved = self.fp;
        let top = base + b.frame_size.max(b.nparams);
        if self.stack.len() != top {
            self.stack.resize(top, Value::Void);
        }
        if !b.capture_slots.is_empty() {
            let caps = f.captures.borrow();
            for (slot, v) in b.capture_slots.iter().zip(caps.iter()) {
                self.stack[base + *slot as usize] = v.clone();
            }
        }
        self.fp = base;
        self.frames.push(CallFrame {
            func: Rc::as_ptr(f),
            call_site: span,
            base,
        });
        let r = run(self);
        self.frames.pop();
        if !b.capture_slots.is_empty() {
            // Closures keep their captured state across calls.
            let mut caps = f.captures.borrow_mut();
            for (i, slot) in b.capture_slots.iter().enumerate() {
                if let Some(v) = self.stack.get(base + *slot as usize) {
                    caps[i] = v.clone();
                }
            }
        }
        while self.stack.len() > base {
            value::discard(self.stack.pop().unwrap_or_default());
        }
        self.fp = saved;
        r
    }

    /// A function with a result type ended without `return`: Zeek warns and yields nothing.
    #[cold]
    pub fn fell_off_end(&self, f: &FuncVal) -> Value {
        if !matches!(f.ty.ret, crate::types::Type::Void | crate::types::Type::Any) {
            Diag::new(
                Level::Warning,
                format!("non-void function returning without a value: {}", f.name),
                None,
            )
            .emit();
        }
        Value::Void
    }

    #[inline]
    pub fn local(&self, slot: u32) -> &Value {
        &self.stack[self.fp + slot as usize]
    }

    #[inline]
    pub fn set_local(&mut self, slot: u32, v: Value) {
        let i = self.fp + slot as usize;
        self.stack[i] = v;
    }
}

impl Default for Interp {
    fn default() -> Self {
        Interp::new()
    }
}
