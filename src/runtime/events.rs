//! The event engine: a FIFO event queue, timers from `schedule`, and the run loop that ends with
//! `zeek_done`.

use super::value::{FuncImpl, FuncVal, Value};
use super::Interp;
use std::collections::{BinaryHeap, VecDeque};
use std::rc::Rc;

pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

pub struct Timer {
    pub at: f64,
    pub seq: u64,
    pub f: Rc<FuncVal>,
    pub args: Vec<Value>,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Timer) -> bool {
        self.at == o.at && self.seq == o.seq
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Timer) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    /// Reversed so the BinaryHeap pops the earliest timer first (ties in scheduling order).
    fn cmp(&self, o: &Timer) -> std::cmp::Ordering {
        o.at.total_cmp(&self.at).then(o.seq.cmp(&self.seq))
    }
}

#[derive(Default)]
pub struct EventQueue {
    pub queue: VecDeque<(Rc<FuncVal>, Vec<Value>)>,
    pub timers: BinaryHeap<Timer>,
    pub seq: u64,
}

impl Interp {
    pub fn queue_event(&mut self, f: Rc<FuncVal>, args: Vec<Value>) {
        self.events.queue.push_back((f, args));
    }

    pub fn schedule(&mut self, delay: f64, f: Rc<FuncVal>, args: Vec<Value>) {
        if self.shutting_down {
            // Timers scheduled during shutdown never fire, as in Zeek.
            return;
        }
        self.events.seq += 1;
        let at = self.timer_clock() + delay;
        self.events.timers.push(Timer {
            at,
            seq: self.events.seq,
            f,
            args,
        });
    }

    /// End the run loop (`terminate()`, SIGTERM): a waiting loop says so, as Zeek does, once the
    /// running handler is done (Zeek's terminate() raises a signal the loop notices). False if
    /// it was ending already.
    pub fn terminate_loop(&mut self) -> bool {
        let was = self.terminating;
        if !was && self.waits_for_terminate() {
            self.termination_notice = true;
        }
        self.terminating = true;
        !was
    }

    /// Says "received termination signal" if a termination is yet to be announced.
    pub fn announce_termination(&mut self) {
        if std::mem::take(&mut self.termination_notice) {
            super::output::write_stderr(b"received termination signal\n");
        }
    }

    /// Timers run on the wall clock only when the script waits for `terminate()`.
    fn timer_clock(&self) -> f64 {
        if self.waits_for_terminate() {
            now()
        } else {
            0.0
        }
    }

    pub fn waits_for_terminate(&self) -> bool {
        if self.supervisor.is_some() || self.repl {
            // A supervisor (or a REPL) runs until terminated, whatever the scripts say.
            return true;
        }
        if self.broker.as_ref().is_some_and(|b| b.is_active()) {
            // So does a process that listens for peers or peers with others, as in Zeek.
            return true;
        }
        match self.exit_only_after_terminate_slot {
            Some(s) => self
                .globals
                .get(s as usize)
                .map(|v| v.as_bool())
                .unwrap_or(false),
            None => false,
        }
    }

    /// Dispatch queued events until the queue is empty.
    pub fn drain_events(&mut self) {
        while let Some((f, args)) = self.events.queue.pop_front() {
            self.dispatch(&f, args);
        }
    }

    fn dispatch(&mut self, f: &Rc<FuncVal>, args: Vec<Value>) {
        if let FuncImpl::Script(bodies) = &f.imp {
            let bodies = bodies.borrow().clone();
            for b in &bodies {
                self.run_handler(f, b, args.clone());
            }
        }
    }

    /// Raise a global event by value now (zeek_done).
    pub fn raise_now(&mut self, f: &Value) {
        if let Value::Func(f) = f {
            self.dispatch(f, vec![]);
            self.drain_events();
        }
    }

    /// Run zeek_init and the events it raises (Zeek's first two generations); false if any
    /// error was reported so far (while the scripts were read, by top-level statements, in
    /// these handlers), which Zeek treats as an initialization error.
    pub fn run_init(&mut self, f: &Value) -> bool {
        if let Value::Func(f) = f {
            self.dispatch(f, vec![]);
        }
        let generation: Vec<_> = self.events.queue.drain(..).collect();
        for (f, args) in generation {
            self.dispatch(&f, args);
        }
        crate::diag::errors_reported() == 0
    }

    /// After zeek_init: process events and timers until done, as Zeek does without packet input.
    pub fn run_loop(&mut self) {
        self.drain_events();
        if self.waits_for_terminate() {
            use nix::sys::signal::Signal;
            crate::supervisor::signals::catch(&[Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP]);
            while !self.terminating {
                self.loop_step();
            }
        }
        self.announce_termination();
        self.expire_all_timers();
    }

    /// One turn of the wall-clock loop: wait for a timer, a signal or input, then run what is due.
    pub fn loop_step(&mut self) {
        self.wait_for_next_timer();
        self.fire_due_timers(now());
        self.drain_events();
        self.maybe_expire_tables();
    }

    /// Zeek expires every pending timer at shutdown, in time order.
    pub fn expire_all_timers(&mut self) {
        self.shutting_down = true;
        while let Some(t) = self.events.timers.pop() {
            self.dispatch(&t.f, t.args);
            self.drain_events();
        }
    }

    /// Run table expiration every `table_expire_interval` (only in the wall-clock loop).
    fn maybe_expire_tables(&mut self) {
        if self.expiring.is_empty() {
            return;
        }
        let interval = match self.expire_interval_slot {
            Some(s) => self
                .globals
                .get(s as usize)
                .map(|v| v.as_f64())
                .unwrap_or(10.0),
            None => 10.0,
        };
        let t = now();
        if t - self.last_expire >= interval {
            self.last_expire = t;
            self.expire_tables();
            self.drain_events();
        }
    }

    fn wait_for_next_timer(&mut self) {
        let wait = match self.events.timers.peek() {
            Some(t) => (t.at - now()).clamp(0.0, 0.1),
            None => 0.1,
        };
        self.wait_io(wait);
    }

    fn fire_due_timers(&mut self, t_now: f64) {
        while self.events.timers.peek().is_some_and(|t| t.at <= t_now) {
            let t = self.events.timers.pop().unwrap();
            self.dispatch(&t.f, t.args);
            self.drain_events();
        }
    }
}
