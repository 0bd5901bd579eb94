//! オンライン自主応募: a seeker applies to a posting directly (docs/domain.md
//! rules 1, 2 and 4), once per posting.

use chrono::{NaiveDate, Utc};
use madoguchi_shared::application::{ApplicationMethod, ApplicationStatus};
use madoguchi_shared::document::{DocumentKind, DocumentType};
use madoguchi_shared::posting::{EmploymentType, WorkArrangement, self_application_allowed};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, SqlErr,
};

use crate::account::seeker_of;
use crate::entity::{application, application_document, posting};
use crate::posting::publicly_open;

/// Rule 1 for a stored posting; a code that does not read counts as
/// dispatch, which never accepts.
pub(crate) fn accepts_self_application(p: &posting::Model) -> bool {
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
    /// The documents would pass what one account may store.
    FilesFull,
}

/// Whether the documents fit in what the account `user_id` may store
/// (docs/domain.md, "Files"); asked inside the writing transaction.
pub(crate) async fn documents_fit(
    txn: &impl ConnectionTrait,
    user_id: i32,
    documents: &[StoredDocument],
) -> Result<bool, DbErr> {
    let adding = documents.iter().map(|d| d.byte_size).sum();
    Ok(crate::quota::check(txn, user_id, None, adding)
        .await?
        .is_none())
}

/// A document already written to the document folder under
/// `storage_name`, checked by content, to be recorded with an application.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    pub kind: DocumentKind,
    pub file_type: DocumentType,
    pub byte_size: i64,
    pub storage_name: String,
}

/// What the seeker sends: checked text, the documents written already, and
/// the key the browser made for this submission (a retried send with the
/// same key applies once).
pub struct SelfApplication<'a> {
    pub number: &'a str,
    pub motivation: &'a str,
    pub idempotency_key: &'a str,
    pub documents: &'a [StoredDocument],
}

/// An application made, or found made by an earlier send of the same key
/// (then nothing new was written, documents included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub id: i32,
    pub repeated: bool,
}

/// The application an earlier send of the same key made: `Ok` for the
/// same seeker, refused for anyone else.
pub(crate) async fn earlier_send(
    db: &impl ConnectionTrait,
    seeker_id: i32,
    key: &str,
) -> Result<Option<Result<Applied, ()>>, DbErr> {
    Ok(application::Entity::find()
        .filter(application::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?
        .map(|earlier| {
            if earlier.seeker_id == seeker_id {
                Ok(Applied {
                    id: earlier.id,
                    repeated: true,
                })
            } else {
                Err(())
            }
        }))
}

/// Applies for the seeker whose account is `user_id`; the id of the
/// application (the earlier one when the same key is sent again). The
/// application and its documents are written in one transaction.
pub async fn self_apply(
    db: &DatabaseConnection,
    user_id: i32,
    form: SelfApplication<'_>,
    today: NaiveDate,
) -> Result<Result<Applied, Refused>, DbErr> {
    let Some(seeker_id) = seeker_of(db, user_id).await? else {
        return Ok(Err(Refused::NotASeeker));
    };
    if let Some(earlier) = earlier_send(db, seeker_id, form.idempotency_key).await? {
        return Ok(earlier.map_err(|()| Refused::AlreadyApplied));
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
    if has_applied(db, seeker_id, p.id).await? {
        return Ok(Err(Refused::AlreadyApplied));
    }
    let txn = crate::begin_write(db).await?;
    if !documents_fit(&txn, user_id, form.documents).await? {
        return Ok(Err(Refused::FilesFull));
    }
    let new = NewApplication {
        seeker_id,
        posting_id: p.id,
        referral_id: None,
        method: ApplicationMethod::SelfApplication,
        motivation: form.motivation,
        idempotency_key: form.idempotency_key,
        documents: form.documents,
    };
    match insert_application(&txn, new).await? {
        Some(id) => {
            txn.commit().await?;
            Ok(Ok(Applied {
                id,
                repeated: false,
            }))
        }
        None => Ok(Err(Refused::AlreadyApplied)),
    }
}

pub(crate) async fn has_applied(
    db: &impl ConnectionTrait,
    seeker_id: i32,
    posting_id: i32,
) -> Result<bool, DbErr> {
    Ok(application::Entity::find()
        .filter(application::Column::SeekerId.eq(seeker_id))
        .filter(application::Column::PostingId.eq(posting_id))
        .count(db)
        .await?
        > 0)
}

pub(crate) struct NewApplication<'a> {
    pub seeker_id: i32,
    pub posting_id: i32,
    pub referral_id: Option<i32>,
    pub method: ApplicationMethod,
    pub motivation: &'a str,
    pub idempotency_key: &'a str,
    pub documents: &'a [StoredDocument],
}

/// Writes an application and its documents; `None` when the seeker has
/// applied to the posting meanwhile (two sends at once: the unique index
/// on seeker and posting keeps one).
pub(crate) async fn insert_application(
    txn: &DatabaseTransaction,
    new: NewApplication<'_>,
) -> Result<Option<i32>, DbErr> {
    let now = Utc::now();
    let inserted = application::Entity::insert(application::ActiveModel {
        seeker_id: Set(new.seeker_id),
        posting_id: Set(new.posting_id),
        referral_id: Set(new.referral_id),
        method: Set(new.method.as_str().to_owned()),
        status: Set(ApplicationStatus::Applied.as_str().to_owned()),
        motivation: Set(new.motivation.to_owned()),
        idempotency_key: Set(Some(new.idempotency_key.to_owned())),
        result_sent_on: Set(None),
        interview_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await;
    let id = match inserted {
        Ok(row) => row.last_insert_id,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    for d in new.documents {
        application_document::Entity::insert(application_document::ActiveModel {
            application_id: Set(id),
            kind: Set(d.kind.as_str().to_owned()),
            content_type: Set(d.file_type.as_str().to_owned()),
            byte_size: Set(d.byte_size),
            storage_path: Set(d.storage_name.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(Some(id))
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
    let letters: Vec<i32> = crate::entity::referral_letter::Entity::find()
        .filter(
            crate::entity::referral_letter::Column::ApplicationId.is_in(apps.iter().map(|a| a.id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.application_id)
        .collect();
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
            has_letter: letters.contains(&a.id),
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
        Some(seeker_id) => has_applied(db, seeker_id, p.id).await?,
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
