//! `/account/email`: which e-mails a seeker or an employer gets, in which
//! language, and how often saved-search alerts come.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::mail::{AlertFrequency, Topic};

use crate::api::email::{SaveEmailPreferences, email_preferences};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn EmailPreferencesPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let save = ServerAction::<SaveEmailPreferences>::new();
    let prefs = Resource::new(move || save.version().get(), |_| email_preferences());
    view! {
        <Title text=move || t_string!(i18n, email_title) />
        <h1>{t!(i18n, email_title)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match prefs.await {
                    Ok(p) => {
                        let boxes = [
                            (Topic::Messages, "messages", p.messages),
                            (Topic::Results, "results", p.results),
                            (Topic::Recommendations, "recommendations", p.recommendations),
                            (Topic::DirectRequests, "direct_requests", p.direct_requests),
                        ];
                        view! {
                            <section class="form-page">
                                <p class="hint">{t!(i18n, email_hint)}</p>
                                <ActionForm action=save attr:class="stack-form" attr:data-testid="email-preferences">
                                    <label for="em-lang">{t!(i18n, email_lang)}</label>
                                    <select id="em-lang" name="lang">
                                        <option value="ja" selected=p.lang == Lang::Ja>"日本語"</option>
                                        <option value="en" selected=p.lang == Lang::En>"English"</option>
                                    </select>
                                    <fieldset>
                                        <legend>{t!(i18n, email_kinds)}</legend>
                                        {boxes.into_iter().map(|(topic, name, on)| view! {
                                            <label class="check"><input type="checkbox" name=name checked=on />{move || topic.label(lang())}</label>
                                        }).collect_view()}
                                    </fieldset>
                                    <label for="em-alerts">{move || Topic::Alerts.label(lang())}</label>
                                    <select id="em-alerts" name="alerts">
                                        {AlertFrequency::ALL.iter().map(|f| {
                                            let f = *f;
                                            view! { <option value=f.as_str() selected=p.alerts == f>{move || f.label(lang())}</option> }
                                        }).collect_view()}
                                    </select>
                                    <button type="submit" class="primary">{t!(i18n, email_save)}</button>
                                </ActionForm>
                                {move || save.value().get().map(|r| match r {
                                    Ok(()) => view! { <p role="status" data-testid="email-saved">{t!(i18n, email_saved)}</p> }.into_any(),
                                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                                })}
                            </section>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/account/email" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
