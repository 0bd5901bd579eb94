//! The message thread of one application: only its two parties (the
//! seeker, and the users of the posting's establishment when it has a
//! MyPage) list, read or post to it; staff never do. A finished
//! selection's thread is read-only. Messages sent from an offline draft
//! carry the device's key, so a retry never sends one twice. A message
//! may carry one file (a PDF or an image, checked by the caller), which
//! only the two parties download.

use chrono::{DateTime, TimeDelta, Utc};
use madoguchi_shared::account::Role;
use madoguchi_shared::application::ApplicationStatus;
use madoguchi_shared::document::DocumentType;
use madoguchi_shared::message::{AuditAction, MessageAuthor};
use madoguchi_shared::thread::{
    AttachmentInfo, MessageRefusal, RATE_LIMIT, RATE_WINDOW_MINUTES, Thread, ThreadMessage,
    ThreadSummary, Unread, excerpt, is_open,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::account::User;
use crate::entity::{application, establishment, message, message_attachment, posting, seeker};

/// How many threads a MyPage lists, the most recent first.
pub const LISTED: u64 = 100;

/// An application as one of its parties reaches it.
struct Party {
    app: application::Model,
    seeker: seeker::Model,
    posting: posting::Model,
    establishment: establishment::Model,
    me: MessageAuthor,
}

/// Application `id` if `user` is one of its two parties; the thread
/// exists only when the establishment has a MyPage.
async fn party(db: &impl ConnectionTrait, user: &User, id: i32) -> Result<Option<Party>, DbErr> {
    let Some(app) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let (Some(seeker), Some(posting)) = (
        seeker::Entity::find_by_id(app.seeker_id).one(db).await?,
        posting::Entity::find_by_id(app.posting_id).one(db).await?,
    ) else {
        return Ok(None);
    };
    let me = match user.role {
        Role::Seeker if seeker.user_id == user.id => MessageAuthor::Seeker,
        Role::Employer if user.establishment_id == Some(posting.establishment_id) => {
            MessageAuthor::Establishment
        }
        _ => return Ok(None),
    };
    let Some(establishment) = establishment::Entity::find_by_id(posting.establishment_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(Party {
        app,
        seeker,
        posting,
        establishment,
        me,
    }))
}

fn other(me: MessageAuthor) -> MessageAuthor {
    match me {
        MessageAuthor::Seeker => MessageAuthor::Establishment,
        MessageAuthor::Establishment => MessageAuthor::Seeker,
    }
}

fn status_of(app: &application::Model) -> Result<ApplicationStatus, DbErr> {
    app.status
        .parse()
        .map_err(|_| DbErr::Custom(format!("application {}: bad status", app.id)))
}

/// The ids of the applications of the seeker whose account is `user_id`,
/// as a subquery.
pub(crate) fn seeker_applications(user_id: i32) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(
            Expr::col(application::Column::SeekerId).in_subquery(
                Query::select()
                    .column(seeker::Column::Id)
                    .from(seeker::Entity)
                    .and_where(Expr::col(seeker::Column::UserId).eq(user_id))
                    .to_owned(),
            ),
        )
        .to_owned()
}

/// The applications whose threads `user` is a party to, as a subquery;
/// `None` for roles that have no threads.
fn applications_of(user: &User) -> Option<(sea_orm::sea_query::SelectStatement, MessageAuthor)> {
    match user.role {
        Role::Seeker => Some((seeker_applications(user.id), MessageAuthor::Seeker)),
        Role::Employer => {
            let est = user.establishment_id?;
            Some((
                Query::select()
                    .column(application::Column::Id)
                    .from(application::Entity)
                    .and_where(
                        Expr::col(application::Column::PostingId).in_subquery(
                            Query::select()
                                .column(posting::Column::Id)
                                .from(posting::Entity)
                                .and_where(Expr::col(posting::Column::EstablishmentId).eq(est))
                                .to_owned(),
                        ),
                    )
                    .to_owned(),
                MessageAuthor::Establishment,
            ))
        }
        Role::Staff | Role::Admin => None,
    }
}

/// Unread messages to `user` and the newest message id they may see: what
/// the live badge and open threads watch. Staff and admins have none.
pub async fn unread(db: &DatabaseConnection, user: &User) -> Result<Unread, DbErr> {
    let Some((apps, me)) = applications_of(user) else {
        return Ok(Unread::default());
    };
    let messages = message::Entity::find()
        .filter(message::Column::ApplicationId.in_subquery(apps.clone()))
        .filter(message::Column::Author.eq(other(me).as_str()))
        .filter(message::Column::ReadAt.is_null())
        .count(db)
        .await?;
    let latest: Option<i64> = message::Entity::find()
        .select_only()
        .column_as(message::Column::Id.max(), "latest")
        .filter(message::Column::ApplicationId.in_subquery(apps))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok(Unread {
        messages: u32::try_from(messages).unwrap_or(u32::MAX),
        latest: latest.unwrap_or(0),
    })
}

