//! Who may read which record (docs/domain.md rule 8), decided in one place:
//! seekers their own, employers their establishment's, staff their
//! office's. A record someone may not see is answered as missing, so its
//! existence is not revealed either.

use madoguchi_shared::account::Role;
use madoguchi_shared::application::{ApplicationMethod, ApplicationView};
use madoguchi_shared::document::DocumentInfo;
use madoguchi_shared::message::AuditAction;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::account::User;
use crate::entity::{application, application_document, posting, referral_letter, seeker};

/// Whether `user` may see `app`, an application of `seeker` to `posting`
/// (docs/domain.md, "Who sees what").
pub fn may_see_application(
    user: &User,
    app: &application::Model,
    seeker: &seeker::Model,
    posting: &posting::Model,
) -> bool {
    match user.role {
        Role::Seeker => seeker.user_id == user.id,
        Role::Employer => user.establishment_id == Some(posting.establishment_id),
        // The office's ledger: the seekers it registered, and the referrals
        // to the postings it accepted. A self-application is between the
        // seeker and the employer: the posting's office is no party to it.
        Role::Staff => {
            user.office_id.is_some()
                && (user.office_id == seeker.office_id
                    || (user.office_id == Some(posting.office_id)
                        && app.method != ApplicationMethod::SelfApplication.as_str()))
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
    let Some((app, seeker, posting)) = visible_application(db, user, id).await? else {
        return Ok(None);
    };
    let corrupt = |what: &str| DbErr::Custom(format!("application {id}: bad {what}"));
    let view = ApplicationView {
        id: app.id,
        posting_title: posting.title,
        posting_number: posting.number,
        establishment_name: posting.establishment_name,
        shared_profile: madoguchi_shared::application::SharedProfile::of(
            &serde_json::from_str(&seeker.profile).unwrap_or_default(),
            seeker.profile_public,
        ),
        seeker_name: seeker.name,
        method: app.method.parse().map_err(|_| corrupt("method"))?,
        status: app.status.parse().map_err(|_| corrupt("status"))?,
        motivation: app.motivation,
        applied_on: madoguchi_shared::today_in_japan(app.created_at).to_string(),
        documents: documents_of(db, id).await?,
        has_letter: referral_letter::Entity::find()
            .filter(referral_letter::Column::ApplicationId.eq(id))
            .count(db)
            .await?
            > 0,
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

/// The documents attached to application `id`, in the order sent.
async fn documents_of(db: &DatabaseConnection, id: i32) -> Result<Vec<DocumentInfo>, DbErr> {
    application_document::Entity::find()
        .filter(application_document::Column::ApplicationId.eq(id))
        .order_by_asc(application_document::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(document_info)
        .collect()
}

fn document_info(d: &application_document::Model) -> Result<DocumentInfo, DbErr> {
    let corrupt = |what: &str| DbErr::Custom(format!("document {}: bad {what}", d.id));
    Ok(DocumentInfo {
        id: d.id,
        kind: d.kind.parse().map_err(|_| corrupt("kind"))?,
        file_type: d.content_type.parse().map_err(|_| corrupt("type"))?,
        byte_size: d.byte_size,
    })
}

/// Application `id` with its seeker and posting, if `user` may see it.
pub(crate) async fn visible_application(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
) -> Result<Option<(application::Model, seeker::Model, posting::Model)>, DbErr> {
    let Some(app) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let (Some(seeker), Some(posting)) = (
        seeker::Entity::find_by_id(app.seeker_id).one(db).await?,
        posting::Entity::find_by_id(app.posting_id).one(db).await?,
    ) else {
        return Ok(None);
    };
    Ok(may_see_application(user, &app, &seeker, &posting).then_some((app, seeker, posting)))
}

/// Document `id` (its stored file name and type) if `user` may see the
/// application it belongs to; the download is recorded in the audit log.
pub async fn document_for(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
) -> Result<Option<(String, DocumentInfo)>, DbErr> {
    let Some(doc) = application_document::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    if visible_application(db, user, doc.application_id)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let info = document_info(&doc)?;
    crate::audit::record(
        db,
        Some(user.id),
        AuditAction::Read,
        "application_document",
        id.into(),
    )
    .await?;
    Ok(Some((doc.storage_path, info)))
}
