//! The base declarations every program starts with (init-bare, the bif declarations, the
//! frameworks zeekling provides in Zeek script), embedded in the binary; their one-time parse
//! for forked nodes; and which of Zeek's script names they stand for.

use super::{LoadError, Program};
use crate::diag;
use crate::syntax::{ast, parser};
use std::cell::RefCell;

/// Base scripts compiled into the binary.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "base/init-bare.zeek",
        include_str!("../../scripts/base/init-bare.zeek"),
    ),
    (
        "base/frameworks/supervisor/main.zeek",
        include_str!("../../scripts/base/frameworks/supervisor/main.zeek"),
    ),
    (
        "base/frameworks/broker/main.zeek",
        include_str!("../../scripts/base/frameworks/broker/main.zeek"),
    ),
    (
        "base/frameworks/supervisor/control.zeek",
        include_str!("../../scripts/base/frameworks/supervisor/control.zeek"),
    ),
    (
        "base/frameworks/cluster/main.zeek",
        include_str!("../../scripts/base/frameworks/cluster/main.zeek"),
    ),
    (
        "policy/frameworks/cluster/websocket/server.zeek",
        include_str!("../../scripts/policy/frameworks/cluster/websocket/server.zeek"),
    ),
];

thread_local! {
    /// The base sources parsed ahead of time (see `preparse_base`): name -> (file id, items).
    static PARSED_BASE: RefCell<Vec<(String, u32, Vec<ast::Item>)>> = const { RefCell::new(Vec::new()) };
}

/// The base declarations every program starts with, in load order.
pub(super) const BASE: [&str; 5] = [
    "base/init-bare.zeek",
    "<builtins>",
    "base/frameworks/broker/main.zeek",
    "base/frameworks/supervisor/main.zeek",
    "base/frameworks/supervisor/control.zeek",
];

/// The text of base source `name` (the bif declarations are generated).
pub(super) fn base_text(name: &str) -> String {
    match name {
        "<builtins>" => crate::builtins::declarations(),
        _ => embedded_text(name).to_string(),
    }
}

fn embedded_text(name: &str) -> &'static str {
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// Parse the base sources once on this thread, so that programs started later on it (nodes
/// forked by the stem) skip the parse, the bulk of a program's startup.
pub fn preparse_base() {
    let parsed: Vec<_> = BASE
        .iter()
        .filter_map(|name| {
            let text = base_text(name);
            let file = diag::add_file(name.to_string(), text.clone());
            let items = parser::parse_items(file, 0, &text, name, "<embedded>").ok()?;
            Some((name.to_string(), file, items))
        })
        .collect();
    PARSED_BASE.with(|p| *p.borrow_mut() = parsed);
}

impl Program {
    pub(super) fn load_base(&mut self, name: String, text: String) -> Result<(), LoadError> {
        self.loaded.insert(format!("<embedded>/{}", name));
        let module = self.checker.module.clone();
        let r = self.load_source(name, text, "<embedded>".into());
        self.checker.module = module;
        r
    }

    /// Process base source `name` from the items `preparse_base` left on this thread.
    pub(super) fn load_preparsed(&mut self, name: &str) -> bool {
        let Some(items) = PARSED_BASE.with(|p| {
            p.borrow()
                .iter()
                .find(|(n, _, _)| n == name)
                .map(|(_, _, items)| items.clone())
        }) else {
            return false;
        };
        self.loaded.insert(format!("<embedded>/{}", name));
        let module = self.checker.module.clone();
        for it in &items {
            self.process_item(it, name);
        }
        self.checker.module = module;
        true
    }

    /// A framework zeekling provides: load its embedded script (once); None for other names.
    pub(super) fn load_provided(&mut self, name: &str) -> Option<Result<(), LoadError>> {
        let provided = provided_script(name)?;
        Some(match EMBEDDED.iter().find(|(n, _)| *n == provided) {
            Some((n, text)) if !self.loaded.contains(&format!("<embedded>/{}", n)) => {
                self.load_base(n.to_string(), text.to_string())
            }
            _ => Ok(()),
        })
    }
}

/// The embedded script that stands for a framework Zeek ships ("" for ones that need nothing
/// beyond what is always loaded).
fn provided_script(name: &str) -> Option<&'static str> {
    let name = name.trim_start_matches("policy/").trim_end_matches('/');
    let name = name.strip_suffix("/main").unwrap_or(name);
    Some(match name {
        "base/frameworks/cluster" => "base/frameworks/cluster/main.zeek",
        "frameworks/cluster/websocket/server" => "policy/frameworks/cluster/websocket/server.zeek",
        "base/frameworks/broker" | "base/frameworks/supervisor" => "",
        "frameworks/cluster/backend/broker" | "base/frameworks/cluster/pubsub" => "",
        _ => return None,
    })
}

/// Zeek's standard scripts that bare-mode scripts commonly @load; accepted (their parts we need
/// are built in).
pub(super) fn known_zeek_script(name: &str) -> bool {
    name.starts_with("base/")
        || name.starts_with("policy/")
        || name.starts_with("frameworks/")
        || name.starts_with("protocols/")
}
