//! E-mails nobody sends by hand: saved-search alerts (the postings
//! accepted since a search's last alert that match it, daily or weekly
//! as the seeker chose) and the reminder of a recommendation whose
//! deadline is near. Every app server runs these sweeps against the one
//! database: a search's alert window moves by a conditional UPDATE in the
//! transaction that records its e-mail, and every e-mail has a unique
//! event key, so each is recorded once however many servers sweep.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use madoguchi_shared::application::ReferralStatus;
use madoguchi_shared::mail::{AlertPosting, MailEvent, alert_due};
use madoguchi_shared::search::JobQuery;
use madoguchi_shared::today_in_japan;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::{posting, referral, saved_search, seeker};
use crate::search::SearchIndex;

/// The newest postings an alert names (the rest are behind its link).
pub const ALERT_POSTINGS: usize = 5;
/// A recommendation is reminded of when its deadline is this many days
/// away or less (and it was not made today).
pub const REMINDER_DAYS: u64 = 1;

/// The last day a search's alerts covered: set, or the day before it was
/// saved.
fn covered_through(s: &saved_search::Model) -> NaiveDate {
    s.alerted_through.unwrap_or_else(|| {
        today_in_japan(s.created_at)
            .pred_opt()
            .unwrap_or(NaiveDate::MIN)
    })
}

/// Records the saved-search alerts due at `now`: for every search with
/// alerts on whose seeker wants them this often, the postings matching it
/// today that were accepted after the last day it covered and by
/// yesterday (a day is alerted once it has ended, so no posting of it is
/// missed or told twice). A search without new postings moves its window
/// without an e-mail. The number of e-mails recorded.
pub async fn saved_search_alerts(
    db: &DatabaseConnection,
    index: &SearchIndex,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let today = today_in_japan(now);
    let searches = saved_search::Entity::find()
        .filter(saved_search::Column::Alert.eq(true))
        .all(db)
        .await?;
    if searches.is_empty() {
        return Ok(0);
    }
    let users: HashMap<i32, i32> = seeker::Entity::find()
        .select_only()
        .columns([seeker::Column::Id, seeker::Column::UserId])
        .filter(seeker::Column::Id.is_in(searches.iter().map(|s| s.seeker_id)))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut frequencies = HashMap::new();
    let mut recorded = 0;
    for s in searches {
        let Some(&user) = users.get(&s.seeker_id) else {
            continue;
        };
        let frequency = match frequencies.get(&user) {
            Some(f) => *f,
            None => {
                let f = crate::jobs::preferences(db, user).await?.alerts;
                frequencies.insert(user, f);
                f
            }
        };
        let through = covered_through(&s);
        let Some(until) = alert_due(frequency, through, today) else {
            continue;
        };
        // A search saved under older rules that no longer parses sends
        // nothing (and shows no count on MyPage either).
        let Ok(query) = JobQuery::from_query_string(&s.query) else {
            continue;
        };
        let (count, ids) = index
            .accepted_between(&query, today, through, until, ALERT_POSTINGS)
            .map_err(|e| DbErr::Custom(format!("search: {e}")))?;
        let txn = crate::begin_write(db).await?;
        let moved = saved_search::Entity::update_many()
            .col_expr(saved_search::Column::AlertedThrough, Expr::value(until))
            .filter(saved_search::Column::Id.eq(s.id))
            .filter(match s.alerted_through {
                Some(t) => saved_search::Column::AlertedThrough.eq(t),
                None => saved_search::Column::AlertedThrough.is_null(),
            })
            .exec(&txn)
            .await?;
        // Another server moved it first: its e-mail is the one.
        if moved.rows_affected != 1 {
            continue;
        }
        if count > 0 {
            let rows: Vec<(i32, Option<String>, String)> = posting::Entity::find()
                .select_only()
                .columns([
                    posting::Column::Id,
                    posting::Column::Number,
                    posting::Column::Title,
                ])
                .filter(posting::Column::Id.is_in(ids.clone()))
                .into_tuple()
                .all(&txn)
                .await?;
            let postings = ids
                .iter()
                .filter_map(|id| rows.iter().find(|r| r.0 == *id))
                .filter_map(|(_, number, title)| {
                    Some(AlertPosting {
                        number: number.clone()?,
                        title: title.clone(),
                    })
                })
                .collect();
            crate::jobs::enqueue(
                &txn,
                user,
                &format!("alert-{}-{until}", s.id),
                &MailEvent::SearchAlert {
                    search_id: s.id,
                    name: s.name.clone(),
                    count: count as u64,
                    postings,
                },
                now,
            )
            .await?;
            recorded += 1;
        }
        txn.commit().await?;
    }
    Ok(recorded)
}

/// Records a reminder for every recommendation still waiting for its
/// application whose deadline is at most `REMINDER_DAYS` away, unless it
/// was made today (its own e-mail says the deadline). Once each: the
/// event key is the recommendation's. The number of recommendations
/// looked at.
pub async fn deadline_reminders(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let today = today_in_japan(now);
    let soon = today + Days::new(REMINDER_DAYS);
    let made_before =
        (today.and_hms_opt(0, 0, 0).expect("midnight").and_utc()) - chrono::TimeDelta::hours(9);
    let due: Vec<(i32, i32, NaiveDate)> = referral::Entity::find()
        .select_only()
        .columns([
            referral::Column::Id,
            referral::Column::SeekerId,
            referral::Column::Deadline,
        ])
        .filter(referral::Column::Status.eq(ReferralStatus::Recommended.as_str()))
        .filter(referral::Column::Deadline.gte(today))
        .filter(referral::Column::Deadline.lte(soon))
        .filter(referral::Column::CreatedAt.lt(made_before))
        .into_tuple()
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let users: HashMap<i32, i32> = seeker::Entity::find()
        .select_only()
        .columns([seeker::Column::Id, seeker::Column::UserId])
        .filter(seeker::Column::Id.is_in(due.iter().map(|d| d.1)))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for (id, seeker_id, deadline) in &due {
        let Some(&user) = users.get(seeker_id) else {
            continue;
        };
        crate::jobs::enqueue(
            db,
            user,
            &format!("recommendation-{id}-deadline"),
            &MailEvent::RecommendationDeadline {
                deadline: deadline.to_string(),
            },
            now,
        )
        .await?;
    }
    Ok(due.len() as u64)
}
