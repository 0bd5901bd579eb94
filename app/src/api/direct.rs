//! 直接リクエスト: the employer's search of public seekers and invitation;
//! the seeker's list and answer.

use leptos::prelude::*;
use madoguchi_shared::direct::{ReceivedRequest, SeekerPage};

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn refused(r: madoguchi_db::direct::Refused) -> AppError {
    use madoguchi_db::direct::Refused;
    match r {
        Refused::Missing => AppError::NotFound,
        Refused::NotAccepting => AppError::NotAccepting,
        Refused::TooMany => AppError::Invalid(madoguchi_shared::ValidationError::TooMany {
            max: madoguchi_shared::direct::MAX_DIRECT_REQUESTS_PER_POSTING,
        }),
        Refused::AlreadySent => AppError::AlreadyDecided,
    }
    .respond()
}

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    madoguchi_shared::today_in_japan(chrono::Utc::now())
}

/// The last page of public seekers one may ask for.
#[cfg(feature = "ssr")]
const MAX_PAGE: u64 = 1_000;

/// The public seekers matching the wishes given, for inviting them to
/// posting `posting_id` (an open posting of the establishment that takes
/// self-applications; 404 or 409 otherwise).
#[server(prefix = "/api", endpoint = "employer/direct/seekers")]
pub async fn public_seekers(
    posting_id: i32,
    occupation: Option<String>,
    prefecture: Option<String>,
    employment: Option<String>,
    page: Option<u64>,
) -> Result<SeekerPage, AppError> {
    use crate::api::account::field;
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Employer]).await?;
    let est = user
        .establishment_id
        .ok_or_else(|| AppError::Forbidden.respond())?;
    let given = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let occupation = given(occupation).unwrap_or_default();
    if occupation.chars().count() > 40 {
        return Err(field("occupation")(ValidationError::TooLong { max: 40 }));
    }
    let prefecture = given(prefecture)
        .map(|p| {
            p.parse::<u8>()
                .ok()
                .and_then(madoguchi_shared::prefecture::Prefecture::from_code)
                .ok_or(ValidationError::Prefecture)
        })
        .transpose()
        .map_err(field("prefecture"))?;
    let employment = given(employment)
        .map(|e| e.parse())
        .transpose()
        .map_err(field("employment"))?;
    let page = page.unwrap_or(1);
    if !(1..=MAX_PAGE).contains(&page) {
        return Err(field("page")(ValidationError::OutOfRange {
            min: 1,
            max: MAX_PAGE as i64,
        }));
    }
    let query = madoguchi_shared::direct::SeekerQuery {
        occupation,
        prefecture,
        employment,
    };
    let db = crate::state::db()?;
    madoguchi_db::direct::public_seekers(&db, est, posting_id, &query, page, today())
        .await
        .map_err(crate::state::internal)?
        .map_err(refused)
}

/// Invites public seeker `seeker_id` to posting `posting_id` with a short
/// message: at most ten a posting (the eleventh is a 400), once per
/// seeker (409).
#[server(prefix = "/api", endpoint = "employer/direct/send")]
pub async fn send_direct_request(
    posting_id: i32,
    seeker_id: i32,
    message: String,
) -> Result<(), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_verified(&[Role::Employer]).await?;
    let est = user
        .establishment_id
        .ok_or_else(|| AppError::Forbidden.respond())?;
    let message = madoguchi_shared::direct::check_message(&message)
        .map_err(crate::api::account::field("message"))?;
    let db = crate::state::db()?;
    madoguchi_db::direct::send(&db, user.id, est, posting_id, seeker_id, &message, today())
        .await
        .map_err(crate::state::internal)?
        .map_err(refused)
}

/// The direct requests the logged-in seeker received.
#[server(prefix = "/api", endpoint = "mypage/direct_requests")]
pub async fn my_direct_requests() -> Result<Vec<ReceivedRequest>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    madoguchi_db::direct::received(&db, user.id, today())
        .await
        .map_err(crate::state::internal)
}

/// The seeker declines request `id`.
#[server(prefix = "/api", endpoint = "mypage/direct_requests/decline")]
pub async fn decline_direct_request(id: i32) -> Result<(), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    madoguchi_db::direct::decline(&db, user.id, id)
        .await
        .map_err(crate::state::internal)?
        .map_err(refused)
}
