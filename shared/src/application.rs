//! 応募 (applications) and 紹介 (referrals).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::transition::TransitionError;

crate::coded_enum! {
    /// 応募方法: how the seeker applied.
    pub enum ApplicationMethod {
        OnlineReferral = ("online_referral", "オンラインハローワーク紹介", "Online referral"),
        SelfApplication = ("self_application", "オンライン自主応募", "Online self-application"),
        CounterReferral = ("counter_referral", "窓口での紹介", "Referral at the counter"),
    }
}

crate::coded_enum! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        Applied = ("applied", "応募済み", "Applied"),
        Screening = ("screening", "書類選考中", "Screening"),
        Interview = ("interview", "面接", "Interview"),
        /// 内定: offered, waiting for the seeker's answer or the start.
        Offered = ("offered", "内定", "Offered"),
        Hired = ("hired", "採用", "Hired"),
        NotHired = ("not_hired", "不採用", "Not hired"),
        /// 辞退: the seeker withdrew.
        Withdrawn = ("withdrawn", "辞退", "Withdrawn"),
        /// The employer cancelled the posting's selection.
        Cancelled = ("cancelled", "取消", "Cancelled"),
    }
}

/// What happens to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationAction {
    StartScreening,
    InviteToInterview,
    /// 内定を出す
    Offer,
    Hire,
    Reject,
    Withdraw,
    Cancel,
}

impl ApplicationStatus {
    pub fn next(self, action: ApplicationAction) -> Result<ApplicationStatus, TransitionError> {
        use ApplicationAction as A;
        use ApplicationStatus as S;
        match (self, action) {
            (S::Applied, A::StartScreening) => Ok(S::Screening),
            (S::Applied | S::Screening, A::InviteToInterview) => Ok(S::Interview),
            (S::Applied | S::Screening | S::Interview, A::Offer) => Ok(S::Offered),
            (S::Applied | S::Screening | S::Interview | S::Offered, A::Hire) => Ok(S::Hired),
            (S::Applied | S::Screening | S::Interview | S::Offered, A::Reject) => Ok(S::NotHired),
            (S::Applied | S::Screening | S::Interview | S::Offered, A::Withdraw) => {
                Ok(S::Withdrawn)
            }
            (S::Applied | S::Screening | S::Interview | S::Offered, A::Cancel) => Ok(S::Cancelled),
            (from, _) => Err(TransitionError {
                from: from.as_str().to_owned(),
                action: format!("{action:?}"),
            }),
        }
    }

    /// Whether the selection has ended (a result exists or nobody waits).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Hired
                | ApplicationStatus::NotHired
                | ApplicationStatus::Withdrawn
                | ApplicationStatus::Cancelled
        )
    }
}

crate::coded_enum! {
    /// A recommendation by staff (オンラインハローワーク紹介).
    pub enum ReferralStatus {
        /// Sent to the seeker, waiting for an application before the deadline.
        Recommended = ("recommended", "応募待ち", "Waiting for application"),
        /// The seeker applied in time: the referral is established and a
        /// referral letter (紹介状) exists.
        Established = ("established", "紹介成立", "Referral established"),
        /// The deadline passed unused.
        Expired = ("expired", "期限切れ", "Expired"),
        /// The seeker declined.
        Declined = ("declined", "辞退", "Declined"),
    }
}

crate::coded_enum! {
    /// 不採用の理由区分: why an application was not successful, as the
    /// seeker and, for referrals, the office are told.
    pub enum RejectionReason {
        Skills = ("skills", "経験・能力が求める水準に達していない", "Experience or skills below what the job needs"),
        Conditions = ("conditions", "労働条件が合わない", "The working conditions do not match"),
        Filled = ("filled", "他の応募者の採用が決まった", "Another applicant was hired"),
        NoContact = ("no_contact", "応募者と連絡が取れない", "The applicant could not be reached"),
        Other = ("other", "その他", "Other"),
    }
}

/// Days after the application (or, once one is set, the interview)
/// without a 採否 result before the employer's list marks it overdue; the
/// default of the server's setting `MADOGUCHI_RESULT_OVERDUE_DAYS`.
pub const RESULT_OVERDUE_DAYS: u64 = 14;

