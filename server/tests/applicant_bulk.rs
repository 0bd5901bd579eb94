//! 応募者管理 beyond one applicant: 内定, bulk actions (next stage for all,
//! 不採用 with a reason category), the date range and the order of the
//! list; another establishment's applications are never touched. On
//! SQLite and PostgreSQL.

mod common;

use common::calls::*;
use common::{TestApp, app, backends};
use http::StatusCode;
use madoguchi_db::entity::application;
use madoguchi_shared::application::ApplicantPage;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

async fn list(app: &TestApp, cookie: &str, query: &str) -> (StatusCode, String) {
    let (res, body) = call(app, "/api/employer/applicants", query, Some(cookie)).await;
    (res.status(), body)
}

async fn status(app: &TestApp, id: i32) -> String {
    application::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn bulk_actions_move_only_the_establishments_open_applications() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let (_, body) = list(&app, &employer, "").await;
        let page: ApplicantPage = serde_json::from_str(&body).unwrap();
        assert_eq!(page.total, 2, "{backend:?}: {body}");
        let ids: Vec<i32> = page.rows.iter().map(|r| r.id).collect();
        // Another establishment's application, to slip into the list.
        let foreign = application::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .find(|id| !ids.contains(id));
        let bulk = |body: String| {
            let (app, employer) = (&app, employer.clone());
            async move {
                let (res, body) = call(app, "/api/employer/bulk", &body, Some(&employer)).await;
                (res.status(), body)
            }
        };
        // Bad requests change nothing.
        for bad in [
            "ids=&action=screening".to_owned(),
            format!("ids={}&action=promote", ids[0]),
            format!("ids={}&action=not_hired", ids[0]),
            format!("ids={}&action=not_hired&reason=looks", ids[0]),
            "ids=1,x&action=screening".to_owned(),
            format!(
                "ids={}&action=screening",
                (1..=101)
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ] {
            let (status, body) = bulk(bad.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        }
        // 内定 for both; the foreign one is skipped and stays as it was.
        let mut all = ids.iter().map(i32::to_string).collect::<Vec<_>>();
        let foreign_before = match foreign {
            Some(f) => {
                all.push(f.to_string());
                Some(status(&app, f).await)
            }
            None => None,
        };
        let (code, body) = bulk(format!("ids={}&action=offer", all.join(","))).await;
        assert_eq!(code, StatusCode::OK, "{body}");
        assert_eq!(
            body,
            format!(r#"{{"done":2,"skipped":{}}}"#, u32::from(foreign.is_some()))
        );
        for id in &ids {
            assert_eq!(status(&app, *id).await, "offered");
        }
        if let (Some(f), Some(before)) = (foreign, foreign_before) {
            assert_eq!(status(&app, f).await, before);
        }
        // 内定 twice is skipped; 不採用 with a reason reaches both.
        let (_, body) = bulk(format!("ids={}&action=offer", ids[0])).await;
        assert_eq!(body, r#"{"done":0,"skipped":1}"#);
        let joined = ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        let (_, body) = bulk(format!("ids={joined}&action=not_hired&reason=filled")).await;
        assert_eq!(body, r#"{"done":2,"skipped":0}"#);
        for id in &ids {
            let a = application::Entity::find_by_id(*id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (a.status.as_str(), a.result_reason.as_deref()),
                ("not_hired", Some("filled"))
            );
        }
        // Another establishment's user moves none of them.
        let rival = rival_employer(&app, "rival@example.jp").await;
        let (_, body) = call(
            &app,
            "/api/employer/bulk",
            &format!("ids={joined}&action=screening"),
            Some(&rival),
        )
        .await;
        assert_eq!(body, r#"{"done":0,"skipped":2}"#);
        let seeker = session_of(&app, "seeker@example.jp").await;
        let (res, _) = call(
            &app,
            "/api/employer/bulk",
            &format!("ids={joined}&action=screening"),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_list_narrows_to_a_date_range_and_sorts_both_ways() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let (_, body) = list(&app, &employer, "").await;
        let page: ApplicantPage = serde_json::from_str(&body).unwrap();
        let (newer, older) = (page.rows[0].id, page.rows[1].id);
        // Put the older one well back in time.
        let mut m: application::ActiveModel = application::Entity::find_by_id(older)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-15T03:00:00Z")
            .unwrap()
            .to_utc();
        m.created_at = Set(at);
        m.update(&app.db).await.unwrap();
        let ids = |body: &str| -> Vec<i32> {
            serde_json::from_str::<ApplicantPage>(body)
                .unwrap()
                .rows
                .iter()
                .map(|r| r.id)
                .collect()
        };
        let (_, body) = list(&app, &employer, "sort=oldest").await;
        assert_eq!(ids(&body), [older, newer]);
        let (_, body) = list(&app, &employer, "sort=newest").await;
        assert_eq!(ids(&body), [newer, older]);
        // 2026-01-15 12:00 in Japan: inside the day, outside the next.
        let (_, body) = list(&app, &employer, "from=2026-01-15&to=2026-01-15").await;
        assert_eq!(ids(&body), [older]);
        let (_, body) = list(&app, &employer, "from=2026-01-16").await;
        assert_eq!(ids(&body), [newer]);
        let (_, body) = list(&app, &employer, "to=2026-01-14").await;
        assert!(ids(&body).is_empty());
        // Overdue: no result 14 days after the application, or after the
        // interview once one is set.
        let overdue = |body: &str| -> bool {
            serde_json::from_str::<ApplicantPage>(body)
                .unwrap()
                .rows
                .iter()
                .find(|r| r.id == older)
                .unwrap()
                .overdue
        };
        let (_, body) = list(&app, &employer, "").await;
        assert!(overdue(&body), "{body}");
        let mut m: application::ActiveModel = application::Entity::find_by_id(older)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
        m.interview_at = Set(Some(format!(
            "{}T10:00",
            madoguchi_shared::date::to_iso(today)
        )));
        m.update(&app.db).await.unwrap();
        let (_, body) = list(&app, &employer, "").await;
        assert!(!overdue(&body), "{body}");
        for bad in [
            "from=2026-13-01",
            "to=yesterday",
            "from=2026-02-01&to=2026-01-01",
            "sort=name",
        ] {
            let (status, body) = list(&app, &employer, bad).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        }
    }
}

#[tokio::test]
async fn the_applicant_page_shows_only_what_the_seeker_shares_of_the_profile() {
    use madoguchi_db::entity::seeker;
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let (_, body) = list(&app, &employer, "").await;
        let page: ApplicantPage = serde_json::from_str(&body).unwrap();
        let id = page.rows[0].id;
        let seeker_id = application::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .seeker_id;
        let set_public = |public: bool| {
            let db = app.db.clone();
            async move {
                let row = seeker::Entity::find_by_id(seeker_id)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap();
                let mut profile: madoguchi_shared::seeker::SeekerProfile =
                    serde_json::from_str(&row.profile).unwrap_or_default();
                profile.work_history = "介護老人保健施設で3年".to_owned();
                profile.phone = Some("090-9999-0000".to_owned());
                profile.public = public;
                let mut m: seeker::ActiveModel = row.into();
                m.profile = Set(serde_json::to_string(&profile).unwrap());
                m.profile_public = Set(public);
                m.update(&db).await.unwrap();
            }
        };
        set_public(false).await;
        let (_, body) = call(
            &app,
            "/api/applications/get",
            &format!("id={id}"),
            Some(&employer),
        )
        .await;
        assert!(body.contains(r#""shared_profile":null"#), "{body}");
        assert!(!body.contains("介護老人保健施設で3年"));
        set_public(true).await;
        let (_, body) = call(
            &app,
            "/api/applications/get",
            &format!("id={id}"),
            Some(&employer),
        )
        .await;
        assert!(body.contains("介護老人保健施設で3年"), "{body}");
        assert!(!body.contains("090-9999-0000"), "{body}");
    }
}
