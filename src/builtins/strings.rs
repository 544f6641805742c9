//! String bifs: case, search, split/join, strip, substitution, padding.

use super::{arg, bif, report, str_arg, string_vec, vbif, Bif};
use crate::runtime::eval::find_bytes;
use crate::runtime::value::{Key, PatternVal, TableVal, Value};
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use crate::types::Type;

pub const BIFS: &[Bif] = &[
    bif(
        "str_smith_waterman",
        "function(s1: string, s2: string, params: sw_params): sw_substring_vec",
        str_smith_waterman,
    ),
    bif("to_upper", "function(str: string): string", to_upper),
    bif("to_lower", "function(str: string): string", to_lower),
    bif(
        "sub_bytes",
        "function(s: string, start: count, n: int): string",
        sub_bytes,
    ),
    bif(
        "strstr",
        "function(big: string, little: string): count",
        strstr,
    ),
    bif(
        "split_string",
        "function(str: string, re: pattern): string_vec",
        split_string,
    ),
    bif(
        "join_string_vec",
        "function(vec: string_vec, sep: string): string",
        join_string_vec,
    ),
    bif("strip", "function(str: string): string", strip),
    vbif("string_cat", "function(): string", string_cat),
    bif("split_string1", "function(str: string, re: pattern): string_vec", split_string1),
    bif("split_string_all", "function(str: string, re: pattern): string_vec", split_string_all),
    bif(
        "split_string_n",
        "function(str: string, re: pattern, incl_sep: bool, max_num_sep: count): string_vec",
        split_string_n,
    ),
    bif("sub", "function(str: string, re: pattern, repl: string): string", sub),
    bif("gsub", "function(str: string, re: pattern, repl: string): string", gsub),
    bif(
        "find_all",
        "function(str: string, re: pattern, max_str_size: int &default = -1): string_set",
        find_all,
    ),
    bif(
        "find_all_ordered",
        "function(str: string, re: pattern, max_str_size: int &default = -1): string_vec",
        find_all_ordered,
    ),
    bif(
        "find_first",
        "function(str: string, re: pattern, offset: count &default = 0): string",
        find_first,
    ),
    bif(
        "find_last",
        "function(str: string, re: pattern, offset: count &default = 0): string",
        find_last,
    ),
    bif("join_string_set", "function(ss: string_set, sep: string): string", join_string_set),
    bif("levenshtein_distance", "function(s1: string, s2: string): count", levenshtein),
    bif("edit", "function(arg_s: string, arg_edit_char: string): string", edit),
    bif("strcmp", "function(s1: string, s2: string): int", strcmp),
    bif("subst_string", "function(s: string, from: string, to: string): string", subst_string),
    bif("clean", "function(str: string): string", clean),
    bif("to_string_literal", "function(str: string): string", to_string_literal),
    bif("escape_string", "function(s: string): string", escape_string),
    bif("is_ascii", "function(str: string): bool", is_ascii),
    bif("string_to_ascii_hex", "function(s: string): string", string_to_ascii_hex),
    bif("str_split_indices", "function(s: string, idx: index_vec): string_vec", str_split_indices),
    bif(
        "lstrip",
        "function(str: string, chars: string &default = \" \\t\\n\\r\\x0b\\x0c\"): string",
        lstrip,
    ),
    bif(
        "rstrip",
        "function(str: string, chars: string &default = \" \\t\\n\\r\\x0b\\x0c\"): string",
        rstrip,
    ),
    bif("string_fill", "function(len: int, source: string): string", string_fill),
    bif("safe_shell_quote", "function(source: string): string", safe_shell_quote),
    bif("hexdump", "function(data_str: string): string", hexdump),
    bif("reverse", "function(str: string): string", reverse),
    bif("count_substr", "function(str: string, sub: string): count", count_substr),
    bif(
        "find_str",
        "function(str: string, sub: string, start: count &default = 0, end: int &default = -1, case_sensitive: bool &default = T): int",
        find_str,
    ),
    bif(
        "rfind_str",
        "function(str: string, sub: string, start: count &default = 0, end: int &default = -1, case_sensitive: bool &default = T): int",
        rfind_str,
    ),
    bif("starts_with", "function(str: string, sub: string): bool", starts_with),
    bif("ends_with", "function(str: string, sub: string): bool", ends_with),
    bif("is_num", "function(str: string): bool", is_num),
    bif("is_alpha", "function(str: string): bool", is_alpha),
    bif("is_alnum", "function(str: string): bool", is_alnum),
    bif("ljust", "function(str: string, width: count, fill: string &default = \" \"): string", ljust),
    bif("rjust", "function(str: string, width: count, fill: string &default = \" \"): string", rjust),
    bif("zfill", "function(str: string, width: count): string", zfill),
    bif("swap_case", "function(str: string): string", swap_case),
    bif("to_title", "function(str: string): string", to_title),
    bif("remove_prefix", "function(str: string, sub: string): string", remove_prefix),
    bif("remove_suffix", "function(str: string, sub: string): string", remove_suffix),
];

