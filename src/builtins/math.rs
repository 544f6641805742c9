//! Math bifs.

use super::{arg, bif, Bif};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif("floor", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().floor()))
    }),
    bif("ceil", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().ceil()))
    }),
    bif("sqrt", "function(x: double): double", sqrt),
    bif("exp", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().exp()))
    }),
    bif("ln", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().ln()))
    }),
    bif("log2", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().log2()))
    }),
    bif("log10", "function(d: double): double", |_, a, _| {
        Ok(Value::Double(arg(a, 0).as_f64().log10()))
    }),
    bif(
        "pow",
        "function(x: double, y: double): double",
        |_, a, _| Ok(Value::Double(arg(a, 0).as_f64().powf(arg(a, 1).as_f64()))),
    ),
    bif(
        "haversine_distance",
        "function(lat1: double, long1: double, lat2: double, long2: double): double",
        haversine_distance,
    ),
    bif("rand", "function(max: count): count", rand),
    bif("srand", "function(seed: count): any", srand),
    bif("modulo", "function(a: int, b: int): int", modulo),
];

fn sqrt(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let x = arg(a, 0).as_f64();
    if x < 0.0 {
        super::report("negative sqrt argument", span);
        return Ok(Value::Double(-1.0));
    }
    Ok(Value::Double(x.sqrt()))
}

/// Great-circle distance in miles.
fn haversine_distance(_: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let pi = std::f64::consts::PI;
    let (lat1, long1) = (arg(a, 0).as_f64(), arg(a, 1).as_f64());
    let (lat2, long2) = (arg(a, 2).as_f64(), arg(a, 3).as_f64());
    let s1 = ((lat2 - lat1) * pi / 360.0).sin();
    let s2 = ((long2 - long1) * pi / 360.0).sin();
    let h = s1 * s1 + (lat1 * pi / 180.0).cos() * (lat2 * pi / 180.0).cos() * s2 * s2;
    Ok(Value::Double(2.0 * 3958.8 * h.sqrt().asin()))
}

/// Zeek's deterministic PRNG (a Lehmer generator, Schrage's method, 32-bit arithmetic).
fn prng(state: u64) -> u64 {
    const M: u32 = 2147483647;
    const A: u32 = 16807;
    const Q: u32 = M / A;
    const R: u32 = M % A;
    let rem = (state % u64::from(Q)) as u32;
    let div = (state / u64::from(Q)) as u32;
    let s = A.wrapping_mul(rem) as i32;
    let t = R.wrapping_mul(div) as i32;
    let mut res = s.wrapping_sub(t);
    if res < 0 {
        res = (res as u32).wrapping_add(M) as i32;
    }
    res as u32 as u64
}

fn rand(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    interp.rng_state = prng(interp.rng_state);
    let max = arg(a, 0).as_u64() as f64;
    let r = max * interp.rng_state as f64 / (2147483646.0 + 1.0);
    Ok(Value::Count(r as u64))
}

fn srand(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let seed = arg(a, 0).as_u64() as u32;
    interp.rng_state = if seed == 0 { 1 } else { u64::from(seed) };
    Ok(Value::Void)
}

fn modulo(_: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let (x, y) = (arg(a, 0).as_i64(), arg(a, 1).as_i64());
    if y == 0 {
        crate::diag::Diag::new(crate::diag::Level::Error, "modulo by zero", None).emit();
        let _ = span;
        return Ok(Value::Int(0));
    }
    Ok(Value::Int(
        x.wrapping_rem(y).wrapping_add(y).wrapping_rem(y),
    ))
}

/// The PRNG's starting state, as Zeek's init_random_seed: the first number of the file named by
/// `ZEEK_SEED_FILE` (deterministic mode), else entropy from the clock and process id.
pub fn initial_rng_state() -> u64 {
    let path = std::env::var("ZEEK_SEED_FILE").unwrap_or_default();
    if path.is_empty() {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos() ^ d.as_secs() as u32)
            .unwrap_or(1);
        let seed = t ^ std::process::id().rotate_left(16);
        return u64::from(seed.max(1));
    }
    let seed = std::fs::read_to_string(&path)
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u32>().ok());
    match seed {
        Some(0) => 1,
        Some(s) => u64::from(s),
        None => {
            let msg = format!("Could not load seeds from file '{}'.", path);
            crate::diag::Diag::new(crate::diag::Level::Fatal, msg, None).emit();
            std::process::exit(1);
        }
    }
}
