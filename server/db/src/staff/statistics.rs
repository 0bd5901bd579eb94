//! 業務統計: monthly figures of one office (or all) for a year, computed
//! from the records themselves. A posting counts as active in a month
//! when it was accepted by the month's end and was still open at its
//! start (its 紹介期限日, or the day it was filled or withdrawn); a seeker
//! when registered by the month's end and valid at its start.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_shared::application::{ApplicationMethod, ApplicationStatus};
use madoguchi_shared::posting::PostingStatus;
use madoguchi_shared::seeker::SeekerKind;
use madoguchi_shared::staff::{MonthFigures, Statistics, month_bounds};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    QueryTrait,
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

/// (posting, 応募方法, status, result day, applied at)
type ApplicationRow = (i32, String, String, Option<NaiveDate>, DateTime<Utc>);

type PostingRow = (
    i32,
    i32,
    i16,
    String,
    String,
    i16,
    NaiveDate,
    NaiveDate,
    DateTime<Utc>,
);

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
    let narrowed_postings =
        scope.office_id.is_some() || scope.prefecture.is_some() || scope.group.is_some();
    let pq = posting::Entity::find()
        .select_only()
        .columns([
            posting::Column::Id,
            posting::Column::OfficeId,
            posting::Column::PrefectureCode,
            posting::Column::OccupationCode,
            posting::Column::Status,
            posting::Column::Openings,
            posting::Column::AcceptedOn,
            posting::Column::ValidUntil,
            posting::Column::UpdatedAt,
        ])
        .filter(in_scope_postings.clone());
    let postings: Vec<PostingRow> = pq.into_tuple().all(db).await?;
    let in_scope: HashMap<i32, ()> = postings.iter().map(|p| (p.0, ())).collect();

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
    let mut aq = application::Entity::find();
    if narrowed_postings {
        // Only the applications to the postings in scope leave the database.
        aq = aq.filter(
            application::Column::PostingId.in_subquery(
                posting::Entity::find()
                    .select_only()
                    .column(posting::Column::Id)
                    .filter(in_scope_postings)
                    .into_query(),
            ),
        );
    }
    let applications: Vec<ApplicationRow> = aq
        .select_only()
        .columns([
            application::Column::PostingId,
            application::Column::Method,
            application::Column::Status,
            application::Column::ResultSentOn,
            application::Column::CreatedAt,
        ])
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
    let mut rq = referral::Entity::find()
        .select_only()
        .columns([referral::Column::PostingId, referral::Column::CreatedAt])
        .filter(referral::Column::CreatedAt.gte(year_start))
        .filter(referral::Column::CreatedAt.lt(year_end));
    if let Some(list) = &offices {
        rq = rq.filter(referral::Column::OfficeId.is_in(list.clone()));
    }
    let referrals: Vec<(i32, DateTime<Utc>)> = rq.into_tuple().all(db).await?;

    let day = madoguchi_shared::today_in_japan;
    let closed = [
        PostingStatus::Closed.as_str(),
        PostingStatus::Withdrawn.as_str(),
    ];
    let mut months = Vec::with_capacity(13);
    let mut total = MonthFigures {
        month: "計".to_owned(),
        ..Default::default()
    };
    for m in 1..=12 {
        let (first, last) = month_bounds(year, m).expect("a month");
        let within = |d: NaiveDate| d >= first && d <= last;
        let mut f = MonthFigures {
            month: format!("{year}-{m:02}"),
            ..Default::default()
        };
        for p in &postings {
            let (accepted, until, status, openings) = (p.6, p.7, p.4.as_str(), p.5.max(0) as u64);
            let open_until = if closed.contains(&status) {
                until.min(day(p.8))
            } else {
                until
            };
            if within(accepted) {
                f.new_postings += 1;
                f.new_openings += openings;
            }
            if accepted <= last && open_until >= first {
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
        for (posting_id, method, status, result_on, created) in &applications {
            if !in_scope.contains_key(posting_id) {
                continue;
            }
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
        // Referrals count for the office that made them; with a prefecture
        // or an occupation group, only to postings of that kind.
        let narrowed = scope.prefecture.is_some() || scope.group.is_some();
        f.referrals = referrals
            .iter()
            .filter(|(p, at)| (!narrowed || in_scope.contains_key(p)) && within(day(*at)))
            .count() as u64;
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
