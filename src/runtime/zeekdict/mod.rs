//! Zeek's table/set iteration order: SipHash-2-4 keyed from the seed, CompositeHash key bytes and
//! the clustered open-addressing `zeek::Dictionary`, ported from shared/docs/hash-order (SPEC.md,
//! reference model zeekorder.py). This file is the dictionary itself; hash.rs (seed, SipHash),
//! keys.rs (key serialization), layout.rs (entry and slot storage), robust.rs (robust iteration).
// Tables use this storage (src/runtime/table.rs). Robust iteration (for table expiration) and the
// set-algebra helpers are exercised by the tests only until expiration and `&`/`-=` move here.
#![cfg_attr(not(test), allow(dead_code))]

mod deferred;
mod hash;
mod keys;
mod layout;
mod robust;
#[cfg(test)]
mod tests;

use deferred::Deferred;
#[cfg(test)]
use hash::siphash24;
pub use hash::{hash_key, read_seed_words, Seed};
pub use keys::{key_bytes, serialized_order, sort_hash, Field, KeyPart, TableElem};
use layout::*;
pub use layout::{prefetch_addr, Entry};
use robust::Robust;
#[cfg(test)]
use robust::RobustId;
use std::collections::VecDeque;

// ---------------------------------------------------------------------------------------------
// The dictionary (SPEC §4)
// ---------------------------------------------------------------------------------------------

const REMAP_ENTRIES: usize = 16;
const LOAD_FACTOR_100: usize = 75;
const MIN_LOAD_FACTOR_100: usize = 25;
const SPACE_DISTANCE_THRESHOLD: usize = 32;
const MIN_SPACE_DISTANCE_SAMPLES: usize = 128;
const THRESHOLD_BITS: u32 = 3;

/// zeek::Dictionary: iteration order is ascending slot order, or first-insertion order when
/// `ordered` (`&ordered`). Keys are caller objects `K` placed by their serialized bytes and hash.
#[derive(Clone, Debug)]
pub struct ZeekDict<K, V> {
    log2: u32,
    /// Empty until the first insert (Zeek allocates lazily); then exactly `capacity()` long.
    slots: Vec<PackedSlot>,
    entries: Vec<Option<Entry<K, V>>>,
    free: Vec<u32>,
    /// Number of SizeUps whose remap is still in progress.
    remaps: u32,
    /// The next slot the incremental remap examines; -1 when no remap is pending.
    remap_end: isize,
    n: usize,
    sd_sum: usize,
    sd_samples: usize,
    /// Live iterators: while > 0 no remap step runs (SPEC §5).
    iterators: u32,
    /// Robust iterators (table expiration), indexed by `RobustId`; `None` = ended.
    robust: Vec<Option<Robust>>,
    /// Entry ids in first-insertion order, `None` for removed ones (compacted when sparse).
    order: Option<Vec<Option<u32>>>,
    /// Inserts and removals not yet applied (see deferred.rs): every other operation applies
    /// them first, so nothing can tell they were late.
    pending: VecDeque<Deferred<K, V>>,
}

