//! 下書き on the server: the logged-in seeker's motivation statement in
//! progress for one posting, so it can be continued on another device.

use leptos::prelude::*;
use madoguchi_shared::draft::Draft;

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn checked_key(key: &str) -> Result<(), AppError> {
    if madoguchi_shared::draft::valid_key(key) {
        Ok(())
    } else {
        Err(AppError::BadRequest.respond())
    }
}

/// The server's copy of the draft for posting `key`, if any.
#[server(prefix = "/api", endpoint = "drafts/get")]
pub async fn server_draft(key: String) -> Result<Option<Draft>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    checked_key(&key)?;
    let db = crate::state::db()?;
    madoguchi_db::draft::get(&db, user.id, &key)
        .await
        .map_err(crate::state::internal)
}

/// Stores the device's copy unless the server holds a newer edit; answers
/// the server's copy after the call (the newer one, whichever it is).
#[server(prefix = "/api", endpoint = "drafts/put")]
pub async fn put_draft(
    key: String,
    text: String,
    edited_at: i64,
) -> Result<Option<Draft>, AppError> {
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::Role;
    use madoguchi_shared::application::MAX_MOTIVATION_CHARS;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    checked_key(&key)?;
    if text.chars().count() > MAX_MOTIVATION_CHARS {
        return Err(crate::api::account::field("text")(
            ValidationError::TooLong {
                max: MAX_MOTIVATION_CHARS,
            },
        ));
    }
    if edited_at <= 0 {
        return Err(AppError::BadRequest.respond());
    }
    let db = crate::state::db()?;
    let copy = Draft { text, edited_at };
    use madoguchi_db::draft::{MAX_DRAFTS, NotStored};
    match madoguchi_db::draft::put(&db, user.id, &key, &copy)
        .await
        .map_err(crate::state::internal)?
    {
        Ok(stored) => Ok(stored),
        Err(NotStored::NoSuchPosting) => Err(AppError::NotFound.respond()),
        Err(NotStored::TooMany) => Err(crate::api::account::field("key")(
            ValidationError::TooMany {
                max: MAX_DRAFTS as usize,
            },
        )),
    }
}
