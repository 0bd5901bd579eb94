//! The start page of each role: `/mypage` (seekers), `/employer`,
//! `/staff` and `/admin`. Visitors are sent to the login page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use madoguchi_shared::account::Role;
use madoguchi_shared::label::Label;

use crate::api::account::{ChangePassword, account_home};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn SeekerHome() -> impl IntoView {
    view! { <AccountHome role=Role::Seeker /> }
}

#[component]
pub fn EmployerHome() -> impl IntoView {
    view! { <AccountHome role=Role::Employer /> }
}

#[component]
pub fn StaffHome() -> impl IntoView {
    view! { <AccountHome role=Role::Staff /> }
}

#[component]
pub fn AdminHome() -> impl IntoView {
    view! { <AccountHome role=Role::Admin /> }
}

#[component]
fn AccountHome(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let account = Resource::new(move || role, account_home);
    let heading = move || match role {
        Role::Seeker => t_string!(i18n, account_heading_seeker),
        Role::Employer => t_string!(i18n, account_heading_employer),
        Role::Staff => t_string!(i18n, account_heading_staff),
        Role::Admin => t_string!(i18n, account_heading_admin),
    };
    view! {
        <Title text=move || t_string!(i18n, account_title) />
        <h1>{heading}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(user) => view! { <AccountDetails user /> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(user: madoguchi_shared::account::CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let name = user.display_name.clone();
    let lang = move || crate::domain_lang(i18n);
    let role = user.role;
    let unverified = !user.email_verified;
    view! {
        <p class="welcome" data-testid="welcome">
            {t!(i18n, account_welcome, name = move || name.clone())}
        </p>
        {unverified.then(|| view! { <crate::pages::account_links::UnverifiedNotice /> })}
        <p>{t!(i18n, account_role)}": "{move || role.label(lang())}</p>
        {(role == Role::Admin).then(|| view! { <crate::pages::admin::StaffAccounts /> })}
        {(role == Role::Employer).then(|| view! {
            <p class="actions">
                <leptos_router::components::A href="/employer/applicants" attr:class="button primary">{t!(i18n, applicants_title)}</leptos_router::components::A>" "
                <leptos_router::components::A href="/employer/postings" attr:class="button secondary">{t!(i18n, own_postings_title)}</leptos_router::components::A>" "
                <leptos_router::components::A href="/employer/establishment" attr:class="button secondary">{t!(i18n, establishment_title)}</leptos_router::components::A>" "
                <leptos_router::components::A href="/employer/users" attr:class="button secondary">{t!(i18n, users_title)}</leptos_router::components::A>
            </p>
        })}
        {(role == Role::Employer).then(|| view! { <crate::pages::notices::MyNotices /> })}
        {(role == Role::Staff).then(|| view! {
            <crate::pages::staff::StaffNav />
            <crate::pages::review::ReviewQueue />
            <crate::pages::review::ImageReview />
        })}
        {(role == Role::Seeker).then(|| view! {
            <crate::pages::attention::Attention />
            <crate::pages::direct::MyDirectRequests />
            <crate::pages::referrals::MyReferrals />
            <crate::pages::notices::MyNotices />
            <crate::pages::applications::MyApplications />
            <crate::pages::saved_searches::MySavedSearches />
            <crate::pages::favourites::MyFavourites />
        })}
        {matches!(role, Role::Seeker | Role::Employer).then(|| view! {
            <p><leptos_router::components::A href="/account/email" attr:class="button secondary">{t!(i18n, email_title)}</leptos_router::components::A></p>
        })}
        <section class="form-page">
            <h2>{t!(i18n, account_change_password)}</h2>
            <ActionForm action=change attr:class="stack-form">
                <label for="pw-current">{t!(i18n, account_current_password)}</label>
                <input id="pw-current" name="current" type="password" autocomplete="current-password" required maxlength="128" />
                <label for="pw-new">{t!(i18n, account_new_password)}</label>
                <input id="pw-new" name="new_password" type="password" autocomplete="new-password" required minlength="10" maxlength="128" />
                <button type="submit" class="primary">{t!(i18n, account_save)}</button>
            </ActionForm>
            {move || match change.value().get() {
                Some(Ok(())) => Some(view! { <p role="status">{t!(i18n, account_password_changed)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
        </section>
        <section class="form-page" data-testid="my-data">
            <h2>{t!(i18n, privacy_title)}</h2>
            <p>{t!(i18n, privacy_lead)}</p>
            // A file, not a page: the router leaves the link to the browser.
            <p><a href="/account/export.json" download="madoguchi-my-data.json" rel="external" class="button secondary">{t!(i18n, privacy_download)}</a></p>
        </section>
    }
}
