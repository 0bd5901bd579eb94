//! A small demonstration data set: a few offices and postings with
//! realistic Japanese content, loaded into an empty database by
//! `madoguchi seed` and by the run command.

use chrono::{Days, NaiveDate, Utc};
use madoguchi_shared::posting::{
    EmploymentType, PostingCategory, PostingFlag, PostingStatus, WageForm, WorkArrangement,
    default_valid_until,
};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait};

use crate::entity::{establishment, office, posting, seeker};
use madoguchi_shared::seeker::{SeekerKind, registration_valid_until};
use sea_orm::{ColumnTrait, QueryFilter};

struct DemoPosting {
    office: &'static str,
    title: &'static str,
    /// 雇用形態 code and 仕事の内容.
    employment: EmploymentType,
    description: &'static str,
    establishment: &'static str,
    city: &'static str,
    wage: (i64, i64),
    disclosure: i16,
    /// Days before today the posting was accepted.
    age_days: u64,
    status: PostingStatus,
}

const POSTINGS: &[DemoPosting] = &[
    DemoPosting {
        office: "13010",
        title: "介護職員（特別養護老人ホーム）",
        employment: EmploymentType::Regular,
        description: "入居者様（定員80名）の食事・入浴・排せつなどの身体介護と、レクリエーションの企画を担当します。介護職員初任者研修をお持ちの方歓迎。夜勤は月4回程度です。",
        establishment: "社会福祉法人あおば会",
        city: "文京区",
        wage: (230_000, 280_000),
        disclosure: 1,
        age_days: 1,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "13010",
        title: "一般事務（受付・電話応対）",
        employment: EmploymentType::Regular,
        description: "設計事務所での来客受付、電話応対、書類作成（Word・Excel）、郵便物の管理をお願いします。未経験の方も先輩が丁寧に指導します。",
        establishment: "株式会社神楽坂設計",
        city: "新宿区",
        wage: (210_000, 240_000),
        disclosure: 1,
        age_days: 2,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "13020",
        title: "倉庫内ピッキング作業（パート）",
        employment: EmploymentType::PartTime,
        description: "通販商品の倉庫内で、端末の指示に従って商品を集め、検品・梱包します。重い荷物は少なく、主婦（夫）の方も活躍中です。",
        establishment: "東都ロジスティクス株式会社",
        city: "台東区",
        wage: (1_250, 1_400),
        disclosure: 2,
        age_days: 3,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "13020",
        title: "調理補助（社員食堂）",
        employment: EmploymentType::PartTime,
        description: "社員食堂（1日約300食）での野菜の下処理、盛り付け、食器洗浄をお願いします。調理師免許は不要です。",
        establishment: "株式会社上野フードサービス",
        city: "荒川区",
        wage: (1_200, 1_300),
        disclosure: 1,
        age_days: 5,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "27010",
        title: "ルート配送ドライバー（中型免許）",
        employment: EmploymentType::Regular,
        description: "2トントラックで大阪府内の取引先（約15件）へ工業部品を配送します。中型自動車免許（8トン限定可）が必要です。",
        establishment: "浪速運輸株式会社",
        city: "大阪市東成区",
        wage: (260_000, 320_000),
        disclosure: 1,
        age_days: 4,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "27010",
        title: "経理事務（月次決算補助）",
        employment: EmploymentType::Regular,
        description: "製造業の経理担当として、仕訳入力、売掛金・買掛金の管理、月次決算の補助を行います。日商簿記2級以上歓迎。",
        establishment: "株式会社河内精工",
        city: "東大阪市",
        wage: (220_000, 270_000),
        disclosure: 1,
        age_days: 8,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "01010",
        title: "ホテルフロントスタッフ",
        employment: EmploymentType::NonRegular,
        description: "ビジネスホテルのフロントでチェックイン・アウト、予約管理、電話応対を担当します。英語・中国語を話せる方歓迎。",
        establishment: "札幌グランドイン株式会社",
        city: "札幌市中央区",
        wage: (200_000, 230_000),
        disclosure: 1,
        age_days: 6,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "01010",
        title: "除雪車オペレーター（季節）",
        employment: EmploymentType::NonRegular,
        description: "12月から3月まで、札幌市内の道路除雪作業に従事します。大型特殊自動車免許が必要です。待機手当あり。",
        establishment: "北央建設株式会社",
        city: "札幌市北区",
        wage: (15_000, 18_000),
        disclosure: 1,
        age_days: 10,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "40010",
        title: "Webエンジニア（自社サービス開発）",
        employment: EmploymentType::Regular,
        description: "自社の予約管理サービスのWebアプリケーション開発を担当します。Rust・TypeScriptでの開発経験がある方歓迎。リモート勤務は週2日まで可。",
        establishment: "株式会社博多クラウド",
        city: "福岡市博多区",
        wage: (300_000, 450_000),
        disclosure: 1,
        age_days: 7,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "40010",
        title: "保育士（認可保育園）",
        employment: EmploymentType::Regular,
        description: "定員60名の認可保育園で、0〜5歳児の保育を担当します。保育士資格が必要です。ブランクのある方も歓迎します。",
        establishment: "社会福祉法人つくし福祉会",
        city: "福岡市中央区",
        wage: (215_000, 250_000),
        disclosure: 1,
        age_days: 9,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "13010",
        title: "施設警備員（夜勤あり）",
        employment: EmploymentType::NonRegular,
        description: "オフィスビルの出入管理、巡回、防災センターでの監視業務です。警備員新任教育は入社後に当社で実施します。",
        establishment: "株式会社セーフティ東京",
        city: "千代田区",
        wage: (240_000, 270_000),
        disclosure: 3,
        age_days: 2,
        status: PostingStatus::Published,
    },
    DemoPosting {
        office: "27010",
        title: "販売スタッフ（ベーカリー）",
        employment: EmploymentType::PartTime,
        description: "ベーカリーでのパンの陳列、レジ、包装を担当します。早朝勤務（6時〜）が可能な方歓迎。",
        establishment: "有限会社パン工房なにわ",
        city: "大阪市城東区",
        wage: (1_150, 1_250),
        disclosure: 1,
        age_days: 0,
        status: PostingStatus::UnderReview,
    },
];

