//! The diagram as a picture to publish: the canvas's own drawing copied into a standalone SVG
//! (styles inlined, cropped to the parts), without the editing state (selection, focus, resize
//! handles), with an optional title and a legend of what the picture shows, and as a PNG at 1×,
//! 2× or 3×. The same drawing serves the canvas and the export: nothing is drawn twice.

mod zones;

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Document, Element};

use super::lang::{t, Lang};
use super::parts::PARTS;
use super::view::CANVAS_ID;

/// What the picture holds besides the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureOptions {
    /// A title above the diagram; none when empty.
    pub title: String,
    /// Whether a legend goes under the diagram.
    pub legend: bool,
    /// Whether the flows drawn on the canvas (their paths and hops) are in the picture.
    pub flows: bool,
}

/// Style properties copied onto every element of an exported SVG, so it renders the same
/// without the page's stylesheet.
const STYLE_PROPS: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "paint-order",
    "visibility",
    "display",
];

const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// Room around the drawing.
const PAD: f64 = 24.0;
/// Height of the title line.
const TITLE_H: f64 = 40.0;
/// Height of one legend row.
const ROW_H: f64 = 24.0;

/// A new SVG element with these attributes.
fn el(doc: &Document, name: &str, attrs: &[(&str, String)]) -> Option<Element> {
    let e = doc.create_element_ns(Some(SVG_NS), name).ok()?;
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    Some(e)
}

/// The computed value of `prop` on the first element matching `selector` inside `root`.
fn style_of(root: &Element, selector: &str, prop: &str) -> Option<String> {
    let e = root.query_selector(selector).ok()??;
    let cs = gloo::utils::window().get_computed_style(&e).ok()??;
    cs.get_property_value(prop).ok().filter(|v| !v.is_empty())
}

/// Copies the computed style of every element of `from` onto the same element of `to`, and drops
/// what only makes sense on the page (roles, focus order, ARIA state).
fn inline_styles(from: &Element, to: &Element) -> Option<()> {
    let window = gloo::utils::window();
    let a_all = from.query_selector_all("*").ok()?;
    let b_all = to.query_selector_all("*").ok()?;
    for i in 0..a_all.length() {
        let (Some(a), Some(b)) = (a_all.item(i), b_all.item(i)) else {
            continue;
        };
        let (Ok(a), Ok(b)) = (a.dyn_into::<Element>(), b.dyn_into::<Element>()) else {
            continue;
        };
        let Ok(Some(cs)) = window.get_computed_style(&a) else {
            continue;
        };
        let style: String = STYLE_PROPS
            .iter()
            .filter_map(|p| {
                let v = cs.get_property_value(p).ok()?;
                (!v.is_empty()).then(|| format!("{p}:{v};"))
            })
            .collect();
        let _ = b.set_attribute("style", &style);
        for attr in [
            "role",
            "tabindex",
            "aria-label",
            "aria-description",
            "aria-describedby",
            "aria-pressed",
        ] {
            let _ = b.remove_attribute(attr);
        }
    }
    Some(())
}

/// The elements matching `selector` inside `root`.
pub(super) fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// Removes every element matching `selector` inside `root`.
fn remove_all(root: &Element, selector: &str) {
    for e in elements(root, selector) {
        e.remove();
    }
}

/// One legend entry: a swatch and its words.
struct Entry {
    swatch: Swatch,
    words: String,
}

