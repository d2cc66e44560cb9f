//! Files: export and import the scenario JSON, import `aws ec2 describe-*` output (files, a
//! folder or pasted text), export the diagram as SVG or PNG, and restore the work a link, a
//! template or an import replaced.

use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::dialog::Dialog;
use super::download::{download_text, file_stem};
use super::importer;
use super::lang::{t, tf, use_lang, Lang};
use super::picture_export::PictureExport;
use super::replace::{backup, display_name, replace_scenario};
use super::state::{Action, AppContext};
use crate::aws::job::{Answer, FileSummary, Input, Job};
use crate::model::Scenario;
use crate::scenario;

/// What the last import said.
#[derive(Clone, PartialEq, Default)]
struct Report {
    /// Why it failed (shown with `role=alert`).
    error: Option<String>,
    /// The warnings of the check (and of a scenario file).
    warnings: Vec<String>,
    /// For AWS output: what each file gave.
    files: Vec<FileSummary>,
}

/// What an import made: the scenario, the warnings, per file what it gave, and what it was made
/// from.
type Opened = (Scenario, Vec<String>, Vec<FileSummary>, String);

/// Reads the files of an `<input type=file>` as (name, text) pairs; `.json` files only when
/// `json_only` (a folder holds other files too).
async fn read_files(
    input: &HtmlInputElement,
    json_only: bool,
    lang: Lang,
) -> Result<Vec<(String, String)>, String> {
    let Some(list) = input.files() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(f) = list.item(i) else { continue };
        let path = js_sys::Reflect::get(&f, &JsValue::from_str("webkitRelativePath"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let name = if path.is_empty() { f.name() } else { path };
        // ASCII case folding is enough for ".json" (and keeps char::to_lowercase's Unicode
        // tables out of the bundle).
        if json_only && !name.to_ascii_lowercase().ends_with(".json") {
            continue;
        }
        let text = wasm_bindgen_futures::JsFuture::from(f.text())
            .await
            .map_err(|_| tf(lang, "{}: could not be read", &[&name]))?;
        out.push((name, text.as_string().unwrap_or_default()));
    }
    Ok(out)
}

/// Opens what the importer answered: the scenario, its warnings and what it was made from.
fn opened(answer: Answer, lang: Lang, pasted: bool) -> Result<Opened, String> {
    match answer {
        Answer::Failed(why) => Err(why),
        Answer::Imported {
            scenario,
            warnings,
            files,
            documents,
        } => {
            let loaded = scenario::load_str(&scenario).map_err(|e| e.to_string())?;
            let mut s = loaded.scenario;
            crate::layout::fill_missing(&mut s);
            let n = documents.to_string();
            let what = if pasted {
                tf(lang, "the pasted AWS output ({} documents)", &[&n])
            } else {
                tf(lang, "the AWS output ({} files)", &[&n])
            };
            Ok((s, warnings, files, what))
        }
    }
}

/// Properties of [`FilesDialog`].
#[derive(Properties, PartialEq)]
pub struct FilesProps {
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// The Files dialog.
#[component]
pub fn FilesDialog(props: &FilesProps) -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let report = use_state(Report::default);
    let pasted = use_state(String::new);
    let restorable = use_state(backup);
    let importing = use_state(|| false);
    // The importer loads while the user picks files.
    use_effect_with((), |_| importer::warm());

    let finish = {
        let (app, report, close) = (app.clone(), report.clone(), props.on_close.clone());
        let importing = importing.clone();
        Callback::from(move |r: Result<Opened, String>| match r {
            Ok((s, warnings, files, what)) => {
                importing.set(false);
                replace_scenario(&app, lang, s, &what);
                if warnings.is_empty() && files.is_empty() {
                    close.emit(());
                } else {
                    report.set(Report {
                        error: None,
                        warnings,
                        files,
                    });
                }
            }
            Err(e) => {
                importing.set(false);
                report.set(Report {
                    error: Some(e),
                    ..Report::default()
                })
            }
        })
    };

    let export_json = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let json = crate::scenario::to_pretty_json(&*app.scenario);
            let name = format!("{}.json", file_stem(&app.scenario));
            download_text(&json, &name, "application/json");
            app.dispatch(Action::Notify(tf(lang, "Exported {}.", &[&name])));
        })
    };
    let import_json = {
        let finish = finish.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let finish = finish.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let files = read_files(&input, false, lang).await;
                input.set_value("");
                let r = files.and_then(|files| {
                    let (name, text) = files
                        .into_iter()
                        .next()
                        .ok_or(t(lang, "no file was chosen"))?;
                    let loaded = scenario::load_str(&text).map_err(|e| format!("{name}: {e}"))?;
                    let mut s = loaded.scenario;
                    crate::layout::fill_missing(&mut s);
                    let warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
                    Ok((s, warnings, Vec::new(), name))
                });
                finish.emit(r);
            });
        })
    };
    let import_aws_files = {
        let (finish, importing, report) = (finish.clone(), importing.clone(), report.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let finish = finish.clone();
            importing.set(true);
            report.set(Report::default());
            wasm_bindgen_futures::spawn_local(async move {
                let files = read_files(&input, true, lang).await;
                input.set_value("");
                let r = match files {
                    Ok(files) => {
                        let job = Job {
                            lang,
                            input: Input::Files(files),
                        };
                        opened(importer::import(&job).await, lang, false)
                    }
                    Err(e) => Err(e),
                };
                finish.emit(r);
            });
        })
    };
    let import_pasted = {
        let (finish, pasted) = (finish.clone(), pasted.clone());
        let (importing, report) = (importing.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            importing.set(true);
            report.set(Report::default());
            let (finish, job) = (
                finish.clone(),
                Job {
                    lang,
                    input: Input::Pasted((*pasted).clone()),
                },
            );
            wasm_bindgen_futures::spawn_local(async move {
                finish.emit(opened(importer::import(&job).await, lang, true));
            });
        })
    };
    let on_paste = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                pasted.set(t.value());
            }
        })
    };
    let restore = {
        let (app, restorable, close) = (app.clone(), restorable.clone(), props.on_close.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = (*restorable).clone() {
                replace_scenario(&app, lang, s, t(lang, "your previous work"));
                close.emit(());
            }
        })
    };
    let empty = *app.scenario == Scenario::new();
    html! {
        <Dialog id="files-dialog" title={t(lang, "Files")} class="wide" on_close={props.on_close.clone()}>
            if let Some(e) = &report.error {
                <div class="import-error" role="alert">
                    <strong>{ t(lang, "Nothing was imported; your scenario is unchanged.") }</strong>
                    <pre>{ e }</pre>
                </div>
            }
            if !report.warnings.is_empty() || !report.files.is_empty() {
                <ImportReport warnings={report.warnings.clone()} files={report.files.clone()} />
            }
            <section class="files-section" aria-labelledby="files-scenario">
                <h3 id="files-scenario">{ t(lang, "Scenario file") }</h3>
                <p class="muted">{ t(lang, "The playground's own JSON format (versioned): everything, including positions.") }</p>
                <div class="files-row">
                    <button type="button" class="tool" onclick={export_json} disabled={empty}>
                        { t(lang, "Export JSON") }
                    </button>
                    <label class="tool file-button">
                        { t(lang, "Import JSON…") }
                        <input type="file" accept=".json,application/json" onchange={import_json}
                            aria-label={t(lang, "Import scenario JSON")} />
                    </label>
                </div>
            </section>
            <section class="files-section" aria-labelledby="files-aws" aria-busy={importing.to_string()}>
                <h3 id="files-aws">{ t(lang, "From AWS") }</h3>
                <p class="muted">{ t(lang, "The JSON output of aws ec2 describe-vpcs, describe-subnets, describe-route-tables, describe-network-acls, describe-security-groups, describe-instances, …") }</p>
                <div class="files-row">
                    <label class="tool file-button">
                        { t(lang, "Choose files…") }
                        <input type="file" multiple=true accept=".json,application/json"
                            onchange={import_aws_files.clone()} aria-label={t(lang, "Import AWS JSON files")} />
                    </label>
                    <label class="tool file-button">
                        { t(lang, "Choose a folder…") }
                        <input type="file" webkitdirectory=true multiple=true onchange={import_aws_files}
                            aria-label={t(lang, "Import a folder of AWS JSON")} />
                    </label>
                </div>
                <label class="field-label" for="aws-paste">{ t(lang, "Or paste the output (several documents, one after the other)") }</label>
                <textarea id="aws-paste" class="link-box code" rows="4" value={(*pasted).clone()}
                    oninput={on_paste} placeholder="{ \"Vpcs\": [ … ] }\n\n{ \"Subnets\": [ … ] }" />
                <div class="files-row">
                    <button type="button" class="tool" onclick={import_pasted}
                        disabled={pasted.trim().is_empty() || *importing}>{ t(lang, "Import pasted JSON") }</button>
                    if *importing {
                        <span class="muted" role="status">{ t(lang, "Reading the AWS output…") }</span>
                    }
                </div>
            </section>
            <PictureExport />
            if let Some(b) = &*restorable {
                <section class="files-section" aria-labelledby="files-backup">
                    <h3 id="files-backup">{ t(lang, "Previous work") }</h3>
                    <div class="files-row">
                        <span class="muted">{ tf(lang, "Kept when something replaced it: {}.", &[&display_name(b, lang)]) }</span>
                        <button type="button" class="tool" onclick={restore}>{ t(lang, "Restore previous work") }</button>
                    </div>
                </section>
            }
        </Dialog>
    }
}

