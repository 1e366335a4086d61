//! A reorder buffer: results that finish in any order come out in the
//! order of their indices (0, 1, 2, …), each exactly once.
//!
//! `Pipeline::run` numbers its jobs, lets the threads finish them in any
//! order and writes them through this buffer, so the output is the same
//! with any number of threads. The buffer holds only the results that
//! wait for an earlier one; bounding that (how many jobs are in flight)
//! is the caller's job, as is what "writing" means.

use std::collections::VecDeque;

/// Items indexed from 0, released in index order.
#[derive(Debug)]
pub struct Reorder<T> {
    /// Index of the next item to release.
    next: usize,
    /// Slot k holds item `next + k` once it arrived.
    slots: VecDeque<Option<T>>,
    /// Items held (arrived, not yet released).
    held: usize,
}

impl<T> Default for Reorder<T> {
    fn default() -> Self {
        Reorder { next: 0, slots: VecDeque::new(), held: 0 }
    }
}

impl<T> Reorder<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds item `index`. An index already released or already held is
    /// ignored (returns `false`): each index comes out once.
    pub fn insert(&mut self, index: usize, item: T) -> bool {
        let Some(k) = index.checked_sub(self.next) else { return false };
        if k >= self.slots.len() {
            self.slots.resize_with(k + 1, || None);
        }
        let slot = &mut self.slots[k];
        if slot.is_some() {
            return false;
        }
        *slot = Some(item);
        self.held += 1;
        true
    }

    /// The next item in index order, if it has arrived.
    pub fn pop(&mut self) -> Option<T> {
        let item = self.slots.front_mut()?.take()?;
        self.slots.pop_front();
        self.next += 1;
        self.held -= 1;
        Some(item)
    }

    /// Index of the next item [`pop`](Self::pop) will release (= the count
    /// released so far).
    pub fn next_index(&self) -> usize {
        self.next
    }

    /// Items held back, waiting for an earlier one.
    pub fn held(&self) -> usize {
        self.held
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_in_index_order() {
        let mut r = Reorder::new();
        assert!(r.insert(2, "c"));
        assert!(r.insert(1, "b"));
        assert_eq!(r.pop(), None, "0 has not arrived");
        assert_eq!(r.held(), 2);
        assert!(r.insert(0, "a"));
        assert_eq!([r.pop(), r.pop(), r.pop(), r.pop()], [Some("a"), Some("b"), Some("c"), None]);
        assert_eq!((r.next_index(), r.held()), (3, 0));
        assert!(r.insert(3, "d"));
        assert_eq!(r.pop(), Some("d"));
    }

    #[test]
    fn each_index_once() {
        let mut r = Reorder::new();
        assert!(r.insert(0, 1));
        assert!(!r.insert(0, 2), "held already");
        assert_eq!(r.pop(), Some(1));
        assert!(!r.insert(0, 3), "released already");
        assert_eq!((r.pop(), r.held()), (None, 0));
    }

    #[test]
    fn any_arrival_order_gives_the_same_output() {
        // Every permutation of 0..6 (as the threads may finish them),
        // popping whatever is ready after each arrival.
        fn permutations(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![vec![]];
            }
            let mut out = Vec::new();
            for p in permutations(n - 1) {
                for k in 0..=p.len() {
                    let mut q = p.clone();
                    q.insert(k, n - 1);
                    out.push(q);
                }
            }
            out
        }
        for order in permutations(6) {
            let mut r = Reorder::new();
            let mut out = Vec::new();
            for &i in &order {
                r.insert(i, i * 10);
                while let Some(x) = r.pop() {
                    out.push(x);
                }
            }
            assert_eq!(out, [0, 10, 20, 30, 40, 50], "arrival order {order:?}");
            assert_eq!(r.held(), 0);
        }
    }
}
