//! `/mypage/profile`: 求職情報. The seeker reads and changes their wishes
//! and history; a registered seeker sees their 求職番号 and office and sets
//! the registration valid or invalid; an internet-only seeker reads what
//! registration at an office adds and how to get it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::posting::WageForm;
use madoguchi_shared::prefecture::Prefecture;
use madoguchi_shared::seeker::{ProfileForm, SeekerKind, limits};

use crate::api::profile::{ProfileView, SaveProfile, SetRegistration, ShowLinkCode, my_profile};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveProfile>::new();
    let registration = ServerAction::<SetRegistration>::new();
    let profile = Resource::new(
        move || (save.version().get(), registration.version().get()),
        |_| my_profile(),
    );
    view! {
        <Title text=move || t_string!(i18n, profile_title) />
        <h1>{t!(i18n, profile_title)}</h1>
        <p><A href="/mypage">{t!(i18n, nav_mypage)}</A></p>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! {
                        <Registration p=p.clone() action=registration />
                        <ProfileFormView form=p.form birth_date=p.birth_date user=p.user action=save />
                    }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/mypage/profile" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Registration(p: ProfileView, action: ServerAction<SetRegistration>) -> impl IntoView {
    let i18n = use_i18n();
    if p.kind != SeekerKind::Registered {
        return view! {
            <section class="mypage-section" data-testid="registration">
                <h2>{t!(i18n, profile_registration)}</h2>
                <p>{t!(i18n, profile_internet_only)}</p>
                <crate::pages::referrals::RegistrationNeeded />
                <LinkCodeSection />
            </section>
        }
        .into_any();
    }
    let active = p.registration_active;
    view! {
        <section class="mypage-section" data-testid="registration">
            <h2>{t!(i18n, profile_registration)}</h2>
            <dl class="application-detail">
                <div><dt>{t!(i18n, profile_number)}</dt><dd data-testid="seeker-number">{p.number.clone().unwrap_or_default()}</dd></div>
                <div><dt>{t!(i18n, profile_office)}</dt><dd>{p.office_name.clone().unwrap_or_default()}</dd></div>
                <div><dt>{t!(i18n, profile_validity)}</dt><dd data-testid="registration-state">
                    <strong>{if active { t!(i18n, profile_valid).into_any() } else { t!(i18n, profile_invalid).into_any() }}</strong>
                </dd></div>
                <div><dt>{t!(i18n, profile_valid_until)}</dt><dd data-testid="registration-until">{p.registration_valid_until.clone().unwrap_or_default()}</dd></div>
            </dl>
            <p class="hint">{if active { t!(i18n, profile_invalid_explain).into_any() } else { t!(i18n, profile_valid_explain).into_any() }}</p>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="active" value=if active { "false" } else { "true" } />
                <button type="submit" class="secondary">
                    {if active { t!(i18n, profile_set_invalid).into_any() } else { t!(i18n, profile_set_valid).into_any() }}
                </button>
            </ActionForm>
            {move || action.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorMessage error /> })}
        </section>
    }
    .into_any()
}

/// The one-time code the seeker shows at the counter: without it staff
/// cannot link this MyPage to a registration.
#[component]
fn LinkCodeSection() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ShowLinkCode>::new();
    view! {
        <h3>{t!(i18n, link_code_heading)}</h3>
        <p class="hint">{t!(i18n, link_code_explain)}</p>
        <ActionForm action attr:class="inline-form">
            <button type="submit" class="secondary">{t!(i18n, link_code_show)}</button>
        </ActionForm>
        {move || action.value().get().map(|result| match result {
            Ok(c) => view! {
                <p class="link-code" data-testid="link-code" aria-live="polite">
                    <strong class="code">{c.code}</strong>" "
                    {t!(i18n, link_code_until, time = move || c.valid_until.clone())}
                </p>
            }.into_any(),
            Err(error) => view! { <ErrorMessage error /> }.into_any(),
        })}
    }
}

