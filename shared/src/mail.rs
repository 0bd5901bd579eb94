//! E-mail notifications: what happened (the event), which preference
//! turns it off (the topic), and the text in the recipient's language.
//! An e-mail never carries personal data beyond a title the recipient may
//! see: no message text, no motivation, no names — a link that asks for
//! the login does the rest.

use serde::{Deserialize, Serialize};

use crate::label::Lang;

crate::coded_enum! {
    /// What a preference turns on or off.
    pub enum Topic {
        Messages = ("messages", "新しいメッセージ", "New messages"),
        Results = ("results", "選考結果", "Selection results"),
        Recommendations = ("recommendations", "ハローワークからの紹介", "Recommendations from the office"),
        DirectRequests = ("direct_requests", "事業所からの直接リクエスト", "Direct requests from employers"),
        Alerts = ("alerts", "保存した条件の新着求人", "New postings for saved searches"),
    }
}

crate::coded_enum! {
    /// How often saved-search alerts come.
    pub enum AlertFrequency {
        Off = ("off", "受け取らない", "Never"),
        Daily = ("daily", "毎日", "Daily"),
        Weekly = ("weekly", "毎週", "Weekly"),
    }
}

/// A user's e-mail preferences (defaults: everything on, Japanese,
/// alerts daily).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub lang: Lang,
    pub messages: bool,
    pub results: bool,
    pub recommendations: bool,
    pub direct_requests: bool,
    pub alerts: AlertFrequency,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            lang: Lang::Ja,
            messages: true,
            results: true,
            recommendations: true,
            direct_requests: true,
            alerts: AlertFrequency::Daily,
        }
    }
}

impl Preferences {
    pub fn wants(&self, topic: Topic) -> bool {
        match topic {
            Topic::Messages => self.messages,
            Topic::Results => self.results,
            Topic::Recommendations => self.recommendations,
            Topic::DirectRequests => self.direct_requests,
            Topic::Alerts => self.alerts != AlertFrequency::Off,
        }
    }

    pub fn turn_off(&mut self, topic: Topic) {
        match topic {
            Topic::Messages => self.messages = false,
            Topic::Results => self.results = false,
            Topic::Recommendations => self.recommendations = false,
            Topic::DirectRequests => self.direct_requests = false,
            Topic::Alerts => self.alerts = AlertFrequency::Off,
        }
    }
}

/// A posting named in a saved-search alert: public, as on `/jobs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPosting {
    pub number: String,
    pub title: String,
}

/// Whether a saved search's alert is due on `today`, when its alerts
/// have covered the postings accepted by `through`: the last day the new
/// alert covers (yesterday: a day is alerted once it has ended), or
/// `None` when too few days have ended since (one for daily alerts,
/// seven for weekly ones) or alerts are off.
pub fn alert_due(
    frequency: AlertFrequency,
    through: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    let days = match frequency {
        AlertFrequency::Off => return None,
        AlertFrequency::Daily => 1,
        AlertFrequency::Weekly => 7,
    };
    let yesterday = today.pred_opt()?;
    ((yesterday - through).num_days() >= days).then_some(yesterday)
}

/// What an e-mail tells of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum MailEvent {
    /// A new message in the thread of an application.
    NewMessage { application_id: i32 },
    /// The employer sent the selection result of an application.
    SelectionResult { application_id: i32 },
    /// Staff recommended a posting; apply by `deadline` (ISO date).
    Recommendation { deadline: String },
    /// An employer asked the seeker to apply.
    DirectRequest,
    /// A recommendation not yet used is near its deadline (ISO date).
    RecommendationDeadline { deadline: String },
    /// New postings for one of the seeker's saved searches (`name`, their
    /// own words): how many, and the newest few.
    SearchAlert {
        search_id: i32,
        name: String,
        count: u64,
        postings: Vec<AlertPosting>,
    },
    /// The link that shows the address is the user's (after registering).
    VerifyAddress,
    /// The link that sets a new password (asked for on the login page).
    PasswordReset,
    /// Someone registered with an address that has an account already.
    AlreadyRegistered,
}

impl MailEvent {
    /// The preference that turns this e-mail off; `None` for the e-mails
    /// of the account itself (verification, reset), which always go and
    /// carry no unsubscribe link.
    pub fn topic(&self) -> Option<Topic> {
        Some(match self {
            MailEvent::NewMessage { .. } => Topic::Messages,
            MailEvent::SelectionResult { .. } => Topic::Results,
            MailEvent::Recommendation { .. } | MailEvent::RecommendationDeadline { .. } => {
                Topic::Recommendations
            }
            MailEvent::DirectRequest => Topic::DirectRequests,
            MailEvent::SearchAlert { .. } => Topic::Alerts,
            MailEvent::VerifyAddress | MailEvent::PasswordReset | MailEvent::AlreadyRegistered => {
                return None;
            }
        })
    }