/// A line of the employer's applicant list (応募者管理).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantRow {
    pub id: i32,
    pub posting_number: Option<String>,
    pub posting_title: String,
    pub seeker_name: String,
    pub method: ApplicationMethod,
    pub status: ApplicationStatus,
    #[serde(with = "crate::date::iso")]
    pub applied_on: NaiveDate,
    /// No result yet, the set number of days ([`RESULT_OVERDUE_DAYS`] by
    /// default) after the application or the interview.
    pub overdue: bool,
}

/// The longest 選考メモ, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// What an establishment keeps about one applicant, for itself only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantNotes {
    /// 1–5, or none yet.
    pub rating: Option<u8>,
    pub notes: Vec<ApplicantNote>,
}

/// One 選考メモ, with who wrote it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantNote {
    pub author: String,
    /// RFC 3339.
    pub written_at: String,
    pub body: String,
}

/// One page of the applicant list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantPage {
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub rows: Vec<ApplicantRow>,
}

/// How long a seeker has to answer a recommendation, by default.
pub const DEFAULT_REFERRAL_DAYS: u64 = 7;

/// The default application deadline of a recommendation sent on `sent_on`.
pub fn default_referral_deadline(sent_on: NaiveDate) -> NaiveDate {
    sent_on + Days::new(DEFAULT_REFERRAL_DAYS)
}

impl ReferralStatus {
    /// The seeker applies on `today`: established if the deadline has not
    /// passed, otherwise the recommendation has expired.
    pub fn apply(
        self,
        today: NaiveDate,
        deadline: NaiveDate,
    ) -> Result<ReferralStatus, TransitionError> {
        match self {
            ReferralStatus::Recommended if today <= deadline => Ok(ReferralStatus::Established),
            from => Err(TransitionError {
                from: if from == ReferralStatus::Recommended {
                    ReferralStatus::Expired.as_str().to_owned()
                } else {
                    from.as_str().to_owned()
                },
                action: "Apply".to_owned(),
            }),
        }
    }

    /// The status as of `today`: an unused recommendation expires after its
    /// deadline (docs/domain.md rule 3).
    pub fn as_of(self, today: NaiveDate, deadline: NaiveDate) -> ReferralStatus {
        match self {
            ReferralStatus::Recommended if today > deadline => ReferralStatus::Expired,
            other => other,
        }
    }
}

/// The longest motivation statement (志望動機), in characters.
pub const MAX_MOTIVATION_CHARS: usize = 2000;

