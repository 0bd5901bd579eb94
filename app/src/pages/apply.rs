//! `/jobs/{求人番号}/apply`: オンライン自主応募. The seeker reads and
//! acknowledges what a self-application is not (DOMAIN.md rule 2), writes
//! the motivation statement with a character counter, reviews it and
//! sends it. Visitors are sent to log in and come back here.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_params_map;
use madoguchi_shared::application::MAX_MOTIVATION_CHARS;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::document::MAX_DOCUMENT_MB;

use crate::api::applications::{ApplicationForm, apply_form};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let form = Resource::new(number, apply_form);
    view! {
        <Title text=move || t_string!(i18n, apply_title) />
        <h1>{t!(i18n, apply_heading)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) if form.applied => view! {
                        <p role="alert">{t!(i18n, error_already_applied)}</p>
                        <p><A href="/mypage">{t!(i18n, nav_mypage)}</A></p>
                    }
                    .into_any(),
                    Ok(form) if !form.accepts => view! {
                        <p role="alert">{t!(i18n, apply_not_offered)}</p>
                        <p><A href=format!("/jobs/{}", form.number)>{t!(i18n, posting_print_back)}</A></p>
                    }
                    .into_any(),
                    Ok(form) => view! { <ApplyFormView form /> }.into_any(),
                    Err(AppError::Unauthorized) => {
                        let next = format!("/login?next=/jobs/{}/apply", number());
                        view! { <Redirect path=next /> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <crate::pages::not_found::NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The error a refused send brought back in the URL (`?error=`).
fn error_from_url() -> Option<AppError> {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("error")
        .and_then(|json| serde_json::from_str(&json).ok())
}

/// The draft of the statement for posting `number` on this device.
pub fn draft_key(number: &str) -> String {
    format!("madoguchi-draft-{number}")
}

#[component]
pub(crate) fn ApplyFormView(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let motivation = RwSignal::new(String::new());
    let referral = form.referral;
    // A recommendation needs no acknowledgement: it is a referral.
    let acknowledged = RwSignal::new(referral.is_some());
    let reviewing = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let count = Memo::new(move |_| motivation.with(|m| m.trim().chars().count()));
    let ready =
        move || acknowledged.get() && count.get() > 0 && count.get() <= MAX_MOTIVATION_CHARS;
    let back = format!("/jobs/{}", form.number);
    let refused = error_from_url();
    // The statement is kept on this device as it is typed, so a lost
    // connection, a closed tab or a refused send loses nothing; the
    // application's page removes the draft once it is sent.
    let draft_key = draft_key(&form.number);
    Effect::new({
        let key = draft_key.clone();
        move |_| {
            if let Some(text) = draft::load(&key) {
                motivation.set(text);
            }
        }
    });
    view! {
        <p class="apply-posting">
            <A href=back>{form.title.clone()}</A>
            {form.establishment.clone().map(|e| view! { <br /><span class="meta">{e}</span> })}
        </p>
        {refused.map(|error| view! { <ErrorMessage error /> })}
        <form method="post" action="/applications/send" enctype="multipart/form-data"
            class="stack-form apply-form" on:submit=move |_| sending.set(true)>
            {match referral {
                Some((id, _)) => view! { <input type="hidden" name="referral" value=id.to_string() /> }.into_any(),
                None => view! { <input type="hidden" name="number" value=form.number.clone() /> }.into_any(),
            }}
            <input type="hidden" name="key" value=form.key.clone() />
            <div class:hidden=move || reviewing.get()>
                {match referral {
                    Some((_, deadline)) => view! {
                        <section class="legal-notice referral-notice" aria-labelledby="apply-notice-heading">
                            <h2 id="apply-notice-heading">{t!(i18n, referral_apply_heading)}</h2>
                            <p>{t!(i18n, referral_apply_explain, deadline = move || to_iso(deadline))}</p>
                        </section>
                    }.into_any(),
                    None => view! {
                        <section class="legal-notice apply-notice" aria-labelledby="apply-notice-heading">
                            <h2 id="apply-notice-heading">{t!(i18n, apply_notice_heading)}</h2>
                            <ul>
                                <li>{t!(i18n, apply_notice_1)}</li>
                                <li>{t!(i18n, apply_notice_2)}</li>
                                <li>{t!(i18n, apply_notice_3)}</li>
                                <li>{t!(i18n, apply_notice_4)}</li>
                            </ul>
                            <label class="check">
                                <input type="checkbox" name="acknowledged" required
                                    prop:checked=move || acknowledged.get()
                                    on:change=move |ev| acknowledged.set(event_target_checked(&ev)) />
                                {t!(i18n, apply_acknowledge)}
                            </label>
                        </section>
                    }.into_any(),
                }}
                <label for="apply-motivation">{t!(i18n, apply_motivation)}</label>
                <p class="hint" id="apply-motivation-hint">{t!(i18n, apply_motivation_hint, max = move || MAX_MOTIVATION_CHARS)}</p>
                <textarea id="apply-motivation" name="motivation" rows="10" required
                    maxlength=MAX_MOTIVATION_CHARS aria-describedby="apply-motivation-hint apply-count"
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        draft::save(&draft_key, &text);
                        motivation.set(text);
                    }
                    prop:value=move || motivation.get()></textarea>
                <p class="hint">{t!(i18n, apply_draft_hint)}</p>
                <p class="counter" id="apply-count" aria-live="polite" class:over={move || count.get() > MAX_MOTIVATION_CHARS}>
                    {t!(i18n, apply_count, count = move || count.get(), max = move || MAX_MOTIVATION_CHARS)}
                </p>
                <fieldset class="documents">
                    <legend>{t!(i18n, apply_documents)}</legend>
                    <p class="hint" id="apply-documents-hint">{t!(i18n, apply_documents_hint, max = move || MAX_DOCUMENT_MB)}</p>
                    <label for="apply-resume">{t!(i18n, apply_resume)}</label>
                    <input id="apply-resume" name="resume" type="file" accept=ACCEPTED aria-describedby="apply-documents-hint" />
                    <label for="apply-work-history">{t!(i18n, apply_work_history)}</label>
                    <input id="apply-work-history" name="work_history" type="file" accept=ACCEPTED aria-describedby="apply-documents-hint" />
                </fieldset>
                // With JavaScript: review first. Without: send directly.
                <button type="button" class="primary" prop:disabled=move || !ready()
                    on:click=move |_| reviewing.set(true)>{t!(i18n, apply_to_confirm)}</button>
                <noscript><button type="submit" class="primary">{t!(i18n, apply_send)}</button></noscript>
            </div>
            <div class:hidden=move || !reviewing.get() data-testid="apply-review">
                <h2>{t!(i18n, apply_confirm_heading)}</h2>
                <p class="review-text">{move || motivation.get()}</p>
                <button type="submit" class="primary" prop:disabled=move || sending.get()>{t!(i18n, apply_send)}</button>
                <button type="button" class="secondary" on:click=move |_| reviewing.set(false)>{t!(i18n, apply_edit)}</button>
            </div>
        </form>
    }
}

/// What the file inputs offer to pick; the server checks the content.
const ACCEPTED: &str = "application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png";

/// Drafts in the browser's local storage; nothing on the server.
pub(crate) mod draft {
    #[cfg(feature = "hydrate")]
    fn store() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }

    pub fn load(key: &str) -> Option<String> {
        #[cfg(feature = "hydrate")]
        {
            store()?
                .get_item(key)
                .ok()
                .flatten()
                .filter(|t| !t.is_empty())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = key;
            None
        }
    }

    pub fn save(key: &str, text: &str) {
        #[cfg(feature = "hydrate")]
        if let Some(s) = store() {
            let _ = s.set_item(key, text);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (key, text);
    }

    /// How many statements are drafted on this device and not sent.
    pub fn count() -> usize {
        #[cfg(feature = "hydrate")]
        {
            let Some(s) = store() else { return 0 };
            let len = s.length().unwrap_or(0);
            (0..len)
                .filter_map(|i| s.key(i).ok().flatten())
                .filter(|k| k.starts_with("madoguchi-draft-"))
                .filter(|k| {
                    s.get_item(k)
                        .ok()
                        .flatten()
                        .is_some_and(|t| !t.trim().is_empty())
                })
                .count()
        }
        #[cfg(not(feature = "hydrate"))]
        0
    }

    pub fn clear(key: &str) {
        #[cfg(feature = "hydrate")]
        if let Some(s) = store() {
            let _ = s.remove_item(key);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = key;
    }
}
