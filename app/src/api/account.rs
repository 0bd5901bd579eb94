//! Registration, login, logout and the account of the logged-in user.

use leptos::prelude::*;
use madoguchi_shared::account::{CurrentUser, Role};

use crate::error::AppError;

/// Where each role starts after logging in.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Seeker => "/mypage",
        Role::Employer => "/employer",
        Role::Staff => "/staff",
        Role::Admin => "/admin",
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn field(name: &str) -> impl Fn(madoguchi_shared::ValidationError) -> AppError + '_ {
    move |error| {
        AppError::Field {
            field: name.to_owned(),
            error,
        }
        .respond()
    }
}

/// Logs a just-registered user in and sends the browser to the role's
/// start page.
#[cfg(feature = "ssr")]
pub(crate) async fn log_in_new_account(
    email: String,
    password: String,
    role: Role,
) -> Result<(), AppError> {
    use madoguchi_db::account::Credentials;
    let mut auth = crate::state::auth_session().await?;
    let user = auth
        .authenticate(Credentials { email, password })
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| crate::state::internal("new account does not authenticate"))?;
    start_session(&mut auth, &user).await?;
    leptos_axum::redirect(home_of(role));
    Ok(())
}

/// Logs `user` in with a new session id, also over an existing login (the
/// login layer draws a new one only for a session without a user).
#[cfg(feature = "ssr")]
async fn start_session(
    auth: &mut crate::state::AuthSession,
    user: &madoguchi_db::account::User,
) -> Result<(), AppError> {
    auth.login(user).await.map_err(crate::state::internal)?;
    auth.session
        .cycle_id()
        .await
        .map_err(crate::state::internal)
}

/// Counts a new MyPage against the client's limit: 429 past it.
#[cfg(feature = "ssr")]
async fn registration_allowed(db: &madoguchi_db::Db) -> Result<(), AppError> {
    let client = crate::state::client_address().await;
    let limit = &madoguchi_db::attempts::REGISTER_PER_CLIENT;
    match madoguchi_db::attempts::take(db, limit, &client, chrono::Utc::now()).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(AppError::TooManyAttempts.respond()),
        Err(e) => Err(crate::state::internal(e)),
    }
}

/// Opens an internet-only seeker's MyPage and logs the seeker in.
#[server(prefix = "/api", endpoint = "account/register")]
pub async fn register_seeker(
    email: String,
    password: String,
    name: String,
    name_kana: String,
) -> Result<(), AppError> {
    use madoguchi_db::account::{AccountError, NewAccount};
    use madoguchi_shared::account::{check_password, kana_text, normalize_email, required_text};

    let email = normalize_email(&email).map_err(field("email"))?;
    check_password(&password).map_err(field("password"))?;
    let name = required_text(&name, 50).map_err(field("name"))?;
    let name_kana = kana_text(&name_kana, 50).map_err(field("name_kana"))?;

    let db = crate::state::db()?;
    registration_allowed(&db).await?;
    let hash = madoguchi_db::account::hash_password(password.clone())
        .await
        .map_err(crate::state::internal)?;
    let account = NewAccount {
        email: email.clone(),
        password_hash: hash,
        role: Role::Seeker,
        display_name: name.clone(),
        office_id: None,
        establishment_id: None,
    };
    match madoguchi_db::account::register_seeker(&db, account, name, name_kana).await {
        Ok(_) => {}
        Err(AccountError::EmailTaken) => return Err(AppError::EmailTaken.respond()),
        Err(e) => return Err(crate::state::internal(e)),
    }
    log_in_new_account(email, password, Role::Seeker).await
}

/// Opens an employer's MyPage together with the establishment (registered
/// with the office of its prefecture) and logs the new user in.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "account/register_employer")]
pub async fn register_employer(
    email: String,
    password: String,
    contact_name: String,
    establishment_name: String,
    establishment_kana: String,
    prefecture: String,
    city: String,
    address: String,
    industry: String,
    size: String,
) -> Result<(), AppError> {
    use madoguchi_db::account::{AccountError, NewAccount, NewEstablishment};
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::{check_password, kana_text, normalize_email, required_text};
    use madoguchi_shared::establishment::EstablishmentSize;
    use madoguchi_shared::prefecture::Prefecture;

    let establishment_name =
        required_text(&establishment_name, 100).map_err(field("establishment_name"))?;
    let establishment_kana =
        kana_text(&establishment_kana, 100).map_err(field("establishment_kana"))?;
    let prefecture = prefecture
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Prefecture::from_code)
        .ok_or(ValidationError::Prefecture)
        .map_err(field("prefecture"))?;
    let city = required_text(&city, 50).map_err(field("city"))?;
    let address = required_text(&address, 100).map_err(field("address"))?;
    let industry = required_text(&industry, 50).map_err(field("industry"))?;
    let size = size
        .parse::<EstablishmentSize>()
        .map_err(|_| field("size")(ValidationError::UnknownCode))?;
    let contact_name = required_text(&contact_name, 50).map_err(field("contact_name"))?;
    let email = normalize_email(&email).map_err(field("email"))?;
    check_password(&password).map_err(field("password"))?;

    let db = crate::state::db()?;
    registration_allowed(&db).await?;
    let hash = madoguchi_db::account::hash_password(password.clone())
        .await
        .map_err(crate::state::internal)?;
    let account = NewAccount {
        email: email.clone(),
        password_hash: hash,
        role: Role::Employer,
        display_name: contact_name,
        office_id: None,
        establishment_id: None,
    };
    let establishment = NewEstablishment {
        name: establishment_name,
        name_kana: establishment_kana,
        prefecture: prefecture.code(),
        city,
        address,
        industry,
        size: size.as_str().to_owned(),
    };
    match madoguchi_db::account::register_employer(&db, account, establishment).await {
        Ok(_) => {}
        Err(AccountError::EmailTaken) => return Err(AppError::EmailTaken.respond()),
        Err(e) => return Err(crate::state::internal(e)),
    }
    log_in_new_account(email, password, Role::Employer).await
}

