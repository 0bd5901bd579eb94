//! 公開範囲 3 postings are not in the search index (only staff may see
//! them); the staff's suitability list finds them by disclosure and
//! prefecture through this index.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "ix_posting_disclosure_prefecture";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(NAME)
                .table(Alias::new("posting"))
                .col(Alias::new("disclosure"))
                .col(Alias::new("prefecture_code"))
                .col(Alias::new("accepted_on"))
                .to_owned(),
        )
        .await
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
