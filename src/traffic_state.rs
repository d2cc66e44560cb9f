//! The traffic panel's book of flows, in plain Rust: the current flow, the flows sent before it
//! (still drawn on the canvas, each in its colour), the flows a link listed by number, and how
//! each action changes them. The panel traces what the book holds; it keeps no flow state of
//! its own.

use crate::engine::FlowSpec;

/// Most flows shown at once (the current one and the ones sent before it).
pub const MAX_FLOWS: usize = 20;

/// The flows the traffic panel shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrafficState {
    /// The flow sent last, with its colour.
    current: Option<(FlowSpec, usize)>,
    /// Flows sent before it, oldest first, with their colours.
    earlier: Vec<(FlowSpec, usize)>,
    /// The colour the next new flow gets.
    next_colour: usize,
    /// The flows a link brought, in its order (a host page asks for them by number).
    listed: Vec<FlowSpec>,
}

/// What sending a flow did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// The flow's colour: its own when it was shown already, else a new one.
    pub colour: usize,
    /// Whether the earlier flows changed (they are to be traced again).
    pub earlier_changed: bool,
    /// Whether the oldest flow was cleared to keep [`MAX_FLOWS`].
    pub trimmed: bool,
}

/// What became of the current flow when the scenario changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// There was none.
    None,
    /// It stays (it is to be traced again).
    Current(FlowSpec, usize),
    /// Its parts are gone: it was dropped, and this earlier flow (if any) is to be sent again.
    Dropped(Option<FlowSpec>),
}

impl TrafficState {
    /// The current flow and its colour.
    pub fn current(&self) -> Option<&(FlowSpec, usize)> {
        self.current.as_ref()
    }

    /// The earlier flows, oldest first, with their colours.
    pub fn earlier(&self) -> &[(FlowSpec, usize)] {
        &self.earlier
    }

    /// Every flow shown, oldest first (what the page remembers).
    pub fn all(&self) -> Vec<FlowSpec> {
        self.earlier
            .iter()
            .chain(self.current.iter())
            .map(|(spec, _)| spec.clone())
            .collect()
    }

    /// Flow `n` (from 1) of the link's list.
    pub fn listed(&self, n: usize) -> Option<&FlowSpec> {
        self.listed.get(n.checked_sub(1)?)
    }

    /// Whether the canvas shows as many flows as it may.
    pub fn full(&self) -> bool {
        self.current.is_some() && self.earlier.len() + 1 >= MAX_FLOWS
    }

    /// Sends `spec`: it becomes the current flow, and the one before joins the earlier flows. A
    /// flow shown already leaves the earlier ones and keeps its colour; the oldest earlier flow
    /// goes when there are more than [`MAX_FLOWS`].
    pub fn send(&mut self, spec: FlowSpec) -> Sent {
        let previous = self.current.take();
        let sent = match previous {
            Some((p, colour)) if p == spec => Sent {
                colour,
                earlier_changed: false,
                trimmed: false,
            },
            previous => {
                let kept = self.earlier.iter().find(|(x, _)| *x == spec).map(|x| x.1);
                self.earlier.retain(|(x, _)| *x != spec);
                if let Some(p) = previous {
                    self.earlier.retain(|(x, _)| *x != p.0);
                    self.earlier.push(p);
                }
                let trim = self.earlier.len().saturating_sub(MAX_FLOWS - 1);
                self.earlier.drain(..trim);
                let colour = kept.unwrap_or_else(|| {
                    self.next_colour += 1;
                    self.next_colour - 1
                });
                Sent {
                    colour,
                    earlier_changed: true,
                    trimmed: trim > 0,
                }
            }
        };
        self.current = Some((spec, sent.colour));
        sent
    }

    /// Drops the current flow; the newest earlier one is returned, to be sent again (it becomes
    /// current in its colour).
    pub fn drop_current(&mut self) -> Option<FlowSpec> {
        self.current = None;
        self.earlier.last().map(|(spec, _)| spec.clone())
    }

    /// Removes `spec` from what is shown. `Some` when it was the current flow: the earlier flow
    /// to send again in its place, if any.
    pub fn remove(&mut self, spec: &FlowSpec) -> Option<Option<FlowSpec>> {
        if self.current.as_ref().is_some_and(|(x, _)| x == spec) {
            Some(self.drop_current())
        } else {
            self.earlier.retain(|(x, _)| x != spec);
            None
        }
    }

    /// Clears the earlier flows; the current one stays.
    pub fn clear_earlier(&mut self) {
        self.earlier.clear();
    }

    /// Clears every flow.
    pub fn clear(&mut self) {
        self.earlier.clear();
        self.current = None;
    }

    /// Another network opened: its flows are forgotten. Whether there was a current flow.
    pub fn forget(&mut self) -> bool {
        self.earlier.clear();
        self.current.take().is_some()
    }

