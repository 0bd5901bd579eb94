//! What an establishment keeps about its applicants, for itself only:
//! notes (選考メモ) and a 1–5 rating.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ApplicantNote::Table)
                .col(pk_auto(ApplicantNote::Id))
                .col(integer(ApplicantNote::ApplicationId))
                .col(integer(ApplicantNote::AuthorUserId))
                .col(text(ApplicantNote::Body))
                .col(timestamp_with_time_zone(ApplicantNote::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_applicant_note_application")
                        .from(ApplicantNote::Table, ApplicantNote::ApplicationId)
                        .to(Application::Table, Application::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_applicant_note_application")
                .table(ApplicantNote::Table)
                .col(ApplicantNote::ApplicationId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Application::Table)
                .add_column(small_integer_null(Application::Rating))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Application::Table)
                .drop_column(Application::Rating)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(ApplicantNote::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ApplicantNote {
    Table,
    Id,
    ApplicationId,
    AuthorUserId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    Rating,
}
