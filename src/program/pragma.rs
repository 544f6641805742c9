//! `@pragma` directives: `push NAME` / `pop [NAME]` keep a stack that must be balanced within
//! each file, anything else is an unknown pragma. Messages and their severities are Zeek's.
//! `ignore-deprecations` quiets deprecation warnings in the source it covers; `@deprecated`
//! scripts warn where they are loaded from.

use super::{LoadError, Program};
use crate::diag::{Diag, Level};
use crate::syntax::ast::Span;

/// Stack pragmas Zeek knows; pushing another one is allowed with a warning.
const KNOWN: &[&str] = &["ignore-deprecations"];

impl Program {
    /// Handles `@pragma TEXT` at `span`. `floor` is the stack depth when the current file began:
    /// a file may not pop what an enclosing file pushed.
    pub(super) fn pragma(&mut self, text: &str, span: Span, floor: usize) -> Result<(), LoadError> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        match parts.as_slice() {
            [] => self.pragma_fatal("@pragma without value", span),
            ["push"] => self.pragma_fatal("@pragma push without value", span),
            ["push", name, ..] => {
                if !KNOWN.contains(name) {
                    let msg = format!("pushing unknown @pragma value '{name}'");
                    Diag::new(Level::Warning, msg, Some(span)).emit();
                }
                if *name == "ignore-deprecations" {
                    crate::diag::quiet_deprecations_from(span.file, span.lo);
                }
                self.pragma_stack.push(name.to_string());
                Ok(())
            }
            ["pop", rest @ ..] => {
                let Some(top) = self
                    .pragma_stack
                    .last()
                    .filter(|_| self.pragma_stack.len() > floor)
                else {
                    return self.pragma_fatal("@pragma pop without active pragma", span);
                };
                if let Some(name) = rest.first().filter(|n| **n != top) {
                    let msg = format!("@pragma pop with unexpected '{name}', expected '{top}'");
                    Diag::new(Level::Error, msg, Some(span)).emit();
                    self.errors += 1;
                }
                if self.pragma_stack.pop().as_deref() == Some("ignore-deprecations") {
                    crate::diag::quiet_deprecations_until(span.file, span.lo);
                }
                Ok(())
            }
            _ => {
                let msg = format!("Ignoring unknown pragma: '{}'", text.trim());
                Diag::new(Level::Warning, msg, Some(span)).emit();
                Ok(())
            }
        }
    }

    pub(super) fn ignoring_deprecations(&self) -> bool {
        self.pragma_stack.iter().any(|p| p == "ignore-deprecations")
    }

    /// `@deprecated [TEXT]` at `span`: a warning naming where this script was loaded from.
    pub(super) fn deprecated_script(&mut self, text: &str, span: Span) {
        if self.ignoring_deprecations() {
            return;
        }
        let from = match self.load_site {
            Some(site) => crate::diag::file_line(site),
            None => "command line arguments".to_string(),
        };
        let msg = format!("deprecated script loaded from {} {}", from, text.trim());
        Diag::new(Level::Warning, msg, Some(span)).emit();
    }

    /// At the end of a file: everything it pushed must have been popped.
    pub(super) fn pragmas_balanced(&mut self, floor: usize, end: Span) -> Result<(), LoadError> {
        if self.pragma_stack.len() > floor {
            return self.pragma_fatal("unbalanced @pragma push pop in file", end);
        }
        Ok(())
    }

    fn pragma_fatal(&mut self, msg: &str, span: Span) -> Result<(), LoadError> {
        Diag::new(Level::Fatal, msg, Some(span)).emit();
        self.fatal = true;
        Err(LoadError)
    }
}
