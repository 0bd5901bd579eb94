//! The file sent with a message: a PDF or an image, checked by content,
//! stored under the documents folder by a random name.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_attachment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub message_id: i64,
    /// 32 hex digits: the file's name in the documents folder.
    pub storage_name: String,
    /// A `DocumentType` code (its MIME type).
    pub file_type: String,
    pub byte_size: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
