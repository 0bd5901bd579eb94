//! `/jobs?q=…`: the search page. The keyword arrives here from every
//! search box; the search itself is built on top of this page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use madoguchi_shared::keyword::{normalize_keywords, words};

use crate::components::search_box::SearchBox;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn JobsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let raw = Signal::derive(move || query.read().get("q").unwrap_or_default());
    let keywords = Memo::new(move |_| normalize_keywords(&raw.get()).map_err(AppError::from));
    // Refuse an over-long query with 400 when rendering on the server.
    if let Err(e) = keywords.get_untracked() {
        let _ = e.respond();
    }
    view! {
        <Title text=move || t_string!(i18n, jobs_title) />
        <h1>{t!(i18n, jobs_heading)}</h1>
        <SearchBox value=raw />
        {move || match keywords.get() {
            Err(error) => view! { <ErrorMessage error /> }.into_any(),
            Ok(q) if q.is_empty() => view! { <p>{t!(i18n, jobs_no_keywords)}</p> }.into_any(),
            Ok(q) => {
                view! {
                    <p class="query">
                        {t!(i18n, jobs_keywords)}": "
                        {words(&q)
                            .map(|w| view! { <mark class="keyword">{w.to_owned()}</mark> " " })
                            .collect_view()}
                    </p>
                    <p class="notice">{t!(i18n, jobs_in_preparation)}</p>
                }
                    .into_any()
            }
        }}
    }
}
