//! オンラインハローワーク紹介 on MyPage: the recommendations the office
//! sent (registered seekers only), and `/mypage/referrals/{id}/apply` to
//! answer one before its deadline.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use madoguchi_shared::application::ReferralStatus;
use madoguchi_shared::date::to_iso;
use madoguchi_shared::label::Label;

use crate::api::referrals::{my_referrals, referral_form};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

/// The MyPage section. Internet-only seekers see why referrals need
/// registration at an office and how to get it, and no actions.
#[component]
pub fn MyReferrals() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let list = Resource::new(|| (), |_| my_referrals());
    view! {
        <section class="mypage-section" data-testid="referrals" id="referrals">
            <h2>{t!(i18n, referrals_heading)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(None) => view! { <RegistrationNeeded /> }.into_any(),
                        Ok(Some(items)) if items.is_empty() => view! { <p>{t!(i18n, referrals_none)}</p> }.into_any(),
                        Ok(Some(items)) => view! {
                            <ul class="favourite-list">
                                {items.into_iter().map(|r| {
                                    let status = r.status;
                                    let waiting = status == ReferralStatus::Recommended;
                                    let deadline = to_iso(r.deadline);
                                    view! {
                                        <li class="favourite referral" class:closed=!waiting data-testid="referral" data-referral=r.id.to_string() data-status=status.as_str()>
                                            <h3><A href=format!("/jobs/{}", r.posting.number)>{r.posting.title.clone()}</A></h3>
                                            {r.posting.establishment.clone().map(|e| view! { <p class="meta">{e}</p> })}
                                            <p class="meta">
                                                <span class="badge" class:closed-badge=!waiting>{move || status.label(lang())}</span>" "
                                                {t!(i18n, referrals_deadline)}": "<strong>{deadline}</strong>
                                            </p>
                                            <p class="suitability">{t!(i18n, referrals_suitability)}": "{r.suitability.clone()}</p>
                                            {waiting.then(|| view! {
                                                <p><A href=format!("/mypage/referrals/{}/apply", r.id) attr:class="button primary">{t!(i18n, referrals_apply)}</A></p>
                                            })}
                                            {(status == ReferralStatus::Expired).then(|| view! {
                                                <p class="hint">{t!(i18n, referrals_expired_hint)}</p>
                                            })}
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

/// What an internet-only seeker reads where registered seekers act.
#[component]
pub fn RegistrationNeeded() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="legal-notice" data-testid="registration-needed">
            <p>{t!(i18n, registration_needed_intro)}</p>
            <ul>
                <li>{t!(i18n, registration_needed_referral)}</li>
                <li>{t!(i18n, registration_needed_letter)}</li>
                <li>{t!(i18n, registration_needed_counselling)}</li>
            </ul>
            <p>{t!(i18n, registration_needed_how)}</p>
        </div>
    }
}

/// `/mypage/referrals/{id}/apply`
#[component]
pub fn ReferralApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::pages::id_param();
    let form = Resource::new(id, referral_form);
    view! {
        <Title text=move || t_string!(i18n, referral_apply_title) />
        <h1>{t!(i18n, referral_apply_title)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <crate::pages::apply::ApplyFormView form /> }.into_any(),
                    Err(AppError::Unauthorized) => {
                        let next = format!("/login?next=/mypage/referrals/{}/apply", id());
                        view! { <Redirect path=next /> }.into_any()
                    }
                    Err(error) => view! {
                        <ErrorMessage error />
                        <p><A href="/mypage#referrals">{t!(i18n, nav_mypage)}</A></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
