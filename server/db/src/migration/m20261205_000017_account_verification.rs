//! Proof that a person holds their e-mail address: when it was shown
//! (`user_account.email_verified_at`), and the single-use links that
//! show it or set a new password (`account_token`, only hashes kept).
//! Accounts opened before verification existed count as verified from
//! their opening: they were opened under the earlier rules, and every
//! later linking at the counter asks for the owner's code anyway.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(UserAccount::Table)
                .add_column(timestamp_with_time_zone_null(UserAccount::EmailVerifiedAt))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::update()
                .table(UserAccount::Table)
                .value(
                    UserAccount::EmailVerifiedAt,
                    Expr::col(UserAccount::CreatedAt),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AccountToken::Table)
                .col(string_len(AccountToken::TokenHash, 64).primary_key())
                .col(integer(AccountToken::UserId))
                .col(string_len(AccountToken::Purpose, 16))
                .col(timestamp_with_time_zone(AccountToken::CreatedAt))
                .col(timestamp_with_time_zone(AccountToken::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_account_token_user")
                        .from(AccountToken::Table, AccountToken::UserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_account_token_user")
                .table(AccountToken::Table)
                .col(AccountToken::UserId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AccountToken::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(UserAccount::Table)
                .drop_column(UserAccount::EmailVerifiedAt)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    CreatedAt,
    EmailVerifiedAt,
}

#[derive(DeriveIden)]
enum AccountToken {
    Table,
    TokenHash,
    UserId,
    Purpose,
    CreatedAt,
    ExpiresAt,
}