fn map_bytes(args: &[Value], f: impl Fn(u8) -> u8) -> Value {
    Value::Str(
        str_arg(args, 0)
            .iter()
            .map(|b| f(*b))
            .collect::<Vec<u8>>()
            .into(),
    )
}

fn to_upper(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(map_bytes(a, |b| b.to_ascii_uppercase()))
}

fn to_lower(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(map_bytes(a, |b| b.to_ascii_lowercase()))
}

fn sub_bytes(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let start = arg(a, 1).as_u64() as usize;
    let n = arg(a, 2).as_i64();
    // Zeek treats a start of 0 like 1.
    let start = start.max(1);
    if start > s.len() {
        return Ok(Value::str(""));
    }
    let from = start - 1;
    let to = if n < 0 {
        s.len()
    } else {
        (from + n as usize).min(s.len())
    };
    Ok(Value::bytes(&s[from..to]))
}

/// The common substrings of two strings (see smith_waterman.rs), as `sw_substring` records
/// whose two `sw_align`s hold the whole input strings and where the substring starts in each.
fn str_smith_waterman(it: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (s1, s2) = (str_arg(a, 0), str_arg(a, 1));
    let (min_strlen, variant) = match arg(a, 2) {
        Value::Record(r) => {
            let r = r.borrow();
            let field = |i, default| r.get(i).map_or(default, Value::as_u64);
            (field(0, 3), field(1, 0))
        }
        _ => (3, 0),
    };
    let found = super::smith_waterman::smith_waterman(s1, s2, min_strlen as usize, variant);
    let Some((sub_ty, sub_rt, align_ty, align_rt)) = sw_types(it) else {
        return Ok(Value::Void);
    };
    let items = found
        .into_iter()
        .map(|s| {
            let aligns = [s1, s2]
                .into_iter()
                .zip(s.index)
                .map(|(whole, at)| {
                    let fields = vec![Value::bytes(whole), Value::Count(at as u64)];
                    Value::new_record(align_rt.clone(), fields)
                })
                .collect();
            let aligns = Value::new_vector(align_ty.clone(), aligns);
            let fields = vec![Value::bytes(&s.text), aligns, Value::Bool(s.new)];
            Value::new_record(sub_rt.clone(), fields)
        })
        .collect();
    Ok(Value::new_vector(sub_ty, items))
}

type RecordTypeRc = std::rc::Rc<crate::types::RecordType>;

/// `sw_substring` and `sw_align` (as types and as record types), from the bif's declared result.
fn sw_types(it: &Interp) -> Option<(Type, RecordTypeRc, Type, RecordTypeRc)> {
    let Some(Type::Vector(sub_ty)) = super::bif_return_type(it, "str_smith_waterman") else {
        return None;
    };
    let Type::Record(sub_rt) = &*sub_ty else {
        return None;
    };
    let aligns = sub_rt.fields.borrow().get(1)?.ty.clone();
    let Type::Vector(align_ty) = aligns else {
        return None;
    };
    let Type::Record(align_rt) = &*align_ty else {
        return None;
    };
    Some((
        (*sub_ty).clone(),
        sub_rt.clone(),
        (*align_ty).clone(),
        align_rt.clone(),
    ))
}

