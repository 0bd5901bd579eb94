//! What every server function and server-side render can reach.

use axum::extract::FromRef;
use leptos::prelude::*;
use madoguchi_db::Db;

use crate::error::AppError;

/// Provided as context by `leptos_routes` to server functions and renders.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The database handle of the current request.
pub fn db() -> Result<Db, AppError> {
    use_context::<AppState>().map(|s| s.db).ok_or_else(|| {
        tracing::error!("AppState missing from the server-function context");
        AppError::Internal
    })
}

/// Logs an unexpected database failure (without its data) and turns it
/// into the generic error.
pub fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "database error");
    AppError::Internal.respond()
}
