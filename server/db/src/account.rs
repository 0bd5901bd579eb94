//! Accounts: password hashing, the login backend for axum-login and the
//! queries behind registration.

use std::fmt;
use std::sync::LazyLock;

use axum_login::{AuthUser, AuthnBackend, UserId};
use chrono::Utc;
use madoguchi_shared::account::Role;
use madoguchi_shared::message::AuditAction;
use madoguchi_shared::seeker::SeekerKind;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::entity::{seeker, user_account};

/// A logged-in user as the server knows them.
#[derive(Clone, Serialize, Deserialize)]
pub struct User {
    pub id: i32,
    pub role: Role,
    pub display_name: String,
    pub office_id: Option<i32>,
    pub establishment_id: Option<i32>,
    /// Whether the person has shown they hold the account's address
    /// (docs/domain.md, "Accounts"): until then they may search and
    /// draft, not apply, message or be linked at the counter.
    pub email_verified: bool,
    password_hash: String,
}

/// Shows the id and role only: names and hashes never reach a log.
impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl AuthUser for User {
    type Id = i32;

    fn id(&self) -> i32 {
        self.id
    }

    /// Changing the password changes this hash, which ends every other
    /// session of the user.
    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

impl TryFrom<user_account::Model> for User {
    type Error = DbErr;
    fn try_from(row: user_account::Model) -> Result<Self, DbErr> {
        Ok(User {
            id: row.id,
            role: row
                .role
                .parse()
                .map_err(|_| DbErr::Custom(format!("user {}: unknown role", row.id)))?,
            display_name: row.display_name,
            office_id: row.office_id,
            establishment_id: row.establishment_id,
            email_verified: row.email_verified_at.is_some(),
            password_hash: row.password_hash,
        })
    }
}

/// What a person types to log in.
#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("password hashing failed")]
    Hashing,
    #[error("e-mail address already registered")]
    EmailTaken,
}

/// The login backend: looks accounts up by e-mail address and checks
/// passwords with argon2id.
#[derive(Clone)]
pub struct Backend {
    db: DatabaseConnection,
}

impl Backend {
    pub fn new(db: DatabaseConnection) -> Self {
        Backend { db }
    }
}

/// Verified against when no account has the address, so that a wrong
/// address costs as much time as a wrong password.
static NO_SUCH_ACCOUNT_HASH: LazyLock<String> =
    LazyLock::new(|| password_auth::generate_hash("no such account"));

impl AuthnBackend for Backend {
    type User = User;
    type Credentials = Credentials;
    type Error = AccountError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<User>, AccountError> {
        let email = creds.email.trim().to_lowercase();
        let row = user_account::Entity::find()
            .filter(user_account::Column::Email.eq(email))
            .filter(user_account::Column::DisabledAt.is_null())
            .one(&self.db)
            .await?;
        let hash = row
            .as_ref()
            .map(|r| r.password_hash.clone())
            .unwrap_or_else(|| NO_SUCH_ACCOUNT_HASH.clone());
        let password = creds.password;
        let matches = tokio::task::spawn_blocking(move || {
            password_auth::verify_password(password, &hash).is_ok()
        })
        .await
        .map_err(|_| AccountError::Hashing)?;
        match row {
            Some(row) if matches => {
                let user = User::try_from(row)?;
                let now = Utc::now();
                user_account::Entity::update(user_account::ActiveModel {
                    id: Set(user.id),
                    last_login_at: Set(Some(now)),
                    ..Default::default()
                })
                .exec(&self.db)
                .await?;
                crate::audit::record(
                    &self.db,
                    Some(user.id),
                    AuditAction::Login,
                    "user_account",
                    user.id.into(),
                )
                .await?;
                Ok(Some(user))
            }
            _ => Ok(None),
        }
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<User>, AccountError> {
        let row = user_account::Entity::find_by_id(*id)
            .filter(user_account::Column::DisabledAt.is_null())
            .one(&self.db)
            .await?;
        Ok(row.map(User::try_from).transpose()?)
    }
}

/// Hashes a password with argon2id off the async threads.
pub async fn hash_password(password: String) -> Result<String, AccountError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|_| AccountError::Hashing)
}

/// A new account of any role; the e-mail address is already normalised
/// and the password already hashed.
pub struct NewAccount {
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub display_name: String,
    pub office_id: Option<i32>,
    pub establishment_id: Option<i32>,
}

/// The row of a new account; `verified` when whoever opens it vouches for
/// the address (an admin, an accepted invitation, the seed), not when the
/// person registers themselves.
fn account_row(new: NewAccount, verified: bool) -> user_account::ActiveModel {
    let now = Utc::now();
    user_account::ActiveModel {
        email: Set(new.email),
        password_hash: Set(new.password_hash),
        role: Set(new.role.as_str().to_owned()),
        display_name: Set(new.display_name),
        office_id: Set(new.office_id),
        establishment_id: Set(new.establishment_id),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        email_verified_at: Set(verified.then_some(now)),
        ..Default::default()
    }
}

