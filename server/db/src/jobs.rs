//! The e-mail jobs table: an event is recorded once (its key is unique)
//! in the same transaction as what caused it, so nothing is lost across a
//! crash; any app server takes the next due job by a lease (a conditional
//! UPDATE, so two servers never take the same one), sends it, and marks
//! it sent. A server that dies holding a lease loses it when it runs out:
//! the job is taken again, with the same Message-ID, so the one duplicate
//! a crash between sending and recording can cause is recognisable.
//! Preferences (which e-mails, which language) and one-click unsubscribe
//! links live here too.

use chrono::{DateTime, TimeDelta, Utc};
use madoguchi_shared::label::Lang;
use madoguchi_shared::mail::{
    AlertFrequency, MAX_ATTEMPTS, MailEvent, Preferences, Topic, backoff_minutes,
};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::entity::{email_preference, email_unsubscribe, job, user_account};

/// The domain of Message-IDs.
pub const MESSAGE_ID_DOMAIN: &str = "madoguchi.jp";
/// How long a server holds a job it took before another may take it.
pub const LEASE_SECONDS: i64 = 60;

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

/// The preferences of `user_id` (the defaults until they change them).
pub async fn preferences(db: &impl ConnectionTrait, user_id: i32) -> Result<Preferences, DbErr> {
    Ok(
        match email_preference::Entity::find_by_id(user_id)
            .one(db)
            .await?
        {
            None => Preferences::default(),
            Some(p) => Preferences {
                lang: if p.lang == "en" { Lang::En } else { Lang::Ja },
                messages: p.messages,
                results: p.results,
                recommendations: p.recommendations,
                direct_requests: p.direct_requests,
                alerts: p.alerts.parse().unwrap_or(AlertFrequency::Daily),
            },
        },
    )
}

