//! オンラインハローワーク紹介 from the office's side: the recommendation
//! (after the confirmation with the employer), its expiry, the follow-up
//! of results and a result reported by telephone.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use madoguchi_shared::application::{ApplicationStatus, ReferralStatus};
use madoguchi_shared::message::AuditAction;
use madoguchi_shared::posting::PostingStatus;
use madoguchi_shared::seeker::SeekerKind;
use madoguchi_shared::staff::{Confirmation, FollowUpRow};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::employer::{Decision, NotDecided};
use crate::entity::{application, establishment, posting, referral, user_account};

/// Why a recommendation was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRecommended {
    /// Not a seeker of the office.
    SeekerMissing,
    /// Internet-only, or the registration is closed or ran out (rule 3).
    NotRegistered,
    PostingMissing,
    /// Not published, or past its 紹介期限日 (rule 4).
    PostingClosed,
    /// The employer does not take online referrals for it.
    NoReferral,
    /// The establishment has no MyPage (rule 3).
    NoMyPage,
    /// A waiting recommendation or an application exists already.
    Duplicate,
    /// The call was skipped outside the night or a Saturday.
    ConfirmationNeeded,
}

/// What staff send.
#[derive(Debug, Clone)]
pub struct Recommendation<'a> {
    pub seeker_id: i32,
    pub posting_id: i32,
    pub confirmation: Confirmation,
    /// 適合性判断 as staff wrote it.
    pub suitability: &'a str,
    pub deadline_days: u64,
}

/// Whether the telephone confirmation may be skipped at `now`: at night
/// (before 8:30 or from 17:15 in Japan) or on a Saturday.
pub fn may_skip(confirmation: Confirmation, now: DateTime<Utc>) -> bool {
    let japan = now + chrono::TimeDelta::hours(9);
    let minutes = japan.hour() * 60 + japan.minute();
    match confirmation {
        Confirmation::Confirmed => true,
        Confirmation::SkippedNight => !(8 * 60 + 30..17 * 60 + 15).contains(&minutes),
        Confirmation::SkippedSaturday => japan.weekday() == Weekday::Sat,
    }
}

