//! オンラインハローワーク紹介 as the seeker meets it: recommendations from
//! the office, applying to one before its deadline (which establishes the
//! referral and issues the 紹介状), and the letter itself.

use chrono::NaiveDate;
use madoguchi_shared::application::{ApplicationMethod, ApplicationStatus, ReferralStatus};
use madoguchi_shared::posting::PostingStatus;
use madoguchi_shared::records::{Referral, ReferralLetter};
use madoguchi_shared::seeker::{SeekerKind, registration_valid_until};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::account::User;
use crate::apply::{
    Applied, NewApplication, StoredDocument, earlier_send, has_applied, insert_application,
};
use crate::entity::{office, posting, referral, referral_letter, seeker, user_account};

/// The seeker record of account `user_id`, when it may receive referrals
/// (registered at an office; docs/domain.md rule 3).
async fn registered_seeker(
    db: &DatabaseConnection,
    user_id: i32,
) -> Result<Option<seeker::Model>, DbErr> {
    Ok(seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .filter(|s| {
            s.kind
                .parse::<SeekerKind>()
                .is_ok_and(SeekerKind::may_receive_referrals)
        }))
}

/// The recommendations sent to the seeker whose account is `user_id`,
/// waiting ones first (nearest deadline first), each with its status as of
/// `today` (an unused one past its deadline reads as expired). `None` for
/// an internet-only seeker, who takes no part in referrals.
pub async fn for_seeker(
    db: &DatabaseConnection,
    user_id: i32,
    today: NaiveDate,
) -> Result<Option<Vec<Referral>>, DbErr> {
    let Some(s) = registered_seeker(db, user_id).await? else {
        return Ok(None);
    };
    let rows = referral::Entity::find()
        .filter(referral::Column::SeekerId.eq(s.id))
        .order_by_desc(referral::Column::CreatedAt)
        .order_by_desc(referral::Column::Id)
        .all(db)
        .await?;
    let postings = posting::Entity::find()
        .filter(posting::Column::Id.is_in(rows.iter().map(|r| r.posting_id)))
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(p) = postings.iter().find(|p| p.id == r.posting_id) else {
            continue;
        };
        let status: ReferralStatus = r
            .status
            .parse()
            .map_err(|_| DbErr::Custom(format!("referral {}: bad status", r.id)))?;
        out.push(Referral {
            id: r.id,
            posting: crate::posting::summary(p.clone())?,
            status: status.as_of(today, r.deadline),
            suitability: r.suitability,
            deadline: r.deadline,
            employer_confirmed_at: r.employer_confirmed_at.map(|t| t.to_rfc3339()),
            confirmation_note: r.confirmation_note,
        });
    }
    out.sort_by_key(|r| (r.status != ReferralStatus::Recommended, r.deadline));
    Ok(Some(out))
}

/// Why applying to a recommendation did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedReferral {
    /// Not the seeker's recommendation, no such recommendation, or the
    /// seeker is not registered.
    Missing,
    /// Its deadline has passed.
    Expired,
    /// The seeker's registration is set invalid or has ended.
    RegistrationInvalid,
    /// Used already (established) or declined.
    Used,
    /// The posting closed meanwhile (filled, withdrawn, expired).
    PostingClosed,
    /// The seeker applied to the posting before, on their own.
    AlreadyApplied,
    /// The documents would pass what one account may store.
    FilesFull,
}

/// What the seeker sends to answer a recommendation.
pub struct ReferralApplication<'a> {
    pub referral_id: i32,
    pub motivation: &'a str,
    pub idempotency_key: &'a str,
    pub documents: &'a [StoredDocument],
}

