//! Byte-exact text rendering of Zeek scalar values (double/time, interval, addr, subnet, string)
//! plus the C printf float conversions behind `fmt`, and the address parsing/masking they rely on.
//!
//! Everything here is std-only and free of interpreter types so it can be tested in isolation.

use std::fmt::Write as _;

// ---------------------------------------------------------------------------------------------
// Doubles
// ---------------------------------------------------------------------------------------------

/// Zeek switches to shortest scientific notation for magnitudes strictly above `INT_MAX`.
const SCI_ABOVE: f64 = i32::MAX as f64;
/// Readable output uses six digits of precision.
const PRINT_PREC: usize = 6;
/// Magnitudes below 10^-PRINT_PREC are printed like `%.6g` (always exponent form there).
const SMALL_BELOW: f64 = 1e-6;
/// How close to an integer a value must be to get the disambiguating ".0" suffix.
const INTEGRAL_TOLERANCE: f64 = 1e-9;

/// Zeek's print rendering of a double (also used for time values).
pub fn fmt_double(d: f64) -> String {
    if d.is_nan() {
        return "nan".to_string();
    }
    let mut out = String::new();
    // `-0.0 < 0.0` is false, so negative zero prints without a sign, as in Zeek.
    if d < 0.0 {
        out.push('-');
    }
    out.push_str(&magnitude_text(d.abs()));
    if needs_point_zero(d, &out) {
        out.push_str(".0");
    }
    out
}

/// The unsigned text of a non-NaN magnitude, before any ".0" suffix.
fn magnitude_text(mag: f64) -> String {
    if mag > SCI_ABOVE {
        shortest_scientific(mag)
    } else if mag < SMALL_BELOW {
        // Zero lands here too; `%g` renders it as "0".
        c_format_float(mag, b'g', "", None, Some(PRINT_PREC))
    } else {
        let mut fixed = c_format_float(mag, b'f', "", None, Some(PRINT_PREC));
        strip_fraction_zeros(&mut fixed);
        fixed
    }
}

/// Integral-looking values get ".0" so they read as doubles, never for exponent forms or
/// non-finite values. The test is on the value, not the text: 2.9999999 prints as "3".
fn needs_point_zero(d: f64, text: &str) -> bool {
    d.is_finite() && approx_equal(d, d.round_ties_even(), INTEGRAL_TOLERANCE) && !text.contains('e')
}

/// Shortest round-trip digits in C-style scientific form (`1e+10`, `1.7976931348623157e+308`).
/// Only called for magnitudes above `INT_MAX` (possibly infinite).
fn shortest_scientific(mag: f64) -> String {
    if mag.is_infinite() {
        return "inf".to_string();
    }
    let (digits, exp) = shortest_digits(mag);
    let mut out = mantissa_from_digits(&digits);
    push_c_exponent(&mut out, exp);
    out
}

/// Shortest round-trip significant digits and decimal exponent. When the value sits exactly
/// halfway between two shortest candidates, C++ `to_chars` (what Zeek uses) picks the one with
/// an even last digit while Rust's `{:e}` rounds up, so such ties are re-decided here.
fn shortest_digits(mag: f64) -> (String, i32) {
    let rust = format!("{mag:e}");
    let (mantissa, exp) = split_rust_exponent(&rust);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    match exact_tie_lower(mag, digits.len()) {
        Some((lower, lower_exp)) if lower.ends_with(['0', '2', '4', '6', '8']) => {
            (lower, lower_exp)
        }
        _ => (digits, exp),
    }
}

/// If `mag` (> `INT_MAX`) lies exactly halfway between two `n`-digit decimals, returns the lower
/// one's digits and exponent.
fn exact_tie_lower(mag: f64, n: usize) -> Option<(String, i32)> {
    // A tie means the exact value has n + 1 significant digits, the last being 5.
    let rounded = format!("{mag:.n$e}");
    let (mantissa, exp) = split_rust_exponent(&rounded);
    if !mantissa.ends_with('5') {
        return None;
    }
    let wanted: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // Above 2^31 a double has at most 21 fractional bits, so 21 decimals print it exactly.
    let exact = format!("{mag:.21}");
    let exact_digits: String = exact.chars().filter(char::is_ascii_digit).collect();
    let exact_sig = exact_digits.trim_start_matches('0').trim_end_matches('0');
    (exact_sig == wanted).then(|| (wanted[..n].to_string(), exp))
}

/// "d1d2d3" -> "d1.d2d3"; a single digit stays bare.
fn mantissa_from_digits(digits: &str) -> String {
    let (lead, rest) = digits.split_at(1);
    if rest.is_empty() {
        lead.to_string()
    } else {
        format!("{lead}.{rest}")
    }
}

/// Drops trailing fractional zeros and then a bare trailing point ("3.140000" -> "3.14").
fn strip_fraction_zeros(s: &mut String) {
    if !s.contains('.') {
        return;
    }
    let keep = s.trim_end_matches('0').len();
    s.truncate(keep);
    if s.ends_with('.') {
        s.pop();
    }
}

/// Zeek's tolerance comparison; NaN never compares equal.
fn approx_equal(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() < tolerance.abs()
}

// ---------------------------------------------------------------------------------------------
// printf-style float conversions
// ---------------------------------------------------------------------------------------------

/// The printf flags that matter for float conversions.
#[derive(Clone, Copy, Default)]
struct FloatFlags {
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    alt: bool,
}

impl FloatFlags {
    fn parse(flags: &str) -> Self {
        let mut f = Self::default();
        for c in flags.chars() {
            match c {
                '-' => f.left = true,
                '+' => f.plus = true,
                ' ' => f.space = true,
                '0' => f.zero = true,
                '#' => f.alt = true,
                _ => {}
            }
        }
        f
    }

    /// '+' wins over ' '; glibc also signs negative zero and negative NaN.
    fn sign(self, negative: bool) -> &'static str {
        if negative {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        }
    }
}

/// C printf-style formatting of one float conversion: `conv` is one of b'e', b'E', b'f', b'F', b'g', b'G';
/// flags: left-align '-', '+', ' ', '0'-pad, '#'; width and precision optional (None = default 6).
/// Any other `conv` byte is treated like `f`.
pub fn c_format_float(
    v: f64,
    conv: u8,
    flags: &str,
    width: Option<usize>,
    prec: Option<usize>,
) -> String {
    let flags = FloatFlags::parse(flags);
    let prec = prec.unwrap_or(6);
    let mut body = if v.is_nan() {
        "nan".to_string()
    } else if v.is_infinite() {
        "inf".to_string()
    } else {
        finite_body(v.abs(), conv.to_ascii_lowercase(), prec, flags.alt)
    };
    if conv.is_ascii_uppercase() {
        body.make_ascii_uppercase();
    }
    let sign = flags.sign(v.is_sign_negative());
    pad_field(sign, &body, width.unwrap_or(0), flags, v.is_finite())
}

/// Unsigned digits of a finite magnitude for the lowercase conversion `conv`.
fn finite_body(mag: f64, conv: u8, prec: usize, alt: bool) -> String {
    match conv {
        b'e' => {
            let rust = format!("{mag:.prec$e}");
            let (mantissa, exp) = split_rust_exponent(&rust);
            c_exponent_form(mantissa, exp, alt)
        }
        b'g' => general_form(mag, prec, alt),
        _ => fixed_form(mag, prec, alt),
    }
}

/// `%f`: Rust's fixed formatting rounds the exact binary value half-to-even, like glibc.
fn fixed_form(mag: f64, prec: usize, alt: bool) -> String {
    let mut out = format!("{mag:.prec$}");
    if alt && prec == 0 {
        out.push('.');
    }
    out
}

