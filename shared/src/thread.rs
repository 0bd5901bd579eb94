//! The message thread of one application, between the seeker and the
//! establishment (only when the establishment has a MyPage): what each
//! party sees, the rules a message must keep, and interview slots.

use chrono::{NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::application::ApplicationStatus;
use crate::message::{MAX_MESSAGE_CHARS, MessageAuthor};

/// At most this many interview slots in one proposal.
pub const MAX_SLOTS: usize = 5;
/// At most this many messages from one user in `RATE_WINDOW_MINUTES`.
pub const RATE_LIMIT: u64 = 20;
pub const RATE_WINDOW_MINUTES: i64 = 10;
/// The excerpt of the last message in a thread list, in characters.
pub const EXCERPT_CHARS: usize = 60;

crate::coded_enum! {
    /// Why a message, a slot proposal or a pick was refused.
    pub enum MessageRefusal {
        Empty = ("empty", "メッセージを入力してください。", "Write a message."),
        TooLong = ("too_long", "メッセージは4,000文字までです。", "A message is at most 4,000 characters."),
        Malformed = ("malformed", "メッセージに使えない文字が含まれています。", "The message contains characters that cannot be sent."),
        ReadOnly = ("read_only", "選考が終わった応募のメッセージは読むだけです。", "The selection has ended: this thread is read-only."),
        NoThread = ("no_thread", "この事業所は求人者マイページがないため、メッセージは使えません。", "This establishment has no MyPage, so messages are not available."),
        TooMany = ("too_many", "短い時間に送ったメッセージが多すぎます。しばらくしてから送ってください。", "Too many messages in a short time: wait a little and send again."),
        BadSlots = ("bad_slots", "面接日時は1〜5件、これから先の日時を「2026-12-10 10:00」の形で入力してください。", "Give 1 to 5 interview times to come, each like 2026-12-10 10:00."),
        NotOffered = ("not_offered", "提案されていない日時は選べません。", "That time was not offered."),
        AlreadyPicked = ("already_picked", "面接日時はすでに決まっています。", "The interview time has been chosen already."),
        EmployerOnly = ("employer_only", "面接日時を提案できるのは事業所だけです。", "Only the establishment proposes interview times."),
        SeekerOnly = ("seeker_only", "面接日時を選べるのは求職者だけです。", "Only the seeker picks an interview time."),
        ThreadFilesFull = ("thread_files_full", "この応募のやり取りで送れるファイルは合計30MBまでです。ファイルを付けずに送ってください。", "The files of one application's messages are at most 30 MB in all: send it without a file."),
        FilesFull = ("files_full", "送ったファイルが合計200MBに達したため、これ以上ファイルは送れません。ファイルを付けずに送ってください。", "You have sent 200 MB of files, the most one account keeps: send it without a file."),
    }
}

/// A message as the two parties see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub id: i64,
    pub author: MessageAuthor,
    pub body: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
    /// Whether the other party has opened it.
    pub read: bool,
    /// Interview times proposed with it (`YYYY-MM-DD HH:MM`, Japan time).
    pub slots: Vec<String>,
    /// The one the seeker picked, if any.
    pub picked: Option<String>,
    /// The file sent with it, downloadable by the two parties.
    pub attachment: Option<AttachmentInfo>,
}

/// A message's file as the two parties see it: what it is and how big;
/// it downloads from `/messages/attachments/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: i32,
    pub file_type: crate::document::DocumentType,
    pub byte_size: i64,
}

/// One thread in a MyPage's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub application_id: i32,
    pub posting_title: String,
    /// The establishment (for the seeker) or the seeker (for the employer).
    pub other_party: String,
    pub last_message: Option<String>,
    pub last_at: Option<String>,
    pub unread: u32,
    pub read_only: bool,
}

/// A whole thread, opened by one of its parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub application_id: i32,
    pub posting_title: String,
    pub other_party: String,
    pub status: ApplicationStatus,
    pub read_only: bool,
    /// The side of the one who opened it, and their account (the device
    /// keeps their unsent message under it).
    pub me: MessageAuthor,
    pub user: i32,
    /// The interview time chosen, if any.
    pub interview_at: Option<String>,
    pub messages: Vec<ThreadMessage>,
}

/// Unread messages and the newest message id the user may see, for the
/// live header badge and open threads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unread {
    pub messages: u32,
    pub latest: i64,
}

