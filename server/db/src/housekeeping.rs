//! What is removed by the clock: records whose use has ended and that no
//! rule keeps. Each step is one DELETE of rows past a moment, so any
//! number of app servers may run it at the same time.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use crate::entity::{counter_link_code, session};

/// How many rows one pass removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub link_codes: u64,
    pub attempt_counts: u64,
    /// Verification and reset links past their time.
    pub account_tokens: u64,
    /// Unsubscribe links used, or past their time.
    pub unsubscribe_links: u64,
}

/// Removes the login sessions, counter link codes, verification and reset
/// links and unsubscribe links expired at `now` (or used), and attempt
/// counts of windows that ended a day or more before.
pub async fn purge(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Purged, DbErr> {
    let sessions = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected;
    let link_codes = counter_link_code::Entity::delete_many()
        .filter(counter_link_code::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected;
    let attempt_counts = crate::attempts::purge(db, now - chrono::Duration::days(1)).await?;
    let account_tokens = crate::account_token::purge(db, now).await?;
    let unsubscribe_links = crate::jobs::purge_unsubscribe_links(db, now).await?;
    Ok(Purged {
        sessions,
        link_codes,
        attempt_counts,
        account_tokens,
        unsubscribe_links,
    })
}
