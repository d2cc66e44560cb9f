//! The traffic context: the flows being shown, their traces, and the playhead of the animation.
//!
//! [`TrafficProvider`] wraps the page (see `app.rs`). Components read it with
//! `use_context::<TrafficContext>()`:
//!
//! - [`TrafficContext::flows`]: every flow sent, traced against the current scenario. Traces are
//!   recomputed only when the scenario (its `Rc`) or the list of flows changes, never per frame.
//! - [`TrafficContext::current`]: the flow shown in the event list and announced in the verdict.
//! - [`TrafficContext::step`]: the hop under the playhead (0 is the source sending; hop `k` of
//!   the trace is step `k + 1`).
//! - [`TrafficContext::highlight`]: **for the canvas and the inspector**: the component and
//!   rule under the playhead of the current flow (a parsed [`RuleRef`], e.g. inbound rule #1 of
//!   security group `sg-web`, or the `*` rule of network ACL `acl-web`), the part to outline on
//!   the canvas, and whether it is the component that blocked the flow.
//! - [`TrafficContext::blocked`]: the component and rule that decided a flow that is not
//!   established (the engine's [`BlockedBy`]).
//!
//! The animation clock runs on `requestAnimationFrame` while playing. Each frame it only moves
//! the packets' `transform` (elements with id `packet-<flow id>`); the context changes (and Yew
//! re-renders) only when the playhead crosses a hop.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

use super::path::{hop_site_part, waypoints, Point};
use super::state::AppContext;
use super::verdict;
use crate::engine::flow::{find_node, Node};
use crate::engine::trace::Decision;
use crate::engine::{trace, BlockedBy, FlowError, FlowSpec, Hop, Kind, Network, Side, Trace};
use crate::model::Scenario;

/// Time a packet takes from one hop to the next at speed 1, in milliseconds.
pub const HOP_MS: f64 = 650.0;
/// Most flows kept; sending more drops the oldest.
pub const MAX_FLOWS: usize = 24;
/// Number of flow colours (CSS classes `flow-c0` ... `flow-c7`).
pub const COLOURS: usize = 8;
/// Speeds offered, as multiples of the normal pace.
pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

/// A flow someone sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Unique within the page.
    pub id: u32,
    /// What was sent.
    pub spec: FlowSpec,
    /// Colour index, `0..COLOURS`.
    pub colour: usize,
}

/// The traffic state that changes by actions.
#[derive(Debug, Clone, PartialEq)]
pub struct TrafficState {
    /// Flows, oldest first.
    pub flows: Vec<Flow>,
    /// Id of the flow shown in the event list.
    pub current: Option<u32>,
    /// The playhead, in whole steps (see [`TrafficContext::step`]).
    pub tick: usize,
    /// Whether the animation runs.
    pub playing: bool,
    /// Speed multiplier.
    pub speed: f64,
    next_id: u32,
}

impl Default for TrafficState {
    fn default() -> Self {
        TrafficState {
            flows: Vec::new(),
            current: None,
            tick: 0,
            playing: false,
            speed: 1.0,
            next_id: 1,
        }
    }
}

/// A change to the traffic state.
#[derive(Debug, Clone, PartialEq)]
pub enum TrafficAction {
    /// Add a flow, make it current and play from the start.
    Send(FlowSpec),
    /// Show this flow in the event list.
    Select(u32),
    /// Remove a flow.
    Remove(u32),
    /// Remove every flow.
    Clear,
    /// Start playing (from the start when at the end; the end step is given).
    Play(usize),
    /// Stop playing.
    Pause,
    /// Pause and put the playhead at this step.
    Seek(usize),
    /// The clock crossed into this step (while playing).
    Tick(usize),
    /// The clock reached the end.
    Finished(usize),
    /// Change the speed.
    Speed(f64),
}

impl Reducible for TrafficState {
    type Action = TrafficAction;

