//! The page for addresses that lead nowhere; answers 404.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::error::AppError;
use crate::i18n::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let _ = AppError::NotFound.respond();
    view! {
        <Title text=move || t_string!(i18n, not_found_title) />
        <h1>{t!(i18n, not_found_heading)}</h1>
        <p>{t!(i18n, not_found_body)}</p>
        <p><A href="/">{t!(i18n, back_home)}</A></p>
    }
}
