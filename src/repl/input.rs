//! The input side of the REPL, on its own thread: rustyline reads lines (editing, history in
//! ~/.zeekling_history, completion) while the interpreter thread keeps the event loop running.
//! The two talk over channels; the interpreter answers each line with the next prompt.

use super::complete::{self, Names};
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, ExternalPrinter, Helper};
use std::os::fd::OwnedFd;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

/// From the input thread to the interpreter.
pub enum Input {
    Line(String),
    /// ^C: abandon what was typed so far.
    Interrupt,
    /// ^D (or the terminal went away): end the session.
    Eof,
}

/// From the interpreter to the input thread.
pub enum Reply {
    /// Read the next line: a fresh statement, or the continuation of an incomplete one.
    Prompt {
        continuation: bool,
    },
    Quit,
}

pub type Printer = Box<dyn ExternalPrinter + Send>;

struct ReplHelper {
    names: Arc<Mutex<Names>>,
}

impl Completer for ReplHelper {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let names = self.names.lock().map(|n| n.clone()).unwrap_or_default();
        Ok(complete::complete(&names, line, pos))
    }
}
impl Hinter for ReplHelper {
    type Hint = String;
}
impl Highlighter for ReplHelper {}
impl Validator for ReplHelper {}
impl Helper for ReplHelper {}

fn history_file() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".zeekling_history"))
}

/// The input thread's body. Sends the external printer first (None if the terminal has none).
pub fn run(
    replies: Receiver<Reply>,
    inputs: Sender<Input>,
    wake: OwnedFd,
    names: Arc<Mutex<Names>>,
    printer: Sender<Option<Printer>>,
) {
    // Tab completes the common prefix and lists the candidates, as in a shell.
    let config = rustyline::Config::builder()
        .completion_type(rustyline::CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut ed: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(_) => {
            let _ = printer.send(None);
            let _ = inputs.send(Input::Eof);
            return;
        }
    };
    ed.set_helper(Some(ReplHelper { names }));
    let hist = history_file();
    if let Some(h) = &hist {
        let _ = ed.load_history(h);
    }
    let p = ed
        .create_external_printer()
        .ok()
        .map(|p| Box::new(p) as Printer);
    let _ = printer.send(p);
    while let Ok(Reply::Prompt { continuation }) = replies.recv() {
        let prompt = if continuation { "  ...> " } else { "zeek> " };
        let msg = match ed.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = ed.add_history_entry(line.as_str());
                }
                Input::Line(line)
            }
            Err(ReadlineError::Interrupted) => Input::Interrupt,
            Err(_) => Input::Eof,
        };
        if inputs.send(msg).is_err() {
            break;
        }
        let _ = nix::unistd::write(&wake, b"!");
    }
    if let Some(h) = &hist {
        let _ = ed.save_history(h);
    }
}
