//! The posting editor: `/employer/postings/new` and
//! `/employer/postings/{id}/edit`, in the steps of the official 求人票,
//! with the legal linter live beside the form, saving as a draft as the
//! employer types; and `/employer/postings/{id}/preview`, the public page
//! as it will look.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use madoguchi_shared::label::{Label, Lang};
use madoguchi_shared::lint::{Finding, lint};
use madoguchi_shared::posting::{
    AgeExceptionReason, Disclosure, EditorData, EditorStep, EmploymentType, Insurance,
    PostingCategory, PostingFlag, PostingForm, PostingStatus, WageForm, WorkArrangement,
    field_label,
};
use madoguchi_shared::prefecture::Prefecture;

use crate::api::own_postings::{
    Saved, occupations, posting_editor, preview_posting, save_posting, staff_preview,
    submit_posting,
};
use crate::error::{AppError, ErrorMessage, FindingMessage};
use crate::i18n::*;

/// The label of a form field or linter field in the page's language.
pub(crate) fn field_label_in(i18n: leptos_i18n::I18nContext<Locale>, field: &str) -> &'static str {
    let (ja, en) = field_label(field);
    match crate::domain_lang(i18n) {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

#[component]
pub fn NewPostingPage() -> impl IntoView {
    view! { <EditorLoader id=None /> }
}

#[component]
pub fn EditPostingPage() -> impl IntoView {
    let id = crate::pages::id_param();
    view! { {move || view! { <EditorLoader id=Some(id()) /> }} }
}

#[component]
fn EditorLoader(id: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(move || id, posting_editor);
    view! {
        <Title text=move || t_string!(i18n, editor_title) />
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Editor data /> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The state of saving, shown beside the buttons.
#[derive(Clone, PartialEq)]
enum SaveState {
    Unchanged,
    Changed,
    Saving,
    Saved,
    Failed(AppError),
}

/// What every input of the editor is bound to.
#[derive(Clone, Copy)]
struct Ctx {
    i18n: leptos_i18n::I18nContext<Locale>,
    form: RwSignal<PostingForm>,
    /// The fields with findings.
    invalid: Memo<Vec<String>>,
    /// Called after every change.
    changed: Callback<()>,
}

/// A text input bound to one field of the form.
fn text_input(
    ctx: Ctx,
    name: &'static str,
    get: fn(&PostingForm) -> &String,
    set: fn(&mut PostingForm) -> &mut String,
    kind: InputKind,
) -> impl IntoView {
    let Ctx {
        i18n,
        form,
        invalid,
        changed: on_change,
    } = ctx;
    let id = format!("pe-{name}");
    let value = move || form.with(|f| get(f).clone());
    let input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        form.update(|f| *set(f) = v);
        on_change.run(());
    };
    let bad = move || {
        if invalid.with(|i| i.iter().any(|f| f == name)) {
            "true"
        } else {
            "false"
        }
    };
    let label = move || field_label_in(i18n, name);
    let control = match kind {
        InputKind::Area => view! {
            <textarea id=id.clone() name=name rows="4" maxlength="2000" prop:value=value on:input=input aria-invalid=bad></textarea>
        }
        .into_any(),
        InputKind::Number => view! {
            <input id=id.clone() name=name inputmode="numeric" maxlength="12" prop:value=value on:input=input aria-invalid=bad />
        }
        .into_any(),
        InputKind::Time => view! {
            <input id=id.clone() name=name placeholder="9:00" maxlength="5" class="short" prop:value=value on:input=input aria-invalid=bad />
        }
        .into_any(),
        InputKind::Line(max) => view! {
            <input id=id.clone() name=name maxlength=max prop:value=value on:input=input aria-invalid=bad />
        }
        .into_any(),
        InputKind::Occupation => view! {
            <input id=id.clone() name=name list="pe-occupations" maxlength="8" placeholder="B-091-01" prop:value=value on:input=input aria-invalid=bad />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
        </div>
    }
}

#[derive(Clone, Copy)]
enum InputKind {
    Line(usize),
    Area,
    Number,
    Time,
    Occupation,
}

/// A select bound to one code field of the form.
fn select_input(
    ctx: Ctx,
    name: &'static str,
    get: fn(&PostingForm) -> &String,
    set: fn(&mut PostingForm) -> &mut String,
    options: Vec<(String, (&'static str, &'static str))>,
) -> impl IntoView {
    let Ctx {
        i18n,
        form,
        changed: on_change,
        ..
    } = ctx;
    let id = format!("pe-{name}");
    let lang = move || crate::domain_lang(i18n);
    let label = move || field_label_in(i18n, name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name on:change=move |ev| {
                let v = event_target_value(&ev);
                form.update(|f| *set(f) = v);
                on_change.run(());
            }>
                {options
                    .into_iter()
                    .map(|(code, (ja, en))| {
                        let selected = {
                            let code = code.clone();
                            move || form.with(|f| *get(f) == code)
                        };
                        view! {
                            <option value=code selected=selected>
                                {move || if lang() == Lang::Ja { ja } else { en }}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The options of a coded enum.
fn coded<T: Label + Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
) -> Vec<(String, (&'static str, &'static str))> {
    all.iter()
        .map(|v| (code(*v).to_owned(), v.labels()))
        .collect()
}

/// A checkbox bound to a boolean of the form.
fn check_input(
    ctx: Ctx,
    name: &'static str,
    get: fn(&PostingForm) -> bool,
    set: fn(&mut PostingForm) -> &mut bool,
) -> impl IntoView {
    let Ctx {
        i18n,
        form,
        changed: on_change,
        ..
    } = ctx;
    let label = move || field_label_in(i18n, name);
    view! {
        <label class="check">
            <input type="checkbox" name=name prop:checked=move || form.with(get) on:change=move |ev| {
                let on = event_target_checked(&ev);
                form.update(|f| *set(f) = on);
                on_change.run(());
            } />
            {label}
        </label>
    }
}

/// Checkboxes for a list of codes of the form.
fn code_boxes(
    ctx: Ctx,
    name: &'static str,
    get: fn(&PostingForm) -> &Vec<String>,
    list: fn(&mut PostingForm) -> &mut Vec<String>,
    options: Vec<(String, (&'static str, &'static str))>,
) -> impl IntoView {
    let Ctx {
        i18n,
        form,
        changed: on_change,
        ..
    } = ctx;
    let lang = move || crate::domain_lang(i18n);
    view! {
        <fieldset class="checks">
            <legend>{move || field_label_in(i18n, name)}</legend>
            {options
                .into_iter()
                .map(|(code, (ja, en))| {
                    let has = {
                        let code = code.clone();
                        move || form.with(|f| get(f).contains(&code))
                    };
                    let toggle = {
                        let code = code.clone();
                        move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            form.update(|f| {
                                let l = list(f);
                                l.retain(|c| *c != code);
                                if on {
                                    l.push(code.clone());
                                }
                            });
                            on_change.run(());
                        }
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" name=name value=code prop:checked=has on:change=toggle />
                            {move || if lang() == Lang::Ja { ja } else { en }}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Replaces the address bar's URL without a navigation (a new posting
/// saved for the first time keeps its editor open under its own address).
fn replace_url(_url: &str) {
    #[cfg(feature = "hydrate")]
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(_url));
    }
}

#[component]
fn Editor(data: EditorData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let form = RwSignal::new(data.form.clone());
    let id = RwSignal::new(data.id);
    let status = RwSignal::new(data.status);
    let step = RwSignal::new(EditorStep::Category);
    let state = RwSignal::new(SaveState::Unchanged);
    let version = RwSignal::new(0u64);
    let today = data.today;
    let establishment = StoredValue::new(data.establishment.clone());
    let number = data.number.map(|n| n.to_string());
    let review_note = data.review_note.clone();

    // The linter, live: what does not read, else what the law and the
    // 求人票 ask.
    let findings = Memo::new(move |_| {
        let f = form.get();
        let est = establishment.get_value();
        match f.read(status.get(), &est, today) {
            Err(findings) => findings,
            Ok(p) => lint(&p, today),
        }
    });
    let invalid = Memo::new(move |_| {
        findings.with(|f| f.iter().map(|f| f.field.clone()).collect::<Vec<_>>())
    });
    let published = move || status.get() == PostingStatus::Published;

    let save = Action::new(move |(): &()| {
        let f = form.get_untracked();
        let current = id.get_untracked();
        async move { save_posting(current, f).await }
    });
    // A new posting, once saved, is edited under its own id and address.
    let remember = move |saved: &Saved| {
        if id.get_untracked().is_none() {
            replace_url(&format!("/employer/postings/{}/edit", saved.id));
        }
        id.set(Some(saved.id));
        status.set(saved.status);
    };
    let submit = Action::new(move |(): &()| {
        let f = form.get_untracked();
        let current = id.get_untracked();
        async move {
            let saved = save_posting(current, f).await?;
            remember(&saved);
            let id = saved.id;
            submit_posting(id).await.map(|status| Saved { id, status })
        }
    });
    let done = move |result: Option<Result<Saved, AppError>>| match result {
        Some(Ok(saved)) => {
            remember(&saved);
            state.set(SaveState::Saved);
        }
        Some(Err(error)) => state.set(SaveState::Failed(error)),
        None => {}
    };
    Effect::new(move |_| done(save.value().get()));
    Effect::new(move |_| done(submit.value().get()));
    Effect::new(move |_| {
        if save.pending().get() || submit.pending().get() {
            state.set(SaveState::Saving);
        }
    });

    // Saved as a draft as the employer types: two seconds after the last
    // change. A published posting is changed only on request, since its
    // changes go back to review.
    let changed = Callback::new(move |()| {
        state.set(SaveState::Changed);
        version.update(|v| *v += 1);
        let mine = version.get_untracked();
        set_timeout(
            move || {
                let drafting = matches!(
                    status.get_untracked(),
                    PostingStatus::Draft | PostingStatus::SentBack
                );
                if drafting
                    && version.get_untracked() == mine
                    && state.get_untracked() == SaveState::Changed
                    && !save.pending().get_untracked()
                {
                    save.dispatch(());
                }
            },
            std::time::Duration::from_secs(2),
        );
    });

    let occupation_list = Resource::new(|| (), |_| occupations());
    let ctx = Ctx {
        i18n,
        form,
        invalid,
        changed,
    };
    let editable = move || status.get().editable();

    macro_rules! text {
        ($name:ident, $kind:expr) => {
            text_input(
                ctx,
                stringify!($name),
                |f| &f.$name,
                |f| &mut f.$name,
                $kind,
            )
        };
    }
    macro_rules! select {
        ($name:ident, $options:expr) => {
            select_input(
                ctx,
                stringify!($name),
                |f| &f.$name,
                |f| &mut f.$name,
                $options,
            )
        };
    }
    macro_rules! check {
        ($name:ident) => {
            check_input(ctx, stringify!($name), |f| f.$name, |f| &mut f.$name)
        };
    }
    use InputKind::*;

    let step_view = move || {
        match step.get() {
        EditorStep::Category => view! {
            {select!(category, coded(PostingCategory::ALL, PostingCategory::as_str))}
            {select!(employment, coded(EmploymentType::ALL, EmploymentType::as_str))}
            {select!(arrangement, coded(WorkArrangement::ALL, WorkArrangement::as_str))}
            {select!(contract, vec![
                ("indefinite".to_owned(), ("雇用期間の定めなし", "No fixed term")),
                ("fixed".to_owned(), ("雇用期間の定めあり", "Fixed term")),
            ])}
            <Show when=move || form.with(|f| f.contract == "fixed")>
                {text!(contract_months, Number)}
                {text!(renewal, Line(100))}
                {text!(renewal_cap, Line(100))}
            </Show>
            {text!(trial_period, Line(100))}
        }
        .into_any(),
        EditorStep::Establishment => view! {
            <p class="field"><span class="label">{t!(i18n, editor_establishment_name)}</span>" "<strong>{establishment.get_value()}</strong></p>
            {select!(disclosure, coded(Disclosure::ALL, Disclosure::as_str))}
            {check!(accepts_referral)}
            {check!(workplace_named)}
        }
        .into_any(),
        EditorStep::Work => view! {
            {text!(title, Line(60))}
            {text!(occupation_code, Occupation)}
            <datalist id="pe-occupations">
                <Suspense fallback=|| ()>
                    {move || occupation_list.get().and_then(Result::ok).map(|list| {
                        list.into_iter().map(|(code, title)| view! { <option value=code>{title}</option> }).collect_view()
                    })}
                </Suspense>
            </datalist>
            {text!(description, Area)}
            {text!(openings, Number)}
            {select!(prefecture, Prefecture::all().map(|p| (p.code_str(), (p.name_ja(), p.name_en()))).collect())}
            {text!(city, Line(50))}
            {text!(address, Line(100))}
            {text!(station, Line(50))}
            {text!(walk_minutes, Number)}
            {text!(duty_change_scope, Line(100))}
            {text!(workplace_change_scope, Line(100))}
        }
        .into_any(),
        EditorStep::Wage => view! {
            {select!(wage_form, coded(WageForm::ALL, WageForm::as_str))}
            {text!(wage_min, Number)}
            {text!(wage_max, Number)}
            {text!(base_wage_min, Number)}
            {text!(base_wage_max, Number)}
            {text!(allowances, Area)}
            {text!(fixed_overtime_hours, Number)}
            {text!(fixed_overtime_amount, Number)}
            {text!(commute_allowance, Number)}
            {text!(raise, Line(100))}
            {text!(bonus, Line(100))}
        }
        .into_any(),
        EditorStep::Hours => view! {
            <div class="shift-row">{text!(shift1_start, Time)}{text!(shift1_end, Time)}</div>
            <div class="shift-row">{text!(shift2_start, Time)}{text!(shift2_end, Time)}</div>
            <div class="shift-row">{text!(shift3_start, Time)}{text!(shift3_end, Time)}</div>
            {text!(break_minutes, Number)}
            {text!(overtime_hours, Number)}
            {text!(holidays, Line(100))}
            {text!(annual_holidays, Number)}
            {text!(weekly_days, Number)}
        }
        .into_any(),
        EditorStep::Insurance => view! {
            {code_boxes(ctx, "insurances", |f| &f.insurances, |f| &mut f.insurances, coded(Insurance::ALL, Insurance::as_str))}
            {text!(retirement_age, Number)}
            {code_boxes(ctx, "flags", |f| &f.flags, |f| &mut f.flags, coded(PostingFlag::ALL, PostingFlag::as_str))}
        }
        .into_any(),
        EditorStep::Selection => {
            let mut reasons = vec![(String::new(), ("（年齢制限なし）", "(no age limit)"))];
            reasons.extend(coded(AgeExceptionReason::ALL, AgeExceptionReason::as_str));
            view! {
                <p class="hint">{t!(i18n, editor_age_hint)}</p>
                {text!(age_min, Number)}
                {text!(age_max, Number)}
                {select!(age_reason, reasons)}
                {text!(education, Line(100))}
                {text!(experience, Area)}
                {text!(licences, Area)}
                {text!(selection, Line(100))}
                {text!(documents, Line(100))}
            }
            .into_any()
        }
    }
    };

    let steps = move || {
        EditorStep::ALL
            .iter()
            .map(|s| {
                let s = *s;
                let count = move || {
                    findings.with(|f| f.iter().filter(|f| EditorStep::of_field(&f.field) == s).count())
                };
                view! {
                    <li>
                        <button
                            type="button"
                            class="step"
                            aria-current=move || (step.get() == s).then_some("step")
                            on:click=move |_| step.set(s)
                        >
                            {move || s.label(lang())}
                            <Show when=move || { count() > 0 }>
                                <span class="badge warn" aria-label=move || t_string!(i18n, editor_findings_count)>{count}</span>
                            </Show>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let finding_list = move || {
        findings
            .get()
            .into_iter()
            .map(|f: Finding| {
                let target = EditorStep::of_field(&f.field);
                view! {
                    <li>
                        <FindingMessage finding=f />" "
                        <button type="button" class="link" on:click=move |_| step.set(target)>{t!(i18n, editor_go_to_field)}</button>
                    </li>
                }
            })
            .collect_view()
    };

    let preview_href = move || {
        id.get()
            .map(|id| format!("/employer/postings/{id}/preview"))
    };
    view! {
        <div class="editor">
            <header class="editor-head">
                <h1>{move || if id.get().is_some() { t_string!(i18n, editor_heading_edit) } else { t_string!(i18n, editor_heading_new) }}</h1>
                <p>
                    <span class="badge" data-testid="posting-status">{move || status.get().label(lang())}</span>
                    {number.map(|n| view! { " "<span class="posting-number">{t!(i18n, posting_number)}" "{n}</span> })}
                </p>
                <p><A href="/employer/postings">{t!(i18n, own_postings_title)}</A></p>
                {review_note.map(|note| view! {
                    <div class="notice warn" role="note"><strong>{t!(i18n, editor_review_note)}</strong><p class="pre">{note}</p></div>
                })}
                <Show when=published>
                    <p class="notice" role="note">{t!(i18n, editor_published_note)}</p>
                </Show>
                <Show when=move || !editable()>
                    <p class="notice" role="note">{t!(i18n, editor_locked_note)}</p>
                </Show>
            </header>
            <noscript><p class="notice">{t!(i18n, editor_needs_script)}</p></noscript>
            <nav class="steps" aria-label=move || t_string!(i18n, editor_steps)>
                <ol>{steps}</ol>
            </nav>
            <div class="editor-body">
                <form class="stack-form editor-form" on:submit=|ev| ev.prevent_default()>
                    <fieldset disabled=move || !editable()>
                        <legend>{move || step.get().label(lang())}</legend>
                        {step_view}
                    </fieldset>
                </form>
                <aside class="linter" aria-labelledby="linter-heading">
                    <h2 id="linter-heading">{t!(i18n, editor_linter)}</h2>
                    <Show
                        when=move || findings.with(|f| !f.is_empty())
                        fallback=move || view! { <p class="ok" role="status">{t!(i18n, editor_linter_clean)}</p> }
                    >
                        <ul class="findings" role="status" aria-live="polite" data-testid="findings">{finding_list}</ul>
                    </Show>
                </aside>
            </div>
            <div class="editor-actions">
                <Show when=move || editable() && !published()>
                    <button type="button" class="secondary" on:click=move |_| { save.dispatch(()); }>{t!(i18n, editor_save)}</button>
                </Show>
                {move || preview_href().map(|href| view! { <A href=href attr:class="button secondary">{t!(i18n, editor_preview)}</A> })}
                <Show when=move || matches!(status.get(), PostingStatus::Draft | PostingStatus::SentBack | PostingStatus::Published)>
                    <button type="button" class="primary" on:click=move |_| {
                        if published() { save.dispatch(()); } else { submit.dispatch(()); }
                    }>
                        {move || if published() { t_string!(i18n, editor_submit_changes) } else { t_string!(i18n, editor_submit) }}
                    </button>
                </Show>
                <p class="save-state" role="status" data-testid="save-state">
                    {move || match state.get() {
                        SaveState::Unchanged => ().into_any(),
                        SaveState::Changed => t!(i18n, editor_unsaved).into_any(),
                        SaveState::Saving => t!(i18n, editor_saving).into_any(),
                        SaveState::Saved => match status.get() {
                            PostingStatus::UnderReview => t!(i18n, editor_submitted).into_any(),
                            _ => t!(i18n, editor_saved).into_any(),
                        },
                        SaveState::Failed(error) => view! { <ErrorMessage error /> }.into_any(),
                    }}
                </p>
            </div>
        </div>
    }
}

/// `/employer/postings/{id}/preview`: the public page of the posting,
/// before it is public.
#[component]
pub fn PreviewPostingPage() -> impl IntoView {
    view! { <Preview staff=false /> }
}

/// `/staff/postings/{id}/preview`: the same, for staff reviewing it.
#[component]
pub fn StaffPreviewPage() -> impl IntoView {
    view! { <Preview staff=true /> }
}

#[component]
fn Preview(staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::pages::id_param();
    let found = Resource::new(id, move |id| async move {
        if staff {
            staff_preview(id).await
        } else {
            preview_posting(id).await
        }
    });
    let back = move || {
        if staff {
            ("/staff".to_owned(), t_string!(i18n, nav_mypage))
        } else {
            (
                format!("/employer/postings/{}/edit", id()),
                t_string!(i18n, editor_back_to_editor),
            )
        }
    };
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(p) => view! {
                        <p><A href=back().0>{back().1}</A></p>
                        <crate::pages::posting::PostingSheet p print=false preview=true />
                    }
                    .into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