/// Stores the preferences of `user_id`.
pub async fn save_preferences(
    db: &impl ConnectionTrait,
    user_id: i32,
    p: &Preferences,
) -> Result<(), DbErr> {
    email_preference::Entity::insert(email_preference::ActiveModel {
        user_id: Set(user_id),
        lang: Set(lang_code(p.lang).to_owned()),
        messages: Set(p.messages),
        results: Set(p.results),
        recommendations: Set(p.recommendations),
        direct_requests: Set(p.direct_requests),
        alerts: Set(p.alerts.as_str().to_owned()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(email_preference::Column::UserId)
            .update_columns([
                email_preference::Column::Lang,
                email_preference::Column::Messages,
                email_preference::Column::Results,
                email_preference::Column::Recommendations,
                email_preference::Column::DirectRequests,
                email_preference::Column::Alerts,
                email_preference::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Records e-mail `event` for `user_id` under `event_key`, unless the user
/// turned its topic off or the event is recorded already. Call it in the
/// transaction of what happened.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    user_id: i32,
    event_key: &str,
    event: &MailEvent,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if let Some(topic) = event.topic()
        && !preferences(db, user_id).await?.wants(topic)
    {
        return Ok(());
    }
    let payload = serde_json::to_string(event).map_err(|e| DbErr::Custom(e.to_string()))?;
    job::Entity::insert(job::ActiveModel {
        kind: Set("email".to_owned()),
        event_key: Set(event_key.to_owned()),
        recipient_user_id: Set(user_id),
        payload: Set(payload),
        message_id: Set(madoguchi_shared::mail::message_id(
            event_key,
            MESSAGE_ID_DOMAIN,
        )),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        run_at: Set(now),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(job::Column::EventKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A job taken by one server, with what it needs to send it.
#[derive(Debug, Clone)]
pub struct Taken {
    pub job: job::Model,
    pub event: MailEvent,
    pub to: String,
    pub employer: bool,
    pub prefs: Preferences,
}

fn free(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(job::Column::LockedUntil.is_null())
        .add(job::Column::LockedUntil.lt(now))
}

/// Takes the next due job for `worker` (a lease of `LEASE_SECONDS`), or
/// `None` when nothing is due. Two servers asking at once never take the
/// same job: the UPDATE only succeeds while the job is still free.
pub async fn take(
    db: &impl ConnectionTrait,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<Option<Taken>, DbErr> {
    for _ in 0..5 {
        let Some(next) = job::Entity::find()
            .filter(job::Column::Status.eq(PENDING))
            .filter(job::Column::RunAt.lte(now))
            .filter(free(now))
            .order_by_asc(job::Column::RunAt)
            .order_by_asc(job::Column::Id)
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let took = job::Entity::update_many()
            .col_expr(job::Column::LockedBy, Expr::value(worker))
            .col_expr(
                job::Column::LockedUntil,
                Expr::value(now + TimeDelta::seconds(LEASE_SECONDS)),
            )
            .col_expr(
                job::Column::Attempts,
                Expr::col(job::Column::Attempts).add(1),
            )
            .filter(job::Column::Id.eq(next.id))
            .filter(job::Column::Status.eq(PENDING))
            .filter(free(now))
            .exec(db)
            .await?;
        if took.rows_affected != 1 {
            continue;
        }
        let Some(row) = job::Entity::find_by_id(next.id).one(db).await? else {
            continue;
        };
        let event: MailEvent = match serde_json::from_str(&row.payload) {
            Ok(e) => e,
            Err(e) => {
                give_up(db, &row, worker, &format!("unreadable event: {e}")).await?;
                continue;
            }
        };
        let Some(user) = user_account::Entity::find_by_id(row.recipient_user_id)
            .one(db)
            .await?
            .filter(|u| u.disabled_at.is_none())
        else {
            give_up(db, &row, worker, "the recipient's account is gone").await?;
            continue;
        };
        let prefs = preferences(db, user.id).await?;
        return Ok(Some(Taken {
            to: user.email,
            employer: user.establishment_id.is_some(),
            prefs,
            event,
            job: row,
        }));
    }
    Ok(None)
}

async fn give_up(
    db: &impl ConnectionTrait,
    row: &job::Model,
    worker: &str,
    why: &str,
) -> Result<(), DbErr> {
    finish(db, row.id, worker, FAILED, Some(why), None).await
}

async fn finish(
    db: &impl ConnectionTrait,
    id: i64,
    worker: &str,
    status: &str,
    error: Option<&str>,
    sent_at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value(status))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            job::Column::LastError,
            Expr::value(error.map(|e| e.chars().take(500).collect::<String>())),
        )
        .col_expr(job::Column::SentAt, Expr::value(sent_at))
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks job `id` sent by `worker`.
pub async fn sent(
    db: &impl ConnectionTrait,
    id: i64,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    finish(db, id, worker, SENT, None, Some(now)).await
}

/// Sending job `row` failed: it is due again after a backoff, or given up
/// after `MAX_ATTEMPTS`.
pub async fn failed(
    db: &impl ConnectionTrait,
    row: &job::Model,
    worker: &str,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if row.attempts >= MAX_ATTEMPTS {
        return give_up(db, row, worker, error).await;
    }
    job::Entity::update_many()
        .col_expr(
            job::Column::RunAt,
            Expr::value(now + TimeDelta::minutes(backoff_minutes(row.attempts))),
        )
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            job::Column::LastError,
            Expr::value(error.chars().take(500).collect::<String>()),
        )
        .filter(job::Column::Id.eq(row.id))
        .filter(job::Column::LockedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// A new one-click link turning `topic` off for `user_id`: answers the
/// token (only its hash is kept).
pub async fn unsubscribe_link(
    db: &impl ConnectionTrait,
    user_id: i32,
    topic: Topic,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = crate::new_token()?;
    email_unsubscribe::Entity::insert(email_unsubscribe::ActiveModel {
        token_hash: Set(crate::token_hash(&token)),
        user_id: Set(user_id),
        topic: Set(topic.as_str().to_owned()),
        created_at: Set(now),
        used_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// How long an unsubscribe link works after its e-mail was written.
pub const UNSUBSCRIBE_DAYS: i64 = 60;

/// Whether the unsubscribe link `token` would work now: its topic and the
/// user's language, for the page that asks to confirm.
pub async fn unsubscribe_topic(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Topic, Lang)>, DbErr> {
    let Some(row) = email_unsubscribe::Entity::find_by_id(crate::token_hash(token))
        .filter(email_unsubscribe::Column::UsedAt.is_null())
        .filter(email_unsubscribe::Column::CreatedAt.gt(now - TimeDelta::days(UNSUBSCRIBE_DAYS)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Ok(topic) = row.topic.parse::<Topic>() else {
        return Ok(None);
    };
    Ok(Some((topic, preferences(db, row.user_id).await?.lang)))
}

/// Removes unsubscribe links used, or older than [`UNSUBSCRIBE_DAYS`].
pub(crate) async fn purge_unsubscribe_links(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(email_unsubscribe::Entity::delete_many()
        .filter(
            Condition::any()
                .add(email_unsubscribe::Column::UsedAt.is_not_null())
                .add(
                    email_unsubscribe::Column::CreatedAt
                        .lt(now - TimeDelta::days(UNSUBSCRIBE_DAYS)),
                ),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// Uses the unsubscribe link `token` once: the topic is turned off and
/// answered with the user's language; `None` for an unknown, used or
/// expired link.
pub async fn unsubscribe(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Topic, Lang)>, DbErr> {
    let hash = crate::token_hash(token);
    let used = email_unsubscribe::Entity::update_many()
        .col_expr(email_unsubscribe::Column::UsedAt, Expr::value(now))
        .filter(email_unsubscribe::Column::TokenHash.eq(hash.as_str()))
        .filter(email_unsubscribe::Column::UsedAt.is_null())
        .filter(email_unsubscribe::Column::CreatedAt.gt(now - TimeDelta::days(UNSUBSCRIBE_DAYS)))
        .exec(db)
        .await?;
    if used.rows_affected != 1 {
        return Ok(None);
    }
    let Some(row) = email_unsubscribe::Entity::find_by_id(hash).one(db).await? else {
        return Ok(None);
    };
    let Ok(topic) = row.topic.parse::<Topic>() else {
        return Ok(None);
    };
    let mut prefs = preferences(db, row.user_id).await?;
    prefs.turn_off(topic);
    save_preferences(db, row.user_id, &prefs).await?;
    Ok(Some((topic, prefs.lang)))
}
