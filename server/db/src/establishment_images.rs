//! 事業所画像情報: the establishment's images (at most ten), their review
//! by staff of the establishment's office, and who may see which: an
//! approved image anyone; one waiting or refused only the
//! establishment's users and its office's staff.

use chrono::Utc;
use madoguchi_shared::account::Role;
use madoguchi_shared::establishment::MAX_ESTABLISHMENT_IMAGES;
use madoguchi_shared::message::AuditAction;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::account::User;
use crate::entity::{establishment, establishment_image};

pub const PENDING: &str = "pending";
pub const APPROVED: &str = "approved";
pub const REJECTED: &str = "rejected";

/// An image as its establishment or staff list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub id: i32,
    pub status: String,
    pub establishment: String,
}

/// Why an image was not added, removed or reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    TooMany,
    Missing,
    /// Reviewed already.
    Reviewed,
}

/// The establishment's images, oldest first.
pub async fn list(db: &DatabaseConnection, establishment_id: i32) -> Result<Vec<Image>, DbErr> {
    Ok(establishment_image::Entity::find()
        .filter(establishment_image::Column::EstablishmentId.eq(establishment_id))
        .order_by_asc(establishment_image::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| Image {
            id: i.id,
            status: i.status,
            establishment: String::new(),
        })
        .collect())
}

/// The approved images of establishment `establishment_id`.
pub async fn approved(db: &DatabaseConnection, establishment_id: i32) -> Result<Vec<i32>, DbErr> {
    establishment_image::Entity::find()
        .select_only()
        .column(establishment_image::Column::Id)
        .filter(establishment_image::Column::EstablishmentId.eq(establishment_id))
        .filter(establishment_image::Column::Status.eq(APPROVED))
        .order_by_asc(establishment_image::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Records an image already written as `storage_name` (checked and
/// stripped of metadata by the caller), waiting for review; at most ten.
pub async fn add(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    storage_name: &str,
    file_type: &str,
    byte_size: i64,
) -> Result<Result<i32, Refused>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let count = establishment_image::Entity::find()
        .filter(establishment_image::Column::EstablishmentId.eq(establishment_id))
        .count(&txn)
        .await?;
    if count >= MAX_ESTABLISHMENT_IMAGES as u64 {
        return Ok(Err(Refused::TooMany));
    }
    let id = establishment_image::Entity::insert(establishment_image::ActiveModel {
        establishment_id: Set(establishment_id),
        storage_name: Set(storage_name.to_owned()),
        file_type: Set(file_type.to_owned()),
        byte_size: Set(byte_size),
        status: Set(PENDING.to_owned()),
        uploaded_by: Set(user_id),
        created_at: Set(Utc::now()),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Create,
        "establishment_image",
        id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(id))
}

/// Removes image `id` of the establishment; answers its file's name for
/// the caller to delete.
pub async fn remove(
    db: &DatabaseConnection,
    user_id: i32,
    establishment_id: i32,
    id: i32,
) -> Result<Result<String, Refused>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(image) = establishment_image::Entity::find_by_id(id)
        .filter(establishment_image::Column::EstablishmentId.eq(establishment_id))
        .one(&txn)
        .await?
    else {
        return Ok(Err(Refused::Missing));
    };
    establishment_image::Entity::delete_by_id(id)
        .exec(&txn)
        .await?;
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Delete,
        "establishment_image",
        id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(image.storage_name))
}

/// The images of office `office_id`'s establishments waiting for review.
pub async fn review_queue(db: &DatabaseConnection, office_id: i32) -> Result<Vec<Image>, DbErr> {
    let rows: Vec<(i32, String)> = establishment_image::Entity::find()
        .select_only()
        .column(establishment_image::Column::Id)
        .column_as(establishment::Column::Name, "name")
        .join(
            sea_orm::JoinType::InnerJoin,
            establishment_image::Entity::belongs_to(establishment::Entity)
                .from(establishment_image::Column::EstablishmentId)
                .to(establishment::Column::Id)
                .into(),
        )
        .filter(establishment::Column::OfficeId.eq(office_id))
        .filter(establishment_image::Column::Status.eq(PENDING))
        .order_by_asc(establishment_image::Column::Id)
        .limit(100)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Image {
            id,
            status: PENDING.to_owned(),
            establishment: name,
        })
        .collect())
}

/// Staff of the establishment's office approve or refuse image `id`, once.
pub async fn review(
    db: &DatabaseConnection,
    staff_id: i32,
    office_id: i32,
    id: i32,
    approve: bool,
) -> Result<Result<(), Refused>, DbErr> {
    let Some(image) = establishment_image::Entity::find_by_id(id).one(db).await? else {
        return Ok(Err(Refused::Missing));
    };
    let ours = establishment::Entity::find_by_id(image.establishment_id)
        .filter(establishment::Column::OfficeId.eq(office_id))
        .count(db)
        .await?
        > 0;
    if !ours {
        return Ok(Err(Refused::Missing));
    }
    let txn = crate::begin_write(db).await?;
    let changed = establishment_image::Entity::update_many()
        .col_expr(
            establishment_image::Column::Status,
            Expr::value(if approve { APPROVED } else { REJECTED }),
        )
        .col_expr(
            establishment_image::Column::ReviewedBy,
            Expr::value(staff_id),
        )
        .col_expr(
            establishment_image::Column::ReviewedAt,
            Expr::value(Utc::now()),
        )
        .filter(establishment_image::Column::Id.eq(id))
        .filter(establishment_image::Column::Status.eq(PENDING))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Ok(Err(Refused::Reviewed));
    }
    crate::audit::record(
        &txn,
        Some(staff_id),
        AuditAction::Update,
        "establishment_image",
        id.into(),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Image `id` if `user` may see it: (file name, file type).
pub async fn image_for(
    db: &DatabaseConnection,
    user: Option<&User>,
    id: i32,
) -> Result<Option<(String, String)>, DbErr> {
    let Some(image) = establishment_image::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let allowed = image.status == APPROVED
        || match user {
            Some(u) if u.role == Role::Employer => {
                u.establishment_id == Some(image.establishment_id)
            }
            Some(u) if u.role == Role::Staff => {
                establishment::Entity::find_by_id(image.establishment_id)
                    .one(db)
                    .await?
                    .is_some_and(|e| Some(e.office_id) == u.office_id)
            }
            _ => false,
        };
    Ok(allowed.then_some((image.storage_name, image.file_type)))
}
