//! お気に入り: postings a seeker keeps to come back to.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::account::seeker_of;
use crate::entity::{favourite, posting};
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
    /// The seeker keeps [`MAX_FAVOURITES`] already.
    Full,
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
    let already = favourite::Entity::find()
        .filter(favourite::Column::SeekerId.eq(seeker_id))
        .filter(favourite::Column::PostingId.eq(posting.id))
        .count(db)
        .await?
        > 0;
    if already {
        return Ok(Saved::Kept);
    }
    let kept = favourite::Entity::find()
        .filter(favourite::Column::SeekerId.eq(seeker_id))
        .count(db)
        .await?;
    if kept >= MAX_FAVOURITES {
        return Ok(Saved::Full);
    }
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

/// (seeker id, posting id) of the seeker whose account is `user_id` and
/// the posting numbered `number`, when both exist.
async fn seeker_and_posting(
    db: &impl ConnectionTrait,
    user_id: i32,
    number: &str,
) -> Result<Option<(i32, i32)>, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(None);
    };
    Ok(posting::Entity::find()
        .filter(posting::Column::Number.eq(number))
        .one(db)
        .await?
        .map(|p| (seeker_id, p.id)))
}

/// Whether the seeker whose account is `user_id` keeps posting `number`.
pub async fn is_kept(db: &impl ConnectionTrait, user_id: i32, number: &str) -> Result<bool, DbErr> {
    let Some((seeker_id, posting_id)) = seeker_and_posting(db, user_id, number).await? else {
        return Ok(false);
    };
    Ok(favourite::Entity::find()
        .filter(favourite::Column::SeekerId.eq(seeker_id))
        .filter(favourite::Column::PostingId.eq(posting_id))
        .one(db)
        .await?
        .is_some())
}

/// The favourites of the seeker whose account is `user_id`, newest saved
/// first, closed ones included and marked. (Postings since hidden from the
/// public, 公開範囲 3, are left out.)
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: i32,
    today: NaiveDate,
) -> Result<Vec<madoguchi_shared::records::Favourite>, DbErr> {
    use madoguchi_shared::posting::{Disclosure, PostingStatus};
    use sea_orm::{QueryOrder, QuerySelect};
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Vec::new());
    };
    let kept = favourite::Entity::find()
        .filter(favourite::Column::SeekerId.eq(seeker_id))
        .order_by_desc(favourite::Column::CreatedAt)
        .order_by_desc(favourite::Column::Id)
        .limit(MAX_FAVOURITES)
        .all(db)
        .await?;
    let ids: Vec<i32> = kept.iter().map(|f| f.posting_id).collect();
    let postings = posting::Entity::find()
        .filter(posting::Column::Id.is_in(ids))
        .filter(posting::Column::Disclosure.ne(Disclosure::StaffOnly.number()))
        .filter(posting::Column::Number.is_not_null())
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(kept.len());
    for f in kept {
        let Some(row) = postings.iter().find(|p| p.id == f.posting_id) else {
            continue;
        };
        let status: PostingStatus = row
            .status
            .parse()
            .map_err(|_| DbErr::Custom(format!("posting {}: bad status", row.id)))?;
        let open = status == PostingStatus::Published && row.valid_until >= today;
        out.push(madoguchi_shared::records::Favourite {
            posting: crate::posting::summary(row.clone())?,
            status,
            open,
            saved_on: madoguchi_shared::today_in_japan(f.created_at),
        });
    }
    Ok(out)
}

/// The most favourites a seeker keeps listed.
pub const MAX_FAVOURITES: u64 = 200;

/// Removes posting `number` from the favourites of the seeker whose
/// account is `user_id`. Returns whether there was one to remove.
pub async fn remove(db: &impl ConnectionTrait, user_id: i32, number: &str) -> Result<bool, DbErr> {
    let Some((seeker_id, posting_id)) = seeker_and_posting(db, user_id, number).await? else {
        return Ok(false);
    };
    let done = favourite::Entity::delete_many()
        .filter(favourite::Column::SeekerId.eq(seeker_id))
        .filter(favourite::Column::PostingId.eq(posting_id))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}
