//! The search index stays in step with the database through the outbox:
//! inserts, updates, unpublishing, deletion, and a restart in between.

mod common;

/// A search for keywords alone, `per_page` results.
fn keywords(q: &str, per_page: u8) -> madoguchi_shared::search::JobQuery {
    madoguchi_shared::search::JobQuery {
        q: q.to_owned(),
        per_page,
        ..Default::default()
    }
}

use chrono::{Days, Utc};
use common::{app, backends};
use madoguchi_db::entity::posting;
use madoguchi_db::search::{SearchIndex, record_change};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

fn today() -> chrono::NaiveDate {
    madoguchi_shared::today_in_japan(Utc::now())
}

async fn posting_titled(db: &madoguchi_db::Db, title: &str) -> posting::Model {
    posting::Entity::find()
        .filter(posting::Column::Title.eq(title))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn the_index_follows_every_change() {
    for backend in backends() {
        let app = app(backend).await;
        let db = &app.db;
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(index.sync(db).await.unwrap(), 12, "{backend:?}");
        // Published and public only: not the staff-only one, not the draft.
        assert_eq!(index.len(), 10);

        let care = posting_titled(db, "介護職員（特別養護老人ホーム）").await;
        let hits = index.search(&keywords("介護", 20), today()).unwrap();
        assert_eq!(hits.posting_ids, vec![care.id]);
        // Two-character words match inside longer text; several words AND.
        assert_eq!(
            index.search(&keywords("事務", 20), today()).unwrap().total,
            2
        );
        assert_eq!(
            index
                .search(&keywords("事務 経理", 20), today())
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            index
                .search(&keywords("ＷＥＢ", 20), today())
                .unwrap()
                .total,
            1
        );
        // 公開範囲 2 hides the establishment's name from search too.
        assert_eq!(
            index
                .search(&keywords("東都ロジスティクス", 20), today())
                .unwrap()
                .total,
            0
        );
        assert_eq!(
            index
                .search(&keywords("セーフティ東京", 20), today())
                .unwrap()
                .total,
            0
        );
        // No keyword: everything valid, newest first.
        let all = index.search(&keywords("", 3), today()).unwrap();
        assert_eq!((all.total, all.posting_ids.len()), (10, 3));

        // Update.
        assert_eq!(
            index
                .search(&keywords("夜勤専従", 20), today())
                .unwrap()
                .total,
            0
        );
        posting::Entity::update(posting::ActiveModel {
            id: Set(care.id),
            title: Set("介護職員（夜勤専従）".to_owned()),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap();
        record_change(db, care.id).await.unwrap();
        assert_eq!(index.sync(db).await.unwrap(), 1);
        assert_eq!(
            index
                .search(&keywords("夜勤専従", 20), today())
                .unwrap()
                .posting_ids,
            vec![care.id]
        );

        // Unpublish (filled).
        let clerk = posting_titled(db, "一般事務（受付・電話応対）").await;
        posting::Entity::update(posting::ActiveModel {
            id: Set(clerk.id),
            status: Set("closed".to_owned()),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap();
        record_change(db, clerk.id).await.unwrap();
        index.sync(db).await.unwrap();
        assert_eq!(
            index.search(&keywords("事務", 20), today()).unwrap().total,
            1
        );
        // The counts of "every posting" (kept between searches) follow.
        assert_eq!(index.search(&keywords("", 3), today()).unwrap().total, 9);

        // A restart: the index remembers how far it got; a change made
        // while it was closed is applied on the next sync, and only that.
        let applied = index.applied_up_to().unwrap();
        drop(index);
        let engineer = posting_titled(db, "Webエンジニア（自社サービス開発）").await;
        posting::Entity::delete_by_id(engineer.id)
            .exec(db)
            .await
            .unwrap();
        record_change(db, engineer.id).await.unwrap();
        let index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(index.applied_up_to().unwrap(), applied);
        assert_eq!(index.len(), 9);
        assert_eq!(index.sync(db).await.unwrap(), 1);
        assert_eq!(
            index
                .search(&keywords("エンジニア", 20), today())
                .unwrap()
                .total,
            0
        );
        assert_eq!(index.len(), 8);

        // Past its 紹介期限日 a posting is no longer found.
        let nursery = posting_titled(db, "保育士（認可保育園）").await;
        posting::Entity::update(posting::ActiveModel {
            id: Set(nursery.id),
            valid_until: Set(today() - Days::new(1)),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap();
        record_change(db, nursery.id).await.unwrap();
        index.sync(db).await.unwrap();
        assert_eq!(
            index
                .search(&keywords("保育士", 20), today())
                .unwrap()
                .total,
            0
        );

        // ... and follow the day: far ahead every posting has expired.
        let every = index.search(&keywords("", 50), today()).unwrap();
        assert_eq!(every.total, 7);
        let later = today() + Days::new(3650);
        assert_eq!(index.search(&keywords("", 50), later).unwrap().total, 0);
        assert_eq!(index.search(&keywords("", 50), today()).unwrap(), every);

        // Rebuilding from the table gives the same index.
        let before = index.search(&keywords("", 50), today()).unwrap();
        assert_eq!(index.rebuild(db).await.unwrap(), 8);
        assert_eq!(index.search(&keywords("", 50), today()).unwrap(), before);
        assert_eq!(index.sync(db).await.unwrap(), 0);
    }
}
