//! 業務統計 counts an office's postings of a year in the database and joins
//! their applications; this index holds every column those queries read
//! of a posting (its id too, which PostgreSQL does not keep in an index
//! by itself), so they never touch the table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "ix_posting_statistics";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut index = Index::create();
        index.name(NAME).table(Alias::new("posting"));
        for col in [
            "office_id",
            "accepted_on",
            "valid_until",
            "status",
            "openings",
            "number",
            "prefecture_code",
            "occupation_code",
            "id",
        ] {
            index.col(Alias::new(col));
        }
        m.create_index(index.to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(NAME)
                .table(Alias::new("posting"))
                .to_owned(),
        )
        .await
    }
}
