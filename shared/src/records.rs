//! The records of docs/domain.md as the two sides exchange them. Stored forms
//! live in the data layer; these are what pages show and server functions
//! answer, with codes as enums and dates as `YYYY-MM-DD`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::application::{ApplicationStatus, ReferralStatus};
use crate::establishment::{EstablishmentNumber, EstablishmentSize};
use crate::message::{AuditAction, Message, NoticeAudience};
use crate::office::OfficeCode;
use crate::posting::{
    AgeLimit, Disclosure, EmploymentType, PostingCategory, PostingFlag, PostingNumber,
    PostingStatus, PostingSummary, PostingTerms, WageForm, WorkArrangement,
};
use crate::prefecture::Prefecture;
use crate::seeker::{SeekerKind, SeekerNumber, SeekerProfile};

/// 事業所
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Establishment {
    pub number: EstablishmentNumber,
    pub office: OfficeCode,
    pub name: String,
    pub name_kana: String,
    pub prefecture: Prefecture,
    pub city: String,
    pub address: String,
    pub industry: String,
    pub size: EstablishmentSize,
    pub description: String,
    pub url: Option<String>,
    /// Messaging and online referral need a MyPage.
    pub has_mypage: bool,
}

/// 求人票: every field of a posting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// Given when staff accept the posting.
    pub number: Option<PostingNumber>,
    pub status: PostingStatus,
    pub disclosure: Disclosure,
    /// 職種
    pub title: String,
    /// Absent where 公開範囲 2 hides it from the reader.
    pub establishment: Option<String>,
    pub category: PostingCategory,
    pub employment: EmploymentType,
    pub arrangement: WorkArrangement,
    pub occupation_code: String,
    /// 仕事の内容
    pub description: String,
    pub prefecture: Prefecture,
    pub city: String,
    pub station: Option<String>,
    pub walk_minutes: Option<u16>,
    pub wage_form: WageForm,
    pub wage_min: i64,
    pub wage_max: i64,
    pub flags: Vec<PostingFlag>,
    /// 求人数
    pub openings: u16,
    pub annual_holidays: Option<u16>,
    pub weekly_days: Option<u8>,
    pub age_limit: AgeLimit,
    pub accepts_referral: bool,
    pub accepts_self_application: bool,
    pub workplace_named: bool,
    pub terms: PostingTerms,
    #[serde(with = "crate::date::iso")]
    pub accepted_on: NaiveDate,
    #[serde(with = "crate::date::iso")]
    pub valid_until: NaiveDate,
}

/// 求職者 as staff see them at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seeker {
    pub id: i32,
    pub kind: SeekerKind,
    pub number: Option<SeekerNumber>,
    pub office: Option<OfficeCode>,
    pub profile: SeekerProfile,
    pub registration_active: bool,
    pub registration_valid_until: Option<String>,
}

/// 検索条件の保存
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub id: i32,
    pub name: String,
    /// The `/jobs` query string.
    pub query: String,
    /// Whether new matches are announced by e-mail.
    pub alert: bool,
    /// Matches since the search was last opened.
    pub new_matches: Option<u32>,
}

/// お気に入り: kept even when the posting closes, marked as such.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Favourite {
    pub posting: PostingSummary,
    pub status: PostingStatus,
    /// Still open to applications today (published, public, before its
    /// 紹介期限日).
    pub open: bool,
    #[serde(with = "crate::date::iso")]
    pub saved_on: NaiveDate,
}

/// オンラインハローワーク紹介: a recommendation from the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub id: i32,
    pub posting: PostingSummary,
    pub status: ReferralStatus,
    /// 適合性判断
    pub suitability: String,
    #[serde(with = "crate::date::iso")]
    pub deadline: NaiveDate,
    /// When staff confirmed that the employer still accepts applications;
    /// `None` with a note when it was skipped (night, Saturday).
    pub employer_confirmed_at: Option<String>,
    pub confirmation_note: Option<String>,
}

/// 紹介状: issued when a referral is established.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralLetter {
    /// 紹介状番号; letters issued before numbering have none.
    pub number: Option<String>,
    pub referral_id: i32,
    pub application_id: i32,
    pub office: OfficeCode,
    pub office_name: String,
    pub staff_name: String,
    pub seeker_name: String,
    pub posting_number: PostingNumber,
    pub posting_title: String,
    pub establishment: String,
    #[serde(with = "crate::date::iso")]
    pub issued_on: NaiveDate,
    /// The reply part: the selection result once the employer sends it.
    pub result: Option<ApplicationStatus>,
    pub result_on: Option<String>,
}

/// A message thread: one per application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageThread {
    pub application_id: i32,
    pub posting_title: String,
    /// The other party: the establishment for a seeker, the seeker for an
    /// employer.
    pub counterpart: String,
    pub last_message: Option<Message>,
    pub unread: u32,
}

/// お知らせ
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i32,
    pub office: OfficeCode,
    pub audience: NoticeAudience,
    pub title: String,
    pub body: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
    pub read: bool,
}

/// 直接リクエスト: an employer invites a public seeker to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectRequest {
    pub posting_number: PostingNumber,
    pub seeker_id: i32,
    pub sent_on: String,
}

/// At most this many direct requests per posting, once per seeker.
pub const MAX_DIRECT_REQUESTS_PER_POSTING: usize = 10;

/// 職業相談記録: kept by staff, seen by staff only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    pub id: i32,
    #[serde(with = "crate::date::iso")]
    pub held_on: NaiveDate,
    pub staff_name: String,
    pub notes: String,
}

/// An audit entry: who read or changed which record, never its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub actor_user_id: Option<i32>,
    pub action: AuditAction,
    pub entity: String,
    pub entity_id: i64,
    /// RFC 3339, UTC.
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_cross_the_wire_with_codes_and_iso_dates() {
        let letter = ReferralLetter {
            number: Some("13010-2026-000001".into()),
            referral_id: 1,
            application_id: 2,
            office: "13010".parse().unwrap(),
            office_name: "飯田橋公共職業安定所".into(),
            staff_name: "職員".into(),
            seeker_name: "山田 花子".into(),
            posting_number: "13010-09990000".parse().unwrap(),
            posting_title: "介護職員".into(),
            establishment: "社会福祉法人あおば会".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            result: Some(ApplicationStatus::Hired),
            result_on: None,
        };
        let json = serde_json::to_string(&letter).unwrap();
        assert!(json.contains("\"issued_on\":\"2026-11-20\""), "{json}");
        assert!(json.contains("\"result\":\"hired\""), "{json}");
        assert!(
            json.contains("\"posting_number\":\"13010-09990000\""),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<ReferralLetter>(&json).unwrap(),
            letter
        );

        let entry = AuditEntry {
            actor_user_id: Some(3),
            action: AuditAction::Read,
            entity: "application".into(),
            entity_id: 9,
            at: "2026-11-25T00:00:00Z".into(),
        };
        let json = serde_json::to_string(&entry).unwrap();
        assert!(json.contains("\"action\":\"read\""));
        assert_eq!(serde_json::from_str::<AuditEntry>(&json).unwrap(), entry);
    }
}
