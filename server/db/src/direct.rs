//! 直接リクエスト: the establishment's search of public seekers and its
//! invitations (at most ten a posting, once per seeker, only to a posting
//! that takes online self-applications); the seeker's list and answer.

use chrono::{NaiveDate, Utc};
use madoguchi_shared::direct::{
    HISTORY_CHARS, MAX_DIRECT_REQUESTS_PER_POSTING, PER_PAGE, PublicSeeker, ReceivedRequest,
    SeekerPage, SeekerQuery,
};
use madoguchi_shared::message::AuditAction;
use madoguchi_shared::prefecture::Prefecture;
use madoguchi_shared::seeker::SeekerProfile;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::apply::accepts_self_application;
use crate::entity::{application, direct_request, posting, seeker};
use crate::posting::publicly_open;

/// Why a request was not sent or answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not the establishment's posting, not a public seeker, not the
    /// seeker's request.
    Missing,
    /// The posting is not open, or does not take self-applications.
    NotAccepting,
    /// The posting has sent its ten requests.
    TooMany,
    /// This seeker was invited to this posting already.
    AlreadySent,
}

/// An open posting of the establishment that takes self-applications.
async fn inviting_posting(
    db: &DatabaseConnection,
    establishment_id: i32,
    posting_id: i32,
    today: NaiveDate,
) -> Result<Result<posting::Model, Refused>, DbErr> {
    let Some(p) = posting::Entity::find_by_id(posting_id)
        .filter(posting::Column::EstablishmentId.eq(establishment_id))
        .one(db)
        .await?
    else {
        return Ok(Err(Refused::Missing));
    };
    let open = posting::Entity::find_by_id(posting_id)
        .filter(publicly_open(today))
        .count(db)
        .await?
        > 0;
    if !open || !accepts_self_application(&p) {
        return Ok(Err(Refused::NotAccepting));
    }
    Ok(Ok(p))
}

async fn sent_for(db: &DatabaseConnection, posting_id: i32) -> Result<Vec<i32>, DbErr> {
    direct_request::Entity::find()
        .select_only()
        .column(direct_request::Column::SeekerId)
        .filter(direct_request::Column::PostingId.eq(posting_id))
        .into_tuple()
        .all(db)
        .await
}

/// The public seekers matching `query`, for inviting them to posting
/// `posting_id` of the establishment: what they published of their
/// wishes, history and licences, never a name or contact.
pub async fn public_seekers(
    db: &DatabaseConnection,
    establishment_id: i32,
    posting_id: i32,
    query: &SeekerQuery,
    page: u64,
    today: NaiveDate,
) -> Result<Result<SeekerPage, Refused>, DbErr> {
    let p = match inviting_posting(db, establishment_id, posting_id, today).await? {
        Ok(p) => p,
        Err(refused) => return Ok(Err(refused)),
    };
    let sent = sent_for(db, p.id).await?;
    // Filtered, counted and paged in the database over the wish columns
    // of public profiles (`profile::wish_columns`); only the page's
    // profiles are read.
    let mut matching = sea_orm::Condition::all()
        .add(seeker::Column::ProfilePublic.eq(true))
        .add(seeker::Column::PublicOccupations.is_not_null());
    let word = query.occupation.trim().replace('\n', " ");
    if !word.is_empty() {
        matching = matching.add(crate::containing(seeker::Column::PublicOccupations, &word));
    }
    if let Some(pref) = query.prefecture {
        matching = matching.add(crate::containing(
            seeker::Column::PublicPrefectures,
            &format!(",{},", pref.code()),
        ));
    }
    if let Some(employment) = query.employment {
        matching = matching.add(crate::containing(
            seeker::Column::PublicEmployment,
            &format!(",{},", employment.as_str()),
        ));
    }
    let total = seeker::Entity::find()
        .filter(matching.clone())
        .count(db)
        .await?;
    let page = page.max(1);
    let rows: Vec<(i32, String)> = seeker::Entity::find()
        .select_only()
        .column(seeker::Column::Id)
        .column(seeker::Column::Profile)
        .filter(matching)
        .order_by_desc(seeker::Column::UpdatedAt)
        .order_by_desc(seeker::Column::Id)
        .offset((page - 1).saturating_mul(PER_PAGE as u64))
        .limit(PER_PAGE as u64)
        .into_tuple()
        .all(db)
        .await?;
    let found = rows.into_iter().filter_map(|(id, profile)| {
        serde_json::from_str::<SeekerProfile>(&profile)
            .ok()
            .map(|p| (id, p))
    });
    let seekers = found
        .map(|(id, p)| PublicSeeker {
            id,
            occupations: p.wished_occupations,
            prefectures: p
                .wished_prefectures
                .iter()
                .filter_map(|c| Prefecture::from_code(*c))
                .collect(),
            employment: p.wished_employment,
            wage: p.wished_wage,
            licences: p.licences,
            history: p.work_history.chars().take(HISTORY_CHARS).collect(),
            requested: sent.contains(&id),
        })
        .collect();
    Ok(Ok(SeekerPage {
        seekers,
        total,
        page,
        sent: sent.len() as u32,
    }))
}

