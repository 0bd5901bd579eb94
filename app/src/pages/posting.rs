//! `/jobs/{求人番号}`: the 求人票, grouped as the official form is, with
//! the legal notice, schema.org JobPosting data, and 404 / 410 pages.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::posting::{AgeLimit, ContractTerm, WorkArrangement, format_yen};
use madoguchi_shared::records::Posting;

use crate::api::favourites::{Keeping, favourite_state};
use crate::api::postings::posting;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn PostingPage() -> impl IntoView {
    view! { <PostingView print=false /> }
}

/// `/jobs/{求人番号}/print`: the same 求人票 laid out for one A4 sheet.
#[component]
pub fn PostingPrintPage() -> impl IntoView {
    view! { <PostingView print=true /> }
}

#[component]
fn PostingView(
    /// The print-ready 求人票 instead of the screen page.
    print: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let found = Resource::new(number, posting);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(p) => view! { <PostingSheet p print /> }.into_any(),
                    Err(AppError::Gone) => view! {
                        <Title text=move || t_string!(i18n, posting_closed_title) />
                        <h1>{t!(i18n, posting_closed_heading)}</h1>
                        <p>{t!(i18n, posting_closed_body)}</p>
                        <p><A href="/jobs">{t!(i18n, posting_search_again)}</A></p>
                    }
                    .into_any(),
                    Err(AppError::NotFound) => view! { <crate::pages::not_found::NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One group of the 求人票: a heading and label/value rows.
#[component]
fn Group(heading: String, rows: Vec<(String, String)>) -> impl IntoView {
    view! {
        <section class="sheet-group">
            <h2>{heading}</h2>
            <dl>
                {rows
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
                    .collect_view()}
            </dl>
        </section>
    }
}

fn yen(lang: Lang, amount: i64) -> String {
    match lang {
        Lang::Ja => format!("{}円", format_yen(amount)),
        Lang::En => format!("¥{}", format_yen(amount)),
    }
}

/// schema.org JobPosting, escaped so that no text can end the script.
fn json_ld(p: &Posting) -> String {
    let employment = match p.employment {
        madoguchi_shared::posting::EmploymentType::PartTime => "PART_TIME",
        madoguchi_shared::posting::EmploymentType::Regular => "FULL_TIME",
        _ => "TEMPORARY",
    };
    let unit = match p.wage_form {
        madoguchi_shared::posting::WageForm::Monthly => "MONTH",
        madoguchi_shared::posting::WageForm::Daily => "DAY",
        madoguchi_shared::posting::WageForm::Hourly => "HOUR",
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": p.title,
        "description": p.description,
        "datePosted": to_iso(p.accepted_on),
        "validThrough": format!("{}T23:59:59+09:00", to_iso(p.valid_until)),
        "employmentType": employment,
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": p.prefecture.name_ja(),
                "addressLocality": p.city,
                "addressCountry": "JP"
            }
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "JPY",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": p.wage_min,
                "maxValue": p.wage_max,
                "unitText": unit
            }
        },
        "totalJobOpenings": p.openings,
    });
    if let Some(n) = &p.number {
        value["identifier"] = serde_json::json!({
            "@type": "PropertyValue",
            "name": "求人番号",
            "value": n.to_string()
        });
    }
    if let Some(name) = &p.establishment {
        value["hiringOrganization"] = serde_json::json!({ "@type": "Organization", "name": name });
    }
    madoguchi_shared::html::json_for_script(&value.to_string())
}

