//! お知らせ on the seeker's MyPage: unread ones marked, read with one press.

use leptos::prelude::*;

use crate::api::notices::{MarkNoticeRead, my_notices};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn MyNotices() -> impl IntoView {
    let i18n = use_i18n();
    let read = ServerAction::<MarkNoticeRead>::new();
    let list = Resource::new(move || read.version().get(), |_| my_notices());
    view! {
        <section class="mypage-section" data-testid="notices" id="notices">
            <h2>{t!(i18n, notices_heading)}</h2>
            {move || read.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorMessage error /> })}
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, notices_none)}</p> }.into_any(),
                        Ok(items) => {
                            let unread = items.iter().filter(|n| !n.read).count();
                            view! {
                                <p>{t!(i18n, notices_unread, count = move || unread)}</p>
                                <ul class="favourite-list">
                                    {items
                                        .into_iter()
                                        .map(|n| {
                                            let id = n.id.to_string();
                                            let date: String = n.sent_at.chars().take(10).collect();
                                            view! {
                                                <li class="favourite notice" class:unread=!n.read>
                                                    <h3>
                                                        {(!n.read).then(|| view! { <span class="badge new-badge">{t!(i18n, notices_new)}</span> " " })}
                                                        {n.title}
                                                    </h3>
                                                    <p class="meta">{date}</p>
                                                    <p class="notice-body">{n.body}</p>
                                                    {(!n.read).then(|| view! {
                                                        <ActionForm action=read attr:class="inline-form">
                                                            <input type="hidden" name="id" value=id />
                                                            <button type="submit" class="secondary small">{t!(i18n, notices_mark_read)}</button>
                                                        </ActionForm>
                                                    })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// `/staff/notices`: staff write a notice to one of the office's seekers
/// (by the id on the seeker's ledger), to all its seekers, or to the
/// establishments of its area; the notices sent, with how many opened them.
#[component]
pub fn StaffNoticesPage() -> impl IntoView {
    use crate::api::notices::{BODY_MAX, SendNotice, TITLE_MAX, sent_notices};
    use leptos_meta::Title;
    use madoguchi_shared::label::Label;
    use madoguchi_shared::message::NoticeAudience;
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let send = ServerAction::<SendNotice>::new();
    let list = Resource::new(move || send.version().get(), |_| sent_notices());
    let seeker = leptos_router::hooks::use_query_map();
    let preset = move || seeker.read().get("seeker").unwrap_or_default();
    view! {
        <Title text=move || t_string!(i18n, staff_notices_title) />
        <h1>{t!(i18n, staff_notices_title)}</h1>
        <crate::pages::staff::StaffNav />
        <section class="staff-section form-page">
            <ActionForm action=send attr:class="stack-form" attr:data-testid="notice-form">
                <label for="nt-audience">{t!(i18n, staff_notice_audience)}</label>
                <select id="nt-audience" name="audience">
                    {NoticeAudience::ALL.iter().map(|a| {
                        let a = *a;
                        let chosen = if preset().is_empty() { a == NoticeAudience::AllSeekers } else { a == NoticeAudience::OneSeeker };
                        view! { <option value=a.as_str() selected=chosen>{move || a.label(lang())}</option> }
                    }).collect_view()}
                </select>
                <label for="nt-seeker">{t!(i18n, staff_notice_seeker)}</label>
                <input id="nt-seeker" name="seeker" inputmode="numeric" maxlength="10" value=preset />
                <label for="nt-title">{t!(i18n, staff_notice_title_label)}</label>
                <input id="nt-title" name="title" required maxlength=TITLE_MAX />
                <label for="nt-body">{t!(i18n, staff_notice_body)}</label>
                <textarea id="nt-body" name="body" rows="5" required maxlength=BODY_MAX></textarea>
                <button type="submit" class="primary">{t!(i18n, staff_notice_send)}</button>
            </ActionForm>
            {move || send.value().get().map(|r| match r {
                Ok(_) => view! { <p role="status" data-testid="notice-sent">{t!(i18n, staff_notice_sent)}</p> }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
        </section>
        <section class="staff-section">
            <h2>{t!(i18n, staff_notices_sent)}</h2>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, notices_none)}</p> }.into_any(),
                        Ok(items) => view! {
                            <table class="applicants" data-testid="notices-sent">
                                <thead><tr>
                                    <th>{t!(i18n, staff_on)}</th>
                                    <th>{t!(i18n, staff_notice_audience)}</th>
                                    <th>{t!(i18n, staff_notice_title_label)}</th>
                                    <th>{t!(i18n, staff_notice_reads)}</th>
                                </tr></thead>
                                <tbody>
                                    {items.into_iter().map(|(n, reads)| {
                                        let audience = n.audience;
                                        view! {
                                            <tr>
                                                <td>{crate::pages::local_time(&n.sent_at)}</td>
                                                <td>{move || audience.label(lang())}</td>
                                                <td>{n.title}</td>
                                                <td>{reads}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(AppError::Unauthorized) => view! { <leptos_router::components::Redirect path="/login" /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