/// The threads `user` is a party to that have messages, the most recent
/// first (`LISTED` at most).
pub async fn list(db: &DatabaseConnection, user: &User) -> Result<Vec<ThreadSummary>, DbErr> {
    let Some((apps, me)) = applications_of(user) else {
        return Ok(Vec::new());
    };
    let last: Vec<(i32, i64)> = message::Entity::find()
        .select_only()
        .column(message::Column::ApplicationId)
        .column_as(message::Column::Id.max(), "last")
        .filter(message::Column::ApplicationId.in_subquery(apps.clone()))
        .group_by(message::Column::ApplicationId)
        .order_by_desc(Expr::col(sea_orm::sea_query::Alias::new("last")))
        .limit(LISTED)
        .into_tuple()
        .all(db)
        .await?;
    if last.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = last.iter().map(|(a, _)| *a).collect();
    let unread: std::collections::HashMap<i32, i64> = message::Entity::find()
        .select_only()
        .column(message::Column::ApplicationId)
        .column_as(message::Column::Id.count(), "unread")
        .filter(message::Column::ApplicationId.is_in(ids.clone()))
        .filter(message::Column::Author.eq(other(me).as_str()))
        .filter(message::Column::ReadAt.is_null())
        .group_by(message::Column::ApplicationId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let messages: std::collections::HashMap<i64, message::Model> = message::Entity::find()
        .filter(message::Column::Id.is_in(last.iter().map(|(_, m)| *m)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let apps: std::collections::HashMap<i32, application::Model> = application::Entity::find()
        .filter(application::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let postings: std::collections::HashMap<i32, posting::Model> = posting::Entity::find()
        .filter(posting::Column::Id.is_in(apps.values().map(|a| a.posting_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let seekers: std::collections::HashMap<i32, String> = if me == MessageAuthor::Establishment {
        seeker::Entity::find()
            .filter(seeker::Column::Id.is_in(apps.values().map(|a| a.seeker_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect()
    } else {
        Default::default()
    };
    let mut out = Vec::with_capacity(last.len());
    for (app_id, message_id) in last {
        let (Some(app), Some(m)) = (apps.get(&app_id), messages.get(&message_id)) else {
            continue;
        };
        let Some(p) = postings.get(&app.posting_id) else {
            continue;
        };
        let other_party = match me {
            MessageAuthor::Seeker => p.establishment_name.clone(),
            MessageAuthor::Establishment => {
                seekers.get(&app.seeker_id).cloned().unwrap_or_default()
            }
        };
        out.push(ThreadSummary {
            application_id: app_id,
            posting_title: p.title.clone(),
            other_party,
            last_message: Some(excerpt(&m.body)),
            last_at: Some(m.created_at.to_rfc3339()),
            unread: unread
                .get(&app_id)
                .map_or(0, |n| u32::try_from(*n).unwrap_or(u32::MAX)),
            read_only: !is_open(status_of(app)?),
        });
    }
    Ok(out)
}

fn view_of(
    m: message::Model,
    reader: MessageAuthor,
    attachment: Option<&message_attachment::Model>,
) -> Result<ThreadMessage, DbErr> {
    let author: MessageAuthor = m
        .author
        .parse()
        .map_err(|_| DbErr::Custom(format!("message {}: bad author", m.id)))?;
    let slots: Vec<String> = match &m.slots {
        Some(s) => serde_json::from_str(s)
            .map_err(|_| DbErr::Custom(format!("message {}: bad slots", m.id)))?,
        None => Vec::new(),
    };
    Ok(ThreadMessage {
        id: m.id,
        author,
        body: m.body,
        sent_at: m.created_at.to_rfc3339(),
        // The reader's own messages show whether the other side opened them.
        read: author != reader || m.read_at.is_some(),
        slots,
        picked: m.picked,
        attachment: attachment
            .map(|a| {
                Ok::<_, DbErr>(AttachmentInfo {
                    id: a.id,
                    file_type: a.file_type.parse().map_err(|_| {
                        DbErr::Custom(format!("attachment {}: bad file type", a.id))
                    })?,
                    byte_size: a.byte_size,
                })
            })
            .transpose()?,
    })
}

/// The thread of application `id` opened by `user` (one of its parties),
/// oldest message first; the other side's messages become read.
pub async fn open(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Option<Thread>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(p) = party(&txn, user, id).await? else {
        return Ok(None);
    };
    if !p.establishment.has_mypage {
        return Ok(None);
    }
    message::Entity::update_many()
        .col_expr(message::Column::ReadAt, Expr::value(now))
        .filter(message::Column::ApplicationId.eq(id))
        .filter(message::Column::Author.eq(other(p.me).as_str()))
        .filter(message::Column::ReadAt.is_null())
        .exec(&txn)
        .await?;
    let rows = message::Entity::find()
        .filter(message::Column::ApplicationId.eq(id))
        .order_by_asc(message::Column::Id)
        .all(&txn)
        .await?;
    let files = message_attachment::Entity::find()
        .filter(message_attachment::Column::MessageId.is_in(rows.iter().map(|m| m.id)))
        .all(&txn)
        .await?;
    crate::audit::record(
        &txn,
        Some(user.id),
        AuditAction::Read,
        "message_thread",
        id.into(),
    )
    .await?;
    txn.commit().await?;
    let status = status_of(&p.app)?;
    Ok(Some(Thread {
        application_id: id,
        posting_title: p.posting.title,
        other_party: match p.me {
            MessageAuthor::Seeker => p.establishment.name,
            MessageAuthor::Establishment => p.seeker.name,
        },
        status,
        read_only: !is_open(status),
        me: p.me,
        user: user.id,
        interview_at: p.app.interview_at,
        messages: rows
            .into_iter()
            .map(|m| {
                let file = files.iter().find(|f| f.message_id == m.id);
                view_of(m, p.me, file)
            })
            .collect::<Result<_, _>>()?,
    }))
}

/// What a party sends: the checked text, interview slots (the
/// establishment only), the device's key for a message sent from a
/// draft, and a file already written and checked by content.
#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    pub body: String,
    pub slots: Vec<String>,
    pub client_key: Option<String>,
    pub attachment: Option<StoredFile>,
}

/// A file written under the documents folder as `storage_name`.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub storage_name: String,
    pub file_type: DocumentType,
    pub byte_size: i64,
}

/// Posts `out` to the thread of application `id` for `user`. `None` when
/// `user` is not a party; a refusal changes nothing. A key already used
/// by this user answers the message it sent then.
pub async fn post(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
    out: Outgoing,
    now: DateTime<Utc>,
) -> Result<Option<Result<i64, MessageRefusal>>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(p) = party(&txn, user, id).await? else {
        return Ok(None);
    };
    if let Some(key) = &out.client_key
        && let Some(sent) = message::Entity::find()
            .filter(message::Column::ClientKey.eq(key.as_str()))
            .filter(message::Column::AuthorUserId.eq(user.id))
            .one(&txn)
            .await?
    {
        return Ok(Some(Ok(sent.id)));
    }
    if !p.establishment.has_mypage {
        return Ok(Some(Err(MessageRefusal::NoThread)));
    }
    if !is_open(status_of(&p.app)?) {
        return Ok(Some(Err(MessageRefusal::ReadOnly)));
    }
    if !out.slots.is_empty() && p.me != MessageAuthor::Establishment {
        return Ok(Some(Err(MessageRefusal::EmployerOnly)));
    }
    let recent = message::Entity::find()
        .filter(message::Column::AuthorUserId.eq(user.id))
        .filter(message::Column::CreatedAt.gt(now - TimeDelta::minutes(RATE_WINDOW_MINUTES)))
        .count(&txn)
        .await?;
    if recent >= RATE_LIMIT {
        return Ok(Some(Err(MessageRefusal::TooMany)));
    }
    if let Some(file) = &out.attachment
        && let Some(full) =
            crate::quota::check(&txn, user.id, Some(p.app.id), file.byte_size).await?
    {
        return Ok(Some(Err(match full {
            crate::quota::Full::Thread => MessageRefusal::ThreadFilesFull,
            crate::quota::Full::User => MessageRefusal::FilesFull,
        })));
    }
    let id = insert(&txn, &p, user.id, &out, now).await?;
    txn.commit().await?;
    Ok(Some(Ok(id)))
}

async fn insert(
    db: &impl ConnectionTrait,
    p: &Party,
    user_id: i32,
    out: &Outgoing,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let slots = (!out.slots.is_empty())
        .then(|| serde_json::to_string(&out.slots).expect("strings serialise"));
    let id = message::Entity::insert(message::ActiveModel {
        application_id: Set(p.app.id),
        author: Set(p.me.as_str().to_owned()),
        author_user_id: Set(user_id),
        body: Set(out.body.clone()),
        read_at: Set(None),
        slots: Set(slots),
        picked: Set(None),
        client_key: Set(out.client_key.clone()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    if let Some(file) = &out.attachment {
        message_attachment::Entity::insert(message_attachment::ActiveModel {
            message_id: Set(id),
            storage_name: Set(file.storage_name.clone()),
            file_type: Set(file.file_type.as_str().to_owned()),
            byte_size: Set(file.byte_size),
            created_at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(db)
        .await?;
    }
    // The other side hears of it by e-mail: a link, never the text.
    let recipients: Vec<i32> = match p.me {
        MessageAuthor::Seeker => crate::entity::user_account::Entity::find()
            .filter(crate::entity::user_account::Column::EstablishmentId.eq(p.establishment.id))
            .filter(crate::entity::user_account::Column::DisabledAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect(),
        MessageAuthor::Establishment => vec![p.seeker.user_id],
    };
    for to in recipients {
        crate::jobs::enqueue(
            db,
            to,
            &format!("message-{id}-to-{to}"),
            &madoguchi_shared::mail::MailEvent::NewMessage {
                application_id: p.app.id,
            },
            now,
        )
        .await?;
    }
    Ok(id)
}

/// The file of attachment `id` for `user`: its stored name and type,
/// only when `user` is one of the two parties of its thread (`None` for
/// anyone else, staff included, without saying whether it exists). The
/// download is audited.
pub async fn attachment_for(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
) -> Result<Option<(String, DocumentType)>, DbErr> {
    let Some(file) = message_attachment::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(m) = message::Entity::find_by_id(file.message_id).one(db).await? else {
        return Ok(None);
    };
    let Some(p) = party(db, user, m.application_id).await? else {
        return Ok(None);
    };
    if !p.establishment.has_mypage {
        return Ok(None);
    }
    let Ok(kind) = file.file_type.parse::<DocumentType>() else {
        return Ok(None);
    };
    crate::audit::record(
        db,
        Some(user.id),
        AuditAction::Read,
        "message_attachment",
        id.into(),
    )
    .await?;
    Ok(Some((file.storage_name, kind)))
}

/// Whether a message holds the file stored as `storage_name` (a retried
/// send answers the first message, whose file is another).
pub async fn holds_file(db: &DatabaseConnection, storage_name: &str) -> Result<bool, DbErr> {
    Ok(message_attachment::Entity::find()
        .filter(message_attachment::Column::StorageName.eq(storage_name))
        .count(db)
        .await?
        > 0)
}

/// The seeker picks `slot` of the proposal in message `message_id`: the
/// time goes on the application (once: a second pick is refused), the
/// stage moves to 面接, and the thread says so. `None` when the message is
/// not in a thread of `user`.
pub async fn pick(
    db: &DatabaseConnection,
    user: &User,
    message_id: i64,
    slot: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<Option<Result<String, MessageRefusal>>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let Some(m) = message::Entity::find_by_id(message_id).one(&txn).await? else {
        return Ok(None);
    };
    let Some(p) = party(&txn, user, m.application_id).await? else {
        return Ok(None);
    };
    if p.me != MessageAuthor::Seeker {
        return Ok(Some(Err(MessageRefusal::SeekerOnly)));
    }
    let status = status_of(&p.app)?;
    if !is_open(status) {
        return Ok(Some(Err(MessageRefusal::ReadOnly)));
    }
    let offered: Vec<String> = m
        .slots
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let slot = slot.trim();
    let Some(chosen) = offered.iter().find(|s| s.as_str() == slot).cloned() else {
        return Ok(Some(Err(MessageRefusal::NotOffered)));
    };
    let next = match status {
        ApplicationStatus::Applied | ApplicationStatus::Screening => ApplicationStatus::Interview,
        other => other,
    };
    // Only the first pick writes: the condition makes two at once one.
    let done = application::Entity::update_many()
        .col_expr(
            application::Column::InterviewAt,
            Expr::value(chosen.clone()),
        )
        .col_expr(application::Column::Status, Expr::value(next.as_str()))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(p.app.id))
        .filter(application::Column::InterviewAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Ok(Some(Err(MessageRefusal::AlreadyPicked)));
    }
    message::Entity::update_many()
        .col_expr(message::Column::Picked, Expr::value(chosen.clone()))
        .filter(message::Column::Id.eq(m.id))
        .exec(&txn)
        .await?;
    let note = Outgoing {
        body: body.to_owned(),
        ..Default::default()
    };
    insert(&txn, &p, user.id, &note, now).await?;
    txn.commit().await?;
    Ok(Some(Ok(chosen)))
}