/// The 求人票 as the public page shows it; `preview` is the employer's
/// look at it before it is published (no favourite or apply buttons, no
/// search-engine data).
#[component]
pub(crate) fn PostingSheet(
    p: Posting,
    print: bool,
    #[prop(optional)] preview: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let ld = json_ld(&p);
    let title = p.title.clone();
    let summary: String = p.description.chars().take(110).collect();
    let p = StoredValue::new(p);
    // Rebuilt as a whole when the language changes: plain strings inside.
    let sheet = move || {
        let lang = crate::domain_lang(i18n);
        p.with_value(|p| sheet_groups(i18n, lang, p))
    };
    let number = p.with_value(|p| p.number.map(|n| n.to_string()).unwrap_or_default());
    let self_application = p.with_value(|p| p.accepts_self_application);
    if print {
        let back = format!("/jobs/{number}");
        return view! {
            <Title text=format!("{} {title}｜窓口", t_string!(i18n, posting_print_title)) />
            <Meta name="robots" content="noindex" />
            <article class="posting-sheet print-sheet" data-testid="print-sheet">
                <div class="print-actions no-print">
                    <button type="button" class="primary" on:click=move |_| print_page()>{t!(i18n, posting_print_now)}</button>
                    <A href=back>{t!(i18n, posting_print_back)}</A>
                </div>
                <p class="print-form-name">{t!(i18n, posting_print_title)}</p>
                <p class="posting-number">{t!(i18n, posting_number)}" "{number}</p>
                <h1>{title.clone()}</h1>
                {sheet}
                <p class="legal-notice" role="note">{t!(i18n, footer_notice)}</p>
            </article>
        }
        .into_any();
    }
    let print_href = format!("/jobs/{number}/print");
    let photos_number = number.clone();
    // Related searches: the same occupation, the same municipality.
    let (same_occupation, same_city) = p.with_value(|p| {
        use madoguchi_shared::search::{JobQuery, occupation_code};
        let occupation = occupation_code(&p.occupation_code).ok().map(|o| {
            let mut q = JobQuery::default();
            match o {
                madoguchi_shared::search::Occupation::Group(g) => q.groups.push(g),
                madoguchi_shared::search::Occupation::Code(c) => q.occupations.push(c),
            }
            format!("/jobs?{}", q.to_query_string())
        });
        let city = madoguchi_shared::search::municipality_name(&p.city)
            .ok()
            .map(|c| {
                let q = JobQuery {
                    prefectures: vec![p.prefecture],
                    cities: vec![c],
                    ..Default::default()
                };
                format!("/jobs?{}", q.to_query_string())
            });
        (occupation, city)
    });
    view! {
        <Title text=format!("{title}｜窓口") />
        <Meta name="description" content=summary />
        {(!preview).then(|| view! { <script type="application/ld+json" inner_html=ld></script> })}
        <article class="posting-sheet">
            {preview.then(|| view! { <p class="preview-banner" role="note">{t!(i18n, editor_preview_banner)}</p> })}
            <p class="posting-number">{t!(i18n, posting_number)}" "{number.clone()}</p>
            <h1>{title.clone()}</h1>
            <p class="legal-notice" role="note">{t!(i18n, footer_notice)}</p>
            <div class="sheet-actions">
                {(!preview).then(|| view! { <A href=print_href attr:class="button secondary">{t!(i18n, posting_show_sheet)}</A> })}
                {(!preview).then(|| view! { <FavouriteAndApply number self_application /> })}
            </div>
            {sheet}
            {(!preview).then(|| view! { <EstablishmentPhotos number=photos_number /> })}
            <nav class="related" aria-label=move || t_string!(i18n, posting_related)>
                <ul>
                    {same_occupation.map(|href| view! { <li><A href=href>{t!(i18n, posting_same_occupation)}</A></li> })}
                    {same_city.map(|href| view! { <li><A href=href>{t!(i18n, posting_same_city)}</A></li> })}
                </ul>
            </nav>
        </article>
    }
    .into_any()
}

/// Opens the browser's print dialogue.
pub(crate) fn print_page() {
    let _ = window().print();
}