impl<K, V> ZeekDict<K, V> {
    pub fn new(ordered: bool) -> ZeekDict<K, V> {
        ZeekDict {
            log2: 0,
            slots: Vec::new(),
            entries: Vec::new(),
            free: Vec::new(),
            remaps: 0,
            remap_end: -1,
            n: 0,
            sd_sum: 0,
            sd_samples: 0,
            iterators: 0,
            robust: Vec::new(),
            order: ordered.then(Vec::new),
            pending: VecDeque::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.assert_settled();
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_ordered(&self) -> bool {
        self.order.is_some()
    }

    /// A script loop is walking the dictionary.
    pub fn iterating(&self) -> bool {
        self.iterators > 0
    }

    /// A script-level iterator (`for`, print) is alive: remap steps are suspended until
    /// `end_iteration`, so lookups and inserts inside a loop do not move entries.
    pub fn begin_iteration(&mut self) {
        self.settle();
        self.iterators += 1;
    }

    pub fn end_iteration(&mut self) {
        self.settle();
        self.iterators = self.iterators.saturating_sub(1);
        // Zeek does not resume the remap here; the next insert does.
    }

    fn capacity(&self) -> usize {
        self.slots.len()
    }

    fn occupied(&self, i: usize) -> bool {
        !self.slots[i].is_empty()
    }

    fn slot(&self, i: usize) -> Slot {
        self.slots[i].get().expect("occupied slot")
    }

    /// BucketByPosition for an occupied slot.
    fn bucket_at(&self, i: usize) -> usize {
        i - self.slot(i).dist as usize
    }

    fn entry(&self, id: u32) -> &Entry<K, V> {
        self.entries[id as usize].as_ref().expect("live entry")
    }

    fn entry_mut(&mut self, id: u32) -> &mut Entry<K, V> {
        self.entries[id as usize].as_mut().expect("live entry")
    }

    fn threshold(&self) -> usize {
        let c = self.capacity();
        if self.log2 <= THRESHOLD_BITS {
            c
        } else {
            c * LOAD_FACTOR_100 / 100
        }
    }

    /// First slot after bucket `b`'s cluster (and any overhang of earlier buckets).
    fn end_by_bucket(&self, b: usize) -> usize {
        let mut i = b;
        while i < self.capacity() && self.occupied(i) && self.bucket_at(i) <= b {
            i += 1;
        }
        i
    }

    /// Last slot of the cluster containing occupied slot `p`.
    fn tail_by_pos(&self, p: usize) -> usize {
        let b = self.bucket_at(p);
        let mut i = p;
        while i < self.capacity() && self.occupied(i) && self.bucket_at(i) == b {
            i += 1;
        }
        i - 1
    }

    // --- lookup ------------------------------------------------------------------------------

    /// Scans bucket `begin`'s cluster below `end`: `Ok(slot)` if found, else `Err(insert pos)`.
    fn lookup_range(
        &self,
        bytes: &[u8],
        h32: u32,
        begin: usize,
        end: usize,
    ) -> Result<usize, usize> {
        let end = end.min(self.capacity());
        let mut i = begin;
        while i < end && self.occupied(i) && self.bucket_at(i) <= begin {
            let s = self.slot(i);
            if self.bucket_at(i) == begin
                && s.frag == frag_of(h32)
                && self.entry(s.id).bytes.equals(bytes)
            {
                return Ok(i);
            }
            i += 1;
        }
        Err(i)
    }

    /// Finds `bytes` in the current geometry, then in the geometries of pending remaps; an entry
    /// found in an old geometry is remapped right away unless an iterator is alive (SPEC §4).
    fn lookup_index(&mut self, bytes: &[u8], h32: u32) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let b = bucket_of(h32, self.log2);
        let ip = match self.lookup_range(bytes, h32, b, self.capacity()) {
            Ok(p) => return Ok(p),
            Err(ip) => ip,
        };
        for i in 1..=self.remaps.min(self.log2) {
            let pb = bucket_of(h32, self.log2 - i);
            if (pb as isize) > self.remap_end {
                continue;
            }
            let end = self.remap_end as usize + 1;
            if let Ok(p) = self.lookup_range(bytes, h32, pb, end) {
                if self.iterators == 0 {
                    return Ok(self.remap_one(p).unwrap_or(p));
                }
                return Ok(p);
            }
        }
        Err(ip)
    }

    /// Slot of `bytes` without side effects (never remaps; for callers holding `&self`).
    fn find(&self, bytes: &[u8], h32: u32) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let b = bucket_of(h32, self.log2);
        if let Ok(p) = self.lookup_range(bytes, h32, b, self.capacity()) {
            return Some(p);
        }
        (1..=self.remaps.min(self.log2)).find_map(|i| {
            let pb = bucket_of(h32, self.log2 - i);
            let end = (self.remap_end + 1).max(0) as usize;
            self.lookup_range(bytes, h32, pb, end).ok()
        })
    }

    /// `k in t` / `t[k]`: a Zeek lookup, which may advance a pending remap.
    pub fn get(&mut self, bytes: &[u8], hash: u64) -> Option<&V> {
        self.settle();
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        Some(&self.entry(self.slot(p).id).value)
    }

