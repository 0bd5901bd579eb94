//! The pages of an account's e-mailed links (docs/domain.md, "Accounts"):
//! `/register/sent` after registering, `/verify/:token` to verify the
//! address, `/password-reset` to ask for a reset link and `/reset/:token`
//! to set the new password. Each link's page shows a form; only its POST
//! uses the link, so a mail scanner opening it changes nothing. All work
//! without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::{
    RequestPasswordReset, ResendVerification, ResetPassword, VerifyEmail, link_is_live,
};
use crate::error::ErrorMessage;
use crate::i18n::*;

#[component]
pub fn RegisterSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, register_sent_title) />
        <section class="form-page">
            <h1>{t!(i18n, register_sent_title)}</h1>
            <p class="lead" role="status">{t!(i18n, register_sent_lead)}</p>
            <p class="aside">{t!(i18n, register_sent_aside)}</p>
            <p><A href="/login">{t!(i18n, nav_login)}</A></p>
        </section>
    }
}

/// The link's token from the route.
fn token_param() -> impl Fn() -> String + Copy {
    let params = use_params_map();
    move || params.read().get("token").unwrap_or_default()
}

/// The form of a link's page while the link works (`reset`: a reset
/// link, else a verification link); what to do instead once it does not.
#[component]
fn WhileLive(reset: bool, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let token = token_param();
    let live = Resource::new(token, move |t| link_is_live(t, reset));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match live.await {
                        Ok(true) => children().into_any(),
                        _ => view! { <BadLink /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_param();
    let verify = ServerAction::<VerifyEmail>::new();
    view! {
        <Title text=move || t_string!(i18n, verify_title) />
        <section class="form-page">
            <h1>{t!(i18n, verify_title)}</h1>
            <WhileLive reset=false>
                <p class="lead">{t!(i18n, verify_lead)}</p>
                <ActionForm action=verify attr:class="stack-form">
                    <input type="hidden" name="token" value=token() />
                    <button type="submit" class="primary">{t!(i18n, verify_submit)}</button>
                </ActionForm>
                {move || verify.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
            </WhileLive>
        </section>
    }
}

/// A link that does not work, and where to go instead.
#[component]
fn BadLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p role="alert">{t!(i18n, error_bad_link)}</p>
        <p><A href="/login">{t!(i18n, nav_login)}</A>" · "<A href="/password-reset">{t!(i18n, login_forgot)}</A></p>
    }
}

#[component]
pub fn PasswordResetRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let ask = ServerAction::<RequestPasswordReset>::new();
    let sent = move || {
        use_query_map().read().get("sent").is_some() || matches!(ask.value().get(), Some(Ok(())))
    };
    view! {
        <Title text=move || t_string!(i18n, reset_request_title) />
        <section class="form-page">
            <h1>{t!(i18n, reset_request_title)}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="lead">{t!(i18n, reset_request_lead)}</p>
                    <ActionForm action=ask attr:class="stack-form">
                        <label for="reset-email">{t!(i18n, login_email)}</label>
                        <input id="reset-email" name="email" type="email" autocomplete="email" required maxlength="254" />
                        <button type="submit" class="primary">{t!(i18n, reset_request_submit)}</button>
                    </ActionForm>
                    {move || ask.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
                }
            >
                <p class="lead" role="status">{t!(i18n, reset_request_sent)}</p>
                <p><A href="/login">{t!(i18n, nav_login)}</A></p>
            </Show>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_param();
    let reset = ServerAction::<ResetPassword>::new();
    view! {
        <Title text=move || t_string!(i18n, reset_title) />
        <section class="form-page">
            <h1>{t!(i18n, reset_title)}</h1>
            <WhileLive reset=true>
                <p class="lead">{t!(i18n, reset_lead)}</p>
                <ActionForm action=reset attr:class="stack-form">
                    <input type="hidden" name="token" value=token() />
                    <label for="reset-password">{t!(i18n, reset_new_password)}</label>
                    <input id="reset-password" name="new_password" type="password" autocomplete="new-password" required minlength="10" maxlength="128" aria-describedby="reset-password-hint" />
                    <small id="reset-password-hint">{t!(i18n, register_password_hint)}</small>
                    <button type="submit" class="primary">{t!(i18n, reset_submit)}</button>
                </ActionForm>
                {move || reset.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
            </WhileLive>
        </section>
    }
}

/// On an account page whose address is not verified: what waits for it,
/// and a button that sends the link again.
#[component]
pub fn UnverifiedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let resend = ServerAction::<ResendVerification>::new();
    view! {
        <aside class="notice" data-testid="unverified">
            <p>{t!(i18n, unverified_banner)}</p>
            <ActionForm action=resend>
                <button type="submit" class="secondary">{t!(i18n, unverified_resend)}</button>
            </ActionForm>
            {move || match resend.value().get() {
                Some(Ok(())) => Some(view! { <p role="status">{t!(i18n, unverified_resent)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
        </aside>
    }
}
