//! Node configurations on the wire: a `Supervisor::NodeConfig` record becomes a JSON object keyed
//! by field name (so redef'd fields travel too) and back, and `NodeSpec` is the part of it the
//! stem and the node setup act on before any script runs.

use crate::runtime::describe::parse_port;
use crate::runtime::value::{Key, TableVal, Value};
use crate::types::Type;
use serde_json::{Map, Value as Json};

/// A record (or any value of the types a NodeConfig holds) as JSON.
pub fn to_json(v: &Value) -> Json {
    match v {
        Value::Void => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Count(c) => Json::from(*c),
        Value::Int(i) => Json::from(*i),
        Value::Double(d) | Value::Time(d) | Value::Interval(d) => Json::from(*d),
        Value::Str(_) => Json::String(v.as_str_lossy()),
        Value::Addr(a) => Json::String(crate::runtime::render::fmt_addr(a)),
        Value::Port(n, p) => Json::String(crate::runtime::describe::fmt_port(*n, *p)),
        Value::Enum(e, i) => Json::String(e.name_of(*i).unwrap_or_default()),
        Value::Record(r) => {
            let r = r.borrow();
            let mut m = Map::new();
            for (i, f) in r.ty.fields.borrow().iter().enumerate() {
                if let Some(fv) = r.get(i) {
                    m.insert(f.name.clone(), to_json(fv));
                }
            }
            Json::Object(m)
        }
        Value::Vector(vv) => Json::Array(vv.borrow().items.iter().map(to_json).collect()),
        Value::Table(t) => {
            let t = t.borrow();
            let mut m = Map::new();
            for (k, v) in t.map.iter() {
                let key = k
                    .parts()
                    .first()
                    .map(|p| p.as_str_lossy())
                    .unwrap_or_default();
                m.insert(key, to_json(&v));
            }
            Json::Object(m)
        }
        _ => Json::Null,
    }
}

/// Rebuild a value of type `ty` from `to_json`'s output (Void where the JSON does not fit).
pub fn from_json(j: &Json, ty: &Type) -> Value {
    match (ty, j) {
        (_, Json::Null) => Value::Void,
        (Type::Bool, Json::Bool(b)) => Value::Bool(*b),
        (Type::Count, Json::Number(n)) => n.as_u64().map(Value::Count).unwrap_or(Value::Void),
        (Type::Int, Json::Number(n)) => n.as_i64().map(Value::Int).unwrap_or(Value::Void),
        (Type::Double, Json::Number(n)) => Value::Double(n.as_f64().unwrap_or(0.0)),
        (Type::Interval, Json::Number(n)) => Value::Interval(n.as_f64().unwrap_or(0.0)),
        (Type::Time, Json::Number(n)) => Value::Time(n.as_f64().unwrap_or(0.0)),
        (Type::String, Json::String(s)) => Value::str(s),
        (Type::Addr, Json::String(s)) => crate::runtime::render::parse_addr(s)
            .map(Value::Addr)
            .unwrap_or(Value::Void),
        (Type::Port, Json::String(s)) => parse_port(s).unwrap_or(Value::Void),
        (Type::Enum(e), Json::String(s)) => {
            let found = e.names.borrow().iter().find(|(n, _)| n == s).map(|x| x.1);
            found
                .map(|i| Value::Enum(e.clone(), i))
                .unwrap_or(Value::Void)
        }
        (Type::Record(rt), Json::Object(m)) => {
            let fields = rt
                .fields
                .borrow()
                .iter()
                .map(|f| m.get(&f.name).map_or(Value::Void, |j| from_json(j, &f.ty)))
                .collect();
            Value::new_record(rt.clone(), fields)
        }
        (Type::Vector(elem), Json::Array(items)) => Value::new_vector(
            (**elem).clone(),
            items.iter().map(|j| from_json(j, elem)).collect(),
        ),
        (Type::Table(tt), Json::Object(m)) => {
            let mut t = TableVal::new(tt.clone());
            let yield_ty = tt.yield_ty.clone().unwrap_or(Type::Void);
            for (k, v) in m {
                t.map
                    .insert(Key::One(Value::str(k)), from_json(v, &yield_ty));
            }
            Value::new_table(t)
        }
        _ => Value::Void,
    }
}

/// What the stem and a new node need from a config, read from its JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSpec {
    pub name: String,
    pub directory: Option<String>,
    pub stdout_file: Option<String>,
    pub stderr_file: Option<String>,
    pub addl_base_scripts: Vec<String>,
    pub addl_user_scripts: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cpu_affinity: Option<i64>,
    pub has_cluster: bool,
}

impl NodeSpec {
    pub fn from_json(j: &Json) -> NodeSpec {
        let s = |k: &str| j.get(k).and_then(Json::as_str).map(String::from);
        let strings = |k: &str| -> Vec<String> {
            j.get(k)
                .and_then(Json::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Json::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let env = j
            .get("env")
            .and_then(Json::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default();
        NodeSpec {
            name: s("name").unwrap_or_default(),
            directory: s("directory"),
            stdout_file: s("stdout_file"),
            stderr_file: s("stderr_file"),
            addl_base_scripts: strings("addl_base_scripts"),
            addl_user_scripts: strings("addl_user_scripts"),
            env,
            cpu_affinity: j.get("cpu_affinity").and_then(Json::as_i64),
            has_cluster: j
                .get("cluster")
                .and_then(Json::as_object)
                .is_some_and(|m| !m.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_reads_the_fields_the_stem_needs() {
        let j: Json = serde_json::from_str(
            r#"{"name":"w1","directory":"d","env":{"A":"1"},"cpu_affinity":2,
                "addl_user_scripts":["x.zeek"],"cluster":{"w1":{"role":"Supervisor::WORKER"}}}"#,
        )
        .unwrap();
        let s = NodeSpec::from_json(&j);
        assert_eq!(s.name, "w1");
        assert_eq!(s.directory.as_deref(), Some("d"));
        assert_eq!(s.env, vec![("A".to_string(), "1".to_string())]);
        assert_eq!(s.cpu_affinity, Some(2));
        assert_eq!(s.addl_user_scripts, vec!["x.zeek".to_string()]);
        assert!(s.has_cluster);
        assert_eq!(s.stdout_file, None);
    }

    #[test]
    fn ports_keep_their_protocol() {
        assert!(matches!(parse_port("80/tcp"), Some(Value::Port(80, 1))));
        assert!(matches!(parse_port("53/udp"), Some(Value::Port(53, 2))));
        assert!(parse_port("x/tcp").is_none());
    }
}
