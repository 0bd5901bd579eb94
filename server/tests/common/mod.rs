//! Builds the real router on a fresh database: a temporary SQLite file, or
//! a new database on the PostgreSQL server named by `TEST_POSTGRES_URL`.

#![allow(dead_code)]

pub mod calls;

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use http::{Request, Response};
use http_body_util::BodyExt;
use madoguchi_app::state::AppState;
use madoguchi_server::Settings;
use sea_orm::ConnectionTrait;
use tower::ServiceExt;

/// One app on one fresh database; dropping it removes the database.
pub struct TestApp {
    pub router: Router,
    pub db: madoguchi_db::Db,
    pub search: std::sync::Arc<madoguchi_db::search::SearchIndex>,
    _guard: DbGuard,
    _index_dir: tempfile::TempDir,
    pub documents_dir: tempfile::TempDir,
}

enum DbGuard {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let DbGuard::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop the database on a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async {
                    if let Ok(admin) = madoguchi_db::connect(&admin_url).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends to test: SQLite always; PostgreSQL when `TEST_POSTGRES_URL`
/// is set. `MADOGUCHI_REQUIRE_POSTGRES=1` (set by the test command) turns
/// a missing URL into a failure, so CI can never silently skip it.
pub fn backends() -> Vec<Backend> {
    let mut list = vec![Backend::Sqlite];
    if std::env::var("TEST_POSTGRES_URL").is_ok() {
        list.push(Backend::Postgres);
    } else if std::env::var("MADOGUCHI_REQUIRE_POSTGRES").as_deref() == Ok("1") {
        panic!("MADOGUCHI_REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set");
    } else {
        eprintln!("TEST_POSTGRES_URL not set: testing SQLite only");
    }
    list
}

/// A migrated, empty database; dropping it removes the database.
pub struct EmptyDb {
    pub db: madoguchi_db::Db,
    _guard: DbGuard,
}

pub async fn empty_database(backend: Backend) -> EmptyDb {
    let (db, guard) = fresh_database(backend).await;
    EmptyDb { db, _guard: guard }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A migrated, empty database on `backend`, with its clean-up guard.
async fn fresh_database(backend: Backend) -> (madoguchi_db::Db, DbGuard) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = madoguchi_server::settings::sqlite_url(&dir.path().join("test.db"));
            let db = madoguchi_db::connect(&url).await.expect("sqlite connects");
            madoguchi_db::migrate(&db).await.expect("migrations apply");
            (db, DbGuard::Sqlite(dir))
        }
        Backend::Postgres => {
            let admin_url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL");
            let name = format!(
                "madoguchi_test_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst)
            );
            let admin = madoguchi_db::connect(&admin_url)
                .await
                .expect("postgres connects");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .expect("drop old test database");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.ok();
            let base = admin_url
                .rsplit_once('/')
                .expect("URL has a database path")
                .0;
            let db = madoguchi_db::connect(&format!("{base}/{name}"))
                .await
                .expect("test database connects");
            madoguchi_db::migrate(&db).await.expect("migrations apply");
            (db, DbGuard::Postgres { admin_url, name })
        }
    }
}

/// The app on a fresh database with the offices and the featured demo
/// postings (the generated part of the demo set is tested on its own).
pub async fn app(backend: Backend) -> TestApp {
    app_with_site_root(backend, Path::new("target/site-does-not-exist")).await
}

pub async fn app_with_site_root(backend: Backend, site_root: &Path) -> TestApp {
    app_with(backend, site_root, madoguchi_server::Site::new(SITE, false)).await
}

/// The app served as `site` (its public URL decides the accepted origin,
/// `Secure` cookies and HSTS).
pub async fn app_for_site(backend: Backend, site: madoguchi_server::Site) -> TestApp {
    app_with(backend, Path::new("target/site-does-not-exist"), site).await
}

async fn app_with(backend: Backend, site_root: &Path, site: madoguchi_server::Site) -> TestApp {
    let (db, guard) = fresh_database(backend).await;
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    madoguchi_db::demo::seed_featured(&db, today)
        .await
        .expect("demo data loads");
    let settings = Settings {
        data_dir: "unused".into(),
        database_url: None,
        addr: "127.0.0.1:0".parse().unwrap(),
        secure_cookies: false,
        site_root: site_root.to_path_buf(),
        result_overdue_days: madoguchi_shared::application::RESULT_OVERDUE_DAYS,
        referral_deadline_days: madoguchi_shared::staff::REFERRAL_DEADLINE_DAYS,
        smtp_url: None,
        public_url: SITE.to_owned(),
        mail_from: "窓口 <no-reply@madoguchi.jp>".to_owned(),
    };
    let index_dir = tempfile::tempdir().expect("index folder");
    let search = std::sync::Arc::new(
        madoguchi_db::search::SearchIndex::open(index_dir.path()).expect("index opens"),
    );
    search.rebuild(&db).await.expect("index builds");
    let documents_dir = tempfile::tempdir().expect("document folder");
    let state = AppState {
        leptos_options: settings.leptos_options(),
        db: db.clone(),
        search: search.clone(),
        documents_dir: documents_dir.path().to_path_buf(),
        result_overdue_days: madoguchi_shared::application::RESULT_OVERDUE_DAYS,
        referral_deadline_days: madoguchi_shared::staff::REFERRAL_DEADLINE_DAYS,
        streams: Default::default(),
    };
    TestApp {
        router: madoguchi_server::router(state, site),
        db,
        search,
        _guard: guard,
        _index_dir: index_dir,
        documents_dir,
    }
}

/// The site's public URL in the tests: the origin a browser on its pages sends.
pub const SITE: &str = "http://127.0.0.1:3000";

impl TestApp {
    /// A request as the site's own pages send it: with the site's
    /// `Origin` unless the request names one.
    pub async fn send(&self, mut request: Request<Body>) -> Response<Body> {
        if !request.headers().contains_key(http::header::ORIGIN) {
            request
                .headers_mut()
                .insert(http::header::ORIGIN, http::HeaderValue::from_static(SITE));
        }
        self.send_raw(request).await
    }

    /// A request exactly as given (a cross-site one, or one without any
    /// `Origin`).
    pub async fn send_raw(&self, request: Request<Body>) -> Response<Body> {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers")
    }

    pub async fn get(&self, uri: &str) -> (Response<()>, String) {
        let response = self
            .send(Request::get(uri).body(Body::empty()).unwrap())
            .await;
        split(response).await
    }

    /// A server-function call as a browser without JavaScript would not
    /// make it, but as the hydrated client does: a urlencoded POST.
    pub async fn post_form(&self, uri: &str, body: &str) -> (Response<()>, String) {
        let response = self
            .send(
                Request::post(uri)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(body.to_owned()))
                    .unwrap(),
            )
            .await;
        split(response).await
    }
}

pub async fn split(response: Response<Body>) -> (Response<()>, String) {
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body reads").to_bytes();
    (
        Response::from_parts(parts, ()),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}
