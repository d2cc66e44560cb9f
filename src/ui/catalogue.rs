//! The built-in lessons and templates, fetched from beside the page when a gallery or a lesson
//! needs them (Trunk copies them into `lessons/` and `templates/`), so the app's bundle does not
//! carry them. Each file is fetched once per page.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;

use super::fetch;

use crate::lesson::{builtin, Lesson};
use crate::model::Scenario;
use crate::templates::{self, Template};

thread_local! {
    /// The files fetched so far, by path.
    static FETCHED: RefCell<HashMap<String, Rc<str>>> = RefCell::new(HashMap::default());
}

/// A fetch under way: its path and the response to come (none when it was fetched already).
struct Pending {
    path: String,
    response: Option<JsFuture>,
}

/// Starts fetching `path`, unless it was fetched already.
fn start(path: String) -> Pending {
    let cached = FETCHED.with(|f| f.borrow().contains_key(&path));
    let response = (!cached).then(|| fetch::begin(&path));
    Pending { path, response }
}

/// The text of a fetch started with [`start`].
async fn finish(p: Pending) -> Result<Rc<str>, String> {
    let Some(response) = p.response else {
        return FETCHED
            .with(|f| f.borrow().get(&p.path).cloned())
            .ok_or_else(|| format!("{} could not be loaded", p.path));
    };
    let text: Rc<str> = fetch::text(response, &p.path).await?.into();
    FETCHED.with(|f| f.borrow_mut().insert(p.path.clone(), text.clone()));
    Ok(text)
}

/// Built-in lesson number `i` of the track.
pub async fn lesson(i: usize) -> Result<Lesson, String> {
    let b = builtin::all()
        .get(i)
        .ok_or_else(|| format!("there is no lesson {}", i + 1))?;
    let text = finish(start(b.path())).await?;
    crate::lesson::from_json(&text).map_err(|e| format!("lesson {}: {e}", b.name))
}

/// Every built-in lesson, in track order (fetched side by side).
pub async fn lessons() -> Result<Vec<Lesson>, String> {
    let pending: Vec<Pending> = builtin::all().iter().map(|b| start(b.path())).collect();
    let mut out = Vec::with_capacity(pending.len());
    for (p, b) in pending.into_iter().zip(builtin::all()) {
        let text = finish(p).await?;
        out.push(crate::lesson::from_json(&text).map_err(|e| format!("lesson {}: {e}", b.name))?);
    }
    Ok(out)
}

/// Every built-in template with its scenario, in gallery order (fetched side by side).
pub async fn templates() -> Result<Vec<(&'static Template, Rc<Scenario>)>, String> {
    let pending: Vec<Pending> = templates::all().iter().map(|t| start(t.path())).collect();
    let mut out = Vec::with_capacity(pending.len());
    for (p, t) in pending.into_iter().zip(templates::all()) {
        let text = finish(p).await?;
        let loaded =
            crate::scenario::load_str(&text).map_err(|e| format!("template {}: {e}", t.id))?;
        out.push((t, Rc::new(loaded.scenario)));
    }
    Ok(out)
}

/// What a gallery shows while its files load: `None` until they are in, then the items or why
/// they could not be loaded. `load` runs once, when the component appears.
#[yew::hook]
pub fn use_fetched<T, Fut>(load: fn() -> Fut) -> Option<Result<Rc<T>, String>>
where
    T: 'static,
    Fut: std::future::Future<Output = Result<T, String>> + 'static,
{
    let state = yew::use_state(|| None::<Result<Rc<T>, String>>);
    {
        let state = state.clone();
        yew::use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                state.set(Some(load().await.map(Rc::new)));
            });
        });
    }
    (*state).clone()
}