/// Properties of [`ImportReport`].
#[derive(Properties, PartialEq)]
struct ImportReportProps {
    warnings: Vec<String>,
    files: Vec<FileSummary>,
}

/// What an import said: per file what was read, left out and guessed, then the warnings.
#[component]
fn ImportReport(props: &ImportReportProps) -> Html {
    let lang = use_lang();
    let notes: usize = props.files.iter().map(FileSummary::notes).sum();
    let count = notes + props.warnings.len();
    // The files something was read from; the skipped ones are listed with their reason.
    let files = props.files.iter().filter(|f| !f.read.is_empty()).count();
    let n = |k: usize| k.to_string();
    let headline = match (files, count) {
        (0, 1) => t(lang, "Imported, with 1 warning:").to_string(),
        (0, _) => tf(lang, "Imported, with {} warnings:", &[&n(count)]),
        (_, 0) => tf(lang, "Imported {} files:", &[&n(files)]),
        _ => tf(
            lang,
            "Imported {} files, with {} notes:",
            &[&n(files), &n(count)],
        ),
    };
    let file_row = |f: &FileSummary| {
        let read = if f.read.is_empty() {
            t(lang, "nothing read").to_string()
        } else {
            f.read.clone()
        };
        let name = if f.file.is_empty() {
            t(lang, "Across files").to_string()
        } else {
            f.file.clone()
        };
        html! {
            <li>
                <span class="import-file">{ name }</span>
                if !f.file.is_empty() { <span class="muted">{ read }</span> }
                if f.notes() > 0 {
                    <ul>
                        { for f.ignored.iter().map(|x| html! {
                            <li class="ignored"><b>{ t(lang, "Left out:") }</b>{ " " }{ x }</li>
                        }) }
                        { for f.inferred.iter().map(|x| html! {
                            <li class="inferred"><b>{ t(lang, "Guessed:") }</b>{ " " }{ x }</li>
                        }) }
                    </ul>
                }
            </li>
        }
    };
    html! {
        <div class="import-warnings" role="status">
            <strong>{ headline }</strong>
            if !props.files.is_empty() {
                <ul class="import-files">{ for props.files.iter().map(file_row) }</ul>
            }
            if !props.warnings.is_empty() {
                <ul>{ for props.warnings.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
            }
        </div>
    }
}
