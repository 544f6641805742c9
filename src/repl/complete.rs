//! Tab completion: the names a program knows (globals, builtins, modules, keywords, record
//! fields), kept by the interpreter thread in a shared snapshot the input thread reads.

use std::collections::HashMap;

/// What can be completed, refreshed after every input.
#[derive(Default, Clone)]
pub struct Names {
    /// Globals, builtins, types and `Module::` prefixes.
    pub words: Vec<String>,
    /// Record fields by the name of a global or local holding a record.
    pub fields_of: HashMap<String, Vec<String>>,
    /// Every field of every record type, for `x$` when `x` is unknown.
    pub all_fields: Vec<String>,
}

const KEYWORDS: &[&str] = &[
    "add", "break", "const", "delete", "else", "event", "export", "for", "function", "global",
    "hook", "if", "local", "module", "next", "print", "redef", "return", "schedule", "switch",
    "type", "while",
];

/// Where the word being completed starts in `line[..pos]`, and the candidates for it.
pub fn complete(names: &Names, line: &str, pos: usize) -> (usize, Vec<String>) {
    let before = &line[..pos];
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '$'))
        .map_or(0, |i| i + 1);
    let word = &before[start..];
    if let Some(dollar) = word.rfind('$') {
        let (var, partial) = (&word[..dollar], &word[dollar + 1..]);
        let fields = names.fields_of.get(var).unwrap_or(&names.all_fields);
        let at = start + dollar + 1;
        return (at, matching(fields.iter().map(String::as_str), partial));
    }
    if word.is_empty() {
        return (start, Vec::new());
    }
    let all = names
        .words
        .iter()
        .map(String::as_str)
        .chain(KEYWORDS.iter().copied());
    (start, matching(all, word))
}

fn matching<'a>(cands: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = cands
        .filter(|c| c.starts_with(prefix))
        .map(String::from)
        .collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let mut n = Names {
            words: vec![
                "Supervisor::".into(),
                "Supervisor::create".into(),
                "fmt".into(),
            ],
            ..Default::default()
        };
        n.fields_of
            .insert("r".into(), vec!["name".into(), "pid".into()]);
        n.all_fields = vec!["name".into(), "node".into(), "pid".into()];
        n
    }

    #[test]
    fn completes_module_members_and_globals() {
        assert_eq!(
            complete(&names(), "x = Supervisor::cr", 18),
            (4, vec!["Supervisor::create".to_string()])
        );
        assert_eq!(complete(&names(), "print fm", 8).1, vec!["fmt".to_string()]);
        assert!(complete(&names(), "pri", 3)
            .1
            .contains(&"print".to_string()));
    }

    #[test]
    fn completes_fields_after_dollar() {
        assert_eq!(
            complete(&names(), "print r$p", 9),
            (8, vec!["pid".to_string()])
        );
        assert_eq!(complete(&names(), "q$n", 3).1, vec!["name", "node"]);
    }
}
