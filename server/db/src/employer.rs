//! 応募者管理 on the employer's MyPage: the applications to one
//! establishment's postings, and the 採否 result. Every function takes the
//! establishment of the logged-in user and touches nothing outside it.

use chrono::{Days, NaiveDate, Utc};
use madoguchi_shared::application::{
    ApplicantPage, ApplicantRow, ApplicationAction, ApplicationMethod, ApplicationStatus,
    RejectionReason,
};
use madoguchi_shared::message::AuditAction;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::entity::{application, posting, referral_letter, seeker};

/// Applications shown per page.
pub const PER_PAGE: u64 = 50;

/// What the list is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct ApplicantFilter {
    /// A 求人番号 of the establishment's.
    pub posting: Option<String>,
    pub method: Option<ApplicationMethod>,
    pub status: Option<ApplicationStatus>,
    /// Part of the seeker's name or reading.
    pub name: Option<String>,
    /// Applied on or after / on or before (days in Japan).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Oldest first instead of newest first.
    pub oldest_first: bool,
    /// From 1.
    pub page: u64,
}

/// The first moment (UTC) of `day` in Japan.
fn start_of_day_in_japan(day: NaiveDate) -> chrono::DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    chrono::DateTime::<Utc>::from_naive_utc_and_offset(midnight, Utc) - chrono::Duration::hours(9)
}

/// The applicants of establishment `establishment_id`, newest first.
pub async fn applicants(
    db: &DatabaseConnection,
    establishment_id: i32,
    filter: &ApplicantFilter,
    today: NaiveDate,
    overdue_days: u64,
) -> Result<ApplicantPage, DbErr> {
    let mut postings = Query::select();
    postings
        .column(posting::Column::Id)
        .from(posting::Entity)
        .and_where(posting::Column::EstablishmentId.eq(establishment_id));
    if let Some(n) = &filter.posting {
        postings.and_where(posting::Column::Number.eq(n.as_str()));
    }
    let mut query = application::Entity::find()
        .filter(application::Column::PostingId.in_subquery(postings.to_owned()));
    if let Some(m) = filter.method {
        query = query.filter(application::Column::Method.eq(m.as_str()));
    }
    if let Some(s) = filter.status {
        query = query.filter(application::Column::Status.eq(s.as_str()));
    }
    if let Some(name) = filter
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        query = query.filter(
            application::Column::SeekerId.in_subquery(
                Query::select()
                    .column(seeker::Column::Id)
                    .from(seeker::Entity)
                    // Only the establishment's own applicants are read, by
                    // key: a name search never scans every seeker.
                    .cond_where(
                        sea_orm::Condition::all()
                            .add(
                                Expr::col(seeker::Column::Id).in_subquery(
                                    Query::select()
                                        .column(application::Column::SeekerId)
                                        .from(application::Entity)
                                        .and_where(
                                            application::Column::PostingId
                                                .in_subquery(postings.to_owned()),
                                        )
                                        .to_owned(),
                                ),
                            )
                            .add(
                                sea_orm::Condition::any()
                                    .add(crate::containing(seeker::Column::Name, name))
                                    .add(crate::containing(seeker::Column::NameKana, name)),
                            ),
                    )
                    .to_owned(),
            ),
        );
    }
    if let Some(from) = filter.from {
        query = query.filter(application::Column::CreatedAt.gte(start_of_day_in_japan(from)));
    }
    if let Some(to) = filter.to {
        let next = to.succ_opt().unwrap_or(to);
        query = query.filter(application::Column::CreatedAt.lt(start_of_day_in_japan(next)));
    }
    let order = if filter.oldest_first {
        sea_orm::Order::Asc
    } else {
        sea_orm::Order::Desc
    };
    let pages = query
        .order_by(application::Column::CreatedAt, order.clone())
        .order_by(application::Column::Id, order)
        .paginate(db, PER_PAGE);
    let counts = pages.num_items_and_pages().await?;
    let page = filter.page.clamp(1, Ord::max(counts.number_of_pages, 1));
    let apps = pages.fetch_page(page - 1).await?;
    let posting_rows = posting::Entity::find()
        .filter(posting::Column::Id.is_in(apps.iter().map(|a| a.posting_id)))
        .all(db)
        .await?;
    let seeker_rows = seeker::Entity::find()
        .filter(seeker::Column::Id.is_in(apps.iter().map(|a| a.seeker_id)))
        .all(db)
        .await?;
    let overdue_before = today - Days::new(overdue_days);
    let mut rows = Vec::with_capacity(apps.len());
    for a in apps {
        let corrupt = |what: &str| DbErr::Custom(format!("application {}: bad {what}", a.id));
        let p = posting_rows
            .iter()
            .find(|p| p.id == a.posting_id)
            .ok_or_else(|| corrupt("posting"))?;
        let s = seeker_rows
            .iter()
            .find(|s| s.id == a.seeker_id)
            .ok_or_else(|| corrupt("seeker"))?;
        let status: ApplicationStatus = a.status.parse().map_err(|_| corrupt("status"))?;
        let applied_on = madoguchi_shared::today_in_japan(a.created_at);
        // The result is due counted from the interview once one is set.
        let interview_on = a
            .interview_at
            .as_deref()
            .and_then(|t| t.get(..10))
            .and_then(madoguchi_shared::date::from_iso);
        let due_from = interview_on.map_or(applied_on, |d| Ord::max(d, applied_on));
        rows.push(ApplicantRow {
            id: a.id,
            posting_number: p.number.clone(),
            posting_title: p.title.clone(),
            seeker_name: s.name.clone(),
            method: a.method.parse().map_err(|_| corrupt("method"))?,
            status,
            applied_on,
            overdue: !status.is_final() && due_from < overdue_before,
        });
    }
    Ok(ApplicantPage {
        total: counts.number_of_items,
        page,
        pages: Ord::max(counts.number_of_pages, 1),
        rows,
    })
}

