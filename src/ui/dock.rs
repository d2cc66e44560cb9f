//! The workspace's docks: the palette on the left, the side column (the lesson and the
//! inspector) on the right and the traffic panel under the canvas. Each can be folded away with
//! its button; the side column and the traffic panel are resized by dragging their edge, or with
//! the arrow keys on it (Enter folds and unfolds, as in a window splitter). How the docks were
//! left is remembered in local storage, so the canvas keeps the room its user gave it.

use yew::prelude::*;

use super::lang::{t, use_lang};

/// The local-storage key of the docks' state.
const KEY: &str = "vpc-playground.docks";

/// Narrowest and default width of the side column, in CSS pixels.
const SIDE_MIN: f64 = 240.0;
const SIDE_DEFAULT: f64 = 320.0;
/// Lowest height of the traffic panel.
const TRAFFIC_MIN: f64 = 96.0;
/// What an arrow key moves an edge by.
const STEP: f64 = 24.0;

/// How the docks are: open or folded, and the sizes their user chose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Docks {
    /// Whether the palette shows its part names (else only their badges).
    pub palette: bool,
    /// Whether the side column is open.
    pub side: bool,
    /// The side column's width.
    pub side_width: f64,
    /// Whether the traffic panel is open (else only its heading and verdict show).
    pub traffic: bool,
    /// The traffic panel's height, once its user has set one (else it fits its content, up to
    /// what leaves the canvas 55% of the window).
    pub traffic_height: Option<f64>,
}

impl Default for Docks {
    fn default() -> Self {
        Docks {
            palette: true,
            side: true,
            side_width: SIDE_DEFAULT,
            traffic: true,
            traffic_height: None,
        }
    }
}

impl Docks {
    /// Reads the state written by [`Docks::encode`]; anything unreadable keeps the default.
    pub fn decode(text: &str) -> Docks {
        let mut d = Docks::default();
        for field in text.split_whitespace() {
            let mut chars = field.chars();
            let key = chars.next();
            let value = chars.as_str();
            match key {
                Some('p') => d.palette = value != "0",
                Some('s') => d.side = value != "0",
                Some('t') => d.traffic = value != "0",
                Some('w') => {
                    if let Some(w) = crate::geometry::number(value) {
                        d.side_width = w.max(SIDE_MIN);
                    }
                }
                Some('h') => {
                    d.traffic_height = crate::geometry::number(value).map(|h| h.max(TRAFFIC_MIN))
                }
                _ => {}
            }
        }
        d
    }

    /// The state as a short line: `p1 s1 w320 t1 h-`.
    pub fn encode(&self) -> String {
        let flag = |b: bool| if b { 1 } else { 0 };
        let height = self
            .traffic_height
            .map_or_else(|| "-".to_string(), |h| format!("{h:.0}"));
        format!(
            "p{} s{} w{:.0} t{} h{height}",
            flag(self.palette),
            flag(self.side),
            self.side_width,
            flag(self.traffic)
        )
    }

    /// The workspace's CSS custom properties and classes for this state.
    pub fn style(&self) -> String {
        let mut style = String::new();
        if self.side {
            style.push_str(&format!("--side-w: {:.0}px;", self.side_width));
        }
        if let Some(h) = self.traffic_height {
            style.push_str(&format!("--traffic-h: {h:.0}px; --traffic-max: none;"));
        }
        style
    }

    /// The workspace's classes for this state.
    pub fn classes(&self) -> Classes {
        classes!(
            "workspace",
            (!self.palette).then_some("palette-folded"),
            (!self.side).then_some("side-folded"),
            (!self.traffic).then_some("traffic-folded"),
        )
    }

    /// The state the page was left with.
    pub fn remembered() -> Docks {
        storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .map(|text| Docks::decode(&text))
            .unwrap_or_default()
    }

    /// Remembers this state for the next visit.
    pub fn remember(&self) {
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &self.encode());
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The docks' state, shared by the workspace and its edges.
pub type DocksContext = UseStateHandle<Docks>;

/// Which edge a [`Splitter`] moves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edge {
    /// The left edge of the side column.
    Side,
    /// The top edge of the traffic panel.
    Traffic,
}

impl Edge {
    /// The size this edge gives its dock when the pointer is at client point (`x`, `y`).
    fn size_at(self, x: f64, y: f64) -> f64 {
        let (w, h) = window_size();
        match self {
            Edge::Side => w - x,
            Edge::Traffic => h - y,
        }
    }

    /// The largest size the dock may take: the canvas keeps 40% of the window's width, and
    /// 30% of its height beside the header.
    fn max(self) -> f64 {
        let (w, h) = window_size();
        match self {
            Edge::Side => (w * 0.6 - 200.0).max(SIDE_MIN),
            Edge::Traffic => (h * 0.7 - 52.0).max(TRAFFIC_MIN),
        }
    }

    fn min(self) -> f64 {
        match self {
            Edge::Side => SIDE_MIN,
            Edge::Traffic => TRAFFIC_MIN,
        }
    }

    /// The dock's size now.
    fn size(self, d: &Docks) -> f64 {
        match self {
            Edge::Side => d.side_width,
            Edge::Traffic => d.traffic_height.unwrap_or_else(traffic_height_now),
        }
    }

