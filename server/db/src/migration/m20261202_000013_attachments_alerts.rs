//! Message attachments (one PDF or image with a message, kept as a file
//! under the documents folder, named by a random key) and, for
//! saved-search alerts, the last day whose new postings were alerted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MessageAttachment {
    Table,
    Id,
    MessageId,
    StorageName,
    FileType,
    ByteSize,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Message {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SavedSearch {
    Table,
    AlertedThrough,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MessageAttachment::Table)
                .col(pk_auto(MessageAttachment::Id))
                .col(big_integer_uniq(MessageAttachment::MessageId))
                .col(string_len(MessageAttachment::StorageName, 32))
                .col(string_len(MessageAttachment::FileType, 32))
                .col(big_integer(MessageAttachment::ByteSize))
                .col(timestamp_with_time_zone(MessageAttachment::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_message_attachment_message")
                        .from(MessageAttachment::Table, MessageAttachment::MessageId)
                        .to(Message::Table, Message::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(SavedSearch::Table)
                .add_column(date_null(SavedSearch::AlertedThrough))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(SavedSearch::Table)
                .drop_column(SavedSearch::AlertedThrough)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(MessageAttachment::Table).to_owned())
            .await
    }
}
