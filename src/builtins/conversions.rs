//! Conversion bifs between Zeek's scalar types.

use super::{arg, bif, str_arg, Bif};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif(
        "to_count",
        "function(str: string, base: count &default = 10): count",
        to_count,
    ),
    bif(
        "to_int",
        "function(str: string, base: count &default = 10): int",
        to_int,
    ),
    bif("double_to_int", "function(d: double): int", |_, a, _| {
        Ok(Value::Int(arg(a, 0).as_f64().round_ties_even() as i64))
    }),
    bif("to_double", "function(str: string): double", to_double),
    bif("to_port", "function(s: string): port", to_port),
    bif(
        "double_to_time",
        "function(d: double): time",
        double_to_time,
    ),
    bif(
        "time_to_double",
        "function(t: time): double",
        time_to_double,
    ),
    bif(
        "interval_to_double",
        "function(i: interval): double",
        interval_to_double,
    ),
    bif(
        "double_to_interval",
        "function(d: double): interval",
        double_to_interval,
    ),
    bif("int_to_count", "function(n: int): count", int_to_count),
    bif(
        "double_to_count",
        "function(d: double): count",
        double_to_count,
    ),
    bif(
        "count_to_double",
        "function(c: count): double",
        count_to_double,
    ),
    bif("int_to_double", "function(i: int): double", count_to_double),
    bif("to_subnet", "function(sn: string): subnet", to_subnet),
    bif(
        "count_to_port",
        "function(num: count, proto: transport_proto): port",
        count_to_port,
    ),
    bif(
        "bytestring_to_count",
        "function(s: string, is_le: bool &default = F): count",
        bytestring_to_count,
    ),
    bif(
        "bytestring_to_double",
        "function(s: string): double",
        bytestring_to_double,
    ),
    bif(
        "bytestring_to_float",
        "function(s: string): double",
        bytestring_to_float,
    ),
    bif(
        "bytestring_to_hexstr",
        "function(bytestring: string): string",
        bytestring_to_hexstr,
    ),
    bif(
        "hexstr_to_bytestring",
        "function(hexstr: string): string",
        hexstr_to_bytestring,
    ),
    bif("enum_to_int", "function(e: any): int", enum_to_int),
    bif("fnv1a32", "function(input: any): count", fnv1a32),
    bif("fnv1a64", "function(input: any): count", fnv1a64),
    bif(
        "strftime",
        "function(fmt: string, d: time): string",
        strftime,
    ),
    bif(
        "convert_for_pattern",
        "function(s: string): string",
        convert_for_pattern,
    ),
    bif(
        "string_to_pattern",
        "function(s: string, convert: bool): pattern",
        string_to_pattern,
    ),
    bif(
        "compress_path",
        "function(dir: string): string",
        compress_path,
    ),
    bif(
        "encode_base64",
        "function(s: string, a: string &default = \"\"): string",
        encode_base64,
    ),
    bif(
        "decode_base64",
        "function(s: string, a: string &default = \"\"): string",
        decode_base64,
    ),
];

fn trimmed(a: &[Value]) -> String {
    String::from_utf8_lossy(str_arg(a, 0)).trim().to_string()
}

/// C's strtoull/strtoll: leading space, a sign, `0x` for base 16 (base 0 guesses); returns the
/// magnitude (saturated), whether it was negative, and where parsing stopped (0 if no digits).
fn c_strtou(s: &[u8], base: u32) -> (u64, bool, bool, usize) {
    let mut i = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let neg = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let hex_prefix = s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit());
    let base = match base {
        0 if hex_prefix => 16,
        0 if s.get(i) == Some(&b'0') => 8,
        0 => 10,
        b => b,
    };
    if base == 16 && hex_prefix {
        i += 2;
    }
    let start = i;
    let (mut v, mut overflow) = (0u64, false);
    while let Some(d) = s.get(i).and_then(|c| (*c as char).to_digit(36)) {
        if d >= base {
            break;
        }
        match v
            .checked_mul(u64::from(base))
            .and_then(|x| x.checked_add(u64::from(d)))
        {
            Some(x) => v = x,
            None => overflow = true,
        }
        i += 1;
    }
    let end = if i == start { 0 } else { i };
    (v, neg, overflow, end)
}

