//! `/employer/establishment`: the establishment's profile (事業所情報). The
//! registered name, reading and address are shown; industry, size,
//! description and URL are kept here by the establishment's users.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Redirect};
use madoguchi_shared::establishment::{
    EstablishmentSize, MAX_DESCRIPTION_CHARS, MAX_ESTABLISHMENT_IMAGES, MAX_URL_CHARS,
};
use madoguchi_shared::label::{Label, Lang};

use crate::api::own_postings::{DeleteImage, SaveEstablishment, my_establishment, my_images};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

#[component]
pub fn EstablishmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || crate::domain_lang(i18n);
    let save = ServerAction::<SaveEstablishment>::new();
    let profile = Resource::new(move || save.version().get(), |_| my_establishment());
    let invalid = move |name: &'static str| {
        move || match save.value().get() {
            Some(Err(AppError::Field { field, .. })) if field == name => "true",
            _ => "false",
        }
    };
    view! {
        <Title text=move || t_string!(i18n, establishment_title) />
        <h1>{t!(i18n, establishment_title)}</h1>
        <p><A href="/employer">{t!(i18n, nav_mypage)}</A></p>
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => {
                        let size = p.size;
                        let place = if lang() == Lang::Ja { p.prefecture.name_ja() } else { p.prefecture.name_en() };
                        view! {
                            <dl class="application-detail" data-testid="establishment">
                                <div><dt>{t!(i18n, establishment_number)}</dt><dd>{p.number.clone()}</dd></div>
                                <div><dt>{t!(i18n, establishment_name)}</dt><dd>{p.name.clone()}" ("{p.name_kana.clone()}")"</dd></div>
                                <div><dt>{t!(i18n, establishment_location)}</dt><dd>{place}" "{p.city.clone()}" "{p.address.clone()}</dd></div>
                            </dl>
                            <p class="hint">{t!(i18n, establishment_office_changes)}</p>
                            <ActionForm action=save attr:class="stack-form">
                                <label for="es-industry">{t!(i18n, establishment_industry)}</label>
                                <input id="es-industry" name="form[industry]" required maxlength="50" value=p.industry.clone() aria-invalid=invalid("industry") />
                                <label for="es-size">{t!(i18n, establishment_size)}</label>
                                <select id="es-size" name="form[size]" aria-invalid=invalid("size")>
                                    {EstablishmentSize::ALL.iter().map(|s| {
                                        let s = *s;
                                        view! { <option value=s.as_str() selected=s == size>{move || s.label(lang())}</option> }
                                    }).collect_view()}
                                </select>
                                <label for="es-description">{t!(i18n, establishment_description)}</label>
                                <textarea id="es-description" name="form[description]" rows="6" maxlength=MAX_DESCRIPTION_CHARS aria-invalid=invalid("description")>{p.description.clone()}</textarea>
                                <label for="es-url">{t!(i18n, establishment_url)}</label>
                                <input id="es-url" name="form[url]" type="url" maxlength=MAX_URL_CHARS placeholder="https://" value=p.url.clone().unwrap_or_default() aria-invalid=invalid("url") />
                                <button type="submit" class="primary">{t!(i18n, account_save)}</button>
                            </ActionForm>
                            {move || save.value().get().map(|r| match r {
                                Ok(()) => view! { <p role="status">{t!(i18n, establishment_saved)}</p> }.into_any(),
                                Err(error) => view! { <ErrorMessage error /> }.into_any(),
                            })}
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
        <EstablishmentImages />
    }
}

/// 事業所画像情報: the images with their review state, removal, and an
/// upload form that works without JavaScript.
#[component]
fn EstablishmentImages() -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteImage>::new();
    let images = Resource::new(move || delete.version().get(), |_| my_images());
    let query = leptos_router::hooks::use_query_map();
    let upload_error = move || {
        query
            .read()
            .get("error")
            .and_then(|e| serde_json::from_str::<AppError>(&e).ok())
    };
    let state_label = move |s: &str| match s {
        "approved" => t_string!(i18n, images_approved),
        "rejected" => t_string!(i18n, images_rejected),
        _ => t_string!(i18n, images_pending),
    };
    view! {
        <section class="form-page" data-testid="images">
            <h2>{t!(i18n, images_title)}</h2>
            <p class="hint">{t!(i18n, images_hint, max = move || MAX_ESTABLISHMENT_IMAGES)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    images.await.ok().map(|list| view! {
                        <ul class="image-list">
                            {list.into_iter().map(|img| {
                                let id = img.id;
                                let label = state_label(&img.status);
                                view! {
                                    <li data-testid="image">
                                        <img src=format!("/images/{id}") alt="" width="160" loading="lazy" />
                                        <span class=format!("badge status-{}", img.status)>{label}</span>
                                        <ActionForm action=delete attr:class="inline-form">
                                            <input type="hidden" name="id" value=id />
                                            <button type="submit" class="link danger">{t!(i18n, images_delete)}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })
                })}
            </Suspense>
            <form method="post" action="/employer/images" enctype="multipart/form-data" class="stack-form">
                <label for="es-image">{t!(i18n, images_file)}</label>
                <input id="es-image" name="image" type="file" accept="image/jpeg,image/png,image/webp" required />
                <button type="submit" class="secondary">{t!(i18n, images_upload)}</button>
            </form>
            {move || upload_error().map(|error| view! { <ErrorMessage error /> })}
        </section>
    }
}
