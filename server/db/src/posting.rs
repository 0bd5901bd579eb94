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

/// DOMAIN.md rule 4: a posting is public while published and before its
/// 紹介期限日, unless 公開範囲 3 keeps it to staff.
fn publicly_open(today: NaiveDate) -> Condition {
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

fn summary(row: posting::Model) -> Result<PostingSummary, DbErr> {
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
