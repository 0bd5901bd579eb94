//! 適合性判断 both ways: for a seeker, the published postings that fit
//! their wishes; for a posting, the office's registered seekers who fit.
//! Candidates come from the search index and the staff-only (公開範囲 3)
//! postings, or the office's seekers; every candidate is judged by `shared::suitability`, so the
//! order and the reasons agree.

use chrono::NaiveDate;
use madoguchi_shared::posting::{EmploymentType, PostingStatus};
use madoguchi_shared::search::{JobQuery, Sort};
use madoguchi_shared::staff::{PostingForStaff, PostingMatch, SeekerMatch};
use madoguchi_shared::suitability::{Judgement, judge, monthly, stem};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use crate::entity::{establishment, posting, seeker};
use crate::search::SearchIndex;

/// How many a list shows.
pub const TOP: usize = 20;
/// How many postings each index query offers as candidates.
const CANDIDATES: u8 = 100;

/// The newest published 公開範囲 3 postings (staff only, so never in the
/// search index) in the seeker's wished prefectures, or anywhere when
/// they wish none, as further candidates. The query names only the
/// columns of `ix_posting_disclosure_prefecture`, so every database walks
/// that index newest first; status and validity are checked on the rows
/// it yields.
async fn staff_only_candidates(
    db: &DatabaseConnection,
    profile: &madoguchi_shared::seeker::SeekerProfile,
    today: NaiveDate,
) -> Result<Vec<i32>, DbErr> {
    use madoguchi_shared::posting::Disclosure;
    use sea_orm::{QueryOrder, QuerySelect};
    let mut q = posting::Entity::find()
        .select_only()
        .columns([
            posting::Column::Id,
            posting::Column::Status,
            posting::Column::ValidUntil,
        ])
        .filter(posting::Column::Disclosure.eq(Disclosure::StaffOnly.number()));
    if !profile.wished_prefectures.is_empty() {
        q = q.filter(
            posting::Column::PrefectureCode.is_in(
                profile
                    .wished_prefectures
                    .iter()
                    .map(|p| i16::from(*p))
                    .collect::<Vec<_>>(),
            ),
        );
    }
    let rows: Vec<(i32, String, NaiveDate)> = q
        .order_by_desc(posting::Column::AcceptedOn)
        .limit(u64::from(CANDIDATES) * 3)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, status, until)| status == PostingStatus::Published.as_str() && *until >= today)
        .map(|(id, ..)| id)
        .take(usize::from(CANDIDATES))
        .collect())
}

/// The index queries for a seeker's wishes: one per wished occupation
/// within the wished places and employment types, and one of the places
/// alone, so a list is never empty only because a wish is narrow.
fn queries(profile: &madoguchi_shared::seeker::SeekerProfile) -> Vec<JobQuery> {
    let prefectures: Vec<_> = profile
        .wished_prefectures
        .iter()
        .filter_map(|c| madoguchi_shared::prefecture::Prefecture::from_code(*c))
        .collect();
    let mut employment = profile.wished_employment.clone();
    if employment.contains(&EmploymentType::NonRegular) {
        employment.extend([
            EmploymentType::DispatchFixedTerm,
            EmploymentType::DispatchIndefinite,
        ]);
    }
    let base = JobQuery {
        prefectures,
        sort: Sort::Newest,
        per_page: CANDIDATES,
        page: 1,
        ..Default::default()
    };
    let mut out: Vec<JobQuery> = profile
        .wished_occupations
        .iter()
        .map(|w| stem(w))
        .filter(|s| s.chars().count() >= 2)
        .map(|q| JobQuery {
            q,
            employment: employment.clone(),
            ..base.clone()
        })
        .collect();
    out.push(base);
    out
}

