//! zeekling's command line: flags modelled on `zeek`, mapping of errors to exit codes.

mod broker;
mod builtins;
mod check;
mod diag;
mod ir;
mod program;
mod repl;
mod runtime;
mod supervisor;
mod syntax;
mod types;

use std::io::Read;

const USAGE: &str = "usage: zeekling [options] [file ...]
    <file>                         | Zeek script file, or read stdin ('-')
    <id>=<value>                   | redefine a &redef global from the command line
    -b|--bare-mode                 | don't load scripts from the base/ directory
    -e|--exec <zeek code>          | augment loaded scripts by given code
    -h|--help                      | command line help
    -j|--jobs                      | supervisor mode: scripts create and supervise nodes
    -O|--optimize <option>         | accepted for Zeek compatibility (no effect)
    --repl                         | interactive session after loading the scripts
                                   | (the default with no script on a terminal)
    -v|--version                   | print version and exit
";

/// The interpreter's thread stack: script recursion is bounded by MAX_CALL_DEPTH, and this
/// leaves ample room below that bound.
pub const INTERPRETER_STACK: usize = 512 << 20;

#[derive(Clone)]
struct Options {
    scripts: Vec<String>,
    redefs: Vec<(String, String)>,
    exec: Vec<String>,
    supervisor: bool,
    repl: bool,
}

fn parse_args(args: &[String]) -> Result<Options, i32> {
    let mut o = Options {
        scripts: vec![],
        redefs: vec![],
        exec: vec![],
        supervisor: false,
        repl: false,
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-h" | "--help" => {
                print!("{}", USAGE);
                return Err(0);
            }
            "-v" | "--version" => {
                println!("zeekling version {}", env!("CARGO_PKG_VERSION"));
                return Err(0);
            }
            "-j" | "--jobs" => o.supervisor = true,
            "--repl" => o.repl = true,
            "-b" | "--bare-mode" | "-D" | "--deterministic" | "-Q" | "--time" | "-C"
            | "--no-checksums" => {}
            // Zeek's script optimizer options: zeekling has one way to run scripts, and the
            // output is the same, so the option (and its argument) is accepted and ignored.
            "-O" | "--optimize" => {
                i += 1;
                if args.get(i).is_none() {
                    return usage_error("option -O requires an argument");
                }
            }
            "-e" | "--exec" => {
                i += 1;
                match args.get(i) {
                    Some(c) => o.exec.push(c.clone()),
                    None => return usage_error("option -e requires an argument"),
                }
            }
            "-G" | "--load-seeds" | "-H" | "--save-seeds" => {
                i += 1;
                let Some(file) = args.get(i) else {
                    return usage_error(&format!("option {} requires a file name", a));
                };
                if a == "-H" || a == "--save-seeds" {
                    if let Err(e) = save_seeds(file) {
                        eprintln!("zeekling: cannot write seed file {}: {}", file, e);
                        return Err(1);
                    }
                }
                // Tables read the seed from this variable, as Zeek does.
                std::env::set_var("ZEEK_SEED_FILE", file);
            }
            "-r" | "--readfile" | "-i" | "--iface" | "-w" | "--writefile" => {
                eprintln!(
                    "zeekling: {} is not supported: zeekling reads no packets",
                    a
                );
                return Err(1);
            }
            "-" => o.scripts.push("-".into()),
            s if s.starts_with('-') && s.len() > 1 => {
                return usage_error(&format!("unknown option {}", s))
            }
            s if is_redef_arg(s) => {
                let (k, v) = s.split_once('=').unwrap();
                o.redefs.push((k.to_string(), v.to_string()));
            }
            s => o.scripts.push(s.to_string()),
        }
        i += 1;
    }
    Ok(o)
}

/// `id=value`: an identifier (possibly `Module::name`) before the first `=`.
fn is_redef_arg(s: &str) -> bool {
    s.split_once('=').is_some_and(|(k, _)| {
        !k.is_empty()
            && !k.starts_with(|c: char| c.is_ascii_digit())
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    })
}

