//! 紹介: staff recommend a posting to a registered seeker.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referral")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub seeker_id: i32,
    pub posting_id: i32,
    pub office_id: i32,
    pub staff_user_id: i32,
    /// A `ReferralStatus` code.
    pub status: String,
    /// The suitability judgement (適合性判断), as the staff wrote it.
    pub suitability: String,
    /// The seeker must apply by this date.
    pub deadline: Date,
    /// When staff confirmed the employer still accepts applications.
    pub employer_confirmed_at: Option<DateTimeUtc>,
    /// Why the confirmation was skipped (at night, on Saturdays).
    pub confirmation_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
