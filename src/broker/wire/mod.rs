//! Zeek's WebSocket API wire format (JSON v1): every Zeek value as a `{"@data-type", "data"}`
//! object, and events as Broker's `[format, type, [name, [args...]]]` vector inside a
//! `data-message` envelope with its topic.
//!
//! - `encode.rs`: values and events written as JSON text
//! - `decode.rs`: messages and events read from JSON text, `typed.rs` the values in them, with
//!   the visitors of `json.rs`

#[macro_use]
mod json;
mod decode;
mod encode;
mod typed;

pub use decode::{envelope, event};
pub use encode::event_message;

/// Broker's timespan text: an integer in the largest unit that divides it exactly.
pub fn timespan(secs: f64) -> String {
    let ns = (secs * 1e9).round() as i64;
    for (unit, div) in [("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000)] {
        if ns % div == 0 {
            return format!("{}{}", ns / div, unit);
        }
    }
    format!("{}ns", ns)
}

fn parse_timespan(s: &str) -> Option<f64> {
    let split = s.find(|c: char| c.is_ascii_alphabetic())?;
    let (n, unit) = s.split_at(split);
    let n: f64 = n.parse().ok()?;
    let scale = match unit {
        "ns" => 1e-9,
        "us" => 1e-6,
        "ms" => 1e-3,
        "s" => 1.0,
        "min" => 60.0,
        "h" => 3600.0,
        "d" => 86400.0,
        _ => return None,
    };
    Some(n * scale)
}

/// Broker's timestamp text: UTC, millisecond precision, no zone suffix.
pub fn timestamp(t: f64) -> String {
    let ms = (t * 1000.0).round() as i64;
    let (days, rem) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}",
        y,
        m,
        d,
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

fn parse_timestamp(s: &str) -> Option<f64> {
    let (date, time) = s.split_once('T')?;
    let mut d = date.splitn(3, '-').map(|x| x.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.splitn(3, ':');
    let (h, min): (f64, f64) = (t.next()?.parse().ok()?, t.next()?.parse().ok()?);
    let sec: f64 = t.next()?.parse().ok()?;
    Some(days_from_civil(y, m, day) as f64 * 86400.0 + h * 3600.0 + min * 60.0 + sec)
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::value::{FuncVal, Value};
    use crate::types::Type;
    use std::rc::Rc;

    #[test]
    fn timespans_use_the_largest_exact_unit() {
        assert_eq!(timespan(0.0), "0s");
        assert_eq!(timespan(1.5), "1500ms");
        assert_eq!(timespan(0.000001), "1us");
        assert_eq!(timespan(2.0), "2s");
        assert_eq!(parse_timespan("1500ms"), Some(1.5));
        assert_eq!(parse_timespan("3min"), Some(180.0));
    }

    #[test]
    fn timestamps_are_utc_with_milliseconds() {
        assert_eq!(timestamp(1404901004.0), "2014-07-09T10:16:44.000");
        assert_eq!(
            parse_timestamp("2014-07-09T10:16:44.250"),
            Some(1404901004.25)
        );
    }

    #[test]
    fn scalars_round_trip() {
        for (v, ty) in [
            (Value::Count(7), Type::Count),
            (Value::Int(-3), Type::Int),
            (Value::str("x\ny"), Type::String),
            (Value::Port(80, 1), Type::Port),
        ] {
            let mut text = String::new();
            encode::value(&mut text, &v);
            let back = typed::value(&text, &ty).unwrap();
            assert!(crate::runtime::value::key_eq(&v, &back));
        }
        let text = r#"{"@data-type": "count", "data": 1}"#;
        assert!(typed::value(text, &Type::String).is_none());
        // The tag may come after the data.
        let text = r#"{"data": -1, "x": [], "@data-type": "integer"}"#;
        assert!(matches!(
            typed::value(text, &Type::Int),
            Some(Value::Int(-1))
        ));
        // An `any` takes a scalar as its natural type, but not `none`.
        let text = r#"{"@data-type": "real", "data": 2}"#;
        assert!(matches!(typed::value(text, &Type::Any), Some(Value::Double(d)) if d == 2.0));
        let text = r#"{"@data-type": "none", "data": {}}"#;
        assert!(typed::value(text, &Type::Any).is_none());
        assert!(typed::value(text, &Type::Count).unwrap().is_void());
    }

    fn event_decl(name: &str, params: Vec<Type>) -> Rc<FuncVal> {
        let params = params
            .into_iter()
            .map(|ty| crate::types::ParamType {
                name: "p".into(),
                ty,
                default: None,
            })
            .collect();
        Rc::new(FuncVal {
            name: name.into(),
            ty: Rc::new(crate::types::FuncType {
                kind: crate::syntax::ast::FuncKind::Event,
                params,
                ret: Type::Void,
                varargs: false,
            }),
            imp: crate::runtime::value::FuncImpl::Script(Default::default()),
            captures: Default::default(),
        })
    }

    /// `event_message`'s layout around argument list `args` (JSON text).
    fn message(name: &str, args: &str) -> String {
        format!(
            r#"{{"type":"data-message","topic":"t","@data-type":"vector","data":[
            {{"@data-type":"count","data":1}},{{"@data-type":"count","data":1}},
            {{"@data-type":"vector","data":[{{"@data-type":"string","data":"{}"}},
            {{"@data-type":"vector","data":[{}]}}]}}]}}"#,
            name, args
        )
    }

    #[test]
    fn events_carry_name_and_arguments() {
        let ping = event_decl("ping", vec![Type::Count, Type::String]);
        let lookup = |n: &str| (n == "ping").then(|| ping.clone());
        let text = event_message("t", "ping", &[Value::Count(1), Value::str("a\"b")]);
        let (f, args) = event(&text, lookup).unwrap();
        assert_eq!(f.name, "ping");
        assert!(matches!(args[..], [Value::Count(1), Value::Str(ref s)] if &s[..] == b"a\"b"));
        let env = envelope(&text).unwrap();
        assert_eq!(env.kind.as_deref(), Some("data-message"));
        assert_eq!(env.topic.as_deref(), Some("t"));
    }

    #[test]
    fn refusals_say_why() {
        let ping = event_decl("ping", vec![Type::Count, Type::String]);
        let lookup = |n: &str| (n == "ping").then(|| ping.clone());
        let count = r#"{"@data-type":"count","data":1}"#;
        let string = r#"{"@data-type":"string","data":"s"}"#;
        let refusal = |text: &str| event(text, lookup).err().unwrap();
        assert_eq!(
            refusal(r#"{"type":"data-message","data":[1,2]}"#),
            "data-message does not carry an event"
        );
        assert_eq!(
            refusal(&message("pong", count)),
            "received unknown remote event 'pong'"
        );
        // A wrong count is reported before a wrong type.
        assert_eq!(
            refusal(&message("ping", &[string, string, string].join(","))),
            "failed to process remote event 'ping': expected 2 arguments, got 3"
        );
        assert_eq!(
            refusal(&message("ping", &[count, count].join(","))),
            "failed to process remote event 'ping': argument 2 is not a string"
        );
        assert!(event(&message("ping", &[count, string].join(",")), lookup).is_ok());
        // Not JSON, or not an object: no envelope, or an empty one.
        assert!(envelope("{not json").is_none());
        assert!(envelope("[1]").unwrap().kind.is_none());
    }
}
