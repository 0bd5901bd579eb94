//! 事業所画像情報: up to ten images an establishment, stored as files
//! beside the database, shown on its postings once staff reviewed them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(EstablishmentImage::Table)
                .col(pk_auto(EstablishmentImage::Id))
                .col(integer(EstablishmentImage::EstablishmentId))
                .col(string_len(EstablishmentImage::StorageName, 32))
                .col(string_len(EstablishmentImage::FileType, 16))
                .col(big_integer(EstablishmentImage::ByteSize))
                .col(string_len(EstablishmentImage::Status, 16))
                .col(integer(EstablishmentImage::UploadedBy))
                .col(timestamp_with_time_zone(EstablishmentImage::CreatedAt))
                .col(integer_null(EstablishmentImage::ReviewedBy))
                .col(timestamp_with_time_zone_null(
                    EstablishmentImage::ReviewedAt,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_establishment_image_establishment")
                        .from(
                            EstablishmentImage::Table,
                            EstablishmentImage::EstablishmentId,
                        )
                        .to(Establishment::Table, Establishment::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_establishment_image_establishment")
                .table(EstablishmentImage::Table)
                .col(EstablishmentImage::EstablishmentId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(EstablishmentImage::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EstablishmentImage {
    Table,
    Id,
    EstablishmentId,
    StorageName,
    FileType,
    ByteSize,
    Status,
    UploadedBy,
    CreatedAt,
    ReviewedBy,
    ReviewedAt,
}

#[derive(DeriveIden)]
enum Establishment {
    Table,
    Id,
}
