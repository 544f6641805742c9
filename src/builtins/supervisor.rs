//! The `Supervisor::__*` builtins behind base/frameworks/supervisor: node creation, restart,
//! destruction and status in the supervisor, and a node's view of its own configuration.

use super::{bif, report, Bif};
use crate::runtime::value::{Key, TableVal, Value};
use crate::runtime::{Interp, RResult};
use crate::supervisor::host::Host;
use crate::supervisor::{self as sup, config, Role};
use crate::syntax::ast::Span;
use crate::types::Type;

pub const BIFS: &[Bif] = &[
    bif(
        "Supervisor::__status",
        "function(node: string): Supervisor::Status",
        status,
    ),
    bif(
        "Supervisor::__create",
        "function(node: Supervisor::NodeConfig): string",
        create,
    ),
    bif(
        "Supervisor::__destroy",
        "function(node: string): bool",
        destroy,
    ),
    bif(
        "Supervisor::__restart",
        "function(node: string): bool",
        restart,
    ),
    bif(
        "Supervisor::__is_supervised",
        "function(): bool",
        is_supervised,
    ),
    bif(
        "Supervisor::__is_supervisor",
        "function(): bool",
        is_supervisor,
    ),
    bif(
        "Supervisor::__node",
        "function(): Supervisor::NodeConfig",
        node,
    ),
    bif("Supervisor::__stem_pid", "function(): int", stem_pid),
];

const NOT_ENABLED: &str = "supervisor mode not enabled";

fn create(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let Some(host) = interp.supervisor.as_deref_mut() else {
        report(NOT_ENABLED, span);
        return Ok(Value::str(NOT_ENABLED));
    };
    let cfg = &a[0];
    let field = |n: &str| -> Option<Value> {
        let Value::Record(r) = cfg else { return None };
        let r = r.borrow();
        r.ty.field_index(n).and_then(|i| r.get(i).cloned())
    };
    let name = field("name").map(|v| v.as_str_lossy()).unwrap_or_default();
    let problem = if name.is_empty() {
        Some("node names must not be an empty string".to_string())
    } else if name.contains(' ') {
        Some(format!("node names must not contain spaces: '{}'", name))
    } else if host.nodes.contains_key(&name) {
        Some(format!("node with name '{}' already exists", name))
    } else if field("interface").is_some() && field("pcap_file").is_some() {
        Some(format!(
            "node with name '{}' has interface and pcap_file set",
            name
        ))
    } else if let Some(dir) = field("directory").map(|d| d.as_str_lossy()) {
        std::fs::create_dir_all(&dir)
            .err()
            .map(|_| format!("failed to create working directory {}\n", dir))
    } else {
        None
    };
    if let Some(p) = problem {
        return Ok(Value::str(&p));
    }
    host.create(&name, config::to_json(cfg).to_string());
    Ok(Value::str(""))
}

fn destroy(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    on_node(interp, a, span, Host::destroy)
}

fn restart(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    on_node(interp, a, span, Host::restart)
}

/// `destroy`/`restart` of the node named by the first argument ("" for all), in a supervisor.
fn on_node(
    interp: &mut Interp,
    a: &[Value],
    span: Span,
    act: fn(&mut Host, &str) -> bool,
) -> RResult<Value> {
    let name = super::lossy(a, 0);
    match interp.supervisor.as_deref_mut() {
        Some(h) => Ok(Value::Bool(act(h, &name))),
        None => {
            report(NOT_ENABLED, span);
            Ok(Value::Bool(false))
        }
    }
}

fn status(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let (Some(Type::Record(st)), Some(Type::Record(ns)), Some(cfg_ty)) = (
        crate::types::named_type("Supervisor::Status"),
        crate::types::named_type("Supervisor::NodeStatus"),
        crate::types::named_type("Supervisor::NodeConfig"),
    ) else {
        return Ok(Value::Void);
    };
    let nodes_ty = match st.fields.borrow().first().map(|f| f.ty.clone()) {
        Some(Type::Table(t)) => t,
        _ => return Ok(Value::Void),
    };
    let mut table = TableVal::new(nodes_ty);
    let Some(host) = interp.supervisor.as_deref() else {
        report(NOT_ENABLED, span);
        return Ok(Value::new_record(st, vec![Value::new_table(table)]));
    };
    let wanted = super::lossy(a, 0);
    for (name, n) in &host.nodes {
        if !wanted.is_empty() && *name != wanted {
            continue;
        }
        let json = serde_json::from_str(&n.json).unwrap_or_default();
        let cfg = config::from_json(&json, &cfg_ty);
        let pid = n.pid.map(Value::Int).unwrap_or(Value::Void);
        let rec = Value::new_record(ns.clone(), vec![cfg, pid]);
        table.map.set(Key::One(Value::str(name)), rec);
    }
    Ok(Value::new_record(st, vec![Value::new_table(table)]))
}

fn is_supervised(_: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(matches!(sup::role(), Role::Node { .. })))
}

fn is_supervisor(interp: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::Bool(interp.supervisor.is_some()))
}

fn node(_: &mut Interp, _: &[Value], span: Span) -> RResult<Value> {
    let Some(Type::Record(rt)) = crate::types::named_type("Supervisor::NodeConfig") else {
        return Ok(Value::Void);
    };
    match sup::role() {
        Role::Node { json, .. } => {
            let j = serde_json::from_str(json).unwrap_or_default();
            Ok(config::from_json(&j, &Type::Record(rt)))
        }
        _ => {
            report("not a supervised process", span);
            let n = rt.len();
            Ok(Value::new_record(rt, vec![Value::Void; n]))
        }
    }
}

fn stem_pid(interp: &mut Interp, _: &[Value], span: Span) -> RResult<Value> {
    if let Some(h) = interp.supervisor.as_deref() {
        return Ok(Value::Int(h.stem_pid()));
    }
    match sup::role() {
        Role::Node { stem_pid, .. } => Ok(Value::Int(*stem_pid as i64)),
        _ => {
            report(
                "supervisor mode not enabled and not a supervised node",
                span,
            );
            Ok(Value::Int(-1))
        }
    }
}