/// Staff `actor` of office `office_id` recommend posting `r.posting_id`
/// to seeker `r.seeker_id`: the seeker must be the office's and registered,
/// the posting open, taking referrals, of an establishment with a MyPage,
/// and not recommended to or applied to by the seeker already. The
/// recommendation's id.
pub async fn recommend(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    r: Recommendation<'_>,
    now: DateTime<Utc>,
) -> Result<Result<i32, NotRecommended>, DbErr> {
    let today = madoguchi_shared::today_in_japan(now);
    let Some(s) = super::seekers::of_office(db, office_id, r.seeker_id).await? else {
        return Ok(Err(NotRecommended::SeekerMissing));
    };
    let registered = s
        .kind
        .parse::<SeekerKind>()
        .is_ok_and(SeekerKind::may_receive_referrals)
        && s.registration_active
        && s.registration_valid_until.is_some_and(|d| d >= today);
    if !registered {
        return Ok(Err(NotRecommended::NotRegistered));
    }
    let Some(p) = posting::Entity::find_by_id(r.posting_id).one(db).await? else {
        return Ok(Err(NotRecommended::PostingMissing));
    };
    if p.number.is_none() {
        return Ok(Err(NotRecommended::PostingMissing));
    }
    if p.status != PostingStatus::Published.as_str() || p.valid_until < today {
        return Ok(Err(NotRecommended::PostingClosed));
    }
    if !p.accepts_referral {
        return Ok(Err(NotRecommended::NoReferral));
    }
    let has_mypage = establishment::Entity::find_by_id(p.establishment_id)
        .one(db)
        .await?
        .is_some_and(|e| e.has_mypage);
    if !has_mypage {
        return Ok(Err(NotRecommended::NoMyPage));
    }
    if !may_skip(r.confirmation, now) {
        return Ok(Err(NotRecommended::ConfirmationNeeded));
    }
    let txn = crate::begin_write(db).await?;
    let waiting = referral::Entity::find()
        .filter(referral::Column::SeekerId.eq(s.id))
        .filter(referral::Column::PostingId.eq(p.id))
        .filter(referral::Column::Status.eq(ReferralStatus::Recommended.as_str()))
        .filter(referral::Column::Deadline.gte(today))
        .count(&txn)
        .await?;
    if waiting > 0 || crate::apply::has_applied(&txn, s.id, p.id).await? {
        return Ok(Err(NotRecommended::Duplicate));
    }
    let confirmed = r.confirmation == Confirmation::Confirmed;
    let id = referral::Entity::insert(referral::ActiveModel {
        seeker_id: Set(s.id),
        posting_id: Set(p.id),
        office_id: Set(office_id),
        staff_user_id: Set(actor),
        status: Set(ReferralStatus::Recommended.as_str().to_owned()),
        suitability: Set(r.suitability.to_owned()),
        deadline: Set(today + chrono::Days::new(r.deadline_days)),
        employer_confirmed_at: Set(confirmed.then_some(now)),
        confirmation_note: Set(r.confirmation.note().map(str::to_owned)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    crate::audit::record(
        &txn,
        Some(actor),
        AuditAction::Create,
        "referral",
        id.into(),
    )
    .await?;
    crate::jobs::enqueue(
        &txn,
        s.user_id,
        &format!("recommendation-{id}"),
        &madoguchi_shared::mail::MailEvent::Recommendation {
            deadline: (today + chrono::Days::new(r.deadline_days)).to_string(),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(id))
}

/// The id of the posting numbered `number`.
pub async fn posting_of_number(
    db: &DatabaseConnection,
    number: &str,
) -> Result<Option<i32>, DbErr> {
    Ok(crate::posting::by_number(db, number).await?.map(|p| p.id))
}

/// Marks every waiting recommendation whose deadline has passed as
/// expired; the number changed. One statement, so any number of app
/// servers may run it at once: each row changes once, and the seeker's
/// side already reads a passed deadline as expired before the job runs.
pub async fn expire_due(db: &DatabaseConnection, today: NaiveDate) -> Result<u64, DbErr> {
    let done = referral::Entity::update_many()
        .col_expr(
            referral::Column::Status,
            Expr::value(ReferralStatus::Expired.as_str()),
        )
        .col_expr(referral::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(referral::Column::Status.eq(ReferralStatus::Recommended.as_str()))
        .filter(referral::Column::Deadline.lt(today))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Referrals of office `office_id` established at least `days` days ago
/// (counted from the interview once one is set) without a 採否 result,
/// oldest first; only staff member `staff`'s when given.
pub async fn follow_up(
    db: &DatabaseConnection,
    office_id: i32,
    staff: Option<i32>,
    days: u64,
    today: NaiveDate,
) -> Result<Vec<FollowUpRow>, DbErr> {
    let mut q = referral::Entity::find()
        .filter(referral::Column::OfficeId.eq(office_id))
        .filter(referral::Column::Status.eq(ReferralStatus::Established.as_str()));
    if let Some(staff) = staff {
        q = q.filter(referral::Column::StaffUserId.eq(staff));
    }
    let referrals = q.all(db).await?;
    let apps = application::Entity::find()
        .filter(application::Column::ReferralId.is_in(referrals.iter().map(|r| r.id)))
        .all(db)
        .await?;
    let waiting: Vec<application::Model> = apps
        .into_iter()
        .filter(|a| {
            a.status
                .parse::<ApplicationStatus>()
                .is_ok_and(|s| !s.is_final())
        })
        .filter(|a| waiting_days(a, today) >= days as i64)
        .collect();
    let staff_names = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(referrals.iter().map(|r| r.staff_user_id)))
        .all(db)
        .await?;
    let used: Vec<referral::Model> = referrals
        .into_iter()
        .filter(|r| waiting.iter().any(|a| a.referral_id == Some(r.id)))
        .collect();
    let days_of: Vec<(i32, i64)> = waiting
        .iter()
        .map(|a| (a.id, waiting_days(a, today)))
        .collect();
    let entries = super::ledger::entries(db, used.clone(), waiting).await?;
    let mut out: Vec<FollowUpRow> = entries
        .into_iter()
        .map(|entry| {
            let staff_name = used
                .iter()
                .find(|r| Some(r.id) == entry.referral_id)
                .and_then(|r| staff_names.iter().find(|u| u.id == r.staff_user_id))
                .map(|u| u.display_name.clone())
                .unwrap_or_default();
            let days_waiting = days_of
                .iter()
                .find(|(id, _)| Some(*id) == entry.application_id)
                .map_or(0, |(_, d)| *d);
            FollowUpRow {
                entry,
                staff_name,
                days_waiting,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.staff_name, std::cmp::Reverse(a.days_waiting))
            .cmp(&(&b.staff_name, std::cmp::Reverse(b.days_waiting)))
    });
    Ok(out)
}

/// Days since the application, or since the interview once one is set.
fn waiting_days(a: &application::Model, today: NaiveDate) -> i64 {
    let from = a
        .interview_at
        .as_deref()
        .and_then(|s| s.get(..10))
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .unwrap_or_else(|| madoguchi_shared::today_in_japan(a.created_at));
    (today - from).num_days()
}

/// Staff `actor` of office `office_id` record the 採否 result of referral
/// application `id` that the employer reported by telephone: the same
/// change as the employer's own (status, date, the letter's reply part).
pub async fn record_result(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    id: i32,
    decision: Decision,
    today: NaiveDate,
) -> Result<Result<ApplicationStatus, NotDecided>, DbErr> {
    let Some(app) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(Err(NotDecided::Missing));
    };
    let ours = match app.referral_id {
        Some(rid) => referral::Entity::find_by_id(rid)
            .one(db)
            .await?
            .is_some_and(|r| r.office_id == office_id),
        None => false,
    };
    if !ours {
        return Ok(Err(NotDecided::Missing));
    }
    let (action, reason) = decision.action();
    crate::employer::move_application(db, actor, app, action, reason, today).await
}
