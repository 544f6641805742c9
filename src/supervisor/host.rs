//! The supervisor's side of the tree: the table of created nodes, the channel to the stem (and
//! its revival when it dies), and the output of every node, read straight from the node's pipes
//! (the stem passes their read ends along) and cut into lines for the script hooks.

use super::channel::Channel;
use super::lines::LineBuffer;
use super::{start_stem, StemHandle, StemStart};
use indexmap::IndexMap;
use nix::poll::PollFlags;
use nix::sys::signal::Signal;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

/// A node as the supervisor knows it: its configuration and last reported pid.
pub struct HostNode {
    pub json: String,
    pub pid: Option<i64>,
}

/// What the supervisor's scripts hear about.
pub enum Event {
    Line {
        node: String,
        stderr: bool,
        text: Vec<u8>,
    },
    Status {
        node: String,
        pid: i64,
    },
    Error(String),
}

struct Stream {
    fd: OwnedFd,
    /// The node it belongs to, or None for the stem's own output (lines carry `[name] `).
    node: Option<String>,
    stderr: bool,
    lines: LineBuffer,
    /// The node is being stopped: its lines wait here until it has exited (see `hold`).
    held: Option<Vec<Event>>,
}

pub struct Host {
    stem_pid: Pid,
    stem_alive: bool,
    ctrl: Channel,
    streams: Vec<Stream>,
    pub nodes: IndexMap<String, HostNode>,
    /// Seconds a node gets between SIGTERM and SIGKILL.
    grace: f64,
    stopping: bool,
    /// Held lines of nodes that have exited, delivered at the start of the next turn.
    released: Vec<Event>,
    /// The stem died and could not be started again yet.
    revive_pending: bool,
}

const READ_CHUNK: usize = 64 * 1024;

impl Host {
    pub fn new(h: StemHandle) -> Host {
        let mut host = Host {
            stem_pid: h.pid,
            stem_alive: true,
            ctrl: Channel::new(h.ctrl),
            streams: Vec::new(),
            nodes: IndexMap::new(),
            grace: 26.0,
            stopping: false,
            released: Vec::new(),
            revive_pending: false,
        };
        host.add_stem_streams(h.stdout, h.stderr);
        host
    }

    fn add_stem_streams(&mut self, out: OwnedFd, err: OwnedFd) {
        for (fd, stderr) in [(out, false), (err, true)] {
            self.add_stream(fd, None, stderr);
        }
    }

    fn add_stream(&mut self, fd: OwnedFd, node: Option<String>, stderr: bool) {
        super::channel::set_nonblocking(fd.as_raw_fd());
        self.streams.push(Stream {
            fd,
            node,
            stderr,
            lines: LineBuffer::default(),
            held: None,
        });
    }

    /// A node is being stopped: hold its output until it has exited and hand it over one turn
    /// later, so that what the stop caused elsewhere (a lost peer, say) is seen first, in the
    /// order Zeek's stem produces. Nothing is dropped, and other nodes are not held.
    fn hold(&mut self, name: &str) {
        for s in &mut self.streams {
            if s.node.as_deref() == Some(name) && s.held.is_none() {
                s.held = Some(Vec::new());
            }
        }
    }

    pub fn stem_pid(&self) -> i64 {
        self.stem_pid.as_raw() as i64
    }

    pub fn set_grace(&mut self, secs: f64) {
        self.grace = secs;
        self.ctrl.send(&format!("grace {}", secs), vec![]);
    }

    pub fn create(&mut self, name: &str, json: String) {
        self.ctrl.send(&format!("create {} {}", name, json), vec![]);
        self.nodes
            .insert(name.to_string(), HostNode { json, pid: None });
    }

    /// Destroy one node, or every node for "". False for an unknown name.
    pub fn destroy(&mut self, name: &str) -> bool {
        let names = self.targets(name);
        for n in names.iter().flatten() {
            self.ctrl.send(&format!("destroy {}", n), vec![]);
            self.nodes.shift_remove(n);
            self.hold(n);
        }
        names.is_some()
    }

    pub fn restart(&mut self, name: &str) -> bool {
        let names = self.targets(name);
        for n in names.iter().flatten() {
            self.ctrl.send(&format!("restart {}", n), vec![]);
            self.hold(n);
        }
        names.is_some()
    }

    fn targets(&self, name: &str) -> Option<Vec<String>> {
        if name.is_empty() {
            Some(self.nodes.keys().cloned().collect())
        } else if self.nodes.contains_key(name) {
            Some(vec![name.to_string()])
        } else {
            None
        }
    }

    /// The descriptors to poll, in the order `service` expects their results.
    pub fn poll_set(&self) -> Vec<(BorrowedFd<'_>, PollFlags)> {
        let ctrl = if self.ctrl.wants_write() {
            PollFlags::POLLIN | PollFlags::POLLOUT
        } else {
            PollFlags::POLLIN
        };
        let mut v = vec![(self.ctrl.fd(), ctrl)];
        v.extend(
            self.streams
                .iter()
                .map(|s| (s.fd.as_fd(), PollFlags::POLLIN)),
        );
        v
    }

