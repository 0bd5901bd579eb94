//! What every server function and server-side render can reach, and the
//! one place that decides who may do what.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::*;
use madoguchi_db::Db;
use madoguchi_db::account::{Backend, User};
use madoguchi_shared::account::Role;

use crate::error::AppError;

/// Provided as context by `leptos_routes` to server functions and renders.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// This server's search index, kept in step with the database.
    pub search: Arc<madoguchi_db::search::SearchIndex>,
    /// Where application documents are stored (outside the site root,
    /// under random names; served only through the access rule).
    pub documents_dir: std::path::PathBuf,
    /// Days without a 採否 result before an application is overdue.
    pub result_overdue_days: u64,
    /// Days a recommendation from the office stays open.
    pub referral_deadline_days: u64,
    /// The `/events` streams this server holds open, per user.
    pub streams: Arc<Streams>,
}

/// Counts the live-count streams this server holds open per user, so one
/// user cannot make it poll the database without end.
#[derive(Default)]
pub struct Streams {
    open: std::sync::Mutex<std::collections::HashMap<i32, u32>>,
}

impl Streams {
    /// Streams one user may hold open on one server (a few tabs).
    pub const PER_USER: u32 = 4;

    /// A place for one more stream of `user`, held until the guard drops;
    /// `None` when the user holds [`Streams::PER_USER`] already.
    pub fn open(self: &Arc<Self>, user: i32) -> Option<StreamGuard> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(user).or_default();
        if *n >= Self::PER_USER {
            return None;
        }
        *n += 1;
        Some(StreamGuard {
            streams: self.clone(),
            user,
        })
    }
}

/// One open stream; dropping it (the stream ended or the client left)
/// frees its place.
pub struct StreamGuard {
    streams: Arc<Streams>,
    user: i32,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut open = self.streams.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.user);
            }
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server-function context");
        AppError::Internal
    })
}

/// The database handle of the current request.
pub fn db() -> Result<Db, AppError> {
    state().map(|s| s.db)
}

pub fn search_index() -> Result<Arc<madoguchi_db::search::SearchIndex>, AppError> {
    state().map(|s| s.search)
}

/// The days without a 採否 result before an application is overdue.
pub fn result_overdue_days() -> Result<u64, AppError> {
    state().map(|s| s.result_overdue_days)
}

/// Days a recommendation from the office stays open.
pub fn referral_deadline_days() -> Result<u64, AppError> {
    state().map(|s| s.referral_deadline_days)
}

/// The folder of stored establishment images.
pub fn images_dir() -> Result<std::path::PathBuf, AppError> {
    state().map(|s| s.documents_dir.join("images"))
}

/// The client's address, for limits per client: the peer of the
/// connection ("unknown" where the server runs without it, as in tests).
pub async fn client_address() -> String {
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// Logs an unexpected failure (its message only, never the data) and
/// turns it into the generic error.
pub fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "unexpected failure");
    AppError::Internal.respond()
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// The login session of the current request.
pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>()
        .await
        .map_err(internal)
}

/// The logged-in user of the request being rendered, read without
/// waiting: the login layer loaded it before the render began.
pub fn rendering_user() -> Option<madoguchi_shared::account::CurrentUser> {
    let parts = use_context::<http::request::Parts>()?;
    let user = parts.extensions.get::<AuthSession>()?.user.as_ref()?;
    Some(madoguchi_shared::account::CurrentUser {
        id: user.id,
        role: user.role,
        display_name: user.display_name.clone(),
        email_verified: user.email_verified,
    })
}

/// The logged-in user, if any.
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(auth_session().await?.user)
}

/// Like `require_role`, for what an account may do only once its address
/// is verified (docs/domain.md, "Accounts"): applying, messaging, direct
/// requests and showing a counter link code. 403 `Unverified` before.
pub async fn require_verified(roles: &[Role]) -> Result<User, AppError> {
    verified(require_role(roles).await?)
}

/// `user`, if their address is verified; 403 `Unverified` otherwise.
pub fn verified(user: User) -> Result<User, AppError> {
    if user.email_verified {
        Ok(user)
    } else {
        Err(AppError::Unverified.respond())
    }
}

/// Every server function that shows or changes anything personal calls
/// this first: 401 without a login, 403 for a role not in `roles`.
pub async fn require_role(roles: &[Role]) -> Result<User, AppError> {
    match current_user().await? {
        None => Err(AppError::Unauthorized.respond()),
        Some(user) if roles.contains(&user.role) => Ok(user),
        Some(_) => Err(AppError::Forbidden.respond()),
    }
}
