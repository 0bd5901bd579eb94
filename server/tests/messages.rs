//! Message threads through their server functions, on SQLite and
//! PostgreSQL: only the two parties list, read or post; unread counts go
//! up and down; bad messages change nothing; a device's key sends once;
//! sending is rate-limited; interview slots are picked once; a finished
//! selection's thread is read-only; the live stream needs a party.

mod common;

use common::calls::*;
use common::{TestApp, app, backends};
use http::StatusCode;
use madoguchi_db::entity::{application, message, posting, user_account};
use madoguchi_shared::thread::RATE_LIMIT;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};
use serde_json::Value;

/// The application of `email`'s seeker to the demo employer's posting.
async fn application_of(app: &TestApp, email: &str) -> application::Model {
    let est = madoguchi_db::entity::establishment::Entity::find()
        .filter(madoguchi_db::entity::establishment::Column::Name.eq("社会福祉法人あおば会"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let postings: Vec<i32> = posting::Entity::find()
        .filter(posting::Column::EstablishmentId.eq(est.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    application::Entity::find()
        .filter(application::Column::SeekerId.eq(seeker_of(app, email).await.id))
        .filter(application::Column::PostingId.is_in(postings))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an application to the demo employer")
}

async fn json(app: &TestApp, path: &str, body: &str, cookie: &str) -> (StatusCode, Value) {
    let (res, text) = call(app, path, body, Some(cookie)).await;
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (res.status(), value)
}

async fn unread(app: &TestApp, cookie: &str) -> (u64, i64) {
    let (status, u) = json(app, "/api/messages/unread", "", cookie).await;
    assert_eq!(status, StatusCode::OK, "{u}");
    (
        u["messages"].as_u64().unwrap(),
        u["latest"].as_i64().unwrap(),
    )
}

fn send(application: i32, body: &str) -> String {
    form(&[("application", &application.to_string()), ("body", body)])
}

async fn count(app: &TestApp, application: i32) -> u64 {
    message::Entity::find()
        .filter(message::Column::ApplicationId.eq(application))
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
async fn only_the_two_parties_list_read_or_post_to_a_thread() {
    for backend in backends() {
        let app = ready(backend).await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let employer = session_of(&app, "employer@example.jp").await;
        let other_seeker = session_of(&app, "seeker2@example.jp").await;
        let rival = rival_employer(&app, "rival@example.jp").await;
        let staff = session_of(&app, "staff@example.jp").await;
        let a = application_of(&app, "seeker@example.jp").await;
        let before = count(&app, a.id).await;
        assert!(before > 0, "the demo thread has messages");

        for who in [&seeker, &employer] {
            let (status, list) = json(&app, "/api/messages/threads", "", who).await;
            assert_eq!(status, StatusCode::OK, "{list}");
            assert!(
                list.as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t["application_id"] == a.id),
                "{list}"
            );
            let (status, t) = json(
                &app,
                "/api/messages/thread",
                &format!("application={}", a.id),
                who,
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{t}");
            assert_eq!(t["messages"].as_array().unwrap().len() as u64, before);
        }
        // Another seeker, another establishment: as if it did not exist.
        for who in [&other_seeker, &rival] {
            let (_, list) = json(&app, "/api/messages/threads", "", who).await;
            assert!(
                !list
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t["application_id"] == a.id),
                "{list}"
            );
            let (status, body) = json(
                &app,
                "/api/messages/thread",
                &format!("application={}", a.id),
                who,
            )
            .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
            assert!(!body.to_string().contains("初任者研修"));
            let (status, _) = json(&app, "/api/messages/send", &send(a.id, "割り込み"), who).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            let (status, _) = json(
                &app,
                "/api/messages/pick",
                "message=1&slot=2030-01-01+10%3A00&note=",
                who,
            )
            .await;
            assert!(
                matches!(status, StatusCode::NOT_FOUND | StatusCode::CONFLICT),
                "{status}"
            );
        }
        // Staff do not read employer–seeker messages; visitors log in.
        for path in [
            "/api/messages/threads",
            "/api/messages/thread",
            "/api/messages/send",
        ] {
            let body = send(a.id, "職員です");
            let (status, _) = json(&app, path, &body, &staff).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
            let (res, _) = call(&app, path, &body, None).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
        }
        // Staff and visitors have no unread count (and no error for it).
        let (status, none) = json(&app, "/api/messages/unread", "", &staff).await;
        assert_eq!((status, none), (StatusCode::OK, Value::Null));
        let (res, none) = call(&app, "/api/messages/unread", "", None).await;
        assert_eq!((res.status(), none.as_str()), (StatusCode::OK, "null"));
        assert_eq!(count(&app, a.id).await, before);
        // The live stream: only for a party.
        let (res, _) = app.get("/events").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let (res, _) = page(&app, "/events", Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn unread_counts_go_up_when_one_side_writes_and_down_when_the_other_reads() {
    for backend in backends() {
        let app = ready(backend).await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let employer = session_of(&app, "employer@example.jp").await;
        let a = application_of(&app, "seeker@example.jp").await;
        let (employer_before, _) = unread(&app, &employer).await;
        let (seeker_before, seeker_latest) = unread(&app, &seeker).await;

        let (status, id) = json(
            &app,
            "/api/messages/send",
            &send(a.id, "面接の日程を相談させてください。"),
            &seeker,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let id = id.as_i64().unwrap();
        let (employer_after, employer_latest) = unread(&app, &employer).await;
        assert_eq!(employer_after, employer_before + 1);
        assert_eq!(employer_latest, id);
        // The writer's own count does not move; the newest id does.
        let (seeker_now, latest) = unread(&app, &seeker).await;
        assert_eq!(seeker_now, seeker_before);
        assert!(latest > seeker_latest);
        let (_, list) = json(&app, "/api/messages/threads", "", &employer).await;
        let row = list
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["application_id"] == a.id)
            .unwrap()
            .clone();
        assert!(row["unread"].as_u64().unwrap() >= 1);
        assert_eq!(row["last_message"], "面接の日程を相談させてください。");
        // Unread to the employer, so the seeker sees it as not yet read.
        let (_, t) = json(
            &app,
            "/api/messages/thread",
            &format!("application={}", a.id),
            &seeker,
        )
        .await;
        let mine = t["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(mine["read"], false);

        // The employer opens the thread: its unread messages are read.
        let (status, _) = json(
            &app,
            "/api/messages/thread",
            &format!("application={}", a.id),
            &employer,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (employer_read, _) = unread(&app, &employer).await;
        assert_eq!(
            employer_read,
            employer_after - row["unread"].as_u64().unwrap()
        );
        let (_, t) = json(
            &app,
            "/api/messages/thread",
            &format!("application={}", a.id),
            &seeker,
        )
        .await;
        assert_eq!(
            t["messages"].as_array().unwrap().last().unwrap()["read"],
            true
        );
        // The seeker had unread messages from the employer in the demo
        // thread; opening it read them.
        let (seeker_read, _) = unread(&app, &seeker).await;
        assert!(seeker_read < seeker_before || seeker_before == 0);
    }
}

#[tokio::test]
async fn bad_messages_are_refused_a_key_sends_once_and_sending_is_rate_limited() {
    for backend in backends() {
        let app = ready(backend).await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let a = application_of(&app, "seeker@example.jp").await;
        let before = count(&app, a.id).await;
        let long = "あ".repeat(madoguchi_shared::message::MAX_MESSAGE_CHARS + 1);
        for (body, expected) in [
            (send(a.id, "   "), StatusCode::BAD_REQUEST),
            (send(a.id, &long), StatusCode::BAD_REQUEST),
            (send(a.id, "a\u{7}b"), StatusCode::BAD_REQUEST),
            (
                format!("application={}&body=x&key=%3Cscript%3E", a.id),
                StatusCode::BAD_REQUEST,
            ),
            // Only the establishment proposes interview times.
            (
                format!("{}&slots=2030-01-10+10%3A00", send(a.id, "この日で")),
                StatusCode::CONFLICT,
            ),
            ("application=abc&body=x".to_owned(), StatusCode::BAD_REQUEST),
        ] {
            let (status, text) = json(&app, "/api/messages/send", &body, &seeker).await;
            assert_eq!(status, expected, "{body}: {text}");
        }
        assert_eq!(count(&app, a.id).await, before);

        // Sent from a draft with its key: a retry answers the same message.
        let keyed = format!("{}&key=draft-0001", send(a.id, "オフラインで書きました"));
        let (_, first) = json(&app, "/api/messages/send", &keyed, &seeker).await;
        let (_, again) = json(&app, "/api/messages/send", &keyed, &seeker).await;
        assert_eq!(first, again);
        assert_eq!(count(&app, a.id).await, before + 1);

        // One account cannot flood the other.
        let mut refused = None;
        for i in 0..=RATE_LIMIT {
            let (status, _) = json(
                &app,
                "/api/messages/send",
                &send(a.id, &format!("連絡{i}")),
                &seeker,
            )
            .await;
            if status != StatusCode::OK {
                refused = Some((i, status));
                break;
            }
        }
        assert_eq!(
            refused,
            Some((RATE_LIMIT - 1, StatusCode::TOO_MANY_REQUESTS))
        );
        assert_eq!(count(&app, a.id).await, before + RATE_LIMIT);
    }
}

#[tokio::test]
async fn the_seeker_picks_one_offered_slot_once_and_a_finished_thread_is_read_only() {
    for backend in backends() {
        let app = ready(backend).await;
        let employer = session_of(&app, "employer@example.jp").await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let seeker2 = session_of(&app, "seeker2@example.jp").await;
        let a = application_of(&app, "seeker2@example.jp").await;
        assert_eq!(a.status, "applied");

        for bad in ["2020-01-01 10:00", "来週", ""] {
            let body = format!("{}&slots={}", send(a.id, "面接の候補です"), urlencode(bad));
            let (status, text) = json(&app, "/api/messages/send", &body, &employer).await;
            if bad.is_empty() {
                // No slots: an ordinary message.
                assert_eq!(status, StatusCode::OK, "{text}");
            } else {
                assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {text}");
            }
        }
        let slots = "2030-01-10 10:00\n2030-01-11 14:30";
        let body = format!(
            "{}&slots={}",
            send(a.id, "面接の候補日です。ご都合の良い日時をお選びください。"),
            urlencode(slots)
        );
        let (status, id) = json(&app, "/api/messages/send", &body, &employer).await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let id = id.as_i64().unwrap();
        let (_, t) = json(
            &app,
            "/api/messages/thread",
            &format!("application={}", a.id),
            &seeker2,
        )
        .await;
        let offered = t["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            offered["slots"],
            serde_json::json!(["2030-01-10 10:00", "2030-01-11 14:30"])
        );

        let pick = |slot: &str| format!("message={id}&slot={}&note=", urlencode(slot));
        // Not offered; not the seeker's thread; not the seeker.
        let (status, _) = json(
            &app,
            "/api/messages/pick",
            &pick("2030-01-12 10:00"),
            &seeker2,
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = json(
            &app,
            "/api/messages/pick",
            &pick("2030-01-10 10:00"),
            &seeker,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = json(
            &app,
            "/api/messages/pick",
            &pick("2030-01-10 10:00"),
            &employer,
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let stored = application::Entity::find_by_id(a.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.interview_at, None);

        let (status, at) = json(
            &app,
            "/api/messages/pick",
            &pick("2030-01-11 14:30"),
            &seeker2,
        )
        .await;
        assert_eq!(
            (status, at.as_str()),
            (StatusCode::OK, Some("2030-01-11 14:30"))
        );
        let stored = application::Entity::find_by_id(a.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.interview_at.as_deref(), Some("2030-01-11 14:30"));
        assert_eq!(stored.status, "interview");
        // Once: a second pick, of either time, is refused.
        for slot in ["2030-01-10 10:00", "2030-01-11 14:30"] {
            let (status, _) = json(&app, "/api/messages/pick", &pick(slot), &seeker2).await;
            assert_eq!(status, StatusCode::CONFLICT);
        }
        // Both sides see the choice.
        for who in [&employer, &seeker2] {
            let (_, t) = json(
                &app,
                "/api/messages/thread",
                &format!("application={}", a.id),
                who,
            )
            .await;
            assert_eq!(t["interview_at"], "2030-01-11 14:30");
            let m = t["messages"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["id"] == id)
                .unwrap()
                .clone();
            assert_eq!(m["picked"], "2030-01-11 14:30");
        }

        // A finished selection: the thread is read, not written.
        let mut done = stored.into_active_model();
        done.status = Set("not_hired".to_owned());
        done.update(&app.db).await.unwrap();
        let before = count(&app, a.id).await;
        for who in [&employer, &seeker2] {
            let (status, text) = json(
                &app,
                "/api/messages/send",
                &send(a.id, "その後いかがですか"),
                who,
            )
            .await;
            assert_eq!(status, StatusCode::CONFLICT, "{text}");
            let (status, t) = json(
                &app,
                "/api/messages/thread",
                &format!("application={}", a.id),
                who,
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(t["read_only"], true);
        }
        assert_eq!(count(&app, a.id).await, before);
    }
}

/// The next `unread` event of a live stream, read within ten seconds.
async fn next_event(body: &mut axum::body::Body) -> Value {
    use http_body_util::BodyExt;
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(10), body.frame())
            .await
            .expect("an event within ten seconds")
            .expect("the stream stays open")
            .expect("a frame");
        if let Some(data) = frame.data_ref() {
            text.push_str(std::str::from_utf8(data).unwrap());
        }
        if let Some(end) = text.find("\n\n") {
            let event: String = text.drain(..end + 2).collect();
            if event.contains("event: unread") {
                let data = event
                    .lines()
                    .find_map(|l| l.strip_prefix("data: "))
                    .unwrap();
                return serde_json::from_str(data).unwrap();
            }
        }
    }
}

#[tokio::test]
async fn the_live_stream_reports_a_message_whichever_server_wrote_it() {
    for backend in backends() {
        let app = ready(backend).await;
        let employer = session_of(&app, "employer@example.jp").await;
        let seeker_user = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("seeker@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let a = application_of(&app, "seeker@example.jp").await;
        let req = http::Request::get("/events")
            .header(http::header::COOKIE, &employer)
            .body(axum::body::Body::empty())
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()[http::header::CONTENT_TYPE],
            "text/event-stream"
        );
        let mut body = res.into_body();
        let first = next_event(&mut body).await;
        let (count, latest) = unread(&app, &employer).await;
        assert_eq!(first["messages"], count);
        assert_eq!(first["latest"], latest);
        // Another app server shares the database: its write is all this
        // server sees of it.
        let written = message::ActiveModel {
            application_id: Set(a.id),
            author: Set("seeker".to_owned()),
            author_user_id: Set(seeker_user.id),
            body: Set("別のサーバーから送りました".to_owned()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let next = next_event(&mut body).await;
        assert_eq!(next["messages"], count + 1);
        assert_eq!(next["latest"], written.id);
    }
}

/// Posts a message form (with or without a file) as the thread page does;
/// the status and the JSON answer.
async fn send_file(
    app: &TestApp,
    application: i32,
    body: &str,
    key: &str,
    file: Option<Vec<u8>>,
    cookie: Option<&str>,
) -> (StatusCode, Value) {
    use axum::body::Body;
    use http::{Request, header};
    let id = application.to_string();
    let mut parts = vec![
        ("application", None, id.into_bytes()),
        ("body", None, body.as_bytes().to_vec()),
        ("key", None, key.as_bytes().to_vec()),
    ];
    if let Some(bytes) = file {
        parts.push(("attachment", Some("履歴書.pdf"), bytes));
    }
    let (boundary, data) = multipart(&parts);
    let mut req = Request::post("/messages/send")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::ACCEPT, "application/json");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.send(req.body(Body::from(data)).unwrap()).await;
    let (res, text) = common::split(res).await;
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (res.status(), value)
}

/// Downloads attachment `id`: the status, the content type and the bytes.
async fn download(app: &TestApp, id: i64, cookie: Option<&str>) -> (StatusCode, String, Vec<u8>) {
    use axum::body::Body;
    use http::{Request, header};
    use http_body_util::BodyExt;
    let mut req = Request::get(format!("/messages/attachments/{id}"));
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.send(req.body(Body::empty()).unwrap()).await;
    let status = res.status();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, kind, bytes)
}

fn message_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.documents_dir.path().join("messages")).map_or(0, |d| d.count())
}

fn pdf(extra: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\n1 0 obj<<>>endobj\n".to_vec();
    b.extend(std::iter::repeat_n(b' ', extra));
    b.extend_from_slice(b"\ntrailer<<>>\n%%EOF\n");
    b
}

#[tokio::test]
async fn a_file_goes_with_a_message_and_only_the_two_parties_download_it() {
    for backend in backends() {
        let app = ready(backend).await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let employer = session_of(&app, "employer@example.jp").await;
        let other_seeker = session_of(&app, "seeker2@example.jp").await;
        let rival = rival_employer(&app, "rival@example.jp").await;
        let staff = session_of(&app, "staff@example.jp").await;
        let a = application_of(&app, "seeker@example.jp").await;
        let before = count(&app, a.id).await;

        // Refused by content, size or sender: nothing kept, no file left.
        let text_as_pdf = b"this is not a PDF".to_vec();
        let cut_short = b"%PDF-1.4\n1 0 obj<<>>endobj\n".to_vec();
        let too_large = pdf(madoguchi_shared::document::MAX_DOCUMENT_BYTES);
        for (file, who, want) in [
            (text_as_pdf, Some(&seeker), StatusCode::BAD_REQUEST),
            (cut_short, Some(&seeker), StatusCode::BAD_REQUEST),
            (too_large, Some(&seeker), StatusCode::BAD_REQUEST),
            (pdf(10), Some(&other_seeker), StatusCode::NOT_FOUND),
            (pdf(10), Some(&rival), StatusCode::NOT_FOUND),
            (pdf(10), Some(&staff), StatusCode::FORBIDDEN),
            (pdf(10), None, StatusCode::UNAUTHORIZED),
        ] {
            let (status, body) = send_file(
                &app,
                a.id,
                "履歴書を送ります。",
                "",
                Some(file),
                who.map(|s| s.as_str()),
            )
            .await;
            assert_eq!(status, want, "{body}");
            if want == StatusCode::BAD_REQUEST {
                assert_eq!(body["Field"]["field"], "attachment", "{body}");
            }
        }
        assert_eq!(count(&app, a.id).await, before);
        assert_eq!(message_files(&app), 0, "refused files are removed");
        // A file needs its message text too.
        let (status, _) = send_file(&app, a.id, "  ", "", Some(pdf(10)), Some(&seeker)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(message_files(&app), 0);

        // Sent by the seeker, twice under one key: one message, one file.
        let file = pdf(100);
        let (status, first) = send_file(
            &app,
            a.id,
            "履歴書を送ります。",
            "file-key-1",
            Some(file.clone()),
            Some(&seeker),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{first}");
        let (_, again) = send_file(
            &app,
            a.id,
            "履歴書を送ります。",
            "file-key-1",
            Some(file.clone()),
            Some(&seeker),
        )
        .await;
        assert_eq!(first["id"], again["id"]);
        assert_eq!(count(&app, a.id).await, before + 1);
        assert_eq!(message_files(&app), 1);

        // Both parties see it in the thread and download the same bytes.
        let (_, t) = json(
            &app,
            "/api/messages/thread",
            &format!("application={}", a.id),
            &employer,
        )
        .await;
        let last = t["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["id"], first["id"]);
        assert_eq!(last["attachment"]["file_type"], "application/pdf", "{last}");
        let file_id = last["attachment"]["id"].as_i64().unwrap();
        for who in [&seeker, &employer] {
            let (status, kind, bytes) = download(&app, file_id, Some(who)).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(kind, "application/pdf");
            assert_eq!(bytes, file);
        }
        // Nobody else, staff included, learns it exists.
        for who in [&other_seeker, &rival, &staff] {
            let (status, _, bytes) = download(&app, file_id, Some(who)).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert!(!bytes.starts_with(b"%PDF"));
        }
        let (status, _, _) = download(&app, file_id, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _, _) = download(&app, file_id + 1000, Some(&seeker)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // An image from the establishment, recognised by its bytes.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\0IEND\xaeB`\x82".to_vec();
        let (status, sent) = send_file(
            &app,
            a.id,
            "地図をお送りします。",
            "",
            Some(png),
            Some(&employer),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{sent}");
        let (_, t) = json(
            &app,
            "/api/messages/thread",
            &format!("application={}", a.id),
            &seeker,
        )
        .await;
        let last = t["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["attachment"]["file_type"], "image/png", "{last}");
        assert_eq!(message_files(&app), 2);
    }
}

/// One user holds a few live-count streams on a server, not without end:
/// past the cap the server answers 429 (the page then polls), and a
/// stream that ends frees its place.
#[tokio::test]
async fn a_user_holds_a_bounded_number_of_event_streams() {
    for backend in backends() {
        let app = ready(backend).await;
        let employer = session_of(&app, "employer@example.jp").await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let open = |cookie: &str| {
            let req = http::Request::get("/events")
                .header(http::header::COOKIE, cookie)
                .body(axum::body::Body::empty())
                .unwrap();
            app.send(req)
        };
        let cap = madoguchi_app::state::Streams::PER_USER as usize;
        let mut held = Vec::new();
        for _ in 0..cap {
            let res = open(&employer).await;
            assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
            held.push(res);
        }
        assert_eq!(
            open(&employer).await.status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        // Another user is not affected.
        assert_eq!(open(&seeker).await.status(), StatusCode::OK);
        // A closed stream frees its place.
        drop(held.pop());
        assert_eq!(open(&employer).await.status(), StatusCode::OK);
    }
}

/// Stored files are bounded (docs/domain.md, "Files"): one application's
/// thread holds at most 30 MB of attachments, one account sends at most
/// 200 MB of files in all (attachments and application documents). Past
/// a bound the file is refused, none is left on disk, and a message
/// without a file still goes.
#[tokio::test]
async fn files_stop_at_the_thread_and_the_account_quota() {
    use madoguchi_db::entity::{application_document, message_attachment};
    use madoguchi_db::quota::{MAX_THREAD_BYTES, MAX_USER_BYTES};
    for backend in backends() {
        let app = ready(backend).await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let a = application_of(&app, "seeker@example.jp").await;
        let employer_id = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("employer@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        // The establishment has sent files of nearly 30 MB on this thread.
        let earlier = message::ActiveModel {
            application_id: Set(a.id),
            author: Set("establishment".to_owned()),
            author_user_id: Set(employer_id),
            body: Set("資料です。".to_owned()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        message_attachment::ActiveModel {
            message_id: Set(earlier.id),
            storage_name: Set("0".repeat(32)),
            file_type: Set("application/pdf".to_owned()),
            byte_size: Set(MAX_THREAD_BYTES - 50),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let before = count(&app, a.id).await;
        let (status, body) = send_file(
            &app,
            a.id,
            "履歴書です。",
            "",
            Some(pdf(100)),
            Some(&seeker),
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{backend:?} {body}");
        assert!(body.to_string().contains("thread_files_full"), "{body}");
        assert_eq!(count(&app, a.id).await, before);
        assert_eq!(message_files(&app), 0, "the refused file is removed");
        let (status, _) =
            send_file(&app, a.id, "履歴書は郵送します。", "", None, Some(&seeker)).await;
        assert_eq!(status, StatusCode::OK);
        message_attachment::Entity::delete_many()
            .exec(&app.db)
            .await
            .unwrap();
        // A file of the seeker's that fits the thread goes …
        let (status, body) = send_file(
            &app,
            a.id,
            "履歴書です。",
            "",
            Some(pdf(100)),
            Some(&seeker),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // … until the seeker's own files reach 200 MB (here: documents of
        // an earlier application).
        application_document::ActiveModel {
            application_id: Set(a.id),
            kind: Set("resume".to_owned()),
            content_type: Set("application/pdf".to_owned()),
            byte_size: Set(MAX_USER_BYTES - 100),
            storage_path: Set("1".repeat(32)),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let (status, body) = send_file(
            &app,
            a.id,
            "職務経歴書です。",
            "",
            Some(pdf(100)),
            Some(&seeker),
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        assert!(body.to_string().contains("\"files_full\""), "{body}");
        assert_eq!(message_files(&app), 1, "only the file that went");
        // The establishment's own quota is its users' own.
        let employer = session_of(&app, "employer@example.jp").await;
        let (status, body) = send_file(
            &app,
            a.id,
            "資料です。",
            "",
            Some(pdf(100)),
            Some(&employer),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}
