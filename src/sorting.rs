//! Stable sorting through one shared routine.
//!
//! `slice::sort_by_key` is generic over the element and the key closure, so every call site
//! gets its own copy of the whole sort algorithm (several kilobytes of wasm each). These helpers
//! sort a list of indices with a comparator behind `&dyn`, so the program holds the algorithm
//! once, and then move the elements into that order. The order is the same as the standard
//! library's stable sort: equal elements keep their relative order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The set of `items`, put in one by one: `collect()` into a B-tree sorts first, with its own
/// copy of the sort algorithm for each element type.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The map of `entries`, put in one by one (see [`set_of`]).
pub fn map_of<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(entries);
    map
}

/// Sorts `v` stably by the key `key` gives each element.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// Sorts `v` stably with the comparator `cmp`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    let mut taken: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&i| taken[i].take()));
}

/// The one instance of the sort algorithm.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_equal_elements_in_order() {
        let mut v: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i))
            .collect();
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, expected);
    }

    #[test]
    fn natural_order_and_custom_comparators() {
        let mut words = vec!["b".to_string(), "a".into(), "c".into()];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "c"]);
        let mut n = vec![1, 5, 3];
        sort_by(&mut n, |a, b| b.cmp(a));
        assert_eq!(n, [5, 3, 1]);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
