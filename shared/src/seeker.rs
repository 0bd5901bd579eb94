//! 求職者: seekers, their profile (求職情報) and registration.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::posting::{EmploymentType, WageForm, default_valid_until};

crate::coded_enum! {
    /// How a seeker joined.
    pub enum SeekerKind {
        /// Opened a MyPage online only: search, favourites, self-application.
        InternetOnly = ("internet_only", "インターネットのみ", "Internet only"),
        /// Registered at an office (求職登録): everything, including online referral.
        Registered = ("registered", "求職登録済み", "Registered at an office"),
    }
}

impl SeekerKind {
    /// Online referral needs a registered seeker (DOMAIN.md rule 3).
    pub fn may_receive_referrals(self) -> bool {
        self == SeekerKind::Registered
    }
}

/// A 求職番号: office code and an 8-digit serial, `13010-12345678`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SeekerNumber(crate::posting::PostingNumber);

impl FromStr for SeekerNumber {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(SeekerNumber)
    }
}

impl fmt::Display for SeekerNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<String> for SeekerNumber {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<SeekerNumber> for String {
    fn from(n: SeekerNumber) -> String {
        n.to_string()
    }
}

/// A registration is valid to the last day of the month after next, and is
/// extended the same way on each activity (consultation, referral).
pub fn registration_valid_until(activity_on: NaiveDate) -> NaiveDate {
    default_valid_until(activity_on)
}

/// A birth date must make the person between 15 and 100 years old today.
pub fn check_birth_date(birth: NaiveDate, today: NaiveDate) -> Result<(), ValidationError> {
    let age = today.years_since(birth).ok_or(ValidationError::DateRange)?;
    if !(15..=100).contains(&age) {
        return Err(ValidationError::DateRange);
    }
    Ok(())
}

/// 求職情報: what a seeker wishes and brings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeekerProfile {
    pub name: String,
    pub name_kana: String,
    #[serde(default)]
    pub birth_date: Option<String>,
    pub phone: Option<String>,
    pub wished_occupations: Vec<String>,
    /// Prefecture codes.
    pub wished_prefectures: Vec<u8>,
    pub wished_employment: Vec<EmploymentType>,
    pub wished_wage: Option<(WageForm, i64)>,
    pub wished_hours: Option<String>,
    pub education: String,
    pub work_history: String,
    pub licences: Vec<String>,
    /// Whether employers may see the profile (and send direct requests).
    pub public: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn only_registered_seekers_receive_referrals() {
        assert!(SeekerKind::Registered.may_receive_referrals());
        assert!(!SeekerKind::InternetOnly.may_receive_referrals());
    }

    #[test]
    fn registration_runs_to_the_end_of_the_month_after_next() {
        assert_eq!(registration_valid_until(d(2021, 9, 21)), d(2021, 11, 30));
    }

    #[test]
    fn birth_dates_within_working_life() {
        let today = d(2026, 11, 25);
        assert!(check_birth_date(d(1990, 4, 1), today).is_ok());
        assert!(check_birth_date(d(2011, 11, 25), today).is_ok());
        assert!(check_birth_date(d(2011, 11, 26), today).is_err());
        assert!(check_birth_date(d(2030, 1, 1), today).is_err());
        assert!(check_birth_date(d(1900, 1, 1), today).is_err());
    }

    #[test]
    fn seeker_numbers() {
        let n: SeekerNumber = "13010-12345678".parse().unwrap();
        assert_eq!(n.to_string(), "13010-12345678");
        assert!("13010-1234567".parse::<SeekerNumber>().is_err());
    }
}
