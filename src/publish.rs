//! How a picture made to be published differs from the canvas: the availability-zone bands that
//! no subnet uses (the canvas keeps at least two per VPC, as places to drop subnets) are cut out,
//! the VPC's box narrowing and what stood to the right of a cut band moving left by its width.
//! Plain Rust; the browser's picture export applies the cuts to its copy of the canvas.

use crate::geometry::{inside, rect_of};
use crate::geometry::{zones_of, VPC_PAD};
use crate::model::{Rect, Scenario};

/// One band cut out of a VPC's box.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneCut {
    /// The VPC.
    pub vpc: String,
    /// The VPC's box on the canvas.
    pub area: Rect,
    /// The band's position among the VPC's bands, from 0 (as the canvas draws them).
    pub band: usize,
    /// The band's left edge on the canvas.
    pub left: f64,
    /// How much narrower the VPC gets.
    pub width: f64,
}

/// What a picture of a scenario leaves out: the bands cut, and the parts on a VPC's edge (its
/// internet gateway) that move along that edge as it narrows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cuts {
    /// The bands cut out.
    pub bands: Vec<ZoneCut>,
    /// Parts on the top edge of a narrowed VPC: their box and how far they move left (in
    /// proportion to where they sit along the edge).
    pub attached: Vec<(String, Rect, f64)>,
}

/// The bands of `s`'s VPCs that no subnet uses (by its zone, or by where it was drawn).
pub fn zone_cuts(s: &Scenario) -> Cuts {
    let mut bands = Vec::new();
    for vpc in &s.vpcs {
        let Some(area) = rect_of(s, &vpc.id) else {
            continue;
        };
        let zones = zones_of(s, &vpc.id);
        let width = (area.w - 2.0 * VPC_PAD).max(1.0) / zones.len().max(1) as f64;
        for (band, zone) in zones.iter().enumerate() {
            let left = area.x + VPC_PAD + width * band as f64;
            // Empty: no subnet is in that zone, and none was drawn over the band either.
            let used = s.subnets.iter().filter(|x| x.vpc == vpc.id).any(|x| {
                x.az == *zone
                    || rect_of(s, &x.id).is_some_and(|r| r.x < left + width && r.x + r.w > left)
            });
            if !used {
                bands.push(ZoneCut {
                    vpc: vpc.id.clone(),
                    area,
                    band,
                    left,
                    width,
                });
            }
        }
    }
    let mut cuts = Cuts {
        bands,
        attached: Vec::new(),
    };
    for g in &s.internet_gateways {
        let Some(vpc) = g.vpc.as_deref() else {
            continue;
        };
        let (Some(r), Some(area)) = (rect_of(s, &g.id), rect_of(s, vpc)) else {
            continue;
        };
        let narrower = cuts.narrowed(vpc);
        if narrower > 0.0 {
            let along = ((r.x + r.w / 2.0 - area.x) / area.w.max(1.0)).clamp(0.0, 1.0);
            cuts.attached.push((g.id.clone(), r, narrower * along));
        }
    }
    cuts
}

impl Cuts {
    /// Whether nothing is cut.
    pub fn is_empty(&self) -> bool {
        self.bands.is_empty()
    }

    /// How far left the point (`x`, `y`) moves: with the part on a VPC's edge it lies on, or by
    /// the widths of the cut bands to its left inside the VPC that holds it.
    pub fn shift_at(&self, x: f64, y: f64) -> f64 {
        if let Some((_, _, dx)) = self.attached.iter().find(|(_, r, _)| inside(r, x, y)) {
            return *dx;
        }
        self.bands
            .iter()
            .filter(|c| {
                let a = c.area;
                y >= a.y && y <= a.y + a.h && x >= c.left + c.width && x <= a.x + a.w
            })
            .map(|c| c.width)
            .sum()
    }

    /// How much narrower VPC `vpc`'s box gets.
    pub fn narrowed(&self, vpc: &str) -> f64 {
        self.bands
            .iter()
            .filter(|c| c.vpc == vpc)
            .map(|c| c.width)
            .sum()
    }
}

