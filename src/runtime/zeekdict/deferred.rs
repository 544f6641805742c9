//! Write-behind for inserts and removals whose result nobody waits for (`t[k] = v`, `add`,
//! `delete` on tables without `&on_change`, building copies).
//!
//! Keys are placed by SipHash, so consecutive operations touch slots at random: in a large
//! table each one would wait for memory in turn. A deferred operation only starts loading its
//! slot and joins a short queue; it is applied `DEFER_DEPTH` operations later, when its slot
//! has arrived, and so several loads overlap. The queue is applied in order before anything else
//! reads or changes the dictionary, so the layout (and with it Zeek's iteration order) is
//! exactly what applying each operation at once would give.

use super::*;

/// How many operations may wait; each is applied once this many newer ones have queued.
const DEFER_DEPTH: usize = 8;

/// An operation waiting to be applied.
#[derive(Clone, Debug)]
pub(super) enum Deferred<K, V> {
    /// `t[k] = v`: the entry to store (an existing key keeps its entry and takes the value).
    Insert(Entry<K, V>),
    /// `delete t[k]`.
    Remove { bytes: KeyBytes, h32: u32 },
}

impl<K, V> ZeekDict<K, V> {
    /// `insert` without its result, applied a little later (see the module comment).
    pub fn insert_later(&mut self, bytes: &[u8], hash: u64, key: K, value: V) {
        let h32 = hash as u32;
        self.defer(h32, Deferred::Insert(Entry::new(bytes, h32, key, value)));
    }

    /// `remove` without its result, applied a little later.
    pub fn remove_later(&mut self, bytes: &[u8], hash: u64) {
        let h32 = hash as u32;
        let bytes = KeyBytes::new(bytes);
        self.defer(h32, Deferred::Remove { bytes, h32 });
    }

    /// Applies every waiting operation, oldest first.
    #[inline]
    pub fn settle(&mut self) {
        if !self.pending.is_empty() {
            self.apply_all();
        }
    }

    /// Whether operations are waiting (readers holding `&self` must settle first).
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    #[inline]
    pub(super) fn assert_settled(&self) {
        debug_assert!(
            self.pending.is_empty(),
            "read of a dictionary with waiting writes"
        );
    }

    fn apply_all(&mut self) {
        while let Some(op) = self.pending.pop_front() {
            self.apply(op);
        }
    }

    fn defer(&mut self, h32: u32, op: Deferred<K, V>) {
        // The slot the operation will probe first, in the current geometry (a growth before it
        // is applied only wastes the hint).
        self.prefetch_hash(h32 as u64);
        if self.pending.len() == DEFER_DEPTH {
            let oldest = self.pending.pop_front().expect("queue is full");
            self.apply(oldest);
        }
        self.pending.push_back(op);
    }

    fn apply(&mut self, op: Deferred<K, V>) {
        match op {
            Deferred::Insert(e) => {
                if self.slots.is_empty() {
                    self.allocate_slots();
                }
                self.upsert_entry(e);
            }
            Deferred::Remove { bytes, h32 } => {
                self.remove_now(bytes.as_slice(), h32 as u64);
            }
        }
    }
}
