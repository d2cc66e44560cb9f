//! Sharing in the browser: the header's Templates, Files, Share and Embed buttons, the dialogs
//! they open, and [`LinkGate`], which asks before a share link replaces the user's work and shows
//! why a bad link did not open.
//!
//! Links are built from the page's own address (whatever sub-path it is served under), so they
//! work wherever the app is hosted.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::dialog::Dialog;
use super::files::FilesDialog;
use super::gallery::Gallery;
use super::lang::{t, tf, use_lang, Lang};
use super::packets::ShownContext;
use super::replace::{back_up, display_name, replace_scenario};
use super::startup::{self, LinkState, Plan};
use super::state::{Action, AppContext};
use super::traffic::FlowRequestContext;
use crate::engine::flow::FlowSpec;
use crate::model::Scenario;
use crate::share as codec;

/// The page's address without its fragment: where links point (a sub-path stays).
pub fn page_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// What an embed shows, beyond its scenario and flows (each one a parameter of its link).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EmbedOptions {
    /// The language it speaks (`lang=`); `None` follows the reader's browser.
    pub lang: Option<Lang>,
    /// The canvas and the traffic panel, the canvas alone, or the canvas playing one flow.
    pub shows: Shows,
    /// Light (`Some(false)`, `theme=light`) or dark (`Some(true)`, `theme=dark`); `None`
    /// follows the reader's system.
    pub dark: Option<bool>,
    /// The flow shown first, numbered from 1 in the order sent (`flow=`); `None` is the last.
    pub first: Option<usize>,
    /// The zoom it opens at, in percent (`zoom=`); `None` fits the drawing to the frame.
    pub zoom: Option<u16>,
}

/// What an embed shows (`view=` in its link).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shows {
    /// The canvas and the traffic panel (no `view=`).
    #[default]
    All,
    /// The canvas alone, its flows drawn (`view=canvas`).
    Canvas,
    /// The canvas alone, playing one flow over and over (`view=play`).
    Play,
}

impl Shows {
    /// Its value in a link, `None` for the default.
    pub fn param(self) -> Option<&'static str> {
        match self {
            Shows::All => None,
            Shows::Canvas => Some("canvas"),
            Shows::Play => Some("play"),
        }
    }

    /// What `view=` asks for (the default for anything else).
    pub fn from_param(value: Option<&str>) -> Self {
        match value {
            Some("canvas") => Shows::Canvas,
            Some("play") => Shows::Play,
            _ => Shows::All,
        }
    }

    /// Whether the traffic panel is left out.
    pub fn canvas_only(self) -> bool {
        self != Shows::All
    }
}

/// A link on this page to the scenario packed in `payload` (see [`use_packed`]) and `flows`;
/// with `embed`, the read-only view with those options (one that plays a flow carries that flow
/// only).
pub fn link_with(payload: &str, flows: &[FlowSpec], embed: Option<&EmbedOptions>) -> String {
    let first = embed
        .and_then(|o| o.first)
        .filter(|&n| (1..flows.len()).contains(&n));
    let flows = match (embed.map(|o| o.shows), first) {
        (Some(Shows::Play), Some(n)) => &flows[n - 1..n],
        (Some(Shows::Play), None) => &flows[flows.len().saturating_sub(1)..],
        _ => flows,
    };
    let f = codec::encode_flows(flows);
    let mut params: Vec<(&str, String)> = Vec::new();
    if !f.is_empty() {
        params.push(("f", f));
    }
    if let Some(o) = embed {
        params.push(("embed", "1".into()));
        if let Some(lang) = o.lang {
            params.push(("lang", lang.code().into()));
        }
        if let Some(view) = o.shows.param() {
            params.push(("view", view.into()));
        }
        match o.dark {
            Some(true) => params.push(("theme", "dark".into())),
            Some(false) => params.push(("theme", "light".into())),
            None => {}
        }
        if let (Some(n), false) = (first, o.shows == Shows::Play) {
            params.push(("flow", n.to_string()));
        }
        if let Some(z) = o.zoom {
            params.push(("zoom", z.to_string()));
        }
    }
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    format!("{}#{}", page_base(), codec::fragment(payload, &params))
}

