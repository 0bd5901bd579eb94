//! Requests from other sites, and the headers of every response: a
//! state-changing request (a server function, an upload, a raw handler, a
//! login) is refused unless it comes from the site's own pages; pages
//! carry a script policy with this response's nonce and no `unsafe-eval`;
//! personal answers are never stored; on SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use common::calls::*;
use common::{SITE, app, backends, split};
use http::{Request, StatusCode, header};

fn post(path: &str, body: &str, headers: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut req =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (k, v) in headers {
        req = req.header(k.clone(), *v);
    }
    req.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn requests_from_another_site_change_nothing_and_log_no_one_in() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let seeker = session_of(&app, "seeker@example.jp").await;
        let credentials = form(&[("email", "seeker@example.jp"), ("password", PASSWORD)]);

        // Login CSRF: another site's form, or a client that hides where it
        // comes from, logs no one in.
        for headers in [
            vec![(header::ORIGIN, "http://evil.example")],
            vec![(header::ORIGIN, "null")],
            vec![(header::REFERER, "http://evil.example/page")],
            vec![
                (header::ORIGIN, "http://127.0.0.1:3000.evil.example"),
                (header::REFERER, "http://127.0.0.1:3000/login"),
            ],
            vec![],
        ] {
            let (res, body) = split(
                app.send_raw(post("/api/account/login", &credentials, &headers))
                    .await,
            )
            .await;
            assert_eq!(
                res.status(),
                StatusCode::FORBIDDEN,
                "{backend:?} {headers:?}"
            );
            assert!(session_cookie(&res).is_none(), "{headers:?}");
            assert!(body.contains("窓口のページからのみ"), "{body}");
        }
        // The site's own page, by Origin or by Referer alone.
        for headers in [
            vec![(header::ORIGIN, SITE)],
            vec![(header::REFERER, "http://127.0.0.1:3000/login?next=/mypage")],
        ] {
            let (res, _) = split(
                app.send_raw(post("/api/account/login", &credentials, &headers))
                    .await,
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK, "{backend:?} {headers:?}");
            assert!(session_cookie(&res).is_some());
        }

        // With the seeker's own cookie, from another site: a favourite, a
        // profile change, the logout, an upload and a message send are all
        // refused, and nothing was stored.
        let favourites_before = count_favourites(&app).await;
        for (path, body) in [
            ("/api/postings/favourite", "number=13010-09990000"),
            ("/api/profile/registration", "active=false"),
            ("/api/account/logout", ""),
            ("/applications/send", "x=1"),
            ("/messages/send", "x=1"),
            ("/employer/images", "x=1"),
        ] {
            let req = post(
                path,
                body,
                &[
                    (header::ORIGIN, "http://evil.example"),
                    (header::COOKIE, &seeker),
                ],
            );
            let (res, _) = split(app.send_raw(req).await).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend:?} {path}");
        }
        assert_eq!(count_favourites(&app).await, favourites_before);
        let me = seeker_of(&app, "seeker@example.jp").await;
        assert!(me.registration_active, "the registration was not changed");
        // The session still works: the cross-site logout did nothing.
        let (res, body) = call(&app, "/api/account/me", "", Some(&seeker)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("seeker") || body.contains("id"), "{body}");
        assert_ne!(body, "null");

        // Reading stays open to links from anywhere.
        let req = Request::get("/jobs?q=介護")
            .header(header::REFERER, "http://evil.example/")
            .body(Body::empty())
            .unwrap();
        let (res, _) = split(app.send_raw(req).await).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
}

async fn count_favourites(app: &common::TestApp) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    madoguchi_db::entity::favourite::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_personal_ones_are_not_stored() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let seeker = session_of(&app, "seeker@example.jp").await;
        let check = |res: &http::Response<()>, what: &str| {
            let h = res.headers();
            assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{what}");
            assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{what}");
            assert_eq!(h[header::REFERRER_POLICY], "same-origin", "{what}");
            let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(
                csp.contains("frame-ancestors 'none'") || csp.contains("sandbox"),
                "{what}: {csp}"
            );
            assert!(!csp.contains("'unsafe-eval'"), "{what}: {csp}");
            // Plain http here: no HSTS.
            assert!(!h.contains_key(header::STRICT_TRANSPORT_SECURITY), "{what}");
        };

        // A public page: a nonce that every inline script carries.
        let (res, body) = page(&app, "/", None).await;
        check(&res, "/");
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy")
            .to_owned();
        assert!(nonce.len() >= 16, "{csp}");
        assert!(
            csp.contains("'wasm-unsafe-eval'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        let scripts: Vec<&str> = body.split("<script").skip(1).collect();
        assert!(!scripts.is_empty());
        for s in &scripts {
            let (tag, rest) = s.split_once('>').unwrap();
            // Data, not code; and the empty script the policy allows by
            // its hash.
            if tag.contains("application/ld+json") || rest.starts_with("</script>") {
                continue;
            }
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "script without the nonce: <script{tag}>"
            );
        }
        // Another response, another nonce.
        let (again, _) = page(&app, "/", None).await;
        assert_ne!(
            again.headers()[header::CONTENT_SECURITY_POLICY],
            csp.as_str()
        );
        // A visitor's public page may be cached; the seeker's pages and
        // answers may not, nor anything rendered for a logged-in user.
        assert!(
            res.headers()
                .get(header::CACHE_CONTROL)
                .is_none_or(|v| !v.to_str().unwrap().contains("no-store"))
        );
        for path in ["/mypage", "/mypage/profile", "/jobs"] {
            let (res, _) = page(&app, path, Some(&seeker)).await;
            check(&res, path);
            assert_eq!(
                res.headers()[header::CACHE_CONTROL],
                "no-store, private",
                "{path}"
            );
        }
        let (res, _) = call(&app, "/api/account/me", "", Some(&seeker)).await;
        check(&res, "/api/account/me");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store, private");
        let (res, _) = app.get("/healthz").await;
        check(&res, "/healthz");
    }
}

#[tokio::test]
async fn over_https_cookies_are_secure_and_hsts_is_sent() {
    let site = madoguchi_server::Site::new("https://madoguchi.example/", false);
    assert!(site.https);
    for backend in backends() {
        let app = common::app_for_site(backend, site.clone()).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let credentials = form(&[("email", "seeker@example.jp"), ("password", PASSWORD)]);
        let req = post(
            "/api/account/login",
            &credentials,
            &[(header::ORIGIN, "https://madoguchi.example")],
        );
        let (res, _) = split(app.send_raw(req).await).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        let cookie = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("madoguchi_session="))
            .unwrap();
        assert!(cookie.contains("Secure"), "{cookie}");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(
            res.headers()[header::STRICT_TRANSPORT_SECURITY]
                .to_str()
                .unwrap()
                .starts_with("max-age=")
        );
        // The plain-http origin of the same host is another site.
        let req = post(
            "/api/account/login",
            &credentials,
            &[(header::ORIGIN, "http://madoguchi.example")],
        );
        assert_eq!(app.send_raw(req).await.status(), StatusCode::FORBIDDEN);
    }
}
