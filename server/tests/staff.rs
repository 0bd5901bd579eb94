//! The staff console through its server functions: registration at the
//! counter, the online referral with its refusals, the letter's number,
//! follow-up and a result by telephone, expiry, another office and other
//! roles refused, the audit of reads, and statistics against a
//! hand-counted fixture; on SQLite and PostgreSQL.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::calls::*;
use common::{TestApp, app, backends};
use http::StatusCode;
use madoguchi_db::entity::{
    application, audit_log, counter_link_code, posting, referral, referral_letter, user_account,
};
use madoguchi_db::staff::referrals::{NotRecommended, Recommendation, may_skip};
use madoguchi_shared::staff::Confirmation;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter,
};

/// A published posting that takes referrals, of an establishment with a
/// MyPage, that `seeker_id` has not applied or been recommended to.
async fn open_posting(app: &TestApp, seeker_id: i32) -> posting::Model {
    let today = madoguchi_shared::today_in_japan(Utc::now());
    let used: Vec<i32> = application::Entity::find()
        .filter(application::Column::SeekerId.eq(seeker_id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.posting_id)
        .chain(
            referral::Entity::find()
                .filter(referral::Column::SeekerId.eq(seeker_id))
                .all(&app.db)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.posting_id),
        )
        .collect();
    posting::Entity::find()
        .filter(posting::Column::Status.eq("published"))
        .filter(posting::Column::AcceptsReferral.eq(true))
        .filter(posting::Column::ValidUntil.gte(today))
        .filter(posting::Column::Id.is_not_in(used))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an open posting")
}

async fn ready(backend: common::Backend) -> (TestApp, String) {
    let app = app(backend).await;
    madoguchi_db::demo::seed_demo_accounts(&app.db)
        .await
        .unwrap();
    let staff = session_of(&app, "staff@example.jp").await;
    (app, staff)
}

fn link_form(code: &str) -> String {
    form(&[
        ("mode", "link"),
        ("code", code),
        ("name", "佐藤 健"),
        ("name_kana", "サトウ ケン"),
        ("birth_date", "1995-05-05"),
        ("phone", "080-1111-2222"),
    ])
}

