//! The Files dialog's Picture section: a title, whether the legend and the flows go in, and the
//! PNG's scale, then Export SVG or Export PNG ([`super::picture`] makes the picture).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::download::{download_blob, download_text, file_stem};
use super::lang::{t, tf, use_lang};
use super::picture::{canvas_svg, svg_to_png, PictureOptions};
use super::state::{Action, AppContext};

/// PNG scales offered.
const SCALES: [(u8, &str); 3] = [(1, "1×"), (2, "2×"), (3, "3×")];

/// The Picture section of the Files dialog.
#[component]
pub fn PictureExport() -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let title = use_state(|| app.scenario.name.clone());
    let legend = use_state(|| true);
    let flows = use_state(|| true);
    let scale = use_state(|| 2u8);
    let empty = *app.scenario == crate::model::Scenario::new();
    let options = PictureOptions {
        title: (*title).clone(),
        legend: *legend,
        flows: *flows,
    };
    let export_svg = {
        let (app, options) = (app.clone(), options.clone());
        Callback::from(
            move |_: MouseEvent| match canvas_svg(&app.scenario, &options, lang) {
                Some((svg, _, _)) => {
                    let name = format!("{}.svg", file_stem(&app.scenario));
                    download_text(&svg, &name, "image/svg+xml");
                    app.dispatch(Action::Notify(tf(lang, "Exported {}.", &[&name])));
                }
                None => app.dispatch(Action::Notify(
                    t(lang, "The canvas is empty: nothing to export.").into(),
                )),
            },
        )
    };
    let export_png = {
        let (app, options, scale) = (app.clone(), options.clone(), *scale);
        Callback::from(
            move |_: MouseEvent| match canvas_svg(&app.scenario, &options, lang) {
                Some((svg, w, h)) => {
                    let name = format!("{}.png", file_stem(&app.scenario));
                    let app = app.clone();
                    svg_to_png(&svg, w, h, f64::from(scale), move |blob| match blob {
                        Some(b) => {
                            download_blob(&b, &name);
                            app.dispatch(Action::Notify(tf(lang, "Exported {}.", &[&name])));
                        }
                        None => app
                            .dispatch(Action::Notify(t(lang, "The PNG could not be made.").into())),
                    });
                }
                None => app.dispatch(Action::Notify(
                    t(lang, "The canvas is empty: nothing to export.").into(),
                )),
            },
        )
    };
    let on_title = {
        let title = title.clone();
        Callback::from(move |e: InputEvent| {
            title.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let toggle = |h: &UseStateHandle<bool>| {
        let h = h.clone();
        Callback::from(move |e: Event| {
            h.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_scale = {
        let scale = scale.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            scale.set(v.parse().unwrap_or(2));
        })
    };
    html! {
        <section class="files-section" aria-labelledby="files-picture">
            <h3 id="files-picture">{ t(lang, "Picture") }</h3>
            <p class="muted">{ t(lang, "The diagram as it is drawn, without the selection, ready to publish.") }</p>
            <div class="picture-options">
                <label class="field-label" for="picture-title">{ t(lang, "Title") }</label>
                <input id="picture-title" type="text" value={(*title).clone()} oninput={on_title}
                    placeholder={t(lang, "No title")} />
                <label class="check"><input type="checkbox" checked={*legend} onchange={toggle(&legend)} />
                    { t(lang, "Legend") }</label>
                <label class="check"><input type="checkbox" checked={*flows} onchange={toggle(&flows)} />
                    { t(lang, "The flows on the canvas") }</label>
                <label class="field-label" for="picture-scale">{ t(lang, "PNG size") }</label>
                <select id="picture-scale" onchange={on_scale}>
                    { for SCALES.iter().map(|(n, label)| html! {
                        <option value={n.to_string()} selected={*n == *scale}>{ *label }</option>
                    }) }
                </select>
            </div>
            <div class="files-row">
                <button type="button" class="tool" onclick={export_svg} disabled={empty}>{ t(lang, "Export SVG") }</button>
                <button type="button" class="tool" onclick={export_png} disabled={empty}>{ t(lang, "Export PNG") }</button>
            </div>
        </section>
    }
}
