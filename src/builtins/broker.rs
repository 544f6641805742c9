//! The `Broker::__*` builtins behind base/frameworks/broker (listen, peer, subscribe, publish),
//! and `Broker::publish`/`Cluster::publish`, which take an event and its arguments.

use super::{bif, lossy, vbif, Bif};
use crate::broker::{wire, Broker};
use crate::runtime::value::Value;
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;

pub const BIFS: &[Bif] = &[
    bif(
        "Broker::__listen",
        "function(a: string, p: port, retry: interval): port",
        listen,
    ),
    bif(
        "Broker::__peer",
        "function(a: string, p: port, retry: interval): bool",
        peer,
    ),
    bif(
        "Broker::__unpeer",
        "function(a: string, p: port): bool",
        unpeer,
    ),
    bif(
        "Broker::__subscribe",
        "function(topic_prefix: string): bool",
        subscribe,
    ),
    bif(
        "Broker::__unsubscribe",
        "function(topic_prefix: string): bool",
        unsubscribe,
    ),
    bif("Broker::__node_id", "function(): string", node_id),
    bif(
        "Cluster::__listen_websocket",
        "function(a: string, p: port): bool",
        listen_websocket,
    ),
    vbif("Broker::publish", "function(): bool", publish),
    vbif(
        "Broker::make_event",
        "function(): Broker::Event",
        make_event,
    ),
    vbif("Cluster::publish", "function(): bool", publish),
];

fn broker(interp: &mut Interp) -> &mut Broker {
    interp.broker.get_or_insert_with(Default::default).as_mut()
}

fn port_arg(a: &[Value], i: usize) -> u16 {
    match super::arg(a, i) {
        Value::Port(n, _) => *n as u16,
        _ => 0,
    }
}

fn listen(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (addr, port) = (lossy(a, 0), port_arg(a, 1));
    match broker(interp).listen(&addr, port, false) {
        Ok(bound) => Ok(Value::Port(u32::from(bound), 1)),
        Err(e) => {
            super::error_noloc(format!("Failed to listen on {}:{} ({})", addr, port, e));
            let retry = super::arg(a, 2).as_f64();
            if retry > 0.0 {
                broker(interp).retry_listen(&addr, port, retry);
            }
            Ok(Value::Port(0, 1))
        }
    }
}

fn listen_websocket(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (addr, port) = (lossy(a, 0), port_arg(a, 1));
    match broker(interp).listen(&addr, port, true) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) => {
            super::error_noloc(format!(
                "Failed to listen for WebSocket clients on {}:{} ({})",
                addr, port, e
            ));
            Ok(Value::Bool(false))
        }
    }
}

fn peer(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let retry = super::arg(a, 2).as_f64();
    let (addr, port) = (lossy(a, 0), port_arg(a, 1));
    broker(interp).peer(&addr, port, retry);
    Ok(Value::Bool(true))
}

fn unpeer(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let (addr, port) = (lossy(a, 0), port_arg(a, 1));
    Ok(Value::Bool(broker(interp).unpeer(&addr, port)))
}

fn subscribe(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let topic = lossy(a, 0);
    broker(interp).subscribe(&topic);
    Ok(Value::Bool(true))
}

fn unsubscribe(interp: &mut Interp, a: &[Value], _: Span) -> RResult<Value> {
    let topic = lossy(a, 0);
    Ok(Value::Bool(broker(interp).unsubscribe(&topic)))
}

fn node_id(interp: &mut Interp, _: &[Value], _: Span) -> RResult<Value> {
    Ok(Value::str(&broker(interp).id))
}

/// `publish(topic, event, args...)` or `publish(topic, make_event(...))`: the event goes to every
/// peer that should see `topic`.
fn publish(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let topic = lossy(a, 0);
    let msg = match a.get(1) {
        Some(Value::Func(f)) => wire::event_message(&topic, &f.name, &a[2..]),
        Some(Value::Record(r)) => {
            let r = r.borrow();
            let name = r.get(0).map(|v| v.as_str_lossy()).unwrap_or_default();
            let args = match r.get(1) {
                Some(Value::Vector(v)) => v.borrow().items.clone(),
                _ => Vec::new(),
            };
            wire::event_message(&topic, &name, &args)
        }
        _ => {
            let msg = "Broker::publish requires an event as its second argument";
            super::report(msg, span);
            return Ok(Value::Bool(false));
        }
    };
    broker(interp).publish(msg, &topic);
    Ok(Value::Bool(true))
}

/// `make_event(event, args...)`: an event to publish later, as a `Broker::Event` record.
fn make_event(interp: &mut Interp, a: &[Value], span: Span) -> RResult<Value> {
    let Some(Value::Func(f)) = a.first() else {
        let msg = "Broker::make_event requires an event as its first argument";
        super::report(msg, span);
        return Ok(Value::Void);
    };
    let args = Value::new_vector(crate::types::Type::Any, a[1..].to_vec());
    let fields = vec![Value::str(&f.name), args];
    Ok(super::ret_record(interp, "Broker::make_event", fields))
}
