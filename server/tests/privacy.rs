//! What is kept about a person, downloaded by that person only
//! (docs/domain.md, "What is kept"), on SQLite and PostgreSQL.

mod common;

use common::calls::*;
use common::{app, backends};
use http::{StatusCode, header};
use madoguchi_db::entity::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn a_person_downloads_what_is_kept_about_them_and_nothing_of_anyone_else() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let (res, _) = page(&app, "/account/export.json", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{backend:?}");

        let seeker = session_of(&app, "seeker@example.jp").await;
        let (res, body) = page(&app, "/account/export.json", Some(&seeker)).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?} {body}");
        assert!(
            res.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
        assert!(
            res.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert!(
            res.headers()[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("no-store")
        );
        let kept: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(kept["account"]["email"], "seeker@example.jp");
        assert_eq!(kept["seeker"]["name"], "山田 花子");
        assert_eq!(kept["seeker"]["phone"], "090-1234-5678");
        let apps = kept["seeker"]["applications"].as_array().unwrap();
        assert!(!apps.is_empty(), "{body}");
        assert!(apps.iter().all(|a| a["motivation"].is_string()));
        assert!(apps.iter().all(|a| a["posting"]["number"].is_string()));
        // No secret, and nothing of another person or of the employer's
        // own notes.
        for never in [
            "argon2",
            "password_hash",
            "佐藤 健",
            "seeker2@example.jp",
            "rating",
        ] {
            assert!(!body.contains(never), "{never} in the export");
        }
        assert_eq!(
            audit_log::Entity::find()
                .filter(audit_log::Column::Entity.eq("privacy_export"))
                .count(&app.db)
                .await
                .unwrap(),
            1
        );

        // The employer's download holds the employer's account only, not
        // the applicants it reads.
        let employer = session_of(&app, "employer@example.jp").await;
        let (res, body) = page(&app, "/account/export.json", Some(&employer)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let kept: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(kept["account"]["email"], "employer@example.jp");
        assert!(kept.get("seeker").is_none(), "{body}");
        assert!(!body.contains("山田 花子"), "{body}");
        // A state-changing method is not offered.
        let (res, _) = call(&app, "/account/export.json", "", Some(&seeker)).await;
        assert_ne!(res.status(), StatusCode::OK);
    }
}