/// `%e` text from a Rust mantissa and exponent: '#' forces the point, exponent has >= 2 digits.
fn c_exponent_form(mantissa: &str, exp: i32, alt: bool) -> String {
    let mut out = mantissa.to_string();
    if alt && !mantissa.contains('.') {
        out.push('.');
    }
    push_c_exponent(&mut out, exp);
    out
}

/// `%g`: the exponent after rounding to P significant digits picks fixed or exponent style;
/// without '#' trailing fractional zeros (and a bare point) are removed.
fn general_form(mag: f64, prec: usize, alt: bool) -> String {
    let sig = prec.max(1);
    let rust = format!("{mag:.*e}", sig - 1);
    let (mantissa, exp) = split_rust_exponent(&rust);
    let exp_wide = i64::from(exp);
    let sig_wide = i64::try_from(sig).unwrap_or(i64::MAX);
    if alt && exp_wide == sig_wide && rounding_carried(mag, exp) {
        return glibc_carry_quirk(exp);
    }
    let mut out = if (-4..sig_wide).contains(&exp_wide) {
        let frac_digits =
            usize::try_from(sig_wide - 1 - exp_wide).expect("exp < sig keeps this non-negative");
        fixed_form(mag, frac_digits, alt)
    } else {
        c_exponent_form(mantissa, exp, alt)
    };
    if !alt {
        strip_general_zeros(&mut out);
    }
    out
}

/// Did rounding to significant digits bump the decimal exponent up to `rounded_exp`?
fn rounding_carried(mag: f64, rounded_exp: i32) -> bool {
    // 767 significant digits print any double exactly, so this exponent is unrounded.
    // Only reached on the rare '#'-with-carry path, so the cost does not matter.
    let exact = format!("{mag:.767e}");
    split_rust_exponent(&exact).1 < rounded_exp
}

/// glibc prints `%#.Pg` as "1.e+P" (dropping the P-1 zeros that '#' should keep) when
/// rounding carries a value just below 10^P from fixed style into exponent style,
/// e.g. `%#.3g` of 999.66 is "1.e+03". Zeek's `fmt` inherits this, so it is reproduced.
fn glibc_carry_quirk(exp: i32) -> String {
    let mut out = String::from("1.");
    push_c_exponent(&mut out, exp);
    out
}

/// Strips trailing zeros from the mantissa part only, keeping any exponent suffix.
fn strip_general_zeros(s: &mut String) {
    let exp_at = s.find('e').unwrap_or(s.len());
    let exponent = s.split_off(exp_at);
    strip_fraction_zeros(s);
    s.push_str(&exponent);
}

/// Splits Rust's `{:e}` output ("3.14e-7") into mantissa and exponent.
fn split_rust_exponent(s: &str) -> (&str, i32) {
    let (mantissa, exp) = s
        .split_once('e')
        .expect("Rust {:e} output always has an exponent");
    (
        mantissa,
        exp.parse().expect("Rust {:e} exponent is a plain integer"),
    )
}

/// Appends a C-style exponent: explicit sign and at least two digits ("e+09", "e-308").
fn push_c_exponent(out: &mut String, exp: i32) {
    let sign = if exp < 0 { '-' } else { '+' };
    let _ = write!(out, "e{sign}{:02}", exp.unsigned_abs());
}

