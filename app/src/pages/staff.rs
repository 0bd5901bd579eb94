//! The staff console (職員): `/staff/seekers` (find, register at the
//! counter), `/staff/seekers/{id}` (ledger, registration, consultations,
//! suitability and the recommendation), `/staff/postings/{id}` (a posting
//! with the office's seekers who fit), `/staff/follow-up`,
//! `/staff/establishments/{id}` and `/staff/statistics`. Built for a
//! desktop at the counter: dense lists, plain forms, every action a
//! button reachable by keyboard. Admins add `?office=CODE`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::{use_navigate, use_query_map};
use madoguchi_shared::application::RejectionReason;
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::staff::{LedgerEntry, Statistics};
use madoguchi_shared::suitability::{Fit, Judgement};

use crate::api::staff::{
    AddConsultation, Recommend, RecordPhoneResult, RegisterAtCounter, SaveSeekerProfile,
    SetSeekerRegistration, find_seekers, follow_up, office_statistics, staff_establishment,
    staff_posting, staff_seeker, suitable_postings,
};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

/// The `office` query parameter (admins), passed on to every call.
fn office_param() -> impl Fn() -> Option<String> + Copy {
    let query = use_query_map();
    move || query.read().get("office").filter(|v| !v.is_empty())
}

/// The links between the console's pages.
#[component]
pub fn StaffNav() -> impl IntoView {
    let i18n = use_i18n();
    let office = office_param();
    let offices = Resource::new(|| (), |_| crate::api::staff::admin_offices());
    let link = move |path: &'static str| move || with_office(path.to_owned(), office());
    view! {
        <nav class="staff-nav" aria-label=move || t_string!(i18n, staff_nav)>
            <A href="/staff">{t!(i18n, staff_home)}</A>" "
            <A href=link("/staff/seekers")>{t!(i18n, staff_seekers)}</A>" "
            <A href=link("/staff/follow-up")>{t!(i18n, staff_follow_up)}</A>" "
            <A href=link("/staff/statistics")>{t!(i18n, staff_statistics)}</A>" "
            <A href="/staff/notices">{t!(i18n, staff_notices_title)}</A>
            <Suspense>
                {move || Suspend::new(async move {
                    // Admins work for any office: the one picked here is
                    // carried by every link and call as `?office=CODE`.
                    offices.await.ok().flatten().map(|list| {
                        let chosen = office().unwrap_or_default();
                        view! {
                            <form method="get" class="office-pick" data-testid="office-pick">
                                <label for="office-pick">{t!(i18n, staff_office_pick)}</label>
                                <select id="office-pick" name="office">
                                    <option value="" selected=chosen.is_empty()>{t!(i18n, staff_office_all)}</option>
                                    {list.into_iter().map(|o| {
                                        let selected = o.code == chosen;
                                        view! { <option value=o.code.clone() selected=selected>{o.code.clone()}" "{o.name}</option> }
                                    }).collect_view()}
                                </select>
                                <button type="submit" class="secondary small">{t!(i18n, staff_show)}</button>
                            </form>
                        }
                    })
                })}
            </Suspense>
        </nav>
    }
}

/// Redirects to the login when the call answered 401, else shows the error.
fn failure(error: AppError) -> AnyView {
    match error {
        AppError::Unauthorized => view! { <Redirect path="/login" /> }.into_any(),
        error => view! { <ErrorMessage error /> }.into_any(),
    }
}

