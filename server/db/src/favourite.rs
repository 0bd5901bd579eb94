//! お気に入り: postings a seeker keeps to come back to.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entity::{favourite, posting, seeker};
use crate::posting::publicly_open;

/// What saving a favourite did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Kept now, or kept before (saving twice keeps one).
    Kept,
    /// The user has no seeker record (staff or employers keep none).
    NotASeeker,
    /// No open public posting has that number.
    NoPosting,
}

async fn seeker_of(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<i32>, DbErr> {
    Ok(seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|s| s.id))
}

/// Keeps the open public posting `number` among the favourites of the
/// seeker whose account is `user_id`.
pub async fn save(
    db: &impl ConnectionTrait,
    user_id: i32,
    number: &str,
    today: NaiveDate,
) -> Result<Saved, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Saved::NotASeeker);
    };
    let Some(posting) = posting::Entity::find()
        .filter(posting::Column::Number.eq(number))
        .filter(publicly_open(today))
        .one(db)
        .await?
    else {
        return Ok(Saved::NoPosting);
    };
    favourite::Entity::insert(favourite::ActiveModel {
        seeker_id: Set(seeker_id),
        posting_id: Set(posting.id),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([favourite::Column::SeekerId, favourite::Column::PostingId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(Saved::Kept)
}

/// Whether the seeker whose account is `user_id` keeps posting `number`.
pub async fn is_kept(db: &impl ConnectionTrait, user_id: i32, number: &str) -> Result<bool, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(false);
    };
    let Some(p) = posting::Entity::find()
        .filter(posting::Column::Number.eq(number))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    Ok(favourite::Entity::find()
        .filter(favourite::Column::SeekerId.eq(seeker_id))
        .filter(favourite::Column::PostingId.eq(p.id))
        .one(db)
        .await?
        .is_some())
}
