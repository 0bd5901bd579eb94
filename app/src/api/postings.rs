//! Public postings, as the home page lists them.

use leptos::prelude::*;
use madoguchi_shared::posting::PostingSummary;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The most postings one call lists.
pub const MAX_NEWEST: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewestList {
    /// How many postings the public can find today.
    pub total: u64,
    pub postings: Vec<PostingSummary>,
}

/// One page of a search: `qs` is the `/jobs` query string. A bad
/// parameter answers 400 naming it.
#[server(prefix = "/api", endpoint = "postings/search")]
pub async fn search_postings(qs: String) -> Result<madoguchi_shared::search::SearchPage, AppError> {
    use madoguchi_shared::search::{JobQuery, SearchPage};
    let query = JobQuery::from_query_string(&qs).map_err(|e| {
        AppError::Field {
            field: e.param,
            error: e.error,
        }
        .respond()
    })?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let index = crate::state::search_index()?;
    let hits = tokio::task::spawn_blocking(move || index.search(&query, today))
        .await
        .map_err(crate::state::internal)?
        .map_err(crate::state::internal)?;
    let db = crate::state::db()?;
    let cards = madoguchi_db::posting::public_cards(&db, &hits.posting_ids, today)
        .await
        .map_err(crate::state::internal)?;
    Ok(SearchPage {
        total: hits.total as u64,
        cards,
        facets: hits.facets,
    })
}

/// A public posting by its 求人番号: 404 when unknown or hidden, 410 when
/// filled, withdrawn or expired.
#[server(prefix = "/api", endpoint = "postings/get")]
pub async fn posting(number: String) -> Result<madoguchi_shared::records::Posting, AppError> {
    use madoguchi_db::posting::PublicPosting;
    if number
        .parse::<madoguchi_shared::posting::PostingNumber>()
        .is_err()
    {
        return Err(AppError::NotFound.respond());
    }
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    match madoguchi_db::posting::public_by_number(&db, &number, today)
        .await
        .map_err(crate::state::internal)?
    {
        PublicPosting::Open(p) => Ok(*p),
        PublicPosting::Closed(..) => Err(AppError::Gone.respond()),
        PublicPosting::Missing => Err(AppError::NotFound.respond()),
    }
}

/// The newest public postings and the count of all public postings.
#[server(prefix = "/api", endpoint = "postings/newest")]
pub async fn newest_postings(limit: u32) -> Result<NewestList, AppError> {
    if !(1..=MAX_NEWEST).contains(&limit) {
        return Err(
            AppError::Invalid(madoguchi_shared::ValidationError::OutOfRange {
                min: 1,
                max: MAX_NEWEST as i64,
            })
            .respond(),
        );
    }
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let total = madoguchi_db::posting::count_public(&db, today)
        .await
        .map_err(crate::state::internal)?;
    let postings = madoguchi_db::posting::newest_public(&db, today, limit.into())
        .await
        .map_err(crate::state::internal)?;
    Ok(NewestList { total, postings })
}

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

fn valid_number(number: &str) -> Result<(), AppError> {
    number
        .parse::<madoguchi_shared::posting::PostingNumber>()
        .map(|_| ())
        .map_err(|_| AppError::NotFound.respond())
}

/// Whether the visitor may keep posting `number` and keeps it already.
#[server(prefix = "/api", endpoint = "postings/favourite_state")]
pub async fn favourite_state(number: String) -> Result<Keeping, AppError> {
    use madoguchi_shared::account::Role;
    valid_number(&number)?;
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
    valid_number(&number)?;
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    match madoguchi_db::favourite::save(&db, user.id, &number, today)
        .await
        .map_err(crate::state::internal)?
    {
        Saved::Kept => Ok(()),
        Saved::NotASeeker => Err(AppError::Forbidden.respond()),
        Saved::NoPosting => Err(AppError::NotFound.respond()),
    }
}
