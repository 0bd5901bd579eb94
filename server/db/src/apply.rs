//! オンライン自主応募: a seeker applies to a posting directly (DOMAIN.md
//! rules 1, 2 and 4), once per posting.

use chrono::{NaiveDate, Utc};
use madoguchi_shared::application::{ApplicationMethod, ApplicationStatus};
use madoguchi_shared::posting::{EmploymentType, WorkArrangement, self_application_allowed};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, SqlErr,
};

use crate::account::seeker_of;
use crate::entity::{application, posting};
use crate::posting::publicly_open;

/// Rule 1 for a stored posting; a code that does not read counts as
/// dispatch, which never accepts.
fn accepts_self_application(p: &posting::Model) -> bool {
    self_application_allowed(
        p.accepts_self_application,
        p.arrangement.parse().unwrap_or(WorkArrangement::Dispatch),
        p.employment_type
            .parse()
            .unwrap_or(EmploymentType::DispatchFixedTerm),
        p.workplace_named,
    )
    .is_ok()
}

/// Why a self-application was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    NotASeeker,
    /// Unknown, hidden, closed or past its 紹介期限日.
    NoOpenPosting,
    /// Rule 1: the posting does not take online self-applications.
    NotAccepting,
    /// The seeker has applied to this posting before.
    AlreadyApplied,
}

/// What the seeker sends: checked text, and the key the browser made for
/// this submission (a retried send with the same key applies once).
pub struct SelfApplication<'a> {
    pub number: &'a str,
    pub motivation: &'a str,
    pub idempotency_key: &'a str,
}

/// Applies for the seeker whose account is `user_id`; the id of the
/// application (the earlier one when the same key is sent again).
pub async fn self_apply(
    db: &impl ConnectionTrait,
    user_id: i32,
    form: SelfApplication<'_>,
    today: NaiveDate,
) -> Result<Result<i32, Refused>, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Err(Refused::NotASeeker));
    };
    if let Some(earlier) = application::Entity::find()
        .filter(application::Column::IdempotencyKey.eq(form.idempotency_key))
        .one(db)
        .await?
    {
        return Ok(if earlier.seeker_id == seeker_id {
            Ok(earlier.id)
        } else {
            Err(Refused::AlreadyApplied)
        });
    }
    let Some(p) = posting::Entity::find()
        .filter(posting::Column::Number.eq(form.number))
        .filter(publicly_open(today))
        .one(db)
        .await?
    else {
        return Ok(Err(Refused::NoOpenPosting));
    };
    if !accepts_self_application(&p) {
        return Ok(Err(Refused::NotAccepting));
    }
    let before = application::Entity::find()
        .filter(application::Column::SeekerId.eq(seeker_id))
        .filter(application::Column::PostingId.eq(p.id))
        .count(db)
        .await?;
    if before > 0 {
        return Ok(Err(Refused::AlreadyApplied));
    }
    let now = Utc::now();
    // Two sends at once: the unique index on (seeker, posting) keeps one.
    let inserted = application::Entity::insert(application::ActiveModel {
        seeker_id: Set(seeker_id),
        posting_id: Set(p.id),
        referral_id: Set(None),
        method: Set(ApplicationMethod::SelfApplication.as_str().to_owned()),
        status: Set(ApplicationStatus::Applied.as_str().to_owned()),
        motivation: Set(form.motivation.to_owned()),
        idempotency_key: Set(Some(form.idempotency_key.to_owned())),
        result_sent_on: Set(None),
        interview_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await;
    match inserted {
        Ok(row) => Ok(Ok(row.last_insert_id)),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Ok(Err(Refused::AlreadyApplied))
        }
        Err(e) => Err(e),
    }
}

