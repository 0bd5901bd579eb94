//! Consent to 求職登録 at the counter (docs/domain.md, "Registration at
//! the counter"): an internet-only seeker shows a one-time code from
//! MyPage, and staff link that MyPage only with it. Only a hash of the
//! code is kept; a seeker has one code at a time (a new one replaces the
//! old), usable for [`counter_link::VALID_MINUTES`] and once.
//!
//! [`counter_link::VALID_MINUTES`]: madoguchi_shared::counter_link::VALID_MINUTES

use chrono::{DateTime, Duration, Utc};
use madoguchi_shared::counter_link;
use madoguchi_shared::message::AuditAction;
use madoguchi_shared::seeker::SeekerKind;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};

use crate::entity::{counter_link_code, seeker};

/// A code shown to its seeker (it is not kept) and when it stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

fn new_code() -> Result<String, DbErr> {
    use rand::TryRngCore;
    let mut bytes = [0u8; counter_link::LEN];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| DbErr::Custom(format!("no randomness: {e}")))?;
    Ok(counter_link::from_random(bytes))
}

/// A new code for the seeker of account `user_id`, replacing any earlier
/// one; `None` unless that seeker is internet-only (a registered seeker
/// has nothing to link).
pub async fn issue(
    db: &DatabaseConnection,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<IssuedCode>, DbErr> {
    let Some(s) = seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user_id))
        .filter(seeker::Column::Kind.eq(SeekerKind::InternetOnly.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let expires_at = now + Duration::minutes(counter_link::VALID_MINUTES);
    // Two codes drawn alike (one in 2^40 per live code) meet the unique
    // hash: draw again.
    for _ in 0..3 {
        let code = new_code()?;
        let txn = crate::begin_write(db).await?;
        counter_link_code::Entity::delete_many()
            .filter(counter_link_code::Column::SeekerId.eq(s.id))
            .exec(&txn)
            .await?;
        let inserted = counter_link_code::Entity::insert(counter_link_code::ActiveModel {
            seeker_id: Set(s.id),
            code_hash: Set(crate::token_hash(&code)),
            created_at: Set(now),
            expires_at: Set(expires_at),
            ..Default::default()
        })
        .exec(&txn)
        .await;
        match inserted {
            Err(e) if crate::staff::is_unique_violation(&e) => continue,
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        crate::audit::record(
            &txn,
            Some(user_id),
            AuditAction::Create,
            "counter_link_code",
            s.id.into(),
        )
        .await?;
        txn.commit().await?;
        return Ok(Some(IssuedCode { code, expires_at }));
    }
    Err(DbErr::Custom("no free link code after retries".into()))
}

/// Uses `code` (normalised) inside the registration's transaction: the
/// internet-only seeker it was shown by, its row gone so that it works
/// once. `None` for a code unknown, expired, or of a seeker registered
/// since — one answer for all, which tells nothing about any account.
pub(crate) async fn take(
    txn: &impl ConnectionTrait,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<seeker::Model>, DbErr> {
    let Some(row) = counter_link_code::Entity::find()
        .filter(counter_link_code::Column::CodeHash.eq(crate::token_hash(code)))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let taken = counter_link_code::Entity::delete_many()
        .filter(counter_link_code::Column::Id.eq(row.id))
        .exec(txn)
        .await?;
    if taken.rows_affected != 1 || row.expires_at <= now {
        return Ok(None);
    }
    seeker::Entity::find_by_id(row.seeker_id)
        .filter(seeker::Column::Kind.eq(SeekerKind::InternetOnly.as_str()))
        .one(txn)
        .await
}
