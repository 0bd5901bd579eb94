//! E-mail through the jobs table, on SQLite and PostgreSQL, against an
//! SMTP server this test starts on 127.0.0.1: the recipient, language and
//! subject are right and no message text, motivation or name is in the
//! mail; nothing is lost when a server dies before sending, and a death
//! between sending and recording gives at most one duplicate with the
//! same Message-ID; two servers send each e-mail once; preferences and
//! the unsubscribe link (a POST, once, for a limited time) turn e-mails
//! off; without
//! SMTP_URL e-mails are written as `.eml` files.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{TimeDelta, Utc};
use common::calls::*;
use common::{TestApp, app, backends};
use http::StatusCode;
use madoguchi_db::entity::{job, user_account};
use madoguchi_server::mail::{Mailer, Transport};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// One e-mail as the SMTP server received it.
#[derive(Debug, Clone)]
struct Received {
    to: Vec<String>,
    data: String,
}

impl Received {
    /// A header's value, its folded lines joined.
    fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        let mut lines = self.data.split("\r\n");
        let first = lines.find(|l| l.to_ascii_lowercase().starts_with(&prefix))?;
        let mut value = first[prefix.len()..].trim().to_owned();
        for more in lines.take_while(|l| l.starts_with([' ', '\t'])) {
            value.push(' ');
            value.push_str(more.trim());
        }
        Some(value)
    }

    /// The subject, decoded from its RFC 2047 words.
    fn subject(&self) -> String {
        let raw = self.header("Subject").unwrap_or_default();
        let mut bytes = Vec::new();
        // Space between two encoded words is dropped, kept otherwise.
        let mut last_encoded = None;
        for w in raw.split_whitespace() {
            let encoded = w
                .strip_prefix("=?utf-8?b?")
                .or_else(|| w.strip_prefix("=?UTF-8?B?"))
                .and_then(|w| w.strip_suffix("?="));
            if last_encoded.is_some() && !(last_encoded == Some(true) && encoded.is_some()) {
                bytes.push(b' ');
            }
            match encoded {
                Some(e) => bytes.extend(decode_base64(e)),
                None => bytes.extend(w.as_bytes()),
            }
            last_encoded = Some(encoded.is_some());
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The text part, decoded when it is base64 or quoted-printable.
    fn text(&self) -> String {
        let body = self.data.split("\r\n\r\n").nth(1).unwrap_or_default();
        if self
            .data
            .to_ascii_lowercase()
            .contains("content-transfer-encoding: base64")
        {
            String::from_utf8_lossy(&decode_base64(&body.replace("\r\n", ""))).into_owned()
        } else {
            body.replace("=\r\n", "")
        }
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=') {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    out
}

/// A minimal SMTP server on 127.0.0.1 that keeps what it receives.
async fn smtp_server() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Arc<Mutex<Vec<Received>>> = Default::default();
    let kept = inbox.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read);
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut to = Vec::new();
                loop {
                    let mut line = String::new();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-test\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        to.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        let _ = write.write_all(b"354 go on\r\n").await;
                        let mut data = String::new();
                        loop {
                            let mut l = String::new();
                            if lines.read_line(&mut l).await.unwrap_or(0) == 0 {
                                return;
                            }
                            if l == ".\r\n" {
                                break;
                            }
                            data.push_str(&l);
                        }
                        kept.lock().unwrap().push(Received {
                            to: std::mem::take(&mut to),
                            data,
                        });
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (format!("smtp://127.0.0.1:{port}"), inbox)
}

fn mailer(app: &TestApp, url: &str) -> Mailer {
    Mailer::new(
        app.db.clone(),
        Transport::new(Some(url), std::path::Path::new("unused")).unwrap(),
        "http://127.0.0.1:3000",
        "窓口 <no-reply@madoguchi.jp>",
    )
    .unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> i32 {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The demo seeker writes to the demo employer: one e-mail job for each
/// of the establishment's users.
async fn seeker_writes(app: &TestApp, text: &str) {
    let seeker = session_of(app, "seeker@example.jp").await;
    let (_, threads) = call(app, "/api/messages/threads", "", Some(&seeker)).await;
    let threads: serde_json::Value = serde_json::from_str(&threads).unwrap();
    let id = threads[0]["application_id"].as_i64().unwrap();
    let (res, body) = call(
        app,
        "/api/messages/send",
        &form(&[("application", &id.to_string()), ("body", text)]),
        Some(&seeker),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
}

async fn pending(app: &TestApp) -> u64 {
    job::Entity::find()
        .filter(job::Column::Status.eq("pending"))
        .count(&app.db)
        .await
        .unwrap()
}

async fn ready(backend: common::Backend) -> TestApp {
    let app = app(backend).await;
    madoguchi_db::demo::seed_demo_accounts(&app.db)
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn an_email_reaches_its_recipient_in_their_language_without_personal_data() {
    for backend in backends() {
        let app = ready(backend).await;
        let (url, inbox) = smtp_server().await;
        let sender = mailer(&app, &url);
        seeker_writes(&app, "来週の火曜日でお願いします（私信）").await;
        assert_eq!(pending(&app).await, 1);
        assert!(sender.run_once(Utc::now()).await.unwrap());
        assert!(!sender.run_once(Utc::now()).await.unwrap());
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].to, vec!["employer@example.jp".to_owned()]);
        assert_eq!(mail[0].subject(), "【窓口】新しいメッセージが届きました");
        let text = mail[0].text();
        assert!(text.contains("http://127.0.0.1:3000/messages/"), "{text}");
        assert!(
            text.contains("http://127.0.0.1:3000/unsubscribe/"),
            "{text}"
        );
        for private in ["私信", "火曜日", "山田", "花子", "初任者研修"] {
            assert!(
                !mail[0].data.contains(private) && !text.contains(private),
                "{private} in {text}"
            );
        }
        assert_eq!(pending(&app).await, 0);

        // In English once the employer chooses English.
        let employer = session_of(&app, "employer@example.jp").await;
        let (res, body) = call(
            &app,
            "/api/email/preferences/save",
            &form(&[
                ("lang", "en"),
                ("messages", "on"),
                ("results", "on"),
                ("alerts", "weekly"),
            ]),
            Some(&employer),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        seeker_writes(&app, "もう一通").await;
        assert!(sender.run_once(Utc::now()).await.unwrap());
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail[1].subject(), "[Madoguchi] You have a new message");
        assert!(!mail[1].text().contains("もう一通"));
    }
}

#[tokio::test]
async fn no_email_is_lost_when_a_server_dies_and_a_duplicate_keeps_its_message_id() {
    for backend in backends() {
        let app = ready(backend).await;
        let (url, inbox) = smtp_server().await;
        seeker_writes(&app, "一通目").await;
        let now = Utc::now();

        // A server takes the job and dies before sending: the job waits
        // for its lease to run out, then another server sends it.
        let dead = madoguchi_db::jobs::take(&app.db, "dead-before-sending", now)
            .await
            .unwrap()
            .expect("a due job");
        let other = mailer(&app, &url);
        assert!(!other.run_once(now).await.unwrap(), "the lease holds");
        let later = now + TimeDelta::seconds(madoguchi_db::jobs::LEASE_SECONDS + 1);
        assert!(other.run_once(later).await.unwrap());
        assert_eq!(inbox.lock().unwrap().len(), 1);
        let first_id = inbox.lock().unwrap()[0].header("Message-ID").unwrap();
        assert_eq!(first_id, dead.job.message_id);

        // A server sends and dies before recording it: after the lease,
        // it is sent once more, with the same Message-ID, and only once.
        seeker_writes(&app, "二通目").await;
        let crashing = mailer(&app, &url);
        let taken = madoguchi_db::jobs::take(&app.db, &crashing.worker, later)
            .await
            .unwrap()
            .expect("the second job");
        let message = crashing.compose(&taken, later).await.unwrap();
        {
            use lettre::AsyncTransport;
            let smtp = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&url)
                .unwrap()
                .build();
            smtp.send(message).await.unwrap();
        }
        let much_later = later + TimeDelta::seconds(madoguchi_db::jobs::LEASE_SECONDS + 1);
        assert!(other.run_once(much_later).await.unwrap());
        assert!(!other.run_once(much_later).await.unwrap());
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 3);
        assert_eq!(mail[1].header("Message-ID"), mail[2].header("Message-ID"));
        assert_ne!(mail[0].header("Message-ID"), mail[1].header("Message-ID"));
        assert_eq!(pending(&app).await, 0);
    }
}

#[tokio::test]
async fn two_servers_sharing_the_database_send_each_email_once() {
    for backend in backends() {
        let app = ready(backend).await;
        let (url, inbox) = smtp_server().await;
        for i in 0..12 {
            seeker_writes(&app, &format!("連絡{i}")).await;
        }
        assert_eq!(pending(&app).await, 12);
        let (a, b) = (mailer(&app, &url), mailer(&app, &url));
        let run = |m: Mailer| async move {
            let mut sent = 0;
            while m.run_once(Utc::now()).await.unwrap() {
                sent += 1;
            }
            sent
        };
        let (sent_a, sent_b) = tokio::join!(run(a), run(b));
        assert_eq!(sent_a + sent_b, 12);
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 12);
        let mut ids: Vec<String> = mail
            .iter()
            .map(|m| m.header("Message-ID").unwrap())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 12);
    }
}

