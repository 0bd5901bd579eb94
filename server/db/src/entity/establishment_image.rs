//! 事業所画像情報: one image of an establishment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "establishment_image")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub establishment_id: i32,
    /// The file's name in the image folder: 32 hex digits.
    pub storage_name: String,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub file_type: String,
    pub byte_size: i64,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub uploaded_by: i32,
    pub created_at: DateTimeUtc,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
