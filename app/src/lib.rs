//! Madoguchi's user interface: routes, pages, components and the server
//! functions they call.
//!
//! Compiled twice: with `ssr` into the server (rendering and server
//! functions, with database access), with `hydrate` into the browser's
//! WebAssembly bundle (no database code at all).

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod state;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
