//! The drag controller: what a pointer gesture on the canvas is doing (moving parts, resizing a
//! container, drawing a selection box, panning), and what it shows while it runs. A drag only
//! changes this local state; the scenario is edited once, on release.

use crate::edit::find::part_ids;
use crate::geometry::rect_of;
use crate::layout::snap;
use crate::model::{Rect, Scenario};
use std::collections::BTreeSet;
use std::rc::Rc;

use super::super::view::View;

/// A gesture in progress.
#[derive(Debug, Clone, PartialEq)]
pub enum Gesture {
    /// Pressed on a part: dragging `ids` (and what they hold) once the pointer moves.
    Move {
        /// The parts being dragged.
        ids: Vec<String>,
        /// Everything that moves with them.
        set: Rc<BTreeSet<String>>,
        /// The canvas point where the press started.
        start: (f64, f64),
        /// Whether the pointer has moved far enough to count as a drag.
        moved: bool,
    },
    /// Dragging a container's resize handle.
    Resize {
        /// The container.
        id: String,
        /// Where the press started.
        start: (f64, f64),
        /// Size at the start.
        size: (f64, f64),
    },
    /// Drawing a selection box.
    Select {
        /// The corner where it started.
        start: (f64, f64),
        /// Whether the box adds to the selection (shift).
        additive: bool,
        /// A part shift-pressed: toggled in the selection if the pointer does not move.
        toggle: Option<String>,
    },
    /// Panning the view.
    Pan {
        /// The client point where it started.
        start: (f64, f64),
        /// The view at the start.
        view: View,
    },
}

/// What the canvas draws for the gesture in progress.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Live {
    /// Nothing.
    #[default]
    Idle,
    /// Parts in `set` are drawn offset by (`dx`, `dy`).
    Moving {
        /// The parts drawn offset.
        set: Rc<BTreeSet<String>>,
        /// Horizontal offset.
        dx: f64,
        /// Vertical offset.
        dy: f64,
    },
    /// A container drawn at a new size.
    Resizing {
        /// The container.
        id: String,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
    },
    /// A selection box.
    Boxing(Rect),
}

impl Live {
    /// Part `id`'s box as drawn now.
    pub fn rect(&self, s: &Scenario, id: &str) -> Option<Rect> {
        let r = s.layout.get(id).copied()?;
        Some(match self {
            Live::Moving { set, dx, dy } if set.contains(id) => Rect {
                x: r.x + dx,
                y: r.y + dy,
                ..r
            },
            Live::Resizing { id: rid, w, h } if rid == id => Rect { w: *w, h: *h, ..r },
            _ => r,
        })
    }
}

/// The offset of a move from `start` to `now`, snapped to the grid when `snapping`.
pub fn offset(start: (f64, f64), now: (f64, f64), snapping: bool) -> (f64, f64) {
    let (dx, dy) = (now.0 - start.0, now.1 - start.1);
    if snapping {
        (snap(dx), snap(dy))
    } else {
        (dx.round(), dy.round())
    }
}

/// The box with corners `a` and `b`.
pub fn span(a: (f64, f64), b: (f64, f64)) -> Rect {
    Rect {
        x: a.0.min(b.0),
        y: a.1.min(b.1),
        w: (a.0 - b.0).abs(),
        h: (a.1 - b.1).abs(),
    }
}

/// The parts lying wholly inside `area`.
pub fn parts_in(s: &Scenario, area: Rect) -> Vec<String> {
    part_ids(s)
        .into_iter()
        .filter(|id| {
            rect_of(s, id).is_some_and(|r| {
                r.x >= area.x
                    && r.y >= area.y
                    && r.x + r.w <= area.x + area.w
                    && r.y + r.h <= area.y + area.h
            })
        })
        .collect()
}

/// The box around every part, or `None` on an empty canvas.
pub fn bounds(s: &Scenario) -> Option<Rect> {
    let mut it = part_ids(s).into_iter().filter_map(|id| rect_of(s, &id));
    let first = it.next()?;
    let (mut x0, mut y0) = (first.x, first.y);
    let (mut x1, mut y1) = (first.x + first.w, first.y + first.h);
    for r in it {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.x + r.w);
        y1 = y1.max(r.y + r.h + 34.0);
    }
    Some(Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0 + 34.0,
    })
}