#[component]
fn ProfileFormView(
    form: ProfileForm,
    birth_date: Option<String>,
    user: i32,
    action: ServerAction<SaveProfile>,
) -> impl IntoView {
    use crate::offline;
    use madoguchi_shared::draft::Draft;
    let i18n = use_i18n();
    // The long texts are kept on this device as they are typed; text not
    // yet saved (the tab closed, the connection dropped) is offered back.
    let education = NodeRef::<leptos::html::Textarea>::new();
    let history = NodeRef::<leptos::html::Textarea>::new();
    let drafts = StoredValue::new([
        ("profile-education", form.education.clone(), education),
        ("profile-work-history", form.work_history.clone(), history),
    ]);
    let unsaved = RwSignal::new(false);
    Effect::new(move |_| {
        let differs = drafts.with_value(|drafts| {
            drafts.iter().any(|(key, stored, _)| {
                offline::load_draft(user, key).is_some_and(|d| d.text != *stored)
            })
        });
        unsaved.set(differs);
    });
    let restore = move |_| {
        drafts.with_value(|drafts| {
            for (key, _, node) in drafts.iter() {
                if let (Some(d), Some(el)) = (offline::load_draft(user, key), node.get()) {
                    el.set_value(&d.text);
                }
            }
        });
        unsaved.set(false);
    };
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            drafts.with_value(|drafts| {
                for (key, _, _) in drafts.iter() {
                    offline::clear_draft(user, key);
                }
            });
        }
    });
    let keep = Callback::new(move |(key, text): (&'static str, String)| {
        offline::save_draft(
            user,
            key,
            &Draft {
                text,
                edited_at: offline::now_ms(),
            },
        );
    });
    view! {
        <section class="mypage-section form-page">
            <h2>{t!(i18n, profile_edit)}</h2>
            <ActionForm action attr:class="stack-form profile-form">
                {move || unsaved.get().then(|| view! {
                    <div class="legal-notice" data-testid="profile-unsaved">
                        <p>{t!(i18n, profile_unsaved)}</p>
                        <button type="button" class="secondary small" on:click=restore>{t!(i18n, profile_restore)}</button>
                    </div>
                })}
                <ProfileFields form birth_date education history keep />
                <button type="submit" class="primary">{t!(i18n, profile_save)}</button>
            </ActionForm>
            {move || match action.value().get() {
                Some(Ok(())) => Some(view! { <p role="status" data-testid="profile-saved">{t!(i18n, profile_saved)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error label=madoguchi_shared::seeker::profile_field_label /> }.into_any()),
                None => None,
            }}
        </section>
    }
}

