//! Registration, login, logout, sessions and who may open which page, on
//! SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use common::{Backend, TestApp, app, backends, split};
use http::{Request, StatusCode, header};
use madoguchi_db::account::NewAccount;
use madoguchi_db::entity::{seeker, session, user_account};
use madoguchi_shared::account::Role;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

const PASSWORD: &str = "demo-password-1";

/// A urlencoded server-function call, with the session cookie if any.
async fn call(
    app: &TestApp,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> (http::Response<()>, String) {
    let mut req =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    split(
        app.send(req.body(Body::from(body.to_owned())).unwrap())
            .await,
    )
    .await
}

async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (http::Response<()>, String) {
    let mut req = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    split(app.send(req.body(Body::empty()).unwrap()).await).await
}

/// `name=value` of the session cookie a response sets.
fn session_cookie(res: &http::Response<()>) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("madoguchi_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
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

async fn login(app: &TestApp, email: &str, password: &str) -> (http::Response<()>, String) {
    call(
        app,
        "/api/account/login",
        &form(&[("email", email), ("password", password)]),
        None,
    )
    .await
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
async fn a_seeker_registers_logs_out_and_in_again() {
    for backend in backends() {
        let app = app(backend).await;
        let (res, body) = register(&app, "Taro@Example.jp").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}: {body}");
        assert_eq!(res.headers()[header::LOCATION], "/mypage");
        let set_cookie = res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
        assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        let cookie = session_cookie(&res).expect("session cookie");

        // Stored: address normalised, password hashed with argon2id, an
        // internet-only seeker record, and the session in the database.
        let user = user_account::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.email, "taro@example.jp");
        assert!(user.password_hash.starts_with("$argon2id$"), "{backend:?}");
        assert!(!user.password_hash.contains(PASSWORD));
        let seeker = seeker::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!(
            (seeker.kind.as_str(), seeker.user_id),
            ("internet_only", user.id)
        );
        assert_eq!(seeker.name_kana, "ヤマダ\u{3000}タロウ");
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);

        let (_, me) = call(&app, "/api/account/me", "", Some(&cookie)).await;
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

    // The same address twice: a friendly 409, one account.
    assert_eq!(
        register(&app, "a@example.jp").await.0.status(),
        StatusCode::OK
    );
    let (res, body) = register(&app, "A@EXAMPLE.JP").await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(body, r#""EmailTaken""#);
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    assert_eq!(seeker::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn login_attempts_are_limited() {
    let app = app(Backend::Sqlite).await;
    register(&app, "b@example.jp").await;
    for _ in 0..10 {
        let (res, _) = login(&app, "b@example.jp", "wrong-password-9").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // Now even the right password is refused for a while.
    let (res, body) = login(&app, "b@example.jp", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body, r#""TooManyAttempts""#);
    // Other accounts are not affected.
    register(&app, "c@example.jp").await;
    assert_eq!(
        login(&app, "c@example.jp", PASSWORD).await.0.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn expired_sessions_end() {
    for backend in backends() {
        let app = app(backend).await;
        let (res, _) = register(&app, "d@example.jp").await;
        let cookie = session_cookie(&res).unwrap();
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
        let (res, _) = register(&app, "seeker@example.jp").await;
        let seeker = session_cookie(&res).unwrap();
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
    let (res, _) = register(&app, "e@example.jp").await;
    let cookie = session_cookie(&res).unwrap();
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
    register(&app, "f@example.jp").await;
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
