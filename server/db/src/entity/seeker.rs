//! 求職者 and their 求職情報.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "seeker")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    /// A `SeekerKind` code.
    pub kind: String,
    /// 求職番号, for registered seekers.
    #[sea_orm(unique)]
    pub seeker_number: Option<String>,
    /// The office where the seeker registered.
    pub office_id: Option<i32>,
    pub name: String,
    pub name_kana: String,
    pub birth_date: Option<Date>,
    pub phone: Option<String>,
    /// `SeekerProfile` wishes and history as JSON.
    pub profile: String,
    pub profile_public: bool,
    /// For the establishments' search, only while the profile is public
    /// (`profile::wish_columns`): the wished occupations, each between
    /// newlines; the prefecture codes and the employment-type codes, each
    /// between commas.
    #[sea_orm(column_type = "Text", nullable)]
    pub public_occupations: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub public_prefectures: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub public_employment: Option<String>,
    pub registration_active: bool,
    pub registration_valid_until: Option<Date>,
    /// The day of 求職登録 at the office.
    pub registered_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
