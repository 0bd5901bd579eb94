//! 紹介状: issued when a referral is established.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referral_letter")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub referral_id: i32,
    #[sea_orm(unique)]
    pub application_id: i32,
    /// 紹介状番号 `OOOOO-YYYY-NNNNNN`: the office, the year, a serial.
    #[sea_orm(unique)]
    pub number: Option<String>,
    pub issued_on: Date,
    /// The selection result of the reply part, once sent.
    pub result: Option<String>,
    pub result_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
