//! Undo and redo as two stacks of earlier and undone states, with a size limit.

/// The undo history of a value of type `T` (the editor keeps `Rc<Scenario>`s).
#[derive(Debug, Clone, PartialEq)]
pub struct History<T> {
    /// Earlier states, newest last.
    pub past: Vec<T>,
    /// Undone states, newest last.
    pub future: Vec<T>,
    /// Most undo steps kept.
    pub limit: usize,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit: 200,
        }
    }
}

impl<T> History<T> {
    /// Records that `current` is replaced by `next` as one undo step; returns `next`. The redo
    /// stack is cleared; the oldest step goes when there are more than `limit`.
    pub fn record(&mut self, current: T, next: T) -> T {
        self.past.push(current);
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
        next
    }

    /// The state before `current`, if any; `current` goes onto the redo stack.
    pub fn undo(&mut self, current: T) -> Result<T, T> {
        match self.past.pop() {
            Some(prev) => {
                self.future.push(current);
                Ok(prev)
            }
            None => Err(current),
        }
    }

    /// The state undone last, if any; `current` goes back onto the undo stack.
    pub fn redo(&mut self, current: T) -> Result<T, T> {
        match self.future.pop() {
            Some(next) => {
                self.past.push(current);
                Ok(next)
            }
            None => Err(current),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn undo_redo_walk_the_stacks_and_new_edits_clear_redo() {
        let mut h = History::default();
        let mut cur = 0;
        cur = h.record(cur, 1);
        cur = h.record(cur, 2);
        cur = h.undo(cur).unwrap();
        assert_eq!(cur, 1);
        cur = h.undo(cur).unwrap();
        assert_eq!(cur, 0);
        assert_eq!(h.undo(cur), Err(0));
        cur = h.redo(cur).unwrap();
        assert_eq!(cur, 1);
        cur = h.record(cur, 5);
        assert_eq!(h.redo(cur), Err(5));
        assert_eq!(h.past, vec![0, 1]);
    }

    #[test]
    fn the_oldest_step_goes_past_the_limit() {
        let mut h = History {
            limit: 2,
            ..History::default()
        };
        let mut cur = 0;
        for n in 1..=4 {
            cur = h.record(cur, n);
        }
        assert_eq!(h.past, vec![2, 3]);
        assert_eq!(cur, 4);
    }
}
