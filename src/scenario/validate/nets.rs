//! Address arithmetic for validation: CIDR spans, overlap sweeps and containment look-ups that
//! stay fast on large scenarios.

use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// First and last address of a block, ignoring any host bits set in `net`.
pub(super) fn span(net: Ipv4Net) -> (u32, u32) {
    (u32::from(net.network()), u32::from(net.broadcast()))
}

/// `net` with host bits cleared: `10.0.1.0/24` for `10.0.1.5/24`.
pub(super) fn canonical(net: Ipv4Net) -> Ipv4Net {
    net.trunc()
}

/// Whether `inner` lies wholly in `outer`.
pub(super) fn within(inner: Ipv4Net, outer: Ipv4Net) -> bool {
    let ((i0, i1), (o0, o1)) = (span(inner), span(outer));
    o0 <= i0 && i1 <= o1
}

/// The pairs `(a, b)` of overlapping blocks in `items`, each block that overlaps an earlier one
/// (in address order, wider first) reported once, against the widest block before it.
pub(super) fn overlapping_pairs<T: Copy>(items: &[(Ipv4Net, T)]) -> Vec<(T, T)> {
    let mut sorted: Vec<(u32, u32, T)> = items
        .iter()
        .map(|&(n, t)| {
            let (a, b) = span(n);
            (a, b, t)
        })
        .collect();
    crate::sorting::sort_by(&mut sorted, |x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let mut pairs = Vec::new();
    let mut widest: Option<(u32, T)> = None;
    for (start, end, t) in sorted {
        match widest {
            Some((wend, w)) if start <= wend => {
                pairs.push((w, t));
                if end > wend {
                    widest = Some((end, t));
                }
            }
            _ => widest = Some((end, t)),
        }
    }
    pairs
}

/// A set of tagged blocks answering "which block contains / overlaps this?" in log time.
pub(super) struct NetSet<T> {
    /// (first, last, tag), sorted by first address.
    items: Vec<(u32, u32, T)>,
    /// For each position, the position at or before it with the greatest last address.
    widest: Vec<usize>,
}

impl<T: Copy> NetSet<T> {
    /// A set of the given blocks.
    pub fn new(blocks: impl IntoIterator<Item = (Ipv4Net, T)>) -> Self {
        let mut items: Vec<(u32, u32, T)> = blocks
            .into_iter()
            .map(|(n, t)| {
                let (a, b) = span(n);
                (a, b, t)
            })
            .collect();
        crate::sorting::sort_by_key(&mut items, |x| x.0);
        let mut widest: Vec<usize> = Vec::with_capacity(items.len());
        for i in 0..items.len() {
            let best = match widest.last() {
                Some(&w) if items[w].1 >= items[i].1 => w,
                _ => i,
            };
            widest.push(best);
        }
        NetSet { items, widest }
    }

    /// The block among those starting at or before `first` that reaches furthest.
    fn widest_before(&self, first: u32) -> Option<&(u32, u32, T)> {
        let n = self.items.partition_point(|x| x.0 <= first);
        (n > 0).then(|| &self.items[self.widest[n - 1]])
    }

    /// A block that holds all of `net`.
    pub fn containing(&self, net: Ipv4Net) -> Option<T> {
        let (first, last) = span(net);
        self.widest_before(first)
            .filter(|x| x.1 >= last)
            .map(|x| x.2)
    }

    /// A block that holds `ip`.
    pub fn containing_ip(&self, ip: Ipv4Addr) -> Option<T> {
        self.containing(Ipv4Net::from(ip))
    }

    /// A block that shares an address with `net`.
    pub fn overlapping(&self, net: Ipv4Net) -> Option<T> {
        let (first, last) = span(net);
        if let Some(x) = self.widest_before(first).filter(|x| x.1 >= first) {
            return Some(x.2);
        }
        let n = self.items.partition_point(|x| x.0 <= first);
        self.items.get(n).filter(|x| x.0 <= last).map(|x| x.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn overlap_sweep_finds_nested_and_equal_blocks() {
        let items = [
            (n("10.0.0.0/24"), 0),
            (n("10.0.1.0/24"), 1),
            (n("10.0.0.0/16"), 2),
            (n("10.1.0.0/16"), 3),
            (n("10.1.0.0/16"), 4),
        ];
        let mut pairs = overlapping_pairs(&items);
        crate::sorting::sort(&mut pairs);
        assert_eq!(pairs, vec![(2, 0), (2, 1), (3, 4)]);
    }

    #[test]
    fn net_set_contains_and_overlaps() {
        let set = NetSet::new([(n("10.0.0.0/16"), 'a'), (n("192.168.0.0/24"), 'b')]);
        assert_eq!(set.containing(n("10.0.5.0/24")), Some('a'));
        assert_eq!(set.containing(n("10.0.0.0/8")), None);
        assert_eq!(set.overlapping(n("10.0.0.0/8")), Some('a'));
        assert_eq!(set.overlapping(n("192.0.0.0/8")), Some('b'));
        assert_eq!(set.overlapping(n("11.0.0.0/8")), None);
        assert_eq!(
            set.containing_ip("192.168.0.255".parse().unwrap()),
            Some('b')
        );
        assert_eq!(set.containing_ip("255.255.255.255".parse().unwrap()), None);
    }
}
