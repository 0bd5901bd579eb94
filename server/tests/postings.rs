//! The establishment's postings through the server functions: drafts,
//! the linter on submit, staff acceptance with the office's 求人番号,
//! the self-application switch, copy, extend, close, withdraw, and
//! another establishment or office refused everywhere; on SQLite and
//! PostgreSQL.

mod common;

use common::calls::*;
use common::{TestApp, app, backends};
use http::StatusCode;
use madoguchi_db::entity::{establishment, posting};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// A complete, lawful 求人票 as the editor sends it, in Tokyo.
fn lawful() -> Value {
    json!({
        "category": "full_time",
        "employment": "regular",
        "arrangement": "direct",
        "contract": "indefinite",
        "disclosure": "1",
        "accepts_referral": true,
        "workplace_named": true,
        "title": "介護職員（日勤のみ）",
        "occupation_code": "E-361-01",
        "description": "特別養護老人ホームでの食事・入浴・排せつの介助です。",
        "openings": "2",
        "prefecture": "13",
        "city": "文京区",
        "address": "本郷1丁目2-3",
        "duty_change_scope": "法人の定める業務",
        "workplace_change_scope": "法人の定める事業所",
        "wage_form": "monthly",
        "wage_min": "230000",
        "wage_max": "280000",
        "shift1_start": "9:00",
        "shift1_end": "18:00",
        "break_minutes": "60",
        "holidays": "シフト制（4週8休）",
        "annual_holidays": "115",
        "insurances": ["employment", "work_accident", "health", "pension"],
        "flags": ["no_experience"],
        "selection": "書類選考・面接",
    })
}