/// The editable copy of the embed on this page: its own scenario payload (an embed cannot
/// change its scenario, so nothing is packed again) with the flows shown now.
pub fn open_full_link(hash: &str, flows: &[FlowSpec]) -> String {
    let hash = hash.trim_start_matches('#');
    match super::fragment::fragment_param(hash, "s") {
        Some(payload) => link_with(payload, flows, None),
        None => page_base(),
    }
}

/// A scenario packed for a link, as far as the helper worker has got.
#[derive(Debug, Clone, PartialEq)]
pub enum Packed {
    /// The helper is compressing it.
    Packing,
    /// The link payload.
    Ready(Rc<str>),
    /// Why it could not be packed.
    Failed(String),
}

/// `s` packed into a link payload by the helper worker (which holds the compressor), packed
/// again whenever `s` changes.
#[hook]
pub fn use_packed(s: &Rc<Scenario>) -> Packed {
    let packed = use_state(|| None::<(Rc<Scenario>, Result<Rc<str>, String>)>);
    {
        let packed = packed.clone();
        use_effect_with(s.clone(), move |s| {
            let s = s.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let json = serde_json::to_string(&*s).unwrap_or_default();
                let got = super::importer::pack(json).await.map(Rc::from);
                packed.set(Some((s, got)));
            });
        });
    }
    match &*packed {
        Some((of, Ok(p))) if Rc::ptr_eq(of, s) || **of == **s => Packed::Ready(p.clone()),
        Some((of, Err(why))) if Rc::ptr_eq(of, s) => Packed::Failed(why.clone()),
        _ => Packed::Packing,
    }
}

/// The height an embed of `s` needs in a frame about 700 px wide: the drawing at that width, plus
/// the traffic panel unless `canvas_only`, plus the title bar; between 320 and 900 px.
pub fn suggested_height(s: &Scenario, canvas_only: bool) -> u32 {
    let drawing = super::canvas::bounds(s).map_or(300.0, |b| 660.0 * b.h / b.w.max(1.0) + 80.0);
    let panel = if canvas_only { 0.0 } else { 190.0 };
    (drawing + panel + 36.0).clamp(320.0, 900.0).round() as u32
}

/// The iframe snippet that embeds `link` (an `embed=1` link), `height` pixels tall.
pub fn iframe_snippet(link: &str, height: u32) -> String {
    let src = link.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe src=\"{src}\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\" title=\"VPC Playground\"></iframe>"
    )
}

/// The flows the canvas shows, in the order they were sent.
pub fn shown_flows(shown: &ShownContext) -> Vec<FlowSpec> {
    shown.iter().map(|f| f.spec.clone()).collect()
}

/// Writes `text` to the clipboard; `done` gets whether it worked.
pub fn copy_text(text: String, done: Callback<bool>) {
    let Some(w) = web_sys::window() else {
        done.emit(false);
        return;
    };
    let promise = w.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(ok);
    });
}

/// Selects the text of the field with id `id` (for a manual copy).
fn select_field(id: &str) {
    let el = gloo::utils::document().get_element_by_id(id);
    if let Some(t) = el.and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        let _ = t.focus();
        t.select();
    }
}

/// Which dialog of the header is open.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    Templates,
    Files,
    Share,
    Embed,
}

/// The header's sharing buttons and their dialogs.
#[component]
pub fn ShareTools() -> Html {
    let lang = use_lang();
    let open = use_state(|| Open::None);
    let button = |what: Open, label: &'static str, title: &'static str| {
        let open = open.clone();
        let onclick = Callback::from(move |_: MouseEvent| open.set(what));
        html! { <button type="button" class="tool" {onclick} {title}>{ label }</button> }
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: ()| open.set(Open::None))
    };
    html! {
        <>
            <span class="topbar-sep" aria-hidden="true"></span>
            { button(Open::Templates, t(lang, "Templates"), t(lang, "Start from a classic architecture")) }
            { button(Open::Files, t(lang, "Files"), t(lang, "Import and export scenarios, AWS output and pictures")) }
            { button(Open::Embed, t(lang, "Embed"), t(lang, "Put a read-only view of this scenario in a web page")) }
            { button(Open::Share, t(lang, "Share"), t(lang, "Copy a link that opens this scenario")) }
            { match *open {
                Open::None => html! {},
                Open::Templates => html! { <Gallery on_close={close} /> },
                Open::Files => html! { <FilesDialog on_close={close} /> },
                Open::Share => html! { <ShareDialog on_close={close} /> },
                Open::Embed => html! { <EmbedDialog on_close={close} /> },
            } }
        </>
    }
}

