//! The helper Web Worker (the `vpcplay-import` binary, built by Trunk next to the app) runs the
//! AWS importer, packs share links and analyses every port of the scenario, so the app's bundle
//! carries neither the importer, the DEFLATE compressor nor the walks over port sets, and
//! reading a large account or analysing a large scenario does not hold up the page. The page
//! side ([`import`], [`pack`], [`analyse`], [`warm`]) starts the worker on first need and sends
//! it one [`Request`] at a time; the worker side ([`serve`]) answers each with
//! [`crate::worker_job::answer`].

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

use crate::aws::job::{Answer, Job};
use crate::worker_job::{Analysed, Request};

/// The worker's script, beside the page (Trunk's loader shim for the `vpcplay-import` binary).
const SCRIPT: &str = "./vpcplay-import_loader.js";

/// What the worker posts once it is listening.
const READY: &str = "ready";

thread_local! {
    /// The running worker and a promise that resolves when it listens.
    static RUNNING: RefCell<Option<(Worker, Promise)>> = const { RefCell::new(None) };
    /// Resolves when the last request sent has been answered.
    static QUEUE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Starts the worker, if it is not running, so that an import does not wait for it to load.
pub fn warm() {
    let _ = running();
}

/// The running worker, started when there is none.
fn running() -> Result<(Worker, Promise), String> {
    if let Some(r) = RUNNING.with(|r| r.borrow().clone()) {
        return Ok(r);
    }
    let worker = Worker::new(SCRIPT).map_err(|e| describe(&e))?;
    let ready = next_message(&worker);
    RUNNING.with(|r| *r.borrow_mut() = Some((worker.clone(), ready.clone())));
    Ok((worker, ready))
}

/// A promise of the worker's next message (rejected if the worker fails first).
fn next_message(worker: &Worker) -> Promise {
    let worker = worker.clone();
    Promise::new(&mut move |resolve, reject| {
        worker.set_onmessage(Some(
            Closure::once_into_js(move |e: MessageEvent| {
                let _ = resolve.call1(&JsValue::NULL, &e.data());
            })
            .unchecked_ref(),
        ));
        worker.set_onerror(Some(
            Closure::once_into_js(move |e: JsValue| {
                let _ = reject.call1(&JsValue::NULL, &e);
            })
            .unchecked_ref(),
        ));
    })
}

/// Forgets a worker that failed, so that the next import starts a new one.
fn stop() {
    if let Some((worker, _)) = RUNNING.with(|r| r.borrow_mut().take()) {
        worker.terminate();
    }
}

/// Runs a job in the worker and returns its answer; a worker that cannot load or crashes is a
/// [`Answer::Failed`] that says so.
pub async fn import(job: &Job) -> Answer {
    let reply = match ask(&Request::Import(job.clone())).await {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| format!("the importer's answer could not be read: {e}")),
        Err(why) => Err(why),
    };
    reply.unwrap_or_else(Answer::Failed)
}

/// Packs JSON (a scenario or a lesson) into a share-link payload in the worker.
pub async fn pack(json: String) -> Result<String, String> {
    ask(&Request::Pack(json)).await
}

/// Asks the worker for the views of an analysis ([`Request::Analyse`]).
pub async fn analyse(request: &Request) -> Analysed {
    match ask(request).await {
        Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
            Analysed::Failed(format!("the helper's analysis could not be read: {e}"))
        }),
        Err(why) => Analysed::Failed(why),
    }
}

/// Sends `request` to the worker and returns its reply text; a worker that fails is stopped, so
/// the next request starts a new one.
async fn ask(request: &Request) -> Result<String, String> {
    // One request at a time: each waits for the one before it to be answered.
    let mut finish = None;
    let mine = Promise::new(&mut |resolve, _| finish = Some(resolve));
    if let Some(before) = QUEUE.with(|q| q.borrow_mut().replace(mine)) {
        let _ = JsFuture::from(before).await;
    }
    let reply = ask_running(request).await;
    if reply.is_err() {
        stop();
    }
    if let Some(finish) = finish {
        let _ = finish.call0(&JsValue::NULL);
    }
    reply
}

async fn ask_running(request: &Request) -> Result<String, String> {
    let (worker, ready) = running()?;
    let hello = JsFuture::from(ready).await.map_err(|e| unavailable(&e))?;
    if hello.as_string().as_deref() != Some(READY) {
        return Err("the helper started wrongly".into());
    }
    let text = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let reply = next_message(&worker);
    worker
        .post_message(&JsValue::from_str(&text))
        .map_err(|e| describe(&e))?;
    let answer = JsFuture::from(reply)
        .await
        .map_err(|e| format!("the helper stopped while working ({})", describe(&e)))?;
    Ok(answer.as_string().unwrap_or_default())
}

/// Why the worker could not be loaded, for people.
fn unavailable(e: &JsValue) -> String {
    format!(
        "the helper (AWS import, share links, port analysis) could not be loaded ({}); check your connection and try again",
        describe(e)
    )
}

/// A JavaScript error or event in words.
fn describe(e: &JsValue) -> String {
    if let Some(ev) = e.dyn_ref::<web_sys::ErrorEvent>() {
        let m = ev.message();
        if !m.is_empty() {
            return m;
        }
        return "the script failed".into();
    }
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "the script failed to load".into())
}

/// The worker's side: answers every job posted to it, then says it is listening.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let job = e.data().as_string().unwrap_or_default();
        let answer = crate::worker_job::answer(&job);
        let _ = replies.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
