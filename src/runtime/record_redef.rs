//! `redef record R += {...}` reaching values that already exist, as in Zeek: records of type R
//! made while loading (reachable from globals) get the new fields, set to their evaluated
//! `&default` or left unset, and tables whose index holds an R (directly or nested) are rebuilt,
//! so their keys hash with the new fields and lookups with new records find them.

use super::table::{key_bytes_of, KeyMap};
use super::value::{RecordVal, TableVal, Value};
use super::{Interp, RResult};
use crate::types::{RecordType, Type};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

type Shared<T> = Rc<RefCell<T>>;

impl Interp {
    /// Called after `rt` gained fields: brings existing records and tables up to date.
    pub fn extend_existing_records(&mut self, rt: &Rc<RecordType>) -> RResult<()> {
        let (records, tables) = self.reachable_users(rt);
        let fields = rt.fields.borrow().clone();
        for r in records {
            let have = r.borrow().fields.len();
            for f in fields.iter().skip(have) {
                let v = match &f.default {
                    Some(d) => self.run_frame(0, |it| it.eval(d))?,
                    None => Value::Void,
                };
                r.borrow_mut().fields.push(v);
            }
        }
        for t in tables {
            rebuild(&mut t.borrow_mut());
        }
        Ok(())
    }

    /// Records of type `rt`, and tables whose index types hold it, reachable from the globals.
    fn reachable_users(
        &self,
        rt: &Rc<RecordType>,
    ) -> (Vec<Shared<RecordVal>>, Vec<Shared<TableVal>>) {
        let (mut records, mut tables) = (Vec::new(), Vec::new());
        let mut seen: HashSet<usize> = HashSet::new();
        // An explicit stack: values can nest (and loop) arbitrarily deep.
        let mut todo: Vec<Value> = self.globals.clone();
        while let Some(v) = todo.pop() {
            match &v {
                Value::Record(r) if seen.insert(Rc::as_ptr(r) as usize) => {
                    let rb = r.borrow();
                    if Rc::ptr_eq(&rb.ty, rt) {
                        records.push(r.clone());
                    }
                    todo.extend(rb.fields.iter().cloned());
                }
                Value::Vector(x) if seen.insert(Rc::as_ptr(x) as usize) => {
                    todo.extend(x.borrow().items.iter().cloned());
                }
                Value::Table(t) if seen.insert(Rc::as_ptr(t) as usize) => {
                    let tb = t.borrow();
                    if tb
                        .ty
                        .index
                        .iter()
                        .any(|i| holds_record(i, rt, &mut Vec::new()))
                    {
                        tables.push(t.clone());
                    }
                    for (k, v) in tb.map.iter() {
                        todo.extend(k.parts().iter().cloned());
                        todo.push(v);
                    }
                }
                _ => {}
            }
        }
        (records, tables)
    }
}

/// Whether values of type `t` can hold a record of type `rt`.
fn holds_record(t: &Type, rt: &Rc<RecordType>, seen: &mut Vec<*const RecordType>) -> bool {
    match t {
        Type::Record(r) => {
            if Rc::ptr_eq(r, rt) {
                return true;
            }
            if seen.contains(&Rc::as_ptr(r)) {
                return false;
            }
            seen.push(Rc::as_ptr(r));
            let fields = r.fields.borrow();
            fields.iter().any(|f| holds_record(&f.ty, rt, seen))
        }
        Type::Table(tt) => tt
            .index
            .iter()
            .chain(tt.yield_ty.as_ref())
            .any(|p| holds_record(p, rt, seen)),
        Type::Vector(e) | Type::Alias(_, e) => holds_record(e, rt, seen),
        _ => false,
    }
}

/// Re-inserts a table's entries in their order, so each key is hashed as it now is.
fn rebuild(t: &mut TableVal) {
    let entries = t.map.entries();
    t.map = if t.ordered {
        KeyMap::ordered()
    } else {
        KeyMap::default()
    };
    for (k, v) in entries {
        t.map.set(k, v);
    }
    // Expiration clocks are kept by key bytes, which changed too.
    if let Some(e) = t.expire.as_mut() {
        let clocks = std::mem::take(&mut e.touched);
        e.touched = clocks
            .into_values()
            .map(|(k, at)| (key_bytes_of(&k), (k, at)))
            .collect();
    }
}
