//! The preprocessor: finds `@load`, `@if`/`@ifdef`/`@ifndef`/`@else`/`@endif` and the ignored
//! directives line by line, and masks skipped lines with spaces so byte offsets and line numbers
//! stay those of the original file.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CondKind {
    If,
    IfDef,
    IfNDef,
}

pub enum Directive {
    Load(String),
    /// A condition to evaluate; the caller answers with `push_condition`.
    Cond(CondKind, String),
    Error(String),
    /// An `@else` or `@endif` without its `@if`: an error, but the scan goes on (as in Zeek).
    Orphan(String),
    /// `@pragma` and the text after it.
    Pragma(String),
    /// `@deprecated` and the text after it.
    Deprecated(String),
}

pub struct Event {
    pub directive: Directive,
    pub line_start: usize,
    pub line_end: usize,
}

struct Frame {
    /// Lines in this branch are kept.
    active: bool,
    /// The enclosing region was active.
    parent: bool,
    in_else: bool,
}

pub struct Preprocessor {
    pub masked: String,
    pos: usize,
    stack: Vec<Frame>,
}

impl Preprocessor {
    pub fn new(text: &str) -> Preprocessor {
        Preprocessor {
            masked: text.to_string(),
            pos: 0,
            stack: Vec::new(),
        }
    }

    fn active(&self) -> bool {
        self.stack.last().map(|f| f.active).unwrap_or(true)
    }

    fn blank(&mut self, start: usize, end: usize) {
        // Replace every char (bytes) but newlines with spaces; the text is Latin-1, so each
        // char may take two bytes: rebuild that range.
        let seg: String = self.masked[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        let pad = (end - start) - seg.len();
        let seg = seg + &" ".repeat(pad);
        self.masked.replace_range(start..end, &seg);
    }

    /// Answer the pending `Cond` directive.
    pub fn push_condition(&mut self, value: bool) {
        let parent = self.active();
        self.stack.push(Frame {
            active: parent && value,
            parent,
            in_else: false,
        });
    }

    /// Advance to the next directive that needs the caller; skipped lines are masked on the way.
    pub fn next_directive(&mut self) -> Option<Event> {
        while self.pos < self.masked.len() {
            let start = self.pos;
            let end = self.masked[start..]
                .find('\n')
                .map(|i| start + i + 1)
                .unwrap_or(self.masked.len());
            self.pos = end;
            let line = self.masked[start..end].trim().to_string();
            if !line.starts_with('@') || line.starts_with("@DIR") || line.starts_with("@FILENAME") {
                if !self.active() {
                    self.blank(start, end);
                }
                continue;
            }
            self.blank(start, end);
            let (word, rest) = split_directive(&line);
            let ev = |d| {
                Some(Event {
                    directive: d,
                    line_start: start,
                    line_end: end,
                })
            };
            match word {
                "@if" | "@ifdef" | "@ifndef" => {
                    if !self.active() {
                        self.stack.push(Frame {
                            active: false,
                            parent: false,
                            in_else: false,
                        });
                        continue;
                    }
                    let kind = match word {
                        "@if" => CondKind::If,
                        "@ifdef" => CondKind::IfDef,
                        _ => CondKind::IfNDef,
                    };
                    return ev(Directive::Cond(kind, strip_parens(rest)));
                }
                "@else" => match self.stack.last_mut() {
                    Some(f) if !f.in_else => {
                        f.in_else = true;
                        f.active = f.parent && !f.active;
                    }
                    _ => return ev(Directive::Orphan("unbalanced @if... @endif".into())),
                },
                "@endif" => {
                    if self.stack.pop().is_none() {
                        return ev(Directive::Orphan("unbalanced @if... @endif".into()));
                    }
                }
                _ if !self.active() => {}
                "@load" => return ev(Directive::Load(rest.trim().to_string())),
                "@pragma" => return ev(Directive::Pragma(rest.to_string())),
                "@deprecated" => return ev(Directive::Deprecated(rest.to_string())),
                "@load-sigs" | "@load-plugin" | "@unload" | "@prefixes" | "@debug"
                | "@TEST-START-FILE" | "@TEST-END-FILE" => {}
                _ => return ev(Directive::Error(format!("unknown directive: {}", word))),
            }
        }
        None
    }

    /// At end of input: an error message if an @if is still open.
    pub fn finish(&self) -> Option<String> {
        if self.stack.is_empty() {
            None
        } else {
            Some("unbalanced @if... @endif".into())
        }
    }
}

fn split_directive(line: &str) -> (&str, &str) {
    let end = line
        .find(|c: char| c.is_whitespace() || c == '(')
        .unwrap_or(line.len());
    let rest = &line[end..];
    let rest = match rest.find('#') {
        Some(i) if !rest[..i].contains('"') => &rest[..i],
        _ => rest,
    };
    (&line[..end], rest)
}

/// `( expr )` -> `expr`, keeping inner parentheses.
fn strip_parens(s: &str) -> String {
    let t = s.trim();
    if t.starts_with('(') && t.ends_with(')') {
        t[1..t.len() - 1].to_string()
    } else {
        t.to_string()
    }
}