/// Applies the field width: '-' pads right, '0' pads after the sign (finite values only,
/// glibc pads inf/nan with spaces), otherwise pads left with spaces.
fn pad_field(sign: &str, body: &str, width: usize, flags: FloatFlags, finite: bool) -> String {
    let fill = width.saturating_sub(sign.len() + body.len());
    let mut out = String::with_capacity(sign.len() + body.len() + fill);
    if flags.left {
        out.push_str(sign);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if flags.zero && finite {
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(sign);
        out.push_str(body);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------------

/// Whole-unit components, largest first; microseconds take the (fractional) remainder.
const WHOLE_UNITS: [(f64, &str); 5] = [
    (86400.0, "day"),
    (3600.0, "hr"),
    (60.0, "min"),
    (1.0, "sec"),
    (1e-3, "msec"),
];
const USEC: f64 = 1e-6;
/// Tolerance for both "remainder is zero" and "value is exactly one" (singular unit).
const INTERVAL_TOLERANCE: f64 = 1e-6;

/// Zeek's rendering of an interval given in seconds.
pub fn fmt_interval(secs: f64) -> String {
    if secs == 0.0 {
        return "0 secs".to_string();
    }
    let mut out = String::new();
    let mut rest = secs;
    for (unit, word) in WHOLE_UNITS {
        // Written as a negated disjunction so NaN skips every unit, as in Zeek.
        if !(rest >= unit || rest <= -unit) {
            continue;
        }
        // Truncation toward zero keeps every component's sign equal to the interval's.
        let whole = (rest / unit).trunc();
        rest -= whole * unit;
        push_interval_part(&mut out, whole, word);
    }
    let usecs = rest / USEC;
    if !approx_equal(usecs, 0.0, INTERVAL_TOLERANCE) {
        push_interval_part(&mut out, usecs, "usec");
    } else if out.is_empty() {
        out.push_str("0 secs");
    }
    out
}

/// Appends "<number> <unit>[s]", space-separated from earlier parts.
fn push_interval_part(out: &mut String, amount: f64, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(&fmt_double(amount));
    out.push(' ');
    out.push_str(word);
    let singular = approx_equal(amount, 1.0, INTERVAL_TOLERANCE)
        || approx_equal(amount, -1.0, INTERVAL_TOLERANCE);
    if !singular {
        out.push('s');
    }
}

// ---------------------------------------------------------------------------------------------
// Addresses and subnets
// ---------------------------------------------------------------------------------------------

/// The first 96 bits of an IPv4-mapped IPv6 address (::ffff:0:0/96).
const V4_MAPPED_PREFIX: [u8; 12] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/// Is this address v4-mapped (::ffff:0:0/96)?
pub fn is_v4(a: &[u8; 16]) -> bool {
    a[..12] == V4_MAPPED_PREFIX
}

/// Address stored as 16 bytes; IPv4 is stored v4-mapped (::ffff:a.b.c.d) and printed as dotted quad.
pub fn fmt_addr(a: &[u8; 16]) -> String {
    if is_v4(a) {
        dotted_quad(&a[12..])
    } else {
        fmt_v6(a)
    }
}

/// Subnet: address (16 bytes, already masked) and prefix length in IPv6 terms (0..=128). For v4-mapped
/// addresses the printed length is len-96 (when len >= 96).
///
/// A v4-mapped address with len < 96 cannot come out of masking; it is printed in IPv6 form
/// with the IPv6 length rather than with a negative IPv4 length.
pub fn fmt_subnet(a: &[u8; 16], len: u8) -> String {
    if is_v4(a) && len >= 96 {
        format!("{}/{}", dotted_quad(&a[12..]), len - 96)
    } else {
        format!("{}/{}", fmt_v6(a), len)
    }
}

/// Mask address to the given prefix length (IPv6 terms). Lengths above 128 leave it unchanged.
pub fn mask_addr(a: &[u8; 16], len: u8) -> [u8; 16] {
    let keep = usize::from(len.min(128));
    let mut out = *a;
    for (i, byte) in out.iter_mut().enumerate() {
        let first_bit = i * 8;
        if keep >= first_bit + 8 {
            continue;
        }
        let kept_bits = keep.saturating_sub(first_bit);
        // kept_bits is 0..=7 here; u8 >> 8 would overflow, so zero bits is special-cased.
        *byte &= if kept_bits == 0 {
            0
        } else {
            0xff << (8 - kept_bits)
        };
    }
    out
}

fn dotted_quad(b: &[u8]) -> String {
    format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3])
}

/// A run of all-zero 16-bit groups: (first index, length).
type ZeroRun = (usize, usize);

/// Zeek's own inet_ntop for IPv6: lowercase hex groups, the first longest run (length >= 2)
/// of zero groups becomes "::", and a few IPv4-embedding shapes get a dotted tail.
fn fmt_v6(a: &[u8; 16]) -> String {
    let groups = addr_groups(a);
    let run = longest_zero_run(&groups);
    let mut out = String::with_capacity(39);
    for (i, group) in groups.iter().enumerate() {
        if let Some((start, len)) = run {
            if (start..start + len).contains(&i) {
                if i == start {
                    out.push(':');
                }
                continue;
            }
        }
        if i != 0 {
            out.push(':');
        }
        if i == 6 && has_dotted_tail(&groups, run) {
            out.push_str(&dotted_quad(&a[12..]));
            return out;
        }
        let _ = write!(out, "{group:x}");
    }
    if matches!(run, Some((start, len)) if start + len == groups.len()) {
        out.push(':');
    }
    out
}

fn addr_groups(a: &[u8; 16]) -> [u16; 8] {
    let mut groups = [0u16; 8];
    for (group, pair) in groups.iter_mut().zip(a.chunks_exact(2)) {
        *group = u16::from_be_bytes([pair[0], pair[1]]);
    }
    groups
}

/// The first strictly-longest run of zero groups; single zero groups are never compressed.
fn longest_zero_run(groups: &[u16; 8]) -> Option<ZeroRun> {
    let mut best: Option<ZeroRun> = None;
    let mut i = 0;
    while i < groups.len() {
        if groups[i] != 0 {
            i += 1;
            continue;
        }
        let len = groups[i..].iter().take_while(|&&g| g == 0).count();
        if best.is_none_or(|(_, best_len)| len > best_len) {
            best = Some((i, len));
        }
        i += len;
    }
    best.filter(|&(_, len)| len >= 2)
}

/// The last 32 bits print dotted only when the address starts with a zero run shaped like
/// IPv4-compatible (::a.b.c.d), v4-mapped (::ffff:a.b.c.d) or IPv4-translated
/// (::ffff:0:a.b.c.d). So `::ffff` stays hex (its run is 7 groups long) and `ffff::c0a8:164`
/// stays hex (its run does not start at group 0).
fn has_dotted_tail(groups: &[u16; 8], run: Option<ZeroRun>) -> bool {
    match run {
        Some((0, 6)) => true,
        Some((0, 5)) => groups[5] == 0xffff,
        Some((0, 4)) => groups[4] == 0xffff && groups[5] == 0,
        _ => false,
    }
}

/// Parse an address literal/string: dotted IPv4 "1.2.3.4" -> v4-mapped; IPv6 text incl. "::", embedded
/// dotted tail; returns None when invalid.
///
/// Mirrors Zeek's string conversion: any ':' means IPv6 (glibc inet_pton rules), otherwise the
/// text is read like `sscanf("%d.%d.%d.%d")` with nothing trailing. Brackets and a "0x" prefix of
/// address literals are not accepted here; the lexer strips them first, as Zeek's does.
pub fn parse_addr(s: &str) -> Option<[u8; 16]> {
    let bytes = s.as_bytes();
    if bytes.contains(&b':') {
        parse_v6(bytes)
    } else {
        parse_v4_scanf(bytes).map(v4_mapped)
    }
}

fn v4_mapped(quad: [u8; 4]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out[..12].copy_from_slice(&V4_MAPPED_PREFIX);
    out[12..].copy_from_slice(&quad);
    out
}

/// Zeek reads IPv4 text with scanf's `%d`, so leading zeros, leading whitespace before each
/// number and a sign are all accepted; each number must then be 0..=255.
fn parse_v4_scanf(b: &[u8]) -> Option<[u8; 4]> {
    let mut quad = [0u8; 4];
    let mut pos = 0;
    for (k, octet) in quad.iter_mut().enumerate() {
        if k > 0 {
            if b.get(pos) != Some(&b'.') {
                return None;
            }
            pos += 1;
        }
        let (value, next) = scanf_int(b, pos)?;
        *octet = u8::try_from(value).ok()?;
        pos = next;
    }
    (pos == b.len()).then_some(quad)
}

/// One scanf `%d`: optional C whitespace, optional sign, at least one decimal digit. glibc
/// converts with strtol (saturating at the i64 range) and then narrows to int, so e.g.
/// 4294967297 reads as 1; reproduced here for fidelity. Returns the value and the end offset.
fn scanf_int(b: &[u8], mut pos: usize) -> Option<(i32, usize)> {
    while b
        .get(pos)
        .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
    {
        pos += 1;
    }
    let negative = b.get(pos) == Some(&b'-');
    if matches!(b.get(pos), Some(b'-' | b'+')) {
        pos += 1;
    }
    let digits = b[pos..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let magnitude = b[pos..pos + digits].iter().fold(0u64, |acc, &c| {
        acc.saturating_mul(10).saturating_add(u64::from(c - b'0'))
    });
    Some((strtol_to_int(magnitude, negative), pos + digits))
}

/// strtol's clamping to the i64 range followed by C's truncating conversion to int.
fn strtol_to_int(magnitude: u64, negative: bool) -> i32 {
    let long = if negative {
        0i64.checked_sub_unsigned(magnitude).unwrap_or(i64::MIN)
    } else {
        i64::try_from(magnitude).unwrap_or(i64::MAX)
    };
    long as i32
}

/// glibc inet_pton(AF_INET6): groups of 1-4 hex digits, at most one "::" which must stand for
/// at least one zero group, no leading/trailing single ':', optional strict dotted-quad tail.
fn parse_v6(b: &[u8]) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    // Bytes written so far, and the byte offset where "::" was seen.
    let mut filled = 0;
    let mut gap: Option<usize> = None;
    // A leading ':' is only valid as part of "::"; skip the first of the pair.
    let mut i = match b {
        [b':', b':', ..] => 1,
        [b':', ..] => return None,
        _ => 0,
    };
    let mut token_start = i;
    let mut digits = 0;
    let mut value: u16 = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if let Some(d) = hex_value(c) {
            if digits == 4 {
                return None;
            }
            value = (value << 4) | d;
            digits += 1;
        } else if c == b':' {
            token_start = i;
            if digits == 0 {
                if gap.replace(filled).is_some() {
                    return None;
                }
                continue;
            }
            if i == b.len() {
                return None;
            }
            push_group(&mut out, &mut filled, value)?;
            digits = 0;
            value = 0;
        } else if c == b'.' && filled + 4 <= out.len() {
            // The dotted tail re-reads the current token in decimal and must end the text.
            let quad = parse_v4_strict(&b[token_start..])?;
            out[filled..filled + 4].copy_from_slice(&quad);
            filled += 4;
            digits = 0;
            break;
        } else {
            return None;
        }
    }
    if digits > 0 {
        push_group(&mut out, &mut filled, value)?;
    }
    expand_gap(&mut out, filled, gap)
}

fn hex_value(c: u8) -> Option<u16> {
    char::from(c)
        .to_digit(16)
        .and_then(|d| u16::try_from(d).ok())
}

fn push_group(out: &mut [u8; 16], filled: &mut usize, value: u16) -> Option<()> {
    if *filled + 2 > out.len() {
        return None;
    }
    out[*filled..*filled + 2].copy_from_slice(&value.to_be_bytes());
    *filled += 2;
    Some(())
}

