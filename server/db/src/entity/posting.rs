//! 求人: a job posting.

use sea_orm::entity::prelude::*;

/// Stored values of `posting.status`.
pub mod status {
    pub const DRAFT: &str = "draft";
    pub const UNDER_REVIEW: &str = "under_review";
    pub const PUBLISHED: &str = "published";
    pub const CLOSED: &str = "closed";
    pub const WITHDRAWN: &str = "withdrawn";
}

/// 公開範囲 3: visible to staff only, never listed publicly.
pub const DISCLOSURE_STAFF_ONLY: i16 = 3;
/// 公開範囲 2: public, without the establishment's name and address.
pub const DISCLOSURE_ANONYMOUS: i16 = 2;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "posting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    /// 求人番号 `OOOOO-NNNNNNNN`.
    #[sea_orm(unique)]
    pub number: String,
    pub status: String,
    /// 公開範囲: 1 public, 2 public without the establishment, 3 staff only.
    pub disclosure: i16,
    /// 職種
    pub title: String,
    pub establishment_name: String,
    pub prefecture_code: i16,
    pub city: String,
    /// `monthly`, `daily` or `hourly` (see `WageForm`).
    pub wage_form: String,
    pub wage_min: i64,
    pub wage_max: i64,
    /// 受付年月日
    pub accepted_on: Date,
    /// 紹介期限日
    pub valid_until: Date,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::office::Entity",
        from = "Column::OfficeId",
        to = "super::office::Column::Id"
    )]
    Office,
}

impl Related<super::office::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Office.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