/// How a legend entry is drawn.
enum Swatch {
    /// A rounded square filled with this colour, with this badge text.
    Badge(String, &'static str),
    /// A box outlined and filled like a container.
    Area { fill: String, stroke: String },
    /// A line in this colour, dashed or not.
    Line { stroke: String, dashed: bool },
    /// A hop dot of this colour.
    Dot(String),
}

/// What the picture shows, read from the drawing itself: the kinds of part on it, the kinds of
/// subnet, and the flows when they are in the picture.
fn legend_entries(svg: &Element, flows: bool, lang: Lang) -> Vec<Entry> {
    let mut out = Vec::new();
    let area = |sel: &str, words: &'static str, out: &mut Vec<Entry>| {
        if let (Some(fill), Some(stroke)) = (
            style_of(svg, &format!("{sel} > .box"), "fill"),
            style_of(svg, &format!("{sel} > .box"), "stroke"),
        ) {
            out.push(Entry {
                swatch: Swatch::Area { fill, stroke },
                words: t(lang, words).to_string(),
            });
        }
    };
    area(".cvpc", "VPC", &mut out);
    area(".csubnet.public", "Public subnet", &mut out);
    area(".csubnet.private", "Private subnet", &mut out);
    // The node kinds drawn, by their badge, in palette order.
    let badges: Vec<String> = svg
        .query_selector_all(".cnode .badge-text")
        .ok()
        .map(|l| {
            (0..l.length())
                .filter_map(|i| l.item(i)?.text_content())
                .collect()
        })
        .unwrap_or_default();
    for part in PARTS.iter().filter(|p| badges.iter().any(|b| b == p.badge)) {
        let sel = format!(".cnode .icon.{}", part.badge_class());
        let fill = style_of(svg, &sel, "fill").unwrap_or_else(|| "#888".into());
        out.push(Entry {
            swatch: Swatch::Badge(fill, part.badge),
            words: t(lang, part.name).to_string(),
        });
    }
    if flows {
        if let Some(stroke) = style_of(svg, ".packets .flow.current .trail", "stroke") {
            out.push(Entry {
                swatch: Swatch::Line {
                    stroke,
                    dashed: false,
                },
                words: t(lang, "The flow traced").to_string(),
            });
        }
        if let Some(stroke) = style_of(svg, ".packets .flow:not(.current) .trail", "stroke") {
            out.push(Entry {
                swatch: Swatch::Line {
                    stroke,
                    dashed: true,
                },
                words: t(lang, "Earlier flows").to_string(),
            });
        }
        for (sel, words) in [
            (".packets .hop.ok", "Allowed at this hop"),
            (".packets .hop.bad", "Dropped at this hop"),
        ] {
            if let Some(fill) = style_of(svg, sel, "fill") {
                out.push(Entry {
                    swatch: Swatch::Dot(fill),
                    words: t(lang, words).to_string(),
                });
            }
        }
    }
    out
}

/// Draws `entries` in rows no wider than `width` from (`x`, `y`); returns the height used.
fn draw_legend(
    doc: &Document,
    into: &Element,
    entries: &[Entry],
    x: f64,
    y: f64,
    width: f64,
    text: &str,
) -> f64 {
    let font = "font-family:system-ui,-apple-system,'Segoe UI','Apple SD Gothic Neo','Malgun Gothic','Noto Sans KR',sans-serif;font-size:12px;";
    let Some(g) = el(doc, "g", &[("class", "legend".into())]) else {
        return 0.0;
    };
    let (mut cx, mut cy) = (x, y);
    for e in entries {
        // A rough width for the words: enough for Latin and Hangul at 12 px.
        let words_w = e
            .words
            .chars()
            .map(|c| if c.is_ascii() { 6.6 } else { 12.0 })
            .sum::<f64>();
        let item_w = 22.0 + words_w + 18.0;
        if cx > x && cx + item_w > x + width {
            cx = x;
            cy += ROW_H;
        }
        let mid = cy + ROW_H / 2.0;
        let swatch = match &e.swatch {
            Swatch::Badge(fill, badge) => {
                if let Some(r) = el(
                    doc,
                    "rect",
                    &[
                        ("x", cx.to_string()),
                        ("y", (mid - 8.0).to_string()),
                        ("width", "16".into()),
                        ("height", "16".into()),
                        ("rx", "4".into()),
                        ("style", format!("fill:{fill};")),
                    ],
                ) {
                    let _ = g.append_child(&r);
                }
                el(doc, "text", &[
                    ("x", (cx + 8.0).to_string()), ("y", (mid + 2.5).to_string()),
                    ("style", "font-family:system-ui,sans-serif;font-size:6px;font-weight:700;fill:#fff;text-anchor:middle;".into()),
                ]).inspect(|t| t.set_text_content(Some(badge)))
            }
            Swatch::Area { fill, stroke } => el(
                doc,
                "rect",
                &[
                    ("x", cx.to_string()),
                    ("y", (mid - 7.0).to_string()),
                    ("width", "16".into()),
                    ("height", "14".into()),
                    ("rx", "3".into()),
                    (
                        "style",
                        format!("fill:{fill};stroke:{stroke};stroke-width:1.5;"),
                    ),
                ],
            ),
            Swatch::Line { stroke, dashed } => el(
                doc,
                "line",
                &[
                    ("x1", cx.to_string()),
                    ("y1", mid.to_string()),
                    ("x2", (cx + 16.0).to_string()),
                    ("y2", mid.to_string()),
                    (
                        "style",
                        format!(
                            "stroke:{stroke};stroke-width:3;{}",
                            if *dashed { "stroke-dasharray:4 3;" } else { "" }
                        ),
                    ),
                ],
            ),
            Swatch::Dot(fill) => el(
                doc,
                "circle",
                &[
                    ("cx", (cx + 8.0).to_string()),
                    ("cy", mid.to_string()),
                    ("r", "5".into()),
                    ("style", format!("fill:{fill};")),
                ],
            ),
        };
        if let Some(s) = swatch {
            let _ = g.append_child(&s);
        }
        if let Some(w) = el(
            doc,
            "text",
            &[
                ("x", (cx + 22.0).to_string()),
                ("y", (mid + 4.0).to_string()),
                ("style", format!("{font}fill:{text};")),
            ],
        ) {
            w.set_text_content(Some(&e.words));
            let _ = g.append_child(&w);
        }
        cx += item_w;
    }
    let _ = into.append_child(&g);
    cy + ROW_H - y
}