/// Write a new random seed file (21 unsigned numbers, Zeek's format) for `-H`.
fn save_seeds(path: &str) -> std::io::Result<()> {
    use std::hash::{BuildHasher, Hasher};
    let words: Vec<String> = (0..21)
        .map(|i| {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u32(i);
            (h.finish() as u32).to_string()
        })
        .collect();
    std::fs::write(path, words.join("\n") + "\n")
}

fn usage_error(msg: &str) -> Result<Options, i32> {
    eprintln!("zeekling: {}", msg);
    eprint!("{}", USAGE);
    Err(1)
}

fn run(mut o: Options, stem: Option<supervisor::StemHandle>) -> i32 {
    if o.scripts.is_empty() && o.exec.is_empty() && !o.repl {
        if is_tty_stdin() {
            o.repl = true;
        } else {
            o.scripts.push("-".into());
        }
    }
    let mut p = program::Program::new();
    for s in &o.scripts {
        let r = if s == "-" {
            let mut buf = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut buf);
            p.load_source("<stdin>".into(), diag::latin1(&buf), ".".into())
        } else {
            p.load_file(s, None, None)
        };
        if r.is_err() {
            return 1;
        }
    }
    for (k, v) in &o.redefs {
        if p.command_line_redef(k, v).is_err() {
            return 1;
        }
    }
    for c in &o.exec {
        if p.load_source("<command line>".into(), c.clone(), ".".into())
            .is_err()
        {
            return 1;
        }
    }
    if p.errors > 0 || p.checker.errors > 0 {
        runtime::output::flush_stdout();
        return 1;
    }
    p.interp.supervisor = stem.map(|h| Box::new(supervisor::host::Host::new(h)));
    let code = if o.repl { repl::run(&mut p) } else { p.run() };
    runtime::output::flush_stdout();
    code
}

/// Decide this process's place in a supervised tree. Supervisor mode forks the stem here, while
/// the process still has a single thread. A stem (forked, or re-executed after a crash) never
/// comes back here: its nodes go on in `node_main`.
fn take_role(o: &Options) -> Option<supervisor::StemHandle> {
    supervisor::stem_from_env(o.clone(), node_main);
    if !o.supervisor {
        return None;
    }
    let h = match supervisor::start_stem(supervisor::StemStart::Fork, o.clone(), node_main) {
        Ok(h) => h,
        Err(e) => {
            eprintln!(
                "zeekling: cannot start the supervisor's stem process: {}",
                e
            );
            std::process::exit(1);
        }
    };
    supervisor::set_role(supervisor::Role::Supervisor);
    use nix::sys::signal::Signal;
    supervisor::signals::catch(&[Signal::SIGCHLD, Signal::SIGTERM, Signal::SIGINT]);
    Some(h)
}

/// A new node, in the stem's forked thread: set up as its config says, then run the scripts.
fn node_main(mut o: Options, launch: supervisor::stem::NodeLaunch) -> i32 {
    // Scripts named relative to the supervisor's directory stay found after the node's chdir.
    for s in o.scripts.iter_mut() {
        if let Ok(abs) = std::fs::canonicalize(&*s) {
            *s = abs.to_string_lossy().into_owned();
        }
    }
    supervisor::node::init(&launch.spec, launch.stem_pid);
    let mut scripts = launch.spec.addl_base_scripts.clone();
    scripts.append(&mut o.scripts);
    scripts.extend(launch.spec.addl_user_scripts.iter().cloned());
    o.scripts = scripts;
    o.supervisor = false;
    o.repl = false;
    supervisor::set_role(supervisor::Role::Node {
        json: launch.json,
        stem_pid: launch.stem_pid,
    });
    run(o, None)
}

fn is_tty_stdin() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let o = match parse_args(&args) {
        Ok(o) => o,
        Err(code) => std::process::exit(code),
    };
    let stem = take_role(&o);
    let h = std::thread::Builder::new()
        .stack_size(INTERPRETER_STACK)
        .spawn(move || run(o, stem));
    let code = match h.map(|h| h.join()) {
        Ok(Ok(c)) => c,
        _ => 70,
    };
    runtime::output::flush_stdout();
    std::process::exit(code);
}
