//! 不採用の理由区分 on an application.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Application::Table)
                .add_column(string_null(Application::ResultReason))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Application::Table)
                .drop_column(Application::ResultReason)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Application {
    Table,
    ResultReason,
}