    fn reduce(self: Rc<Self>, action: TrafficAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            TrafficAction::Send(spec) => {
                let id = s.next_id;
                s.next_id += 1;
                let colour = (id as usize - 1) % COLOURS;
                s.flows.push(Flow { id, spec, colour });
                if s.flows.len() > MAX_FLOWS {
                    s.flows.remove(0);
                }
                s.current = Some(id);
                s.tick = 0;
                s.playing = true;
            }
            TrafficAction::Select(id) => s.current = Some(id),
            TrafficAction::Remove(id) => {
                s.flows.retain(|f| f.id != id);
                if s.current == Some(id) {
                    s.current = s.flows.last().map(|f| f.id);
                }
                if s.flows.is_empty() {
                    s.playing = false;
                    s.tick = 0;
                }
            }
            TrafficAction::Clear => {
                s.flows.clear();
                s.current = None;
                s.playing = false;
                s.tick = 0;
            }
            TrafficAction::Play(end) => {
                if s.tick >= end {
                    s.tick = 0;
                }
                s.playing = !s.flows.is_empty();
            }
            TrafficAction::Pause => s.playing = false,
            TrafficAction::Seek(step) => {
                s.playing = false;
                s.tick = step;
            }
            TrafficAction::Tick(step) => s.tick = step,
            TrafficAction::Finished(end) => {
                s.tick = end;
                s.playing = false;
            }
            TrafficAction::Speed(x) => s.speed = x,
        }
        Rc::new(s)
    }
}

/// One flow, traced against the current scenario.
#[derive(Debug, Clone)]
pub struct TracedFlow {
    /// The flow.
    pub flow: Flow,
    /// How the source is named.
    pub from_name: String,
    /// How the destination is named.
    pub to_name: String,
    /// The trace, or why it could not be traced.
    pub result: Result<Trace, FlowError>,
    /// The verdict in plain words.
    pub sentence: String,
    /// The packet's points on the canvas: the source, then one per hop (`None` when no part of
    /// the path has a place on the canvas).
    pub points: Option<Vec<Point>>,
    /// For each step, the part the step is drawn at (see [`hop_site_part`]).
    pub parts: Vec<Option<String>>,
}

impl TracedFlow {
    /// Number of steps (the source, then each hop).
    pub fn steps(&self) -> usize {
        1 + self.result.as_ref().map_or(0, |t| t.hops.len())
    }

    /// The hops (empty when it could not be traced).
    pub fn hops(&self) -> &[Hop] {
        self.result.as_ref().map_or(&[], |t| &t.hops)
    }
}

/// All flows traced against one scenario.
#[derive(Debug, Clone, Default)]
pub struct Traced {
    /// In the order they were sent.
    pub flows: Vec<TracedFlow>,
    /// How long tracing took, in milliseconds (shown to tests as `data-recompute-ms`).
    pub millis: f64,
    /// Of which compiling the scenario took (`data-compile-ms`).
    pub compile_millis: f64,
}

impl Traced {
    /// The last step of the longest flow.
    pub fn end(&self) -> usize {
        self.flows.iter().map(|f| f.steps() - 1).max().unwrap_or(0)
    }
}

/// A name for a node: its name, else its id or address.
pub fn node_name(s: &Scenario, node: Node) -> String {
    let pick = |name: &str, id: &str| if name.is_empty() { id } else { name }.to_string();
    match node {
        Node::Instance(i) => pick(&s.instances[i].name, &s.instances[i].id),
        Node::Database(i) => pick(&s.databases[i].name, &s.databases[i].id),
        Node::LoadBalancer(i) => pick(&s.load_balancers[i].name, &s.load_balancers[i].id),
        Node::NatGateway(i) => pick(&s.nat_gateways[i].name, &s.nat_gateways[i].id),
        Node::InternetHost(i) => pick(&s.internet_hosts[i].name, &s.internet_hosts[i].id),
        Node::Interface(_) | Node::Address(_) => String::new(),
    }
}