/// A path's `d` (absolute `M`/`L` commands, as the canvas writes them) with its points moved.
pub fn shift_path(d: &str, cuts: &Cuts) -> String {
    let mut out = String::new();
    let mut numbers: Vec<f64> = Vec::new();
    let flush = |command: char, numbers: &mut Vec<f64>, out: &mut String| {
        for pair in numbers.chunks(2) {
            if let [x, y] = pair {
                let dx = cuts.shift_at(*x, *y);
                out.push_str(&format!("{command}{:.1} {y:.1} ", x - dx));
            }
        }
        numbers.clear();
    };
    let mut command = 'M';
    for token in d.split(|c: char| c.is_whitespace() || c == ',') {
        let token = token.trim();
        if token.is_empty() {
            continue;
        }
        let (letter, rest) = match token.chars().next() {
            Some(c @ ('M' | 'L')) => (Some(c), &token[1..]),
            _ => (None, token),
        };
        if let Some(c) = letter {
            flush(command, &mut numbers, &mut out);
            command = c;
        }
        if let Some(v) = crate::geometry::number(rest) {
            numbers.push(v);
        }
    }
    flush(command, &mut numbers, &mut out);
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fill_missing;

    fn imported_one_zone() -> Scenario {
        let mut s: Scenario = serde_json::from_value(serde_json::json!({
            "version": 1,
            "vpcs": [{"id": "vpc-1", "name": "prod", "cidrs": ["10.0.0.0/16"]}],
            "subnets": [
                {"id": "subnet-a", "name": "web", "vpc": "vpc-1", "az": "us-east-1b", "cidr": "10.0.1.0/24"},
                {"id": "subnet-b", "name": "app", "vpc": "vpc-1", "az": "us-east-1b", "cidr": "10.0.2.0/24"}
            ],
            "instances": [{"id": "i-1", "name": "web-1", "interfaces": [{"id": "eni-1", "subnet": "subnet-a", "private_ip": "10.0.1.10"}]}],
            "internet_gateways": [{"id": "igw-1", "name": "igw", "vpc": "vpc-1"}]
        }))
        .unwrap();
        fill_missing(&mut s);
        s
    }

    #[test]
    fn an_import_in_one_zone_has_its_empty_band_cut_and_what_is_right_of_it_moves_left() {
        let s = imported_one_zone();
        // The canvas pads the VPC to two bands: us-east-1a (empty, first) and us-east-1b.
        assert_eq!(zones_of(&s, "vpc-1"), ["us-east-1a", "us-east-1b"]);
        let cuts = zone_cuts(&s);
        assert_eq!(cuts.bands.len(), 1);
        assert_eq!(cuts.bands[0].band, 0);
        let vpc = rect_of(&s, "vpc-1").unwrap();
        assert!((cuts.narrowed("vpc-1") - (vpc.w - 2.0 * VPC_PAD) / 2.0).abs() < 1e-9);
        // The subnets stood in the second band: they move left by one band, onto the first.
        let web = rect_of(&s, "subnet-a").unwrap();
        let moved = cuts.shift_at(web.x + 1.0, web.y + 1.0);
        assert_eq!(moved, cuts.bands[0].width);
        let band_1 = cuts.bands[0].left + cuts.bands[0].width;
        assert!((web.x - moved - cuts.bands[0].left - (web.x - band_1)).abs() < 1e-9);
        // The VPC's own corner and anything outside it stay.
        assert_eq!(cuts.shift_at(vpc.x + 1.0, vpc.y + 1.0), 0.0);
        assert_eq!(cuts.shift_at(vpc.x + vpc.w + 30.0, vpc.y + 10.0), 0.0);
        assert_eq!(cuts.shift_at(web.x + 1.0, vpc.y - 50.0), 0.0);
        // The internet gateway stays on the VPC's top edge, at the same place along it.
        let igw = rect_of(&s, "igw-1").unwrap();
        let centre = |r: Rect, w: f64| (r.x + r.w / 2.0 - vpc.x) / w;
        let dx = cuts.shift_at(igw.x + 1.0, igw.y + 1.0);
        let moved_igw = Rect {
            x: igw.x - dx,
            ..igw
        };
        let narrow = vpc.w - cuts.narrowed("vpc-1");
        assert!((centre(igw, vpc.w) - centre(moved_igw, narrow)).abs() < 1e-9);
        // A flow's path: each point moves by what its own place says.
        let (wx, wy) = (web.x + 10.0, web.y + 10.0);
        let d = format!("M{wx} {wy} L{:.1} {:.1}", vpc.x + vpc.w + 30.0, wy);
        assert_eq!(
            shift_path(&d, &cuts),
            format!(
                "M{:.1} {wy:.1} L{:.1} {wy:.1}",
                wx - moved,
                vpc.x + vpc.w + 30.0
            )
        );
    }

    #[test]
    fn no_template_loses_a_band_that_holds_a_subnet() {
        let mut cut_some = false;
        for t in crate::templates::all() {
            let s = t.scenario();
            let cuts = zone_cuts(&s);
            cut_some |= !cuts.is_empty();
            for x in &s.subnets {
                let (Some(v), Some(r)) = (rect_of(&s, &x.vpc), rect_of(&s, &x.id)) else {
                    continue;
                };
                let moved = cuts.shift_at(r.x + 1.0, r.y + 1.0);
                let right = v.x + v.w - cuts.narrowed(&x.vpc);
                assert!(
                    r.x - moved >= v.x && r.x + r.w - moved <= right + 1e-9,
                    "{}: {} at {}..{} outside {}..{right}",
                    t.id,
                    x.id,
                    r.x - moved,
                    r.x + r.w - moved,
                    v.x
                );
                for n in crate::layout::nodes_in(&s, &x.id) {
                    let Some(nr) = rect_of(&s, &n) else { continue };
                    assert_eq!(cuts.shift_at(nr.x + 1.0, nr.y + 1.0), moved, "{n}");
                }
            }
        }
        assert!(!cut_some, "the templates draw their subnets in every band");
    }
}
