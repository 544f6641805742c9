//! OS bifs: environment, processes, host information, UIDs.

use super::{arg, bif, lossy, str_arg, Bif};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use std::cell::RefCell;
use std::io::Write;

pub const BIFS: &[Bif] = &[
    bif("getenv", "function(var: string): string", getenv),
    bif("setenv", "function(var: string, val: string): bool", setenv),
    bif("system", "function(str: string): int", system),
    bif(
        "system_env",
        "function(str: string, env: table_string_of_string): int",
        system_env,
    ),
    bif(
        "piped_exec",
        "function(program: string, to_write: string): bool",
        piped_exec,
    ),
    bif("gethostname", "function(): string", gethostname),
    bif(
        "is_local_interface",
        "function(ip: addr): bool",
        is_local_interface,
    ),
    bif("sleep", "function(i: interval): interval", sleep),
    bif("unique_id", "function(prefix: string): string", unique_id),
    bif(
        "unique_id_from",
        "function(pool: int, prefix: string): string",
        unique_id_from,
    ),
    bif(
        "uuid_to_string",
        "function(uuid: string): string",
        uuid_to_string,
    ),
];

fn getenv(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::str(&std::env::var(lossy(a, 0)).unwrap_or_default()))
}

fn setenv(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (k, v) = (lossy(a, 0), lossy(a, 1));
    if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
        return Ok(Value::Bool(false));
    }
    std::env::set_var(k, v);
    Ok(Value::Bool(true))
}

fn flush_outputs() {
    crate::runtime::output::flush_stdout();
    super::files::flush_all_files();
}

/// Zeek's do_system: the command runs through /bin/sh with its output sent to stderr. (Zeek
/// runs it in the background; here it runs to completion, which keeps output ordered.)
fn do_system(cmd: &str) -> i64 {
    flush_outputs();
    let st = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("({}) 1>&2", cmd))
        .stdout(std::io::stderr())
        .status();
    st.ok().and_then(|s| s.code()).unwrap_or(-1) as i64
}

fn system(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Int(do_system(&lossy(a, 0))))
}

/// The variables `system_env` sets: each key upper-cased with a `ZEEK_ARG_` prefix.
fn env_vars(t: &Value) -> Vec<(String, String)> {
    let Value::Table(t) = t else {
        return vec![];
    };
    t.borrow()
        .map
        .iter()
        .map(|(k, v)| {
            let name = String::from_utf8_lossy(k.parts()[0].as_bytes()).to_uppercase();
            (format!("ZEEK_ARG_{}", name), v.as_str_lossy())
        })
        .collect()
}

fn system_env(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let vars = env_vars(arg(a, 1));
    for (k, v) in &vars {
        std::env::set_var(k, v);
    }
    let r = do_system(&lossy(a, 0));
    for (k, _) in &vars {
        std::env::remove_var(k);
    }
    Ok(Value::Int(r))
}

/// popen(program, "w"): the data goes to the program's stdin; waits for it to finish.
fn piped_exec(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let prog = lossy(a, 0);
    flush_outputs();
    let child = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(&prog)
        .stdin(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        super::error_noloc(format!("Failed to popen {}", prog));
        return Ok(Value::Bool(false));
    };
    let wrote = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(str_arg(a, 1)).is_ok(),
        None => false,
    };
    let _ = child.wait();
    if !wrote {
        super::error_noloc(format!("Failed to write all given data to {}", prog));
    }
    Ok(Value::Bool(wrote))
}

fn hostname() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that many bytes.
    let r = unsafe { nix::libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    if r < 0 {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..end]).into_owned())
}

fn gethostname(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::str(
        &hostname().unwrap_or_else(|| "<unknown>".into()),
    ))
}

fn is_local_interface(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let Value::Addr(bytes) = arg(a, 0) else {
        return Ok(Value::Bool(false));
    };
    let ip = std::net::Ipv6Addr::from(*bytes);
    let ip = match ip.to_ipv4_mapped() {
        Some(v4) => std::net::IpAddr::V4(v4),
        None => std::net::IpAddr::V6(ip),
    };
    if ip.is_loopback() {
        return Ok(Value::Bool(true));
    }
    let host = hostname().unwrap_or_else(|| "localhost".into());
    let found = std::net::ToSocketAddrs::to_socket_addrs(&(host.as_str(), 0))
        .map(|mut it| it.any(|sa| sa.ip() == ip))
        .unwrap_or(false);
    Ok(Value::Bool(found))
}

fn sleep(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let secs = arg(a, 0).as_f64();
    let start = std::time::Instant::now();
    if secs > 0.0 && secs.is_finite() {
        std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    }
    Ok(Value::Interval(start.elapsed().as_secs_f64()))
}

thread_local! {
    /// Per-pool (instance, counter) as in Zeek's calculate_unique_id.
    static UID_POOLS: RefCell<Vec<Option<(u64, u64)>>> = const { RefCell::new(Vec::new()) };
}

/// A 64-bit mix of (instance, counter) standing in for Zeek's keyed hash.
fn mix(instance: u64, counter: u64) -> u64 {
    let mut z = instance
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(counter)
        .wrapping_add(0x632B_E59B_D9B4_E019);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pool_instance(pool: usize) -> u64 {
    if std::env::var("ZEEK_SEED_FILE").is_ok_and(|s| !s.is_empty()) {
        return pool as u64;
    }
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    mix(t ^ u64::from(std::process::id()) << 32, pool as u64) | 1
}

fn calculate_unique_id(pool: usize) -> u64 {
    let pool = if pool < 10000 { pool } else { 1 };
    UID_POOLS.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() <= pool {
            p.resize(pool + 1, None);
        }
        let e = p[pool].get_or_insert_with(|| (pool_instance(pool), 0));
        e.1 += 1;
        mix(e.0, e.1)
    })
}

/// Zeek's uitoa_n in base 62: least significant digit first.
fn base62(mut v: u64, out: &mut String) {
    const DIG: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    loop {
        out.push(DIG[(v % 62) as usize] as char);
        v /= 62;
        if v == 0 {
            break;
        }
    }
}

/// A 96-bit UID (bits_per_uid's default) rendered as Zeek's UID::Base62.
fn uid(prefix: &[u8], pool: usize) -> Value {
    let hi = calculate_unique_id(pool) >> 32;
    let lo = calculate_unique_id(pool);
    let mut s = String::new();
    base62(hi, &mut s);
    base62(lo, &mut s);
    let mut out = prefix.to_vec();
    out.extend_from_slice(s.as_bytes());
    Value::Str(out.into())
}

fn unique_id(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    Ok(uid(str_arg(a, 0), 2))
}

fn unique_id_from(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let pool = arg(a, 0).as_i64().wrapping_add(10);
    Ok(uid(str_arg(a, 1), pool.max(0) as usize))
}

fn uuid_to_string(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let u = str_arg(a, 0);
    if u.len() != 16 {
        return Ok(Value::str("<Invalid UUID>"));
    }
    let time_low = u32::from_le_bytes([u[0], u[1], u[2], u[3]]);
    let time_mid = u16::from_le_bytes([u[4], u[5]]);
    let time_hi = u16::from_le_bytes([u[6], u[7]]);
    let node: String = u[10..].iter().map(|b| format!("{:02x}", b)).collect();
    Ok(Value::str(&format!(
        "{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{}",
        time_low, time_mid, time_hi, u[8], u[9], node
    )))
}
