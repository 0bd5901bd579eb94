//! お知らせ on the seeker's MyPage: unread ones marked, read with one press.

use leptos::prelude::*;

use crate::api::notices::{MarkNoticeRead, my_notices};
use crate::error::ErrorMessage;
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