/// Zeek's check after strtoull/strtoll: non-empty and only whitespace after the number.
fn converted(s: &[u8], end: usize) -> bool {
    !s.is_empty() && s[end..].iter().all(|c| c.is_ascii_whitespace())
}

/// The context Zeek shows for a failed conversion: the call with its default base, and the string.
/// The call (with its default base shown, as Zeek renders calls) and the input.
pub fn conversion_ctx(span: Span, s: &[u8]) -> String {
    let call = crate::syntax::render::canonical(span, false);
    format!("{} and {}", call, String::from_utf8_lossy(s))
}

pub fn conversion_error(msg: &str, span: Span, s: &[u8]) {
    crate::diag::Diag::error(msg, span)
        .with_ctx(conversion_ctx(span, s))
        .emit();
}

fn base_arg(a: &[Value]) -> u32 {
    match a.get(1) {
        Some(Value::Count(b)) => *b as u32,
        _ => 10,
    }
}

fn to_count(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let (v, neg, overflow, end) = c_strtou(s, base_arg(a));
    if !converted(s, end) {
        conversion_error("bad conversion to count", span, s);
        return Ok(Value::Count(0));
    }
    let v = match (overflow, neg) {
        (true, _) => u64::MAX,
        (false, true) => v.wrapping_neg(),
        (false, false) => v,
    };
    Ok(Value::Count(v))
}

fn to_int(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let (v, neg, overflow, end) = c_strtou(s, base_arg(a));
    if !converted(s, end) {
        conversion_error("bad conversion to integer", span, s);
        return Ok(Value::Int(0));
    }
    let v = match neg {
        true if overflow || v > 1 << 63 => i64::MIN,
        true => (v as i64).wrapping_neg(),
        false if overflow || v > i64::MAX as u64 => i64::MAX,
        false => v as i64,
    };
    Ok(Value::Int(v))
}

fn to_double(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = trimmed(a);
    match s.parse::<f64>() {
        Ok(v) => Ok(Value::Double(v)),
        Err(_) => {
            conversion_error("bad conversion to double", span, s.as_bytes());
            Ok(Value::Double(0.0))
        }
    }
}

fn to_port(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = trimmed(a);
    if let Some((n, p)) = s.split_once('/') {
        if let Ok(n) = n.parse::<u32>() {
            if n <= 65535 && matches!(p, "tcp" | "udp" | "icmp" | "unknown") {
                return Ok(Value::Port(n, crate::syntax::parser::proto_code(p)));
            }
        }
    }
    super::report("bad conversion to port", span);
    Ok(Value::Port(0, 0))
}

fn double_to_time(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Time(arg(a, 0).as_f64()))
}

fn time_to_double(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Double(arg(a, 0).as_f64()))
}

fn interval_to_double(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Double(arg(a, 0).as_f64()))
}

fn double_to_interval(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Interval(arg(a, 0).as_f64()))
}

/// A negative number given to int_to_count/double_to_count: Zeek's error, with the value.
fn negative_to_count(a: &[Value], span: Span) -> RResult<Value> {
    let v = crate::builtins::core::render_fmt(arg(a, 0));
    let ctx = format!(
        "{} and {}",
        crate::syntax::render::canonical(span, false),
        String::from_utf8_lossy(&v)
    );
    crate::diag::Diag::error("bad conversion to count", span)
        .with_ctx(ctx)
        .emit();
    Ok(Value::Count(0))
}

fn int_to_count(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    match arg(a, 0).as_i64() {
        i if i < 0 => negative_to_count(a, span),
        i => Ok(Value::Count(i as u64)),
    }
}

/// Rounded to the nearest count (llrint).
fn double_to_count(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    match arg(a, 0).as_f64() {
        d if d < 0.0 => negative_to_count(a, span),
        d => Ok(Value::Count(d.round_ties_even() as u64)),
    }
}

fn count_to_double(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Double(arg(a, 0).as_f64()))
}