async fn email_taken(db: &impl sea_orm::ConnectionTrait, email: &str) -> Result<bool, DbErr> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(db)
        .await?
        .is_some())
}

/// Creates an account (staff, admin, or an employer user of an existing
/// establishment) from the command line or the seed.
pub async fn create_account(db: &DatabaseConnection, new: NewAccount) -> Result<i32, AccountError> {
    create_account_by(db, None, new).await
}

/// Creates an account on behalf of `actor` (an admin), recorded in the
/// audit log in the same transaction.
pub async fn create_account_by(
    db: &DatabaseConnection,
    actor: Option<i32>,
    new: NewAccount,
) -> Result<i32, AccountError> {
    let txn = crate::begin_write(db).await?;
    let id = insert_account(&txn, actor, new, true).await?;
    txn.commit().await?;
    Ok(id)
}

/// Creates an account inside the caller's transaction, audited with the
/// new user as the actor (an accepted invitation: the address is the
/// invitee's word, so it is unverified and the verification e-mail goes
/// in the same transaction).
pub(crate) async fn create_account_in(
    txn: &impl sea_orm::ConnectionTrait,
    new: NewAccount,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i32, AccountError> {
    let id = insert_account(txn, None, new, false).await?;
    crate::account_token::ask_verification(txn, id, now).await?;
    crate::audit::record(
        txn,
        Some(id),
        AuditAction::Create,
        "user_account",
        id.into(),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn insert_account(
    txn: &impl sea_orm::ConnectionTrait,
    actor: Option<i32>,
    new: NewAccount,
    verified: bool,
) -> Result<i32, AccountError> {
    if email_taken(txn, &new.email).await? {
        return Err(AccountError::EmailTaken);
    }
    let id = user_account::Entity::insert(account_row(new, verified))
        .exec(txn)
        .await
        .map_err(unique_violation_is_taken)?
        .last_insert_id;
    if actor.is_some() {
        crate::audit::record(txn, actor, AuditAction::Create, "user_account", id.into()).await?;
    }
    Ok(id)
}

/// What an employer states about the establishment when opening a MyPage.
pub struct NewEstablishment {
    pub name: String,
    pub name_kana: String,
    pub prefecture: u8,
    pub city: String,
    pub address: String,
    pub industry: String,
    /// An `EstablishmentSize` code.
    pub size: String,
}

/// Opens an employer's MyPage: the establishment, registered with the
/// office of its prefecture and given the next 事業所番号 of that office's
/// area, and its first user; all or nothing. Returns (user, establishment).
pub async fn register_employer(
    db: &DatabaseConnection,
    account: NewAccount,
    est: NewEstablishment,
) -> Result<(i32, i32), AccountError> {
    use crate::entity::{establishment, office};
    use sea_orm::QueryOrder;

    let txn = crate::begin_write(db).await?;
    if email_taken(&txn, &account.email).await? {
        return Err(AccountError::EmailTaken);
    }
    let office = office::Entity::find()
        .filter(office::Column::PrefectureCode.eq(i16::from(est.prefecture)))
        .order_by_asc(office::Column::Code)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("no office in prefecture {}", est.prefecture)))?;
    let area = &office.code[..4];
    let last = establishment::Entity::find()
        .filter(establishment::Column::Number.starts_with(format!("{area}-")))
        .order_by_desc(establishment::Column::Number)
        .one(&txn)
        .await?;
    let serial = last
        .and_then(|e| e.number.get(5..11).and_then(|s| s.parse::<u32>().ok()))
        .unwrap_or(0)
        + 1;
    let number = madoguchi_shared::establishment::EstablishmentNumber::new(
        area.parse().unwrap_or(0),
        serial,
        (serial % 10) as u8,
    )
    .map_err(|e| DbErr::Custom(format!("establishment number: {e}")))?;
    let now = Utc::now();
    let establishment_id = establishment::Entity::insert(establishment::ActiveModel {
        number: Set(number.to_string()),
        office_id: Set(office.id),
        name: Set(est.name),
        name_kana: Set(est.name_kana),
        prefecture_code: Set(est.prefecture.into()),
        city: Set(est.city),
        address: Set(est.address),
        industry: Set(est.industry),
        size: Set(est.size),
        description: Set(String::new()),
        url: Set(None),
        has_mypage: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    let user_id = user_account::Entity::insert(account_row(
        NewAccount {
            establishment_id: Some(establishment_id),
            role: Role::Employer,
            office_id: None,
            ..account
        },
        false,
    ))
    .exec(&txn)
    .await
    .map_err(unique_violation_is_taken)?
    .last_insert_id;
    let actor = Some(user_id);
    crate::audit::record(
        &txn,
        actor,
        AuditAction::Create,
        "establishment",
        establishment_id.into(),
    )
    .await?;
    crate::audit::record(
        &txn,
        actor,
        AuditAction::Create,
        "user_account",
        user_id.into(),
    )
    .await?;
    crate::account_token::ask_verification(&txn, user_id, now).await?;
    txn.commit().await?;
    Ok((user_id, establishment_id))
}

/// A staff or admin account as the admin screen lists it.
#[derive(Debug, Clone)]
pub struct StaffAccount {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub office_code: Option<String>,
    pub last_login_at: Option<chrono::DateTime<Utc>>,
}

/// Every staff and admin account, by office then address. Reading them
/// is recorded under `actor`.
pub async fn staff_accounts(
    db: &DatabaseConnection,
    actor: i32,
) -> Result<Vec<StaffAccount>, DbErr> {
    use crate::entity::office;
    use sea_orm::QueryOrder;
    let rows = user_account::Entity::find()
        .filter(user_account::Column::Role.is_in([Role::Staff.as_str(), Role::Admin.as_str()]))
        .order_by_asc(user_account::Column::Email)
        .all(db)
        .await?;
    let offices = office::Entity::find().all(db).await?;
    let mut out: Vec<StaffAccount> = rows
        .into_iter()
        .filter_map(|r| {
            Some(StaffAccount {
                id: r.id,
                role: r.role.parse().ok()?,
                office_code: r
                    .office_id
                    .and_then(|id| offices.iter().find(|o| o.id == id))
                    .map(|o| o.code.clone()),
                email: r.email,
                display_name: r.display_name,
                last_login_at: r.last_login_at,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.office_code, &a.email).cmp(&(&b.office_code, &b.email)));
    crate::audit::record(db, Some(actor), AuditAction::Read, "user_account", 0).await?;
    Ok(out)
}

/// Registers an internet-only seeker: the account and the seeker record,
/// both or neither, and the e-mail with the verification link.
pub async fn register_seeker(
    db: &DatabaseConnection,
    account: NewAccount,
    name: String,
    name_kana: String,
) -> Result<i32, AccountError> {
    open_seeker(db, account, name, name_kana, false).await
}

/// An internet-only seeker's account and record; unless `verified` (the
/// demo's people), the verification e-mail in the same transaction.
pub(crate) async fn open_seeker(
    db: &DatabaseConnection,
    account: NewAccount,
    name: String,
    name_kana: String,
    verified: bool,
) -> Result<i32, AccountError> {
    let txn = crate::begin_write(db).await?;
    if email_taken(&txn, &account.email).await? {
        return Err(AccountError::EmailTaken);
    }
    let user_id = user_account::Entity::insert(account_row(account, verified))
        .exec(&txn)
        .await
        .map_err(unique_violation_is_taken)?
        .last_insert_id;
    let now = Utc::now();
    seeker::Entity::insert(seeker::ActiveModel {
        user_id: Set(user_id),
        kind: Set(SeekerKind::InternetOnly.as_str().to_owned()),
        seeker_number: Set(None),
        office_id: Set(None),
        name: Set(name),
        name_kana: Set(name_kana),
        birth_date: Set(None),
        phone: Set(None),
        profile: Set("{}".to_owned()),
        profile_public: Set(false),
        registration_active: Set(false),
        registration_valid_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Create,
        "user_account",
        user_id.into(),
    )
    .await?;
    if !verified {
        crate::account_token::ask_verification(&txn, user_id, now).await?;
    }
    txn.commit().await?;
    Ok(user_id)
}

/// Two registrations racing for one address: the loser hears "taken".
fn unique_violation_is_taken(e: DbErr) -> AccountError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AccountError::EmailTaken,
        _ => AccountError::Db(e),
    }
}

/// Replaces a user's password hash.
pub async fn set_password_hash(
    db: &DatabaseConnection,
    user_id: i32,
    hash: String,
) -> Result<(), DbErr> {
    let txn = crate::begin_write(db).await?;
    user_account::Entity::update(user_account::ActiveModel {
        id: Set(user_id),
        password_hash: Set(hash),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Update,
        "user_account",
        user_id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether `password` is the user's current password.
pub async fn verify_user_password(
    db: &DatabaseConnection,
    user_id: i32,
    password: String,
) -> Result<bool, AccountError> {
    let Some(row) = user_account::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(false);
    };
    tokio::task::spawn_blocking(move || {
        password_auth::verify_password(password, &row.password_hash).is_ok()
    })
    .await
    .map_err(|_| AccountError::Hashing)
}

/// The office with this code, if any.
pub async fn office_id(db: &DatabaseConnection, code: &str) -> Result<Option<i32>, DbErr> {
    Ok(crate::entity::office::Entity::find()
        .filter(crate::entity::office::Column::Code.eq(code))
        .one(db)
        .await?
        .map(|o| o.id))
}

/// Every office, by code.
pub async fn offices(db: &DatabaseConnection) -> Result<Vec<crate::entity::office::Model>, DbErr> {
    use sea_orm::QueryOrder;
    crate::entity::office::Entity::find()
        .order_by_asc(crate::entity::office::Column::Code)
        .all(db)
        .await
}

/// The seeker record id of the account `user_id`, if it is a seeker's.
pub(crate) async fn seeker_of(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
) -> Result<Option<i32>, DbErr> {
    Ok(crate::entity::seeker::Entity::find()
        .filter(crate::entity::seeker::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|s| s.id))
}
