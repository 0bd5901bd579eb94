//! The data generator on SQLite and PostgreSQL: deterministic, consistent
//! with the rules of docs/domain.md, and the demo accounts find their data.

mod common;

use chrono::NaiveDate;
use common::{backends, empty_database};
use madoguchi_db::entity::*;
use madoguchi_db::seed::{Plan, generate};
use madoguchi_shared::application::{ApplicationMethod, ReferralStatus, default_referral_deadline};
use madoguchi_shared::posting::{
    Disclosure, EmploymentType, PostingNumber, PostingStatus, PostingTerms, WageForm,
    WorkArrangement, default_valid_until, self_application_allowed,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

fn plan(seed: u64) -> Plan {
    Plan {
        postings: 400,
        seed,
        today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    }
}

async fn postings_of(db: &madoguchi_db::Db) -> Vec<posting::Model> {
    posting::Entity::find()
        .order_by_asc(posting::Column::Id)
        .all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data_and_a_seeded_database_is_refused() {
    for backend in backends() {
        let a = empty_database(backend).await;
        let b = empty_database(backend).await;
        let c = empty_database(backend).await;
        let summary = generate(&a.db, &plan(7), &mut |_, _, _| {}).await.unwrap();
        assert_eq!(
            summary,
            generate(&b.db, &plan(7), &mut |_, _, _| {}).await.unwrap()
        );
        generate(&c.db, &plan(8), &mut |_, _, _| {}).await.unwrap();
        let key = |p: &posting::Model| {
            (
                p.number.clone(),
                p.title.clone(),
                p.description.clone(),
                p.establishment_name.clone(),
                p.wage_min,
            )
        };
        let (pa, pb, pc) = (
            postings_of(&a.db).await,
            postings_of(&b.db).await,
            postings_of(&c.db).await,
        );
        assert_eq!(
            pa.iter().map(key).collect::<Vec<_>>(),
            pb.iter().map(key).collect::<Vec<_>>()
        );
        assert_ne!(
            pa.iter().map(key).collect::<Vec<_>>(),
            pc.iter().map(key).collect::<Vec<_>>()
        );
        // A second run would mix two data sets: refused, nothing added.
        assert!(generate(&a.db, &plan(7), &mut |_, _, _| {}).await.is_err());
        assert_eq!(posting::Entity::find().count(&a.db).await.unwrap(), 400);
    }
}

#[tokio::test]
async fn generated_data_follows_the_rules() {
    for backend in backends() {
        let empty = empty_database(backend).await;
        let db = &empty.db;
        let plan = plan(3);
        let mut stages = Vec::new();
        let summary = generate(db, &plan, &mut |stage, done, total| {
            assert!(done <= total);
            stages.push(stage.to_owned());
        })
        .await
        .unwrap();
        assert!(stages.contains(&"postings".to_owned()) && stages.contains(&"seekers".to_owned()));
        assert_eq!(summary.postings, 400);
        assert_eq!(summary.establishments, 50);
        assert_eq!(summary.seekers, 40);
        assert!(summary.favourites > 0 && summary.applications > 0 && summary.referrals > 0);
        assert!(summary.saved_searches > 0 && summary.messages > 0 && summary.notices > 0);
        // Every posting reaches the search index through the outbox.
        assert_eq!(search_outbox::Entity::find().count(db).await.unwrap(), 400);

        let offices = office::Entity::find().all(db).await.unwrap();
        let rows = postings_of(db).await;
        let mut published = 0;
        let mut descriptions = std::collections::BTreeSet::new();
        for p in &rows {
            let status: PostingStatus = p.status.parse().unwrap();
            let employment: EmploymentType = p.employment_type.parse().unwrap();
            let arrangement: WorkArrangement = p.arrangement.parse().unwrap();
            assert!(Disclosure::from_number(p.disclosure).is_some());
            // 求人番号 from the posting's office, given only on acceptance.
            match &p.number {
                Some(n) => {
                    let n: PostingNumber = n.parse().unwrap();
                    let office = offices.iter().find(|o| o.id == p.office_id).unwrap();
                    assert_eq!(n.office().to_string(), office.code);
                }
                None => assert!(matches!(
                    status,
                    PostingStatus::Draft | PostingStatus::UnderReview | PostingStatus::SentBack
                )),
            }
            assert_eq!(p.valid_until, default_valid_until(p.accepted_on));
            if status == PostingStatus::Published && p.valid_until >= plan.today {
                published += 1;
            }
            if status == PostingStatus::Expired {
                assert!(p.valid_until < plan.today);
            }
            // Rule 1, and dispatch only as dispatch.
            if p.accepts_self_application {
                assert!(
                    self_application_allowed(true, arrangement, employment, p.workplace_named)
                        .is_ok(),
                    "{}",
                    p.id
                );
            }
            assert_eq!(
                employment.is_dispatch(),
                arrangement == WorkArrangement::Dispatch
            );
            // Rule 5: an age limit always has its legal reason.
            assert_eq!(p.age_max.is_some(), p.age_reason.is_some());
            // Wages fit their form.
            assert!(p.wage_min <= p.wage_max);
            match p.wage_form.parse::<WageForm>().unwrap() {
                WageForm::Hourly => assert!((1_050..5_000).contains(&p.wage_min), "{}", p.wage_min),
                WageForm::Monthly => assert!((150_000..600_000).contains(&p.wage_min)),
                WageForm::Daily => {}
            }
            let terms: PostingTerms = serde_json::from_str(&p.terms).unwrap();
            assert!(!terms.shifts.is_empty() && terms.shifts.len() <= 3);
            assert!(terms.shifts.iter().all(|s| s.validate().is_ok()));
            assert!(
                !terms.duty_change_scope.is_empty() && !terms.workplace_change_scope.is_empty()
            );
            assert!(p.occupation_code.len() == 8 && !p.city.is_empty());
            descriptions.insert(p.description.clone());
        }
        assert!(published > 250, "{published} open postings");
        // Text varied enough for keyword search to mean something.
        assert!(
            descriptions.len() > 390,
            "{} distinct descriptions",
            descriptions.len()
        );

        // Referrals: deadline a week after sending; an established one has
        // its application (by online referral) and its referral letter.
        for r in referral::Entity::find().all(db).await.unwrap() {
            assert_eq!(
                r.deadline,
                default_referral_deadline(r.created_at.date_naive())
            );
            let status: ReferralStatus = r.status.parse().unwrap();
            let app = application::Entity::find()
                .filter(application::Column::ReferralId.eq(r.id))
                .one(db)
                .await
                .unwrap();
            assert_eq!(app.is_some(), status == ReferralStatus::Established);
            if let Some(app) = app {
                assert_eq!(app.method, ApplicationMethod::OnlineReferral.as_str());
                let letter = referral_letter::Entity::find()
                    .filter(referral_letter::Column::ReferralId.eq(r.id))
                    .one(db)
                    .await
                    .unwrap()
                    .expect("a letter for an established referral");
                assert_eq!(letter.application_id, app.id);
            }
            let seeker = seeker::Entity::find_by_id(r.seeker_id)
                .one(db)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                seeker.kind, "registered",
                "only registered seekers are recommended to"
            );
        }
        for a in application::Entity::find().all(db).await.unwrap() {
            assert_eq!(
                a.referral_id.is_some(),
                a.method == ApplicationMethod::OnlineReferral.as_str()
            );
            if a.method == ApplicationMethod::SelfApplication.as_str() {
                let p = posting::Entity::find_by_id(a.posting_id)
                    .one(db)
                    .await
                    .unwrap()
                    .unwrap();
                assert!(p.accepts_self_application);
            }
        }
    }
}

#[tokio::test]
async fn the_demo_accounts_find_their_data() {
    for backend in backends() {
        let empty = empty_database(backend).await;
        let db = &empty.db;
        let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
        let inserted = madoguchi_db::demo::seed_if_empty(db, today).await.unwrap();
        assert_eq!(inserted, madoguchi_db::demo::DEMO_POSTINGS as usize + 12);
        madoguchi_db::demo::seed_demo_accounts(db).await.unwrap();
        // Loading again changes nothing.
        assert_eq!(
            madoguchi_db::demo::seed_if_empty(db, today).await.unwrap(),
            0
        );
        madoguchi_db::demo::seed_demo_accounts(db).await.unwrap();

        let user = |email: &'static str| async move {
            user_account::Entity::find()
                .filter(user_account::Column::Email.eq(email))
                .one(db)
                .await
                .unwrap()
                .unwrap()
        };
        let seeker_user = user("seeker@example.jp").await;
        let seeker = seeker::Entity::find()
            .filter(seeker::Column::UserId.eq(seeker_user.id))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(seeker.kind, "registered");
        let referrals = referral::Entity::find()
            .filter(referral::Column::SeekerId.eq(seeker.id))
            .all(db)
            .await
            .unwrap();
        assert!(
            referrals
                .iter()
                .any(|r| r.status == "recommended" && r.deadline >= today)
        );
        assert!(referrals.iter().any(|r| r.status == "established"));
        let applications = application::Entity::find()
            .filter(application::Column::SeekerId.eq(seeker.id))
            .all(db)
            .await
            .unwrap();
        assert_eq!(applications.len(), 2);
        assert!(
            notice::Entity::find()
                .filter(notice::Column::SeekerId.eq(seeker.id))
                .count(db)
                .await
                .unwrap()
                > 0
        );
        assert_eq!(
            favourite::Entity::find()
                .filter(favourite::Column::SeekerId.eq(seeker.id))
                .count(db)
                .await
                .unwrap(),
            3
        );
        // The employer's establishment has postings and applicants.
        let employer = user("employer@example.jp").await;
        let establishment = employer.establishment_id.unwrap();
        let postings: Vec<i32> = posting::Entity::find()
            .filter(posting::Column::EstablishmentId.eq(establishment))
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert!(!postings.is_empty());
        assert!(
            application::Entity::find()
                .filter(application::Column::PostingId.is_in(postings))
                .count(db)
                .await
                .unwrap()
                >= 2
        );
        // The demo set is a few thousand postings from all over Japan.
        let prefectures: std::collections::BTreeSet<i16> = posting::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.prefecture_code)
            .collect();
        assert_eq!(prefectures.len(), 47);
    }
}
