//! 事業所: an establishment that files postings.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "establishment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// 事業所番号 `NNNN-NNNNNN-N`.
    #[sea_orm(unique)]
    pub number: String,
    pub office_id: i32,
    pub name: String,
    pub name_kana: String,
    pub prefecture_code: i16,
    pub city: String,
    pub address: String,
    pub industry: String,
    /// An `EstablishmentSize` code.
    pub size: String,
    pub description: String,
    pub url: Option<String>,
    /// Messaging and online referral need a MyPage.
    pub has_mypage: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
