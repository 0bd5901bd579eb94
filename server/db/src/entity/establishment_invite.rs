//! A one-time invitation to become a login user of an establishment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "establishment_invite")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub establishment_id: i32,
    /// SHA-256 of the link's token, hex; the token itself is never kept.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
