//! Message threads between a seeker and an establishment, one per
//! application, for their two parties only; the live unread count.

use leptos::prelude::*;
use madoguchi_shared::thread::{Thread, ThreadSummary, Unread};

use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn party() -> Result<madoguchi_db::account::User, AppError> {
    use madoguchi_shared::account::Role;
    crate::state::require_role(&[Role::Seeker, Role::Employer]).await
}

#[cfg(feature = "ssr")]
pub(crate) fn refused(r: madoguchi_shared::thread::MessageRefusal) -> AppError {
    AppError::Message(r).respond()
}

/// A message as a party wrote it, checked: the text, interview times
/// (`slots`, one a line) and the device's key; the file comes apart.
#[cfg(feature = "ssr")]
pub(crate) fn outgoing(
    body: &str,
    slots: Option<&str>,
    key: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<madoguchi_db::thread::Outgoing, AppError> {
    use madoguchi_shared::thread::{check_body, check_slots};
    let body = check_body(body).map_err(refused)?;
    let slots = match slots.map(str::trim).filter(|s| !s.is_empty()) {
        None => Vec::new(),
        Some(raw) => {
            let japan = (now + chrono::TimeDelta::hours(9)).naive_utc();
            check_slots(raw, japan).map_err(refused)?
        }
    };
    let client_key = match key.map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()) {
        None => None,
        Some(k)
            if k.len() <= 64
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
        {
            Some(k)
        }
        Some(_) => {
            return Err(crate::api::account::field("key")(
                madoguchi_shared::ValidationError::UnknownCode,
            ));
        }
    };
    Ok(madoguchi_db::thread::Outgoing {
        body,
        slots,
        client_key,
        attachment: None,
    })
}

/// The user's threads with messages, the most recent first.
#[server(prefix = "/api", endpoint = "messages/threads")]
pub async fn threads() -> Result<Vec<ThreadSummary>, AppError> {
    let user = party().await?;
    let db = crate::state::db()?;
    madoguchi_db::thread::list(&db, &user)
        .await
        .map_err(crate::state::internal)
}

/// The thread of `application`, opened by one of its parties (404 for
/// anyone else); the other side's messages become read.
#[server(prefix = "/api", endpoint = "messages/thread")]
pub async fn open_thread(application: i32) -> Result<Thread, AppError> {
    let user = party().await?;
    let db = crate::state::db()?;
    madoguchi_db::thread::open(&db, &user, application, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Unread messages to the user and the newest message id they may see;
/// `None` for visitors, staff and admins (they have no threads), so a
/// visitor's page asks without an error.
#[server(prefix = "/api", endpoint = "messages/unread")]
pub async fn unread_count() -> Result<Option<Unread>, AppError> {
    use madoguchi_shared::account::Role;
    let Some(user) = crate::state::current_user().await? else {
        return Ok(None);
    };
    if !matches!(user.role, Role::Seeker | Role::Employer) {
        return Ok(None);
    }
    let db = crate::state::db()?;
    madoguchi_db::thread::unread(&db, &user)
        .await
        .map(Some)
        .map_err(crate::state::internal)
}

/// Sends `body` to the thread of `application`; the establishment may
/// propose interview times (`slots`, one a line). `key` is the device's
/// key of a message sent from a draft: sent again, it answers the same
/// message. Answers the message id.
#[server(prefix = "/api", endpoint = "messages/send")]
pub async fn send_message(
    application: i32,
    body: String,
    slots: Option<String>,
    key: Option<String>,
) -> Result<i64, AppError> {
    let user = crate::state::verified(party().await?)?;
    let now = chrono::Utc::now();
    let out = outgoing(&body, slots.as_deref(), key, now)?;
    let db = crate::state::db()?;
    match madoguchi_db::thread::post(&db, &user, application, out, now)
        .await
        .map_err(crate::state::internal)?
    {
        None => Err(AppError::NotFound.respond()),
        Some(Ok(id)) => Ok(id),
        Some(Err(r)) => Err(refused(r)),
    }
}

/// The seeker picks `slot` of the times proposed in `message`, with the
/// `note` the thread shows (the page writes it in the seeker's language);
/// answers the time now on the application.
#[server(prefix = "/api", endpoint = "messages/pick")]
pub async fn pick_slot(message: i64, slot: String, note: String) -> Result<String, AppError> {
    let user = crate::state::verified(party().await?)?;
    let body = match note.trim() {
        "" => format!("面接日時: {}", slot.trim()),
        _ => madoguchi_shared::thread::check_body(&note).map_err(refused)?,
    };
    let db = crate::state::db()?;
    match madoguchi_db::thread::pick(&db, &user, message, &slot, &body, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
    {
        None => Err(AppError::NotFound.respond()),
        Some(Ok(at)) => Ok(at),
        Some(Err(r)) => Err(refused(r)),
    }
}

/// `GET /events`: server-sent events for a logged-in seeker or employer.
/// Every two seconds this server asks the database for the user's unread
/// count and newest message, and sends an `unread` event when either
/// changed; so a message posted through any app server sharing the
/// database reaches the user within one poll. Visitors get 401; a user
/// holding [`crate::state::Streams::PER_USER`] streams on this server 429
/// (the page then asks every 15 seconds instead).
#[cfg(feature = "ssr")]
pub async fn events(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    auth: crate::state::AuthSession,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use axum::response::sse::{Event, KeepAlive, Sse};
    use madoguchi_shared::account::Role;
    let Some(user) = auth.user else {
        return (http::StatusCode::UNAUTHORIZED, "login required").into_response();
    };
    if !matches!(user.role, Role::Seeker | Role::Employer) {
        return (http::StatusCode::FORBIDDEN, "not a party to threads").into_response();
    }
    let Some(guard) = state.streams.open(user.id) else {
        return (http::StatusCode::TOO_MANY_REQUESTS, "too many open streams").into_response();
    };
    let db = state.db.clone();
    // A stream ends after ten minutes and the browser opens a new one,
    // which checks the login again: a session ended elsewhere stops here.
    let started = std::time::Instant::now();
    let guard = std::sync::Arc::new(guard);
    let stream = futures_util::stream::unfold(None::<Unread>, move |last| {
        let db = db.clone();
        let user = user.clone();
        // Held by the stream: its place is freed when the stream is dropped.
        let _held = guard.clone();
        async move {
            loop {
                if started.elapsed() > std::time::Duration::from_secs(600) {
                    return None;
                }
                if last.is_some() {
                    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                }
                let now = match madoguchi_db::thread::unread(&db, &user).await {
                    Ok(u) => u,
                    Err(e) => {
                        tracing::warn!(error = %e, "unread count failed; retrying");
                        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                        continue;
                    }
                };
                if last != Some(now) {
                    let event = Event::default()
                        .event("unread")
                        .json_data(now)
                        .unwrap_or_default();
                    return Some((Ok::<_, std::convert::Infallible>(event), Some(now)));
                }
            }
        }
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
