//! Script regression tests: every `tests/scripts/**/NAME.zeek` runs through the real binary as
//! `zeekling -b [ARGS] NAME.zeek` in a fresh directory; stdout, stderr and the exit status are
//! compared with `NAME.stdout`, `NAME.stderr` (absent = empty) and `# @EXIT: N` (default 0).
//!
//! Directives (comment lines): `# @ARGS: ...` extra arguments before the script, `# @EXIT: N`,
//! `# @LOOSE-STDERR` (stderr need only be non-empty and name the script). A folder `NAME.files/`
//! is copied next to the script. Set `ZEEKLING_REGEN=1` to rewrite the expected files from the
//! current output (review every change). Tests listed in `tests/scripts/KNOWN_FAILURES` are
//! expected to fail; the run fails if one of them passes, so the list stays accurate.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: i32,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if !p.to_string_lossy().ends_with(".files") {
                collect(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "zeek") {
            out.push(p);
        }
    }
}

fn directive(text: &str, name: &str) -> Option<String> {
    let tag = format!("# @{}:", name);
    text.lines()
        .find_map(|l| l.trim().strip_prefix(&tag).map(|v| v.trim().to_string()))
}

/// Split `# @ARGS:` like a shell would for simple cases (single quotes group words).
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let dst = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
            copy_dir(&e.path(), &dst);
        } else {
            std::fs::copy(e.path(), dst).unwrap();
        }
    }
}

fn run(script: &Path, text: &str, work: &Path) -> Outcome {
    let name = script.file_name().unwrap();
    std::fs::copy(script, work.join(name)).unwrap();
    let files = script.with_extension("files");
    if files.is_dir() {
        copy_dir(&files, work);
    }
    let mut args = vec!["-b".to_string()];
    if let Some(a) = directive(text, "ARGS") {
        args.extend(split_args(&a));
    }
    args.push(name.to_string_lossy().into_owned());
    let mut child = Command::new(env!("CARGO_BIN_EXE_zeekling"))
        .args(&args)
        .current_dir(work)
        .env("TZ", "UTC")
        .env("LC_ALL", "C")
        .env_remove("ZEEKPATH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zeekling");
    let deadline = Instant::now() + Duration::from_secs(20);
    let out_reader = read_in_thread(child.stdout.take().unwrap());
    let err_reader = read_in_thread(child.stderr.take().unwrap());
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.code().unwrap_or(-1);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break -999;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        status,
    }
}

fn read_in_thread<R: std::io::Read + Send + 'static>(mut r: R) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        v
    })
}

/// Compare one test; None when it passes, else a description of the differences.
fn check(script: &Path, root: &Path, regen: bool) -> Option<String> {
    let text = std::fs::read_to_string(script).unwrap_or_default();
    let work = tempdir(script, root);
    let o = run(script, &text, &work);
    let _ = std::fs::remove_dir_all(&work);
    let exp_out = script.with_extension("stdout");
    let exp_err = script.with_extension("stderr");
    let want_status: i32 = directive(&text, "EXIT")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if regen {
        std::fs::write(&exp_out, &o.stdout).unwrap();
        if o.stderr.is_empty() {
            let _ = std::fs::remove_file(&exp_err);
        } else if !text.contains("# @LOOSE-STDERR") {
            std::fs::write(&exp_err, &o.stderr).unwrap();
        }
        return None;
    }
    let mut problems = Vec::new();
    let want_out = std::fs::read(&exp_out).unwrap_or_default();
    if o.stdout != want_out {
        problems.push(format!(
            "stdout differs:\n--- expected\n{}--- got\n{}",
            String::from_utf8_lossy(&want_out),
            String::from_utf8_lossy(&o.stdout)
        ));
    }
    let name = script.file_name().unwrap().to_string_lossy().into_owned();
    if text.contains("# @LOOSE-STDERR") {
        if o.stderr.is_empty() || !String::from_utf8_lossy(&o.stderr).contains(&name) {
            problems.push(format!(
                "stderr should name {}: {}",
                name,
                String::from_utf8_lossy(&o.stderr)
            ));
        }
    } else {
        let want_err = std::fs::read(&exp_err).unwrap_or_default();
        if o.stderr != want_err {
            problems.push(format!(
                "stderr differs:\n--- expected\n{}--- got\n{}",
                String::from_utf8_lossy(&want_err),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
    }
    if o.status != want_status {
        problems.push(format!(
            "exit status {} (expected {})",
            o.status, want_status
        ));
    }
    if problems.is_empty() {
        None
    } else {
        Some(problems.join("\n"))
    }
}

fn tempdir(script: &Path, root: &Path) -> PathBuf {
    let rel = script
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('/', "_");
    let d = std::env::temp_dir().join(format!("zeekling-test-{}-{}", std::process::id(), rel));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn script_regression_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut scripts = Vec::new();
    collect(&root, &mut scripts);
    assert!(
        scripts.len() >= 200,
        "expected at least 200 script tests, found {}",
        scripts.len()
    );
    let regen = std::env::var("ZEEKLING_REGEN").is_ok_and(|v| v == "1");
    let known: Vec<String> = std::fs::read_to_string(root.join("KNOWN_FAILURES"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut failures = Vec::new();
    let mut unexpected_passes = Vec::new();
    let mut passed = 0;
    for s in &scripts {
        let rel = s
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let is_known = known.contains(&rel);
        match check(s, &root, regen && !is_known) {
            None if is_known => unexpected_passes.push(rel),
            None => passed += 1,
            Some(_) if is_known => {}
            Some(d) => failures.push(format!("=== {}\n{}", rel, d)),
        }
    }
    println!(
        "script tests: {} passed, {} known failures, {} scripts",
        passed,
        known.len(),
        scripts.len()
    );
    for f in &failures {
        println!("{}\n", f);
    }
    assert!(
        failures.is_empty(),
        "{} script tests failed",
        failures.len()
    );
    assert!(
        unexpected_passes.is_empty(),
        "known failures now pass (remove them from KNOWN_FAILURES): {:?}",
        unexpected_passes
    );
}
