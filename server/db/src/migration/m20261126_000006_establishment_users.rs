//! Up to ten login users per establishment: one-time invitations (only a
//! hash of the link's token is kept) and removal (the account stays for
//! the audit log's attribution, and can no longer log in).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(EstablishmentInvite::Table)
                .col(pk_auto(EstablishmentInvite::Id))
                .col(integer(EstablishmentInvite::EstablishmentId))
                .col(string_len_uniq(EstablishmentInvite::TokenHash, 64))
                .col(integer(EstablishmentInvite::CreatedBy))
                .col(timestamp_with_time_zone(EstablishmentInvite::CreatedAt))
                .col(timestamp_with_time_zone(EstablishmentInvite::ExpiresAt))
                .col(timestamp_with_time_zone_null(EstablishmentInvite::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_establishment_invite_establishment")
                        .from(
                            EstablishmentInvite::Table,
                            EstablishmentInvite::EstablishmentId,
                        )
                        .to(Establishment::Table, Establishment::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_establishment_invite_establishment")
                .table(EstablishmentInvite::Table)
                .col(EstablishmentInvite::EstablishmentId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(UserAccount::Table)
                .add_column(timestamp_with_time_zone_null(UserAccount::DisabledAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(UserAccount::Table)
                .drop_column(UserAccount::DisabledAt)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(EstablishmentInvite::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EstablishmentInvite {
    Table,
    Id,
    EstablishmentId,
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Establishment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    DisabledAt,
}
