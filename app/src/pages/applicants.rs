//! 応募者管理 on the employer's MyPage: `/employer/applicants`, one list
//! across all postings (filter, name search, pages; overdue results
//! marked), and `/employer/applicants/{id}`, one applicant with the
//! motivation statement, the documents, the referral letter and the 採否
//! form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_query_map;
use madoguchi_shared::application::{
    ApplicationAction, ApplicationMethod, ApplicationStatus, RejectionReason,
};
use madoguchi_shared::date::to_iso;
use madoguchi_shared::label::Label;

use crate::api::employer::{
    AddNote, BulkApplicants, DecideApplication, MoveStage, SetRating, applicant_notes,
    employer_applicants,
};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn ApplicantsPage() -> impl IntoView {
    let i18n = use_i18n();
    let bulk = ServerAction::<BulkApplicants>::new();
    let lang = move || crate::domain_lang(i18n);
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let list = Resource::new(
        move || {
            (
                get("posting"),
                get("method"),
                get("status"),
                get("name"),
                (get("from"), get("to"), get("sort")),
                get("page").and_then(|p| p.parse::<u64>().ok()),
                bulk.version().get(),
            )
        },
        |(posting, method, status, name, (from, to, sort), page, _)| {
            employer_applicants(posting, method, status, name, from, to, sort, page)
        },
    );
    let checked = RwSignal::new(Vec::<i32>::new());
    let chosen = move |k: &'static str, v: &'static str| get(k).as_deref() == Some(v);
    view! {
        <Title text=move || t_string!(i18n, applicants_title) />
        <h1>{t!(i18n, applicants_title)}</h1>
        <p><A href="/employer">{t!(i18n, nav_mypage)}</A></p>
        <form method="get" action="/employer/applicants" class="applicant-filter">
            <label>{t!(i18n, applicants_posting)}
                <input name="posting" maxlength="14" placeholder="13010-12345678" prop:value=move || get("posting").unwrap_or_default() />
            </label>
            <label>{t!(i18n, apps_method)}
                <select name="method">
                    <option value="">{t!(i18n, profile_none)}</option>
                    {ApplicationMethod::ALL.iter().map(|m| {
                        let m = *m;
                        view! { <option value=m.as_str() selected=move || chosen("method", m.as_str())>{move || m.label(lang())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, apps_status)}
                <select name="status">
                    <option value="">{t!(i18n, profile_none)}</option>
                    {ApplicationStatus::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.as_str() selected=move || chosen("status", s.as_str())>{move || s.label(lang())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, applicants_name)}
                <input name="name" maxlength="50" prop:value=move || get("name").unwrap_or_default() />
            </label>
            <label>{t!(i18n, applicants_from)}
                <input name="from" type="date" prop:value=move || get("from").unwrap_or_default() />
            </label>
            <label>{t!(i18n, applicants_to)}
                <input name="to" type="date" prop:value=move || get("to").unwrap_or_default() />
            </label>
            <label>{t!(i18n, applicants_sort)}
                <select name="sort">
                    <option value="newest">{t!(i18n, applicants_sort_newest)}</option>
                    <option value="oldest" selected=move || chosen("sort", "oldest")>{t!(i18n, applicants_sort_oldest)}</option>
                </select>
            </label>
            <button type="submit" class="primary">{t!(i18n, applicants_filter)}</button>
        </form>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(page) => {
                        let (current, pages, total) = (page.page, page.pages, page.total);
                        let link = move |n: u64| {
                            let mut q: Vec<String> = ["posting", "method", "status", "name", "from", "to", "sort"]
                                .iter()
                                .filter_map(|k| get(k).map(|v| format!("{k}={}", madoguchi_shared::search::encode(&v))))
                                .collect();
                            q.push(format!("page={n}"));
                            format!("/employer/applicants?{}", q.join("&"))
                        };
                        view! {
                            <p data-testid="applicant-total">{t!(i18n, applicants_total, count = move || total)}</p>
                            <BulkBar bulk checked />
                            <div class="table-scroll">
                                <table class="applicants" data-testid="applicants">
                                    <thead><tr>
                                        <th><span class="visually-hidden">{t!(i18n, applicants_select)}</span></th>
                                        <th>{t!(i18n, apps_applied_on)}</th>
                                        <th>{t!(i18n, applicants_name)}</th>
                                        <th>{t!(i18n, applicants_posting)}</th>
                                        <th>{t!(i18n, apps_method)}</th>
                                        <th>{t!(i18n, apps_status)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.rows.into_iter().map(|r| {
                                            let (method, status) = (r.method, r.status);
                                            let row_id = r.id;
                                            view! {
                                                <tr class:overdue=r.overdue>
                                                    <td>
                                                        <input type="checkbox" aria-label=format!("{} {}", t_string!(i18n, applicants_select), r.seeker_name)
                                                            prop:checked=move || checked.with(|c| c.contains(&row_id))
                                                            on:change=move |ev| {
                                                                let on = event_target_checked(&ev);
                                                                checked.update(|c| {
                                                                    c.retain(|i| *i != row_id);
                                                                    if on { c.push(row_id); }
                                                                });
                                                            } />
                                                    </td>
                                                    <td>{to_iso(r.applied_on)}</td>
                                                    <td><A href=format!("/employer/applicants/{}", r.id)>{r.seeker_name}</A></td>
                                                    <td>{r.posting_title}<br /><span class="meta">{r.posting_number.unwrap_or_default()}</span></td>
                                                    <td>{move || method.label(lang())}</td>
                                                    <td>{move || status.label(lang())}
                                                        {r.overdue.then(|| view! { <br /><strong class="overdue-note">{t!(i18n, applicants_overdue)}</strong> })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <nav class="pager" aria-label="pages">
                                {(current > 1).then(|| view! { <a href=link(current - 1)>{t!(i18n, jobs_prev)}</a> })}
                                " "{current}" / "{pages}" "
                                {(current < pages).then(|| view! { <a href=link(current + 1)>{t!(i18n, jobs_next)}</a> })}
                            </nav>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/employer/applicants" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ApplicantPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let id = crate::pages::id_param();
    let decide = ServerAction::<DecideApplication>::new();
    let stage = ServerAction::<MoveStage>::new();
    let note = ServerAction::<AddNote>::new();
    let rate = ServerAction::<SetRating>::new();
    let app = Resource::new(
        move || (id(), decide.version().get(), stage.version().get()),
        |(id, _, _)| crate::api::applications::application(id),
    );
    let notes = Resource::new(
        move || (id(), note.version().get(), rate.version().get()),
        |(id, _, _)| applicant_notes(id),
    );
    view! {
        <Title text=move || t_string!(i18n, applicants_title) />
        <h1>{t!(i18n, applicant_title)}</h1>
        <p><A href="/employer/applicants">{t!(i18n, applicants_title)}</A></p>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match app.await {
                    Ok(a) => {
                        let (method, status) = (a.method, a.status);
                        let id = a.id;
                        view! {
                            <dl class="application-detail">
                                <div><dt>{t!(i18n, applicants_name)}</dt><dd data-testid="applicant-name">{a.seeker_name.clone()}</dd></div>
                                <div><dt>{t!(i18n, app_posting)}</dt><dd>{a.posting_title.clone()}" "{a.posting_number.clone().unwrap_or_default()}</dd></div>
                                <div><dt>{t!(i18n, apps_method)}</dt><dd>{move || method.label(lang())}</dd></div>
                                <div><dt>{t!(i18n, apps_status)}</dt><dd data-testid="applicant-status"><strong>{move || status.label(lang())}</strong></dd></div>
                                <div><dt>{t!(i18n, apps_applied_on)}</dt><dd>{a.applied_on.clone()}</dd></div>
                            </dl>
                            <p><A href=format!("/messages/{id}") attr:class="button secondary">{t!(i18n, messages_open)}</A></p>
                            <section class="shared-profile" data-testid="shared-profile">
                                <h2>{t!(i18n, applicant_profile)}</h2>
                                {match a.shared_profile.clone() {
                                    Some(p) => {
                                        let places = p.prefectures.iter().map(|x| if lang() == madoguchi_shared::label::Lang::Ja { x.name_ja() } else { x.name_en() }).collect::<Vec<_>>().join("・");
                                        let kinds = p.employment.iter().map(|e| e.label(lang())).collect::<Vec<_>>().join("・");
                                        view! {
                                            <dl class="application-detail">
                                                <div><dt>{t!(i18n, direct_occupation)}</dt><dd>{p.occupations.join("・")}</dd></div>
                                                <div><dt>{t!(i18n, direct_prefecture)}</dt><dd>{places}</dd></div>
                                                <div><dt>{t!(i18n, direct_employment)}</dt><dd>{kinds}</dd></div>
                                                <div><dt>{t!(i18n, applicant_education)}</dt><dd class="pre">{p.education.clone()}</dd></div>
                                                <div><dt>{t!(i18n, direct_history)}</dt><dd class="pre">{p.work_history.clone()}</dd></div>
                                                <div><dt>{t!(i18n, direct_licences)}</dt><dd>{p.licences.join("・")}</dd></div>
                                            </dl>
                                        }.into_any()
                                    }
                                    None => view! { <p class="hint">{t!(i18n, applicant_profile_private)}</p> }.into_any(),
                                }}
                            </section>
                            <crate::pages::applications::SentContent motivation=a.motivation.clone() documents=a.documents.clone() />
                            {a.has_letter.then(|| view! {
                                <p><A href=format!("/mypage/applications/{id}/letter") attr:class="button secondary">{t!(i18n, app_letter)}</A></p>
                            })}
                            {(!status.is_final()).then(|| view! {
                                <section class="stage" data-testid="stage">
                                    <h2>{t!(i18n, stage_heading)}</h2>
                                    {[
                                        ("screening", ApplicationStatus::Screening, ApplicationAction::StartScreening),
                                        ("interview", ApplicationStatus::Interview, ApplicationAction::InviteToInterview),
                                        ("offer", ApplicationStatus::Offered, ApplicationAction::Offer),
                                    ].into_iter()
                                        .filter(|(_, _, action)| status.next(*action).is_ok())
                                        .map(|(code, s, _)| (code, s))
                                        .map(|(code, s)| view! {
                                            <ActionForm action=stage attr:class="inline-form">
                                                <input type="hidden" name="id" value=id.to_string() />
                                                <input type="hidden" name="to" value=code />
                                                <button type="submit" class="secondary">{move || s.label(lang())}{t!(i18n, stage_move_suffix)}</button>
                                            </ActionForm>
                                        }).collect_view()}
                                    {move || stage.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorMessage error /> })}
                                </section>
                            })}
                            <section class="notes" data-testid="notes">
                                <h2>{t!(i18n, notes_heading)}</h2>
                                <p class="hint">{t!(i18n, notes_private)}</p>
                                <Suspense fallback=|| ()>
                                    {move || Suspend::new(async move {
                                        notes.await.ok().map(|n| {
                                            let current = n.rating.map(|r| r.to_string()).unwrap_or_default();
                                            view! {
                                                <ActionForm action=rate attr:class="inline-form">
                                                    <input type="hidden" name="id" value=id.to_string() />
                                                    <label>{t!(i18n, notes_rating)}" "
                                                        <select name="rating">
                                                            <option value="">"-"</option>
                                                            {(1..=5usize).map(|r| {
                                                                let v = r.to_string();
                                                                let selected = v == current;
                                                                view! { <option value=v selected=selected>{"★".repeat(r)}</option> }
                                                            }).collect_view()}
                                                        </select>
                                                    </label>
                                                    <button type="submit" class="secondary small">{t!(i18n, notes_rate)}</button>
                                                </ActionForm>
                                                <ul class="note-list" data-testid="note-list">
                                                    {n.notes.into_iter().map(|x| view! {
                                                        <li><p class="meta">{x.author}" "{x.written_at.get(..10).unwrap_or_default().to_owned()}</p><p class="review-text">{x.body}</p></li>
                                                    }).collect_view()}
                                                </ul>
                                            }
                                        })
                                    })}
                                </Suspense>
                                <ActionForm action=note attr:class="stack-form">
                                    <input type="hidden" name="id" value=id.to_string() />
                                    <label for="note-body">{t!(i18n, notes_add)}</label>
                                    <textarea id="note-body" name="body" rows="3" maxlength="1000" required></textarea>
                                    <button type="submit" class="secondary">{t!(i18n, notes_save)}</button>
                                </ActionForm>
                                {move || note.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorMessage error /> })}
                            </section>
                            {(!status.is_final()).then(|| view! {
                                <section class="form-page decide" data-testid="decide">
                                    <h2>{t!(i18n, decide_heading)}</h2>
                                    <ActionForm action=decide attr:class="stack-form">
                                        <input type="hidden" name="id" value=id.to_string() />
                                        <label class="check"><input type="radio" name="result" value="hired" required />{t!(i18n, decide_hired)}</label>
                                        <label class="check"><input type="radio" name="result" value="not_hired" />{t!(i18n, decide_not_hired)}</label>
                                        <label for="decide-reason">{t!(i18n, decide_reason)}</label>
                                        <select id="decide-reason" name="reason">
                                            <option value="">{t!(i18n, profile_none)}</option>
                                            {RejectionReason::ALL.iter().map(|r| {
                                                let r = *r;
                                                view! { <option value=r.as_str()>{move || r.label(lang())}</option> }
                                            }).collect_view()}
                                        </select>
                                        <button type="submit" class="primary">{t!(i18n, decide_send)}</button>
                                    </ActionForm>
                                </section>
                            })}
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
        {move || match decide.value().get() {
            Some(Ok(_)) => Some(view! { <p role="status" data-testid="decided">{t!(i18n, decide_done)}</p> }.into_any()),
            Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
            None => None,
        }}
    }
}

/// Bulk actions on the checked applicants: the next stage for all, or
/// 不採用 with a reason category.
#[component]
fn BulkBar(bulk: ServerAction<BulkApplicants>, checked: RwSignal<Vec<i32>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let action = RwSignal::new(String::from("screening"));
    let ids = move || checked.with(|c| c.iter().map(i32::to_string).collect::<Vec<_>>().join(","));
    Effect::new(move |_| {
        if let Some(Ok(_)) = bulk.value().get() {
            checked.set(Vec::new());
        }
    });
    view! {
        <ActionForm action=bulk attr:class="bulk-bar" attr:data-testid="bulk">
            <input type="hidden" name="ids" prop:value=ids />
            <span>{move || t_string!(i18n, applicants_checked).replace("{n}", &checked.with(Vec::len).to_string())}</span>
            <label>{t!(i18n, applicants_bulk_action)}" "
                <select name="action" on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="screening">{move || ApplicationStatus::Screening.label(lang())}</option>
                    <option value="interview">{move || ApplicationStatus::Interview.label(lang())}</option>
                    <option value="offer">{move || ApplicationStatus::Offered.label(lang())}</option>
                    <option value="not_hired">{move || ApplicationStatus::NotHired.label(lang())}</option>
                </select>
            </label>
            <Show when=move || action.with(|a| a == "not_hired")>
                <label>{t!(i18n, applicants_bulk_reason)}" "
                    <select name="reason" required>
                        <option value="">{t!(i18n, choose)}</option>
                        {RejectionReason::ALL.iter().map(|r| {
                            let r = *r;
                            view! { <option value=r.as_str()>{move || r.label(lang())}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </Show>
            <button type="submit" class="secondary" disabled=move || checked.with(Vec::is_empty)>{t!(i18n, applicants_bulk_apply)}</button>
            {move || bulk.value().get().map(|r| match r {
                Ok(done) => view! {
                    <span role="status">{t_string!(i18n, applicants_bulk_done)
                        .replace("{done}", &done.done.to_string())
                        .replace("{skipped}", &done.skipped.to_string())}</span>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
        </ActionForm>
    }
}
