//! How one part looks on the canvas: containers (VPCs with their zone bands, subnets) as boxes with
//! a title, nodes as a badge with their name and address underneath. Each part is a focusable SVG
//! group with `role="button"` named after the part.

use crate::edit::find::{locate, name_of, part_ids, Found};
use crate::edit::place::is_public;
use crate::geometry::{zones_of, NODE_SIZE, VPC_PAD};
use crate::model::{LbKind, Rect, Scenario, Scheme};
use crate::ui::lang::{t, tf, use_lang, Lang};
use std::borrow::Cow;
use std::rc::Rc;
use yew::prelude::*;

/// What kind of drawing a part gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A VPC box with its availability-zone bands (names).
    Vpc(Rc<Vec<String>>),
    /// A subnet box; whether it routes to an internet gateway.
    Subnet(bool),
    /// A node: its colour class and badge text.
    Node(&'static str, &'static str),
}

/// A part's look, computed once per scenario (not per pointer move).
#[derive(Debug, Clone, PartialEq)]
pub struct PartLook {
    /// The part's id.
    pub id: AttrValue,
    /// Its drawing.
    pub shape: Shape,
    /// Its name.
    pub name: AttrValue,
    /// Its CIDR or address.
    pub detail: AttrValue,
    /// Its zone (subnets), or another short note.
    pub note: AttrValue,
}

/// The look of every part of `s` that has a place on the canvas, in drawing order.
pub fn looks(s: &Scenario, lang: Lang) -> Vec<PartLook> {
    part_ids(s)
        .into_iter()
        .filter_map(|id| look(s, &id, lang))
        .collect()
}

fn look(s: &Scenario, id: &str, lang: Lang) -> Option<PartLook> {
    let found = locate(s, id)?;
    let ip = |n: &crate::model::Interface| n.private_ip.to_string();
    let (shape, detail, note) = match found {
        Found::Vpc(i) => (
            Shape::Vpc(Rc::new(zones_of(s, id))),
            (s.vpcs[i].cidrs.iter().map(|c| c.to_string()))
                .chain(s.vpcs[i].ipv6_cidrs.iter().map(|c| c.to_string()))
                .collect::<Vec<_>>()
                .join(", "),
            String::new(),
        ),
        Found::Subnet(i) => {
            let public = is_public(s, id);
            (
                Shape::Subnet(public),
                s.subnets[i].cidr.to_string(),
                format!(
                    "{} · {}",
                    if public {
                        t(lang, "public")
                    } else {
                        t(lang, "private")
                    },
                    s.subnets[i].az
                ),
            )
        }
        Found::Instance(i) => {
            let x = &s.instances[i];
            let (family, badge) = match x.role {
                crate::model::Role::Bastion => ("fam-compute", "BH"),
                crate::model::Role::NatInstance => ("fam-compute", "NI"),
                crate::model::Role::InterfaceEndpoint => ("fam-network", "VPCE"),
                _ => ("fam-compute", "EC2"),
            };
            let first = x.interfaces.first();
            (
                Shape::Node(family, badge),
                first.map(ip).unwrap_or_default(),
                first
                    .and_then(|n| n.public_ip.map(|p| p.to_string()))
                    .or_else(|| Some(first?.ipv6_addresses.first()?.to_string()))
                    .unwrap_or_default(),
            )
        }
        Found::Database(i) => {
            let x = &s.databases[i];
            let badge = if x.engine.is_cache() { "EC" } else { "RDS" };
            (
                Shape::Node("fam-data", badge),
                x.interfaces.first().map(ip).unwrap_or_default(),
                tf(lang, "port {}", &[&x.listen_port().to_string()]),
            )
        }
        Found::LoadBalancer(i) => {
            let x = &s.load_balancers[i];
            (
                Shape::Node(
                    "fam-network",
                    match x.kind {
                        LbKind::Application => "ALB",
                        LbKind::Network => "NLB",
                    },
                ),
                tf(lang, "{} nodes", &[&x.nodes.len().to_string()]),
                match x.scheme {
                    Scheme::InternetFacing => t(lang, "internet-facing").into(),
                    Scheme::Internal => t(lang, "internal").into(),
                },
            )
        }
        Found::InternetGateway(i) => (
            Shape::Node("fam-network", "IGW"),
            match &s.internet_gateways[i].vpc {
                Some(v) => tf(lang, "on {}", &[&name_of(s, v)]),
                None => t(lang, "detached").into(),
            },
            String::new(),
        ),
        Found::EgressOnlyInternetGateway(i) => (
            Shape::Node("fam-eigw", "EIGW"),
            tf(
                lang,
                "on {}",
                &[&name_of(s, &s.egress_only_internet_gateways[i].vpc)],
            ),
            String::new(),
        ),
        Found::NatGateway(_) | Found::GwlbEndpoint(_) => {
            let shape = match found {
                Found::NatGateway(_) => Shape::Node("fam-network", "NAT"),
                _ => Shape::Node("fam-gwlbe", "GWLBE"),
            };
            let n = crate::edit::find::interfaces_of(s, found)[0];
            let public = n.public_ip.map(|p| p.to_string()).unwrap_or_default();
            (shape, ip(n), public)
        }
        Found::TransitGateway(i) => {
            let n = s.transit_gateways[i].attachments.len();
            (
                Shape::Node("fam-network", "TGW"),
                tf(lang, "{} attachments", &[&n.to_string()]),
                String::new(),
            )
        }
        Found::VpnGateway(i) => (
            Shape::Node("fam-network", "VGW"),
            match &s.vpn_gateways[i].vpc {
                Some(v) => tf(lang, "on {}", &[&name_of(s, v)]),
                None => t(lang, "detached").into(),
            },
            String::new(),
        ),
        Found::OnPrem(i) => {
            let n = &s.on_prem_networks[i];
            (
                Shape::Node("fam-outside", "DC"),
                crate::edit::room::site_blocks(n),
                tf(lang, "{} links", &[&n.links.len().to_string()]),
            )
        }
        Found::Host(i) => {
            let h = &s.internet_hosts[i];
            let badge = if h.id.starts_with("laptop") {
                "ME"
            } else {
                "WWW"
            };
            (
                Shape::Node("fam-outside", badge),
                h.ip.to_string(),
                String::new(),
            )
        }
    };
    Some(PartLook {
        id: AttrValue::from(id.to_string()),
        shape,
        name: AttrValue::from(name_of(s, id)),
        detail: detail.into(),
        note: note.into(),
    })
}

