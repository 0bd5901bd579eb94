//! 直接リクエスト: an establishment searches the seekers whose 求職情報 is
//! public, by their wishes, and invites up to ten of them to a posting
//! that takes online self-applications, each once, with a short message.
//! Employers see the wishes, history and licences a seeker published;
//! never a name, birth date or contact.

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::posting::{EmploymentType, PostingSummary, WageForm};
use crate::prefecture::Prefecture;

pub use crate::records::MAX_DIRECT_REQUESTS_PER_POSTING;

/// The "why you" message: at most this many characters.
pub const MAX_MESSAGE_CHARS: usize = 300;
/// Seekers shown per page of the search.
pub const PER_PAGE: usize = 20;
/// The work history shown on a card, at most this many characters.
pub const HISTORY_CHARS: usize = 200;

/// A public seeker as an employer sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSeeker {
    /// The seeker's record id: the handle a request names.
    pub id: i32,
    pub occupations: Vec<String>,
    pub prefectures: Vec<Prefecture>,
    pub employment: Vec<EmploymentType>,
    pub wage: Option<(WageForm, i64)>,
    pub licences: Vec<String>,
    /// The first characters of the work history.
    pub history: String,
    /// Already invited to this posting.
    pub requested: bool,
}

/// One page of the search, with how many requests the posting has used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeekerPage {
    pub seekers: Vec<PublicSeeker>,
    pub total: u64,
    pub page: u64,
    pub sent: u32,
}

/// What the seeker sees of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedRequest {
    pub id: i32,
    pub posting: PostingSummary,
    pub message: String,
    pub sent_on: String,
    pub declined: bool,
    /// The seeker has applied to the posting.
    pub applied: bool,
    /// The posting still takes the application (published, open,
    /// self-application on).
    pub open: bool,
}

/// The message as sent: trimmed, required, line breaks kept, no other
/// control characters.
pub fn check_message(raw: &str) -> Result<String, ValidationError> {
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(ValidationError::Required);
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(ValidationError::TooLong {
            max: MAX_MESSAGE_CHARS,
        });
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ValidationError::UnknownCode);
    }
    Ok(text.to_owned())
}

/// What the employer searches by: part of a wished occupation, a wished
/// prefecture, a wished employment type. Empty matches all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeekerQuery {
    pub occupation: String,
    pub prefecture: Option<Prefecture>,
    pub employment: Option<EmploymentType>,
}

impl SeekerQuery {
    /// Whether a seeker with these wishes matches.
    pub fn matches(
        &self,
        occupations: &[String],
        prefectures: &[u8],
        employment: &[EmploymentType],
    ) -> bool {
        let word = self.occupation.trim();
        (word.is_empty() || occupations.iter().any(|o| o.contains(word)))
            && self
                .prefecture
                .is_none_or(|p| prefectures.contains(&p.code()))
            && self.employment.is_none_or(|e| employment.contains(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_required_limited_and_plain() {
        assert_eq!(
            check_message("  ぜひ\r\nご応募ください "),
            Ok("ぜひ\nご応募ください".to_owned())
        );
        assert_eq!(check_message(" "), Err(ValidationError::Required));
        assert_eq!(
            check_message(&"あ".repeat(301)),
            Err(ValidationError::TooLong { max: 300 })
        );
        assert!(check_message(&"あ".repeat(300)).is_ok());
        assert_eq!(check_message("a\u{7}b"), Err(ValidationError::UnknownCode));
    }

    #[test]
    fn the_query_matches_on_every_condition_given() {
        let occ = vec!["介護職員".to_owned(), "調理".to_owned()];
        let any = SeekerQuery::default();
        assert!(any.matches(&occ, &[13], &[EmploymentType::Regular]));
        let q = SeekerQuery {
            occupation: "介護".to_owned(),
            prefecture: Prefecture::from_code(13),
            employment: Some(EmploymentType::Regular),
        };
        assert!(q.matches(&occ, &[11, 13], &[EmploymentType::Regular]));
        assert!(!q.matches(&occ, &[11], &[EmploymentType::Regular]));
        assert!(!q.matches(&occ, &[13], &[EmploymentType::PartTime]));
        assert!(!q.matches(&["事務".to_owned()], &[13], &[EmploymentType::Regular]));
    }
}
