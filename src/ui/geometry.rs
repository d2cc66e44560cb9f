//! Where parts sit on the canvas, for drawing and for animating packets between them.

use crate::model::{Rect, Scenario};

/// Size of a part that is not a container (instances, gateways, hosts), in canvas units.
pub use crate::layout::NODE_SIZE;

/// The rectangle of part `id` on the canvas, from the scenario's `layout` (parts that are not
/// containers get the node size).
pub fn part_rect(scenario: &Scenario, id: &str) -> Option<Rect> {
    let r = scenario.layout.get(id)?;
    let (w, h) = if r.w > 0.0 && r.h > 0.0 {
        (r.w, r.h)
    } else {
        (NODE_SIZE, NODE_SIZE)
    };
    Some(Rect {
        x: r.x,
        y: r.y,
        w,
        h,
    })
}

/// The centre of part `id` on the canvas.
pub fn part_center(scenario: &Scenario, id: &str) -> Option<(f64, f64)> {
    part_rect(scenario, id).map(|r| (r.x + r.w / 2.0, r.y + r.h / 2.0))
}
