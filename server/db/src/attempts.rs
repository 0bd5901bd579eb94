//! Limits on attempts (logins, registrations, password changes) counted
//! in the database: every app server sees the same count, and the count
//! is taken before the attempt is tried, in one atomic upsert, so thirty
//! parallel attempts against a limit of ten get exactly ten tries.
//!
//! Keys name what is limited and carry no personal data: an address is
//! kept only as its hash.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, Value};

/// A kind of limit: how many attempts a key may make in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
}

/// Failed logins to one address: the owner can still come in from
/// elsewhere once the window passes; one address cannot be sprayed.
pub const LOGIN_PER_ADDRESS: Limit = Limit {
    name: "login-address",
    max: 10,
    window: Duration::minutes(15),
};

/// Logins from one client address, whatever the e-mail addresses tried:
/// one password cannot be sprayed across many accounts.
pub const LOGIN_PER_CLIENT: Limit = Limit {
    name: "login-client",
    max: 30,
    window: Duration::minutes(15),
};

/// New MyPages opened from one client address (an office or a school
/// behind one address opens a few dozen in an hour; a script, thousands).
pub const REGISTER_PER_CLIENT: Limit = Limit {
    name: "register-client",
    max: 60,
    window: Duration::hours(1),
};

/// Account e-mails (verification, password reset, "already registered")
/// asked for one address: past it the asker gets the same answer and no
/// mail goes, so no one can flood an inbox through the service.
pub const ACCOUNT_MAIL_PER_ADDRESS: Limit = Limit {
    name: "account-mail",
    max: 5,
    window: Duration::hours(1),
};

/// Password-reset requests from one client address, whatever the
/// addresses asked for.
pub const RESET_PER_CLIENT: Limit = Limit {
    name: "reset-client",
    max: 30,
    window: Duration::hours(1),
};

/// Wrong current passwords given by one logged-in user.
pub const PASSWORD_CHANGE: Limit = Limit {
    name: "password-change",
    max: 10,
    window: Duration::minutes(15),
};

/// The stored key of `limit` for `who` (an address, a client, a user id):
/// hashed, so no address is kept or logged.
fn key(limit: &Limit, who: &str) -> String {
    format!("{}:{}", limit.name, &crate::token_hash(who)[..40])
}

/// Counts one attempt of `who` against `limit` and answers whether it may
/// be tried: the count after this attempt is within the limit. A window
/// older than `limit.window` starts again at one.
pub async fn take(
    db: &DatabaseConnection,
    limit: &Limit,
    who: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let sql = "INSERT INTO attempt_counter (key, window_start, count) VALUES (?, ?, 1) \
         ON CONFLICT (key) DO UPDATE SET \
         count = CASE WHEN attempt_counter.window_start < ? THEN 1 ELSE attempt_counter.count + 1 END, \
         window_start = CASE WHEN attempt_counter.window_start < ? THEN ? ELSE attempt_counter.window_start END \
         RETURNING count";
    let cutoff = now - limit.window;
    let values: Vec<Value> = vec![
        key(limit, who).into(),
        now.into(),
        cutoff.into(),
        cutoff.into(),
        now.into(),
    ];
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            numbered(backend, sql),
            values,
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("attempt counter returned no row".into()))?;
    let count: i32 = row.try_get("", "count")?;
    Ok(count as i64 <= limit.max as i64)
}

/// Forgets the attempts of `who` against `limit` (after a success).
pub async fn clear(db: &DatabaseConnection, limit: &Limit, who: &str) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        numbered(backend, "DELETE FROM attempt_counter WHERE key = ?"),
        [key(limit, who).into()],
    ))
    .await?;
    Ok(())
}

/// Takes back one attempt of `who` (one that succeeded), so that only
/// the failures of a client count against its limit.
pub async fn give_back(db: &DatabaseConnection, limit: &Limit, who: &str) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        numbered(
            backend,
            "UPDATE attempt_counter SET count = count - 1 WHERE key = ? AND count > 0",
        ),
        [key(limit, who).into()],
    ))
    .await?;
    Ok(())
}

/// Removes the counters whose window ended before `cutoff` (housekeeping).
pub async fn purge(db: &DatabaseConnection, cutoff: DateTime<Utc>) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    Ok(db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            numbered(
                backend,
                "DELETE FROM attempt_counter WHERE window_start < ?",
            ),
            [cutoff.into()],
        ))
        .await?
        .rows_affected())
}

/// `?` placeholders as the backend writes them (`$1`, `$2`, … on
/// PostgreSQL).
fn numbered(backend: DbBackend, sql: &str) -> String {
    if backend != DbBackend::Postgres {
        return sql.to_owned();
    }
    let mut n = 0;
    sql.chars()
        .map(|c| {
            if c == '?' {
                n += 1;
                format!("${n}")
            } else {
                c.to_string()
            }
        })
        .collect()
}