/// Logs in with e-mail address and password; answers the user's role and
/// sends the browser to the role's start page.
#[server(prefix = "/api", endpoint = "account/login")]
pub async fn login(
    email: String,
    password: String,
    /// The page that asked for the login, to return to.
    next: Option<String>,
) -> Result<Role, AppError> {
    use madoguchi_db::account::Credentials;
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::MAX_PASSWORD_CHARS;

    let key = email.trim().to_lowercase();
    if key.is_empty() {
        return Err(field("email")(ValidationError::Required));
    }
    if password.is_empty() {
        return Err(field("password")(ValidationError::Required));
    }
    // Counted before the password is tried (and an argon2 hash paid for),
    // in the database: per address and per client, across app servers,
    // and not to be raced by parallel attempts.
    use madoguchi_db::attempts::{LOGIN_PER_ADDRESS, LOGIN_PER_CLIENT};
    let db = crate::state::db()?;
    let client = crate::state::client_address().await;
    let now = chrono::Utc::now();
    let counted = |limit, who: String| {
        let db = db.clone();
        async move { madoguchi_db::attempts::take(&db, limit, &who, now).await }
    };
    let by_client = counted(&LOGIN_PER_CLIENT, client.clone())
        .await
        .map_err(crate::state::internal)?;
    let by_address = counted(&LOGIN_PER_ADDRESS, key.clone())
        .await
        .map_err(crate::state::internal)?;
    if !(by_client && by_address) {
        return Err(AppError::TooManyAttempts.respond());
    }
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(AppError::LoginFailed.respond());
    }
    let mut auth = crate::state::auth_session().await?;
    match auth
        .authenticate(Credentials {
            email: key.clone(),
            password,
        })
        .await
        .map_err(crate::state::internal)?
    {
        Some(user) => {
            start_session(&mut auth, &user).await?;
            madoguchi_db::attempts::clear(&db, &LOGIN_PER_ADDRESS, &key)
                .await
                .map_err(crate::state::internal)?;
            madoguchi_db::attempts::give_back(&db, &LOGIN_PER_CLIENT, &client)
                .await
                .map_err(crate::state::internal)?;
            let to = next
                .as_deref()
                .and_then(madoguchi_shared::account::safe_next)
                .unwrap_or(home_of(user.role));
            leptos_axum::redirect(to);
            Ok(user.role)
        }
        None => Err(AppError::LoginFailed.respond()),
    }
}

/// Ends the session and returns to the home page.
#[server(prefix = "/api", endpoint = "account/logout")]
pub async fn logout() -> Result<(), AppError> {
    let mut auth = crate::state::auth_session().await?;
    auth.logout().await.map_err(crate::state::internal)?;
    leptos_axum::redirect("/");
    Ok(())
}

/// The logged-in user, or `None` for a visitor.
#[server(prefix = "/api", endpoint = "account/me")]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::state::current_user().await?.map(|u| CurrentUser {
        id: u.id,
        role: u.role,
        display_name: u.display_name,
    }))
}

/// The account page of `role`: 401 for visitors, 403 for every other role.
#[server(prefix = "/api", endpoint = "account/home")]
pub async fn account_home(role: Role) -> Result<CurrentUser, AppError> {
    let user = crate::state::require_role(&[role]).await?;
    Ok(CurrentUser {
        id: user.id,
        role: user.role,
        display_name: user.display_name,
    })
}

/// Changes the logged-in user's password; other sessions of the user end.
#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_password(current: String, new_password: String) -> Result<(), AppError> {
    use axum_login::AuthnBackend;
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::check_password;

    let user =
        crate::state::require_role(&[Role::Seeker, Role::Employer, Role::Staff, Role::Admin])
            .await?;
    check_password(&new_password).map_err(field("new_password"))?;
    let db = crate::state::db()?;
    let limit = &madoguchi_db::attempts::PASSWORD_CHANGE;
    let who = user.id.to_string();
    if !madoguchi_db::attempts::take(&db, limit, &who, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
    {
        return Err(AppError::TooManyAttempts.respond());
    }
    if current.is_empty()
        || !madoguchi_db::account::verify_user_password(&db, user.id, current)
            .await
            .map_err(crate::state::internal)?
    {
        return Err(field("current")(ValidationError::WrongPassword));
    }
    madoguchi_db::attempts::clear(&db, limit, &who)
        .await
        .map_err(crate::state::internal)?;
    let hash = madoguchi_db::account::hash_password(new_password)
        .await
        .map_err(crate::state::internal)?;
    madoguchi_db::account::set_password_hash(&db, user.id, hash)
        .await
        .map_err(crate::state::internal)?;
    // Keep this session: log in again with the new hash.
    let mut auth = crate::state::auth_session().await?;
    if let Some(updated) = auth
        .backend
        .get_user(&user.id)
        .await
        .map_err(crate::state::internal)?
    {
        auth.login(&updated).await.map_err(crate::state::internal)?;
    }
    Ok(())
}
