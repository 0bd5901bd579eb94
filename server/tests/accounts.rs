//! Registration, login, logout, sessions and who may open which page, on
//! SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use common::calls::*;
use common::{Backend, TestApp, app, backends, split};
use http::{Request, StatusCode, header};
use madoguchi_db::account::NewAccount;
use madoguchi_db::entity::{job, seeker, session, user_account};
use madoguchi_shared::account::Role;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

/// The seeker record of the account with `email`.
async fn seeker_by_email(db: &madoguchi_db::Db, email: &str) -> seeker::Model {
    use sea_orm::{ColumnTrait, QueryFilter};
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn register(app: &TestApp, email: &str) -> (http::Response<()>, String) {
    let body = form(&[
        ("email", email),
        ("password", PASSWORD),
        ("name", "山田 太郎"),
        ("name_kana", "ヤマダ タロウ"),
    ]);
    call(app, "/api/account/register", &body, None).await
}

/// Registers, shows the address is the seeker's by the e-mail's link,
/// and logs in: the session cookie.
async fn sign_up(app: &TestApp, email: &str) -> String {
    let (res, body) = register(app, email).await;
    assert_eq!(res.status(), StatusCode::OK, "{email}: {body}");
    verify_address(app, email).await;
    session_of(app, email).await
}

async fn add_account(app: &TestApp, email: &str, role: Role) {
    let office = madoguchi_db::account::office_id(&app.db, "13010")
        .await
        .unwrap();
    madoguchi_db::account::create_account(
        &app.db,
        NewAccount {
            email: email.to_owned(),
            password_hash: madoguchi_db::account::hash_password(PASSWORD.to_owned())
                .await
                .unwrap(),
            role,
            display_name: "職員 一郎".to_owned(),
            office_id: (role == Role::Staff).then_some(office).flatten(),
            establishment_id: None,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_seeker_registers_verifies_the_address_logs_out_and_in_again() {
    for backend in backends() {
        let app = app(backend).await;
        let (res, body) = register(&app, "Taro@Example.jp").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}: {body}");
        // Not logged in: the address is shown first (docs/domain.md,
        // "Accounts").
        assert_eq!(res.headers()[header::LOCATION], "/register/sent");
        assert!(session_cookie(&res).is_none(), "{backend:?}");

        // Stored: address normalised, password hashed with argon2id, an
        // internet-only seeker record, the address unverified and its
        // verification e-mail queued.
        let user = user_account::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.email, "taro@example.jp");
        assert!(user.password_hash.starts_with("$argon2id$"), "{backend:?}");
        assert!(!user.password_hash.contains(PASSWORD));
        assert_eq!(user.email_verified_at, None);
        let seeker = seeker::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!(
            (seeker.kind.as_str(), seeker.user_id),
            ("internet_only", user.id)
        );
        assert_eq!(seeker.name_kana, "ヤマダ\u{3000}タロウ");
        let mails = job::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(mails.len(), 1);
        assert!(
            mails[0].payload.contains("verify_address"),
            "{:?}",
            mails[0]
        );

        // Logged in, unverified: the MyPage says so and offers a new link.
        let (res, body) = login(&app, "taro@example.jp", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let cookie = session_cookie(&res).expect("session cookie");
        let set_cookie = res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
        assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);
        let (_, me) = call(&app, "/api/account/me", "", Some(&cookie)).await;
        assert!(me.contains(r#""email_verified":false"#), "{me}");
        let (_, html) = page(&app, "/mypage", Some(&cookie)).await;
        assert!(html.contains("確認がまだ済んでいません"), "{html}");

        // The link of the e-mail, used in the logged-in browser: back to
        // the MyPage, verified.
        let token = madoguchi_db::account_token::issue(
            &app.db,
            user.id,
            madoguchi_db::account_token::Purpose::Verify,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let verify = form(&[("token", &token)]);
        let (res, body) = call(&app, "/api/account/verify", &verify, Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert_eq!(res.headers()[header::LOCATION], "/mypage");
        let (_, me) = call(&app, "/api/account/me", "", Some(&cookie)).await;
        assert!(me.contains(r#""email_verified":true"#), "{me}");
        assert!(me.contains(r#""role":"seeker""#), "{me}");
        let (res, html) = page(&app, "/mypage", Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("求職者マイページ"));
        assert!(html.contains("山田 太郎"), "{html}");

        // Logout ends the session on the server too.
        let (res, _) = call(&app, "/api/account/logout", "", Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let (_, me) = call(&app, "/api/account/me", "", Some(&cookie)).await;
        assert_eq!(me, "null");

        // Wrong password: 401 and no session; right one: in again.
        let (res, body) = login(&app, "taro@example.jp", "wrong-password-9").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(body, r#""LoginFailed""#);
        assert!(session_cookie(&res).is_none());
        let (res, body) = login(&app, " TARO@example.jp ", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert_eq!(body, r#""seeker""#);
        let cookie = session_cookie(&res).unwrap();
        let (_, me) = call(&app, "/api/account/me", "", Some(&cookie)).await;
        assert!(me.contains("山田 太郎"));
    }
}

#[tokio::test]
async fn registration_validates_every_field_and_writes_nothing_on_failure() {
    let app = app(Backend::Sqlite).await;
    let cases = [
        (("not-an-address", PASSWORD, "山田", "ヤマダ"), "email"),
        (("a@example.jp", "short", "山田", "ヤマダ"), "password"),
        (
            ("a@example.jp", "1234567890123", "山田", "ヤマダ"),
            "password",
        ),
        (("a@example.jp", PASSWORD, "  ", "ヤマダ"), "name"),
        (("a@example.jp", PASSWORD, "山田", "やまだ"), "name_kana"),
        (("a@example.jp", PASSWORD, "山田", "Yamada"), "name_kana"),
    ];
    for ((email, password, name, kana), field) in cases {
        let body = form(&[
            ("email", email),
            ("password", password),
            ("name", name),
            ("name_kana", kana),
        ]);
        let (res, text) = call(&app, "/api/account/register", &body, None).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{field}: {text}");
        assert!(text.contains(&format!(r#""field":"{field}""#)), "{text}");
    }
    // Missing fields are a malformed request, not a 500.
    let (res, _) = call(&app, "/api/account/register", "email=a%40example.jp", None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(seeker::Entity::find().count(&app.db).await.unwrap(), 0);

    // The same address twice: the same answer as a new address (nothing
    // tells the registrant it has an account), one account, and its
    // owner told by e-mail instead.
    let (first, first_body) = register(&app, "a@example.jp").await;
    assert_eq!(first.status(), StatusCode::OK);
    let (res, body) = register(&app, "A@EXAMPLE.JP").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        (res.headers().get(header::LOCATION), &body),
        (first.headers().get(header::LOCATION), &first_body)
    );
    assert!(session_cookie(&res).is_none());
    let mails: Vec<String> = job::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|j| j.payload)
        .collect();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails[1].contains("already_registered"), "{mails:?}");
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    assert_eq!(seeker::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn login_attempts_are_limited() {
    let app = app(Backend::Sqlite).await;
    sign_up(&app, "b@example.jp").await;
    for _ in 0..10 {
        let (res, _) = login(&app, "b@example.jp", "wrong-password-9").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // Now even the right password is refused for a while.
    let (res, body) = login(&app, "b@example.jp", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body, r#""TooManyAttempts""#);
    // Other accounts are not affected.
    sign_up(&app, "c@example.jp").await;
    assert_eq!(
        login(&app, "c@example.jp", PASSWORD).await.0.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn expired_sessions_end() {
    for backend in backends() {
        let app = app(backend).await;
        let cookie = sign_up(&app, "d@example.jp").await;
        let row = session::Entity::find().one(&app.db).await.unwrap().unwrap();
        session::Entity::update(session::ActiveModel {
            id: Set(row.id),
            expires_at: Set(chrono::Utc::now() - chrono::TimeDelta::minutes(1)),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap();
        let (_, me) = call(&app, "/api/account/me", "", Some(&cookie)).await;
        assert_eq!(me, "null", "{backend:?}");
        let (res, _) = call(&app, "/api/account/home", "role=seeker", Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn each_role_opens_only_its_own_pages() {
    for backend in backends() {
        let app = app(backend).await;
        let seeker = sign_up(&app, "seeker@example.jp").await;
        add_account(&app, "staff@example.jp", Role::Staff).await;
        let staff = session_cookie(&login(&app, "staff@example.jp", PASSWORD).await.0).unwrap();
        add_account(&app, "admin@example.jp", Role::Admin).await;
        let admin = session_cookie(&login(&app, "admin@example.jp", PASSWORD).await.0).unwrap();

        let cases: [(Option<&str>, &str, StatusCode); 10] = [
            (None, "seeker", StatusCode::UNAUTHORIZED),
            (None, "staff", StatusCode::UNAUTHORIZED),
            (Some(&seeker), "seeker", StatusCode::OK),
            (Some(&seeker), "staff", StatusCode::FORBIDDEN),
            (Some(&seeker), "employer", StatusCode::FORBIDDEN),
            (Some(&seeker), "admin", StatusCode::FORBIDDEN),
            (Some(&staff), "staff", StatusCode::OK),
            (Some(&staff), "seeker", StatusCode::FORBIDDEN),
            (Some(&admin), "admin", StatusCode::OK),
            (Some(&admin), "seeker", StatusCode::FORBIDDEN),
        ];
        for (cookie, role, expected) in cases {
            let (res, body) =
                call(&app, "/api/account/home", &format!("role={role}"), cookie).await;
            assert_eq!(
                res.status(),
                expected,
                "{backend:?} {role} {cookie:?}: {body}"
            );
        }

        // Pages: a visitor is sent to the login page.
        let (res, _) = page(&app, "/staff", None).await;
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()[header::LOCATION], "/login");
        let (res, html) = page(&app, "/staff", Some(&seeker)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(html.contains("権限がありません"));
        let (res, html) = page(&app, "/staff", Some(&staff)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("職員メニュー"));
    }
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one() {
    let app = app(Backend::Sqlite).await;
    let cookie = sign_up(&app, "e@example.jp").await;
    let (res, body) = call(
        &app,
        "/api/account/password",
        &form(&[
            ("current", "wrong-password-9"),
            ("new_password", "another-password-2"),
        ]),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("WrongPassword"));
    let (res, body) = call(
        &app,
        "/api/account/password",
        &form(&[
            ("current", PASSWORD),
            ("new_password", "another-password-2"),
        ]),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    assert_eq!(
        login(&app, "e@example.jp", PASSWORD).await.0.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "e@example.jp", "another-password-2")
            .await
            .0
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_demo_account_logs_in_to_its_page() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        // Idempotent: a second run adds nothing.
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        assert_eq!(
            user_account::Entity::find().count(&app.db).await.unwrap(),
            5
        );
        for (email, role) in [
            ("seeker@example.jp", "seeker"),
            ("seeker2@example.jp", "seeker"),
            ("employer@example.jp", "employer"),
            ("staff@example.jp", "staff"),
            ("admin@example.jp", "admin"),
        ] {
            let (res, body) = login(&app, email, madoguchi_db::demo::DEMO_PASSWORD).await;
            assert_eq!(body, format!("\"{role}\""), "{backend:?} {email}");
            let cookie = session_cookie(&res).unwrap();
            let (res, _) = call(
                &app,
                "/api/account/home",
                &format!("role={role}"),
                Some(&cookie),
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK, "{email}");
        }
        let registered = seeker::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(
            registered.iter().filter(|s| s.kind == "registered").count(),
            1
        );
        assert_eq!(
            registered
                .iter()
                .filter(|s| s.kind == "internet_only")
                .count(),
            1
        );
    }
}

#[tokio::test]
async fn a_plain_form_login_failure_redirects_back_with_the_reason() {
    let app = app(Backend::Sqlite).await;
    sign_up(&app, "f@example.jp").await;
    let res = app
        .send(
            Request::post("/api/account/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, "http://127.0.0.1/login")
                .body(Body::from(form(&[
                    ("email", "f@example.jp"),
                    ("password", "wrong-password-9"),
                ])))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(
        location.contains("/login?") && location.contains("__err="),
        "{location}"
    );
    // The login page shows the reason from the address.
    let path = location.trim_start_matches("http://127.0.0.1");
    let (_, html) = page(&app, path, None).await;
    assert!(
        html.contains("メールアドレスまたはパスワードが正しくありません"),
        "{html}"
    );
}

fn employer_form<'a>(email: &'a str, prefecture: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("email", email),
        ("password", PASSWORD),
        ("contact_name", "採用 花子"),
        ("establishment_name", "株式会社みどり運輸"),
        ("establishment_kana", "ミドリウンユ"),
        ("prefecture", prefecture),
        ("city", "江東区"),
        ("address", "新砂1丁目2-3"),
        ("industry", "道路貨物運送業"),
        ("size", "30-99"),
    ]
}

#[tokio::test]
async fn an_employer_opens_a_mypage_with_the_establishment() {
    use madoguchi_db::entity::{audit_log, establishment, office};
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        let (res, body) = call(
            &app,
            "/api/account/register_employer",
            &form(&employer_form("hr@midori.example.jp", "13")),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        assert_eq!(res.headers()[header::LOCATION], "/register/sent");
        verify_address(&app, "hr@midori.example.jp").await;
        let cookie = session_of(&app, "hr@midori.example.jp").await;
        let (res, _) = call(&app, "/api/account/home", "role=employer", Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::OK);

        let user = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("hr@midori.example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.role, "employer");
        let est = establishment::Entity::find_by_id(user.establishment_id.unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let tokyo = office::Entity::find()
            .filter(office::Column::Code.eq("13010"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(est.office_id, tokyo.id);
        assert!(est.number.starts_with("1301-"), "{}", est.number);
        assert!(
            est.number
                .parse::<madoguchi_shared::establishment::EstablishmentNumber>()
                .is_ok()
        );
        assert!(est.has_mypage);
        assert_eq!(est.name_kana, "ミドリウンユ");

        // A second establishment of the same area gets the next number.
        let (res, _) = call(
            &app,
            "/api/account/register_employer",
            &form(&employer_form("hr2@midori.example.jp", "13")),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let numbers: std::collections::BTreeSet<String> = establishment::Entity::find()
            .filter(establishment::Column::Number.starts_with("1301-"))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.number)
            .collect();
        assert!(numbers.len() >= 2);

        // Both the establishment and the user are in the audit log.
        let entries = audit_log::Entity::find()
            .filter(audit_log::Column::ActorUserId.eq(user.id))
            .all(&app.db)
            .await
            .unwrap();
        assert!(
            entries
                .iter()
                .any(|e| e.entity == "establishment" && e.action == "create")
        );
        assert!(
            entries
                .iter()
                .any(|e| e.entity == "user_account" && e.action == "create")
        );
    }
}

#[tokio::test]
async fn employer_registration_validates_every_field_and_writes_nothing_on_failure() {
    use madoguchi_db::entity::establishment;
    let app = app(Backend::Sqlite).await;
    let before = establishment::Entity::find().count(&app.db).await.unwrap();
    for (field, bad) in [
        ("establishment_name", ""),
        ("establishment_kana", "みどりうんゆ"),
        ("prefecture", "48"),
        ("prefecture", "tokyo"),
        ("city", ""),
        ("address", " "),
        ("industry", ""),
        ("size", "many"),
        ("contact_name", ""),
        ("email", "not-an-address"),
        ("password", "short"),
    ] {
        let mut pairs = employer_form("v@midori.example.jp", "13");
        for p in pairs.iter_mut() {
            if p.0 == field {
                p.1 = bad;
            }
        }
        let (res, body) = call(&app, "/api/account/register_employer", &form(&pairs), None).await;
        assert_eq!(
            res.status(),
            StatusCode::BAD_REQUEST,
            "{field}={bad}: {body}"
        );
        assert!(
            body.contains(&format!("\"field\":\"{field}\"")),
            "{field}: {body}"
        );
    }
    // A name of 101 characters is too long.
    let long = "あ".repeat(101);
    let mut pairs = employer_form("v@midori.example.jp", "13");
    pairs[3].1 = &long;
    let (res, _) = call(&app, "/api/account/register_employer", &form(&pairs), None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // An address that has an account already: answered as a new one,
    // nothing written.
    register(&app, "taken@example.jp").await;
    let (res, _) = call(
        &app,
        "/api/account/register_employer",
        &form(&employer_form("taken@example.jp", "13")),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::LOCATION], "/register/sent");
    assert_eq!(
        establishment::Entity::find().count(&app.db).await.unwrap(),
        before
    );
}

#[tokio::test]
async fn only_admins_list_and_add_staff_accounts() {
    use madoguchi_db::entity::audit_log;
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let (res, _) = call(&app, "/api/admin/staff", "", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        for email in [
            "seeker@example.jp",
            "employer@example.jp",
            "staff@example.jp",
        ] {
            let cookie = session_of(&app, email).await;
            let (res, body) = call(&app, "/api/admin/staff", "", Some(&cookie)).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email}");
            assert!(!body.contains("staff@example.jp"));
            let (res, _) = call(
                &app,
                "/api/admin/staff/add",
                &form(&[
                    ("email", "sneaky@example.jp"),
                    ("name", "不正"),
                    ("role", "admin"),
                    ("office", ""),
                    ("password", PASSWORD),
                ]),
                Some(&cookie),
            )
            .await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email}");
        }
        let admin = session_of(&app, "admin@example.jp").await;
        let (res, body) = call(&app, "/api/admin/staff", "", Some(&admin)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("staff@example.jp") && !body.contains("seeker@example.jp"));

        let add = |email: &'static str, role: &'static str, office: &'static str| {
            form(&[
                ("email", email),
                ("name", "難波 職員"),
                ("role", role),
                ("office", office),
                ("password", PASSWORD),
            ])
        };
        let (res, body) = call(
            &app,
            "/api/admin/staff/add",
            &add("namba@example.jp", "staff", "27010"),
            Some(&admin),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let (res, body) = login(&app, "namba@example.jp", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(body, "\"staff\"");
        for (form_body, field) in [
            (add("x@example.jp", "staff", "99999"), "office"),
            (add("x@example.jp", "staff", ""), "office"),
            (add("x@example.jp", "seeker", ""), "role"),
            (add("not-an-address", "admin", ""), "email"),
        ] {
            let (res, body) = call(&app, "/api/admin/staff/add", &form_body, Some(&admin)).await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
            assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
        }
        let (res, _) = call(
            &app,
            "/api/admin/staff/add",
            &add("namba@example.jp", "staff", "27010"),
            Some(&admin),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let admin_id = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("admin@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let created = audit_log::Entity::find()
            .filter(audit_log::Column::ActorUserId.eq(admin_id))
            .filter(audit_log::Column::Action.eq("create"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(created, 1);
    }
}

#[tokio::test]
async fn each_role_reads_only_the_applications_it_may_see() {
    use madoguchi_db::entity::{application, audit_log, posting};
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        // A counsellor of another office (大阪).
        let osaka = madoguchi_db::account::office_id(&app.db, "27010")
            .await
            .unwrap();
        madoguchi_db::account::create_account(
            &app.db,
            NewAccount {
                email: "osaka@example.jp".to_owned(),
                password_hash: madoguchi_db::account::hash_password(PASSWORD.to_owned())
                    .await
                    .unwrap(),
                role: Role::Staff,
                display_name: "大阪 職員".to_owned(),
                office_id: osaka,
                establishment_id: None,
            },
        )
        .await
        .unwrap();
        let titled = |title: &'static str| {
            let db = app.db.clone();
            async move {
                let p = posting::Entity::find()
                    .filter(posting::Column::Title.eq(title))
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap();
                application::Entity::find()
                    .filter(application::Column::PostingId.eq(p.id))
                    .all(&db)
                    .await
                    .unwrap()
            }
        };
        let care = titled("介護職員（特別養護老人ホーム）").await;
        let clerk = titled("一般事務（受付・電話応対）").await;
        assert_eq!(care.len(), 2);
        assert_eq!(clerk.len(), 1);
        let seeker_row = |email: &'static str| {
            let db = app.db.clone();
            async move { seeker_by_email(&db, email).await.id }
        };
        let first = seeker_row("seeker@example.jp").await;
        let mine = care.iter().find(|a| a.seeker_id == first).unwrap().id;
        let theirs = care.iter().find(|a| a.seeker_id != first).unwrap().id;
        let other_establishment = clerk[0].id;

        let read = |cookie: Option<String>, id: i32| {
            let app = &app;
            async move {
                call(
                    app,
                    "/api/applications/get",
                    &format!("id={id}"),
                    cookie.as_deref(),
                )
                .await
            }
        };
        assert_eq!(read(None, mine).await.0.status(), StatusCode::UNAUTHORIZED);
        let cases = [
            (
                "seeker@example.jp",
                vec![(mine, true), (theirs, false), (other_establishment, true)],
            ),
            (
                "seeker2@example.jp",
                vec![(mine, false), (theirs, true), (other_establishment, false)],
            ),
            (
                "employer@example.jp",
                vec![(mine, true), (theirs, true), (other_establishment, false)],
            ),
            // The office's own seeker's applications, and the referrals
            // to its postings; not another seeker's self-application to
            // one of them (docs/domain.md, "Who sees what").
            (
                "staff@example.jp",
                vec![(mine, true), (theirs, false), (other_establishment, true)],
            ),
            (
                "osaka@example.jp",
                vec![(mine, false), (theirs, false), (other_establishment, false)],
            ),
        ];
        for (email, expected) in cases {
            let cookie = session_of(&app, email).await;
            for (id, allowed) in expected {
                let (res, body) = read(Some(cookie.clone()), id).await;
                if allowed {
                    assert_eq!(
                        res.status(),
                        StatusCode::OK,
                        "{backend:?} {email} {id}: {body}"
                    );
                    assert!(body.contains("motivation"));
                } else {
                    // Refused as missing, and nothing of it shown.
                    assert_eq!(
                        res.status(),
                        StatusCode::NOT_FOUND,
                        "{backend:?} {email} {id}"
                    );
                    assert!(!body.contains("motivation") && !body.contains("山田"));
                }
            }
        }
        let admin = session_of(&app, "admin@example.jp").await;
        assert_eq!(
            read(Some(admin), mine).await.0.status(),
            StatusCode::FORBIDDEN
        );
        // A missing id and a malformed one.
        let cookie = session_of(&app, "staff@example.jp").await;
        assert_eq!(
            read(Some(cookie.clone()), 999_999).await.0.status(),
            StatusCode::NOT_FOUND
        );
        let (res, _) = call(&app, "/api/applications/get", "id=abc", Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        // Every successful read is in the audit log: 2 + 1 + 2 + 2.
        let reads = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("read"))
            .filter(audit_log::Column::Entity.eq("application"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(reads, 7);
    }
}

#[tokio::test]
async fn seekers_keep_favourites_once_and_a_login_returns_to_the_asking_page() {
    use madoguchi_db::entity::favourite;
    for backend in backends() {
        let app = app(backend).await;
        let number = "13010-09990000";
        let keep = |cookie: Option<String>, number: &str| {
            let body = format!("number={number}");
            let app = &app;
            async move { call(app, "/api/postings/favourite", &body, cookie.as_deref()).await }
        };
        let state = |cookie: Option<String>| {
            let app = &app;
            async move {
                call(
                    app,
                    "/api/postings/favourite_state",
                    &format!("number={number}"),
                    cookie.as_deref(),
                )
                .await
                .1
            }
        };

        // A visitor is asked to log in.
        assert_eq!(state(None).await, r#""Visitor""#);
        let (res, _) = keep(None, number).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{backend:?}");

        // Logging in from the posting returns to it; a foreign address is
        // not followed.
        sign_up(&app, "fav@example.jp").await;
        let login_then = |next: String| {
            let app = &app;
            async move {
                let body = form(&[
                    ("email", "fav@example.jp"),
                    ("password", PASSWORD),
                    ("next", &next),
                ]);
                call(app, "/api/account/login", &body, None).await.0
            }
        };
        let res = login_then(format!("/jobs/{number}")).await;
        assert_eq!(res.headers()[header::LOCATION], format!("/jobs/{number}"));
        let seeker = session_cookie(&res).unwrap();
        let res = login_then("//evil.example/".to_owned()).await;
        assert_eq!(res.headers()[header::LOCATION], "/mypage");

        // The seeker keeps it; twice is once.
        assert_eq!(
            state(Some(seeker.clone())).await,
            r#"{"Seeker":{"kept":false}}"#
        );
        for _ in 0..2 {
            let (res, body) = keep(Some(seeker.clone()), number).await;
            assert_eq!(res.status(), StatusCode::OK, "{body}");
        }
        assert_eq!(
            state(Some(seeker.clone())).await,
            r#"{"Seeker":{"kept":true}}"#
        );
        assert_eq!(favourite::Entity::find().count(&app.db).await.unwrap(), 1);

        // Unknown, malformed and staff-only postings are not kept.
        for bad in ["13010-99999999", "not-a-number", "13010-09990010"] {
            let (res, _) = keep(Some(seeker.clone()), bad).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend:?} {bad}");
        }
        assert_eq!(favourite::Entity::find().count(&app.db).await.unwrap(), 1);

        // Staff keep no favourites.
        add_account(&app, "staff-fav@example.jp", Role::Staff).await;
        let staff = session_cookie(&login(&app, "staff-fav@example.jp", PASSWORD).await.0).unwrap();
        assert_eq!(state(Some(staff.clone())).await, r#""Other""#);
        let (res, _) = keep(Some(staff.clone()), number).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);

        // MyPage lists it; once the posting closes it stays, marked.
        let list = |cookie: Option<String>| {
            let app = &app;
            async move { call(app, "/api/favourites/list", "", cookie.as_deref()).await }
        };
        let (_, body) = list(Some(seeker.clone())).await;
        assert!(
            body.contains(number) && body.contains(r#""open":true"#),
            "{body}"
        );
        {
            use madoguchi_db::entity::posting;
            use sea_orm::{ColumnTrait, QueryFilter};
            posting::Entity::update_many()
                .col_expr(
                    posting::Column::Status,
                    sea_orm::sea_query::Expr::value("closed"),
                )
                .filter(posting::Column::Number.eq(number))
                .exec(&app.db)
                .await
                .unwrap();
        }
        let (_, body) = list(Some(seeker.clone())).await;
        assert!(
            body.contains(number) && body.contains(r#""open":false"#),
            "{body}"
        );
        // Nobody else reads or removes them.
        assert_eq!(list(None).await.0.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(list(Some(staff)).await.0.status(), StatusCode::FORBIDDEN);
        sign_up(&app, "other-fav@example.jp").await;
        let other = session_cookie(&login(&app, "other-fav@example.jp", PASSWORD).await.0).unwrap();
        assert_eq!(list(Some(other.clone())).await.1, "[]");
        let body = format!("number={number}");
        let remove = |cookie: String| {
            let (app, body) = (&app, body.clone());
            async move { status_of(app, "/api/favourites/remove", &body, &cookie).await }
        };
        assert_eq!(remove(other).await, StatusCode::NOT_FOUND);
        assert_eq!(favourite::Entity::find().count(&app.db).await.unwrap(), 1);
        // The seeker removes it; twice is a 404.
        assert_eq!(remove(seeker.clone()).await, StatusCode::OK);
        assert_eq!(remove(seeker.clone()).await, StatusCode::NOT_FOUND);
        assert_eq!(list(Some(seeker)).await.1, "[]");
    }
}

#[tokio::test]
async fn seekers_save_searches_and_only_they_change_them() {
    use madoguchi_db::entity::saved_search;
    use sea_orm::ActiveModelTrait;
    for backend in backends() {
        let app = app(backend).await;
        let save = |cookie: Option<String>, name: &str, qs: &str| {
            let body = form(&[("name", name), ("qs", qs)]);
            let app = &app;
            async move { call(app, "/api/searches/save", &body, cookie.as_deref()).await }
        };
        let list = |cookie: String| {
            let app = &app;
            async move { call(app, "/api/searches/list", "", Some(&cookie)).await.1 }
        };
        let act = |cookie: String, what: &'static str, body: String| {
            let app = &app;
            async move { call(app, &format!("/api/searches/{what}"), &body, Some(&cookie)).await }
        };

        assert_eq!(
            save(None, "介護", "q=介護").await.0.status(),
            StatusCode::UNAUTHORIZED
        );
        sign_up(&app, "searcher@example.jp").await;
        let seeker = session_cookie(&login(&app, "searcher@example.jp", PASSWORD).await.0).unwrap();
        // Bad names and bad conditions are refused, naming the field.
        for (name, qs, field) in [
            ("  ", "q=介護", "name"),
            (&"あ".repeat(51) as &str, "q=介護", "name"),
            ("県外", "pref=99", "pref"),
        ] {
            let (res, body) = save(Some(seeker.clone()), name, qs).await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
            assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
        }
        // Kept without its page.
        let (res, body) = save(
            Some(seeker.clone()),
            " 東京の介護 ",
            "q=介護&pref=13&page=3",
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let row = saved_search::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (row.name.as_str(), row.query.as_str(), row.alert),
            ("東京の介護", "q=%E4%BB%8B%E8%AD%B7&pref=13", false)
        );
        let body = list(seeker.clone()).await;
        assert!(
            body.contains("東京の介護") && body.contains(r#""new_matches":0"#),
            "{body}"
        );
        // Postings accepted since it was last opened count as new.
        let mut back: saved_search::ActiveModel = row.clone().into();
        back.last_viewed_at =
            sea_orm::ActiveValue::Set(chrono::Utc::now() - chrono::TimeDelta::days(60));
        back.update(&app.db).await.unwrap();
        let body = list(seeker.clone()).await;
        assert!(body.contains(r#""new_matches":1"#), "{body}");

        // Another seeker can neither read nor change it.
        sign_up(&app, "nosy@example.jp").await;
        let nosy = session_cookie(&login(&app, "nosy@example.jp", PASSWORD).await.0).unwrap();
        assert_eq!(list(nosy.clone()).await, "[]");
        let id = row.id;
        for (what, body) in [
            ("rename", format!("id={id}&name=x")),
            ("alert", format!("id={id}&alert=true")),
            ("open", format!("id={id}")),
            ("delete", format!("id={id}")),
        ] {
            let (res, _) = act(nosy.clone(), what, body).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend:?} {what}");
        }

        // The seeker renames it, turns alerts on, opens it (new matches
        // reset, the browser goes to the results) and deletes it.
        let (res, _) = act(seeker.clone(), "rename", format!("id={id}&name=%E6%96%B0")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let (res, _) = act(seeker.clone(), "alert", format!("id={id}&alert=true")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let (res, _) = act(seeker.clone(), "open", format!("id={id}")).await;
        assert_eq!(
            res.headers()[header::LOCATION],
            "/jobs?q=%E4%BB%8B%E8%AD%B7&pref=13"
        );
        let body = list(seeker.clone()).await;
        assert!(
            body.contains(r#""name":"新""#)
                && body.contains(r#""alert":true"#)
                && body.contains(r#""new_matches":0"#),
            "{body}"
        );
        let (res, _) = act(seeker.clone(), "delete", format!("id={id}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(list(seeker.clone()).await, "[]");

        // Twenty at most.
        for i in 0..20 {
            let (res, _) = save(Some(seeker.clone()), &format!("条件{i}"), "pref=13").await;
            assert_eq!(res.status(), StatusCode::OK);
        }
        let (res, body) = save(Some(seeker.clone()), "21", "pref=13").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(body.contains("TooMany"), "{body}");
    }
}

#[tokio::test]
async fn self_application_needs_the_acknowledgement_and_happens_once() {
    use madoguchi_db::entity::{application, posting};
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
        let open = posting::Entity::find()
            .filter(posting::Column::Status.eq("published"))
            .filter(posting::Column::Disclosure.ne(3))
            .filter(posting::Column::ValidUntil.gte(today))
            .all(&app.db)
            .await
            .unwrap();
        let accepting = open
            .iter()
            .find(|p| p.accepts_self_application)
            .and_then(|p| p.number.clone())
            .expect("a featured posting takes self-applications");
        // Another posting whose employer switched self-application off.
        let refusing = open
            .iter()
            .filter_map(|p| p.number.clone())
            .find(|n| *n != accepting)
            .unwrap();
        posting::Entity::update_many()
            .col_expr(
                posting::Column::AcceptsSelfApplication,
                sea_orm::sea_query::Expr::value(false),
            )
            .filter(posting::Column::Number.eq(refusing.as_str()))
            .exec(&app.db)
            .await
            .unwrap();
        let key = "0123456789abcdef0123456789abcdef";
        let apply = |cookie: Option<String>, pairs: Vec<(&'static str, String)>| {
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> =
                    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                call(
                    app,
                    "/api/applications/self_apply",
                    &form(&pairs),
                    cookie.as_deref(),
                )
                .await
            }
        };
        let fields = |number: &str, motivation: &str, ack: bool, key: &str| {
            let mut v = vec![
                ("number", number.to_owned()),
                ("motivation", motivation.to_owned()),
                ("key", key.to_owned()),
            ];
            if ack {
                v.push(("acknowledged", "on".to_owned()));
            }
            v
        };
        let motivation = "介護の経験を活かしたいです。\n夜勤もできます。";

        let (res, _) = apply(None, fields(&accepting, motivation, true, key)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        register(&app, "applicant@example.jp").await;
        let seeker =
            session_cookie(&login(&app, "applicant@example.jp", PASSWORD).await.0).unwrap();
        // Before the address is verified the seeker drafts, but does not
        // apply, message or ask for a counter code (docs/domain.md,
        // "Accounts"); nothing is written, so the same key works later.
        let (res, body) = apply(
            Some(seeker.clone()),
            fields(&accepting, motivation, true, key),
        )
        .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend:?} {body}");
        assert_eq!(body, r#""Unverified""#);
        let (res, body) = call(
            &app,
            "/api/drafts/put",
            &form(&[
                ("key", &accepting),
                ("text", "下書きです"),
                ("edited_at", "1700000000000"),
            ]),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        for (path, body) in [
            ("/api/profile/link-code", String::new()),
            (
                "/api/messages/send",
                form(&[("application", "1"), ("body", "こんにちは")]),
            ),
        ] {
            let (res, answer) = call(&app, path, &body, Some(&seeker)).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}: {answer}");
            assert_eq!(answer, r#""Unverified""#, "{path}");
        }
        // A new link on request, a few an hour at most.
        let resend = |cookie: &str| {
            let app = &app;
            let cookie = cookie.to_owned();
            async move {
                call(app, "/api/account/verify/resend", "", Some(&cookie))
                    .await
                    .0
                    .status()
            }
        };
        let max = madoguchi_db::attempts::ACCOUNT_MAIL_PER_ADDRESS.max;
        for _ in 0..max {
            assert_eq!(resend(&seeker).await, StatusCode::OK);
        }
        assert_eq!(resend(&seeker).await, StatusCode::TOO_MANY_REQUESTS);
        verify_address(&app, "applicant@example.jp").await;
        let s = Some(seeker.clone());

        // Refusals, each naming the reason; nothing is written.
        let too_long = "あ".repeat(2001);
        for (pairs, status, needle) in [
            (
                fields(&accepting, motivation, false, key),
                400,
                "acknowledged",
            ),
            (fields(&accepting, "  \n ", true, key), 400, "motivation"),
            (fields(&accepting, &too_long, true, key), 400, "motivation"),
            (
                fields(&accepting, motivation, true, "short"),
                400,
                "BadRequest",
            ),
            (
                fields(&refusing, motivation, true, key),
                409,
                "NotAccepting",
            ),
            (fields("13010-09990010", motivation, true, key), 410, "Gone"),
        ] {
            let (res, body) = apply(s.clone(), pairs).await;
            assert_eq!(res.status().as_u16(), status, "{backend:?} {body}");
            assert!(body.contains(needle), "{body}");
        }
        assert_eq!(application::Entity::find().count(&app.db).await.unwrap(), 0);

        // Applied once: the same submission again is the same application,
        // a new one is refused.
        let (res, first) = apply(s.clone(), fields(&accepting, motivation, true, key)).await;
        assert_eq!(res.status(), StatusCode::OK, "{first}");
        assert_eq!(
            res.headers()[header::LOCATION],
            format!("/mypage/applications/{first}").as_str()
        );
        let (_, again) = apply(s.clone(), fields(&accepting, motivation, true, key)).await;
        assert_eq!(again, first);
        let (res, body) = apply(
            s.clone(),
            fields(
                &accepting,
                motivation,
                true,
                "fedcba9876543210fedcba9876543210",
            ),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{body}");
        assert!(body.contains("AlreadyApplied"));
        let rows = application::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].method.as_str(), rows[0].motivation.as_str()),
            ("self_application", motivation)
        );

        // The history shows it, with its method; another seeker sees none
        // and cannot reuse the key.
        let (_, mine) = call(&app, "/api/applications/mine", "", Some(&seeker)).await;
        assert!(
            mine.contains(&accepting) && mine.contains(r#""method":"self_application""#),
            "{mine}"
        );
        sign_up(&app, "other-applicant@example.jp").await;
        let other =
            session_cookie(&login(&app, "other-applicant@example.jp", PASSWORD).await.0).unwrap();
        let (_, theirs) = call(&app, "/api/applications/mine", "", Some(&other)).await;
        assert_eq!(theirs, "[]");
        let (res, _) = apply(
            Some(other.clone()),
            fields(&accepting, motivation, true, key),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(application::Entity::find().count(&app.db).await.unwrap(), 1);

        // 辞退: only by its seeker, only while open.
        let id = rows[0].id;
        let withdraw = |cookie: String| {
            let app = &app;
            async move {
                status_of(
                    app,
                    "/api/applications/withdraw",
                    &format!("id={id}"),
                    &cookie,
                )
                .await
            }
        };
        assert_eq!(withdraw(other).await, StatusCode::NOT_FOUND);
        let status = |db: &madoguchi_db::Db| {
            let db = db.clone();
            async move {
                application::Entity::find_by_id(id)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
                    .status
            }
        };
        assert_eq!(status(&app.db).await, "applied");
        assert_eq!(withdraw(seeker.clone()).await, StatusCode::OK);
        assert_eq!(status(&app.db).await, "withdrawn");
        assert_eq!(withdraw(seeker.clone()).await, StatusCode::CONFLICT);
        let (_, mine) = call(&app, "/api/applications/mine", "", Some(&seeker)).await;
        assert!(mine.contains(r#""status":"withdrawn""#), "{mine}");
    }
}

#[tokio::test]
async fn seekers_read_only_their_own_and_their_offices_notices() {
    use madoguchi_db::entity::{notice, seeker};
    use sea_orm::ActiveModelTrait;
    for backend in backends() {
        let app = app(backend).await;
        let office = madoguchi_db::account::office_id(&app.db, "13010")
            .await
            .unwrap()
            .unwrap();
        let other_office = madoguchi_db::account::office_id(&app.db, "27010")
            .await
            .unwrap()
            .unwrap();
        sign_up(&app, "registered@example.jp").await;
        sign_up(&app, "online-only@example.jp").await;
        let registered = seeker_by_email(&app.db, "registered@example.jp").await;
        let online_only = seeker_by_email(&app.db, "online-only@example.jp").await;
        // Registered at office 13010 by its staff.
        let mut linked: seeker::ActiveModel = registered.clone().into();
        linked.office_id = Set(Some(office));
        linked.update(&app.db).await.unwrap();
        let mut ids = Vec::new();
        for (office_id, audience, seeker_id, title) in [
            (office, "seeker", Some(registered.id), "個別のお知らせ"),
            (office, "all_seekers", None, "安定所からのお知らせ"),
            (other_office, "all_seekers", None, "よその安定所"),
            (office, "seeker", Some(online_only.id), "別の人へのお知らせ"),
            (office, "employers", None, "事業所向け"),
        ] {
            let row = notice::ActiveModel {
                office_id: Set(office_id),
                audience: Set(audience.to_owned()),
                seeker_id: Set(seeker_id),
                title: Set(title.to_owned()),
                body: Set("本文".to_owned()),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .unwrap();
            ids.push(row.id);
        }
        let a = session_cookie(&login(&app, "registered@example.jp", PASSWORD).await.0).unwrap();
        let b = session_cookie(&login(&app, "online-only@example.jp", PASSWORD).await.0).unwrap();
        let list = |cookie: &str| {
            let app = &app;
            let cookie = cookie.to_owned();
            async move { call(app, "/api/notices/list", "", Some(&cookie)).await.1 }
        };
        let mine = list(&a).await;
        assert!(
            mine.contains("個別のお知らせ") && mine.contains("安定所からのお知らせ"),
            "{mine}"
        );
        for hidden in ["よその安定所", "別の人へのお知らせ", "事業所向け"] {
            assert!(!mine.contains(hidden), "{backend:?} {hidden}: {mine}");
        }
        let theirs = list(&b).await;
        assert!(theirs.contains("別の人へのお知らせ"), "{theirs}");
        assert!(!theirs.contains("安定所からのお知らせ") && !theirs.contains("個別のお知らせ"));

        let read = |cookie: &str, id: i32| {
            let (app, cookie) = (&app, cookie.to_owned());
            async move { status_of(app, "/api/notices/read", &format!("id={id}"), &cookie).await }
        };
        assert_eq!(read(&a, ids[3]).await, StatusCode::NOT_FOUND);
        assert_eq!(read(&a, ids[2]).await, StatusCode::NOT_FOUND);
        assert_eq!(read(&a, ids[0]).await, StatusCode::OK);
        assert_eq!(read(&a, ids[0]).await, StatusCode::OK);
        let mine = list(&a).await;
        assert_eq!(mine.matches(r#""read":true"#).count(), 1, "{mine}");
        assert_eq!(mine.matches(r#""read":false"#).count(), 1, "{mine}");
        // Reading is per reader.
        assert!(!list(&b).await.contains(r#""read":true"#));
        let (res, _) = call(&app, "/api/notices/list", "", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
}

/// Posts an application form; the response (a redirect) and its Location.
async fn send_form(
    app: &TestApp,
    parts: &[(&str, Option<&str>, Vec<u8>)],
    cookie: Option<&str>,
) -> (StatusCode, String) {
    let (boundary, body) = multipart(parts);
    let mut req = Request::post("/applications/send").header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.send(req.body(Body::from(body)).unwrap()).await;
    let location = res
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (res.status(), location)
}

fn tiny_pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
}

/// The files in the document folder.
fn stored_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.documents_dir.path()).unwrap().count()
}

async fn download(app: &TestApp, id: i32, cookie: Option<&str>) -> (http::Response<()>, Vec<u8>) {
    use http_body_util::BodyExt;
    let mut req = Request::get(format!("/documents/{id}"));
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.send(req.body(Body::empty()).unwrap()).await;
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (http::Response::from_parts(parts, ()), bytes)
}

#[tokio::test]
async fn applications_carry_checked_documents_that_only_the_parties_download() {
    use madoguchi_db::entity::{application, application_document, posting};
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        let target = open_to_self_application(&app).await;
        let number = target.number.clone().unwrap();
        let key = "0123456789abcdef0123456789abcdef";
        let form = |resume: Vec<u8>, ack: bool, key: &str| {
            let mut parts = vec![
                ("number", None, number.clone().into_bytes()),
                ("key", None, key.as_bytes().to_vec()),
                (
                    "motivation",
                    None,
                    "書類を添えて応募します。".as_bytes().to_vec(),
                ),
                ("resume", Some("rirekisho.pdf"), resume),
                ("work_history", Some(""), Vec::new()),
            ];
            if ack {
                parts.push(("acknowledged", None, b"on".to_vec()));
            }
            parts
        };
        let back = format!("/jobs/{number}/apply?error=");

        // Visitors are sent to log in first.
        let (status, location) = send_form(&app, &form(tiny_pdf(), true, key), None).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location, format!("/login?next=/jobs/{number}/apply"));

        sign_up(&app, "with-documents@example.jp").await;
        let seeker =
            session_cookie(&login(&app, "with-documents@example.jp", PASSWORD).await.0).unwrap();
        let s = Some(seeker.as_str());

        // Refusals go back to the form naming the reason; nothing stays.
        let mut cut = tiny_pdf();
        cut.truncate(20);
        let mut big = tiny_pdf();
        big.resize(madoguchi_shared::document::MAX_DOCUMENT_BYTES + 10, b' ');
        for (parts, needle) in [
            (
                form(b"<html><script>x</script>".to_vec(), true, key),
                "FileType",
            ),
            (form(cut, true, key), "FileCorrupt"),
            (form(big, true, key), "FileTooLarge"),
            (form(tiny_pdf(), false, key), "acknowledged"),
        ] {
            let (status, location) = send_form(&app, &parts, s).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{backend:?}");
            assert!(location.starts_with(&back), "{location}");
            assert!(location.contains(needle), "{location}");
        }
        assert_eq!(application::Entity::find().count(&app.db).await.unwrap(), 0);
        assert_eq!(stored_files(&app), 0);

        // Sent with the PDF: to the application's page; the same send again
        // is the same application and leaves no second file.
        let (status, location) = send_form(&app, &form(tiny_pdf(), true, key), s).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let id: i32 = location
            .strip_prefix("/mypage/applications/")
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("{location}"));
        let (_, again) = send_form(&app, &form(tiny_pdf(), true, key), s).await;
        assert_eq!(again, location);
        assert_eq!(stored_files(&app), 1);
        let docs = application_document::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            (
                docs[0].kind.as_str(),
                docs[0].content_type.as_str(),
                docs[0].application_id
            ),
            ("resume", "application/pdf", id)
        );
        let (_, view) = call(&app, "/api/applications/get", &format!("id={id}"), s).await;
        assert!(view.contains(r#""kind":"resume""#), "{view}");
        // A second, different send to the same posting is refused.
        let (_, location) = send_form(
            &app,
            &form(tiny_pdf(), true, "fedcba9876543210fedcba9876543210"),
            s,
        )
        .await;
        assert!(location.contains("AlreadyApplied"), "{location}");
        assert_eq!(stored_files(&app), 1);

        // Downloads: the seeker, the posting's establishment and the
        // office's staff; nobody else learns that the file exists.
        let doc = docs[0].id;
        let (res, bytes) = download(&app, doc, s).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(bytes, tiny_pdf());
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
        assert!(
            res.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            download(&app, doc, None).await.0.status(),
            StatusCode::UNAUTHORIZED
        );
        sign_up(&app, "someone-else@example.jp").await;
        let other =
            session_cookie(&login(&app, "someone-else@example.jp", PASSWORD).await.0).unwrap();
        assert_eq!(
            download(&app, doc, Some(&other)).await.0.status(),
            StatusCode::NOT_FOUND
        );
        let staff_of = |office_id: i32,
                        email: &'static str,
                        role: Role,
                        establishment: Option<i32>| {
            let app = &app;
            async move {
                madoguchi_db::account::create_account(
                    &app.db,
                    NewAccount {
                        email: email.to_owned(),
                        password_hash: madoguchi_db::account::hash_password(PASSWORD.to_owned())
                            .await
                            .unwrap(),
                        role,
                        display_name: "担当".to_owned(),
                        office_id: (role == Role::Staff).then_some(office_id),
                        establishment_id: establishment,
                    },
                )
                .await
                .unwrap();
                session_cookie(&login(app, email, PASSWORD).await.0).unwrap()
            }
        };
        let own_employer = staff_of(
            0,
            "own-employer@example.jp",
            Role::Employer,
            Some(target.establishment_id),
        )
        .await;
        let other_establishment = posting::Entity::find()
            .filter(posting::Column::EstablishmentId.ne(target.establishment_id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .establishment_id;
        let other_employer = staff_of(
            0,
            "other-employer@example.jp",
            Role::Employer,
            Some(other_establishment),
        )
        .await;
        let own_staff = staff_of(target.office_id, "own-staff@example.jp", Role::Staff, None).await;
        let other_office = madoguchi_db::entity::office::Entity::find()
            .filter(madoguchi_db::entity::office::Column::Id.ne(target.office_id))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let other_staff = staff_of(other_office, "other-staff@example.jp", Role::Staff, None).await;
        // The posting's office is no party to a self-application
        // (docs/domain.md, "Who sees what"): its staff get nothing either.
        for (cookie, expected) in [
            (&own_employer, StatusCode::OK),
            (&own_staff, StatusCode::NOT_FOUND),
            (&other_employer, StatusCode::NOT_FOUND),
            (&other_staff, StatusCode::NOT_FOUND),
        ] {
            assert_eq!(
                download(&app, doc, Some(cookie)).await.0.status(),
                expected,
                "{backend:?}"
            );
        }
        assert_eq!(
            download(&app, doc + 1000, s).await.0.status(),
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn recommendations_are_answered_once_before_their_deadline_and_issue_a_letter() {
    use chrono::Days;
    use madoguchi_db::entity::{application, referral, referral_letter};
    use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
        let seeker = session_of(&app, "seeker@example.jp").await;
        let s = Some(seeker.as_str());
        let (res, mine) = call(&app, "/api/referrals/mine", "", s).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(mine.contains(r#""status":"recommended""#), "{mine}");
        let waiting = referral::Entity::find()
            .filter(referral::Column::Status.eq("recommended"))
            .filter(referral::Column::Deadline.gte(today))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        // An expired one: unused past its deadline.
        let mut expired: referral::ActiveModel = waiting.clone().into();
        expired.id = sea_orm::ActiveValue::NotSet;
        expired.deadline = Set(today - Days::new(1));
        let expired = expired.insert(&app.db).await.unwrap();

        // The internet-only demo seeker takes no part: no list, no form, no
        // application with someone else's recommendation.
        let internet = session_of(&app, "seeker2@example.jp").await;
        let (_, none) = call(&app, "/api/referrals/mine", "", Some(&internet)).await;
        assert_eq!(none, "null");
        assert_eq!(
            status_of(
                &app,
                "/api/referrals/form",
                &format!("id={}", waiting.id),
                &internet
            )
            .await,
            StatusCode::NOT_FOUND
        );
        let form = |id: i32, key: &str| {
            vec![
                ("referral", None, id.to_string().into_bytes()),
                ("key", None, key.as_bytes().to_vec()),
                (
                    "motivation",
                    None,
                    "調理補助の経験があります。".as_bytes().to_vec(),
                ),
                ("resume", Some("r.pdf"), tiny_pdf()),
            ]
        };
        let key = "aaaaaaaaaaaaaaaa0000000000000001";
        let (_, location) = send_form(&app, &form(waiting.id, key), Some(&internet)).await;
        assert!(location.contains("NotFound"), "{location}");

        // Expired: the form says so and a send is refused; nothing written.
        assert_eq!(
            status_of(
                &app,
                "/api/referrals/form",
                &format!("id={}", expired.id),
                &seeker
            )
            .await,
            StatusCode::GONE
        );
        let (_, location) = send_form(&app, &form(expired.id, key), s).await;
        assert!(
            location.starts_with(&format!("/mypage/referrals/{}/apply?error=", expired.id))
                && location.contains("Expired"),
            "{location}"
        );
        let before = application::Entity::find().count(&app.db).await.unwrap();
        let letters_before = referral_letter::Entity::find()
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(stored_files(&app), 0);

        // A registration set invalid, or one that has ended, answers no
        // recommendation (docs/domain.md rule 3); nothing is written.
        let (res, _) = call(&app, "/api/profile/registration", "active=false", s).await;
        assert_eq!(res.status(), StatusCode::OK);
        let (_, location) = send_form(&app, &form(waiting.id, key), s).await;
        assert!(
            location.contains("RegistrationInvalid"),
            "{backend:?} {location}"
        );
        let (res, _) = call(&app, "/api/profile/registration", "active=true", s).await;
        assert_eq!(res.status(), StatusCode::OK);
        let valid = seeker_by_email(&app.db, "seeker@example.jp").await;
        let mut ended: madoguchi_db::entity::seeker::ActiveModel = valid.clone().into();
        ended.registration_valid_until = Set(Some(today - Days::new(1)));
        ended.update(&app.db).await.unwrap();
        let (_, location) = send_form(&app, &form(waiting.id, key), s).await;
        assert!(
            location.contains("RegistrationInvalid"),
            "{backend:?} {location}"
        );
        let mut back: madoguchi_db::entity::seeker::ActiveModel = valid.into();
        back.registration_valid_until = Set(Some(today + Days::new(30)));
        back.update(&app.db).await.unwrap();
        assert_eq!(
            application::Entity::find().count(&app.db).await.unwrap(),
            before
        );

        // In time: the referral is established, the letter issued, the
        // registration extended.
        let (status, location) = send_form(&app, &form(waiting.id, key), s).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let id: i32 = location
            .strip_prefix("/mypage/applications/")
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("{location}"));
        let made = application::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (made.method.as_str(), made.referral_id),
            ("online_referral", Some(waiting.id))
        );
        assert_eq!(
            application::Entity::find().count(&app.db).await.unwrap(),
            before + 1
        );
        assert_eq!(
            referral_letter::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            letters_before + 1
        );
        let used = referral::Entity::find_by_id(waiting.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(used.status, "established");
        let me = seeker_by_email(&app.db, "seeker@example.jp").await;
        assert!(
            me.registration_valid_until.unwrap()
                >= madoguchi_shared::seeker::registration_valid_until(today)
        );

        // Used once: another send is refused.
        let (_, location) = send_form(
            &app,
            &form(waiting.id, "aaaaaaaaaaaaaaaa0000000000000002"),
            s,
        )
        .await;
        assert!(location.contains("AlreadyDecided"), "{location}");

        // The letter: for the seeker and the establishment, not for others.
        let (res, letter) = call(&app, "/api/referrals/letter", &format!("id={id}"), s).await;
        assert_eq!(res.status(), StatusCode::OK, "{letter}");
        assert!(
            letter.contains(&me.name) && letter.contains("issued_on"),
            "{letter}"
        );
        let employer = session_of(&app, "employer@example.jp").await;
        let (res, _) = call(
            &app,
            "/api/referrals/letter",
            &format!("id={id}"),
            Some(&employer),
        )
        .await;
        let own = made.posting_id;
        let employer_owns = madoguchi_db::entity::posting::Entity::find_by_id(own)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .establishment_name
            .contains("あおば");
        assert_eq!(
            res.status(),
            if employer_owns {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            }
        );
        assert_eq!(
            status_of(
                &app,
                "/api/referrals/letter",
                &format!("id={id}"),
                &internet
            )
            .await,
            StatusCode::NOT_FOUND
        );
        // A self-application has no letter.
        let self_applied = application::Entity::find()
            .filter(application::Column::Method.eq("self_application"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            status_of(
                &app,
                "/api/referrals/letter",
                &format!("id={}", self_applied.id),
                &seeker
            )
            .await,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn seekers_change_their_profile_and_registered_ones_their_registration() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
        let internet = session_of(&app, "seeker2@example.jp").await;
        let (res, mine) = call(&app, "/api/profile/mine", "", Some(&internet)).await;
        assert_eq!(res.status(), StatusCode::OK, "{mine}");
        assert!(mine.contains(r#""kind":"internet_only""#), "{mine}");
        let save = |pairs: Vec<(&'static str, &'static str)>| {
            let pairs: Vec<(String, &str)> = pairs
                .into_iter()
                .map(|(k, v)| (format!("form[{k}]"), v))
                .collect();
            let body = pairs
                .iter()
                .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
                .collect::<Vec<_>>()
                .join("&");
            let app = &app;
            let cookie = internet.clone();
            async move { call(app, "/api/profile/save", &body, Some(&cookie)).await }
        };
        let good = vec![
            ("name", "佐藤 花子"),
            ("name_kana", "サトウ ハナコ"),
            ("occupations", "一般事務、経理"),
            ("pref1", "13"),
            ("emp_part_time", "on"),
            ("wage_form", "hourly"),
            ("wage", "1300"),
            ("education", "<b>高校卒業</b>"),
        ];
        let (res, body) = save(good.clone()).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let stored = seeker_by_email(&app.db, "seeker2@example.jp").await;
        assert_eq!(stored.name, "佐藤 花子");
        // Stored as typed: markup is text, escaped when shown.
        assert!(
            stored.profile.contains("<b>高校卒業</b>"),
            "{}",
            stored.profile
        );
        for (k, v, field) in [
            ("pref1", "99", "pref1"),
            ("wage", "-5", "wage"),
            ("name_kana", "さとう", "name_kana"),
        ] {
            let mut bad = good.clone();
            bad.retain(|(key, _)| *key != k);
            bad.push((k, v));
            bad.push(("name", "変更されない名前"));
            bad.retain(|(key, v)| !(*key == "name" && *v == "佐藤 花子"));
            let (res, body) = save(bad).await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
            assert!(body.contains(field), "{body}");
        }
        assert_eq!(
            seeker_by_email(&app.db, "seeker2@example.jp").await.name,
            "佐藤 花子"
        );
        // Internet-only: no registration to change.
        assert_eq!(
            status_of(&app, "/api/profile/registration", "active=false", &internet).await,
            StatusCode::FORBIDDEN
        );
        // Registered: invalid, then valid again to the month after next.
        let registered = session_of(&app, "seeker@example.jp").await;
        assert_eq!(
            status_of(
                &app,
                "/api/profile/registration",
                "active=maybe",
                &registered
            )
            .await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status_of(
                &app,
                "/api/profile/registration",
                "active=false",
                &registered
            )
            .await,
            StatusCode::OK
        );
        assert!(
            !seeker_by_email(&app.db, "seeker@example.jp")
                .await
                .registration_active
        );
        let (res, until) = call(
            &app,
            "/api/profile/registration",
            "active=true",
            Some(&registered),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let me = seeker_by_email(&app.db, "seeker@example.jp").await;
        assert!(me.registration_active);
        assert!(
            me.registration_valid_until.unwrap()
                >= madoguchi_shared::seeker::registration_valid_until(today)
        );
        assert!(
            until.contains(&me.registration_valid_until.unwrap().to_string()),
            "{until}"
        );
        // Staff and employers have no seeker profile.
        let employer = session_of(&app, "employer@example.jp").await;
        assert_eq!(
            status_of(&app, "/api/profile/mine", "", &employer).await,
            StatusCode::FORBIDDEN
        );
        // The home points at the waiting recommendation and unread notice.
        let (_, attention) = call(&app, "/api/mypage/attention", "", Some(&registered)).await;
        assert!(attention.contains(r#""waiting":[["#), "{attention}");
        let (_, quiet) = call(&app, "/api/mypage/attention", "", Some(&internet)).await;
        assert!(quiet.contains(r#""waiting":[]"#), "{quiet}");
    }
}

#[tokio::test]
async fn drafts_follow_the_seeker_without_an_older_copy_overwriting_a_newer_one() {
    use madoguchi_db::entity::draft;
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        let number = open_to_self_application(&app).await.number.unwrap();
        let put = |cookie: String, text: &'static str, at: i64| {
            let app = &app;
            let number = number.clone();
            async move {
                call(
                    app,
                    "/api/drafts/put",
                    &form(&[
                        ("key", &number),
                        ("text", text),
                        ("edited_at", &at.to_string()),
                    ]),
                    Some(&cookie),
                )
                .await
            }
        };
        let (res, _) = call(&app, "/api/drafts/get", &format!("key={number}"), None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        sign_up(&app, "drafts@example.jp").await;
        let seeker = session_cookie(&login(&app, "drafts@example.jp", PASSWORD).await.0).unwrap();
        let (res, body) = put(seeker.clone(), "端末Aの下書き", 2_000).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        // An older copy from another device does not replace it: the newer
        // one comes back.
        let (_, body) = put(seeker.clone(), "古い端末の下書き", 1_000).await;
        assert!(
            body.contains("端末Aの下書き") && body.contains("2000"),
            "{body}"
        );
        let (_, body) = put(seeker.clone(), "端末Bの新しい下書き", 3_000).await;
        assert!(body.contains("端末Bの新しい下書き"), "{body}");
        assert_eq!(draft::Entity::find().count(&app.db).await.unwrap(), 1);
        // Bad keys, times and lengths are refused.
        for (key, at, text) in [
            ("../x", "5", "a".to_owned()),
            (number.as_str(), "0", "a".to_owned()),
            (number.as_str(), "9", "あ".repeat(2001)),
        ] {
            let (res, _) = call(
                &app,
                "/api/drafts/put",
                &form(&[("key", key), ("text", &text), ("edited_at", at)]),
                Some(&seeker),
            )
            .await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{key} {at}");
        }
        // Only for a posting that exists, and a bounded number of them.
        let (res, _) = call(
            &app,
            "/api/drafts/put",
            &form(&[("key", "13010-99999999"), ("text", "a"), ("edited_at", "5")]),
            Some(&seeker),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend:?}");
        // Drafts already kept up to the limit (the one above and these).
        let seeker_id = seeker_by_email(&app.db, "drafts@example.jp").await.id;
        for n in 1..madoguchi_db::draft::MAX_DRAFTS {
            draft::Entity::insert(draft::ActiveModel {
                seeker_id: Set(seeker_id),
                draft_key: Set(format!("13010-{n:08}")),
                body: Set("a".to_owned()),
                edited_at: Set(1),
                updated_at: Set(chrono::Utc::now()),
                ..Default::default()
            })
            .exec(&app.db)
            .await
            .unwrap();
        }
        let another = madoguchi_db::entity::posting::Entity::find()
            .filter(madoguchi_db::entity::posting::Column::Number.is_not_null())
            .filter(madoguchi_db::entity::posting::Column::Number.ne(number.clone()))
            .one(&app.db)
            .await
            .unwrap()
            .and_then(|p| p.number)
            .unwrap();
        let body = form(&[("key", &another), ("text", "a"), ("edited_at", "5")]);
        let (res, body) = call(&app, "/api/drafts/put", &body, Some(&seeker)).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{backend:?} {body}");
        assert!(body.contains("TooMany"), "{body}");
        assert_eq!(
            draft::Entity::find().count(&app.db).await.unwrap(),
            madoguchi_db::draft::MAX_DRAFTS
        );
        // A draft kept can still be edited.
        let (_, body) = put(seeker.clone(), "端末Bでさらに直した下書き", 4_000).await;
        assert!(body.contains("さらに直した"), "{body}");
        draft::Entity::delete_many()
            .filter(draft::Column::DraftKey.ne(number.clone()))
            .exec(&app.db)
            .await
            .unwrap();

        // Another seeker sees nothing of it.
        sign_up(&app, "drafts-other@example.jp").await;
        let other =
            session_cookie(&login(&app, "drafts-other@example.jp", PASSWORD).await.0).unwrap();
        let (_, body) = call(
            &app,
            "/api/drafts/get",
            &format!("key={number}"),
            Some(&other),
        )
        .await;
        assert_eq!(body, "null");
        // Sent with the page's own request (JSON answer): the draft goes.
        let parts = vec![
            ("number", None, number.clone().into_bytes()),
            ("key", None, b"0123456789abcdef0123456789abcdef".to_vec()),
            (
                "motivation",
                None,
                "端末Bの新しい下書き".as_bytes().to_vec(),
            ),
            ("acknowledged", None, b"on".to_vec()),
            ("draft", None, number.clone().into_bytes()),
        ];
        let (res, body) = send_json(&app, &parts, &seeker).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(body.starts_with("{\"id\":"), "{body}");
        assert_eq!(draft::Entity::find().count(&app.db).await.unwrap(), 0);
        // Refused the same way: the error as JSON with its status.
        let (res, body) = send_json(&app, &parts, &other).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{body}");
        assert_eq!(body, "\"AlreadyApplied\"");
    }
}

/// An application form sent by the page itself, answered in JSON.
async fn send_json(
    app: &TestApp,
    parts: &[(&str, Option<&str>, Vec<u8>)],
    cookie: &str,
) -> (http::Response<()>, String) {
    let (boundary, body) = multipart(parts);
    let req = Request::post("/applications/send")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    split(app.send(req).await).await
}

#[tokio::test]
async fn employers_list_their_applicants_only_and_send_each_result_once() {
    use madoguchi_db::entity::{application, referral_letter};
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let list = |cookie: String, body: &'static str| {
            let app = &app;
            async move { call(app, "/api/employer/applicants", body, Some(&cookie)).await }
        };
        let (res, body) = list(employer.clone(), "").await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let page: madoguchi_shared::application::ApplicantPage =
            serde_json::from_str(&body).unwrap();
        assert_eq!(page.total, 2, "{body}");
        let mut names: Vec<&str> = page.rows.iter().map(|r| r.seeker_name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["佐藤 健", "山田 花子"]);
        // Filters: method, name (part of the reading too), a bad stage.
        let (_, body) = list(employer.clone(), "method=online_referral").await;
        assert!(body.contains(r#""total":1"#), "{body}");
        // ヤマダ (a reading), 佐藤 (a name), 鈴木 (nobody), a LIKE wildcard.
        for (name, total) in [
            ("%E3%83%A4%E3%83%9E%E3%83%80", 1),
            ("%E4%BD%90%E8%97%A4", 1),
            ("%E9%88%B4%E6%9C%A8", 0),
            ("%25", 0),
        ] {
            let (_, body) = list(
                employer.clone(),
                Box::leak(format!("name={name}").into_boxed_str()),
            )
            .await;
            assert!(
                body.contains(&format!(r#""total":{total}"#)),
                "{name}: {body}"
            );
        }
        let (res, body) = list(employer.clone(), "status=maybe").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(body.contains("status"), "{body}");
        // Another establishment's employer sees none and decides nothing.
        let other = rival_employer(&app, "other-employer@example.jp").await;
        let (_, body) = list(other.clone(), "").await;
        let theirs: madoguchi_shared::application::ApplicantPage =
            serde_json::from_str(&body).unwrap();
        assert!(
            theirs
                .rows
                .iter()
                .all(|r| page.rows.iter().all(|o| o.id != r.id)),
            "{body}"
        );
        let referred = page
            .rows
            .iter()
            .find(|r| r.method == madoguchi_shared::application::ApplicationMethod::OnlineReferral)
            .unwrap()
            .id;
        let decide = |cookie: String, body: String| {
            let app = &app;
            async move { call(app, "/api/employer/decide", &body, Some(&cookie)).await }
        };
        let (res, _) = decide(other.clone(), format!("id={referred}&result=hired")).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        // The seeker cannot decide either.
        let seeker = session_of(&app, "seeker@example.jp").await;
        let (res, _) = decide(seeker.clone(), format!("id={referred}&result=hired")).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        // 不採用 needs its reason.
        let (res, body) = decide(employer.clone(), format!("id={referred}&result=not_hired")).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(body.contains("reason"), "{body}");
        let unchanged = application::Entity::find_by_id(referred)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(unchanged.status, "interview");
        let (res, body) = decide(
            employer.clone(),
            format!("id={referred}&result=not_hired&reason=filled"),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let decided = application::Entity::find_by_id(referred)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (decided.status.as_str(), decided.result_reason.as_deref()),
            ("not_hired", Some("filled"))
        );
        assert!(decided.result_sent_on.is_some());
        // The office receives it on the letter's reply part.
        let letter = referral_letter::Entity::find()
            .filter(referral_letter::Column::ApplicationId.eq(referred))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(letter.result.as_deref(), Some("not_hired"));
        // Once only; the seeker sees it, and the home points it out.
        let (res, _) = decide(employer.clone(), format!("id={referred}&result=hired")).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let (_, mine) = call(&app, "/api/applications/mine", "", Some(&seeker)).await;
        assert!(mine.contains(r#""status":"not_hired""#), "{mine}");
        let (_, attention) = call(&app, "/api/mypage/attention", "", Some(&seeker)).await;
        assert!(attention.contains(r#""new_results":1"#), "{attention}");
    }
}

#[tokio::test]
async fn stages_notes_and_ratings_stay_inside_the_establishment() {
    use madoguchi_db::entity::application;
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let (_, body) = call(
            &app,
            "/api/employer/applicants",
            "status=applied",
            Some(&employer),
        )
        .await;
        let page: madoguchi_shared::application::ApplicantPage =
            serde_json::from_str(&body).unwrap();
        let id = page.rows[0].id;
        let rival = rival_employer(&app, "rival@example.jp").await;
        let seeker = session_of(&app, "seeker2@example.jp").await;
        for (path, body) in [
            ("/api/employer/stage", format!("id={id}&to=screening")),
            ("/api/employer/notes", format!("id={id}")),
            ("/api/employer/note", format!("id={id}&body=memo")),
            ("/api/employer/rating", format!("id={id}&rating=5")),
        ] {
            assert_eq!(
                status_of(&app, path, &body, &rival).await,
                StatusCode::NOT_FOUND,
                "{path}"
            );
            assert_eq!(
                status_of(&app, path, &body, &seeker).await,
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        // The establishment moves the stage on, once per stage.
        let (res, body) = call(
            &app,
            "/api/employer/stage",
            &format!("id={id}&to=screening"),
            Some(&employer),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert_eq!(body, "\"screening\"");
        assert_eq!(
            status_of(
                &app,
                "/api/employer/stage",
                &format!("id={id}&to=screening"),
                &employer
            )
            .await,
            StatusCode::CONFLICT
        );
        assert_eq!(
            status_of(
                &app,
                "/api/employer/stage",
                &format!("id={id}&to=hired"),
                &employer
            )
            .await,
            StatusCode::BAD_REQUEST
        );
        // Notes (kept as typed, within the limit) and a 1–5 rating.
        let markup = "<script>alert(1)</script> 面接で確認する";
        let (res, _) = call(
            &app,
            "/api/employer/note",
            &form(&[("id", &id.to_string()), ("body", markup)]),
            Some(&employer),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let long = "あ".repeat(1001);
        let (res, _) = call(
            &app,
            "/api/employer/note",
            &form(&[("id", &id.to_string()), ("body", &long)]),
            Some(&employer),
        )
        .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        for (rating, status) in [("0", 400), ("6", 400), ("x", 400), ("4", 200)] {
            let (res, _) = call(
                &app,
                "/api/employer/rating",
                &format!("id={id}&rating={rating}"),
                Some(&employer),
            )
            .await;
            assert_eq!(res.status().as_u16(), status, "{rating}");
        }
        let (_, notes) = call(
            &app,
            "/api/employer/notes",
            &format!("id={id}"),
            Some(&employer),
        )
        .await;
        let notes: madoguchi_shared::application::ApplicantNotes =
            serde_json::from_str(&notes).unwrap();
        assert_eq!(notes.rating, Some(4));
        assert_eq!(notes.notes.len(), 1);
        assert_eq!(notes.notes[0].body, markup);
        // The seeker's own view of the application carries neither.
        let (_, view) = call(
            &app,
            "/api/applications/get",
            &format!("id={id}"),
            Some(&seeker),
        )
        .await;
        assert!(
            !view.contains("面接で確認する") && !view.contains("rating"),
            "{view}"
        );
        let stored = application::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.status.as_str(), stored.rating),
            ("screening", Some(4))
        );
    }
}

/// A public, open posting that takes online self-applications.
async fn open_to_self_application(app: &TestApp) -> madoguchi_db::entity::posting::Model {
    use madoguchi_db::entity::posting;
    use sea_orm::{ColumnTrait, QueryFilter};
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    posting::Entity::find()
        .filter(posting::Column::Status.eq("published"))
        .filter(posting::Column::Disclosure.eq(1))
        .filter(posting::Column::AcceptsSelfApplication.eq(true))
        .filter(posting::Column::ValidUntil.gte(today))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a featured posting takes self-applications")
}

/// An application's documents count towards what one account may store
/// (docs/domain.md, "Files"): past 200 MB the application is refused with
/// the reason, nothing is written and no file stays; without documents it
/// goes.
#[tokio::test]
async fn documents_past_the_account_quota_are_refused() {
    use madoguchi_db::entity::{application, application_document};
    for backend in backends() {
        let app = app(backend).await;
        let target = open_to_self_application(&app).await;
        let number = target.number.clone().unwrap();
        let cookie = sign_up(&app, "quota@example.jp").await;
        let seeker = seeker_by_email(&app.db, "quota@example.jp").await;
        // An earlier application, to another posting, whose documents
        // nearly fill the quota.
        let another = {
            use madoguchi_db::entity::posting;
            use sea_orm::{ColumnTrait, QueryFilter};
            posting::Entity::find()
                .filter(posting::Column::Id.ne(target.id))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .id
        };
        let earlier = application::ActiveModel {
            seeker_id: Set(seeker.id),
            posting_id: Set(another),
            method: Set("self_application".to_owned()),
            status: Set("withdrawn".to_owned()),
            motivation: Set(String::new()),
            created_at: Set(chrono::Utc::now()),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        };
        let earlier = application::Entity::insert(earlier)
            .exec(&app.db)
            .await
            .unwrap()
            .last_insert_id;
        application_document::Entity::insert(application_document::ActiveModel {
            application_id: Set(earlier),
            kind: Set("resume".to_owned()),
            content_type: Set("application/pdf".to_owned()),
            byte_size: Set(madoguchi_db::quota::MAX_USER_BYTES - 10),
            storage_path: Set("2".repeat(32)),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap();
        let parts = |with_file: bool| {
            let mut p = vec![
                ("number", None, number.clone().into_bytes()),
                ("key", None, b"0123456789abcdef0123456789abcdef".to_vec()),
                ("motivation", None, "応募します。".as_bytes().to_vec()),
                ("acknowledged", None, b"on".to_vec()),
            ];
            if with_file {
                p.push(("resume", Some("r.pdf"), tiny_pdf()));
            }
            p
        };
        let (status, location) = send_form(&app, &parts(true), Some(&cookie)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{backend:?}");
        assert!(location.contains("FilesFull"), "{location}");
        assert_eq!(stored_files(&app), 0);
        assert_eq!(application::Entity::find().count(&app.db).await.unwrap(), 1);
        let (status, location) = send_form(&app, &parts(false), Some(&cookie)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(location.starts_with("/mypage/applications/"), "{location}");
    }
}