fn strstr(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Count(
        find_bytes(str_arg(a, 0), str_arg(a, 1))
            .map(|i| i as u64 + 1)
            .unwrap_or(0),
    ))
}

fn join_string_vec(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let sep = str_arg(a, 1);
    let mut out = Vec::new();
    if let Value::Vector(v) = arg(a, 0) {
        for (i, x) in v.borrow().items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            out.extend(crate::builtins::core::render_fmt(x));
        }
    }
    Ok(Value::Str(out.into()))
}

fn strip(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map(|i| i + 1)
        .unwrap_or(start);
    Ok(Value::bytes(&s[start..end.max(start)]))
}

fn string_cat(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let mut v = Vec::new();
    for x in a {
        match x {
            Value::Str(s) => v.extend_from_slice(s),
            _ => {
                report("string_cat() requires string arguments", span);
                return Ok(Value::str(""));
            }
        }
    }
    Ok(Value::Str(v.into()))
}

// ---------------------------------------------------------------------------------------------
// Pattern matching with Zeek's semantics: at a given position, the *longest* match wins
// (Zeek matches with a DFA), `$` only matches at the end of the input.
// ---------------------------------------------------------------------------------------------

thread_local! {
    static ANCHORED: std::cell::RefCell<std::collections::HashMap<String, regex::bytes::Regex>> =
        Default::default();
}

/// The pattern anchored at the start of the haystack (leftmost-first).
fn anchored_len(p: &PatternVal, s: &[u8]) -> Option<usize> {
    ANCHORED.with(|c| {
        let mut c = c.borrow_mut();
        let re = c.entry(p.re.clone()).or_insert_with(|| {
            regex::bytes::Regex::new(&format!("(?-u)^(?:{})", p.re)).expect("valid pattern")
        });
        re.find(s).map(|m| m.end())
    })
}

fn pattern_core(p: &PatternVal) -> String {
    p.text.replace("^?(", "(").replace(")$?", ")")
}

/// The regex crate prefers the first alternative, Zeek the longest match; extend a match found
/// by the regex crate when the pattern has alternatives and the rest of the input is short.
fn longest(p: &PatternVal, s: &[u8], t: usize, found: usize) -> usize {
    let core = pattern_core(p);
    let alternatives = core.contains('|') || core.contains('?') || core.contains('*');
    if !alternatives || core.contains('^') || core.contains('$') || s.len() - t > 2048 {
        return found;
    }
    (found + 1..=s.len() - t)
        .rev()
        .find(|k| p.exact.is_match(&s[t..t + k]))
        .unwrap_or(found)
}

/// Length of the longest match starting exactly at `t`, treating `t` as beginning of line.
pub(super) fn match_at(p: &PatternVal, s: &[u8], t: usize) -> Option<usize> {
    anchored_len(p, &s[t..]).map(|l| longest(p, s, t, l))
}

/// The next match (start, len) starting at or after `from`; `^` only matches at offset 0.
fn next_match(p: &PatternVal, s: &[u8], from: usize, nonempty: bool) -> Option<(usize, usize)> {
    let mut from = from;
    while from <= s.len() {
        let m = p.search.find_at(s, from)?;
        let len = longest(p, s, m.start(), m.end() - m.start());
        if len > 0 || !nonempty {
            return Some((m.start(), len));
        }
        from = m.start() + 1;
    }
    None
}

/// Zeek's do_split_string: pieces between non-empty matches, optionally with the separators.
fn do_split(s: &[u8], p: &PatternVal, incl_sep: bool, max_sep: u64) -> Vec<Value> {
    let mut out = Vec::new();
    let (mut pos, mut num_sep) = (0, 0u64);
    loop {
        let m = next_match(p, s, pos, true).filter(|(st, _)| *st < s.len());
        match m {
            Some((st, len)) if max_sep == 0 || num_sep < max_sep => {
                out.push(Value::bytes(&s[pos..st]));
                if incl_sep {
                    out.push(Value::bytes(&s[st..st + len]));
                }
                num_sep += 1;
                pos = st + len;
            }
            _ => {
                out.push(Value::bytes(&s[pos..]));
                return out;
            }
        }
    }
}

