//! The traffic panel's book of flows, in plain Rust: the current flow, the flows sent before it
//! (still drawn on the canvas, each in its colour), the flows a link listed by number, and how
//! each action changes them. The panel hands every action to [`TrafficState::apply`] and does
//! what the [`Update`] says (trace the current flow, blank the verdict line, say a part is gone);
//! it keeps no flow state of its own. The animation's position is the other half of the panel's
//! state, in [`crate::playback`]: the canvas and an embed's loop move it too.

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

/// What the panel asks of its flows.
pub enum Traffic<'a> {
    /// Send a flow (from the form, the flow list, the console, the matrix or a host page).
    Send(FlowSpec),
    /// Show a link's flows in place of what is shown, the last one current.
    Show(Vec<FlowSpec>),
    /// Trace the current flow again.
    Replay,
    /// Take one flow off the canvas.
    Remove(FlowSpec),
    /// Keep only the current flow.
    ClearEarlier,
    /// Clear every flow.
    Clear,
    /// The scenario on the canvas changed; `has` tells whether it has a part (by id or name).
    Scenario {
        /// How it changed.
        scene: Scene,
        /// Whether the new scenario has the part.
        has: &'a dyn Fn(&str) -> bool,
    },
}

/// How the scenario on the canvas changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    /// Another network (most parts differ): its flows are forgotten.
    Switched,
    /// Another scenario with most of the same parts (a template, an import, a lesson): the flows
    /// between parts it has stay.
    Opened,
    /// An edit of this one.
    Edited,
}

/// What the verdict line shows after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// What it showed.
    Same,
    /// Nothing: the line invites to send.
    Blank,
    /// The trace of this flow, drawn in this colour.
    Trace(FlowSpec, usize),
    /// That this part of the current flow is gone (an undo traces it again).
    Gone(String),
}

/// What an action did, for the panel to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// What the verdict line shows now.
    pub line: Line,
    /// Whether a flow was sent (the form shows its ends).
    pub sent: bool,
    /// Whether the oldest flow was cleared to keep [`MAX_FLOWS`].
    pub trimmed: bool,
    /// Whether the earlier flows changed (the canvas draws them again).
    pub earlier_changed: bool,
    /// Whether the flows shown changed (the page remembers them).
    pub changed: bool,
}

impl TrafficState {
    /// Does `action` to the flows and says what the panel is to show.
    pub fn apply(&mut self, action: Traffic) -> Update {
        let (earlier, all) = (self.earlier.clone(), self.all());
        let (line, sent, trimmed) = match action {
            Traffic::Send(spec) => {
                let s = self.send(spec.clone());
                (Line::Trace(spec, s.colour), true, s.trimmed)
            }
            Traffic::Show(flows) => {
                let mut out = (Line::Blank, false, false);
                for spec in self.show(&flows) {
                    let s = self.send(spec.clone());
                    out = (Line::Trace(spec, s.colour), true, out.2 || s.trimmed);
                }
                out
            }
            Traffic::Replay => match self.current.clone() {
                Some((spec, colour)) => (Line::Trace(spec, colour), false, false),
                None => (Line::Same, false, false),
            },
            Traffic::Remove(spec) => match self.remove(&spec) {
                Some(next) => self.send_again(next),
                None => (Line::Same, false, false),
            },
            Traffic::ClearEarlier => {
                self.clear_earlier();
                (Line::Same, false, false)
            }
            Traffic::Clear => {
                self.clear();
                (Line::Blank, false, false)
            }
            Traffic::Scenario { scene, has } => self.scenario(scene, has),
        };
        Update {
            line,
            sent,
            trimmed,
            earlier_changed: self.earlier != earlier,
            changed: self.all() != all,
        }
    }

    /// The current flow was dropped: `next` (the newest earlier flow) is sent again in its
    /// place, or the line starts over.
    fn send_again(&mut self, next: Option<FlowSpec>) -> (Line, bool, bool) {
        match next {
            Some(spec) => {
                let s = self.send(spec.clone());
                (Line::Trace(spec, s.colour), true, s.trimmed)
            }
            None => (Line::Blank, false, false),
        }
    }

