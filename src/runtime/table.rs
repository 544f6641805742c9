//! The storage behind tables and sets: Zeek's own dictionary (`zeekdict`), so iteration follows
//! Zeek's hash order (or insertion order for `&ordered`). Keys are serialized and hashed as Zeek
//! does, with the process-wide seed from `ZEEK_SEED_FILE` (random otherwise, as in Zeek).

use super::value::{Key, RecordVal, Value};
use super::zeekdict::{self, Field, KeyPart, Seed, TableElem, ZeekDict};
use std::cell::{Cell, Ref, RefCell};

thread_local! {
    static SEED: Seed = match std::env::var("ZEEK_SEED_FILE") {
        Ok(p) if !p.is_empty() => Seed::from_file(&p).unwrap_or_else(|_| Seed::random()),
        _ => Seed::random(),
    };
}

fn seed() -> Seed {
    SEED.with(|s| *s)
}

/// A table's entries in Zeek's iteration order. Lookups may move entries (Zeek's incremental
/// remap), hence the RefCell inside an otherwise shared-reference API. `set` and `discard`
/// are applied a little later (zeekdict's write-behind); every read applies them first.
pub struct KeyMap {
    dict: RefCell<ZeekDict<Key, Value>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            dict: RefCell::new(ZeekDict::new(false)),
        }
    }
}

impl Clone for KeyMap {
    fn clone(&self) -> Self {
        KeyMap {
            dict: RefCell::new(self.settled().copy()),
        }
    }
}

impl std::fmt::Debug for KeyMap {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "KeyMap({} entries)", self.len())
    }
}

/// A key's serialized bytes (equal keys, equal bytes).
pub fn key_bytes_of(k: &Key) -> Vec<u8> {
    with_hashed(k, |b, _| b.to_vec())
}

/// Runs `f` on a key's serialized bytes and hash. The common single-index keys are serialized
/// directly (the same bytes as `key_bytes`) without allocating.
#[inline]
fn with_hashed<R>(k: &Key, f: impl FnOnce(&[u8], u64) -> R) -> R {
    let hash = |b: &[u8]| zeekdict::hash_key(&seed(), b);
    match k {
        Key::One(Value::Count(c)) => {
            let b = c.to_le_bytes();
            f(&b, hash(&b))
        }
        Key::One(Value::Int(i)) => {
            let b = i.to_le_bytes();
            f(&b, hash(&b))
        }
        Key::One(Value::Str(s)) => f(s, hash(s)),
        _ => {
            let parts: Vec<KeyPart> = k.parts().iter().map(key_part).collect();
            let b = zeekdict::key_bytes(&parts);
            f(&b, hash(&b))
        }
    }
}

impl KeyMap {
    pub fn ordered() -> KeyMap {
        KeyMap {
            dict: RefCell::new(ZeekDict::new(true)),
        }
    }