/// The id of the part that stands for a node on the canvas.
fn node_part(net: &Network, node: Node) -> Option<String> {
    let s = net.scenario;
    Some(match node {
        Node::Instance(i) => s.instances[i].id.clone(),
        Node::Database(i) => s.databases[i].id.clone(),
        Node::LoadBalancer(i) => s.load_balancers[i].id.clone(),
        Node::NatGateway(i) => s.nat_gateways[i].id.clone(),
        Node::InternetHost(i) => s.internet_hosts[i].id.clone(),
        Node::Interface(e) => net.owner_id(net.enis[e].owner).to_string(),
        Node::Address(ip) => match crate::engine::flow::primary_eni(net, node) {
            Some(e) => net.owner_id(net.enis[e].owner).to_string(),
            None => s.internet_hosts.iter().find(|h| h.ip == ip)?.id.clone(),
        },
    })
}

/// Traces every flow against `scenario`.
pub fn trace_all(scenario: &Scenario, flows: &[Flow]) -> Traced {
    let started = now();
    let net = Network::new(scenario);
    let compile_millis = now() - started;
    let flows = flows
        .iter()
        .map(|f| {
            let from = find_node(&net, &f.spec.from);
            let to = find_node(&net, &f.spec.to);
            let name = |n: Option<Node>, text: &str| {
                n.map(|n| node_name(scenario, n))
                    .filter(|x| !x.is_empty())
                    .unwrap_or_else(|| text.to_string())
            };
            let (from_name, to_name) = (name(from, &f.spec.from), name(to, &f.spec.to));
            let result = trace(&net, &f.spec);
            let sentence = match &result {
                Ok(t) => verdict::sentence(t, &from_name, &to_name),
                Err(e) => verdict::fill(verdict::WORDS.cannot_trace, &[("why", &e.to_string())]),
            };
            let source = from.and_then(|n| node_part(&net, n));
            let hops = result.as_ref().map_or(&[][..], |t| &t.hops[..]);
            let points = waypoints(scenario, source.as_deref(), hops);
            let parts = std::iter::once(source)
                .chain(hops.iter().map(|h| hop_site_part(scenario, h)))
                .collect();
            TracedFlow {
                flow: f.clone(),
                from_name,
                to_name,
                result,
                sentence,
                points,
                parts,
            }
        })
        .collect();
    Traced {
        flows,
        millis: now() - started,
        compile_millis,
    }
}

/// Milliseconds from the page's clock.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Which rule of a component decided a hop, in a form the inspector can find in its tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleRef {
    /// A network ACL rule: `number` is `None` for the `*` rule (no rule matched).
    Acl {
        /// Inbound or outbound table.
        inbound: bool,
        /// Rule number, or `None` for `*`.
        number: Option<u16>,
    },
    /// A security group rule: `index` is 0-based in the table; `None` when no rule matched.
    SecurityGroup {
        /// Inbound or outbound table.
        inbound: bool,
        /// Index of the rule in the group's table.
        index: Option<usize>,
    },
    /// The reply of a connection a security group allowed (stateful: no rule needed).
    Tracked,
    /// A route, by its destination as written (`0.0.0.0/0`, `pl-...`).
    Route(String),
}

impl RuleRef {
    /// Parses the rule of a hop (see the engine's `Hop::rule`).
    pub fn of(hop: &Hop) -> Option<RuleRef> {
        let rule = hop.rule.as_deref()?;
        let inbound = hop.site.as_ref().map(|s| s.side) != Some(Side::Leaving);
        match hop.kind {
            Kind::NetworkAcl => Some(RuleRef::Acl {
                inbound,
                number: rule.parse().ok(),
            }),
            Kind::SecurityGroup if rule == "tracked connection" => Some(RuleRef::Tracked),
            Kind::SecurityGroup => {
                let index = rule
                    .rsplit_once('#')
                    .and_then(|(_, n)| n.parse::<usize>().ok())
                    .map(|n| n.saturating_sub(1));
                let inbound = match rule.split_whitespace().next() {
                    Some("inbound") => true,
                    Some("outbound") => false,
                    _ => inbound,
                };
                Some(RuleRef::SecurityGroup { inbound, index })
            }
            Kind::RouteTable => Some(RuleRef::Route(rule.to_string())),
            _ => None,
        }
    }
}

