//! The login users of an establishment: one-time invitation links (only a
//! hash kept, used once, expiring), at most ten users, removal that ends
//! the removed user's sessions, every change attributed in the audit log;
//! another establishment touches none of it. On SQLite and PostgreSQL.

mod common;

use common::calls::*;
use common::{app, backends};
use http::StatusCode;
use madoguchi_db::entity::{audit_log, establishment_invite, user_account};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test]
async fn invited_users_join_once_up_to_ten_and_removed_ones_are_logged_out() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let employer = session_of(&app, "employer@example.jp").await;
        let invite = || {
            let (app, employer) = (&app, employer.clone());
            async move {
                let (res, body) =
                    call(app, "/api/employer/users/invite", "", Some(&employer)).await;
                (res.status(), body)
            }
        };
        let (status, body) = invite().await;
        assert_eq!(status, StatusCode::OK, "{backend:?}: {body}");
        let path: String = serde_json::from_str(&body).unwrap();
        let token = path.strip_prefix("/invite/").unwrap().to_owned();
        assert_eq!(token.len(), 64);
        // Only a hash of the token is kept.
        let stored = establishment_invite::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0].token_hash, token);

        let (res, body) = call(&app, "/api/invite/check", &format!("token={token}"), None).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("社会福祉法人あおば会"), "{body}");
        let (res, _) = call(
            &app,
            "/api/invite/check",
            &format!("token={}", "0".repeat(64)),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // The invited person opens an account of the establishment, once.
        let accept = |token: String, email: &'static str| {
            let app = &app;
            async move {
                let body = form(&[
                    ("token", &token),
                    ("name", "採用 次郎"),
                    ("email", email),
                    ("password", PASSWORD),
                ]);
                call(app, "/api/invite/accept", &body, None).await
            }
        };
        let (res, body) = accept(token.clone(), "jiro@example.jp").await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let jiro = session_cookie(&res).unwrap();
        let (res, body) = call(&app, "/api/employer/establishment", "", Some(&jiro)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("社会福祉法人あおば会"), "{body}");
        let (res, _) = accept(token.clone(), "saburo@example.jp").await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let jiro_id = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("jiro@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let created = audit_log::Entity::find()
            .filter(audit_log::Column::Entity.eq("user_account"))
            .filter(audit_log::Column::EntityId.eq(i64::from(jiro_id)))
            .all(&app.db)
            .await
            .unwrap();
        assert!(
            created
                .iter()
                .any(|a| a.action == "create" && a.actor_user_id == Some(jiro_id))
        );

        // An expired link opens nothing.
        let (_, body) = invite().await;
        let late: String = serde_json::from_str(&body).unwrap();
        let late = late.strip_prefix("/invite/").unwrap().to_owned();
        let row = establishment_invite::Entity::find()
            .filter(establishment_invite::Column::UsedAt.is_null())
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut m: establishment_invite::ActiveModel = row.into();
        m.expires_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
        m.update(&app.db).await.unwrap();
        let (res, _) = accept(late, "late@example.jp").await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // Two users; eight more invitations make ten; the eleventh is refused.
        for _ in 0..8 {
            assert_eq!(invite().await.0, StatusCode::OK);
        }
        let (status, body) = invite().await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("TooMany"), "{body}");

        // Another establishment's user removes nobody here; a seeker
        // invites nobody.
        let rival = rival_employer(&app, "rival@example.jp").await;
        let (res, _) = call(
            &app,
            "/api/employer/users/remove",
            &format!("id={jiro_id}"),
            Some(&rival),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let seeker = session_of(&app, "seeker@example.jp").await;
        let (res, _) = call(&app, "/api/employer/users/invite", "", Some(&seeker)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let (_, list) = call(&app, "/api/employer/users", "", Some(&rival)).await;
        assert!(!list.contains("jiro@example.jp"), "{list}");

        // Removed: the session ends, the login fails, the removal is audited.
        let (res, body) = call(
            &app,
            "/api/employer/users/remove",
            &format!("id={jiro_id}"),
            Some(&employer),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        let (res, _) = call(&app, "/api/employer/establishment", "", Some(&jiro)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let (res, _) = login(&app, "jiro@example.jp", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let removed = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("delete"))
            .filter(audit_log::Column::EntityId.eq(i64::from(jiro_id)))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(removed.actor_user_id.is_some() && removed.actor_user_id != Some(jiro_id));
        let (_, list) = call(&app, "/api/employer/users", "", Some(&employer)).await;
        assert!(!list.contains("jiro@example.jp"), "{list}");

        // The last user of an establishment stays.
        let (_, rival_list) = call(&app, "/api/employer/users", "", Some(&rival)).await;
        let rival_id: serde_json::Value = serde_json::from_str(&rival_list).unwrap();
        let rival_id = rival_id["users"][0]["id"].as_i64().unwrap();
        let (res, _) = call(
            &app,
            "/api/employer/users/remove",
            &format!("id={rival_id}"),
            Some(&rival),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
    }
}

/// Two colleagues who remove each other at the same moment leave one of
/// them, never an establishment nobody can manage; twenty invitations at
/// once stop at ten users and invitations.
#[tokio::test]
async fn parallel_removals_keep_one_user_and_parallel_invitations_stop_at_ten() {
    use madoguchi_db::account::NewAccount;
    use madoguchi_shared::account::Role;
    use madoguchi_shared::establishment::MAX_ESTABLISHMENT_USERS;
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let hash = madoguchi_db::account::hash_password(PASSWORD.to_owned())
            .await
            .unwrap();
        for round in 0..5 {
            // A fresh establishment of two users each round.
            let est = madoguchi_db::entity::establishment::Entity::find()
                .all(&app.db)
                .await
                .unwrap()[round]
                .id;
            let mut ids = Vec::new();
            for n in 0..2 {
                let email = format!("pair-{round}-{n}@example.jp");
                user_account::Entity::update_many()
                    .col_expr(
                        user_account::Column::DisabledAt,
                        sea_orm::sea_query::Expr::value(chrono::Utc::now()),
                    )
                    .filter(user_account::Column::EstablishmentId.eq(est))
                    .filter(user_account::Column::Email.not_like("pair-%"))
                    .exec(&app.db)
                    .await
                    .unwrap();
                ids.push(
                    madoguchi_db::account::create_account(
                        &app.db,
                        NewAccount {
                            email: email.clone(),
                            password_hash: hash.clone(),
                            role: Role::Employer,
                            display_name: format!("同僚 {n}"),
                            office_id: None,
                            establishment_id: Some(est),
                        },
                    )
                    .await
                    .unwrap(),
                );
            }
            let now = chrono::Utc::now();
            let (a, b) = tokio::join!(
                madoguchi_db::establishment_users::remove(&app.db, ids[0], est, ids[1], now),
                madoguchi_db::establishment_users::remove(&app.db, ids[1], est, ids[0], now),
            );
            let done = [a.unwrap(), b.unwrap()];
            assert_eq!(
                done.iter().filter(|r| r.is_ok()).count(),
                1,
                "{backend:?} round {round}: {done:?}"
            );
            let left = user_account::Entity::find()
                .filter(user_account::Column::EstablishmentId.eq(est))
                .filter(user_account::Column::DisabledAt.is_null())
                .all(&app.db)
                .await
                .unwrap();
            assert_eq!(left.len(), 1, "{backend:?} round {round}");

            if round == 0 {
                let inviter = left[0].id;
                let answers = futures_util::future::join_all((0..20).map(|_| {
                    madoguchi_db::establishment_users::invite(&app.db, inviter, est, now)
                }))
                .await;
                let made = answers
                    .into_iter()
                    .filter(|r| matches!(r, Ok(Ok(_))))
                    .count();
                assert_eq!(made, MAX_ESTABLISHMENT_USERS - 1, "{backend:?}");
            }
        }
    }
}