    pub fn get_mut(&mut self, bytes: &[u8], hash: u64) -> Option<&mut V> {
        self.settle();
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        let id = self.slot(p).id;
        Some(&mut self.entry_mut(id).value)
    }

    /// Like `get` but returns the whole entry (the caller's key object too).
    pub fn get_entry(&mut self, bytes: &[u8], hash: u64) -> Option<&Entry<K, V>> {
        self.settle();
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        Some(self.entry(self.slot(p).id))
    }

    /// Whether the slot array is longer than `n`.
    pub fn slots_exceed(&self, n: usize) -> bool {
        self.capacity() > n
    }

    /// Starts loading the slot a lookup of a key with this hash would read first.
    pub fn prefetch_hash(&self, hash: u64) {
        if let Some(s) = self.slots.get(bucket_of(hash as u32, self.log2)) {
            prefetch(s);
        }
    }

    pub fn contains(&mut self, bytes: &[u8], hash: u64) -> bool {
        self.settle();
        self.lookup_index(bytes, hash as u32).is_ok()
    }

    /// A read that leaves the layout alone (not a Zeek operation: use for internal reads such as
    /// printing a value, where Zeek would not perform a lookup at all).
    pub fn peek(&self, bytes: &[u8], hash: u64) -> Option<&Entry<K, V>> {
        self.assert_settled();
        let p = self.find(bytes, hash as u32)?;
        Some(self.entry(self.slot(p).id))
    }

    // --- insert ------------------------------------------------------------------------------

    #[inline]
    fn alloc_entry(&mut self, e: Entry<K, V>) -> u32 {
        match self.free.pop() {
            Some(id) => {
                self.entries[id as usize] = Some(e);
                id
            }
            None => {
                self.entries.push(Some(e));
                (self.entries.len() - 1) as u32
            }
        }
    }

    /// `t[k] = v` / `add s[k]`: whether the key is new. An existing key keeps its position (and
    /// its stored key object); its old value is dropped in place.
    pub fn insert(&mut self, bytes: &[u8], hash: u64, key: K, value: V) -> bool {
        self.settle();
        self.upsert(bytes, hash, key, value, |old, new| *old = new)
            .is_none()
    }

    /// `insert` that hands back the replaced value (for `&on_change`).
    pub fn replace(&mut self, bytes: &[u8], hash: u64, key: K, value: V) -> Option<V> {
        self.settle();
        self.upsert(bytes, hash, key, value, std::mem::replace)
    }

    /// Zeek's Insert; `existing` stores the value over an existing key's.
    #[inline]
    fn upsert<R>(
        &mut self,
        bytes: &[u8],
        hash: u64,
        key: K,
        value: V,
        existing: impl FnOnce(&mut V, V) -> R,
    ) -> Option<R> {
        let h32 = hash as u32;
        if self.slots.is_empty() {
            self.allocate_slots();
        }
        let result = match self.lookup_index(bytes, h32) {
            Ok(p) => {
                let id = self.slot(p).id;
                Some(existing(&mut self.entry_mut(id).value, value))
            }
            Err(ip) => {
                self.insert_new(Entry::new(bytes, h32, key, value), ip);
                None
            }
        };
        self.after_insert();
        result
    }

    /// The first insert allocates the slots (Zeek allocates lazily).
    fn allocate_slots(&mut self) {
        self.slots = vec![PackedSlot::EMPTY; (1usize << self.log2) + self.log2 as usize];
    }

    /// Zeek's Insert of a ready-made entry (a deferred one): an existing key keeps its entry and
    /// takes the new value.
    fn upsert_entry(&mut self, e: Entry<K, V>) {
        match self.lookup_index(e.bytes.as_slice(), e.h32) {
            Ok(p) => {
                let id = self.slot(p).id;
                self.entry_mut(id).value = e.value;
            }
            Err(ip) => self.insert_new(e, ip),
        }
        self.after_insert();
    }

    /// An insert's remap step.
    #[inline]
    fn after_insert(&mut self) {
        if self.remap_end >= 0 {
            self.remap();
        }
    }

