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
        <section class="mypage-section" data-testid="applications">
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