/// Properties of dialogs that only need closing.
#[derive(Properties, PartialEq)]
pub struct CloseProps {
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// Copy state of a dialog's text.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Pending,
    Yes,
    No,
}

/// The share dialog: copies the link at once and shows it, selected, for a manual copy.
#[component]
pub fn ShareDialog(props: &CloseProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let traffic = use_context::<ShownContext>().expect("shown-flow context");
    let flows = shown_flows(&traffic);
    let with_flows = use_state(|| true);
    let copied = use_state(|| Copied::Pending);
    let packed = use_packed(&app.scenario);
    let link = match &packed {
        Packed::Ready(payload) => {
            let chosen: &[FlowSpec] = if *with_flows { &flows } else { &[] };
            link_with(payload, chosen, None)
        }
        _ => String::new(),
    };
    {
        // Copy once the link is made and whenever it changes (the flows checkbox).
        let (link, copied, app) = (link.clone(), copied.clone(), app.clone());
        use_effect_with(link.clone(), move |_| {
            if link.is_empty() {
                return;
            }
            let len = link.len();
            copy_text(
                link,
                Callback::from(move |ok: bool| {
                    copied.set(if ok { Copied::Yes } else { Copied::No });
                    app.dispatch(Action::Notify(if ok {
                        tf(lang, "Link copied ({} characters).", &[&len.to_string()])
                    } else {
                        t(lang, "Copy the link from the Share dialog (Ctrl+C).").to_string()
                    }));
                    select_field("share-link");
                }),
            );
        });
    }
    let copy = {
        let (link, copied) = (link.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            copy_text(
                link.clone(),
                Callback::from(move |ok: bool| {
                    copied.set(if ok { Copied::Yes } else { Copied::No });
                    select_field("share-link");
                }),
            );
        })
    };
    let toggle = {
        let with_flows = with_flows.clone();
        Callback::from(move |_: Event| with_flows.set(!*with_flows))
    };
    let note = match (&packed, *copied) {
        (Packed::Packing, _) => t(lang, "Making the link…").to_string(),
        (Packed::Failed(why), _) => tf(lang, "The link could not be made: {}", &[why]),
        (_, Copied::Pending) => t(lang, "Copying…").to_string(),
        (_, Copied::Yes) => t(lang, "Link copied to the clipboard.").to_string(),
        (_, Copied::No) => t(lang, "The clipboard is not available here: the link is selected, press Ctrl+C (⌘C) to copy it.").to_string(),
    };
    let name = if app.scenario.name.is_empty() {
        t(lang, "this scenario").to_string()
    } else {
        format!("“{}”", app.scenario.name)
    };
    html! {
        <Dialog id="share-dialog" title={t(lang, "Share this scenario")} on_close={props.on_close.clone()}>
            <p class="dialog-lead">
                { tf(lang, "Anyone who opens this link sees {} exactly as it is now. The whole scenario is in the link: nothing is uploaded.", &[&name]) }
            </p>
            <label class="field-label" for="share-link">{ t(lang, "Link") }</label>
            <textarea id="share-link" class="link-box" readonly=true rows="3" autofocus=true value={link.clone()}
                aria-describedby="share-note" />
            <p class="link-meta">
                <span id="share-note" class={classes!("copy-note", (*copied == Copied::Yes).then_some("ok"))}
                    role="status">{ note }</span>
                <span class="muted">{ tf(lang, "{} characters", &[&link.len().to_string()]) }</span>
            </p>
            <label class="check">
                <input type="checkbox" checked={*with_flows} onchange={toggle}
                    disabled={flows.is_empty()} />
                { match flows.len() {
                    0 => t(lang, "Include the flows shown in the traffic panel (none yet)").to_string(),
                    1 => t(lang, "Include the flow shown in the traffic panel").to_string(),
                    n => tf(lang, "Include the {} flows shown in the traffic panel", &[&n.to_string()]),
                } }
            </label>
            <div class="dialog-actions">
                if !link.is_empty() {
                    <a class="tool" href={link.clone()} target="_blank" rel="noopener">{ t(lang, "Open in a new tab") }</a>
                }
                <button type="button" class="primary" onclick={copy} disabled={link.is_empty()}>{ t(lang, "Copy link") }</button>
            </div>
        </Dialog>
    }
}

