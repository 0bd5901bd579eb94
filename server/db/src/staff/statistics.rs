//! 業務統計: monthly figures of one office (or all) for a year, computed
//! from the records themselves. A posting counts as active in a month
//! when it was accepted by the month's end and was still open at its
//! start (its 紹介期限日, or the day it was filled or withdrawn); a seeker
//! when registered by the month's end and valid at its start.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_shared::application::{ApplicationMethod, ApplicationStatus};
use madoguchi_shared::posting::PostingStatus;
use madoguchi_shared::seeker::SeekerKind;
use madoguchi_shared::staff::{MonthFigures, Statistics, month_bounds};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

use crate::entity::{application, office, posting, referral, seeker};

/// What the figures are about.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    /// One office, or every office (admins).
    pub office_id: Option<i32>,
    pub prefecture: Option<u8>,
    /// An occupation group (大分類 letter), for the posting-side figures.
    pub group: Option<char>,
}

/// (応募方法, status, result day, applied at)
type ApplicationRow = (String, String, Option<NaiveDate>, DateTime<Utc>);

/// Open postings counted in the database by the month they were accepted
/// and the month of their 紹介期限日: (`YYYY-MM`, `YYYY-MM`, postings,
/// openings).
type Bucket = (String, String, i64, i64);

/// A filled or withdrawn posting: (accepted, 紹介期限日, last change,
/// openings); it was open until the earlier of the last two.
type ClosedRow = (NaiveDate, NaiveDate, DateTime<Utc>, i16);

/// The month (`YYYY-MM`) of a date column, the same on SQLite and
/// PostgreSQL.
fn month_of(column: &str) -> sea_orm::sea_query::SimpleExpr {
    sea_orm::sea_query::Expr::cust(format!("substr(CAST({column} AS TEXT), 1, 7)"))
}

/// Applications joined to their posting, for the posting's conditions.
fn application_posting() -> sea_orm::RelationDef {
    application::Entity::belongs_to(posting::Entity)
        .from(application::Column::PostingId)
        .to(posting::Column::Id)
        .into()
}

fn referral_posting() -> sea_orm::RelationDef {
    referral::Entity::belongs_to(posting::Entity)
        .from(referral::Column::PostingId)
        .to(posting::Column::Id)
        .into()
}

