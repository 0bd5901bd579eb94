//! 求職情報 on MyPage, the registration's validity, and what the MyPage
//! home points out.

use leptos::prelude::*;
use madoguchi_shared::seeker::{ProfileForm, SeekerKind};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The profile page: who the seeker is to the office, and the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub kind: SeekerKind,
    pub number: Option<String>,
    pub office_name: Option<String>,
    pub registration_active: bool,
    /// YYYY-MM-DD
    pub registration_valid_until: Option<String>,
    pub birth_date: Option<String>,
    pub form: ProfileForm,
    /// The seeker's account, for the drafts this device keeps of theirs.
    pub user: i32,
}

#[server(prefix = "/api", endpoint = "profile/mine")]
pub async fn my_profile() -> Result<ProfileView, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    let p = madoguchi_db::profile::mine(&db, user.id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::Forbidden.respond())?;
    Ok(ProfileView {
        kind: p.kind,
        number: p.number,
        office_name: p.office_name,
        registration_active: p.registration_active,
        registration_valid_until: p.registration_valid_until.map(|d| d.to_string()),
        birth_date: p.profile.birth_date.clone(),
        form: ProfileForm::of(&p.profile),
        user: user.id,
    })
}

/// Checks and stores the logged-in seeker's 求職情報; a broken field is a
/// 400 naming it, and nothing is stored.
#[server(prefix = "/api", endpoint = "profile/save")]
pub async fn save_profile(form: ProfileForm) -> Result<(), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    let before = madoguchi_db::profile::mine(&db, user.id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::Forbidden.respond())?;
    let profile = form
        .check(&before.profile)
        .map_err(|(name, e)| crate::api::account::field(name)(e))?;
    madoguchi_db::profile::save(&db, user.id, &profile)
        .await
        .map_err(crate::state::internal)?;
    Ok(())
}

/// Sets the registration valid (`active` = "true") or invalid; only for
/// seekers registered at an office (403 otherwise). The end date after the
/// change.
#[server(prefix = "/api", endpoint = "profile/registration")]
pub async fn set_registration(active: String) -> Result<Option<String>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let active = match active.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest.respond()),
    };
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    match madoguchi_db::profile::set_registration(&db, user.id, active, today)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(until) => Ok(until.map(|d| d.to_string())),
        Err(madoguchi_db::profile::NotChanged::NotRegistered) => Err(AppError::Forbidden.respond()),
    }
}

/// What the MyPage home points out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionItems {
    /// Waiting recommendations: id, posting title, deadline (YYYY-MM-DD).
    pub waiting: Vec<(i32, String, String)>,
    pub new_results: u64,
    pub unread_notices: u64,
    /// New postings matching saved searches, summed.
    pub new_matches: u64,
    /// The seeker's account, for what this device keeps of theirs.
    pub user: i32,
}

#[server(prefix = "/api", endpoint = "mypage/attention")]
pub async fn attention() -> Result<AttentionItems, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let a = madoguchi_db::profile::attention(&db, user.id, today)
        .await
        .map_err(crate::state::internal)?;
    let unread = madoguchi_db::notice::for_user(&db, user.id)
        .await
        .map_err(crate::state::internal)?
        .iter()
        .filter(|n| !n.read)
        .count() as u64;
    let new_matches = crate::api::saved_searches::my_saved_searches()
        .await?
        .iter()
        .filter_map(|s| s.new_matches)
        .map(u64::from)
        .sum();
    Ok(AttentionItems {
        waiting: a
            .waiting
            .into_iter()
            .map(|(id, title, deadline)| (id, title, deadline.to_string()))
            .collect(),
        new_results: a.new_results,
        unread_notices: unread,
        new_matches,
        user: user.id,
    })
}

/// The one-time code an internet-only seeker shows at the counter so that
/// staff may register this MyPage (docs/domain.md, "Registration at the
/// counter").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCode {
    /// As shown: `ABCD-EFGH`.
    pub code: String,
    /// Japan time, `HH:MM`, when it stops working.
    pub valid_until: String,
}

/// A new counter link code for the logged-in internet-only seeker (any
/// earlier one stops working); 409 for a seeker registered already.
#[server(prefix = "/api", endpoint = "profile/link-code")]
pub async fn show_link_code() -> Result<LinkCode, AppError> {
    use madoguchi_shared::account::Role;
    // Only a verified MyPage can be linked (docs/domain.md, "Accounts").
    let user = crate::state::require_verified(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    let issued = madoguchi_db::counter_link::issue(&db, user.id, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotNow.respond())?;
    let japan = issued.expires_at + chrono::TimeDelta::hours(9);
    Ok(LinkCode {
        code: madoguchi_shared::counter_link::display(&issued.code),
        valid_until: japan.format("%H:%M").to_string(),
    })
}
