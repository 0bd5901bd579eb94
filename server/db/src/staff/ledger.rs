//! The office's ledger (docs/domain.md rule 8): referrals and applications of
//! one seeker, or to one establishment's postings, as one list.

use madoguchi_shared::posting::PostingStatus;
use madoguchi_shared::staff::{EstablishmentLedger, LedgerEntry, LedgerPosting};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entity::{application, establishment, posting, referral, referral_letter, seeker};

/// The entries of `referrals` and `applications` (an application made on
/// a referral joins its referral's entry), newest first.
pub(crate) async fn entries(
    db: &impl ConnectionTrait,
    referrals: Vec<referral::Model>,
    applications: Vec<application::Model>,
) -> Result<Vec<LedgerEntry>, DbErr> {
    let posting_ids: Vec<i32> = referrals
        .iter()
        .map(|r| r.posting_id)
        .chain(applications.iter().map(|a| a.posting_id))
        .collect();
    let seeker_ids: Vec<i32> = referrals
        .iter()
        .map(|r| r.seeker_id)
        .chain(applications.iter().map(|a| a.seeker_id))
        .collect();
    let postings = posting::Entity::find()
        .filter(posting::Column::Id.is_in(posting_ids))
        .all(db)
        .await?;
    let seekers = seeker::Entity::find()
        .filter(seeker::Column::Id.is_in(seeker_ids))
        .all(db)
        .await?;
    let letters = referral_letter::Entity::find()
        .filter(referral_letter::Column::ApplicationId.is_in(applications.iter().map(|a| a.id)))
        .all(db)
        .await?;
    let corrupt = |what: &str| DbErr::Custom(format!("ledger: bad {what}"));
    let entry = |posting_id: i32, seeker_id: i32| -> Result<LedgerEntry, DbErr> {
        let p = postings
            .iter()
            .find(|p| p.id == posting_id)
            .ok_or_else(|| corrupt("posting"))?;
        let s = seekers
            .iter()
            .find(|s| s.id == seeker_id)
            .ok_or_else(|| corrupt("seeker"))?;
        Ok(LedgerEntry {
            referral_id: None,
            application_id: None,
            posting_id,
            posting_number: p.number.clone(),
            posting_title: p.title.clone(),
            establishment: p.establishment_name.clone(),
            seeker_id,
            seeker_name: s.name.clone(),
            referral_status: None,
            method: None,
            status: None,
            on: String::new(),
            deadline: None,
            result_on: None,
            letter_number: None,
        })
    };
    let mut out = Vec::new();
    for r in &referrals {
        let mut e = entry(r.posting_id, r.seeker_id)?;
        e.referral_id = Some(r.id);
        e.referral_status = Some(r.status.parse().map_err(|_| corrupt("referral status"))?);
        e.on = madoguchi_shared::today_in_japan(r.created_at).to_string();
        e.deadline = Some(r.deadline.to_string());
        out.push((r.created_at, e));
    }
    for a in &applications {
        let index = a
            .referral_id
            .and_then(|rid| out.iter().position(|(_, e)| e.referral_id == Some(rid)));
        let (at, mut e) = match index {
            Some(i) => out.remove(i),
            None => {
                let mut e = entry(a.posting_id, a.seeker_id)?;
                e.on = madoguchi_shared::today_in_japan(a.created_at).to_string();
                (a.created_at, e)
            }
        };
        e.application_id = Some(a.id);
        e.method = Some(a.method.parse().map_err(|_| corrupt("method"))?);
        e.status = Some(a.status.parse().map_err(|_| corrupt("status"))?);
        e.result_on = a.result_sent_on.map(|d| d.to_string());
        e.letter_number = letters
            .iter()
            .find(|l| l.application_id == a.id)
            .map(|l| l.number.clone().unwrap_or_else(|| format!("#{}", l.id)));
        out.push((at, e));
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.0));
    Ok(out.into_iter().map(|(_, e)| e).collect())
}

/// Every referral and application of seeker `seeker_id`.
pub(crate) async fn for_seeker(
    db: &DatabaseConnection,
    seeker_id: i32,
) -> Result<Vec<LedgerEntry>, DbErr> {
    let referrals = referral::Entity::find()
        .filter(referral::Column::SeekerId.eq(seeker_id))
        .all(db)
        .await?;
    let applications = application::Entity::find()
        .filter(application::Column::SeekerId.eq(seeker_id))
        .all(db)
        .await?;
    entries(db, referrals, applications).await
}

/// The ledger of establishment `id` of office `office_id`'s area: its
/// postings, and the referrals and applications to them.
pub async fn establishment(
    db: &DatabaseConnection,
    office_id: i32,
    id: i32,
) -> Result<Option<EstablishmentLedger>, DbErr> {
    let Some(e) = establishment::Entity::find_by_id(id)
        .filter(establishment::Column::OfficeId.eq(office_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let postings = posting::Entity::find()
        .filter(posting::Column::EstablishmentId.eq(id))
        .filter(posting::Column::Number.is_not_null())
        .order_by_desc(posting::Column::AcceptedOn)
        .all(db)
        .await?;
    let ids: Vec<i32> = postings.iter().map(|p| p.id).collect();
    let referrals = referral::Entity::find()
        .filter(referral::Column::PostingId.is_in(ids.clone()))
        .all(db)
        .await?;
    let applications = application::Entity::find()
        .filter(application::Column::PostingId.is_in(ids))
        .all(db)
        .await?;
    let entries = entries(db, referrals, applications).await?;
    let hires = entries
        .iter()
        .filter(|e| e.status == Some(madoguchi_shared::application::ApplicationStatus::Hired))
        .count();
    Ok(Some(EstablishmentLedger {
        id: e.id,
        number: e.number,
        name: e.name,
        has_mypage: e.has_mypage,
        postings: postings
            .into_iter()
            .map(|p| {
                Ok(LedgerPosting {
                    id: p.id,
                    number: p.number,
                    title: p.title,
                    status: p
                        .status
                        .parse::<PostingStatus>()
                        .map_err(|_| DbErr::Custom(format!("posting {}: bad status", p.id)))?,
                    valid_until: p.valid_until.to_string(),
                    openings: u16::try_from(p.openings).unwrap_or(0),
                })
            })
            .collect::<Result<_, DbErr>>()?,
        entries,
        hires,
    }))
}
