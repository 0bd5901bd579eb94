//! 直接リクエスト: the employer searches public seekers by their wishes
//! (never seeing a name or contact), invites at most ten a posting and
//! each once, only to an open posting of its own that takes
//! self-applications; the seeker sees and declines only their own. On
//! SQLite and PostgreSQL.

mod common;

use common::calls::*;
use common::{TestApp, app, backends};
use http::StatusCode;
use madoguchi_db::account::NewAccount;
use madoguchi_db::entity::{establishment, posting, seeker};
use madoguchi_shared::account::Role;
use madoguchi_shared::direct::SeekerPage;
use madoguchi_shared::posting::EmploymentType;
use madoguchi_shared::seeker::SeekerProfile;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// A seeker account whose 求職情報 is public (or not), wishing `occupation`
/// in Tokyo; answers the seeker id.
async fn seeker_with(app: &TestApp, n: usize, occupation: &str, public: bool) -> i32 {
    let email = format!("public-{n}@example.jp");
    let user = madoguchi_db::account::register_seeker(
        &app.db,
        NewAccount {
            email: email.clone(),
            password_hash: madoguchi_db::account::hash_password(PASSWORD.to_owned())
                .await
                .unwrap(),
            role: Role::Seeker,
            display_name: format!("秘密 太郎{n}"),
            office_id: None,
            establishment_id: None,
        },
        format!("秘密 太郎{n}"),
        "ヒミツ タロウ".to_owned(),
    )
    .await
    .unwrap();
    let row = seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let profile = SeekerProfile {
        name: format!("秘密 太郎{n}"),
        phone: Some("090-0000-1111".to_owned()),
        wished_occupations: vec![occupation.to_owned()],
        wished_prefectures: vec![13],
        wished_employment: vec![EmploymentType::Regular],
        work_history: "特別養護老人ホームで5年".to_owned(),
        public,
        ..Default::default()
    };
    // Saved as the seeker's own form saves it.
    assert!(
        madoguchi_db::profile::save(&app.db, user, &profile)
            .await
            .unwrap()
    );
    row.id
}