    /// `d` with this dock resized to `size` (kept within its bounds) and open.
    fn resized(self, d: Docks, size: f64) -> Docks {
        let size = size.clamp(self.min(), self.max());
        match self {
            Edge::Side => Docks {
                side_width: size,
                side: true,
                ..d
            },
            Edge::Traffic => Docks {
                traffic_height: Some(size),
                traffic: true,
                ..d
            },
        }
    }

    /// `d` with this dock folded or unfolded.
    fn toggled(self, d: Docks) -> Docks {
        match self {
            Edge::Side => Docks { side: !d.side, ..d },
            Edge::Traffic => Docks {
                traffic: !d.traffic,
                ..d
            },
        }
    }
}

fn window_size() -> (f64, f64) {
    let w = gloo::utils::window();
    let get = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (get(w.inner_width()), get(w.inner_height()))
}

/// The traffic panel's height on screen (before its user sets one).
fn traffic_height_now() -> f64 {
    gloo::utils::document()
        .query_selector(".traffic-dock")
        .ok()
        .flatten()
        .map_or(240.0, |el| el.get_bounding_client_rect().height())
}

/// Properties of [`Splitter`].
#[derive(Properties, PartialEq)]
pub struct SplitterProps {
    /// The edge it moves.
    pub edge: Edge,
}

/// A dock's edge: drag it, or focus it and use the arrow keys (Enter folds the dock).
#[component]
pub fn Splitter(props: &SplitterProps) -> Html {
    let lang = use_lang();
    let docks = use_context::<DocksContext>().expect("docks context");
    let edge = props.edge;
    // A drag holds the pointer (pointer capture), so its moves and its end come to the edge
    // itself wherever the pointer goes.
    let dragging = use_mut_ref(|| false);
    let onpointerdown = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            e.prevent_default();
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *dragging.borrow_mut() = true;
        })
    };
    let onpointermove = {
        let (docks, dragging) = (docks.clone(), dragging.clone());
        Callback::from(move |e: PointerEvent| {
            if *dragging.borrow() {
                let size = edge.size_at(f64::from(e.client_x()), f64::from(e.client_y()));
                docks.set(edge.resized(*docks, size));
            }
        })
    };
    let end = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let onkeydown = {
        let docks = docks.clone();
        Callback::from(move |e: KeyboardEvent| {
            let size = edge.size(&docks);
            let grow = match (edge, e.key().as_str()) {
                (Edge::Side, "ArrowLeft") | (Edge::Traffic, "ArrowUp") => STEP,
                (Edge::Side, "ArrowRight") | (Edge::Traffic, "ArrowDown") => -STEP,
                (_, "Enter") => {
                    e.prevent_default();
                    docks.set(edge.toggled(*docks));
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            docks.set(edge.resized(*docks, size + grow));
        })
    };
    let (label, orientation) = match edge {
        Edge::Side => (t(lang, "Resize the side panel"), "vertical"),
        Edge::Traffic => (t(lang, "Resize the traffic panel"), "horizontal"),
    };
    let now = edge.size(&docks).round();
    html! {
        <div class={classes!("splitter", orientation)} role="separator" tabindex="0"
            aria-label={label} aria-orientation={orientation}
            aria-valuenow={now.to_string()} aria-valuemin={edge.min().to_string()}
            aria-valuemax={edge.max().round().to_string()}
            {onpointerdown} {onpointermove} onpointerup={end.clone()}
            onpointercancel={end.clone()} onlostpointercapture={end} {onkeydown} />
    }
}

/// Properties of [`FoldButton`].
#[derive(Properties, PartialEq)]
pub struct FoldProps {
    /// The dock it folds.
    pub dock: Dock,
}

/// A dock that folds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dock {
    /// The palette (to its badges).
    Palette,
    /// The side column (to a rail).
    Side,
    /// The traffic panel (to its heading and verdict).
    Traffic,
}

/// The button that folds or unfolds a dock; its name says what it will do.
#[component]
pub fn FoldButton(props: &FoldProps) -> Html {
    let lang = use_lang();
    let docks = use_context::<DocksContext>().expect("docks context");
    let d = *docks;
    let open = match props.dock {
        Dock::Palette => d.palette,
        Dock::Side => d.side,
        Dock::Traffic => d.traffic,
    };
    let (name, glyph) = match (props.dock, open) {
        (Dock::Palette, true) => (t(lang, "Hide part names"), "«"),
        (Dock::Palette, false) => (t(lang, "Show part names"), "»"),
        (Dock::Side, true) => (t(lang, "Hide the side panel"), "»"),
        (Dock::Side, false) => (t(lang, "Show the side panel"), "«"),
        (Dock::Traffic, true) => (t(lang, "Fold the traffic panel"), "▾"),
        (Dock::Traffic, false) => (t(lang, "Unfold the traffic panel"), "▴"),
    };
    let dock = props.dock;
    let onclick = Callback::from(move |_: MouseEvent| {
        let d = *docks;
        docks.set(match dock {
            Dock::Palette => Docks {
                palette: !d.palette,
                ..d
            },
            Dock::Side => Docks { side: !d.side, ..d },
            Dock::Traffic => Docks {
                traffic: !d.traffic,
                ..d
            },
        });
    });
    html! {
        <button type="button" class="fold" aria-label={name} title={name}
            aria-expanded={open.to_string()} {onclick}>
            { glyph }
        </button>
    }
}
