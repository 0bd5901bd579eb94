//! The establishment's postings: list, editor, submit, copy, close,
//! extend, withdraw and the self-application switch; and the office's
//! acceptance (受理) of submitted postings. Every employer function works
//! inside the logged-in user's establishment only; staff functions inside
//! their office.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use madoguchi_shared::posting::{EditorData, OwnPosting, PostingForm, PostingStatus};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    madoguchi_shared::today_in_japan(chrono::Utc::now())
}

/// A refused change as the user is told.
#[cfg(feature = "ssr")]
impl From<madoguchi_db::own_posting::Refused> for AppError {
    fn from(refused: madoguchi_db::own_posting::Refused) -> AppError {
        use madoguchi_db::own_posting::Refused;
        match refused {
            Refused::Missing => AppError::NotFound,
            Refused::NotNow => AppError::NotNow,
            Refused::Findings(f) => AppError::Findings(f),
            Refused::SelfApplication(b) => AppError::SelfApplicationBlocked(b),
            Refused::NotExtendable => AppError::NotExtendable,
        }
    }
}

#[cfg(feature = "ssr")]
fn answer<T>(
    outcome: Result<Result<T, madoguchi_db::own_posting::Refused>, madoguchi_db::DbErr>,
) -> Result<T, AppError> {
    match outcome {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(refused)) => Err(AppError::from(refused).respond()),
        Err(e) => Err(crate::state::internal(e)),
    }
}

/// The establishment's postings, the most recently changed first.
#[server(prefix = "/api", endpoint = "employer/postings")]
pub async fn own_postings() -> Result<Vec<OwnPosting>, AppError> {
    let (_, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    madoguchi_db::own_posting::list(&db, est, today())
        .await
        .map_err(crate::state::internal)
}

/// The editor's data for posting `id`, or for a new posting.
#[server(prefix = "/api", endpoint = "employer/postings/editor")]
pub async fn posting_editor(id: Option<i32>) -> Result<EditorData, AppError> {
    let (_, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    madoguchi_db::own_posting::editor(&db, est, id, today())
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// What saving answers: the posting's id and its status after the save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub id: i32,
    pub status: PostingStatus,
}

/// Saves the editor's form (a new draft without `id`). A field that does
/// not read is a 422 listing every such field; a published posting is
/// saved only when the linter is quiet, and goes back to review.
#[server(prefix = "/api", endpoint = "employer/postings/save", input = Json)]
pub async fn save_posting(id: Option<i32>, form: PostingForm) -> Result<Saved, AppError> {
    let (user, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::save(&db, user, est, id, &form, today()).await)
        .map(|(id, status)| Saved { id, status })
}

/// Submits posting `id` for acceptance (422 with the findings while the
/// linter finds any).
#[server(prefix = "/api", endpoint = "employer/postings/submit")]
pub async fn submit_posting(id: i32) -> Result<PostingStatus, AppError> {
    let (user, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::submit(&db, user, est, id, today()).await)
}

/// A copy of posting `id` as a new draft; answers its id.
#[server(prefix = "/api", endpoint = "employer/postings/copy")]
pub async fn copy_posting(id: i32) -> Result<i32, AppError> {
    let (user, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::copy(&db, user, est, id, today()).await)
}

/// Ends posting `id`: `how` is "close" (充足, filled) or "withdraw" (取消).
#[server(prefix = "/api", endpoint = "employer/postings/end")]
pub async fn end_posting(id: i32, how: String) -> Result<PostingStatus, AppError> {
    use madoguchi_shared::posting::PostingAction;
    let (user, est) = crate::api::employer::establishment().await?;
    let action = match how.as_str() {
        "close" => PostingAction::Close,
        "withdraw" => PostingAction::Withdraw,
        _ => {
            return Err(crate::api::account::field("how")(
                madoguchi_shared::ValidationError::UnknownCode,
            ));
        }
    };
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::end(&db, user, est, id, action).await)
}

/// Extends posting `id` in the last month of its validity; answers the
/// new 紹介期限日 (ISO).
#[server(prefix = "/api", endpoint = "employer/postings/extend")]
pub async fn extend_posting(id: i32) -> Result<String, AppError> {
    let (user, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::extend(&db, user, est, id, today()).await)
        .map(madoguchi_shared::date::to_iso)
}

/// Switches online self-application on or off for posting `id`.
#[server(prefix = "/api", endpoint = "employer/postings/self_application")]
pub async fn set_self_application(id: i32, on: bool) -> Result<bool, AppError> {
    let (user, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::set_self_application(&db, user, est, id, on).await)
}

/// The posting as the public page will show it, for the employer's
/// preview (any status of the establishment's own postings).
#[server(prefix = "/api", endpoint = "employer/postings/preview")]
pub async fn preview_posting(id: i32) -> Result<madoguchi_shared::records::Posting, AppError> {
    let (_, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    madoguchi_db::own_posting::preview(&db, est, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// A posting waiting for acceptance, as staff see it in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingPosting {
    pub id: i32,
    pub title: String,
    pub establishment: String,
    /// When it was submitted (ISO date).
    pub submitted_on: String,
    pub findings: Vec<madoguchi_shared::lint::Finding>,
}

/// The staff member's office (403 for anyone else).
#[cfg(feature = "ssr")]
async fn staff() -> Result<(i32, i32), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Staff]).await?;
    let office = user
        .office_id
        .ok_or_else(|| AppError::Forbidden.respond())?;
    Ok((user.id, office))
}

