//! Sending an application with its documents: one multipart form, posted
//! by the browser itself (with or without JavaScript) to
//! `POST /applications/send`, and the download of a document at
//! `GET /documents/{id}`. Plain axum handlers: server functions take no
//! files.
//!
//! The form carries either `number` (オンライン自主応募 to that posting,
//! with `acknowledged`) or `referral` (answering a recommendation), and
//! `motivation`, `key`, and optional files `resume` (履歴書) and
//! `work_history` (職務経歴書). A sent application goes to its page on
//! MyPage; a refusal goes back to the form with the error in its URL
//! (`?error=`, the `AppError` as JSON), and writes nothing: files already
//! written are removed.

use std::path::{Path, PathBuf};

use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use madoguchi_db::apply::StoredDocument;
use madoguchi_shared::ValidationError;
use madoguchi_shared::account::Role;
use madoguchi_shared::document::{DocumentKind, MAX_DOCUMENT_BYTES, sniff};

use crate::error::AppError;
use crate::state::{AppState, AuthSession};

/// The largest application request: two documents and the text fields.
pub const MAX_SEND_BYTES: usize = 2 * MAX_DOCUMENT_BYTES + 64 * 1024;

/// The body limit to put on the send route (it replaces the site-wide one).
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_SEND_BYTES)
}

/// Where a refusal sends the browser back to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Posting(String),
    Referral(i32),
}

impl Target {
    fn form_path(&self) -> String {
        match self {
            Target::Posting(n) => format!("/jobs/{n}/apply"),
            Target::Referral(id) => format!("/mypage/referrals/{id}/apply"),
        }
    }
}

#[derive(Default)]
struct Fields {
    number: Option<String>,
    referral: Option<String>,
    motivation: Option<String>,
    key: Option<String>,
    acknowledged: bool,
    /// The posting number whose draft goes once the application is sent.
    draft: Option<String>,
    files: Vec<(DocumentKind, Vec<u8>)>,
}

fn field_error(name: &str, error: ValidationError) -> AppError {
    AppError::Field {
        field: name.to_owned(),
        error,
    }
}

/// Reads every part of the form; files are checked by content as they
/// arrive. A body over the limit is `TooLarge`.
async fn read_fields(multipart: &mut Multipart) -> Result<Fields, (Fields, AppError)> {
    let mut f = Fields::default();
    loop {
        let next = match multipart.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => return Ok(f),
            Err(e) => {
                let error = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::TooLarge
                } else {
                    AppError::BadRequest
                };
                return Err((f, error));
            }
        };
        let name = next.name().unwrap_or_default().to_owned();
        let kind = match name.as_str() {
            "resume" => Some(DocumentKind::Resume),
            "work_history" => Some(DocumentKind::WorkHistory),
            _ => None,
        };
        let bytes = match next.bytes().await {
            Ok(b) => b,
            Err(e) => {
                let error = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    field_error(
                        &name,
                        ValidationError::FileTooLarge {
                            max_mb: madoguchi_shared::document::MAX_DOCUMENT_MB,
                        },
                    )
                } else {
                    AppError::BadRequest
                };
                return Err((f, error));
            }
        };
        if let Some(kind) = kind {
            // A file input left empty sends an empty part.
            if !bytes.is_empty() {
                if f.files.iter().any(|(k, _)| *k == kind) {
                    return Err((f, AppError::BadRequest));
                }
                f.files.push((kind, bytes.to_vec()));
            }
            continue;
        }
        let Ok(text) = String::from_utf8(bytes.to_vec()) else {
            return Err((f, AppError::BadRequest));
        };
        match name.as_str() {
            "number" => f.number = Some(text),
            "referral" => f.referral = Some(text),
            "motivation" => f.motivation = Some(text),
            "key" => f.key = Some(text),
            "acknowledged" => f.acknowledged = matches!(text.as_str(), "on" | "true"),
            "draft" => f.draft = Some(text),
            _ => {}
        }
    }
}

fn target_of(f: &Fields) -> Option<Target> {
    match (&f.number, &f.referral) {
        (Some(n), None)
            if n.parse::<madoguchi_shared::posting::PostingNumber>()
                .is_ok() =>
        {
            Some(Target::Posting(n.clone()))
        }
        (None, Some(r)) => r
            .parse()
            .ok()
            .filter(|id: &i32| *id > 0)
            .map(Target::Referral),
        _ => None,
    }
}

/// Back to the form with the error; the form shows it in the user's
/// language (the typed statement is restored there from the device).
fn back(target: &Target, error: &AppError) -> Response {
    let json = serde_json::to_string(error).unwrap_or_default();
    let encoded = madoguchi_shared::search::encode(&json);
    Redirect::to(&format!("{}?error={encoded}", target.form_path())).into_response()
}

/// Writes each checked file under a fresh random name; on any failure the
/// ones written are removed again.
async fn store(
    dir: &Path,
    files: &[(DocumentKind, Vec<u8>)],
) -> Result<Vec<StoredDocument>, AppError> {
    let mut written: Vec<StoredDocument> = Vec::new();
    for (kind, bytes) in files {
        let file_type = match sniff(bytes) {
            Ok(t) => t,
            Err(e) => {
                remove(dir, &written).await;
                return Err(field_error(kind.as_str(), e));
            }
        };
        let name = madoguchi_db::apply::new_submission_key();
        if let Err(e) = write_private(&dir.join(&name), bytes).await {
            remove(dir, &written).await;
            return Err(crate::state::internal(e));
        }
        written.push(StoredDocument {
            kind: *kind,
            file_type,
            byte_size: bytes.len() as i64,
            storage_name: name,
        });
    }
    Ok(written)
}