    /// Act on poll results (aligned with `poll_set`), appending what scripts must see.
    pub fn service(&mut self, ready: &[PollFlags], out: &mut Vec<Event>) {
        out.append(&mut self.released);
        if self.revive_pending && !self.stopping {
            self.revive_stem();
        }
        let any = PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR;
        if ready.first().is_some_and(|r| r.intersects(any)) {
            self.read_messages(out);
        }
        let mut closed = Vec::new();
        for (i, r) in ready.iter().enumerate().skip(1) {
            if r.intersects(any) && self.read_stream(i - 1, out) {
                closed.push(i - 1);
            }
        }
        for i in closed.into_iter().rev() {
            self.streams.remove(i);
        }
        self.ctrl.flush();
    }

    fn read_messages(&mut self, out: &mut Vec<Event>) {
        for msg in self.ctrl.receive() {
            let mut parts = msg.splitn(3, ' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("status"), Some(name), Some(pid)) => self.node_started(name, pid, out),
                (Some("error"), ..) => out.push(Event::Error(msg["error ".len()..].to_string())),
                _ => out.push(Event::Error(format!("Supervisor got unknown msg: {}", msg))),
            }
        }
    }

    fn node_started(&mut self, name: &str, pid: &str, out: &mut Vec<Event>) {
        let pid: i64 = pid.parse().unwrap_or(0);
        for stderr in [false, true] {
            if let Some(fd) = self.ctrl.take_fd() {
                self.add_stream(fd, Some(name.to_string()), stderr);
            }
        }
        if let Some(n) = self.nodes.get_mut(name) {
            n.pid = Some(pid);
        }
        out.push(Event::Status {
            node: name.to_string(),
            pid,
        });
    }

    /// Read one chunk from stream `i`; true when it reached end of file.
    fn read_stream(&mut self, i: usize, out: &mut Vec<Event>) -> bool {
        let s = &mut self.streams[i];
        let mut buf = [0u8; READ_CHUNK];
        let n = loop {
            match nix::unistd::read(s.fd.as_raw_fd(), &mut buf) {
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::EAGAIN) => return false,
                Err(_) => break 0,
                Ok(n) => break n,
            }
        };
        let (node, stderr) = (&s.node, s.stderr);
        let sink = s.held.as_mut().unwrap_or(out);
        let mut emit = |l: &[u8]| {
            if !l.is_empty() {
                sink.push(line_event(node.as_deref(), stderr, l));
            }
        };
        if n == 0 {
            s.lines.finish(&mut emit);
            if let Some(mut held) = s.held.take() {
                self.released.append(&mut held);
            }
            return true;
        }
        s.lines.feed(&buf[..n], &mut emit);
        false
    }

    /// After SIGCHLD: if the stem died, revive it (unless shutting down) and re-create every node.
    pub fn check_stem(&mut self) {
        if !self.stem_alive {
            return;
        }
        match waitpid(self.stem_pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(..)) | Ok(WaitStatus::Signaled(..)) | Err(_) => {}
            _ => return,
        }
        self.stem_alive = false;
        if !self.stopping {
            self.revive_stem();
        }
    }

    fn revive_stem(&mut self) {
        // A re-executed stem starts from our argv; it never returns here as a node.
        let h = match start_stem(StemStart::Exec, (), |_, _| 1) {
            Ok(h) => h,
            Err(e) => {
                // Out of processes or descriptors: keep supervising, try again next turn.
                if !self.revive_pending {
                    let msg = format!("failed to revive the stem process: {}", e);
                    crate::builtins::error_noloc(msg);
                }
                self.revive_pending = true;
                return;
            }
        };
        self.revive_pending = false;
        self.stem_pid = h.pid;
        self.stem_alive = true;
        self.ctrl = Channel::new(h.ctrl);
        self.add_stem_streams(h.stdout, h.stderr);
        self.ctrl.send(&format!("grace {}", self.grace), vec![]);
        let creates: Vec<String> = self
            .nodes
            .iter()
            .map(|(k, n)| format!("create {} {}", k, n.json))
            .collect();
        for c in creates {
            self.ctrl.send(&c, vec![]);
        }
    }

    /// Orderly shutdown: the stem stops every node, then exits.
    pub fn begin_shutdown(&mut self) {
        if !self.stopping {
            self.stopping = true;
            if self.stem_alive {
                let _ = nix::sys::signal::kill(self.stem_pid, Signal::SIGTERM);
            }
        }
    }

    pub fn stem_alive(&self) -> bool {
        self.stem_alive
    }

    /// Output pipes still open (nodes, or something they started, may still write).
    pub fn has_open_streams(&self) -> bool {
        !self.streams.is_empty() || !self.released.is_empty()
    }
}

/// A line from a node's pipe, or from the stem's own output (`[name] msg` names the node).
fn line_event(node: Option<&str>, stderr: bool, line: &[u8]) -> Event {
    let (node, text) = match node {
        Some(n) => (n.to_string(), line.to_vec()),
        None => split_prefix(line),
    };
    Event::Line { node, stderr, text }
}

fn split_prefix(line: &[u8]) -> (String, Vec<u8>) {
    if line.first() == Some(&b'[') {
        if let Some(end) = line.iter().position(|&b| b == b']') {
            let name = String::from_utf8_lossy(&line[1..end]).into_owned();
            let rest = &line[end + 1..];
            let rest = rest.strip_prefix(b" ").unwrap_or(rest);
            return (name, rest.to_vec());
        }
    }
    (String::new(), line.to_vec())
}
