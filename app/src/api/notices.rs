//! お知らせ for the logged-in seeker: their own and their office's.

use leptos::prelude::*;
use madoguchi_shared::records::Notice;

use crate::error::AppError;

/// The logged-in seeker's notices, newest first, read or not.
#[server(prefix = "/api", endpoint = "notices/list")]
pub async fn my_notices() -> Result<Vec<Notice>, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
    let db = crate::state::db()?;
    madoguchi_db::notice::for_seeker(&db, user.id)
        .await
        .map_err(crate::state::internal)
}

/// Marks notice `id` read; 404 when the seeker may not read it.
#[server(prefix = "/api", endpoint = "notices/read")]
pub async fn mark_notice_read(id: i32) -> Result<(), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker]).await?;
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
