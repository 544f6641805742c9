//! The interactive REPL (`zeekling` on a terminal, or `--repl`): declarations, statements and
//! bare expressions line by line, with the event loop running while the prompt waits. Input is
//! complete when the parser says so: text that fails only because it ended early continues on
//! the next line.
//!
//! - `input.rs`: the rustyline thread (editing, history, ^C/^D)
//! - `complete.rs`: tab completion

mod complete;
mod input;

use crate::program::Program;
use crate::runtime::describe::{describe, Mode};
use crate::runtime::output;
use crate::runtime::value::Value;
use crate::syntax::parser;
use input::{Input, Reply};
use std::os::fd::AsRawFd;
use std::sync::{mpsc, Arc, Mutex};

const HELP: &str = "\
Type Zeek script: declarations (global, type, function, event and hook handlers, redef),
statements (end them with ';') or an expression, whose value is printed. Input that is not
complete yet continues on the next line. Scheduled events fire while the prompt waits.
  :help          this text
  :type EXPR     the type of EXPR, as type_name() gives it
  :load FILE     load a script file
  :quit          end the session (as ^D); zeek_done runs
^C abandons the current input.
";

/// Run the REPL on `p` (scripts already loaded) until ^D, `:quit` or `terminate()`.
pub fn run(p: &mut Program) -> i32 {
    p.repl = true;
    p.interp.repl = true;
    // SIGTERM ends the session as it ends a script run; ^C while a statement runs stops it.
    use nix::sys::signal::Signal;
    crate::supervisor::signals::catch(&[Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP]);
    if let Err(code) = p.start() {
        return code;
    }
    let saved_tty = nix::sys::termios::tcgetattr(std::io::stdin()).ok();
    let Ok((wake_r, wake_w)) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)
    else {
        return 1;
    };
    p.interp.wake_fd = Some(wake_r.as_raw_fd());
    let names = Arc::new(Mutex::new(complete::Names::default()));
    refresh_names(p, &names);
    let (to_interp, inputs) = mpsc::channel();
    let (to_input, replies) = mpsc::channel();
    let (printer_tx, printer_rx) = mpsc::channel();
    let shared = names.clone();
    let reader =
        std::thread::spawn(move || input::run(replies, to_interp, wake_w, shared, printer_tx));
    if let Ok(Some(mut printer)) = printer_rx.recv() {
        // Output from events and nodes goes above the line being edited.
        output::set_sink(Box::new(move |b: &[u8]| {
            let _ = printer.print(String::from_utf8_lossy(b).into_owned());
        }));
    }
    println!(
        "zeekling {} - type Zeek script, :help for help, ^D to quit",
        env!("CARGO_PKG_VERSION")
    );
    let mut session = Session::default();
    let mut user_quit = false;
    let _ = to_input.send(Reply::Prompt {
        continuation: false,
    });
    while !p.interp.terminating {
        p.interp.loop_step();
        let mut buf = [0u8; 64];
        while matches!(nix::unistd::read(wake_r.as_raw_fd(), &mut buf), Ok(n) if n > 0) {}
        while let Ok(msg) = inputs.try_recv() {
            let reply = match msg {
                Input::Line(l) => session.line(p, &l),
                Input::Interrupt => session.abandon(),
                Input::Eof => Reply::Quit,
            };
            refresh_names(p, &names);
            output::flush_stdout();
            if matches!(reply, Reply::Quit) {
                p.interp.terminating = true;
                user_quit = true;
                break;
            }
            let _ = to_input.send(reply);
        }
    }
    p.interp.announce_termination();
    let _ = to_input.send(Reply::Quit);
    if let Some(t) = saved_tty {
        // The reader may be in the middle of a line (the session ended by terminate()).
        let _ =
            nix::sys::termios::tcsetattr(std::io::stdin(), nix::sys::termios::SetArg::TCSANOW, &t);
    }
    if user_quit {
        // The reader is waiting for our reply: let it save the history.
        let _ = reader.join();
    }
    p.interp.expire_all_timers();
    p.finish()
}

/// The REPL's state between lines: the text of an incomplete input and the values of
/// top-level locals.
#[derive(Default)]
struct Session {
    buffer: String,
    frame: Vec<Value>,
}

impl Session {
    fn line(&mut self, p: &mut Program, line: &str) -> Reply {
        if self.buffer.is_empty() && line.trim_start().starts_with(':') {
            return self.meta(p, line.trim());
        }
        self.buffer.push_str(line);
        self.buffer.push('\n');
        let text = std::mem::take(&mut self.buffer);
        if text.trim().is_empty() {
            return prompt();
        }
        if parser::parse_items(0, 0, &text, "<repl>", ".").is_ok() {
            self.run_items(p, text);
        } else if parser::parse_expr(0, 0, &text).is_ok() {
            self.print_expr(p, &text);
        } else if parser::ends_early(&text) {
            self.buffer = text;
            return Reply::Prompt { continuation: true };
        } else {
            // Let the loader report the syntax error as it would in a file.
            self.run_items(p, text);
        }
        prompt()
    }

    fn abandon(&mut self) -> Reply {
        self.buffer.clear();
        prompt()
    }

