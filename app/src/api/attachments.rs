//! Messages with a file: `POST /messages/send` (a multipart form with
//! `application`, `body`, `slots`, `key` and an optional `attachment`,
//! posted by the thread page) and `GET /messages/attachments/{id}`. The
//! file is accepted by what its bytes are (PDF, JPEG or PNG, at most
//! 5 MB), never by its name or the type the browser claims; only the two
//! parties of the thread download it. Plain axum handlers: server
//! functions take no files.

use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use madoguchi_shared::ValidationError;
use madoguchi_shared::document::{MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB, sniff};

use crate::error::AppError;
use crate::state::{AppState, AuthSession};

/// The folder of message files, under the documents folder.
const FOLDER: &str = "messages";

/// The body limit of the send route: one file and the text around it.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_DOCUMENT_BYTES + 64 * 1024)
}

#[derive(Default)]
struct Form {
    application: Option<i32>,
    body: String,
    slots: Option<String>,
    key: Option<String>,
    file: Option<Vec<u8>>,
}

fn file_error(e: ValidationError) -> AppError {
    AppError::Field {
        field: "attachment".to_owned(),
        error: e,
    }
}

fn too_large() -> AppError {
    file_error(ValidationError::FileTooLarge {
        max_mb: MAX_DOCUMENT_MB,
    })
}

async fn read_form(multipart: &mut Multipart) -> Result<Form, AppError> {
    let mut f = Form::default();
    loop {
        let part = match multipart.next_field().await {
            Ok(Some(p)) => p,
            Ok(None) => return Ok(f),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(AppError::BadRequest),
        };
        let name = part.name().unwrap_or_default().to_owned();
        let bytes = match part.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(AppError::BadRequest),
        };
        if name == "attachment" {
            // A file input left empty sends an empty part.
            if !bytes.is_empty() {
                if f.file.is_some() {
                    return Err(AppError::BadRequest);
                }
                f.file = Some(bytes.to_vec());
            }
            continue;
        }
        let Ok(text) = String::from_utf8(bytes.to_vec()) else {
            return Err(AppError::BadRequest);
        };
        match name.as_str() {
            "application" => {
                f.application = Some(text.trim().parse().map_err(|_| AppError::BadRequest)?)
            }
            "body" => f.body = text,
            "slots" => f.slots = Some(text),
            "key" => f.key = Some(text),
            _ => {}
        }
    }
}

/// The answer: JSON (`{"id":…}`, or the error with its status) for the
/// page's own send, a redirect back to the thread for a plain form.
fn answer(json: bool, application: Option<i32>, result: Result<i64, AppError>) -> Response {
    match (json, result) {
        (true, Ok(id)) => axum::Json(serde_json::json!({ "id": id })).into_response(),
        (true, Err(e)) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            (status, axum::Json(e)).into_response()
        }
        (false, result) => {
            let path = application.map_or("/messages".to_owned(), |a| format!("/messages/{a}"));
            match result {
                Ok(_) => Redirect::to(&path).into_response(),
                Err(e) => {
                    let json = serde_json::to_string(&e).unwrap_or_default();
                    let q = madoguchi_shared::search::encode(&json);
                    Redirect::to(&format!("{path}?error={q}")).into_response()
                }
            }
        }
    }
}

/// `POST /messages/send`: a message, with or without a file, by one of
/// the thread's two parties. Nothing is kept when it is refused.
pub async fn send_with_file(
    State(state): State<AppState>,
    auth: AuthSession,
    headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let form = read_form(&mut multipart).await;
    let application = form.as_ref().ok().and_then(|f| f.application);
    let result = send(&state, auth.user, form).await;
    answer(json, application, result)
}

async fn send(
    state: &AppState,
    user: Option<madoguchi_db::account::User>,
    form: Result<Form, AppError>,
) -> Result<i64, AppError> {
    use madoguchi_shared::account::Role;
    let user = user.ok_or(AppError::Unauthorized)?;
    if !matches!(user.role, Role::Seeker | Role::Employer) {
        return Err(AppError::Forbidden);
    }
    if !user.email_verified {
        return Err(AppError::Unverified);
    }
    let form = form?;
    let application = form.application.ok_or(AppError::BadRequest)?;
    let now = chrono::Utc::now();
    let mut out = crate::api::messages::outgoing(&form.body, form.slots.as_deref(), form.key, now)?;
    let dir = state.documents_dir.join(FOLDER);
    if let Some(bytes) = &form.file {
        let file_type = sniff(bytes).map_err(file_error)?;
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(crate::state::internal)?;
        let name = madoguchi_db::apply::new_submission_key();
        crate::api::send::write_private(&dir.join(&name), bytes)
            .await
            .map_err(crate::state::internal)?;
        out.attachment = Some(madoguchi_db::thread::StoredFile {
            storage_name: name,
            file_type,
            byte_size: bytes.len() as i64,
        });
    }
    let written = out.attachment.as_ref().map(|f| f.storage_name.clone());
    let posted = madoguchi_db::thread::post(&state.db, &user, application, out, now).await;
    // A file no message holds (refused, or a retry answered by the first
    // send) goes again.
    if let Some(name) = written {
        let kept = matches!(posted, Ok(Some(Ok(_))))
            && madoguchi_db::thread::holds_file(&state.db, &name)
                .await
                .unwrap_or(true);
        if !kept && let Err(e) = tokio::fs::remove_file(dir.join(&name)).await {
            tracing::warn!(error = %e, "could not remove an unused message file");
        }
    }
    match posted.map_err(crate::state::internal)? {
        None => Err(AppError::NotFound),
        Some(Ok(id)) => Ok(id),
        Some(Err(r)) => Err(AppError::Message(r)),
    }
}

/// `GET /messages/attachments/{id}`: the file, for the two parties of its
/// thread only; 401 without a login, 404 for anyone else (staff too),
/// without saying whether it exists.
pub async fn download_attachment(
    State(state): State<AppState>,
    auth: AuthSession,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "not found").into_response();
    let Some(user) = auth.user else {
        return (StatusCode::UNAUTHORIZED, "login required").into_response();
    };
    let Ok(id) = id.parse::<i32>() else {
        return not_found();
    };
    let (name, kind) = match madoguchi_db::thread::attachment_for(&state.db, &user, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => {
            crate::state::internal(e);
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    match crate::api::send::read_stored(&state.documents_dir.join(FOLDER), &name).await {
        Some(bytes) => crate::api::send::private_file(
            bytes,
            kind,
            &format!("attachment-{id}.{}", kind.extension()),
        ),
        None => not_found(),
    }
}
