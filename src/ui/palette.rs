//! The palette: the parts that can be placed on the canvas, grouped by family. Drag a part onto
//! the canvas (mouse, pen or touch) to drop it there, or activate it (click, Enter, Space) to place
//! it at the selection.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::lang::{t, tf, use_lang, Lang};
use super::parts::{Family, Part, PARTS};
use super::state::{Action, AppContext};
use super::view::{client_to_canvas, ensure_visible, ViewContext};
use crate::edit::place::{place_at, place_auto, Placed};
use crate::edit::Refusal;

/// A palette drag in progress: which part, where the pointer is, whether it has moved.
#[derive(Debug, Clone, PartialEq)]
struct Carry {
    part: usize,
    start: (f64, f64),
    at: (f64, f64),
    moved: bool,
}

/// Applies a placement (selecting the new part, and panning to it if it is off screen) or says
/// why it was refused.
fn apply(app: &AppContext, lang: Lang, view: &ViewContext, result: Result<Placed, Refusal>) {
    match result {
        Ok(p) => {
            let p = crate::edit::title::named_in(&app.scenario, p, lang);
            let name = crate::edit::find::name_of(&p.scenario, &p.id);
            if let Some(r) = crate::geometry::rect_of(&p.scenario, &p.id) {
                ensure_visible(view, r);
            }
            app.dispatch(Action::EditSelect(Rc::new(p.scenario), vec![p.id]));
            app.dispatch(Action::Notify(tf(lang, "Added {}.", &[&name])));
        }
        Err(why) => {
            // The part the next edit goes to is not the one selected before the refused drop.
            app.dispatch(Action::Select(Vec::new()));
            app.dispatch(Action::Notify(why.text(lang)));
        }
    }
}

/// The left column listing every part as a button named after it.
#[component]
pub fn Palette() -> Html {
    let lang = use_lang();
    let app = use_context::<AppContext>().expect("app context");
    let view = use_context::<ViewContext>().expect("view context");
    let carry = use_state(|| None::<Carry>);
    // Set when a drag ended, so the click that follows it does not place a second part.
    let dragged = use_mut_ref(|| false);
    let listeners = use_mut_ref(Vec::new);

    let ghost = carry.as_ref().filter(|c| c.moved).map(|c| {
        let part = &PARTS[c.part];
        let style = format!("left:{}px;top:{}px", c.at.0 - 19.0, c.at.1 - 12.0);
        html! {
            <div class="drag-ghost" {style} aria-hidden="true">
                <span class={classes!("badge", part.badge_class())}>{ part.badge }</span>
                <span>{ t(lang, part.name) }</span>
            </div>
        }
    });
    let ctx = Ctx {
        lang,
        app,
        view,
        carry,
        dragged,
        listeners,
    };
    html! {
        <section class="palette" aria-label={t(lang, "Palette")}>
            { for Family::ALL.iter().map(|&family| group(&ctx, family)) }
            <p class="palette-tip muted">{ t(lang, "Drag onto the canvas, or press Enter to add at the selection.") }</p>
            { ghost }
        </section>
    }
}

struct Ctx {
    lang: Lang,
    app: AppContext,
    view: ViewContext,
    carry: UseStateHandle<Option<Carry>>,
    dragged: Rc<std::cell::RefCell<bool>>,
    listeners: Rc<std::cell::RefCell<Vec<EventListener>>>,
}

fn group(ctx: &Ctx, family: Family) -> Html {
    let heading_id = format!("palette-{}", family.css_class());
    html! {
        <div class="palette-group" role="group" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="palette-heading">{ family.title(ctx.lang) }</h2>
            { for PARTS.iter().enumerate().filter(|(_, p)| p.family == family)
                .map(|(i, part)| button(ctx, i, part)) }
        </div>
    }
}

fn button(ctx: &Ctx, index: usize, part: &Part) -> Html {
    let kind = part.kind;
    let lang = ctx.lang;
    // The drag follows the pointer with listeners on the window, so it keeps working whatever
    // element the pointer is over and however the palette re-renders.
    let onpointerdown = {
        let (carry, app, view, dragged, listeners) = (
            ctx.carry.clone(),
            ctx.app.clone(),
            ctx.view.clone(),
            ctx.dragged.clone(),
            ctx.listeners.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let start = (e.client_x() as f64, e.client_y() as f64);
            let Some(window) = web_sys::window() else {
                return;
            };
            let button = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("button").ok().flatten());
            let state = Rc::new(std::cell::RefCell::new(Carry {
                part: index,
                start,
                at: start,
                moved: false,
            }));
            let on_move = {
                let (state, carry) = (state.clone(), carry.clone());
                EventListener::new(&window, "pointermove", move |e| {
                    let Some(e) = e.dyn_ref::<PointerEvent>() else {
                        return;
                    };
                    let mut c = state.borrow_mut();
                    c.at = (e.client_x() as f64, e.client_y() as f64);
                    c.moved = c.moved || (c.at.0 - c.start.0).hypot(c.at.1 - c.start.1) > 5.0;
                    if c.moved {
                        carry.set(Some(c.clone()));
                    }
                })
            };
            let on_up = {
                let (state, carry, app, view, dragged, listeners, button) = (
                    state.clone(),
                    carry.clone(),
                    app.clone(),
                    view.clone(),
                    dragged.clone(),
                    listeners.clone(),
                    button.clone(),
                );
                EventListener::new(&window, "pointerup", move |e| {
                    let Some(e) = e.dyn_ref::<PointerEvent>() else {
                        return;
                    };
                    let c = state.borrow().clone();
                    carry.set(None);
                    if c.moved {
                        // A click follows only when the pointer comes up over the button.
                        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                        *dragged.borrow_mut() =
                            button.as_ref().is_some_and(|b| b.contains(target.as_ref()));
                        let (x, y) = (e.client_x() as f64, e.client_y() as f64);
                        match client_to_canvas(*view, x, y) {
                            Some((cx, cy)) => {
                                apply(&app, lang, &view, place_at(&app.scenario, kind, cx, cy))
                            }
                            None => app.dispatch(Action::Notify(
                                t(lang, "Drop parts on the canvas to add them.").to_string(),
                            )),
                        }
                    }
                    // Dropping the listeners from inside one of them: defer it.
                    let listeners = listeners.clone();
                    yew::platform::spawn_local(async move {
                        listeners.borrow_mut().clear();
                    });
                })
            };
            let on_cancel = {
                let (carry, listeners) = (carry.clone(), listeners.clone());
                EventListener::new(&window, "pointercancel", move |_| {
                    carry.set(None);
                    let listeners = listeners.clone();
                    yew::platform::spawn_local(async move {
                        listeners.borrow_mut().clear();
                    });
                })
            };
            *listeners.borrow_mut() = vec![on_move, on_up, on_cancel];
        })
    };
    let onclick = {
        let (app, view, dragged) = (ctx.app.clone(), ctx.view.clone(), ctx.dragged.clone());
        Callback::from(move |_: MouseEvent| {
            if std::mem::take(&mut *dragged.borrow_mut()) {
                return;
            }
            let near = app.selection.first().cloned();
            apply(
                &app,
                lang,
                &view,
                place_auto(&app.scenario, kind, near.as_deref()),
            );
        })
    };
    html! {
        <button type="button" class="part" title={t(lang, part.hint)}
            {onpointerdown} {onclick}>
            <span class={classes!("badge", part.badge_class())} aria-hidden="true">
                { part.badge }
            </span>
            <span class="part-name">{ t(lang, part.name) }</span>
        </button>
    }
}
