//! `/messages` (the user's threads) and `/messages/{application}` (one
//! thread), for a seeker and for an establishment's users alike. New
//! messages appear without a reload: the page follows the live unread
//! signal (`crate::live`) and fetches the thread again when the newest
//! message id changes. The text being written is kept on the device as a
//! draft with the key it will be sent under, so a retry sends it once.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use madoguchi_shared::label::Label;
use madoguchi_shared::message::MessageAuthor;
use madoguchi_shared::thread::{Thread, ThreadMessage};

use crate::api::messages::{PickSlot, open_thread, threads};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

fn failure(error: AppError, next: String) -> AnyView {
    match error {
        AppError::Unauthorized => {
            view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
        }
        error => view! { <ErrorMessage error /> }.into_any(),
    }
}

#[component]
pub fn ThreadsPage() -> impl IntoView {
    let i18n = use_i18n();
    let live = crate::live::use_live();
    let list = Resource::new(move || live.get().latest, |_| threads());
    view! {
        <Title text=move || t_string!(i18n, messages_title) />
        <h1>{t!(i18n, messages_title)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, messages_none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="thread-list" data-testid="threads">
                            {list.into_iter().map(|t| view! {
                                <li class="thread-item" class:unread={t.unread > 0}>
                                    <A href=format!("/messages/{}", t.application_id)>
                                        <strong>{t.other_party}</strong>" · "{t.posting_title}
                                    </A>
                                    {(t.unread > 0).then(|| view! {
                                        <span class="badge" data-testid="thread-unread">{t.unread}</span>
                                    })}
                                    <p class="hint">{t.last_message.unwrap_or_default()}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => failure(error, "/messages".into()),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = super::id_param();
    let live = crate::live::use_live();
    // Bumped by the composer when a message went.
    let sent = RwSignal::new(0u32);
    let pick = ServerAction::<PickSlot>::new();
    let current = Resource::new(
        move || (id(), live.get().latest, sent.get(), pick.version().get()),
        |(id, ..)| open_thread(id),
    );
    view! {
        <Title text=move || t_string!(i18n, messages_thread_title) />
        <h1>{t!(i18n, messages_thread_title)}</h1>
        <p><A href="/messages">{t!(i18n, messages_title)}</A></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match current.await {
                    Ok(t) => view! { <ThreadView t sent pick /> }.into_any(),
                    Err(error) => failure(error, format!("/messages/{}", id())),
                }
            })}
        </Transition>
    }
}

#[component]
fn ThreadView(t: Thread, sent: RwSignal<u32>, pick: ServerAction<PickSlot>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let status = t.status;
    let me = t.me;
    let picked = t.interview_at.clone();
    let app_id = t.application_id;
    view! {
        <section class="thread" data-testid="thread">
            <p>
                <strong>{t.other_party.clone()}</strong>" · "{t.posting_title.clone()}" · "
                <span class="badge" data-testid="thread-status">{move || status.label(lang())}</span>
            </p>
            {picked.clone().map(|at| view! {
                <p class="legal-notice" data-testid="interview-at">{t!(i18n, messages_interview_at)}" "<strong>{at}</strong></p>
            })}
            <ol class="messages" data-testid="messages">
                {t.messages.into_iter().map(|m| {
                    let can_pick = me == MessageAuthor::Seeker && picked.is_none() && !t.read_only;
                    view! { <MessageItem m me can_pick pick /> }
                }).collect_view()}
            </ol>
            {if t.read_only {
                view! { <p class="hint" data-testid="read-only">{t!(i18n, messages_read_only)}</p> }.into_any()
            } else {
                view! { <Composer app_id user=t.user me sent /> }.into_any()
            }}
            {move || pick.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        </section>
    }
}

#[component]
fn MessageItem(
    m: ThreadMessage,
    me: MessageAuthor,
    can_pick: bool,
    pick: ServerAction<PickSlot>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mine = m.author == me;
    let id = m.id;
    let chosen = m.picked.clone();
    view! {
        <li class="message" class:mine=mine data-testid="message">
            <p class="pre">{m.body}</p>
            {m.attachment.map(|a| {
                let file_type = a.file_type;
                let kb = (a.byte_size + 1023) / 1024;
                view! {
                    <p class="attachment">
                        <a href=format!("/messages/attachments/{}", a.id) download="" rel="external" data-testid="attachment">
                            {t!(i18n, messages_attachment_link)}
                        </a>
                        " ("{move || file_type.label(crate::domain_lang(i18n))}", "{kb}" KB)"
                    </p>
                }
            })}
            {(!m.slots.is_empty()).then(|| view! {
                <div class="slots" data-testid="slots">
                    <p>{t!(i18n, messages_slots_offered)}</p>
                    <ul>
                        {m.slots.into_iter().map(|slot| {
                            let is_chosen = chosen.as_deref() == Some(slot.as_str());
                            let note = t_string!(i18n, messages_pick_note).replace("{slot}", &slot);
                            view! {
                                <li>
                                    {slot.clone()}
                                    {is_chosen.then(|| view! { " "<strong>{t!(i18n, messages_picked)}</strong> })}
                                    {can_pick.then(|| view! {
                                        <ActionForm action=pick attr:class="inline-form">
                                            <input type="hidden" name="message" value=id />
                                            <input type="hidden" name="slot" value=slot.clone() />
                                            <input type="hidden" name="note" value=note />
                                            <button type="submit" class="secondary small">{t!(i18n, messages_pick)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <p class="hint">
                <time datetime=m.sent_at.clone()>{crate::pages::local_time(&m.sent_at)}</time>
                {(mine && m.read).then(|| view! { " · "{t!(i18n, messages_seen)} })}
            </p>
        </li>
    }
}

/// The writing box: the text is kept on the device as it is typed (with
/// the key it will be sent under), sent once, and cleared when the server
/// has it. A file (PDF or image) may go with it; the establishment may add
/// interview times. The page sends the form itself; without JavaScript the
/// browser posts it and comes back to the thread.
#[component]
fn Composer(app_id: i32, user: i32, me: MessageAuthor, sent: RwSignal<u32>) -> impl IntoView {
    use crate::offline::{self, MessageDraft};
    use madoguchi_shared::document::MAX_DOCUMENT_MB;
    let i18n = use_i18n();
    let key = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let refused = RwSignal::new(None::<AppError>);
    // The device's unsent text and its key come back when the page opens.
    Effect::new(move |_| match offline::load_message_draft(user, app_id) {
        Some(d) => {
            key.set(d.key);
            text.set(d.text);
        }
        None => key.set(offline::new_key()),
    });
    let keep = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        offline::save_message_draft(
            user,
            app_id,
            &MessageDraft {
                text: value,
                key: key.get_untracked(),
                edited_at: offline::now_ms(),
            },
        );
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            ev.prevent_default();
            if sending.get_untracked() {
                return;
            }
            let Some(el) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&el) else {
                return;
            };
            sending.set(true);
            refused.set(None);
            leptos::task::spawn_local(async move {
                match offline::post_form("/messages/send", data).await {
                    Ok(_) => {
                        offline::clear_message_draft(user, app_id);
                        text.set(String::new());
                        key.set(offline::new_key());
                        el.reset();
                        sent.update(|n| *n += 1);
                    }
                    Err(offline::SendError::Refused(error)) => refused.set(Some(error)),
                    Err(offline::SendError::Network) => refused.set(Some(AppError::Network)),
                }
                sending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, sent, sending, refused);
    };
    view! {
        <form method="post" action="/messages/send" enctype="multipart/form-data"
            class="stack-form composer" data-testid="composer" on:submit=on_submit>
            <input type="hidden" name="application" value=app_id />
            <input type="hidden" name="key" prop:value=move || key.get() />
            <label for="msg-body">{t!(i18n, messages_body)}</label>
            <textarea id="msg-body" name="body" rows="4" maxlength=madoguchi_shared::message::MAX_MESSAGE_CHARS
                required prop:value=move || text.get() on:input=keep></textarea>
            {(me == MessageAuthor::Establishment).then(|| view! {
                <label for="msg-slots">{t!(i18n, messages_slots)}</label>
                <textarea id="msg-slots" name="slots" rows="3" aria-describedby="msg-slots-hint" placeholder="2026-12-10 10:00"></textarea>
                <p class="hint" id="msg-slots-hint">{t!(i18n, messages_slots_hint)}</p>
            })}
            <label for="msg-attachment">{t!(i18n, messages_attachment)}</label>
            <input type="file" id="msg-attachment" name="attachment" aria-describedby="msg-attachment-hint"
                accept="application/pdf,image/jpeg,image/png" data-max-mb=MAX_DOCUMENT_MB />
            <p class="hint" id="msg-attachment-hint">{t!(i18n, messages_attachment_hint)}</p>
            <button type="submit" class="primary" prop:disabled=move || sending.get()>
                {move || if sending.get() {
                    t!(i18n, messages_sending).into_any()
                } else {
                    t!(i18n, messages_send).into_any()
                }}
            </button>
        </form>
        {move || refused.get().map(|error| view! { <ErrorMessage error label=attachment_label /> })}
    }
}

fn attachment_label(field: &str) -> Option<(&'static str, &'static str)> {
    (field == "attachment").then_some(("添付ファイル", "Attached file"))
}
