//! Which e-mails a user gets, in which language, and how often alerts come.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_preference")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub lang: String,
    pub messages: bool,
    pub results: bool,
    pub recommendations: bool,
    pub direct_requests: bool,
    /// `off`, `daily` or `weekly`.
    pub alerts: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
