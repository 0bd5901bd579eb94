//! 応募者管理: the employer's applicant list and the 採否 result. Every
//! function works inside the logged-in user's establishment only.

use leptos::prelude::*;
use madoguchi_shared::application::{ApplicantPage, ApplicationStatus};

use crate::error::AppError;

/// The establishment of the logged-in employer (403 for anyone else).
#[cfg(feature = "ssr")]
pub(crate) async fn establishment() -> Result<(i32, i32), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Employer]).await?;
    let est = user
        .establishment_id
        .ok_or_else(|| AppError::Forbidden.respond())?;
    Ok((user.id, est))
}

/// The applicants to the establishment's postings, newest first, 50 a
/// page: narrowed by posting (求人番号), 応募方法, stage and a part of the
/// name or reading. Empty values mean "any"; malformed ones are a 400
/// naming the field.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "employer/applicants")]
pub async fn employer_applicants(
    posting: Option<String>,
    method: Option<String>,
    status: Option<String>,
    name: Option<String>,
    /// Applied on or after / on or before, `YYYY-MM-DD`.
    from: Option<String>,
    to: Option<String>,
    /// "oldest" for oldest first; newest first otherwise.
    sort: Option<String>,
    page: Option<u64>,
) -> Result<ApplicantPage, AppError> {
    use crate::api::account::field;
    use madoguchi_db::employer::ApplicantFilter;
    use madoguchi_shared::ValidationError;
    let (_, est) = establishment().await?;
    let given = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let posting = given(posting);
    if let Some(p) = &posting
        && p.parse::<madoguchi_shared::posting::PostingNumber>()
            .is_err()
    {
        return Err(field("posting")(ValidationError::PostingNumber));
    }
    let method = given(method)
        .map(|m| m.parse())
        .transpose()
        .map_err(field("method"))?;
    let status = given(status)
        .map(|s| s.parse())
        .transpose()
        .map_err(field("status"))?;
    let name = given(name);
    if name.as_ref().is_some_and(|n| n.chars().count() > 50) {
        return Err(field("name")(ValidationError::TooLong { max: 50 }));
    }
    let day = |name: &'static str, v: Option<String>| {
        given(v)
            .map(|d| madoguchi_shared::date::from_iso(&d).ok_or(ValidationError::DateRange))
            .transpose()
            .map_err(field(name))
    };
    let from = day("from", from)?;
    let to = day("to", to)?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(field("to")(ValidationError::MinAboveMax));
    }
    let oldest_first = match given(sort).as_deref() {
        None | Some("newest") => false,
        Some("oldest") => true,
        Some(_) => return Err(field("sort")(ValidationError::UnknownCode)),
    };
    let filter = ApplicantFilter {
        posting,
        method,
        status,
        name,
        from,
        to,
        oldest_first,
        page: page.unwrap_or(1).max(1),
    };
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let overdue_days = crate::state::result_overdue_days()?;
    madoguchi_db::employer::applicants(&db, est, &filter, today, overdue_days)
        .await
        .map_err(crate::state::internal)
}

/// The required 不採用 reason category of a form (400 naming `reason`).
#[cfg(feature = "ssr")]
fn rejection_reason(
    reason: Option<&str>,
) -> Result<madoguchi_shared::application::RejectionReason, AppError> {
    reason
        .filter(|r| !r.is_empty())
        .ok_or(madoguchi_shared::ValidationError::Required)
        .and_then(str::parse)
        .map_err(crate::api::account::field("reason"))
}

/// 採否: `result` "hired" or "not_hired" (then `reason`, a
/// `RejectionReason` code). 404 for an application of another
/// establishment, 409 once decided or withdrawn.
#[server(prefix = "/api", endpoint = "employer/decide")]
pub async fn decide_application(
    id: i32,
    result: String,
    reason: Option<String>,
) -> Result<ApplicationStatus, AppError> {
    use crate::api::account::field;
    use madoguchi_db::employer::{Decision, NotDecided};
    use madoguchi_shared::ValidationError;
    let (user, est) = establishment().await?;
    let decision = match result.as_str() {
        "hired" => Decision::Hired,
        "not_hired" => Decision::NotHired(rejection_reason(reason.as_deref())?),
        _ => return Err(field("result")(ValidationError::UnknownCode)),
    };
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    match madoguchi_db::employer::decide(&db, user, est, id, decision, today)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(status) => Ok(status),
        Err(NotDecided::Missing) => Err(AppError::NotFound.respond()),
        Err(NotDecided::Final) => Err(AppError::AlreadyDecided.respond()),
    }
}