/// The postings that fit seeker `id` of office `office_id` best, with the
/// reasons, `TOP` at most; an audited read of the seeker. `None` when the
/// seeker is not the office's.
pub async fn postings_for_seeker(
    db: &DatabaseConnection,
    index: &SearchIndex,
    actor: i32,
    office_id: i32,
    id: i32,
    today: NaiveDate,
) -> Result<Option<Vec<PostingMatch>>, DbErr> {
    let Some(s) = super::seekers::of_office(db, office_id, id).await? else {
        return Ok(None);
    };
    let profile = crate::profile::profile_of(&s);
    let mut ids: Vec<i32> = Vec::new();
    for q in queries(&profile) {
        let hits = index
            .search(&q, today)
            .map_err(|e| DbErr::Custom(format!("search: {e}")))?;
        for id in hits.posting_ids {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    for id in staff_only_candidates(db, &profile, today).await? {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    // Read by id alone (the primary key), then checked: with the status
    // and date in the query SQLite would walk the status index instead.
    let rows: Vec<posting::Model> = posting::Entity::find()
        .filter(posting::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| {
            p.status == PostingStatus::Published.as_str()
                && p.accepts_referral
                && p.valid_until >= today
        })
        .collect();
    let mut judged: Vec<(Judgement, i64, posting::Model)> = Vec::with_capacity(rows.len());
    for row in rows {
        let record = crate::posting::record_of(row.clone())?;
        let j = judge(&record, &profile, s.birth_date, today);
        let wage = monthly(record.wage_form, record.wage_max);
        judged.push((j, wage, row));
    }
    judged.sort_by(|a, b| {
        (a.0.rank_key(), std::cmp::Reverse(a.1), a.2.id).cmp(&(
            b.0.rank_key(),
            std::cmp::Reverse(b.1),
            b.2.id,
        ))
    });
    let mut out = Vec::with_capacity(TOP);
    for (judgement, _, row) in judged.into_iter().take(TOP) {
        out.push(PostingMatch {
            posting_id: row.id,
            accepts_referral: row.accepts_referral,
            posting: crate::posting::summary(row)?,
            judgement,
        });
    }
    super::seekers::audit_read(db, actor, s.id).await?;
    Ok(Some(out))
}

/// Published posting `id` as staff see it, with the office's registered
/// seekers who fit it best (`TOP` at most, each an audited read).
pub async fn posting_for_staff(
    db: &DatabaseConnection,
    actor: i32,
    office_id: i32,
    id: i32,
    today: NaiveDate,
) -> Result<Option<PostingForStaff>, DbErr> {
    let Some(row) = posting::Entity::find_by_id(id)
        .filter(posting::Column::Number.is_not_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let est = establishment::Entity::find_by_id(row.establishment_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("posting {id}: establishment missing")))?;
    let record = crate::posting::record_of(row.clone())?;
    let seekers = seeker::Entity::find()
        .filter(seeker::Column::OfficeId.eq(office_id))
        .filter(seeker::Column::RegistrationActive.eq(true))
        .filter(seeker::Column::RegistrationValidUntil.gte(today))
        .all(db)
        .await?;
    let mut judged: Vec<(Judgement, seeker::Model)> = seekers
        .into_iter()
        .map(|s| {
            let j = judge(
                &record,
                &crate::profile::profile_of(&s),
                s.birth_date,
                today,
            );
            (j, s)
        })
        .collect();
    judged.sort_by_key(|(j, s)| (j.rank_key(), s.id));
    judged.truncate(TOP);
    let txn = crate::begin_write(db).await?;
    let mut matches = Vec::with_capacity(judged.len());
    for (judgement, s) in judged {
        super::seekers::audit_read(&txn, actor, s.id).await?;
        matches.push(SeekerMatch {
            seeker: super::seekers::row_of(&s)?,
            judgement,
        });
    }
    txn.commit().await?;
    Ok(Some(PostingForStaff {
        id: row.id,
        posting: record,
        establishment_name: est.name,
        establishment_id: est.id,
        has_mypage: est.has_mypage,
        matches,
    }))
}
