//! Madoguchi's user interface: routes, pages, components and the server
//! functions they call.
//!
//! Compiled twice: with `ssr` into the server (rendering and server
//! functions, with database access), with `hydrate` into the browser's
//! WebAssembly bundle (no database code at all).

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// The domain's language of the page's current locale, for labels of
/// coded values.
pub fn domain_lang(i18n: leptos_i18n::I18nContext<i18n::Locale>) -> madoguchi_shared::label::Lang {
    match i18n.get_locale() {
        i18n::Locale::ja => madoguchi_shared::label::Lang::Ja,
        i18n::Locale::en => madoguchi_shared::label::Lang::En,
    }
}

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod live;
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod state;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A mark that the page is interactive (forms submit through the
    // router from here on): browser tests wait for it before acting.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
    offline::register_worker();
}
