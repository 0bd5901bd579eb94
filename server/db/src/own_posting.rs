//! An establishment's own postings: the list, the editor's drafts,
//! submitting for acceptance, copying, closing, extending, withdrawing and
//! the self-application switch; and staff's acceptance (受理) or sending
//! back. Every employer function takes the logged-in user's establishment
//! and touches nothing outside it; every change is one transaction, made
//! only from the status it was checked in (a change made meanwhile wins),
//! written to the audit log and, where the public may see the posting, to
//! the search outbox.

use chrono::{NaiveDate, Utc};
use madoguchi_shared::lint::{Finding, lint};
use madoguchi_shared::message::AuditAction;
use madoguchi_shared::posting::{
    EditorData, OwnPosting, PostingAction, PostingForm, PostingStatus, SelfApplicationBlock,
    default_valid_until, extension, self_application_allowed,
};
use madoguchi_shared::prefecture::Prefecture;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entity::{application, establishment, office, posting};
use crate::posting::{record_of, write_fields};

/// Why a change to a posting was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not a posting of this establishment (or of this office, for staff).
    Missing,
    /// Not possible in the posting's present status.
    NotNow,
    /// The form does not read, or the linter found what must change.
    Findings(Vec<Finding>),
    /// docs/domain.md rule 1.
    SelfApplication(SelfApplicationBlock),
    /// Not in the last month of its validity, or not published.
    NotExtendable,
}

pub type Outcome<T> = Result<Result<T, Refused>, DbErr>;

fn status_of(row: &posting::Model) -> Result<PostingStatus, DbErr> {
    row.status
        .parse()
        .map_err(|_| DbErr::Custom(format!("posting {}: bad status", row.id)))
}

async fn owned(
    db: &impl ConnectionTrait,
    establishment_id: i32,
    id: i32,
) -> Result<Option<posting::Model>, DbErr> {
    posting::Entity::find_by_id(id)
        .filter(posting::Column::EstablishmentId.eq(establishment_id))
        .one(db)
        .await
}

/// Posting `id` of office `office_id`'s area (staff's reach).
async fn office_posting(
    db: &impl ConnectionTrait,
    office_id: i32,
    id: i32,
) -> Result<Option<posting::Model>, DbErr> {
    posting::Entity::find_by_id(id)
        .filter(posting::Column::OfficeId.eq(office_id))
        .one(db)
        .await
}

/// The posting found, its status and the status `action` leads to; or
/// why not (not found, or not possible from its status).
type Move = (posting::Model, PostingStatus, PostingStatus);

fn movable(
    found: Option<posting::Model>,
    action: PostingAction,
) -> Result<Result<Move, Refused>, DbErr> {
    let Some(row) = found else {
        return Ok(Err(Refused::Missing));
    };
    let status = status_of(&row)?;
    Ok(match status.next(action) {
        Ok(next) => Ok((row, status, next)),
        Err(_) => Err(Refused::NotNow),
    })
}

async fn establishment_of(
    db: &impl ConnectionTrait,
    establishment_id: i32,
) -> Result<establishment::Model, DbErr> {
    establishment::Entity::find_by_id(establishment_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("establishment {establishment_id}")))
}

/// The establishment's postings, the most recently changed first.
pub async fn list(
    db: &DatabaseConnection,
    establishment_id: i32,
    today: NaiveDate,
) -> Result<Vec<OwnPosting>, DbErr> {
    #[derive(FromQueryResult)]
    struct Count {
        posting_id: i32,
        n: i64,
    }
    let rows = posting::Entity::find()
        .filter(posting::Column::EstablishmentId.eq(establishment_id))
        .order_by_desc(posting::Column::UpdatedAt)
        .order_by_desc(posting::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let counts: std::collections::HashMap<i32, i64> = application::Entity::find()
        .select_only()
        .column(application::Column::PostingId)
        .column_as(application::Column::Id.count(), "n")
        .filter(application::Column::PostingId.is_in(ids))
        .group_by(application::Column::PostingId)
        .into_model::<Count>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.posting_id, c.n))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut status = status_of(&row)?;
        if status == PostingStatus::Published && row.valid_until < today {
            status = PostingStatus::Expired;
        }
        let block = self_application_allowed(
            true,
            row.arrangement
                .parse()
                .unwrap_or(madoguchi_shared::posting::WorkArrangement::Dispatch),
            row.employment_type
                .parse()
                .unwrap_or(madoguchi_shared::posting::EmploymentType::DispatchFixedTerm),
            row.workplace_named,
        )
        .err();
        out.push(OwnPosting {
            id: row.id,
            number: row.number.as_deref().and_then(|n| n.parse().ok()),
            title: row.title,
            status,
            review_note: row.review_note,
            accepted_on: row.accepted_on,
            valid_until: row.valid_until,
            extend_to: extension(status, row.valid_until, today)
                .map(madoguchi_shared::date::to_iso),
            accepts_self_application: row.accepts_self_application,
            self_application_block: block,
            applicants: counts.get(&row.id).copied().unwrap_or(0) as u32,
        });
    }
    Ok(out)
}

