//! `/jobs/{求人番号}/apply`: オンライン自主応募. The seeker reads and
//! acknowledges what a self-application is not (DOMAIN.md rule 2), writes
//! the motivation statement with a character counter, reviews it and
//! sends it. Visitors are sent to log in and come back here.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_params_map;
use madoguchi_shared::application::MAX_MOTIVATION_CHARS;

use crate::api::applications::{ApplicationForm, SelfApply, apply_form};
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

#[component]
fn ApplyFormView(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let send = ServerAction::<SelfApply>::new();
    let motivation = RwSignal::new(String::new());
    let acknowledged = RwSignal::new(false);
    let reviewing = RwSignal::new(false);
    let count = Memo::new(move |_| motivation.with(|m| m.trim().chars().count()));
    let ready =
        move || acknowledged.get() && count.get() > 0 && count.get() <= MAX_MOTIVATION_CHARS;
    let back = format!("/jobs/{}", form.number);
    // The statement is kept on this device as it is typed, so a lost
    // connection or a closed tab loses nothing; sent, the draft goes.
    let draft_key = format!("madoguchi-draft-{}", form.number);
    Effect::new({
        let key = draft_key.clone();
        move |_| {
            if let Some(text) = draft::load(&key) {
                motivation.set(text);
            }
        }
    });
    Effect::new({
        let key = draft_key.clone();
        move |_| {
            if matches!(send.value().get(), Some(Ok(_))) {
                draft::clear(&key);
            }
        }
    });
    view! {
        <p class="apply-posting">
            <A href=back>{form.title.clone()}</A>
            {form.establishment.clone().map(|e| view! { <br /><span class="meta">{e}</span> })}
        </p>
        <ActionForm action=send attr:class="stack-form apply-form">
            <input type="hidden" name="number" value=form.number.clone() />
            <input type="hidden" name="key" value=form.key.clone() />
            <div class:hidden=move || reviewing.get()>
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
                // With JavaScript: review first. Without: send directly.
                <button type="button" class="primary" prop:disabled=move || !ready()
                    on:click=move |_| reviewing.set(true)>{t!(i18n, apply_to_confirm)}</button>
                <noscript><button type="submit" class="primary">{t!(i18n, apply_send)}</button></noscript>
            </div>
            <div class:hidden=move || !reviewing.get() data-testid="apply-review">
                <h2>{t!(i18n, apply_confirm_heading)}</h2>
                <p class="review-text">{move || motivation.get()}</p>
                <button type="submit" class="primary" prop:disabled=move || send.pending().get()>{t!(i18n, apply_send)}</button>
                <button type="button" class="secondary" on:click=move |_| reviewing.set(false)>{t!(i18n, apply_edit)}</button>
            </div>
        </ActionForm>
        {move || send.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorMessage error /> })}
    }
}

/// Drafts in the browser's local storage; nothing on the server.
mod draft {
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

    pub fn clear(key: &str) {
        #[cfg(feature = "hydrate")]
        if let Some(s) = store() {
            let _ = s.remove_item(key);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = key;
    }
}