    fn scenario(&mut self, scene: Scene, has: &dyn Fn(&str) -> bool) -> (Line, bool, bool) {
        let current = self.current.clone();
        match (scene, current) {
            (Scene::Switched, _) if self.forget() => (Line::Blank, false, false),
            (Scene::Opened, _) => match self.keep(|spec| has(&spec.from) && has(&spec.to)) {
                Kept::Dropped(next) => self.send_again(next),
                Kept::Current(spec, colour) => (Line::Trace(spec, colour), false, false),
                Kept::None => (Line::Same, false, false),
            },
            (Scene::Edited, Some((spec, colour))) => {
                let gone = [&spec.from, &spec.to].into_iter().find(|id| !has(id));
                let line = match gone.cloned() {
                    Some(id) => Line::Gone(id),
                    None => Line::Trace(spec, colour),
                };
                (line, false, false)
            }
            _ => (Line::Same, false, false),
        }
    }

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
    fn send(&mut self, spec: FlowSpec) -> Sent {
        let previous = self.current.take();
        let sent = match previous {
            Some((p, colour)) if p == spec => Sent {
                colour,
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
                    trimmed: trim > 0,
                }
            }
        };
        self.current = Some((spec, sent.colour));
        sent
    }

    /// Drops the current flow; the newest earlier one is returned, to be sent again (it becomes
    /// current in its colour).
    fn drop_current(&mut self) -> Option<FlowSpec> {
        self.current = None;
        self.earlier.last().map(|(spec, _)| spec.clone())
    }

    /// Removes `spec` from what is shown. `Some` when it was the current flow: the earlier flow
    /// to send again in its place, if any.
    fn remove(&mut self, spec: &FlowSpec) -> Option<Option<FlowSpec>> {
        if self.current.as_ref().is_some_and(|(x, _)| x == spec) {
            Some(self.drop_current())
        } else {
            self.earlier.retain(|(x, _)| x != spec);
            None
        }
    }

    /// Clears the earlier flows; the current one stays.
    fn clear_earlier(&mut self) {
        self.earlier.clear();
    }

    /// Clears every flow.
    fn clear(&mut self) {
        self.earlier.clear();
        self.current = None;
    }

    /// Another network opened: its flows are forgotten. Whether there was a current flow.
    fn forget(&mut self) -> bool {
        self.earlier.clear();
        self.current.take().is_some()
    }

    /// A scenario with most of the same parts opened: only the flows `here` accepts (those
    /// between parts it has) stay.
    fn keep(&mut self, here: impl Fn(&FlowSpec) -> bool) -> Kept {
        self.earlier.retain(|(spec, _)| here(spec));
        match self.current.clone() {
            None => Kept::None,
            Some((spec, _)) if !here(&spec) => Kept::Dropped(self.drop_current()),
            Some((spec, colour)) => Kept::Current(spec, colour),
        }
    }

    /// A link asks for `flows`: they replace what is shown and are listed by number. Returns
    /// them in order, to be sent (the last one ends current; one given again is opened again).
    fn show(&mut self, flows: &[FlowSpec]) -> Vec<FlowSpec> {
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
        let same = t.apply(Traffic::Send(flow(1)));
        assert_eq!(
            (same.line, same.earlier_changed),
            (Line::Trace(flow(1), 0), false)
        );
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

    #[test]
    fn every_action_says_what_the_verdict_line_shows() {
        let mut t = TrafficState::default();
        let u = t.apply(Traffic::Send(flow(1)));
        assert_eq!(u.line, Line::Trace(flow(1), 0));
        assert!(u.sent && u.changed && !u.earlier_changed);
        assert!(t.apply(Traffic::Send(flow(2))).earlier_changed);
        let u = t.apply(Traffic::Replay);
        assert_eq!(u.line, Line::Trace(flow(2), 1));
        assert!(!u.sent && !u.changed, "a replay changes no flow");
        // Removing the current flow sends the one before again, in its colour.
        let u = t.apply(Traffic::Remove(flow(2)));
        assert_eq!(u.line, Line::Trace(flow(1), 0));
        assert!(u.sent && u.earlier_changed);
        assert_eq!(t.apply(Traffic::Remove(flow(1))).line, Line::Blank);
        t.apply(Traffic::Send(flow(3)));
        t.apply(Traffic::Send(flow(4)));
        let u = t.apply(Traffic::ClearEarlier);
        assert_eq!((u.line, u.earlier_changed), (Line::Same, true));
        assert_eq!(t.apply(Traffic::Clear).line, Line::Blank);
        assert!(t.all().is_empty());
    }

    #[test]
    fn a_links_flows_are_sent_in_order_the_last_one_current() {
        let mut t = TrafficState::default();
        t.apply(Traffic::Send(flow(9)));
        let u = t.apply(Traffic::Show(vec![flow(1), flow(2), flow(1)]));
        assert_eq!(
            u.line,
            Line::Trace(flow(1), 1),
            "a flow given again is opened again"
        );
        assert_eq!(t.all(), vec![flow(2), flow(1)]);
        assert_eq!(t.apply(Traffic::Show(Vec::new())).line, Line::Blank);
    }

    #[test]
    fn an_edit_traces_the_current_flow_again_or_names_the_part_that_is_gone() {
        let mut t = TrafficState::default();
        let edited = |t: &mut TrafficState, has: &dyn Fn(&str) -> bool| {
            t.apply(Traffic::Scenario {
                scene: Scene::Edited,
                has,
            })
            .line
        };
        assert_eq!(
            edited(&mut t, &|_| true),
            Line::Same,
            "no flow, nothing to say"
        );
        t.apply(Traffic::Send(flow(1)));
        assert_eq!(edited(&mut t, &|_| true), Line::Trace(flow(1), 0));
        assert_eq!(edited(&mut t, &|id| id != "db"), Line::Gone("db".into()));
        assert_eq!(t.all(), vec![flow(1)], "kept, so an undo traces it again");
    }

    #[test]
    fn another_network_forgets_the_flows_and_a_similar_one_keeps_those_it_can() {
        let mut t = TrafficState::default();
        let open = |t: &mut TrafficState, scene, has: &dyn Fn(&str) -> bool| {
            t.apply(Traffic::Scenario { scene, has })
        };
        t.apply(Traffic::Send(flow(1)));
        t.apply(Traffic::Send(FlowSpec::tcp("web", "cache", 6379)));
        let u = open(&mut t, Scene::Opened, &|id| id != "cache");
        assert_eq!(
            u.line,
            Line::Trace(flow(1), 0),
            "the flow before is sent again"
        );
        assert!(u.changed);
        let u = open(&mut t, Scene::Opened, &|_| true);
        assert_eq!((u.line, u.changed), (Line::Trace(flow(1), 0), false));
        let u = open(&mut t, Scene::Switched, &|_| true);
        assert_eq!(u.line, Line::Blank);
        assert!(t.all().is_empty());
        assert_eq!(open(&mut t, Scene::Switched, &|_| true).line, Line::Same);
    }
}
