//! 検索条件の保存: a seeker's saved `/jobs` searches, with the moment each
//! was last opened (new matches are counted from then), the alert choice
//! and the last day an alert covered (`crate::alerts` sends them).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use crate::account::seeker_of;
use crate::entity::saved_search;

/// The most searches a seeker keeps.
pub const MAX_SAVED_SEARCHES: u64 = 20;

/// What saving a search did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Kept, with this id.
    Kept(i32),
    NotASeeker,
    /// The seeker keeps [`MAX_SAVED_SEARCHES`] already.
    Full,
}

/// Keeps a search (`query` is the canonical `/jobs` query string, `name`
/// already checked) for the seeker whose account is `user_id`.
pub async fn save(
    db: &impl ConnectionTrait,
    user_id: i32,
    name: &str,
    query: &str,
) -> Result<Saved, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Saved::NotASeeker);
    };
    let kept = saved_search::Entity::find()
        .filter(saved_search::Column::SeekerId.eq(seeker_id))
        .count(db)
        .await?;
    if kept >= MAX_SAVED_SEARCHES {
        return Ok(Saved::Full);
    }
    let now = Utc::now();
    let row = saved_search::Entity::insert(saved_search::ActiveModel {
        seeker_id: Set(seeker_id),
        name: Set(name.to_owned()),
        query: Set(query.to_owned()),
        alert: Set(false),
        last_viewed_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(Saved::Kept(row.last_insert_id))
}

/// The saved searches of the seeker whose account is `user_id`, oldest
/// first (the order they were made in).
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<saved_search::Model>, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Vec::new());
    };
    saved_search::Entity::find()
        .filter(saved_search::Column::SeekerId.eq(seeker_id))
        .order_by_asc(saved_search::Column::Id)
        .all(db)
        .await
}

/// The seeker's own saved search `id`, or `None` (someone else's or gone).
async fn own(
    db: &impl ConnectionTrait,
    user_id: i32,
    id: i32,
) -> Result<Option<saved_search::Model>, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(None);
    };
    saved_search::Entity::find_by_id(id)
        .filter(saved_search::Column::SeekerId.eq(seeker_id))
        .one(db)
        .await
}

/// A change to one of the seeker's saved searches.
pub enum Change<'a> {
    Rename(&'a str),
    Alert(bool),
    /// Opened now: new matches count from here.
    Viewed(DateTime<Utc>),
}

/// Applies `change` to the seeker's own search `id`; `None` when it is not
/// theirs or not there, else the search as changed.
pub async fn change(
    db: &impl ConnectionTrait,
    user_id: i32,
    id: i32,
    change: Change<'_>,
) -> Result<Option<saved_search::Model>, DbErr> {
    let Some(row) = own(db, user_id, id).await? else {
        return Ok(None);
    };
    let mut update = saved_search::ActiveModel {
        id: Set(row.id),
        ..Default::default()
    };
    match change {
        Change::Rename(name) => update.name = Set(name.to_owned()),
        Change::Alert(on) => {
            update.alert = Set(on);
            // Turned on: alerts start with today's postings, not with
            // those of the days they were off.
            if on && !row.alert {
                let today = madoguchi_shared::today_in_japan(Utc::now());
                update.alerted_through = Set(today.pred_opt());
            }
        }
        Change::Viewed(at) => update.last_viewed_at = Set(at),
    }
    saved_search::Entity::update(update)
        .exec(db)
        .await
        .map(Some)
}

/// Deletes the seeker's own search `id`; whether there was one.
pub async fn delete(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<bool, DbErr> {
    let Some(row) = own(db, user_id, id).await? else {
        return Ok(false);
    };
    saved_search::Entity::delete_by_id(row.id).exec(db).await?;
    Ok(true)
}
