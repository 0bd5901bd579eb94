//! The admin screen: staff and admin accounts, and the office list.

use leptos::prelude::*;
use madoguchi_shared::account::StaffAccountView;
use madoguchi_shared::office::OfficeView;

use crate::error::AppError;

/// Every office, by code (public information: any visitor may ask).
#[server(prefix = "/api", endpoint = "offices")]
pub async fn offices() -> Result<Vec<OfficeView>, AppError> {
    let db = crate::state::db()?;
    let rows = madoguchi_db::account::offices(&db)
        .await
        .map_err(crate::state::internal)?;
    Ok(rows
        .into_iter()
        .map(|o| OfficeView {
            code: o.code,
            name: o.name,
        })
        .collect())
}

/// Staff and admin accounts; admins only.
#[server(prefix = "/api", endpoint = "admin/staff")]
pub async fn staff_accounts() -> Result<Vec<StaffAccountView>, AppError> {
    use madoguchi_shared::account::Role;
    let admin = crate::state::require_role(&[Role::Admin]).await?;
    let db = crate::state::db()?;
    let rows = madoguchi_db::account::staff_accounts(&db, admin.id)
        .await
        .map_err(crate::state::internal)?;
    Ok(rows
        .into_iter()
        .map(|a| StaffAccountView {
            id: a.id,
            email: a.email,
            display_name: a.display_name,
            role: a.role,
            office_code: a.office_code,
            last_login_on: a
                .last_login_at
                .map(|t| madoguchi_shared::today_in_japan(t).to_string()),
        })
        .collect())
}

/// Creates a staff account of an office, or another admin; admins only.
/// The initial password is given to the person by the admin, who asks
/// them to change it at first login.
#[server(prefix = "/api", endpoint = "admin/staff/add")]
pub async fn add_staff_account(
    email: String,
    name: String,
    role: String,
    office: String,
    password: String,
) -> Result<i32, AppError> {
    use crate::api::account::field;
    use madoguchi_db::account::{AccountError, NewAccount};
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::{Role, check_password, normalize_email, required_text};

    let admin = crate::state::require_role(&[Role::Admin]).await?;
    let email = normalize_email(&email).map_err(field("email"))?;
    let name = required_text(&name, 50).map_err(field("name"))?;
    let role = match role.as_str() {
        "staff" => Role::Staff,
        "admin" => Role::Admin,
        _ => return Err(field("role")(ValidationError::UnknownCode)),
    };
    check_password(&password).map_err(field("password"))?;
    let db = crate::state::db()?;
    let office_id = match role {
        Role::Staff => {
            let code = office.trim();
            if code.is_empty() {
                return Err(field("office")(ValidationError::Required));
            }
            Some(
                madoguchi_db::account::office_id(&db, code)
                    .await
                    .map_err(crate::state::internal)?
                    .ok_or_else(|| field("office")(ValidationError::OfficeCode))?,
            )
        }
        _ => None,
    };
    let hash = madoguchi_db::account::hash_password(password)
        .await
        .map_err(crate::state::internal)?;
    let new = NewAccount {
        email,
        password_hash: hash,
        role,
        display_name: name,
        office_id,
        establishment_id: None,
    };
    match madoguchi_db::account::create_account_by(&db, Some(admin.id), new).await {
        Ok(id) => Ok(id),
        Err(AccountError::EmailTaken) => Err(AppError::EmailTaken.respond()),
        Err(e) => Err(crate::state::internal(e)),
    }
}
