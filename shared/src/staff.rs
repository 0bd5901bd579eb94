//! What the staff console (職員) shows: seekers of the office, their
//! ledger, the suitability lists, follow-up and the monthly statistics.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::application::{ApplicationMethod, ApplicationStatus, ReferralStatus};
use crate::posting::PostingSummary;
use crate::seeker::{SeekerKind, SeekerProfile};
use crate::suitability::Judgement;

/// A seeker as a row of the office's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeekerRow {
    pub id: i32,
    pub kind: SeekerKind,
    pub number: Option<String>,
    pub name: String,
    pub name_kana: String,
    pub birth_date: Option<String>,
    pub registration_active: bool,
    pub valid_until: Option<String>,
}

/// 職業相談記録: one consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationItem {
    pub id: i32,
    pub held_on: String,
    pub staff_name: String,
    pub notes: String,
}

/// One referral or application in a ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub referral_id: Option<i32>,
    pub application_id: Option<i32>,
    pub posting_id: i32,
    pub posting_number: Option<String>,
    pub posting_title: String,
    pub establishment: String,
    pub seeker_id: i32,
    pub seeker_name: String,
    pub referral_status: Option<ReferralStatus>,
    pub method: Option<ApplicationMethod>,
    pub status: Option<ApplicationStatus>,
    /// The day of the recommendation, or of the application without one.
    pub on: String,
    pub deadline: Option<String>,
    pub result_on: Option<String>,
    pub letter_number: Option<String>,
}

/// A seeker's ledger at the office: the record, 求職情報, consultations
/// and every referral and application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeekerLedger {
    pub seeker: SeekerRow,
    pub phone: Option<String>,
    pub email: String,
    pub office_name: Option<String>,
    pub profile: SeekerProfile,
    pub consultations: Vec<ConsultationItem>,
    pub entries: Vec<LedgerEntry>,
}

/// An establishment's ledger: its postings, referrals and hires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstablishmentLedger {
    pub id: i32,
    pub number: String,
    pub name: String,
    pub has_mypage: bool,
    pub postings: Vec<LedgerPosting>,
    pub entries: Vec<LedgerEntry>,
    pub hires: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerPosting {
    pub id: i32,
    pub number: Option<String>,
    pub title: String,
    pub status: crate::posting::PostingStatus,
    pub valid_until: String,
    pub openings: u16,
}

/// A posting in a seeker's suitability list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingMatch {
    pub posting_id: i32,
    pub posting: PostingSummary,
    pub accepts_referral: bool,
    pub judgement: Judgement,
}

/// A registered seeker in a posting's list of who fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeekerMatch {
    pub seeker: SeekerRow,
    pub judgement: Judgement,
}

/// A posting as staff pick it for a recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingForStaff {
    pub id: i32,
    pub posting: crate::records::Posting,
    pub establishment_name: String,
    pub establishment_id: i32,
    pub has_mypage: bool,
    pub matches: Vec<SeekerMatch>,
}

/// How staff confirmed with the employer that applications are still
/// taken (電話で応募可否を確認), docs/domain.md rule 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confirmation {
    /// Confirmed by telephone now.
    Confirmed,
    /// Skipped: outside the employer's hours at night.
    SkippedNight,
    /// Skipped: a Saturday.
    SkippedSaturday,
}

impl Confirmation {
    pub fn parse(code: &str) -> Option<Confirmation> {
        match code {
            "confirmed" => Some(Confirmation::Confirmed),
            "night" => Some(Confirmation::SkippedNight),
            "saturday" => Some(Confirmation::SkippedSaturday),
            _ => None,
        }
    }

    /// What the referral records when the call was skipped.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Confirmation::Confirmed => None,
            Confirmation::SkippedNight => Some("夜間のため応募可否の電話確認を省略"),
            Confirmation::SkippedSaturday => Some("土曜日のため応募可否の電話確認を省略"),
        }
    }
}

crate::coded_enum! {
    /// Why the staff console refused a change, as staff are told.
    pub enum StaffRefusal {
        NotRegistered = ("not_registered", "この求職者は求職登録が有効ではありません（インターネットのみの利用者や、登録が無効・期限切れの方にはオンラインハローワーク紹介ができません）。", "This seeker's registration is not valid: online referral needs a registered seeker with a valid registration."),
        PostingClosed = ("posting_closed", "この求人は公開中ではないか、紹介期限日を過ぎています。", "This posting is not published or is past its referral deadline."),
        NoReferral = ("no_referral", "この求人はオンラインハローワーク紹介を受け付けていません。", "This posting does not take online referrals."),
        NoMyPage = ("no_mypage", "この事業所は求人者マイページを開設していないため、オンラインで紹介できません。", "The establishment has no MyPage, so it cannot be referred to online."),
        Duplicate = ("duplicate", "この求職者には同じ求人の紹介が応募待ちのままか、すでに応募があります。", "This seeker already has a waiting recommendation for, or an application to, this posting."),
        ConfirmationNeeded = ("confirmation_needed", "電話確認を省略できるのは夜間（8:30前・17:15以降）と土曜日だけです。事業所に応募可否を確認してください。", "The call may be skipped only at night (before 8:30, from 17:15) or on Saturdays: confirm with the employer."),
        BadLinkCode = ("bad_link_code", "連携コードが正しくないか、使用済みか、有効期限（表示から30分）が切れています。ご本人のマイページの「求職情報」で新しいコードを表示してもらってください。", "The link code is wrong, used, or expired (30 minutes after it was shown). Ask the seeker to show a new code on the 求職情報 page of their MyPage."),
    }
}

