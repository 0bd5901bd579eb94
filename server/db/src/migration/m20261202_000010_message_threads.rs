//! Message threads: interview slots proposed with a message and the one
//! picked, and the device's key of a message sent from a draft (unique
//! per author, so a retry never sends twice).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Message {
    Table,
    Slots,
    Picked,
    ClientKey,
    AuthorUserId,
    CreatedAt,
}

const KEY_INDEX: &str = "ux_message_client_key";
const RATE_INDEX: &str = "ix_message_author_created";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            text_null(Message::Slots),
            string_len_null(Message::Picked, 16),
            string_len_null(Message::ClientKey, 64),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Message::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name(KEY_INDEX)
                .table(Message::Table)
                .col(Message::AuthorUserId)
                .col(Message::ClientKey)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(RATE_INDEX)
                .table(Message::Table)
                .col(Message::AuthorUserId)
                .col(Message::CreatedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in [RATE_INDEX, KEY_INDEX] {
            m.drop_index(Index::drop().name(name).table(Message::Table).to_owned())
                .await?;
        }
        for col in [Message::ClientKey, Message::Picked, Message::Slots] {
            m.alter_table(
                Table::alter()
                    .table(Message::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