fn pat(a: &[Value], i: usize) -> Option<&PatternVal> {
    match arg(a, i) {
        Value::Pattern(p) => Some(p),
        _ => None,
    }
}

fn split_with(a: &[Value], incl_sep: bool, max_sep: u64) -> Value {
    match pat(a, 1) {
        Some(p) => string_vec(do_split(str_arg(a, 0), p, incl_sep, max_sep)),
        None => string_vec(vec![]),
    }
}

fn split_string(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(split_with(a, false, 0))
}

fn split_string1(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(split_with(a, false, 1))
}

fn split_string_all(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(split_with(a, true, 0))
}

fn split_string_n(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(split_with(a, arg(a, 2).as_bool(), arg(a, 3).as_u64()))
}

fn replace(a: &[Value], all: bool) -> Value {
    let s = str_arg(a, 0);
    let Some(p) = pat(a, 1) else {
        return Value::bytes(s);
    };
    let repl = str_arg(a, 2);
    let (mut out, mut pos) = (Vec::new(), 0);
    while let Some((st, len)) = next_match(p, s, pos, true).filter(|(st, _)| *st < s.len()) {
        out.extend_from_slice(&s[pos..st]);
        out.extend_from_slice(repl);
        pos = st + len;
        if !all {
            break;
        }
    }
    out.extend_from_slice(&s[pos..]);
    Value::Str(out.into())
}

fn sub(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(replace(a, false))
}

fn gsub(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(replace(a, true))
}

/// Matches as Zeek's find_all scans: at each position (each a beginning of line), the longest
/// match; scanning resumes after it.
fn find_matches(s: &[u8], p: &PatternVal) -> Vec<Value> {
    let mut out = Vec::new();
    let caret = pattern_core(p).contains('^');
    let mut t = 0;
    while t < s.len() {
        let found = if caret {
            match_at(p, s, t).map(|l| (t, l))
        } else {
            next_match(p, s, t, false).filter(|(st, _)| *st < s.len())
        };
        match found {
            Some((st, len)) => {
                out.push(Value::bytes(&s[st..st + len]));
                t = st + len.max(1);
            }
            None if caret => t += 1,
            None => break,
        }
    }
    out
}

/// Zeek's max_find_all_string_length default.
const MAX_FIND_ALL_LEN: i64 = 262144;

fn find_all_input(a: &[Value]) -> Option<(&[u8], &PatternVal)> {
    let s = str_arg(a, 0);
    let max = match arg(a, 2) {
        Value::Void => -1,
        v => v.as_i64(),
    };
    let max = if max < 0 { MAX_FIND_ALL_LEN } else { max };
    if max > 0 && s.len() as i64 > max {
        return None;
    }
    pat(a, 1).map(|p| (s, p))
}

fn find_all(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let items = find_all_input(a)
        .map(|(s, p)| find_matches(s, p))
        .unwrap_or_default();
    Ok(string_set(items))
}

fn find_all_ordered(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let items = find_all_input(a)
        .map(|(s, p)| find_matches(s, p))
        .unwrap_or_default();
    Ok(string_vec(items))
}

pub(super) fn string_set(items: Vec<Value>) -> Value {
    let Type::Table(tt) = Type::set_of(vec![Type::String]) else {
        unreachable!()
    };
    let mut t = TableVal::new(tt);
    for v in items {
        t.map.set(Key::One(v), Value::Bool(true));
    }
    Value::new_table(t)
}

fn find_first(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let off = arg(a, 2).as_u64() as usize;
    let Some(p) = pat(a, 1).filter(|_| off < s.len()) else {
        return Ok(Value::str(""));
    };
    let found = if pattern_core(p).contains('^') {
        (off..s.len()).find_map(|t| match_at(p, s, t).map(|l| (t, l)))
    } else {
        next_match(p, s, off, false).filter(|(st, _)| *st < s.len())
    };
    Ok(found
        .map(|(t, l)| Value::bytes(&s[t..t + l]))
        .unwrap_or_else(|| Value::str("")))
}

