//! E-mail: a jobs table every app server takes from (one event, one row,
//! one Message-ID), each user's e-mail preferences, and one-click
//! unsubscribe links (only a hash of the token is kept; used once).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Job {
    Table,
    Id,
    Kind,
    EventKey,
    RecipientUserId,
    Payload,
    MessageId,
    Status,
    Attempts,
    RunAt,
    LockedBy,
    LockedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum EmailPreference {
    Table,
    UserId,
    Lang,
    Messages,
    Results,
    Recommendations,
    DirectRequests,
    Alerts,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EmailUnsubscribe {
    Table,
    TokenHash,
    UserId,
    Topic,
    CreatedAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Job::Table)
                .col(big_pk_auto(Job::Id))
                .col(string_len(Job::Kind, 32))
                .col(string_len_uniq(Job::EventKey, 160))
                .col(integer(Job::RecipientUserId))
                .col(text(Job::Payload))
                .col(string_len(Job::MessageId, 200))
                .col(string_len(Job::Status, 16))
                .col(integer(Job::Attempts).default(0))
                .col(timestamp_with_time_zone(Job::RunAt))
                .col(string_len_null(Job::LockedBy, 64))
                .col(timestamp_with_time_zone_null(Job::LockedUntil))
                .col(string_len_null(Job::LastError, 500))
                .col(timestamp_with_time_zone(Job::CreatedAt))
                .col(timestamp_with_time_zone_null(Job::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_job_status_run_at")
                .table(Job::Table)
                .col(Job::Status)
                .col(Job::RunAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(EmailPreference::Table)
                .col(integer(EmailPreference::UserId).primary_key())
                .col(string_len(EmailPreference::Lang, 8))
                .col(boolean(EmailPreference::Messages))
                .col(boolean(EmailPreference::Results))
                .col(boolean(EmailPreference::Recommendations))
                .col(boolean(EmailPreference::DirectRequests))
                .col(string_len(EmailPreference::Alerts, 16))
                .col(timestamp_with_time_zone(EmailPreference::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(EmailUnsubscribe::Table)
                .col(string_len(EmailUnsubscribe::TokenHash, 64).primary_key())
                .col(integer(EmailUnsubscribe::UserId))
                .col(string_len(EmailUnsubscribe::Topic, 32))
                .col(timestamp_with_time_zone(EmailUnsubscribe::CreatedAt))
                .col(timestamp_with_time_zone_null(EmailUnsubscribe::UsedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            EmailUnsubscribe::Table.into_iden(),
            EmailPreference::Table.into_iden(),
            Job::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
