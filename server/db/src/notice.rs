//! お知らせ: what an office tells a seeker, to that seeker alone, to all
//! the seekers it registered, or to the establishments of its area; read
//! or not, per reader. Staff send them for their own office.

use chrono::Utc;
use madoguchi_shared::message::NoticeAudience;
use madoguchi_shared::records::Notice;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::account::User;
use crate::entity::{establishment, notice, notice_read, office, seeker};

/// The most notices listed.
pub const MAX_LISTED: u64 = 50;

/// Which notices the seeker or employer whose account is `user_id` may
/// read.
async fn visible_to(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Condition>, DbErr> {
    if let Some(est) = crate::entity::user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .and_then(|u| u.establishment_id)
    {
        let Some(e) = establishment::Entity::find_by_id(est).one(db).await? else {
            return Ok(None);
        };
        return Ok(Some(
            Condition::all()
                .add(notice::Column::Audience.eq(NoticeAudience::Employers.as_str()))
                .add(notice::Column::OfficeId.eq(e.office_id)),
        ));
    }
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

/// A notice staff write.
#[derive(Debug, Clone)]
pub struct NewNotice {
    pub audience: NoticeAudience,
    /// For `OneSeeker`: the seeker (of the staff's office).
    pub seeker_id: Option<i32>,
    pub title: String,
    pub body: String,
}

/// Sends `n` from `staff`'s office; answers its id, or `None` when the one
/// seeker named is not a seeker the office registered.
pub async fn send(
    db: &impl ConnectionTrait,
    staff: &User,
    n: NewNotice,
) -> Result<Option<i32>, DbErr> {
    let Some(office_id) = staff.office_id else {
        return Ok(None);
    };
    let seeker_id = match n.audience {
        NoticeAudience::OneSeeker => {
            let Some(id) = n.seeker_id else {
                return Ok(None);
            };
            if seeker::Entity::find_by_id(id)
                .filter(seeker::Column::OfficeId.eq(office_id))
                .one(db)
                .await?
                .is_none()
            {
                return Ok(None);
            }
            Some(id)
        }
        _ => None,
    };
    let id = notice::Entity::insert(notice::ActiveModel {
        office_id: Set(office_id),
        audience: Set(n.audience.as_str().to_owned()),
        seeker_id: Set(seeker_id),
        title: Set(n.title),
        body: Set(n.body),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    crate::audit::record(
        db,
        Some(staff.id),
        madoguchi_shared::message::AuditAction::Create,
        "notice",
        id.into(),
    )
    .await?;
    Ok(Some(id))
}

/// The notices office `office_id` sent, newest first, with how many
/// readers opened each.
pub async fn sent(db: &impl ConnectionTrait, office_id: i32) -> Result<Vec<(Notice, u64)>, DbErr> {
    let rows = notice::Entity::find()
        .filter(notice::Column::OfficeId.eq(office_id))
        .order_by_desc(notice::Column::CreatedAt)
        .order_by_desc(notice::Column::Id)
        .limit(MAX_LISTED)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|n| n.id).collect();
    let reads: std::collections::HashMap<i32, i64> = notice_read::Entity::find()
        .select_only()
        .column(notice_read::Column::NoticeId)
        .column_as(notice_read::Column::Id.count(), "reads")
        .filter(notice_read::Column::NoticeId.is_in(ids))
        .group_by(notice_read::Column::NoticeId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let code = office::Entity::find_by_id(office_id)
        .one(db)
        .await?
        .and_then(|o| o.code.parse().ok())
        .ok_or_else(|| DbErr::Custom(format!("office {office_id}: bad code")))?;
    rows.into_iter()
        .map(|n| {
            let audience = n
                .audience
                .parse()
                .map_err(|_| DbErr::Custom(format!("notice {}: bad audience", n.id)))?;
            let read = reads.get(&n.id).copied().unwrap_or(0) as u64;
            Ok((
                Notice {
                    id: n.id,
                    office: code,
                    audience,
                    read: false,
                    title: n.title,
                    body: n.body,
                    sent_at: n.created_at.to_rfc3339(),
                },
                read,
            ))
        })
        .collect()
}

/// The notices of the seeker or employer whose account is `user_id`,
/// newest first, each marked read or not.
pub async fn for_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<Notice>, DbErr> {
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
