//! 検索条件の保存: a seeker keeps `/jobs` searches by name, sees how many
//! postings are new since each was last opened, opens, renames, deletes
//! them and chooses alerts. Only the seeker's own searches, ever.

use leptos::prelude::*;
use madoguchi_shared::records::SavedSearch;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::api::account::field;

/// Keeps the search `qs` (a `/jobs` query string) as `name`.
#[server(prefix = "/api", endpoint = "searches/save")]
pub async fn save_search(name: String, qs: String) -> Result<(), AppError> {
    use madoguchi_db::saved_search::{MAX_SAVED_SEARCHES, Saved};
    use madoguchi_shared::account::Role;
    use madoguchi_shared::search::{JobQuery, saved_search_name};
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let name = saved_search_name(&name).map_err(field("name"))?;
    let query = JobQuery::from_query_string(&qs).map_err(crate::error::query_error)?;
    // Kept without its page: a saved search opens on page 1.
    let canonical = query.with_page(1).to_query_string();
    let db = crate::state::db()?;
    match madoguchi_db::saved_search::save(&db, user.id, &name, &canonical)
        .await
        .map_err(crate::state::internal)?
    {
        Saved::Kept(_) => Ok(()),
        Saved::NotASeeker => Err(AppError::Forbidden.respond()),
        Saved::Full => Err(field("name")(madoguchi_shared::ValidationError::TooMany {
            max: MAX_SAVED_SEARCHES as usize,
        })),
    }
}

/// The logged-in seeker's saved searches with their new matches.
#[server(prefix = "/api", endpoint = "searches/list")]
pub async fn my_saved_searches() -> Result<Vec<SavedSearch>, AppError> {
    use madoguchi_shared::account::Role;
    use madoguchi_shared::search::JobQuery;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    let rows = madoguchi_db::saved_search::list(&db, user.id)
        .await
        .map_err(crate::state::internal)?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let index = crate::state::search_index()?;
    tokio::task::spawn_blocking(move || {
        rows.into_iter()
            .map(|row| {
                // A search saved under older rules that no longer parses
                // shows no count rather than failing the list.
                let new_matches = JobQuery::from_query_string(&row.query)
                    .ok()
                    .and_then(|q| {
                        let since = madoguchi_shared::today_in_japan(row.last_viewed_at);
                        index.count_since(&q, today, since).ok()
                    })
                    .map(|n| u32::try_from(n).unwrap_or(u32::MAX));
                SavedSearch {
                    id: row.id,
                    name: row.name,
                    query: row.query,
                    alert: row.alert,
                    new_matches,
                }
            })
            .collect()
    })
    .await
    .map_err(crate::state::internal)
}

/// Renames the seeker's own search `id`.
#[server(prefix = "/api", endpoint = "searches/rename")]
pub async fn rename_search(id: i32, name: String) -> Result<(), AppError> {
    use madoguchi_db::saved_search::Change;
    let name = madoguchi_shared::search::saved_search_name(&name).map_err(field("name"))?;
    change(id, Change::Rename(&name)).await.map(|_| ())
}

/// Turns alerts of new matches on or off for the seeker's own search `id`.
#[server(prefix = "/api", endpoint = "searches/alert")]
pub async fn set_search_alert(id: i32, alert: bool) -> Result<(), AppError> {
    change(id, madoguchi_db::saved_search::Change::Alert(alert))
        .await
        .map(|_| ())
}

/// Opens the seeker's own search `id`: new matches count from now, and
/// the browser goes to its results.
#[server(prefix = "/api", endpoint = "searches/open")]
pub async fn open_search(id: i32) -> Result<(), AppError> {
    let row = change(
        id,
        madoguchi_db::saved_search::Change::Viewed(chrono::Utc::now()),
    )
    .await?;
    let to = if row.query.is_empty() {
        "/jobs".to_owned()
    } else {
        format!("/jobs?{}", row.query)
    };
    leptos_axum::redirect(&to);
    Ok(())
}

/// Deletes the seeker's own search `id`.
#[server(prefix = "/api", endpoint = "searches/delete")]
pub async fn delete_search(id: i32) -> Result<(), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    if madoguchi_db::saved_search::delete(&db, user.id, id)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(())
    } else {
        Err(AppError::NotFound.respond())
    }
}

#[cfg(feature = "ssr")]
async fn change(
    id: i32,
    change: madoguchi_db::saved_search::Change<'_>,
) -> Result<madoguchi_db::entity::saved_search::Model, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    madoguchi_db::saved_search::change(&db, user.id, id, change)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}
