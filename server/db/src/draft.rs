//! 下書き on the server. A copy is replaced only by a newer edit, so a
//! device that comes back online with an older copy never overwrites a
//! newer one written elsewhere; it gets the newer one back instead.

use chrono::Utc;
use madoguchi_shared::draft::Draft;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::account::seeker_of;
use crate::entity::draft;

/// The server's copy of draft `key` of the seeker whose account is
/// `user_id`.
pub async fn get(
    db: &impl ConnectionTrait,
    user_id: i32,
    key: &str,
) -> Result<Option<Draft>, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(None);
    };
    Ok(draft::Entity::find()
        .filter(draft::Column::SeekerId.eq(seeker_id))
        .filter(draft::Column::DraftKey.eq(key))
        .one(db)
        .await?
        .map(|d| Draft {
            text: d.body,
            edited_at: d.edited_at,
        }))
}

/// Drafts one seeker may keep on the server (one a posting).
pub const MAX_DRAFTS: u64 = 50;

/// Why a draft was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotStored {
    /// No posting has this 求人番号.
    NoSuchPosting,
    /// The seeker keeps [`MAX_DRAFTS`] drafts already.
    TooMany,
}

/// Stores `copy` unless the server holds a newer edit; the server's copy
/// after the call (`None` when the account is not a seeker's). Only for a
/// posting that exists, and at most [`MAX_DRAFTS`] a seeker.
pub async fn put(
    db: &impl ConnectionTrait,
    user_id: i32,
    key: &str,
    copy: &Draft,
) -> Result<Result<Option<Draft>, NotStored>, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Ok(None));
    };
    let posting = crate::entity::posting::Entity::find()
        .filter(crate::entity::posting::Column::Number.eq(key))
        .count(db)
        .await?;
    if posting == 0 {
        return Ok(Err(NotStored::NoSuchPosting));
    }
    let kept = draft::Entity::find()
        .filter(draft::Column::SeekerId.eq(seeker_id))
        .filter(draft::Column::DraftKey.ne(key))
        .count(db)
        .await?;
    if kept >= MAX_DRAFTS {
        return Ok(Err(NotStored::TooMany));
    }
    draft::Entity::insert(draft::ActiveModel {
        seeker_id: Set(seeker_id),
        draft_key: Set(key.to_owned()),
        body: Set(copy.text.clone()),
        edited_at: Set(copy.edited_at),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([draft::Column::SeekerId, draft::Column::DraftKey])
            .update_columns([
                draft::Column::Body,
                draft::Column::EditedAt,
                draft::Column::UpdatedAt,
            ])
            // Only a newer edit replaces the stored one.
            .action_and_where(
                Expr::col((draft::Entity, draft::Column::EditedAt)).lt(Expr::value(copy.edited_at)),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    get(db, user_id, key).await.map(Ok)
}

/// Removes draft `key` (sent, or discarded by the seeker).
pub async fn remove(db: &impl ConnectionTrait, user_id: i32, key: &str) -> Result<(), DbErr> {
    if let Some(seeker_id) = seeker_of(db, user_id).await? {
        draft::Entity::delete_many()
            .filter(draft::Column::SeekerId.eq(seeker_id))
            .filter(draft::Column::DraftKey.eq(key))
            .exec(db)
            .await?;
    }
    Ok(())
}