/// Checks a motivation statement as typed: line breaks kept (CR LF becomes
/// LF), trailing white space dropped, not empty, within the limit, no
/// control characters but line breaks and tabs.
pub fn motivation_text(text: &str) -> Result<String, crate::ValidationError> {
    use crate::ValidationError;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim_end();
    if text.trim().is_empty() {
        return Err(ValidationError::Required);
    }
    if text.chars().count() > MAX_MOTIVATION_CHARS {
        return Err(ValidationError::TooLong {
            max: MAX_MOTIVATION_CHARS,
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

/// Whether `key` can be a submission key made by the browser: 16 to 64
/// letters, digits and hyphens.
pub fn valid_submission_key(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A line of the seeker's application history (応募履歴).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationItem {
    pub id: i32,
    pub posting_number: String,
    pub posting_title: String,
    /// Known to the applicant even where the posting hides it (rule 4).
    pub establishment_name: String,
    pub method: ApplicationMethod,
    pub status: ApplicationStatus,
    #[serde(with = "crate::date::iso")]
    pub applied_on: NaiveDate,
    /// Whether a 紹介状 was issued (online referral).
    pub has_letter: bool,
}

/// One application as its seeker, the posting's establishment and the
/// office's staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i32,
    pub posting_title: String,
    pub posting_number: Option<String>,
    pub establishment_name: String,
    pub seeker_name: String,
    pub method: ApplicationMethod,
    pub status: ApplicationStatus,
    /// 志望動機
    pub motivation: String,
    /// YYYY-MM-DD, in Japan.
    pub applied_on: String,
    /// 履歴書 and 職務経歴書 sent with it.
    pub documents: Vec<crate::document::DocumentInfo>,
    /// Whether a 紹介状 was issued (online referral).
    pub has_letter: bool,
    /// What the seeker chose to share of the 求職情報 (their profile is
    /// public): wishes, education, history and licences; never contacts.
    #[serde(default)]
    pub shared_profile: Option<SharedProfile>,
}

/// The parts of a public 求職情報 shown with an application.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SharedProfile {
    pub occupations: Vec<String>,
    pub prefectures: Vec<crate::prefecture::Prefecture>,
    pub employment: Vec<crate::posting::EmploymentType>,
    pub education: String,
    pub work_history: String,
    pub licences: Vec<String>,
}

impl SharedProfile {
    /// The shared parts of `profile`, when the seeker made it public.
    pub fn of(profile: &crate::seeker::SeekerProfile, public: bool) -> Option<SharedProfile> {
        public.then(|| SharedProfile {
            occupations: profile.wished_occupations.clone(),
            prefectures: profile
                .wished_prefectures
                .iter()
                .filter_map(|c| crate::prefecture::Prefecture::from_code(*c))
                .collect(),
            employment: profile.wished_employment.clone(),
            education: profile.education.clone(),
            work_history: profile.work_history.clone(),
            licences: profile.licences.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn motivation_statements_are_kept_as_typed_within_the_limit() {
        assert_eq!(
            motivation_text("介護の経験を活かしたいです。\r\n夜勤もできます。  \n").unwrap(),
            "介護の経験を活かしたいです。\n夜勤もできます。"
        );
        assert_eq!(
            motivation_text(" \n　"),
            Err(crate::ValidationError::Required)
        );
        assert!(motivation_text(&"あ".repeat(MAX_MOTIVATION_CHARS)).is_ok());
        assert!(matches!(
            motivation_text(&"あ".repeat(MAX_MOTIVATION_CHARS + 1)),
            Err(crate::ValidationError::TooLong { .. })
        ));
        assert!(motivation_text("a\u{0}b").is_err());
        assert!(valid_submission_key("0f8e2c1a-7b3d-4e5f-9a6b-1c2d3e4f5a6b"));
        assert!(!valid_submission_key("short"));
        assert!(!valid_submission_key("has space in it 0123"));
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn application_moves_forward_only() {
        use ApplicationAction as A;
        use ApplicationStatus as S;
        let s = S::Applied
            .next(A::StartScreening)
            .unwrap()
            .next(A::InviteToInterview)
            .unwrap();
        assert_eq!(s, S::Interview);
        assert_eq!(s.next(A::Hire).unwrap(), S::Hired);
        assert!(S::Hired.next(A::Reject).is_err());
        assert!(S::NotHired.next(A::Hire).is_err());
        assert!(S::Interview.next(A::StartScreening).is_err());
        assert!(S::Withdrawn.next(A::Withdraw).is_err());
        assert!(S::Hired.is_final() && !S::Interview.is_final());
        // 内定: after any open stage; then 採用, 不採用 or the seeker's 辞退.
        let offered = S::Interview.next(A::Offer).unwrap();
        assert_eq!(offered, S::Offered);
        assert!(!offered.is_final());
        assert_eq!(offered.next(A::Hire).unwrap(), S::Hired);
        assert_eq!(offered.next(A::Withdraw).unwrap(), S::Withdrawn);
        assert!(offered.next(A::Offer).is_err());
        assert!(offered.next(A::InviteToInterview).is_err());
        assert!(S::Hired.next(A::Offer).is_err());
    }

    #[test]
    fn referral_is_established_only_before_its_deadline() {
        let sent = d(11, 25);
        let deadline = default_referral_deadline(sent);
        assert_eq!(deadline, d(12, 2));
        let r = ReferralStatus::Recommended;
        assert_eq!(r.apply(d(12, 2), deadline), Ok(ReferralStatus::Established));
        let late = r.apply(d(12, 3), deadline).unwrap_err();
        assert_eq!(late.from, "expired");
        assert_eq!(r.as_of(d(12, 3), deadline), ReferralStatus::Expired);
        assert_eq!(r.as_of(d(12, 1), deadline), ReferralStatus::Recommended);
        assert!(
            ReferralStatus::Established
                .apply(d(11, 26), deadline)
                .is_err()
        );
    }
}
