//! `/login`: a plain form that also works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::api::account::Login;
use crate::error::ErrorMessage;
use crate::i18n::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let next = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("next")
        .filter(|n| madoguchi_shared::account::safe_next(n).is_some());
    let query = leptos_router::hooks::use_query_map();
    let verified = query.read_untracked().get("verified").is_some();
    let reset = query.read_untracked().get("reset").is_some();
    view! {
        <Title text=move || t_string!(i18n, login_title) />
        <section class="form-page">
            <h1>{t!(i18n, login_heading)}</h1>
            {verified.then(|| view! { <p role="status" class="notice">{t!(i18n, login_verified)}</p> })}
            {reset.then(|| view! { <p role="status" class="notice">{t!(i18n, login_reset)}</p> })}
            <ActionForm action=login attr:class="stack-form">
                <label for="login-email">{t!(i18n, login_email)}</label>
                <input id="login-email" name="email" type="email" autocomplete="username" required maxlength="254" />
                <label for="login-password">{t!(i18n, login_password)}</label>
                <input id="login-password" name="password" type="password" autocomplete="current-password" required maxlength="128" />
                {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
                <button type="submit" class="primary">{t!(i18n, login_submit)}</button>
            </ActionForm>
            {move || login.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorMessage error /> })}
            <p><A href="/password-reset">{t!(i18n, login_forgot)}</A></p>
            <p>{t!(i18n, login_no_account)}" "<A href="/register">{t!(i18n, nav_register)}</A></p>
        </section>
    }
}
