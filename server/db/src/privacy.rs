//! What the service keeps about a person, as they may download it
//! (docs/domain.md, "What is kept"): their account, and for a seeker the
//! 求職情報, applications with their motivation statements and the list
//! of their documents (each with the path that downloads it), the
//! messages of their threads, recommendations and referral letters,
//! direct requests, favourites, saved searches, drafts and notices. Never
//! a password hash or a secret token, nor what an establishment or an
//! office writes for its own work (ratings, applicant notes, consultation
//! records: those are disclosed at the counter on request). Each download
//! is written to the audit log.

use chrono::{DateTime, Utc};
use madoguchi_shared::message::AuditAction;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::entity::{
    application, application_document, direct_request, draft, email_preference, favourite, message,
    message_attachment, notice, posting, referral, referral_letter, saved_search, seeker,
    user_account,
};

/// The posting numbers and titles of `ids`, by id.
async fn postings(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, Value>, DbErr> {
    let ids: Vec<i32> = ids.into_iter().collect();
    Ok(posting::Entity::find()
        .filter(posting::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, json!({ "number": p.number, "title": p.title })))
        .collect())
}

/// Everything kept about account `user_id`, or `None` for no such open
/// account. The download is audited with the person as actor.
pub async fn export(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<Value>, DbErr> {
    let Some(user) = user_account::Entity::find_by_id(user_id)
        .filter(user_account::Column::DisabledAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let prefs = email_preference::Entity::find_by_id(user_id)
        .one(db)
        .await?;
    let mut out = json!({
        "exported_at": now,
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "email_verified_at": user.email_verified_at,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
        },
        "email_preferences": prefs.map(|p| json!({
            "lang": p.lang,
            "messages": p.messages,
            "results": p.results,
            "recommendations": p.recommendations,
            "direct_requests": p.direct_requests,
            "alerts": p.alerts,
        })),
    });
    if let Some(s) = seeker::Entity::find()
        .filter(seeker::Column::UserId.eq(user_id))
        .one(db)
        .await?
    {
        out["seeker"] = seeker_part(db, &s).await?;
    }
    crate::audit::record(
        db,
        Some(user_id),
        AuditAction::Read,
        "privacy_export",
        user_id.into(),
    )
    .await?;
    Ok(Some(out))
}

async fn seeker_part(db: &impl ConnectionTrait, s: &seeker::Model) -> Result<Value, DbErr> {
    let profile: Value = serde_json::from_str(&s.profile).unwrap_or(Value::Null);
    let apps = application::Entity::find()
        .filter(application::Column::SeekerId.eq(s.id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let app_ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
    let documents = application_document::Entity::find()
        .filter(application_document::Column::ApplicationId.is_in(app_ids.clone()))
        .order_by_asc(application_document::Column::Id)
        .all(db)
        .await?;
    let messages = message::Entity::find()
        .filter(message::Column::ApplicationId.is_in(app_ids.clone()))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    let attachments = message_attachment::Entity::find()
        .filter(message_attachment::Column::MessageId.is_in(messages.iter().map(|m| m.id)))
        .all(db)
        .await?;
    let referrals = referral::Entity::find()
        .filter(referral::Column::SeekerId.eq(s.id))
        .order_by_asc(referral::Column::Id)
        .all(db)
        .await?;
    let letters = referral_letter::Entity::find()
        .filter(referral_letter::Column::ApplicationId.is_in(app_ids))
        .all(db)
        .await?;
    let requests = direct_request::Entity::find()
        .filter(direct_request::Column::SeekerId.eq(s.id))
        .order_by_asc(direct_request::Column::Id)
        .all(db)
        .await?;
    let favourites = favourite::Entity::find()
        .filter(favourite::Column::SeekerId.eq(s.id))
        .all(db)
        .await?;
    let searches = saved_search::Entity::find()
        .filter(saved_search::Column::SeekerId.eq(s.id))
        .all(db)
        .await?;
    let drafts = draft::Entity::find()
        .filter(draft::Column::SeekerId.eq(s.id))
        .all(db)
        .await?;
    let notices = notice::Entity::find()
        .filter(notice::Column::SeekerId.eq(s.id))
        .all(db)
        .await?;
    let titles = postings(
        db,
        apps.iter()
            .map(|a| a.posting_id)
            .chain(referrals.iter().map(|r| r.posting_id))
            .chain(requests.iter().map(|r| r.posting_id))
            .chain(favourites.iter().map(|f| f.posting_id)),
    )
    .await?;
    let posting_of = |id: i32| titles.get(&id).cloned().unwrap_or(Value::Null);
    Ok(json!({
        "kind": s.kind,
        "seeker_number": s.seeker_number,
        "name": s.name,
        "name_kana": s.name_kana,
        "birth_date": s.birth_date,
        "phone": s.phone,
        "profile": profile,
        "profile_public": s.profile_public,
        "registration_active": s.registration_active,
        "registration_valid_until": s.registration_valid_until,
        "registered_on": s.registered_on,
        "created_at": s.created_at,
        "applications": apps.iter().map(|a| json!({
            "posting": posting_of(a.posting_id),
            "method": a.method,
            "status": a.status,
            "motivation": a.motivation,
            "result_sent_on": a.result_sent_on,
            "result_reason": a.result_reason,
            "interview_at": a.interview_at,
            "created_at": a.created_at,
            "documents": documents.iter().filter(|d| d.application_id == a.id).map(|d| json!({
                "kind": d.kind,
                "content_type": d.content_type,
                "byte_size": d.byte_size,
                "download": format!("/documents/{}", d.id),
            })).collect::<Vec<_>>(),
            "referral_letter": letters.iter().find(|l| l.application_id == a.id).map(|l| json!({
                "number": l.number,
                "issued_on": l.issued_on,
                "result": l.result,
                "result_on": l.result_on,
            })),
            "messages": messages.iter().filter(|m| m.application_id == a.id).map(|m| json!({
                "author": m.author,
                "body": m.body,
                "slots": m.slots,
                "picked": m.picked,
                "created_at": m.created_at,
                "read_at": m.read_at,
                "attachment": attachments.iter().find(|f| f.message_id == m.id).map(|f| json!({
                    "content_type": f.file_type,
                    "byte_size": f.byte_size,
                    "download": format!("/messages/attachments/{}", f.id),
                })),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "recommendations": referrals.iter().map(|r| json!({
            "posting": posting_of(r.posting_id),
            "status": r.status,
            "suitability": r.suitability,
            "deadline": r.deadline,
            "created_at": r.created_at,
        })).collect::<Vec<_>>(),
        "direct_requests": requests.iter().map(|r| json!({
            "posting": posting_of(r.posting_id),
            "message": r.message,
            "declined_at": r.declined_at,
            "created_at": r.created_at,
        })).collect::<Vec<_>>(),
        "favourites": favourites.iter().map(|f| json!({
            "posting": posting_of(f.posting_id),
            "created_at": f.created_at,
        })).collect::<Vec<_>>(),
        "saved_searches": searches.iter().map(|q| json!({
            "name": q.name,
            "query": q.query,
            "alert": q.alert,
            "created_at": q.created_at,
        })).collect::<Vec<_>>(),
        "drafts": drafts.iter().map(|d| json!({
            "key": d.draft_key,
            "body": d.body,
            "updated_at": d.updated_at,
        })).collect::<Vec<_>>(),
        "notices": notices.iter().map(|n| json!({
            "title": n.title,
            "body": n.body,
            "created_at": n.created_at,
        })).collect::<Vec<_>>(),
    }))
}
