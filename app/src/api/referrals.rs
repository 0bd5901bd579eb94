//! オンラインハローワーク紹介 on the seeker's side: the recommendations the
//! office sent, the form to answer one, and the 紹介状.

use leptos::prelude::*;
use madoguchi_shared::records::{Referral, ReferralLetter};

use crate::api::applications::ApplicationForm;
use crate::error::AppError;

/// The logged-in seeker's recommendations; `None` for an internet-only
/// seeker (referrals need registration at an office, docs/domain.md rule 3).
#[server(prefix = "/api", endpoint = "referrals/mine")]
pub async fn my_referrals() -> Result<Option<Vec<Referral>>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    madoguchi_db::referral::for_seeker(&db, user.id, today)
        .await
        .map_err(crate::state::internal)
}

/// The form to answer recommendation `id`: 404 unless it is the logged-in
/// seeker's, 410 (`Expired`) after its deadline, 409 once used.
#[server(prefix = "/api", endpoint = "referrals/form")]
pub async fn referral_form(id: i32) -> Result<ApplicationForm, AppError> {
    use madoguchi_shared::account::Role;
    use madoguchi_shared::application::ReferralStatus;
    use madoguchi_shared::records::Referral;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let referral: Referral = my_referrals()
        .await?
        .and_then(|list| list.into_iter().find(|r| r.id == id))
        .ok_or_else(|| AppError::NotFound.respond())?;
    match referral.status {
        ReferralStatus::Recommended => {}
        ReferralStatus::Expired => return Err(AppError::Expired.respond()),
        ReferralStatus::Established | ReferralStatus::Declined => {
            return Err(AppError::AlreadyDecided.respond());
        }
    }
    Ok(ApplicationForm {
        number: referral.posting.number.to_string(),
        title: referral.posting.title,
        establishment: referral.posting.establishment,
        accepts: true,
        applied: false,
        key: madoguchi_db::apply::new_submission_key(),
        referral: Some((id, referral.deadline)),
        user: user.id,
    })
}

/// The 紹介状 of application `id`, for whoever may see the application;
/// 404 for anyone else and where no letter was issued.
#[server(prefix = "/api", endpoint = "referrals/letter")]
pub async fn letter_of_application(id: i32) -> Result<ReferralLetter, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker, Role::Employer, Role::Staff]).await?;
    let db = crate::state::db()?;
    madoguchi_db::referral::letter(&db, &user, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}
