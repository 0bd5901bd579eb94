//! Calls to the router as a browser makes them: server functions with a
//! session cookie, pages, logins.

use axum::body::Body;
use http::{Request, StatusCode, header};
use madoguchi_db::account::NewAccount;
use madoguchi_shared::account::Role;
use sea_orm::EntityTrait;

use super::{TestApp, split};

pub const PASSWORD: &str = "demo-password-1";

/// A urlencoded server-function call, with the session cookie if any.
pub async fn call(
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

/// The status a server-function call answers with, for `cookie`'s user.
pub async fn status_of(app: &TestApp, path: &str, body: &str, cookie: &str) -> StatusCode {
    call(app, path, body, Some(cookie)).await.0.status()
}

pub async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (http::Response<()>, String) {
    let mut req = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    split(app.send(req.body(Body::empty()).unwrap()).await).await
}

/// `name=value` of the session cookie a response sets.
pub fn session_cookie(res: &http::Response<()>) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("madoguchi_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn login(app: &TestApp, email: &str, password: &str) -> (http::Response<()>, String) {
    call(
        app,
        "/api/account/login",
        &form(&[("email", email), ("password", password)]),
        None,
    )
    .await
}

/// Logs in and answers the session cookie.
pub async fn session_of(app: &TestApp, email: &str) -> String {
    let (res, body) = login(app, email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK, "{email}: {body}");
    session_cookie(&res).unwrap()
}

/// The session of a new employer account of another establishment than
/// the demo employer's.
pub async fn rival_employer(app: &TestApp, email: &str) -> String {
    use madoguchi_db::entity::establishment;
    use sea_orm::{ColumnTrait, QueryFilter};
    let other_est = establishment::Entity::find()
        .filter(establishment::Column::Name.ne("社会福祉法人あおば会"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    madoguchi_db::account::create_account(
        &app.db,
        NewAccount {
            email: email.to_owned(),
            password_hash: madoguchi_db::account::hash_password(PASSWORD.to_owned())
                .await
                .unwrap(),
            role: Role::Employer,
            display_name: "他社".to_owned(),
            office_id: None,
            establishment_id: Some(other_est),
        },
    )
    .await
    .unwrap();
    session_of(app, email).await
}

/// A server-function call with a JSON body (the posting editor's).
pub async fn call_json(
    app: &TestApp,
    path: &str,
    body: &serde_json::Value,
    cookie: &str,
) -> (http::Response<()>, String) {
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .unwrap();
    split(app.send(req).await).await
}

/// A staff account of office `office_code`, logged in.
pub async fn staff_of(app: &TestApp, email: &str, office_code: &str) -> String {
    let office = madoguchi_db::account::office_id(&app.db, office_code)
        .await
        .unwrap()
        .expect("office exists");
    madoguchi_db::account::create_account(
        &app.db,
        NewAccount {
            email: email.to_owned(),
            password_hash: madoguchi_db::account::hash_password(PASSWORD.to_owned())
                .await
                .unwrap(),
            role: Role::Staff,
            display_name: "職員 二郎".to_owned(),
            office_id: Some(office),
            establishment_id: None,
        },
    )
    .await
    .unwrap();
    session_of(app, email).await
}

/// The seeker record of the account with `email`.
pub async fn seeker_of(app: &TestApp, email: &str) -> madoguchi_db::entity::seeker::Model {
    use madoguchi_db::entity::{seeker, user_account};
    use sea_orm::{ColumnTrait, QueryFilter};
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// A multipart form as a browser sends it: `(name, file name, bytes)`.
pub fn multipart(parts: &[(&str, Option<&str>, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "----madoguchi-test-boundary-7d1f".to_owned();
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (boundary, body)
}

/// The account of `email` shows it holds its address, by a verification
/// link used as the e-mail's reader would (the link's token drawn as the
/// e-mail writer draws it).
pub async fn verify_address(app: &TestApp, email: &str) {
    use madoguchi_db::account_token::{Purpose, issue};
    use madoguchi_db::entity::user_account;
    use sea_orm::{ColumnTrait, QueryFilter};
    let user = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .expect("account exists");
    let token = issue(&app.db, user.id, Purpose::Verify, chrono::Utc::now())
        .await
        .unwrap();
    let (res, body) = call(
        app,
        "/api/account/verify",
        &form(&[("token", &token)]),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "{email}: {body}");
}