/// Moves the groups after "::" to the end, zero-filling the gap; without "::" all 16 bytes
/// must have been given explicitly.
fn expand_gap(out: &mut [u8; 16], filled: usize, gap: Option<usize>) -> Option<[u8; 16]> {
    let Some(at) = gap else {
        return (filled == out.len()).then_some(*out);
    };
    if filled == out.len() {
        // "::" would stand for zero groups, which glibc rejects.
        return None;
    }
    let tail = filled - at;
    let new_start = out.len() - tail;
    out.copy_within(at..filled, new_start);
    out[at..new_start].fill(0);
    Some(*out)
}

/// glibc inet_pton(AF_INET): exactly four decimal octets, each 0..=255, no leading zeros.
fn parse_v4_strict(b: &[u8]) -> Option<[u8; 4]> {
    let mut quad = [0u8; 4];
    let mut parts = b.split(|&c| c == b'.');
    for octet in &mut quad {
        let part = parts.next()?;
        let valid = !part.is_empty()
            && part.iter().all(u8::is_ascii_digit)
            && (part.len() == 1 || part[0] != b'0');
        if !valid || part.len() > 3 {
            return None;
        }
        let value = part
            .iter()
            .fold(0u16, |acc, &c| acc * 10 + u16::from(c - b'0'));
        *octet = u8::try_from(value).ok()?;
    }
    parts.next().is_none().then_some(quad)
}

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

