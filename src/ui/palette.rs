//! The palette: the parts that can be placed on the canvas, grouped by family.

use yew::prelude::*;

use super::parts::{Family, PARTS};

/// The left column listing every part as a button named after it.
///
/// The buttons do nothing yet; placing parts comes with the canvas editor.
#[component]
pub fn Palette() -> Html {
    html! {
        <section class="palette" aria-label="Palette">
            { for Family::ALL.iter().map(|&family| group(family)) }
        </section>
    }
}

fn group(family: Family) -> Html {
    let heading_id = format!("palette-{}", family.css_class());
    html! {
        <div class="palette-group" role="group" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="palette-heading">{ family.title() }</h2>
            { for PARTS.iter().filter(|p| p.family == family).map(|part| html! {
                <button type="button" class="part" title={part.hint}>
                    <span class={classes!("badge", family.css_class())} aria-hidden="true">
                        { part.badge }
                    </span>
                    <span class="part-name">{ part.name }</span>
                </button>
            }) }
        </div>
    }
}
