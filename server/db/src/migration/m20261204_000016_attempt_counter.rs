//! Attempts counted in the database (logins, registrations, password
//! changes), so that the limits hold across app servers and cannot be
//! raced: one row per key and window, counted by one atomic upsert.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AttemptCounter::Table)
                .col(string_len(AttemptCounter::Key, 100).primary_key())
                .col(timestamp_with_time_zone(AttemptCounter::WindowStart))
                .col(integer(AttemptCounter::Count))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AttemptCounter::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AttemptCounter {
    Table,
    Key,
    WindowStart,
    Count,
}