    /// A scenario with most of the same parts opened: only the flows `here` accepts (those
    /// between parts it has) stay.
    pub fn keep(&mut self, here: impl Fn(&FlowSpec) -> bool) -> Kept {
        self.earlier.retain(|(spec, _)| here(spec));
        match self.current.clone() {
            None => Kept::None,
            Some((spec, _)) if !here(&spec) => Kept::Dropped(self.drop_current()),
            Some((spec, colour)) => Kept::Current(spec, colour),
        }
    }

    /// A link asks for `flows`: they replace what is shown and are listed by number. Returns
    /// them in order, to be sent (the last one ends current; one given again is opened again).
    pub fn show(&mut self, flows: &[FlowSpec]) -> Vec<FlowSpec> {
        self.clear();
        self.listed.clear();
        for spec in flows {
            if !self.listed.contains(spec) {
                self.listed.push(spec.clone());
            }
        }
        flows.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(port: u16) -> FlowSpec {
        FlowSpec::tcp("web", "db", port)
    }

    #[test]
    fn each_new_flow_gets_the_next_colour_and_the_one_before_becomes_earlier() {
        let mut t = TrafficState::default();
        assert_eq!(t.send(flow(1)).colour, 0);
        assert_eq!(t.send(flow(2)).colour, 1);
        assert_eq!(t.current(), Some(&(flow(2), 1)));
        assert_eq!(t.earlier(), &[(flow(1), 0)]);
        assert_eq!(t.all(), vec![flow(1), flow(2)]);
    }

    #[test]
    fn a_flow_sent_again_keeps_its_colour_and_leaves_the_earlier_ones() {
        let mut t = TrafficState::default();
        t.send(flow(1));
        t.send(flow(2));
        let again = t.send(flow(1));
        assert_eq!(again.colour, 0);
        assert_eq!(t.earlier(), &[(flow(2), 1)]);
        // The current flow sent again changes nothing else.
        let same = t.send(flow(1));
        assert_eq!((same.colour, same.earlier_changed), (0, false));
        assert_eq!(t.send(flow(3)).colour, 2, "colours are not reused");
    }

    #[test]
    fn the_oldest_flow_goes_past_the_most_shown() {
        let mut t = TrafficState::default();
        for p in 0..MAX_FLOWS as u16 {
            assert!(!t.send(flow(p)).trimmed);
        }
        assert!(t.full());
        let sent = t.send(flow(100));
        assert!(sent.trimmed);
        assert_eq!(t.all().len(), MAX_FLOWS);
        assert!(!t.all().contains(&flow(0)), "the oldest went");
    }

    #[test]
    fn removing_the_current_flow_sends_the_newest_earlier_one_again() {
        let mut t = TrafficState::default();
        t.send(flow(1));
        t.send(flow(2));
        assert_eq!(t.remove(&flow(2)), Some(Some(flow(1))));
        assert_eq!(t.current(), None);
        assert_eq!(t.send(flow(1)).colour, 0, "in its own colour");
        assert!(t.earlier().is_empty());
        assert_eq!(t.remove(&flow(1)), Some(None));
        // An earlier flow just goes.
        t.send(flow(3));
        t.send(flow(4));
        assert_eq!(t.remove(&flow(3)), None);
        assert_eq!(t.all(), vec![flow(4)]);
    }

    #[test]
    fn clearing_keeps_the_current_flow_or_nothing() {
        let mut t = TrafficState::default();
        t.send(flow(1));
        t.send(flow(2));
        t.clear_earlier();
        assert_eq!(t.all(), vec![flow(2)]);
        t.clear();
        assert!(t.all().is_empty());
        t.send(flow(3));
        assert!(t.forget());
        assert!(!t.forget());
    }

    #[test]
    fn another_scenario_keeps_only_the_flows_between_its_parts() {
        let mut t = TrafficState::default();
        t.send(flow(1));
        t.send(flow(2));
        t.send(flow(3));
        let here = |s: &FlowSpec| s.port != Some(2);
        assert_eq!(t.keep(here), Kept::Current(flow(3), 2));
        assert_eq!(t.earlier(), &[(flow(1), 0)]);
        assert_eq!(
            t.keep(|s| s.port == Some(1)),
            Kept::Dropped(Some(flow(1))),
            "the current flow's parts are gone"
        );
        assert_eq!(TrafficState::default().keep(|_| true), Kept::None);
    }

    #[test]
    fn a_links_flows_replace_what_is_shown_and_are_listed_by_number() {
        let mut t = TrafficState::default();
        t.send(flow(9));
        let asked = [flow(1), flow(2), flow(1)];
        let to_send = t.show(&asked);
        assert_eq!(to_send, asked);
        assert!(t.all().is_empty(), "nothing shown until they are sent");
        assert_eq!(t.listed(1), Some(&flow(1)));
        assert_eq!(t.listed(2), Some(&flow(2)));
        assert_eq!(t.listed(3), None, "a flow given again is listed once");
        assert_eq!(t.listed(0), None);
    }
}
