//! 受理 on the staff console: the postings of the office's area waiting
//! for acceptance, oldest first, with the linter's findings; accept
//! (the posting gets its 求人番号 and is published), send back with
//! reasons the employer sees, or refuse it with reasons (it is withdrawn).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::own_postings::{AcceptPosting, RefusePosting, SendBackPosting, review_queue};
use crate::error::{ErrorMessage, FindingMessage};
use crate::i18n::*;

#[component]
pub fn ReviewQueue() -> impl IntoView {
    let i18n = use_i18n();
    let accept = ServerAction::<AcceptPosting>::new();
    let send_back = ServerAction::<SendBackPosting>::new();
    let refuse = ServerAction::<RefusePosting>::new();
    let queue = Resource::new(
        move || {
            (
                accept.version().get(),
                send_back.version().get(),
                refuse.version().get(),
            )
        },
        |_| review_queue(),
    );
    view! {
        <section class="review-queue" aria-labelledby="review-heading">
            <h2 id="review-heading">{t!(i18n, review_title)}</h2>
            {move || accept.value().get().map(|r| match r {
                Ok(number) => view! { <p role="status">{t!(i18n, review_accepted, number = move || number.clone())}</p> }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
            {move || send_back.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
            {move || refuse.value().get().map(|r| match r {
                Ok(_) => view! { <p role="status">{t!(i18n, review_refused)}</p> }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, review_none)}</p> }.into_any(),
                        Ok(list) => list
                            .into_iter()
                            .map(|w| {
                                let id = w.id;
                                view! {
                                    <article class="review-item" data-testid="review-item">
                                        <h3>{w.title}</h3>
                                        <p>{w.establishment}" · "{t!(i18n, review_submitted)}" "{w.submitted_on}</p>
                                        <p><A href=format!("/staff/postings/{id}/preview")>{t!(i18n, editor_preview)}</A></p>
                                        {(!w.findings.is_empty()).then(|| view! {
                                            <ul class="findings">
                                                {w.findings.into_iter().map(|f| view! { <li><FindingMessage finding=f /></li> }).collect_view()}
                                            </ul>
                                        })}
                                        <div class="review-actions">
                                            <ActionForm action=accept>
                                                <input type="hidden" name="id" value=id />
                                                <button type="submit" class="primary">{t!(i18n, review_accept)}</button>
                                            </ActionForm>
                                            <ActionForm action=send_back attr:class="stack-form">
                                                <input type="hidden" name="id" value=id />
                                                <label for=format!("sb-{id}")>{t!(i18n, review_reason)}</label>
                                                <textarea id=format!("sb-{id}") name="reason" rows="2" maxlength="500" required></textarea>
                                                <button type="submit" class="secondary">{t!(i18n, review_send_back)}</button>
                                            </ActionForm>
                                            <details class="refuse">
                                                <summary>{t!(i18n, review_refuse_open)}</summary>
                                                <ActionForm action=refuse attr:class="stack-form">
                                                    <input type="hidden" name="id" value=id />
                                                    <label for=format!("rf-{id}")>{t!(i18n, review_refuse_reason)}</label>
                                                    <textarea id=format!("rf-{id}") name="reason" rows="2" maxlength="500" required></textarea>
                                                    <button type="submit" class="danger">{t!(i18n, review_refuse)}</button>
                                                </ActionForm>
                                            </details>
                                        </div>
                                    </article>
                                }
                            })
                            .collect_view()
                            .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Establishment images of the office waiting for review.
#[component]
pub fn ImageReview() -> impl IntoView {
    let i18n = use_i18n();
    let review = ServerAction::<crate::api::own_postings::ReviewImage>::new();
    let queue = Resource::new(
        move || review.version().get(),
        |_| crate::api::own_postings::image_review_queue(),
    );
    view! {
        <section class="review-queue" aria-labelledby="image-review-heading">
            <h2 id="image-review-heading">{t!(i18n, images_review_title)}</h2>
            {move || review.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, images_review_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="image-list">
                                {list.into_iter().map(|img| {
                                    let id = img.id;
                                    view! {
                                        <li data-testid="image-review">
                                            <img src=format!("/images/{id}") alt="" width="200" loading="lazy" />
                                            <span>{img.establishment}</span>
                                            <ActionForm action=review attr:class="inline-form">
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="approve" value="true" />
                                                <button type="submit" class="primary">{t!(i18n, images_approve)}</button>
                                            </ActionForm>
                                            <ActionForm action=review attr:class="inline-form">
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="approve" value="false" />
                                                <button type="submit" class="secondary">{t!(i18n, images_reject)}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
