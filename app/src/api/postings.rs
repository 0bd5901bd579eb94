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
    let query = JobQuery::from_query_string(&qs).map_err(crate::error::query_error)?;
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

/// A 求人番号 in its form (`OOOOO-NNNNNNNN`), or 404: a malformed number
/// names no posting.
#[cfg(feature = "ssr")]
pub(crate) fn valid_number(number: &str) -> Result<(), AppError> {
    number
        .parse::<madoguchi_shared::posting::PostingNumber>()
        .map(|_| ())
        .map_err(|_| AppError::NotFound.respond())
}

/// A public posting by its 求人番号: 404 when unknown or hidden, 410 when
/// filled, withdrawn or expired.
#[server(prefix = "/api", endpoint = "postings/get")]
pub async fn posting(number: String) -> Result<madoguchi_shared::records::Posting, AppError> {
    use madoguchi_db::posting::PublicPosting;
    valid_number(&number)?;
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
