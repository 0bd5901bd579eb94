//! `/employer/users`: the establishment's login users (at most ten), a
//! one-time invitation link shown to the inviting user, and removal; and
//! `/invite/{token}`, where an invited person opens their account.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_params_map;

use crate::api::est_users::{
    AcceptInvite, InviteUser, RemoveUser, establishment_users, invitation,
};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn EstablishmentUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<InviteUser>::new();
    let remove = ServerAction::<RemoveUser>::new();
    let list = Resource::new(
        move || (invite.version().get(), remove.version().get()),
        |_| establishment_users(),
    );
    view! {
        <Title text=move || t_string!(i18n, users_title) />
        <h1>{t!(i18n, users_title)}</h1>
        <p><A href="/employer">{t!(i18n, nav_mypage)}</A></p>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(u) => {
                        let (count, open, max) = (u.users.len(), u.open_invites.len(), u.max);
                        view! {
                            <p data-testid="user-count">{t!(i18n, users_count, count = move || count, max = move || max)}</p>
                            <ul class="plain-list" data-testid="users">
                                {u.users.into_iter().map(|user| {
                                    let id = user.id;
                                    view! {
                                        <li>
                                            <strong>{user.name}</strong>" "<span class="meta">{user.email}</span>
                                            {user.last_login.map(|d| view! { " "<span class="meta">{t!(i18n, users_last_login)}" "{d}</span> })}
                                            {(!user.me).then(|| view! {
                                                <ActionForm action=remove attr:class="inline-form">
                                                    <input type="hidden" name="id" value=id />
                                                    <button type="submit" class="link danger">{t!(i18n, users_remove)}</button>
                                                </ActionForm>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {(open > 0).then(|| view! { <p class="meta">{t!(i18n, users_open_invites, count = move || open)}</p> })}
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
        {move || remove.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        <section class="form-page">
            <h2>{t!(i18n, users_invite_heading)}</h2>
            <p class="hint">{t!(i18n, users_invite_hint)}</p>
            <ActionForm action=invite>
                <button type="submit" class="primary">{t!(i18n, users_invite)}</button>
            </ActionForm>
            {move || invite.value().get().map(|r| match r {
                Ok(path) => {
                    let link = format!("{}{path}", crate::pages::est_users::origin());
                    view! {
                        <p role="status">{t!(i18n, users_invite_made)}</p>
                        <p><input class="invite-link" readonly data-testid="invite-link" value=link.clone() aria-label=move || t_string!(i18n, users_invite_link) /></p>
                    }.into_any()
                }
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
        </section>
    }
}

/// This site's origin, for a link to copy (empty on the server).
pub(crate) fn origin() -> String {
    #[cfg(feature = "hydrate")]
    return window().location().origin().unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    String::new()
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let found = Resource::new(token, invitation);
    let accept = ServerAction::<AcceptInvite>::new();
    view! {
        <Title text=move || t_string!(i18n, invite_title) />
        <section class="form-page">
            <h1>{t!(i18n, invite_title)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(name) => view! {
                            <p class="lead">{t!(i18n, invite_lead, name = move || name.clone())}</p>
                            <ActionForm action=accept attr:class="stack-form">
                                <input type="hidden" name="token" value=token() />
                                <label for="iv-name">{t!(i18n, employer_register_contact)}</label>
                                <input id="iv-name" name="name" autocomplete="name" required maxlength="50" />
                                <label for="iv-email">{t!(i18n, login_email)}</label>
                                <input id="iv-email" name="email" type="email" autocomplete="email" required maxlength="254" />
                                <label for="iv-password">{t!(i18n, login_password)}</label>
                                <input id="iv-password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="128" />
                                <small>{t!(i18n, register_password_hint)}</small>
                                <button type="submit" class="primary">{t!(i18n, register_submit)}</button>
                            </ActionForm>
                            {move || accept.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
                        }.into_any(),
                        Err(_) => view! { <p>{t!(i18n, invite_invalid)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
