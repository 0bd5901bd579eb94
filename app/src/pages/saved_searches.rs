//! 検索条件の保存: the save form beside search results, and the list on
//! the seeker's MyPage.

use leptos::prelude::*;
use leptos_router::components::A;
use madoguchi_shared::records::SavedSearch;
use madoguchi_shared::search::{MAX_SAVED_SEARCH_NAME_CHARS, encode};

use crate::api::saved_searches::{
    DeleteSearch, OpenSearch, RenameSearch, SaveSearch, SetSearchAlert, my_saved_searches,
};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;

/// Saves the search shown (`qs`, its query string) under a name; a
/// visitor is asked to log in and comes back to the same results.
#[component]
pub fn SaveSearchForm(qs: String) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveSearch>::new();
    let here = if qs.is_empty() {
        "/jobs".to_owned()
    } else {
        format!("/jobs?{qs}")
    };
    let login = format!("/login?next={}", encode(&here));
    view! {
        <details class="save-search">
            <summary>{t!(i18n, saved_save_heading)}</summary>
            <ActionForm action=save attr:class="stack-form">
                <input type="hidden" name="qs" value=qs />
                <label for="save-search-name">{t!(i18n, saved_name)}</label>
                <input id="save-search-name" name="name" type="text" required maxlength=MAX_SAVED_SEARCH_NAME_CHARS
                    placeholder=move || t_string!(i18n, saved_name_placeholder) />
                <button type="submit" class="secondary">{t!(i18n, saved_save)}</button>
            </ActionForm>
            {move || match save.value().get() {
                Some(Ok(())) => Some(view! { <p role="status">{t!(i18n, saved_saved)}</p> }.into_any()),
                Some(Err(AppError::Unauthorized)) => Some(view! {
                    <p role="alert">{t!(i18n, saved_login_first)}" "<A href=login.clone()>{t!(i18n, nav_login)}</A></p>
                }
                .into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
        </details>
    }
}

/// The seeker's saved searches on MyPage.
#[component]
pub fn MySavedSearches() -> impl IntoView {
    let i18n = use_i18n();
    let open = ServerAction::<OpenSearch>::new();
    let rename = ServerAction::<RenameSearch>::new();
    let alert = ServerAction::<SetSearchAlert>::new();
    let delete = ServerAction::<DeleteSearch>::new();
    let list = Resource::new(
        move || {
            (
                rename.version().get(),
                alert.version().get(),
                delete.version().get(),
            )
        },
        |_| my_saved_searches(),
    );
    let failure = move || {
        [
            rename.value().get().and_then(|r| r.err()),
            alert.value().get().and_then(|r| r.err()),
            delete.value().get().and_then(|r| r.err()),
            open.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    };
    view! {
        <section class="mypage-section" data-testid="saved-searches" id="saved-searches">
            <h2>{t!(i18n, saved_heading)}</h2>
            {move || failure().map(|error| view! { <ErrorMessage error /> })}
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p>{t!(i18n, saved_none)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="favourite-list">
                                {items
                                    .into_iter()
                                    .map(|item| view! { <SavedSearchItem item open rename alert delete /> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SavedSearchItem(
    item: SavedSearch,
    open: ServerAction<OpenSearch>,
    rename: ServerAction<RenameSearch>,
    alert: ServerAction<SetSearchAlert>,
    delete: ServerAction<DeleteSearch>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id.to_string();
    let (id_alert, id_delete, id_rename) = (id.clone(), id.clone(), id.clone());
    let new_matches = item.new_matches.unwrap_or(0);
    let name_field = format!("saved-name-{}", item.id);
    view! {
        <li class="favourite saved-search">
            <h3>
                {item.name.clone()}
                {(new_matches > 0).then(|| view! {
                    " "<span class="badge new-badge">{t!(i18n, saved_new, count = move || new_matches)}</span>
                })}
            </h3>
            <div class="saved-actions">
                <ActionForm action=open attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="primary small">{t!(i18n, saved_open)}</button>
                </ActionForm>
                <ActionForm action=alert attr:class="inline-form">
                    <input type="hidden" name="id" value=id_alert />
                    <input type="hidden" name="alert" value=if item.alert { "false" } else { "true" } />
                    <button type="submit" class="secondary small">
                        {if item.alert { t!(i18n, saved_alert_off).into_any() } else { t!(i18n, saved_alert_on).into_any() }}
                    </button>
                </ActionForm>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="id" value=id_delete />
                    <button type="submit" class="secondary small">{t!(i18n, saved_delete)}</button>
                </ActionForm>
            </div>
            <p class="meta">{if item.alert { t!(i18n, saved_alert_is_on).into_any() } else { ().into_any() }}</p>
            <ActionForm action=rename attr:class="rename-form">
                <input type="hidden" name="id" value=id_rename />
                <label for=name_field.clone()>{t!(i18n, saved_name)}</label>
                <input id=name_field name="name" type="text" required maxlength=MAX_SAVED_SEARCH_NAME_CHARS value=item.name />
                <button type="submit" class="secondary small">{t!(i18n, saved_rename)}</button>
            </ActionForm>
        </li>
    }
}