/// The embed dialog: the iframe snippet and a Copy button.
#[component]
pub fn EmbedDialog(props: &CloseProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let traffic = use_context::<ShownContext>().expect("shown-flow context");
    let copied = use_state(|| Copied::Pending);
    let options = use_state(EmbedOptions::default);
    let height = {
        let s = app.scenario.clone();
        use_state(move || suggested_height(&s, false))
    };
    let flows = shown_flows(&traffic);
    let packed = use_packed(&app.scenario);
    let link = match &packed {
        Packed::Ready(payload) => link_with(payload, &flows, Some(&options)),
        _ => String::new(),
    };
    let snippet = match &packed {
        Packed::Ready(_) => iframe_snippet(&link, *height),
        _ => String::new(),
    };
    let suggested = suggested_height(&app.scenario, options.shows.canvas_only());
    let on_view = {
        let (options, height, s) = (options.clone(), height.clone(), app.scenario.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let shows = Shows::from_param(Some(&value));
            options.set(EmbedOptions { shows, ..*options });
            height.set(suggested_height(&s, shows.canvas_only()));
        })
    };
    // A select of the dialog: its value changes one option.
    let on_select = |set: fn(EmbedOptions, &str) -> EmbedOptions| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            options.set(set(*options, &value));
        })
    };
    let on_first = on_select(|o, v| EmbedOptions {
        first: v.parse().ok(),
        ..o
    });
    let on_zoom = on_select(|o, v| EmbedOptions {
        zoom: v.parse().ok(),
        ..o
    });
    let on_lang = on_select(|o, v| EmbedOptions {
        lang: v.parse::<Lang>().ok(),
        ..o
    });
    let on_theme = on_select(|o, v| EmbedOptions {
        dark: match v {
            "dark" => Some(true),
            "light" => Some(false),
            _ => None,
        },
        ..o
    });
    let on_height = {
        let height = height.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(h) = v.trim().parse::<u32>() {
                height.set(h.clamp(200, 2000));
            }
        })
    };
    let copy = {
        let (snippet, copied, app) = (snippet.clone(), copied.clone(), app.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, app) = (copied.clone(), app.clone());
            copy_text(
                snippet.clone(),
                Callback::from(move |ok: bool| {
                    copied.set(if ok { Copied::Yes } else { Copied::No });
                    if ok {
                        app.dispatch(Action::Notify(t(lang, "Embed code copied.").into()));
                    }
                    select_field("embed-code");
                }),
            );
        })
    };
    let note = match (&packed, *copied) {
        (Packed::Packing, _) => t(lang, "Making the link…").to_string(),
        (Packed::Failed(why), _) => tf(lang, "The link could not be made: {}", &[why]),
        (_, Copied::Pending) => t(lang, "Paste this into the HTML of your page or blog post.").to_string(),
        (_, Copied::Yes) => t(lang, "Embed code copied to the clipboard.").to_string(),
        (_, Copied::No) => t(lang, "The clipboard is not available here: the code is selected, press Ctrl+C (⌘C) to copy it.").to_string(),
    };
    html! {
        <Dialog id="embed-dialog" title={t(lang, "Embed in a web page")} on_close={props.on_close.clone()}>
            <p class="dialog-lead">
                { t(lang, "A read-only view of this scenario and its traffic panel, sized to its container. Readers can trace flows; “Open in playground” opens an editable copy.") }
            </p>
            <div class="embed-options">
                <label for="embed-view">{ t(lang, "Shows") }</label>
                <select id="embed-view" onchange={on_view}>
                    <option value="all" selected={options.shows == Shows::All}>{ t(lang, "The canvas and the traffic panel") }</option>
                    <option value="canvas" selected={options.shows == Shows::Canvas}>{ t(lang, "The canvas only") }</option>
                    <option value="play" selected={options.shows == Shows::Play} disabled={flows.is_empty()}>
                        { t(lang, "The canvas, playing one flow") }</option>
                </select>
                <label for="embed-flow">{ t(lang, "Flow shown first") }</label>
                <select id="embed-flow" onchange={on_first} disabled={flows.is_empty()}>
                    if flows.is_empty() {
                        <option value="">{ t(lang, "None: send one first") }</option>
                    }
                    { for flows.iter().enumerate().map(|(i, f)| {
                        let n = i + 1;
                        let chosen = options.first.map_or(n == flows.len(), |c| c == n);
                        html! {
                            <option value={n.to_string()} selected={chosen}>
                                { format!("{n}. {}", crate::flows::flow_name(&app.scenario, f)) }
                            </option>
                        }
                    }) }
                </select>
                <label for="embed-zoom">{ t(lang, "Zoom") }</label>
                <select id="embed-zoom" onchange={on_zoom}>
                    <option value="" selected={options.zoom.is_none()}>{ t(lang, "Fit to the frame") }</option>
                    { for [50u16, 75, 100, 125, 150].into_iter().map(|z| html! {
                        <option value={z.to_string()} selected={options.zoom == Some(z)}>{ format!("{z}%") }</option>
                    }) }
                </select>
                <label for="embed-lang">{ t(lang, "Language") }</label>
                <select id="embed-lang" onchange={on_lang}>
                    <option value="" selected={options.lang.is_none()}>{ t(lang, "The reader's") }</option>
                    <option value="en" selected={options.lang == Some(Lang::En)}>{ "English" }</option>
                    <option value="ko" selected={options.lang == Some(Lang::Ko)} lang="ko">{ "한국어" }</option>
                </select>
                <label for="embed-theme">{ t(lang, "Theme") }</label>
                <select id="embed-theme" onchange={on_theme}>
                    <option value="" selected={options.dark.is_none()}>{ t(lang, "The reader's system") }</option>
                    <option value="light" selected={options.dark == Some(false)}>{ t(lang, "Light") }</option>
                    <option value="dark" selected={options.dark == Some(true)}>{ t(lang, "Dark") }</option>
                </select>
                <label for="embed-height">{ t(lang, "Height (px)") }</label>
                <span class="embed-height">
                    <input id="embed-height" type="number" min="200" max="2000" step="10"
                        value={height.to_string()} onchange={on_height} />
                    <span class="muted">{ tf(lang, "suggested: {}", &[&suggested.to_string()]) }</span>
                </span>
            </div>
            <label class="field-label" for="embed-code">{ t(lang, "Embed code") }</label>
            <textarea id="embed-code" class="link-box code" readonly=true rows="5" autofocus=true value={snippet.clone()}
                aria-describedby="embed-note" />
            <p class="link-meta">
                <span id="embed-note" class={classes!("copy-note", (*copied == Copied::Yes).then_some("ok"))}
                    role="status">{ note }</span>
                <span class="muted">{ tf(lang, "{} characters", &[&snippet.len().to_string()]) }</span>
            </p>
            <p class="field-label">{ t(lang, "Preview, at the chosen height") }</p>
            // Keyed by its link: a new link (only its fragment changes) loads a new frame.
            if !link.is_empty() {
                <iframe key={link.clone()} class="embed-preview" src={link.clone()} title={t(lang, "Preview of the embed")}
                    style={format!("height: {}px", (*height).min(520))} loading="lazy" />
            }
            <div class="dialog-actions">
                if !link.is_empty() {
                    <a class="tool" href={link.clone()} target="_blank" rel="noopener">{ t(lang, "Preview") }</a>
                }
                <button type="button" class="primary" onclick={copy} disabled={link.is_empty()}>{ t(lang, "Copy") }</button>
            </div>
        </Dialog>
    }
}

