//! What a seeker writes survives the network and the tab: drafts kept on
//! the device (local storage) per seeker and posting, and applications sent
//! while offline kept as "waiting to send" and sent once the connection is
//! back, each with its own submission key so that a retry applies once.
//!
//! Everything here runs in the browser only; on the server the functions
//! do nothing (a server render never sees the device).

use madoguchi_shared::draft::Draft;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Local storage keys: `madoguchi-draft-<user>-<求人番号>` holds a
/// [`Draft`] as JSON, `madoguchi-outbox-<user>` the waiting applications.
const DRAFT_PREFIX: &str = "madoguchi-draft-";
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const OUTBOX_PREFIX: &str = "madoguchi-outbox-";

fn draft_key(user: i32, number: &str) -> String {
    format!("{DRAFT_PREFIX}{user}-{number}")
}

/// An application made offline, waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    /// The posting number (self-application) or recommendation id.
    pub number: Option<String>,
    pub referral: Option<i32>,
    /// The posting whose draft this is.
    pub draft: String,
    pub key: String,
    pub motivation: String,
}

/// Why a send did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// No connection (or no answer): the application waits.
    Network,
    /// The server refused it; the draft stays.
    Refused(AppError),
}

#[cfg(feature = "hydrate")]
mod device {
    use super::*;

    pub fn store() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }

    pub fn now_ms() -> i64 {
        js_sys::Date::now() as i64
    }

    pub fn online() -> bool {
        leptos::prelude::window().navigator().on_line()
    }

    pub fn read<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
        let text = store()?.get_item(key).ok().flatten()?;
        serde_json::from_str(&text).ok()
    }

    /// Whether it was written (false when storage is full or refused).
    pub fn write<T: Serialize>(key: &str, value: &T) -> bool {
        let Ok(text) = serde_json::to_string(value) else {
            return false;
        };
        store().is_some_and(|s| s.set_item(key, &text).is_ok())
    }

    pub fn remove(key: &str) {
        if let Some(s) = store() {
            let _ = s.remove_item(key);
        }
    }

    pub fn keys() -> Vec<String> {
        let Some(s) = store() else { return Vec::new() };
        (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .collect()
    }

    pub async fn post(form: web_sys::FormData) -> Result<i32, SendError> {
        post_form("/applications/send", form)
            .await
            .map(|id| id as i32)
    }

    /// Posts a multipart form (files included) to one of the site's own
    /// form routes, asking for JSON: the id it answers, or why not.
    pub async fn post_form(url: &str, form: web_sys::FormData) -> Result<i64, SendError> {
        let request = gloo_net::http::Request::post(url)
            .header("Accept", "application/json")
            .body(form)
            .map_err(|_| SendError::Network)?;
        let response = request.send().await.map_err(|_| SendError::Network)?;
        if response.ok() {
            #[derive(Deserialize)]
            struct Sent {
                id: i64,
            }
            return response
                .json::<Sent>()
                .await
                .map(|s| s.id)
                .map_err(|_| SendError::Network);
        }
        // A proxy's error page (no JSON) means the server was not reached.
        match response.json::<AppError>().await {
            Ok(error) => Err(SendError::Refused(error)),
            Err(_) => Err(SendError::Network),
        }
    }
}

/// Posts a multipart form to `url` (the page's own send of a form with
/// files): the id the server answers.
#[cfg(feature = "hydrate")]
pub async fn post_form(url: &str, form: web_sys::FormData) -> Result<i64, SendError> {
    device::post_form(url, form).await
}

/// Milliseconds since 1970 on this device.
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    return device::now_ms();
    #[cfg(not(feature = "hydrate"))]
    0
}

/// Whether the browser believes it is online (true on the server).
pub fn online() -> bool {
    #[cfg(feature = "hydrate")]
    return device::online();
    #[cfg(not(feature = "hydrate"))]
    true
}

/// The device's draft for posting `number` of seeker account `user`.
pub fn load_draft(user: i32, number: &str) -> Option<Draft> {
    #[cfg(feature = "hydrate")]
    return device::read(&draft_key(user, number));
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = draft_key(user, number);
        None
    }
}

/// Keeps a draft on the device; false when the storage is full.
pub fn save_draft(user: i32, number: &str, draft: &Draft) -> bool {
    #[cfg(feature = "hydrate")]
    return device::write(&draft_key(user, number), draft);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (user, number, draft);
        false
    }
}

pub fn clear_draft(user: i32, number: &str) {
    #[cfg(feature = "hydrate")]
    device::remove(&draft_key(user, number));
    #[cfg(not(feature = "hydrate"))]
    let _ = (user, number);
}

/// A message being written in the thread of one application, with the
/// key it will be sent under (the server keeps one message per key).
/// Stored with the drafts, so logout removes it too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDraft {
    pub text: String,
    pub key: String,
    pub edited_at: i64,
}

fn message_name(application: i32) -> String {
    format!("message-{application}")
}

/// The device's unsent message of `user` in the thread of `application`.
pub fn load_message_draft(user: i32, application: i32) -> Option<MessageDraft> {
    #[cfg(feature = "hydrate")]
    return device::read(&draft_key(user, &message_name(application)));
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = draft_key(user, &message_name(application));
        None
    }
}