    /// Where the link goes (after the login), relative to the site.
    pub fn path(&self, employer: bool) -> String {
        match self {
            MailEvent::NewMessage { application_id } => format!("/messages/{application_id}"),
            MailEvent::SelectionResult { application_id } if !employer => {
                format!("/mypage/applications/{application_id}")
            }
            MailEvent::SearchAlert { .. } => "/mypage#saved-searches".to_owned(),
            MailEvent::AlreadyRegistered => "/password-reset".to_owned(),
            _ => if employer { "/employer" } else { "/mypage" }.to_owned(),
        }
    }
}

/// A rendered e-mail: subject and plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// The e-mail for `event` in `lang`: `link` opens the page (after the
/// login; for verification and reset the link itself does the work),
/// `unsubscribe` turns the topic off (every e-mail with a topic has one).
pub fn render(event: &MailEvent, lang: Lang, link: &str, unsubscribe: Option<&str>) -> MailText {
    let (subject, lead) = match (event, lang) {
        (MailEvent::NewMessage { .. }, Lang::Ja) => (
            "【窓口】新しいメッセージが届きました".to_owned(),
            "応募についての新しいメッセージが届きました。内容はログインしてご確認ください。".to_owned(),
        ),
        (MailEvent::NewMessage { .. }, Lang::En) => (
            "[Madoguchi] You have a new message".to_owned(),
            "A new message about an application has arrived. Log in to read it.".to_owned(),
        ),
        (MailEvent::SelectionResult { .. }, Lang::Ja) => (
            "【窓口】選考結果が届きました".to_owned(),
            "応募した求人の選考結果が届きました。ログインしてご確認ください。".to_owned(),
        ),
        (MailEvent::SelectionResult { .. }, Lang::En) => (
            "[Madoguchi] A selection result has arrived".to_owned(),
            "The result of a selection you applied to has arrived. Log in to see it.".to_owned(),
        ),
        (MailEvent::Recommendation { deadline }, Lang::Ja) => (
            "【窓口】ハローワークから求人の紹介があります".to_owned(),
            format!("ハローワークから求人の紹介が届きました。{deadline}までにマイページから応募できます。"),
        ),
        (MailEvent::Recommendation { deadline }, Lang::En) => (
            "[Madoguchi] The office recommends a posting to you".to_owned(),
            format!("Your employment office recommends a posting. You can apply from your MyPage until {deadline}."),
        ),
        (MailEvent::DirectRequest, Lang::Ja) => (
            "【窓口】事業所から応募のリクエストが届きました".to_owned(),
            "求職情報を見た事業所から、応募のリクエストが届きました。ログインしてご確認ください。".to_owned(),
        ),
        (MailEvent::DirectRequest, Lang::En) => (
            "[Madoguchi] An employer invites you to apply".to_owned(),
            "An employer who read your job-seeker information invites you to apply. Log in to see it.".to_owned(),
        ),
        (MailEvent::RecommendationDeadline { deadline }, Lang::Ja) => (
            "【窓口】紹介された求人の応募期限が近づいています".to_owned(),
            format!("ハローワークから紹介された求人の応募期限は{deadline}です。応募する場合はマイページからお早めにどうぞ。"),
        ),
        (MailEvent::RecommendationDeadline { deadline }, Lang::En) => (
            "[Madoguchi] A recommendation's deadline is near".to_owned(),
            format!("You can apply to the posting your office recommended until {deadline}. Apply from your MyPage if you wish to."),
        ),
        (MailEvent::SearchAlert { name, count, postings, .. }, lang) => {
            let (subject, head, more) = match lang {
                Lang::Ja => (
                    format!("【窓口】「{name}」の新着求人が{count}件あります"),
                    format!("保存した検索条件「{name}」に合う新しい求人が{count}件あります。"),
                    "ほかの求人はリンク先でご覧ください。",
                ),
                Lang::En => (
                    format!("[Madoguchi] {count} new postings for \"{name}\""),
                    format!("{count} new postings match your saved search \"{name}\"."),
                    "See the others through the link.",
                ),
            };
            let mut lead = head;
            lead.push('\n');
            for p in postings {
                lead.push_str(&match lang {
                    Lang::Ja => format!("\n・{}（{}）", p.title, p.number),
                    Lang::En => format!("\n- {} ({})", p.title, p.number),
                });
            }
            if *count > postings.len() as u64 {
                lead.push_str(&format!("\n\n{more}"));
            }
            (subject, lead)
        }
        (MailEvent::VerifyAddress, Lang::Ja) => (
            "【窓口】メールアドレスの確認をお願いします".to_owned(),
            "窓口のマイページ開設のお申し込みを受け付けました。下のリンクを開いて、メールアドレスの確認を済ませてください。確認が済むと、応募やメッセージができるようになります。\n\nリンクの有効期限は24時間です。お申し込みに心当たりがない場合は、このメールを破棄してください。".to_owned(),
        ),
        (MailEvent::VerifyAddress, Lang::En) => (
            "[Madoguchi] Please confirm your e-mail address".to_owned(),
            "We have received your request to open a MyPage. Open the link below to confirm your address; then you can apply and send messages.\n\nThe link works for 24 hours. If you did not ask for this, please ignore this e-mail.".to_owned(),
        ),
        (MailEvent::PasswordReset, Lang::Ja) => (
            "【窓口】パスワードの再設定".to_owned(),
            "パスワード再設定のお申し込みを受け付けました。下のリンクから新しいパスワードを設定してください。設定すると、ほかの端末のログインはすべて終了します。\n\nリンクの有効期限は30分で、一度だけ使えます。お申し込みに心当たりがない場合は、このメールを破棄してください（パスワードは変わりません）。".to_owned(),
        ),
        (MailEvent::PasswordReset, Lang::En) => (
            "[Madoguchi] Setting a new password".to_owned(),
            "We have received a request to set a new password. Set it through the link below; every other login of your account then ends.\n\nThe link works once, for 30 minutes. If you did not ask for this, please ignore this e-mail (your password stays as it is).".to_owned(),
        ),
        (MailEvent::AlreadyRegistered, Lang::Ja) => (
            "【窓口】マイページはすでに開設されています".to_owned(),
            "このメールアドレスでマイページ開設のお申し込みがありましたが、このアドレスのマイページはすでにあります。ログインしてご利用ください。パスワードをお忘れの場合は、下のリンクから再設定できます。\n\nお申し込みに心当たりがない場合は、このメールを破棄してください。".to_owned(),
        ),
        (MailEvent::AlreadyRegistered, Lang::En) => (
            "[Madoguchi] You have a MyPage already".to_owned(),
            "Someone asked to open a MyPage with this address, which has a MyPage already. Please log in to it; if you have forgotten the password, set a new one through the link below.\n\nIf you did not ask for this, please ignore this e-mail.".to_owned(),
        ),
    };
    let (open, stop, footer) = match lang {
        Lang::Ja => (
            "確認する",
            "このお知らせメールを停止する",
            "このメールは送信専用です。窓口（ハローワーク型の求人・求職サービス）",
        ),
        Lang::En => (
            "Open",
            "Stop these e-mails",
            "This address does not take replies. Madoguchi, the public employment service online",
        ),
    };
    let stop = unsubscribe
        .map(|u| format!("{stop}: {u}\n\n"))
        .unwrap_or_default();
    MailText {
        subject,
        body: format!("{lead}\n\n{open}: {link}\n\n{stop}--\n{footer}\n"),
    }
}

