//! Running `zeekling -j` in a fresh directory and watching its process tree from outside
//! (through /proc), for the supervisor tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);
static EXCLUSIVE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Held by tests that load the machine (floods, many nodes) or check timing, so those never
/// overlap on a 2-core CI machine.
pub fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    EXCLUSIVE.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct Tree {
    pub dir: PathBuf,
    child: std::cell::RefCell<Child>,
    pub pid: i32,
}

impl Tree {
    /// Write `policy` (and `files`) into a new directory and run `zeekling -j -b policy.zeek`
    /// there, with stdout and stderr going to the files `out` and `err`.
    pub fn start(policy: &str, files: &[(&str, &str)]) -> Tree {
        Tree::start_with(policy, files, &["-j", "-b", "policy.zeek"], &[])
    }

    /// As `start`, with the supervisor leading its own process group (as a shell job does).
    pub fn start_in_own_group(policy: &str) -> Tree {
        Tree::spawn(policy, &[], &["-j", "-b", "policy.zeek"], &[], true)
    }

    pub fn start_with(
        policy: &str,
        files: &[(&str, &str)],
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tree {
        Tree::spawn(policy, files, args, env, false)
    }

    fn spawn(
        policy: &str,
        files: &[(&str, &str)],
        args: &[&str],
        env: &[(&str, &str)],
        own_group: bool,
    ) -> Tree {
        use std::os::unix::process::CommandExt;
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "sup-{}-{}",
            std::process::id(),
            n
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("policy.zeek"), policy).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zeekling"));
        if own_group {
            cmd.process_group(0);
        }
        let child = cmd
            .args(args)
            .current_dir(&dir)
            .env_remove("ZEEK_SUPERVISOR_NO_SIGKILL")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(dir.join("out")).unwrap())
            .stderr(std::fs::File::create(dir.join("err")).unwrap())
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        Tree {
            dir,
            child: std::cell::RefCell::new(child),
            pid,
        }
    }

    /// Wait for the supervisor to exit (SIGKILL and panic after `limit`).
    pub fn wait_exit(&self, limit: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.borrow_mut().try_wait().unwrap() {
                return st;
            }
            if start.elapsed() > limit {
                let _ = self.child.borrow_mut().kill();
                panic!(
                    "supervisor still running after {:?}\nstdout:\n{}\nstderr:\n{}",
                    limit,
                    tail(&read(&self.dir.join("out"))),
                    tail(&read(&self.dir.join("err")))
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn signal(&self, sig: i32) {
        unsafe { libc::kill(self.pid, sig) };
    }

    /// SIGTERM, and expect a clean exit.
    pub fn stop(&self) {
        self.signal(libc::SIGTERM);
        assert!(self.wait_exit(Duration::from_secs(20)).success());
    }

    /// The pids nodes wrote to NAME.pid, once all are there.
    pub fn node_pids(&self, names: &[&str]) -> Vec<i32> {
        let mut pids = None;
        wait_for(Duration::from_secs(10), || {
            pids = self.node_pids_now(names);
            pids.is_some()
        });
        pids.unwrap()
    }

    pub fn node_pids_now(&self, names: &[&str]) -> Option<Vec<i32>> {
        names
            .iter()
            .map(|n| {
                read(&self.dir.join(format!("{}.pid", n)))
                    .trim()
                    .parse()
                    .ok()
            })
            .collect()
    }

    /// The stem: the supervisor's zeekling child.
    pub fn stem_pid(&self) -> i32 {
        let mut stem = 0;
        wait_for(Duration::from_secs(5), || {
            stem = children_of(self.pid)
                .into_iter()
                .find(|p| comm(*p).starts_with("zeekling") && alive(*p))
                .unwrap_or(0);
            stem != 0
        });
        stem
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        // The stem and the nodes follow the supervisor (that is one of the things tested).
        let _ = self.child.borrow_mut().kill();
        let _ = self.child.borrow_mut().wait();
    }
}

/// Running (not gone, not a zombie).
pub fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{}/stat", pid)) {
        Ok(s) => s
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

fn comm(pid: i32) -> String {
    std::fs::read_to_string(format!("/proc/{}/comm", pid)).unwrap_or_default()
}

/// Living children of `pid`.
pub fn children_of(pid: i32) -> Vec<i32> {
    let mut kids = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{}/stat", p)) else {
            continue;
        };
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        if fields.get(1).and_then(|f| f.parse::<i32>().ok()) == Some(pid) && alive(p) {
            kids.push(p);
        }
    }
    kids
}

/// Children of `pid` that exited but were not reaped.
pub fn zombies_of(pid: i32) -> usize {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| {
            let f: Vec<&str> = stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .collect();
            f.first() == Some(&"Z") && f.get(1).and_then(|p| p.parse().ok()) == Some(pid)
        })
        .count()
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// Poll `cond` every 10 ms; panic if it does not hold within `limit`.
pub fn wait_for(limit: Duration, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < limit,
            "condition not met within {:?}",
            limit
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}
