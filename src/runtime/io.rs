//! Waiting in the wall-clock loop: poll the signal self-pipe and, in a supervisor, the stem
//! channel and every node's output, until the next timer is due; then turn what arrived into
//! script activity (termination, output hooks, `Supervisor::node_status`, reporter errors).

use super::value::Value;
use super::Interp;
use crate::supervisor::host::{Event, Host};
use crate::supervisor::signals;
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::signal::Signal;
use std::os::fd::{BorrowedFd, RawFd};

impl Interp {
    /// Block for at most `timeout` seconds, or until a signal or supervisor input arrives.
    pub fn wait_io(&mut self, timeout: f64) {
        super::output::flush_stdout();
        let mut ms = (timeout * 1000.0).ceil().clamp(0.0, 100.0) as i32;
        let mut host = self.supervisor.take();
        let mut broker = self.broker.take();
        if broker.as_deref().is_some_and(|b| b.busy()) {
            ms = 0;
        }
        let mut events = Vec::new();
        let mut broker_events = Vec::new();
        let host_ready = poll_all(host.as_deref(), broker.as_deref(), self.wake_fd, ms);
        self.handle_signals(host.as_deref_mut());
        if let Some(h) = host.as_deref_mut() {
            h.service(&host_ready, &mut events);
        }
        if let Some(b) = broker.as_deref_mut() {
            // Serviced every turn (reads do not block): dialers may be due with nothing ready.
            b.service(&mut broker_events);
        }
        self.supervisor = host;
        self.broker = broker;
        self.deliver(events);
        self.deliver_broker(broker_events);
    }

    /// Signals: SIGTERM/SIGINT/SIGHUP end the run loop as Zeek does; SIGCHLD may be the stem.
    fn handle_signals(&mut self, host: Option<&mut Host>) {
        let sigs = signals::take();
        if sigs.contains(&Signal::SIGCHLD) {
            if let Some(h) = host {
                h.check_stem();
            }
        }
        let stop = [Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP];
        // In the REPL, ^C abandons input (or a long computation), not the session.
        let stopping = |s: &Signal| stop.contains(s) && !(self.repl && *s == Signal::SIGINT);
        if sigs.iter().any(stopping) {
            self.terminate_loop();
        }
    }

    /// Hand supervisor events to scripts.
    fn deliver(&mut self, events: Vec<Event>) {
        if events.is_empty() {
            return;
        }
        self.io_activity = true;
        let stdout_hook = self.global_func("Supervisor::stdout_hook");
        let stderr_hook = self.global_func("Supervisor::stderr_hook");
        let mut err_out: Vec<u8> = Vec::new();
        for ev in events {
            match ev {
                Event::Line { node, stderr, text } => {
                    let hook = if stderr { &stderr_hook } else { &stdout_hook };
                    if self.line_passes_hook(hook, &node, &text) {
                        let buf = forwarded_line(stderr, &node, &text);
                        if stderr {
                            err_out.extend_from_slice(&buf);
                        } else {
                            super::output::write_stdout(&buf);
                        }
                    }
                }
                Event::Status { node, pid } => {
                    if let Some(f) = self.global_func("Supervisor::node_status") {
                        self.queue_event(f, vec![Value::str(&node), Value::Count(pid as u64)]);
                    }
                }
                Event::Error(msg) => crate::builtins::error_noloc(msg),
            }
        }
        if !err_out.is_empty() {
            super::output::write_stderr(&err_out);
        }
    }

    /// Run the output hook; false if a handler ended with `break` (the line is suppressed).
    fn line_passes_hook(
        &mut self,
        hook: &Option<std::rc::Rc<super::value::FuncVal>>,
        node: &str,
        text: &[u8],
    ) -> bool {
        let Some(h) = hook else {
            return true;
        };
        let args = vec![Value::str(node), Value::bytes(text)];
        !matches!(
            self.call(h, args, Default::default()),
            Ok(Value::Bool(false))
        )
    }

    fn global_func(&self, name: &str) -> Option<std::rc::Rc<super::value::FuncVal>> {
        let slot = crate::types::global_slot(name)?;
        match self.globals.get(slot as usize) {
            Some(Value::Func(f)) => Some(f.clone()),
            _ => None,
        }
    }

    /// After zeek_done in a supervisor: stop the tree, forwarding output until the stem is gone
    /// and the nodes' pipes are closed (or stay quiet for a moment: a node's background child
    /// may hold one open forever).
    pub fn shut_down_tree(&mut self) {
        let Some(h) = self.supervisor.as_deref_mut() else {
            return;
        };
        h.begin_shutdown();
        let mut quiet_since = std::time::Instant::now();
        let quiet = std::time::Duration::from_millis(200);
        while let Some(h) = self.supervisor.as_deref() {
            if !h.stem_alive() && (!h.has_open_streams() || quiet_since.elapsed() > quiet) {
                break;
            }
            // Events raised now (a node's status, a lost peer) come after zeek_done: as in
            // Zeek, they are not dispatched any more.
            self.wait_io(0.05);
            self.events.queue.clear();
            if std::mem::take(&mut self.io_activity) {
                quiet_since = std::time::Instant::now();
            }
        }
    }
}

