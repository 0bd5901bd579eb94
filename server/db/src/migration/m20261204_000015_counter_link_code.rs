//! The owner's consent to 求職登録 of an internet-only MyPage at the
//! counter: a short one-time code the seeker shows from their MyPage.
//! Only a hash of the code is kept; one code per seeker at a time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CounterLinkCode::Table)
                .col(pk_auto(CounterLinkCode::Id))
                .col(integer_uniq(CounterLinkCode::SeekerId))
                .col(string_len_uniq(CounterLinkCode::CodeHash, 64))
                .col(timestamp_with_time_zone(CounterLinkCode::CreatedAt))
                .col(timestamp_with_time_zone(CounterLinkCode::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_counter_link_code_seeker")
                        .from(CounterLinkCode::Table, CounterLinkCode::SeekerId)
                        .to(Seeker::Table, Seeker::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CounterLinkCode::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CounterLinkCode {
    Table,
    Id,
    SeekerId,
    CodeHash,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Seeker {
    Table,
    Id,
}