#[component]
pub fn StaffSeekersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let office = office_param();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let found = Resource::new(
        move || (office(), get("number"), get("name"), get("birth_date")),
        |(office, number, name, birth)| find_seekers(office, number, name, birth),
    );
    let register = ServerAction::<RegisterAtCounter>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = register.value().get() {
            navigate(&format!("/staff/seekers/{id}"), Default::default());
        }
    });
    view! {
        <Title text=move || t_string!(i18n, staff_seekers) />
        <h1>{t!(i18n, staff_seekers)}</h1>
        <StaffNav />
        <section class="staff-section" aria-labelledby="find-heading">
            <h2 id="find-heading">{t!(i18n, staff_find)}</h2>
            <form method="get" action="/staff/seekers" class="applicant-filter">
                <label>{t!(i18n, staff_seeker_number)}
                    <input name="number" maxlength="14" placeholder="13010-12345678" prop:value=move || get("number").unwrap_or_default() />
                </label>
                <label>{t!(i18n, staff_name_or_kana)}
                    <input name="name" maxlength="50" prop:value=move || get("name").unwrap_or_default() />
                </label>
                <label>{t!(i18n, staff_birth_date)}
                    <input name="birth_date" type="date" prop:value=move || get("birth_date").unwrap_or_default() />
                </label>
                <button type="submit" class="primary">{t!(i18n, staff_search)}</button>
            </form>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, staff_none_found)}</p> }.into_any(),
                        Ok(rows) => view! {
                            <table class="staff-table" data-testid="seeker-results">
                                <thead><tr>
                                    <th>{t!(i18n, staff_seeker_number)}</th>
                                    <th>{t!(i18n, staff_name)}</th>
                                    <th>{t!(i18n, staff_birth_date)}</th>
                                    <th>{t!(i18n, staff_valid_until)}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{r.number.unwrap_or_default()}</td>
                                            <td><A href=with_office(format!("/staff/seekers/{}", r.id), office())>{r.name}</A>" ("{r.name_kana}")"</td>
                                            <td>{r.birth_date.unwrap_or_default()}</td>
                                            <td>{r.valid_until.unwrap_or_default()}{(!r.registration_active).then_some(" (無効)")}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => failure(error),
                    }
                })}
            </Suspense>
        </section>
        <section class="staff-section form-page" aria-labelledby="register-heading">
            <h2 id="register-heading">{t!(i18n, staff_register)}</h2>
            <p class="hint">{t!(i18n, staff_register_hint)}</p>
            <ActionForm action=register attr:class="stack-form">
                <input type="hidden" name="office" value=office />
                <fieldset>
                    <legend>{t!(i18n, staff_register_mode)}</legend>
                    <label class="check"><input type="radio" name="mode" value="link" checked=true />{t!(i18n, staff_mode_link)}</label>
                    <label class="check"><input type="radio" name="mode" value="new" />{t!(i18n, staff_mode_new)}</label>
                </fieldset>
                <label for="rg-code">{t!(i18n, staff_link_code)}</label>
                <input id="rg-code" name="code" autocomplete="off" autocapitalize="characters" maxlength="20" placeholder="ABCD-EFGH" />
                <label for="rg-email">{t!(i18n, staff_email_new)}</label>
                <input id="rg-email" name="email" type="email" maxlength="254" />
                <label for="rg-password">{t!(i18n, staff_password_new)}</label>
                <input id="rg-password" name="password" type="password" minlength="10" maxlength="128" autocomplete="new-password" />
                <label for="rg-name">{t!(i18n, register_name)}</label>
                <input id="rg-name" name="name" required maxlength="50" />
                <label for="rg-kana">{t!(i18n, register_kana)}</label>
                <input id="rg-kana" name="name_kana" required maxlength="50" />
                <label for="rg-birth">{t!(i18n, staff_birth_date)}</label>
                <input id="rg-birth" name="birth_date" type="date" required />
                <label for="rg-phone">{t!(i18n, profile_phone)}</label>
                <input id="rg-phone" name="phone" type="tel" maxlength="20" />
                <button type="submit" class="primary">{t!(i18n, staff_register_button)}</button>
            </ActionForm>
            {move || register.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error label=madoguchi_shared::staff::registration_field_label /> })}
        </section>
    }
}

