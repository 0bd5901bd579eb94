//! The top of the seeker's MyPage: what needs attention now, each item a
//! link to where it is handled.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::profile::attention;
use crate::error::ErrorMessage;
use crate::i18n::*;

#[component]
pub fn Attention() -> impl IntoView {
    let i18n = use_i18n();
    let items = Resource::new(|| (), |_| attention());
    // Drafts and waiting applications live on this device: counted once
    // hydrated; waiting ones are sent when the connection allows.
    let drafts = RwSignal::new(0usize);
    let waiting = RwSignal::new(0usize);
    Effect::new(move |_| {
        if let Some(Ok(a)) = items.get() {
            let user = a.user;
            crate::offline::keep_for_offline(vec!["/mypage".to_owned()]);
            drafts.set(crate::offline::draft_count(user));
            waiting.set(crate::offline::waiting(user).len());
            if waiting.get_untracked() > 0 && crate::offline::online() {
                leptos::task::spawn_local(async move {
                    crate::offline::flush(user).await;
                    waiting.set(crate::offline::waiting(user).len());
                    drafts.set(crate::offline::draft_count(user));
                });
            }
        }
    });
    view! {
        <section class="mypage-section attention" data-testid="attention" aria-labelledby="attention-heading">
            <h2 id="attention-heading">{t!(i18n, attention_heading)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match items.await {
                        Ok(a) => {
                            let quiet = a.waiting.is_empty() && a.new_results == 0
                                && a.unread_notices == 0 && a.new_matches == 0;
                            view! {
                                <ul class="attention-list">
                                    {a.waiting.into_iter().map(|(id, title, deadline)| view! {
                                        <li class="attention-item urgent">
                                            <A href=format!("/mypage/referrals/{id}/apply")>
                                                {t!(i18n, attention_recommendation, title = move || title.clone(), deadline = move || deadline.clone())}
                                            </A>
                                        </li>
                                    }).collect_view()}
                                    {(a.new_results > 0).then(|| view! {
                                        <li class="attention-item"><a href="#applications">{t!(i18n, attention_results, count = move || a.new_results)}</a></li>
                                    })}
                                    {(a.unread_notices > 0).then(|| view! {
                                        <li class="attention-item"><a href="#notices">{t!(i18n, attention_notices, count = move || a.unread_notices)}</a></li>
                                    })}
                                    {(a.new_matches > 0).then(|| view! {
                                        <li class="attention-item"><a href="#saved-searches">{t!(i18n, attention_matches, count = move || a.new_matches)}</a></li>
                                    })}
                                    {move || (waiting.get() > 0).then(|| view! {
                                        <li class="attention-item urgent" data-testid="attention-waiting">{t!(i18n, attention_waiting, count = move || waiting.get())}</li>
                                    })}
                                    {move || (drafts.get() > 0).then(|| view! {
                                        <li class="attention-item" data-testid="attention-drafts">{t!(i18n, attention_drafts, count = move || drafts.get())}</li>
                                    })}
                                </ul>
                                {move || (quiet && drafts.get() == 0 && waiting.get() == 0).then(|| view! { <p>{t!(i18n, attention_none)}</p> })}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p><A href="/mypage/profile" attr:class="button secondary">{t!(i18n, profile_title)}</A></p>
        </section>
    }
}