/// What the editor opens with: a stored posting of the establishment, or
/// (`id` `None`) a new one with the establishment's place filled in.
pub async fn editor(
    db: &DatabaseConnection,
    establishment_id: i32,
    id: Option<i32>,
    today: NaiveDate,
) -> Result<Option<EditorData>, DbErr> {
    let est = establishment_of(db, establishment_id).await?;
    let Some(id) = id else {
        let prefecture = u8::try_from(est.prefecture_code)
            .ok()
            .and_then(Prefecture::from_code)
            .ok_or_else(|| DbErr::Custom(format!("establishment {}: bad prefecture", est.id)))?;
        return Ok(Some(EditorData {
            id: None,
            status: PostingStatus::Draft,
            number: None,
            review_note: None,
            establishment: est.name,
            form: PostingForm::new_for(prefecture, &est.city),
            today,
        }));
    };
    let Some(row) = owned(db, establishment_id, id).await? else {
        return Ok(None);
    };
    let review_note = row.review_note.clone();
    let record = record_of(row)?;
    Ok(Some(EditorData {
        id: Some(id),
        status: record.status,
        number: record.number,
        review_note,
        establishment: est.name,
        form: PostingForm::from_posting(&record),
        today,
    }))
}

/// Posting `id` of the establishment as its public page will show it.
pub async fn preview(
    db: &DatabaseConnection,
    establishment_id: i32,
    id: i32,
) -> Result<Option<madoguchi_shared::records::Posting>, DbErr> {
    owned(db, establishment_id, id)
        .await?
        .map(record_of)
        .transpose()
}

/// Posting `id` as staff of office `office_id` review it (their office's
/// postings only).
pub async fn preview_for_office(
    db: &DatabaseConnection,
    office_id: i32,
    id: i32,
) -> Result<Option<madoguchi_shared::records::Posting>, DbErr> {
    office_posting(db, office_id, id)
        .await?
        .map(record_of)
        .transpose()
}

