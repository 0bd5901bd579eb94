//! The keyword box: a plain GET form to `/jobs`, so it works before the
//! WebAssembly arrives; once hydrated the router navigates in place.

use leptos::prelude::*;
use leptos_router::components::Form;
use madoguchi_shared::keyword::MAX_KEYWORD_CHARS;

use crate::i18n::*;

#[component]
pub fn SearchBox(#[prop(into, optional)] value: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Form method="GET" action="/jobs" attr:class="search-box" attr:role="search">
            <label for="q">{t!(i18n, search_label)}</label>
            <div class="search-row">
                <input
                    id="q"
                    name="q"
                    type="search"
                    enterkeyhint="search"
                    maxlength=MAX_KEYWORD_CHARS
                    placeholder=move || t_string!(i18n, search_placeholder)
                    value=value
                    prop:value=value
                />
                <button type="submit">{t!(i18n, search_submit)}</button>
            </div>
        </Form>
    }
}
