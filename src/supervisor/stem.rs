//! The stem: a clean, script-free process that forks every node, reaps and revives them with
//! Zeek's backoff (1 s between respawns, doubled every 3 attempts, reset after 30 s of uptime),
//! stops them on request (SIGTERM, then SIGKILL after a grace period), and hands each new node's
//! output pipes to the supervisor. It reacts to SIGCHLD at once through the self-pipe.

use super::channel::Channel;
use super::config::NodeSpec;
use super::signals;
use indexmap::IndexMap;
use nix::poll::{PollFd, PollFlags, PollTimeout};
use nix::sys::signal::Signal;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{ForkResult, Pid};
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

/// After this much uptime a node's revival backoff starts over.
const RESET_AFTER: Duration = Duration::from_secs(30);
/// Between repeated stop signals, as Zeek's stem.
const RESIGNAL_EVERY: Duration = Duration::from_secs(2);
/// How long nodes get to finish when the supervisor vanished (then SIGKILL).
const ORPHAN_GRACE: Duration = Duration::from_millis(500);

/// What a forked node takes with it out of the stem.
pub struct NodeLaunch {
    pub spec: NodeSpec,
    pub json: String,
    pub stem_pid: i32,
}

enum AfterStop {
    Remove,
    Respawn,
}

struct Stopping {
    /// When SIGTERM turns into SIGKILL (unless ZEEK_SUPERVISOR_NO_SIGKILL).
    kill_at: Instant,
    last_signal: Instant,
    then: AfterStop,
}

/// Zeek's revival schedule for one node: the delay is counted from the last spawn.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Backoff {
    attempts: u32,
    delay: Duration,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff {
            attempts: 0,
            delay: Duration::from_secs(1),
        }
    }
}

impl Backoff {
    /// A revival happens: every third one doubles the delay for the next.
    fn revived(&mut self) {
        self.attempts += 1;
        if self.attempts.is_multiple_of(3) {
            self.delay *= 2;
        }
    }

    /// The node died after `uptime`: a node that ran long enough starts the schedule over.
    fn died_after(&mut self, uptime: Duration) {
        if uptime > RESET_AFTER {
            *self = Backoff::default();
        }
    }
}

struct Node {
    spec: NodeSpec,
    json: String,
    pid: Option<Pid>,
    spawned_at: Instant,
    backoff: Backoff,
    stopping: Option<Stopping>,
    /// Stopped by `restart`: spawn again at once, outside the revival backoff.
    restart_pending: bool,
}

struct Stem {
    parent: Pid,
    ctrl: Channel,
    nodes: IndexMap<String, Node>,
    grace: Duration,
    no_sigkill: bool,
    /// Set once shutdown began: the exit code, and the short grace when orphaned.
    shutdown: Option<(i32, Option<Duration>)>,
}

/// What a new node does with its launch data (and the context it was given); the result is
/// the node's exit status.
pub type NodeMain<T> = fn(T, NodeLaunch) -> i32;

/// Become the stem. The loop runs on a thread with the interpreter's large stack, after parsing
/// the base scripts there: a node forked from it continues on that thread (the only one it
/// has) straight into `node_main`, with the base already parsed. Never returns.
pub fn run<T: Clone + Send + 'static>(
    parent: Pid,
    ctrl: OwnedFd,
    ctx: T,
    node_main: NodeMain<T>,
) -> ! {
    let h = std::thread::Builder::new()
        .stack_size(crate::INTERPRETER_STACK)
        .spawn(move || {
            crate::program::preparse_base();
            let launch = stem_loop(parent, ctrl);
            let code = node_main(ctx, launch);
            crate::runtime::output::flush_stdout();
            std::process::exit(code)
        });
    let _ = h.map(|h| h.join());
    std::process::exit(70)
}

