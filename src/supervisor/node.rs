//! Setting up a freshly forked node before its scripts load: output pipes, death of the stem,
//! working directory, output files, CPU affinity and environment (Zeek's `SupervisedNode::Init`).

use super::config::NodeSpec;
use super::signals;
use nix::sys::signal::Signal;
use std::os::fd::{AsRawFd, OwnedFd};

/// In the child right after fork: the pipes become stdout and stderr. They stay blocking, so a
/// node that writes faster than the supervisor reads waits instead of losing output.
pub fn attach_output(out: &OwnedFd, err: &OwnedFd) {
    let _ = nix::unistd::dup2(out.as_raw_fd(), 1);
    let _ = nix::unistd::dup2(err.as_raw_fd(), 2);
}

/// Everything else a node does before loading scripts. Exits with status 1 on failure, as Zeek.
pub fn init(spec: &NodeSpec, stem_pid: i32) {
    signals::restore_default(&[Signal::SIGCHLD, Signal::SIGTERM, Signal::SIGHUP]);
    signals::reset_after_fork();
    signals::alarm_on_hangup();
    signals::catch(&[Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP]);
    // Signals that came since the fork were held for these handlers (see Stem::spawn).
    signals::unblock();
    super::die_with_parent(Signal::SIGHUP, nix::unistd::Pid::from_raw(stem_pid));
    let name = &spec.name;
    if let Some(dir) = &spec.directory {
        if let Err(e) = std::env::set_current_dir(dir) {
            fail(&format!(
                "node '{}' failed to set working directory to {}: {}",
                name, dir, e
            ));
        }
    }
    if let Some(f) = &spec.stderr_file {
        redirect(name, f, 2, "stderr");
    }
    if let Some(f) = &spec.stdout_file {
        redirect(name, f, 1, "stdout");
    }
    if let Some(cpu) = spec.cpu_affinity {
        if let Err(e) = set_affinity(cpu) {
            eprintln!("node '{}' failed to set CPU affinity: {}", name, e);
        }
    }
    for (k, v) in &spec.env {
        std::env::set_var(k, v);
    }
    if spec.has_cluster {
        std::env::set_var("CLUSTER_NODE", name);
    }
}

fn redirect(name: &str, file: &str, target: i32, what: &str) {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .truncate(false)
        .mode(0o600)
        .open(file)
        .and_then(|f| {
            f.set_len(0)?;
            Ok(f)
        });
    match f {
        Ok(f) => {
            let _ = nix::unistd::dup2(f.as_raw_fd(), target);
        }
        Err(e) => fail(&format!(
            "node '{}' failed to create {} file {}: {}",
            name, what, file, e
        )),
    }
}

fn set_affinity(cpu: i64) -> nix::Result<()> {
    let mut set = nix::sched::CpuSet::new();
    set.set(usize::try_from(cpu).map_err(|_| nix::errno::Errno::EINVAL)?)?;
    nix::sched::sched_setaffinity(nix::unistd::Pid::from_raw(0), &set)
}

fn fail(msg: &str) -> ! {
    eprintln!("{}", msg);
    std::process::exit(1);
}