/// The 採否 result an employer sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Hired,
    NotHired(RejectionReason),
}

impl Decision {
    /// The move it makes and the reason it records.
    pub(crate) fn action(self) -> (ApplicationAction, Option<RejectionReason>) {
        match self {
            Decision::Hired => (ApplicationAction::Hire, None),
            Decision::NotHired(r) => (ApplicationAction::Reject, Some(r)),
        }
    }
}

/// Why a result was not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDecided {
    /// Not an application to this establishment's postings.
    Missing,
    /// Decided or withdrawn already.
    Final,
}

/// Records the result of application `id` for the establishment of user
/// `user_id`: the status, the date (the seeker's history shows it), the
/// reason of a 不採用, and for a referral the reply part of its 紹介状 (the
/// office receives it). One transaction; audited.
pub async fn decide(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    decision: Decision,
    today: NaiveDate,
) -> Result<Result<ApplicationStatus, NotDecided>, DbErr> {
    let (action, reason) = decision.action();
    advance(db, user_id, establishment_id, id, action, reason, today).await
}

/// Moves application `id` from the stage it is at, in one transaction
/// and only from that stage (a change made meanwhile wins); a 採否 result
/// also gets its date, its reason and the letter's reply part. Audited.
async fn advance(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    action: ApplicationAction,
    reason: Option<RejectionReason>,
    today: NaiveDate,
) -> Result<Result<ApplicationStatus, NotDecided>, DbErr> {
    let Some(app) = owned_application(db, establishment_id, id).await? else {
        return Ok(Err(NotDecided::Missing));
    };
    move_application(db, user_id, app, action, reason, today).await
}

/// Moves application `app` (whose reader was checked by the caller) by
/// `action` from the stage it is at; see [`advance`].
pub(crate) async fn move_application(
    db: &DatabaseConnection,
    user_id: i32,
    app: application::Model,
    action: ApplicationAction,
    reason: Option<RejectionReason>,
    today: NaiveDate,
) -> Result<Result<ApplicationStatus, NotDecided>, DbErr> {
    let id = app.id;
    let status: ApplicationStatus = app
        .status
        .parse()
        .map_err(|_| DbErr::Custom(format!("application {id}: bad status")))?;
    let Ok(next) = status.next(action) else {
        return Ok(Err(NotDecided::Final));
    };
    let result = matches!(next, ApplicationStatus::Hired | ApplicationStatus::NotHired);
    let txn = crate::begin_write(db).await?;
    let mut update = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(next.as_str()))
        .col_expr(application::Column::UpdatedAt, Expr::value(Utc::now()));
    if result {
        update = update
            .col_expr(application::Column::ResultSentOn, Expr::value(today))
            .col_expr(
                application::Column::ResultReason,
                Expr::value(reason.map(RejectionReason::as_str)),
            );
    }
    let changed = update
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(status.as_str()))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Ok(Err(NotDecided::Final));
    }
    if result {
        referral_letter::Entity::update_many()
            .col_expr(referral_letter::Column::Result, Expr::value(next.as_str()))
            .col_expr(referral_letter::Column::ResultOn, Expr::value(today))
            .filter(referral_letter::Column::ApplicationId.eq(id))
            .exec(&txn)
            .await?;
        // The seeker hears of it by e-mail (a link, never the result).
        if let Some(s) = crate::entity::seeker::Entity::find_by_id(app.seeker_id)
            .one(&txn)
            .await?
        {
            crate::jobs::enqueue(
                &txn,
                s.user_id,
                &format!("result-{id}"),
                &madoguchi_shared::mail::MailEvent::SelectionResult { application_id: id },
                Utc::now(),
            )
            .await?;
        }
    }
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Update,
        "application",
        id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(next))
}

