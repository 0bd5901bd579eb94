//! お気に入り: keeping postings from the posting page, listing them on
//! MyPage, removing them. Only the seeker's own favourites, ever.

use leptos::prelude::*;
use madoguchi_shared::records::Favourite;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the お気に入り button can do for the current visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Keeping {
    /// Not logged in: the button asks to log in.
    Visitor,
    /// A seeker, who keeps this posting already or not.
    Seeker { kept: bool },
    /// Employers and staff keep no favourites.
    Other,
}

/// Whether the visitor may keep posting `number` and keeps it already.
#[server(prefix = "/api", endpoint = "postings/favourite_state")]
pub async fn favourite_state(number: String) -> Result<Keeping, AppError> {
    use madoguchi_shared::account::Role;
    crate::api::postings::valid_number(&number)?;
    let Some(user) = crate::state::current_user().await? else {
        return Ok(Keeping::Visitor);
    };
    if user.role != Role::Seeker {
        return Ok(Keeping::Other);
    }
    let db = crate::state::db()?;
    let kept = madoguchi_db::favourite::is_kept(&db, user.id, &number)
        .await
        .map_err(crate::state::internal)?;
    Ok(Keeping::Seeker { kept })
}

/// Keeps posting `number` among the logged-in seeker's favourites (once,
/// however often it is sent): 401 for visitors, 403 for other roles, 404
/// when no open public posting has the number.
#[server(prefix = "/api", endpoint = "postings/favourite")]
pub async fn save_favourite(number: String) -> Result<(), AppError> {
    use madoguchi_db::favourite::Saved;
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    crate::api::postings::valid_number(&number)?;
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    match madoguchi_db::favourite::save(&db, user.id, &number, today)
        .await
        .map_err(crate::state::internal)?
    {
        Saved::Kept => Ok(()),
        Saved::NotASeeker => Err(AppError::Forbidden.respond()),
        Saved::NoPosting => Err(AppError::NotFound.respond()),
        Saved::Full => Err(
            AppError::Invalid(madoguchi_shared::ValidationError::TooMany {
                max: madoguchi_db::favourite::MAX_FAVOURITES as usize,
            })
            .respond(),
        ),
    }
}

/// The logged-in seeker's favourites, newest first, closed ones marked.
#[server(prefix = "/api", endpoint = "favourites/list")]
pub async fn my_favourites() -> Result<Vec<Favourite>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    madoguchi_db::favourite::list(&db, user.id, today)
        .await
        .map_err(crate::state::internal)
}

/// Removes posting `number` from the logged-in seeker's favourites; 404
/// when it is not among them.
#[server(prefix = "/api", endpoint = "favourites/remove")]
pub async fn remove_favourite(number: String) -> Result<(), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    crate::api::postings::valid_number(&number)?;
    let db = crate::state::db()?;
    if madoguchi_db::favourite::remove(&db, user.id, &number)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(())
    } else {
        Err(AppError::NotFound.respond())
    }
}
