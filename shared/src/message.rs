//! Messages between a seeker and an establishment, and office notices.

use serde::{Deserialize, Serialize};

crate::coded_enum! {
    /// Who wrote a message in a thread.
    pub enum MessageAuthor {
        Seeker = ("seeker", "求職者", "Job seeker"),
        Establishment = ("establishment", "事業所", "Employer"),
    }
}

crate::coded_enum! {
    /// Who a notice (お知らせ) is for.
    pub enum NoticeAudience {
        OneSeeker = ("seeker", "求職者（個別）", "One job seeker"),
        AllSeekers = ("all_seekers", "管轄の求職者全員", "All job seekers of the office"),
        Employers = ("employers", "管轄の事業所", "Employers of the office"),
    }
}

/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// Attachments to messages are PDF or images of at most this size.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;

/// A message as its two parties see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub author: MessageAuthor,
    pub body: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
    pub read: bool,
}

crate::coded_enum! {
    /// What an audit entry records.
    pub enum AuditAction {
        Read = ("read", "閲覧", "Read"),
        Create = ("create", "作成", "Created"),
        Update = ("update", "変更", "Changed"),
        Delete = ("delete", "削除", "Deleted"),
        Login = ("login", "ログイン", "Logged in"),
    }
}
