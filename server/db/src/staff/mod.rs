//! The staff console (職員): the office's seekers and their registration
//! at the counter, consultations, suitability both ways, online referral
//! with its expiry, follow-up of results, ledgers and statistics. Every
//! function works inside one office, the one the caller names; the app
//! decides which office a user may name (their own; any for admins).

use chrono::{Datelike, NaiveDate};

/// 紹介状番号: the office code, the year of issue and a serial of six
/// digits, `13010-2026-000123`.
pub fn letter_number(office_code: &str, issued_on: NaiveDate, serial: u32) -> String {
    format!("{office_code}-{}-{serial:06}", issued_on.year())
}

pub mod ledger;
pub mod matching;
pub mod referrals;
pub mod seekers;
pub mod statistics;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

pub(crate) fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// The next number of a sequence kept in a unique text column: `prefix`
/// and a serial of `width` digits, one after the highest given so far.
/// Two callers at the same moment may draw the same number; the unique
/// column refuses the second, which then draws again.
pub(crate) async fn next_serial_number<E: EntityTrait>(
    db: &impl ConnectionTrait,
    _entity: E,
    column: E::Column,
    prefix: &str,
    width: usize,
) -> Result<String, DbErr> {
    let last: Option<String> = E::find()
        .select_only()
        .column(column)
        .filter(column.starts_with(prefix))
        .order_by_desc(column)
        .limit(1)
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten();
    let serial = last
        .as_deref()
        .and_then(|n| n.strip_prefix(prefix))
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(0);
    Ok(format!("{prefix}{:0width$}", serial + 1))
}
