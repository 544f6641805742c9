//! Zeek's Supervisor framework: `-j` makes this process the supervisor, which forks a script-free
//! *stem*; the stem forks the nodes, and each node loads the same scripts as a supervised
//! process. This module decides which of those this process is and starts the stem.
//!
//! - `host.rs`: the supervisor's side (node table, stem revival, output forwarding)
//! - `stem.rs`: the stem (spawn, reap, revive with backoff, stop)
//! - `node.rs`: a node's setup before its scripts load
//! - `channel.rs`, `config.rs`, `lines.rs`, `signals.rs`: the parts they share

pub mod channel;
pub mod config;
pub mod host;
pub mod lines;
pub mod node;
pub mod signals;
pub mod stem;

use nix::sys::signal::Signal;
use nix::unistd::{ForkResult, Pid};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::OnceLock;

/// The environment variable that tells a re-executed binary to be the stem (value: the
/// supervisor's pid; the channel is fd 3, the output pipes fds 1 and 2).
const STEM_ENV: &str = "ZEEKLING_STEM";

/// What this process is in the tree.
pub enum Role {
    Plain,
    Supervisor,
    Node { json: String, stem_pid: i32 },
}

static ROLE: OnceLock<Role> = OnceLock::new();

pub fn role() -> &'static Role {
    ROLE.get().unwrap_or(&Role::Plain)
}

pub fn set_role(r: Role) {
    let _ = ROLE.set(r);
}

/// Ask the kernel to send `sig` when our parent dies, and cover the race where it already did.
pub fn die_with_parent(sig: Signal, parent: Pid) {
    let _ = nix::sys::prctl::set_pdeathsig(sig);
    if nix::unistd::getppid() != parent {
        let _ = nix::sys::signal::raise(sig);
    }
}

/// If this process was exec'd as a revived stem, become the stem (this never returns).
pub fn stem_from_env<T: Clone + Send + 'static>(ctx: T, node_main: stem::NodeMain<T>) {
    let Some(parent) = std::env::var(STEM_ENV).ok().and_then(|p| p.parse().ok()) else {
        return;
    };
    std::env::remove_var(STEM_ENV);
    let ctrl = unsafe { OwnedFd::from_raw_fd(3) };
    stem::run(Pid::from_raw(parent), ctrl, ctx, node_main)
}

/// The supervisor's handles on a running stem.
pub struct StemHandle {
    pub pid: Pid,
    pub ctrl: OwnedFd,
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
}

/// How a new stem starts: forked as it is (at startup, while single-threaded) or by re-exec of
/// our own binary (a revival, from the running supervisor).
pub enum StemStart {
    Fork,
    Exec,
}

/// Start a stem: forked as this process is (`ctx` and `node_main` say how its nodes go on), or
/// re-executed. Returns in the supervisor only; an error when no descriptors or processes are left.
pub fn start_stem<T: Clone + Send + 'static>(
    how: StemStart,
    ctx: T,
    node_main: stem::NodeMain<T>,
) -> nix::Result<StemHandle> {
    let cloexec = nix::fcntl::OFlag::O_CLOEXEC;
    let (ctrl, ctrl_child) = channel::pair()?;
    let (out_r, out_w) = nix::unistd::pipe2(cloexec)?;
    let (err_r, err_w) = nix::unistd::pipe2(cloexec)?;
    let parent = nix::unistd::getpid();
    // Everything the child needs is allocated before fork (the supervisor may have threads).
    let exec_args = matches!(how, StemStart::Exec).then(|| exec_arguments(parent));
    match unsafe { nix::unistd::fork() } {
        Ok(ForkResult::Child) => {
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 1);
            let _ = nix::unistd::dup2(err_w.as_raw_fd(), 2);
            drop((ctrl, out_r, err_r));
            match exec_args {
                None => {
                    signals::reset_after_fork();
                    stem::run(parent, ctrl_child, ctx, node_main)
                }
                // exec resets the signal handlers; nothing else may run in this child.
                Some(a) => exec_stem(ctrl_child, a),
            }
        }
        Ok(ForkResult::Parent { child }) => Ok(StemHandle {
            pid: child,
            ctrl,
            stdout: out_r,
            stderr: err_r,
        }),
        Err(e) => Err(e),
    }
}

type ExecArgs = (
    std::ffi::CString,
    Vec<std::ffi::CString>,
    Vec<std::ffi::CString>,
);

/// Our binary, our argv, and our environment plus the stem marker.
fn exec_arguments(parent: Pid) -> ExecArgs {
    use std::ffi::CString;
    let args = std::env::args_os()
        .filter_map(|a| CString::new(a.into_encoded_bytes()).ok())
        .collect();
    let mut env: Vec<CString> = std::env::vars_os()
        .filter(|(k, _)| k != STEM_ENV)
        .filter_map(|(k, v)| {
            let mut kv = k.into_encoded_bytes();
            kv.push(b'=');
            kv.extend(v.into_encoded_bytes());
            CString::new(kv).ok()
        })
        .collect();
    env.push(CString::new(format!("{}={}", STEM_ENV, parent)).unwrap());
    // Our own binary by its path (so `ps` shows its name), or through /proc if it was replaced.
    let exe = std::env::current_exe()
        .ok()
        .filter(|p| p.exists())
        .unwrap_or_else(|| "/proc/self/exe".into());
    let exe = CString::new(exe.into_os_string().into_encoded_bytes())
        .unwrap_or_else(|_| CString::new("/proc/self/exe").unwrap());
    (exe, args, env)
}

/// In the forked child: only async-signal-safe calls from here on.
fn exec_stem(ctrl: OwnedFd, (exe, args, env): ExecArgs) -> ! {
    if ctrl.as_raw_fd() == 3 {
        // dup2 onto itself would keep close-on-exec set.
        let _ = nix::fcntl::fcntl(
            3,
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        );
    } else {
        let _ = nix::unistd::dup2(ctrl.as_raw_fd(), 3);
    }
    let _ = nix::unistd::execve(&exe, &args, &env);
    unsafe { libc::_exit(127) }
}
