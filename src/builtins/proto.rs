//! Protocol helper bifs: FTP PORT/EPRT/PASV/EPSV parsing and formatting, NetBIOS name decoding.

use super::{arg, bif, str_arg, Bif};
use crate::runtime::render::{is_v4, parse_addr};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

/// transport_proto's `tcp`.
const TCP: u8 = 1;

pub const BIFS: &[Bif] = &[
    bif(
        "parse_ftp_port",
        "function(s: string): ftp_port",
        parse_ftp_port,
    ),
    bif(
        "parse_eftp_port",
        "function(s: string): ftp_port",
        parse_eftp_port,
    ),
    bif(
        "parse_ftp_pasv",
        "function(str: string): ftp_port",
        parse_ftp_pasv,
    ),
    bif(
        "parse_ftp_epsv",
        "function(str: string): ftp_port",
        parse_ftp_epsv,
    ),
    bif(
        "fmt_ftp_port",
        "function(a: addr, p: port): string",
        fmt_ftp_port,
    ),
    bif(
        "decode_netbios_name",
        "function(name: string): string",
        decode_netbios_name,
    ),
    bif(
        "decode_netbios_name_type",
        "function(name: string): count",
        decode_netbios_name_type,
    ),
];

fn v4(a: u32) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[10] = 0xff;
    b[11] = 0xff;
    b[12..].copy_from_slice(&a.to_be_bytes());
    b
}

fn ftp_port(interp: &Interp, bif: &str, h: [u8; 16], p: u32, valid: bool) -> Value {
    let fields = vec![Value::Addr(h), Value::Port(p, TCP), Value::Bool(valid)];
    super::ret_record(interp, bif, fields)
}

/// C's strtol on `s[i..]`: the value and where it stopped (`i` itself when there are no digits).
fn strtol(s: &[u8], i: usize) -> (i64, usize) {
    let mut j = i + s[i.min(s.len())..]
        .iter()
        .take_while(|c| c.is_ascii_whitespace())
        .count();
    let neg = s.get(j) == Some(&b'-');
    if matches!(s.get(j), Some(b'-' | b'+')) {
        j += 1;
    }
    let start = j;
    let mut v: i64 = 0;
    while let Some(c) = s.get(j).filter(|c| c.is_ascii_digit()) {
        v = v.saturating_mul(10).saturating_add(i64::from(c - b'0'));
        j += 1;
    }
    if j == start {
        return (0, i);
    }
    (if neg { -v } else { v }, j)
}

/// sscanf(line, "%d,%d,%d,%d,%d,%d"): six numbers separated by commas.
fn scan_six(s: &[u8]) -> Option<[i64; 6]> {
    let mut out = [0i64; 6];
    let mut i = 0;
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if s.get(i) != Some(&b',') {
                return None;
            }
            i += 1;
        }
        let (v, end) = strtol(s, i);
        if end == i {
            return None;
        }
        *slot = v.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        i = end;
    }
    Some(out)
}

/// Zeek's parse_port: `h1,h2,h3,h4,p1,p2`.
fn parse_port(interp: &Interp, bif: &str, line: &[u8]) -> Value {
    let bytes = if line.len() >= 11 {
        scan_six(line)
    } else {
        None
    };
    let good = bytes.is_some_and(|b| b.iter().all(|x| (0..=255).contains(x)));
    let (addr, port) = match (good, bytes) {
        (true, Some(b)) => {
            let a = (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) as u32;
            (a, (b[4] << 8 | b[5]) as u32)
        }
        _ => (0, 0),
    };
    ftp_port(interp, bif, v4(addr), port, good)
}

/// Zeek's parse_eftp: `<d><proto><d><addr><d><port><d>` (RFC 2428).
fn parse_eftp(interp: &Interp, bif: &str, s: Option<&[u8]>) -> Value {
    let mut addr = [0u8; 16];
    let (mut port, mut good) = (0i64, false);
    if let Some(s) = s {
        let mut i = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
        if let Some(&delim) = s.get(i) {
            good = true;
            i += 1;
            let (_, next) = strtol(s, i);
            if s.get(next) != Some(&delim) {
                good = false;
            }
            i = next;
            if i < s.len() {
                i += 1;
            }
            if i < s.len() && s[i] != delim {
                let end = s[i..]
                    .iter()
                    .position(|&c| c == delim)
                    .map_or(s.len(), |p| i + p);
                match parse_addr(&String::from_utf8_lossy(&s[i..end])) {
                    Some(a) => addr = a,
                    None => good = false,
                }
            }
            if let Some(p) = s[i.min(s.len())..].iter().position(|&c| c == delim) {
                let i = i + p + 1;
                let (v, next) = strtol(s, i);
                port = v;
                if s.get(next) != Some(&delim) {
                    good = false;
                }
                if !(0..=65535).contains(&port) {
                    port = 0;
                    good = false;
                }
            }
        }
    }
    ftp_port(interp, bif, addr, port as u32, good)
}

