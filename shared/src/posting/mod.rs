//! 求人 (job postings): numbers, validity, the 求人票 fields, the status
//! life cycle and the rules of docs/domain.md that bind them.

mod form;
mod own;
mod sheet;
mod status;
mod terms;

pub use form::{EditorStep, PostingForm, field_label, limits as form_limits};
pub use own::*;
pub use sheet::*;
pub use status::{PostingAction, PostingStatus};
pub use terms::*;

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{ValidationError, office::OfficeCode};

/// A 求人番号: the accepting office's code and an 8-digit serial,
/// written `13010-09999999`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostingNumber {
    office: OfficeCode,
    serial: u32,
}

impl PostingNumber {
    pub const MAX_SERIAL: u32 = 99_999_999;

    pub fn new(office: OfficeCode, serial: u32) -> Result<Self, ValidationError> {
        if serial > Self::MAX_SERIAL {
            return Err(ValidationError::PostingNumber);
        }
        Ok(PostingNumber { office, serial })
    }

    pub fn office(self) -> OfficeCode {
        self.office
    }

    pub fn serial(self) -> u32 {
        self.serial
    }
}

impl FromStr for PostingNumber {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (office, serial) = s.split_once('-').ok_or(ValidationError::PostingNumber)?;
        let office: OfficeCode = office.parse().map_err(|_| ValidationError::PostingNumber)?;
        if serial.len() != 8 || !serial.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValidationError::PostingNumber);
        }
        let serial = serial.parse().map_err(|_| ValidationError::PostingNumber)?;
        PostingNumber::new(office, serial)
    }
}

impl fmt::Display for PostingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:08}", self.office, self.serial)
    }
}

impl TryFrom<String> for PostingNumber {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<PostingNumber> for String {
    fn from(n: PostingNumber) -> String {
        n.to_string()
    }
}

/// The default end of a validity period (紹介期限日, and a seeker's
/// registration): the last day of the month after next.
/// Accepted 2021-09-21 → valid to 2021-11-30.
pub fn default_valid_until(from: NaiveDate) -> NaiveDate {
    let first_of_month = from.with_day(1).expect("day 1 exists in every month");
    first_of_month
        .checked_add_months(Months::new(3))
        .and_then(|d| d.pred_opt())
        .expect("dates in service range")
}

crate::coded_enum! {
    /// 賃金形態: how the wage amounts are counted.
    pub enum WageForm {
        Monthly = ("monthly", "月給", "Monthly"),
        Daily = ("daily", "日給", "Daily"),
        Hourly = ("hourly", "時給", "Hourly"),
    }
}

impl WageForm {
    /// The form a plausible amount in yen belongs to (demo data only:
    /// real postings state their form).
    pub fn for_amount(yen: i64) -> WageForm {
        match yen {
            ..5_000 => WageForm::Hourly,
            5_000..50_000 => WageForm::Daily,
            _ => WageForm::Monthly,
        }
    }
}

/// Yen with thousands separators: 230000 → `230,000`.
pub fn format_yen(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if amount < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What a list shows of a posting: enough for a card on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingSummary {
    pub number: PostingNumber,
    /// 職種
    pub title: String,
    /// 事業所名, absent where the posting hides the establishment (公開範囲 2).
    pub establishment: Option<String>,
    pub prefecture: crate::prefecture::Prefecture,
    pub city: String,
    pub wage_form: WageForm,
    pub wage_min: i64,
    pub wage_max: i64,
    #[serde(with = "crate::date::iso")]
    pub accepted_on: NaiveDate,
    #[serde(with = "crate::date::iso")]
    pub valid_until: NaiveDate,
}

/// A posting that breaks no lint rule, for the tests of the rules.
#[cfg(test)]
pub(crate) fn test_posting() -> crate::records::Posting {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    crate::records::Posting {
        number: None,
        status: PostingStatus::Draft,
        disclosure: Disclosure::Public,
        title: "看護師（病棟）".to_owned(),
        establishment: Some("医療法人さくら会".to_owned()),
        category: PostingCategory::FullTime,
        employment: EmploymentType::Regular,
        arrangement: WorkArrangement::Direct,
        occupation_code: "B-091-01".to_owned(),
        description: "病棟での看護業務全般。".to_owned(),
        prefecture: crate::prefecture::Prefecture::from_code(13).unwrap(),
        city: "新宿区".to_owned(),
        station: None,
        walk_minutes: None,
        wage_form: WageForm::Monthly,
        wage_min: 280_000,
        wage_max: 350_000,
        flags: Vec::new(),
        openings: 2,
        annual_holidays: Some(120),
        weekly_days: Some(5),
        age_limit: AgeLimit::None,
        accepts_referral: true,
        accepts_self_application: true,
        workplace_named: true,
        terms: crate::posting::PostingTerms {
            address: "西新宿1-2-3".to_owned(),
            duty_change_scope: "法人の定める業務".to_owned(),
            workplace_change_scope: "変更なし".to_owned(),
            shifts: vec![crate::posting::Shift {
                start_minute: 9 * 60,
                end_minute: 18 * 60,
            }],
            break_minutes: 60,
            holidays: "シフト制（4週8休）".to_owned(),
            selection: "書類選考・面接".to_owned(),
            ..Default::default()
        },
        accepted_on: day,
        valid_until: day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn posting_number_round_trips() {
        let n: PostingNumber = "13010-09999999".parse().unwrap();
        assert_eq!(n.office().to_string(), "13010");
        assert_eq!(n.serial(), 9_999_999);
        assert_eq!(n.to_string(), "13010-09999999");
        let small = PostingNumber::new("01010".parse().unwrap(), 42).unwrap();
        assert_eq!(small.to_string(), "01010-00000042");
    }

    #[test]
    fn malformed_posting_numbers_are_refused() {
        for bad in [
            "13010-9999999",
            "13010-099999999",
            "1301-09999999",
            "13010_09999999",
            "13010-0999999a",
            "99010-09999999",
            "",
            "-",
        ] {
            assert!(bad.parse::<PostingNumber>().is_err(), "{bad}");
        }
    }

    #[test]
    fn yen_has_thousands_separators() {
        assert_eq!(format_yen(0), "0");
        assert_eq!(format_yen(999), "999");
        assert_eq!(format_yen(1_000), "1,000");
        assert_eq!(format_yen(230_000), "230,000");
        assert_eq!(format_yen(12_345_678), "12,345,678");
        assert_eq!(format_yen(-1_500), "-1,500");
    }

    #[test]
    fn wage_form_round_trips() {
        for f in [WageForm::Monthly, WageForm::Daily, WageForm::Hourly] {
            assert_eq!(f.as_str().parse::<WageForm>().unwrap(), f);
        }
        assert!("weekly".parse::<WageForm>().is_err());
    }

    #[test]
    fn validity_ends_on_last_day_of_month_after_next() {
        assert_eq!(default_valid_until(d(2021, 9, 21)), d(2021, 11, 30));
        assert_eq!(default_valid_until(d(2021, 9, 1)), d(2021, 11, 30));
        assert_eq!(default_valid_until(d(2021, 11, 30)), d(2022, 1, 31));
        assert_eq!(default_valid_until(d(2023, 12, 31)), d(2024, 2, 29));
        assert_eq!(default_valid_until(d(2022, 12, 5)), d(2023, 2, 28));
    }
}
