//! `madoguchi seed --postings N --seed S`: deterministic, realistic
//! synthetic data for demonstrations and benchmarks.
//!
//! The same `N`, `S` and day give the same rows: one ChaCha stream drives
//! every choice, in a fixed order. Names and places come from the data
//! files under `server/db/data/`. Rows go in by batches, each batch of
//! postings with its search-outbox rows in one transaction, so the index
//! built afterwards (or by a running server) sees all of them.

pub mod bench;
mod data;
mod people;
mod postings;
mod text;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection,
    DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, PrimaryKeyTrait,
};

use crate::entity::{office, posting};
pub use data::Tables;

/// Rows per INSERT statement: within SQLite's limit of 32,766 bound
/// values for the widest table (postings, 43 columns).
const ROWS_PER_STATEMENT: usize = 500;
/// Rows per transaction.
const ROWS_PER_TRANSACTION: usize = 10_000;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub postings: u32,
    pub seed: u64,
    /// Dates are drawn relative to this day, so that a fresh data set has
    /// open postings and pending recommendations.
    pub today: NaiveDate,
}

impl Plan {
    /// One establishment for every eight postings.
    pub fn establishments(&self) -> u32 {
        (self.postings / 8).max(1)
    }

    /// One seeker for every ten postings.
    pub fn seekers(&self) -> u32 {
        (self.postings / 10).max(3)
    }
}

/// What was written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub offices: usize,
    pub establishments: usize,
    pub postings: usize,
    pub users: usize,
    pub seekers: usize,
    pub favourites: usize,
    pub saved_searches: usize,
    pub referrals: usize,
    pub applications: usize,
    pub messages: usize,
    pub notices: usize,
}

/// Told after every transaction: (stage, rows done, rows planned).
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

/// An office as the generator uses it.
#[derive(Debug, Clone)]
pub struct OfficeRef {
    pub id: i32,
    pub code: &'static str,
    pub prefecture: u8,
}

/// Generates `plan` into an empty database (offices may exist; postings
/// may not). Returns what was written.
pub async fn generate(
    db: &DatabaseConnection,
    plan: &Plan,
    progress: Progress<'_>,
) -> Result<Summary, DbErr> {
    if posting::Entity::find().count(db).await? > 0 {
        return Err(DbErr::Custom(
            "the database already holds postings: seed an empty database".to_owned(),
        ));
    }
    let tables = Tables::load();
    let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
    let mut summary = Summary::default();
    let offices = ensure_offices(db, &tables).await?;
    summary.offices = offices.len();

    let staff = people::staff_accounts(db, &offices, plan).await?;
    summary.users += staff.len();
    let mut world = postings::World::new(&tables, &offices, plan);
    let (establishments, employers) =
        postings::establishments(db, &mut rng, &mut world, progress).await?;
    summary.establishments = establishments;
    summary.users += employers;
    summary.postings = postings::postings(db, &mut rng, &mut world, progress).await?;
    people::generate(db, &mut rng, &world, &staff, &mut summary, progress).await?;
    refresh_statistics(db).await?;
    Ok(summary)
}

/// The offices of `data/offices.tsv`, inserted when the table is empty.
pub async fn ensure_offices(
    db: &DatabaseConnection,
    tables: &Tables,
) -> Result<Vec<OfficeRef>, DbErr> {
    let existing = office::Entity::find().all(db).await?;
    if existing.is_empty() {
        let now = Utc::now();
        let rows = tables
            .offices
            .iter()
            .map(|(code, name)| office::ActiveModel {
                code: Set((*code).to_owned()),
                name: Set((*name).to_owned()),
                prefecture_code: Set(prefecture_of(code).into()),
                created_at: Set(now),
                ..Default::default()
            });
        insert_rows(db, rows.collect()).await?;
    }
    let rows = office::Entity::find().all(db).await?;
    Ok(tables
        .offices
        .iter()
        .filter_map(|(code, _)| {
            rows.iter().find(|r| r.code == *code).map(|r| OfficeRef {
                id: r.id,
                code,
                prefecture: prefecture_of(code),
            })
        })
        .collect())
}

fn prefecture_of(office_code: &str) -> u8 {
    office_code[..2]
        .parse()
        .expect("office codes start with a prefecture")
}

/// Inserts rows by statements of [`ROWS_PER_STATEMENT`] in one
/// transaction and returns their keys in order.
async fn insert_rows<A>(
    db: &DatabaseConnection,
    rows: Vec<A>,
) -> Result<Vec<<<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType>, DbErr>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let txn = crate::begin_write(db).await?;
    let keys = insert_in(&txn, rows).await?;
    txn.commit().await?;
    Ok(keys)
}

async fn insert_in<A, C>(
    db: &C,
    rows: Vec<A>,
) -> Result<Vec<<<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType>, DbErr>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: ConnectionTrait,
{
    let mut keys = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        keys.extend(
            A::Entity::insert_many(chunk)
                .exec_with_returning_keys(db)
                .await?,
        );
    }
    Ok(keys)
}

/// Noon in Japan on `day`, as stored.
fn at(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(3, 0, 0).expect("valid time"))
        .and_utc()
}

/// The occupations of the classification as the posting editor offers
/// them: (code, title), by code.
pub fn occupation_titles() -> &'static [(&'static str, &'static str)] {
    static TITLES: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    TITLES.get_or_init(|| {
        let mut titles: Vec<_> = Tables::load()
            .occupations
            .iter()
            .map(|o| (o.code, o.title))
            .collect();
        titles.sort();
        titles
    })
}

/// After a bulk load, does at once what PostgreSQL's autovacuum does
/// later (`VACUUM (ANALYZE)`): the planner sees the new row counts and
/// index-only scans work; SQLite plans from its indexes and needs nothing.
pub async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared("VACUUM (ANALYZE)").await?;
    }
    Ok(())
}
