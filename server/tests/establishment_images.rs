//! 事業所画像情報 through the router: upload checked by content, metadata
//! removed, at most ten; waiting images seen only by the establishment
//! and its office's staff; reviewed once by that office; approved ones
//! public and shown with the postings. On SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use common::calls::*;
use common::{TestApp, app, backends, split};
use http::{Request, StatusCode, header};

/// A tiny JPEG with an EXIF segment naming a GPS position.
fn jpeg_with_gps() -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let exif = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude35.6895";
    b.extend_from_slice(&[0xFF, 0xE1]);
    b.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    b.extend_from_slice(exif);
    b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    b.extend_from_slice(&[0x12, 0x34, 0x56, 0xFF, 0xD9]);
    b
}

async fn upload(app: &TestApp, cookie: &str, bytes: Vec<u8>) -> (http::Response<()>, String) {
    let boundary = "madoguchi-image-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::post("/employer/images")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    split(app.send(req).await).await
}

async fn image(app: &TestApp, id: i32, cookie: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut req = Request::get(format!("/images/{id}"));
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.send(req.body(Body::empty()).unwrap()).await;
    let status = res.status();
    let nosniff = res.headers().get(header::X_CONTENT_TYPE_OPTIONS).cloned();
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    if status == StatusCode::OK {
        assert_eq!(nosniff.unwrap(), "nosniff");
    }
    (status, bytes)
}

fn location(res: &http::Response<()>) -> String {
    res.headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

fn stored_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.documents_dir.path().join("images"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test]
async fn images_are_cleaned_limited_reviewed_and_shown_only_when_approved() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;

        // A lying or broken file is refused and leaves nothing behind.
        for bad in [
            b"%PDF-1.4\n%%EOF".to_vec(),
            b"not an image at all".to_vec(),
            vec![0xFF, 0xD8, 0xFF, 0x00],
        ] {
            let (res, _) = upload(&app, &employer, bad).await;
            assert!(
                location(&res).contains("error="),
                "{backend:?}: {}",
                location(&res)
            );
        }
        let mut big = jpeg_with_gps();
        big.resize(2 * 1024 * 1024 + 10, 0);
        let (res, _) = upload(&app, &employer, big).await;
        assert!(
            location(&res).contains("error=") || res.status() == StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            location(&res)
        );
        assert_eq!(stored_files(&app), 0);

        // A good one is stored without its GPS position, waiting for review.
        let (res, _) = upload(&app, &employer, jpeg_with_gps()).await;
        assert_eq!(location(&res), "/employer/establishment?uploaded=1");
        let (_, list) = call(&app, "/api/employer/images", "", Some(&employer)).await;
        let rows: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
        assert_eq!(rows.len(), 1, "{list}");
        assert_eq!(rows[0]["status"], "pending");
        let id = rows[0]["id"].as_i64().unwrap() as i32;
        let (status, bytes) = image(&app, id, Some(&employer)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude"));
        assert!(bytes.starts_with(&[0xFF, 0xD8]));

        // Waiting: not for visitors, seekers or another establishment.
        let rival = rival_employer(&app, "rival@example.jp").await;
        let seeker = session_of(&app, "seeker@example.jp").await;
        assert_eq!(image(&app, id, None).await.0, StatusCode::NOT_FOUND);
        assert_eq!(
            image(&app, id, Some(&seeker)).await.0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(image(&app, id, Some(&rival)).await.0, StatusCode::NOT_FOUND);
        let (res, _) = call(
            &app,
            "/api/employer/images/delete",
            &format!("id={id}"),
            Some(&rival),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // Another office's staff neither see nor review it; the office's do, once.
        let office = {
            use madoguchi_db::entity::{establishment, office};
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let est = establishment::Entity::find()
                .filter(establishment::Column::Name.eq("社会福祉法人あおば会"))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            office::Entity::find_by_id(est.office_id)
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .code
        };
        let elsewhere = if office == "27010" { "13010" } else { "27010" };
        let stranger = staff_of(&app, "staff-far@example.jp", elsewhere).await;
        let staff = staff_of(&app, "staff-near@example.jp", &office).await;
        let (_, queue) = call(&app, "/api/staff/images", "", Some(&stranger)).await;
        assert_eq!(queue, "[]");
        assert_eq!(
            image(&app, id, Some(&stranger)).await.0,
            StatusCode::NOT_FOUND
        );
        let (res, _) = call(
            &app,
            "/api/staff/images/review",
            &format!("id={id}&approve=true"),
            Some(&stranger),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let (_, queue) = call(&app, "/api/staff/images", "", Some(&staff)).await;
        assert!(queue.contains(&format!("\"id\":{id}")), "{queue}");
        assert_eq!(image(&app, id, Some(&staff)).await.0, StatusCode::OK);
        let (res, _) = call(
            &app,
            "/api/staff/images/review",
            &format!("id={id}&approve=true"),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let (res, _) = call(
            &app,
            "/api/staff/images/review",
            &format!("id={id}&approve=false"),
            Some(&staff),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);

        // Approved: public, and listed with the establishment's postings.
        assert_eq!(image(&app, id, None).await.0, StatusCode::OK);
        let number = {
            use madoguchi_db::entity::posting;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
            posting::Entity::find()
                .filter(posting::Column::EstablishmentName.eq("社会福祉法人あおば会"))
                .filter(posting::Column::Status.eq("published"))
                .filter(posting::Column::Disclosure.eq(1))
                .filter(posting::Column::ValidUntil.gte(today))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .number
                .unwrap()
        };
        let (_, shown) = call(
            &app,
            "/api/postings/images",
            &format!("number={number}"),
            None,
        )
        .await;
        assert_eq!(shown, format!("[{id}]"));

        // Ten at most; a removed one takes its file with it.
        for _ in 0..9 {
            let (res, _) = upload(&app, &employer, jpeg_with_gps()).await;
            assert_eq!(location(&res), "/employer/establishment?uploaded=1");
        }
        let (res, _) = upload(&app, &employer, jpeg_with_gps()).await;
        assert!(location(&res).contains("TooMany"), "{}", location(&res));
        assert_eq!(stored_files(&app), 10);
        let (res, _) = call(
            &app,
            "/api/employer/images/delete",
            &format!("id={id}"),
            Some(&employer),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(stored_files(&app), 9);
        assert_eq!(image(&app, id, None).await.0, StatusCode::NOT_FOUND);
    }
}