/// Keeps the message being written; false when the storage is full.
pub fn save_message_draft(user: i32, application: i32, draft: &MessageDraft) -> bool {
    #[cfg(feature = "hydrate")]
    return device::write(&draft_key(user, &message_name(application)), draft);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (user, application, draft);
        false
    }
}

pub fn clear_message_draft(user: i32, application: i32) {
    clear_draft(user, &message_name(application));
}

/// A new sending key: 32 hexadecimal digits drawn on the device.
pub fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        (0..4)
            .map(|_| {
                format!(
                    "{:08x}",
                    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
                )
            })
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}

/// How many unsent drafts of `user` this device holds.
pub fn draft_count(user: i32) -> usize {
    #[cfg(feature = "hydrate")]
    {
        let prefix = format!("{DRAFT_PREFIX}{user}-");
        device::keys()
            .iter()
            .filter(|k| k.starts_with(&prefix))
            .filter(|k| device::read::<Draft>(k).is_some_and(|d| !d.text.trim().is_empty()))
            .count()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = user;
        0
    }
}

/// At logout: the seeker's drafts and waiting applications leave the
/// device, and so do the pages kept for offline use.
pub fn forget_user(user: i32) {
    #[cfg(feature = "hydrate")]
    {
        let prefix = format!("{DRAFT_PREFIX}{user}-");
        for k in device::keys() {
            if k.starts_with(&prefix) {
                device::remove(&k);
            }
        }
        device::remove(&format!("{OUTBOX_PREFIX}{user}"));
        if let Ok(caches) = leptos::prelude::window().caches() {
            let _ = caches.delete("madoguchi-pages");
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = user;
}

/// The applications of `user` waiting to be sent.
pub fn waiting(user: i32) -> Vec<Waiting> {
    #[cfg(feature = "hydrate")]
    return device::read(&format!("{OUTBOX_PREFIX}{user}")).unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = user;
        Vec::new()
    }
}

/// Keeps an application to send later; false when storage is full.
pub fn queue(user: i32, entry: Waiting) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let mut list = waiting(user);
        list.retain(|w| w.key != entry.key);
        list.push(entry);
        device::write(&format!("{OUTBOX_PREFIX}{user}"), &list)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (user, entry);
        false
    }
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn unqueue(user: i32, key: &str) {
    #[cfg(feature = "hydrate")]
    {
        let mut list = waiting(user);
        list.retain(|w| w.key != key);
        if list.is_empty() {
            device::remove(&format!("{OUTBOX_PREFIX}{user}"));
        } else {
            device::write(&format!("{OUTBOX_PREFIX}{user}"), &list);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (user, key);
}

/// Sends one application now: the form as it is (files included), or a
/// waiting entry. On success the draft goes, on refusal it stays.
#[cfg(feature = "hydrate")]
pub async fn send(user: i32, form: web_sys::FormData, draft: &str) -> Result<i32, SendError> {
    let sent = device::post(form).await;
    if sent.is_ok() {
        clear_draft(user, draft);
    }
    sent
}

/// Sends every waiting application of `user`, once each: a sent or refused
/// one leaves the outbox (a refused one keeps its draft); one that meets
/// no connection stays. What happened to each.
pub async fn flush(user: i32) -> Vec<(Waiting, Result<i32, SendError>)> {
    #[cfg(feature = "hydrate")]
    {
        let mut out = Vec::new();
        for w in waiting(user) {
            let Ok(form) = web_sys::FormData::new() else {
                continue;
            };
            if let Some(n) = &w.number {
                let _ = form.append_with_str("number", n);
                let _ = form.append_with_str("acknowledged", "on");
            }
            if let Some(r) = w.referral {
                let _ = form.append_with_str("referral", &r.to_string());
            }
            let _ = form.append_with_str("key", &w.key);
            let _ = form.append_with_str("motivation", &w.motivation);
            let _ = form.append_with_str("draft", &w.draft);
            let result = send(user, form, &w.draft).await;
            if !matches!(result, Err(SendError::Network)) {
                unqueue(user, &w.key);
            }
            out.push((w, result));
        }
        out
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = user;
        Vec::new()
    }
}

/// Registers the service worker (public/sw.js) that opens MyPage, postings
/// and application forms without a connection.
pub fn register_worker() {
    #[cfg(feature = "hydrate")]
    {
        let navigator = leptos::prelude::window().navigator();
        let _ = navigator.service_worker().register("/sw.js");
    }
}

/// Asks the service worker to keep `paths` (and the bundle files this page
/// loaded) for offline use. Called by the seeker's own pages only.
pub fn keep_for_offline(paths: Vec<String>) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        use wasm_bindgen::JsCast;
        let window = leptos::prelude::window();
        let Ok(ready) = window.navigator().service_worker().ready() else {
            return;
        };
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        let Some(worker) = registration.active() else {
            return;
        };
        let origin = window.location().origin().unwrap_or_default();
        let bundle: Vec<String> = window
            .performance()
            .map(|p| p.get_entries_by_type("resource"))
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<web_sys::PerformanceEntry>().ok())
                    .map(|e| e.name())
                    .filter(|n| n.starts_with(&format!("{origin}/pkg/")))
                    .collect()
            })
            .unwrap_or_default();
        let message = serde_json::json!({ "type": "keep", "pages": paths, "bundle": bundle });
        let _ = worker.post_message(&wasm_bindgen::JsValue::from_str(&message.to_string()));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = paths;
}
