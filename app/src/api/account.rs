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
/// start page (an accepted invitation: its holder is who the colleague
/// invited; the address still waits for verification).
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

/// Whether one more account e-mail may go to `who` (an address, or a
/// user as `user:{id}`): past the limit the caller answers as usual and
/// sends nothing.
#[cfg(feature = "ssr")]
async fn account_mail_allowed(db: &madoguchi_db::Db, who: &str) -> Result<bool, AppError> {
    let limit = &madoguchi_db::attempts::ACCOUNT_MAIL_PER_ADDRESS;
    madoguchi_db::attempts::take(db, limit, who, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)
}

/// The end of every registration, whether or not the address had an
/// account (docs/domain.md, "Accounts"): a new account got its
/// verification e-mail with it; the owner of a taken address is told
/// someone tried. Either way the browser goes to `/register/sent`, so
/// the answer never says which addresses have accounts, and no one is
/// logged in before showing they hold the address.
#[cfg(feature = "ssr")]
async fn registered<T>(
    db: &madoguchi_db::Db,
    email: &str,
    result: Result<T, madoguchi_db::account::AccountError>,
) -> Result<(), AppError> {
    use madoguchi_db::account::AccountError;
    let mail_allowed = account_mail_allowed(db, email).await?;
    match result {
        Ok(_) => {}
        Err(AccountError::EmailTaken) => {
            if mail_allowed {
                madoguchi_db::account_token::tell_already_registered(db, email, chrono::Utc::now())
                    .await
                    .map_err(crate::state::internal)?;
            }
        }
        Err(e) => return Err(crate::state::internal(e)),
    }
    leptos_axum::redirect("/register/sent");
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

/// Opens an internet-only seeker's MyPage and sends the verification
/// e-mail; the seeker logs in once they have it (see `registered`).
#[server(prefix = "/api", endpoint = "account/register")]
pub async fn register_seeker(
    email: String,
    password: String,
    name: String,
    name_kana: String,
) -> Result<(), AppError> {
    use madoguchi_db::account::NewAccount;
    use madoguchi_shared::account::{check_password, kana_text, normalize_email, required_text};

    let email = normalize_email(&email).map_err(field("email"))?;
    check_password(&password).map_err(field("password"))?;
    let name = required_text(&name, 50).map_err(field("name"))?;
    let name_kana = kana_text(&name_kana, 50).map_err(field("name_kana"))?;

    let db = crate::state::db()?;
    registration_allowed(&db).await?;
    // Hashed whether or not the address is taken: both answers cost the
    // same time.
    let hash = madoguchi_db::account::hash_password(password)
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
    let result = madoguchi_db::account::register_seeker(&db, account, name, name_kana).await;
    registered(&db, &email, result).await
}

/// Opens an employer's MyPage together with the establishment (registered
/// with the office of its prefecture) and sends the verification e-mail.
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
    use madoguchi_db::account::{NewAccount, NewEstablishment};
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
    let hash = madoguchi_db::account::hash_password(password)
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
    let result = madoguchi_db::account::register_employer(&db, account, establishment).await;
    registered(&db, &email, result).await
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
        email_verified: u.email_verified,
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
        email_verified: user.email_verified,
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

/// Whether `token` has the shape of a link's secret (64 hex digits).
#[cfg(feature = "ssr")]
fn link_token(token: &str) -> Result<&str, AppError> {
    let token = token.trim();
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(token)
    } else {
        Err(AppError::BadLink.respond())
    }
}

/// Uses a verification link: the account's address counts as verified.
/// A browser logged in as that account goes to its start page, any other
/// to the login page (the link does not log in: whoever holds a mail's
/// link should still need the password). 410 for a used, unknown or
/// expired link.
#[server(prefix = "/api", endpoint = "account/verify")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let token = link_token(&token)?;
    let db = crate::state::db()?;
    let verified = madoguchi_db::account_token::verify_address(&db, token, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::BadLink.respond())?;
    match crate::state::current_user().await? {
        Some(user) if user.id == verified => leptos_axum::redirect(home_of(user.role)),
        _ => leptos_axum::redirect("/login?verified=1"),
    }
    Ok(())
}

/// Whether a verification or reset link would work now, for the page that
/// shows its form (using it is the form's POST).
#[server(prefix = "/api", endpoint = "account/link")]
pub async fn link_is_live(token: String, reset: bool) -> Result<bool, AppError> {
    use madoguchi_db::account_token::Purpose;
    let Ok(token) = link_token(&token) else {
        return Ok(false);
    };
    let purpose = if reset {
        Purpose::Reset
    } else {
        Purpose::Verify
    };
    let db = crate::state::db()?;
    madoguchi_db::account_token::is_live(&db, token, purpose, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)
}

/// Sends the logged-in user a new verification link (at most a few an
/// hour); nothing once the address is verified.
#[server(prefix = "/api", endpoint = "account/verify/resend")]
pub async fn resend_verification() -> Result<(), AppError> {
    let user =
        crate::state::require_role(&[Role::Seeker, Role::Employer, Role::Staff, Role::Admin])
            .await?;
    if user.email_verified {
        return Ok(());
    }
    let db = crate::state::db()?;
    if !account_mail_allowed(&db, &format!("user:{}", user.id)).await? {
        return Err(AppError::TooManyAttempts.respond());
    }
    madoguchi_db::account_token::ask_verification(&db, user.id, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)
}

/// Asks for a password-reset link to `email`. The answer is the same
/// whether or not the address has an account (`/password-reset?sent=1`);
/// a mail goes only to an open account, at most a few an hour.
#[server(prefix = "/api", endpoint = "account/reset/ask")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use madoguchi_shared::account::normalize_email;
    let email = normalize_email(&email).map_err(field("email"))?;
    let db = crate::state::db()?;
    let client = crate::state::client_address().await;
    let now = chrono::Utc::now();
    if !madoguchi_db::attempts::take(&db, &madoguchi_db::attempts::RESET_PER_CLIENT, &client, now)
        .await
        .map_err(crate::state::internal)?
    {
        return Err(AppError::TooManyAttempts.respond());
    }
    if account_mail_allowed(&db, &email).await? {
        madoguchi_db::account_token::ask_reset(&db, &email, now)
            .await
            .map_err(crate::state::internal)?;
    }
    leptos_axum::redirect("/password-reset?sent=1");
    Ok(())
}

/// Sets a new password by a reset link: every session of the account
/// ends, its failed-login count is cleared (the owner gets past a lockout
/// someone else caused), and the browser goes to the login page. 410 for
/// a used, unknown or expired link.
#[server(prefix = "/api", endpoint = "account/reset")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    use madoguchi_shared::account::check_password;
    let token = link_token(&token)?.to_owned();
    check_password(&new_password).map_err(field("new_password"))?;
    let db = crate::state::db()?;
    let hash = madoguchi_db::account::hash_password(new_password)
        .await
        .map_err(crate::state::internal)?;
    let email = madoguchi_db::account_token::reset_password(&db, &token, hash, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::BadLink.respond())?;
    madoguchi_db::attempts::clear(&db, &madoguchi_db::attempts::LOGIN_PER_ADDRESS, &email)
        .await
        .map_err(crate::state::internal)?;
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}
