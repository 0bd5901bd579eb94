//! A login of any role.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    /// argon2id PHC string; never leaves the server.
    pub password_hash: String,
    /// A `Role` code.
    pub role: String,
    pub display_name: String,
    /// Staff: their office.
    pub office_id: Option<i32>,
    /// Employers: their establishment.
    pub establishment_id: Option<i32>,
    pub last_login_at: Option<DateTimeUtc>,
    /// When the account was removed from its establishment: it can no
    /// longer log in, and stays for the audit log's attribution.
    pub disabled_at: Option<DateTimeUtc>,
    /// When the person showed they hold `email` (the link of the
    /// verification e-mail or of a password reset); `None` until then.
    pub email_verified_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
