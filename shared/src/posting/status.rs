//! The life cycle of a posting.

use serde::{Deserialize, Serialize};

use crate::transition::TransitionError;

crate::coded_enum! {
    /// Where a posting stands.
    pub enum PostingStatus {
        /// 仮登録: saved by the employer, not yet submitted.
        Draft = ("draft", "仮登録", "Draft"),
        /// Submitted, waiting for staff acceptance (受理).
        UnderReview = ("under_review", "審査中", "Under review"),
        /// Returned by staff with reasons; the employer edits and resubmits.
        SentBack = ("sent_back", "差し戻し", "Sent back"),
        /// 有効: accepted, numbered and open.
        Published = ("published", "有効", "Published"),
        /// 充足: filled, closed by the employer.
        Closed = ("closed", "充足", "Filled"),
        /// 取消: withdrawn by the employer or refused by staff.
        Withdrawn = ("withdrawn", "取消", "Withdrawn"),
        /// Past its 紹介期限日.
        Expired = ("expired", "期限切れ", "Expired"),
    }
}

/// What someone does to a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PostingAction {
    /// The employer submits the draft for acceptance.
    Submit,
    /// Staff accept it (受理): it gets its 求人番号 and is published.
    Accept,
    /// Staff return it with reasons.
    SendBack,
    /// Staff refuse it (受理しない) with reasons: it ends as withdrawn.
    Refuse,
    /// The employer changes terms of a published posting: back to review.
    ChangeTerms,
    /// The employer closes it as filled.
    Close,
    /// The employer withdraws it, or staff refuse it.
    Withdraw,
    /// Its 紹介期限日 has passed.
    Expire,
    /// The employer extends a published posting before its expiry.
    Extend,
}

impl PostingStatus {
    /// The status after `action`, or why the action is not possible now.
    pub fn next(self, action: PostingAction) -> Result<PostingStatus, TransitionError> {
        use PostingAction as A;
        use PostingStatus as S;
        match (self, action) {
            (S::Draft | S::SentBack, A::Submit) => Ok(S::UnderReview),
            (S::UnderReview, A::Accept) => Ok(S::Published),
            (S::UnderReview, A::SendBack) => Ok(S::SentBack),
            (S::UnderReview, A::Refuse) => Ok(S::Withdrawn),
            (S::Published, A::ChangeTerms) => Ok(S::UnderReview),
            (S::Published, A::Close) => Ok(S::Closed),
            (S::Published, A::Expire) => Ok(S::Expired),
            (S::Published, A::Extend) => Ok(S::Published),
            (S::Draft | S::SentBack | S::UnderReview | S::Published, A::Withdraw) => {
                Ok(S::Withdrawn)
            }
            (from, _) => Err(TransitionError {
                from: from.as_str().to_owned(),
                action: format!("{action:?}"),
            }),
        }
    }

    /// Whether the public may see the posting at all (docs/domain.md rule 4;
    /// the validity date and 公開範囲 are checked apart).
    pub fn is_public(self) -> bool {
        self == PostingStatus::Published
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PostingAction as A;
    use PostingStatus as S;

    #[test]
    fn the_usual_life_of_a_posting() {
        let s = S::Draft.next(A::Submit).unwrap();
        assert_eq!(s, S::UnderReview);
        let s = s.next(A::SendBack).unwrap();
        assert_eq!(s, S::SentBack);
        let s = s.next(A::Submit).unwrap().next(A::Accept).unwrap();
        assert_eq!(s, S::Published);
        assert_eq!(s.next(A::ChangeTerms).unwrap(), S::UnderReview);
        assert_eq!(s.next(A::Close).unwrap(), S::Closed);
        assert_eq!(s.next(A::Expire).unwrap(), S::Expired);
    }

    #[test]
    fn illegal_transitions_are_errors_not_panics() {
        assert!(S::Draft.next(A::Accept).is_err());
        assert!(S::Closed.next(A::Submit).is_err());
        assert!(S::Expired.next(A::Extend).is_err());
        assert!(S::Withdrawn.next(A::Withdraw).is_err());
        let e = S::Closed.next(A::Accept).unwrap_err();
        assert_eq!(e.from, "closed");
        // Every status answers every action without panicking.
        for s in S::ALL {
            for a in [
                A::Submit,
                A::Accept,
                A::SendBack,
                A::Refuse,
                A::ChangeTerms,
                A::Close,
                A::Withdraw,
                A::Expire,
                A::Extend,
            ] {
                let _ = s.next(a);
            }
        }
    }

    #[test]
    fn staff_refuse_only_a_posting_under_review() {
        assert_eq!(S::UnderReview.next(A::Refuse).unwrap(), S::Withdrawn);
        for s in S::ALL.iter().filter(|s| **s != S::UnderReview) {
            assert!(s.next(A::Refuse).is_err(), "{s:?}");
        }
    }

    #[test]
    fn only_published_postings_are_public() {
        assert_eq!(S::ALL.iter().filter(|s| s.is_public()).count(), 1);
    }
}
