//! A user's e-mail preferences: which e-mails, in which language, how
//! often saved-search alerts come. Seekers and employers only.

use leptos::prelude::*;
use madoguchi_shared::mail::Preferences;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "email/preferences")]
pub async fn email_preferences() -> Result<Preferences, AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Seeker, Role::Employer]).await?;
    let db = crate::state::db()?;
    madoguchi_db::jobs::preferences(&db, user.id)
        .await
        .map_err(crate::state::internal)
}

/// Stores the preferences from the form: `lang` (`ja`, `en`), a checkbox
/// per kind of e-mail (present means on), `alerts` (`off`, `daily`,
/// `weekly`).
#[server(prefix = "/api", endpoint = "email/preferences/save")]
pub async fn save_email_preferences(
    lang: String,
    messages: Option<String>,
    results: Option<String>,
    recommendations: Option<String>,
    direct_requests: Option<String>,
    alerts: Option<String>,
) -> Result<(), AppError> {
    use madoguchi_shared::ValidationError;
    use madoguchi_shared::account::Role;
    use madoguchi_shared::label::Lang;
    let user = crate::state::require_role(&[Role::Seeker, Role::Employer]).await?;
    let field = crate::api::account::field;
    let lang = match lang.trim() {
        "ja" => Lang::Ja,
        "en" => Lang::En,
        _ => return Err(field("lang")(ValidationError::UnknownCode)),
    };
    let alerts = alerts
        .as_deref()
        .unwrap_or("off")
        .trim()
        .parse()
        .map_err(|_| field("alerts")(ValidationError::UnknownCode))?;
    let on = |v: &Option<String>| matches!(v.as_deref(), Some("on" | "true"));
    let prefs = Preferences {
        lang,
        messages: on(&messages),
        results: on(&results),
        recommendations: on(&recommendations),
        direct_requests: on(&direct_requests),
        alerts,
    };
    let db = crate::state::db()?;
    madoguchi_db::jobs::save_preferences(&db, user.id, &prefs)
        .await
        .map_err(crate::state::internal)
}