/// A published posting of the demo establishment, with self-application
/// switched on or off.
async fn demo_posting(app: &TestApp, self_application: bool) -> i32 {
    let est = establishment::Entity::find()
        .filter(establishment::Column::Name.eq("社会福祉法人あおば会"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let row = posting::Entity::find()
        .filter(posting::Column::EstablishmentId.eq(est.id))
        .filter(posting::Column::Status.eq("published"))
        .filter(posting::Column::ValidUntil.gte(today))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo establishment has a published posting");
    let id = row.id;
    let mut m: posting::ActiveModel = row.into();
    m.accepts_self_application = Set(self_application);
    m.arrangement = Set("direct".to_owned());
    m.employment_type = Set("regular".to_owned());
    m.workplace_named = Set(true);
    m.update(&app.db).await.unwrap();
    id
}

async fn post(app: &TestApp, cookie: &str, path: &str, body: &str) -> (StatusCode, String) {
    let (res, body) = call(app, path, body, Some(cookie)).await;
    (res.status(), body)
}

#[tokio::test]
async fn an_employer_invites_at_most_ten_public_seekers_once_each() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let posting = demo_posting(&app, true).await;
        let mut carers = Vec::new();
        for n in 0..12 {
            carers.push(seeker_with(&app, n, "介護職員", true).await);
        }
        let clerk = seeker_with(&app, 12, "一般事務", true).await;
        let hidden = seeker_with(&app, 13, "介護職員", false).await;

        // The search finds public seekers by their wishes, and shows no
        // name or contact.
        let search = |q: String| {
            let (app, employer) = (&app, employer.clone());
            async move { post(app, &employer, "/api/employer/direct/seekers", &q).await }
        };
        let (status, body) = search(format!(
            "posting_id={posting}&occupation=%E4%BB%8B%E8%AD%B7"
        ))
        .await;
        assert_eq!(status, StatusCode::OK, "{backend:?}: {body}");
        let page: SeekerPage = serde_json::from_str(&body).unwrap();
        let found: Vec<i32> = page.seekers.iter().map(|s| s.id).collect();
        assert_eq!(page.total, 12, "{body}");
        assert!(carers.iter().all(|c| found.contains(c)));
        assert!(!found.contains(&hidden) && !found.contains(&clerk));
        assert!(
            !body.contains("秘密") && !body.contains("090-0000-1111"),
            "{body}"
        );
        // Pages past the limit, even ones whose offset would overflow, are
        // a 400 naming the page, never a server error.
        for page in ["0", "1001", "18446744073709551615"] {
            let (status, body) = search(format!("posting_id={posting}&page={page}")).await;
            assert_eq!(
                status,
                StatusCode::BAD_REQUEST,
                "{backend:?} {page}: {body}"
            );
            assert!(body.contains("page"), "{body}");
        }
        let (_, body) = search(format!("posting_id={posting}&prefecture=27")).await;
        let page: SeekerPage = serde_json::from_str(&body).unwrap();
        assert_eq!(page.total, 0);
        let (status, _) = search(format!("posting_id={posting}&prefecture=99")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        // Ten requests go out; the eleventh is refused; nobody twice.
        let send = |seeker: i32, message: &str| {
            let (app, employer) = (&app, employer.clone());
            let body = format!(
                "posting_id={posting}&seeker_id={seeker}&message={}",
                urlencode(message)
            );
            async move { post(app, &employer, "/api/employer/direct/send", &body).await }
        };
        let (status, _) = send(carers[0], " ").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = send(carers[0], &"あ".repeat(301)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = send(hidden, "ぜひご応募ください").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        for c in &carers[..10] {
            let (status, body) = send(*c, "介護のご経験を生かせる職場です。").await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        let (status, body) = send(carers[0], "もう一度").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, body) = send(carers[10], "11人目").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("TooMany"), "{body}");
        let (_, body) = search(format!("posting_id={posting}")).await;
        let page: SeekerPage = serde_json::from_str(&body).unwrap();
        assert_eq!(page.sent, 10);
        assert!(page.seekers.iter().filter(|s| s.requested).count() == 10);

        // Another establishment reaches neither the search nor the send;
        // a posting without self-application takes no requests.
        let rival = rival_employer(&app, "rival@example.jp").await;
        let (status, _) = post(
            &app,
            &rival,
            "/api/employer/direct/seekers",
            &format!("posting_id={posting}"),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = post(
            &app,
            &rival,
            "/api/employer/direct/send",
            &format!("posting_id={posting}&seeker_id={}&message=x", carers[11]),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        demo_posting(&app, false).await;
        let (status, _) = send(carers[11], "受付停止後").await;
        assert_eq!(status, StatusCode::CONFLICT);
        let seeker = session_of(&app, "seeker@example.jp").await;
        let (status, _) = post(
            &app,
            &seeker,
            "/api/employer/direct/seekers",
            &format!("posting_id={posting}"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn seekers_see_and_decline_only_their_own_requests() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let posting = demo_posting(&app, true).await;
        let invited = seeker_with(&app, 1, "介護職員", true).await;
        seeker_with(&app, 2, "介護職員", true).await;
        let (status, body) = post(
            &app,
            &employer,
            "/api/employer/direct/send",
            &format!(
                "posting_id={posting}&seeker_id={invited}&message={}",
                urlencode("夜勤なしの職場です")
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mine = session_of(&app, "public-1@example.jp").await;
        let other = session_of(&app, "public-2@example.jp").await;
        let (_, body) = post(&app, &mine, "/api/mypage/direct_requests", "").await;
        let requests: Vec<madoguchi_shared::direct::ReceivedRequest> =
            serde_json::from_str(&body).unwrap();
        assert_eq!(requests.len(), 1, "{body}");
        let r = &requests[0];
        assert_eq!(r.message, "夜勤なしの職場です");
        assert!(r.open && !r.declined && !r.applied);
        let (_, body) = post(&app, &other, "/api/mypage/direct_requests", "").await;
        assert_eq!(body, "[]");
        let (status, _) = post(
            &app,
            &other,
            "/api/mypage/direct_requests/decline",
            &format!("id={}", r.id),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = post(
            &app,
            &mine,
            "/api/mypage/direct_requests/decline",
            &format!("id={}", r.id),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = post(
            &app,
            &mine,
            "/api/mypage/direct_requests/decline",
            &format!("id={}", r.id),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (_, body) = post(&app, &mine, "/api/mypage/direct_requests", "").await;
        assert!(body.contains(r#""declined":true"#), "{body}");
        let (status, _) = post(&app, &employer, "/api/mypage/direct_requests", "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}

/// The search for seekers to invite is filtered and paged in the
/// database: pages hold `PER_PAGE` and the total counts all matches;
/// `%` and `_` in the occupation are letters, not wildcards; a profile
/// made private is found no more, and the prefecture and employment
/// filters match whole codes.
#[tokio::test]
async fn the_seeker_search_pages_in_the_database_and_takes_wildcards_as_letters() {
    use madoguchi_shared::direct::PER_PAGE;
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let posting = demo_posting(&app, true).await;
        let n = PER_PAGE + 3;
        let mut carers = Vec::new();
        for i in 0..n {
            carers.push(seeker_with(&app, i, "介護職員", true).await);
        }
        let odd = seeker_with(&app, n, "100%_介護", true).await;
        let search = |q: String| {
            let (app, employer) = (&app, employer.clone());
            async move {
                let (status, body) = post(app, &employer, "/api/employer/direct/seekers", &q).await;
                assert_eq!(status, StatusCode::OK, "{body}");
                serde_json::from_str::<SeekerPage>(&body).unwrap()
            }
        };
        let q = |extra: &str| format!("posting_id={posting}&{extra}");
        let first = search(q("occupation=%E4%BB%8B%E8%AD%B7")).await;
        let second = search(q("occupation=%E4%BB%8B%E8%AD%B7&page=2")).await;
        assert_eq!(first.total, n as u64 + 1, "{backend:?}");
        assert_eq!(first.seekers.len(), PER_PAGE);
        assert_eq!(second.seekers.len(), 4);
        let mut seen: Vec<i32> = first
            .seekers
            .iter()
            .chain(&second.seekers)
            .map(|s| s.id)
            .collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n + 1, "no seeker on two pages");
        let far = search(q("page=50")).await;
        assert!(far.seekers.is_empty());
        assert_eq!(far.total, n as u64 + 1);

        for (word, want) in [("%25", vec![odd]), ("_", vec![odd]), ("%25%25", vec![])] {
            let page = search(q(&format!("occupation={word}"))).await;
            let ids: Vec<i32> = page.seekers.iter().map(|s| s.id).collect();
            assert_eq!(ids, want, "{backend:?} {word}");
        }
        assert_eq!(search(q("prefecture=1")).await.total, 0, "13 is not 1");
        assert_eq!(search(q("prefecture=13")).await.total, n as u64 + 1);
        assert_eq!(search(q("employment=part_time")).await.total, 0);

        // Made private by its seeker: gone from the search.
        let user = madoguchi_db::entity::seeker::Entity::find_by_id(carers[0])
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .user_id;
        let mut profile = madoguchi_db::profile::mine(&app.db, user)
            .await
            .unwrap()
            .unwrap()
            .profile;
        profile.public = false;
        madoguchi_db::profile::save(&app.db, user, &profile)
            .await
            .unwrap();
        let page = search(q("occupation=%E4%BB%8B%E8%AD%B7")).await;
        assert_eq!(page.total, n as u64);
    }
}