/// The label of the counter registration form's field `field`, in
/// Japanese and English, for an error that names it.
pub fn registration_field_label(field: &str) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "code" => ("連携コード", "Link code"),
        "email" => ("メールアドレス", "E-mail address"),
        "password" => ("パスワード", "Password"),
        "birth_date" => ("生年月日", "Birth date"),
        "mode" => ("マイページ", "MyPage"),
        other => return crate::seeker::profile_field_label(other),
    })
}

/// Days a recommendation stays open by default (a server setting).
pub const REFERRAL_DEADLINE_DAYS: u64 = 7;

/// A referral waiting for its 採否 result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpRow {
    pub entry: LedgerEntry,
    pub staff_name: String,
    pub days_waiting: i64,
}

/// The figures of one month (or of a whole year in the total row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    /// `2026-04`, or `計` for the total.
    pub month: String,
    pub new_postings: u64,
    pub active_postings: u64,
    pub new_openings: u64,
    pub active_openings: u64,
    pub new_seekers: u64,
    pub active_seekers: u64,
    pub applications_referral: u64,
    pub applications_self: u64,
    pub applications_counter: u64,
    pub referrals: u64,
    pub hires: u64,
}

impl MonthFigures {
    /// Openings per active seeker (有効求人倍率 style), to two places.
    pub fn ratio(&self) -> Option<f64> {
        (self.active_seekers > 0).then(|| {
            (self.active_openings as f64 / self.active_seekers as f64 * 100.0).round() / 100.0
        })
    }

    pub fn applications(&self) -> u64 {
        self.applications_referral + self.applications_self + self.applications_counter
    }
}

/// 業務統計 for one office (or all), one year, optionally one prefecture
/// and one occupation group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    pub office: Option<String>,
    pub year: i32,
    pub prefecture: Option<u8>,
    pub group: Option<char>,
    pub months: Vec<MonthFigures>,
}

impl Statistics {
    /// The columns of the CSV file, in Japanese as the offices use them.
    pub const CSV_HEADER: &'static str = "月,新規求人数,有効求人数,新規求人人数,有効求人人数,新規求職者数,有効求職者数,応募（紹介）,応募（自主応募）,応募（窓口）,紹介件数,就職件数,求人倍率";

    /// The table as CSV (UTF-8 with a BOM, so spreadsheet programs read
    /// the Japanese headers).
    pub fn csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        out.push_str(Self::CSV_HEADER);
        out.push_str("\r\n");
        for m in &self.months {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
                m.month,
                m.new_postings,
                m.active_postings,
                m.new_openings,
                m.active_openings,
                m.new_seekers,
                m.active_seekers,
                m.applications_referral,
                m.applications_self,
                m.applications_counter,
                m.referrals,
                m.hires,
                m.ratio().map(|r| format!("{r:.2}")).unwrap_or_default(),
            ));
        }
        out
    }
}

/// The first and last day of `month` (1–12) of `year`.
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_bounds_know_february_and_december() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(month_bounds(2028, 2), Some((d(2028, 2, 1), d(2028, 2, 29))));
        assert_eq!(
            month_bounds(2026, 12),
            Some((d(2026, 12, 1), d(2026, 12, 31)))
        );
        assert_eq!(month_bounds(2026, 13), None);
    }

    #[test]
    fn csv_has_the_header_and_one_line_a_month() {
        let stats = Statistics {
            year: 2026,
            months: vec![MonthFigures {
                month: "2026-04".into(),
                active_openings: 3,
                active_seekers: 2,
                ..Default::default()
            }],
            ..Default::default()
        };
        let csv = stats.csv();
        assert!(csv.starts_with("\u{feff}月,"));
        assert!(csv.contains("\r\n2026-04,0,0,0,3,0,2,0,0,0,0,0,1.50\r\n"));
        assert_eq!(MonthFigures::default().ratio(), None);
    }

    #[test]
    fn confirmation_codes() {
        assert_eq!(
            Confirmation::parse("night"),
            Some(Confirmation::SkippedNight)
        );
        assert_eq!(Confirmation::parse("x"), None);
        assert!(Confirmation::Confirmed.note().is_none());
        assert!(
            Confirmation::SkippedSaturday
                .note()
                .unwrap()
                .contains("土曜日")
        );
    }
}