/// Postings in the demonstration set besides the featured ones above.
pub const DEMO_POSTINGS: u32 = 3_000;
/// The generator's seed for the demonstration set.
pub const DEMO_SEED: u64 = 1;

/// Loads the demonstration set (generated postings, seekers and their
/// activity, plus the featured postings above) into a database without
/// postings; does nothing otherwise. Returns the number of postings
/// inserted.
pub async fn seed_if_empty(db: &DatabaseConnection, today: NaiveDate) -> Result<usize, DbErr> {
    if posting::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let plan = crate::seed::Plan {
        postings: DEMO_POSTINGS,
        seed: DEMO_SEED,
        today,
    };
    let summary = crate::seed::generate(db, &plan, &mut |_, _, _| {}).await?;
    let featured = insert_featured(db, today).await?;
    Ok(summary.postings + featured)
}

/// Only the offices and the hand-written postings: the small, fixed data
/// set of the integration tests.
pub async fn seed_featured(db: &DatabaseConnection, today: NaiveDate) -> Result<usize, DbErr> {
    crate::seed::ensure_offices(db, &crate::seed::Tables::load()).await?;
    insert_featured(db, today).await
}

/// The hand-written postings, numbered `OOOOO-0999NNNN` apart from the
/// generated ones.
async fn insert_featured(db: &DatabaseConnection, today: NaiveDate) -> Result<usize, DbErr> {
    let txn = crate::begin_write(db).await?;
    let now = Utc::now();
    let offices = office::Entity::find().all(&txn).await?;
    for (serial, p) in POSTINGS.iter().enumerate() {
        let office_id = offices
            .iter()
            .find(|o| o.code == p.office)
            .map(|o| o.id)
            .ok_or_else(|| DbErr::Custom(format!("demo office {} missing", p.office)))?;
        let accepted_on = today - Days::new(p.age_days);
        let prefecture_code: i16 = p.office[..2].parse().expect("demo codes are digits");
        let establishment = establishment::Entity::insert(establishment::ActiveModel {
            number: Set(format!("{}-9{:05}-{}", &p.office[..4], serial, serial % 10)),
            office_id: Set(office_id),
            name: Set(p.establishment.to_owned()),
            name_kana: Set(String::new()),
            prefecture_code: Set(prefecture_code),
            city: Set(p.city.to_owned()),
            address: Set(String::new()),
            industry: Set(String::new()),
            size: Set("30-99".to_owned()),
            description: Set(String::new()),
            url: Set(None),
            has_mypage: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let part_time = p.employment == EmploymentType::PartTime;
        let flags = if part_time {
            PostingFlag::pack(&[PostingFlag::NoExperience, PostingFlag::CommuteAllowance])
        } else {
            PostingFlag::pack(&[PostingFlag::TwoDaysOff, PostingFlag::CommuteAllowance])
        };
        let numbered = p.status == PostingStatus::Published;
        let inserted = posting::Entity::insert(posting::ActiveModel {
            office_id: Set(office_id),
            establishment_id: Set(establishment),
            number: Set(numbered.then(|| format!("{}-0999{:04}", p.office, serial))),
            status: Set(p.status.as_str().to_owned()),
            disclosure: Set(p.disclosure),
            title: Set(p.title.to_owned()),
            establishment_name: Set(p.establishment.to_owned()),
            category: Set(if part_time {
                PostingCategory::PartTime
            } else {
                PostingCategory::FullTime
            }
            .as_str()
            .to_owned()),
            employment_type: Set(p.employment.as_str().to_owned()),
            arrangement: Set(WorkArrangement::Direct.as_str().to_owned()),
            occupation_code: Set(String::new()),
            description: Set(p.description.to_owned()),
            prefecture_code: Set(prefecture_code),
            city: Set(p.city.to_owned()),
            station: Set(None),
            walk_minutes: Set(None),
            wage_form: Set(WageForm::for_amount(p.wage.0).as_str().to_owned()),
            wage_min: Set(p.wage.0),
            wage_max: Set(p.wage.1),
            flags: Set(flags.into()),
            openings: Set(1),
            annual_holidays: Set(Some(if part_time { 105 } else { 120 })),
            weekly_days: Set(Some(5)),
            age_min: Set(None),
            age_max: Set(None),
            age_reason: Set(None),
            accepts_referral: Set(true),
            accepts_self_application: Set(true),
            workplace_named: Set(true),
            terms: Set("{}".to_owned()),
            review_note: Set(None),
            accepted_on: Set(accepted_on),
            valid_until: Set(default_valid_until(accepted_on)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        crate::search::record_change(&txn, inserted.last_insert_id).await?;
    }
    txn.commit().await?;
    Ok(POSTINGS.len())
}

/// The password of every demonstration account.
pub const DEMO_PASSWORD: &str = "demo-password-1";

/// The demonstration accounts listed in the README, each with
/// [`DEMO_PASSWORD`]. Created only by `seed` and `serve --demo`, never by a
/// production start; does nothing when they exist already.
pub async fn seed_demo_accounts(db: &DatabaseConnection) -> Result<(), DbErr> {
    if crate::entity::user_account::Entity::find()
        .filter(crate::entity::user_account::Column::Email.eq("seeker@example.jp"))
        .count(db)
        .await?
        > 0
    {
        return Ok(());
    }
    use crate::account::{AccountError, NewAccount, create_account, hash_password, open_seeker};
    use madoguchi_shared::account::Role;

    let failed = |e: AccountError| DbErr::Custom(format!("demo account: {e}"));
    let hash = hash_password(DEMO_PASSWORD.to_owned())
        .await
        .map_err(failed)?;
    let account = |email: &str, role: Role, name: &str, office_id, establishment_id| NewAccount {
        email: email.to_owned(),
        password_hash: hash.clone(),
        role,
        display_name: name.to_owned(),
        office_id,
        establishment_id,
    };
    let office = crate::account::office_id(db, "13010").await?;
    let establishment = establishment::Entity::find()
        .filter(establishment::Column::Name.eq("社会福祉法人あおば会"))
        .one(db)
        .await?
        .map(|e| e.id);

    let seeker_user = open_seeker(
        db,
        account("seeker@example.jp", Role::Seeker, "山田 花子", None, None),
        "山田 花子".to_owned(),
        "ヤマダ\u{3000}ハナコ".to_owned(),
        true,
    )
    .await
    .map_err(failed)?;
    // The first demo seeker is registered at office 13010.
    let today = madoguchi_shared::today_in_japan(Utc::now());
    let seeker = seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(seeker_user))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("demo seeker missing".to_owned()))?;
    seeker::Entity::update(seeker::ActiveModel {
        id: Set(seeker.id),
        kind: Set(SeekerKind::Registered.as_str().to_owned()),
        seeker_number: Set(Some("13010-20260001".to_owned())),
        office_id: Set(office),
        registration_active: Set(true),
        registration_valid_until: Set(Some(registration_valid_until(today))),
        registered_on: Set(Some(today - chrono::Days::new(40))),
        birth_date: Set(NaiveDate::from_ymd_opt(1988, 6, 14)),
        phone: Set(Some("090-1234-5678".to_owned())),
        profile: Set(demo_profile()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    let seeker2_user = open_seeker(
        db,
        account("seeker2@example.jp", Role::Seeker, "佐藤 健", None, None),
        "佐藤 健".to_owned(),
        "サトウ\u{3000}ケン".to_owned(),
        true,
    )
    .await
    .map_err(failed)?;
    let employer_user = create_account(
        db,
        account(
            "employer@example.jp",
            Role::Employer,
            "あおば会 採用担当",
            None,
            establishment,
        ),
    )
    .await
    .map_err(failed)?;
    let staff_user = create_account(
        db,
        account("staff@example.jp", Role::Staff, "飯田橋 職員", office, None),
    )
    .await
    .map_err(failed)?;
    create_account(
        db,
        account("admin@example.jp", Role::Admin, "管理者", None, None),
    )
    .await
    .map_err(failed)?;
    let seeker2 = seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(seeker2_user))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("demo seeker missing".to_owned()))?;
    let people = DemoPeople {
        seeker: (seeker.id, seeker_user),
        seeker2: seeker2.id,
        employer_user,
        staff_user,
        office: office.ok_or_else(|| DbErr::Custom("office 13010 missing".to_owned()))?,
    };
    demo_activity(db, &people, today).await
}

struct DemoPeople {
    /// (seeker id, user id) of seeker@example.jp.
    seeker: (i32, i32),
    seeker2: i32,
    employer_user: i32,
    staff_user: i32,
    office: i32,
}

/// What the demo accounts find when they log in: the registered seeker
/// has a recommendation waiting, an established referral with its letter
/// and messages, a self-application, favourites, a saved search and a
/// notice; the employer has applicants.
async fn demo_activity(
    db: &DatabaseConnection,
    people: &DemoPeople,
    today: NaiveDate,
) -> Result<(), DbErr> {
    use crate::entity::{
        application, favourite, message, notice, referral, referral_letter, saved_search,
    };
    use madoguchi_shared::application::{
        ApplicationMethod, ApplicationStatus, ReferralStatus, default_referral_deadline,
    };
    use madoguchi_shared::message::{MessageAuthor, NoticeAudience};

    let txn = crate::begin_write(db).await?;
    let featured = |title: &'static str| {
        let txn = &txn;
        async move {
            posting::Entity::find()
                .filter(posting::Column::Title.eq(title))
                .filter(posting::Column::Number.like("%-0999%"))
                .one(txn)
                .await?
                .map(|p| p.id)
                .ok_or_else(|| DbErr::Custom(format!("featured posting {title} missing")))
        }
    };
    let care = featured("介護職員（特別養護老人ホーム）").await?;
    let clerk = featured("一般事務（受付・電話応対）").await?;
    let kitchen = featured("調理補助（社員食堂）").await?;
    let (seeker, seeker_user) = people.seeker;
    let at = |day: NaiveDate, hour: u32| day.and_hms_opt(hour, 0, 0).expect("valid time").and_utc();
    let referral = |posting: i32, status: ReferralStatus, sent: NaiveDate| referral::ActiveModel {
        seeker_id: Set(seeker),
        posting_id: Set(posting),
        office_id: Set(people.office),
        staff_user_id: Set(people.staff_user),
        status: Set(status.as_str().to_owned()),
        suitability: Set(
            "介護職員初任者研修を修了しており、希望の勤務地・日勤中心の条件にも合うため紹介可。"
                .to_owned(),
        ),
        deadline: Set(default_referral_deadline(sent)),
        employer_confirmed_at: Set(Some(at(sent, 1))),
        confirmation_note: Set(None),
        created_at: Set(at(sent, 1)),
        updated_at: Set(at(sent, 1)),
        ..Default::default()
    };
    // A recommendation waiting for an answer, due in five days.
    referral::Entity::insert(referral(
        kitchen,
        ReferralStatus::Recommended,
        today - Days::new(2),
    ))
    .exec(&txn)
    .await?;
    // One not answered in time: past its deadline, shown as expired.
    referral::Entity::insert(referral(
        clerk,
        ReferralStatus::Recommended,
        today - Days::new(10),
    ))
    .exec(&txn)
    .await?;
    // An established referral: applied in time, letter issued, interview
    // being arranged by message.
    let sent = today - Days::new(6);
    let established = referral::Entity::insert(referral(care, ReferralStatus::Established, sent))
        .exec(&txn)
        .await?
        .last_insert_id;
    let application = |seeker_id: i32,
                       posting: i32,
                       method: ApplicationMethod,
                       status: ApplicationStatus,
                       referral_id: Option<i32>,
                       day: NaiveDate,
                       motivation: &str| application::ActiveModel {
        seeker_id: Set(seeker_id),
        posting_id: Set(posting),
        referral_id: Set(referral_id),
        method: Set(method.as_str().to_owned()),
        status: Set(status.as_str().to_owned()),
        motivation: Set(motivation.to_owned()),
        idempotency_key: Set(None),
        result_sent_on: Set(None),
        interview_at: Set(None),
        created_at: Set(at(day, 2)),
        updated_at: Set(at(day, 2)),
        ..Default::default()
    };
    let applied = sent + Days::new(1);
    let care_application = application::Entity::insert(application(
        seeker,
        care,
        ApplicationMethod::OnlineReferral,
        ApplicationStatus::Interview,
        Some(established),
        applied,
        "祖母の介護をきっかけに介護の仕事に関心を持ち、昨年、介護職員初任者研修を修了しました。\
         利用者様一人ひとりに寄り添うユニットケアに取り組まれている貴法人で、経験を積みたいと考えています。",
    ))
    .exec(&txn)
    .await?
    .last_insert_id;
    let letter = referral_letter::Entity::insert(referral_letter::ActiveModel {
        referral_id: Set(established),
        application_id: Set(care_application),
        issued_on: Set(applied),
        result: Set(None),
        result_on: Set(None),
        created_at: Set(at(applied, 2)),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    referral_letter::Entity::update(referral_letter::ActiveModel {
        id: Set(letter),
        number: Set(Some(crate::staff::letter_number(
            "13010",
            applied,
            u32::try_from(letter).unwrap_or_default(),
        ))),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let conversation = [
        (
            MessageAuthor::Establishment,
            people.employer_user,
            "ご応募ありがとうございます。あおば会 採用担当です。面接の日程を調整させてください。来週の火曜日か水曜日の午前はいかがでしょうか。",
        ),
        (
            MessageAuthor::Seeker,
            seeker_user,
            "ご連絡ありがとうございます。火曜日の10時に伺えます。よろしくお願いいたします。",
        ),
        (
            MessageAuthor::Establishment,
            people.employer_user,
            "承知しました。火曜日10時に、施設1階の受付へお越しください。",
        ),
    ];
    for (i, (author, user, body)) in conversation.into_iter().enumerate() {
        let sent = at(applied + Days::new(1 + i as u64), 1);
        message::Entity::insert(message::ActiveModel {
            application_id: Set(care_application),
            author: Set(author.as_str().to_owned()),
            author_user_id: Set(user),
            body: Set(body.to_owned()),
            read_at: Set((i < 2).then_some(sent)),
            created_at: Set(sent),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    // A self-application, and the employer's other applicant.
    application::Entity::insert(application(
        seeker,
        clerk,
        ApplicationMethod::SelfApplication,
        ApplicationStatus::Screening,
        None,
        today - Days::new(3),
        "前職では総合受付を3年間担当し、来客応対と電話応対の経験があります。事務の仕事で長く働きたいと考えています。",
    ))
    .exec(&txn)
    .await?;
    application::Entity::insert(application(
        people.seeker2,
        care,
        ApplicationMethod::SelfApplication,
        ApplicationStatus::Applied,
        None,
        today - Days::new(1),
        "介護の仕事は未経験ですが、資格取得の支援があると知り応募しました。夜勤にも対応できます。",
    ))
    .exec(&txn)
    .await?;
    for (title, days) in [
        ("Webエンジニア（自社サービス開発）", 4),
        ("保育士（認可保育園）", 8),
        ("ホテルフロントスタッフ", 12),
    ] {
        favourite::Entity::insert(favourite::ActiveModel {
            seeker_id: Set(seeker),
            posting_id: Set(featured(title).await?),
            created_at: Set(at(today - Days::new(days), 3)),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    saved_search::Entity::insert(saved_search::ActiveModel {
        seeker_id: Set(seeker),
        name: Set("東京都の介護".to_owned()),
        query: Set("q=介護&pref=13".to_owned()),
        alert: Set(true),
        last_viewed_at: Set(at(today - Days::new(7), 3)),
        created_at: Set(at(today - Days::new(30), 3)),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    notice::Entity::insert(notice::ActiveModel {
        office_id: Set(people.office),
        audience: Set(NoticeAudience::OneSeeker.as_str().to_owned()),
        seeker_id: Set(Some(seeker)),
        title: Set("次回の職業相談日のご案内".to_owned()),
        body: Set("次回の職業相談は来週木曜日の14時です。ご都合が悪い場合はマイページのメッセージか電話でご連絡ください。".to_owned()),
        created_at: Set(at(today - Days::new(1), 0)),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// 求職情報 of the registered demo seeker: care and kitchen work in Tokyo
/// and Kanagawa, part-time or regular, with the licence that fits.
fn demo_profile() -> String {
    use madoguchi_shared::posting::{EmploymentType, WageForm};
    use madoguchi_shared::seeker::SeekerProfile;
    let profile = SeekerProfile {
        name: "山田 花子".to_owned(),
        name_kana: "ヤマダ\u{3000}ハナコ".to_owned(),
        birth_date: Some("1988-06-14".to_owned()),
        phone: Some("090-1234-5678".to_owned()),
        wished_occupations: vec!["介護職員".to_owned(), "調理補助".to_owned()],
        wished_prefectures: vec![13, 14],
        wished_employment: vec![EmploymentType::Regular, EmploymentType::PartTime],
        wished_wage: Some((WageForm::Hourly, 1_200)),
        wished_hours: Some("日勤中心、週4〜5日".to_owned()),
        education: "2007年3月 東京都立〇〇高等学校 卒業".to_owned(),
        work_history: "2007年4月〜2019年3月 株式会社△△フーズ 社員食堂の調理補助\n2019年4月〜2025年9月 家族の介護のため離職".to_owned(),
        licences: vec!["介護職員初任者研修".to_owned(), "普通自動車第一種運転免許".to_owned()],
        public: false,
    };
    serde_json::to_string(&profile).expect("profile serialises")
}
