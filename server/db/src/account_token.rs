//! Proof of an e-mail address and the way back into an account
//! (docs/domain.md, "Accounts"): single-use links sent to the address, to
//! verify it after registration or to set a new password. Only a hash of
//! each token is kept; a token works once and until it expires. The
//! e-mails go through the jobs table like every other; the token is drawn
//! when the e-mail is written (`issue`), so the queue holds no secret.

use chrono::{DateTime, Duration, Utc};
use madoguchi_shared::mail::MailEvent;
use madoguchi_shared::message::AuditAction;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};

use crate::entity::{account_token, user_account};

/// What a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Shows that the person holds the address (after registration).
    Verify,
    /// Sets a new password (a forgotten one, or past the login limit).
    Reset,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }

    /// How long a link works.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Verify => Duration::hours(VERIFY_HOURS),
            Purpose::Reset => Duration::minutes(RESET_MINUTES),
        }
    }
}

pub const VERIFY_HOURS: i64 = 24;
pub const RESET_MINUTES: i64 = 30;

/// A new token for `user_id` (only its hash is kept), to put in a link.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = crate::new_token()?;
    account_token::Entity::insert(account_token::ActiveModel {
        token_hash: Set(crate::token_hash(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

fn live(token: &str, purpose: Purpose, now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(account_token::Column::TokenHash.eq(crate::token_hash(token)))
        .add(account_token::Column::Purpose.eq(purpose.as_str()))
        .add(account_token::Column::ExpiresAt.gt(now))
}

/// Whether `token` would work now (the page that shows the form asks).
pub async fn is_live(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(account_token::Entity::find()
        .filter(live(token, purpose, now))
        .one(db)
        .await?
        .is_some())
}

/// Uses `token` once inside the caller's transaction: the account it was
/// sent to, every token of that purpose of the account gone with it.
/// `None` for an unknown, used or expired token, or a closed account.
async fn take(
    txn: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<user_account::Model>, DbErr> {
    let Some(row) = account_token::Entity::find()
        .filter(live(token, purpose, now))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let taken = account_token::Entity::delete_many()
        .filter(account_token::Column::TokenHash.eq(row.token_hash.as_str()))
        .exec(txn)
        .await?;
    if taken.rows_affected != 1 {
        return Ok(None);
    }
    account_token::Entity::delete_many()
        .filter(account_token::Column::UserId.eq(row.user_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .exec(txn)
        .await?;
    user_account::Entity::find_by_id(row.user_id)
        .filter(user_account::Column::DisabledAt.is_null())
        .one(txn)
        .await
}

async fn set_verified(
    txn: &impl ConnectionTrait,
    user: &user_account::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if user.email_verified_at.is_none() {
        user_account::Entity::update_many()
            .col_expr(user_account::Column::EmailVerifiedAt, Expr::value(now))
            .filter(user_account::Column::Id.eq(user.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Uses a verification link: the account's address counts as verified.
/// Answers the account's id, `None` for a link that does not work.
pub async fn verify_address(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(user) = take(&txn, token, Purpose::Verify, now).await? else {
        return Ok(None);
    };
    set_verified(&txn, &user, now).await?;
    crate::audit::record(
        &txn,
        Some(user.id),
        AuditAction::Update,
        "email_verification",
        user.id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(user.id))
}

/// Uses a reset link: the account's password hash becomes `hash` (which
/// ends every session of the account, see `account::User`), and the
/// address counts as verified (the link reached it). Answers the account's
/// address, to clear its login count; `None` for a link that does not work.
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    hash: String,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(user) = take(&txn, token, Purpose::Reset, now).await? else {
        return Ok(None);
    };
    user_account::Entity::update_many()
        .col_expr(user_account::Column::PasswordHash, Expr::value(hash))
        .col_expr(user_account::Column::UpdatedAt, Expr::value(now))
        .filter(user_account::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    set_verified(&txn, &user, now).await?;
    crate::audit::record(
        &txn,
        Some(user.id),
        AuditAction::Update,
        "password_reset",
        user.id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(user.email))
}

/// An e-mail of an account (never a marketing one: no preference turns it
/// off), recorded under a key of its own moment so that each ask sends one.
async fn send(
    db: &impl ConnectionTrait,
    user_id: i32,
    kind: &str,
    event: MailEvent,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let key = format!("{kind}-{user_id}-{}", now.timestamp_micros());
    crate::jobs::enqueue(db, user_id, &key, &event, now).await
}

/// Sends `user_id` a verification link (after registration, or when they
/// ask again); nothing for an address verified already.
pub async fn ask_verification(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let unverified = user_account::Entity::find_by_id(user_id)
        .filter(user_account::Column::EmailVerifiedAt.is_null())
        .filter(user_account::Column::DisabledAt.is_null())
        .one(db)
        .await?;
    match unverified {
        Some(u) => send(db, u.id, "verify", MailEvent::VerifyAddress, now).await,
        None => Ok(()),
    }
}

async fn open_account(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .filter(user_account::Column::DisabledAt.is_null())
        .one(db)
        .await
}

/// Sends a reset link to `email` if an open account has it; the caller
/// answers the same either way.
pub async fn ask_reset(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    match open_account(db, email).await? {
        Some(u) => send(db, u.id, "reset", MailEvent::PasswordReset, now).await,
        None => Ok(()),
    }
}

/// Someone registered with `email`, which has an account already: its
/// owner is told (with the ways to log in or reset), the registrant is
/// answered as if the address were new.
pub async fn tell_already_registered(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    match open_account(db, email).await? {
        Some(u) => send(db, u.id, "registered", MailEvent::AlreadyRegistered, now).await,
        None => Ok(()),
    }
}

/// Removes tokens expired before `now`; how many.
pub(crate) async fn purge(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(account_token::Entity::delete_many()
        .filter(account_token::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}
