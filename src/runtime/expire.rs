//! Table expiration (`&create_expire`, `&read_expire`, `&write_expire`, `&expire_func`): entries
//! remember when they were created, read or written, and every `table_expire_interval` the run
//! loop removes those that are due (or asks the expire function for more time). As in Zeek, this
//! happens only while the wall-clock loop runs (`exit_only_after_terminate`), not at shutdown.

use super::value::{Key, TableVal, Value};
use super::{Interp, RResult};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpireKind {
    Create,
    Read,
    Write,
}

#[derive(Debug)]
pub struct Expiry {
    pub kind: ExpireKind,
    pub after: f64,
    pub func: Option<Value>,
    /// The attributes whose interval is evaluated again on each pass, if it can be.
    pub again: Option<Rc<crate::ir::TableAttrs>>,
    /// When each entry's clock last started (creation, read or write, per `kind`), by the
    /// entry's serialized key (keys hold shared mutable values, so they can't be map keys).
    pub touched: HashMap<Vec<u8>, (Key, f64)>,
}

impl TableVal {
    /// Record an access to `key` for expiration (`write` false for reads).
    #[inline]
    pub fn touch(&mut self, key: &Key, write: bool) {
        if self.expire.is_some() {
            self.touch_expiring(key, write);
        }
    }

    fn touch_expiring(&mut self, key: &Key, write: bool) {
        let Some(e) = self.expire.as_mut() else {
            return;
        };
        let now = super::events::now();
        let id = super::table::key_bytes_of(key);
        match (e.kind, write) {
            (ExpireKind::Create, true) => {
                e.touched.entry(id).or_insert((key.clone(), now));
            }
            (ExpireKind::Write, true) | (ExpireKind::Read, _) => {
                e.touched.insert(id, (key.clone(), now));
            }
            _ => {}
        }
    }
}

impl Interp {
    /// Give a table its expiration attributes; existing entries start their clocks now.
    pub fn set_expiry(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        kind: ExpireKind,
        after: f64,
        func: Option<Value>,
        again: Option<Rc<crate::ir::TableAttrs>>,
    ) {
        let now = super::events::now();
        let touched = t
            .borrow()
            .map
            .keys()
            .map(|k| (super::table::key_bytes_of(&k), (k, now)))
            .collect();
        t.borrow_mut().expire = Some(Expiry {
            kind,
            after,
            func,
            again,
            touched,
        });
        self.expiring.push(Rc::downgrade(t));
    }

    /// Expire every due entry of every table with expiration attributes.
    pub fn expire_tables(&mut self) {
        let now = super::events::now();
        self.expiring.retain(|w| w.strong_count() > 0);
        let tables: Vec<Weak<RefCell<TableVal>>> = self.expiring.clone();
        for t in tables.iter().filter_map(|w| w.upgrade()) {
            if let Err(super::Unwind::Error(d)) = self.expire_table(&t, now) {
                d.emit();
            }
        }
    }

    fn expire_table(&mut self, t: &Rc<RefCell<TableVal>>, now: f64) -> RResult<()> {
        if !self.refresh_interval(t) {
            return Ok(());
        }
        // Due entries in the table's own iteration order, as Zeek walks the table.
        let due: Vec<Key> = {
            let tb = t.borrow();
            let Some(e) = &tb.expire else { return Ok(()) };
            tb.map
                .keys()
                .filter(|k| {
                    let at = e
                        .touched
                        .get(&super::table::key_bytes_of(k))
                        .map(|(_, at)| *at);
                    at.is_some_and(|at| now - at >= e.after)
                })
                .collect()
        };
        for key in due {
            if !t.borrow().map.contains_key(&key) {
                if let Some(e) = t.borrow_mut().expire.as_mut() {
                    e.touched.remove(&super::table::key_bytes_of(&key));
                }
                continue;
            }
            let func = t.borrow().expire.as_ref().and_then(|e| e.func.clone());
            let more = match func {
                Some(Value::Func(f)) => {
                    let mut args = vec![Value::Table(t.clone())];
                    args.extend(key.parts().iter().cloned());
                    self.call(&f, args, crate::syntax::ast::Span::default())?
                        .as_f64()
                }
                _ => 0.0,
            };
            self.expire_entry(t, key, more, now)?;
        }
        Ok(())
    }

    /// Evaluates the table's interval again (Zeek does on every pass); a negative interval,
    /// or one that fails to evaluate, switches expiration off for good. Whether it is still on.
    fn refresh_interval(&mut self, t: &Rc<RefCell<TableVal>>) -> bool {
        let (again, mut after) = match &t.borrow().expire {
            Some(e) => (e.again.clone(), e.after),
            None => return false,
        };
        if let Some(attrs) = again {
            let Some((_, x)) = &attrs.expire else {
                return true;
            };
            after = match self.run_frame(0, |it| it.eval(x)) {
                Ok(v) => v.as_f64(),
                Err(_) => -1.0,
            };
        }
        let mut tb = t.borrow_mut();
        if after < 0.0 {
            tb.expire = None;
            return false;
        }
        if let Some(e) = tb.expire.as_mut() {
            e.after = after;
        }
        true
    }

    /// Remove an expired entry, or keep it `more` seconds longer.
    fn expire_entry(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        key: Key,
        more: f64,
        now: f64,
    ) -> RResult<()> {
        if more > 0.0 {
            if let Some(e) = t.borrow_mut().expire.as_mut() {
                let after = e.after;
                e.touched
                    .insert(super::table::key_bytes_of(&key), (key, now - after + more));
            }
            return Ok(());
        }
        let has_on_change = t.borrow().on_change.is_some();
        if has_on_change {
            let old = t.borrow().map.get(&key);
            self.on_change(t, &key, "TABLE_ELEMENT_EXPIRED", old)?;
        }
        let mut tb = t.borrow_mut();
        tb.discard(&key);
        if let Some(e) = tb.expire.as_mut() {
            e.touched.remove(&super::table::key_bytes_of(&key));
        }
        Ok(())
    }
}

/// Whether `e` reads nothing but globals and constants, so it can be evaluated outside the
/// frame the table was made in. Anything unusual counts as not.
pub fn only_globals(e: &crate::ir::Expr) -> bool {
    use crate::ir::ExprKind as K;
    match &e.kind {
        K::Const(_) | K::Global(_) => true,
        K::Neg(x) | K::Coerce(x, _) => only_globals(x),
        K::Shared(x) => only_globals(x),
        K::Binary(_, a, b) => only_globals(a) && only_globals(b),
        _ => false,
    }
}
