//! 直接リクエスト: an employer invites a public seeker.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "direct_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub posting_id: i32,
    pub seeker_id: i32,
    /// The employer's short "why you" message.
    pub message: String,
    /// When the seeker declined it.
    pub declined_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
