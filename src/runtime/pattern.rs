//! Zeek patterns: translation of Zeek's (flex-style) regular expression syntax to the regex crate,
//! the printed form, and the `|` / `&` combinations.

use super::value::PatternVal;
use regex::bytes::Regex;

/// Translate Zeek pattern syntax to regex-crate syntax (bytes mode).
fn translate(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let n = chars[i + 1];
                if n.is_ascii_alphanumeric() {
                    out.push('\\');
                    out.push(n);
                } else {
                    push_literal(&mut out, n);
                }
                i += 2;
            }
            '(' if chars.get(i + 1) == Some(&'?') => {
                // Inline flag groups produced by the `/s` modifier pass through unchanged.
                out.push(c);
                i += 1;
            }
            '"' => {
                // Quoted text matches literally, and case-sensitively even under `/i`.
                out.push_str("(?-i:");
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                    }
                    push_literal(&mut out, chars[i]);
                    i += 1;
                }
                out.push(')');
                i += 1;
            }
            '[' => {
                let (class, next) = translate_class(&chars, i);
                out.push_str(&class);
                i = next;
            }
            c if (c as u32) > 0x7f => {
                push_literal(&mut out, c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn push_literal(out: &mut String, c: char) {
    if (c as u32) > 0x7f {
        out.push_str(&format!("\\x{:02x}", c as u32 & 0xff));
    } else {
        out.push_str(&regex::escape(&c.to_string()));
    }
}

/// A bracket expression, escaping what the regex crate treats specially inside classes.
fn translate_class(chars: &[char], start: usize) -> (String, usize) {
    let mut out = String::from("[");
    let mut i = start + 1;
    if i < chars.len() && chars[i] == '^' {
        out.push('^');
        i += 1;
    }
    let mut first = true;
    while i < chars.len() && (first || chars[i] != ']') {
        let c = chars[i];
        if c == '[' && i + 1 < chars.len() && chars[i + 1] == ':' {
            if let Some(end) = chars[i..].iter().collect::<String>().find(":]") {
                let s: String = chars[i..i + end + 2].iter().collect();
                out.push_str(&s);
                i += end + 2;
                first = false;
                continue;
            }
        }
        match c {
            '\\' if i + 1 < chars.len() => {
                let n = chars[i + 1];
                if n.is_ascii_alphanumeric() {
                    out.push('\\');
                    out.push(n);
                } else {
                    push_literal(&mut out, n);
                }
                i += 2;
            }
            '[' | '&' | '~' => {
                out.push('\\');
                out.push(c);
                i += 1;
            }
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            c if (c as u32) > 0x7f => {
                push_literal(&mut out, c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
        first = false;
    }
    out.push(']');
    (out, i + 1)
}

fn build(text: String, re: &str) -> Result<PatternVal, String> {
    let exact = Regex::new(&format!("(?-u)^(?:{})$", re)).map_err(|e| e.to_string())?;
    let search = Regex::new(&format!("(?-u){}", re)).map_err(|e| e.to_string())?;
    Ok(PatternVal {
        text,
        exact,
        search,
        re: re.to_string(),
    })
}

/// Compile a pattern literal `/src/` (with `i` flag when `ci`).
pub fn compile(src: &str, ci: bool) -> Result<PatternVal, String> {
    let mut re = translate(src);
    if ci {
        re = format!("(?i:{})", re);
    }
    // Flags show outside the anchors: `/x/i` prints as `/(?i:^?(x)$?)/`.
    let (inner, dotall) = match src.strip_prefix("(?s:").and_then(|s| s.strip_suffix(')')) {
        Some(i) => (i, true),
        None => (src, false),
    };
    let mut text = format!("^?({})$?", inner);
    if dotall {
        text = format!("(?s:{})", text);
    }
    if ci {
        text = format!("(?i:{})", text);
    }
    build(text, &format!("(?:{})", re))
}

/// `p | q`: matches either.
pub fn union(p: &PatternVal, q: &PatternVal) -> PatternVal {
    let text = format!("^?(({})|({}))$?", p.text, q.text);
    build(text, &format!("(?:{})|(?:{})", p.re, q.re)).expect("union of valid patterns")
}

/// `p += q`: the added pattern first, each side anchored as Zeek prints it.
pub fn add_to(p: &PatternVal, q: &PatternVal) -> PatternVal {
    let text = format!("(^?({})$?)|(^?({})$?)", q.text, p.text);
    build(text, &format!("(?:{})|(?:{})", q.re, p.re)).expect("union of valid patterns")
}

/// `p & q`: concatenation.
pub fn concat(p: &PatternVal, q: &PatternVal) -> PatternVal {
    let text = format!("^?(({})({}))$?", p.text, q.text);
    build(text, &format!("(?:{})(?:{})", p.re, q.re)).expect("concatenation of valid patterns")
}

/// A pattern built from a string at runtime (`string_to_pattern`).
pub fn from_string(s: &str, convert: bool) -> Result<PatternVal, String> {
    if convert {
        let escaped: String = s.chars().map(|c| regex::escape(&c.to_string())).collect();
        return build(format!("^?({})$?", s), &format!("(?:{})", escaped));
    }
    compile(s, false)
}