/// Zeek's string rendering: bytes < 0x20 or > 0x7e become \xHH (lowercase hex); all else verbatim
/// (backslash and quotes NOT escaped).
pub fn escape_bytes(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    for &c in b {
        if (0x20..=0x7e).contains(&c) {
            out.push(char::from(c));
        } else {
            let _ = write!(out, "\\x{c:02x}");
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    // ----- doubles -----

    #[test]
    fn double_small_values_match_language_double_baseline() {
        // Zeek testing/btest/Baseline/language.double/out, second half.
        let cases = [
            (0.0000000000005, "5e-13"),
            (0.000000000005, "5e-12"),
            (0.00000000005, "5e-11"),
            (0.0000000005, "5e-10"),
            (0.000000005, "5e-09"),
            (0.00000005, "5e-08"),
            (0.0000005, "5e-07"),
            (0.000005, "0.000005"),
            (0.00005, "0.00005"),
            (0.0005, "0.0005"),
            (0.005, "0.005"),
            (0.05, "0.05"),
            (0.5, "0.5"),
            (5.0, "5.0"),
            (0.0000000000001, "1e-13"),
            (0.000000000001, "1e-12"),
            (0.00000000001, "1e-11"),
            (0.0000000001, "1e-10"),
            (0.000000001, "1e-09"),
            (0.00000001, "1e-08"),
            (0.0000001, "1e-07"),
            (0.000001, "0.000001"),
            (0.00001, "0.00001"),
            (0.0001, "0.0001"),
            (0.001, "0.001"),
            (0.01, "0.01"),
            (0.1, "0.1"),
            (1.0, "1.0"),
        ];
        for (v, want) in cases {
            assert_eq!(fmt_double(v), want, "value {v:e}");
        }
    }

    #[test]
    #[allow(clippy::approx_constant)] // 3.14 is the brief's example, not an approximation of PI
    fn double_ordinary_values() {
        let cases = [
            (1.0, "1.0"),
            (-60.0, "-60.0"),
            (3600.0, "3600.0"),
            (3.14, "3.14"),
            (-3.0001, "-3.0001"),
            (1.5, "1.5"),
            (0.1 + 0.2, "0.3"),
            (123456789.1234567, "123456789.123457"),
            (1700000000.5, "1700000000.5"),
            (1300000000.123456, "1300000000.123456"),
            (0.0000015, "0.000002"),
            (0.0000025, "0.000003"),
            (2.5e-6, "0.000003"),
            (-0.123456789, "-0.123457"),
        ];
        for (v, want) in cases {
            assert_eq!(fmt_double(v), want, "value {v:e}");
        }
    }

    #[test]
    fn double_zero_and_negative_zero() {
        assert_eq!(fmt_double(0.0), "0.0");
        assert_eq!(fmt_double(-0.0), "0.0");
    }

    #[test]
    fn double_non_finite() {
        assert_eq!(fmt_double(f64::NAN), "nan");
        assert_eq!(fmt_double(-f64::NAN), "nan");
        assert_eq!(fmt_double(f64::INFINITY), "inf");
        assert_eq!(fmt_double(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn double_large_values_use_shortest_scientific() {
        let cases = [
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1e10, "1e+10"),
            (1e20, "1e+20"),
            (-1e20, "-1e+20"),
            (1e100, "1e+100"),
            (2147483648.0, "2.147483648e+09"),
            (2147483647.5, "2.1474836475e+09"),
            (12345678901.0, "1.2345678901e+10"),
            ((0.1 + 0.2) * 1e10, "3.0000000000000005e+09"),
        ];
        for (v, want) in cases {
            assert_eq!(fmt_double(v), want, "value {v:e}");
        }
    }

    #[test]
    fn double_shortest_ties_go_to_even_like_to_chars() {
        // Exactly halfway between two 17-digit candidates: C++ to_chars keeps the even one.
        // Written as sums because these exact values need more digits than the shortest form.
        assert_eq!(
            fmt_double(111275153569243.0 + 0.125),
            "1.1127515356924312e+14"
        );
        assert_eq!(
            fmt_double(111275153569243.0 + 0.375),
            "1.1127515356924338e+14"
        );
        assert_eq!(
            fmt_double(-(1997107851181081.0 + 0.25)),
            "-1.9971078511810812e+15"
        );
        assert_eq!(
            fmt_double(2056655888558458.0 + 0.75),
            "2.0566558885584588e+15"
        );
        assert_eq!(fmt_double(4503599627370497.5), "4.503599627370498e+15");
        assert_eq!(fmt_double(2147483648.5), "2.1474836485e+09");
    }

    #[test]
    fn double_int_max_boundary_is_fixed() {
        // The switch to scientific form is strictly above INT_MAX.
        assert_eq!(fmt_double(2147483647.0), "2147483647.0");
        assert_eq!(fmt_double(-2147483647.0), "-2147483647.0");
        assert_eq!(fmt_double(2147483646.75), "2147483646.75");
    }

    #[test]
    fn double_tiny_values_use_six_significant_digits() {
        assert_eq!(fmt_double(1.5e-7), "1.5e-07");
        assert_eq!(fmt_double(1.23456789e-8), "1.23457e-08");
        assert_eq!(fmt_double(-5e-7), "-5e-07");
        assert_eq!(fmt_double(9.9999999e-7), "1e-06");
        assert_eq!(fmt_double(5e-324), "4.94066e-324");
        assert_eq!(fmt_double(1e-300), "1e-300");
    }

    #[test]
    fn double_point_zero_depends_on_value_not_text() {
        // Rounds to "3" in text but is 1e-7 away from 3, beyond the 1e-9 tolerance.
        assert_eq!(fmt_double(2.9999999), "3");
        assert_eq!(fmt_double(-2.9999999), "-3");
        // Within 1e-9 of an integer: gets ".0".
        assert_eq!(fmt_double(2.9999999999), "3.0");
        assert_eq!(fmt_double(7.0000000001), "7.0");
        assert_eq!(fmt_double(0.9999996), "1");
    }

    // ----- printf floats -----

    #[test]
    #[allow(clippy::approx_constant, clippy::excessive_precision)] // literal copied from the Zeek test
    fn c_format_float_matches_bifs_fmt_baseline() {
        // Zeek testing/btest/Baseline/bifs.fmt/out.
        let pi = 3.14159265;
        assert_eq!(
            c_format_float(pi, b'e', "", Some(10), Some(2)),
            "  3.14e+00"
        );
        assert_eq!(
            c_format_float(pi, b'e', "-", Some(10), Some(2)),
            "3.14e+00  "
        );
        assert_eq!(
            c_format_float(pi, b'f', "", Some(10), Some(2)),
            "      3.14"
        );
        assert_eq!(
            c_format_float(pi, b'g', "", Some(10), Some(2)),
            "       3.1"
        );
        assert_eq!(
            c_format_float(-pi, b'e', "", Some(10), Some(2)),
            " -3.14e+00"
        );
        assert_eq!(
            c_format_float(-pi, b'f', "", Some(10), Some(2)),
            "     -3.14"
        );
        assert_eq!(
            c_format_float(-pi, b'g', "", Some(10), Some(2)),
            "      -3.1"
        );
        assert_eq!(
            c_format_float(-pi, b'e', "-", Some(10), Some(2)),
            "-3.14e+00 "
        );
        assert_eq!(
            c_format_float(-pi, b'f', "-", Some(10), Some(2)),
            "-3.14     "
        );
        assert_eq!(
            c_format_float(-pi, b'g', "-", Some(10), Some(2)),
            "-3.1      "
        );
        assert_eq!(c_format_float(310.0, b'e', "", None, None), "3.100000e+02");
        assert_eq!(c_format_float(310.0, b'f', "", None, None), "310.000000");
        assert_eq!(c_format_float(310.0, b'g', "", None, None), "310");
        assert_eq!(c_format_float(310.0, b'e', "", None, Some(3)), "3.100e+02");
        assert_eq!(c_format_float(310.0, b'f', "", None, Some(3)), "310.000");
        assert_eq!(c_format_float(310.0, b'g', "", None, Some(3)), "310");
        assert_eq!(c_format_float(310.0, b'g', "", None, Some(7)), "310");
    }

    #[test]
    fn c_format_float_max_double_from_language_double() {
        assert_eq!(
            c_format_float(1.7976931348623157e308, b'e', "", None, Some(16)),
            "1.7976931348623157e+308"
        );
    }

    #[test]
    fn c_format_float_rounds_half_to_even_on_exact_value() {
        // Expected strings come from glibc printf.
        assert_eq!(c_format_float(0.125, b'f', "", None, Some(2)), "0.12");
        assert_eq!(c_format_float(0.375, b'f', "", None, Some(2)), "0.38");
        assert_eq!(c_format_float(0.5, b'f', "", None, Some(0)), "0");
        assert_eq!(c_format_float(1.5, b'f', "", None, Some(0)), "2");
        assert_eq!(c_format_float(2.5, b'f', "", None, Some(0)), "2");
        assert_eq!(c_format_float(2.675, b'f', "", None, Some(2)), "2.67");
        assert_eq!(c_format_float(0.35, b'f', "", None, Some(1)), "0.3");
        assert_eq!(c_format_float(0.125, b'e', "", None, Some(1)), "1.2e-01");
        assert_eq!(
            c_format_float(1e23, b'f', "", None, Some(0)),
            "99999999999999991611392"
        );
        assert_eq!(c_format_float(1e23, b'e', "", None, Some(0)), "1e+23");
    }

    #[test]
    fn c_format_float_general_style_choice() {
        // Expected strings come from glibc printf.
        assert_eq!(c_format_float(0.0001, b'g', "", None, None), "0.0001");
        assert_eq!(c_format_float(0.00001, b'g', "", None, None), "1e-05");
        assert_eq!(c_format_float(123456.0, b'g', "", None, None), "123456");
        assert_eq!(
            c_format_float(1234567.0, b'g', "", None, None),
            "1.23457e+06"
        );
        assert_eq!(c_format_float(999999.5, b'g', "", None, None), "1e+06");
        assert_eq!(c_format_float(0.0, b'g', "", None, None), "0");
        assert_eq!(c_format_float(100.0, b'g', "", None, Some(0)), "1e+02");
        assert_eq!(c_format_float(1.0, b'g', "", None, Some(0)), "1");
        assert_eq!(c_format_float(1.5, b'g', "", None, Some(0)), "2");
        assert_eq!(c_format_float(1e-5, b'G', "", None, None), "1E-05");
        assert_eq!(
            c_format_float(1.25e-300, b'g', "", None, Some(3)),
            "1.25e-300"
        );
        assert_eq!(
            c_format_float(0.000123456789, b'g', "", None, Some(4)),
            "0.0001235"
        );
    }

    #[test]
    fn c_format_float_alt_flag() {
        // Expected strings come from glibc printf.
        assert_eq!(c_format_float(3.0, b'f', "#", None, Some(0)), "3.");
        assert_eq!(c_format_float(3.0, b'e', "#", None, Some(0)), "3.e+00");
        assert_eq!(c_format_float(310.0, b'g', "#", None, None), "310.000");
        assert_eq!(c_format_float(1.0, b'g', "#", None, Some(0)), "1.");
        assert_eq!(c_format_float(1e-5, b'g', "#", None, Some(3)), "1.00e-05");
        assert_eq!(c_format_float(123.0, b'g', "#", None, Some(3)), "123.");
    }

    #[test]
    fn c_format_float_glibc_alt_general_carry_quirk() {
        // glibc drops the zeros '#' should keep when rounding carries into exponent style.
        assert_eq!(c_format_float(999.66, b'g', "#", None, Some(3)), "1.e+03");
        assert_eq!(c_format_float(9999.7, b'g', "#", None, Some(4)), "1.e+04");
        assert_eq!(c_format_float(9999.7, b'G', "#", None, Some(4)), "1.E+04");
        assert_eq!(
            c_format_float(999.66, b'g', "#", Some(12), Some(3)),
            "      1.e+03"
        );
        assert_eq!(
            c_format_float(999.66, b'g', "#-", Some(12), Some(3)),
            "1.e+03      "
        );
        assert_eq!(
            c_format_float(-999.66, b'g', "#0", Some(12), Some(3)),
            "-000001.e+03"
        );
        assert_eq!(c_format_float(999.66, b'g', "#+", None, Some(3)), "+1.e+03");
        assert_eq!(c_format_float(9.6, b'g', "#", None, Some(1)), "1.e+01");
        assert_eq!(c_format_float(999999.7, b'g', "#", None, None), "1.e+06");
        assert_eq!(
            c_format_float(1e3 - 1e-13, b'g', "#", None, Some(3)),
            "1.e+03"
        );
        // No carry across the style boundary: the normal '#' rules apply.
        assert_eq!(c_format_float(0.99996, b'g', "#", None, Some(3)), "1.00");
        assert_eq!(c_format_float(9.96, b'g', "#", None, Some(2)), "10.");
        assert_eq!(c_format_float(9999.6, b'g', "#", None, Some(3)), "1.00e+04");
        assert_eq!(c_format_float(999.66, b'g', "#", None, Some(2)), "1.0e+03");
        assert_eq!(
            c_format_float(1e23, b'g', "#", None, Some(23)),
            "99999999999999991611392."
        );
        // Without '#' the same values are unaffected.
        assert_eq!(c_format_float(999.66, b'g', "", None, Some(3)), "1e+03");
    }

    #[test]
    fn c_format_float_sign_and_padding_flags() {
        // Expected strings come from glibc printf.
        assert_eq!(c_format_float(3.5, b'f', "+", None, Some(1)), "+3.5");
        assert_eq!(c_format_float(3.5, b'f', " ", None, Some(1)), " 3.5");
        assert_eq!(c_format_float(3.5, b'f', "+ ", None, Some(1)), "+3.5");
        assert_eq!(c_format_float(-3.5, b'f', " ", None, Some(1)), "-3.5");
        assert_eq!(c_format_float(3.5, b'f', "0", Some(8), Some(2)), "00003.50");
        assert_eq!(
            c_format_float(-3.5, b'f', "0", Some(8), Some(2)),
            "-0003.50"
        );
        assert_eq!(
            c_format_float(3.5, b'f', "+0", Some(8), Some(2)),
            "+0003.50"
        );
        assert_eq!(
            c_format_float(3.5, b'f', "-0", Some(8), Some(2)),
            "3.50    "
        );
        assert_eq!(
            c_format_float(3.5, b'e', "0", Some(12), Some(1)),
            "000003.5e+00"
        );
        assert_eq!(c_format_float(3.5, b'f', "", Some(2), Some(2)), "3.50");
        assert_eq!(c_format_float(-0.0, b'f', "", None, Some(1)), "-0.0");
        assert_eq!(c_format_float(0.0, b'e', "", None, None), "0.000000e+00");
    }

    #[test]
    fn c_format_float_non_finite() {
        // Expected strings come from glibc printf; '0' does not zero-pad inf/nan.
        assert_eq!(c_format_float(f64::INFINITY, b'f', "", None, None), "inf");
        assert_eq!(
            c_format_float(f64::NEG_INFINITY, b'e', "", None, None),
            "-inf"
        );
        assert_eq!(c_format_float(f64::INFINITY, b'F', "+", None, None), "+INF");
        assert_eq!(c_format_float(f64::NAN, b'g', "", None, None), "nan");
        assert_eq!(c_format_float(-f64::NAN, b'G', "", None, None), "-NAN");
        assert_eq!(
            c_format_float(f64::INFINITY, b'f', "0", Some(6), None),
            "   inf"
        );
        assert_eq!(
            c_format_float(f64::INFINITY, b'f', "-", Some(6), None),
            "inf   "
        );
    }

    #[test]
    fn c_format_float_uppercase_and_extremes() {
        // Expected strings come from glibc printf.
        assert_eq!(
            c_format_float(12345.678, b'E', "", None, Some(3)),
            "1.235E+04"
        );
        assert_eq!(c_format_float(1.5, b'F', "", None, Some(2)), "1.50");
        assert_eq!(
            c_format_float(5e-324, b'e', "", None, Some(3)),
            "4.941e-324"
        );
        assert_eq!(
            c_format_float(f64::MAX, b'g', "", None, None),
            "1.79769e+308"
        );
        assert_eq!(c_format_float(5e-324, b'f', "", None, None), "0.000000");
        assert_eq!(c_format_float(1e300, b'f', "", None, Some(0)).len(), 301);
    }

    // ----- intervals -----

    #[test]
    fn interval_matches_core_print_interval_baseline() {
        // Zeek testing/btest/core/print-interval.zeek and its baseline.
        let d = 0.12345678912345 * USEC;
        let p1 = d * 10000.0;
        let p2 = p1 * 10000.0;
        let p3 = p2 * 10000.0;
        let cases = [
            (0.0, "0 secs"),
            (d, "0.123457 usecs"),
            (-d, "-0.123457 usecs"),
            (p1, "1.0 msec 234.567891 usecs"),
            (-p1, "-1.0 msec -234.567891 usecs"),
            (p2, "12.0 secs 345.0 msecs 678.912345 usecs"),
            (-p2, "-12.0 secs -345.0 msecs -678.912345 usecs"),
            (
                p3,
                "1.0 day 10.0 hrs 17.0 mins 36.0 secs 789.0 msecs 123.449984 usecs",
            ),
            (
                -p3,
                "-1.0 day -10.0 hrs -17.0 mins -36.0 secs -789.0 msecs -123.449984 usecs",
            ),
            (1.001 * USEC, "1.001 usecs"),
            (1.001 * USEC * 1000.0, "1.0 msec 1.0 usec"),
            (1.1 * USEC * 10000.0, "11.0 msecs"),
            (8.5 * 86400.0, "8.0 days 12.0 hrs"),
            (7.5 * 3600.0, "7.0 hrs 30.0 mins"),
            (6.5 * 60.0, "6.0 mins 30.0 secs"),
            (5.5, "5.0 secs 500.0 msecs"),
            (4.5 * 1e-3, "4.0 msecs 500.0 usecs"),
            (3.5 * USEC, "3.5 usecs"),
            (2.0 * 86400.0 + 2.0, "2.0 days 2.0 secs"),
        ];
        for (secs, want) in cases {
            assert_eq!(fmt_interval(secs), want, "secs {secs:e}");
        }
    }

    #[test]
    fn interval_matches_to_interval_baseline() {
        assert_eq!(
            fmt_interval(1234563.14),
            "14.0 days 6.0 hrs 56.0 mins 3.0 secs 139.0 msecs 999.999898 usecs"
        );
        assert_eq!(
            fmt_interval(-1234563.14),
            "-14.0 days -6.0 hrs -56.0 mins -3.0 secs -139.0 msecs -999.999898 usecs"
        );
        assert_eq!(fmt_interval(6.0), "6.0 secs");
    }

    #[test]
    fn interval_matches_vector_arithmetic_baseline() {
        let doubles = [1.5, 3.0, 4.5];
        let intervals = [3.0, 60.0, 3600.0];
        let product: Vec<String> = doubles
            .iter()
            .zip(intervals)
            .map(|(d, i)| fmt_interval(d * i))
            .collect();
        assert_eq!(
            product,
            ["4.0 secs 500.0 msecs", "3.0 mins", "4.0 hrs 30.0 mins"]
        );
        let d_over_i: Vec<String> = doubles
            .iter()
            .zip(intervals)
            .map(|(d, i)| fmt_interval(d / i))
            .collect();
        assert_eq!(
            d_over_i,
            ["500.0 msecs", "50.0 msecs", "1.0 msec 250.0 usecs"]
        );
        let i_over_d: Vec<String> = doubles
            .iter()
            .zip(intervals)
            .map(|(d, i)| fmt_interval(i / d))
            .collect();
        assert_eq!(i_over_d, ["2.0 secs", "20.0 secs", "13.0 mins 20.0 secs"]);
    }

    #[test]
    fn interval_brief_examples() {
        assert_eq!(fmt_interval(1.0), "1.0 sec");
        assert_eq!(fmt_interval(5000.0), "1.0 hr 23.0 mins 20.0 secs");
        assert_eq!(fmt_interval(-5.0), "-5.0 secs");
        assert_eq!(fmt_interval(3.0 * 3600.0), "3.0 hrs");
        assert_eq!(fmt_interval(-86400.0 - 7200.0), "-1.0 day -2.0 hrs");
        assert_eq!(fmt_interval(-0.0), "0 secs");
        assert_eq!(fmt_interval(60.0), "1.0 min");
        assert_eq!(fmt_interval(1e-3), "1.0 msec");
        assert_eq!(fmt_interval(1e-6), "1.0 usec");
    }

    #[test]
    fn interval_tiny_remainders() {
        // Below 1e-6 usecs counts as zero; alone that prints "0 secs".
        assert_eq!(fmt_interval(1e-13), "0 secs");
        assert_eq!(fmt_interval(5e-13), "0 secs");
        assert_eq!(fmt_interval(1e-11), "0.00001 usecs");
        assert_eq!(fmt_interval(5e-12), "0.000005 usecs");
        assert_eq!(fmt_interval(2.0 + 5e-13), "2.0 secs");
        assert_eq!(fmt_interval(0.5 * USEC), "0.5 usecs");
    }

    #[test]
    fn interval_non_finite_follow_the_same_algorithm() {
        assert_eq!(fmt_interval(f64::NAN), "nan usecs");
        assert_eq!(fmt_interval(f64::INFINITY), "inf days nan usecs");
        assert_eq!(fmt_interval(f64::NEG_INFINITY), "-inf days nan usecs");
    }

    // ----- addresses -----

    /// Parses like Zeek's lexer does for `[...]` literals: brackets and "0x" already stripped.
    fn addr(s: &str) -> [u8; 16] {
        parse_addr(s).unwrap_or_else(|| panic!("bad address {s}"))
    }

    fn hex16(s: &str) -> [u8; 16] {
        let mut out = [0u8; 16];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).unwrap();
        }
        out
    }

    #[test]
    fn addr_matches_ipv6_literals_baseline() {
        // Zeek testing/btest/language/ipv6-literals.zeek and its baseline, every line.
        let cases = [
            ("::1", "::1"),
            ("::ffff", "::ffff"),
            ("::ffff:ffff", "::255.255.255.255"),
            ("::0a0a:ffff", "::10.10.255.255"),
            ("1::1", "1::1"),
            ("1::a", "1::a"),
            ("1::1:1", "1::1:1"),
            ("1::1:a", "1::1:a"),
            ("a::a", "a::a"),
            ("a::1", "a::1"),
            ("a::a:a", "a::a:a"),
            ("a::a:1", "a::a:1"),
            ("a:a::a", "a:a::a"),
            ("aaaa:0::ffff", "aaaa::ffff"),
            ("::ffff:192.168.1.100", "192.168.1.100"),
            ("ffff::192.168.1.100", "ffff::c0a8:164"),
            ("::192.168.1.100", "::192.168.1.100"),
            ("::ffff:0:192.168.1.100", "::ffff:0:192.168.1.100"),
            (
                "805B:2D9D:DC28::FC57:212.200.31.255",
                "805b:2d9d:dc28::fc57:d4c8:1fff",
            ),
            // Written `[0xaaaa::bbbb]` in the script; the lexer drops the "0x".
            ("aaaa::bbbb", "aaaa::bbbb"),
            (
                "aaaa:bbbb:cccc:dddd:eeee:ffff:1111:2222",
                "aaaa:bbbb:cccc:dddd:eeee:ffff:1111:2222",
            ),
            (
                "aaaa:bbbb:cccc:dddd:eeee:ffff:1:2222",
                "aaaa:bbbb:cccc:dddd:eeee:ffff:1:2222",
            ),
            (
                "aaaa:bbbb:cccc:dddd:eeee:ffff:0:2222",
                "aaaa:bbbb:cccc:dddd:eeee:ffff:0:2222",
            ),
            (
                "aaaa:bbbb:cccc:dddd:eeee:0:0:2222",
                "aaaa:bbbb:cccc:dddd:eeee::2222",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(fmt_addr(&addr(text)), want, "literal [{text}]");
        }
    }

    #[test]
    fn addr_other_baselines() {
        // bifs.fmt, bifs.raw_bytes_to_v6_addr, bifs.addr_count_conversion, bifs.subnet_to_addr.
        assert_eq!(fmt_addr(&addr("127.0.0.1")), "127.0.0.1");
        assert_eq!(fmt_addr(&addr("fe80:1234::1")), "fe80:1234::1");
        assert_eq!(
            fmt_addr(&hex16("4142434445464748494b4c4d4e4f5051")),
            "4142:4344:4546:4748:494b:4c4d:4e4f:5051"
        );
        assert_eq!(fmt_addr(&[0; 16]), "::");
        assert_eq!(
            fmt_addr(&hex16("dadabeef000000004e5e0cfffe6a8671")),
            "dada:beef::4e5e:cff:fe6a:8671"
        );
        assert_eq!(
            fmt_addr(&addr("2001:db8:85a3::8a2e:370:7334")),
            "2001:db8:85a3::8a2e:370:7334"
        );
        assert_eq!(
            fmt_addr(&addr("2607:f8b0:4005:803::200e")),
            "2607:f8b0:4005:803::200e"
        );
        assert_eq!(fmt_addr(&v4_mapped([0, 0, 0, 0])), "0.0.0.0");
        assert_eq!(
            fmt_addr(&v4_mapped([255, 255, 255, 255])),
            "255.255.255.255"
        );
    }

    #[test]
    fn addr_zero_run_rules() {
        // A single zero group is never compressed.
        assert_eq!(fmt_addr(&addr("1:0:2:3:4:5:6:7")), "1:0:2:3:4:5:6:7");
        // Ties go to the first run.
        assert_eq!(fmt_addr(&addr("1:0:0:2:3:0:0:4")), "1::2:3:0:0:4");
        // A longer later run wins.
        assert_eq!(fmt_addr(&addr("1:0:0:2:0:0:0:3")), "1:0:0:2::3");
        assert_eq!(fmt_addr(&addr("1::")), "1::");
        assert_eq!(fmt_addr(&addr("1:2:3:4:5:6:7::")), "1:2:3:4:5:6:7:0");
        assert_eq!(fmt_addr(&addr("::2:3:4:5:6:7:8")), "0:2:3:4:5:6:7:8");
        assert_eq!(fmt_addr(&addr("0:0:1::")), "0:0:1::");
    }

    #[test]
    fn addr_dotted_tail_shapes() {
        // IPv4-compatible needs exactly six leading zero groups.
        assert_eq!(fmt_addr(&addr("::1.2.3.4")), "::1.2.3.4");
        assert_eq!(fmt_addr(&addr("::0.0.1.2")), "::102");
        assert_eq!(fmt_addr(&addr("::1:0:0")), "::1:0:0");
        // IPv4-translated, including an all-zero IPv4 part.
        assert_eq!(fmt_addr(&addr("::ffff:0:0.0.0.0")), "::ffff:0:0.0.0.0");
        assert_eq!(fmt_addr(&addr("::ffff:1:1.2.3.4")), "::ffff:1:102:304");
        assert_eq!(fmt_addr(&addr("1::ffff:0:1.2.3.4")), "1::ffff:0:102:304");
        // The v4-mapped shape inside the IPv6 printer (only reachable through fmt_subnet).
        assert_eq!(fmt_v6(&addr("1.2.3.4")), "::ffff:1.2.3.4");
    }

    #[test]
    fn is_v4_and_v4_mapping() {
        assert!(is_v4(&addr("10.0.0.1")));
        assert!(is_v4(&addr("::ffff:10.0.0.1")));
        assert!(!is_v4(&addr("::10.0.0.1")));
        assert!(!is_v4(&addr("::1")));
        assert_eq!(addr("10.0.0.1"), hex16("00000000000000000000ffff0a000001"));
    }

    // ----- subnets -----

    #[test]
    fn subnet_matches_to_subnet_baseline() {
        assert_eq!(fmt_subnet(&addr("10.0.0.0"), 8 + 96), "10.0.0.0/8");
        assert_eq!(fmt_subnet(&addr("2607:f8b0::"), 32), "2607:f8b0::/32");
        assert_eq!(fmt_subnet(&[0; 16], 0), "::/0");
        assert_eq!(fmt_subnet(&mask_addr(&addr("::ffff:0:0"), 1), 1), "::/1");
        assert_eq!(
            fmt_subnet(&mask_addr(&addr("::ffff:0:0"), 96), 96),
            "0.0.0.0/0"
        );
        assert_eq!(
            fmt_subnet(&mask_addr(&addr("::ffff:0:0"), 100), 100),
            "0.0.0.0/4"
        );
    }

    #[test]
    fn subnet_other_baselines() {
        assert_eq!(fmt_subnet(&addr("192.168.0.0"), 16 + 96), "192.168.0.0/16");
        assert_eq!(
            fmt_subnet(&mask_addr(&addr("fe80:1234::"), 32), 32),
            "fe80:1234::/32"
        );
        assert_eq!(fmt_subnet(&addr("10.2.0.2"), 31 + 96), "10.2.0.2/31");
        assert_eq!(fmt_subnet(&addr("7.2.0.0"), 32 + 96), "7.2.0.0/32");
        assert_eq!(
            fmt_subnet(&addr("2607:f8b0:4007:807::200e"), 128),
            "2607:f8b0:4007:807::200e/128"
        );
        assert_eq!(
            fmt_subnet(&addr("2607:f8b0:4008:807::"), 64),
            "2607:f8b0:4008:807::/64"
        );
    }

    #[test]
    fn subnet_v4_mapped_below_96_prints_as_ipv6() {
        assert_eq!(fmt_subnet(&addr("1.2.3.4"), 64), "::ffff:1.2.3.4/64");
    }

    #[test]
    fn mask_matches_mask_addr_baseline() {
        // Zeek testing/btest/Baseline/bifs.mask_addr: 255.255.255.255 masked to /1 .. /32.
        let all = addr("255.255.255.255");
        let want = [
            "128.0.0.0",
            "192.0.0.0",
            "224.0.0.0",
            "240.0.0.0",
            "248.0.0.0",
            "252.0.0.0",
            "254.0.0.0",
            "255.0.0.0",
            "255.128.0.0",
            "255.192.0.0",
            "255.224.0.0",
            "255.240.0.0",
            "255.248.0.0",
            "255.252.0.0",
            "255.254.0.0",
            "255.255.0.0",
            "255.255.128.0",
            "255.255.192.0",
            "255.255.224.0",
            "255.255.240.0",
            "255.255.248.0",
            "255.255.252.0",
            "255.255.254.0",
            "255.255.255.0",
            "255.255.255.128",
            "255.255.255.192",
            "255.255.255.224",
            "255.255.255.240",
            "255.255.255.248",
            "255.255.255.252",
            "255.255.255.254",
            "255.255.255.255",
        ];
        for (v4_len, expected) in (1u8..=32).zip(want) {
            let len = v4_len + 96;
            assert_eq!(
                fmt_subnet(&mask_addr(&all, len), len),
                format!("{expected}/{v4_len}")
            );
        }
    }

    #[test]
    fn mask_edges() {
        let ones = [0xffu8; 16];
        assert_eq!(mask_addr(&ones, 0), [0u8; 16]);
        assert_eq!(mask_addr(&ones, 128), ones);
        assert_eq!(mask_addr(&ones, 200), ones);
        assert_eq!(
            mask_addr(&ones, 127),
            hex16("fffffffffffffffffffffffffffffffe")
        );
        assert_eq!(
            mask_addr(&ones, 9),
            hex16("ff800000000000000000000000000000")
        );
        assert_eq!(
            mask_addr(&addr("2607:f8b0:4005:803::200e"), 64),
            addr("2607:f8b0:4005:803::")
        );
    }

    // ----- parsing -----

    #[test]
    fn parse_matches_glibc_and_scanf() {
        // Expected values were produced by the same conversion in C (sscanf / glibc inet_pton).
        let cases: [(&str, Option<&str>); 58] = [
            ("1.2.3.4", Some("00000000000000000000ffff01020304")),
            ("01.02.03.04", Some("00000000000000000000ffff01020304")),
            ("001.002.003.004", Some("00000000000000000000ffff01020304")),
            ("10.00.00.000", Some("00000000000000000000ffff0a000000")),
            (" 1.2.3.4", Some("00000000000000000000ffff01020304")),
            ("1. 2.3.4", Some("00000000000000000000ffff01020304")),
            ("1 .2.3.4", None),
            ("1.2.3.4 ", None),
            ("+1.2.3.4", Some("00000000000000000000ffff01020304")),
            ("-0.0.0.0", Some("00000000000000000000ffff00000000")),
            ("-1.2.3.4", None),
            ("256.1.1.1", None),
            ("4294967297.0.0.1", Some("00000000000000000000ffff01000001")),
            ("99999999999999999999.0.0.1", None),
            (
                "-9223372036854775808.0.0.1",
                Some("00000000000000000000ffff00000001"),
            ),
            ("1.2.3", None),
            ("1.2.3.4.5", None),
            ("1.2.3.", None),
            ("a.b.c.d", None),
            ("", None),
            ("::", Some("00000000000000000000000000000000")),
            ("::1", Some("00000000000000000000000000000001")),
            ("1::", Some("00010000000000000000000000000000")),
            ("1::2", Some("00010000000000000000000000000002")),
            (":1", None),
            ("1:", None),
            ("1::2:", None),
            (":::", None),
            ("1:::2", None),
            ("1::2::3", None),
            ("1:2:3:4:5:6:7:8", Some("00010002000300040005000600070008")),
            ("1:2:3:4:5:6:7:8:9", None),
            ("1:2:3:4:5:6:7::", Some("00010002000300040005000600070000")),
            ("1:2:3:4:5:6:7:8::", None),
            ("::1:2:3:4:5:6:7", Some("00000001000200030004000500060007")),
            ("::1:2:3:4:5:6:7:8", None),
            ("12345::", None),
            ("01234::", None),
            ("0000:0000::1", Some("00000000000000000000000000000001")),
            ("ABCD:ef01::", Some("abcdef01000000000000000000000000")),
            ("::ffff:1.2.3.4", Some("00000000000000000000ffff01020304")),
            ("::1.2.3.4", Some("00000000000000000000000001020304")),
            (
                "1:2:3:4:5:6:1.2.3.4",
                Some("00010002000300040005000601020304"),
            ),
            ("1:2:3:4:5:6:7:1.2.3.4", None),
            ("1:2:3:4:5:6::1.2.3.4", None),
            (
                "1:2:3:4:5::1.2.3.4",
                Some("00010002000300040005000001020304"),
            ),
            ("::01.2.3.4", None),
            ("::0.0.0.0", Some("00000000000000000000000000000000")),
            ("::1.2.3", None),
            ("::1.2.3.4.5", None),
            ("::1.2.3.4:1", None),
            ("::256.1.1.1", None),
            ("::1a.2.3.4", None),
            ("1.2.3.4::", None),
            ("::1.2.3.4.", None),
            ("g::", None),
            ("1:2", None),
            (
                "805B:2D9D:DC28::FC57:212.200.31.255",
                Some("805b2d9ddc2800000000fc57d4c81fff"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse_addr(text), want.map(hex16), "parsing {text:?}");
        }
    }

    #[test]
    fn parse_rejects_literal_decorations_and_non_ascii() {
        assert_eq!(parse_addr("[::1]"), None);
        assert_eq!(parse_addr("0xaaaa::bbbb"), None);
        assert_eq!(parse_addr("1.2.3.4\0"), None);
        assert_eq!(parse_addr("::é"), None);
        assert_eq!(parse_addr("1.2.3.4/8"), None);
    }

    #[test]
    fn parse_then_format_round_trips() {
        for text in [
            "::",
            "::1",
            "1.2.3.4",
            "fe80::1",
            "2001:db8::8a2e:370:7334",
            "::1.2.3.4",
        ] {
            assert_eq!(fmt_addr(&addr(text)), text);
        }
    }

    // ----- strings -----

    #[test]
    fn escape_bytes_rules() {
        assert_eq!(escape_bytes(b"hello world"), "hello world");
        assert_eq!(escape_bytes(b"\x00\x1f"), "\\x00\\x1f");
        assert_eq!(escape_bytes(b"\x7f\xff"), "\\x7f\\xff");
        assert_eq!(escape_bytes(b"a\tb\nc\r"), "a\\x09b\\x0ac\\x0d");
        assert_eq!(
            escape_bytes(b"back\\slash \"q\" 'q'"),
            "back\\slash \"q\" 'q'"
        );
        assert_eq!(escape_bytes(b" ~"), " ~");
        assert_eq!(escape_bytes("é".as_bytes()), "\\xc3\\xa9");
        assert_eq!(escape_bytes(b"\xAB"), "\\xab");
        assert_eq!(escape_bytes(b""), "");
    }
}