/// The canvas drawing as a standalone SVG document and its size, or `None` when the canvas is
/// empty.
pub fn canvas_svg(
    s: &crate::model::Scenario,
    opts: &PictureOptions,
    lang: Lang,
) -> Option<(String, f64, f64)> {
    let doc = gloo::utils::document();
    let window = gloo::utils::window();
    let svg = doc.get_element_by_id(CANVAS_ID)?;
    let world: web_sys::SvgGraphicsElement = svg.query_selector(".world").ok()??.dyn_into().ok()?;
    if !opts.flows {
        // Measured without the flows, so the picture is cropped to the parts.
        if let Ok(Some(p)) = svg.query_selector(".packets") {
            let _ = p.set_attribute("display", "none");
        }
    }
    // The picture is drawn at 100%: names at their own size, with every detail (the canvas grows
    // names and hides details when zoomed out, see canvas::label_scale). Put back at the end.
    let world_style = world.get_attribute("style");
    let world_class = world.get_attribute("class");
    let _ = world.set_attribute("style", "--label-scale: 1");
    let _ = world.set_attribute("class", "world");
    let bbox = world.get_b_box().ok();
    if let Ok(Some(p)) = svg.query_selector(".packets") {
        let _ = p.remove_attribute("display");
    }
    let bbox = bbox.filter(|b| b.width() > 0.0)?;
    // The editing state is not part of the picture: styles are read with the selection and the
    // focus taken off for the moment (nothing is painted in between).
    let selected = elements(&svg, ".cpart.selected");
    let set_class = |e: &Element, with: bool| {
        let class = e.get_attribute("class").unwrap_or_default();
        let mut words: Vec<&str> = class
            .split_whitespace()
            .filter(|w| *w != "selected")
            .collect();
        if with {
            words.push("selected");
        }
        let _ = e.set_attribute("class", &words.join(" "));
    };
    for e in &selected {
        set_class(e, false);
    }
    if let Some(f) = doc.active_element().filter(|a| svg.contains(Some(a))) {
        // A focused part's outline is the page's, not the picture's.
        if let Ok(blur) = js_sys::Reflect::get(&f, &"blur".into()) {
            if let Some(blur) = blur.dyn_ref::<js_sys::Function>() {
                let _ = blur.call0(&f);
            }
        }
    }
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    inline_styles(&svg, &copy);
    let legend = if opts.legend {
        legend_entries(&svg, opts.flows, lang)
    } else {
        Vec::new()
    };
    for e in &selected {
        set_class(e, true);
    }
    for (name, value) in [("style", world_style), ("class", world_class)] {
        match value {
            Some(v) => drop(world.set_attribute(name, &v)),
            None => drop(world.remove_attribute(name)),
        }
    }
    // Not part of the picture: the grid, the empty-canvas hint, resize handles, the moving packet
    // (hops are shown in their final state), and the flows unless asked for; the view's pan and
    // zoom neither.
    for sel in [
        "rect[fill='url(#grid-major)']",
        ".empty-hint",
        ".resize-handle",
        ".packets .packet",
    ] {
        remove_all(&copy, sel);
    }
    if opts.flows {
        for e in elements(&copy, ".packets *") {
            let style = e.get_attribute("style").unwrap_or_default();
            let _ = e.set_attribute("style", &format!("{style}opacity:1;visibility:visible;"));
        }
    } else {
        remove_all(&copy, ".packets");
    }
    if let Ok(Some(w)) = copy.query_selector(".world") {
        let _ = w.remove_attribute("transform");
    }
    // Zones no subnet uses are left out; the drawing is then measured again, off screen.
    let bbox = if zones::cut_empty_zones(&copy, s) {
        measured(&doc, &copy).unwrap_or(bbox)
    } else {
        bbox
    };
    // Names the zoomed-out canvas cut short are whole in the picture.
    for e in elements(&copy, "[data-name]") {
        e.set_text_content(e.get_attribute("data-name").as_deref());
    }
    for attr in ["data-id", "data-resize", "data-name"] {
        for e in elements(&copy, &format!("[{attr}]")) {
            let _ = e.remove_attribute(attr);
        }
    }
    let text = style_of(&svg, ".cpart .title", "fill").unwrap_or_else(|| "#1f2328".into());
    let (mut x, mut y) = (bbox.x() as f64 - PAD, bbox.y() as f64 - PAD);
    let w = bbox.width() as f64 + 2.0 * PAD;
    let mut h = bbox.height() as f64 + 2.0 * PAD;
    let title = opts.title.trim();
    if !title.is_empty() {
        y -= TITLE_H;
        h += TITLE_H;
        if let Some(tt) = el(&doc, "text", &[
            ("x", (x + PAD).to_string()), ("y", (y + PAD + 14.0).to_string()), ("class", "picture-title".into()),
            ("style", format!("font-family:system-ui,-apple-system,'Segoe UI','Apple SD Gothic Neo','Malgun Gothic','Noto Sans KR',sans-serif;font-size:20px;font-weight:650;fill:{text};")),
        ]) {
            tt.set_text_content(Some(title));
            let _ = copy.append_child(&tt);
        }
    }
    if !legend.is_empty() {
        let used = draw_legend(
            &doc,
            &copy,
            &legend,
            x + PAD,
            y + h - PAD + 8.0,
            w - 2.0 * PAD,
            &text,
        );
        h += used + 8.0;
    }
    x = x.floor();
    y = y.floor();
    let background = window
        .get_computed_style(&svg)
        .ok()
        .flatten()
        .and_then(|cs| cs.get_property_value("background-color").ok())
        .filter(|c| !c.is_empty() && c != "rgba(0, 0, 0, 0)")
        .unwrap_or_else(|| "#ffffff".into());
    let bg = el(
        &doc,
        "rect",
        &[
            ("x", x.to_string()),
            ("y", y.to_string()),
            ("width", w.to_string()),
            ("height", h.to_string()),
            ("fill", background),
        ],
    )?;
    let _ = copy.insert_before(&bg, copy.first_child().as_ref());
    let _ = copy.set_attribute("xmlns", SVG_NS);
    let _ = copy.set_attribute("viewBox", &format!("{x} {y} {w} {h}"));
    let _ = copy.set_attribute("width", &w.to_string());
    let _ = copy.set_attribute("height", &h.to_string());
    for attr in ["id", "class", "aria-label", "role", "tabindex"] {
        let _ = copy.remove_attribute(attr);
    }
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    Some((text, w, h))
}

