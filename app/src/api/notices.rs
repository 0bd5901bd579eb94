//! お知らせ: a seeker's own and their office's, an employer's from the
//! office of its area; and the staff's side, sending them.

use leptos::prelude::*;
use madoguchi_shared::records::Notice;

use crate::error::AppError;

/// The logged-in seeker's or employer's notices, newest first, read or not.
#[server(prefix = "/api", endpoint = "notices/list")]
pub async fn my_notices() -> Result<Vec<Notice>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker, Role::Employer]).await?;
    let db = crate::state::db()?;
    madoguchi_db::notice::for_user(&db, user.id)
        .await
        .map_err(crate::state::internal)
}

/// Marks notice `id` read; 404 when the seeker may not read it.
#[server(prefix = "/api", endpoint = "notices/read")]
pub async fn mark_notice_read(id: i32) -> Result<(), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker, Role::Employer]).await?;
    let db = crate::state::db()?;
    if madoguchi_db::notice::mark_read(&db, user.id, id)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(())
    } else {
        Err(AppError::NotFound.respond())
    }
}

/// The longest notice title and text, in characters.
pub const TITLE_MAX: usize = 100;
pub const BODY_MAX: usize = 2000;

/// Sends a notice from the staff member's office: `audience` is `seeker`
/// (with `seeker`, the id of one of the office's seekers), `all_seekers`
/// or `employers`. Answers its id.
#[server(prefix = "/api", endpoint = "staff/notice")]
pub async fn send_notice(
    audience: String,
    seeker: Option<String>,
    title: String,
    body: String,
) -> Result<i32, AppError> {
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::Role;
    use madoguchi_shared::message::NoticeAudience;
    let user = crate::state::require_role(&[Role::Staff]).await?;
    let field = crate::api::account::field;
    let audience: NoticeAudience = audience
        .parse()
        .map_err(|_| field("audience")(ValidationError::UnknownCode))?;
    let text = |name: &str, raw: &str, max: usize, lines: bool| {
        let t = raw.trim().replace("\r\n", "\n");
        if t.is_empty() {
            Err(field(name)(ValidationError::Required))
        } else if t.chars().count() > max {
            Err(field(name)(ValidationError::TooLong { max }))
        } else if t.chars().any(|c| c.is_control() && !(lines && c == '\n')) {
            Err(field(name)(ValidationError::UnknownCode))
        } else {
            Ok(t)
        }
    };
    let title = text("title", &title, TITLE_MAX, false)?;
    let body = text("body", &body, BODY_MAX, true)?;
    let seeker_id = match (audience, seeker.as_deref().map(str::trim)) {
        (NoticeAudience::OneSeeker, Some(s)) if !s.is_empty() => Some(
            s.parse::<i32>()
                .map_err(|_| field("seeker")(ValidationError::UnknownCode))?,
        ),
        (NoticeAudience::OneSeeker, _) => return Err(field("seeker")(ValidationError::Required)),
        _ => None,
    };
    let db = crate::state::db()?;
    madoguchi_db::notice::send(
        &db,
        &user,
        madoguchi_db::notice::NewNotice {
            audience,
            seeker_id,
            title,
            body,
        },
    )
    .await
    .map_err(crate::state::internal)?
    .ok_or_else(|| AppError::NotFound.respond())
}

/// The notices the staff member's office sent, newest first, each with
/// how many readers opened it.
#[server(prefix = "/api", endpoint = "staff/notices")]
pub async fn sent_notices() -> Result<Vec<(Notice, u64)>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Staff]).await?;
    let office = user
        .office_id
        .ok_or_else(|| AppError::Forbidden.respond())?;
    let db = crate::state::db()?;
    madoguchi_db::notice::sent(&db, office)
        .await
        .map_err(crate::state::internal)
}
