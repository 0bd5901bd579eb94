//! The schema on SQLite and PostgreSQL: every table exists, foreign keys
//! and unique keys hold, and the migrations go down and up again.

mod common;

use chrono::Utc;
use common::{app, backends};
use madoguchi_db::entity::*;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};
use sea_orm_migration::MigratorTrait;

#[tokio::test]
async fn every_table_exists_and_the_demo_data_is_consistent() {
    for backend in backends() {
        let app = app(backend).await;
        let db = &app.db;
        assert_eq!(
            office::Entity::find().count(db).await.unwrap(),
            48,
            "{backend:?}"
        );
        assert_eq!(establishment::Entity::find().count(db).await.unwrap(), 12);
        assert_eq!(posting::Entity::find().count(db).await.unwrap(), 12);
        // Every posting change is in the outbox for the search index.
        assert_eq!(search_outbox::Entity::find().count(db).await.unwrap(), 12);
        // Tables the demo data does not fill are there and empty.
        assert_eq!(user_account::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(seeker::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(favourite::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(saved_search::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(referral::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(referral_letter::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(application::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(
            application_document::Entity::find()
                .count(db)
                .await
                .unwrap(),
            0
        );
        assert_eq!(message::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(notice::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(notice_read::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(consultation::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(direct_request::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(audit_log::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(session::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(
            madoguchi_db::entity::draft::Entity::find()
                .count(db)
                .await
                .unwrap(),
            0
        );
    }
}

fn seeker_account(email: &str) -> user_account::ActiveModel {
    let now = Utc::now();
    user_account::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set("x".to_owned()),
        role: Set("seeker".to_owned()),
        display_name: Set("山田".to_owned()),
        office_id: Set(None),
        establishment_id: Set(None),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

#[tokio::test]
async fn foreign_and_unique_keys_hold() {
    for backend in backends() {
        let app = app(backend).await;
        let db = &app.db;
        let now = Utc::now();

        // A favourite of a seeker that does not exist is refused.
        let orphan = favourite::Entity::insert(favourite::ActiveModel {
            seeker_id: Set(9999),
            posting_id: Set(1),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(db)
        .await;
        assert!(orphan.is_err(), "{backend:?}: foreign key not enforced");

        // Two accounts with one e-mail address are refused.
        let registered = madoguchi_db::account::NewAccount {
            email: "a@example.jp".to_owned(),
            password_hash: "x".to_owned(),
            role: madoguchi_shared::account::Role::Seeker,
            display_name: "山田".to_owned(),
            office_id: None,
            establishment_id: None,
        };
        madoguchi_db::account::register_seeker(
            db,
            registered,
            "山田 太郎".to_owned(),
            "ヤマダ タロウ".to_owned(),
        )
        .await
        .unwrap();
        let twice = user_account::Entity::insert(seeker_account("a@example.jp"))
            .exec(db)
            .await;
        assert!(twice.is_err(), "{backend:?}: e-mail not unique");

        // One favourite per seeker and posting.
        let user = user_account::Entity::find().one(db).await.unwrap().unwrap();
        let seeker = seeker::Entity::find()
            .one(db)
            .await
            .unwrap()
            .map(|s| s.id)
            .expect("a seeker");
        let posting = posting::Entity::find().one(db).await.unwrap().unwrap();
        let favourite = || favourite::ActiveModel {
            seeker_id: Set(seeker),
            posting_id: Set(posting.id),
            created_at: Set(now),
            ..Default::default()
        };
        favourite::Entity::insert(favourite())
            .exec(db)
            .await
            .unwrap();
        assert!(
            favourite::Entity::insert(favourite())
                .exec(db)
                .await
                .is_err()
        );

        // Deleting a seeker's account is refused while the seeker exists;
        // deleting the seeker removes their favourites with them.
        assert!(
            user_account::Entity::delete_by_id(user.id)
                .exec(db)
                .await
                .is_err()
        );
        seeker::Entity::delete_by_id(seeker).exec(db).await.unwrap();
        assert_eq!(favourite::Entity::find().count(db).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::migration::Migrator::reset(&app.db)
            .await
            .unwrap();
        assert!(
            posting::Entity::find().count(&app.db).await.is_err(),
            "{backend:?}"
        );
        madoguchi_db::migrate(&app.db).await.unwrap();
        assert_eq!(posting::Entity::find().count(&app.db).await.unwrap(), 0);
    }
}

/// Migration 000018 fills the wish columns of the profiles that are
/// public when it runs (and only of those), as a save would.
#[tokio::test]
async fn the_wish_columns_are_filled_from_public_profiles() {
    use madoguchi_db::entity::{seeker, user_account};
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        madoguchi_db::demo::seed_demo_accounts(&app.db)
            .await
            .unwrap();
        let user = user_account::Entity::find()
            .filter(user_account::Column::Email.eq("seeker2@example.jp"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let mut profile = madoguchi_db::profile::mine(&app.db, user)
            .await
            .unwrap()
            .unwrap()
            .profile;
        profile.public = true;
        profile.wished_occupations = vec!["介護職員".to_owned()];
        profile.wished_prefectures = vec![13, 14];
        madoguchi_db::profile::save(&app.db, user, &profile)
            .await
            .unwrap();
        let saved = |db: madoguchi_db::Db| async move {
            seeker::Entity::find()
                .filter(seeker::Column::UserId.eq(user))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        };
        let by_save = saved(app.db.clone()).await;
        assert_eq!(by_save.public_prefectures.as_deref(), Some(",13,14,"));
        assert_eq!(by_save.public_occupations.as_deref(), Some("\n介護職員\n"));

        madoguchi_db::migration::Migrator::down(&app.db, Some(1))
            .await
            .unwrap();
        madoguchi_db::migrate(&app.db).await.unwrap();
        let by_migration = saved(app.db.clone()).await;
        assert_eq!(
            (
                &by_migration.public_occupations,
                &by_migration.public_prefectures,
                &by_migration.public_employment
            ),
            (
                &by_save.public_occupations,
                &by_save.public_prefectures,
                &by_save.public_employment
            ),
            "{backend:?}"
        );
        let private = seeker::Entity::find()
            .filter(seeker::Column::ProfilePublic.eq(false))
            .filter(seeker::Column::PublicOccupations.is_not_null())
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(private, 0);
    }
}
