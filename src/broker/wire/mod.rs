//! Zeek's WebSocket API wire format (JSON v1): every Zeek value as a `{"@data-type", "data"}`
//! object, and events as Broker's `[format, type, [name, [args...]]]` vector inside a
//! `data-message` envelope with its topic.
//!
//! - `encode.rs`: values and events written as JSON text

mod encode;

pub use encode::event_message;

use crate::runtime::value::{Key, TableVal, Value};
use crate::types::Type;
use serde_json::Value as Json;

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

/// JSON v1 data as a value of type `ty`; None when it does not fit the type.
pub fn decode(j: &Json, ty: &Type) -> Option<Value> {
    let tag = j.get("@data-type")?.as_str()?;
    let data = j.get("data")?;
    Some(match (ty, tag) {
        (Type::Any, _) => return decode_any(j),
        (_, "none") => Value::Void,
        (Type::Bool, "boolean") => Value::Bool(data.as_bool()?),
        (Type::Count, "count") => Value::Count(data.as_u64()?),
        (Type::Int, "integer") => Value::Int(data.as_i64()?),
        (Type::Int, "count") => Value::Int(i64::try_from(data.as_u64()?).ok()?),
        (Type::Double, "real") => Value::Double(data.as_f64()?),
        (Type::String, "string") => Value::str(data.as_str()?),
        (Type::Addr, "address") => Value::Addr(crate::runtime::render::parse_addr(data.as_str()?)?),
        (Type::Subnet, "subnet") => {
            let (a, l) = data.as_str()?.split_once('/')?;
            let len: u8 = l.parse().ok()?;
            let a = crate::runtime::render::parse_addr(a)?;
            let bits = if crate::runtime::render::is_v4(&a) {
                len.checked_add(96)?
            } else {
                len
            };
            Value::Subnet(crate::runtime::render::mask_addr(&a, bits), bits)
        }
        (Type::Port, "port") => crate::runtime::describe::parse_port(data.as_str()?)?,
        (Type::Interval, "timespan") => Value::Interval(parse_timespan(data.as_str()?)?),
        (Type::Time, "timestamp") => Value::Time(parse_timestamp(data.as_str()?)?),
        (Type::Enum(e), "enum-value") => {
            let name = data.as_str()?;
            Value::Enum(e.clone(), e.value_of(name)?)
        }
        (Type::Record(rt), "vector") => {
            let items = data.as_array()?;
            let fields = rt.fields.borrow().clone();
            if items.len() > fields.len() {
                return None;
            }
            let mut vals = Vec::with_capacity(fields.len());
            for (i, f) in fields.iter().enumerate() {
                let v = match items.get(i) {
                    Some(j) => decode(j, &f.ty)?,
                    None => Value::Void,
                };
                if v.is_void() && !f.optional && f.default.is_none() {
                    return None;
                }
                vals.push(v);
            }
            Value::new_record(rt.clone(), vals)
        }
        (Type::Vector(elem), "vector") => Value::new_vector(
            (**elem).clone(),
            data.as_array()?
                .iter()
                .map(|j| decode(j, elem))
                .collect::<Option<_>>()?,
        ),
        (Type::Table(tt), "set" | "table") => decode_table(data.as_array()?, tt, tag == "set")?,
        _ => return None,
    })
}

fn decode_table(
    items: &[Json],
    tt: &std::rc::Rc<crate::types::TableType>,
    set: bool,
) -> Option<Value> {
    if set != tt.is_set() {
        return None;
    }
    let mut t = TableVal::new(tt.clone());
    let key_of = |j: &Json| -> Option<Key> {
        if tt.index.len() == 1 {
            return Some(Key::One(decode(j, &tt.index[0])?));
        }
        let parts = j.get("data")?.as_array()?;
        if parts.len() != tt.index.len() {
            return None;
        }
        let vals: Option<Vec<Value>> = parts
            .iter()
            .zip(&tt.index)
            .map(|(p, t)| decode(p, t))
            .collect();
        Some(Key::from_vec(vals?))
    };
    for item in items {
        if set {
            t.map.insert(key_of(item)?, Value::Bool(true));
        } else {
            let yt = tt.yield_ty.clone().unwrap_or(Type::Any);
            t.map
                .insert(key_of(item.get("key")?)?, decode(item.get("value")?, &yt)?);
        }
    }
    Some(Value::new_table(t))
}

/// Data of no declared type (an `any` parameter): the natural Zeek type of each tag.
fn decode_any(j: &Json) -> Option<Value> {
    let ty = match j.get("@data-type")?.as_str()? {
        "boolean" => Type::Bool,
        "count" => Type::Count,
        "integer" => Type::Int,
        "real" => Type::Double,
        "string" => Type::String,
        "address" => Type::Addr,
        "subnet" => Type::Subnet,
        "port" => Type::Port,
        "timespan" => Type::Interval,
        "timestamp" => Type::Time,
        _ => return None,
    };
    decode(j, &ty)
}

/// The event name and raw arguments of a `data-message`, if it carries an event.
pub fn event_of(msg: &Json) -> Option<(&str, &[Json])> {
    let parts = msg.get("data")?.as_array()?;
    let ev = parts.get(2)?.get("data")?.as_array()?;
    let name = ev.first()?.get("data")?.as_str()?;
    let args = ev.get(1)?.get("data")?.as_array()?;
    Some((name, args))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let j: Json = serde_json::from_str(&text).unwrap();
            let back = decode(&j, &ty).unwrap();
            assert!(crate::runtime::value::key_eq(&v, &back));
        }
        let j = serde_json::json!({"@data-type": "count", "data": 1});
        assert!(decode(&j, &Type::String).is_none());
    }

    #[test]
    fn events_carry_name_and_arguments() {
        let m = serde_json::from_str(&event_message("t", "ping", &[Value::Count(1)])).unwrap();
        let (name, args) = event_of(&m).unwrap();
        assert_eq!(name, "ping");
        assert_eq!(
            args,
            vec![serde_json::json!({"@data-type": "count", "data": 1})]
        );
    }
}