/// The code the logged-in seeker's MyPage shows, as shown (`ABCD-EFGH`).
async fn link_code(app: &TestApp, seeker: &str) -> String {
    let (res, body) = call(app, "/api/profile/link-code", "", Some(seeker)).await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let code = v["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 9, "{code}");
    assert_eq!(&code[4..5], "-");
    assert_eq!(v["valid_until"].as_str().unwrap().len(), 5, "{body}");
    code
}

#[tokio::test]
async fn counter_registration_links_an_internet_only_mypage_once() {
    for backend in backends() {
        let (app, staff) = ready(backend).await;
        let before = seeker_of(&app, "seeker2@example.jp").await;
        assert_eq!(before.kind, "internet_only");
        // Not registered: no referral yet.
        let posting = open_posting(&app, before.id).await;
        let body = form(&[
            ("seeker", &before.id.to_string()),
            ("posting", &posting.id.to_string()),
            ("confirmation", "confirmed"),
            ("suitability", "希望に合う"),
        ]);
        let (res, _) = call(&app, "/api/staff/recommend", &body, Some(&staff)).await;
        // The internet-only seeker is no seeker of the office yet.
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend:?}");

        let seeker2 = session_of(&app, "seeker2@example.jp").await;
        let code = link_code(&app, &seeker2).await;
        // Typed as staff may type it: lower case, without the hyphen.
        let typed = code.replace('-', " ").to_lowercase();
        let (res, body) = call(
            &app,
            "/api/staff/register",
            &link_form(&typed),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        let after = seeker_of(&app, "seeker2@example.jp").await;
        assert_eq!(body, after.id.to_string());
        assert_eq!(after.kind, "registered");
        let number = after.seeker_number.clone().unwrap();
        assert!(number.starts_with("13010-"), "{number}");
        assert_eq!(number.len(), 14);
        let today = madoguchi_shared::today_in_japan(Utc::now());
        assert_eq!(
            after.registration_valid_until,
            Some(madoguchi_shared::seeker::registration_valid_until(today))
        );
        assert_eq!(after.registered_on, Some(today));
        assert_eq!(after.birth_date, NaiveDate::from_ymd_opt(1995, 5, 5));
        // Numbers differ from the demo seeker's.
        let demo = seeker_of(&app, "seeker@example.jp").await;
        assert_ne!(demo.seeker_number, after.seeker_number);

        // The code works once; a registered seeker gets no new one; a
        // malformed code and a bad reading are named by their field.
        let (res, body) = call(&app, "/api/staff/register", &link_form(&code), Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{body}");
        assert!(body.contains("bad_link_code"), "{body}");
        let (res, _) = call(&app, "/api/profile/link-code", "", Some(&seeker2)).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let (res, body) = call(
            &app,
            "/api/staff/register",
            &link_form("ABCD-EFG0"),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("code"), "{body}");
        let bad = link_form(&code).replace("name_kana=", "name_kana=x");
        let (res, body) = call(&app, "/api/staff/register", &bad, Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");

        // A new MyPage at the counter logs in with the seeker's password.
        let new = form(&[
            ("mode", "new"),
            ("email", "counter@example.jp"),
            ("password", "counter-password-1"),
            ("name", "窓口 花子"),
            ("name_kana", "マドグチ ハナコ"),
            ("birth_date", "1980-01-31"),
        ]);
        let (res, body) = call(&app, "/api/staff/register", &new, Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let (res, _) = login(&app, "counter@example.jp", "counter-password-1").await;
        assert_eq!(res.status(), StatusCode::OK);
        let (res, _) = call(&app, "/api/staff/register", &new, Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);

        // The registration is audited.
        let audited = audit_log::Entity::find()
            .filter(audit_log::Column::Entity.eq("seeker_registration"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(audited, 2, "{backend:?}");
    }
}

#[tokio::test]
async fn seekers_and_employers_never_reach_the_console_and_another_office_sees_nothing() {
    for backend in backends() {
        let (app, staff) = ready(backend).await;
        let demo = seeker_of(&app, "seeker@example.jp").await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        let employer = session_of(&app, "employer@example.jp").await;
        let id = format!("id={}", demo.id);
        for path in [
            "/api/staff/seeker",
            "/api/staff/seeker/suitable",
            "/api/staff/follow_up",
            "/api/staff/statistics",
        ] {
            let body = if path.ends_with("follow_up") {
                "mine=false"
            } else {
                id.as_str()
            };
            for cookie in [&seeker, &employer] {
                let (res, _) = call(&app, path, body, Some(cookie)).await;
                assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend:?} {path}");
            }
            let (res, _) = call(&app, path, body, None).await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
        }
        let (res, _) = page(&app, "/staff/statistics.csv", Some(&seeker)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);

        // The office's own staff read the ledger, and the read is audited.
        let reads = || async {
            audit_log::Entity::find()
                .filter(audit_log::Column::Entity.eq("seeker"))
                .filter(audit_log::Column::EntityId.eq(i64::from(demo.id)))
                .count(&app.db)
                .await
                .unwrap()
        };
        let before = reads().await;
        let (res, body) = call(&app, "/api/staff/seeker", &id, Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(body.contains(&demo.name), "{body}");
        assert_eq!(reads().await, before + 1);
        let (res, body) = call(
            &app,
            "/api/staff/seekers",
            &form(&[("name", &demo.name_kana[..6])]),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(body.contains(&demo.name), "{body}");
        assert_eq!(reads().await, before + 2);

        // Staff of another office: the seeker does not exist for them.
        let other = staff_of(&app, "osaka@example.jp", "27010").await;
        for path in ["/api/staff/seeker", "/api/staff/seeker/suitable"] {
            let (res, _) = call(&app, path, &id, Some(&other)).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend:?} {path}");
        }
        let (res, body) = call(
            &app,
            "/api/staff/seekers",
            &form(&[("name", &demo.name_kana[..6])]),
            Some(&other),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(body, "[]");
        let posting = open_posting(&app, demo.id).await;
        let body = form(&[
            ("seeker", &demo.id.to_string()),
            ("posting", &posting.id.to_string()),
            ("confirmation", "confirmed"),
            ("suitability", "x"),
        ]);
        let (res, _) = call(&app, "/api/staff/recommend", &body, Some(&other)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            referral::Entity::find()
                .filter(referral::Column::PostingId.eq(posting.id))
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
    }
}

#[tokio::test]
async fn the_referral_flow_from_recommendation_to_a_result_by_telephone() {
    for backend in backends() {
        let (app, staff) = ready(backend).await;
        let demo = seeker_of(&app, "seeker@example.jp").await;
        let posting = open_posting(&app, demo.id).await;

        // The suitability list explains every posting it offers.
        let (res, body) = call(
            &app,
            "/api/staff/seeker/suitable",
            &format!("id={}", demo.id),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let list: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(!list.as_array().unwrap().is_empty(), "{body}");
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .all(|m| m["judgement"]["reasons"].as_array().unwrap().len() >= 8)
        );

        // A 公開範囲 3 posting (staff only, never in the search index) as
        // good as the best one, with a higher wage, is offered too.
        let best = posting::Entity::find_by_id(list[0]["posting_id"].as_i64().unwrap() as i32)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut hidden = best.clone().into_active_model();
        hidden.id = NotSet;
        let office = best.number.as_deref().unwrap()[..5].to_owned();
        hidden.number = Set(Some(format!("{office}-99999999")));
        hidden.disclosure = Set(madoguchi_shared::posting::Disclosure::StaffOnly.number());
        hidden.wage_min = Set(best.wage_min + 10_000);
        hidden.wage_max = Set(best.wage_max + 10_000);
        let hidden = hidden.insert(&app.db).await.unwrap();
        let (_, body) = call(
            &app,
            "/api/staff/seeker/suitable",
            &format!("id={}", demo.id),
            Some(&staff),
        )
        .await;
        let list: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(
            list.as_array()
                .expect("a list")
                .iter()
                .any(|m| m["posting_id"] == hidden.id),
            "{body}"
        );

        let send = |confirmation: &str, posting: i32| {
            form(&[
                ("seeker", &demo.id.to_string()),
                ("posting", &posting.to_string()),
                ("confirmation", confirmation),
                ("suitability", "希望職種・勤務地に合う"),
            ])
        };
        let (res, body) = call(
            &app,
            "/api/staff/recommend",
            &send("bogus", posting.id),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        let (res, body) = call(
            &app,
            "/api/staff/recommend",
            &send("confirmed", posting.id),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        let referral_id: i32 = body.parse().unwrap();
        let r = referral::Entity::find_by_id(referral_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(r.status, "recommended");
        assert!(r.employer_confirmed_at.is_some());
        let today = madoguchi_shared::today_in_japan(Utc::now());
        assert_eq!(r.deadline, today + chrono::Days::new(7));
        // Twice: refused, nothing added.
        let (res, body) = call(
            &app,
            "/api/staff/recommend",
            &send("confirmed", posting.id),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{body}");
        assert!(body.contains("duplicate"));

        // A posting that does not take referrals, and one that closed.
        let mut other = open_posting(&app, demo.id).await.into_active_model();
        let other_id = *other.id.as_ref();
        other.accepts_referral = Set(false);
        other.update(&app.db).await.unwrap();
        let (res, body) = call(
            &app,
            "/api/staff/recommend",
            &send("confirmed", other_id),
            Some(&staff),
        )
        .await;
        assert!(body.contains("no_referral"), "{res:?} {body}");
        let mut closed = posting::Entity::find_by_id(other_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        closed.accepts_referral = Set(true);
        closed.status = Set("closed".into());
        closed.update(&app.db).await.unwrap();
        let (_, body) = call(
            &app,
            "/api/staff/recommend",
            &send("confirmed", other_id),
            Some(&staff),
        )
        .await;
        assert!(body.contains("posting_closed"), "{body}");

        // The seeker applies in time: the letter gets its number.
        let applied = madoguchi_db::referral::apply(
            &app.db,
            demo.user_id,
            madoguchi_db::referral::ReferralApplication {
                referral_id,
                motivation: "経験を活かしたいと考えています。",
                idempotency_key: "k-0123456789abcdef0123",
                documents: &[],
            },
            today,
        )
        .await
        .unwrap()
        .unwrap();
        let letter = referral_letter::Entity::find()
            .filter(referral_letter::Column::ApplicationId.eq(applied.id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let number = letter.number.clone().unwrap();
        assert!(
            number.starts_with(&format!("13010-{}-", chrono::Datelike::year(&today))),
            "{number}"
        );

        // Not overdue yet: follow-up is empty; three weeks on it is listed.
        let (_, body) = call(&app, "/api/staff/follow_up", "mine=false", Some(&staff)).await;
        assert!(
            !body.contains(&format!("\"application_id\":{}", applied.id)),
            "{body}"
        );
        let mut old = application::Entity::find_by_id(applied.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        old.created_at = Set(Utc::now() - chrono::TimeDelta::days(21));
        old.update(&app.db).await.unwrap();
        let (_, body) = call(&app, "/api/staff/follow_up", "mine=true", Some(&staff)).await;
        assert!(
            body.contains(&format!("\"application_id\":{}", applied.id)),
            "{body}"
        );
        assert!(body.contains("\"days_waiting\":21"), "{body}");
        // Another office's staff do not see it, nor record its result.
        let osaka = staff_of(&app, "osaka@example.jp", "27010").await;
        let (_, body) = call(&app, "/api/staff/follow_up", "mine=false", Some(&osaka)).await;
        assert_eq!(body, "[]");
        let result = format!("id={}&result=hired", applied.id);
        let (res, _) = call(&app, "/api/staff/result", &result, Some(&osaka)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // The result by telephone: recorded once, on the letter too.
        let (res, body) = call(&app, "/api/staff/result", &result, Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert_eq!(body, "\"hired\"");
        let letter = referral_letter::Entity::find_by_id(letter.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(letter.result.as_deref(), Some("hired"));
        let (res, _) = call(&app, "/api/staff/result", &result, Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let (_, body) = call(&app, "/api/staff/follow_up", "mine=false", Some(&staff)).await;
        assert!(
            !body.contains(&format!("\"application_id\":{}", applied.id)),
            "{body}"
        );
    }
}

#[tokio::test]
async fn closed_registrations_take_no_referral_and_unused_recommendations_expire() {
    for backend in backends() {
        let (app, staff) = ready(backend).await;
        let demo = seeker_of(&app, "seeker@example.jp").await;
        let posting = open_posting(&app, demo.id).await;
        let (res, body) = call(
            &app,
            "/api/staff/seeker/registration",
            &format!("id={}&active=false", demo.id),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let staff_user = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("staff@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let office = staff_user.office_id.unwrap();
        let noon = Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap(); // Wednesday 12:00 JST
        let r = |confirmation| Recommendation {
            seeker_id: demo.id,
            posting_id: posting.id,
            confirmation,
            suitability: "x",
            deadline_days: 7,
        };
        let now = Utc::now();
        let refused = madoguchi_db::staff::referrals::recommend(
            &app.db,
            staff_user.id,
            office,
            r(Confirmation::Confirmed),
            now,
        )
        .await
        .unwrap();
        assert_eq!(refused, Err(NotRecommended::NotRegistered), "{backend:?}");
        let (res, _) = call(
            &app,
            "/api/staff/seeker/registration",
            &format!("id={}&active=true", demo.id),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        // Skipping the call at noon on a weekday is refused.
        if !may_skip(Confirmation::SkippedNight, now) {
            let refused = madoguchi_db::staff::referrals::recommend(
                &app.db,
                staff_user.id,
                office,
                r(Confirmation::SkippedNight),
                now,
            )
            .await
            .unwrap();
            assert_eq!(refused, Err(NotRecommended::ConfirmationNeeded));
        }
        assert!(!may_skip(Confirmation::SkippedNight, noon));
        assert!(!may_skip(Confirmation::SkippedSaturday, noon));
        let saturday = Utc.with_ymd_and_hms(2026, 12, 5, 3, 0, 0).unwrap();
        assert!(may_skip(Confirmation::SkippedSaturday, saturday));
        let night = Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0).unwrap(); // 19:00 JST
        assert!(may_skip(Confirmation::SkippedNight, night));

        let id = madoguchi_db::staff::referrals::recommend(
            &app.db,
            staff_user.id,
            office,
            r(Confirmation::Confirmed),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        let today = madoguchi_shared::today_in_japan(now);
        // Not due yet; then past the deadline, once.
        let due = madoguchi_db::staff::referrals::expire_due(&app.db, today)
            .await
            .unwrap();
        let still = referral::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(still.status, "recommended", "{due}");
        let later = today + chrono::Days::new(8);
        assert!(
            madoguchi_db::staff::referrals::expire_due(&app.db, later)
                .await
                .unwrap()
                >= 1
        );
        assert_eq!(
            madoguchi_db::staff::referrals::expire_due(&app.db, later)
                .await
                .unwrap(),
            0
        );
        let gone = referral::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(gone.status, "expired");
        let refused = madoguchi_db::referral::apply(
            &app.db,
            demo.user_id,
            madoguchi_db::referral::ReferralApplication {
                referral_id: id,
                motivation: "遅れました",
                idempotency_key: "k-fedcba9876543210fedc",
                documents: &[],
            },
            later,
        )
        .await
        .unwrap();
        assert!(refused.is_err());
    }
}

/// A hand-counted year at office 13010: two postings, one seeker, a
/// referral with its hire and a self-application.
#[tokio::test]
async fn statistics_agree_with_a_hand_counted_year() {
    for backend in backends() {
        let (app, _staff) = ready(backend).await;
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let at = |m, day| Utc.with_ymd_and_hms(2025, m, day, 3, 0, 0).unwrap();
        let office = madoguchi_db::account::office_id(&app.db, "13010")
            .await
            .unwrap()
            .unwrap();
        let template = posting::Entity::find()
            .filter(posting::Column::OfficeId.eq(office))
            .one(&app.db)
            .await
            .unwrap()
            .expect("a featured posting of 13010");
        let add = |n: &str, accepted, until, openings: i16, status: &str, updated| {
            let mut p = template.clone().into_active_model().reset_all();
            p.id = NotSet;
            p.number = Set(Some(n.to_owned()));
            p.accepted_on = Set(accepted);
            p.valid_until = Set(until);
            p.openings = Set(openings);
            p.status = Set(status.to_owned());
            p.updated_at = Set(updated);
            p
        };
        let a = add(
            "13010-88000001",
            d(3, 10),
            d(5, 31),
            2,
            "published",
            at(3, 10),
        )
        .insert(&app.db)
        .await
        .unwrap();
        let b = add("13010-88000002", d(4, 20), d(6, 30), 1, "closed", at(5, 2))
            .insert(&app.db)
            .await
            .unwrap();
        let demo = seeker_of(&app, "seeker@example.jp").await;
        let mut s = demo.clone().into_active_model();
        s.registered_on = Set(Some(d(4, 5)));
        s.registration_valid_until = Set(Some(d(6, 30)));
        s.update(&app.db).await.unwrap();
        let staff_user = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("staff@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let r = referral::ActiveModel {
            seeker_id: Set(demo.id),
            posting_id: Set(a.id),
            office_id: Set(office),
            staff_user_id: Set(staff_user.id),
            status: Set("established".into()),
            suitability: Set("x".into()),
            deadline: Set(d(4, 8)),
            employer_confirmed_at: Set(Some(at(4, 1))),
            confirmation_note: Set(None),
            created_at: Set(at(4, 1)),
            updated_at: Set(at(4, 1)),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let apply =
            |posting: i32, referral: Option<i32>, method: &str, status: &str, on, result| {
                application::ActiveModel {
                    seeker_id: Set(demo.id),
                    posting_id: Set(posting),
                    referral_id: Set(referral),
                    method: Set(method.to_owned()),
                    status: Set(status.to_owned()),
                    motivation: Set("x".into()),
                    idempotency_key: Set(None),
                    result_sent_on: Set(result),
                    result_reason: Set(None),
                    rating: Set(None),
                    interview_at: Set(None),
                    created_at: Set(on),
                    updated_at: Set(on),
                    ..Default::default()
                }
            };
        apply(
            a.id,
            Some(r.id),
            "online_referral",
            "hired",
            at(4, 2),
            Some(d(4, 25)),
        )
        .insert(&app.db)
        .await
        .unwrap();
        apply(b.id, None, "self_application", "applied", at(5, 3), None)
            .insert(&app.db)
            .await
            .unwrap();

        let scope = madoguchi_db::staff::statistics::Scope {
            office_id: Some(office),
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let stats = madoguchi_db::staff::statistics::year(&app.db, scope, 2025, today)
            .await
            .unwrap();
        assert_eq!(stats.months.len(), 13);
        let m = |i: usize| &stats.months[i - 1];
        let row = |i: usize| {
            let f = m(i);
            (
                f.new_postings,
                f.active_postings,
                f.new_openings,
                f.active_openings,
                f.new_seekers,
                f.active_seekers,
            )
        };
        assert_eq!(row(2), (0, 0, 0, 0, 0, 0), "{backend:?}");
        assert_eq!(row(3), (1, 1, 2, 2, 0, 0));
        assert_eq!(row(4), (1, 2, 1, 3, 1, 1));
        assert_eq!(row(5), (0, 2, 0, 3, 0, 1));
        assert_eq!(row(6), (0, 0, 0, 0, 0, 1));
        assert_eq!(row(7), (0, 0, 0, 0, 0, 0));
        assert_eq!(
            (m(4).applications_referral, m(4).referrals, m(4).hires),
            (1, 1, 1)
        );
        assert_eq!((m(5).applications_self, m(5).applications_referral), (1, 0));
        assert_eq!(m(4).ratio(), Some(3.0));
        let total = &stats.months[12];
        assert_eq!(total.month, "計");
        assert_eq!(
            (
                total.new_postings,
                total.new_openings,
                total.new_seekers,
                total.referrals,
                total.hires,
                total.applications()
            ),
            (2, 3, 1, 1, 1, 2)
        );
        // The occupation group narrows the postings' side.
        let other_group = if template.occupation_code.starts_with('A') {
            'B'
        } else {
            'A'
        };
        let narrowed = madoguchi_db::staff::statistics::year(
            &app.db,
            madoguchi_db::staff::statistics::Scope {
                office_id: Some(office),
                group: Some(other_group),
                ..Default::default()
            },
            2025,
            today,
        )
        .await
        .unwrap();
        assert_eq!(narrowed.months[12].new_postings, 0);
        assert_eq!(narrowed.months[12].hires, 0);

        // The page's server function and the CSV agree.
        let staff = session_of(&app, "staff@example.jp").await;
        let (res, body) = call(&app, "/api/staff/statistics", "year=2025", Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(body.contains("\"month\":\"2025-04\""));
        let (res, csv) = page(&app, "/staff/statistics.csv?year=2025", Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            csv.contains("\r\n2025-04,1,2,1,3,1,1,1,0,0,1,1,3.00\r\n"),
            "{csv}"
        );
        let (res, _) = call(&app, "/api/staff/statistics", "year=1999", Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let (res, _) = page(&app, "/staff/statistics.csv?pref=99", Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    }
}

/// The takeover the counter link once allowed: someone opens a MyPage
/// with another person's address first; when that person registers at the
/// counter, staff must not be able to link the impostor's MyPage and write
/// the person's name, birth date and phone into it. Only the code the
/// MyPage's owner shows links it, it expires, a newer one replaces it, and
/// a wrong code answers exactly as a used or expired one.
#[tokio::test]
async fn a_mypage_is_linked_only_with_the_code_its_owner_shows() {
    for backend in backends() {
        let (app, staff) = ready(backend).await;
        let other_office = staff_of(&app, "staff-osaka@example.jp", "27010").await;
        // The impostor's MyPage, opened with the victim's address.
        let body = form(&[
            ("email", "victim@example.jp"),
            ("password", PASSWORD),
            ("name", "偽名 太郎"),
            ("name_kana", "ギメイ タロウ"),
        ]);
        let (res, body) = call(&app, "/api/account/register", &body, None).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        let impostor = session_of(&app, "victim@example.jp").await;
        // The impostor cannot show the address is theirs, so their MyPage
        // gives no code to link it with.
        let (res, _) = call(&app, "/api/profile/link-code", "", Some(&impostor)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend:?}");
        assert_eq!(
            counter_link_code::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
        // Below, as if they had got hold of the victim's mailbox too: the
        // code is still what only the MyPage's holder can show.
        verify_address(&app, "victim@example.jp").await;

        // By the address alone: refused, of this office or another.
        let by_address = form(&[
            ("mode", "link"),
            ("email", "victim@example.jp"),
            ("name", "被害 花子"),
            ("name_kana", "ヒガイ ハナコ"),
            ("birth_date", "1990-04-01"),
            ("phone", "090-1234-5678"),
        ]);
        for cookie in [&staff, &other_office] {
            let (res, body) = call(&app, "/api/staff/register", &by_address, Some(cookie)).await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{backend:?} {body}");
            assert!(body.contains("code"), "{body}");
        }
        // A guessed code answers as a used one does: nothing tells staff
        // whether any account exists.
        let victim_form =
            |code: &str| by_address.replace("mode=link", &format!("mode=link&code={code}"));
        let (res, guessed) = call(
            &app,
            "/api/staff/register",
            &victim_form("ABCD-EFGH"),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{guessed}");
        assert!(guessed.contains("bad_link_code"), "{guessed}");

        // A code replaced by a newer one, and an expired one, link nothing.
        let first = link_code(&app, &impostor).await;
        let second = link_code(&app, &impostor).await;
        assert_ne!(first, second);
        let (res, replaced) = call(
            &app,
            "/api/staff/register",
            &victim_form(&first),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(replaced, guessed);
        counter_link_code::Entity::update_many()
            .col_expr(
                counter_link_code::Column::ExpiresAt,
                sea_orm::sea_query::Expr::value(Utc::now() - chrono::Duration::minutes(1)),
            )
            .exec(&app.db)
            .await
            .unwrap();
        let (res, expired) = call(
            &app,
            "/api/staff/register",
            &victim_form(&second),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(expired, guessed);
        let kept = seeker_of(&app, "victim@example.jp").await;
        assert_eq!(kept.kind, "internet_only", "{backend:?}");
        assert_eq!(kept.name, "偽名 太郎");
        assert_eq!(kept.birth_date, None);
        assert_eq!(kept.phone, None);
        // Nor does a new MyPage take the address over: it is taken.
        let new = by_address.replace("mode=link", "mode=new&password=counter-password-1");
        let (res, _) = call(&app, "/api/staff/register", &new, Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(seeker_of(&app, "victim@example.jp").await, kept);

        // Only seekers get codes.
        let employer = session_of(&app, "employer@example.jp").await;
        let (res, _) = call(&app, "/api/profile/link-code", "", Some(&employer)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let (res, _) = call(&app, "/api/profile/link-code", "", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        // The codes are kept as hashes only.
        let stored = counter_link_code::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(stored.len(), 1, "one code per seeker");
        let plain = second.replace('-', "");
        assert!(!stored[0].code_hash.contains(&plain));
        assert_eq!(stored[0].code_hash.len(), 64);
    }
}

/// The name search takes `%` and `_` as typed, not as LIKE's wildcards
/// that would list every seeker of the office.
#[tokio::test]
async fn the_name_search_takes_wildcards_literally() {
    for backend in backends() {
        let (app, staff) = ready(backend).await;
        let (res, body) = call(
            &app,
            "/api/staff/seekers",
            "name=%E5%B1%B1%E7%94%B0",
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        assert!(body.contains("山田"), "{body}");
        for wildcard in ["%25", "_", "%25%25", "%5C", "%E5%B1%B1%25"] {
            let (res, body) = call(
                &app,
                "/api/staff/seekers",
                &format!("name={wildcard}"),
                Some(&staff),
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK, "{backend:?} {wildcard}");
            assert_eq!(body, "[]", "{backend:?} {wildcard}");
        }
    }
}