/// What to highlight for the hop under the playhead.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// Id of the component that decided the hop (`sg-web`, `acl-1`, `rtb-public`, `web`).
    pub component: String,
    /// Its kind.
    pub kind: Kind,
    /// The rule that decided, when a rule did.
    pub rule: Option<RuleRef>,
    /// The part on the canvas to outline (the component itself, or where it decided: the
    /// instance of a security group, the subnet of an ACL or route table).
    pub part: Option<String>,
    /// Whether this hop dropped or refused the packet.
    pub blocked: bool,
}

/// The traffic context (see the module docs).
#[derive(Clone)]
pub struct TrafficContext {
    /// The state and its dispatcher.
    pub state: UseReducerHandle<TrafficState>,
    /// The flows traced against the current scenario.
    pub traced: Rc<Traced>,
    clock: Rc<RefCell<Clock>>,
}

impl PartialEq for TrafficContext {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.traced, &other.traced)
    }
}

impl TrafficContext {
    /// Every flow, traced.
    pub fn flows(&self) -> &[TracedFlow] {
        &self.traced.flows
    }

    /// The flow shown in the event list.
    pub fn current(&self) -> Option<&TracedFlow> {
        let id = self.state.current?;
        self.traced.flows.iter().find(|f| f.flow.id == id)
    }

    /// The step of the current flow under the playhead.
    pub fn step(&self) -> usize {
        self.current()
            .map_or(0, |f| self.state.tick.min(f.steps() - 1))
    }

    /// The component and rule under the playhead of the current flow (see [`Highlight`]).
    pub fn highlight(&self) -> Option<Highlight> {
        let f = self.current()?;
        let step = self.step();
        let hop = f.hops().get(step.checked_sub(1)?)?;
        Some(Highlight {
            component: hop.component.clone(),
            kind: hop.kind,
            rule: RuleRef::of(hop),
            part: f.parts.get(step).cloned().flatten(),
            blocked: matches!(
                hop.decision,
                Decision::Deny | Decision::Drop | Decision::Refuse
            ),
        })
    }

    /// What blocked the current flow, if it is not established.
    pub fn blocked(&self) -> Option<&BlockedBy> {
        self.current()?.result.as_ref().ok()?.blocked_by.as_ref()
    }

    /// Sends a flow.
    pub fn send(&self, spec: FlowSpec) {
        self.clock.borrow_mut().pos = 0.0;
        self.state.dispatch(TrafficAction::Send(spec));
    }

    /// Pauses and moves the playhead to `step`.
    pub fn seek(&self, step: usize) {
        let step = step.min(self.traced.end());
        self.clock.borrow_mut().pos = step as f64;
        self.state.dispatch(TrafficAction::Seek(step));
    }

    /// Plays from the playhead (from the start when at the end).
    pub fn play(&self) {
        let end = self.traced.end();
        if self.state.tick >= end {
            self.clock.borrow_mut().pos = 0.0;
        } else {
            self.clock.borrow_mut().pos = self.state.tick as f64;
        }
        self.state.dispatch(TrafficAction::Play(end));
    }

    /// Pauses.
    pub fn pause(&self) {
        self.state.dispatch(TrafficAction::Pause);
    }
}

/// The clock of the animation (not part of the context's state: it moves every frame).
#[derive(Debug, Default)]
struct Clock {
    /// Playhead position in steps, fractional while moving.
    pos: f64,
    /// Time of the last frame.
    last: Option<f64>,
    /// The whole step last reported to the state.
    reported: usize,
}

/// Whether the person asked for reduced motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Eases a move between two hops.
fn ease(t: f64) -> f64 {
    t * t * (3.0 - 2.0 * t)
}

