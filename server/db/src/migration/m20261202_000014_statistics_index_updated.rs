//! 業務統計 also reads when a filled or withdrawn posting closed (its last
//! change): the statistics index gains `updated_at`, so that query too is
//! answered from the index alone instead of a table lookup for every
//! posting of the office's year.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const BEFORE: &str = "office_id, accepted_on, valid_until, status, openings, number, \
                      prefecture_code, occupation_code, id";

/// Drops and makes the index again in one batch on one connection (a
/// pooled SQLite connection could otherwise still see the old one).
async fn replace(m: &SchemaManager<'_>, cols: &str) -> Result<(), DbErr> {
    m.get_connection()
        .execute_unprepared(&format!(
            "DROP INDEX ix_posting_statistics; \
             CREATE INDEX ix_posting_statistics ON posting ({cols})"
        ))
        .await
        .map(|_| ())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        replace(m, &format!("{BEFORE}, updated_at")).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        replace(m, BEFORE).await
    }
}