/// Checks a message's text: trimmed, not empty, at most
/// `MAX_MESSAGE_CHARS`, no control characters but line breaks and tabs.
pub fn check_body(raw: &str) -> Result<String, MessageRefusal> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(MessageRefusal::Empty);
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(MessageRefusal::TooLong);
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(MessageRefusal::Malformed);
    }
    Ok(text)
}

/// Reads proposed interview times, one a line (`YYYY-MM-DD HH:MM` or
/// `YYYY-MM-DDTHH:MM`, Japan time): 1 to `MAX_SLOTS`, each after `now`
/// (Japan time), on the minute, without repeats; answered in the stored
/// form `YYYY-MM-DD HH:MM`, in the order given.
pub fn check_slots(raw: &str, now_in_japan: NaiveDateTime) -> Result<Vec<String>, MessageRefusal> {
    let mut out: Vec<String> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let at = parse_slot(line).ok_or(MessageRefusal::BadSlots)?;
        if at <= now_in_japan || at.second() != 0 {
            return Err(MessageRefusal::BadSlots);
        }
        let text = format_slot(at);
        if !out.contains(&text) {
            out.push(text);
        }
    }
    if out.is_empty() || out.len() > MAX_SLOTS {
        return Err(MessageRefusal::BadSlots);
    }
    Ok(out)
}

/// A slot in either accepted spelling.
pub fn parse_slot(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M").ok()
}

/// The stored spelling of a slot.
pub fn format_slot(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The excerpt of a message for a thread list.
pub fn excerpt(body: &str) -> String {
    let line = body.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(EXCERPT_CHARS).collect();
    if line.chars().count() > EXCERPT_CHARS || body.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

/// Whether the thread of an application in `status` takes new messages.
pub fn is_open(status: ApplicationStatus) -> bool {
    !status.is_final()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        parse_slot("2026-12-01 12:00").unwrap()
    }

    #[test]
    fn a_message_is_trimmed_and_kept_within_its_limits() {
        assert_eq!(
            check_body("  こんにちは\r\n宜しく "),
            Ok("こんにちは\n宜しく".into())
        );
        assert_eq!(check_body(" \n "), Err(MessageRefusal::Empty));
        assert_eq!(
            check_body(&"あ".repeat(MAX_MESSAGE_CHARS)).map(|t| t.chars().count()),
            Ok(MAX_MESSAGE_CHARS)
        );
        assert_eq!(
            check_body(&"あ".repeat(MAX_MESSAGE_CHARS + 1)),
            Err(MessageRefusal::TooLong)
        );
        assert_eq!(check_body("a\u{0}b"), Err(MessageRefusal::Malformed));
        assert_eq!(check_body("a\tb"), Ok("a\tb".into()));
    }

    #[test]
    fn slots_are_one_to_five_times_to_come() {
        assert_eq!(
            check_slots(
                "2026-12-10 10:00\n2026-12-11T14:30\n2026-12-10 10:00",
                now()
            ),
            Ok(vec!["2026-12-10 10:00".into(), "2026-12-11 14:30".into()])
        );
        assert_eq!(check_slots("", now()), Err(MessageRefusal::BadSlots));
        assert_eq!(
            check_slots("2026-11-30 10:00", now()),
            Err(MessageRefusal::BadSlots)
        );
        assert_eq!(
            check_slots("明日の10時", now()),
            Err(MessageRefusal::BadSlots)
        );
        assert_eq!(
            check_slots("2026-12-10 25:00", now()),
            Err(MessageRefusal::BadSlots)
        );
        let six: String = (10..16).map(|d| format!("2026-12-{d} 10:00\n")).collect();
        assert_eq!(check_slots(&six, now()), Err(MessageRefusal::BadSlots));
        let five: String = (10..15).map(|d| format!("2026-12-{d} 10:00\n")).collect();
        assert_eq!(check_slots(&five, now()).map(|s| s.len()), Ok(5));
    }

    #[test]
    fn an_excerpt_is_the_first_line_cut_short() {
        assert_eq!(excerpt("面接の件"), "面接の件");
        assert_eq!(excerpt("面接の件\n詳細"), "面接の件…");
        assert_eq!(excerpt(&"あ".repeat(70)).chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn finished_selections_close_the_thread() {
        for s in ApplicationStatus::ALL {
            assert_eq!(is_open(*s), !s.is_final(), "{s:?}");
        }
        assert!(!is_open(ApplicationStatus::Hired));
        assert!(is_open(ApplicationStatus::Interview));
    }
}
