//! Robust iteration (Zeek's RobustDictIterator, which table expiration uses; SPEC §5).

use super::*;

/// A live robust iterator. Entries are referred to by id: an id stays valid while its entry
/// lives, and removals purge ids from these lists before they could be reused.
#[derive(Clone, Debug)]
pub(super) struct Robust {
    /// The next slot to visit (-1 before the first step).
    pub(super) next: isize,
    /// Entries moved from behind the cursor to before it; visited next, last in first out.
    pub(super) inserted: Vec<u32>,
    /// Entries moved from before the cursor to behind it, already visited: skipped once.
    pub(super) visited: Vec<u32>,
    pub(super) curr: Option<u32>,
    pub(super) done: bool,
}

/// Handle of a robust iterator on one `ZeekDict`.
#[derive(Debug, PartialEq, Eq)]
pub struct RobustId(pub(super) usize);

impl<K, V> ZeekDict<K, V> {
    /// Starts a robust iteration (it blocks remaps until it ends). The dictionary may be changed
    /// meanwhile; every entry present throughout is visited once, in Zeek's order.
    pub fn robust_begin(&mut self) -> RobustId {
        self.settle();
        self.iterators += 1;
        let r = Robust {
            next: -1,
            inserted: Vec::new(),
            visited: Vec::new(),
            curr: None,
            done: false,
        };
        let id = match self.robust.iter().position(Option::is_none) {
            Some(i) => i,
            None => {
                self.robust.push(None);
                self.robust.len() - 1
            }
        };
        self.robust[id] = Some(r);
        let it = RobustId(id);
        self.robust_step(&it);
        it
    }

    /// The entry the iterator is on; `None` once it is finished.
    pub fn robust_current(&self, it: &RobustId) -> Option<&Entry<K, V>> {
        self.assert_settled();
        let id = self.robust[it.0].as_ref()?.curr?;
        Some(self.entry(id))
    }

    /// Advances to the next entry and returns it.
    pub fn robust_step(&mut self, it: &RobustId) -> Option<&Entry<K, V>> {
        self.settle();
        if !self.robust_state(it).done {
            let next = self.robust_advance(it.0);
            self.robust_state(it).curr = next;
        }
        self.robust_current(it)
    }

    /// Ends the iteration (early or not), like destroying Zeek's iterator.
    pub fn robust_end(&mut self, it: RobustId) {
        self.settle();
        self.robust_complete(it.0);
        self.robust[it.0] = None;
    }

    fn robust_state(&mut self, it: &RobustId) -> &mut Robust {
        self.robust[it.0].as_mut().expect("live robust iterator")
    }

    fn robust_complete(&mut self, i: usize) {
        let Some(r) = self.robust[i].as_mut() else {
            return;
        };
        if !r.done {
            r.done = true;
            self.iterators -= 1;
        }
        r.curr = None;
    }

    /// The first occupied slot after `p`, or the capacity.
    fn next_pos(&self, p: isize) -> isize {
        let c = self.capacity() as isize;
        let mut p = p + 1;
        while p < c && !self.occupied(p as usize) {
            p += 1;
        }
        p
    }

    fn robust_advance(&mut self, i: usize) -> Option<u32> {
        if self.slots.is_empty() {
            self.robust_complete(i);
            return None;
        }
        let cap = self.capacity() as isize;
        let mut r = self.robust[i].take().expect("live robust iterator");
        if let Some(id) = r.inserted.pop() {
            self.robust[i] = Some(r);
            return Some(id);
        }
        if r.next < 0 || (r.next < cap && !self.occupied(r.next as usize)) {
            r.next = self.next_pos(r.next.max(-1));
        }
        // Skip entries already visited before a relocation moved them ahead of the cursor.
        while r.next < cap {
            let id = self.slot(r.next as usize).id;
            let Some(hit) = r.visited.iter().position(|&v| v == id) else {
                break;
            };
            r.visited.remove(hit);
            r.next = self.next_pos(r.next);
        }
        let out = (r.next < cap).then(|| self.slot(r.next as usize).id);
        if out.is_some() {
            r.next = self.next_pos(r.next);
        }
        self.robust[i] = Some(r);
        if out.is_none() {
            self.robust_complete(i);
        }
        out
    }

    /// HeadOfClusterByPosition, ported literally (including its answer `b` when slot `b` holds
    /// another bucket's overhang); an empty slot counts as bucket `i - 0xFFFF` as in Zeek.
    fn head_by_pos(&self, p: usize) -> usize {
        let bbp = |i: isize| match self.slots[i as usize].get() {
            Some(s) => i - s.dist as isize,
            None => i - 0xFFFF,
        };
        let b = bbp(p as isize);
        let mut i = p as isize;
        while i >= b && bbp(i) == b {
            i -= 1;
        }
        (if i == b { i } else { i + 1 }) as usize
    }

    /// An insert placed `moved` (the last entry of the eviction chain) at `last`, starting at `ip`.
    pub(super) fn robust_adjust_on_insert(&mut self, moved: u32, ip: usize, last: usize) {
        for i in 0..self.robust.len() {
            let Some(mut r) = self.robust[i].take() else {
                continue;
            };
            if !r.done {
                r.inserted.retain(|&x| x != moved);
                r.visited.retain(|&x| x != moved);
                let (ip, last) = (ip as isize, last as isize);
                if ip < r.next {
                    r.inserted.push(moved);
                }
                if ip < r.next && r.next <= last {
                    let k = self.tail_by_pos(r.next as usize);
                    r.visited.push(self.slot(k).id);
                }
            }
            self.robust[i] = Some(r);
        }
    }

    /// Entry `gone` was removed from slot `pos`; the gap closed up to slot `last`.
    pub(super) fn robust_adjust_on_remove(&mut self, gone: u32, pos: usize, last: usize) {
        let cap = self.capacity() as isize;
        for i in 0..self.robust.len() {
            let Some(mut r) = self.robust[i].take() else {
                continue;
            };
            if !r.done {
                r.inserted.retain(|&x| x != gone);
                r.visited.retain(|&x| x != gone);
                if (pos as isize) < r.next && r.next <= last as isize {
                    // A tail moved from behind the cursor to before it: visit it next.
                    let moved = self.head_by_pos(r.next as usize - 1).max(pos);
                    r.inserted.push(self.slot(moved).id);
                }
                if r.next < cap && !self.occupied(r.next as usize) {
                    r.next = self.next_pos(r.next);
                }
                if r.curr == Some(gone) {
                    let on = r.next >= 0 && r.next < cap && self.occupied(r.next as usize);
                    r.curr = on.then(|| self.slot(r.next as usize).id);
                }
            }
            self.robust[i] = Some(r);
        }
    }
}
