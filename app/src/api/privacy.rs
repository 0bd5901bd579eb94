//! `GET /account/export.json`: everything the service keeps about the
//! logged-in person, as a JSON download (docs/domain.md, "What is kept");
//! their documents and attachments are listed with the paths that
//! download them. 401 without a login. A plain axum handler: a file, not
//! a server function's answer.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::{AppState, AuthSession};

pub async fn export(State(state): State<AppState>, auth: AuthSession) -> Response {
    let Some(user) = auth.user else {
        return (StatusCode::UNAUTHORIZED, "login required").into_response();
    };
    let kept = match madoguchi_db::privacy::export(&state.db, user.id, chrono::Utc::now()).await {
        Ok(Some(kept)) => kept,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "login required").into_response(),
        Err(e) => {
            crate::state::internal(e);
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    let body = serde_json::to_vec_pretty(&kept).unwrap_or_default();
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"madoguchi-my-data.json\""),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