    /// The dictionary for reading, with waiting writes applied.
    fn settled(&self) -> Ref<'_, ZeekDict<Key, Value>> {
        if self.dict.borrow().has_pending() {
            self.dict.borrow_mut().settle();
        }
        self.dict.borrow()
    }

    pub fn len(&self) -> usize {
        self.settled().len()
    }

    pub fn get(&self, k: &Key) -> Option<Value> {
        with_hashed(k, |b, h| self.dict.borrow_mut().get(b, h).cloned())
    }

    pub fn contains_key(&self, k: &Key) -> bool {
        with_hashed(k, |b, h| self.dict.borrow_mut().contains(b, h))
    }

    /// `get` of a count or int key `n` (given as its bits) from a lookup site that remembers
    /// its keys (see `StrideHint`).
    pub fn get_number(&self, n: u64, hint: &StrideHint) -> Option<Value> {
        self.hinted(n, hint, |d, b, h| d.get(b, h).map(Value::fast_clone))
    }

    /// `contains_key` of a count or int key `n` from a lookup site that remembers its keys.
    pub fn contains_number(&self, n: u64, hint: &StrideHint) -> bool {
        self.hinted(n, hint, |d, b, h| d.contains(b, h))
    }

    /// Runs `op` on the key `n` (a count or int, whose bytes are its 8 little-endian bytes),
    /// after asking the hint whether to start loading the slot of the key it expects next.
    fn hinted<R>(
        &self,
        n: u64,
        hint: &StrideHint,
        op: impl FnOnce(&mut ZeekDict<Key, Value>, &[u8], u64) -> R,
    ) -> R {
        let mut dict = self.dict.borrow_mut();
        let hash = hint.hash_of(n);
        // Slots of a small table stay in the cache anyway.
        if dict.slots_exceed(SLOTS_WORTH_HINTING) {
            if let Some(next) = hint.advance(n) {
                dict.prefetch_hash(next);
            }
        }
        op(&mut dict, &n.to_le_bytes(), hash)
    }

    /// `t[k] = v`: whether `k` is new.
    pub fn insert(&mut self, k: Key, v: Value) -> bool {
        self.store(k, v, ZeekDict::insert)
    }

    /// `t[k] = v` when nobody needs to know whether `k` was new: applied a little later.
    pub fn set(&mut self, k: Key, v: Value) {
        self.store(k, v, ZeekDict::insert_later)
    }

    /// `set` of a count or int key whose bits are `n`: hashed without looking at `k`.
    pub fn set_number(&mut self, n: u64, k: Key, v: Value) {
        let hash = zeekdict::hash_key(&seed(), &n.to_le_bytes());
        self.dict
            .get_mut()
            .insert_later(&n.to_le_bytes(), hash, k, v);
    }

    /// `discard` of a count or int key whose bits are `n`.
    pub fn discard_number(&mut self, n: u64) {
        let hash = zeekdict::hash_key(&seed(), &n.to_le_bytes());
        self.dict.get_mut().remove_later(&n.to_le_bytes(), hash);
    }

    /// `insert` returning the value it replaced.
    pub fn replace(&mut self, k: Key, v: Value) -> Option<Value> {
        self.store(k, v, ZeekDict::replace)
    }

    /// Stores `k` (in its recovered form) with `v` through `op`, given the key's bytes and hash.
    #[inline]
    fn store<R>(
        &mut self,
        k: Key,
        v: Value,
        op: impl FnOnce(&mut ZeekDict<Key, Value>, &[u8], u64, Key, Value) -> R,
    ) -> R {
        let k = recovered_key(k);
        let dict = self.dict.get_mut();
        // The bytes may borrow from the key, which moves into the entry: probe with a copy
        // (a reference-count increment at most).
        let probe = k.clone();
        with_hashed(&probe, |b, h| op(dict, b, h, k, v))
    }

    /// `delete t[k]` when nobody needs to know whether `k` was there: applied a little later.
    pub fn discard(&mut self, k: &Key) {
        let dict = self.dict.get_mut();
        with_hashed(k, |b, h| dict.remove_later(b, h))
    }

    /// Removes `k`, returning its value.
    pub fn take(&mut self, k: &Key) -> Option<Value> {
        let dict = self.dict.get_mut();
        with_hashed(k, |b, h| dict.take(b, h))
    }

    pub fn clear(&mut self) {
        self.dict.get_mut().clear();
    }

    /// Entries in iteration order (a snapshot, so callers may modify the table meanwhile).
    pub fn entries(&self) -> Vec<(Key, Value)> {
        let dict = self.settled();
        dict.iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// Shows `f` the first entry at iteration position `pos` or later; returns that position
    /// (see `ZeekDict::next_from`).
    pub fn visit_from(&self, pos: usize, f: impl FnOnce(&Key, &Value)) -> Option<usize> {
        let dict = self.settled();
        let (at, e) = dict.next_from(pos, |e| warm(&e.key))?;
        f(&e.key, &e.value);
        Some(at)
    }

    /// Entries in iteration order, by value.
    pub fn iter(&self) -> std::vec::IntoIter<(Key, Value)> {
        self.entries().into_iter()
    }

    pub fn keys(&self) -> std::vec::IntoIter<Key> {
        let keys: Vec<Key> = self.settled().iter().map(|e| e.key.clone()).collect();
        keys.into_iter()
    }

    pub fn values(&self) -> std::vec::IntoIter<Value> {
        let vals: Vec<Value> = self.settled().iter().map(|e| e.value.clone()).collect();
        vals.into_iter()
    }

    /// A script loop is walking the table.
    pub fn in_loop(&self) -> bool {
        self.dict.borrow().iterating()
    }

    /// While a script loop runs over the table, Zeek does not remap it.
    pub fn begin_iteration(&self) {
        self.dict.borrow_mut().begin_iteration();
    }

    pub fn end_iteration(&self) {
        self.dict.borrow_mut().end_iteration();
    }
}

/// Slots (8 bytes each) from which a table's slot array outgrows a core's own cache.
const SLOTS_WORTH_HINTING: usize = 1 << 16;

