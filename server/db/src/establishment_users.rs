//! The login users of an establishment (at most ten): the list, one-time
//! invitation links, accepting one (a new employer account of that
//! establishment), and removal. Only a hash of an invitation's token is
//! kept; a link works once, for a week.

use chrono::{DateTime, Duration, Utc};
use madoguchi_shared::account::Role;
use madoguchi_shared::establishment::MAX_ESTABLISHMENT_USERS;
use madoguchi_shared::message::AuditAction;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::account::{AccountError, NewAccount};
use crate::entity::{establishment_invite, user_account};

/// How long an invitation link works.
pub const INVITE_DAYS: i64 = 7;

/// One user as the establishment's users see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstablishmentUser {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// An invitation not yet used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvite {
    pub id: i32,
    pub expires_at: DateTime<Utc>,
}

/// Why an invitation or a removal did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Ten users (with open invitations counted) already.
    TooMany,
    /// Unknown, used or expired link; or not a user of the establishment.
    Missing,
    /// The address has an account already.
    EmailTaken,
    /// The establishment's last user (every user administers the
    /// establishment's users alike) is never removed.
    LastUser,
}

fn hash(token: &str) -> String {
    crate::token_hash(token)
}

/// Takes the establishment's row lock for the rest of the transaction, so
/// that changes to its users are made one after another: two colleagues
/// removing each other at once leave one user, not none, and parallel
/// invitations cannot pass ten (PostgreSQL; SQLite's write transaction
/// holds the whole database already). A no-op update, changing nothing.
async fn lock_users_of(db: &impl ConnectionTrait, establishment_id: i32) -> Result<(), DbErr> {
    use crate::entity::establishment;
    establishment::Entity::update_many()
        .col_expr(
            establishment::Column::Id,
            Expr::col(establishment::Column::Id),
        )
        .filter(establishment::Column::Id.eq(establishment_id))
        .exec(db)
        .await?;
    Ok(())
}

async fn active_users(db: &impl ConnectionTrait, establishment_id: i32) -> Result<u64, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::EstablishmentId.eq(establishment_id))
        .filter(user_account::Column::DisabledAt.is_null())
        .count(db)
        .await
}

async fn open_invites_count(
    db: &impl ConnectionTrait,
    establishment_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    establishment_invite::Entity::find()
        .filter(establishment_invite::Column::EstablishmentId.eq(establishment_id))
        .filter(establishment_invite::Column::UsedAt.is_null())
        .filter(establishment_invite::Column::ExpiresAt.gt(now))
        .count(db)
        .await
}

/// The establishment's users that can log in, by name.
pub async fn users(
    db: &DatabaseConnection,
    establishment_id: i32,
) -> Result<Vec<EstablishmentUser>, DbErr> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::EstablishmentId.eq(establishment_id))
        .filter(user_account::Column::DisabledAt.is_null())
        .order_by_asc(user_account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| EstablishmentUser {
            id: u.id,
            name: u.display_name,
            email: u.email,
            last_login_at: u.last_login_at,
        })
        .collect())
}

/// The establishment's invitations not yet used nor expired.
pub async fn open_invites(
    db: &DatabaseConnection,
    establishment_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<OpenInvite>, DbErr> {
    Ok(establishment_invite::Entity::find()
        .filter(establishment_invite::Column::EstablishmentId.eq(establishment_id))
        .filter(establishment_invite::Column::UsedAt.is_null())
        .filter(establishment_invite::Column::ExpiresAt.gt(now))
        .order_by_asc(establishment_invite::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| OpenInvite {
            id: i.id,
            expires_at: i.expires_at,
        })
        .collect())
}

/// A new one-time invitation by user `user_id`; answers the token for the
/// link (shown to the inviting user; it is not kept). Refused when the
/// users and open invitations would pass ten.
pub async fn invite(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    now: DateTime<Utc>,
) -> Result<Result<String, Refused>, DbErr> {
    let txn = crate::begin_write(db).await?;
    lock_users_of(&txn, establishment_id).await?;
    let taken = active_users(&txn, establishment_id).await?
        + open_invites_count(&txn, establishment_id, now).await?;
    if taken >= MAX_ESTABLISHMENT_USERS as u64 {
        return Ok(Err(Refused::TooMany));
    }
    let token = crate::new_token()?;
    let row = establishment_invite::Entity::insert(establishment_invite::ActiveModel {
        establishment_id: Set(establishment_id),
        token_hash: Set(hash(&token)),
        created_by: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITE_DAYS)),
        used_at: Set(None),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Create,
        "establishment_invite",
        row.last_insert_id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(token))
}

/// The establishment an unused, unexpired invitation `token` is for.
pub async fn invited_to(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    Ok(establishment_invite::Entity::find()
        .filter(establishment_invite::Column::TokenHash.eq(hash(token)))
        .filter(establishment_invite::Column::UsedAt.is_null())
        .filter(establishment_invite::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|i| i.establishment_id))
}

/// Accepts invitation `token`: a new employer account of its
/// establishment, the link used up, in one transaction; audited with the
/// new user as actor. Answers the new user's id.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    mut account: NewAccount,
    now: DateTime<Utc>,
) -> Result<Result<i32, Refused>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(invite) = establishment_invite::Entity::find()
        .filter(establishment_invite::Column::TokenHash.eq(hash(token)))
        .filter(establishment_invite::Column::UsedAt.is_null())
        .filter(establishment_invite::Column::ExpiresAt.gt(now))
        .one(&txn)
        .await?
    else {
        return Ok(Err(Refused::Missing));
    };
    lock_users_of(&txn, invite.establishment_id).await?;
    if active_users(&txn, invite.establishment_id).await? >= MAX_ESTABLISHMENT_USERS as u64 {
        return Ok(Err(Refused::TooMany));
    }
    let used = establishment_invite::Entity::update_many()
        .col_expr(establishment_invite::Column::UsedAt, Expr::value(now))
        .filter(establishment_invite::Column::Id.eq(invite.id))
        .filter(establishment_invite::Column::UsedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if used == 0 {
        return Ok(Err(Refused::Missing));
    }
    account.role = Role::Employer;
    account.office_id = None;
    account.establishment_id = Some(invite.establishment_id);
    match crate::account::create_account_in(&txn, account, now).await {
        Ok(id) => {
            txn.commit().await?;
            Ok(Ok(id))
        }
        Err(AccountError::EmailTaken) => Ok(Err(Refused::EmailTaken)),
        Err(AccountError::Db(e)) => Err(e),
        Err(e) => Err(DbErr::Custom(e.to_string())),
    }
}

/// User `user_id` removes user `target` of the same establishment: the
/// account can no longer log in (its sessions end); audited.
pub async fn remove(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    target: i32,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>, DbErr> {
    let txn = crate::begin_write(db).await?;
    lock_users_of(&txn, establishment_id).await?;
    let theirs = user_account::Entity::find_by_id(target)
        .filter(user_account::Column::EstablishmentId.eq(establishment_id))
        .filter(user_account::Column::DisabledAt.is_null())
        .count(&txn)
        .await?
        > 0;
    if !theirs {
        return Ok(Err(Refused::Missing));
    }
    if active_users(&txn, establishment_id).await? <= 1 {
        return Ok(Err(Refused::LastUser));
    }
    let changed = user_account::Entity::update_many()
        .col_expr(user_account::Column::DisabledAt, Expr::value(now))
        .filter(user_account::Column::Id.eq(target))
        .filter(user_account::Column::EstablishmentId.eq(establishment_id))
        .filter(user_account::Column::DisabledAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Ok(Err(Refused::Missing));
    }
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Delete,
        "user_account",
        target.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
