//! `/`: the keyword box and the newest postings.

use leptos::prelude::*;
use leptos_meta::Title;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::posting::{PostingSummary, format_yen};

use crate::api::postings::newest_postings;
use crate::components::search_box::SearchBox;
use crate::error::ErrorMessage;
use crate::i18n::*;

/// How many postings the home page lists.
const NEWEST_ON_HOME: u32 = 6;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let newest = Resource::new(|| (), |_| newest_postings(NEWEST_ON_HOME));
    view! {
        <Title text=move || t_string!(i18n, home_title) />
        <section class="hero">
            <h1>{t!(i18n, home_heading)}</h1>
            <p class="lead">{t!(i18n, home_lead)}</p>
            <SearchBox />
        </section>
        <section class="newest" aria-labelledby="newest-heading">
            <h2 id="newest-heading">{t!(i18n, home_newest)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match newest.await {
                        Ok(list) => {
                            let total = list.total;
                            view! {
                                <p class="open-count" data-testid="open-count">
                                    {t!(i18n, home_open_count, count = move || total, <b> = <b />)}
                                </p>
                                <PostingList postings=list.postings />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PostingList(postings: Vec<PostingSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if postings.is_empty() {
        return view! { <p class="empty">{t!(i18n, home_empty)}</p> }.into_any();
    }
    view! {
        <ul class="posting-list">
            {postings.into_iter().map(|p| view! { <PostingCard posting=p /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn PostingCard(posting: PostingSummary) -> impl IntoView {
    let i18n = use_i18n();
    let (form, min, max) = (
        posting.wage_form,
        format_yen(posting.wage_min),
        format_yen(posting.wage_max),
    );
    let wage = move || match i18n.get_locale() {
        Locale::ja => format!("{} {min}円〜{max}円", form.label(Lang::Ja)),
        Locale::en => format!("{} ¥{min}–¥{max}", form.label(Lang::En)),
    };
    let place = move || {
        let pref = match i18n.get_locale() {
            Locale::ja => posting.prefecture.name_ja(),
            Locale::en => posting.prefecture.name_en(),
        };
        format!("{pref} {}", posting.city)
    };
    let establishment = match posting.establishment {
        Some(name) => view! { <p class="establishment">{name}</p> }.into_any(),
        None => view! {
            <p class="establishment hidden-name">{t!(i18n, posting_establishment_hidden)}</p>
        }
        .into_any(),
    };
    view! {
        <li class="posting-card">
            <h3>{posting.title}</h3>
            {establishment}
            <dl>
                <div>
                    <dt>{t!(i18n, posting_wage)}</dt>
                    <dd>{wage}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, posting_place)}</dt>
                    <dd>{place}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, posting_valid_until)}</dt>
                    <dd>{to_iso(posting.valid_until)}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, posting_number)}</dt>
                    <dd class="posting-number">{posting.number.to_string()}</dd>
                </div>
            </dl>
        </li>
    }
}
