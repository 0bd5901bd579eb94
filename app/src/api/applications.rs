//! Applications (応募).

use leptos::prelude::*;
use madoguchi_shared::application::{ApplicationItem, ApplicationView};

use crate::error::AppError;

/// What the application page needs: the posting, whether it takes online
/// self-applications, whether the seeker applied already, and a fresh
/// submission key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApplicationForm {
    pub number: String,
    pub title: String,
    pub establishment: Option<String>,
    pub accepts: bool,
    pub applied: bool,
    pub key: String,
    /// When answering a recommendation: its id and deadline.
    pub referral: Option<(i32, chrono::NaiveDate)>,
    /// The seeker's account: drafts on a shared device are kept apart.
    pub user: i32,
}

/// One application, for its seeker, the posting's establishment or the
/// office's staff; anyone else hears that it does not exist.
#[server(prefix = "/api", endpoint = "applications/get")]
pub async fn application(id: i32) -> Result<ApplicationView, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker, Role::Employer, Role::Staff]).await?;
    let db = crate::state::db()?;
    madoguchi_db::access::application_for(&db, &user, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// オンライン自主応募 to posting `number`. The seeker must have
/// acknowledged the notice of rule 2 (`acknowledged` = "on"); `key` is made
/// by the browser for this submission, so a retried send applies once.
/// Answers the application's id and sends the browser to MyPage.
#[server(prefix = "/api", endpoint = "applications/self_apply")]
pub async fn self_apply(
    number: String,
    motivation: String,
    acknowledged: Option<String>,
    key: String,
) -> Result<i32, AppError> {
    use crate::api::account::field;
    use madoguchi_db::apply::SelfApplication;
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::Role;
    use madoguchi_shared::application::{motivation_text, valid_submission_key};
    let user = crate::state::require_verified(&[Role::Seeker]).await?;
    crate::api::postings::valid_number(&number)?;
    if !matches!(acknowledged.as_deref(), Some("on" | "true")) {
        return Err(field("acknowledged")(ValidationError::Required));
    }
    let motivation = motivation_text(&motivation).map_err(field("motivation"))?;
    if !valid_submission_key(&key) {
        return Err(AppError::BadRequest.respond());
    }
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let form = SelfApplication {
        number: &number,
        motivation: &motivation,
        idempotency_key: &key,
        documents: &[],
    };
    match madoguchi_db::apply::self_apply(&db, user.id, form, today)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(applied) => {
            leptos_axum::redirect(&format!("/mypage/applications/{}", applied.id));
            Ok(applied.id)
        }
        Err(refused) => Err(AppError::from(refused).respond()),
    }
}

/// The logged-in seeker's applications, newest first.
#[server(prefix = "/api", endpoint = "applications/mine")]
pub async fn my_applications() -> Result<Vec<ApplicationItem>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    madoguchi_db::apply::history(&db, user.id)
        .await
        .map_err(crate::state::internal)
}

/// The application page of posting `number` for the logged-in seeker:
/// 401 for visitors (the page sends them to log in), 410 when the posting
/// is not open.
#[server(prefix = "/api", endpoint = "applications/form")]
pub async fn apply_form(number: String) -> Result<ApplicationForm, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    crate::api::postings::valid_number(&number)?;
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let state = madoguchi_db::apply::form_state(&db, user.id, &number, today)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::Gone.respond())?;
    Ok(ApplicationForm {
        number,
        title: state.title,
        establishment: state.establishment,
        accepts: state.accepts,
        applied: state.applied,
        key: madoguchi_db::apply::new_submission_key(),
        referral: None,
        user: user.id,
    })
}

/// 辞退: the logged-in seeker withdraws their own application `id` while
/// it is open; 404 for anyone else's, 409 once it is decided.
#[server(prefix = "/api", endpoint = "applications/withdraw")]
pub async fn withdraw_application(id: i32) -> Result<(), AppError> {
    use madoguchi_db::apply::NotWithdrawn;
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    match madoguchi_db::apply::withdraw(&db, user.id, id)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(()) => Ok(()),
        Err(NotWithdrawn::Missing) => Err(AppError::NotFound.respond()),
        Err(NotWithdrawn::Decided) => Err(AppError::AlreadyDecided.respond()),
    }
}
