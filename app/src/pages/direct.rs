//! 直接リクエスト: `/employer/postings/{id}/requests`, the employer's search
//! of public seekers and invitation to the posting; and the seeker's
//! section of the MyPage home with the requests received.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_query_map;
use madoguchi_shared::direct::{MAX_DIRECT_REQUESTS_PER_POSTING, MAX_MESSAGE_CHARS, PublicSeeker};
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::posting::{EmploymentType, format_yen};
use madoguchi_shared::prefecture::Prefecture;

use crate::api::direct::{
    DeclineDirectRequest, SendDirectRequest, my_direct_requests, public_seekers,
};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn DirectRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let id = crate::pages::id_param();
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let send = ServerAction::<SendDirectRequest>::new();
    let found = Resource::new(
        move || {
            (
                id(),
                get("occupation"),
                get("prefecture"),
                get("employment"),
                get("page").and_then(|p| p.parse::<u64>().ok()),
                send.version().get(),
            )
        },
        |(id, occupation, prefecture, employment, page, _)| {
            public_seekers(id, occupation, prefecture, employment, page)
        },
    );
    let chosen = move |k: &'static str, v: String| get(k).as_deref() == Some(v.as_str());
    view! {
        <Title text=move || t_string!(i18n, direct_title) />
        <h1>{t!(i18n, direct_title)}</h1>
        <p><A href="/employer/postings">{t!(i18n, own_postings_title)}</A></p>
        <p class="hint">{t!(i18n, direct_lead, max = move || MAX_DIRECT_REQUESTS_PER_POSTING)}</p>
        <form method="get" class="applicant-filter">
            <label>{t!(i18n, direct_occupation)}
                <input name="occupation" maxlength="40" prop:value=move || get("occupation").unwrap_or_default() />
            </label>
            <label>{t!(i18n, direct_prefecture)}
                <select name="prefecture">
                    <option value="">{t!(i18n, profile_none)}</option>
                    {Prefecture::all().map(|p| {
                        let code = p.code_str();
                        let selected = { let c = code.clone(); move || chosen("prefecture", c.clone()) };
                        view! { <option value=code selected=selected>{move || if lang() == Lang::Ja { p.name_ja() } else { p.name_en() }}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, direct_employment)}
                <select name="employment">
                    <option value="">{t!(i18n, profile_none)}</option>
                    {[EmploymentType::Regular, EmploymentType::NonRegular, EmploymentType::PartTime].into_iter().map(|e| {
                        view! { <option value=e.as_str() selected=move || chosen("employment", e.as_str().to_owned())>{move || e.label(lang())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="primary">{t!(i18n, applicants_filter)}</button>
        </form>
        {move || send.value().get().map(|r| match r {
            Ok(()) => view! { <p role="status">{t!(i18n, direct_sent)}</p> }.into_any(),
            Err(error) => view! { <ErrorMessage error /> }.into_any(),
        })}
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(page) => {
                        let (sent, total) = (page.sent, page.total);
                        let full = sent as usize >= MAX_DIRECT_REQUESTS_PER_POSTING;
                        view! {
                            <p data-testid="direct-sent">{t!(i18n, direct_count, sent = move || sent, max = move || MAX_DIRECT_REQUESTS_PER_POSTING, total = move || total)}</p>
                            <ul class="seeker-cards" data-testid="public-seekers">
                                {page.seekers.into_iter().map(|s| view! { <SeekerCard s posting=id() send full /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SeekerCard(
    s: PublicSeeker,
    posting: i32,
    send: ServerAction<SendDirectRequest>,
    full: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let prefectures = s.prefectures.clone();
    let employment = s.employment.clone();
    let places = move || {
        prefectures
            .iter()
            .map(|p| {
                if lang() == Lang::Ja {
                    p.name_ja()
                } else {
                    p.name_en()
                }
            })
            .collect::<Vec<_>>()
            .join("・")
    };
    let kinds = move || {
        employment
            .iter()
            .map(|e| e.label(lang()))
            .collect::<Vec<_>>()
            .join("・")
    };
    let wage = s.wage.map(|(form, amount)| {
        move || {
            format!(
                "{} {}{}",
                form.label(lang()),
                format_yen(amount),
                t_string!(i18n, yen_suffix)
            )
        }
    });
    let message_id = format!("dr-{}", s.id);
    view! {
        <li class="seeker-card" data-testid="public-seeker">
            <p><strong>{s.occupations.join("・")}</strong></p>
            <dl class="compact">
                <div><dt>{t!(i18n, direct_prefecture)}</dt><dd>{places}</dd></div>
                <div><dt>{t!(i18n, direct_employment)}</dt><dd>{kinds}</dd></div>
                {wage.map(|w| view! { <div><dt>{t!(i18n, direct_wage)}</dt><dd>{w}</dd></div> })}
                {(!s.licences.is_empty()).then(|| view! { <div><dt>{t!(i18n, direct_licences)}</dt><dd>{s.licences.join("・")}</dd></div> })}
                {(!s.history.is_empty()).then(|| view! { <div><dt>{t!(i18n, direct_history)}</dt><dd class="pre">{s.history.clone()}</dd></div> })}
            </dl>
            {if s.requested {
                view! { <p class="kept">{t!(i18n, direct_already)}</p> }.into_any()
            } else if full {
                ().into_any()
            } else {
                view! {
                    <ActionForm action=send attr:class="stack-form">
                        <input type="hidden" name="posting_id" value=posting />
                        <input type="hidden" name="seeker_id" value=s.id />
                        <label for=message_id.clone()>{t!(i18n, direct_message)}</label>
                        <textarea id=message_id name="message" rows="3" required maxlength=MAX_MESSAGE_CHARS></textarea>
                        <button type="submit" class="primary">{t!(i18n, direct_send)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </li>
    }
}

/// The requests the seeker received, on the MyPage home.
#[component]
pub fn MyDirectRequests() -> impl IntoView {
    let i18n = use_i18n();
    let decline = ServerAction::<DeclineDirectRequest>::new();
    let list = Resource::new(move || decline.version().get(), |_| my_direct_requests());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let requests = list.await.unwrap_or_default();
                (!requests.is_empty()).then(|| view! {
                    <section class="mypage-section" data-testid="direct-requests">
                        <h2>{t!(i18n, direct_received)}</h2>
                        <ul class="plain-list">
                            {requests.into_iter().map(|r| {
                                let number = r.posting.number.to_string();
                                let id = r.id;
                                let state = if r.applied {
                                    Some(t_string!(i18n, direct_state_applied))
                                } else if r.declined {
                                    Some(t_string!(i18n, direct_state_declined))
                                } else if !r.open {
                                    Some(t_string!(i18n, direct_state_closed))
                                } else {
                                    None
                                };
                                let actionable = state.is_none();
                                view! {
                                    <li>
                                        <p><A href=format!("/jobs/{number}")>{r.posting.title.clone()}</A>" "
                                            <span class="meta">{r.posting.establishment.clone().unwrap_or_default()}" · "{r.sent_on.clone()}</span></p>
                                        <p class="pre">{r.message.clone()}</p>
                                        {state.map(|s| view! { <p class="meta">{s}</p> })}
                                        {actionable.then(|| view! {
                                            <div class="inline-actions">
                                                <A href=format!("/jobs/{number}/apply") attr:class="button primary">{t!(i18n, apply_button)}</A>
                                                <ActionForm action=decline attr:class="inline-form">
                                                    <input type="hidden" name="id" value=id />
                                                    <button type="submit" class="secondary">{t!(i18n, direct_decline)}</button>
                                                </ActionForm>
                                            </div>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}
