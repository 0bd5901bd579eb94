//! Who may read which record (DOMAIN.md rule 8), decided in one place:
//! seekers their own, employers their establishment's, staff their
//! office's. A record someone may not see is answered as missing, so its
//! existence is not revealed either.

use madoguchi_shared::account::Role;
use madoguchi_shared::application::ApplicationView;
use madoguchi_shared::message::AuditAction;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};

use crate::account::User;
use crate::entity::{application, posting, seeker};

/// Whether `user` may see an application of `seeker` to `posting`.
pub fn may_see_application(user: &User, seeker: &seeker::Model, posting: &posting::Model) -> bool {
    match user.role {
        Role::Seeker => seeker.user_id == user.id,
        Role::Employer => user.establishment_id == Some(posting.establishment_id),
        // The office's ledger: postings it accepted and seekers it registered.
        Role::Staff => {
            user.office_id.is_some()
                && (user.office_id == Some(posting.office_id) || user.office_id == seeker.office_id)
        }
        Role::Admin => false,
    }
}

/// The application `id` if `user` may see it; the read is recorded in the
/// audit log (it carries the motivation statement).
pub async fn application_for(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
) -> Result<Option<ApplicationView>, DbErr> {
    let Some(app) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let (Some(seeker), Some(posting)) = (
        seeker::Entity::find_by_id(app.seeker_id).one(db).await?,
        posting::Entity::find_by_id(app.posting_id).one(db).await?,
    ) else {
        return Ok(None);
    };
    if !may_see_application(user, &seeker, &posting) {
        return Ok(None);
    }
    let corrupt = |what: &str| DbErr::Custom(format!("application {id}: bad {what}"));
    let view = ApplicationView {
        id: app.id,
        posting_title: posting.title,
        posting_number: posting.number,
        establishment_name: posting.establishment_name,
        seeker_name: seeker.name,
        method: app.method.parse().map_err(|_| corrupt("method"))?,
        status: app.status.parse().map_err(|_| corrupt("status"))?,
        motivation: app.motivation,
        applied_on: madoguchi_shared::today_in_japan(app.created_at).to_string(),
    };
    crate::audit::record(
        db,
        Some(user.id),
        AuditAction::Read,
        "application",
        id.into(),
    )
    .await?;
    Ok(Some(view))
}
