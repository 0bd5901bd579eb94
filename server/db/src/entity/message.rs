//! A message in the thread of one application.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i32,
    /// A `MessageAuthor` code.
    pub author: String,
    pub author_user_id: i32,
    pub body: String,
    pub read_at: Option<DateTimeUtc>,
    /// Interview times proposed with the message: a JSON list of
    /// `YYYY-MM-DD HH:MM` (Japan time).
    #[sea_orm(column_type = "Text", nullable)]
    pub slots: Option<String>,
    /// The proposed time the seeker picked.
    pub picked: Option<String>,
    /// The sending device's key (unique per author): a retry is one message.
    pub client_key: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
