//! The canvas viewport: how far it is panned and how much it is zoomed, shared by the canvas (which
//! draws with it) and the palette (which drops parts through it).

use crate::model::Rect;
use yew::prelude::*;

/// The id of the canvas `<svg>` element.
pub const CANVAS_ID: &str = "canvas";
/// Smallest zoom.
pub const MIN_ZOOM: f64 = 0.1;
/// Largest zoom.
pub const MAX_ZOOM: f64 = 3.0;

/// A pan and zoom: screen = canvas × `zoom` + (`x`, `y`), in CSS pixels from the canvas's corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Horizontal pan.
    pub x: f64,
    /// Vertical pan.
    pub y: f64,
    /// Scale factor.
    pub zoom: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        }
    }
}

impl View {
    /// The canvas point under screen point (`sx`, `sy`) (relative to the canvas element).
    pub fn to_canvas(self, sx: f64, sy: f64) -> (f64, f64) {
        ((sx - self.x) / self.zoom, (sy - self.y) / self.zoom)
    }

    /// Zoomed by `factor`, keeping screen point (`sx`, `sy`) over the same canvas point.
    pub fn zoom_at(self, factor: f64, sx: f64, sy: f64) -> View {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let (cx, cy) = self.to_canvas(sx, sy);
        View {
            x: sx - cx * zoom,
            y: sy - cy * zoom,
            zoom,
        }
    }

    /// The view that shows all of `bounds` in a `w` × `h` element, at most 100%: it uses the room
    /// there is, with a small margin, below the `top` pixels the zoom bar takes.
    pub fn fit(bounds: Rect, w: f64, h: f64, top: f64) -> View {
        const SIDE: f64 = 20.0;
        let zoom = ((w - 2.0 * SIDE) / bounds.w.max(1.0))
            .min((h - top - SIDE) / bounds.h.max(1.0))
            .clamp(MIN_ZOOM, 1.0);
        View {
            x: (w - bounds.w * zoom) / 2.0 - bounds.x * zoom,
            y: top + (h - top - SIDE - bounds.h * zoom) / 2.0 - bounds.y * zoom,
            zoom,
        }
    }

    /// The SVG transform that applies this view.
    pub fn transform(self) -> String {
        format!(
            "translate({:.1} {:.1}) scale({:.4})",
            self.x, self.y, self.zoom
        )
    }
}

/// The shared viewport.
pub type ViewContext = UseStateHandle<View>;

/// The canvas element's box on screen: (left, top, width, height).
pub fn canvas_box() -> Option<(f64, f64, f64, f64)> {
    let el = web_sys::window()?
        .document()?
        .get_element_by_id(CANVAS_ID)?;
    let r = el.get_bounding_client_rect();
    Some((r.left(), r.top(), r.width(), r.height()))
}

/// The canvas point under client point (`cx`, `cy`), or `None` when it is not over the canvas.
pub fn client_to_canvas(view: View, cx: f64, cy: f64) -> Option<(f64, f64)> {
    let (l, t, w, h) = canvas_box()?;
    let (sx, sy) = (cx - l, cy - t);
    (sx >= 0.0 && sy >= 0.0 && sx <= w && sy <= h).then(|| view.to_canvas(sx, sy))
}

/// Pans `view` as little as possible so that canvas box `r` (plus a label's height) is on screen.
pub fn ensure_visible(view: &ViewContext, r: Rect) {
    let Some((_, _, w, h)) = canvas_box() else {
        return;
    };
    let v = **view;
    let margin = 24.0;
    let (x0, y0) = (r.x * v.zoom + v.x, r.y * v.zoom + v.y);
    let (x1, y1) = (
        (r.x + r.w) * v.zoom + v.x,
        (r.y + r.h + 34.0) * v.zoom + v.y,
    );
    let dx = if x0 < margin {
        margin - x0
    } else if x1 > w - margin {
        (w - margin - x1).max(margin - x0)
    } else {
        0.0
    };
    let dy = if y0 < margin {
        margin - y0
    } else if y1 > h - margin {
        (h - margin - y1).max(margin - y0)
    } else {
        0.0
    };
    if dx != 0.0 || dy != 0.0 {
        view.set(View {
            x: v.x + dx,
            y: v.y + dy,
            zoom: v.zoom,
        });
    }
}

/// Whether a scenario whose parts are `now` replaced the one whose parts were `before` (a
/// template, an import, a link or a lesson opened, or the undo of one) rather than editing it:
/// fewer than half of the earlier parts are still there.
pub fn replaced(before: &[String], now: &[String]) -> bool {
    if before.is_empty() {
        return false;
    }
    let now: rustc_hash::FxHashSet<&String> = now.iter().collect();
    let kept = before.iter().filter(|id| now.contains(id)).count();
    kept * 2 < before.len()
}

thread_local! {
    /// Set when the next scenario on the canvas replaces the current one, so the canvas fits it.
    static FIT_NEXT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set with [`FIT_NEXT`], for the traffic panel: its flows belong to the scenario before.
    static OPENED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks the canvas to fit the next scenario it shows (called just before a template, an
/// import, a link or a lesson replaces the one on the canvas).
pub fn fit_next() {
    FIT_NEXT.with(|f| f.set(true));
    OPENED.with(|f| f.set(true));
}

/// Whether another scenario was opened since the last call (and clears it): the traffic panel
/// then drops the flows whose parts are not in it.
pub fn take_opened() -> bool {
    OPENED.with(|f| f.replace(false))
}

/// Whether a fit was asked for since the last call (and clears the request).
pub fn take_fit_request() -> bool {
    FIT_NEXT.with(|f| f.replace(false))
}
