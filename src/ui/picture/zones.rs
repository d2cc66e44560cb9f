//! Cuts the availability-zone bands that no subnet uses out of the picture's copy of the canvas
//! ([`crate::publish`] says which and by how much): their band goes, the VPC's box narrows, and
//! every part, line and flow point to the right of a cut band inside that VPC moves left.

use web_sys::Element;

use super::elements as all;

use crate::model::Scenario;
use crate::publish::{shift_path, zone_cuts, Cuts, ZoneCut};

/// The numeric attribute `name` of `e`.
fn number(e: &Element, name: &str) -> Option<f64> {
    crate::geometry::number(&e.get_attribute(name)?)
}

/// The `(x, y)` of a `translate(x y)` transform.
fn translate_of(e: &Element) -> Option<(f64, f64)> {
    let t = e.get_attribute("transform")?;
    let inner = t.trim().strip_prefix("translate(")?.strip_suffix(')')?;
    let mut it = inner.split([' ', ',']).filter(|p| !p.is_empty());
    let mut next = || crate::geometry::number(it.next()?);
    Some((next()?, next()?))
}

/// Moves the point given by attributes `x` and `y` of `e` left as the cuts say.
fn shift_point(e: &Element, cuts: &Cuts, x: &str, y: &str) {
    if let (Some(px), Some(py)) = (number(e, x), number(e, y)) {
        let dx = cuts.shift_at(px, py);
        if dx > 0.0 {
            let _ = e.set_attribute(x, &format!("{:.1}", px - dx));
        }
    }
}

/// Applies the cuts of `s` to `copy` (the canvas SVG, its parts still carrying `data-id`).
/// Returns whether anything was cut.
pub fn cut_empty_zones(copy: &Element, s: &Scenario) -> bool {
    let cuts = zone_cuts(s);
    if cuts.is_empty() {
        return false;
    }
    for part in all(copy, ".cpart[data-id]") {
        let Some((x, y)) = translate_of(&part) else {
            continue;
        };
        let id = part.get_attribute("data-id").unwrap_or_default();
        let narrower = cuts.narrowed(&id);
        if narrower > 0.0 {
            if let Some(body) = all(&part, ".box").first() {
                if let Some(w) = number(body, "width") {
                    let _ = body.set_attribute("width", &format!("{:.1}", w - narrower));
                }
            }
            let mine: Vec<&ZoneCut> = cuts.bands.iter().filter(|c| c.vpc == id).collect();
            for (i, band) in all(&part, ".band").into_iter().enumerate() {
                if mine.iter().any(|c| c.band == i) {
                    band.remove();
                    continue;
                }
                let dx: f64 = mine.iter().filter(|c| c.band < i).map(|c| c.width).sum();
                for e in all(&band, "[x]") {
                    if let Some(bx) = number(&e, "x") {
                        let _ = e.set_attribute("x", &format!("{:.1}", bx - dx));
                    }
                }
            }
        }
        let dx = cuts.shift_at(x + 1.0, y + 1.0);
        if dx > 0.0 {
            let _ = part.set_attribute("transform", &format!("translate({:.1} {y})", x - dx));
        }
    }
    for line in all(copy, ".edges line") {
        shift_point(&line, &cuts, "x1", "y1");
        shift_point(&line, &cuts, "x2", "y2");
    }
    for path in all(copy, ".edges path, .packets path") {
        if let Some(d) = path.get_attribute("d") {
            let _ = path.set_attribute("d", &shift_path(&d, &cuts));
        }
    }
    for dot in all(copy, ".packets circle[cx]") {
        shift_point(&dot, &cuts, "cx", "cy");
    }
    for e in all(copy, ".packets text, .packets rect") {
        shift_point(&e, &cuts, "x", "y");
    }
    for g in all(copy, ".packets g[transform]") {
        if let Some((x, y)) = translate_of(&g) {
            let dx = cuts.shift_at(x, y);
            let _ = g.set_attribute("transform", &format!("translate({:.1} {y})", x - dx));
        }
    }
    true
}
