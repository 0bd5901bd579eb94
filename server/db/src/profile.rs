//! 求職情報 on the seeker's MyPage: the profile as the seeker sees and
//! changes it, the registration's validity, and what needs attention.

use chrono::{Days, NaiveDate, Utc};
use madoguchi_shared::application::ReferralStatus;
use madoguchi_shared::seeker::{SeekerKind, SeekerProfile, registration_valid_until};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::entity::{application, office, referral, seeker};

/// The seeker's own view of their record.
#[derive(Debug, Clone)]
pub struct MyProfile {
    pub kind: SeekerKind,
    /// 求職番号, for registered seekers.
    pub number: Option<String>,
    pub office_name: Option<String>,
    pub registration_active: bool,
    pub registration_valid_until: Option<NaiveDate>,
    pub profile: SeekerProfile,
}

async fn seeker_row(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<seeker::Model>, DbErr> {
    seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user_id))
        .one(db)
        .await
}

/// The profile stored as JSON, with the columns that are the truth for
/// name, reading, birth date, telephone and publicity.
pub(crate) fn profile_of(s: &seeker::Model) -> SeekerProfile {
    // A profile that does not read (an older shape) shows as empty wishes
    // rather than failing the page; the columns still fill the person.
    let mut p: SeekerProfile = serde_json::from_str(&s.profile).unwrap_or_default();
    p.name = s.name.clone();
    p.name_kana = s.name_kana.clone();
    p.birth_date = s.birth_date.map(|d| d.to_string());
    p.phone = s.phone.clone();
    p.public = s.profile_public;
    p
}

