//! Signals as data: handlers only record the signal and write a byte to a self-pipe, which the
//! poll loops (supervisor, stem, node, plain wall-clock runs) watch next to their other fds.

use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

static PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);
static PIPE_READ: AtomicI32 = AtomicI32::new(-1);
/// Bit n set: signal n arrived since the last `take`.
static PENDING: AtomicU64 = AtomicU64::new(0);

extern "C" fn on_signal(sig: libc::c_int) {
    // Only async-signal-safe work here: an atomic or and a write(2).
    let saved = nix::errno::Errno::last_raw();
    PENDING.fetch_or(1u64 << (sig as u64 & 63), Ordering::SeqCst);
    if sig == libc::SIGHUP && ALARM_ON_HUP.load(Ordering::SeqCst) {
        unsafe { libc::alarm(1) };
    }
    let fd = PIPE_WRITE.load(Ordering::SeqCst);
    if fd >= 0 {
        unsafe { libc::write(fd, b"!".as_ptr() as *const libc::c_void, 1) };
    }
    nix::errno::Errno::set_raw(saved);
}

/// Create the self-pipe (once per process; a forked child calls `reset_after_fork`).
fn ensure_pipe() {
    if PIPE_READ.load(Ordering::SeqCst) >= 0 {
        return;
    }
    let Ok((r, w)) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)
    else {
        // No descriptors left: signals still set PENDING; loops then notice at their next wake.
        return;
    };
    PIPE_READ.store(into_raw(r), Ordering::SeqCst);
    PIPE_WRITE.store(into_raw(w), Ordering::SeqCst);
}

fn into_raw(fd: OwnedFd) -> RawFd {
    use std::os::fd::IntoRawFd;
    fd.into_raw_fd()
}

/// Route `sigs` to the self-pipe. SA_RESTART keeps blocking reads elsewhere from failing.
pub fn catch(sigs: &[Signal]) {
    ensure_pipe();
    let act = SigAction::new(
        SigHandler::Handler(on_signal),
        SaFlags::SA_RESTART,
        SigSet::empty(),
    );
    for s in sigs {
        unsafe {
            let _ = signal::sigaction(*s, &act);
        }
    }
}

/// Give `sigs` back their default action (a forked child that must not inherit our handlers).
pub fn restore_default(sigs: &[Signal]) {
    let act = SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty());
    for s in sigs {
        unsafe {
            let _ = signal::sigaction(*s, &act);
        }
    }
}

/// A forked child gets its own self-pipe, so its signals never wake its parent.
pub fn reset_after_fork() {
    for a in [&PIPE_READ, &PIPE_WRITE] {
        let fd = a.swap(-1, Ordering::SeqCst);
        if fd >= 0 {
            drop(unsafe { OwnedFd::from_raw_fd(fd) });
        }
    }
    PENDING.store(0, Ordering::SeqCst);
    ensure_pipe();
}

/// The read end, for poll().
/// The read end, for poll() (None if no pipe could be made: the loops then wake on their
/// timeouts and still see PENDING).
pub fn fd() -> Option<BorrowedFd<'static>> {
    ensure_pipe();
    let fd = PIPE_READ.load(Ordering::SeqCst);
    // The pipe stays open for the life of the process (or until a fork replaces it).
    (fd >= 0).then(|| unsafe { BorrowedFd::borrow_raw(fd) })
}

/// Drain the pipe and return the signals that arrived since the last call.
pub fn take() -> Vec<Signal> {
    if let Some(fd) = fd() {
        let mut buf = [0u8; 64];
        while matches!(nix::unistd::read(fd.as_raw_fd(), &mut buf), Ok(n) if n > 0) {}
    }
    let bits = PENDING.swap(0, Ordering::SeqCst);
    (1..64)
        .filter(|n| bits & (1u64 << n) != 0)
        .filter_map(|n| Signal::try_from(n).ok())
        .collect()
}

/// True if a signal is waiting (without consuming it).
pub fn any_pending() -> bool {
    PENDING.load(Ordering::SeqCst) != 0
}

static ALARM_ON_HUP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// In a node: SIGHUP (the stem died) also arms a 1-second alarm, so even a node stuck in a
/// script loop is gone within a second instead of outliving its parent.
pub fn alarm_on_hangup() {
    ALARM_ON_HUP.store(true, Ordering::SeqCst);
}

/// Consume a pending SIGINT (the REPL's ^C while a statement runs).
pub fn take_interrupt() -> bool {
    let bit = 1u64 << libc::SIGINT;
    PENDING.fetch_and(!bit, Ordering::SeqCst) & bit != 0
}

/// The signals our loops catch; blocked across a fork so that one arriving before the child has
/// its own handlers waits for them instead of being lost in the parent's self-pipe.
fn caught_set() -> nix::sys::signal::SigSet {
    let mut set = SigSet::empty();
    for s in [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGCHLD,
    ] {
        set.add(s);
    }
    set
}

/// Block the caught signals on this thread (before a fork).
pub fn block() {
    let _ = nix::sys::signal::pthread_sigmask(
        nix::sys::signal::SigmaskHow::SIG_BLOCK,
        Some(&caught_set()),
        None,
    );
}

/// Let them through again (after a fork, once handlers are in place).
pub fn unblock() {
    let _ = nix::sys::signal::pthread_sigmask(
        nix::sys::signal::SigmaskHow::SIG_UNBLOCK,
        Some(&caught_set()),
        None,
    );
}
