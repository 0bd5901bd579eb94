//! `/register`: opening a seeker's MyPage; `/register/employer`: opening
//! an employer's MyPage together with the establishment.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use madoguchi_shared::establishment::EstablishmentSize;
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::prefecture::Prefecture;

use crate::api::account::{RegisterEmployer, RegisterSeeker};
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
            <p class="aside">{t!(i18n, register_employer_aside)}" "<A href="/register/employer">{t!(i18n, register_employer_link)}</A></p>
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

#[component]
pub fn EmployerRegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<RegisterEmployer>::new();
    let error = move || register.value().get().and_then(|r| r.err());
    // `aria-invalid` tells which field a validation error belongs to.
    let invalid = move |name: &'static str| {
        move || match error() {
            Some(AppError::Field { field, .. }) if field == name => "true",
            _ => "false",
        }
    };
    let lang = move || crate::domain_lang(i18n);
    view! {
        <Title text=move || t_string!(i18n, employer_register_title) />
        <section class="form-page">
            <h1>{t!(i18n, employer_register_heading)}</h1>
            <p class="lead">{t!(i18n, employer_register_lead)}</p>
            <ActionForm action=register attr:class="stack-form">
                <fieldset>
                    <legend>{t!(i18n, employer_register_establishment)}</legend>
                    <label for="er-name">{t!(i18n, establishment_name)}</label>
                    <input id="er-name" name="establishment_name" autocomplete="organization" required maxlength="100" aria-invalid=invalid("establishment_name") />
                    <label for="er-kana">{t!(i18n, establishment_kana)}</label>
                    <input id="er-kana" name="establishment_kana" required maxlength="100" aria-invalid=invalid("establishment_kana") />
                    <label for="er-pref">{t!(i18n, establishment_prefecture)}</label>
                    <select id="er-pref" name="prefecture" required aria-invalid=invalid("prefecture")>
                        <option value="">{t!(i18n, choose)}</option>
                        {Prefecture::all()
                            .map(|p| {
                                let name = move || if lang() == Lang::Ja { p.name_ja() } else { p.name_en() };
                                view! { <option value=p.code_str()>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                    <label for="er-city">{t!(i18n, establishment_city)}</label>
                    <input id="er-city" name="city" autocomplete="address-level2" required maxlength="50" aria-invalid=invalid("city") />
                    <label for="er-address">{t!(i18n, establishment_address)}</label>
                    <input id="er-address" name="address" autocomplete="address-line1" required maxlength="100" aria-invalid=invalid("address") />
                    <label for="er-industry">{t!(i18n, establishment_industry)}</label>
                    <input id="er-industry" name="industry" required maxlength="50" aria-invalid=invalid("industry") />
                    <label for="er-size">{t!(i18n, establishment_size)}</label>
                    <select id="er-size" name="size" required aria-invalid=invalid("size")>
                        <option value="">{t!(i18n, choose)}</option>
                        {EstablishmentSize::ALL
                            .iter()
                            .map(|s| {
                                let s = *s;
                                view! { <option value=s.as_str()>{move || s.label(lang())}</option> }
                            })
                            .collect_view()}
                    </select>
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, employer_register_user)}</legend>
                    <label for="er-contact">{t!(i18n, employer_register_contact)}</label>
                    <input id="er-contact" name="contact_name" autocomplete="name" required maxlength="50" aria-invalid=invalid("contact_name") />
                    <label for="er-email">{t!(i18n, login_email)}</label>
                    <input id="er-email" name="email" type="email" autocomplete="email" required maxlength="254" aria-invalid=invalid("email") />
                    <label for="er-password">{t!(i18n, login_password)}</label>
                    <input id="er-password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="128" aria-describedby="er-password-hint" aria-invalid=invalid("password") />
                    <small id="er-password-hint">{t!(i18n, register_password_hint)}</small>
                </fieldset>
                <button type="submit" class="primary">{t!(i18n, register_submit)}</button>
            </ActionForm>
            {move || error().map(|error| view! { <ErrorMessage error /> })}
        </section>
    }
}
