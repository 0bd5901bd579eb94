//! `/jobs/{求人番号}/apply`: オンライン自主応募. The seeker reads and
//! acknowledges what a self-application is not (docs/domain.md rule 2), writes
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

/// Where the statement being written is kept, as the seeker sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kept {
    /// Saved on this device (保存済み).
    Device,
    /// Saved on the server too (同期済み).
    Synced,
    /// No connection: on this device only (オフライン).
    Offline,
    /// Sent while offline: waiting for the connection (送信待ち).
    Waiting,
    /// The device's storage refused it (full or disabled).
    Full,
}

/// How long typing must pause before the draft goes to the server.
const SYNC_AFTER: std::time::Duration = std::time::Duration::from_millis(1200);

#[component]
pub(crate) fn ApplyFormView(form: ApplicationForm) -> impl IntoView {
    use crate::offline::{self, SendError};
    use madoguchi_shared::draft::{Draft, merge};
    let i18n = use_i18n();
    let user = form.user;
    let number = form.number.clone();
    let motivation = RwSignal::new(String::new());
    let other = RwSignal::new(None::<Draft>);
    let kept = RwSignal::new(None::<Kept>);
    let refused = RwSignal::new(error_from_url());
    let referral = form.referral;
    // A recommendation needs no acknowledgement: it is a referral.
    let acknowledged = RwSignal::new(referral.is_some());
    let reviewing = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let edited_at = StoredValue::new(0i64);
    let typing = StoredValue::new(0u64);
    let count = Memo::new(move |_| motivation.with(|m| m.trim().chars().count()));
    let ready =
        move || acknowledged.get() && count.get() > 0 && count.get() <= MAX_MOTIVATION_CHARS;
    let back = format!("/jobs/{}", form.number);

    // The server's copy follows the device's; a newer one written on
    // another device meanwhile is offered, never dropped.
    let push = {
        let number = number.clone();
        move || {
            let text = motivation.get_untracked();
            let at = edited_at.get_value();
            if text.trim().is_empty() || at == 0 {
                return;
            }
            let number = number.clone();
            leptos::task::spawn_local(async move {
                match crate::api::drafts::put_draft(number, text.clone(), at).await {
                    Ok(Some(server)) => {
                        if server.text != text && server.edited_at > at {
                            other.set(Some(server));
                        }
                        if kept.get_untracked() != Some(Kept::Waiting) {
                            kept.set(Some(Kept::Synced));
                        }
                    }
                    Ok(None) => {}
                    Err(_) => {
                        if kept.get_untracked() != Some(Kept::Waiting) {
                            kept.set(Some(Kept::Offline));
                        }
                    }
                }
            });
        }
    };
    let sent = move |id: i32| {
        let _ = window()
            .location()
            .set_href(&format!("/mypage/applications/{id}"));
    };
    // Waiting applications go as soon as the connection is back.
    let flush = {
        let number = number.clone();
        move || {
            let number = number.clone();
            leptos::task::spawn_local(async move {
                for (w, result) in offline::flush(user).await {
                    if w.draft != number {
                        continue;
                    }
                    match result {
                        Ok(id) => sent(id),
                        Err(SendError::Refused(error)) => {
                            refused.set(Some(error));
                            kept.set(Some(Kept::Device));
                            reviewing.set(false);
                            sending.set(false);
                        }
                        Err(SendError::Network) => {}
                    }
                }
            });
        }
    };
    Effect::new({
        let number = number.clone();
        let push = push.clone();
        let flush = flush.clone();
        move |_| {
            offline::keep_for_offline(vec![
                format!("/jobs/{number}"),
                format!("/jobs/{number}/apply"),
            ]);
            let local = offline::load_draft(user, &number);
            if let Some(d) = &local {
                motivation.set(d.text.clone());
                edited_at.set_value(d.edited_at);
                kept.set(Some(Kept::Device));
            }
            if offline::waiting(user).iter().any(|w| w.draft == number) {
                kept.set(Some(Kept::Waiting));
                reviewing.set(true);
                if offline::online() {
                    flush();
                }
                return;
            }
            if !offline::online() {
                kept.set(Some(Kept::Offline));
                return;
            }
            let number = number.clone();
            let push = push.clone();
            leptos::task::spawn_local(async move {
                match crate::api::drafts::server_draft(number.clone()).await {
                    Ok(server) => {
                        let m = merge(local, server);
                        if let Some(shown) = m.shown {
                            motivation.set(shown.text.clone());
                            edited_at.set_value(shown.edited_at);
                            offline::save_draft(user, &number, &shown);
                            kept.set(Some(Kept::Synced));
                        }
                        other.set(m.other);
                        if m.server_behind {
                            push();
                        }
                    }
                    Err(_) => kept.set(Some(Kept::Offline)),
                }
            });
        }
    });
    Effect::new({
        let push = push.clone();
        let flush = flush.clone();
        move |_| {
            let push = push.clone();
            let flush = flush.clone();
            let on = window_event_listener(leptos::ev::online, move |_| {
                if kept.get_untracked() == Some(Kept::Waiting) {
                    flush();
                } else {
                    push();
                }
            });
            let off = window_event_listener(leptos::ev::offline, move |_| {
                if kept.get_untracked() != Some(Kept::Waiting) {
                    kept.set(Some(Kept::Offline));
                }
            });
            on_cleanup(move || {
                on.remove();
                off.remove();
            });
        }
    });
    let on_input = {
        let number = number.clone();
        let push = push.clone();
        move |text: String| {
            let now = offline::now_ms();
            edited_at.set_value(now);
            let stored = offline::save_draft(
                user,
                &number,
                &Draft {
                    text: text.clone(),
                    edited_at: now,
                },
            );
            motivation.set(text);
            kept.set(Some(if !stored {
                Kept::Full
            } else if offline::online() {
                Kept::Device
            } else {
                Kept::Offline
            }));
            typing.update_value(|t| *t += 1);
            let this = typing.get_value();
            let push = push.clone();
            set_timeout(
                move || {
                    if typing.get_value() == this && offline::online() {
                        push();
                    }
                },
                SYNC_AFTER,
            );
        }
    };
    // The other copy takes the text box; the one it replaces is offered in
    // turn, so switching back and forth loses nothing.
    let swap = {
        let number = number.clone();
        let push = push.clone();
        move |_| {
            let Some(o) = other.get_untracked() else {
                return;
            };
            let now = offline::now_ms();
            let current = Draft {
                text: motivation.get_untracked(),
                edited_at: edited_at.get_value(),
            };
            motivation.set(o.text.clone());
            edited_at.set_value(now);
            offline::save_draft(
                user,
                &number,
                &Draft {
                    text: o.text,
                    edited_at: now,
                },
            );
            other.set((!current.text.trim().is_empty()).then_some(current));
            push();
        }
    };
    let form_key = form.key.clone();
    // With JavaScript the page sends the form itself: offline, a statement
    // without documents waits on the device and goes when the connection
    // is back; a refusal keeps the draft and says why.
    let on_submit = {
        let number = number.clone();
        move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                ev.prevent_default();
                let Some(el) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                else {
                    return;
                };
                let Ok(data) = web_sys::FormData::new_with_form(&el) else {
                    return;
                };
                let has_files = ["apply-resume", "apply-work-history"].iter().any(|id| {
                    document()
                        .get_element_by_id(id)
                        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .and_then(|i| i.files())
                        .is_some_and(|f| f.length() > 0)
                });
                let waiting = offline::Waiting {
                    number: referral.is_none().then(|| number.clone()),
                    referral: referral.map(|(id, _)| id),
                    draft: number.clone(),
                    key: form_key.clone(),
                    motivation: motivation.get_untracked(),
                };
                let number = number.clone();
                let queue = move |w: offline::Waiting| {
                    if has_files {
                        // Files cannot wait on the device: say so, keep all.
                        refused.set(Some(AppError::Network));
                        kept.set(Some(Kept::Offline));
                        sending.set(false);
                    } else if offline::queue(user, w) {
                        kept.set(Some(Kept::Waiting));
                    } else {
                        kept.set(Some(Kept::Full));
                        sending.set(false);
                    }
                };
                sending.set(true);
                refused.set(None);
                if !offline::online() {
                    queue(waiting);
                    return;
                }
                leptos::task::spawn_local(async move {
                    match offline::send(user, data, &number).await {
                        Ok(id) => sent(id),
                        Err(SendError::Refused(error)) => {
                            refused.set(Some(error));
                            sending.set(false);
                            reviewing.set(false);
                        }
                        Err(SendError::Network) => queue(waiting),
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &number, &form_key);
        }
    };
    view! {
        <p class="apply-posting">
            <A href=back>{form.title.clone()}</A>
            {form.establishment.clone().map(|e| view! { <br /><span class="meta">{e}</span> })}
        </p>
        {move || refused.get().map(|error| view! { <ErrorMessage error /> })}
        <form method="post" action="/applications/send" enctype="multipart/form-data"
            class="stack-form apply-form" on:submit=on_submit>
            {match referral {
                Some((id, _)) => view! { <input type="hidden" name="referral" value=id.to_string() /> }.into_any(),
                None => view! { <input type="hidden" name="number" value=form.number.clone() /> }.into_any(),
            }}
            <input type="hidden" name="key" value=form.key.clone() />
            <input type="hidden" name="draft" value=form.number.clone() />
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
                    on:input=move |ev| on_input(event_target_value(&ev))
                    prop:value=move || motivation.get()></textarea>
                <p class="draft-state" data-testid="draft-state" aria-live="polite" data-kept=move || kept.get().map(|k| format!("{k:?}").to_lowercase())>
                    {move || match kept.get() {
                        Some(Kept::Device) => t!(i18n, draft_device).into_any(),
                        Some(Kept::Synced) => t!(i18n, draft_synced).into_any(),
                        Some(Kept::Offline) => t!(i18n, draft_offline).into_any(),
                        Some(Kept::Waiting) => t!(i18n, draft_waiting).into_any(),
                        Some(Kept::Full) => t!(i18n, draft_full).into_any(),
                        None => t!(i18n, apply_draft_hint).into_any(),
                    }}
                </p>
                {move || other.get().map(|o| view! {
                    <div class="draft-other legal-notice" data-testid="draft-other">
                        <p><strong>{t!(i18n, draft_other_heading)}</strong></p>
                        <p class="review-text">{o.text}</p>
                        <button type="button" class="secondary small" on:click=swap.clone()>{t!(i18n, draft_other_use)}</button>
                    </div>
                })}
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
                {move || (kept.get() == Some(Kept::Waiting)).then(|| view! {
                    <p class="waiting" role="status" data-testid="waiting">{t!(i18n, draft_waiting_long)}</p>
                })}
                <button type="submit" class="primary" prop:disabled=move || sending.get()>{t!(i18n, apply_send)}</button>
                <button type="button" class="secondary" prop:disabled=move || kept.get() == Some(Kept::Waiting)
                    on:click=move |_| reviewing.set(false)>{t!(i18n, apply_edit)}</button>
            </div>
        </form>
    }
}

/// What the file inputs offer to pick; the server checks the content.
const ACCEPTED: &str = "application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png";
