//! The office's seekers: finding one, 求職登録 at the counter (a new
//! MyPage, or an internet-only one linked), the 求職情報 kept with them,
//! extending or closing the registration, consultations and the ledger.
//! Every read of a seeker's personal data is audited.

use chrono::{NaiveDate, Utc};
use madoguchi_shared::account::Role;
use madoguchi_shared::message::AuditAction;
use madoguchi_shared::seeker::{SeekerKind, SeekerProfile, registration_valid_until};
use madoguchi_shared::staff::{ConsultationItem, SeekerLedger, SeekerRow};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::account::{AccountError, NewAccount};
use crate::entity::{consultation, office, seeker, user_account};

/// What staff search by; every given part must match.
#[derive(Debug, Clone, Default)]
pub struct SeekerQuery {
    /// 求職番号, exactly.
    pub number: Option<String>,
    /// A part of the name or of its reading.
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

pub(crate) fn row_of(s: &seeker::Model) -> Result<SeekerRow, DbErr> {
    Ok(SeekerRow {
        id: s.id,
        kind: s
            .kind
            .parse()
            .map_err(|_| DbErr::Custom(format!("seeker {}: bad kind", s.id)))?,
        number: s.seeker_number.clone(),
        name: s.name.clone(),
        name_kana: s.name_kana.clone(),
        birth_date: s.birth_date.map(|d| d.to_string()),
        registration_active: s.registration_active,
        valid_until: s.registration_valid_until.map(|d| d.to_string()),
    })
}

/// Records that staff `actor` read seeker `id`'s personal data.
pub(crate) async fn audit_read(
    db: &impl ConnectionTrait,
    actor: i32,
    id: i32,
) -> Result<(), DbErr> {
    crate::audit::record(db, Some(actor), AuditAction::Read, "seeker", id.into()).await
}

/// The seekers registered at office `office_id` matching `q`, at most 50,
/// by reading. Each one listed is an audited read.
pub async fn find(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    q: &SeekerQuery,
) -> Result<Vec<SeekerRow>, DbErr> {
    let mut cond = Condition::all().add(seeker::Column::OfficeId.eq(office_id));
    if let Some(n) = &q.number {
        cond = cond.add(seeker::Column::SeekerNumber.eq(n.clone()));
    }
    if let Some(name) = &q.name {
        cond = cond.add(
            Condition::any()
                .add(crate::containing(seeker::Column::Name, name))
                .add(crate::containing(seeker::Column::NameKana, name)),
        );
    }
    if let Some(b) = q.birth_date {
        cond = cond.add(seeker::Column::BirthDate.eq(b));
    }
    let rows = seeker::Entity::find()
        .filter(cond)
        .order_by_asc(seeker::Column::NameKana)
        .order_by_asc(seeker::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let txn = crate::begin_write(db).await?;
    for r in &rows {
        audit_read(&txn, actor, r.id).await?;
    }
    txn.commit().await?;
    rows.iter().map(row_of).collect()
}

/// Seeker `id` if registered at office `office_id`.
pub(crate) async fn of_office(
    db: &impl ConnectionTrait,
    office_id: i32,
    id: i32,
) -> Result<Option<seeker::Model>, DbErr> {
    seeker::Entity::find_by_id(id)
        .filter(seeker::Column::OfficeId.eq(office_id))
        .one(db)
        .await
}

/// The person as staff register them at the counter.
#[derive(Debug, Clone)]
pub struct Registration {
    pub name: String,
    pub name_kana: String,
    pub birth_date: NaiveDate,
    pub phone: Option<String>,
    /// A new MyPage: its address and the password hash the seeker chose.
    /// `None` links the internet-only MyPage that showed `link_code`.
    pub new_account: Option<(String, String)>,
    /// The one-time code (normalised) from the seeker's MyPage: their
    /// consent to the link (docs/domain.md, "Registration at the counter").
    pub link_code: Option<String>,
}

/// Why a registration did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRegistered {
    /// The link code is unknown, used, expired, or its MyPage registered
    /// since: one answer, telling staff nothing about any account.
    BadLinkCode,
    /// The address for the new MyPage is taken.
    EmailTaken,
}

/// 求職登録 at office `office_id` by staff `actor`: a new MyPage or a
/// linked internet-only one becomes a registered seeker with the office's
/// next 求職番号, valid to the last day of the month after next. The
/// seeker's id and number.
pub async fn register(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    r: Registration,
    today: NaiveDate,
) -> Result<Result<(i32, String), NotRegistered>, DbErr> {
    let Some(office) = office::Entity::find_by_id(office_id).one(db).await? else {
        return Err(DbErr::Custom(format!("office {office_id} missing")));
    };
    // Two registrations at the same moment may draw the same number: the
    // unique column refuses the second, which takes the next one.
    for _ in 0..5 {
        match register_once(db, actor, &office, &r, today).await {
            Err(e) if super::is_unique_violation(&e) => continue,
            other => return other,
        }
    }
    Err(DbErr::Custom("no free 求職番号 after retries".into()))
}

async fn register_once(
    db: &DatabaseConnection,
    actor: i32,
    office: &office::Model,
    r: &Registration,
    today: NaiveDate,
) -> Result<Result<(i32, String), NotRegistered>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let number = super::next_serial_number(
        &txn,
        seeker::Entity,
        seeker::Column::SeekerNumber,
        &format!("{}-", office.code),
        8,
    )
    .await?;
    let now = Utc::now();
    let seeker_id = match (&r.new_account, &r.link_code) {
        (Some((email, hash)), _) => {
            // Staff typed the address: its owner still shows it is theirs
            // by the link of the e-mail sent below.
            let created = crate::account::insert_account(
                &txn,
                Some(actor),
                NewAccount {
                    email: email.clone(),
                    password_hash: hash.clone(),
                    role: Role::Seeker,
                    display_name: r.name.clone(),
                    office_id: None,
                    establishment_id: None,
                },
                false,
            )
            .await;
            let user_id = match created {
                Ok(id) => id,
                Err(AccountError::EmailTaken) => return Ok(Err(NotRegistered::EmailTaken)),
                Err(AccountError::Db(e)) => return Err(e),
                Err(other) => return Err(DbErr::Custom(other.to_string())),
            };
            crate::account_token::ask_verification(&txn, user_id, now).await?;
            seeker::Entity::insert(seeker::ActiveModel {
                user_id: Set(user_id),
                kind: Set(SeekerKind::Registered.as_str().to_owned()),
                seeker_number: Set(Some(number.clone())),
                office_id: Set(Some(office.id)),
                name: Set(r.name.clone()),
                name_kana: Set(r.name_kana.clone()),
                birth_date: Set(Some(r.birth_date)),
                phone: Set(r.phone.clone()),
                profile: Set("{}".to_owned()),
                profile_public: Set(false),
                registration_active: Set(true),
                registration_valid_until: Set(Some(registration_valid_until(today))),
                registered_on: Set(Some(today)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id
        }
        (None, Some(code)) => {
            let Some(s) = crate::counter_link::take(&txn, code, now).await? else {
                return Ok(Err(NotRegistered::BadLinkCode));
            };
            let changed = seeker::Entity::update_many()
                .col_expr(
                    seeker::Column::Kind,
                    Expr::value(SeekerKind::Registered.as_str()),
                )
                .col_expr(seeker::Column::SeekerNumber, Expr::value(number.clone()))
                .col_expr(seeker::Column::OfficeId, Expr::value(office.id))
                .col_expr(seeker::Column::Name, Expr::value(r.name.clone()))
                .col_expr(seeker::Column::NameKana, Expr::value(r.name_kana.clone()))
                .col_expr(seeker::Column::BirthDate, Expr::value(r.birth_date))
                .col_expr(seeker::Column::Phone, Expr::value(r.phone.clone()))
                .col_expr(seeker::Column::RegistrationActive, Expr::value(true))
                .col_expr(
                    seeker::Column::RegistrationValidUntil,
                    Expr::value(registration_valid_until(today)),
                )
                .col_expr(seeker::Column::RegisteredOn, Expr::value(today))
                .col_expr(seeker::Column::UpdatedAt, Expr::value(now))
                .filter(seeker::Column::Id.eq(s.id))
                .filter(seeker::Column::Kind.eq(SeekerKind::InternetOnly.as_str()))
                .exec(&txn)
                .await?;
            if changed.rows_affected != 1 {
                return Ok(Err(NotRegistered::BadLinkCode));
            }
            s.id
        }
        (None, None) => return Ok(Err(NotRegistered::BadLinkCode)),
    };
    crate::audit::record(
        &txn,
        Some(actor),
        AuditAction::Create,
        "seeker_registration",
        seeker_id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok((seeker_id, number)))
}

/// The ledger of seeker `id` of office `office_id`; an audited read.
pub async fn ledger(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    id: i32,
) -> Result<Option<SeekerLedger>, DbErr> {
    let Some(s) = of_office(db, office_id, id).await? else {
        return Ok(None);
    };
    let email = user_account::Entity::find_by_id(s.user_id)
        .one(db)
        .await?
        .map(|u| u.email)
        .unwrap_or_default();
    let office_name = office::Entity::find_by_id(office_id)
        .one(db)
        .await?
        .map(|o| o.name);
    let consultations = consultations(db, s.id).await?;
    let entries = super::ledger::for_seeker(db, s.id).await?;
    audit_read(db, actor, s.id).await?;
    let profile = crate::profile::profile_of(&s);
    Ok(Some(SeekerLedger {
        seeker: row_of(&s)?,
        phone: s.phone.clone(),
        email,
        office_name,
        profile,
        consultations,
        entries,
    }))
}

async fn consultations(
    db: &DatabaseConnection,
    seeker_id: i32,
) -> Result<Vec<ConsultationItem>, DbErr> {
    let rows = consultation::Entity::find()
        .filter(consultation::Column::SeekerId.eq(seeker_id))
        .order_by_desc(consultation::Column::HeldOn)
        .order_by_desc(consultation::Column::Id)
        .all(db)
        .await?;
    let staff = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(rows.iter().map(|r| r.staff_user_id)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ConsultationItem {
            id: r.id,
            held_on: r.held_on.to_string(),
            staff_name: staff
                .iter()
                .find(|u| u.id == r.staff_user_id)
                .map(|u| u.display_name.clone())
                .unwrap_or_default(),
            notes: r.notes,
        })
        .collect())
}

/// Records a consultation with seeker `id` of office `office_id` (an
/// activity: the registration is extended). Whether the seeker is the
/// office's.
pub async fn add_consultation(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    id: i32,
    held_on: NaiveDate,
    notes: &str,
    today: NaiveDate,
) -> Result<bool, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(s) = of_office(&txn, office_id, id).await? else {
        return Ok(false);
    };
    let new_id = consultation::Entity::insert(consultation::ActiveModel {
        seeker_id: Set(s.id),
        office_id: Set(office_id),
        staff_user_id: Set(actor),
        held_on: Set(held_on),
        notes: Set(notes.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    if s.registration_active {
        extend_validity(&txn, &s, today).await?;
    }
    crate::audit::record(
        &txn,
        Some(actor),
        AuditAction::Create,
        "consultation",
        new_id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

async fn extend_validity(
    db: &impl ConnectionTrait,
    s: &seeker::Model,
    today: NaiveDate,
) -> Result<NaiveDate, DbErr> {
    let until = registration_valid_until(today).max(s.registration_valid_until.unwrap_or(today));
    seeker::Entity::update_many()
        .col_expr(seeker::Column::RegistrationActive, Expr::value(true))
        .col_expr(seeker::Column::RegistrationValidUntil, Expr::value(until))
        .col_expr(seeker::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(seeker::Column::Id.eq(s.id))
        .exec(db)
        .await?;
    Ok(until)
}

/// Extends (`active`) or closes the registration of seeker `id`: extended
/// to the last day of the month after next, closed keeping its end date.
/// The end date after the change; `None` when not the office's seeker.
pub async fn set_registration(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    id: i32,
    active: bool,
    today: NaiveDate,
) -> Result<Option<Option<NaiveDate>>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(s) = of_office(&txn, office_id, id).await? else {
        return Ok(None);
    };
    let until = if active {
        Some(extend_validity(&txn, &s, today).await?)
    } else {
        seeker::Entity::update_many()
            .col_expr(seeker::Column::RegistrationActive, Expr::value(false))
            .col_expr(seeker::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(seeker::Column::Id.eq(s.id))
            .exec(&txn)
            .await?;
        s.registration_valid_until
    };
    crate::audit::record(&txn, Some(actor), AuditAction::Update, "seeker", id.into()).await?;
    txn.commit().await?;
    Ok(Some(until))
}

/// The 求職情報 of seeker `id` of office `office_id`, as the form starts
/// from (the birth date is kept from it).
pub async fn profile(
    db: &DatabaseConnection,
    office_id: i32,
    id: i32,
) -> Result<Option<SeekerProfile>, DbErr> {
    Ok(of_office(db, office_id, id)
        .await?
        .map(|s| crate::profile::profile_of(&s)))
}

/// Stores the 求職情報 staff kept with seeker `id` (checked by the same
/// rules as the seeker's own form). Whether the seeker is the office's.
pub async fn save_profile(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    id: i32,
    profile: &SeekerProfile,
) -> Result<bool, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(s) = of_office(&txn, office_id, id).await? else {
        return Ok(false);
    };
    crate::profile::write(&txn, s.user_id, profile).await?;
    crate::audit::record(&txn, Some(actor), AuditAction::Update, "seeker", id.into()).await?;
    txn.commit().await?;
    Ok(true)
}
