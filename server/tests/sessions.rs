//! Login sessions: a new id at every login (also over an existing one),
//! and expired sessions and link codes removed by the clock's job, safely
//! by several servers at once; on SQLite and PostgreSQL.

mod common;

use chrono::{Duration, Utc};
use common::calls::*;
use common::{app, backends};
use http::{Request, StatusCode, header};
use madoguchi_db::entity::{counter_link_code, session};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

#[tokio::test]
async fn every_login_gets_a_new_session_id_and_the_old_one_stops_working() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let first = session_of(&app, "seeker@example.jp").await;
        // Logging in again (as another user) over that session.
        let body = form(&[("email", "employer@example.jp"), ("password", PASSWORD)]);
        let req = Request::post("/api/account/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &first)
            .body(axum::body::Body::from(body))
            .unwrap();
        let (res, _) = common::split(app.send(req).await).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        let second = session_cookie(&res).expect("a new session cookie");
        assert_ne!(first, second, "{backend:?}: the session id was kept");
        let (_, me) = call(&app, "/api/account/me", "", Some(&second)).await;
        assert!(me.contains("employer"), "{me}");
        // The old id is no one's any more.
        let (_, me) = call(&app, "/api/account/me", "", Some(&first)).await;
        assert_eq!(me, "null", "{backend:?}");
    }
}

#[tokio::test]
async fn expired_sessions_and_link_codes_are_purged_and_live_ones_kept() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let live = session_of(&app, "seeker2@example.jp").await;
        let (res, _) = call(&app, "/api/profile/link-code", "", Some(&live)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let now = Utc::now();
        for (id, ago) in [("old-1", 1), ("old-2", 60 * 24)] {
            session::Entity::insert(session::ActiveModel {
                id: Set(id.to_owned()),
                data: Set("{}".to_owned()),
                expires_at: Set(now - Duration::minutes(ago)),
            })
            .exec(&app.db)
            .await
            .unwrap();
        }
        let sessions_before = session::Entity::find().count(&app.db).await.unwrap();
        // Two servers at the same moment: each row is removed once.
        let (a, b) = tokio::join!(
            madoguchi_db::housekeeping::purge(&app.db, now),
            madoguchi_db::housekeeping::purge(&app.db, now)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sessions + b.sessions, 2, "{backend:?}");
        assert_eq!(a.link_codes + b.link_codes, 0, "the code is still valid");
        assert_eq!(
            session::Entity::find().count(&app.db).await.unwrap(),
            sessions_before - 2
        );
        let (_, me) = call(&app, "/api/account/me", "", Some(&live)).await;
        assert_ne!(me, "null", "a live session survives");
        // Past its 30 minutes, the link code goes too.
        let later = now + Duration::minutes(31);
        let purged = madoguchi_db::housekeeping::purge(&app.db, later)
            .await
            .unwrap();
        assert_eq!(purged.link_codes, 1, "{backend:?}");
        assert_eq!(
            counter_link_code::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
    }
}
