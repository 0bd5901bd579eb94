//! 応募者管理 on the employer's MyPage: the applications to one
//! establishment's postings, and the 採否 result. Every function takes the
//! establishment of the logged-in user and touches nothing outside it.

use chrono::{Days, NaiveDate, Utc};
use madoguchi_shared::application::{
    ApplicantPage, ApplicantRow, ApplicationAction, ApplicationMethod, ApplicationStatus,
    RESULT_OVERDUE_DAYS, RejectionReason,
};
use madoguchi_shared::message::AuditAction;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TransactionTrait,
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
    /// From 1.
    pub page: u64,
}

fn like(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The applicants of establishment `establishment_id`, newest first.
pub async fn applicants(
    db: &DatabaseConnection,
    establishment_id: i32,
    filter: &ApplicantFilter,
    today: NaiveDate,
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
        let pattern = like(name);
        query = query.filter(
            application::Column::SeekerId.in_subquery(
                Query::select()
                    .column(seeker::Column::Id)
                    .from(seeker::Entity)
                    .cond_where(
                        sea_orm::Condition::any()
                            .add(
                                Expr::col(seeker::Column::Name)
                                    .like(LikeExpr::new(pattern.as_str()).escape('\\')),
                            )
                            .add(
                                Expr::col(seeker::Column::NameKana)
                                    .like(LikeExpr::new(pattern.as_str()).escape('\\')),
                            ),
                    )
                    .to_owned(),
            ),
        );
    }
    let pages = query
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
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
    let overdue_before = today - Days::new(RESULT_OVERDUE_DAYS);
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
        rows.push(ApplicantRow {
            id: a.id,
            posting_number: p.number.clone(),
            posting_title: p.title.clone(),
            seeker_name: s.name.clone(),
            method: a.method.parse().map_err(|_| corrupt("method"))?,
            status,
            applied_on,
            overdue: !status.is_final() && applied_on < overdue_before,
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
    let Some(app) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(Err(NotDecided::Missing));
    };
    let owned = posting::Entity::find_by_id(app.posting_id)
        .one(db)
        .await?
        .is_some_and(|p| p.establishment_id == establishment_id);
    if !owned {
        return Ok(Err(NotDecided::Missing));
    }
    let status: ApplicationStatus = app
        .status
        .parse()
        .map_err(|_| DbErr::Custom(format!("application {id}: bad status")))?;
    let (action, reason) = match decision {
        Decision::Hired => (ApplicationAction::Hire, None),
        Decision::NotHired(r) => (ApplicationAction::Reject, Some(r.as_str())),
    };
    let Ok(next) = status.next(action) else {
        return Ok(Err(NotDecided::Final));
    };
    let txn = db.begin().await?;
    let changed = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(next.as_str()))
        .col_expr(application::Column::ResultSentOn, Expr::value(today))
        .col_expr(application::Column::ResultReason, Expr::value(reason))
        .col_expr(application::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(status.as_str()))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Ok(Err(NotDecided::Final));
    }
    referral_letter::Entity::update_many()
        .col_expr(referral_letter::Column::Result, Expr::value(next.as_str()))
        .col_expr(referral_letter::Column::ResultOn, Expr::value(today))
        .filter(referral_letter::Column::ApplicationId.eq(id))
        .exec(&txn)
        .await?;
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