fn to_subnet(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = arg(a, 0).as_str_lossy();
    let parsed = s.split_once('/').and_then(|(ip, len)| {
        let addr = crate::runtime::render::parse_addr(ip)?;
        let len: u32 = len.parse().ok()?;
        let v6_len = if crate::runtime::render::is_v4(&addr) && !ip.contains(':') {
            len + 96
        } else {
            len
        };
        (v6_len <= 128).then_some(v6_len as u8).map(|l| (addr, l))
    });
    match parsed {
        Some((addr, l)) => Ok(Value::Subnet(
            crate::runtime::render::mask_addr(&addr, l),
            l,
        )),
        None => {
            let ctx = format!(
                "{} and {}",
                crate::syntax::render::canonical(span, false),
                s
            );
            crate::diag::Diag::error("failed converting string to IP prefix", span)
                .with_ctx(ctx)
                .emit();
            Ok(Value::Subnet([0; 16], 0))
        }
    }
}

fn count_to_port(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let proto = match arg(a, 1) {
        Value::Enum(_, i) => *i as u8,
        _ => 0,
    };
    Ok(Value::Port(arg(a, 0).as_u64() as u32, proto))
}

/// Big-endian (or little-endian with `is_le`) unsigned integer of up to 8 bytes.
fn bytestring_to_count(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    if s.len() > 8 {
        super::report("unsupported byte length for bytestring_to_count", span);
        return Ok(Value::Count(0));
    }
    let fold = |acc: u64, b: &u8| (acc << 8) | u64::from(*b);
    let v = if arg(a, 1).as_bool() {
        s.iter().rev().fold(0, fold)
    } else {
        s.iter().fold(0, fold)
    };
    Ok(Value::Count(v))
}

/// An 8-byte big-endian (network order) double.
fn bytestring_to_double(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    match <[u8; 8]>::try_from(str_arg(a, 0)) {
        Ok(b) => Ok(Value::Double(f64::from_be_bytes(b))),
        Err(_) => {
            super::report("bad conversion to double", span);
            Ok(Value::Double(0.0))
        }
    }
}

fn bytestring_to_float(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    match <[u8; 4]>::try_from(str_arg(a, 0)) {
        Ok(b) => Ok(Value::Double(f64::from(f32::from_be_bytes(b)))),
        Err(_) => {
            super::report("bad conversion to float", span);
            Ok(Value::Double(0.0))
        }
    }
}

fn bytestring_to_hexstr(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let hex: String = str_arg(a, 0).iter().map(|b| format!("{b:02x}")).collect();
    Ok(Value::str(&hex))
}

fn hex_nibble(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn hexstr_to_bytestring(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let shown = String::from_utf8_lossy(s);
    if !s.len().is_multiple_of(2) {
        // Zeek reports this one without a location.
        super::error_noloc(format!(
            "Hex string '{shown}' has invalid length (not divisible by 2)"
        ));
        return Ok(Value::str(""));
    }
    let mut out = Vec::new();
    for pair in s.chunks(2) {
        // sscanf("%2hhx") takes one or two hex digits.
        let v = match (hex_nibble(pair[0]), hex_nibble(pair[1])) {
            (Some(h), Some(l)) => h * 16 + l,
            (Some(h), None) => h,
            _ => {
                super::report(
                    format!("Could not read hex element from input {shown}"),
                    span,
                );
                return Ok(Value::str(""));
            }
        };
        out.push(v);
    }
    Ok(Value::Str(out.into()))
}

fn enum_to_int(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    match arg(a, 0) {
        Value::Enum(_, i) => Ok(Value::Int(*i)),
        _ => {
            super::report("enum_to_int() requires enum value", span);
            Ok(Value::Int(-1))
        }
    }
}

/// The bytes Zeek hashes: a string's bytes, otherwise the binary description (type tag, value).
fn fnv_input(v: &Value) -> Vec<u8> {
    let tagged = |tag: i32, bytes: [u8; 8]| [&tag.to_le_bytes()[..], &bytes].concat();
    match v {
        Value::Str(s) => s.to_vec(),
        Value::Bool(b) => tagged(1, (*b as i64).to_le_bytes()),
        Value::Int(i) => tagged(2, i.to_le_bytes()),
        Value::Count(c) => tagged(3, c.to_le_bytes()),
        Value::Double(d) => tagged(4, d.to_le_bytes()),
        Value::Time(d) => tagged(5, d.to_le_bytes()),
        Value::Interval(d) => tagged(6, d.to_le_bytes()),
        Value::Enum(_, i) => tagged(9, i.to_le_bytes()),
        _ => crate::builtins::core::render_fmt(v),
    }
}

fn fnv1a32(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let h = fnv_input(arg(a, 0)).iter().fold(2166136261u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(16777619)
    });
    Ok(Value::Count(u64::from(h)))
}

