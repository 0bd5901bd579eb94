//! 下書き on the server: one motivation statement draft per seeker and
//! posting, so a seeker can continue on another device.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Draft::Table)
                .col(pk_auto(Draft::Id))
                .col(integer(Draft::SeekerId))
                .col(string_len(Draft::DraftKey, 40))
                .col(text(Draft::Body))
                .col(big_integer(Draft::EditedAt))
                .col(timestamp_with_time_zone(Draft::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_draft_seeker")
                        .from(Draft::Table, Draft::SeekerId)
                        .to(Seeker::Table, Seeker::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_draft")
                .table(Draft::Table)
                .col(Draft::SeekerId)
                .col(Draft::DraftKey)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Draft::Table).to_owned())
            .await
    }
}

// The column is `draft_key`: `key` is reserved in SQL.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Draft {
    Table,
    Id,
    SeekerId,
    DraftKey,
    Body,
    EditedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Seeker {
    Table,
    Id,
}