/// The match starting at the largest position (not necessarily the longest match).
fn find_last(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let off = arg(a, 2).as_u64() as usize;
    let Some(p) = pat(a, 1).filter(|_| off < s.len()) else {
        return Ok(Value::str(""));
    };
    Ok((off..s.len())
        .rev()
        .find_map(|t| match_at(p, s, t).map(|l| Value::bytes(&s[t..t + l])))
        .unwrap_or_else(|| Value::str("")))
}

// ---------------------------------------------------------------------------------------------
// Plain string functions.
// ---------------------------------------------------------------------------------------------

fn join_string_set(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let sep = str_arg(a, 1);
    let mut out = Vec::new();
    if let Value::Table(t) = arg(a, 0) {
        for (i, k) in t.borrow().map.keys().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            out.extend(crate::builtins::core::render_fmt(&k.parts()[0]));
        }
    }
    Ok(Value::Str(out.into()))
}

fn levenshtein(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (s, t) = (str_arg(a, 0), str_arg(a, 1));
    let mut prev: Vec<usize> = (0..=t.len()).collect();
    for (i, c) in s.iter().enumerate() {
        let mut cur = vec![i + 1; t.len() + 1];
        for (j, d) in t.iter().enumerate() {
            cur[j + 1] = (prev[j + 1] + 1)
                .min(cur[j] + 1)
                .min(prev[j] + usize::from(c != d));
        }
        prev = cur;
    }
    Ok(Value::Count(prev[t.len()] as u64))
}

/// Applies a "backspace" character: each occurrence deletes the previous kept byte.
fn edit(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let e = str_arg(a, 1);
    if e.len() != 1 {
        report(
            format!(
                "not exactly one edit character (\"{}\")",
                crate::runtime::render::escape_bytes(e)
            ),
            span,
        );
    }
    let ec = e.first().copied().unwrap_or(0);
    let mut out = Vec::new();
    for &c in str_arg(a, 0) {
        if c == ec {
            out.pop();
        } else {
            out.push(c);
        }
    }
    Ok(Value::Str(out.into()))
}

fn strcmp(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (s, t) = (str_arg(a, 0), str_arg(a, 1));
    let r = match s.iter().zip(t).find(|(x, y)| x != y) {
        Some((x, y)) => i64::from(*x) - i64::from(*y),
        None => (s.len() as i64 - t.len() as i64).signum(),
    };
    Ok(Value::Int(r))
}

fn subst_string(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (s, from, to) = (str_arg(a, 0), str_arg(a, 1), str_arg(a, 2));
    if from.is_empty() {
        return Ok(Value::bytes(s));
    }
    let (mut out, mut pos) = (Vec::new(), 0);
    while let Some(j) = find_bytes(&s[pos..], from) {
        out.extend_from_slice(&s[pos..pos + j]);
        out.extend_from_slice(to);
        pos += j + from.len();
    }
    out.extend_from_slice(&s[pos..]);
    Ok(Value::Str(out.into()))
}

/// Zeek's String::Render: `esc` escapes backslashes, `quot` quotes; others become \xHH.
fn render(s: &[u8], esc: bool, quot: bool) -> Value {
    let mut out = Vec::new();
    for &c in s {
        match c {
            b'\\' if esc => out.extend_from_slice(b"\\\\"),
            b'\'' | b'"' if quot => out.extend_from_slice(&[b'\\', c]),
            0x20..=0x7e => out.push(c),
            _ => out.extend_from_slice(format!("\\x{c:02x}").as_bytes()),
        }
    }
    Value::Str(out.into())
}

fn clean(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(render(str_arg(a, 0), false, false))
}

fn to_string_literal(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(render(str_arg(a, 0), true, true))
}

fn escape_string(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(render(str_arg(a, 0), true, false))
}

fn is_ascii(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(str_arg(a, 0).is_ascii()))
}

fn string_to_ascii_hex(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let hex: String = str_arg(a, 0).iter().map(|b| format!("{b:02x}")).collect();
    Ok(Value::str(&hex))
}