/// The stem's poll loop. Returns only in a freshly forked node; the stem itself exits here.
fn stem_loop(parent: Pid, ctrl: OwnedFd) -> NodeLaunch {
    signals::catch(&[Signal::SIGCHLD, Signal::SIGTERM, Signal::SIGHUP]);
    // Our own process group: a terminal's ^C reaches the supervisor only, which then stops
    // the tree in order.
    let _ = nix::unistd::setpgid(Pid::from_raw(0), Pid::from_raw(0));
    super::die_with_parent(Signal::SIGHUP, parent);
    let mut stem = Stem {
        parent,
        ctrl: Channel::new(ctrl),
        nodes: IndexMap::new(),
        grace: Duration::from_secs(26),
        no_sigkill: std::env::var_os("ZEEK_SUPERVISOR_NO_SIGKILL").is_some(),
        shutdown: None,
    };
    loop {
        if let Some(launch) = stem.step() {
            return launch;
        }
    }
}

impl Stem {
    /// One poll iteration; Some only in a newly forked node.
    fn step(&mut self) -> Option<NodeLaunch> {
        if let Some((code, _)) = self.shutdown {
            if self.nodes.values().all(|n| n.pid.is_none()) {
                self.ctrl.flush();
                std::process::exit(code);
            }
        }
        self.wait(self.next_deadline());
        for s in signals::take() {
            match s {
                Signal::SIGCHLD => self.reap(),
                Signal::SIGTERM => self.begin_shutdown(0, None),
                _ => self.begin_shutdown(13, Some(ORPHAN_GRACE)),
            }
        }
        if nix::unistd::getppid() != self.parent {
            self.begin_shutdown(13, Some(ORPHAN_GRACE));
        }
        for msg in self.ctrl.receive() {
            if let Some(l) = self.handle(&msg) {
                return Some(l);
            }
        }
        if self.ctrl.closed {
            // The supervisor is gone (or closed its end): stop everything.
            self.begin_shutdown(14, Some(ORPHAN_GRACE));
        }
        self.escalate_stops();
        let launch = self.revive();
        self.ctrl.flush();
        launch
    }

    fn wait(&self, deadline: Option<Instant>) {
        let ms = deadline
            .map(|d| d.saturating_duration_since(Instant::now()).as_millis() as u64 + 1)
            .unwrap_or(1000)
            .min(1000);
        let ctrl_events = if self.ctrl.wants_write() {
            PollFlags::POLLIN | PollFlags::POLLOUT
        } else {
            PollFlags::POLLIN
        };
        let mut fds = vec![PollFd::new(self.ctrl.fd(), ctrl_events)];
        fds.extend(signals::fd().map(|fd| PollFd::new(fd, PollFlags::POLLIN)));
        let _ = nix::poll::poll(
            &mut fds,
            PollTimeout::try_from(ms as i32).unwrap_or(PollTimeout::MAX),
        );
    }

    /// The earliest moment something is due: a revival or a stop escalation.
    fn next_deadline(&self) -> Option<Instant> {
        let mut due: Option<Instant> = None;
        let mut consider = |t: Instant| due = Some(due.map_or(t, |d| d.min(t)));
        for n in self.nodes.values() {
            if let Some(st) = &n.stopping {
                consider(st.last_signal + RESIGNAL_EVERY);
                consider(st.kill_at);
            } else if n.restart_pending {
                consider(Instant::now());
            } else if n.pid.is_none() && self.shutdown.is_none() {
                consider(n.spawned_at + n.backoff.delay);
            }
        }
        due
    }

    /// Orphaned: nodes get a short grace and then SIGKILL, whatever the settings say.
    fn orphaned(&self) -> bool {
        self.shutdown.is_some_and(|(_, g)| g.is_some())
    }

    fn handle(&mut self, msg: &str) -> Option<NodeLaunch> {
        let mut parts = msg.splitn(3, ' ');
        let (kind, name, rest) = (parts.next()?, parts.next().unwrap_or(""), parts.next());
        match kind {
            "create" => return self.create(name, rest.unwrap_or("{}")),
            "destroy" => self.stop(name, AfterStop::Remove),
            "restart" => self.stop(name, AfterStop::Respawn),
            "grace" => {
                if let Ok(secs) = name.parse::<f64>() {
                    self.grace = Duration::from_secs_f64(secs.max(0.0));
                }
            }
            _ => self.error(&format!("stem got unknown message: {}", msg)),
        }
        None
    }