/// A new file readable by this server's user only.
pub(crate) async fn write_private(path: &PathBuf, bytes: &[u8]) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(path).await?;
    file.write_all(bytes).await?;
    file.sync_all().await
}

async fn remove(dir: &Path, docs: &[StoredDocument]) {
    for d in docs {
        if let Err(e) = tokio::fs::remove_file(dir.join(&d.storage_name)).await {
            tracing::warn!(error = %e, "could not remove an unused document file");
        }
    }
}

/// How the answer is given: redirects for a form the browser posts
/// itself, JSON (`{"id":…}`, or the `AppError` with its status) for the
/// page's own sends (JavaScript, and waiting applications sent when the
/// connection comes back).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Redirect,
    Json,
}

impl Answer {
    fn of(headers: &axum::http::HeaderMap) -> Answer {
        let json = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if json { Answer::Json } else { Answer::Redirect }
    }

    fn refused(self, target: &Target, error: AppError) -> Response {
        match self {
            Answer::Redirect => back(target, &error),
            Answer::Json => {
                let status =
                    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
                (status, axum::Json(error)).into_response()
            }
        }
    }

    fn sent(self, id: i32) -> Response {
        match self {
            Answer::Redirect => Redirect::to(&format!("/mypage/applications/{id}")).into_response(),
            Answer::Json => axum::Json(serde_json::json!({ "id": id })).into_response(),
        }
    }
}

/// `POST /applications/send`.
pub async fn send_application(
    State(state): State<AppState>,
    auth: AuthSession,
    headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let answer = Answer::of(&headers);
    let fields = read_fields(&mut multipart).await;
    let (fields, read_error) = match fields {
        Ok(f) => (f, None),
        Err((f, e)) => (f, Some(e)),
    };
    let Some(target) = target_of(&fields) else {
        return (StatusCode::BAD_REQUEST, "malformed application form").into_response();
    };
    let Some(user) = auth.user else {
        if answer == Answer::Json {
            return answer.refused(&target, AppError::Unauthorized);
        }
        let next = target.form_path();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    };
    if user.role != Role::Seeker {
        return answer.refused(&target, AppError::Forbidden);
    }
    if !user.email_verified {
        return answer.refused(&target, AppError::Unverified);
    }
    if let Some(error) = read_error {
        return answer.refused(&target, error);
    }
    let draft = fields
        .draft
        .clone()
        .filter(|k| madoguchi_shared::draft::valid_key(k));
    match apply(&state, user.id, &target, fields).await {
        Ok(id) => {
            // Sent: the server's draft of the statement goes too.
            if let Some(key) = draft
                && let Err(e) = madoguchi_db::draft::remove(&state.db, user.id, &key).await
            {
                crate::state::internal(e);
            }
            answer.sent(id)
        }
        Err(error) => answer.refused(&target, error),
    }
}

async fn apply(
    state: &AppState,
    user_id: i32,
    target: &Target,
    f: Fields,
) -> Result<i32, AppError> {
    use madoguchi_db::apply::SelfApplication;
    use madoguchi_db::referral::ReferralApplication;
    use madoguchi_shared::application::{motivation_text, valid_submission_key};
    if matches!(target, Target::Posting(_)) && !f.acknowledged {
        return Err(field_error("acknowledged", ValidationError::Required));
    }
    let motivation = motivation_text(f.motivation.as_deref().unwrap_or_default())
        .map_err(|e| field_error("motivation", e))?;
    let key = f.key.unwrap_or_default();
    if !valid_submission_key(&key) {
        return Err(AppError::BadRequest);
    }
    let dir = &state.documents_dir;
    let documents = store(dir, &f.files).await?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let outcome = match target {
        Target::Posting(number) => madoguchi_db::apply::self_apply(
            &state.db,
            user_id,
            SelfApplication {
                number,
                motivation: &motivation,
                idempotency_key: &key,
                documents: &documents,
            },
            today,
        )
        .await
        .map(|r| r.map_err(AppError::from)),
        Target::Referral(id) => madoguchi_db::referral::apply(
            &state.db,
            user_id,
            ReferralApplication {
                referral_id: *id,
                motivation: &motivation,
                idempotency_key: &key,
                documents: &documents,
            },
            today,
        )
        .await
        .map(|r| r.map_err(AppError::from)),
    };
    match outcome {
        Ok(Ok(applied)) => {
            if applied.repeated {
                remove(dir, &documents).await;
            }
            Ok(applied.id)
        }
        Ok(Err(error)) => {
            remove(dir, &documents).await;
            Err(error)
        }
        Err(e) => {
            remove(dir, &documents).await;
            Err(crate::state::internal(e))
        }
    }
}

/// `GET /documents/{id}`: the file, for the application's seeker, the
/// posting's establishment and the office's staff; 404 for anyone else,
/// without saying whether it exists.
pub async fn download_document(
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
    let (name, info) = match madoguchi_db::access::document_for(&state.db, &user, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => {
            crate::state::internal(e);
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    let Some(bytes) = read_stored(&state.documents_dir, &name).await else {
        return not_found();
    };
    let filename = format!("{}-{id}.{}", info.kind.as_str(), info.file_type.extension());
    private_file(bytes, info.file_type, &filename)
}

/// The file stored as `name` in `dir`, or `None`: stored names are 32 hex
/// digits (anything else never names a file), and a file that cannot be
/// read is logged.
pub(crate) async fn read_stored(dir: &Path, name: &str) -> Option<Vec<u8>> {
    if name.len() != 32 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match tokio::fs::read(dir.join(name)).await {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            crate::state::internal(e);
            None
        }
    }
}

/// A private file as a download: never cached, never sniffed into
/// another type, never run as a page.
pub(crate) fn private_file(
    bytes: Vec<u8>,
    kind: madoguchi_shared::document::DocumentType,
    filename: &str,
) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.as_str()),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    response
}