/// Applies to recommendation `form.referral_id` of the seeker whose account
/// is `user_id`. In one transaction: the application (応募方法 オンライン
/// ハローワーク紹介), the referral established, the 紹介状 issued today and
/// the registration extended (an activity). The id of the application.
pub async fn apply(
    db: &DatabaseConnection,
    user_id: i32,
    form: ReferralApplication<'_>,
    today: NaiveDate,
) -> Result<Result<Applied, RefusedReferral>, DbErr> {
    let Some(s) = registered_seeker(db, user_id).await? else {
        return Ok(Err(RefusedReferral::Missing));
    };
    if let Some(earlier) = earlier_send(db, s.id, form.idempotency_key).await? {
        return Ok(earlier.map_err(|()| RefusedReferral::AlreadyApplied));
    }
    // A referral is for a registration in force (docs/domain.md rule 3).
    if !s.registration_active || s.registration_valid_until.is_none_or(|until| until < today) {
        return Ok(Err(RefusedReferral::RegistrationInvalid));
    }
    let Some(r) = referral::Entity::find_by_id(form.referral_id)
        .filter(referral::Column::SeekerId.eq(s.id))
        .one(db)
        .await?
    else {
        return Ok(Err(RefusedReferral::Missing));
    };
    let status: ReferralStatus = r
        .status
        .parse()
        .map_err(|_| DbErr::Custom(format!("referral {}: bad status", r.id)))?;
    if status.apply(today, r.deadline).is_err() {
        return Ok(Err(
            if status.as_of(today, r.deadline) == ReferralStatus::Expired {
                RefusedReferral::Expired
            } else {
                RefusedReferral::Used
            },
        ));
    }
    let open = posting::Entity::find_by_id(r.posting_id)
        .filter(posting::Column::Status.eq(PostingStatus::Published.as_str()))
        .filter(posting::Column::ValidUntil.gte(today))
        .one(db)
        .await?
        .is_some();
    if !open {
        return Ok(Err(RefusedReferral::PostingClosed));
    }
    if has_applied(db, s.id, r.posting_id).await? {
        return Ok(Err(RefusedReferral::AlreadyApplied));
    }
    let txn = crate::begin_write(db).await?;
    if !crate::apply::documents_fit(&txn, s.user_id, form.documents).await? {
        return Ok(Err(RefusedReferral::FilesFull));
    }
    let now = chrono::Utc::now();
    // Only from 応募待ち: a second send racing this one finds it used.
    let taken = referral::Entity::update_many()
        .col_expr(
            referral::Column::Status,
            Expr::value(ReferralStatus::Established.as_str()),
        )
        .col_expr(referral::Column::UpdatedAt, Expr::value(now))
        .filter(referral::Column::Id.eq(r.id))
        .filter(referral::Column::Status.eq(ReferralStatus::Recommended.as_str()))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Ok(Err(RefusedReferral::Used));
    }
    let new = NewApplication {
        seeker_id: s.id,
        posting_id: r.posting_id,
        referral_id: Some(r.id),
        method: ApplicationMethod::OnlineReferral,
        motivation: form.motivation,
        idempotency_key: form.idempotency_key,
        documents: form.documents,
    };
    let Some(application_id) = insert_application(&txn, new).await? else {
        return Ok(Err(RefusedReferral::AlreadyApplied));
    };
    let letter_id = referral_letter::Entity::insert(referral_letter::ActiveModel {
        referral_id: Set(r.id),
        application_id: Set(application_id),
        issued_on: Set(today),
        result: Set(None),
        result_on: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    // The letter's own id makes its number unique without a second
    // sequence to race for.
    let office_code = office::Entity::find_by_id(r.office_id)
        .one(&txn)
        .await?
        .map(|o| o.code)
        .ok_or_else(|| DbErr::Custom(format!("referral {}: office missing", r.id)))?;
    referral_letter::Entity::update_many()
        .col_expr(
            referral_letter::Column::Number,
            Expr::value(crate::staff::letter_number(
                &office_code,
                today,
                u32::try_from(letter_id).unwrap_or_default(),
            )),
        )
        .filter(referral_letter::Column::Id.eq(letter_id))
        .exec(&txn)
        .await?;
    if s.registration_active {
        let until =
            registration_valid_until(today).max(s.registration_valid_until.unwrap_or(today));
        seeker::Entity::update_many()
            .col_expr(seeker::Column::RegistrationValidUntil, Expr::value(until))
            .col_expr(seeker::Column::UpdatedAt, Expr::value(now))
            .filter(seeker::Column::Id.eq(s.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(Ok(Applied {
        id: application_id,
        repeated: false,
    }))
}

/// The 紹介状 of application `application_id`, for whoever may see the
/// application (its seeker, the posting's establishment, the office's
/// staff); `None` for anyone else and for applications without one.
pub async fn letter(
    db: &DatabaseConnection,
    user: &User,
    application_id: i32,
) -> Result<Option<ReferralLetter>, DbErr> {
    let Some(l) = referral_letter::Entity::find()
        .filter(referral_letter::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let corrupt = |what: &str| DbErr::Custom(format!("letter {}: {what}", l.id));
    let Some((_, s, p)) = crate::access::visible_application(db, user, application_id).await?
    else {
        return Ok(None);
    };
    let r = referral::Entity::find_by_id(l.referral_id)
        .one(db)
        .await?
        .ok_or_else(|| corrupt("referral missing"))?;
    let o = office::Entity::find_by_id(r.office_id)
        .one(db)
        .await?
        .ok_or_else(|| corrupt("office missing"))?;
    let staff = user_account::Entity::find_by_id(r.staff_user_id)
        .one(db)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    Ok(Some(ReferralLetter {
        number: l.number.clone(),
        referral_id: r.id,
        application_id,
        office: o.code.parse().map_err(|_| corrupt("office code"))?,
        office_name: o.name,
        staff_name: staff,
        seeker_name: s.name,
        posting_number: p
            .number
            .as_deref()
            .unwrap_or_default()
            .parse()
            .map_err(|_| corrupt("posting number"))?,
        posting_title: p.title,
        establishment: p.establishment_name,
        issued_on: l.issued_on,
        result: l
            .result
            .as_deref()
            .map(str::parse::<ApplicationStatus>)
            .transpose()
            .map_err(|_| corrupt("result"))?,
        result_on: l.result_on.map(|d| d.to_string()),
    }))
}
