//! `/jobs`: 求人検索. Every condition lives in the URL; the page renders
//! on the server first (and works without JavaScript: the filters are a
//! plain GET form), then the router updates results in place.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::keyword::{MAX_KEYWORD_CHARS, words};
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::posting::{
    EmploymentType, PostingCategory, PostingFlag, WageForm, format_yen,
};
use madoguchi_shared::prefecture::Prefecture;
use madoguchi_shared::search::{
    Facets, JobQuery, MAX_MUNICIPALITY_CHARS, OCCUPATION_GROUPS, PAGE_SIZES, PostingCard,
    SearchPage, Sort,
};

use crate::api::postings::search_postings;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn JobsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let parsed = Memo::new(move |_| {
        let map = params.read();
        let pairs: Vec<(String, String)> = (&*map)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_owned()))
            .collect();
        JobQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    // A bad parameter answers 400 when rendering on the server.
    if let Err(e) = parsed.get_untracked() {
        let _ = AppError::from(e).respond();
    }
    let results = Resource::new(
        move || parsed.get().ok().map(|q| q.to_query_string()),
        |qs| async move {
            match qs {
                Some(qs) => search_postings(qs).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let lang = move || crate::domain_lang(i18n);
    view! {
        <Title text=move || t_string!(i18n, jobs_title) />
        <h1>{t!(i18n, jobs_heading)}</h1>
        {move || match parsed.get() {
            Err(e) => view! {
                <p class="error-lead">{t!(i18n, jobs_bad_condition)}</p>
                <ErrorMessage error=AppError::from(e) />
                <p><A href="/jobs">{t!(i18n, jobs_reset)}</A></p>
            }
            .into_any(),
            Ok(query) => view! {
                <Transition fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                    {move || {
                        let query = query.clone();
                        let raw_q = params.read_untracked().get("q").unwrap_or_default();
                        Suspend::new(async move {
                            match results.await {
                                Ok(Some(page)) => view! {
                                    <div class="search-layout">
                                        <Filters query=query.clone() raw_q facets=page.facets.clone() lang />
                                        <section class="results" aria-live="polite">
                                            <Keywords q=query.q.clone() />
                                            <crate::pages::saved_searches::SaveSearchForm qs=query.with_page(1).to_query_string() />
                                            <Results page query lang />
                                        </section>
                                    </div>
                                }
                                .into_any(),
                                Ok(None) => ().into_any(),
                                Err(error) => view! { <ErrorMessage error /> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            }
            .into_any(),
        }}
    }
}

/// The words searched for, each marked.
#[component]
fn Keywords(q: String) -> impl IntoView {
    let i18n = use_i18n();
    (!q.is_empty()).then(|| {
        view! {
            <p class="query">
                {t!(i18n, jobs_keywords)}": "
                {words(&q)
                    .map(|w| view! { <mark class="keyword">{w.to_owned()}</mark> " " })
                    .collect_view()}
            </p>
        }
    })
}

/// The address of a search.
fn jobs_href(query: &JobQuery) -> String {
    match query.to_query_string() {
        qs if qs.is_empty() => "/jobs".to_owned(),
        qs => format!("/jobs?{qs}"),
    }
}

/// The filter form: a GET form to `/jobs`, so it works without
/// JavaScript; counts beside the choices come with the results.
#[component]
fn Filters(
    query: JobQuery,
    /// The keywords as typed (the box keeps ideographic spaces).
    raw_q: String,
    facets: Facets,
    lang: impl Fn() -> Lang + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let facets = StoredValue::new(facets);
    let q = raw_q;
    let pref = query
        .prefectures
        .first()
        .map(|p| p.code_str())
        .unwrap_or_default();
    let group = query
        .groups
        .first()
        .map(|g| g.to_string())
        .unwrap_or_default();
    let (wage_form, wage) = query
        .wage
        .map(|(f, w)| (f.as_str().to_owned(), w.to_string()))
        .unwrap_or_default();
    let city = query.cities.join(" ");
    let holidays = query
        .holidays_min
        .map(|h| h.to_string())
        .unwrap_or_default();
    let new = query
        .new_within_days
        .map(|n| n.to_string())
        .unwrap_or_default();
    let count = |n: Option<u64>| {
        n.map(|n| format!(" ({})", format_count(n)))
            .unwrap_or_default()
    };
    view! {
        <Form method="GET" action="/jobs" attr:class="filters" attr:role="search">
            <label for="jobs-q">{t!(i18n, search_label)}</label>
            <input id="jobs-q" name="q" type="search" enterkeyhint="search" maxlength=MAX_KEYWORD_CHARS
                placeholder=move || t_string!(i18n, search_placeholder) value=q.clone() />
            <label for="jobs-pref">{t!(i18n, jobs_prefecture)}</label>
            <select id="jobs-pref" name="pref">
                <option value="">{t!(i18n, jobs_any)}</option>
                {Prefecture::all()
                    .map(|p| {
                        let selected = pref == p.code_str();
                        let label = move || {
                            let n = facets.read_value().prefectures.iter().find(|(c, _)| *c == p.code()).map(|(_, n)| *n);
                            let name = if lang() == Lang::Ja { p.name_ja() } else { p.name_en() };
                            format!("{name}{}", count(n))
                        };
                        view! { <option value=p.code_str() selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
            // Further prefectures of a shared link, kept until unticked.
            {query
                .prefectures
                .iter()
                .skip(1)
                .map(|p| {
                    let p = *p;
                    view! {
                        <label class="check"><input type="checkbox" name="pref" value=p.code_str() checked=true />
                            {move || if lang() == Lang::Ja { p.name_ja() } else { p.name_en() }}
                        </label>
                    }
                })
                .collect_view()}
            <label for="jobs-city">{t!(i18n, jobs_city)}</label>
            <input id="jobs-city" name="city" type="text" maxlength=MAX_MUNICIPALITY_CHARS autocomplete="address-level2" value=city />
            <label for="jobs-occ">{t!(i18n, jobs_occupation)}</label>
            <select id="jobs-occ" name="occ">
                <option value="">{t!(i18n, jobs_any)}</option>
                {OCCUPATION_GROUPS
                    .iter()
                    .map(|(g, ja, en)| {
                        let (g, ja, en) = (*g, *ja, *en);
                        let label = move || {
                            let n = facets.read_value().groups.iter().find(|(c, _)| *c == g).map(|(_, n)| *n);
                            format!("{}{}", if lang() == Lang::Ja { ja } else { en }, count(n))
                        };
                        view! { <option value=g.to_string() selected=group == g.to_string()>{label}</option> }
                    })
                    .collect_view()}
            </select>
            {(!query.occupations.is_empty()).then(|| view! {
                <fieldset>
                    <legend>{t!(i18n, jobs_occupation_codes)}</legend>
                    {query
                        .occupations
                        .iter()
                        .map(|code| view! {
                            <label class="check"><input type="checkbox" name="occ" value=code.clone() checked=true />{code.clone()}</label>
                        })
                        .collect_view()}
                </fieldset>
            })}
            <fieldset>
                <legend>{t!(i18n, jobs_employment)}</legend>
                {EmploymentType::ALL
                    .iter()
                    .map(|e| {
                        let e = *e;
                        let checked = query.employment.contains(&e);
                        let label = move || {
                            let n = facets.read_value().employment.iter().find(|(c, _)| *c == e).map(|(_, n)| *n);
                            format!("{}{}", e.label(lang()), count(n))
                        };
                        view! { <label class="check"><input type="checkbox" name="emp" value=e.as_str() checked=checked />{label}</label> }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, jobs_category)}</legend>
                {[PostingCategory::FullTime, PostingCategory::PartTime, PostingCategory::NewGraduate]
                    .into_iter()
                    .map(|c| {
                        let checked = query.categories.contains(&c);
                        view! { <label class="check"><input type="checkbox" name="cat" value=c.as_str() checked=checked />{move || c.label(lang())}</label> }
                    })
                    .collect_view()}
            </fieldset>
            <label for="jobs-wage">{t!(i18n, jobs_wage_min)}</label>
            <div class="inline-fields">
                <select name="wage_form" aria-label=move || t_string!(i18n, jobs_wage_form)>
                    {WageForm::ALL
                        .iter()
                        .map(|f| {
                            let f = *f;
                            view! { <option value=f.as_str() selected=wage_form == f.as_str()>{move || f.label(lang())}</option> }
                        })
                        .collect_view()}
                </select>
                <input id="jobs-wage" name="wage" type="number" inputmode="numeric" min="0" max="10000000" step="1" value=wage />
            </div>
            <label for="jobs-holidays">{t!(i18n, jobs_holidays_min)}</label>
            <input id="jobs-holidays" name="holidays" type="number" inputmode="numeric" min="0" max="366" value=holidays />
            <fieldset>
                <legend>{t!(i18n, jobs_hours)}</legend>
                <div class="inline-fields">
                    <select name="from" aria-label=move || t_string!(i18n, jobs_start_from)>
                        <option value="">{t!(i18n, jobs_start_from)}</option>
                        {(5u8..=22)
                            .map(|h| view! { <option value=h.to_string() selected=query.start_from == Some(h)>{t!(i18n, jobs_hour, hour = move || h)}</option> })
                            .collect_view()}
                    </select>
                    <span aria-hidden="true">"〜"</span>
                    <select name="until" aria-label=move || t_string!(i18n, jobs_end_by)>
                        <option value="">{t!(i18n, jobs_end_by)}</option>
                        {(8u8..=24)
                            .map(|h| view! { <option value=h.to_string() selected=query.end_by == Some(h)>{t!(i18n, jobs_hour, hour = move || h)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <label for="jobs-days">{t!(i18n, jobs_days_max)}</label>
                <select id="jobs-days" name="days">
                    <option value="">{t!(i18n, jobs_any)}</option>
                    {(1u8..=6)
                        .map(|d| view! { <option value=d.to_string() selected=query.days_max == Some(d)>{t!(i18n, jobs_days_at_most, days = move || d)}</option> })
                        .collect_view()}
                </select>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, jobs_flags)}</legend>
                {PostingFlag::ALL
                    .iter()
                    .map(|f| {
                        let f = *f;
                        let checked = query.flags.contains(&f);
                        let label = move || {
                            let n = facets.read_value().flags.iter().find(|(c, _)| *c == f).map(|(_, n)| *n);
                            format!("{}{}", f.label(lang()), count(n))
                        };
                        view! { <label class="check"><input type="checkbox" name="flag" value=f.as_str() checked=checked />{label}</label> }
                    })
                    .collect_view()}
                <label class="check"><input type="checkbox" name="self" value="1" checked=query.self_application />{t!(i18n, jobs_self_application)}</label>
            </fieldset>
            <label for="jobs-new">{t!(i18n, jobs_new_within)}</label>
            <select id="jobs-new" name="new">
                <option value="">{t!(i18n, jobs_any)}</option>
                {[1u16, 3, 7, 14, 30]
                    .into_iter()
                    .map(|d| view! { <option value=d.to_string() selected=new == d.to_string()>{t!(i18n, jobs_days, days = move || d)}</option> })
                    .collect_view()}
            </select>
            <label for="jobs-sort">{t!(i18n, jobs_sort)}</label>
            <select id="jobs-sort" name="sort">
                {Sort::ALL
                    .iter()
                    .map(|s| {
                        let s = *s;
                        view! { <option value=s.as_str() selected=query.sort == s>{move || s.label(lang())}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="jobs-per">{t!(i18n, jobs_per_page)}</label>
            <select id="jobs-per" name="per">
                {PAGE_SIZES
                    .into_iter()
                    .map(|n| view! { <option value=n.to_string() selected=query.per_page == n>{n}</option> })
                    .collect_view()}
            </select>
            <button type="submit" class="primary">{t!(i18n, search_submit)}</button>
        </Form>
    }
}

fn format_count(n: u64) -> String {
    format_yen(n as i64)
}

#[component]
fn Results(
    page: SearchPage,
    query: JobQuery,
    lang: impl Fn() -> Lang + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    if page.cards.is_empty() {
        return view! { <NoResults query facets=page.facets /> }.into_any();
    }
    let pages = total
        .div_ceil(u64::from(query.per_page))
        .min(u64::from(madoguchi_shared::search::MAX_PAGE));
    let current = u64::from(query.page);
    let prev = (current > 1).then(|| jobs_href(&query.with_page(query.page - 1)));
    let next = (current < pages).then(|| jobs_href(&query.with_page(query.page + 1)));
    let keywords: Vec<String> = words(&query.q).map(str::to_owned).collect();
    view! {
        <p class="hit-count" data-testid="hit-count">
            {t!(i18n, jobs_total, count = move || format_count(total), <b> = <b />)}
        </p>
        <ol class="posting-list">
            {page
                .cards
                .into_iter()
                .map(|card| view! { <ResultCard card keywords=keywords.clone() lang /> })
                .collect_view()}
        </ol>
        <nav class="pager" aria-label=move || t_string!(i18n, jobs_pages)>
            {prev.map(|href| view! { <A href=href attr:rel="prev">{t!(i18n, jobs_prev)}</A> })}
            <span>{t!(i18n, jobs_page_of, page = move || current, pages = move || pages)}</span>
            {next.map(|href| view! { <A href=href attr:rel="next">{t!(i18n, jobs_next)}</A> })}
        </nav>
    }
    .into_any()
}

/// An empty result: what to drop to find more.
#[component]
fn NoResults(query: JobQuery, facets: Facets) -> impl IntoView {
    let i18n = use_i18n();
    let _ = facets;
    let mut drops: Vec<(&'static str, JobQuery)> = Vec::new();
    if !query.q.is_empty() {
        drops.push((
            "q",
            JobQuery {
                q: String::new(),
                ..query.clone()
            },
        ));
    }
    if !query.prefectures.is_empty() {
        drops.push((
            "pref",
            JobQuery {
                prefectures: vec![],
                ..query.clone()
            },
        ));
    }
    if !query.cities.is_empty() {
        drops.push((
            "city",
            JobQuery {
                cities: vec![],
                ..query.clone()
            },
        ));
    }
    if query.start_from.is_some() || query.end_by.is_some() || query.days_max.is_some() {
        drops.push((
            "hours",
            JobQuery {
                start_from: None,
                end_by: None,
                days_max: None,
                ..query.clone()
            },
        ));
    }
    if !query.flags.is_empty() {
        drops.push((
            "flag",
            JobQuery {
                flags: vec![],
                ..query.clone()
            },
        ));
    }
    if query.wage.is_some() {
        drops.push((
            "wage",
            JobQuery {
                wage: None,
                ..query.clone()
            },
        ));
    }
    view! {
        <div class="empty" data-testid="no-results">
            <p><strong>{t!(i18n, jobs_none)}</strong></p>
            <p>{t!(i18n, jobs_none_hint)}</p>
            <ul>
                {drops
                    .into_iter()
                    .map(|(what, q)| {
                        let href = jobs_href(&q.with_page(1));
                        let text = match what {
                            "q" => t_string!(i18n, jobs_drop_keywords),
                            "pref" => t_string!(i18n, jobs_drop_prefecture),
                            "city" => t_string!(i18n, jobs_drop_city),
                            "hours" => t_string!(i18n, jobs_drop_hours),
                            "flag" => t_string!(i18n, jobs_drop_flags),
                            _ => t_string!(i18n, jobs_drop_wage),
                        };
                        view! { <li><A href=href>{text}</A></li> }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// Text with every keyword marked (after the same width folding the
/// search uses, so ｶｲｺﾞ in a query marks カイゴ).
fn highlighted(text: &str, keywords: &[String]) -> Vec<AnyView> {
    let folded: Vec<String> = keywords
        .iter()
        .map(|k| madoguchi_shared::tokenizer::normalize(k))
        .filter(|k| !k.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let hit = folded
            .iter()
            .filter_map(|k| rest.find(k.as_str()).map(|i| (i, k.len())))
            .min();
        match hit {
            Some((i, len)) => {
                if i > 0 {
                    out.push(rest[..i].to_owned().into_any());
                }
                out.push(
                    view! { <mark class="hit">{rest[i..i + len].to_owned()}</mark> }.into_any(),
                );
                rest = &rest[i + len..];
            }
            None => {
                out.push(rest.to_owned().into_any());
                break;
            }
        }
    }
    out
}

#[component]
fn ResultCard(
    card: PostingCard,
    keywords: Vec<String>,
    lang: impl Fn() -> Lang + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = card.summary;
    let (form, min, max) = (s.wage_form, format_yen(s.wage_min), format_yen(s.wage_max));
    let wage = move || match lang() {
        Lang::Ja => format!("{} {min}円〜{max}円", form.label(Lang::Ja)),
        Lang::En => format!("{} ¥{min}–¥{max}", form.label(Lang::En)),
    };
    let prefecture = s.prefecture;
    let city = s.city.clone();
    let place = move || {
        let pref = if lang() == Lang::Ja {
            prefecture.name_ja()
        } else {
            prefecture.name_en()
        };
        format!("{pref} {city}")
    };
    let number = s.number.to_string();
    let href = format!("/jobs/{number}");
    let (category, employment) = (card.category, card.employment);
    let holidays = card.holidays.clone();
    let annual = card.annual_holidays;
    let age = card.age_max;
    let openings = card.openings;
    let establishment = match s.establishment {
        Some(name) => view! { <p class="establishment">{highlighted(&name, &keywords)}</p> }.into_any(),
        None => view! { <p class="establishment hidden-name">{t!(i18n, posting_establishment_hidden)}</p> }.into_any(),
    };
    view! {
        <li class="posting-card">
            <h2><a href=href>{highlighted(&s.title, &keywords)}</a></h2>
            {establishment}
            <p class="badges">
                <span class="badge">{move || category.label(lang())}</span>
                <span class="badge">{move || employment.label(lang())}</span>
                {card.self_application.then(|| view! { <span class="badge self">{t!(i18n, jobs_self_application_badge)}</span> })}
            </p>
            <dl>
                <div><dt>{t!(i18n, posting_wage)}</dt><dd>{wage}</dd></div>
                <div><dt>{t!(i18n, posting_place)}</dt><dd>{place}</dd></div>
                <div><dt>{t!(i18n, posting_hours)}</dt><dd>{card.shifts.join(" / ")}</dd></div>
                <div>
                    <dt>{t!(i18n, posting_holidays)}</dt>
                    <dd>{holidays}{annual.map(|n| view! { " " {t!(i18n, posting_annual_holidays, days = move || n)} })}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, posting_age)}</dt>
                    <dd>{match age {
                        Some(a) => t!(i18n, posting_age_max, age = move || a).into_any(),
                        None => t!(i18n, posting_age_any).into_any(),
                    }}</dd>
                </div>
                <div><dt>{t!(i18n, posting_openings)}</dt><dd>{openings}</dd></div>
                <div><dt>{t!(i18n, posting_accepted_on)}</dt><dd>{to_iso(s.accepted_on)}</dd></div>
                <div><dt>{t!(i18n, posting_valid_until)}</dt><dd>{to_iso(s.valid_until)}</dd></div>
                <div><dt>{t!(i18n, posting_number)}</dt><dd class="posting-number">{number.clone()}</dd></div>
            </dl>
            <p class="description">{highlighted(&card.description, &keywords)}"…"</p>
            <ul class="chips">
                {card.flags.into_iter().map(|f| view! { <li>{move || f.label(lang())}</li> }).collect_view()}
            </ul>
            <KeepButton number=number.clone() />
        </li>
    }
}

/// お気に入り保存 from a result card: saved in place for a seeker, a login
/// link (back to the posting) for a visitor.
#[component]
pub fn KeepButton(number: String) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<crate::api::favourites::SaveFavourite>::new();
    let login = format!("/login?next=/jobs/{number}");
    view! {
        {move || match save.value().get() {
            Some(Ok(())) => view! { <p class="kept" role="status">{t!(i18n, posting_kept_short)}</p> }.into_any(),
            Some(Err(AppError::Unauthorized)) => view! {
                <p role="alert"><A href=login.clone()>{t!(i18n, posting_save_favourite)}</A></p>
            }
            .into_any(),
            Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
            None => {
                let number = number.clone();
                view! {
                    <ActionForm action=save attr:class="inline-form keep-form">
                        <input type="hidden" name="number" value=number />
                        <button type="submit" class="secondary small">{t!(i18n, posting_keep)}</button>
                    </ActionForm>
                }
                .into_any()
            }
        }}
    }
}