/// Moves application `id` to 書類選考 (`to` = "screening") or 面接
/// ("interview"); 404 outside the establishment, 409 when the stage does
/// not allow it.
#[server(prefix = "/api", endpoint = "employer/stage")]
pub async fn move_stage(id: i32, to: String) -> Result<ApplicationStatus, AppError> {
    use crate::api::account::field;
    use madoguchi_db::employer::NotDecided;
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::application::ApplicationAction;
    let (user, est) = establishment().await?;
    let action = match to.as_str() {
        "screening" => ApplicationAction::StartScreening,
        "interview" => ApplicationAction::InviteToInterview,
        "offer" => ApplicationAction::Offer,
        _ => return Err(field("to")(ValidationError::UnknownCode)),
    };
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    match madoguchi_db::employer::move_stage(&db, user, est, id, action, today)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(status) => Ok(status),
        Err(NotDecided::Missing) => Err(AppError::NotFound.respond()),
        Err(NotDecided::Final) => Err(AppError::AlreadyDecided.respond()),
    }
}

/// The establishment's own notes and rating of application `id` (never
/// shown to the seeker or to other establishments: 404).
#[server(prefix = "/api", endpoint = "employer/notes")]
pub async fn applicant_notes(
    id: i32,
) -> Result<madoguchi_shared::application::ApplicantNotes, AppError> {
    let (_, est) = establishment().await?;
    let db = crate::state::db()?;
    madoguchi_db::employer::notes(&db, est, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Adds a 選考メモ (at most 1,000 characters, kept as typed).
#[server(prefix = "/api", endpoint = "employer/note")]
pub async fn add_note(id: i32, body: String) -> Result<(), AppError> {
    use crate::api::account::field;
    use madoguchi_shared::application::MAX_NOTE_CHARS;
    let (user, est) = establishment().await?;
    let body = madoguchi_shared::application::motivation_text(&body).map_err(field("body"))?;
    if body.chars().count() > MAX_NOTE_CHARS {
        return Err(field("body")(madoguchi_shared::ValidationError::TooLong {
            max: MAX_NOTE_CHARS,
        }));
    }
    let db = crate::state::db()?;
    if madoguchi_db::employer::add_note(&db, user, est, id, &body)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(())
    } else {
        Err(AppError::NotFound.respond())
    }
}

/// Sets the establishment's rating, 1–5, or clears it (empty).
#[server(prefix = "/api", endpoint = "employer/rating")]
pub async fn set_rating(id: i32, rating: String) -> Result<(), AppError> {
    use crate::api::account::field;
    let (_, est) = establishment().await?;
    let rating = match rating.trim() {
        "" => None,
        r => Some(
            r.parse::<u8>()
                .ok()
                .filter(|r| (1..=5).contains(r))
                .ok_or_else(|| {
                    field("rating")(madoguchi_shared::ValidationError::OutOfRange {
                        min: 1,
                        max: 5,
                    })
                })?,
        ),
    };
    let db = crate::state::db()?;
    if madoguchi_db::employer::set_rating(&db, est, id, rating)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(())
    } else {
        Err(AppError::NotFound.respond())
    }
}

/// What a bulk action did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BulkResult {
    pub done: u32,
    /// Applications left as they were (another establishment's, or at a
    /// stage that does not allow the action).
    pub skipped: u32,
}

/// A bulk action on the checked applicants (`ids`, comma-separated, at
/// most 100): `action` "screening", "interview", "offer", or "not_hired"
/// with a `reason` category (the 不採用 notice the seeker receives is the
/// standard wording of that category).
#[server(prefix = "/api", endpoint = "employer/bulk")]
pub async fn bulk_applicants(
    ids: String,
    action: String,
    reason: Option<String>,
) -> Result<BulkResult, AppError> {
    use crate::api::account::field;
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::application::ApplicationAction;
    let (user, est) = establishment().await?;
    let mut list: Vec<i32> = Vec::new();
    for part in ids.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = part
            .parse::<i32>()
            .map_err(|_| field("ids")(ValidationError::UnknownCode))?;
        if !list.contains(&id) {
            list.push(id);
        }
    }
    if list.is_empty() {
        return Err(field("ids")(ValidationError::Required));
    }
    let max = madoguchi_db::employer::MAX_BULK;
    if list.len() > max {
        return Err(field("ids")(ValidationError::TooMany { max }));
    }
    let (action, reason) = match action.as_str() {
        "screening" => (ApplicationAction::StartScreening, None),
        "interview" => (ApplicationAction::InviteToInterview, None),
        "offer" => (ApplicationAction::Offer, None),
        "not_hired" => (
            ApplicationAction::Reject,
            Some(rejection_reason(reason.as_deref())?),
        ),
        _ => return Err(field("action")(ValidationError::UnknownCode)),
    };
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let out = madoguchi_db::employer::bulk(&db, user, est, &list, action, reason, today)
        .await
        .map_err(crate::state::internal)?;
    Ok(BulkResult {
        done: out.done,
        skipped: out.skipped.len() as u32,
    })
}