    fn insert_new(&mut self, mut e: Entry<K, V>, ip: usize) {
        let h32 = e.h32;
        e.order_pos = self.order.as_ref().map_or(0, |o| o.len() as u32);
        let id = self.alloc_entry(e);
        if let Some(o) = &mut self.order {
            o.push(Some(id));
        }
        let dist = (ip - bucket_of(h32, self.log2)) as u32;
        let frag = frag_of(h32);
        let last = self.insert_and_relocate(Slot { frag, dist, id }, ip);
        let moved = self.slot(last).id;
        self.robust_adjust_on_insert(moved, ip, last);
        self.sd_sum += last - ip;
        self.sd_samples += 1;
        // An eviction chain that carried an unremapped entry past remap_end must not hide it.
        if self.remap_end >= 0 && ip as isize <= self.remap_end && self.remap_end < last as isize {
            self.remap_end = last as isize;
        }
        self.n += 1;
        if self.n > self.threshold() || self.too_spread() {
            self.size_up();
        }
    }

    /// The secondary SizeUp trigger: many inserts that each displaced long chains.
    fn too_spread(&self) -> bool {
        self.sd_samples > MIN_SPACE_DISTANCE_SAMPLES
            && self.sd_sum > self.sd_samples * SPACE_DISTANCE_THRESHOLD
            && self.n > MIN_LOAD_FACTOR_100 * self.capacity() / 100
    }

    /// Puts `s` at `p`; an occupant (head of a later cluster) moves to its cluster's end, and so
    /// on. Running off the table grows it. Returns the last slot written.
    fn insert_and_relocate(&mut self, mut s: Slot, mut p: usize) -> usize {
        loop {
            if p >= self.capacity() {
                self.size_up();
                self.slots[p] = PackedSlot::new(s);
                return p;
            }
            let Some(mut t) = self.slots[p].get() else {
                self.slots[p] = PackedSlot::new(s);
                return p;
            };
            let next = self.tail_by_pos(p) + 1;
            t.dist += (next - p) as u32;
            self.slots[p] = PackedSlot::new(s);
            s = t;
            p = next;
        }
    }

    // --- remove ------------------------------------------------------------------------------

    /// `delete t[k]`: whether the key was there. The entry is dropped where it lies (moving
    /// it out first, only to drop it, costs more than the rest of a removal).
    pub fn remove(&mut self, bytes: &[u8], hash: u64) -> bool {
        self.settle();
        self.remove_now(bytes, hash)
    }

    fn remove_now(&mut self, bytes: &[u8], hash: u64) -> bool {
        let Some(id) = self.unlink(bytes, hash) else {
            return false;
        };
        self.entries[id as usize] = None;
        self.free.push(id);
        true
    }

    /// `remove` that hands back the removed value (for `&on_change`).
    pub fn take(&mut self, bytes: &[u8], hash: u64) -> Option<V> {
        self.settle();
        let id = self.unlink(bytes, hash)?;
        let e = self.entries[id as usize].take();
        self.free.push(id);
        e.map(|e| e.value)
    }

    /// Zeek's Remove, up to freeing the entry: returns its id, for the caller to empty.
    fn unlink(&mut self, bytes: &[u8], hash: u64) -> Option<u32> {
        let p = self.lookup_index(bytes, hash as u32).ok()?;
        let (s, last) = self.remove_and_relocate(p);
        self.robust_adjust_on_remove(s.id, p, last);
        self.n -= 1;
        let order_pos = self.entry(s.id).order_pos;
        self.forget_order(order_pos as usize);
        Some(s.id)
    }

    fn forget_order(&mut self, pos: usize) {
        let Some(order) = &mut self.order else { return };
        order[pos] = None;
        // Compact once mostly tombstones, so iteration stays O(n).
        if order.len() > 32 && order.len() > 2 * self.n {
            let ids: Vec<u32> = order.iter().flatten().copied().collect();
            for (i, id) in ids.iter().enumerate() {
                self.entries[*id as usize].as_mut().unwrap().order_pos = i as u32;
            }
            self.order = Some(ids.into_iter().map(Some).collect());
        }
    }

