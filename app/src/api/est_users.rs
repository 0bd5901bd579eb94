//! The login users of an establishment: list, one-time invitation links,
//! accepting one, removal.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One user of the establishment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub name: String,
    pub email: String,
    /// ISO date of the last login.
    pub last_login: Option<String>,
    pub me: bool,
}

/// The users and the open invitations (their expiry, ISO dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserList {
    pub users: Vec<UserRow>,
    pub open_invites: Vec<String>,
    pub max: usize,
}

#[cfg(feature = "ssr")]
fn refused(r: madoguchi_db::establishment_users::Refused) -> AppError {
    use madoguchi_db::establishment_users::Refused;
    match r {
        Refused::TooMany => AppError::Invalid(madoguchi_shared::ValidationError::TooMany {
            max: madoguchi_shared::establishment::MAX_ESTABLISHMENT_USERS,
        }),
        Refused::Missing => AppError::NotFound,
        Refused::EmailTaken => AppError::EmailTaken,
        Refused::LastUser => AppError::NotNow,
    }
    .respond()
}

/// The establishment's users and open invitations.
#[server(prefix = "/api", endpoint = "employer/users")]
pub async fn establishment_users() -> Result<UserList, AppError> {
    let (me, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    let now = chrono::Utc::now();
    let users = madoguchi_db::establishment_users::users(&db, est)
        .await
        .map_err(crate::state::internal)?;
    let invites = madoguchi_db::establishment_users::open_invites(&db, est, now)
        .await
        .map_err(crate::state::internal)?;
    let day = |t: chrono::DateTime<chrono::Utc>| {
        madoguchi_shared::date::to_iso(madoguchi_shared::today_in_japan(t))
    };
    Ok(UserList {
        users: users
            .into_iter()
            .map(|u| UserRow {
                me: u.id == me,
                id: u.id,
                name: u.name,
                email: u.email,
                last_login: u.last_login_at.map(day),
            })
            .collect(),
        open_invites: invites.into_iter().map(|i| day(i.expires_at)).collect(),
        max: madoguchi_shared::establishment::MAX_ESTABLISHMENT_USERS,
    })
}

/// A one-time invitation link (the path, `/invite/{token}`), shown to the
/// inviting user once; it works for a week.
#[server(prefix = "/api", endpoint = "employer/users/invite")]
pub async fn invite_user() -> Result<String, AppError> {
    let (me, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    let token = madoguchi_db::establishment_users::invite(&db, me, est, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
        .map_err(refused)?;
    Ok(format!("/invite/{token}"))
}

/// Removes user `id` of the establishment (not the last one).
#[server(prefix = "/api", endpoint = "employer/users/remove")]
pub async fn remove_user(id: i32) -> Result<(), AppError> {
    let (me, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    madoguchi_db::establishment_users::remove(&db, me, est, id, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
        .map_err(refused)
}

/// The establishment an invitation link is for (404 when unknown, used
/// or expired).
#[server(prefix = "/api", endpoint = "invite/check")]
pub async fn invitation(token: String) -> Result<String, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound.respond());
    }
    let db = crate::state::db()?;
    let Some(est) = madoguchi_db::establishment_users::invited_to(&db, &token, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
    else {
        return Err(AppError::NotFound.respond());
    };
    madoguchi_db::own_establishment::profile(&db, est)
        .await
        .map_err(crate::state::internal)?
        .map(|p| p.name)
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Accepts an invitation: a new employer account of the establishment,
/// logged in and sent to `/employer`.
#[server(prefix = "/api", endpoint = "invite/accept")]
pub async fn accept_invite(
    token: String,
    name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::api::account::field;
    use madoguchi_shared::account::{Role, check_password, normalize_email, required_text};
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound.respond());
    }
    let name = required_text(&name, 50).map_err(field("name"))?;
    let email = normalize_email(&email).map_err(field("email"))?;
    check_password(&password).map_err(field("password"))?;
    let db = crate::state::db()?;
    let hash = madoguchi_db::account::hash_password(password.clone())
        .await
        .map_err(crate::state::internal)?;
    let account = madoguchi_db::account::NewAccount {
        email: email.clone(),
        password_hash: hash,
        role: Role::Employer,
        display_name: name,
        office_id: None,
        establishment_id: None,
    };
    madoguchi_db::establishment_users::accept(&db, &token, account, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
        .map_err(refused)?;
    crate::api::account::log_in_new_account(email, password, Role::Employer).await
}
