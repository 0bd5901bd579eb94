//! Offices and the first columns of postings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Office::Table)
                    .col(pk_auto(Office::Id))
                    .col(string_len_uniq(Office::Code, 5))
                    .col(string(Office::Name))
                    .col(small_integer(Office::PrefectureCode))
                    .col(timestamp_with_time_zone_default_now(Office::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Posting::Table)
                    .col(pk_auto(Posting::Id))
                    .col(integer(Posting::OfficeId))
                    .col(string_len_uniq(Posting::Number, 14))
                    .col(string_len(Posting::Status, 16))
                    .col(small_integer(Posting::Disclosure))
                    .col(string(Posting::Title))
                    .col(string(Posting::EstablishmentName))
                    .col(small_integer(Posting::PrefectureCode))
                    .col(string(Posting::City))
                    .col(string_len(Posting::WageForm, 8))
                    .col(big_integer(Posting::WageMin))
                    .col(big_integer(Posting::WageMax))
                    .col(date(Posting::AcceptedOn))
                    .col(date(Posting::ValidUntil))
                    .col(timestamp_with_time_zone_default_now(Posting::CreatedAt))
                    .col(timestamp_with_time_zone_default_now(Posting::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_posting_office")
                            .from(Posting::Table, Posting::OfficeId)
                            .to(Office::Table, Office::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // Public lists: published, still valid, newest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_posting_status_accepted")
                    .table(Posting::Table)
                    .col(Posting::Status)
                    .col(Posting::AcceptedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_posting_office")
                    .table(Posting::Table)
                    .col(Posting::OfficeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Posting::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Office::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Office {
    Table,
    Id,
    Code,
    Name,
    PrefectureCode,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Posting {
    Table,
    Id,
    OfficeId,
    Number,
    Status,
    Disclosure,
    Title,
    EstablishmentName,
    PrefectureCode,
    City,
    WageForm,
    WageMin,
    WageMax,
    AcceptedOn,
    ValidUntil,
    CreatedAt,
    UpdatedAt,
}