    /// Frees slot `p` and closes the gap: the tail of each following cluster moves left.
    /// Returns the removed slot and the slot that ended up empty.
    fn remove_and_relocate(&mut self, mut p: usize) -> (Slot, usize) {
        let removed = self.slot(p);
        loop {
            let stop =
                p + 1 == self.capacity() || self.slots[p + 1].get().is_none_or(|s| s.dist == 0);
            if stop {
                self.slots[p] = PackedSlot::EMPTY;
                return (removed, p);
            }
            let next = self.tail_by_pos(p + 1);
            let mut m = self.slot(next);
            m.dist -= (next - p) as u32;
            self.slots[p] = PackedSlot::new(m);
            p = next;
        }
    }

    // --- growth and remap --------------------------------------------------------------------

    /// Doubles the buckets; existing entries stay put and are moved by the incremental remap.
    fn size_up(&mut self) {
        let prev = self.capacity();
        self.log2 += 1;
        self.slots.resize(
            (1usize << self.log2) + self.log2 as usize,
            PackedSlot::EMPTY,
        );
        self.remap_end = prev as isize;
        self.remaps += 1;
        self.sd_sum = 0;
        self.sd_samples = 0;
        // Robust iterators that were past the old end stay past the new end.
        let cap = self.capacity() as isize;
        for r in self.robust.iter_mut().flatten() {
            if r.next >= prev as isize {
                r.next = cap;
            }
        }
    }

    /// One remap step: up to 16 moves, scanning slots downward from `remap_end`.
    fn remap(&mut self) {
        if self.iterators > 0 {
            return;
        }
        let mut left = REMAP_ENTRIES;
        while self.remap_end >= 0 && left > 0 {
            let p = self.remap_end as usize;
            if self.occupied(p) && self.remap_one(p).is_some() {
                // Same slot again: something else shifted into it.
                left -= 1;
            } else {
                self.remap_end -= 1;
            }
        }
        if self.remap_end < 0 {
            self.remaps = 0;
        }
    }

    /// Moves the entry at `p` to its bucket in the current geometry; `None` if already there.
    fn remap_one(&mut self, p: usize) -> Option<usize> {
        let cur = self.bucket_at(p);
        let want = self.bucket_now(p, cur);
        if cur == want {
            return None;
        }
        let (mut s, _) = self.remove_and_relocate(p);
        let ip = self.end_by_bucket(want);
        s.dist = (ip - want) as u32;
        self.insert_and_relocate(s, ip);
        Some(ip)
    }

    /// The bucket, in the current geometry, of the entry at `p` whose bucket was `cur` in the
    /// geometry it was placed in.
    fn bucket_now(&self, p: usize, cur: usize) -> usize {
        let s = self.slot(p);
        // Every entry still awaiting a remap was placed with at least this many bucket bits.
        let oldest = self.log2.saturating_sub(self.remaps);
        if oldest < FRAG_SHIFT || self.log2 > 32 {
            return bucket_of(self.entry(s.id).h32, self.log2);
        }
        let low = cur as u64 & ((1 << FRAG_SHIFT) - 1);
        let product = (s.frag as u64) << FRAG_SHIFT | low;
        (product & ((1u64 << self.log2) - 1)) as usize
    }

    // --- iteration and whole-table operations ------------------------------------------------

