//! The employer benchmark's establishment: 300 postings and 5,000
//! applications from as many seekers, added once to a generated data set.

use chrono::{Days, Utc};
use madoguchi_shared::application::{ApplicationMethod, ApplicationStatus};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::insert_in;
use crate::entity::{application, establishment, posting, seeker};

/// The benchmark establishment's name.
pub const NAME: &str = "社会福祉法人ベンチマーク会";
pub const POSTINGS: usize = 300;
pub const APPLICATIONS: usize = 5_000;

/// The id of the benchmark establishment, made on first use from the
/// generated postings and seekers already in the database.
pub async fn bench_establishment(db: &DatabaseConnection) -> Result<i32, DbErr> {
    if let Some(est) = establishment::Entity::find()
        .filter(establishment::Column::Name.eq(NAME))
        .one(db)
        .await?
    {
        return Ok(est.id);
    }
    let model = establishment::Entity::find()
        .order_by_asc(establishment::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("seed postings first".to_owned()))?;
    let seekers: Vec<i32> = seeker::Entity::find()
        .select_only()
        .column(seeker::Column::Id)
        .order_by_asc(seeker::Column::Id)
        .limit(APPLICATIONS as u64)
        .into_tuple()
        .all(db)
        .await?;
    if seekers.len() < APPLICATIONS {
        return Err(DbErr::Custom(format!(
            "the benchmark needs {APPLICATIONS} seekers; seed more postings first"
        )));
    }
    let templates = posting::Entity::find()
        .filter(posting::Column::Status.eq("published"))
        .order_by_asc(posting::Column::Id)
        .limit(POSTINGS as u64)
        .all(db)
        .await?;
    let txn = crate::begin_write(db).await?;
    let now = Utc::now();
    let mut est: establishment::ActiveModel = model.into();
    est.id = sea_orm::ActiveValue::NotSet;
    est.number = Set("9999-999999-9".to_owned());
    est.name = Set(NAME.to_owned());
    est.address = Set("ベンチマーク1-1-1".to_owned());
    let est_id = establishment::Entity::insert(est)
        .exec(&txn)
        .await?
        .last_insert_id;
    let postings = templates.into_iter().enumerate().map(|(i, p)| {
        let mut p: posting::ActiveModel = p.into();
        p.id = sea_orm::ActiveValue::NotSet;
        p.establishment_id = Set(est_id);
        p.establishment_name = Set(NAME.to_owned());
        p.number = Set(Some(format!("99999-{:08}", i + 1)));
        p
    });
    let posting_ids = insert_in(&txn, postings.collect()).await?;
    let statuses = [
        ApplicationStatus::Applied,
        ApplicationStatus::Screening,
        ApplicationStatus::Interview,
        ApplicationStatus::Offered,
        ApplicationStatus::Hired,
        ApplicationStatus::NotHired,
    ];
    let methods = [
        ApplicationMethod::SelfApplication,
        ApplicationMethod::OnlineReferral,
        ApplicationMethod::CounterReferral,
    ];
    let applications = (0..APPLICATIONS).map(|i| {
        let at = now - Days::new((i % 180) as u64);
        application::ActiveModel {
            seeker_id: Set(seekers[i]),
            posting_id: Set(posting_ids[i % posting_ids.len()]),
            referral_id: Set(None),
            method: Set(methods[i % methods.len()].as_str().to_owned()),
            status: Set(statuses[(i / 7) % statuses.len()].as_str().to_owned()),
            motivation: Set("これまでの経験を生かして働きたいと考え、応募しました。".to_owned()),
            idempotency_key: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        }
    });
    insert_in(&txn, applications.collect()).await?;
    txn.commit().await?;
    super::refresh_statistics(db).await?;
    Ok(est_id)
}
