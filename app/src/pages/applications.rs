//! 応募履歴 on the seeker's MyPage: every application with its method
//! (応募方法, rule 2), date and status.

use leptos::prelude::*;
use leptos_router::components::A;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::label::Label;

use crate::api::applications::{WithdrawApplication, my_applications};
use crate::error::ErrorMessage;
use crate::i18n::*;

#[component]
pub fn MyApplications() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let list = Resource::new(move || withdraw.version().get(), |_| my_applications());
    view! {
        <section class="mypage-section" data-testid="applications" id="applications">
            <h2>{t!(i18n, apps_heading)}</h2>
            {move || match withdraw.value().get() {
                Some(Ok(())) => Some(view! { <p role="status">{t!(i18n, apps_withdrawn)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, apps_none)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="favourite-list">
                                {items
                                    .into_iter()
                                    .map(|a| {
                                        let (method, status) = (a.method, a.status);
                                        let id = a.id.to_string();
                                        view! {
                                            <li class="favourite application">
                                                <h3><A href=format!("/jobs/{}", a.posting_number)>{a.posting_title}</A></h3>
                                                <p class="meta">{a.establishment_name}</p>
                                                <p class="meta">
                                                    {t!(i18n, apps_method)}": "{move || method.label(lang())}" / "
                                                    {t!(i18n, apps_status)}": "<strong>{move || status.label(lang())}</strong>" / "
                                                    {t!(i18n, apps_applied_on)}": "{to_iso(a.applied_on)}
                                                </p>
                                                <p class="saved-actions">
                                                    <A href=format!("/mypage/applications/{}", a.id)>{t!(i18n, apps_detail)}</A>
                                                    {a.has_letter.then(|| view! {
                                                        <A href=format!("/mypage/applications/{}/letter", a.id)>{t!(i18n, app_letter)}</A>
                                                    })}
                                                </p>
                                                {(!status.is_final()).then(|| view! {
                                                    <details class="withdraw">
                                                        <summary>{t!(i18n, apps_withdraw)}</summary>
                                                        <p>{t!(i18n, apps_withdraw_explain)}</p>
                                                        <ActionForm action=withdraw attr:class="inline-form">
                                                            <input type="hidden" name="id" value=id />
                                                            <button type="submit" class="secondary small">{t!(i18n, apps_withdraw_confirm)}</button>
                                                        </ActionForm>
                                                    </details>
                                                })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/mypage/applications/{id}`: one application as sent (the confirmation
/// after sending, and the detail of the history): posting, method, status,
/// the motivation statement, the documents and the referral letter.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let id = crate::pages::id_param();
    let app = Resource::new(id, crate::api::applications::application);
    view! {
        <leptos_meta::Title text=move || t_string!(i18n, app_title) />
        <h1>{t!(i18n, app_title)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match app.await {
                    Ok(a) => {
                        let (method, status) = (a.method, a.status);
                        let id = a.id;
                        view! {
                            <p role="status" class="sent" data-testid="application-sent">{t!(i18n, app_sent_note)}</p>
                            <dl class="application-detail">
                                <div><dt>{t!(i18n, app_posting)}</dt><dd>
                                    {match a.posting_number.clone() {
                                        Some(n) => view! { <A href=format!("/jobs/{n}")>{a.posting_title.clone()}</A>" ("{n}")" }.into_any(),
                                        None => view! { {a.posting_title.clone()} }.into_any(),
                                    }}
                                </dd></div>
                                <div><dt>{t!(i18n, app_establishment)}</dt><dd>{a.establishment_name.clone()}</dd></div>
                                <div><dt>{t!(i18n, apps_method)}</dt><dd data-testid="application-method">{move || method.label(lang())}</dd></div>
                                <div><dt>{t!(i18n, apps_status)}</dt><dd><strong>{move || status.label(lang())}</strong></dd></div>
                                <div><dt>{t!(i18n, apps_applied_on)}</dt><dd>{a.applied_on.clone()}</dd></div>
                            </dl>
                            <SentContent motivation=a.motivation.clone() documents=a.documents.clone() />
                            <p><A href=format!("/messages/{id}") attr:class="button secondary">{t!(i18n, messages_open)}</A></p>
                            {a.has_letter.then(|| view! {
                                <p><A href=format!("/mypage/applications/{id}/letter") attr:class="button secondary">{t!(i18n, app_letter)}</A></p>
                            })}
                            <p><A href="/mypage">{t!(i18n, nav_mypage)}</A></p>
                        }.into_any()
                    }
                    Err(crate::error::AppError::Unauthorized) => view! { <leptos_router::components::Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/mypage/applications/{id}/letter`: the 紹介状 on one A4 sheet, with
/// the reply part for the selection result.
#[component]
pub fn ReferralLetterPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let id = crate::pages::id_param();
    let letter = Resource::new(id, crate::api::referrals::letter_of_application);
    view! {
        <leptos_meta::Title text=move || t_string!(i18n, letter_title) />
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match letter.await {
                    Ok(l) => {
                        let result = l.result;
                        view! {
                            <article class="print-sheet letter-sheet" data-testid="referral-letter">
                                <div class="print-actions no-print">
                                    <button type="button" class="primary" on:click=move |_| crate::pages::posting::print_page()>{t!(i18n, posting_print_now)}</button>
                                    <A href=format!("/mypage/applications/{}", l.application_id)>{t!(i18n, posting_print_back)}</A>
                                </div>
                                <p class="print-form-name">{t!(i18n, letter_title)}</p>
                                <p class="letter-addressee">{l.establishment.clone()}" "{t!(i18n, letter_addressee_suffix)}</p>
                                <p class="letter-from">{l.office_name.clone()}" ("{l.office.to_string()}")"<br />{t!(i18n, letter_staff)}": "{l.staff_name.clone()}</p>
                                <p>{t!(i18n, letter_body)}</p>
                                <dl class="letter-fields sheet-group">
                                    <div><dt>{t!(i18n, letter_number)}</dt><dd>{format!("{}-{:06}", l.office, l.referral_id)}</dd></div>
                                    <div><dt>{t!(i18n, letter_issued_on)}</dt><dd>{to_iso(l.issued_on)}</dd></div>
                                    <div><dt>{t!(i18n, letter_seeker)}</dt><dd data-testid="letter-seeker">{l.seeker_name.clone()}</dd></div>
                                    <div><dt>{t!(i18n, letter_posting)}</dt><dd>{l.posting_number.to_string()}" "{l.posting_title.clone()}</dd></div>
                                </dl>
                                <section class="sheet-group letter-reply">
                                    <h2>{t!(i18n, letter_reply_heading)}</h2>
                                    <p>{t!(i18n, letter_reply_explain)}</p>
                                    <p>{t!(i18n, letter_result)}": "
                                        {match result {
                                            Some(r) => view! { <strong>{move || r.label(lang())}</strong>" "{l.result_on.clone().unwrap_or_default()} }.into_any(),
                                            None => view! { {t!(i18n, letter_result_pending)} }.into_any(),
                                        }}
                                    </p>
                                </section>
                            </article>
                        }.into_any()
                    }
                    Err(crate::error::AppError::Unauthorized) => view! { <leptos_router::components::Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What was sent with an application: the motivation statement and the
/// documents (download links), for its seeker and for the employer.
#[component]
pub fn SentContent(
    motivation: String,
    documents: Vec<madoguchi_shared::document::DocumentInfo>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    view! {
        <h2>{t!(i18n, apply_motivation)}</h2>
        <p class="review-text" data-testid="application-motivation">{motivation}</p>
        <h2>{t!(i18n, apply_documents)}</h2>
        {if documents.is_empty() {
            view! { <p>{t!(i18n, app_no_documents)}</p> }.into_any()
        } else {
            view! {
                <ul class="documents-list" data-testid="application-documents">
                    {documents.iter().map(|d| {
                        let (kind, file_type) = (d.kind, d.file_type);
                        let kb = (d.byte_size + 1023) / 1024;
                        view! {
                            <li><a href=format!("/documents/{}", d.id) download="" rel="external">
                                {move || kind.label(lang())}" ("{move || file_type.label(lang())}", "{kb}" KB)"
                            </a></li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