    /// Entries in Zeek's iteration order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.assert_settled();
        Iter { dict: self, pos: 0 }
    }

    /// The first entry at iteration position `pos` or later, with its position: a cursor for
    /// loops that run script code between steps and so cannot hold a borrow. Like Zeek's own
    /// loop iterator it walks the live table, so changes the body makes are seen (Zeek warns
    /// about them as possible invalidation). `warm` is shown entries a little ahead of the
    /// cursor, already in the cache, to start loading what they point to.
    pub fn next_from(
        &self,
        pos: usize,
        warm: impl Fn(&Entry<K, V>),
    ) -> Option<(usize, &Entry<K, V>)> {
        self.assert_settled();
        let (at, id) = match &self.order {
            Some(o) => o
                .get(pos..)?
                .iter()
                .enumerate()
                .find_map(|(i, id)| Some((i, (*id)?)))?,
            None => {
                let slots = self.slots.get(pos..)?;
                slots
                    .iter()
                    .enumerate()
                    .find_map(|(i, s)| Some((i, s.get()?.id)))?
            }
        };
        let at = pos + at;
        // Entries sit in insertion order but are visited in slot order, so each visit would
        // wait for memory: fetch those a few positions ahead while the caller works. The windows
        // move by as much as the cursor did, so every position is fetched once.
        let window = |ahead: usize| pos + ahead..at + 1 + ahead;
        for id in self.ids_in(window(PREFETCH_AHEAD)) {
            prefetch(&self.entries[id as usize]);
        }
        for id in self.ids_in(window(PREFETCH_AHEAD / 2)) {
            warm(self.entry(id));
        }
        Some((at, self.entry(id)))
    }

    /// Ids of the entries at iteration positions `positions` (clamped to the table).
    fn ids_in(&self, positions: std::ops::Range<usize>) -> impl Iterator<Item = u32> + '_ {
        let (order, slots): (&[Option<u32>], &[PackedSlot]) = match &self.order {
            Some(o) => (clamped(o, positions), &[]),
            None => (&[], clamped(&self.slots, positions)),
        };
        let in_slots = slots.iter().filter(|s| !s.is_empty()).map(|s| s.id);
        order.iter().flatten().copied().chain(in_slots)
    }

    /// `clear_table()`: Zeek installs a fresh dictionary, which is never `&ordered`.
    pub fn clear(&mut self) {
        *self = ZeekDict::new(false);
    }
}

impl<K: Clone, V: Clone> ZeekDict<K, V> {
    /// A new dictionary filled by inserting this one's entries in iteration order, reusing their
    /// stored 32-bit hashes: `copy()` (`ordered` = self's) and `table_keys()` (`ordered` = false).
    /// The result can iterate differently from the original (SPEC §5).
    pub fn rebuilt(&self, ordered: bool) -> ZeekDict<K, V> {
        let mut d = ZeekDict::new(ordered);
        d.extend_from(self);
        d
    }

    /// `copy(t)`: keeps `&ordered`.
    pub fn copy(&self) -> ZeekDict<K, V> {
        self.rebuilt(self.is_ordered())
    }

    /// `a += b`: iterate `other`, insert into self (existing keys get other's value).
    pub fn extend_from(&mut self, other: &ZeekDict<K, V>) {
        for e in other.iter() {
            let (key, value) = (e.key.clone(), e.value.clone());
            self.insert_later(e.bytes(), e.h32 as u64, key, value);
        }
        self.settle();
    }

    /// `a & b`: a new unordered dictionary with the keys of the smaller operand (`other` on ties)
    /// found in the larger, inserted in the smaller's order. Lookups in the larger may remap it.
    pub fn intersection(&mut self, other: &mut ZeekDict<K, V>) -> ZeekDict<K, V> {
        self.settle();
        other.settle();
        let (big, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        let mut res = ZeekDict::new(false);
        for e in small.iter() {
            if big.contains(e.bytes(), e.h32 as u64) {
                res.insert(e.bytes(), e.h32 as u64, e.key.clone(), e.value.clone());
            }
        }
        res
    }
}

impl<K, V> ZeekDict<K, V> {
    /// `a -= b`: iterate `other`, remove from self.
    pub fn remove_all_in<V2>(&mut self, other: &ZeekDict<K, V2>) {
        for e in other.iter() {
            self.remove_later(e.bytes(), e.h32 as u64);
        }
        self.settle();
    }
}

/// Iterator over entries in Zeek's order. Holding it borrows the dictionary, so nothing can
/// change underneath; script loops, which may change it, use `next_from` positions instead.
pub struct Iter<'a, K, V> {
    dict: &'a ZeekDict<K, V>,
    pos: usize,
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = &'a Entry<K, V>;

    fn next(&mut self) -> Option<&'a Entry<K, V>> {
        let (at, e) = self.dict.next_from(self.pos, |_| ())?;
        self.pos = at + 1;
        Some(e)
    }
}
