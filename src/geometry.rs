//! Where parts sit on the canvas: the sizes parts are drawn at, the box of each part, the
//! point tests the editor and the canvas share, and the availability-zone bands of a VPC. Plain
//! Rust, no browser types: the layout, the editor, the lines, the pictures and the canvas all
//! measure with these.

use crate::model::{Rect, Scenario};
use std::collections::BTreeSet;

/// Size of a part that is not a container (instances, gateways, hosts), in canvas units.
pub const NODE_SIZE: f64 = 56.0;
/// The snapping grid.
pub const GRID: f64 = 20.0;
/// Padding inside a VPC, around its bands.
pub const VPC_PAD: f64 = 20.0;
/// Height of a VPC's title area (name, CIDR, zone names).
pub const VPC_HEAD: f64 = 60.0;
/// Height of a subnet's title area (name, CIDR).
pub const SUBNET_HEAD: f64 = 44.0;
/// Width of a node's slot in a subnet's grid (icon plus its label).
pub const SLOT_W: f64 = 120.0;
/// Height of a node's slot (icon plus two label lines).
pub const SLOT_H: f64 = 100.0;
/// Default subnet size.
pub const SUBNET_W: f64 = 280.0;
/// Default subnet height.
pub const SUBNET_H: f64 = 160.0;
/// Default VPC size.
pub const VPC_W: f64 = 680.0;
/// Default VPC height.
pub const VPC_H: f64 = 440.0;
/// The region used when no subnet names one.
pub const DEFAULT_REGION: &str = "ap-northeast-2";

/// The region of the scenario's zones: `ap-northeast-2` for `ap-northeast-2a`.
pub fn region_of(s: &Scenario) -> String {
    s.subnets
        .iter()
        .map(|x| x.az.trim())
        .find(|az| az.len() > 1 && az.ends_with(|c: char| c.is_ascii_lowercase()))
        .map(|az| az[..az.len() - 1].to_string())
        .unwrap_or_else(|| DEFAULT_REGION.to_string())
}

/// The availability zones drawn as bands in VPC `vpc`: those its subnets use, in order, padded
/// with the region's next zones to at least two.
pub fn zones_of(s: &Scenario, vpc: &str) -> Vec<String> {
    let mut zones: BTreeSet<String> = crate::sorting::set_of(
        (s.subnets.iter())
            .filter(|x| x.vpc == vpc && !x.az.is_empty())
            .map(|x| x.az.clone()),
    );
    let region = region_of(s);
    let mut letter = b'a';
    while zones.len() < 2 && letter <= b'z' {
        zones.insert(format!("{region}{}", letter as char));
        letter += 1;
    }
    zones.into_iter().collect()
}

/// The rectangle a part occupies on the canvas (nodes are `NODE_SIZE` squares).
pub fn rect_of(s: &Scenario, id: &str) -> Option<Rect> {
    let r = *s.layout.get(id)?;
    Some(if r.w > 0.0 && r.h > 0.0 {
        r
    } else {
        Rect {
            w: NODE_SIZE,
            h: NODE_SIZE,
            ..r
        }
    })
}

/// Whether the point (`x`, `y`) is in box `r`, its edges included.
pub fn inside(r: &Rect, x: f64, y: f64) -> bool {
    x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h
}

/// The index of the last of `ids` whose box in `s` holds the point `(x, y)` (grown by `margin`
/// on every side): the last drawn wins.
fn last_holding<'a>(
    s: &Scenario,
    ids: impl DoubleEndedIterator<Item = &'a String> + ExactSizeIterator,
    (x, y): (f64, f64),
    margin: f64,
) -> Option<usize> {
    ids.enumerate()
        .rev()
        .find(|(_, id)| {
            s.layout.get(*id).is_some_and(|r| {
                let grown = Rect {
                    x: r.x - margin,
                    y: r.y - margin,
                    w: r.w + 2.0 * margin,
                    h: r.h + 2.0 * margin,
                };
                inside(&grown, x, y)
            })
        })
        .map(|(i, _)| i)
}

/// The index of the subnet whose box holds the point, if any (the last drawn wins).
pub fn subnet_at(s: &Scenario, x: f64, y: f64) -> Option<usize> {
    last_holding(s, s.subnets.iter().map(|n| &n.id), (x, y), 0.0)
}

/// The index of the VPC whose box holds the point, if any.
pub fn vpc_at(s: &Scenario, x: f64, y: f64) -> Option<usize> {
    last_holding(s, s.vpcs.iter().map(|v| &v.id), (x, y), 0.0)
}

/// The index of the VPC whose box holds the point or whose edge is within `margin` of it.
pub fn vpc_near(s: &Scenario, x: f64, y: f64, margin: f64) -> Option<usize> {
    last_holding(s, s.vpcs.iter().map(|v| &v.id), (x, y), margin)
}

/// The availability-zone bands of VPC `vpc` as (zone, left, right) in canvas units.
pub fn az_bands(s: &Scenario, vpc: &str) -> Vec<(String, f64, f64)> {
    let Some(r) = s.layout.get(vpc) else {
        return Vec::new();
    };
    let zones = zones_of(s, vpc);
    let inner = (r.w - 2.0 * VPC_PAD).max(1.0);
    let w = inner / zones.len() as f64;
    zones
        .into_iter()
        .enumerate()
        .map(|(i, z)| {
            let x0 = r.x + VPC_PAD + w * i as f64;
            (z, x0, x0 + w)
        })
        .collect()
}

/// The availability zone of the band of VPC `vpc` under canvas x coordinate `x`.
pub fn zone_at(s: &Scenario, vpc: &str, x: f64) -> Option<String> {
    let bands = az_bands(s, vpc);
    let last = bands.len().checked_sub(1)?;
    let i = bands.iter().position(|b| x < b.2).unwrap_or(last);
    Some(bands[i].0.clone())
}

/// The centre of part `id` on the canvas.
pub fn centre_of(s: &Scenario, id: &str) -> Option<(f64, f64)> {
    rect_of(s, id).map(|r| (r.x + r.w / 2.0, r.y + r.h / 2.0))
}

/// A number as the canvas writes it in SVG attributes and saved sizes (`12.5`, `-3`, `1e3`),
/// read by the JSON number reader the app carries already, so its bundle needs no second float
/// parser; `None` for anything that is not a JSON number.
pub fn number(text: &str) -> Option<f64> {
    serde_json::from_str::<f64>(text.trim()).ok()
}

#[cfg(test)]
mod number_tests {
    #[test]
    fn numbers_read_as_svg_writes_them() {
        assert_eq!(super::number(" 12.5 "), Some(12.5));
        assert_eq!(super::number("-3"), Some(-3.0));
        assert_eq!(super::number("1e3"), Some(1000.0));
        assert_eq!(super::number("12px"), None);
        assert_eq!(super::number(""), None);
    }
}
