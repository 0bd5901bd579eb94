//! A small demonstration data set: a few offices and postings with
//! realistic Japanese content, loaded into an empty database by
//! `madoguchi seed` and by the run command.

use chrono::{Days, NaiveDate, Utc};
use madoguchi_shared::posting::{WageForm, default_valid_until};
use sea_orm::{
    ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, TransactionTrait,
};

use crate::entity::{office, posting};

/// (code, name)
const OFFICES: &[(&str, &str)] = &[
    ("13010", "飯田橋公共職業安定所"),
    ("13020", "上野公共職業安定所"),
    ("27010", "大阪東公共職業安定所"),
    ("01010", "札幌公共職業安定所"),
    ("40010", "福岡中央公共職業安定所"),
];

struct DemoPosting {
    office: &'static str,
    title: &'static str,
    establishment: &'static str,
    city: &'static str,
    wage: (i64, i64),
    disclosure: i16,
    /// Days before today the posting was accepted.
    age_days: u64,
    status: &'static str,
}

const POSTINGS: &[DemoPosting] = &[
    DemoPosting {
        office: "13010",
        title: "介護職員（特別養護老人ホーム）",
        establishment: "社会福祉法人あおば会",
        city: "文京区",
        wage: (230_000, 280_000),
        disclosure: 1,
        age_days: 1,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "13010",
        title: "一般事務（受付・電話応対）",
        establishment: "株式会社神楽坂設計",
        city: "新宿区",
        wage: (210_000, 240_000),
        disclosure: 1,
        age_days: 2,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "13020",
        title: "倉庫内ピッキング作業（パート）",
        establishment: "東都ロジスティクス株式会社",
        city: "台東区",
        wage: (1_250, 1_400),
        disclosure: 2,
        age_days: 3,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "13020",
        title: "調理補助（社員食堂）",
        establishment: "株式会社上野フードサービス",
        city: "荒川区",
        wage: (1_200, 1_300),
        disclosure: 1,
        age_days: 5,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "27010",
        title: "ルート配送ドライバー（中型免許）",
        establishment: "浪速運輸株式会社",
        city: "大阪市東成区",
        wage: (260_000, 320_000),
        disclosure: 1,
        age_days: 4,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "27010",
        title: "経理事務（月次決算補助）",
        establishment: "株式会社河内精工",
        city: "東大阪市",
        wage: (220_000, 270_000),
        disclosure: 1,
        age_days: 8,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "01010",
        title: "ホテルフロントスタッフ",
        establishment: "札幌グランドイン株式会社",
        city: "札幌市中央区",
        wage: (200_000, 230_000),
        disclosure: 1,
        age_days: 6,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "01010",
        title: "除雪車オペレーター（季節）",
        establishment: "北央建設株式会社",
        city: "札幌市北区",
        wage: (15_000, 18_000),
        disclosure: 1,
        age_days: 10,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "40010",
        title: "Webエンジニア（自社サービス開発）",
        establishment: "株式会社博多クラウド",
        city: "福岡市博多区",
        wage: (300_000, 450_000),
        disclosure: 1,
        age_days: 7,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "40010",
        title: "保育士（認可保育園）",
        establishment: "社会福祉法人つくし福祉会",
        city: "福岡市中央区",
        wage: (215_000, 250_000),
        disclosure: 1,
        age_days: 9,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "13010",
        title: "施設警備員（夜勤あり）",
        establishment: "株式会社セーフティ東京",
        city: "千代田区",
        wage: (240_000, 270_000),
        disclosure: 3,
        age_days: 2,
        status: posting::status::PUBLISHED,
    },
    DemoPosting {
        office: "27010",
        title: "販売スタッフ（ベーカリー）",
        establishment: "有限会社パン工房なにわ",
        city: "大阪市城東区",
        wage: (1_150, 1_250),
        disclosure: 1,
        age_days: 0,
        status: posting::status::UNDER_REVIEW,
    },
];

/// Loads the demonstration set into an empty database; does nothing when
/// offices exist already. Returns the number of postings inserted.
pub async fn seed_if_empty(db: &DatabaseConnection, today: NaiveDate) -> Result<usize, DbErr> {
    if office::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut office_ids = Vec::new();
    for (code, name) in OFFICES {
        let prefecture: i16 = code[..2].parse().expect("demo codes are digits");
        let inserted = office::Entity::insert(office::ActiveModel {
            code: Set((*code).to_owned()),
            name: Set((*name).to_owned()),
            prefecture_code: Set(prefecture),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        office_ids.push((*code, inserted.last_insert_id));
    }
    for (serial, p) in POSTINGS.iter().enumerate() {
        let office_id = office_ids
            .iter()
            .find(|(code, _)| *code == p.office)
            .map(|(_, id)| *id)
            .expect("demo postings name demo offices");
        let accepted_on = today - Days::new(p.age_days);
        posting::Entity::insert(posting::ActiveModel {
            office_id: Set(office_id),
            number: Set(format!("{}-{:08}", p.office, 1_000 + serial)),
            status: Set(p.status.to_owned()),
            disclosure: Set(p.disclosure),
            title: Set(p.title.to_owned()),
            establishment_name: Set(p.establishment.to_owned()),
            prefecture_code: Set(p.office[..2].parse().expect("demo codes are digits")),
            city: Set(p.city.to_owned()),
            wage_form: Set(WageForm::for_amount(p.wage.0).as_str().to_owned()),
            wage_min: Set(p.wage.0),
            wage_max: Set(p.wage.1),
            accepted_on: Set(accepted_on),
            valid_until: Set(default_valid_until(accepted_on)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(POSTINGS.len())
}