/// Cuts at the given indices (0 is always a cut; out-of-range indices count as 0).
fn str_split_indices(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let mut idx = vec![0usize];
    if let Value::Vector(v) = arg(a, 1) {
        for x in &v.borrow().items {
            let i = x.as_u64() as usize;
            idx.push(if i >= s.len() { 0 } else { i });
        }
    }
    if idx.len() == 1 {
        return Ok(string_vec(vec![]));
    }
    idx.sort_unstable();
    idx.dedup();
    let out = idx
        .iter()
        .enumerate()
        .map(|(i, &st)| Value::bytes(&s[st..idx.get(i + 1).copied().unwrap_or(s.len())]))
        .collect();
    Ok(string_vec(out))
}

fn lstrip(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (s, chars) = (str_arg(a, 0), str_arg(a, 1));
    let i = s.iter().position(|c| !chars.contains(c)).unwrap_or(s.len());
    Ok(Value::bytes(&s[i..]))
}

fn rstrip(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (s, chars) = (str_arg(a, 0), str_arg(a, 1));
    let i = s
        .iter()
        .rposition(|c| !chars.contains(c))
        .map_or(0, |i| i + 1);
    Ok(Value::bytes(&s[..i]))
}

/// `len` bytes of repetitions of `source`, the last byte being a NUL (as in Zeek).
fn string_fill(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let len = arg(a, 0).as_i64();
    let src = str_arg(a, 1);
    if len <= 0 || src.is_empty() {
        return Ok(Value::str(""));
    }
    let mut out: Vec<u8> = src.iter().cycle().take(len as usize).copied().collect();
    out[len as usize - 1] = 0;
    Ok(Value::Str(out.into()))
}

fn safe_shell_quote(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let mut out = vec![b'"'];
    for &c in str_arg(a, 0) {
        if matches!(c, b'`' | b'"' | b'\\' | b'$') {
            out.push(b'\\');
        }
        out.push(c);
    }
    out.push(b'"');
    Ok(Value::Str(out.into()))
}

/// 16 bytes a line: 4-digit hex offset, hex bytes (extra space after 8), printable ASCII.
fn hexdump(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let data = str_arg(a, 0);
    let mut out = Vec::new();
    for (n, chunk) in data.chunks(16).enumerate() {
        let mut line = vec![b' '; 56];
        line[..4].copy_from_slice(format!("{:04x}", n * 16).as_bytes());
        let mut ascii = Vec::new();
        let mut p = 6;
        for (x, &c) in chunk.iter().enumerate() {
            line[p..p + 2].copy_from_slice(format!("{c:02x}").as_bytes());
            p += 3 + usize::from(x == 7);
            ascii.push(if (0x20..0x7f).contains(&c) { c } else { b'.' });
            if x == 7 {
                ascii.push(b' ');
            }
        }
        out.extend_from_slice(&line);
        out.extend_from_slice(&ascii);
        out.push(b'\n');
    }
    if data.is_empty() {
        out = vec![b' '; 50];
        out.push(b'\n');
    }
    Ok(Value::Str(out.into()))
}

fn reverse(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let mut v = str_arg(a, 0).to_vec();
    v.reverse();
    Ok(Value::Str(v.into()))
}

fn count_substr(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (s, sub) = (str_arg(a, 0), str_arg(a, 1));
    if sub.is_empty() {
        return Ok(Value::Count(0));
    }
    let (mut n, mut pos) = (0, 0);
    while let Some(j) = find_bytes(&s[pos..], sub) {
        n += 1;
        pos += j + sub.len();
    }
    Ok(Value::Count(n))
}

/// std::string::find from `from`.
fn find_from(s: &[u8], sub: &[u8], from: usize) -> Option<usize> {
    if from > s.len() {
        return None;
    }
    find_bytes(&s[from..], sub).map(|j| j + from)
}

/// std::string::rfind: the last occurrence starting at or before `pos`.
fn rfind_from(s: &[u8], sub: &[u8], pos: usize) -> Option<usize> {
    if sub.len() > s.len() {
        return None;
    }
    let last = pos.min(s.len() - sub.len());
    (0..=last).rev().find(|&i| &s[i..i + sub.len()] == sub)
}

