//! `global_ids()`: every script-level identifier (globals, enum names, modules) with its type,
//! flags, value and attributes.

use super::Bif;
use crate::runtime::value::{Key, TableVal, Value};
use crate::runtime::{Interp, RResult};
use crate::syntax::ast::Span;
use crate::types::{IdMeta, Type};

pub const BIFS: &[Bif] = &[super::bif("global_ids", "function(): id_table", global_ids)];

/// One `script_id` record.
fn script_id(type_name: String, meta: &IdMeta, enum_constant: bool, value: Value) -> Value {
    let Some(rt) = crate::types::named_record("script_id") else {
        return Value::Void;
    };
    let attrs = if meta.attrs.is_empty() {
        Value::Void
    } else {
        let attr_rt = crate::types::named_record("script_id_attr");
        let items = meta
            .attrs
            .iter()
            .filter_map(|(name, expr)| {
                let fields = vec![
                    Value::str(name),
                    expr.as_deref().map_or(Value::Void, Value::str),
                ];
                attr_rt.clone().map(|rt| Value::new_record(rt, fields))
            })
            .collect();
        Value::new_vector(attr_rt.map_or(Type::Any, Type::Record), items)
    };
    let fields = vec![
        Value::str(&type_name),
        Value::Bool(meta.exported),
        Value::Bool(meta.constant),
        Value::Bool(enum_constant),
        Value::Bool(meta.option),
        Value::Bool(meta.redef),
        Value::Bool(false),
        value,
        attrs,
    ];
    Value::new_record(rt, fields)
}

fn global_ids(interp: &mut Interp, _: &[Value], span: Span) -> RResult<Value> {
    let Some(Type::Table(tt)) = crate::types::named_type("id_table") else {
        return Ok(Value::Void);
    };
    let mut out = TableVal::new(tt);
    if interp.in_global_init {
        // Zeek cannot describe the identifiers while it is still reading the scripts.
        super::report("top-level global_ids() call unsupported", span);
        return Ok(Value::new_table(out));
    }
    // Inserted in name order, as Zeek walks its global scope.
    let mut entries: Vec<(String, Value)> = Vec::new();
    for (name, slot) in crate::types::global_slots() {
        let value = interp
            .globals
            .get(slot as usize)
            .cloned()
            .unwrap_or_default();
        let meta = crate::types::id_meta(&name).unwrap_or_default();
        let type_name = match &value {
            Value::Void | Value::Func(_) if !meta.type_name.is_empty() => meta.type_name.clone(),
            v => crate::runtime::eval::value_type_name(v),
        };
        entries.push((name, script_id(type_name, &meta, false, value)));
    }
    for (name, value) in crate::types::enum_constants() {
        let meta = IdMeta {
            constant: true,
            ..Default::default()
        };
        let type_name = crate::runtime::eval::value_type_name(&value);
        entries.push((name, script_id(type_name, &meta, true, value)));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    for (name, rec) in entries {
        out.map.set(Key::One(Value::str(&name)), rec);
    }
    for module in crate::types::module_names() {
        let rec = script_id("module".into(), &IdMeta::default(), false, Value::Void);
        out.map
            .set(Key::One(Value::str(&format!("module {module}"))), rec);
    }
    Ok(Value::new_table(out))
}
