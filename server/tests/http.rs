//! The real router, through HTTP, on SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use common::{app, app_with_site_root, backends};
use http::{Request, StatusCode, header};
use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test]
async fn healthz_reports_the_database() {
    for backend in backends() {
        let app = app(backend).await;
        let (res, body) = app.get("/healthz").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        assert_eq!(body, "ok");

        // A closed pool is an unreachable database.
        app.db.clone().close().await.unwrap();
        let (res, _) = app.get("/healthz").await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{backend:?}");
    }
}

#[tokio::test]
async fn home_page_is_rendered_in_japanese_with_postings() {
    for backend in backends() {
        let app = app(backend).await;
        let (res, body) = app.get("/").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        assert!(body.contains(r#"<html lang="ja""#), "{backend:?}: {body}");
        assert!(body.contains("お仕事を探す"));
        assert!(body.contains(r#"action="/jobs""#));
        // Resolved on the server: postings are in the first response.
        assert!(body.contains("介護職員（特別養護老人ホーム）"), "{body}");
        assert!(body.contains("13010-09990000"));
        // 公開範囲 3 is never listed; the draft under review neither.
        assert!(!body.contains("施設警備員"));
        assert!(!body.contains("販売スタッフ（ベーカリー）"));
    }
}

#[tokio::test]
async fn english_is_chosen_by_cookie() {
    let app = app(common::Backend::Sqlite).await;
    let res = app
        .send(
            Request::get("/")
                .header(header::COOKIE, "i18n_pref_locale=en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let (_, body) = common::split(res).await;
    assert!(body.contains(r#"<html lang="en""#), "{body}");
    assert!(body.contains("Find a job"));
    assert!(!body.contains("お仕事を探す"));
}

#[tokio::test]
async fn server_function_lists_public_postings() {
    for backend in backends() {
        let app = app(backend).await;
        let (res, body) = app.post_form("/api/postings/newest", "limit=3").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}: {body}");
        let list: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(list["postings"].as_array().unwrap().len(), 3);
        // Ten demo postings are public: the staff-only and the draft are not.
        assert_eq!(list["total"], 10);
        let all = madoguchi_db::entity::posting::Entity::find()
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(all, 12);

        let (_, body) = app.post_form("/api/postings/newest", "limit=50").await;
        let list: serde_json::Value = serde_json::from_str(&body).unwrap();
        let postings = list["postings"].as_array().unwrap();
        assert_eq!(postings.len(), 10);
        // 公開範囲 2 hides the establishment's name.
        let anonymous = postings
            .iter()
            .find(|p| p["title"] == "倉庫内ピッキング作業（パート）")
            .expect("anonymous posting listed");
        assert!(anonymous["establishment"].is_null());
        assert!(!body.contains("東都ロジスティクス"));
    }
}

#[tokio::test]
async fn malformed_server_function_calls_are_client_errors() {
    let app = app(common::Backend::Sqlite).await;
    for body in ["limit=abc", "", "limit=-1", "limit=99999999999"] {
        let (res, text) = app.post_form("/api/postings/newest", body).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body:?}: {text}");
        assert_eq!(text, r#""BadRequest""#, "{body:?}");
    }
    for body in ["limit=0", "limit=51"] {
        let (res, text) = app.post_form("/api/postings/newest", body).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body:?}");
        assert_eq!(text, r#"{"Invalid":{"OutOfRange":{"min":1,"max":50}}}"#);
    }
    // Not UTF-8.
    let res = app
        .send(
            Request::post("/api/postings/newest")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(vec![b'l', 0xff, 0xfe]))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // No such server function.
    let (res, _) = app.post_form("/api/postings/nothing", "limit=1").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = app(common::Backend::Sqlite).await;
    let huge = format!("limit=1&pad={}", "x".repeat(10 * 1024 * 1024));
    // Announced by Content-Length: refused before reading.
    let res = app
        .send(
            Request::post("/api/postings/newest")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::CONTENT_LENGTH, huge.len())
                .body(Body::from(huge.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Streamed without a length: refused once the limit is crossed.
    let (res, body) = app.post_form("/api/postings/newest", &huge).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body, r#""TooLarge""#);
}

#[tokio::test]
async fn unknown_routes_answer_a_404_page() {
    let app = app(common::Backend::Sqlite).await;
    let (res, body) = app.get("/no/such/page").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(body.contains("ページが見つかりません"), "{body}");
    assert!(body.contains(r#"href="/""#));
}

#[tokio::test]
async fn jobs_page_echoes_keywords_and_refuses_overlong_ones() {
    let app = app(common::Backend::Sqlite).await;
    let (res, body) = app
        .get("/jobs?q=%E4%BB%8B%E8%AD%B7%E3%80%80%E4%BA%8B%E5%8B%99")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains(r#"<mark class="keyword">介護"#), "{body}");
    assert!(body.contains(r#"<mark class="keyword">事務"#));
    // The box keeps what was typed (with the ideographic space).
    assert!(body.contains(r#"value="介護　事務""#), "{body}");

    let long = "%E4%BB%8B".repeat(101);
    let (res, body) = app.get(&format!("/jobs?q={long}")).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // The number is interpolated: a hydration marker may stand beside it.
    assert!(body.contains("文字以内で入力してください"), "{body}");
    assert!(body.contains(">100<"));
}

#[tokio::test]
async fn pages_are_compressed() {
    let app = app(common::Backend::Sqlite).await;
    for encoding in ["br", "gzip"] {
        let res = app
            .send(
                Request::get("/")
                    .header(header::ACCEPT_ENCODING, encoding)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_ENCODING], encoding);
    }
}

#[tokio::test]
async fn bundle_is_hashed_precompressed_and_cached_for_good() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("build-id"), "madoguchi.0123abcd\n").unwrap();
    std::fs::write(pkg.join("madoguchi.0123abcd.js"), "export default 1;").unwrap();
    std::fs::write(pkg.join("madoguchi.0123abcd.js.br"), b"BROTLI").unwrap();
    let app = app_with_site_root(common::Backend::Sqlite, site.path()).await;

    // The page names the hashed files.
    let (_, body) = app.get("/").await;
    assert!(body.contains("/pkg/madoguchi.0123abcd.js"), "{body}");
    assert!(body.contains("/pkg/madoguchi.0123abcd_bg.wasm"));
    assert!(body.contains("/pkg/madoguchi.0123abcd.css"));

    let res = app
        .send(
            Request::get("/pkg/madoguchi.0123abcd.js")
                .header(header::ACCEPT_ENCODING, "br, gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let (_, body) = common::split(res).await;
    assert_eq!(body, "BROTLI");

    // A missing bundle file is a plain 404, not cached.
    let res = app
        .send(
            Request::get("/pkg/madoguchi.old.js")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.headers().get(header::CACHE_CONTROL).is_none());
}