/// The box of the drawing in `copy` (an SVG copied from the canvas, not in the page), measured
/// with it in the page for a moment, out of sight.
fn measured(doc: &Document, copy: &Element) -> Option<web_sys::SvgRect> {
    let body = doc.body()?;
    let _ = copy.set_attribute(
        "style",
        "position:absolute;left:-100000px;top:0;visibility:hidden",
    );
    body.append_child(copy).ok()?;
    let world: Option<web_sys::SvgGraphicsElement> = copy
        .query_selector(".world")
        .ok()
        .flatten()
        .and_then(|w| w.dyn_into().ok());
    let bbox = world.and_then(|w| w.get_b_box().ok());
    copy.remove();
    let _ = copy.remove_attribute("style");
    bbox.filter(|b| b.width() > 0.0)
}

/// Draws `svg` (`w` × `h`) onto a canvas at `scale` times its size and hands the PNG to `done`
/// (`None` when the browser could not make it).
pub fn svg_to_png(
    svg: &str,
    w: f64,
    h: f64,
    scale: f64,
    done: impl FnOnce(Option<web_sys::Blob>) + 'static,
) {
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        done(None);
        return;
    };
    let img2 = img.clone();
    let onload = Closure::once_into_js(move || {
        let doc = gloo::utils::document();
        let canvas = doc
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let Some(canvas) = canvas else {
            done(None);
            return;
        };
        canvas.set_width((w * scale).ceil() as u32);
        canvas.set_height((h * scale).ceil() as u32);
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let Some(ctx) = ctx else {
            done(None);
            return;
        };
        let _ = ctx.scale(scale, scale);
        let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
        let done = Closure::once_into_js(done);
        let _ = canvas.to_blob(done.unchecked_ref());
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    ));
}
