//! Madoguchi's data layer: the only crate that writes SQL.
//!
//! Server functions and the server binary call the query functions here;
//! every function is one query or one transaction, and works the same on
//! SQLite (the embedded default) and PostgreSQL.

pub mod access;
pub mod account;
pub mod account_token;
pub mod alerts;
pub mod apply;
pub mod attempts;
pub mod audit;
pub mod counter_link;
pub mod demo;
pub mod direct;
pub mod draft;
pub mod employer;
pub mod entity;
pub mod establishment_images;
pub mod establishment_users;
pub mod favourite;
pub mod housekeeping;
pub mod jobs;
pub mod migration;
pub mod notice;
pub mod own_establishment;
pub mod own_posting;
pub mod posting;
pub mod privacy;
pub mod profile;
pub mod quota;
pub mod referral;
pub mod saved_search;
pub mod search;
pub mod seed;
pub mod session_store;
pub mod staff;
pub mod thread;

use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use sea_orm_migration::MigratorTrait;

pub use sea_orm::DatabaseConnection as Db;
pub use sea_orm::DbErr;

/// Opens a pool on `url` (`sqlite://…?mode=rwc` or `postgres://…`).
///
/// Query logging stays off: statements can carry personal data.
/// SQLite files are switched to write-ahead logging, so readers never wait
/// for a writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // Every connection of the pool: write-ahead log, foreign keys,
        // a 32 MiB page cache and reads through a memory map (1 GiB), so
        // that index and row lookups of a large database stay in memory.
        options
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .pragma("cache_size", "-32768")
                    .pragma("mmap_size", "1073741824")
            });
    }
    let db = Database::connect(options).await?;
    Ok(db)
}

/// Begins a transaction that writes. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`), waiting for another writer as long as the busy
/// timeout allows: a transaction that read first and then wrote could
/// otherwise fail at once when another connection wrote meanwhile. On
/// PostgreSQL it is a plain `BEGIN`.
pub async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migration::Migrator::up(db, None).await
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

/// `column` contains `text` as typed: `%`, `_` and a backslash in it are
/// matched as themselves, not as LIKE's wildcards.
pub(crate) fn containing(
    column: impl sea_orm::sea_query::IntoColumnRef,
    text: &str,
) -> sea_orm::sea_query::Expr {
    use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::col(column).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// The SHA-256 of a secret token, hexadecimal: what is stored of it.
pub(crate) fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 32 random bytes from the system, hexadecimal: a secret for a link.
pub(crate) fn new_token() -> Result<String, DbErr> {
    use rand::TryRngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| DbErr::Custom(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