/// The postings of the staff member's office waiting for acceptance,
/// oldest first, with the linter's findings.
#[server(prefix = "/api", endpoint = "staff/review_queue")]
pub async fn review_queue() -> Result<Vec<WaitingPosting>, AppError> {
    let (_, office) = staff().await?;
    let db = crate::state::db()?;
    let waiting = madoguchi_db::own_posting::review_queue(&db, office, today())
        .await
        .map_err(crate::state::internal)?;
    Ok(waiting
        .into_iter()
        .map(|w| WaitingPosting {
            id: w.id,
            title: w.title,
            establishment: w.establishment,
            submitted_on: madoguchi_shared::date::to_iso(madoguchi_shared::today_in_japan(
                w.submitted_at,
            )),
            findings: w.findings,
        })
        .collect())
}

/// 受理: accepts posting `id`; answers its 求人番号.
#[server(prefix = "/api", endpoint = "staff/accept")]
pub async fn accept_posting(id: i32) -> Result<String, AppError> {
    let (user, office) = staff().await?;
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::accept(&db, user, office, id, today()).await)
}

/// The reason staff give the employer: required, at most 500 characters.
#[cfg(feature = "ssr")]
fn review_reason(reason: &str) -> Result<&str, AppError> {
    let reason = reason.trim();
    let error = if reason.is_empty() {
        Some(madoguchi_shared::ValidationError::Required)
    } else if reason.chars().count() > 500 {
        Some(madoguchi_shared::ValidationError::TooLong { max: 500 })
    } else if reason.chars().any(|c| c.is_control() && c != '\n') {
        Some(madoguchi_shared::ValidationError::UnknownCode)
    } else {
        None
    };
    match error {
        Some(e) => Err(crate::api::account::field("reason")(e)),
        None => Ok(reason),
    }
}

/// Sends posting `id` back, or refuses it, with the checked `reason`.
#[cfg(feature = "ssr")]
async fn review_with_reason(
    id: i32,
    reason: &str,
    action: madoguchi_shared::posting::PostingAction,
) -> Result<PostingStatus, AppError> {
    let (user, office) = staff().await?;
    let reason = review_reason(reason)?;
    let db = crate::state::db()?;
    answer(madoguchi_db::own_posting::send_back(&db, user, office, id, action, reason).await)
}

/// Sends posting `id` back to the employer with `reason` (required, at
/// most 500 characters).
#[server(prefix = "/api", endpoint = "staff/send_back")]
pub async fn send_back_posting(id: i32, reason: String) -> Result<PostingStatus, AppError> {
    review_with_reason(
        id,
        &reason,
        madoguchi_shared::posting::PostingAction::SendBack,
    )
    .await
}

/// Refuses posting `id` (受理しない) with `reason`, which the employer
/// sees; the posting ends as withdrawn.
#[server(prefix = "/api", endpoint = "staff/refuse")]
pub async fn refuse_posting(id: i32, reason: String) -> Result<PostingStatus, AppError> {
    review_with_reason(
        id,
        &reason,
        madoguchi_shared::posting::PostingAction::Refuse,
    )
    .await
}

/// The occupations the editor offers: (code, title).
#[server(prefix = "/api", endpoint = "employer/occupations")]
pub async fn occupations() -> Result<Vec<(String, String)>, AppError> {
    crate::api::employer::establishment().await?;
    Ok(madoguchi_db::seed::occupation_titles()
        .iter()
        .map(|(c, t)| ((*c).to_owned(), (*t).to_owned()))
        .collect())
}