    fn create(&mut self, name: &str, json: &str) -> Option<NodeLaunch> {
        if self.shutdown.is_some() || self.nodes.contains_key(name) {
            return None;
        }
        let spec = match serde_json::from_str(json) {
            Ok(j) => NodeSpec::from_json(&j),
            Err(e) => {
                self.error(&format!("bad configuration for node '{}': {}", name, e));
                return None;
            }
        };
        let node = Node {
            spec,
            json: json.to_string(),
            pid: None,
            spawned_at: Instant::now(),
            backoff: Backoff::default(),
            stopping: None,
            restart_pending: false,
        };
        self.nodes.insert(name.to_string(), node);
        self.spawn(name, false)
    }

    /// Fork the node. The child returns its launch data; the parent reports the new pid (after
    /// the "revived" error for a revival, in Zeek's order).
    fn spawn(&mut self, name: &str, revival: bool) -> Option<NodeLaunch> {
        let (out_r, out_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ok()?;
        let (err_r, err_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ok()?;
        // A stop signal that reaches the child before its own handlers would otherwise run our
        // handler there and be lost: the child unblocks once it is set up (node::init).
        signals::block();
        let forked = unsafe { nix::unistd::fork() };
        if !matches!(forked, Ok(ForkResult::Child)) {
            signals::unblock();
        }
        match forked {
            Err(e) => {
                self.error(&format!("failed to fork Zeek node '{}': {}", name, e));
                None
            }
            Ok(ForkResult::Child) => {
                let node = &self.nodes[name];
                let launch = NodeLaunch {
                    spec: node.spec.clone(),
                    json: node.json.clone(),
                    stem_pid: nix::unistd::getppid().as_raw(),
                };
                super::node::attach_output(&out_w, &err_w);
                Some(launch)
            }
            Ok(ForkResult::Parent { child }) => {
                drop((out_w, err_w));
                let node = self.nodes.get_mut(name)?;
                node.pid = Some(child);
                node.spawned_at = Instant::now();
                if revival {
                    let msg = format!(
                        "Supervised node '{}' (PID {}) revived after premature exit",
                        name, child
                    );
                    self.error(&msg);
                }
                let msg = format!("status {} {}", name, child);
                self.ctrl.send(&msg, vec![out_r, err_r]);
                None
            }
        }
    }

    /// Begin stopping a node: SIGTERM now, escalation in `escalate_stops`.
    fn stop(&mut self, name: &str, then: AfterStop) {
        let Some(node) = self.nodes.get_mut(name) else {
            return;
        };
        match (node.pid, &node.stopping) {
            (Some(_), Some(st)) => {
                // Already stopping: a later destroy wins over an earlier restart.
                if matches!(then, AfterStop::Remove) {
                    node.stopping = Some(Stopping { then, ..*st });
                }
            }
            (Some(pid), None) => {
                let now = Instant::now();
                let _ = nix::sys::signal::kill(pid, Signal::SIGTERM);
                node.stopping = Some(Stopping {
                    kill_at: now + self.grace,
                    last_signal: now,
                    then,
                });
            }
            (None, _) => match then {
                AfterStop::Remove => {
                    self.nodes.shift_remove(name);
                }
                AfterStop::Respawn => node.restart_pending = true,
            },
        }
    }

    fn escalate_stops(&mut self) {
        let now = Instant::now();
        let force = self.orphaned();
        for node in self.nodes.values_mut() {
            let (Some(pid), Some(st)) = (node.pid, node.stopping.as_mut()) else {
                continue;
            };
            if now >= st.kill_at && (force || !self.no_sigkill) {
                let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                st.last_signal = now;
            } else if now >= st.last_signal + RESIGNAL_EVERY {
                let _ = nix::sys::signal::kill(pid, Signal::SIGTERM);
                st.last_signal = now;
            }
        }
    }

    /// Stop every node; `orphan_grace` (the supervisor is gone) caps how long they get.
    fn begin_shutdown(&mut self, code: i32, orphan_grace: Option<Duration>) {
        if self.orphaned() || (self.shutdown.is_some() && orphan_grace.is_none()) {
            return;
        }
        self.shutdown = Some((code, orphan_grace));
        let names: Vec<String> = self.nodes.keys().cloned().collect();
        for n in names {
            self.stop(&n, AfterStop::Remove);
        }
        if let Some(g) = orphan_grace {
            let cap = Instant::now() + g;
            for st in self.nodes.values_mut().filter_map(|n| n.stopping.as_mut()) {
                st.kill_at = st.kill_at.min(cap);
            }
        }
    }

    /// Collect every exited child (SIGCHLD coalesces, so loop until none is left).
    fn reap(&mut self) {
        while let Ok(st) = waitpid(None::<Pid>, Some(WaitPidFlag::WNOHANG)) {
            let (pid, how) = match st {
                WaitStatus::Exited(pid, code) => {
                    (pid, format!("exited prematurely with status {}", code))
                }
                WaitStatus::Signaled(pid, sig, _) => (
                    pid,
                    format!("terminated prematurely by signal {}", sig as i32),
                ),
                WaitStatus::StillAlive => break,
                _ => continue,
            };
            self.node_exited(pid, &how);
        }
    }

    fn node_exited(&mut self, pid: Pid, how: &str) {
        let Some(name) = self
            .nodes
            .iter()
            .find(|(_, n)| n.pid == Some(pid))
            .map(|(k, _)| k.clone())
        else {
            return;
        };
        let node = self.nodes.get_mut(&name).unwrap();
        node.pid = None;
        match node.stopping.take() {
            Some(Stopping {
                then: AfterStop::Remove,
                ..
            }) => {
                self.nodes.shift_remove(&name);
            }
            Some(Stopping {
                then: AfterStop::Respawn,
                ..
            }) => node.restart_pending = true,
            None => {
                node.backoff.died_after(node.spawned_at.elapsed());
                if self.shutdown.is_none() {
                    let msg = format!("Supervised node '{}' (PID {}) {}", name, pid, how);
                    self.error(&msg);
                }
            }
        }
    }

    /// Respawn dead nodes whose backoff delay has passed since their last spawn.
    fn revive(&mut self) -> Option<NodeLaunch> {
        if self.shutdown.is_some() {
            return None;
        }
        let now = Instant::now();
        let due: Vec<String> = self
            .nodes
            .iter()
            .filter(|(_, n)| {
                n.pid.is_none()
                    && n.stopping.is_none()
                    && (n.restart_pending || now >= n.spawned_at + n.backoff.delay)
            })
            .map(|(k, _)| k.clone())
            .collect();
        for name in due {
            let node = self.nodes.get_mut(&name).unwrap();
            let revival = !std::mem::take(&mut node.restart_pending);
            if revival {
                node.backoff.revived();
            }
            if let Some(l) = self.spawn(&name, revival) {
                return Some(l);
            }
        }
        None
    }

    fn error(&mut self, text: &str) {
        self.ctrl.send(&format!("error {}", text), vec![]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revival_gaps_double_after_every_third_attempt_and_never_stop() {
        let mut b = Backoff::default();
        let mut gaps = Vec::new();
        for _ in 0..12 {
            gaps.push(b.delay.as_secs());
            b.revived();
        }
        assert_eq!(gaps, [1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8]);
    }

    #[test]
    fn thirty_seconds_of_uptime_reset_the_schedule() {
        let mut b = Backoff::default();
        for _ in 0..7 {
            b.revived();
        }
        b.died_after(Duration::from_secs(29));
        assert_eq!(b.delay, Duration::from_secs(4));
        b.died_after(Duration::from_secs(31));
        assert_eq!(b, Backoff::default());
    }
}