/// What one lookup site (`t[i]`, `i in t`) remembers of its count or int keys, to make loops
/// that walk keys in steps (`t[i * 7]` for i = 0, 1, 2, ...) as cache-friendly as Python's
/// dict, whose integer hash keeps such keys side by side. Zeek's order forces SipHash
/// placement, which scatters them, so each lookup of a large table would wait for memory:
/// once two steps agree, the site hashes the next key in the series and starts loading its
/// slot, and the next lookup reuses that hash. A wrong guess costs one hash; no guess is made
/// for keys that do not step evenly.
#[derive(Default)]
pub struct StrideHint {
    last: Cell<u64>,
    step: Cell<u64>,
    /// The key guessed to come next, and its hash.
    guess: Cell<Option<(u64, u64)>>,
}

impl StrideHint {
    fn hash_of(&self, n: u64) -> u64 {
        match self.guess.get() {
            Some((g, h)) if g == n => h,
            _ => zeekdict::hash_key(&seed(), &n.to_le_bytes()),
        }
    }

    /// Records `n`; returns the hash of the key expected next when the last two steps agree.
    fn advance(&self, n: u64) -> Option<u64> {
        let step = n.wrapping_sub(self.last.get());
        let steady = step == self.step.get();
        self.last.set(n);
        self.step.set(step);
        let guess = steady.then(|| {
            let next = n.wrapping_add(step);
            (next, zeekdict::hash_key(&seed(), &next.to_le_bytes()))
        });
        self.guess.set(guess);
        guess.map(|(_, h)| h)
    }
}

/// Zeek hands out index values recreated from their hash keys, and a set or table inside an
/// index comes back rebuilt: a fresh table filled in serialized order (by 32-bit hash, key
/// size, key bytes), which can iterate differently from the value inserted (SPEC §5). Keys are
/// stored in that recovered form, so loops and printing show Zeek's order.
#[inline]
fn recovered_key(k: Key) -> Key {
    if !k.parts().iter().any(holds_table) {
        return k;
    }
    Key::from_vec(k.parts().iter().map(recovered_value).collect())
}

fn holds_table(v: &Value) -> bool {
    match v {
        Value::Table(_) => true,
        Value::Record(r) => r.borrow().fields.iter().any(holds_table),
        Value::Vector(x) => x.borrow().items.iter().any(holds_table),
        _ => false,
    }
}

/// `v` as Zeek recovers it from a hash key: nested tables rebuilt, records and vectors copied.
fn recovered_value(v: &Value) -> Value {
    match v {
        Value::Table(t) => {
            let t = t.borrow();
            let seed = seed();
            let mut elems: Vec<(u64, Vec<u8>, Key, Value)> = t
                .map
                .entries()
                .into_iter()
                .map(|(k, v)| {
                    let k = recovered_key(k);
                    let bytes = key_bytes_of(&k);
                    (
                        zeekdict::sort_hash(&seed, &bytes),
                        bytes,
                        k,
                        recovered_value(&v),
                    )
                })
                .collect();
            elems.sort_by(|a, b| zeekdict::serialized_order((a.0, &a.1), (b.0, &b.1)));
            let mut out = super::value::TableVal::new(t.ty.clone());
            for (_, _, k, v) in elems {
                out.map.set(k, v);
            }
            Value::new_table(out)
        }
        Value::Record(r) if holds_table(v) => {
            let r = r.borrow();
            let fields = r.fields.iter().map(recovered_value).collect();
            let copy = Value::new_record(r.ty.clone(), fields);
            if let Value::Record(c) = &copy {
                c.borrow_mut().anonymous = r.anonymous;
            }
            copy
        }
        Value::Vector(x) if holds_table(v) => {
            let x = x.borrow();
            Value::new_vector(
                x.elem.clone(),
                x.items.iter().map(recovered_value).collect(),
            )
        }
        _ => v.clone(),
    }
}

/// Starts loading the heap block a key's reference count lives in: a loop's copy of the key
/// increments it, and in Zeek's order those blocks are visited at random.
fn warm(k: &Key) {
    let data = match k {
        Key::One(Value::Str(s)) => s.as_ptr(),
        Key::Many(parts) => parts.as_ptr() as *const u8,
        _ => return,
    };
    // The counts sit just before the data.
    zeekdict::prefetch_addr(data.wrapping_sub(2 * std::mem::size_of::<usize>()));
}

