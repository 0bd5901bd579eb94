//! The audit log: who read or changed personal data, and logins. Entries
//! name the record, never its content.

use chrono::Utc;
use madoguchi_shared::message::AuditAction;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::entity::audit_log;

/// Writes one entry; call it inside the transaction of the change, so an
/// entry exists exactly when the change does.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    action: AuditAction,
    entity: &str,
    entity_id: i64,
) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        actor_user_id: Set(actor),
        action: Set(action.as_str().to_owned()),
        entity: Set(entity.to_owned()),
        entity_id: Set(entity_id),
        at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
