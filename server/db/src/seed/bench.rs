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

/// What the staff benchmark works on: registered seekers and published
/// postings with the office and the staff account that would look at
/// them, and the office with the most registered seekers.
#[derive(Debug, Clone)]
pub struct StaffFixture {
    pub seekers_total: u64,
    pub office_id: i32,
    pub office_code: String,
    pub office_seekers: u64,
    pub office_valid: u64,
    /// (seeker, its office, the office's staff account)
    pub seekers: Vec<(i32, i32, i32)>,
    /// (posting, its office, the office's staff account)
    pub postings: Vec<(i32, i32, i32)>,
}

/// `n` registered seekers and `n` published postings spread over the
/// generated data (every k-th by id), read from the database.
pub async fn staff_fixture(
    db: &DatabaseConnection,
    n: usize,
    today: chrono::NaiveDate,
) -> Result<StaffFixture, DbErr> {
    use crate::entity::{office, user_account};
    use sea_orm::PaginatorTrait;
    let staff: std::collections::HashMap<i32, i32> = user_account::Entity::find()
        .select_only()
        .columns([user_account::Column::OfficeId, user_account::Column::Id])
        .filter(user_account::Column::Role.eq(madoguchi_shared::account::Role::Staff.as_str()))
        .filter(user_account::Column::OfficeId.is_not_null())
        .order_by_desc(user_account::Column::Id)
        .into_tuple::<(Option<i32>, i32)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(o, id)| o.map(|o| (o, id)))
        .collect();
    let seekers_total = seeker::Entity::find().count(db).await?;
    let registered: Vec<(i32, Option<i32>)> = seeker::Entity::find()
        .select_only()
        .columns([seeker::Column::Id, seeker::Column::OfficeId])
        .filter(seeker::Column::OfficeId.is_not_null())
        .filter(seeker::Column::RegistrationActive.eq(true))
        .filter(seeker::Column::RegistrationValidUntil.gte(today))
        .order_by_asc(seeker::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let step = (registered.len() / n.max(1)).max(1);
    let seekers = registered
        .iter()
        .step_by(step)
        .filter_map(|&(id, o)| {
            let o = o?;
            staff.get(&o).map(|&actor| (id, o, actor))
        })
        .take(n)
        .collect();
    let published: Vec<(i32, i32)> = posting::Entity::find()
        .select_only()
        .columns([posting::Column::Id, posting::Column::OfficeId])
        .filter(posting::Column::Status.eq("published"))
        .filter(posting::Column::ValidUntil.gte(today))
        .order_by_asc(posting::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let step = (published.len() / n.max(1)).max(1);
    let postings = published
        .iter()
        .step_by(step)
        .filter_map(|&(id, o)| staff.get(&o).map(|&actor| (id, o, actor)))
        .take(n)
        .collect();
    let mut per_office: std::collections::HashMap<i32, u64> = Default::default();
    for (_, o) in &registered {
        if let Some(o) = o {
            *per_office.entry(*o).or_default() += 1;
        }
    }
    let (office_id, office_valid) = per_office
        .into_iter()
        .max_by_key(|&(o, c)| (c, std::cmp::Reverse(o)))
        .ok_or_else(|| DbErr::Custom("no registered seekers: seed first".to_owned()))?;
    let office_seekers = seeker::Entity::find()
        .filter(seeker::Column::OfficeId.eq(office_id))
        .count(db)
        .await?;
    let office_code = office::Entity::find_by_id(office_id)
        .one(db)
        .await?
        .map(|o| o.code)
        .unwrap_or_default();
    Ok(StaffFixture {
        seekers_total,
        office_id,
        office_code,
        office_seekers,
        office_valid,
        seekers,
        postings,
    })
}
