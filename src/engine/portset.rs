//! Sets of ports as sorted, disjoint inclusive intervals.
//!
//! A client picks its source port from an ephemeral range; a stateless network ACL may allow only
//! part of that range. The engine carries the range as a set and narrows it at each rule, so it
//! can say "works for ports 32768-60999 only" instead of guessing one port.

use crate::model::PortRange;
use std::fmt;

/// The ranges of a set.
type Ranges = Vec<PortRange>;

/// A set of ports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortSet(Ranges);

impl PortSet {
    /// The empty set.
    pub fn empty() -> Self {
        PortSet(Ranges::new())
    }

    /// The set holding one range.
    pub fn from_range(r: PortRange) -> Self {
        PortSet(vec![r])
    }

    /// Every port, 0-65535.
    pub fn all() -> Self {
        PortSet(vec![PortRange { from: 0, to: 65535 }])
    }

    /// The set of the given ranges (in any order, overlapping or not).
    pub fn from_ranges(ranges: impl IntoIterator<Item = PortRange>) -> Self {
        ranges.into_iter().fold(PortSet::empty(), |set, r| {
            set.union(&PortSet::from_range(r))
        })
    }

    /// Whether no port is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ranges, ascending and disjoint.
    pub fn ranges(&self) -> &[PortRange] {
        &self.0
    }

    /// The lowest port, if any.
    pub fn first(&self) -> Option<u16> {
        self.0.first().map(|r| r.from)
    }

    /// Number of ports in the set.
    pub fn len(&self) -> u32 {
        self.0.iter().map(|r| r.len()).sum()
    }

    /// Whether `port` is in the set.
    pub fn contains(&self, port: u16) -> bool {
        self.0.iter().any(|r| r.contains(port))
    }

    /// The ports of the set that lie in `r`.
    pub fn intersect_range(&self, r: PortRange) -> PortSet {
        PortSet(
            self.0
                .iter()
                .filter_map(|x| PortRange::new(x.from.max(r.from), x.to.min(r.to)))
                .collect(),
        )
    }

    /// The ports of the set outside `r`.
    pub fn subtract_range(&self, r: PortRange) -> PortSet {
        let mut out = Ranges::new();
        for x in &self.0 {
            if x.to < r.from || x.from > r.to {
                out.push(*x);
                continue;
            }
            if x.from < r.from {
                out.push(PortRange {
                    from: x.from,
                    to: r.from - 1,
                });
            }
            if x.to > r.to {
                out.push(PortRange {
                    from: r.to + 1,
                    to: x.to,
                });
            }
        }
        PortSet(out)
    }

    /// The ports of the set that are not in `other`.
    pub fn difference(&self, other: &PortSet) -> PortSet {
        other
            .0
            .iter()
            .fold(self.clone(), |left, r| left.subtract_range(*r))
    }

    /// The ports the two sets share.
    pub fn intersection(&self, other: &PortSet) -> PortSet {
        // `other`'s ranges are ascending and disjoint, so the pieces come out in order.
        PortSet(
            (other.0.iter())
                .flat_map(|r| self.intersect_range(*r).0)
                .collect(),
        )
    }

    /// Union of two sets.
    pub fn union(&self, other: &PortSet) -> PortSet {
        if other.0.is_empty() {
            return self.clone();
        }
        if self.0.is_empty() {
            return other.clone();
        }
        // Both lists are ascending: merge them, joining ranges that touch or overlap.
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut out = Ranges::new();
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.from <= y.from => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            let Some(&r) = next else {
                break;
            };
            match out.last_mut() {
                Some(last) if u32::from(r.from) <= u32::from(last.to) + 1 => {
                    last.to = last.to.max(r.to);
                }
                _ => out.push(r),
            }
        }
        PortSet(out)
    }
}

impl fmt::Display for PortSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        for (i, r) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: u16, b: u16) -> PortRange {
        PortRange { from: a, to: b }
    }

    #[test]
    fn subtract_splits_and_trims() {
        let s = PortSet::from_range(r(1024, 65535));
        let s = s.subtract_range(r(2000, 3000));
        assert_eq!(s.ranges(), &[r(1024, 1999), r(3001, 65535)]);
        assert_eq!(s.subtract_range(r(0, 65535)), PortSet::empty());
        assert_eq!(s.len(), 64512 - 1001);
    }

    #[test]
    fn difference_and_intersection_split_a_set_in_two() {
        let s = PortSet::from_ranges([r(443, 443), r(0, 100), r(50, 200)]);
        assert_eq!(s.ranges(), &[r(0, 200), r(443, 443)]);
        let other = PortSet::from_ranges([r(22, 22), r(150, 500)]);
        let inside = s.intersection(&other);
        let outside = s.difference(&other);
        assert_eq!(inside.ranges(), &[r(22, 22), r(150, 200), r(443, 443)]);
        assert_eq!(outside.ranges(), &[r(0, 21), r(23, 149)]);
        assert_eq!(inside.union(&outside), s);
        assert_eq!(PortSet::all().len(), 65536);
    }

    #[test]
    fn intersect_and_union_agree() {
        let s = PortSet::from_range(r(32768, 60999));
        let a = s.intersect_range(r(0, 49151));
        let b = s.intersect_range(r(49152, 65535));
        assert_eq!(a.union(&b), s);
        assert!(a.contains(40000) && !a.contains(50000));
    }
}
