//! 検索条件: a seeker's saved search.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_search")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub seeker_id: i32,
    pub name: String,
    /// The `/jobs` query string.
    pub query: String,
    pub alert: bool,
    pub last_viewed_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    /// The last day whose new postings an alert covered (Japan time).
    pub alerted_through: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
