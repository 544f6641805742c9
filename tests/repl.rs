//! The REPL through a real pseudo-terminal: what a user types, what the terminal shows.
//! Keys are typed one at a time, as a person types them.

use rexpect::session::PtySession;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn workdir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("repl-{}", name));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn start(dir: &Path, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zeekling"));
    cmd.args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("TERM", "xterm");
    let mut s = rexpect::session::spawn_command(cmd, Some(15_000)).unwrap();
    s.exp_string("zeek> ").unwrap();
    s
}

/// Type `text` key by key, then Enter.
fn type_line(s: &mut PtySession, text: &str) {
    type_keys(s, text);
    type_keys(s, "\r");
}

fn type_keys(s: &mut PtySession, keys: &str) {
    for c in keys.chars() {
        s.send(&c.to_string()).unwrap();
        s.flush().unwrap();
        std::thread::sleep(Duration::from_millis(4));
    }
}

#[test]
fn declarations_statements_expressions_and_multiline_input() {
    let d = workdir("basics");
    let mut s = start(&d, &[]);
    type_line(&mut s, "global x = 41;");
    s.exp_string("zeek> ").unwrap();
    type_line(&mut s, "x + 1");
    s.exp_string("42").unwrap();
    // An open brace continues on the next line.
    type_line(&mut s, "function twice(a: count): count {");
    s.exp_string("...> ").unwrap();
    type_line(&mut s, "return a * 2; }");
    s.exp_string("zeek> ").unwrap();
    type_line(&mut s, "twice(x)");
    s.exp_string("82").unwrap();
    // So does a trailing operator.
    type_line(&mut s, "print x +");
    s.exp_string("...> ").unwrap();
    type_line(&mut s, "100;");
    s.exp_string("141").unwrap();
    type_line(&mut s, "local r = [$a=1, $b=\"two\"];");
    s.exp_string("zeek> ").unwrap();
    type_line(&mut s, "r");
    s.exp_string("[a=1, b=two]").unwrap();
    type_line(&mut s, ":type twice");
    s.exp_string("function(a:count) : count").unwrap();
    type_line(
        &mut s,
        "event zeek_done() { print \"bye from zeek_done\"; }",
    );
    s.exp_string("zeek> ").unwrap();
    s.send_control('d').unwrap();
    s.exp_string("bye from zeek_done").unwrap();
    s.exp_eof().unwrap();
}

#[test]
fn an_error_does_not_end_the_session() {
    let d = workdir("errors");
    let mut s = start(&d, &[]);
    type_line(&mut s, "global n = 5;");
    s.exp_string("zeek> ").unwrap();
    type_line(&mut s, "print nosuch;");
    s.exp_string("error in <repl>, line 1: unknown identifier nosuch")
        .unwrap();
    type_line(&mut s, "print n / 0;");
    s.exp_string("division by zero").unwrap();
    type_line(&mut s, "print n * 3;");
    s.exp_string("15").unwrap();
    // ^C stops a runaway loop; the session goes on.
    type_line(&mut s, "while ( T ) { ++n; }");
    std::thread::sleep(Duration::from_millis(300));
    s.send_control('c').unwrap();
    s.exp_string("interrupted").unwrap();
    type_line(&mut s, "n > 5");
    s.exp_string("T").unwrap();
    // ... and a long `for` loop.
    type_line(
        &mut s,
        "for ( c in string_fill(100000000, \"x\") ) { ++n; }",
    );
    std::thread::sleep(Duration::from_millis(500));
    s.send_control('c').unwrap();
    s.exp_string("interrupted").unwrap();
    // ^C abandons a half-typed input.
    type_line(&mut s, "print (n");
    s.exp_string("...> ").unwrap();
    s.send_control('c').unwrap();
    s.exp_string("zeek> ").unwrap();
    type_line(&mut s, ":quit");
    s.exp_eof().unwrap();
}

#[test]
fn lines_sent_in_one_burst_are_all_run() {
    let d = workdir("burst");
    let mut s = start(&d, &[]);
    // Three lines arrive together, as when typed ahead or pasted: none may be dropped.
    s.send("print \"first\" + \"-out\";\rprint \"second\" + \"-out\";\r:quit\r")
        .unwrap();
    s.flush().unwrap();
    s.exp_string("first-out").unwrap();
    s.exp_string("second-out").unwrap();
    s.exp_eof().unwrap();
}

#[test]
fn scheduled_events_fire_while_the_prompt_waits() {
    let d = workdir("schedule");
    let mut s = start(&d, &[]);
    type_line(&mut s, "event later() { print \"later fired\"; }");
    s.exp_string("zeek> ").unwrap();
    type_line(&mut s, "schedule 300 msec { later() };");
    s.exp_string("later fired").unwrap();
    // The prompt is still usable afterwards.
    type_line(&mut s, "1 + 1");
    s.exp_string("2").unwrap();
    type_line(&mut s, ":quit");
    s.exp_eof().unwrap();
}

#[test]
fn tab_completes_module_members_and_fields() {
    let d = workdir("complete");
    let mut s = start(&d, &[]);
    type_keys(&mut s, "Supervisor::is_superv\t");
    s.exp_string("Supervisor::is_supervis").unwrap();
    type_keys(&mut s, "or()\r");
    s.exp_string("F").unwrap();
    type_line(&mut s, "global cfg = Supervisor::NodeConfig($name=\"n\");");
    s.exp_string("zeek> ").unwrap();
    type_keys(&mut s, "cfg$na\t\r");
    s.exp_string("cfg$name").unwrap();
    s.exp_string("n\r\n").unwrap();
    type_line(&mut s, ":quit");
    s.exp_eof().unwrap();
}

#[test]
fn history_survives_the_session() {
    let d = workdir("history");
    let mut s = start(&d, &[]);
    type_line(&mut s, "print \"remember me\";");
    s.exp_string("remember me").unwrap();
    type_line(&mut s, ":quit");
    s.exp_eof().unwrap();
    assert!(d.join(".zeekling_history").exists());
    let mut s = start(&d, &[]);
    // Up arrow twice (past ":quit"), then Enter.
    type_keys(&mut s, "\x1b[A\x1b[A\r");
    s.exp_string("remember me").unwrap();
    type_line(&mut s, ":quit");
    s.exp_eof().unwrap();
}

#[test]
fn a_supervisor_session_creates_and_restarts_a_node() {
    let d = workdir("supervisor");
    std::fs::write(
        d.join("node.zeek"),
        "redef exit_only_after_terminate = T;\n\
         event zeek_init() { if ( Supervisor::is_supervised() ) print \"node up\", getpid(); }\n\
         event Supervisor::node_status(node: string, pid: count) { print \"status\", node; }\n",
    )
    .unwrap();
    let mut s = start(&d, &["-j", "node.zeek", "--repl"]);
    type_line(
        &mut s,
        "Supervisor::create(Supervisor::NodeConfig($name=\"n1\"))",
    );
    s.exp_string("status, n1").unwrap();
    s.exp_string("[supervisor:STDOUT] [n1] node up").unwrap();
    type_line(&mut s, "Supervisor::restart(\"n1\")");
    s.exp_string("T").unwrap();
    s.exp_string("status, n1").unwrap();
    s.exp_string("[supervisor:STDOUT] [n1] node up").unwrap();
    type_line(&mut s, "|Supervisor::status()$nodes|");
    s.exp_string("1").unwrap();
    s.send_control('d').unwrap();
    s.exp_eof().unwrap();
}
