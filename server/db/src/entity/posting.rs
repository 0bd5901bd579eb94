//! 求人: a job posting.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "posting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub establishment_id: i32,
    /// 求人番号 `OOOOO-NNNNNNNN`, given when staff accept the posting
    /// (drafts and postings under review have none).
    #[sea_orm(unique)]
    pub number: Option<String>,
    /// A `PostingStatus` code.
    pub status: String,
    /// 公開範囲: 1 public, 2 public without the establishment, 3 staff only.
    pub disclosure: i16,
    /// 職種
    pub title: String,
    pub establishment_name: String,
    /// 求人区分 (`PostingCategory` code).
    pub category: String,
    /// 雇用形態 (`EmploymentType` code).
    pub employment_type: String,
    /// 派遣・請負 (`WorkArrangement` code).
    pub arrangement: String,
    pub occupation_code: String,
    /// 仕事の内容
    pub description: String,
    pub prefecture_code: i16,
    pub city: String,
    pub station: Option<String>,
    pub walk_minutes: Option<i16>,
    /// `monthly`, `daily` or `hourly` (see `WageForm`).
    pub wage_form: String,
    pub wage_min: i64,
    pub wage_max: i64,
    /// `PostingFlag` bits.
    pub flags: i64,
    /// 求人数
    pub openings: i16,
    pub annual_holidays: Option<i16>,
    pub weekly_days: Option<i16>,
    pub age_min: Option<i16>,
    pub age_max: Option<i16>,
    /// `AgeExceptionReason` code, required with an age limit.
    pub age_reason: Option<String>,
    pub accepts_referral: bool,
    pub accepts_self_application: bool,
    pub workplace_named: bool,
    /// The rest of the 求人票 as JSON.
    pub terms: String,
    /// Staff's reasons when sending it back.
    pub review_note: Option<String>,
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