fn parse_ftp_port(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(parse_port(interp, "parse_ftp_port", str_arg(a, 0)))
}

fn parse_eftp_port(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(parse_eftp(interp, "parse_eftp_port", Some(str_arg(a, 0))))
}

/// The text as C sees it: up to the first NUL.
fn c_str(s: &[u8]) -> &[u8] {
    &s[..s.iter().position(|&c| c == 0).unwrap_or(s.len())]
}

fn find(s: &[u8], pat: &[u8]) -> Option<usize> {
    s.windows(pat.len()).position(|w| w == pat)
}

fn parse_ftp_pasv(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let full = str_arg(a, 0);
    let s = c_str(full);
    let start = if let Some(p) = s.iter().position(|&c| c == b'(') {
        Some(p + 1)
    } else if let Some(p) = find(s, b"PORT") {
        Some(p + 5)
    } else {
        s.iter().position(|&c| c == b',').map(|p| {
            let digits = s[..p]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            p - digits
        })
    };
    let line = match start {
        Some(p) if p <= full.len() && p <= s.len() => &s[p..],
        _ => &b""[..],
    };
    Ok(parse_port(interp, "parse_ftp_pasv", line))
}

fn parse_ftp_epsv(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = c_str(str_arg(a, 0));
    let line = s.iter().position(|&c| c == b'(').map(|p| &s[p + 1..]);
    Ok(parse_eftp(interp, "parse_ftp_epsv", line))
}

fn fmt_ftp_port(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let (Value::Addr(addr), p) = (arg(a, 0), arg(a, 1)) else {
        return Ok(Value::str(""));
    };
    if !is_v4(addr) {
        let ctx =
            crate::runtime::describe::describe(arg(a, 0), crate::runtime::describe::Mode::Fmt);
        crate::diag::Diag::error("conversion of non-IPv4 address in fmt_ftp_port", span)
            .with_ctx(String::from_utf8_lossy(&ctx).into_owned())
            .emit();
        return Ok(Value::str(""));
    }
    let pn = p.as_u64() as u32;
    let b = &addr[12..];
    Ok(Value::str(&format!(
        "{},{},{},{},{},{}",
        b[0],
        b[1],
        b[2],
        b[3],
        pn >> 8,
        pn & 0xff
    )))
}

/// The 32 characters `A`..`P` (either case) of an encoded NetBIOS name, as nibbles.
fn netbios_nibbles(s: &[u8]) -> Option<Vec<u8>> {
    if s.len() != 32 {
        return None;
    }
    s.iter()
        .map(|c| c.to_ascii_uppercase())
        .map(|c| (b'A'..=b'P').contains(&c).then(|| c - b'A'))
        .collect()
}

fn decode_netbios_name(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let s = str_arg(a, 0);
    if s.len() != 32 {
        return Ok(Value::str(""));
    }
    let mut buf = Vec::with_capacity(16);
    for pair in s.chunks(2) {
        let (c0, c1) = (pair[0].to_ascii_uppercase(), pair[1].to_ascii_uppercase());
        if !(b'A'..=b'P').contains(&c0) || !(b'A'..=b'P').contains(&c1) {
            return Ok(Value::str(""));
        }
        let b = ((c0 - b'A') << 4) + (c1 - b'A');
        if !(b.is_ascii_alphanumeric() || b.is_ascii_punctuation() || b == b' ' || b < 3) {
            break;
        }
        buf.push(b);
    }
    buf.truncate(15);
    while matches!(buf.last(), Some(b' ' | 0)) {
        buf.pop();
    }
    Ok(Value::bytes(&buf))
}

fn decode_netbios_name_type(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Count(match netbios_nibbles(str_arg(a, 0)) {
        Some(n) => u64::from(n[30] << 4 | n[31]),
        None => 256,
    }))
}
