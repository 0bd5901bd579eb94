//! お知らせ from the staff console, on SQLite and PostgreSQL: to one seeker,
//! to all the office's seekers, to the establishments of its area; each
//! reaches exactly its readers, read and unread per reader; bad input and
//! other roles are refused and change nothing.

mod common;

use common::calls::*;
use common::{TestApp, app, backends};
use http::StatusCode;
use madoguchi_db::entity::{establishment, notice, user_account};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

async fn titles(app: &TestApp, cookie: &str) -> Vec<(String, bool, i64)> {
    let (res, body) = call(app, "/api/notices/list", "", Some(cookie)).await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    let list: Value = serde_json::from_str(&body).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["title"].as_str().unwrap().to_owned(),
                n["read"].as_bool().unwrap(),
                n["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn notice_form(audience: &str, seeker: &str, title: &str) -> String {
    form(&[
        ("audience", audience),
        ("seeker", seeker),
        ("title", title),
        (
            "body",
            "窓口の受付時間が変わります。\n詳しくはお問い合わせください。",
        ),
    ])
}

#[tokio::test]
async fn each_notice_reaches_exactly_its_readers() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let staff = session_of(&app, "staff@example.jp").await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let other = session_of(&app, "seeker2@example.jp").await;
        let employer = session_of(&app, "employer@example.jp").await;
        let demo = seeker_of(&app, "seeker@example.jp").await;
        let internet_only = seeker_of(&app, "seeker2@example.jp").await;
        assert!(internet_only.office_id.is_none());
        let staff_office = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("staff@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .office_id
            .unwrap();
        assert_eq!(demo.office_id, Some(staff_office));
        let employer_office = establishment::Entity::find()
            .filter(establishment::Column::Name.eq("社会福祉法人あおば会"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .office_id;

        for (audience, to, title) in [
            ("seeker", demo.id.to_string(), "個別のお知らせ"),
            ("all_seekers", String::new(), "求職者の皆さまへ"),
            ("employers", String::new(), "事業所の皆さまへ"),
        ] {
            let (res, body) = call(
                &app,
                "/api/staff/notice",
                &notice_form(audience, &to, title),
                Some(&staff),
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK, "{audience}: {body}");
        }
        let has = |list: &[(String, bool, i64)], t: &str| list.iter().any(|(x, ..)| x == t);
        let mine = titles(&app, &seeker).await;
        assert!(has(&mine, "個別のお知らせ") && has(&mine, "求職者の皆さまへ"));
        assert!(!has(&mine, "事業所の皆さまへ"));
        // The internet-only seeker: neither the other's nor the office's.
        let theirs = titles(&app, &other).await;
        assert!(!has(&theirs, "個別のお知らせ") && !has(&theirs, "求職者の皆さまへ"));
        let est = titles(&app, &employer).await;
        assert_eq!(
            has(&est, "事業所の皆さまへ"),
            employer_office == staff_office
        );
        assert!(!has(&est, "個別のお知らせ") && !has(&est, "求職者の皆さまへ"));

        // Read and unread, per reader; nobody marks what they cannot read.
        let (_, read_flag, id) = mine
            .iter()
            .find(|(t, ..)| t == "個別のお知らせ")
            .unwrap()
            .clone();
        assert!(!read_flag);
        for who in [&other, &employer] {
            let (res, _) = call(&app, "/api/notices/read", &format!("id={id}"), Some(who)).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND);
        }
        let (res, _) = call(
            &app,
            "/api/notices/read",
            &format!("id={id}"),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let mine = titles(&app, &seeker).await;
        assert!(
            mine.iter()
                .any(|(t, read, _)| t == "個別のお知らせ" && *read)
        );
        assert!(
            mine.iter()
                .any(|(t, read, _)| t == "求職者の皆さまへ" && !*read)
        );
        {
            let (_, _, eid) = est
                .iter()
                .find(|(t, ..)| t == "事業所の皆さまへ")
                .unwrap()
                .clone();
            let (res, _) = call(
                &app,
                "/api/notices/read",
                &format!("id={eid}"),
                Some(&employer),
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK);
            assert!(
                titles(&app, &employer)
                    .await
                    .iter()
                    .any(|(t, read, _)| t == "事業所の皆さまへ" && *read)
            );
        }
        // The office sees what it sent and how many opened each.
        let (res, body) = call(&app, "/api/staff/notices", "", Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let sent: Value = serde_json::from_str(&body).unwrap();
        let one = sent
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row[0]["title"] == "個別のお知らせ")
            .unwrap()
            .clone();
        assert_eq!(one[1], 1);
    }
}

#[tokio::test]
async fn bad_notices_and_other_roles_are_refused_and_nothing_is_sent() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let staff = session_of(&app, "staff@example.jp").await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let employer = session_of(&app, "employer@example.jp").await;
        let internet_only = seeker_of(&app, "seeker2@example.jp").await;
        let before = notice::Entity::find().count(&app.db).await.unwrap();
        let long = "あ".repeat(101);
        for (body, expected) in [
            (notice_form("everyone", "", "件名"), StatusCode::BAD_REQUEST),
            (
                notice_form("all_seekers", "", "  "),
                StatusCode::BAD_REQUEST,
            ),
            (
                notice_form("all_seekers", "", &long),
                StatusCode::BAD_REQUEST,
            ),
            (
                notice_form("all_seekers", "", "件名\u{7}"),
                StatusCode::BAD_REQUEST,
            ),
            (notice_form("seeker", "", "個別"), StatusCode::BAD_REQUEST),
            (
                notice_form("seeker", "abc", "個別"),
                StatusCode::BAD_REQUEST,
            ),
            // Not a seeker this office registered.
            (
                notice_form("seeker", &internet_only.id.to_string(), "個別"),
                StatusCode::NOT_FOUND,
            ),
            (
                notice_form("seeker", "99999999", "個別"),
                StatusCode::NOT_FOUND,
            ),
        ] {
            let (res, text) = call(&app, "/api/staff/notice", &body, Some(&staff)).await;
            assert_eq!(res.status(), expected, "{body}: {text}");
        }
        for who in [&seeker, &employer] {
            for path in ["/api/staff/notice", "/api/staff/notices"] {
                let (res, _) = call(
                    &app,
                    path,
                    &notice_form("all_seekers", "", "件名"),
                    Some(who),
                )
                .await;
                assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
            }
        }
        let (res, _) = call(
            &app,
            "/api/staff/notice",
            &notice_form("all_seekers", "", "件名"),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(notice::Entity::find().count(&app.db).await.unwrap(), before);
    }
}