/// お気に入り保存 and 応募: a visitor is asked to log in (and comes back
/// here); a seeker keeps the posting with one press.
#[component]
fn FavouriteAndApply(number: String, self_application: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = Resource::new(
        {
            let number = number.clone();
            move || number.clone()
        },
        favourite_state,
    );
    let login = format!("/login?next=/jobs/{number}");
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let number = number.clone();
                let login = login.clone();
                Suspend::new(async move {
                    match state.await {
                        Ok(Keeping::Visitor) => view! {
                            <A href=login.clone() attr:class="button secondary">{t!(i18n, posting_save_favourite)}</A>
                            {self_application.then(|| view! {
                                <A href=format!("/login?next=/jobs/{number}/apply") attr:class="button primary">{t!(i18n, posting_apply)}</A>
                            })}
                        }
                        .into_any(),
                        Ok(Keeping::Seeker { kept }) => view! {
                            {self_application.then(|| view! {
                                <A href=format!("/jobs/{number}/apply") attr:class="button primary">{t!(i18n, apply_button)}</A>
                            })}
                            <Show
                                when=move || kept
                                fallback=move || view! { <crate::pages::jobs::KeepButton number=number.clone() /> }
                            >
                                <p class="kept" role="status">{t!(i18n, posting_kept)}</p>
                            </Show>
                        }
                        .into_any(),
                        Ok(Keeping::Other) | Err(_) => ().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn sheet_groups(i18n: leptos_i18n::I18nContext<Locale>, lang: Lang, p: &Posting) -> AnyView {
    let s = |text: &str| text.to_owned();
    let yes_no = |b: bool| {
        if b {
            s(t_string!(i18n, posting_yes))
        } else {
            s(t_string!(i18n, posting_no))
        }
    };
    let pref = if lang == Lang::Ja {
        p.prefecture.name_ja()
    } else {
        p.prefecture.name_en()
    };
    let t = &p.terms;
    let establishment = p
        .establishment
        .clone()
        .unwrap_or_else(|| s(t_string!(i18n, posting_establishment_hidden)));
    let contract = match &t.contract {
        ContractTerm::Indefinite => s(t_string!(i18n, posting_contract_indefinite)),
        ContractTerm::Fixed {
            months,
            renewal,
            renewal_cap,
        } => format!(
            "{} {months}{} / {renewal}{}",
            t_string!(i18n, posting_contract_fixed),
            t_string!(i18n, posting_months),
            renewal_cap
                .as_ref()
                .map(|c| format!(" / {} {c}", t_string!(i18n, posting_renewal_cap)))
                .unwrap_or_default()
        ),
    };
    let age = match p.age_limit {
        AgeLimit::None => s(t_string!(i18n, posting_age_any)),
        AgeLimit::Range { min, max, reason } => format!(
            "{}〜{} ({})",
            min.map(|a| a.to_string()).unwrap_or_default(),
            max.map(|a| a.to_string()).unwrap_or_default(),
            reason.map(|r| r.label(lang)).unwrap_or_default()
        ),
    };
    let station = match (&p.station, p.walk_minutes) {
        (Some(st), Some(w)) => format!(
            "{st} {} {w}{}",
            t_string!(i18n, posting_walk),
            t_string!(i18n, posting_minutes)
        ),
        (Some(st), None) => st.clone(),
        _ => String::new(),
    };
    let allowances = t
        .allowances
        .iter()
        .map(|a| format!("{} {}", a.name, yen(lang, a.amount)))
        .collect::<Vec<_>>()
        .join(" / ");
    let fixed_overtime = t
        .fixed_overtime
        .map(|f| {
            format!(
                "{} ({}{})",
                yen(lang, f.amount),
                f.hours,
                t_string!(i18n, posting_hours_unit)
            )
        })
        .unwrap_or_default();
    let insurances = t
        .insurances
        .iter()
        .map(|i| i.label(lang))
        .collect::<Vec<_>>()
        .join(" ");
    let flags = p
        .flags
        .iter()
        .map(|f| f.label(lang))
        .collect::<Vec<_>>()
        .join(" / ");
    let job = vec![
        (s(t_string!(i18n, posting_occupation)), p.title.clone()),
        (
            s(t_string!(i18n, posting_description)),
            p.description.clone(),
        ),
        (s(t_string!(i18n, jobs_category)), s(p.category.label(lang))),
        (
            s(t_string!(i18n, jobs_employment)),
            s(p.employment.label(lang)),
        ),
        (
            s(t_string!(i18n, posting_arrangement)),
            if p.arrangement == WorkArrangement::Direct {
                String::new()
            } else {
                s(p.arrangement.label(lang))
            },
        ),
        (s(t_string!(i18n, posting_contract)), contract),
        (
            s(t_string!(i18n, posting_trial)),
            t.trial_period.clone().unwrap_or_default(),
        ),
        (
            s(t_string!(i18n, posting_place)),
            format!("{pref} {} {}", p.city, t.address),
        ),
        (s(t_string!(i18n, posting_station)), station),
        (
            s(t_string!(i18n, posting_duty_scope)),
            t.duty_change_scope.clone(),
        ),
        (
            s(t_string!(i18n, posting_workplace_scope)),
            t.workplace_change_scope.clone(),
        ),
        (s(t_string!(i18n, posting_age)), age),
        (s(t_string!(i18n, posting_education)), t.education.clone()),
        (s(t_string!(i18n, posting_experience)), t.experience.clone()),
        (s(t_string!(i18n, posting_licences)), t.licences.join(" / ")),
        (s(t_string!(i18n, jobs_flags)), flags),
    ];
    let wage = vec![
        (
            s(t_string!(i18n, posting_wage)),
            format!(
                "{} {}〜{}",
                p.wage_form.label(lang),
                yen(lang, p.wage_min),
                yen(lang, p.wage_max)
            ),
        ),
        (
            s(t_string!(i18n, posting_base_wage)),
            if t.base_wage.0 > 0 {
                format!("{}〜{}", yen(lang, t.base_wage.0), yen(lang, t.base_wage.1))
            } else {
                String::new()
            },
        ),
        (s(t_string!(i18n, posting_allowances)), allowances),
        (s(t_string!(i18n, posting_fixed_overtime)), fixed_overtime),
        (
            s(t_string!(i18n, posting_commute)),
            t.commute_allowance
                .map(|c| yen(lang, c))
                .unwrap_or_default(),
        ),
        (
            s(t_string!(i18n, posting_raise)),
            t.raise.clone().unwrap_or_default(),
        ),
        (
            s(t_string!(i18n, posting_bonus)),
            t.bonus.clone().unwrap_or_default(),
        ),
        (
            s(t_string!(i18n, posting_hours)),
            t.shifts
                .iter()
                .map(|x| x.display())
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        (
            s(t_string!(i18n, posting_overtime)),
            format!(
                "{}{}",
                t.overtime_hours,
                t_string!(i18n, posting_hours_unit)
            ),
        ),
        (s(t_string!(i18n, posting_holidays)), t.holidays.clone()),
        (
            s(t_string!(i18n, posting_annual_holidays_label)),
            p.annual_holidays.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (s(t_string!(i18n, posting_insurances)), insurances),
        (
            s(t_string!(i18n, posting_retirement)),
            t.retirement_age.map(|a| a.to_string()).unwrap_or_default(),
        ),
    ];
    let selection = vec![
        (s(t_string!(i18n, posting_openings)), p.openings.to_string()),
        (s(t_string!(i18n, posting_selection)), t.selection.clone()),
        (s(t_string!(i18n, posting_documents)), t.documents.clone()),
        (
            s(t_string!(i18n, posting_accepts_referral)),
            yes_no(p.accepts_referral),
        ),
        (
            s(t_string!(i18n, jobs_self_application)),
            yes_no(p.accepts_self_application),
        ),
        (
            s(t_string!(i18n, posting_accepted_on)),
            to_iso(p.accepted_on),
        ),
        (
            s(t_string!(i18n, posting_valid_until)),
            to_iso(p.valid_until),
        ),
    ];
    let company = vec![
        (s(t_string!(i18n, establishment_name)), establishment),
        (
            s(t_string!(i18n, establishment_prefecture)),
            format!("{pref} {}", p.city),
        ),
    ];
    view! {
        <Group heading=s(t_string!(i18n, posting_group_establishment)) rows=company />
        <Group heading=s(t_string!(i18n, posting_group_job)) rows=job />
        <Group heading=s(t_string!(i18n, posting_group_terms)) rows=wage />
        <Group heading=s(t_string!(i18n, posting_group_selection)) rows=selection />
    }
    .into_any()
}

/// The reviewed images of the posting's establishment (none where
/// 公開範囲 2 hides it).
#[component]
fn EstablishmentPhotos(number: String) -> impl IntoView {
    let i18n = use_i18n();
    let images = Resource::new(
        move || number.clone(),
        crate::api::own_postings::posting_images,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let ids = images.await.unwrap_or_default();
                (!ids.is_empty()).then(|| view! {
                    <section class="sheet-group">
                        <h2>{t!(i18n, images_title)}</h2>
                        <ul class="image-list">
                            {ids.into_iter().map(|id| view! {
                                <li><img src=format!("/images/{id}") alt="" width="240" loading="lazy" /></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}
