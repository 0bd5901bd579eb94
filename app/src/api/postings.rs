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
