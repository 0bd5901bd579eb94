//! Applications (応募).

use leptos::prelude::*;
use madoguchi_shared::application::ApplicationView;

use crate::error::AppError;

/// One application, for its seeker, the posting's establishment or the
/// office's staff; anyone else hears that it does not exist.
#[server(prefix = "/api", endpoint = "applications/get")]
pub async fn application(id: i32) -> Result<ApplicationView, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker, Role::Employer, Role::Staff]).await?;
    let db = crate::state::db()?;
    madoguchi_db::access::application_for(&db, &user, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}