#[tokio::test]
async fn preferences_and_the_unsubscribe_link_turn_emails_off() {
    for backend in backends() {
        let app = ready(backend).await;
        let (url, inbox) = smtp_server().await;
        let sender = mailer(&app, &url);
        seeker_writes(&app, "一通目").await;
        assert!(sender.run_once(Utc::now()).await.unwrap());
        let text = inbox.lock().unwrap()[0].text();
        let link = text
            .split_whitespace()
            .find(|w| w.contains("/unsubscribe/"))
            .unwrap()
            .trim_start_matches("http://127.0.0.1:3000")
            .to_owned();
        // The mail program is offered the same link for one-click POSTs.
        let header = inbox.lock().unwrap()[0].header("List-Unsubscribe").unwrap();
        assert!(header.contains(&link), "{header}");
        assert_eq!(
            inbox.lock().unwrap()[0]
                .header("List-Unsubscribe-Post")
                .as_deref(),
            Some("List-Unsubscribe=One-Click")
        );
        // Opening the link (a mail scanner does) only asks to confirm.
        let (res, page) = app.get(&link).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(page.contains("<form method=\"post\">"), "{page}");
        assert!(
            madoguchi_db::jobs::preferences(&app.db, user_id(&app, "employer@example.jp").await)
                .await
                .unwrap()
                .messages,
            "a GET changed nothing"
        );
        // The button, or a one-click POST from the mail program's servers
        // (no Origin of ours): no login needed; works once.
        let post = |uri: &str| {
            http::Request::post(uri)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let (res, page) = common::split(app.send_raw(post(&link)).await).await;
        assert_eq!(res.status(), StatusCode::OK, "{page}");
        assert!(page.contains("配信を停止しました"), "{page}");
        let (res, _) = common::split(app.send_raw(post(&link)).await).await;
        assert_eq!(res.status(), StatusCode::GONE);
        let (res, _) = app.get(&link).await;
        assert_eq!(res.status(), StatusCode::GONE);
        let (res, _) = app.get("/unsubscribe/not-a-token").await;
        assert_eq!(res.status(), StatusCode::GONE);
        // A link older than its time works no more, and is purged.
        let old = madoguchi_db::jobs::unsubscribe_link(
            &app.db,
            user_id(&app, "employer@example.jp").await,
            madoguchi_shared::mail::Topic::Results,
            Utc::now() - TimeDelta::days(madoguchi_db::jobs::UNSUBSCRIBE_DAYS + 1),
        )
        .await
        .unwrap();
        let (res, _) =
            common::split(app.send_raw(post(&format!("/unsubscribe/{old}"))).await).await;
        assert_eq!(res.status(), StatusCode::GONE);
        let purged = madoguchi_db::housekeeping::purge(&app.db, Utc::now())
            .await
            .unwrap();
        assert_eq!(purged.unsubscribe_links, 2, "the used one and the old one");
        // The employer gets no more message e-mails.
        seeker_writes(&app, "二通目").await;
        assert_eq!(pending(&app).await, 0);
        let prefs =
            madoguchi_db::jobs::preferences(&app.db, user_id(&app, "employer@example.jp").await)
                .await
                .unwrap();
        assert!(!prefs.messages && prefs.results);

        // A seeker turns result e-mails off in the preferences: none comes.
        let seeker = session_of(&app, "seeker@example.jp").await;
        let (res, body) = call(
            &app,
            "/api/email/preferences/save",
            &form(&[("lang", "ja"), ("messages", "on"), ("alerts", "off")]),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let (_, prefs) = call(&app, "/api/email/preferences", "", Some(&seeker)).await;
        let prefs: serde_json::Value = serde_json::from_str(&prefs).unwrap();
        assert_eq!(prefs["results"], false);
        assert_eq!(prefs["alerts"], "off");
        // Bad input is refused; staff and visitors have no preferences here.
        let (res, _) = call(
            &app,
            "/api/email/preferences/save",
            "lang=fr",
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let (res, _) = call(&app, "/api/email/preferences", "", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn without_smtp_emails_are_written_as_files() {
    for backend in backends() {
        let app = ready(backend).await;
        let dir = tempfile::tempdir().unwrap();
        let sender = Mailer::new(
            app.db.clone(),
            Transport::new(None, dir.path()).unwrap(),
            "http://127.0.0.1:3000",
            "窓口 <no-reply@madoguchi.jp>",
        )
        .unwrap();
        seeker_writes(&app, "ファイルへ").await;
        assert!(sender.run_once(Utc::now()).await.unwrap());
        let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].extension().unwrap(), "eml");
        let eml = std::fs::read_to_string(&files[0]).unwrap();
        assert!(eml.contains("employer@example.jp"));
        assert!(!eml.contains("ファイルへ"));
        assert_eq!(pending(&app).await, 0);
    }
}

/// The mail events recorded for `user`, oldest first.
async fn events_of(app: &TestApp, user: i32) -> Vec<madoguchi_shared::mail::MailEvent> {
    use sea_orm::QueryOrder;
    job::Entity::find()
        .filter(job::Column::RecipientUserId.eq(user))
        .order_by_asc(job::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|j| serde_json::from_str(&j.payload).unwrap())
        .collect()
}

/// Gives every posting `id` the acceptance day `day`, then rebuilds the
/// index (as the outbox would bring the change).
async fn accept_on(app: &TestApp, ids: &[i32], day: chrono::NaiveDate) {
    use madoguchi_db::entity::posting;
    use sea_orm::sea_query::Expr;
    posting::Entity::update_many()
        .col_expr(posting::Column::AcceptedOn, Expr::value(day))
        .filter(posting::Column::Id.is_in(ids.to_vec()))
        .exec(&app.db)
        .await
        .unwrap();
    app.search.rebuild(&app.db).await.unwrap();
}

async fn numbers_of(app: &TestApp, ids: &[i32]) -> Vec<String> {
    use madoguchi_db::entity::posting;
    let mut out: Vec<String> = posting::Entity::find()
        .filter(posting::Column::Id.is_in(ids.to_vec()))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|p| p.number)
        .collect();
    out.sort();
    out
}

/// The alerts recorded for `user` since `from`: (count, numbers sorted).
fn alerts_in(events: &[madoguchi_shared::mail::MailEvent]) -> Vec<(u64, Vec<String>)> {
    events
        .iter()
        .filter_map(|e| match e {
            madoguchi_shared::mail::MailEvent::SearchAlert {
                count, postings, ..
            } => {
                let mut n: Vec<String> = postings.iter().map(|p| p.number.clone()).collect();
                n.sort();
                Some((*count, n))
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_saved_search_alert_tells_exactly_the_new_matches_once() {
    use madoguchi_db::alerts::saved_search_alerts;
    use madoguchi_db::entity::posting;
    use madoguchi_shared::search::JobQuery;
    for backend in backends() {
        let app = ready(backend).await;
        let now = Utc::now();
        let today = madoguchi_shared::today_in_japan(now);
        let day = |n: i64| today + TimeDelta::days(n);
        let at = |n: i64| now + TimeDelta::days(n);
        // Tokyo's postings in the index still open in three weeks, and one
        // of Osaka's; every posting accepted well before the search is
        // saved.
        let tokyo = app
            .search
            .search(&JobQuery::from_query_string("pref=13").unwrap(), day(21))
            .unwrap()
            .posting_ids;
        let osaka = app
            .search
            .search(&JobQuery::from_query_string("pref=27").unwrap(), day(21))
            .unwrap()
            .posting_ids;
        assert!(tokyo.len() >= 4 && !osaka.is_empty(), "{tokyo:?} {osaka:?}");
        let all: Vec<i32> = posting::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        accept_on(&app, &all, day(-5)).await;

        let seeker = session_of(&app, "seeker@example.jp").await;
        let user = user_id(&app, "seeker@example.jp").await;
        let (res, body) = call(
            &app,
            "/api/searches/save",
            &form(&[("name", "東京の求人"), ("qs", "pref=13")]),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let (_, list) = call(&app, "/api/searches/list", "", Some(&seeker)).await;
        let list: serde_json::Value = serde_json::from_str(&list).unwrap();
        let search = list
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "東京の求人")
            .unwrap()["id"]
            .as_i64()
            .unwrap()
            .to_string();
        let (res, body) = call(
            &app,
            "/api/searches/alert",
            &form(&[("id", &search), ("alert", "true")]),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        // The demo seeker's other searches keep quiet here.
        madoguchi_db::entity::saved_search::Entity::update_many()
            .col_expr(
                madoguchi_db::entity::saved_search::Column::Alert,
                sea_orm::sea_query::Expr::value(false),
            )
            .filter(madoguchi_db::entity::saved_search::Column::Name.ne("東京の求人"))
            .exec(&app.db)
            .await
            .unwrap();
        let before = events_of(&app, user).await.len();

        // Today two Tokyo postings and an Osaka one are accepted; nothing
        // is told while the day lasts.
        accept_on(&app, &[tokyo[0], tokyo[1], osaka[0]], today).await;
        assert_eq!(
            saved_search_alerts(&app.db, &app.search, now)
                .await
                .unwrap(),
            0
        );
        // The next morning: exactly the two, once, however often (or by
        // however many servers) the sweep runs.
        let (a, b) = tokio::join!(
            saved_search_alerts(&app.db, &app.search, at(1)),
            saved_search_alerts(&app.db, &app.search, at(1)),
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1);
        assert_eq!(
            saved_search_alerts(&app.db, &app.search, at(1))
                .await
                .unwrap(),
            0
        );
        let told = alerts_in(&events_of(&app, user).await[before..]);
        assert_eq!(told, vec![(2, numbers_of(&app, &tokyo[..2]).await)]);
        // As the seeker receives it: their address, their language, the
        // count and the postings' numbers, a link to MyPage.
        let (url, inbox) = smtp_server().await;
        let sender = mailer(&app, &url);
        // Recorded "tomorrow": sent then.
        while sender.run_once(at(1)).await.unwrap() {}
        let mail = inbox.lock().unwrap().clone();
        let alert = mail
            .iter()
            .find(|m| m.subject().contains("東京の求人"))
            .unwrap_or_else(|| {
                panic!(
                    "the alert was sent: {:?}",
                    mail.iter()
                        .map(|m| (m.subject(), m.header("Subject")))
                        .collect::<Vec<_>>()
                )
            });
        assert_eq!(alert.to, vec!["seeker@example.jp".to_owned()]);
        assert_eq!(
            alert.subject(),
            "【窓口】「東京の求人」の新着求人が2件あります"
        );
        let text = alert.text();
        for n in numbers_of(&app, &tokyo[..2]).await {
            assert!(text.contains(&n), "{n} in {text}");
        }
        assert!(
            text.contains("http://127.0.0.1:3000/mypage#saved-searches"),
            "{text}"
        );

        // A day without new postings tells nothing; the next new one is
        // told alone.
        assert_eq!(
            saved_search_alerts(&app.db, &app.search, at(2))
                .await
                .unwrap(),
            0
        );
        accept_on(&app, &[tokyo[2]], day(2)).await;
        assert_eq!(
            saved_search_alerts(&app.db, &app.search, at(3))
                .await
                .unwrap(),
            1
        );
        let told = alerts_in(&events_of(&app, user).await[before..]);
        assert_eq!(told.len(), 2);
        assert_eq!(told[1], (1, numbers_of(&app, &tokyo[2..3]).await));

        // Weekly: nothing until seven days have ended since the last one.
        let mut prefs = madoguchi_db::jobs::preferences(&app.db, user)
            .await
            .unwrap();
        prefs.alerts = madoguchi_shared::mail::AlertFrequency::Weekly;
        madoguchi_db::jobs::save_preferences(&app.db, user, &prefs)
            .await
            .unwrap();
        accept_on(&app, &[tokyo[3]], day(4)).await;
        for n in 4..=9 {
            assert_eq!(
                saved_search_alerts(&app.db, &app.search, at(n))
                    .await
                    .unwrap(),
                0,
                "day {n}"
            );
        }
        assert_eq!(
            saved_search_alerts(&app.db, &app.search, at(10))
                .await
                .unwrap(),
            1
        );
        let told = alerts_in(&events_of(&app, user).await[before..]);
        assert_eq!(told[2], (1, numbers_of(&app, &tokyo[3..4]).await));

        // Alerts off for the search: nothing more.
        let (res, _) = call(
            &app,
            "/api/searches/alert",
            &form(&[("id", &search), ("alert", "false")]),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        accept_on(&app, &[tokyo[0]], day(12)).await;
        assert_eq!(
            saved_search_alerts(&app.db, &app.search, at(20))
                .await
                .unwrap(),
            0
        );
        assert_eq!(alerts_in(&events_of(&app, user).await[before..]).len(), 3);
    }
}

#[tokio::test]
async fn a_recommendation_near_its_deadline_is_reminded_of_once() {
    use madoguchi_db::alerts::deadline_reminders;
    use madoguchi_db::entity::{office, posting, referral};
    use madoguchi_shared::mail::MailEvent;
    use sea_orm::ActiveValue::Set;
    for backend in backends() {
        let app = ready(backend).await;
        let now = Utc::now();
        let today = madoguchi_shared::today_in_japan(now);
        let seeker = seeker_of(&app, "seeker@example.jp").await;
        let staff = user_id(&app, "staff@example.jp").await;
        let posting = posting::Entity::find().one(&app.db).await.unwrap().unwrap();
        let office = office::Entity::find().one(&app.db).await.unwrap().unwrap();
        let make = |status: &str, deadline_in: i64, made_ago: i64| referral::ActiveModel {
            seeker_id: Set(seeker.id),
            posting_id: Set(posting.id),
            office_id: Set(office.id),
            staff_user_id: Set(staff),
            status: Set(status.to_owned()),
            suitability: Set("希望職種に合う".to_owned()),
            deadline: Set(today + TimeDelta::days(deadline_in)),
            employer_confirmed_at: Set(Some(now)),
            confirmation_note: Set(None),
            created_at: Set(now - TimeDelta::days(made_ago)),
            updated_at: Set(now),
            ..Default::default()
        };
        // Due: tomorrow's deadline, made days ago; and today's.
        // Not: made today, deadline in three days, already used, passed.
        for r in [
            make("recommended", 1, 6),
            make("recommended", 0, 7),
            make("recommended", 1, 0),
            make("recommended", 3, 4),
            make("established", 1, 6),
            make("recommended", -1, 8),
        ] {
            referral::Entity::insert(r).exec(&app.db).await.unwrap();
        }
        let reminders = |events: Vec<MailEvent>| {
            events
                .into_iter()
                .filter_map(|e| match e {
                    MailEvent::RecommendationDeadline { deadline } => Some(deadline),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(deadline_reminders(&app.db, now).await.unwrap(), 2);
        deadline_reminders(&app.db, now).await.unwrap();
        let mut got = reminders(events_of(&app, seeker.user_id).await);
        got.sort();
        assert_eq!(
            got,
            vec![today.to_string(), (today + TimeDelta::days(1)).to_string()]
        );
        // The e-mail says the deadline in the seeker's language, no names.
        let text = madoguchi_shared::mail::render(
            &MailEvent::RecommendationDeadline {
                deadline: got[0].clone(),
            },
            madoguchi_shared::label::Lang::Ja,
            "http://x/mypage",
            Some("http://x/u"),
        );
        assert!(text.body.contains(&got[0]) && text.subject.contains("応募期限"));
    }
}

/// The 64-hex token of the first `{prefix}` link in `text`.
fn link_token(text: &str, prefix: &str) -> String {
    let at = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {text}"))
        + prefix.len();
    let token: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    assert_eq!(token.len(), 64, "{text}");
    token
}

/// An account's e-mailed links (docs/domain.md, "Accounts"): the
/// verification link of a registration works once and for 24 hours, and
/// opening it (as a mail scanner does) changes nothing; the reset link is
/// asked for with the same answer whether or not the address has an
/// account, works once and for 30 minutes, ends every session, and gets
/// the owner past a lockout someone else caused. No token is stored in
/// the clear.
#[tokio::test]
async fn verification_and_reset_links_work_once_and_expire() {
    use madoguchi_db::account_token::{Purpose, issue};
    use madoguchi_db::entity::account_token;
    for backend in backends() {
        let app = ready(backend).await;
        let (url, inbox) = smtp_server().await;
        let sender = mailer(&app, &url);
        let body = form(&[
            ("email", "new-seeker@example.jp"),
            ("password", PASSWORD),
            ("name", "新井 一郎"),
            ("name_kana", "アライ イチロウ"),
        ]);
        let (res, body) = call(&app, "/api/account/register", &body, None).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        assert!(sender.run_once(Utc::now()).await.unwrap());
        let mail = inbox.lock().unwrap()[0].clone();
        assert_eq!(mail.to, vec!["new-seeker@example.jp".to_owned()]);
        assert_eq!(mail.subject(), "【窓口】メールアドレスの確認をお願いします");
        assert!(mail.header("List-Unsubscribe").is_none());
        let text = mail.text();
        assert!(!text.contains("新井"), "{text}");
        let token = link_token(&text, "http://127.0.0.1:3000/verify/");
        let stored = account_token::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0].token_hash, token);
        let user = user_id(&app, "new-seeker@example.jp").await;
        let verified = |app: &TestApp| {
            let db = app.db.clone();
            async move {
                user_account::Entity::find_by_id(user)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
                    .email_verified_at
                    .is_some()
            }
        };

        // Opening the link shows a button; only its POST verifies.
        let (res, html) = app.get(&format!("/verify/{token}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("name=\"token\""), "{html}");
        assert!(!verified(&app).await);
        let use_it = |t: &str| form(&[("token", t)]);
        let (res, body) = call(&app, "/api/account/verify", &use_it(&token), None).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert_eq!(res.headers()[http::header::LOCATION], "/login?verified=1");
        assert!(verified(&app).await);
        // Once only; unknown and malformed tokens answer the same.
        for t in [token.as_str(), &"0".repeat(64), "x'; --"] {
            let (res, body) = call(&app, "/api/account/verify", &use_it(t), None).await;
            assert_eq!(res.status(), StatusCode::GONE, "{t}: {body}");
            assert_eq!(body, r#""BadLink""#);
        }
        let (_, html) = app.get(&format!("/verify/{token}")).await;
        assert!(!html.contains("name=\"token\""), "{html}");
        // A link older than 24 hours works no more.
        let other = user_id(&app, "seeker2@example.jp").await;
        let old = issue(
            &app.db,
            other,
            Purpose::Verify,
            Utc::now() - TimeDelta::hours(25),
        )
        .await
        .unwrap();
        let (res, _) = call(&app, "/api/account/verify", &use_it(&old), None).await;
        assert_eq!(res.status(), StatusCode::GONE);

        // Locked out by someone else's wrong passwords, logged in elsewhere.
        let elsewhere = session_of(&app, "new-seeker@example.jp").await;
        for _ in 0..madoguchi_db::attempts::LOGIN_PER_ADDRESS.max {
            login(&app, "new-seeker@example.jp", "wrong-password-9").await;
        }
        let (res, _) = login(&app, "new-seeker@example.jp", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);

        // Asking for a reset: the same answer for an unknown address, and
        // only the account's owner gets an e-mail.
        let ask = |email: &str| form(&[("email", email)]);
        let (unknown, unknown_body) = call(
            &app,
            "/api/account/reset/ask",
            &ask("nobody@example.jp"),
            None,
        )
        .await;
        let (known, known_body) = call(
            &app,
            "/api/account/reset/ask",
            &ask("New-Seeker@example.jp"),
            None,
        )
        .await;
        assert_eq!(known.status(), StatusCode::OK, "{known_body}");
        assert_eq!(
            (
                unknown.status(),
                unknown.headers().get(http::header::LOCATION),
                unknown_body
            ),
            (
                known.status(),
                known.headers().get(http::header::LOCATION),
                known_body
            )
        );
        assert_eq!(
            known.headers()[http::header::LOCATION],
            "/password-reset?sent=1"
        );
        assert!(sender.run_once(Utc::now()).await.unwrap());
        assert!(
            !sender.run_once(Utc::now()).await.unwrap(),
            "one e-mail only"
        );
        let mail = inbox.lock().unwrap()[1].clone();
        assert_eq!(mail.to, vec!["new-seeker@example.jp".to_owned()]);
        assert_eq!(mail.subject(), "【窓口】パスワードの再設定");
        let reset = link_token(&mail.text(), "http://127.0.0.1:3000/reset/");

        let set = |t: &str, p: &str| form(&[("token", t), ("new_password", p)]);
        let (res, body) = call(&app, "/api/account/reset", &set(&reset, "short"), None).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("new_password"), "{body}");
        let (res, body) = call(
            &app,
            "/api/account/reset",
            &set(&reset, "brand-new-pass-2"),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        assert_eq!(res.headers()[http::header::LOCATION], "/login?reset=1");
        // The other session ended; the lockout is over for the new
        // password, the old one is gone.
        let (_, me) = call(&app, "/api/account/me", "", Some(&elsewhere)).await;
        assert_eq!(me, "null");
        let (res, _) = login(&app, "new-seeker@example.jp", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let (res, body) = login(&app, "new-seeker@example.jp", "brand-new-pass-2").await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        // Once only, and a reset link older than 30 minutes works no more.
        let (res, _) = call(
            &app,
            "/api/account/reset",
            &set(&reset, "another-pass-33"),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::GONE);
        let old = issue(
            &app.db,
            user,
            Purpose::Reset,
            Utc::now() - TimeDelta::minutes(31),
        )
        .await
        .unwrap();
        let (res, _) = call(
            &app,
            "/api/account/reset",
            &set(&old, "another-pass-33"),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::GONE);
        let (res, _) = login(&app, "new-seeker@example.jp", "another-pass-33").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        // Expired tokens go with the housekeeping.
        madoguchi_db::housekeeping::purge(&app.db, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            account_token::Entity::find().count(&app.db).await.unwrap(),
            0,
            "{backend:?}"
        );
    }
}
