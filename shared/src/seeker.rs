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
    /// Online referral needs a registered seeker (docs/domain.md rule 3).
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

/// A telephone number: digits with `-` or `+`, 10 to 15 digits.
pub fn check_phone(p: &str) -> Result<(), ValidationError> {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if !p
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
        || !(10..=15).contains(&digits)
    {
        return Err(ValidationError::UnknownCode);
    }
    Ok(())
}

/// The label of the 求職情報 form's field `field` (as `ProfileForm::check`
/// names it) in Japanese and English, for an error that names it.
pub fn profile_field_label(field: &str) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "name" => ("氏名", "Name"),
        "name_kana" => ("フリガナ", "Name in kana"),
        "phone" => ("電話番号", "Telephone"),
        "occupations" => ("希望職種", "Wished occupations"),
        "pref1" | "pref2" | "pref3" => ("希望勤務地", "Wished places"),
        "wage_form" => ("希望賃金の形態", "Wished wage form"),
        "wage" => ("希望賃金", "Wished wage"),
        "hours" => ("希望する勤務時間・曜日", "Wished hours and days"),
        "education" => ("学歴", "Education"),
        "work_history" => ("職歴", "Work history"),
        "licences" => ("免許・資格", "Licences"),
        _ => return None,
    })
}

/// 求職情報: what a seeker wishes and brings. Fields missing from a stored
/// profile read as empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
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

/// The 求職情報 form as typed: every field a string, as a browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    pub name_kana: String,
    pub phone: String,
    /// Wished occupations separated by commas (、 or ,).
    pub occupations: String,
    /// Up to three wished prefectures by code ("13"); empty for none.
    pub pref1: String,
    pub pref2: String,
    pub pref3: String,
    /// Checked boxes of wished employment types ("on").
    pub emp_regular: Option<String>,
    pub emp_non_regular: Option<String>,
    pub emp_part_time: Option<String>,
    /// A `WageForm` code, or empty.
    pub wage_form: String,
    pub wage: String,
    pub hours: String,
    pub education: String,
    pub work_history: String,
    /// One licence or qualification per line.
    pub licences: String,
    pub public: Option<String>,
}

/// Limits of the 求職情報 form, in characters or entries.
pub mod limits {
    pub const NAME: usize = 50;
    pub const PHONE: usize = 20;
    pub const OCCUPATIONS: usize = 5;
    pub const OCCUPATION: usize = 40;
    pub const HOURS: usize = 100;
    pub const LONG_TEXT: usize = 2000;
    pub const LICENCES: usize = 20;
    pub const LICENCE: usize = 60;
    pub const WAGE_MAX: i64 = 10_000_000;
}

pub(crate) fn optional_line(raw: &str, max: usize) -> Result<Option<String>, ValidationError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::account::required_text(text, max).map(Some)
}

pub(crate) fn long_text(raw: &str) -> Result<String, ValidationError> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.chars().count() > limits::LONG_TEXT {
        return Err(ValidationError::TooLong {
            max: limits::LONG_TEXT,
        });
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(ValidationError::UnknownCode);
    }
    Ok(text.to_owned())
}

pub(crate) fn entries(
    raw: &str,
    separators: &[char],
    max_entries: usize,
    max_chars: usize,
) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split(separators) {
        if let Some(entry) = optional_line(part, max_chars)?
            && !out.contains(&entry)
        {
            out.push(entry);
        }
    }
    if out.len() > max_entries {
        return Err(ValidationError::TooMany { max: max_entries });
    }
    Ok(out)
}

impl ProfileForm {
    /// The form of a stored profile, for editing.
    pub fn of(p: &SeekerProfile) -> ProfileForm {
        let pref = |i: usize| {
            p.wished_prefectures
                .get(i)
                .map(|c| format!("{c:02}"))
                .unwrap_or_default()
        };
        let emp = |e: EmploymentType| p.wished_employment.contains(&e).then(|| "on".to_owned());
        ProfileForm {
            name: p.name.clone(),
            name_kana: p.name_kana.clone(),
            phone: p.phone.clone().unwrap_or_default(),
            occupations: p.wished_occupations.join("、"),
            pref1: pref(0),
            pref2: pref(1),
            pref3: pref(2),
            emp_regular: emp(EmploymentType::Regular),
            emp_non_regular: emp(EmploymentType::NonRegular),
            emp_part_time: emp(EmploymentType::PartTime),
            wage_form: p
                .wished_wage
                .map(|(f, _)| f.as_str().to_owned())
                .unwrap_or_default(),
            wage: p
                .wished_wage
                .map(|(_, w)| w.to_string())
                .unwrap_or_default(),
            hours: p.wished_hours.clone().unwrap_or_default(),
            education: p.education.clone(),
            work_history: p.work_history.clone(),
            licences: p.licences.join("\n"),
            public: p.public.then(|| "on".to_owned()),
        }
    }

