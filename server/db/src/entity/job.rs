//! An e-mail waiting to be sent, being sent, sent or given up: one row per
//! event, taken by one app server at a time (a lease), retried with
//! backoff.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    /// What happened, once: a second enqueue of the same event is ignored.
    #[sea_orm(unique)]
    pub event_key: String,
    pub recipient_user_id: i32,
    /// The event as JSON (`madoguchi_shared::mail::MailEvent`).
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    /// The e-mail's Message-ID, fixed when the event is recorded.
    pub message_id: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub run_at: DateTimeUtc,
    pub locked_by: Option<String>,
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