/// Application `id` if it is to a posting of `establishment_id`.
async fn owned_application(
    db: &impl sea_orm::ConnectionTrait,
    establishment_id: i32,
    id: i32,
) -> Result<Option<application::Model>, DbErr> {
    let Some(app) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let owned = posting::Entity::find_by_id(app.posting_id)
        .one(db)
        .await?
        .is_some_and(|p| p.establishment_id == establishment_id);
    Ok(owned.then_some(app))
}

/// Moves application `id` on in the selection (書類選考, 面接) from the
/// stage it is at; refused once final.
pub async fn move_stage(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    action: ApplicationAction,
    today: NaiveDate,
) -> Result<Result<ApplicationStatus, NotDecided>, DbErr> {
    if !matches!(
        action,
        ApplicationAction::StartScreening
            | ApplicationAction::InviteToInterview
            | ApplicationAction::Offer
    ) {
        return Ok(Err(NotDecided::Final));
    }
    advance(db, user_id, establishment_id, id, action, None, today).await
}

/// The establishment's notes and rating of application `id`, newest note
/// first; `None` when it is not the establishment's.
pub async fn notes(
    db: &DatabaseConnection,
    establishment_id: i32,
    id: i32,
) -> Result<Option<madoguchi_shared::application::ApplicantNotes>, DbErr> {
    use crate::entity::{applicant_note, user_account};
    use madoguchi_shared::application::{ApplicantNote, ApplicantNotes};
    let Some(app) = owned_application(db, establishment_id, id).await? else {
        return Ok(None);
    };
    let rows = applicant_note::Entity::find()
        .filter(applicant_note::Column::ApplicationId.eq(id))
        .order_by_desc(applicant_note::Column::CreatedAt)
        .order_by_desc(applicant_note::Column::Id)
        .all(db)
        .await?;
    let authors = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(rows.iter().map(|n| n.author_user_id)))
        .all(db)
        .await?;
    Ok(Some(ApplicantNotes {
        rating: app.rating.and_then(|r| u8::try_from(r).ok()),
        notes: rows
            .into_iter()
            .map(|n| ApplicantNote {
                author: authors
                    .iter()
                    .find(|u| u.id == n.author_user_id)
                    .map(|u| u.display_name.clone())
                    .unwrap_or_default(),
                written_at: n.created_at.to_rfc3339(),
                body: n.body,
            })
            .collect(),
    }))
}

/// Adds a checked note to application `id`; whether it is the
/// establishment's.
pub async fn add_note(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    body: &str,
) -> Result<bool, DbErr> {
    use crate::entity::applicant_note;
    use sea_orm::ActiveValue::Set;
    if owned_application(db, establishment_id, id).await?.is_none() {
        return Ok(false);
    }
    applicant_note::Entity::insert(applicant_note::ActiveModel {
        application_id: Set(id),
        author_user_id: Set(user_id),
        body: Set(body.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(true)
}

/// Sets (or clears) the establishment's 1–5 rating of application `id`;
/// whether it is the establishment's.
pub async fn set_rating(
    db: &DatabaseConnection,
    establishment_id: i32,
    id: i32,
    rating: Option<u8>,
) -> Result<bool, DbErr> {
    if owned_application(db, establishment_id, id).await?.is_none() {
        return Ok(false);
    }
    application::Entity::update_many()
        .col_expr(
            application::Column::Rating,
            Expr::value(rating.map(i16::from)),
        )
        .filter(application::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(true)
}

/// What a bulk action did: how many applications moved, and the ids it
/// left as they were (not the establishment's, or not at a stage that
/// allows it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BulkOutcome {
    pub done: u32,
    pub skipped: Vec<i32>,
}

/// At most this many applications in one bulk action.
pub const MAX_BULK: usize = 100;

/// Moves each of `ids` to the next stage (`action`: screening, interview
/// or 内定) or sends each 不採用 with `reason`: each application in its
/// own transaction, only from a stage that allows it.
pub async fn bulk(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    ids: &[i32],
    action: ApplicationAction,
    reason: Option<RejectionReason>,
    today: NaiveDate,
) -> Result<BulkOutcome, DbErr> {
    let mut out = BulkOutcome::default();
    for &id in ids {
        let moved = match (action, reason) {
            (ApplicationAction::Reject, Some(r)) => {
                decide(
                    db,
                    user_id,
                    establishment_id,
                    id,
                    Decision::NotHired(r),
                    today,
                )
                .await?
            }
            (ApplicationAction::Reject, None) => Err(NotDecided::Final),
            _ => move_stage(db, user_id, establishment_id, id, action, today).await?,
        };
        match moved {
            Ok(_) => out.done += 1,
            Err(_) => out.skipped.push(id),
        }
    }
    Ok(out)
}