    /// Checks every field; the first one that breaks a rule is named. The
    /// birth date is not on the form (staff confirm it at registration) and
    /// is kept from `before`.
    pub fn check(
        &self,
        before: &SeekerProfile,
    ) -> Result<SeekerProfile, (&'static str, ValidationError)> {
        use crate::account::{kana_text, required_text};
        let name = required_text(&self.name, limits::NAME).map_err(|e| ("name", e))?;
        let name_kana = kana_text(&self.name_kana, limits::NAME).map_err(|e| ("name_kana", e))?;
        let phone = optional_line(&self.phone, limits::PHONE).map_err(|e| ("phone", e))?;
        if let Some(p) = &phone {
            check_phone(p).map_err(|e| ("phone", e))?;
        }
        let wished_occupations = entries(
            &self.occupations,
            &[',', '、', '，', '\n'],
            limits::OCCUPATIONS,
            limits::OCCUPATION,
        )
        .map_err(|e| ("occupations", e))?;
        let mut wished_prefectures = Vec::new();
        for (field, code) in [
            ("pref1", &self.pref1),
            ("pref2", &self.pref2),
            ("pref3", &self.pref3),
        ] {
            let code = code.trim();
            if code.is_empty() {
                continue;
            }
            let p = code
                .parse::<u8>()
                .ok()
                .and_then(crate::prefecture::Prefecture::from_code)
                .ok_or((field, ValidationError::Prefecture))?;
            if !wished_prefectures.contains(&p.code()) {
                wished_prefectures.push(p.code());
            }
        }
        let checked = |v: &Option<String>| matches!(v.as_deref(), Some("on" | "true"));
        let wished_employment = [
            (EmploymentType::Regular, &self.emp_regular),
            (EmploymentType::NonRegular, &self.emp_non_regular),
            (EmploymentType::PartTime, &self.emp_part_time),
        ]
        .into_iter()
        .filter(|(_, v)| checked(v))
        .map(|(e, _)| e)
        .collect();
        let wished_wage = match (self.wage_form.trim(), self.wage.trim()) {
            ("", "") => None,
            ("", _) => return Err(("wage_form", ValidationError::Required)),
            (_, "") => return Err(("wage", ValidationError::Required)),
            (form, amount) => {
                let form: WageForm = form.parse().map_err(|e| ("wage_form", e))?;
                let range = ValidationError::OutOfRange {
                    min: 1,
                    max: limits::WAGE_MAX,
                };
                let amount: i64 = amount
                    .replace([',', '，'], "")
                    .parse()
                    .map_err(|_| ("wage", range.clone()))?;
                if !(1..=limits::WAGE_MAX).contains(&amount) {
                    return Err(("wage", range));
                }
                Some((form, amount))
            }
        };
        Ok(SeekerProfile {
            name,
            name_kana,
            birth_date: before.birth_date.clone(),
            phone,
            wished_occupations,
            wished_prefectures,
            wished_employment,
            wished_wage,
            wished_hours: optional_line(&self.hours, limits::HOURS).map_err(|e| ("hours", e))?,
            education: long_text(&self.education).map_err(|e| ("education", e))?,
            work_history: long_text(&self.work_history).map_err(|e| ("work_history", e))?,
            licences: entries(&self.licences, &['\n'], limits::LICENCES, limits::LICENCE)
                .map_err(|e| ("licences", e))?,
            public: checked(&self.public),
        })
    }
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

    #[test]
    fn the_profile_form_round_trips_and_names_the_broken_field() {
        let form = ProfileForm {
            name: " 山田 花子 ".into(),
            name_kana: "ヤマダ ハナコ".into(),
            phone: "090-1234-5678".into(),
            occupations: "介護職員、調理補助,介護職員".into(),
            pref1: "13".into(),
            pref3: "14".into(),
            emp_part_time: Some("on".into()),
            wage_form: "hourly".into(),
            wage: "1,200".into(),
            licences: "介護職員初任者研修\n\n普通自動車免許\n".into(),
            ..Default::default()
        };
        let before = SeekerProfile {
            birth_date: Some("1990-04-01".into()),
            ..Default::default()
        };
        let p = form.check(&before).unwrap();
        assert_eq!(p.name, "山田 花子");
        assert_eq!(p.name_kana, "ヤマダ\u{3000}ハナコ");
        assert_eq!(p.wished_occupations, ["介護職員", "調理補助"]);
        assert_eq!(p.wished_prefectures, [13, 14]);
        assert_eq!(p.wished_employment, [EmploymentType::PartTime]);
        assert_eq!(p.wished_wage, Some((WageForm::Hourly, 1200)));
        assert_eq!(p.licences, ["介護職員初任者研修", "普通自動車免許"]);
        assert_eq!(p.birth_date.as_deref(), Some("1990-04-01"));
        assert!(!p.public);
        assert_eq!(ProfileForm::of(&p).check(&before).unwrap(), p);

        let broken = |f: fn(&mut ProfileForm)| {
            let mut form = form.clone();
            f(&mut form);
            form.check(&before).unwrap_err().0
        };
        assert_eq!(broken(|f| f.name = " ".into()), "name");
        assert_eq!(broken(|f| f.name_kana = "やまだ".into()), "name_kana");
        assert_eq!(broken(|f| f.phone = "call me".into()), "phone");
        assert_eq!(broken(|f| f.pref2 = "48".into()), "pref2");
        assert_eq!(broken(|f| f.wage = "0".into()), "wage");
        assert_eq!(broken(|f| f.wage_form = "yearly".into()), "wage_form");
        assert_eq!(
            broken(|f| f.occupations = "a,b,c,d,e,f".into()),
            "occupations"
        );
        assert_eq!(
            broken(|f| f.work_history = "あ".repeat(2001)),
            "work_history"
        );
        assert_eq!(broken(|f| f.hours = "x\u{7}".into()), "hours");
    }

    #[test]
    fn stored_profiles_with_missing_fields_read_as_empty() {
        let p: SeekerProfile = serde_json::from_str("{}").unwrap();
        assert_eq!(p, SeekerProfile::default());
    }
}