/// Saves the editor's form. Without `id` a new draft (仮登録) is made;
/// a draft or a posting sent back keeps its status; a published posting
/// whose terms change goes back to review, and only when the linter is
/// quiet. Answers the posting's id and status.
pub async fn save(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: Option<i32>,
    form: &PostingForm,
    today: NaiveDate,
) -> Outcome<(i32, PostingStatus)> {
    let est = establishment_of(db, establishment_id).await?;
    let now = Utc::now();
    let Some(id) = id else {
        let p = match form.read(PostingStatus::Draft, &est.name, today) {
            Ok(p) => p,
            Err(findings) => return Ok(Err(Refused::Findings(findings))),
        };
        let txn = crate::begin_write(db).await?;
        let mut row = posting::ActiveModel {
            office_id: Set(est.office_id),
            establishment_id: Set(est.id),
            number: Set(None),
            status: Set(PostingStatus::Draft.as_str().to_owned()),
            establishment_name: Set(est.name.clone()),
            accepts_self_application: Set(false),
            review_note: Set(None),
            accepted_on: Set(today),
            valid_until: Set(today),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        write_fields(&mut row, &p);
        let row = row.insert(&txn).await?;
        crate::audit::record(
            &txn,
            Some(user_id),
            AuditAction::Create,
            "posting",
            row.id.into(),
        )
        .await?;
        txn.commit().await?;
        return Ok(Ok((row.id, PostingStatus::Draft)));
    };
    let Some(row) = owned(db, establishment_id, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    let status = status_of(&row)?;
    if !status.editable() {
        return Ok(Err(Refused::NotNow));
    }
    let p = match form.read(status, &est.name, today) {
        Ok(p) => p,
        Err(findings) => return Ok(Err(Refused::Findings(findings))),
    };
    let next = if status == PostingStatus::Published {
        let findings = lint(&p, today);
        if !findings.is_empty() {
            return Ok(Err(Refused::Findings(findings)));
        }
        let before = record_of(row.clone())?;
        let mut unchanged = p.clone();
        unchanged.number = before.number;
        unchanged.accepted_on = before.accepted_on;
        unchanged.valid_until = before.valid_until;
        unchanged.accepts_self_application = before.accepts_self_application;
        if unchanged == before {
            return Ok(Ok((id, status)));
        }
        status
            .next(PostingAction::ChangeTerms)
            .map_err(|e| DbErr::Custom(e.to_string()))?
    } else {
        status
    };
    let mut update: posting::ActiveModel = row.into();
    write_fields(&mut update, &p);
    update.establishment_name = Set(est.name);
    update.status = Set(next.as_str().to_owned());
    update.updated_at = Set(now);
    let update = posting::Entity::update_many().set(update);
    let public = status == PostingStatus::Published;
    Ok(commit(db, user_id, id, status, update, public)
        .await?
        .map(|()| (id, next)))
}

/// Applies `update` to posting `id` if it is still at status `from`, in
/// one transaction with its audit entry and, where the public saw or will
/// see the change (`public`), the search outbox.
async fn commit(
    db: &DatabaseConnection,
    user_id: i32,
    id: i32,
    from: PostingStatus,
    update: sea_orm::UpdateMany<posting::Entity>,
    public: bool,
) -> Outcome<()> {
    let txn = crate::begin_write(db).await?;
    let changed = update
        .filter(posting::Column::Id.eq(id))
        .filter(posting::Column::Status.eq(from.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Ok(Err(Refused::NotNow));
    }
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Update,
        "posting",
        id.into(),
    )
    .await?;
    if public {
        crate::search::record_change(&txn, id).await?;
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Moves posting `id` from `from` to `to` with `more` columns set (see
/// [`commit`]).
async fn transition(
    db: &DatabaseConnection,
    user_id: i32,
    row: &posting::Model,
    from: PostingStatus,
    to: PostingStatus,
    more: Vec<(posting::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Outcome<PostingStatus> {
    let mut update = posting::Entity::update_many()
        .col_expr(posting::Column::Status, Expr::value(to.as_str()))
        .col_expr(posting::Column::UpdatedAt, Expr::value(Utc::now()));
    for (column, value) in more {
        update = update.col_expr(column, value);
    }
    let public = from == PostingStatus::Published || to == PostingStatus::Published;
    Ok(commit(db, user_id, row.id, from, update, public)
        .await?
        .map(|()| to))
}

/// Submits a draft or a posting sent back for staff acceptance, when the
/// linter is quiet.
pub async fn submit(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    today: NaiveDate,
) -> Outcome<PostingStatus> {
    let (row, status, next) = match movable(
        owned(db, establishment_id, id).await?,
        PostingAction::Submit,
    )? {
        Ok(m) => m,
        Err(refused) => return Ok(Err(refused)),
    };
    let findings = lint(&record_of(row.clone())?, today);
    if !findings.is_empty() {
        return Ok(Err(Refused::Findings(findings)));
    }
    transition(db, user_id, &row, status, next, Vec::new()).await
}

/// Closes a published posting as filled (充足), or withdraws (取消) one
/// not yet closed.
pub async fn end(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    action: PostingAction,
) -> Outcome<PostingStatus> {
    debug_assert!(matches!(
        action,
        PostingAction::Close | PostingAction::Withdraw
    ));
    let (row, status, next) = match movable(owned(db, establishment_id, id).await?, action)? {
        Ok(m) => m,
        Err(refused) => return Ok(Err(refused)),
    };
    let off = vec![(posting::Column::AcceptsSelfApplication, Expr::value(false))];
    transition(db, user_id, &row, status, next, off).await
}

/// Extends a published posting in the last month of its validity to the
/// last day of the month after next.
pub async fn extend(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    today: NaiveDate,
) -> Outcome<NaiveDate> {
    let Some(row) = owned(db, establishment_id, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    let status = status_of(&row)?;
    let Some(to) = extension(status, row.valid_until, today) else {
        return Ok(Err(Refused::NotExtendable));
    };
    let more = vec![(posting::Column::ValidUntil, Expr::value(to))];
    Ok(transition(db, user_id, &row, status, status, more)
        .await?
        .map(|_| to))
}

/// A new draft with everything the posting `id` says (not its number,
/// dates, review note or self-application switch).
pub async fn copy(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    today: NaiveDate,
) -> Outcome<i32> {
    let Some(row) = owned(db, establishment_id, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    let form = PostingForm::from_posting(&record_of(row)?);
    Ok(save(db, user_id, establishment_id, None, &form, today)
        .await?
        .map(|(id, _)| id))
}

/// Switches online self-application on or off (docs/domain.md rule 1: never
/// for dispatch or contracting, nor where the workplace is not named).
pub async fn set_self_application(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
    on: bool,
) -> Outcome<bool> {
    let Some(row) = owned(db, establishment_id, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    let status = status_of(&row)?;
    if matches!(
        status,
        PostingStatus::Closed | PostingStatus::Withdrawn | PostingStatus::Expired
    ) {
        return Ok(Err(Refused::NotNow));
    }
    if on {
        let record = record_of(row.clone())?;
        if let Err(block) = self_application_allowed(
            true,
            record.arrangement,
            record.employment,
            record.workplace_named,
        ) {
            return Ok(Err(Refused::SelfApplication(block)));
        }
    }
    let more = vec![(posting::Column::AcceptsSelfApplication, Expr::value(on))];
    Ok(transition(db, user_id, &row, status, status, more)
        .await?
        .map(|_| on))
}

/// A posting waiting for acceptance, as staff list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub id: i32,
    pub title: String,
    pub establishment: String,
    pub submitted_at: chrono::DateTime<Utc>,
    pub findings: Vec<Finding>,
}

/// The postings of office `office_id`'s area waiting for acceptance,
/// oldest first, with the linter's findings.
pub async fn review_queue(
    db: &DatabaseConnection,
    office_id: i32,
    today: NaiveDate,
) -> Result<Vec<Waiting>, DbErr> {
    let rows = posting::Entity::find()
        .filter(posting::Column::OfficeId.eq(office_id))
        .filter(posting::Column::Status.eq(PostingStatus::UnderReview.as_str()))
        .order_by_asc(posting::Column::UpdatedAt)
        .order_by_asc(posting::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let (id, submitted_at) = (row.id, row.updated_at);
            let record = record_of(row)?;
            Ok(Waiting {
                id,
                title: record.title.clone(),
                establishment: record.establishment.clone().unwrap_or_default(),
                submitted_at,
                findings: lint(&record, today),
            })
        })
        .collect()
}

/// 受理: staff of the posting's office accept a posting under review. It
/// gets the next 求人番号 of the office's own sequence (a unique column;
/// two acceptances at the same moment retry rather than share or skip a
/// number), 受付年月日 today and 紹介期限日 the last day of the month
/// after next, and is published.
pub async fn accept(
    db: &DatabaseConnection,
    user_id: i32,
    office_id: i32,
    id: i32,
    today: NaiveDate,
) -> Outcome<String> {
    let Some(office) = office::Entity::find_by_id(office_id).one(db).await? else {
        return Ok(Err(Refused::Missing));
    };
    for _ in 0..5 {
        let (row, status, next) = match movable(
            office_posting(db, office_id, id).await?,
            PostingAction::Accept,
        )? {
            Ok(m) => m,
            Err(refused) => return Ok(Err(refused)),
        };
        // A posting accepted before keeps its number (terms changed).
        let number = match &row.number {
            Some(n) => n.clone(),
            None => next_number(db, &office.code).await?,
        };
        let more = vec![
            (posting::Column::Number, Expr::value(number.clone())),
            (posting::Column::AcceptedOn, Expr::value(today)),
            (
                posting::Column::ValidUntil,
                Expr::value(default_valid_until(today)),
            ),
            (posting::Column::ReviewNote, Expr::value(None::<String>)),
        ];
        match transition(db, user_id, &row, status, next, more).await {
            Ok(outcome) => return Ok(outcome.map(|_| number)),
            // Another acceptance took the number meanwhile: take the next.
            Err(e) if is_unique_violation(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(DbErr::Custom(format!(
        "posting {id}: no free number after retries"
    )))
}

fn is_unique_violation(e: &DbErr) -> bool {
    crate::staff::is_unique_violation(e)
}

/// The office's next 求人番号: one after the highest it has given.
async fn next_number(db: &impl ConnectionTrait, office_code: &str) -> Result<String, DbErr> {
    crate::staff::next_serial_number(
        db,
        posting::Entity,
        posting::Column::Number,
        &format!("{office_code}-"),
        8,
    )
    .await
}

/// Staff send a posting under review back to the employer with reasons
/// (`PostingAction::SendBack`), or refuse it with reasons
/// (`PostingAction::Refuse`: it ends as withdrawn); the employer sees the
/// reasons with the posting.
pub async fn send_back(
    db: &DatabaseConnection,
    user_id: i32,
    office_id: i32,
    id: i32,
    action: PostingAction,
    reason: &str,
) -> Outcome<PostingStatus> {
    if !matches!(action, PostingAction::SendBack | PostingAction::Refuse) {
        return Ok(Err(Refused::NotNow));
    }
    let (row, status, next) = match movable(office_posting(db, office_id, id).await?, action)? {
        Ok(m) => m,
        Err(refused) => return Ok(Err(refused)),
    };
    let more = vec![(posting::Column::ReviewNote, Expr::value(reason.to_owned()))];
    transition(db, user_id, &row, status, next, more).await
}
