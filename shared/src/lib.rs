//! Madoguchi's domain model, shared by the server and the browser.
//!
//! Pure Rust: no Leptos, no database. Everything here compiles to both
//! native code and wasm32, so the same rule gives instant feedback in the
//! browser and is enforced again on the server.

pub mod account;
pub mod application;
pub mod counter_link;
pub mod date;
pub mod direct;
pub mod document;
pub mod draft;
pub mod error;
pub mod establishment;
pub mod html;
pub mod keyword;
pub mod label;
pub mod lint;
pub mod mail;
pub mod message;
pub mod minimum_wage;
pub mod office;
pub mod posting;
pub mod prefecture;
pub mod records;
pub mod search;
pub mod seeker;
pub mod staff;
pub mod suitability;
pub mod thread;
pub mod tokenizer;
pub mod transition;

pub use error::ValidationError;

/// Today's date in Japan (UTC+9, no daylight saving), which decides whether
/// a posting is still valid.
pub fn today_in_japan(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (now + chrono::TimeDelta::hours(9)).date_naive()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn japan_is_nine_hours_ahead() {
        let late_utc = Utc.with_ymd_and_hms(2026, 11, 25, 15, 30, 0).unwrap();
        assert_eq!(
            super::today_in_japan(late_utc),
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
        );
        let early_utc = Utc.with_ymd_and_hms(2026, 11, 25, 14, 59, 0).unwrap();
        assert_eq!(
            super::today_in_japan(early_utc),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
    }
}
