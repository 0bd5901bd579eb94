//! 応募: a seeker applies to a posting.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub seeker_id: i32,
    pub posting_id: i32,
    pub referral_id: Option<i32>,
    /// An `ApplicationMethod` code.
    pub method: String,
    /// An `ApplicationStatus` code.
    pub status: String,
    /// 志望動機
    pub motivation: String,
    /// The client-generated key, so a retried submission never applies twice.
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
    pub result_sent_on: Option<Date>,
    /// A `RejectionReason` code, with a 不採用 result.
    pub result_reason: Option<String>,
    /// The establishment's own 1–5 rating; never shown to the seeker.
    pub rating: Option<i16>,
    pub interview_at: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
