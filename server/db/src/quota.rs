//! How much a person may store (docs/domain.md, "Files"): the files one
//! user has sent (message attachments, and a seeker's application
//! documents) and the files of one application's thread are bounded, so
//! no account can fill the service's storage. Counted in the database,
//! inside the transaction that would add the file.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::{application_document, message, message_attachment};

/// All files one user has sent, in bytes.
pub const MAX_USER_BYTES: i64 = 200 * 1024 * 1024;
/// All files of one application's thread (both parties), in bytes.
pub const MAX_THREAD_BYTES: i64 = 30 * 1024 * 1024;

/// `SUM(byte_size)` as a 64-bit integer on every database (PostgreSQL sums
/// a bigint to a numeric).
fn total() -> sea_orm::sea_query::SimpleExpr {
    Expr::cust("CAST(COALESCE(SUM(byte_size), 0) AS BIGINT)")
}

async fn attachments_where(
    db: &impl ConnectionTrait,
    messages: sea_orm::sea_query::SelectStatement,
) -> Result<i64, DbErr> {
    Ok(message_attachment::Entity::find()
        .select_only()
        .column_as(total(), "total")
        .filter(message_attachment::Column::MessageId.in_subquery(messages))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0))
}

/// The bytes user `user_id` has stored: the attachments they sent and,
/// for a seeker, the documents of their applications.
pub async fn stored_by_user(db: &impl ConnectionTrait, user_id: i32) -> Result<i64, DbErr> {
    let sent = attachments_where(
        db,
        Query::select()
            .column(message::Column::Id)
            .from(message::Entity)
            .and_where(Expr::col(message::Column::AuthorUserId).eq(user_id))
            .to_owned(),
    )
    .await?;
    let documents = application_document::Entity::find()
        .select_only()
        .column_as(total(), "total")
        .filter(
            application_document::Column::ApplicationId
                .in_subquery(crate::thread::seeker_applications(user_id)),
        )
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0);
    Ok(sent + documents)
}

/// The bytes of the attachments in application `application_id`'s thread.
pub async fn stored_in_thread(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<i64, DbErr> {
    attachments_where(
        db,
        Query::select()
            .column(message::Column::Id)
            .from(message::Entity)
            .and_where(Expr::col(message::Column::ApplicationId).eq(application_id))
            .to_owned(),
    )
    .await
}

/// Which bound `adding` more bytes would pass, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    User,
    Thread,
}

/// Whether user `user_id` may add `adding` bytes (to the thread of
/// `application_id`, for an attachment).
pub async fn check(
    db: &impl ConnectionTrait,
    user_id: i32,
    application_id: Option<i32>,
    adding: i64,
) -> Result<Option<Full>, DbErr> {
    if adding <= 0 {
        return Ok(None);
    }
    if let Some(app) = application_id
        && stored_in_thread(db, app).await? + adding > MAX_THREAD_BYTES
    {
        return Ok(Some(Full::Thread));
    }
    if stored_by_user(db, user_id).await? + adding > MAX_USER_BYTES {
        return Ok(Some(Full::User));
    }
    Ok(None)
}