/// The fields of the 求職情報 form (`form[...]`), shared by the seeker's
/// own page and the staff's counter page. `keep` is told every change of
/// the long texts (the seeker's device keeps them as drafts).
#[component]
pub(crate) fn ProfileFields(
    form: ProfileForm,
    birth_date: Option<String>,
    #[prop(optional)] education: NodeRef<leptos::html::Textarea>,
    #[prop(optional)] history: NodeRef<leptos::html::Textarea>,
    #[prop(optional)] keep: Option<Callback<(&'static str, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let pref_select = move |name: &'static str, id: &'static str, chosen: String| {
        view! {
            <select id=id name=name>
                <option value="" selected=chosen.is_empty()>{t!(i18n, profile_none)}</option>
                {Prefecture::all().map(|p| {
                    let code = p.code_str();
                    let selected = code == chosen;
                    view! { <option value=code selected=selected>{move || if lang() == Lang::Ja { p.name_ja() } else { p.name_en() }}</option> }
                }).collect_view()}
            </select>
        }
    };
    let checked = |v: &Option<String>| v.is_some();
    let keep = move |key: &'static str| {
        move |ev: leptos::ev::Event| {
            if let Some(keep) = keep {
                keep.run((key, event_target_value(&ev)));
            }
        }
    };
    view! {
        <label for="pf-name">{t!(i18n, register_name)}</label>
        <input id="pf-name" name="form[name]" required maxlength=limits::NAME value=form.name.clone() autocomplete="name" />
        <label for="pf-kana">{t!(i18n, register_kana)}</label>
        <input id="pf-kana" name="form[name_kana]" required maxlength=limits::NAME value=form.name_kana.clone() />
        <p class="hint">{t!(i18n, profile_birth_date)}": "{birth_date.unwrap_or_else(|| "-".to_owned())}" "{t!(i18n, profile_birth_date_hint)}</p>
        <label for="pf-phone">{t!(i18n, profile_phone)}</label>
        <input id="pf-phone" name="form[phone]" type="tel" maxlength=limits::PHONE value=form.phone.clone() autocomplete="tel" />
        <fieldset>
            <legend>{t!(i18n, profile_wishes)}</legend>
            <label for="pf-occ">{t!(i18n, profile_occupations)}</label>
            <input id="pf-occ" name="form[occupations]" maxlength="220" value=form.occupations.clone() aria-describedby="pf-occ-hint" />
            <p class="hint" id="pf-occ-hint">{t!(i18n, profile_occupations_hint, max = move || limits::OCCUPATIONS)}</p>
            <label for="pf-pref1">{t!(i18n, profile_places)}</label>
            {pref_select("form[pref1]", "pf-pref1", form.pref1.clone())}
            {pref_select("form[pref2]", "pf-pref2", form.pref2.clone())}
            {pref_select("form[pref3]", "pf-pref3", form.pref3.clone())}
            <p>{t!(i18n, profile_employment)}</p>
            <label class="check"><input type="checkbox" name="form[emp_regular]" checked=checked(&form.emp_regular) />{t!(i18n, profile_emp_regular)}</label>
            <label class="check"><input type="checkbox" name="form[emp_non_regular]" checked=checked(&form.emp_non_regular) />{t!(i18n, profile_emp_non_regular)}</label>
            <label class="check"><input type="checkbox" name="form[emp_part_time]" checked=checked(&form.emp_part_time) />{t!(i18n, profile_emp_part_time)}</label>
            <label for="pf-wage-form">{t!(i18n, profile_wage)}</label>
            <select id="pf-wage-form" name="form[wage_form]">
                <option value="" selected=form.wage_form.is_empty()>{t!(i18n, profile_none)}</option>
                {WageForm::ALL.iter().map(|w| {
                    let w = *w;
                    view! { <option value=w.as_str() selected=form.wage_form == w.as_str()>{move || w.label(lang())}</option> }
                }).collect_view()}
            </select>
            <input id="pf-wage" name="form[wage]" inputmode="numeric" maxlength="12" value=form.wage.clone() aria-label=move || t_string!(i18n, profile_wage_amount) />
            <label for="pf-hours">{t!(i18n, profile_hours)}</label>
            <input id="pf-hours" name="form[hours]" maxlength=limits::HOURS value=form.hours.clone() />
        </fieldset>
        <label for="pf-education">{t!(i18n, profile_education)}</label>
        <textarea id="pf-education" name="form[education]" rows="4" maxlength=limits::LONG_TEXT node_ref=education on:input=keep("profile-education")>{form.education.clone()}</textarea>
        <label for="pf-history">{t!(i18n, profile_work_history)}</label>
        <textarea id="pf-history" name="form[work_history]" rows="6" maxlength=limits::LONG_TEXT node_ref=history on:input=keep("profile-work-history")>{form.work_history.clone()}</textarea>
        <label for="pf-licences">{t!(i18n, profile_licences)}</label>
        <textarea id="pf-licences" name="form[licences]" rows="4" aria-describedby="pf-licences-hint">{form.licences.clone()}</textarea>
        <p class="hint" id="pf-licences-hint">{t!(i18n, profile_licences_hint, max = move || limits::LICENCES)}</p>
        <label class="check"><input type="checkbox" name="form[public]" checked=checked(&form.public) />{t!(i18n, profile_public)}</label>
    }
}