/// The Message-ID of the e-mail for `event_key`, fixed when the event is
/// recorded: a second send of the same event carries the same one.
pub fn message_id(event_key: &str, domain: &str) -> String {
    let local: String = event_key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("<{local}@{domain}>")
}

/// Minutes to wait before attempt `attempts + 1`: 1, 2, 4 … at most a day.
pub fn backoff_minutes(attempts: i32) -> i64 {
    1i64 << attempts.clamp(0, 10).min(10) as u32
}

/// `text` (an SMTP server's answer, an error) with every e-mail address
/// in it replaced by `<address>`: what may go into a log or the jobs table.
pub fn redact_addresses(text: &str) -> String {
    let is_part = |c: char| c.is_alphanumeric() || "._%+-!#$&'*/=?^`{|}~".contains(c);
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(|c: char| !is_part(c) && c != '@') {
        let (body, end) = match word.char_indices().last() {
            Some((i, c)) if !is_part(c) && c != '@' => (&word[..i], &word[i..]),
            _ => (word, ""),
        };
        match body.split_once('@') {
            Some((local, domain)) if !local.is_empty() && domain.contains('.') => {
                out.push_str("<address>");
            }
            _ => out.push_str(body),
        }
        out.push_str(end);
    }
    out
}

/// After this many failed attempts an e-mail is given up (and logged).
pub const MAX_ATTEMPTS: i32 = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_email_is_in_the_recipients_language_with_the_links() {
        let events = [
            MailEvent::NewMessage { application_id: 3 },
            MailEvent::SelectionResult { application_id: 3 },
            MailEvent::Recommendation {
                deadline: "2026-12-09".into(),
            },
            MailEvent::DirectRequest,
            MailEvent::RecommendationDeadline {
                deadline: "2026-12-09".into(),
            },
            MailEvent::SearchAlert {
                search_id: 1,
                name: "care".into(),
                count: 2,
                postings: vec![AlertPosting {
                    number: "13010-00000001".into(),
                    title: "Care worker".into(),
                }],
            },
        ];
        for e in &events {
            let ja = render(e, Lang::Ja, "https://x/a", Some("https://x/u"));
            let en = render(e, Lang::En, "https://x/a", Some("https://x/u"));
            assert!(ja.subject.starts_with("【窓口】"), "{ja:?}");
            assert!(en.subject.starts_with("[Madoguchi]"), "{en:?}");
            for m in [&ja, &en] {
                assert!(m.body.contains("https://x/a") && m.body.contains("https://x/u"));
            }
            assert!(
                !en.body
                    .chars()
                    .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c))
            );
        }
    }

    #[test]
    fn an_alert_names_the_count_and_the_newest_postings() {
        let e = MailEvent::SearchAlert {
            search_id: 4,
            name: "横浜の介護".into(),
            count: 7,
            postings: vec![AlertPosting {
                number: "14010-00000042".into(),
                title: "介護職員".into(),
            }],
        };
        let m = render(&e, Lang::Ja, "https://x/a", Some("https://x/u"));
        assert!(
            m.subject.contains("横浜の介護") && m.subject.contains("7件"),
            "{m:?}"
        );
        assert!(m.body.contains("介護職員（14010-00000042）"), "{m:?}");
        assert!(m.body.contains("ほかの求人"), "7 > 1 named: {m:?}");
        assert_eq!(e.topic(), Some(Topic::Alerts));
        assert_eq!(e.path(false), "/mypage#saved-searches");
    }

    #[test]
    fn alerts_come_when_a_day_or_a_week_has_ended() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let today = d("2026-12-10");
        // Covered through the 8th: the 9th has ended, so daily is due.
        assert_eq!(
            alert_due(AlertFrequency::Daily, d("2026-12-08"), today),
            Some(d("2026-12-09"))
        );
        // Covered through yesterday: nothing new has ended.
        assert_eq!(
            alert_due(AlertFrequency::Daily, d("2026-12-09"), today),
            None
        );
        // Weekly: seven ended days since the last alert, not six.
        assert_eq!(
            alert_due(AlertFrequency::Weekly, d("2026-12-02"), today),
            Some(d("2026-12-09"))
        );
        assert_eq!(
            alert_due(AlertFrequency::Weekly, d("2026-12-03"), today),
            None
        );
        assert_eq!(alert_due(AlertFrequency::Off, d("2026-01-01"), today), None);
    }

    #[test]
    fn a_message_id_is_stable_and_safe() {
        assert_eq!(
            message_id("message-12-to-3", "madoguchi.jp"),
            "<message-12-to-3@madoguchi.jp>"
        );
        assert_eq!(message_id("a b<c>", "d"), message_id("a b<c>", "d"));
        assert!(!message_id("a b<c>", "d")[1..].contains('<'));
    }

    #[test]
    fn account_emails_always_go_and_have_no_unsubscribe_link() {
        for e in [
            MailEvent::VerifyAddress,
            MailEvent::PasswordReset,
            MailEvent::AlreadyRegistered,
        ] {
            assert_eq!(e.topic(), None);
            for lang in [Lang::Ja, Lang::En] {
                let m = render(&e, lang, "https://x/verify/t", None);
                assert!(m.body.contains("https://x/verify/t"), "{m:?}");
                assert!(
                    !m.body.contains("停止") && !m.body.contains("Stop"),
                    "{m:?}"
                );
            }
        }
        assert_eq!(MailEvent::AlreadyRegistered.path(false), "/password-reset");
    }

    #[test]
    fn addresses_never_reach_a_log() {
        assert_eq!(
            redact_addresses("550 5.1.1 <taro.yamada+x@example.co.jp>: Recipient unknown"),
            "550 5.1.1 <<address>>: Recipient unknown"
        );
        assert_eq!(
            redact_addresses("to a@b.jp, c@d.example failed"),
            "to <address>, <address> failed"
        );
        assert_eq!(
            redact_addresses("connection refused (os error 111)"),
            "connection refused (os error 111)"
        );
        assert_eq!(redact_addresses("user@localhost"), "user@localhost");
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_minutes(0), 1);
        assert_eq!(backoff_minutes(3), 8);
        assert_eq!(backoff_minutes(50), 1024);
    }

    #[test]
    fn links_lead_to_the_page_of_the_event() {
        assert_eq!(
            MailEvent::NewMessage { application_id: 5 }.path(true),
            "/messages/5"
        );
        assert_eq!(
            MailEvent::SelectionResult { application_id: 5 }.path(false),
            "/mypage/applications/5"
        );
        assert_eq!(MailEvent::DirectRequest.path(false), "/mypage");
    }
}