/// Properties of [`PartView`].
#[derive(Properties, PartialEq)]
pub struct PartProps {
    /// What to draw.
    pub look: PartLook,
    /// Where (already offset while it is dragged).
    pub rect: Rect,
    /// Whether it is selected.
    pub selected: bool,
    /// The longest name a node shows whole (zoomed out, names grow and longer ones are cut
    /// short so they do not run into the next node); `None` shows every name whole.
    #[prop_or_default]
    pub name_chars: Option<usize>,
}

/// `name` cut to `max` characters with an ellipsis, when it is longer.
fn shortened(name: &str, max: Option<usize>) -> Cow<'_, str> {
    match max {
        Some(max) if name.chars().count() > max => {
            let mut cut: String = name.chars().take(max.saturating_sub(1).max(1)).collect();
            cut.push('…');
            cut.into()
        }
        _ => name.into(),
    }
}

/// One part on the canvas. Memoized by its properties, so a drag redraws only what moves.
#[component]
pub fn PartView(p: &PartProps) -> Html {
    let lang = use_lang();
    let l = &p.look;
    let r = p.rect;
    let transform = format!("translate({} {})", r.x, r.y);
    let class = classes!(
        "cpart",
        match l.shape {
            Shape::Vpc(_) => "cvpc",
            Shape::Subnet(true) => "csubnet public",
            Shape::Subnet(false) => "csubnet private",
            Shape::Node(..) => "cnode",
        },
        p.selected.then_some("selected")
    );
    let label = match &l.shape {
        Shape::Vpc(_) | Shape::Subnet(_) => format!("{} {}", l.name, l.detail),
        _ => format!("{} {}", l.name, l.detail),
    };
    let body = match &l.shape {
        Shape::Vpc(zones) => {
            let inner = (r.w - 2.0 * VPC_PAD).max(1.0);
            let bw = inner / zones.len().max(1) as f64;
            html! {
                <>
                <rect class="box" width={r.w.to_string()} height={r.h.to_string()} rx="10" />
                { for zones.iter().enumerate().map(|(i, z)| {
                    let x = VPC_PAD + bw * i as f64;
                    html! {
                        <g class="band" key={z.clone()}>
                            <rect x={x.to_string()} y="40" width={(bw - 4.0).max(1.0).to_string()}
                                height={(r.h - 48.0).max(1.0).to_string()} rx="6" />
                            <text x={(x + 8.0).to_string()} y="54" class="band-label">{ z }</text>
                        </g>
                    }
                }) }
                <g class="label-scale">
                    <text x="14" y="24" class="title">{ &*l.name }
                        <tspan class="detail" dx="10">{ &*l.detail }</tspan>
                    </text>
                </g>
                </>
            }
        }
        Shape::Subnet(_) => html! {
            <>
            <rect class="box" width={r.w.to_string()} height={r.h.to_string()} rx="8" />
            <g class="label-scale">
                <text x="12" y="20" class="title">{ &*l.name }
                    <tspan class="detail" dx="8">{ &*l.detail }</tspan>
                </text>
                <text x="12" y="36" class="note">{ &*l.note }</text>
            </g>
            </>
        },
        Shape::Node(fam, badge) => {
            let c = NODE_SIZE / 2.0;
            let shown = shortened(&l.name, p.name_chars);
            // A name cut short keeps the whole one for the pictures, drawn at 100%.
            let whole = matches!(shown, Cow::Owned(_)).then(|| l.name.to_string());
            html! {
                <>
                <rect class={classes!("icon", *fam)} width={NODE_SIZE.to_string()}
                    height={NODE_SIZE.to_string()} rx="12" />
                <text x={c.to_string()} y={(c + 5.0).to_string()} class="badge-text"
                    text-anchor="middle">{ *badge }</text>
                <g transform={format!("translate({c} {NODE_SIZE})")}>
                    <g class="label-scale">
                        <text y="15" class="title" text-anchor="middle" data-name={whole}>
                            { shown.into_owned() }</text>
                        <text y="29" class="detail" text-anchor="middle">{ &*l.detail }</text>
                    </g>
                </g>
                </>
            }
        }
    };
    let handle = (p.selected && matches!(l.shape, Shape::Vpc(_) | Shape::Subnet(_))).then(|| {
        html! {
            <rect class="resize-handle" data-resize={l.id.clone()} x={(r.w - 7.0).to_string()}
                y={(r.h - 7.0).to_string()} width="14" height="14" rx="3">
                <title>{ t(lang, "Drag to resize") }</title>
            </rect>
        }
    });
    html! {
        <g class={class} data-id={l.id.clone()} role="button" tabindex="0"
            aria-label={l.name.clone()} aria-description={label} aria-pressed={p.selected.to_string()}
            {transform}>
            { body }
            { handle }
        </g>
    }
}