/// The twelve months of `year` and the year's total (its active figures
/// are those of the last month begun by `today`).
pub async fn year(
    db: &DatabaseConnection,
    scope: Scope,
    year: i32,
    today: NaiveDate,
) -> Result<Statistics, DbErr> {
    let (Some((start, _)), Some((_, end))) = (month_bounds(year, 1), month_bounds(year, 12)) else {
        return Err(DbErr::Custom(format!("year {year} out of range")));
    };
    let office_code = match scope.office_id {
        Some(id) => office::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.code),
        None => None,
    };
    // Offices whose seekers count: the one, or those of the prefecture.
    let offices: Option<Vec<i32>> = match (scope.office_id, scope.prefecture) {
        (Some(id), _) => Some(vec![id]),
        (None, Some(p)) => Some(
            office::Entity::find()
                .filter(office::Column::PrefectureCode.eq(i16::from(p)))
                .all(db)
                .await?
                .into_iter()
                .map(|o| o.id)
                .collect(),
        ),
        (None, None) => None,
    };

    // The postings in scope: accepted by the year's end, open after its
    // start, of the office (prefecture, group) asked for.
    let mut in_scope_postings = Condition::all()
        .add(posting::Column::Number.is_not_null())
        .add(posting::Column::AcceptedOn.lte(end))
        .add(posting::Column::ValidUntil.gte(start));
    if let Some(id) = scope.office_id {
        in_scope_postings = in_scope_postings.add(posting::Column::OfficeId.eq(id));
    }
    if let Some(p) = scope.prefecture {
        in_scope_postings = in_scope_postings.add(posting::Column::PrefectureCode.eq(i16::from(p)));
    }
    if let Some(g) = scope.group {
        in_scope_postings =
            in_scope_postings.add(posting::Column::OccupationCode.starts_with(g.to_string()));
    }
    let closed = [
        PostingStatus::Closed.as_str(),
        PostingStatus::Withdrawn.as_str(),
    ];
    // Counted in the database, through ix_posting_statistics alone.
    let buckets: Vec<Bucket> = posting::Entity::find()
        .select_only()
        .column_as(month_of("accepted_on"), "accepted")
        .column_as(month_of("valid_until"), "until")
        .column_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "postings")
        .column_as(posting::Column::Openings.sum(), "openings")
        .filter(in_scope_postings.clone())
        .filter(posting::Column::Status.is_not_in(closed))
        .group_by(sea_orm::sea_query::Expr::col(
            sea_orm::sea_query::Alias::new("accepted"),
        ))
        .group_by(sea_orm::sea_query::Expr::col(
            sea_orm::sea_query::Alias::new("until"),
        ))
        .into_tuple()
        .all(db)
        .await?;
    let closed_rows: Vec<ClosedRow> = posting::Entity::find()
        .select_only()
        .columns([
            posting::Column::AcceptedOn,
            posting::Column::ValidUntil,
            posting::Column::UpdatedAt,
            posting::Column::Openings,
        ])
        .filter(in_scope_postings.clone())
        .filter(posting::Column::Status.is_in(closed))
        .into_tuple()
        .all(db)
        .await?;

    let mut sq = seeker::Entity::find()
        .filter(seeker::Column::Kind.eq(SeekerKind::Registered.as_str()))
        .filter(seeker::Column::RegistrationValidUntil.gte(start));
    if let Some(list) = &offices {
        sq = sq.filter(seeker::Column::OfficeId.is_in(list.clone()));
    }
    let seekers: Vec<(Option<NaiveDate>, DateTime<Utc>, Option<NaiveDate>)> = sq
        .select_only()
        .columns([
            seeker::Column::RegisteredOn,
            seeker::Column::CreatedAt,
            seeker::Column::RegistrationValidUntil,
        ])
        .into_tuple()
        .all(db)
        .await?;

    let year_start =
        start.and_hms_opt(0, 0, 0).expect("midnight").and_utc() - chrono::TimeDelta::hours(9);
    let year_end = (end + chrono::Days::new(1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        - chrono::TimeDelta::hours(9);
    let applications: Vec<ApplicationRow> = application::Entity::find()
        .select_only()
        .columns([
            application::Column::Method,
            application::Column::Status,
            application::Column::ResultSentOn,
            application::Column::CreatedAt,
        ])
        .join(sea_orm::JoinType::InnerJoin, application_posting())
        .filter(in_scope_postings.clone())
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(application::Column::CreatedAt.gte(year_start))
                        .add(application::Column::CreatedAt.lt(year_end)),
                )
                .add(
                    Condition::all()
                        .add(application::Column::ResultSentOn.gte(start))
                        .add(application::Column::ResultSentOn.lte(end)),
                ),
        )
        .into_tuple()
        .all(db)
        .await?;
    // Referrals count for the office that made them; with a prefecture or
    // an occupation group, only those to postings of that kind.
    let mut rq = referral::Entity::find()
        .select_only()
        .column(referral::Column::CreatedAt)
        .filter(referral::Column::CreatedAt.gte(year_start))
        .filter(referral::Column::CreatedAt.lt(year_end));
    if let Some(list) = &offices {
        rq = rq.filter(referral::Column::OfficeId.is_in(list.clone()));
    }
    if scope.prefecture.is_some() || scope.group.is_some() {
        let mut kind = Condition::all();
        if let Some(p) = scope.prefecture {
            kind = kind.add(posting::Column::PrefectureCode.eq(i16::from(p)));
        }
        if let Some(g) = scope.group {
            kind = kind.add(posting::Column::OccupationCode.starts_with(g.to_string()));
        }
        rq = rq
            .join(sea_orm::JoinType::InnerJoin, referral_posting())
            .filter(kind);
    }
    let referrals: Vec<DateTime<Utc>> = rq.into_tuple().all(db).await?;

    let day = madoguchi_shared::today_in_japan;
    let mut months = Vec::with_capacity(13);
    let mut total = MonthFigures {
        month: "計".to_owned(),
        ..Default::default()
    };
    for m in 1..=12 {
        let (first, last) = month_bounds(year, m).expect("a month");
        let within = |d: NaiveDate| d >= first && d <= last;
        let month = format!("{year}-{m:02}");
        let mut f = MonthFigures {
            month: month.clone(),
            ..Default::default()
        };
        for (accepted, until, count, openings) in &buckets {
            let (count, openings) = ((*count).max(0) as u64, (*openings).max(0) as u64);
            if *accepted == month {
                f.new_postings += count;
                f.new_openings += openings;
            }
            if accepted.as_str() <= month.as_str() && until.as_str() >= month.as_str() {
                f.active_postings += count;
                f.active_openings += openings;
            }
        }
        for (accepted, until, changed, openings) in &closed_rows {
            let openings = (*openings).max(0) as u64;
            let open_until = (*until).min(day(*changed));
            if within(*accepted) {
                f.new_postings += 1;
                f.new_openings += openings;
            }
            if *accepted <= last && open_until >= first {
                f.active_postings += 1;
                f.active_openings += openings;
            }
        }
        for (registered_on, created, valid_until) in &seekers {
            let since = registered_on.unwrap_or_else(|| day(*created));
            if within(since) {
                f.new_seekers += 1;
            }
            if since <= last && valid_until.is_some_and(|u| u >= first) {
                f.active_seekers += 1;
            }
        }
        for (method, status, result_on, created) in &applications {
            if within(day(*created)) {
                match method.parse::<ApplicationMethod>() {
                    Ok(ApplicationMethod::OnlineReferral) => f.applications_referral += 1,
                    Ok(ApplicationMethod::SelfApplication) => f.applications_self += 1,
                    Ok(ApplicationMethod::CounterReferral) => f.applications_counter += 1,
                    Err(_) => {}
                }
            }
            if status == ApplicationStatus::Hired.as_str() && result_on.is_some_and(within) {
                f.hires += 1;
            }
        }
        f.referrals = referrals.iter().filter(|at| within(day(**at))).count() as u64;
        total.new_postings += f.new_postings;
        total.new_openings += f.new_openings;
        total.new_seekers += f.new_seekers;
        total.applications_referral += f.applications_referral;
        total.applications_self += f.applications_self;
        total.applications_counter += f.applications_counter;
        total.referrals += f.referrals;
        total.hires += f.hires;
        months.push(f);
    }
    // A year's active figures are those of its last month begun.
    if let Some(last) = months
        .iter()
        .rev()
        .find(|m| m.month.as_str() <= format!("{}", today.format("%Y-%m")).as_str())
        .or(months.last())
    {
        total.active_postings = last.active_postings;
        total.active_openings = last.active_openings;
        total.active_seekers = last.active_seekers;
    }
    months.push(total);
    Ok(Statistics {
        office: office_code,
        year,
        prefecture: scope.prefecture,
        group: scope.group,
        months,
    })
}