    fn meta(&mut self, p: &mut Program, cmd: &str) -> Reply {
        let (name, arg) = cmd.split_once(char::is_whitespace).unwrap_or((cmd, ""));
        let arg = arg.trim();
        match name {
            ":quit" | ":q" => return Reply::Quit,
            ":help" | ":h" => output::write_stdout(HELP.as_bytes()),
            ":type" | ":t" => {
                if let Some((ty, _)) = self.check_expr(p, arg) {
                    output::write_stdout(format!("{}\n", ty.name_or_describe()).as_bytes());
                }
            }
            ":load" | ":l" => {
                if p.load_file(arg, None, None).is_ok() {
                    self.run_toplevel(p);
                }
                reset_errors(p);
            }
            _ => output::write_stderr(
                format!("unknown command {} (:help lists them)\n", name).as_bytes(),
            ),
        }
        prompt()
    }

    /// Declarations and statements: load them as a script would, then run the new statements.
    fn run_items(&mut self, p: &mut Program, text: String) {
        if p.load_source("<repl>".into(), text, ".".into()).is_ok() {
            self.run_toplevel(p);
        } else {
            p.toplevel.clear();
        }
        reset_errors(p);
    }

    /// Run the statements loaded since the last input, in the frame that keeps top-level locals.
    fn run_toplevel(&mut self, p: &mut Program) {
        let stmts = std::mem::take(&mut p.toplevel);
        let r = self.in_frame(p, |i| stmts.iter().try_for_each(|s| i.exec(s).map(|_| ())));
        if let Err(crate::runtime::Unwind::Error(d)) = r {
            d.emit();
        }
        p.interp.drain_events();
    }

    /// Run `f` in a frame holding the top-level locals, and keep what it leaves in them.
    fn in_frame<T>(
        &mut self,
        p: &mut Program,
        f: impl FnOnce(&mut crate::runtime::Interp) -> crate::runtime::RResult<T>,
    ) -> crate::runtime::RResult<T> {
        let size = (p.checker.toplevel.next_slot as usize).max(self.frame.len());
        self.frame.resize(size, Value::Void);
        let frame = &mut self.frame;
        p.interp.run_frame(size, |i| {
            let fp = i.fp;
            i.stack[fp..fp + size].clone_from_slice(frame);
            let r = f(i);
            frame.clone_from_slice(&i.stack[fp..fp + size]);
            r
        })
    }

    /// Check an expression typed at the prompt; its type and checked form.
    fn check_expr(
        &mut self,
        p: &mut Program,
        text: &str,
    ) -> Option<(crate::types::Type, crate::ir::Expr)> {
        let file = crate::diag::add_file("<repl>".into(), text.to_string());
        let r = parser::parse_expr(file, 0, text).and_then(|e| {
            p.checker.scope = None;
            p.checker.expr(&e)
        });
        p.interp.ensure_globals(p.checker.global_count as usize);
        match r {
            Ok(x) => Some((x.ty.clone(), x)),
            Err(d) => {
                d.emit();
                reset_errors(p);
                None
            }
        }
    }

    /// A bare expression: evaluate it and print its value as `print` would.
    fn print_expr(&mut self, p: &mut Program, text: &str) {
        let Some((ty, e)) = self.check_expr(p, text.trim_end()) else {
            return;
        };
        match self.in_frame(p, |i| i.eval(&e)) {
            Ok(v) if !matches!(ty, crate::types::Type::Void) => {
                let mut line = describe(&v, Mode::Print);
                line.push(b'\n');
                output::write_stdout(&line);
            }
            Ok(_) => {}
            Err(crate::runtime::Unwind::Error(d)) => d.emit(),
            Err(crate::runtime::Unwind::Abort) => {}
        }
        p.interp.drain_events();
    }
}

fn prompt() -> Reply {
    Reply::Prompt {
        continuation: false,
    }
}

/// Errors in one input do not stop the next.
fn reset_errors(p: &mut Program) {
    p.errors = 0;
    p.fatal = false;
    p.checker.errors = 0;
}

/// Snapshot what tab completion can offer.
fn refresh_names(p: &Program, names: &Arc<Mutex<complete::Names>>) {
    use crate::types::Type;
    let c = &p.checker;
    let mut n = complete::Names::default();
    n.words.extend(c.globals.keys().cloned());
    n.words.extend(c.types.keys().cloned());
    n.words.extend(c.modules.iter().map(|m| format!("{}::", m)));
    let fields = |t: &Type| match t {
        Type::Record(r) => Some(r.fields.borrow().iter().map(|f| f.name.clone()).collect()),
        _ => None,
    };
    for (name, g) in &c.globals {
        if let Some(f) = fields(&g.ty) {
            n.fields_of.insert(name.clone(), f);
        }
    }
    for (name, (_, ty, _)) in &c.toplevel.locals {
        if let Some(f) = fields(ty) {
            n.fields_of.insert(name.clone(), f);
        }
    }
    n.all_fields = c.types.values().filter_map(fields).flatten().collect();
    if let Ok(mut shared) = names.lock() {
        *shared = n;
    }
}