/// The application history of the seeker whose account is `user_id`,
/// newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<madoguchi_shared::application::ApplicationItem>, DbErr> {
    use sea_orm::QueryOrder;
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Vec::new());
    };
    let apps = application::Entity::find()
        .filter(application::Column::SeekerId.eq(seeker_id))
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = apps.iter().map(|a| a.posting_id).collect();
    let postings = posting::Entity::find()
        .filter(posting::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let corrupt = |id: i32, what: &str| DbErr::Custom(format!("application {id}: bad {what}"));
    let mut out = Vec::with_capacity(apps.len());
    for a in apps {
        let Some(p) = postings.iter().find(|p| p.id == a.posting_id) else {
            continue;
        };
        out.push(madoguchi_shared::application::ApplicationItem {
            id: a.id,
            posting_number: p.number.clone().unwrap_or_default(),
            posting_title: p.title.clone(),
            establishment_name: p.establishment_name.clone(),
            method: a.method.parse().map_err(|_| corrupt(a.id, "method"))?,
            status: a.status.parse().map_err(|_| corrupt(a.id, "status"))?,
            applied_on: madoguchi_shared::today_in_japan(a.created_at),
        });
    }
    Ok(out)
}

/// A fresh key for one application form: 32 hex digits from the
/// operating system's random source.
pub fn new_submission_key() -> String {
    use rand::TryRngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system provides random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the application form shows of posting `number` to the seeker
/// whose account is `user_id`: its title and establishment, whether it
/// takes self-applications (rule 1) and whether the seeker has applied.
pub struct FormState {
    pub title: String,
    pub establishment: Option<String>,
    pub accepts: bool,
    pub applied: bool,
}

/// `None` when no open public posting has the number.
pub async fn form_state(
    db: &impl ConnectionTrait,
    user_id: i32,
    number: &str,
    today: NaiveDate,
) -> Result<Option<FormState>, DbErr> {
    use madoguchi_shared::posting::Disclosure;
    let Some(p) = posting::Entity::find()
        .filter(posting::Column::Number.eq(number))
        .filter(publicly_open(today))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let applied = match seeker_of(db, user_id).await? {
        Some(seeker_id) => {
            application::Entity::find()
                .filter(application::Column::SeekerId.eq(seeker_id))
                .filter(application::Column::PostingId.eq(p.id))
                .count(db)
                .await?
                > 0
        }
        None => false,
    };
    let accepts = accepts_self_application(&p);
    Ok(Some(FormState {
        establishment: (p.disclosure == Disclosure::Public.number())
            .then(|| p.establishment_name.clone()),
        title: p.title,
        accepts,
        applied,
    }))
}

/// Why a withdrawal was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWithdrawn {
    /// Not the seeker's application, or no such application.
    Missing,
    /// Decided already (採用, 不採用, 辞退, 取消).
    Decided,
}

/// 辞退: the seeker whose account is `user_id` withdraws their own
/// application `id` while it is still open.
pub async fn withdraw(
    db: &impl ConnectionTrait,
    user_id: i32,
    id: i32,
) -> Result<Result<(), NotWithdrawn>, DbErr> {
    use madoguchi_shared::application::ApplicationAction;
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Err(NotWithdrawn::Missing));
    };
    let Some(app) = application::Entity::find_by_id(id)
        .filter(application::Column::SeekerId.eq(seeker_id))
        .one(db)
        .await?
    else {
        return Ok(Err(NotWithdrawn::Missing));
    };
    let status: ApplicationStatus = app
        .status
        .parse()
        .map_err(|_| DbErr::Custom(format!("application {id}: bad status")))?;
    let Ok(next) = status.next(ApplicationAction::Withdraw) else {
        return Ok(Err(NotWithdrawn::Decided));
    };
    // Only from the status read: a decision made meanwhile wins.
    let changed = application::Entity::update_many()
        .col_expr(
            application::Column::Status,
            sea_orm::sea_query::Expr::value(next.as_str()),
        )
        .col_expr(
            application::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(status.as_str()))
        .exec(db)
        .await?;
    Ok(if changed.rows_affected == 1 {
        Ok(())
    } else {
        Err(NotWithdrawn::Decided)
    })
}
