//! The establishment's own profile on the employer's MyPage: read by its
//! users, and the parts they keep themselves (industry, size,
//! description, URL) changed in one audited transaction.

use chrono::Utc;
use madoguchi_shared::establishment::{CheckedEstablishment, EstablishmentProfile};
use madoguchi_shared::message::AuditAction;
use madoguchi_shared::prefecture::Prefecture;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use crate::entity::establishment;

/// The profile of establishment `id`.
pub async fn profile(
    db: &DatabaseConnection,
    id: i32,
) -> Result<Option<EstablishmentProfile>, DbErr> {
    let Some(e) = establishment::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let corrupt = |what: &str| DbErr::Custom(format!("establishment {id}: bad {what}"));
    Ok(Some(EstablishmentProfile {
        number: e.number,
        name: e.name,
        name_kana: e.name_kana,
        prefecture: u8::try_from(e.prefecture_code)
            .ok()
            .and_then(Prefecture::from_code)
            .ok_or_else(|| corrupt("prefecture"))?,
        city: e.city,
        address: e.address,
        industry: e.industry,
        size: e.size.parse().map_err(|_| corrupt("size"))?,
        description: e.description,
        url: e.url,
    }))
}

/// Saves what the establishment's user `user_id` changed; audited with
/// the user as actor.
pub async fn save(
    db: &DatabaseConnection,
    user_id: i32,
    id: i32,
    (industry, size, description, url): CheckedEstablishment,
) -> Result<(), DbErr> {
    let txn = crate::begin_write(db).await?;
    establishment::Entity::update(establishment::ActiveModel {
        id: Set(id),
        industry: Set(industry),
        size: Set(size.as_str().to_owned()),
        description: Set(description),
        url: Set(url),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    crate::audit::record(
        &txn,
        Some(user_id),
        AuditAction::Update,
        "establishment",
        id.into(),
    )
    .await?;
    txn.commit().await
}