/// The packet's point at position `pos` (in steps) along `points`.
pub fn point_at(points: &[Point], pos: f64, tween: bool) -> Point {
    let last = points.len().saturating_sub(1);
    let pos = pos.clamp(0.0, last as f64);
    let i = pos.floor() as usize;
    let t = if tween { ease(pos - i as f64) } else { 0.0 };
    let a = points[i];
    let b = points[(i + 1).min(last)];
    (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
}

/// Moves every packet element to where the clock says.
fn place_packets(traced: &Traced, pos: f64, tween: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for f in &traced.flows {
        let Some(points) = &f.points else { continue };
        if let Some(el) = doc.get_element_by_id(&format!("packet-{}", f.flow.id)) {
            let (x, y) = point_at(points, pos, tween);
            let _ = el.set_attribute("transform", &format!("translate({x:.1} {y:.1})"));
        }
    }
}

/// What a running animation loop needs.
struct Loop {
    clock: Rc<RefCell<Clock>>,
    traced: Rc<Traced>,
    state: UseReducerHandle<TrafficState>,
    speed: f64,
    tween: bool,
    frame: RefCell<Option<AnimationFrame>>,
}

impl Loop {
    fn schedule(self: &Rc<Self>) {
        let me = self.clone();
        let handle = request_animation_frame(move |ts| me.frame(ts));
        *self.frame.borrow_mut() = Some(handle);
    }

    fn frame(self: &Rc<Self>, ts: f64) {
        let end = self.traced.end();
        let (pos, crossed) = {
            let mut c = self.clock.borrow_mut();
            let dt = c.last.map_or(0.0, |l| (ts - l).clamp(0.0, 100.0));
            c.last = Some(ts);
            c.pos = (c.pos + dt * self.speed / HOP_MS).min(end as f64);
            let whole = c.pos.floor() as usize;
            let crossed = (whole != c.reported).then_some(whole);
            c.reported = whole;
            (c.pos, crossed)
        };
        place_packets(&self.traced, pos, self.tween);
        if pos >= end as f64 {
            self.state.dispatch(TrafficAction::Finished(end));
            return;
        }
        if let Some(step) = crossed {
            self.state.dispatch(TrafficAction::Tick(step));
        }
        self.schedule();
    }
}

/// A scenario compared by pointer, so memos recompute only when it is replaced.
#[derive(Clone)]
struct ByPtr(Rc<Scenario>);

impl PartialEq for ByPtr {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`TrafficProvider`].
#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    /// The page.
    pub children: Html,
}

/// Provides the [`TrafficContext`] and runs the animation clock.
#[component]
pub fn TrafficProvider(props: &ProviderProps) -> Html {
    let app = use_context::<AppContext>().expect("inside the app state");
    let state = use_reducer(TrafficState::default);
    let clock = use_mut_ref(Clock::default);
    let traced = use_memo(
        (ByPtr(app.scenario.clone()), state.flows.clone()),
        |(s, flows)| trace_all(&s.0, flows),
    );
    {
        let (clock, traced, handle) = (clock.clone(), traced.clone(), state.clone());
        let playing = state.playing;
        let speed = state.speed;
        use_effect_with((playing, speed, ByRc(traced.clone())), move |_| {
            let running = playing.then(|| {
                {
                    let mut c = clock.borrow_mut();
                    c.last = None;
                    c.reported = c.pos.floor() as usize;
                }
                let lp = Rc::new(Loop {
                    clock,
                    traced,
                    state: handle,
                    speed,
                    tween: !reduced_motion(),
                    frame: RefCell::new(None),
                });
                lp.schedule();
                lp
            });
            move || {
                if let Some(lp) = running {
                    lp.frame.borrow_mut().take();
                }
            }
        });
    }
    let context = TrafficContext {
        state,
        traced: traced.clone(),
        clock,
    };
    html! {
        <ContextProvider<TrafficContext> {context}>
            { props.children.clone() }
        </ContextProvider<TrafficContext>>
    }
}

/// An `Rc` compared by pointer.
struct ByRc<T>(Rc<T>);

impl<T> PartialEq for ByRc<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