/// Invites public seeker `seeker_id` to posting `posting_id` with
/// `message` (checked by the caller): at most ten a posting, once per
/// seeker, in one transaction, audited.
pub async fn send(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    posting_id: i32,
    seeker_id: i32,
    message: &str,
    today: NaiveDate,
) -> Result<Result<(), Refused>, DbErr> {
    if let Err(refused) = inviting_posting(db, establishment_id, posting_id, today).await? {
        return Ok(Err(refused));
    }
    let public = seeker::Entity::find_by_id(seeker_id)
        .filter(seeker::Column::ProfilePublic.eq(true))
        .count(db)
        .await?
        > 0;
    if !public {
        return Ok(Err(Refused::Missing));
    }
    let txn = crate::begin_write(db).await?;
    let sent = direct_request::Entity::find()
        .filter(direct_request::Column::PostingId.eq(posting_id))
        .all(&txn)
        .await?;
    if sent.iter().any(|r| r.seeker_id == seeker_id) {
        return Ok(Err(Refused::AlreadySent));
    }
    if sent.len() >= MAX_DIRECT_REQUESTS_PER_POSTING {
        return Ok(Err(Refused::TooMany));
    }
    let row = direct_request::Entity::insert(direct_request::ActiveModel {
        posting_id: Set(posting_id),
        seeker_id: Set(seeker_id),
        message: Set(message.to_owned()),
        declined_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Create,
        "direct_request",
        row.last_insert_id.into(),
    )
    .await?;
    if let Some(s) = seeker::Entity::find_by_id(seeker_id).one(&txn).await? {
        crate::jobs::enqueue(
            &txn,
            s.user_id,
            &format!("direct-{}", row.last_insert_id),
            &madoguchi_shared::mail::MailEvent::DirectRequest,
            Utc::now(),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// The requests the seeker of user `user_id` received, newest first.
pub async fn received(
    db: &DatabaseConnection,
    user_id: i32,
    today: NaiveDate,
) -> Result<Vec<ReceivedRequest>, DbErr> {
    let Some(seeker_id) = crate::account::seeker_of(db, user_id).await? else {
        return Ok(Vec::new());
    };
    let requests = direct_request::Entity::find()
        .filter(direct_request::Column::SeekerId.eq(seeker_id))
        .order_by_desc(direct_request::Column::CreatedAt)
        .order_by_desc(direct_request::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = requests.iter().map(|r| r.posting_id).collect();
    let postings = posting::Entity::find()
        .filter(posting::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    let open: Vec<i32> = posting::Entity::find()
        .select_only()
        .column(posting::Column::Id)
        .filter(posting::Column::Id.is_in(ids.clone()))
        .filter(publicly_open(today))
        .into_tuple()
        .all(db)
        .await?;
    let applied: Vec<i32> = application::Entity::find()
        .select_only()
        .column(application::Column::PostingId)
        .filter(application::Column::SeekerId.eq(seeker_id))
        .filter(application::Column::PostingId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        let Some(p) = postings.iter().find(|p| p.id == r.posting_id) else {
            continue;
        };
        let takes = open.contains(&p.id) && accepts_self_application(p);
        out.push(ReceivedRequest {
            id: r.id,
            posting: crate::posting::summary(p.clone())?,
            message: r.message,
            sent_on: madoguchi_shared::date::to_iso(madoguchi_shared::today_in_japan(r.created_at)),
            declined: r.declined_at.is_some(),
            applied: applied.contains(&p.id),
            open: takes,
        });
    }
    Ok(out)
}

/// The seeker of user `user_id` declines request `id` (once; their own
/// requests only).
pub async fn decline(
    db: &DatabaseConnection,
    user_id: i32,
    id: i32,
) -> Result<Result<(), Refused>, DbErr> {
    let Some(seeker_id) = crate::account::seeker_of(db, user_id).await? else {
        return Ok(Err(Refused::Missing));
    };
    let changed = direct_request::Entity::update_many()
        .col_expr(
            direct_request::Column::DeclinedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(direct_request::Column::Id.eq(id))
        .filter(direct_request::Column::SeekerId.eq(seeker_id))
        .filter(direct_request::Column::DeclinedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        let exists = direct_request::Entity::find_by_id(id)
            .filter(direct_request::Column::SeekerId.eq(seeker_id))
            .count(db)
            .await?
            > 0;
        return Ok(Err(if exists {
            Refused::AlreadySent
        } else {
            Refused::Missing
        }));
    }
    Ok(Ok(()))
}