fn fnv1a64(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let h = fnv_input(arg(a, 0))
        .iter()
        .fold(0xCBF29CE484222325u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x100000001B3)
        });
    Ok(Value::Count(h))
}

/// Days since 1970-01-01 to (year, month 1-12, day 1-31) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z.rem_euclid(146097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// C strftime for UTC (the common conversions; unknown ones are copied through).
pub fn format_time_utc(fmt: &str, t: i64) -> String {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let (y, mo, d) = civil_from_days(days);
    let (h, mi, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let wday = (days + 4).rem_euclid(7) as usize;
    let yday = days - days_from_civil(y, 1, 1);
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(spec) = chars.next() else {
            out.push('%');
            break;
        };
        let piece = match spec {
            'Y' => y.to_string(),
            'C' => format!("{:02}", y.div_euclid(100)),
            'y' => format!("{:02}", y.rem_euclid(100)),
            'm' => format!("{mo:02}"),
            'd' => format!("{d:02}"),
            'e' => format!("{d:2}"),
            'H' => format!("{h:02}"),
            'I' => format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 }),
            'M' => format!("{mi:02}"),
            'S' => format!("{s:02}"),
            'p' => (if h < 12 { "AM" } else { "PM" }).to_string(),
            'j' => format!("{:03}", yday + 1),
            'a' => DAYS[wday][..3].to_string(),
            'A' => DAYS[wday].to_string(),
            'b' | 'h' => MONTHS[mo as usize - 1][..3].to_string(),
            'B' => MONTHS[mo as usize - 1].to_string(),
            'u' => (if wday == 0 { 7 } else { wday }).to_string(),
            'w' => wday.to_string(),
            's' => t.to_string(),
            'z' => "+0000".to_string(),
            'Z' => "UTC".to_string(),
            'T' => format_time_utc("%H:%M:%S", t),
            'R' => format_time_utc("%H:%M", t),
            'D' => format_time_utc("%m/%d/%y", t),
            'F' => format_time_utc("%Y-%m-%d", t),
            'c' => format_time_utc("%a %b %e %H:%M:%S %Y", t),
            'x' => format_time_utc("%m/%d/%y", t),
            'X' => format_time_utc("%H:%M:%S", t),
            'n' => "\n".to_string(),
            't' => "\t".to_string(),
            '%' => "%".to_string(),
            other => format!("%{other}"),
        };
        out.push_str(&piece);
    }
    out
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Formats in UTC (zeekling does not consult the local time zone).
fn strftime(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let fmt = arg(a, 0).as_str_lossy();
    let out = format_time_utc(&fmt, arg(a, 1).as_f64() as i64);
    if out.is_empty() || out.len() >= 128 {
        return Ok(Value::str("<strftime error>"));
    }
    Ok(Value::str(&out))
}

/// Backslash-escapes the characters special in patterns: ^$-:"\/|*+?.(){}[]
fn to_pat_str(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &c in s {
        if b"^$-:\"\\/|*+?.(){}[]".contains(&c) {
            out.push(b'\\');
        }
        out.push(c);
    }
    out
}

fn convert_for_pattern(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Str(to_pat_str(str_arg(a, 0)).into()))
}

fn string_to_pattern(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    let src = if arg(a, 1).as_bool() {
        to_pat_str(s)
    } else {
        s.to_vec()
    };
    let src = String::from_utf8_lossy(&src).into_owned();
    match crate::runtime::pattern::from_string(&src, false) {
        Ok(p) => Ok(Value::Pattern(std::rc::Rc::new(p))),
        Err(e) => {
            super::report(format!("bad pattern ({e})"), span);
            let p = crate::runtime::pattern::from_string("", false).expect("empty pattern");
            Ok(Value::Pattern(std::rc::Rc::new(p)))
        }
    }
}

