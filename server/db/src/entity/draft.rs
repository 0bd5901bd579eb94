//! 下書き: a seeker's motivation statement in progress, per posting.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "draft")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub seeker_id: i32,
    /// The posting's 求人番号.
    pub draft_key: String,
    pub body: String,
    /// Milliseconds since 1970 on the editing device.
    pub edited_at: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