async fn save(app: &TestApp, cookie: &str, id: Option<i32>, form: &Value) -> (StatusCode, Value) {
    let (res, body) = call_json(
        app,
        "/api/employer/postings/save",
        &json!({ "id": id, "form": form }),
        cookie,
    )
    .await;
    (
        res.status(),
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

async fn act(app: &TestApp, cookie: &str, path: &str, body: &str) -> (StatusCode, String) {
    let (res, body) = call(app, path, body, Some(cookie)).await;
    (res.status(), body)
}

async fn row(app: &TestApp, id: i32) -> posting::Model {
    posting::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The office code of the demo employer's establishment.
async fn demo_office(app: &TestApp) -> String {
    let est = establishment::Entity::find()
        .filter(establishment::Column::Name.eq("社会福祉法人あおば会"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    madoguchi_db::entity::office::Entity::find_by_id(est.office_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .code
}

#[tokio::test]
async fn a_posting_is_drafted_refused_by_the_linter_fixed_submitted_and_accepted() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;

        // A draft reads even half filled; an age limit without a reason
        // is saved, but not submitted.
        let mut form = lawful();
        form["age_max"] = json!("35");
        let (status, saved) = save(&app, &employer, None, &form).await;
        assert_eq!(status, StatusCode::OK, "{backend:?}: {saved}");
        let id = saved["id"].as_i64().unwrap() as i32;
        assert_eq!(saved["status"], "draft");
        assert_eq!(row(&app, id).await.number, None);
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/submit",
            &format!("id={id}"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body.contains("age_limit") && body.contains("AgeLimitWithoutReason"),
            "{body}"
        );
        assert_eq!(row(&app, id).await.status, "draft");

        // Fields that do not read are named, and nothing is stored.
        let mut broken = form.clone();
        broken["wage_min"] = json!("二十万");
        broken["shift1_end"] = json!("25:00");
        let (status, body) = save(&app, &employer, Some(id), &broken).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let text = body.to_string();
        assert!(
            text.contains("wage_min") && text.contains("shift1_end"),
            "{text}"
        );
        assert_eq!(row(&app, id).await.wage_min, 230_000);

        // A wage under Tokyo's minimum wage is refused on submit.
        let mut low = form.clone();
        low["age_max"] = json!("");
        low["wage_min"] = json!("180000");
        let (status, _) = save(&app, &employer, Some(id), &low).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/submit",
            &format!("id={id}"),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("MinimumWage"), "{body}");

        // Fixed, it is submitted and then locked while under review.
        form["age_reason"] = json!("3i");
        let (status, _) = save(&app, &employer, Some(id), &form).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/submit",
            &format!("id={id}"),
        )
        .await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::OK, "\"under_review\"")
        );
        let (status, body) = save(&app, &employer, Some(id), &form).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");

        // Staff of another office neither see nor accept it.
        let office = demo_office(&app).await;
        let elsewhere = if office == "27010" { "13010" } else { "27010" };
        let stranger = staff_of(&app, "staff-osaka@example.jp", elsewhere).await;
        let (_, queue) = act(&app, &stranger, "/api/staff/review_queue", "").await;
        assert!(!queue.contains(&format!("\"id\":{id},")), "{queue}");
        let (status, _) = act(&app, &stranger, "/api/staff/accept", &format!("id={id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // An employer cannot accept their own posting.
        let (status, _) = act(&app, &employer, "/api/staff/accept", &format!("id={id}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // The office's staff find it in the queue and accept it: the next
        // number of the office's own sequence, today, to the last day of
        // the month after next.
        let staff = staff_of(&app, "staff-home@example.jp", &office).await;
        let (_, queue) = act(&app, &staff, "/api/staff/review_queue", "").await;
        assert!(queue.contains(&format!("\"id\":{id},")), "{queue}");
        let before: Vec<String> = posting::Entity::find()
            .filter(posting::Column::Number.starts_with(format!("{office}-")))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|p| p.number)
            .collect();
        let highest = before
            .iter()
            .filter_map(|n| n[6..].parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let (status, body) = act(&app, &staff, "/api/staff/accept", &format!("id={id}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let number: String = serde_json::from_str(&body).unwrap();
        assert_eq!(number, format!("{office}-{:08}", highest + 1));
        let accepted = row(&app, id).await;
        let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
        assert_eq!(accepted.status, "published");
        assert_eq!(accepted.accepted_on, today);
        assert_eq!(
            accepted.valid_until,
            madoguchi_shared::posting::default_valid_until(today)
        );
        let (status, _) = act(&app, &staff, "/api/staff/accept", &format!("id={id}")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (res, page) = page(&app, &format!("/jobs/{number}"), None).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(page.contains("介護職員（日勤のみ）"));

        // A change of terms takes it back to review under the same number.
        let mut changed = form.clone();
        changed["wage_max"] = json!("300000");
        let (status, saved) = save(&app, &employer, Some(id), &changed).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["status"], "under_review");
        assert_eq!(row(&app, id).await.number.as_deref(), Some(number.as_str()));
        let (status, body) = act(
            &app,
            &staff,
            "/api/staff/send_back",
            &format!("id={id}&reason="),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let (status, _) = act(
            &app,
            &staff,
            "/api/staff/send_back",
            &format!("id={id}&reason=%E8%B3%83%E9%87%91%E3%81%AE%E5%86%85%E8%A8%B3"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let sent_back = row(&app, id).await;
        assert_eq!(sent_back.status, "sent_back");
        assert_eq!(sent_back.review_note.as_deref(), Some("賃金の内訳"));
        let (_, list) = act(&app, &employer, "/api/employer/postings", "").await;
        assert!(list.contains("賃金の内訳"), "{list}");

        // Resubmitted, it may be refused (受理しない) with a reason: only by
        // the office's staff, only while under review; it ends withdrawn
        // and the employer sees why.
        let (status, _) = act(
            &app,
            &employer,
            "/api/employer/postings/submit",
            &format!("id={id}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = act(
            &app,
            &staff,
            "/api/staff/refuse",
            &format!("id={id}&reason=%20"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let reason = "id={id}&reason=%E5%8A%B4%E5%83%8D%E6%9D%A1%E4%BB%B6%E3%81%8C%E6%B3%95%E4%BB%A4%E9%81%95%E5%8F%8D";
        let reason = reason.replace("{id}", &id.to_string());
        for (who, expected) in [
            (&stranger, StatusCode::NOT_FOUND),
            (&employer, StatusCode::FORBIDDEN),
        ] {
            let (status, _) = act(&app, who, "/api/staff/refuse", &reason).await;
            assert_eq!(status, expected);
        }
        assert_eq!(row(&app, id).await.status, "under_review");
        let (status, body) = act(&app, &staff, "/api/staff/refuse", &reason).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let refused = row(&app, id).await;
        assert_eq!(refused.status, "withdrawn");
        assert_eq!(refused.review_note.as_deref(), Some("労働条件が法令違反"));
        let (status, _) = act(&app, &staff, "/api/staff/refuse", &reason).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = act(&app, &staff, "/api/staff/accept", &format!("id={id}")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (_, list) = act(&app, &employer, "/api/employer/postings", "").await;
        assert!(list.contains("労働条件が法令違反"), "{list}");
        let (res, _) = common::calls::page(&app, &format!("/jobs/{number}"), None).await;
        assert_eq!(res.status(), StatusCode::GONE);
    }
}

#[tokio::test]
async fn the_self_application_switch_copy_extend_and_close_follow_the_rules() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let office = demo_office(&app).await;
        let staff = staff_of(&app, "staff-home@example.jp", &office).await;
        let publish = |form: Value| {
            let (app, employer, staff) = (&app, employer.clone(), staff.clone());
            async move {
                let (_, saved) = save(app, &employer, None, &form).await;
                let id = saved["id"].as_i64().unwrap() as i32;
                let (status, body) = act(
                    app,
                    &employer,
                    "/api/employer/postings/submit",
                    &format!("id={id}"),
                )
                .await;
                assert_eq!(status, StatusCode::OK, "{body}");
                let (status, body) =
                    act(app, &staff, "/api/staff/accept", &format!("id={id}")).await;
                assert_eq!(status, StatusCode::OK, "{body}");
                id
            }
        };
        let id = publish(lawful()).await;
        let switch = |on: bool, id: i32| {
            let (app, employer) = (&app, employer.clone());
            async move {
                act(
                    app,
                    &employer,
                    "/api/employer/postings/self_application",
                    &format!("id={id}&on={on}"),
                )
                .await
            }
        };
        assert_eq!(switch(true, id).await, (StatusCode::OK, "true".to_owned()));
        assert!(row(&app, id).await.accepts_self_application);

        // Rule 1: never for dispatch, nor where the workplace is unnamed.
        let mut dispatch = lawful();
        dispatch["arrangement"] = json!("dispatch");
        let dispatched = publish(dispatch).await;
        let (status, body) = switch(true, dispatched).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(body.contains("DispatchOrContracting"), "{body}");
        let mut unnamed = lawful();
        unnamed["workplace_named"] = json!(false);
        let (_, saved) = save(&app, &employer, None, &unnamed).await;
        let unnamed_id = saved["id"].as_i64().unwrap() as i32;
        let (status, body) = switch(true, unnamed_id).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(body.contains("WorkplaceNotNamed"), "{body}");
        assert!(!row(&app, unnamed_id).await.accepts_self_application);

        // A copy is a new draft with the same terms and none of the state.
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/copy",
            &format!("id={id}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let copy = row(&app, body.parse().unwrap()).await;
        let original = row(&app, id).await;
        assert_eq!(copy.status, "draft");
        assert_eq!((copy.number, copy.review_note), (None, None));
        assert!(!copy.accepts_self_application);
        assert_eq!(
            (copy.title, copy.terms),
            (original.title.clone(), original.terms.clone())
        );

        // Extending: not while months remain; in the last month, to the
        // last day of the month after next.
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/extend",
            &format!("id={id}"),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
        let soon = today + chrono::Days::new(10);
        let mut m: posting::ActiveModel = original.into();
        m.valid_until = Set(soon);
        m.update(&app.db).await.unwrap();
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/extend",
            &format!("id={id}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let extended = row(&app, id).await.valid_until;
        assert_eq!(
            extended,
            madoguchi_shared::posting::default_valid_until(today)
        );
        assert!(extended > soon);

        // Closed as filled: off the public pages, self-application off, and
        // not closed twice nor switched on again.
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/end",
            &format!("id={id}&how=close"),
        )
        .await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "\"closed\""));
        let closed = row(&app, id).await;
        assert!(!closed.accepts_self_application);
        let (status, _) = act(
            &app,
            &employer,
            "/api/employer/postings/end",
            &format!("id={id}&how=close"),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(switch(true, id).await.0, StatusCode::CONFLICT);
        let (status, _) = act(
            &app,
            &employer,
            "/api/employer/postings/end",
            &format!("id={id}&how=burn"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (res, _) = page(&app, &format!("/jobs/{}", closed.number.unwrap()), None).await;
        assert_eq!(res.status(), StatusCode::GONE);

        // A draft is withdrawn.
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/postings/end",
            &format!("id={unnamed_id}&how=withdraw"),
        )
        .await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "\"withdrawn\""));
    }
}

#[tokio::test]
async fn another_establishment_and_other_roles_reach_none_of_the_postings() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let (_, saved) = save(&app, &employer, None, &lawful()).await;
        let id = saved["id"].as_i64().unwrap() as i32;
        let rival = rival_employer(&app, "rival@example.jp").await;
        let (_, list) = act(&app, &rival, "/api/employer/postings", "").await;
        assert!(!list.contains("介護職員（日勤のみ）"), "{list}");
        for (path, body) in [
            ("/api/employer/postings/editor", format!("id={id}")),
            ("/api/employer/postings/preview", format!("id={id}")),
            ("/api/employer/postings/submit", format!("id={id}")),
            ("/api/employer/postings/copy", format!("id={id}")),
            ("/api/employer/postings/extend", format!("id={id}")),
            (
                "/api/employer/postings/end",
                format!("id={id}&how=withdraw"),
            ),
            (
                "/api/employer/postings/self_application",
                format!("id={id}&on=true"),
            ),
        ] {
            let (status, body) = act(&app, &rival, path, &body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        }
        let (status, _) = save(&app, &rival, Some(id), &lawful()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let unchanged = row(&app, id).await;
        assert_eq!(unchanged.status, "draft");
        assert_eq!(unchanged.title, "介護職員（日勤のみ）");

        // Seekers and visitors reach none of it.
        let seeker = session_of(&app, "seeker@example.jp").await;
        let (status, _) = act(&app, &seeker, "/api/employer/postings", "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = act(&app, &seeker, "/api/staff/review_queue", "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (res, _) = call(
            &app,
            "/api/employer/postings/editor",
            &format!("id={id}"),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        // A draft has no public page.
        let (res, _) = page(&app, "/employer/postings/new", None).await;
        assert_ne!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}

#[tokio::test]
async fn two_acceptances_at_once_take_consecutive_numbers() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let office = demo_office(&app).await;
        let staff = staff_of(&app, "staff-home@example.jp", &office).await;
        let mut ids = Vec::new();
        for _ in 0..4 {
            let (_, saved) = save(&app, &employer, None, &lawful()).await;
            let id = saved["id"].as_i64().unwrap() as i32;
            let (status, _) = act(
                &app,
                &employer,
                "/api/employer/postings/submit",
                &format!("id={id}"),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            ids.push(id);
        }
        let accept = |id: i32| {
            let (app, staff) = (&app, staff.clone());
            async move { act(app, &staff, "/api/staff/accept", &format!("id={id}")).await }
        };
        let (a, b, c, d) = tokio::join!(
            accept(ids[0]),
            accept(ids[1]),
            accept(ids[2]),
            accept(ids[3])
        );
        let mut serials: Vec<u32> = [a, b, c, d]
            .into_iter()
            .map(|(status, body)| {
                assert_eq!(status, StatusCode::OK, "{backend:?}: {body}");
                let number: String = serde_json::from_str(&body).unwrap();
                number[6..].parse().unwrap()
            })
            .collect();
        serials.sort();
        assert!(serials.windows(2).all(|w| w[1] == w[0] + 1), "{serials:?}");
    }
}

#[tokio::test]
async fn the_establishment_keeps_its_profile_and_only_its_users_change_it() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let (status, body) = act(&app, &employer, "/api/employer/establishment", "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("社会福祉法人あおば会"), "{body}");
        let form = |url: &str| {
            format!(
                "form[industry]={}&form[size]=30-99&form[description]={}&form[url]={}",
                urlencode("老人福祉・介護事業"),
                urlencode("<b>文京区</b>の特別養護老人ホームです。"),
                urlencode(url)
            )
        };
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/establishment/save",
            &form("javascript:alert(1)"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("url"), "{body}");
        let (status, body) = act(
            &app,
            &employer,
            "/api/employer/establishment/save",
            &form("https://aoba.example.jp/"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let est = establishment::Entity::find()
            .filter(establishment::Column::Name.eq("社会福祉法人あおば会"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        // Stored as typed (shown as text, never as markup), audited with the user.
        assert_eq!(est.description, "<b>文京区</b>の特別養護老人ホームです。");
        assert_eq!(est.url.as_deref(), Some("https://aoba.example.jp/"));
        let audited = madoguchi_db::entity::audit_log::Entity::find()
            .filter(madoguchi_db::entity::audit_log::Column::Entity.eq("establishment"))
            .filter(madoguchi_db::entity::audit_log::Column::EntityId.eq(i64::from(est.id)))
            .all(&app.db)
            .await
            .unwrap();
        assert!(
            audited
                .iter()
                .any(|a| a.action == "update" && a.actor_user_id.is_some())
        );
        // A rival establishment changes its own, never this one.
        let rival = rival_employer(&app, "rival@example.jp").await;
        let (status, _) = act(
            &app,
            &rival,
            "/api/employer/establishment/save",
            &form("https://rival.example.jp/"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let again = establishment::Entity::find_by_id(est.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.url.as_deref(), Some("https://aoba.example.jp/"));
        let seeker = session_of(&app, "seeker@example.jp").await;
        let (status, _) = act(
            &app,
            &seeker,
            "/api/employer/establishment/save",
            &form("https://x.example.jp/"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}
