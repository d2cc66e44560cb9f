//! Draws the lines between parts ([`crate::lines`] says where they go and how they bend).

use crate::lines::Line;
use yew::prelude::*;

pub use crate::lines::lines as edges;

/// The SVG path of a line's points.
fn path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push_str(&format!("{}{x:.1} {y:.1} ", if i == 0 { 'M' } else { 'L' }));
    }
    d.trim_end().to_string()
}

/// Draws `lines` as an SVG group (under the nodes, over the containers).
pub fn draw(lines: &[Line]) -> Html {
    html! {
        <g class="edges" aria-hidden="true">
            { for lines.iter().map(|e| html! {
                <path key={e.key.clone()} class={classes!("edge", e.class)} d={path(&e.points)}
                    marker-end="url(#arrow)">
                    <title>{ &e.title }</title>
                </path>
            }) }
        </g>
    }
}