/// Properties of [`LinkGate`].
#[derive(Properties, PartialEq)]
pub struct LinkGateProps {
    /// The start-up decision.
    pub plan: Rc<Plan>,
}

/// Asks before a share link replaces different autosaved work at start (a link pasted into the
/// address bar of an open page opens at once, undoably, the previous work backed up), shows a banner (`role=alert`) when a link cannot be opened, and sends the
/// link's flows to the traffic panel.
#[component]
pub fn LinkGate(props: &LinkGateProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let traffic = use_context::<FlowRequestContext>().expect("flow request context");
    let ask = use_state(|| props.plan.ask.clone());
    let error = use_state(|| props.plan.error.clone());
    let embed = props.plan.embed;
    {
        // At start: send the link's flows, and drop the fragment so a reload keeps later work.
        let (flows, traffic) = (props.plan.flows.clone(), traffic.clone());
        let asking = props.plan.ask.is_some();
        use_effect_with((), move |_| {
            open_flows(&traffic, flows);
            if !embed && !asking {
                startup::clear_fragment();
            }
        });
    }
    // A link pasted into the address bar of an open page.
    let on_hash = {
        let (app, traffic, error) = (app.clone(), traffic.clone(), error.clone());
        move || match startup::link_from_fragment(&super::fragment::location_hash(), lang) {
            LinkState::None => {}
            LinkState::Bad(why) => error.set(Some(why)),
            LinkState::Ok(o) => {
                error.set(None);
                if *o.scenario == *app.scenario {
                    open_flows(&traffic, o.flows);
                    startup::clear_fragment();
                } else if *app.scenario == Scenario::new() || embed {
                    super::view::fit_next();
                    app.dispatch(Action::Load(o.scenario.clone()));
                    open_flows(&traffic, o.flows);
                    if !embed {
                        startup::clear_fragment();
                    }
                } else {
                    // Pasted on purpose: open it at once, undoably, with the old work backed up.
                    replace_scenario(
                        &app,
                        lang,
                        (*o.scenario).clone(),
                        t(lang, "the shared scenario"),
                    );
                    open_flows(&traffic, o.flows);
                    startup::clear_fragment();
                }
            }
        }
    };
    {
        let on_hash = Rc::new(on_hash);
        let latest = use_mut_ref(|| on_hash.clone());
        *latest.borrow_mut() = on_hash;
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let f = latest.borrow().clone();
                // The pasted link is inflated first (asynchronously, by the browser).
                wasm_bindgen_futures::spawn_local(async move {
                    super::inflate::prepare(&super::fragment::location_hash()).await;
                    f();
                });
            });
            move || drop(listener)
        });
    }
    let dismiss = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| error.set(None))
    };
    let banner = match &*error {
        Some(why) => html! {
            <div class="link-alert" role="alert">
                <span class="link-alert-text">
                    <strong>{ t(lang, "This share link did not open: ") }</strong>{ why }
                    { if embed { "" } else { t(lang, " Your current scenario is unchanged.") } }
                </span>
                <button type="button" class="tool" onclick={dismiss} aria-label={t(lang, "Dismiss the message")}>{ t(lang, "Dismiss") }</button>
            </div>
        },
        None => html! {},
    };
    let dialog = match &*ask {
        Some(o) => {
            let open = {
                let (app, traffic, ask, o) = (app.clone(), traffic.clone(), ask.clone(), o.clone());
                Callback::from(move |_: MouseEvent| {
                    back_up(&app.scenario);
                    super::view::fit_next();
                    app.dispatch(Action::Load(o.scenario.clone()));
                    app.dispatch(Action::Notify(
                        t(lang, "Opened the shared scenario. Your previous work is kept: Files › Restore previous work.")
                            .into(),
                    ));
                    open_flows(&traffic, o.flows.clone());
                    startup::clear_fragment();
                    ask.set(None);
                })
            };
            let keep = {
                let (app, ask) = (app.clone(), ask.clone());
                Callback::from(move |_: ()| {
                    startup::clear_fragment();
                    app.dispatch(Action::Notify(
                        t(lang, "Kept your scenario; the shared one was not opened.").into(),
                    ));
                    ask.set(None);
                })
            };
            let keep_click = keep.reform(|_: MouseEvent| ());
            let theirs = display_name(&o.scenario, lang);
            let mine = display_name(&app.scenario, lang);
            html! {
                <Dialog id="open-link" title={t(lang, "Open the shared scenario?")} on_close={keep}>
                    <p class="dialog-lead">
                        { tf(lang, "This link opens {}. Your current work ({}) is kept as an autosave backup: Files › Restore previous work brings it back.", &[&theirs, &mine]) }
                    </p>
                    <div class="dialog-actions">
                        <button type="button" class="tool" onclick={keep_click}>
                            { t(lang, "Keep my work") }
                        </button>
                        <button type="button" class="primary" onclick={open} autofocus=true>
                            { t(lang, "Open the shared scenario") }
                        </button>
                    </div>
                </Dialog>
            }
        }
        None => html! {},
    };
    html! { <>{ banner }{ dialog }</> }
}

/// Asks the traffic panel to show `flows` instead of its own (when there are any).
fn open_flows(traffic: &FlowRequestContext, flows: Vec<FlowSpec>) {
    if !flows.is_empty() {
        traffic.set(Some(std::rc::Rc::new(flows)));
    }
}
