//! お知らせ: what an office tells a seeker, to that seeker alone or to all
//! the seekers it registered; read or not, per reader.

use chrono::Utc;
use madoguchi_shared::message::NoticeAudience;
use madoguchi_shared::records::Notice;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entity::{notice, notice_read, office, seeker};

/// The most notices listed.
pub const MAX_LISTED: u64 = 50;

/// Which notices the seeker whose account is `user_id` may read.
async fn visible_to(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Condition>, DbErr> {
    let Some(s) = seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut any = Condition::any().add(
        Condition::all()
            .add(notice::Column::Audience.eq(NoticeAudience::OneSeeker.as_str()))
            .add(notice::Column::SeekerId.eq(s.id)),
    );
    // Office-wide notices reach the seekers the office registered.
    if let Some(office_id) = s.office_id {
        any = any.add(
            Condition::all()
                .add(notice::Column::Audience.eq(NoticeAudience::AllSeekers.as_str()))
                .add(notice::Column::OfficeId.eq(office_id)),
        );
    }
    Ok(Some(any))
}

/// The seeker's notices, newest first, each marked read or not.
pub async fn for_seeker(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<Notice>, DbErr> {
    let Some(visible) = visible_to(db, user_id).await? else {
        return Ok(Vec::new());
    };
    let rows = notice::Entity::find()
        .filter(visible)
        .order_by_desc(notice::Column::CreatedAt)
        .order_by_desc(notice::Column::Id)
        .limit(MAX_LISTED)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|n| n.id).collect();
    let read: Vec<i32> = notice_read::Entity::find()
        .filter(notice_read::Column::UserId.eq(user_id))
        .filter(notice_read::Column::NoticeId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.notice_id)
        .collect();
    let offices = office::Entity::find().all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for n in rows {
        let corrupt = |what: &str| DbErr::Custom(format!("notice {}: bad {what}", n.id));
        let office = offices
            .iter()
            .find(|o| o.id == n.office_id)
            .and_then(|o| o.code.parse().ok())
            .ok_or_else(|| corrupt("office"))?;
        out.push(Notice {
            id: n.id,
            office,
            audience: n.audience.parse().map_err(|_| corrupt("audience"))?,
            read: read.contains(&n.id),
            title: n.title,
            body: n.body,
            sent_at: n.created_at.to_rfc3339(),
        });
    }
    Ok(out)
}

/// Marks notice `id` read for the seeker whose account is `user_id`, if
/// they may read it; whether they may.
pub async fn mark_read(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<bool, DbErr> {
    let Some(visible) = visible_to(db, user_id).await? else {
        return Ok(false);
    };
    let found = notice::Entity::find_by_id(id)
        .filter(visible)
        .one(db)
        .await?
        .is_some();
    if found {
        notice_read::Entity::insert(notice_read::ActiveModel {
            notice_id: Set(id),
            user_id: Set(user_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([notice_read::Column::NoticeId, notice_read::Column::UserId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(found)
}
