//! Limits on logins and registrations, counted in the database before
//! the attempt is tried: parallel attempts cannot race past them, one
//! password cannot be sprayed across addresses from one client, and a
//! success does not count; on SQLite and PostgreSQL.

mod common;

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use common::calls::*;
use common::{TestApp, app, backends, split};
use http::{Request, StatusCode, header};

/// A login from client `ip`.
async fn login_from(app: &TestApp, ip: [u8; 4], email: &str, password: &str) -> StatusCode {
    let mut req = Request::post("/api/account/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(form(&[
            ("email", email),
            ("password", password),
        ])))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    split(app.send(req).await).await.0.status()
}

#[tokio::test]
async fn thirty_parallel_wrong_passwords_get_ten_tries() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let tries = (0..30u8).map(|n| {
            let app = &app;
            // From thirty clients, so that only the address's limit counts.
            async move {
                login_from(
                    app,
                    [10, 0, 0, n + 1],
                    "seeker@example.jp",
                    "wrong-password-9",
                )
                .await
            }
        });
        let answers = futures_util::future::join_all(tries).await;
        let tried = answers
            .iter()
            .filter(|s| **s == StatusCode::UNAUTHORIZED)
            .count();
        let refused = answers
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!((tried, refused), (10, 20), "{backend:?}: {answers:?}");
        // The right password too, for the window.
        assert_eq!(
            login_from(&app, [10, 0, 1, 1], "seeker@example.jp", PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS
        );
        // Another account is not affected.
        assert_eq!(
            login_from(&app, [10, 0, 1, 1], "employer@example.jp", PASSWORD).await,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn one_client_cannot_spray_a_password_across_addresses() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let sprayer = [192, 0, 2, 7];
        let mut answers = Vec::new();
        for n in 0..35 {
            let email = format!("someone{n}@example.jp");
            answers.push(login_from(&app, sprayer, &email, "demo-password-1").await);
        }
        assert!(
            answers[..30].iter().all(|s| *s == StatusCode::UNAUTHORIZED),
            "{backend:?} {answers:?}"
        );
        assert!(
            answers[30..]
                .iter()
                .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
            "{answers:?}"
        );
        // Even a right password from that client waits; another client
        // logs in.
        assert_eq!(
            login_from(&app, sprayer, "seeker@example.jp", PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            login_from(&app, [192, 0, 2, 8], "seeker@example.jp", PASSWORD).await,
            StatusCode::OK
        );
        // Successes do not count: an office behind one address logs in
        // all day.
        let office = [198, 51, 100, 1];
        for _ in 0..40 {
            assert_eq!(
                login_from(&app, office, "staff@example.jp", PASSWORD).await,
                StatusCode::OK,
                "{backend:?}"
            );
        }
        // No address is kept in the counters, only hashes.
        use sea_orm::{ConnectionTrait, Statement};
        let rows = app
            .db
            .query_all_raw(Statement::from_string(
                app.db.get_database_backend(),
                "SELECT key FROM attempt_counter",
            ))
            .await
            .unwrap();
        assert!(!rows.is_empty());
        for row in rows {
            let key: String = row.try_get("", "key").unwrap();
            assert!(!key.contains('@') && !key.contains("192.0.2"), "{key}");
        }
    }
}

#[tokio::test]
async fn one_client_opens_a_limited_number_of_mypages() {
    for backend in backends() {
        let app = app(backend).await;
        let mut answers = Vec::new();
        let max = madoguchi_db::attempts::REGISTER_PER_CLIENT.max as usize;
        for n in 0..max + 2 {
            let body = form(&[
                ("email", &format!("new{n}@example.jp")),
                ("password", PASSWORD),
                ("name", "山田 太郎"),
                ("name_kana", "ヤマダ タロウ"),
            ]);
            let (res, _) = call(&app, "/api/account/register", &body, None).await;
            answers.push(res.status());
        }
        assert!(
            answers[..max].iter().all(|s| *s == StatusCode::OK),
            "{backend:?} {answers:?}"
        );
        assert!(
            answers[max..]
                .iter()
                .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
            "{answers:?}"
        );
    }
}
