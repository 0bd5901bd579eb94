//! 直接リクエスト: the employer's short "why you" message and the seeker's
//! answer (declined), beside the request itself. SQLite adds one column
//! per statement.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(DirectRequest::Table)
                .add_column(text(DirectRequest::Message).default(""))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(DirectRequest::Table)
                .add_column(timestamp_with_time_zone_null(DirectRequest::DeclinedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_direct_request_seeker")
                .table(DirectRequest::Table)
                .col(DirectRequest::SeekerId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_direct_request_seeker")
                .table(DirectRequest::Table)
                .to_owned(),
        )
        .await?;
        for column in [DirectRequest::DeclinedAt, DirectRequest::Message] {
            m.alter_table(
                Table::alter()
                    .table(DirectRequest::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum DirectRequest {
    Table,
    SeekerId,
    Message,
    DeclinedAt,
}
