//! Live unread counts. In the browser, one `EventSource` on `/events`
//! per page (the server polls the database, so any app server can send
//! it); when the stream cannot be opened, the count is asked for every 15
//! seconds instead. Visitors and staff have no threads: after the first
//! answer says so, nothing more is asked.

use leptos::prelude::*;
use madoguchi_shared::thread::Unread;

/// The live count, provided once by the app shell.
#[derive(Clone, Copy)]
pub struct Live(pub RwSignal<Unread>, pub RwSignal<bool>);

impl Live {
    pub fn get(&self) -> Unread {
        self.0.get()
    }

    /// Whether the user has threads at all (a seeker or an employer).
    pub fn has_threads(&self) -> bool {
        self.1.get()
    }
}

/// Provides the live count (the app shell, once).
pub fn provide_live() {
    provide_context(Live(RwSignal::new(Unread::default()), RwSignal::new(false)));
}

/// Starts following the count in the browser, inside the router: while
/// the user is a visitor, each new page asks again (a login happens
/// without a reload), so the count starts with the first page after it.
pub fn follow(live: Live) {
    #[cfg(feature = "hydrate")]
    {
        let location = leptos_router::hooks::use_location();
        Effect::new(move |_| {
            // Read, not only tracked: a memo subscribes to its source when computed.
            let _ = location.pathname.get();
            match browser::stage() {
                browser::Stage::Visitor => {
                    browser::set_stage(browser::Stage::Asking);
                    browser::start(live);
                }
                // A page changed while the answer was on its way (the
                // login's own redirect): ask once more after it.
                browser::Stage::Asking => browser::ask_again(),
                _ => {}
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = live;
}

/// At logout: the stream closes and the count goes until the next login.
pub fn stop() {
    #[cfg(feature = "hydrate")]
    browser::stop();
    if let Some(live) = use_context::<Live>() {
        live.0.set(Unread::default());
        live.1.set(false);
    }
}

pub fn use_live() -> Live {
    use_context::<Live>().unwrap_or_else(|| {
        let live = Live(RwSignal::new(Unread::default()), RwSignal::new(false));
        provide_context(live);
        live
    })
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Live;
    use leptos::prelude::*;
    use madoguchi_shared::thread::Unread;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Stage {
        /// Not logged in, staff (no threads) or not known yet: ask again
        /// on the next page.
        Visitor,
        Asking,
        /// A seeker or an employer: the count is followed.
        Following,
    }

    thread_local! {
        static STAGE: std::cell::Cell<Stage> = const { std::cell::Cell::new(Stage::Visitor) };
        static SOURCE: std::cell::RefCell<Option<web_sys::EventSource>> = const { std::cell::RefCell::new(None) };
        static AGAIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    pub fn ask_again() {
        AGAIN.with(|a| a.set(true));
    }

    pub fn stage() -> Stage {
        STAGE.with(|s| s.get())
    }

    pub fn set_stage(stage: Stage) {
        STAGE.with(|s| s.set(stage));
    }

    pub fn stop() {
        if let Some(source) = SOURCE.with(|s| s.borrow_mut().take()) {
            source.close();
        }
        set_stage(Stage::Visitor);
    }

    pub fn start(live: Live) {
        AGAIN.with(|a| a.set(false));
        leptos::task::spawn_local(async move {
            // One plain request first: visitors and staff stop here.
            match crate::api::messages::unread_count().await {
                Ok(Some(u)) => {
                    live.0.set(u);
                    live.1.set(true);
                    set_stage(Stage::Following);
                }
                // A visitor (or staff): ask again on the next page, which
                // may come after a login.
                Ok(None) => {
                    if AGAIN.with(|a| a.replace(false)) {
                        start(live);
                    } else {
                        set_stage(Stage::Visitor);
                    }
                    return;
                }
                // No answer: ask again on the next page.
                Err(_) => {
                    set_stage(Stage::Visitor);
                    return;
                }
            }
            if !open_stream(live) {
                poll(live);
            }
        });
    }

    /// Follows `/events`; false when the browser cannot open it.
    fn open_stream(live: Live) -> bool {
        let Ok(source) = web_sys::EventSource::new("/events") else {
            return false;
        };
        let on_unread =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(text) = ev.data().as_string()
                    && let Ok(u) = serde_json::from_str::<Unread>(&text)
                {
                    live.0.set(u);
                }
            });
        let _ =
            source.add_event_listener_with_callback("unread", on_unread.as_ref().unchecked_ref());
        on_unread.forget();
        // A stream the server closed for good (logged out, a proxy that
        // buffers) falls back to polling.
        let fallback = source.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if fallback.ready_state() == web_sys::EventSource::CLOSED && stage() == Stage::Following
            {
                poll(live);
            }
        });
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        SOURCE.with(|s| *s.borrow_mut() = Some(source));
        true
    }

    fn poll(live: Live) {
        leptos::task::spawn_local(async move {
            while stage() == Stage::Following {
                gloo_timers_sleep(15_000).await;
                match crate::api::messages::unread_count().await {
                    Ok(Some(u)) => live.0.set(u),
                    Ok(None) => {
                        // Logged out: the link goes until the next login.
                        live.1.set(false);
                        set_stage(Stage::Visitor);
                        return;
                    }
                    Err(_) => {}
                }
            }
        });
    }

    async fn gloo_timers_sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