/// How a value takes part in an index key.
fn key_part(v: &Value) -> KeyPart {
    match v {
        Value::Bool(b) => KeyPart::Bool(*b),
        Value::Count(c) => KeyPart::Count(*c),
        Value::Int(i) => KeyPart::Int(*i),
        Value::Double(d) => KeyPart::Double(*d),
        Value::Time(d) => KeyPart::Time(*d),
        Value::Interval(d) => KeyPart::Interval(*d),
        Value::Str(s) => KeyPart::Str(s.to_vec()),
        Value::Addr(a) => KeyPart::Addr(*a),
        Value::Subnet(a, l) => {
            let width = if super::render::is_v4(a) {
                l.saturating_sub(96)
            } else {
                *l
            };
            KeyPart::Subnet(*a, width)
        }
        Value::Port(n, p) => KeyPart::Port(*n, *p),
        Value::Enum(_, i) => KeyPart::Enum(*i),
        Value::Pattern(p) => pattern_part(&p.text),
        Value::Record(r) => KeyPart::Record(record_fields(&r.borrow())),
        Value::Vector(x) => KeyPart::Vector(
            x.borrow()
                .items
                .iter()
                .map(|i| (!i.is_void()).then(|| key_part(i)))
                .collect(),
        ),
        Value::Table(t) => {
            let s = seed();
            let t = t.borrow();
            let set = t.ty.is_set();
            let elems = t
                .map
                .entries()
                .iter()
                .map(|(k, v)| {
                    let index = k.parts().iter().map(key_part).collect();
                    TableElem::new(&s, index, (!set).then(|| key_part(v)))
                })
                .collect();
            KeyPart::Table(elems)
        }
        Value::Func(_) => KeyPart::Func(0),
        _ => KeyPart::Count(0),
    }
}

fn record_fields(r: &RecordVal) -> Vec<Field> {
    r.ty.fields
        .borrow()
        .iter()
        .enumerate()
        .map(|(i, f)| Field {
            value: r.get(i).map(key_part),
            optional: f.is_optional(),
        })
        .collect()
}

/// A pattern hashes as its two matcher texts, recovered from the printed form.
fn pattern_part(text: &str) -> KeyPart {
    let (inner, ci) = match text.strip_prefix("(?i:").and_then(|t| t.strip_suffix(')')) {
        Some(t) => (t, true),
        None => (text, false),
    };
    match inner
        .strip_prefix("^?(")
        .and_then(|t| t.strip_suffix(")$?"))
    {
        Some(src) => KeyPart::pattern(src, ci),
        None => KeyPart::Pattern {
            exact: text.as_bytes().to_vec(),
            anywhere: text.as_bytes().to_vec(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_hash(n: u64) -> u64 {
        zeekdict::hash_key(&seed(), &n.to_le_bytes())
    }

    /// A site guesses only after two equal steps, guesses the next key in the series, and a
    /// guess (right or wrong) never changes the hash a lookup uses.
    #[test]
    fn a_stride_hint_guesses_after_two_equal_steps() {
        let h = StrideHint::default();
        assert_eq!(h.advance(10), None);
        assert_eq!(h.advance(17), None);
        assert_eq!(h.advance(24), Some(count_hash(31)));
        assert_eq!(h.hash_of(31), count_hash(31));
        assert_eq!(h.advance(31), Some(count_hash(38)));
        assert_eq!(h.hash_of(40), count_hash(40));
        assert_eq!(h.advance(40), None);
        // Downward steps wrap like the int keys they stand for.
        let d = StrideHint::default();
        for n in [6u64, 3, 0] {
            d.advance(n);
        }
        assert_eq!(d.hash_of(u64::MAX - 2), count_hash((-3i64) as u64));
    }

    /// Lookups through a hint find what plain lookups find, in a table large enough to guess.
    #[test]
    fn hinted_lookups_agree_with_plain_ones() {
        let mut m = KeyMap::default();
        for i in 0..70_000u64 {
            m.set(Key::One(Value::Count(i * 3)), Value::Count(i));
        }
        let (get, has) = (StrideHint::default(), StrideHint::default());
        for i in 0..70_000u64 {
            let k = i * 2 + i % 5;
            let plain = m.get(&Key::One(Value::Count(k))).map(|v| v.as_u64());
            assert_eq!(m.get_number(k, &get).map(|v| v.as_u64()), plain);
            assert_eq!(m.contains_number(k, &has), plain.is_some());
        }
    }

    /// The direct serialization of common keys must equal the general one.
    #[test]
    fn fast_key_bytes_match_general_serialization() {
        for v in [Value::Count(7), Value::Int(-3), Value::str("key")] {
            let k = Key::One(v.clone());
            let general = zeekdict::key_bytes(&[key_part(&v)]);
            assert_eq!(key_bytes_of(&k), general);
        }
    }
}
