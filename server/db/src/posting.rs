//! Queries over postings.

use chrono::NaiveDate;
use madoguchi_shared::posting::{
    Disclosure, PostingNumber, PostingStatus, PostingSummary, WageForm,
};
use madoguchi_shared::prefecture::Prefecture;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entity::posting;

/// docs/domain.md rule 4: a posting is public while published and before its
/// 紹介期限日, unless 公開範囲 3 keeps it to staff.
pub(crate) fn publicly_open(today: NaiveDate) -> Condition {
    Condition::all()
        .add(posting::Column::Status.eq(PostingStatus::Published.as_str()))
        .add(posting::Column::ValidUntil.gte(today))
        .add(posting::Column::Disclosure.ne(Disclosure::StaffOnly.number()))
}

/// How many postings the public can find today.
pub async fn count_public(db: &impl ConnectionTrait, today: NaiveDate) -> Result<u64, DbErr> {
    posting::Entity::find()
        .filter(publicly_open(today))
        .count(db)
        .await
}

/// The newest postings the public can find today, newest first.
pub async fn newest_public(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    limit: u64,
) -> Result<Vec<PostingSummary>, DbErr> {
    let rows = posting::Entity::find()
        .filter(publicly_open(today))
        .order_by_desc(posting::Column::AcceptedOn)
        .order_by_desc(posting::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    rows.into_iter().map(summary).collect()
}

pub(crate) fn summary(row: posting::Model) -> Result<PostingSummary, DbErr> {
    let corrupt = |what: &str| DbErr::Custom(format!("posting {}: bad {what}", row.id));
    Ok(PostingSummary {
        number: row
            .number
            .as_deref()
            .unwrap_or_default()
            .parse::<PostingNumber>()
            .map_err(|_| corrupt("number"))?,
        establishment: (row.disclosure != Disclosure::Anonymous.number())
            .then_some(row.establishment_name),
        prefecture: u8::try_from(row.prefecture_code)
            .ok()
            .and_then(Prefecture::from_code)
            .ok_or_else(|| corrupt("prefecture"))?,
        wage_form: row
            .wage_form
            .parse::<WageForm>()
            .map_err(|_| corrupt("wage form"))?,
        title: row.title,
        city: row.city,
        wage_min: row.wage_min,
        wage_max: row.wage_max,
        accepted_on: row.accepted_on,
        valid_until: row.valid_until,
    })
}

/// Result cards of these postings, in the order of `ids`; postings that
/// are no longer public today are left out (the index may lag a moment).
pub async fn public_cards(
    db: &impl ConnectionTrait,
    ids: &[i32],
    today: NaiveDate,
) -> Result<Vec<madoguchi_shared::search::PostingCard>, DbErr> {
    use madoguchi_shared::posting::{PostingFlag, PostingTerms};
    use madoguchi_shared::search::{CARD_DESCRIPTION_CHARS, PostingCard};
    // By primary key only: combined with the public-posting condition,
    // the planner may pick the status index and scan every open posting.
    let rows: Vec<posting::Model> = posting::Entity::find()
        .filter(posting::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .filter(|r| {
            r.status == PostingStatus::Published.as_str()
                && r.valid_until >= today
                && r.disclosure != Disclosure::StaffOnly.number()
        })
        .collect();
    let mut cards = Vec::with_capacity(rows.len());
    for id in ids {
        let Some(row) = rows.iter().find(|r| r.id == *id).cloned() else {
            continue;
        };
        let corrupt = |what: &str| DbErr::Custom(format!("posting {id}: bad {what}"));
        let terms: PostingTerms = serde_json::from_str(&row.terms).unwrap_or_default();
        let card = PostingCard {
            category: row.category.parse().map_err(|_| corrupt("category"))?,
            employment: row
                .employment_type
                .parse()
                .map_err(|_| corrupt("employment"))?,
            shifts: terms.shifts.iter().map(|s| s.display()).collect(),
            holidays: terms.holidays.clone(),
            annual_holidays: row.annual_holidays.and_then(|h| u16::try_from(h).ok()),
            age_max: row.age_max.and_then(|a| u8::try_from(a).ok()),
            description: row
                .description
                .chars()
                .take(CARD_DESCRIPTION_CHARS)
                .collect(),
            flags: PostingFlag::unpack(row.flags as u32),
            openings: u16::try_from(row.openings).unwrap_or(1),
            self_application: row.accepts_self_application,
            summary: summary(row)?,
        };
        cards.push(card);
    }
    Ok(cards)
}

/// A posting as the public asks for it by its 求人番号.
pub enum PublicPosting {
    Open(Box<madoguchi_shared::records::Posting>),
    /// Filled, withdrawn or past its 紹介期限日: (title, number).
    Closed(String, String),
    /// Unknown, not yet accepted, or for staff only.
    Missing,
}

/// The posting `number` as a visitor may see it (docs/domain.md rule 4):
/// 公開範囲 2 hides the establishment's name and address.
pub async fn public_by_number(
    db: &impl ConnectionTrait,
    number: &str,
    today: NaiveDate,
) -> Result<PublicPosting, DbErr> {
    let Some(row) = posting::Entity::find()
        .filter(posting::Column::Number.eq(number))
        .one(db)
        .await?
    else {
        return Ok(PublicPosting::Missing);
    };
    let status: PostingStatus = row
        .status
        .parse()
        .map_err(|_| DbErr::Custom(format!("posting {}: bad status", row.id)))?;
    if row.disclosure == Disclosure::StaffOnly.number()
        || matches!(
            status,
            PostingStatus::Draft | PostingStatus::UnderReview | PostingStatus::SentBack
        )
    {
        return Ok(PublicPosting::Missing);
    }
    if status != PostingStatus::Published || row.valid_until < today {
        return Ok(PublicPosting::Closed(row.title, number.to_owned()));
    }
    let anonymous = row.disclosure == Disclosure::Anonymous.number();
    let mut posting = record_of(row)?;
    if anonymous {
        posting.terms.address = String::new();
        posting.establishment = None;
    }
    Ok(PublicPosting::Open(Box::new(posting)))
}

/// A stored posting as the domain's record, with everything it says (the
/// caller hides what its reader may not see).
pub fn record_of(row: posting::Model) -> Result<madoguchi_shared::records::Posting, DbErr> {
    use madoguchi_shared::posting::{AgeLimit, PostingFlag, PostingTerms};
    use madoguchi_shared::records::Posting;
    let status: PostingStatus = row
        .status
        .parse()
        .map_err(|_| DbErr::Custom(format!("posting {}: bad status", row.id)))?;
    let corrupt = |what: &str| DbErr::Custom(format!("posting {}: bad {what}", row.id));
    let terms: PostingTerms = serde_json::from_str(&row.terms).unwrap_or_default();
    let age_limit = match (row.age_min, row.age_max) {
        (None, None) => AgeLimit::None,
        (min, max) => AgeLimit::Range {
            min: min.and_then(|a| u8::try_from(a).ok()),
            max: max.and_then(|a| u8::try_from(a).ok()),
            reason: row.age_reason.as_deref().and_then(|r| r.parse().ok()),
        },
    };
    Ok(Posting {
        number: row.number.as_deref().and_then(|n| n.parse().ok()),
        status,
        disclosure: Disclosure::from_number(row.disclosure).ok_or_else(|| corrupt("disclosure"))?,
        title: row.title,
        establishment: Some(row.establishment_name),
        category: row.category.parse().map_err(|_| corrupt("category"))?,
        employment: row
            .employment_type
            .parse()
            .map_err(|_| corrupt("employment"))?,
        arrangement: row
            .arrangement
            .parse()
            .map_err(|_| corrupt("arrangement"))?,
        occupation_code: row.occupation_code,
        description: row.description,
        prefecture: u8::try_from(row.prefecture_code)
            .ok()
            .and_then(Prefecture::from_code)
            .ok_or_else(|| corrupt("prefecture"))?,
        city: row.city,
        station: row.station,
        walk_minutes: row.walk_minutes.and_then(|w| u16::try_from(w).ok()),
        wage_form: row.wage_form.parse().map_err(|_| corrupt("wage form"))?,
        wage_min: row.wage_min,
        wage_max: row.wage_max,
        flags: PostingFlag::unpack(row.flags as u32),
        openings: u16::try_from(row.openings).unwrap_or(1),
        annual_holidays: row.annual_holidays.and_then(|h| u16::try_from(h).ok()),
        weekly_days: row.weekly_days.and_then(|d| u8::try_from(d).ok()),
        age_limit,
        accepts_referral: row.accepts_referral,
        accepts_self_application: row.accepts_self_application,
        workplace_named: row.workplace_named,
        terms,
        accepted_on: row.accepted_on,
        valid_until: row.valid_until,
    })
}

/// Writes what `p` says into a posting row (not its number, status,
/// dates, self-application switch or review note, which have their own
/// actions).
pub fn write_fields(row: &mut posting::ActiveModel, p: &madoguchi_shared::records::Posting) {
    use madoguchi_shared::posting::{AgeLimit, PostingFlag};
    use sea_orm::ActiveValue::Set;
    let small = |n: Option<u16>| n.map(|v| i16::try_from(v).unwrap_or(i16::MAX));
    let (age_min, age_max, age_reason) = match p.age_limit {
        AgeLimit::None => (None, None, None),
        AgeLimit::Range { min, max, reason } => (
            min.map(i16::from),
            max.map(i16::from),
            reason.map(|r| r.as_str().to_owned()),
        ),
    };
    row.disclosure = Set(p.disclosure.number());
    row.title = Set(p.title.clone());
    row.category = Set(p.category.as_str().to_owned());
    row.employment_type = Set(p.employment.as_str().to_owned());
    row.arrangement = Set(p.arrangement.as_str().to_owned());
    row.occupation_code = Set(p.occupation_code.clone());
    row.description = Set(p.description.clone());
    row.prefecture_code = Set(i16::from(p.prefecture.code()));
    row.city = Set(p.city.clone());
    row.station = Set(p.station.clone());
    row.walk_minutes = Set(small(p.walk_minutes));
    row.wage_form = Set(p.wage_form.as_str().to_owned());
    row.wage_min = Set(p.wage_min);
    row.wage_max = Set(p.wage_max);
    row.flags = Set(PostingFlag::pack(&p.flags).into());
    row.openings = Set(small(Some(p.openings)).unwrap_or(1));
    row.annual_holidays = Set(small(p.annual_holidays));
    row.weekly_days = Set(p.weekly_days.map(i16::from));
    row.age_min = Set(age_min);
    row.age_max = Set(age_max);
    row.age_reason = Set(age_reason);
    row.accepts_referral = Set(p.accepts_referral);
    row.workplace_named = Set(p.workplace_named);
    row.terms = Set(serde_json::to_string(&p.terms).expect("terms serialise"));
}

/// The conditions of a search as SQL, for the benchmark's naive answer:
/// `LIKE '%word%'` over title and description, every filter as a column
/// test. (The hours filter is left out: shifts live in the 求人票 terms.)
pub fn naive_condition(query: &madoguchi_shared::search::JobQuery, today: NaiveDate) -> Condition {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    let mut cond = publicly_open(today);
    for word in madoguchi_shared::keyword::words(&query.q) {
        cond = cond.add(
            Condition::any()
                .add(posting::Column::Title.contains(word))
                .add(posting::Column::Description.contains(word)),
        );
    }
    if !query.prefectures.is_empty() {
        cond = cond.add(
            posting::Column::PrefectureCode
                .is_in(query.prefectures.iter().map(|p| i16::from(p.code()))),
        );
    }
    if !query.cities.is_empty() {
        let mut any = Condition::any();
        for city in &query.cities {
            any = any.add(posting::Column::City.eq(city.as_str()));
            if city.ends_with('市') {
                // The wards of a designated city.
                any = any.add(posting::Column::City.like(format!("{city}%区")));
            }
        }
        cond = cond.add(any);
    }
    if !query.groups.is_empty() || !query.occupations.is_empty() {
        let mut any = Condition::any();
        for g in &query.groups {
            any = any.add(posting::Column::OccupationCode.starts_with(g.to_string()));
        }
        for code in &query.occupations {
            any = any.add(posting::Column::OccupationCode.starts_with(code.as_str()));
        }
        cond = cond.add(any);
    }
    if !query.employment.is_empty() {
        cond = cond.add(
            posting::Column::EmploymentType.is_in(query.employment.iter().map(|e| e.as_str())),
        );
    }
    if !query.categories.is_empty() {
        cond =
            cond.add(posting::Column::Category.is_in(query.categories.iter().map(|c| c.as_str())));
    }
    for flag in &query.flags {
        let bit = i64::from(flag.bit());
        cond = cond.add(Expr::col(posting::Column::Flags).bit_and(bit).ne(0));
    }
    if let Some((form, min)) = query.wage {
        cond = cond
            .add(posting::Column::WageForm.eq(form.as_str()))
            .add(posting::Column::WageMin.gte(min));
    }
    if let Some(days) = query.holidays_min {
        cond = cond.add(
            Expr::expr(Func::coalesce([
                Expr::col(posting::Column::AnnualHolidays),
                Expr::val(0),
            ]))
            .gte(i64::from(days)),
        );
    }
    if let Some(days) = query.days_max {
        cond = cond.add(
            Expr::expr(Func::coalesce([
                Expr::col(posting::Column::WeeklyDays),
                Expr::val(7),
            ]))
            .lte(i64::from(days)),
        );
    }
    if query.self_application {
        cond = cond.add(posting::Column::AcceptsSelfApplication.eq(true));
    }
    if let Some(days) = query.new_within_days {
        cond = cond
            .add(posting::Column::AcceptedOn.gte(today - chrono::TimeDelta::days(i64::from(days))));
    }
    cond
}

/// The naive answer to a search, for the benchmark's comparison only:
/// [`naive_condition`], the total, the page, and the prefecture counts.
/// Returns (total, ids, prefectures).
pub async fn naive_search(
    db: &impl ConnectionTrait,
    query: &madoguchi_shared::search::JobQuery,
    today: NaiveDate,
) -> Result<(u64, Vec<i32>, Vec<(i16, i64)>), DbErr> {
    use madoguchi_shared::search::Sort;
    let cond = naive_condition(query, today);
    let total = posting::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?;
    let order = match query.sort {
        Sort::Wage => posting::Column::WageMin,
        _ => posting::Column::AcceptedOn,
    };
    let per_page = u64::from(query.per_page);
    let ids: Vec<i32> = posting::Entity::find()
        .filter(cond.clone())
        .select_only()
        .column(posting::Column::Id)
        .order_by_desc(order)
        .offset((u64::from(query.page) - 1) * per_page)
        .limit(per_page)
        .into_tuple()
        .all(db)
        .await?;
    let prefectures: Vec<(i16, i64)> = posting::Entity::find()
        .filter(cond)
        .select_only()
        .column(posting::Column::PrefectureCode)
        .column_as(posting::Column::Id.count(), "n")
        .group_by(posting::Column::PrefectureCode)
        .into_tuple()
        .all(db)
        .await?;
    Ok((total, ids, prefectures))
}

/// The posting numbered `number` (any status).
pub async fn by_number(
    db: &impl ConnectionTrait,
    number: &str,
) -> Result<Option<posting::Model>, DbErr> {
    posting::Entity::find()
        .filter(posting::Column::Number.eq(number))
        .one(db)
        .await
}

/// The establishment of posting `number`.
pub async fn establishment_of_number(
    db: &impl ConnectionTrait,
    number: &str,
) -> Result<Option<i32>, DbErr> {
    Ok(by_number(db, number).await?.map(|p| p.establishment_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use madoguchi_shared::search::JobQuery;
    use sea_orm::{DbBackend, QueryTrait};

    fn sql(qs: &str) -> String {
        let query = JobQuery::from_query_string(qs).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        posting::Entity::find()
            .filter(naive_condition(&query, today))
            .build(DbBackend::Sqlite)
            .to_string()
    }

    #[test]
    fn each_filter_becomes_its_sql_condition() {
        let no_experience = format!(
            r#"("flags" & {}) <> 0"#,
            madoguchi_shared::posting::PostingFlag::NoExperience.bit()
        );
        let base = sql("");
        assert!(base.contains(r#""status" = 'published'"#), "{base}");
        assert!(base.contains(r#""valid_until" >= '2026-11-25'"#), "{base}");
        assert!(base.contains(r#""disclosure" <> 3"#), "{base}");
        for (qs, wanted) in [
            (
                "q=介護 事務",
                r#""title" LIKE '%事務%' OR "posting"."description" LIKE '%事務%'"#,
            ),
            ("pref=13&pref=27", r#""prefecture_code" IN (13, 27)"#),
            (
                "city=横浜市",
                r#""city" = '横浜市' OR "posting"."city" LIKE '横浜市%区'"#,
            ),
            ("city=新宿区", r#""city" = '新宿区'"#),
            (
                "occ=B-091&occ=E",
                r#""occupation_code" LIKE 'E%' OR "posting"."occupation_code" LIKE 'B-091%'"#,
            ),
            ("emp=part_time", r#""employment_type" IN ('part_time')"#),
            ("cat=new_graduate", r#""category" IN ('new_graduate')"#),
            ("flag=no_experience", &no_experience),
            (
                "wage_form=hourly&wage=1200",
                r#""wage_form" = 'hourly' AND "posting"."wage_min" >= 1200"#,
            ),
            ("holidays=120", r#"COALESCE("annual_holidays", 0) >= 120"#),
            ("days=3", r#"COALESCE("weekly_days", 7) <= 3"#),
            ("self=1", r#""accepts_self_application" = TRUE"#),
            ("new=7", r#""accepted_on" >= '2026-11-18'"#),
        ] {
            let built = sql(qs);
            let wanted: &str = wanted;
            assert!(built.contains(wanted), "{qs}: {built}");
        }
        assert_eq!(
            sql("sort=wage&page=3"),
            base,
            "order and page are not conditions"
        );
    }
}
