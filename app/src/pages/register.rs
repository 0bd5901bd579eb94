//! `/register`: opening an internet-only seeker's MyPage.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::RegisterSeeker;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<RegisterSeeker>::new();
    let error = move || register.value().get().and_then(|r| r.err());
    // `aria-invalid` tells which field a validation error belongs to.
    let invalid = move |name: &'static str| {
        move || match error() {
            Some(AppError::Field { field, .. }) if field == name => "true",
            _ => "false",
        }
    };
    view! {
        <Title text=move || t_string!(i18n, register_title) />
        <section class="form-page">
            <h1>{t!(i18n, register_heading)}</h1>
            <p class="lead">{t!(i18n, register_lead)}</p>
            <ActionForm action=register attr:class="stack-form">
                <label for="reg-name">{t!(i18n, register_name)}</label>
                <input id="reg-name" name="name" autocomplete="name" required maxlength="50" aria-invalid=invalid("name") />
                <label for="reg-kana">{t!(i18n, register_kana)}</label>
                <input id="reg-kana" name="name_kana" required maxlength="50" aria-invalid=invalid("name_kana") />
                <label for="reg-email">{t!(i18n, login_email)}</label>
                <input id="reg-email" name="email" type="email" autocomplete="email" required maxlength="254" aria-invalid=invalid("email") />
                <label for="reg-password">{t!(i18n, login_password)}</label>
                <input id="reg-password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="128" aria-describedby="reg-password-hint" aria-invalid=invalid("password") />
                <small id="reg-password-hint">{t!(i18n, register_password_hint)}</small>
                <button type="submit" class="primary">{t!(i18n, register_submit)}</button>
            </ActionForm>
            {move || error().map(|error| view! { <ErrorMessage error /> })}
        </section>
    }
}
