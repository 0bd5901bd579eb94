//! The HTTP surface: pages, server functions, the bundle, health.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Router, middleware};
use axum_login::AuthManagerLayerBuilder;
use leptos_axum::{LeptosRoutes, generate_route_list};
use madoguchi_app::app::{App, shell};
use madoguchi_app::state::AppState;
use madoguchi_db::account::Backend;
use madoguchi_db::session_store::DbSessionStore;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::protect::{self, Site};

/// Request bodies larger than this are refused with 413 before any handler
/// reads them. Forms and server-function arguments are far smaller; file
/// uploads get their own, larger limit where they are accepted.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How long a session lasts without activity.
pub const SESSION_IDLE_DAYS: i64 = 1;

/// The whole application, served as `site`: its origin is the only one
/// from which state-changing requests are taken, and over HTTPS the
/// session cookie is `Secure` and HSTS is sent.
pub fn router(state: AppState, site: Site) -> Router {
    let options = state.leptos_options.clone();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("madoguchi_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(site.https)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(
            SESSION_IDLE_DAYS,
        )));
    let auth = AuthManagerLayerBuilder::new(Backend::new(state.db.clone()), sessions).build();
    let routes = generate_route_list(App);
    let bundle = ServeDir::new(format!("{}/{}", options.site_root, options.site_pkg_dir))
        .precompressed_br()
        .precompressed_gzip();
    // Applications with documents: their own, larger limit.
    let send = Router::new()
        .route(
            "/applications/send",
            post(madoguchi_app::api::send::send_application),
        )
        .layer(madoguchi_app::api::send::body_limit());
    // Establishment images: one image a request, at most 2 MB.
    let images = Router::new()
        .route(
            "/employer/images",
            post(madoguchi_app::api::images::upload_image),
        )
        .layer(madoguchi_app::api::images::body_limit());
    // Messages with a file: one file a message, at most 5 MB.
    let message_files = Router::new()
        .route(
            "/messages/send",
            post(madoguchi_app::api::attachments::send_with_file),
        )
        .layer(madoguchi_app::api::attachments::body_limit());
    Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/messages/attachments/{id}",
            get(madoguchi_app::api::attachments::download_attachment),
        )
        .route(
            "/documents/{id}",
            get(madoguchi_app::api::send::download_document),
        )
        .route("/images/{id}", get(madoguchi_app::api::images::serve_image))
        .route("/events", get(madoguchi_app::api::messages::events))
        .route(
            "/account/export.json",
            get(madoguchi_app::api::privacy::export),
        )
        .route("/unsubscribe/{token}", get(unsubscribe).post(unsubscribe))
        .route(
            "/staff/statistics.csv",
            get(madoguchi_app::api::staff::statistics_csv),
        )
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            tower::ServiceBuilder::new()
                .map_response(cache_bundle_forever)
                .service(bundle),
        )
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(send)
        .merge(images)
        .merge(message_files)
        .layer(auth)
        .layer(middleware::from_fn_with_state(
            site.clone(),
            protect::require_same_origin,
        ))
        .layer(middleware::from_fn_with_state(
            site,
            protect::security_headers,
        ))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// `GET /unsubscribe/{token}`: the link of an e-mail shows what it would
/// turn off and a button; `POST` (the button, or a mail program's
/// one-click unsubscribe of RFC 8058) turns that kind of e-mail off,
/// without a login, once. A link that is used, unknown or older than
/// `jobs::UNSUBSCRIBE_DAYS` answers 410. A GET changes nothing, so a
/// mail scanner that opens links unsubscribes no one.
async fn unsubscribe(
    State(state): State<AppState>,
    method: http::Method,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> axum::response::Response {
    use madoguchi_shared::label::{Label, Lang};
    let page = |status: StatusCode, lang: &str, title: &str, body: &str| {
        (
            status,
            [(http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
            format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1>{body}<p><a href=\"/\">窓口 / Madoguchi</a></p></main></body></html>"
            ),
        )
            .into_response()
    };
    let gone = || {
        page(
            StatusCode::GONE,
            "ja",
            "このリンクは使えません / This link cannot be used",
            "<p>このリンクはすでに使われたか、期限が切れたか、無効です。配信の設定はマイページから変えられます。/ This link has been used, has expired or is not valid. You can change your e-mail settings in your MyPage.</p>",
        )
    };
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return gone();
    }
    let failed = |e: madoguchi_db::DbErr| {
        tracing::error!(error = %e, "unsubscribe failed");
        page(
            StatusCode::SERVICE_UNAVAILABLE,
            "ja",
            "エラー / Error",
            "<p>しばらくしてからもう一度お試しください。/ Please try again later.</p>",
        )
    };
    let now = chrono::Utc::now();
    if method != http::Method::POST {
        return match madoguchi_db::jobs::unsubscribe_topic(&state.db, &token, now).await {
            Ok(Some((topic, Lang::Ja))) => page(
                StatusCode::OK,
                "ja",
                "メール配信の停止",
                &format!(
                    "<p>「{}」のメールを停止します。よろしければ下のボタンを押してください。</p><form method=\"post\"><button type=\"submit\">配信を停止する</button></form>",
                    topic.label(Lang::Ja)
                ),
            ),
            Ok(Some((topic, Lang::En))) => page(
                StatusCode::OK,
                "en",
                "Stop e-mails",
                &format!(
                    "<p>This stops e-mails about \"{}\". Press the button to confirm.</p><form method=\"post\"><button type=\"submit\">Stop these e-mails</button></form>",
                    topic.label(Lang::En)
                ),
            ),
            Ok(None) => gone(),
            Err(e) => failed(e),
        };
    }
    match madoguchi_db::jobs::unsubscribe(&state.db, &token, now).await {
        Ok(Some((topic, Lang::Ja))) => page(
            StatusCode::OK,
            "ja",
            "配信を停止しました",
            &format!(
                "<p>「{}」のメールを今後お送りしません。マイページの設定からいつでも元に戻せます。</p>",
                topic.label(Lang::Ja)
            ),
        ),
        Ok(Some((topic, Lang::En))) => page(
            StatusCode::OK,
            "en",
            "You are unsubscribed",
            &format!(
                "<p>We will not send e-mails about \"{}\" any more. You can turn them on again in your MyPage settings.</p>",
                topic.label(Lang::En)
            ),
        ),
        Ok(None) => gone(),
        Err(e) => failed(e),
    }
}

/// 200 while the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if madoguchi_db::ping(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}

/// Bundle files carry their content hash in the name, so a found file never
/// changes: the browser may keep it for a year without asking again.
fn cache_bundle_forever<B>(mut response: Response<B>) -> Response<B> {
    if response.status() == StatusCode::OK {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    response
}
