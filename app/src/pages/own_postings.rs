//! `/employer/postings`: the establishment's postings with their status
//! badges, and what can be done with each (edit, preview, copy, close when
//! filled, extend, withdraw, the self-application switch).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_navigate;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::label::Label;
use madoguchi_shared::posting::{OwnPosting, PostingStatus};

use crate::api::own_postings::{
    copy_posting, end_posting, extend_posting, own_postings, set_self_application,
};
use crate::error::{AppError, BlockMessage, ErrorMessage};
use crate::i18n::*;

/// What a row's buttons ask for.
#[derive(Clone)]
enum Act {
    Copy(i32),
    End(i32, &'static str),
    Extend(i32),
    SelfApplication(i32, bool),
}

#[component]
pub fn OwnPostingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| own_postings());
    let navigate = use_navigate();
    let act = Action::new(move |a: &Act| {
        let a = a.clone();
        async move {
            match a {
                Act::Copy(id) => copy_posting(id).await.map(Some),
                Act::End(id, how) => end_posting(id, how.to_owned()).await.map(|_| None),
                Act::Extend(id) => extend_posting(id).await.map(|_| None),
                Act::SelfApplication(id, on) => set_self_application(id, on).await.map(|_| None),
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(Some(copy))) => navigate(
            &format!("/employer/postings/{copy}/edit"),
            Default::default(),
        ),
        Some(Ok(None)) => list.refetch(),
        _ => {}
    });
    view! {
        <Title text=move || t_string!(i18n, own_postings_title) />
        <h1>{t!(i18n, own_postings_title)}</h1>
        <p class="actions">
            <A href="/employer">{t!(i18n, nav_mypage)}</A>" "
            <A href="/employer/postings/new" attr:class="button primary">{t!(i18n, own_postings_new)}</A>
        </p>
        {move || act.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, own_postings_none)}</p> }.into_any(),
                    Ok(rows) => view! { <PostingTable rows act /> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PostingTable(
    rows: Vec<OwnPosting>,
    act: Action<Act, Result<Option<i32>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    view! {
        <div class="table-scroll">
            <table class="own-postings" data-testid="own-postings">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, posting_number)}</th>
                        <th scope="col">{t!(i18n, own_postings_job)}</th>
                        <th scope="col">{t!(i18n, apps_status)}</th>
                        <th scope="col">{t!(i18n, own_postings_valid_until)}</th>
                        <th scope="col">{t!(i18n, own_postings_applicants)}</th>
                        <th scope="col">{t!(i18n, own_postings_self_application)}</th>
                        <th scope="col">{t!(i18n, own_postings_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let id = row.id;
                            let status = row.status;
                            let numbered = row.number.is_some();
                            let title = if row.title.is_empty() { t_string!(i18n, own_postings_untitled).to_owned() } else { row.title.clone() };
                            let badge = format!("badge status-{}", status.as_str());
                            let editable = status.editable();
                            let live = matches!(status, PostingStatus::Draft | PostingStatus::SentBack | PostingStatus::UnderReview | PostingStatus::Published);
                            let on = row.accepts_self_application;
                            let block = row.self_application_block;
                            let extend_to = row.extend_to.clone();
                            view! {
                                <tr data-testid="own-posting">
                                    <td>{row.number.map(|n| {
                                        let n = n.to_string();
                                        if status == PostingStatus::Published {
                                            view! { <A href=format!("/jobs/{n}")>{n.clone()}</A> }.into_any()
                                        } else {
                                            n.into_any()
                                        }
                                    })}</td>
                                    <th scope="row">
                                        {title}
                                        {row.review_note.map(|note| view! { <p class="review-note"><strong>{t!(i18n, editor_review_note)}</strong>" "{note}</p> })}
                                    </th>
                                    <td><span class=badge>{move || status.label(lang())}</span></td>
                                    <td>{numbered.then(|| to_iso(row.valid_until))}</td>
                                    <td>{row.applicants}</td>
                                    <td>
                                        {match block {
                                            Some(block) => view! { <small><BlockMessage block /></small> }.into_any(),
                                            None if live => view! {
                                                <label class="check">
                                                    <input type="checkbox" prop:checked=on on:change=move |ev| {
                                                        act.dispatch(Act::SelfApplication(id, event_target_checked(&ev)));
                                                    } />
                                                    {t!(i18n, own_postings_accepts)}
                                                </label>
                                            }
                                            .into_any(),
                                            None => (if on { "✓" } else { "" }).into_any(),
                                        }}
                                    </td>
                                    <td class="row-actions">
                                        {editable.then(|| view! { <A href=format!("/employer/postings/{id}/edit")>{t!(i18n, own_postings_edit)}</A> })}
                                        " "<A href=format!("/employer/postings/{id}/preview")>{t!(i18n, editor_preview)}</A>" "
                                        {(status == PostingStatus::Published && on && block.is_none()).then(|| view! {
                                            <A href=format!("/employer/postings/{id}/requests")>{t!(i18n, own_postings_requests)}</A>" "
                                        })}
                                        <button type="button" class="link" on:click=move |_| { act.dispatch(Act::Copy(id)); }>{t!(i18n, own_postings_copy)}</button>
                                        {(status == PostingStatus::Published).then(|| view! {
                                            " "<button type="button" class="link" on:click=move |_| {
                                                if confirmed(t_string!(i18n, own_postings_close_confirm)) { act.dispatch(Act::End(id, "close")); }
                                            }>{t!(i18n, own_postings_close)}</button>
                                        })}
                                        {extend_to.map(|to| view! {
                                            " "<button type="button" class="link" on:click=move |_| { act.dispatch(Act::Extend(id)); }>
                                                {t!(i18n, own_postings_extend)}" ("{to}")"
                                            </button>
                                        })}
                                        {live.then(|| view! {
                                            " "<button type="button" class="link danger" on:click=move |_| {
                                                if confirmed(t_string!(i18n, own_postings_withdraw_confirm)) { act.dispatch(Act::End(id, "withdraw")); }
                                            }>{t!(i18n, own_postings_withdraw)}</button>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Asks the user to confirm an action that cannot be undone.
fn confirmed(_question: &str) -> bool {
    #[cfg(feature = "hydrate")]
    return window().confirm_with_message(_question).unwrap_or(false);
    #[cfg(not(feature = "hydrate"))]
    false
}