fn do_find_str(a: &[Value], span: Span, rfind: bool) -> Value {
    let (s, sub) = (str_arg(a, 0), str_arg(a, 1));
    let start = arg(a, 2).as_u64() as i64;
    let end = arg(a, 3).as_i64();
    let len = s.len() as i64;
    if start > len {
        return Value::Int(-1);
    }
    if end != -1 && end < start {
        report(
            "find_str: end position must be greater than start position",
            span,
        );
        return Value::Int(-1);
    }
    let end_pos = if end >= 0 && end < len { end } else { len };
    if end_pos - start + 1 < sub.len() as i64 {
        return Value::Int(-1);
    }
    // As in Zeek, the searched range is `end_pos` bytes *from* start.
    let range = &s[start as usize..(start + end_pos).min(len) as usize];
    let (mut h, mut n) = (range.to_vec(), sub.to_vec());
    if !arg(a, 4).as_bool() {
        h.make_ascii_lowercase();
        n.make_ascii_lowercase();
    }
    let pos = if rfind {
        rfind_from(&h, &n, usize::MAX)
    } else {
        find_from(&h, &n, 0)
    };
    Value::Int(pos.map_or(-1, |p| p as i64 + start))
}

fn find_str(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Ok(do_find_str(a, span, false))
}

fn rfind_str(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Ok(do_find_str(a, span, true))
}

fn starts_with(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(str_arg(a, 0).starts_with(str_arg(a, 1))))
}

fn ends_with(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(str_arg(a, 0).ends_with(str_arg(a, 1))))
}

fn all_of(a: &[Value], f: fn(&u8) -> bool) -> Value {
    let s = str_arg(a, 0);
    Value::Bool(!s.is_empty() && s.iter().all(f))
}

fn is_num(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(all_of(a, u8::is_ascii_digit))
}

fn is_alpha(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(all_of(a, u8::is_ascii_alphabetic))
}

fn is_alnum(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(all_of(a, u8::is_ascii_alphanumeric))
}

fn justify(a: &[Value], span: Span, name: &str, left: bool) -> Value {
    let (s, fill) = (str_arg(a, 0), str_arg(a, 2));
    if fill.len() != 1 {
        report(
            format!("Fill string passed to {name}() must be a single character"),
            span,
        );
        return Value::Void;
    }
    pad(s, arg(a, 1).as_u64() as usize, fill[0], left)
}

fn pad(s: &[u8], width: usize, fill: u8, left: bool) -> Value {
    if width <= s.len() {
        return Value::bytes(s);
    }
    let padding = vec![fill; width - s.len()];
    let v = if left {
        [s, &padding].concat()
    } else {
        [&padding, s].concat()
    };
    Value::Str(v.into())
}

fn ljust(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Ok(justify(a, span, "ljust", true))
}

fn rjust(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    Ok(justify(a, span, "rjust", false))
}

fn zfill(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(pad(str_arg(a, 0), arg(a, 1).as_u64() as usize, b'0', false))
}

fn swap_case(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(map_bytes(a, |b| {
        if b.is_ascii_lowercase() {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        }
    }))
}

/// Upper-cases the first byte of each space-separated word (the rest is left alone).
fn to_title(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let mut v = str_arg(a, 0).to_vec();
    let mut at_word = true;
    for b in v.iter_mut() {
        if *b == b' ' {
            at_word = true;
        } else if at_word {
            *b = b.to_ascii_uppercase();
            at_word = false;
        }
    }
    Ok(Value::Str(v.into()))
}

/// Removes `sub` repeatedly from the start.
fn remove_prefix(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (mut s, sub) = (str_arg(a, 0), str_arg(a, 1));
    if sub.is_empty() {
        return Ok(Value::bytes(s));
    }
    while s.starts_with(sub) {
        s = &s[sub.len()..];
    }
    Ok(Value::bytes(s))
}

/// Removes `sub` repeatedly from the end.
fn remove_suffix(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (mut s, sub) = (str_arg(a, 0), str_arg(a, 1));
    if sub.is_empty() {
        return Ok(Value::bytes(s));
    }
    while s.ends_with(sub) {
        s = &s[..s.len() - sub.len()];
    }
    Ok(Value::bytes(s))
}
