//! Bad input through the real binary: every case ends within a second with an error naming the
//! file and line (or, for an empty file, no output), a non-zero exit where it is an error, and
//! never a panic or a crash by signal.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn run_script(name: &str, content: &[u8]) -> (Output, Duration) {
    let dir = std::env::temp_dir().join(format!("zeekling-bad-{}-{}", std::process::id(), name));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, content).unwrap();
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_zeekling"))
        .arg("-b")
        .arg(name)
        .current_dir(&dir)
        .output()
        .expect("run zeekling");
    let took = start.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    (out, took)
}

/// The common expectations for input that must be rejected.
fn assert_rejected(name: &str, content: &[u8], line: usize) {
    let (out, took) = run_script(name, content);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}: exit status {:?}, stderr {}",
        name,
        out.status,
        err
    );
    assert!(!err.contains("panicked"), "{}: panic: {}", name, err);
    let want = format!("./{}, line {}", name, line);
    let at_eof = format!("at end of file ./{}", name);
    assert!(
        err.contains(&want) || err.contains(&at_eof),
        "{}: stderr lacks file and line: {}",
        name,
        err
    );
    assert!(took < Duration::from_secs(1), "{}: took {:?}", name, took);
}

#[test]
fn unbalanced_brackets_are_a_syntax_error() {
    assert_rejected(
        "unbalanced.zeek",
        b"event zeek_init()\n\t{\n\tprint (1 + 2;\n\t}\n",
        3,
    );
}

#[test]
fn unclosed_block_reports_end_of_file() {
    let mut src = String::from("event zeek_init()\n\t{\n");
    for i in 0..3000 {
        src.push_str(&format!("\tlocal x{} = {} + (3 * {});\n", i, i, i));
    }
    let (out, took) = run_script("unclosed.zeek", src.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("syntax error, at end of file ./unclosed.zeek"),
        "{}",
        err
    );
    assert!(took < Duration::from_secs(1), "took {:?}", took);
}

#[test]
fn ten_thousand_nested_parentheses_are_refused_without_overflow() {
    let src = format!("print {}1{};\n", "(".repeat(10_000), ")".repeat(10_000));
    assert_rejected("nested.zeek", src.as_bytes(), 1);
}

#[test]
fn an_endless_operator_chain_is_refused_without_overflow() {
    // 300,000 `+` build a tree deep enough to exhaust any recursive pass.
    let terms = vec!["x"; 300_000].join(" + ");
    let src = format!("global x = 1;\nprint {};\n", terms);
    let (out, _) = run_script("chain.zeek", src.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", err);
    assert!(
        err.contains("./chain.zeek, line 2: expression too long"),
        "stderr: {}",
        err
    );
}

#[test]
fn an_endless_else_if_chain_is_refused_without_overflow() {
    let mut src = String::from("event zeek_init()\n{\nlocal x = 5;\nif ( x == 0 ) print 0;\n");
    for i in 1..300_000 {
        src.push_str(&format!(" else if ( x == {i} ) print {i};"));
    }
    src.push_str("\n}\n");
    let (out, _) = run_script("elif.zeek", src.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", err);
    assert!(
        err.contains("./elif.zeek, line 5: statements nested too deeply"),
        "stderr: {}",
        err
    );
}

#[test]
fn invalid_utf8_is_read_as_bytes() {
    // Raw bytes in a string literal are kept; the syntax error on line 2 is still found.
    assert_rejected("utf8.zeek", b"print \"\xff\xfe\";\nprint 1 +;\n", 2);
    let (out, _) = run_script("utf8ok.zeek", b"print \"a\xffb\", |\"\xff\"|;\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"a\\xffb, 1\n");
}

#[test]
fn binary_garbage_is_a_syntax_error() {
    // A fixed pseudo-random byte sequence (xorshift), so the test is repeatable.
    let mut x: u32 = 0x9e37_79b9;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let (out, took) = run_script("garbage.zeek", &garbage);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}", err);
    assert!(err.contains("./garbage.zeek"), "{}", err);
    assert!(!err.contains("panicked"));
    assert!(took < Duration::from_secs(1));
}

#[test]
fn empty_file_runs_and_prints_nothing() {
    let (out, _) = run_script("empty.zeek", b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn runaway_recursion_is_a_runtime_error_not_a_crash() {
    let src = b"function f(n: count): count { return f(n + 1); }\nevent zeek_done() { print f(0); }\nevent zeek_done() { print \"after\"; }\n";
    let (out, _) = run_script("recurse.zeek", src);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("maximum recursion depth"), "{}", err);
    // The error aborts only the failing handler.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "after\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn unknown_flag_prints_usage_and_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_zeekling"))
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: zeekling"));
}

#[test]
fn packet_input_is_refused_clearly() {
    let out = Command::new(env!("CARGO_BIN_EXE_zeekling"))
        .args(["-r", "x.pcap"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not supported"));
}

#[test]
fn optimizer_option_is_accepted_and_needs_its_argument() {
    let zeekling = || Command::new(env!("CARGO_BIN_EXE_zeekling"));
    let out = zeekling()
        .args(["-b", "-O", "ZAM", "-e", "print 6 * 7;"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"42\n");
    let out = zeekling().args(["-b", "-O"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("option -O requires an argument"));
}

#[test]
fn exit_status_comes_from_exit() {
    let out = Command::new(env!("CARGO_BIN_EXE_zeekling"))
        .args(["-b", "-e", "print \"bye\"; exit(7);"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(out.stdout, b"bye\n");
}

#[test]
fn script_from_stdin() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_zeekling"))
        .args(["-b", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"print 6 * 7;\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.stdout, b"42\n");
}