/// Zeek's normalize_path: drops `.` and empty components, folds `dir/..`.
fn compress_path(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let path = arg(a, 0).as_str_lossy();
    if !path.contains("/.") && !path.contains("//") {
        let p = if path.len() > 1 && path.ends_with('/') {
            &path[..path.len() - 1]
        } else {
            &path[..]
        };
        return Ok(Value::str(p));
    }
    let mut comps: Vec<&str> = Vec::new();
    for (i, c) in path.split('/').enumerate() {
        if c.is_empty() || (c == "." && i != 0) {
            continue;
        }
        comps.push(c);
        if c == ".." && comps.len() > 1 {
            let last = comps[comps.len() - 2];
            if last == "/" || last == "~" || last == ".." {
                continue;
            }
            if last == "." {
                comps.pop();
                *comps.last_mut().unwrap() = "..";
            } else {
                comps.pop();
                comps.pop();
            }
        }
    }
    let mut out = String::from(if path.starts_with('/') { "/" } else { "" });
    for c in comps {
        out.push_str(c);
        out.push('/');
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    Ok(Value::str(&out))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The alphabet: the default, or a custom 64-character one (else an error).
fn b64_alphabet(a: &[Value], span: Span) -> Option<Vec<u8>> {
    let alpha = str_arg(a, 1);
    match alpha.len() {
        0 => Some(B64.to_vec()),
        64 => Some(alpha.to_vec()),
        n => {
            let _ = (n, span);
            report_plain(format!(
                "base64 alphabet is not 64 characters: {}",
                String::from_utf8_lossy(alpha)
            ));
            None
        }
    }
}

fn encode_base64(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let Some(alpha) = b64_alphabet(a, span) else {
        return Ok(Value::str(""));
    };
    let mut out = Vec::new();
    for chunk in str_arg(a, 0).chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alpha[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    Ok(Value::Str(out.into()))
}

/// An error without a location (Zeek's reporter->Error outside a call context).
fn report_plain(msg: String) {
    crate::diag::Diag::new(crate::diag::Level::Error, msg, None).emit();
}

/// Zeek's Base64Converter: groups of four (with `=` as a zero digit and padding marker); any
/// illegal character is an error and yields "".
fn decode_base64(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let Some(alpha) = b64_alphabet(a, span) else {
        return Ok(Value::str(""));
    };
    let mut d = B64Decoder::default();
    for &c in str_arg(a, 0) {
        let k = if c == b'=' {
            Some(0)
        } else {
            alpha.iter().position(|x| *x == c)
        };
        d.feed(c, k);
    }
    if d.errored > 0 {
        return Ok(Value::str(""));
    }
    if d.n != 0 {
        report_plain(format!(
            "incomplete base64 group, padding with {} bits of 0",
            (4 - d.n) * 6
        ));
        for _ in d.n..4 {
            d.feed(b'=', Some(0));
        }
    }
    Ok(Value::Str(d.out.into()))
}

#[derive(Default)]
struct B64Decoder {
    group: [u32; 4],
    n: usize,
    padding: usize,
    after_padding: bool,
    errored: u32,
    out: Vec<u8>,
}

impl B64Decoder {
    fn feed(&mut self, c: u8, k: Option<usize>) {
        if c == b'=' {
            self.padding += 1;
        }
        let Some(k) = k else {
            self.errored += 1;
            if self.errored == 1 {
                report_plain(format!("character {c} ignored by Base64 decoding"));
            }
            return;
        };
        self.group[self.n] = k as u32;
        self.n += 1;
        if self.n == 4 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        self.n = 0;
        if self.after_padding {
            self.errored += 1;
            if self.errored == 1 {
                report_plain("extra base64 groups after '=' padding are ignored".into());
            }
            return;
        }
        let g = &self.group;
        let bits = (g[0] << 18) | (g[1] << 12) | (g[2] << 6) | g[3];
        let octets = 3usize.saturating_sub(self.padding);
        self.out
            .extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8][..octets]);
        self.after_padding = self.padding > 0;
        self.padding = 0;
    }
}
