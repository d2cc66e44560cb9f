//! Where parts sit on the canvas, for drawing and for animating packets between them.

use crate::model::Scenario;

/// Size of a part that is not a container (instances, gateways, hosts), in canvas units.
pub use crate::layout::NODE_SIZE;

/// The centre of part `id` on the canvas, from the scenario's `layout`.
pub fn part_center(scenario: &Scenario, id: &str) -> Option<(f64, f64)> {
    let r = scenario.layout.get(id)?;
    let (w, h) = if r.w > 0.0 && r.h > 0.0 {
        (r.w, r.h)
    } else {
        (NODE_SIZE, NODE_SIZE)
    };
    Some((r.x + w / 2.0, r.y + h / 2.0))
}