/// The lines of a judgement, one per aspect, marked by their verdict.
#[component]
fn Reasons(judgement: Judgement) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    view! {
        <ul class="reasons">
            {judgement.reasons.into_iter().map(|r| {
                let class = match r.fit {
                    Fit::Fits => "reason fits",
                    Fit::Check => "reason check",
                    Fit::Conflicts => "reason conflicts",
                };
                let fit = r.fit;
                let aspect = r.aspect;
                view! {
                    <li class=class data-fit=fit.as_str()>
                        <span class="fit">{move || fit.label(lang())}</span>" "
                        <strong>{move || aspect.label(lang())}</strong>": "
                        {move || r.text(lang())}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The judgement as the text staff keep with the recommendation.
fn suitability_text(j: &Judgement) -> String {
    j.reasons
        .iter()
        .map(|r| format!("[{}] {}", r.fit.label(Lang::Ja), r.text(Lang::Ja)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How the employer was asked whether applications are still taken.
#[component]
fn ConfirmationChoice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset>
            <legend>{t!(i18n, staff_confirmation)}</legend>
            <label class="check"><input type="radio" name="confirmation" value="confirmed" checked=true />{t!(i18n, staff_confirmed)}</label>
            <label class="check"><input type="radio" name="confirmation" value="night" />{t!(i18n, staff_skipped_night)}</label>
            <label class="check"><input type="radio" name="confirmation" value="saturday" />{t!(i18n, staff_skipped_saturday)}</label>
        </fieldset>
    }
}

/// The recommendation form for one seeker and one posting.
#[component]
fn RecommendForm(
    action: ServerAction<Recommend>,
    seeker: i32,
    posting: i32,
    suitability: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let office = office_param();
    let id = format!("rc-{seeker}-{posting}");
    view! {
        <details class="recommend">
            <summary>{t!(i18n, staff_recommend)}</summary>
            <ActionForm action attr:class="stack-form">
                <input type="hidden" name="office" value=office />
                <input type="hidden" name="seeker" value=seeker />
                <input type="hidden" name="posting" value=posting />
                <ConfirmationChoice />
                <label for=id.clone()>{t!(i18n, staff_suitability)}</label>
                <textarea id=id name="suitability" rows="6" maxlength="2000" required>{suitability}</textarea>
                <button type="submit" class="primary" data-testid="recommend-send">{t!(i18n, staff_recommend_send)}</button>
            </ActionForm>
        </details>
    }
}

/// The outcome of the page's recommendation action.
fn recommend_outcome(action: ServerAction<Recommend>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        action.value().get().map(|r| match r {
            Ok(_) => view! { <p role="status" data-testid="recommended">{t!(i18n, staff_recommended)}</p> }.into_any(),
            Err(error) => view! { <ErrorMessage error /> }.into_any(),
        })
    }
}

#[component]
pub fn StaffSeekerPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = super::id_param();
    let office = office_param();
    let registration = ServerAction::<SetSeekerRegistration>::new();
    let consult = ServerAction::<AddConsultation>::new();
    let recommend = ServerAction::<Recommend>::new();
    let ledger = Resource::new(
        move || {
            (
                office(),
                id(),
                registration.version().get(),
                consult.version().get(),
                recommend.version().get(),
            )
        },
        |(office, id, ..)| staff_seeker(office, id),
    );
    let suitable = Resource::new(
        move || (office(), id(), recommend.version().get()),
        |(office, id, _)| suitable_postings(office, id),
    );
    view! {
        <Title text=move || t_string!(i18n, staff_seeker_title) />
        <h1>{t!(i18n, staff_seeker_title)}</h1>
        <StaffNav />
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match ledger.await {
                    Ok(l) => {
                        let sid = l.seeker.id;
                        let wishes = l.profile.wished_occupations.join("、");
                        view! {
                            <section class="staff-section" data-testid="seeker-ledger">
                                <dl class="facts">
                                    <dt>{t!(i18n, staff_seeker_number)}</dt><dd data-testid="seeker-number">{l.seeker.number.clone().unwrap_or_default()}</dd>
                                    <dt>{t!(i18n, staff_name)}</dt><dd>{l.seeker.name.clone()}" ("{l.seeker.name_kana.clone()}")"</dd>
                                    <dt>{t!(i18n, staff_birth_date)}</dt><dd>{l.seeker.birth_date.clone().unwrap_or_default()}</dd>
                                    <dt>{t!(i18n, login_email)}</dt><dd>{l.email.clone()}</dd>
                                    <dt>{t!(i18n, profile_phone)}</dt><dd>{l.phone.clone().unwrap_or_default()}</dd>
                                    <dt>{t!(i18n, staff_valid_until)}</dt>
                                    <dd data-testid="seeker-validity">
                                        {l.seeker.valid_until.clone().unwrap_or_default()}" "
                                        {if l.seeker.registration_active { t!(i18n, staff_active).into_any() } else { t!(i18n, staff_inactive).into_any() }}
                                    </dd>
                                    <dt>{t!(i18n, profile_occupations)}</dt><dd>{wishes}</dd>
                                    <dt>{t!(i18n, profile_hours)}</dt><dd>{l.profile.wished_hours.clone().unwrap_or_default()}</dd>
                                </dl>
                                <p>
                                    <A href=with_office(format!("/staff/seekers/{sid}/profile"), office())>{t!(i18n, staff_profile_edit)}</A>" · "
                                    <A href=format!("/staff/notices?seeker={sid}")>{t!(i18n, staff_notice_to_seeker)}</A>
                                </p>
                                <div class="review-actions">
                                    <ActionForm action=registration attr:class="inline-form">
                                        <input type="hidden" name="office" value=office />
                                        <input type="hidden" name="id" value=sid />
                                        <input type="hidden" name="active" value="true" />
                                        <button type="submit" class="secondary">{t!(i18n, staff_extend)}</button>
                                    </ActionForm>
                                    <ActionForm action=registration attr:class="inline-form">
                                        <input type="hidden" name="office" value=office />
                                        <input type="hidden" name="id" value=sid />
                                        <input type="hidden" name="active" value="false" />
                                        <button type="submit" class="secondary">{t!(i18n, staff_close)}</button>
                                    </ActionForm>
                                </div>
                            </section>
                            <section class="staff-section" aria-labelledby="ledger-heading">
                                <h2 id="ledger-heading">{t!(i18n, staff_ledger)}</h2>
                                <Entries entries=l.entries.clone() />
                            </section>
                            <section class="staff-section form-page" aria-labelledby="consult-heading">
                                <h2 id="consult-heading">{t!(i18n, staff_consultations)}</h2>
                                <ul class="consultations">
                                    {l.consultations.iter().map(|c| view! {
                                        <li><strong>{c.held_on.clone()}</strong>" "{c.staff_name.clone()}": "<span class="pre">{c.notes.clone()}</span></li>
                                    }).collect_view()}
                                </ul>
                                <ActionForm action=consult attr:class="stack-form">
                                    <input type="hidden" name="office" value=office />
                                    <input type="hidden" name="id" value=sid />
                                    <label for="cs-day">{t!(i18n, staff_held_on)}</label>
                                    <input id="cs-day" name="held_on" type="date" required />
                                    <label for="cs-notes">{t!(i18n, staff_notes)}</label>
                                    <textarea id="cs-notes" name="notes" rows="3" maxlength="2000" required></textarea>
                                    <button type="submit" class="secondary">{t!(i18n, staff_add_consultation)}</button>
                                </ActionForm>
                                {move || consult.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
                            </section>
                        }.into_any()
                    }
                    Err(error) => failure(error),
                }
            })}
        </Suspense>
        <section class="staff-section form-page" aria-labelledby="by-number-heading">
            <h2 id="by-number-heading">{t!(i18n, staff_by_number)}</h2>
            {recommend_outcome(recommend)}
            <ActionForm action=recommend attr:class="stack-form" attr:data-testid="recommend-by-number">
                <input type="hidden" name="office" value=office />
                <input type="hidden" name="seeker" value=id />
                <label for="rn-number">{t!(i18n, staff_posting_number)}</label>
                <input id="rn-number" name="number" required maxlength="14" placeholder="13010-12345678" />
                <ConfirmationChoice />
                <label for="rn-suit">{t!(i18n, staff_suitability)}</label>
                <textarea id="rn-suit" name="suitability" rows="3" maxlength="2000" required></textarea>
                <button type="submit" class="primary">{t!(i18n, staff_recommend_send)}</button>
            </ActionForm>
        </section>
        <section class="staff-section" aria-labelledby="suitable-heading">
            <h2 id="suitable-heading">{t!(i18n, staff_suitable)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match suitable.await {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, staff_none_found)}</p> }.into_any(),
                        Ok(list) => list.into_iter().map(|m| {
                            let text = suitability_text(&m.judgement);
                            let sid = id();
                            view! {
                                <article class="match-card" data-testid="suitable-posting">
                                    <h3><A href=with_office(format!("/staff/postings/{}", m.posting_id), office())>{m.posting.title.clone()}</A></h3>
                                    <p>{m.posting.number.to_string()}" · "{m.posting.establishment.clone().unwrap_or_default()}" · "{m.posting.city.clone()}</p>
                                    <Reasons judgement=m.judgement />
                                    <RecommendForm action=recommend seeker=sid posting=m.posting_id suitability=text />
                                </article>
                            }
                        }).collect_view().into_any(),
                        Err(error) => failure(error),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/staff/seekers/{id}/profile`: the 求職情報 kept with the seeker at the
/// counter, the same fields and rules as the seeker's own form.
#[component]
pub fn StaffSeekerProfilePage() -> impl IntoView {
    use madoguchi_shared::seeker::ProfileForm;
    let i18n = use_i18n();
    let id = super::id_param();
    let office = office_param();
    let save = ServerAction::<SaveSeekerProfile>::new();
    let ledger = Resource::new(
        move || (office(), id(), save.version().get()),
        |(office, id, _)| staff_seeker(office, id),
    );
    view! {
        <Title text=move || t_string!(i18n, staff_profile_title) />
        <h1>{t!(i18n, staff_profile_title)}</h1>
        <StaffNav />
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match ledger.await {
                    Ok(l) => {
                        let sid = l.seeker.id;
                        view! {
                            <section class="staff-section form-page" data-testid="staff-profile">
                                <p>
                                    <A href=with_office(format!("/staff/seekers/{sid}"), office())>{t!(i18n, staff_back_to_ledger)}</A>
                                </p>
                                <p><strong data-testid="seeker-number">{l.seeker.number.clone().unwrap_or_default()}</strong>" "{l.seeker.name.clone()}</p>
                                <p class="hint">{t!(i18n, staff_profile_hint)}</p>
                                <ActionForm action=save attr:class="stack-form profile-form">
                                    <input type="hidden" name="office" value=office />
                                    <input type="hidden" name="id" value=sid />
                                    <crate::pages::profile::ProfileFields form=ProfileForm::of(&l.profile) birth_date=l.profile.birth_date.clone() />
                                    <button type="submit" class="primary">{t!(i18n, profile_save)}</button>
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                    Err(error) => failure(error),
                }
            })}
        </Suspense>
        {move || match save.value().get() {
            Some(Ok(())) => Some(view! { <p role="status" data-testid="profile-saved">{t!(i18n, staff_profile_saved)}</p> }.into_any()),
            Some(Err(error)) => Some(view! { <ErrorMessage error label=madoguchi_shared::seeker::profile_field_label /> }.into_any()),
            None => None,
        }}
    }
}

/// `path` with `?office=CODE` when an admin works for a named office.
fn with_office(path: String, office: Option<String>) -> String {
    match office {
        Some(code) if code.chars().all(|c| c.is_ascii_alphanumeric()) => {
            format!("{path}?office={code}")
        }
        _ => path,
    }
}

/// A ledger: referrals and applications, newest first.
#[component]
fn Entries(entries: Vec<LedgerEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let office = office_param();
    let lang = move || crate::domain_lang(i18n);
    if entries.is_empty() {
        return view! { <p>{t!(i18n, staff_none_found)}</p> }.into_any();
    }
    view! {
        <table class="staff-table" data-testid="ledger">
            <thead><tr>
                <th>{t!(i18n, staff_on)}</th>
                <th>{t!(i18n, staff_posting)}</th>
                <th>{t!(i18n, staff_name)}</th>
                <th>{t!(i18n, staff_referral)}</th>
                <th>{t!(i18n, apps_method)}</th>
                <th>{t!(i18n, staff_status)}</th>
                <th>{t!(i18n, staff_letter)}</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|e| {
                    let referral = e.referral_status;
                    let method = e.method;
                    let status = e.status;
                    view! {
                        <tr>
                            <td>{e.on}</td>
                            <td>{e.posting_number.unwrap_or_default()}" "{e.posting_title}" ("{e.establishment}")"</td>
                            <td><A href=with_office(format!("/staff/seekers/{}", e.seeker_id), office())>{e.seeker_name}</A></td>
                            <td>{move || referral.map(|r| r.label(lang()))}{e.deadline.map(|d| format!(" ({d})"))}</td>
                            <td>{move || method.map(|m| m.label(lang()))}</td>
                            <td>{move || status.map(|s| s.label(lang()))}{e.result_on.map(|d| format!(" {d}"))}</td>
                            <td>{e.letter_number.unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn StaffPostingPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = super::id_param();
    let office = office_param();
    let recommend = ServerAction::<Recommend>::new();
    let posting = Resource::new(
        move || (office(), id(), recommend.version().get()),
        |(office, id, _)| staff_posting(office, id),
    );
    view! {
        <Title text=move || t_string!(i18n, staff_posting_title) />
        <h1>{t!(i18n, staff_posting_title)}</h1>
        <StaffNav />
        {recommend_outcome(recommend)}
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match posting.await {
                    Ok(p) => {
                        let pid = p.id;
                        view! {
                            <section class="staff-section">
                                <h2>{p.posting.title.clone()}</h2>
                                <p>
                                    {p.posting.number.map(|n| n.to_string()).unwrap_or_default()}" · "
                                    <A href=with_office(format!("/staff/establishments/{}", p.establishment_id), office())>{p.establishment_name.clone()}</A>
                                    {(!p.has_mypage).then(|| view! { " · "<strong>{t!(i18n, staff_no_mypage)}</strong> })}
                                    {(!p.posting.accepts_referral).then(|| view! { " · "<strong>{t!(i18n, staff_no_referral)}</strong> })}
                                </p>
                                <p>{p.posting.description.clone()}</p>
                            </section>
                            <section class="staff-section" aria-labelledby="fit-heading">
                                <h2 id="fit-heading">{t!(i18n, staff_fitting_seekers)}</h2>
                                {p.matches.into_iter().map(|m| {
                                    let text = suitability_text(&m.judgement);
                                    view! {
                                        <article class="match-card" data-testid="fitting-seeker">
                                            <h3><A href=with_office(format!("/staff/seekers/{}", m.seeker.id), office())>{m.seeker.name.clone()}</A>" "{m.seeker.number.clone().unwrap_or_default()}</h3>
                                            <Reasons judgement=m.judgement />
                                            <RecommendForm action=recommend seeker=m.seeker.id posting=pid suitability=text />
                                        </article>
                                    }
                                }).collect_view()}
                            </section>
                        }.into_any()
                    }
                    Err(error) => failure(error),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let office = office_param();
    let query = use_query_map();
    let mine = move || query.read().get("mine").is_some_and(|v| v == "1");
    let result = ServerAction::<RecordPhoneResult>::new();
    let rows = Resource::new(
        move || (office(), mine(), result.version().get()),
        |(office, mine, _)| follow_up(office, mine),
    );
    let lang = move || crate::domain_lang(i18n);
    view! {
        <Title text=move || t_string!(i18n, staff_follow_up) />
        <h1>{t!(i18n, staff_follow_up)}</h1>
        <StaffNav />
        <p class="hint">{t!(i18n, staff_follow_up_hint)}</p>
        <p><A href="/staff/follow-up?mine=1">{t!(i18n, staff_mine)}</A>" · "<A href="/staff/follow-up">{t!(i18n, staff_everyone)}</A></p>
        {move || result.value().get().map(|r| match r {
            Ok(status) => view! { <p role="status" data-testid="result-recorded">{move || status.label(lang())}</p> }.into_any(),
            Err(error) => view! { <ErrorMessage error /> }.into_any(),
        })}
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, staff_none_found)}</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="staff-table" data-testid="follow-up">
                            <thead><tr>
                                <th>{t!(i18n, staff_staff)}</th>
                                <th>{t!(i18n, staff_name)}</th>
                                <th>{t!(i18n, staff_posting)}</th>
                                <th>{t!(i18n, staff_days_waiting)}</th>
                                <th>{t!(i18n, staff_phone_result)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|row| {
                                    let app = row.entry.application_id.unwrap_or_default();
                                    view! {
                                        <tr data-testid="follow-up-row">
                                            <td>{row.staff_name}</td>
                                            <td><A href=with_office(format!("/staff/seekers/{}", row.entry.seeker_id), office())>{row.entry.seeker_name}</A></td>
                                            <td>{row.entry.posting_number.unwrap_or_default()}" "{row.entry.posting_title}</td>
                                            <td>{row.days_waiting}</td>
                                            <td>
                                                <ActionForm action=result attr:class="inline-form">
                                                    <input type="hidden" name="office" value=office />
                                                    <input type="hidden" name="id" value=app />
                                                    <select name="result" aria-label=move || t_string!(i18n, staff_phone_result)>
                                                        <option value="hired">{t!(i18n, staff_hired)}</option>
                                                        <option value="not_hired">{t!(i18n, staff_not_hired)}</option>
                                                    </select>
                                                    <select name="reason" aria-label=move || t_string!(i18n, staff_reason)>
                                                        {RejectionReason::ALL.iter().map(|r| {
                                                            let r = *r;
                                                            view! { <option value=r.as_str()>{move || r.label(lang())}</option> }
                                                        }).collect_view()}
                                                    </select>
                                                    <button type="submit" class="secondary">{t!(i18n, staff_record)}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => failure(error),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffEstablishmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = super::id_param();
    let office = office_param();
    let ledger = Resource::new(
        move || (office(), id()),
        |(office, id)| staff_establishment(office, id),
    );
    let lang = move || crate::domain_lang(i18n);
    view! {
        <Title text=move || t_string!(i18n, staff_establishment_title) />
        <h1>{t!(i18n, staff_establishment_title)}</h1>
        <StaffNav />
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match ledger.await {
                    Ok(l) => view! {
                        <section class="staff-section">
                            <h2>{l.name.clone()}" "{l.number.clone()}</h2>
                            <p>{t!(i18n, staff_hires)}": "<strong data-testid="hires">{l.hires}</strong></p>
                            <table class="staff-table">
                                <thead><tr><th>{t!(i18n, staff_posting)}</th><th>{t!(i18n, staff_status)}</th><th>{t!(i18n, staff_valid_until)}</th></tr></thead>
                                <tbody>
                                    {l.postings.into_iter().map(|p| {
                                        let status = p.status;
                                        view! {
                                            <tr>
                                                <td><A href=with_office(format!("/staff/postings/{}", p.id), office())>{p.number.unwrap_or_default()}" "{p.title}</A></td>
                                                <td>{move || status.label(lang())}</td>
                                                <td>{p.valid_until}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                        <section class="staff-section">
                            <h2>{t!(i18n, staff_ledger)}</h2>
                            <Entries entries=l.entries />
                        </section>
                    }.into_any(),
                    Err(error) => failure(error),
                }
            })}
        </Suspense>
    }
}

/// Bars of new postings, new seekers and hires per month, drawn on the
/// server as SVG (the table beside it has every figure).
fn chart(stats: &Statistics) -> impl IntoView {
    let months: Vec<_> = stats.months.iter().filter(|m| m.month.len() == 7).collect();
    let max = months
        .iter()
        .flat_map(|m| [m.new_postings, m.new_seekers, m.hires])
        .max()
        .unwrap_or(0)
        .max(1);
    let (width, height, slot) = (720.0_f64, 220.0_f64, 60.0_f64);
    let bar = |value: u64, x: f64, class: &'static str| {
        let h = value as f64 / max as f64 * (height - 40.0);
        view! { <rect class=class x=x y=height - 20.0 - h width="14" height=h><title>{value}</title></rect> }
    };
    view! {
        <svg class="stats-chart" role="img" viewBox=format!("0 0 {width} {height}") width="100%" data-testid="stats-chart">
            <title>{format!("{} {}", stats.year, "業務統計")}</title>
            {months.iter().enumerate().map(|(i, m)| {
                let x = 20.0 + i as f64 * slot;
                view! {
                    <g>
                        {bar(m.new_postings, x, "bar-postings")}
                        {bar(m.new_seekers, x + 16.0, "bar-seekers")}
                        {bar(m.hires, x + 32.0, "bar-hires")}
                        <text x=x y=height - 4.0 font-size="11">{m.month[5..].to_owned()}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).filter(|v| !v.is_empty());
    let stats = Resource::new(
        move || (get("office"), get("year"), get("pref"), get("group")),
        |(office, year, pref, group)| {
            office_statistics(office, year.and_then(|y| y.parse().ok()), pref, group)
        },
    );
    let csv = move || {
        let mut q = Vec::new();
        for k in ["office", "year", "pref", "group"] {
            if let Some(v) = get(k) {
                q.push(format!("{k}={}", madoguchi_shared::search::encode(&v)));
            }
        }
        format!("/staff/statistics.csv?{}", q.join("&"))
    };
    view! {
        <Title text=move || t_string!(i18n, staff_statistics) />
        <h1>{t!(i18n, staff_statistics)}</h1>
        <StaffNav />
        <form method="get" action="/staff/statistics" class="applicant-filter">
            <label>{t!(i18n, staff_year)}
                <input name="year" inputmode="numeric" maxlength="4" prop:value=move || get("year").unwrap_or_default() />
            </label>
            <label>{t!(i18n, staff_prefecture_code)}
                <input name="pref" inputmode="numeric" maxlength="2" prop:value=move || get("pref").unwrap_or_default() />
            </label>
            <label>{t!(i18n, staff_group)}
                <input name="group" maxlength="1" prop:value=move || get("group").unwrap_or_default() />
            </label>
            {move || get("office").map(|o| view! { <input type="hidden" name="office" value=o /> })}
            <button type="submit" class="primary">{t!(i18n, staff_show)}</button>
        </form>
        <p><a href=csv download="">{t!(i18n, staff_csv)}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(s) => view! {
                        <p class="legend">
                            <span class="bar-postings">"■"</span>" "{t!(i18n, staff_new_postings)}" "
                            <span class="bar-seekers">"■"</span>" "{t!(i18n, staff_new_seekers)}" "
                            <span class="bar-hires">"■"</span>" "{t!(i18n, staff_hires)}
                        </p>
                        {chart(&s)}
                        <table class="staff-table stats-table" data-testid="stats-table">
                            <thead><tr>
                                {Statistics::CSV_HEADER.split(',').map(|h| view! { <th scope="col">{h.to_owned()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {s.months.iter().map(|m| view! {
                                    <tr data-month=m.month.clone()>
                                        <th scope="row">{m.month.clone()}</th>
                                        <td>{m.new_postings}</td>
                                        <td>{m.active_postings}</td>
                                        <td>{m.new_openings}</td>
                                        <td>{m.active_openings}</td>
                                        <td>{m.new_seekers}</td>
                                        <td>{m.active_seekers}</td>
                                        <td>{m.applications_referral}</td>
                                        <td>{m.applications_self}</td>
                                        <td>{m.applications_counter}</td>
                                        <td>{m.referrals}</td>
                                        <td data-testid="hires-cell">{m.hires}</td>
                                        <td>{m.ratio().map(|r| format!("{r:.2}")).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => failure(error),
                }
            })}
        </Suspense>
    }
}