/// The line as the supervisor prints it when no hook suppressed it.
fn forwarded_line(stderr: bool, node: &str, text: &[u8]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(text.len() + node.len() + 24);
    buf.extend_from_slice(if stderr {
        b"[supervisor:STDERR] "
    } else {
        b"[supervisor:STDOUT] "
    });
    if !node.is_empty() {
        buf.push(b'[');
        buf.extend_from_slice(node.as_bytes());
        buf.extend_from_slice(b"] ");
    }
    buf.extend_from_slice(text);
    buf.push(b'\n');
    buf
}

/// Poll the self-pipe, the wake descriptor, the host's and the broker's descriptors; the
/// results for the host's, in its `poll_set` order.
fn poll_all(
    host: Option<&Host>,
    broker: Option<&crate::broker::Broker>,
    wake: Option<RawFd>,
    ms: i32,
) -> Vec<PollFlags> {
    let host_set = host.map(|h| h.poll_set()).unwrap_or_default();
    let broker_set = broker.map(|b| b.poll_set()).unwrap_or_default();
    // The wake descriptor stays open for the whole REPL session, which outlives this call.
    let wake = wake.map(|fd| unsafe { BorrowedFd::borrow_raw(fd) });
    let mut fds: Vec<PollFd> = signals::fd()
        .into_iter()
        .map(|fd| PollFd::new(fd, PollFlags::POLLIN))
        .collect();
    fds.extend(wake.iter().map(|fd| PollFd::new(*fd, PollFlags::POLLIN)));
    let first = fds.len();
    fds.extend(host_set.iter().map(|(fd, fl)| PollFd::new(*fd, *fl)));
    fds.extend(broker_set.iter().map(|(fd, fl)| PollFd::new(*fd, *fl)));
    let timeout = if signals::any_pending() { 0 } else { ms };
    let _ = nix::poll::poll(
        &mut fds,
        PollTimeout::try_from(timeout).unwrap_or(PollTimeout::ZERO),
    );
    fds[first..first + host_set.len()]
        .iter()
        .map(|f| f.revents().unwrap_or(PollFlags::empty()))
        .collect()
}

impl Interp {
    /// Hand Broker activity to scripts: peer events and remote events for our subscriptions.
    fn deliver_broker(&mut self, events: Vec<crate::broker::Event>) {
        use crate::broker::Event as E;
        for ev in events {
            match ev {
                E::PeerAdded { peer } if peer.websocket_client => {
                    let subs = crate::builtins::string_vec(
                        peer.subs.iter().map(|s| Value::str(s)).collect(),
                    );
                    self.peer_event("Cluster::websocket_client_added", &peer, vec![subs]);
                }
                E::PeerLost { peer } if peer.websocket_client => {
                    let args = vec![Value::Count(1000), Value::str("")];
                    self.peer_event("Cluster::websocket_client_lost", &peer, args);
                }
                E::PeerAdded { peer } => {
                    let msg = vec![Value::str("handshake successful")];
                    self.peer_event("Broker::peer_added", &peer, msg);
                }
                E::PeerLost { peer } => {
                    let msg = vec![Value::str("lost connection to remote peer")];
                    self.peer_event("Broker::peer_lost", &peer, msg);
                }
                E::PeerRemoved { peer } => {
                    let msg = vec![Value::str("removed connection to remote peer")];
                    self.peer_event("Broker::peer_removed", &peer, msg);
                }
                E::Unavailable(msg) => {
                    let code =
                        crate::types::enum_value("Broker::ErrorCode", "Broker::PEER_UNAVAILABLE");
                    if let Some(f) = self.global_func("Broker::error") {
                        self.queue_event(f, vec![code, Value::str(&msg)]);
                    }
                }
                E::Message(text, from) => {
                    if let Err(why) = self.remote_event(text.as_str()) {
                        crate::builtins::error_noloc(why.clone());
                        if let Some(b) = self.broker.as_deref_mut() {
                            b.refuse(&from, "deserialization_failed", &why);
                        }
                    }
                }
                E::Error(msg) => crate::builtins::error_noloc(msg),
            }
        }
    }

    /// Raise `name(endpoint, rest...)` with the endpoint record its declaration asks for.
    fn peer_event(&mut self, name: &str, peer: &crate::broker::PeerInfo, rest: Vec<Value>) {
        let Some(f) = self.global_func(name) else {
            return;
        };
        let (id, addr, port) = (&peer.id, &peer.addr, peer.port);
        let endpoint = match f.ty.params.first().map(|p| &p.ty) {
            Some(crate::types::Type::Record(rt)) => {
                let network = match rt.field(1).ty {
                    crate::types::Type::Record(nt) => Value::new_record(
                        nt,
                        vec![Value::str(addr), Value::Port(u32::from(port), 1)],
                    ),
                    _ => Value::Void,
                };
                Value::new_record(rt.clone(), vec![Value::str(id), network])
            }
            _ => return,
        };
        let mut args = vec![endpoint];
        args.extend(rest);
        self.queue_event(f, args);
    }

    /// A data-message carrying an event: its arguments are read as the event's declaration
    /// says, then it is queued; otherwise say why not.
    fn remote_event(&mut self, text: &str) -> Result<(), String> {
        let (f, args) = crate::broker::wire::event(text, |name| {
            self.global_func(name)
                .filter(|f| f.ty.kind == crate::syntax::ast::FuncKind::Event)
        })?;
        self.queue_event(f, args);
        Ok(())
    }
}
