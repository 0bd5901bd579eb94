//! What an establishment sees of its own postings: the list with status
//! badges, the editor's data, and the rule for extending the validity.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{PostingForm, PostingNumber, PostingStatus, SelfApplicationBlock, default_valid_until};

/// The validity may be extended during its last days, this many at most.
pub const EXTEND_WITHIN_DAYS: i64 = 31;

/// The new 紹介期限日 if a posting may be extended on `today`: a
/// published posting, not yet expired, in the last month of its validity;
/// it then runs to the last day of the month after next.
pub fn extension(
    status: PostingStatus,
    valid_until: NaiveDate,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let left = (valid_until - today).num_days();
    let new = default_valid_until(today);
    (status == PostingStatus::Published
        && (0..=EXTEND_WITHIN_DAYS).contains(&left)
        && new > valid_until)
        .then_some(new)
}

/// One row of the establishment's posting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnPosting {
    pub id: i32,
    /// 求人番号, once staff accepted it.
    pub number: Option<PostingNumber>,
    /// 職種, or empty for a draft without one yet.
    pub title: String,
    pub status: PostingStatus,
    /// Staff's reasons, for a posting sent back.
    pub review_note: Option<String>,
    /// 受付年月日 and 紹介期限日 (meaningful once numbered).
    #[serde(with = "crate::date::iso")]
    pub accepted_on: NaiveDate,
    #[serde(with = "crate::date::iso")]
    pub valid_until: NaiveDate,
    /// The new 紹介期限日 if it may be extended today.
    pub extend_to: Option<String>,
    pub accepts_self_application: bool,
    /// Why self-application cannot be switched on (docs/domain.md rule 1),
    /// apart from the switch itself.
    pub self_application_block: Option<SelfApplicationBlock>,
    /// Applications received.
    pub applicants: u32,
}

/// What the editor opens with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    /// `None` for a new posting.
    pub id: Option<i32>,
    pub status: PostingStatus,
    pub number: Option<PostingNumber>,
    pub review_note: Option<String>,
    /// The establishment's name, as the posting shows it.
    pub establishment: String,
    pub form: PostingForm,
    /// The day in Japan, for the linter's minimum wage.
    #[serde(with = "crate::date::iso")]
    pub today: NaiveDate,
}

impl PostingStatus {
    /// Whether the employer may change the posting's fields now; changes
    /// to a published posting send it back to review.
    pub fn editable(self) -> bool {
        matches!(
            self,
            PostingStatus::Draft | PostingStatus::SentBack | PostingStatus::Published
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::date::from_iso(s).unwrap()
    }

    #[test]
    fn a_posting_is_extended_only_in_its_last_month() {
        let p = PostingStatus::Published;
        assert_eq!(
            extension(p, d("2026-11-30"), d("2026-11-25")),
            Some(d("2027-01-31"))
        );
        assert_eq!(
            extension(p, d("2026-11-30"), d("2026-10-31")),
            Some(d("2026-12-31"))
        );
        assert_eq!(extension(p, d("2027-01-31"), d("2026-11-25")), None);
        // Expired, or not published.
        assert_eq!(extension(p, d("2026-11-24"), d("2026-11-25")), None);
        assert_eq!(
            extension(PostingStatus::Draft, d("2026-11-30"), d("2026-11-25")),
            None
        );
        assert_eq!(
            extension(PostingStatus::Closed, d("2026-11-30"), d("2026-11-25")),
            None
        );
    }
}