/// The profile of the seeker whose account is `user_id`.
pub async fn mine(db: &DatabaseConnection, user_id: i32) -> Result<Option<MyProfile>, DbErr> {
    let Some(s) = seeker_row(db, user_id).await? else {
        return Ok(None);
    };
    let office_name = match s.office_id {
        Some(id) => office::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    Ok(Some(MyProfile {
        kind: s
            .kind
            .parse()
            .map_err(|_| DbErr::Custom(format!("seeker {}: bad kind", s.id)))?,
        number: s.seeker_number.clone(),
        office_name,
        registration_active: s.registration_active,
        registration_valid_until: s.registration_valid_until,
        profile: profile_of(&s),
    }))
}

/// Stores a checked profile for the seeker whose account is `user_id`;
/// whether there is such a seeker. The birth date is not changed here.
pub async fn save(
    db: &DatabaseConnection,
    user_id: i32,
    profile: &SeekerProfile,
) -> Result<bool, DbErr> {
    write(db, user_id, profile).await
}

/// The searchable columns of a profile's wishes (see `seeker::Model`):
/// `None` each for a profile that is not public, so nothing of it can be
/// found.
pub fn wish_columns(profile: &SeekerProfile) -> [Option<String>; 3] {
    if !profile.public {
        return [None, None, None];
    }
    let occupations = profile
        .wished_occupations
        .iter()
        .map(|o| o.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n");
    let listed = |codes: Vec<String>| format!(",{},", codes.join(","));
    [
        Some(format!("\n{occupations}\n")),
        Some(listed(
            profile
                .wished_prefectures
                .iter()
                .map(|c| c.to_string())
                .collect(),
        )),
        Some(listed(
            profile
                .wished_employment
                .iter()
                .map(|e| e.as_str().to_owned())
                .collect(),
        )),
    ]
}

/// Writes a checked profile of account `user_id`'s seeker record, on the
/// caller's connection or transaction (the seeker's own form, or staff
/// at the counter).
pub(crate) async fn write(
    db: &impl ConnectionTrait,
    user_id: i32,
    profile: &SeekerProfile,
) -> Result<bool, DbErr> {
    let json = serde_json::to_string(profile).map_err(|e| DbErr::Custom(e.to_string()))?;
    let [occupations, prefectures, employment] = wish_columns(profile);
    let changed = seeker::Entity::update_many()
        .col_expr(seeker::Column::Name, Expr::value(profile.name.clone()))
        .col_expr(
            seeker::Column::NameKana,
            Expr::value(profile.name_kana.clone()),
        )
        .col_expr(seeker::Column::Phone, Expr::value(profile.phone.clone()))
        .col_expr(seeker::Column::Profile, Expr::value(json))
        .col_expr(seeker::Column::ProfilePublic, Expr::value(profile.public))
        .col_expr(seeker::Column::PublicOccupations, Expr::value(occupations))
        .col_expr(seeker::Column::PublicPrefectures, Expr::value(prefectures))
        .col_expr(seeker::Column::PublicEmployment, Expr::value(employment))
        .col_expr(seeker::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(seeker::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// Why the registration's validity was not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotChanged {
    /// Internet-only seekers have no registration to change.
    NotRegistered,
}

/// Sets the registration of the seeker whose account is `user_id` valid
/// (有効: to the last day of the month after next, or later if it ran
/// longer) or invalid (無効: the end date is kept for the record). The
/// end date after the change.
pub async fn set_registration(
    db: &DatabaseConnection,
    user_id: i32,
    active: bool,
    today: NaiveDate,
) -> Result<Result<Option<NaiveDate>, NotChanged>, DbErr> {
    let Some(s) = seeker_row(db, user_id).await? else {
        return Ok(Err(NotChanged::NotRegistered));
    };
    if s.kind.parse::<SeekerKind>() != Ok(SeekerKind::Registered) {
        return Ok(Err(NotChanged::NotRegistered));
    }
    let until = if active {
        Some(registration_valid_until(today).max(s.registration_valid_until.unwrap_or(today)))
    } else {
        s.registration_valid_until
    };
    seeker::Entity::update_many()
        .col_expr(seeker::Column::RegistrationActive, Expr::value(active))
        .col_expr(seeker::Column::RegistrationValidUntil, Expr::value(until))
        .col_expr(seeker::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(seeker::Column::Id.eq(s.id))
        .exec(db)
        .await?;
    Ok(Ok(until))
}

/// What the MyPage home points out, from the database (saved-search
/// matches come from the index, drafts from the device).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attention {
    /// Recommendations waiting for an application, nearest deadline first.
    pub waiting: Vec<(i32, String, NaiveDate)>,
    /// Applications whose 採否 result came in the last fortnight.
    pub new_results: u64,
}

/// How long a result counts as new on the home page.
pub const NEW_RESULT_DAYS: u64 = 14;

pub async fn attention(
    db: &DatabaseConnection,
    user_id: i32,
    today: NaiveDate,
) -> Result<Attention, DbErr> {
    let Some(s) = seeker_row(db, user_id).await? else {
        return Ok(Attention::default());
    };
    let mut waiting = Vec::new();
    if s.kind.parse::<SeekerKind>() == Ok(SeekerKind::Registered) {
        let rows = referral::Entity::find()
            .filter(referral::Column::SeekerId.eq(s.id))
            .filter(referral::Column::Status.eq(ReferralStatus::Recommended.as_str()))
            .filter(referral::Column::Deadline.gte(today))
            .all(db)
            .await?;
        let postings = crate::entity::posting::Entity::find()
            .filter(crate::entity::posting::Column::Id.is_in(rows.iter().map(|r| r.posting_id)))
            .all(db)
            .await?;
        for r in rows {
            if let Some(p) = postings.iter().find(|p| p.id == r.posting_id) {
                waiting.push((r.id, p.title.clone(), r.deadline));
            }
        }
        waiting.sort_by_key(|w| w.2);
    }
    let new_results = application::Entity::find()
        .filter(application::Column::SeekerId.eq(s.id))
        .filter(application::Column::ResultSentOn.gte(today - Days::new(NEW_RESULT_DAYS)))
        .count(db)
        .await?;
    Ok(Attention {
        waiting,
        new_results,
    })
}