/// Posting `id` of the staff member's office, as its public page will
/// show it, for review.
#[server(prefix = "/api", endpoint = "staff/preview")]
pub async fn staff_preview(id: i32) -> Result<madoguchi_shared::records::Posting, AppError> {
    let (_, office) = staff().await?;
    let db = crate::state::db()?;
    madoguchi_db::own_posting::preview_for_office(&db, office, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// The logged-in employer's establishment.
#[server(prefix = "/api", endpoint = "employer/establishment")]
pub async fn my_establishment()
-> Result<madoguchi_shared::establishment::EstablishmentProfile, AppError> {
    let (_, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    madoguchi_db::own_establishment::profile(&db, est)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Saves what the establishment's users keep themselves: industry, size,
/// description and URL (a broken field is a 400 naming it).
#[server(prefix = "/api", endpoint = "employer/establishment/save")]
pub async fn save_establishment(
    form: madoguchi_shared::establishment::EstablishmentForm,
) -> Result<(), AppError> {
    let (user, est) = crate::api::employer::establishment().await?;
    let checked = form
        .check()
        .map_err(|(name, e)| crate::api::account::field(name)(e))?;
    let db = crate::state::db()?;
    madoguchi_db::own_establishment::save(&db, user, est, checked)
        .await
        .map_err(crate::state::internal)
}

/// An establishment image and where it stands (`pending`, `approved`,
/// `rejected`); for staff, with the establishment's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRow {
    pub id: i32,
    pub status: String,
    pub establishment: String,
}

#[cfg(feature = "ssr")]
fn image_rows(images: Vec<madoguchi_db::establishment_images::Image>) -> Vec<ImageRow> {
    images
        .into_iter()
        .map(|i| ImageRow {
            id: i.id,
            status: i.status,
            establishment: i.establishment,
        })
        .collect()
}

#[cfg(feature = "ssr")]
fn image_refused(r: madoguchi_db::establishment_images::Refused) -> AppError {
    use madoguchi_db::establishment_images::Refused;
    match r {
        Refused::Missing => AppError::NotFound,
        Refused::Reviewed => AppError::NotNow,
        Refused::TooMany => AppError::Invalid(madoguchi_shared::ValidationError::TooMany {
            max: madoguchi_shared::establishment::MAX_ESTABLISHMENT_IMAGES,
        }),
    }
    .respond()
}

/// The establishment's images.
#[server(prefix = "/api", endpoint = "employer/images")]
pub async fn my_images() -> Result<Vec<ImageRow>, AppError> {
    let (_, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    madoguchi_db::establishment_images::list(&db, est)
        .await
        .map(image_rows)
        .map_err(crate::state::internal)
}

/// Removes image `id` of the establishment, with its file.
#[server(prefix = "/api", endpoint = "employer/images/delete")]
pub async fn delete_image(id: i32) -> Result<(), AppError> {
    let (user, est) = crate::api::employer::establishment().await?;
    let db = crate::state::db()?;
    let name = madoguchi_db::establishment_images::remove(&db, user, est, id)
        .await
        .map_err(crate::state::internal)?
        .map_err(image_refused)?;
    let dir = crate::state::images_dir()?;
    if name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
        let _ = tokio::fs::remove_file(dir.join(name)).await;
    }
    Ok(())
}

/// Images of the staff member's office waiting for review.
#[server(prefix = "/api", endpoint = "staff/images")]
pub async fn image_review_queue() -> Result<Vec<ImageRow>, AppError> {
    let (_, office) = staff().await?;
    let db = crate::state::db()?;
    madoguchi_db::establishment_images::review_queue(&db, office)
        .await
        .map(image_rows)
        .map_err(crate::state::internal)
}

/// Approves (`approve` true) or refuses image `id`, once.
#[server(prefix = "/api", endpoint = "staff/images/review")]
pub async fn review_image(id: i32, approve: bool) -> Result<(), AppError> {
    let (user, office) = staff().await?;
    let db = crate::state::db()?;
    madoguchi_db::establishment_images::review(&db, user, office, id, approve)
        .await
        .map_err(crate::state::internal)?
        .map_err(image_refused)
}

/// The reviewed images shown with posting `number` (none where 公開範囲 2
/// hides the establishment).
#[server(prefix = "/api", endpoint = "postings/images")]
pub async fn posting_images(number: String) -> Result<Vec<i32>, AppError> {
    use madoguchi_db::posting::PublicPosting;
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let PublicPosting::Open(p) = madoguchi_db::posting::public_by_number(&db, &number, today)
        .await
        .map_err(crate::state::internal)?
    else {
        return Ok(Vec::new());
    };
    if p.establishment.is_none() {
        return Ok(Vec::new());
    }
    let Some(est) = madoguchi_db::posting::establishment_of_number(&db, &number)
        .await
        .map_err(crate::state::internal)?
    else {
        return Ok(Vec::new());
    };
    madoguchi_db::establishment_images::approved(&db, est)
        .await
        .map_err(crate::state::internal)
}
