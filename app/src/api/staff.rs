//! The staff console's server functions: seekers and registration at the
//! counter, consultations, suitability, online referral, follow-up,
//! ledgers and statistics. Staff work in their own office; admins name
//! the office (`office`, a code) and may see every office's statistics.
//! Seekers and employers are refused (403) before anything is read.

use leptos::prelude::*;
use madoguchi_shared::seeker::ProfileForm;
use madoguchi_shared::staff::{
    EstablishmentLedger, FollowUpRow, PostingForStaff, PostingMatch, SeekerLedger, SeekerRow,
    Statistics,
};

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    madoguchi_shared::today_in_japan(chrono::Utc::now())
}

/// The acting user and the office they work in: a staff member's own;
/// for an admin the office named by `office` (400 without one).
#[cfg(feature = "ssr")]
pub(crate) async fn office_of(office: Option<String>) -> Result<(i32, i32), AppError> {
    match office_scope(office).await? {
        (user, Some(office)) => Ok((user, office)),
        (_, None) => Err(crate::api::account::field("office")(
            madoguchi_shared::ValidationError::Required,
        )),
    }
}

/// As [`office_of`], but an admin without `office` means every office.
#[cfg(feature = "ssr")]
async fn office_scope(office: Option<String>) -> Result<(i32, Option<i32>), AppError> {
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Staff, Role::Admin]).await?;
    if user.role == Role::Staff {
        let own = user
            .office_id
            .ok_or_else(|| AppError::Forbidden.respond())?;
        return Ok((user.id, Some(own)));
    }
    let Some(code) = office
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
    else {
        return Ok((user.id, None));
    };
    let db = crate::state::db()?;
    let id = madoguchi_db::account::office_id(&db, &code)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| {
            crate::api::account::field("office")(madoguchi_shared::ValidationError::UnknownCode)
        })?;
    Ok((user.id, Some(id)))
}

#[cfg(feature = "ssr")]
fn date_field(name: &str, raw: &str) -> Result<chrono::NaiveDate, AppError> {
    madoguchi_shared::date::from_iso(raw.trim())
        .ok_or(madoguchi_shared::ValidationError::UnknownCode)
        .map_err(crate::api::account::field(name))
}

#[cfg(feature = "ssr")]
fn refused(r: madoguchi_shared::staff::StaffRefusal) -> AppError {
    AppError::Staff(r).respond()
}

/// The offices an admin may pick to work for; `None` for staff, who work
/// for their own office only.
#[server(prefix = "/api", endpoint = "staff/offices")]
pub async fn admin_offices() -> Result<Option<Vec<madoguchi_shared::office::OfficeView>>, AppError>
{
    use madoguchi_shared::account::Role;
    let user = crate::state::require_role(&[Role::Staff, Role::Admin]).await?;
    if user.role != Role::Admin {
        return Ok(None);
    }
    crate::api::admin::offices().await.map(Some)
}

/// The office's seekers matching every part given: 求職番号, a part of
/// the name or reading, the birth date (`YYYY-MM-DD`). At least one part.
#[server(prefix = "/api", endpoint = "staff/seekers")]
pub async fn find_seekers(
    office: Option<String>,
    number: Option<String>,
    name: Option<String>,
    birth_date: Option<String>,
) -> Result<Vec<SeekerRow>, AppError> {
    let (user, office) = office_of(office).await?;
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let number = clean(number);
    if let Some(n) = &number {
        n.parse::<madoguchi_shared::seeker::SeekerNumber>()
            .map_err(crate::api::account::field("number"))?;
    }
    let name = clean(name)
        .map(|n| madoguchi_shared::account::required_text(&n, 50))
        .transpose()
        .map_err(crate::api::account::field("name"))?;
    let birth_date = clean(birth_date)
        .map(|b| date_field("birth_date", &b))
        .transpose()?;
    if number.is_none() && name.is_none() && birth_date.is_none() {
        return Ok(Vec::new());
    }
    let db = crate::state::db()?;
    let q = madoguchi_db::staff::seekers::SeekerQuery {
        number,
        name,
        birth_date,
    };
    madoguchi_db::staff::seekers::find(&db, user, office, &q)
        .await
        .map_err(crate::state::internal)
}

/// 求職登録 at the counter. `mode` "new" opens a MyPage with `email` and
/// the `password` the seeker types; "link" registers the internet-only
/// MyPage that showed the one-time `code` — the owner's consent; an
/// address alone links nothing (docs/domain.md, "Registration at the
/// counter"). Answers the seeker's id.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "staff/register")]
pub async fn register_at_counter(
    office: Option<String>,
    mode: String,
    email: Option<String>,
    password: Option<String>,
    code: Option<String>,
    name: String,
    name_kana: String,
    birth_date: String,
    phone: Option<String>,
) -> Result<i32, AppError> {
    use madoguchi_db::staff::seekers::{NotRegistered, Registration};
    use madoguchi_shared::account::{check_password, kana_text, normalize_email, required_text};
    use madoguchi_shared::staff::StaffRefusal;
    let field = crate::api::account::field;
    let (user, office) = office_of(office).await?;
    let (new_account, link_code) = match mode.as_str() {
        "new" => {
            let email =
                normalize_email(email.as_deref().unwrap_or_default()).map_err(field("email"))?;
            let password = password.unwrap_or_default();
            check_password(&password).map_err(field("password"))?;
            (Some((email, password)), None)
        }
        "link" => {
            let code =
                madoguchi_shared::counter_link::normalize(code.as_deref().unwrap_or_default())
                    .map_err(field("code"))?;
            (None, Some(code))
        }
        _ => {
            return Err(field("mode")(
                madoguchi_shared::ValidationError::UnknownCode,
            ));
        }
    };
    let name = required_text(&name, 50).map_err(field("name"))?;
    let name_kana = kana_text(&name_kana, 50).map_err(field("name_kana"))?;
    let birth = date_field("birth_date", &birth_date)?;
    madoguchi_shared::seeker::check_birth_date(birth, today()).map_err(field("birth_date"))?;
    let phone = phone.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
    if let Some(p) = &phone {
        madoguchi_shared::seeker::check_phone(p).map_err(field("phone"))?;
    }
    let new_account = match new_account {
        Some((email, password)) => Some((
            email,
            madoguchi_db::account::hash_password(password)
                .await
                .map_err(crate::state::internal)?,
        )),
        None => None,
    };
    let db = crate::state::db()?;
    let r = Registration {
        name,
        name_kana,
        birth_date: birth,
        phone,
        new_account,
        link_code,
    };
    match madoguchi_db::staff::seekers::register(&db, user, office, r, today())
        .await
        .map_err(crate::state::internal)?
    {
        Ok((id, _)) => Ok(id),
        Err(NotRegistered::EmailTaken) => Err(AppError::EmailTaken.respond()),
        Err(NotRegistered::BadLinkCode) => Err(refused(StaffRefusal::BadLinkCode)),
    }
}

/// The ledger of the office's seeker `id` (an audited read).
#[server(prefix = "/api", endpoint = "staff/seeker")]
pub async fn staff_seeker(office: Option<String>, id: i32) -> Result<SeekerLedger, AppError> {
    let (user, office) = office_of(office).await?;
    let db = crate::state::db()?;
    madoguchi_db::staff::seekers::ledger(&db, user, office, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// The 求職情報 kept with seeker `id` at the counter, checked by the same
/// rules as the seeker's own form.
#[server(prefix = "/api", endpoint = "staff/seeker/profile")]
pub async fn save_seeker_profile(
    office: Option<String>,
    id: i32,
    form: ProfileForm,
) -> Result<(), AppError> {
    let (user, office) = office_of(office).await?;
    let db = crate::state::db()?;
    let before = madoguchi_db::staff::seekers::profile(&db, office, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let profile = form
        .check(&before)
        .map_err(|(name, e)| crate::api::account::field(name)(e))?;
    let saved = madoguchi_db::staff::seekers::save_profile(&db, user, office, id, &profile)
        .await
        .map_err(crate::state::internal)?;
    if saved {
        Ok(())
    } else {
        Err(AppError::NotFound.respond())
    }
}

/// Extends (`active` true) or closes the registration of seeker `id`;
/// answers the end date (ISO).
#[server(prefix = "/api", endpoint = "staff/seeker/registration")]
pub async fn set_seeker_registration(
    office: Option<String>,
    id: i32,
    active: bool,
) -> Result<Option<String>, AppError> {
    let (user, office) = office_of(office).await?;
    let db = crate::state::db()?;
    madoguchi_db::staff::seekers::set_registration(&db, user, office, id, active, today())
        .await
        .map_err(crate::state::internal)?
        .map(|until| until.map(madoguchi_shared::date::to_iso))
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Records a consultation (職業相談記録) with seeker `id`: the day (not in
/// the future) and the notes (1–2,000 characters).
#[server(prefix = "/api", endpoint = "staff/seeker/consultation")]
pub async fn add_consultation(
    office: Option<String>,
    id: i32,
    held_on: String,
    notes: String,
) -> Result<(), AppError> {
    let field = crate::api::account::field;
    let (user, office) = office_of(office).await?;
    let held = date_field("held_on", &held_on)?;
    if held > today() {
        return Err(field("held_on")(
            madoguchi_shared::ValidationError::DateRange,
        ));
    }
    let notes = madoguchi_shared::account::required_text(&notes, 2000).map_err(field("notes"))?;
    let db = crate::state::db()?;
    let added = madoguchi_db::staff::seekers::add_consultation(
        &db,
        user,
        office,
        id,
        held,
        &notes,
        today(),
    )
    .await
    .map_err(crate::state::internal)?;
    if added {
        Ok(())
    } else {
        Err(AppError::NotFound.respond())
    }
}

/// The postings that fit seeker `id` best, with the reasons.
#[server(prefix = "/api", endpoint = "staff/seeker/suitable")]
pub async fn suitable_postings(
    office: Option<String>,
    id: i32,
) -> Result<Vec<PostingMatch>, AppError> {
    let (user, office) = office_of(office).await?;
    let db = crate::state::db()?;
    let index = crate::state::search_index()?;
    madoguchi_db::staff::matching::postings_for_seeker(&db, &index, user, office, id, today())
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Posting `id` (any accepted posting) with the office's seekers who fit.
#[server(prefix = "/api", endpoint = "staff/posting")]
pub async fn staff_posting(office: Option<String>, id: i32) -> Result<PostingForStaff, AppError> {
    let (user, office) = office_of(office).await?;
    let db = crate::state::db()?;
    madoguchi_db::staff::matching::posting_for_staff(&db, user, office, id, today())
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Sends posting `posting` to seeker `seeker`'s MyPage (オンラインハロー
/// ワーク紹介) after the confirmation with the employer: `confirmation`
/// "confirmed", or "night" / "saturday" when the call was skipped. The
/// deadline is the server's setting in days. Answers the referral's id.
#[server(prefix = "/api", endpoint = "staff/recommend")]
pub async fn recommend(
    office: Option<String>,
    seeker: i32,
    /// The posting by id, or by its 求人番号 in `number`.
    posting: Option<i32>,
    number: Option<String>,
    confirmation: String,
    suitability: String,
) -> Result<i32, AppError> {
    use madoguchi_db::staff::referrals::{NotRecommended, Recommendation};
    use madoguchi_shared::staff::{Confirmation, StaffRefusal};
    let field = crate::api::account::field;
    let (user, office) = office_of(office).await?;
    let confirmation = Confirmation::parse(confirmation.trim())
        .ok_or_else(|| field("confirmation")(madoguchi_shared::ValidationError::UnknownCode))?;
    let suitability = madoguchi_shared::account::required_text(&suitability, 2000)
        .map_err(field("suitability"))?;
    let db = crate::state::db()?;
    let posting = match (
        posting,
        number.as_deref().map(str::trim).filter(|n| !n.is_empty()),
    ) {
        (Some(id), _) => id,
        (None, Some(n)) => {
            let n: madoguchi_shared::posting::PostingNumber = n.parse().map_err(field("number"))?;
            madoguchi_db::staff::referrals::posting_of_number(&db, &n.to_string())
                .await
                .map_err(crate::state::internal)?
                .ok_or_else(|| AppError::NotFound.respond())?
        }
        (None, None) => return Err(field("number")(madoguchi_shared::ValidationError::Required)),
    };
    let r = Recommendation {
        seeker_id: seeker,
        posting_id: posting,
        confirmation,
        suitability: &suitability,
        deadline_days: crate::state::referral_deadline_days()?,
    };
    match madoguchi_db::staff::referrals::recommend(&db, user, office, r, chrono::Utc::now())
        .await
        .map_err(crate::state::internal)?
    {
        Ok(id) => Ok(id),
        Err(NotRecommended::SeekerMissing | NotRecommended::PostingMissing) => {
            Err(AppError::NotFound.respond())
        }
        Err(NotRecommended::NotRegistered) => Err(refused(StaffRefusal::NotRegistered)),
        Err(NotRecommended::PostingClosed) => Err(refused(StaffRefusal::PostingClosed)),
        Err(NotRecommended::NoReferral) => Err(refused(StaffRefusal::NoReferral)),
        Err(NotRecommended::NoMyPage) => Err(refused(StaffRefusal::NoMyPage)),
        Err(NotRecommended::Duplicate) => Err(refused(StaffRefusal::Duplicate)),
        Err(NotRecommended::ConfirmationNeeded) => Err(refused(StaffRefusal::ConfirmationNeeded)),
    }
}

/// Referrals of the office without a 採否 result after the server's
/// number of days, oldest first per staff member; only the caller's with
/// `mine`.
#[server(prefix = "/api", endpoint = "staff/follow_up")]
pub async fn follow_up(office: Option<String>, mine: bool) -> Result<Vec<FollowUpRow>, AppError> {
    let (user, office) = office_of(office).await?;
    let db = crate::state::db()?;
    let days = crate::state::result_overdue_days()?;
    madoguchi_db::staff::referrals::follow_up(&db, office, mine.then_some(user), days, today())
        .await
        .map_err(crate::state::internal)
}

/// Records the 採否 result of referral application `id` that the employer
/// reported by telephone: `result` "hired" or "not_hired" with `reason`
/// (a 不採用の理由区分 code).
#[server(prefix = "/api", endpoint = "staff/result")]
pub async fn record_phone_result(
    office: Option<String>,
    id: i32,
    result: String,
    reason: Option<String>,
) -> Result<madoguchi_shared::application::ApplicationStatus, AppError> {
    use madoguchi_db::employer::{Decision, NotDecided};
    let field = crate::api::account::field;
    let (user, office) = office_of(office).await?;
    let decision = match result.as_str() {
        "hired" => Decision::Hired,
        "not_hired" => Decision::NotHired(
            reason
                .unwrap_or_default()
                .parse()
                .map_err(field("reason"))?,
        ),
        _ => {
            return Err(field("result")(
                madoguchi_shared::ValidationError::UnknownCode,
            ));
        }
    };
    let db = crate::state::db()?;
    match madoguchi_db::staff::referrals::record_result(&db, user, office, id, decision, today())
        .await
        .map_err(crate::state::internal)?
    {
        Ok(status) => Ok(status),
        Err(NotDecided::Missing) => Err(AppError::NotFound.respond()),
        Err(NotDecided::Final) => Err(AppError::AlreadyDecided.respond()),
    }
}

/// The ledger of establishment `id` of the office's area.
#[server(prefix = "/api", endpoint = "staff/establishment")]
pub async fn staff_establishment(
    office: Option<String>,
    id: i32,
) -> Result<EstablishmentLedger, AppError> {
    let (_, office) = office_of(office).await?;
    let db = crate::state::db()?;
    madoguchi_db::staff::ledger::establishment(&db, office, id)
        .await
        .map_err(crate::state::internal)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Year, prefecture code and occupation group letter.
#[cfg(feature = "ssr")]
type StatsParams = (i32, Option<u8>, Option<char>);

/// The year (this year when absent), prefecture and occupation group of
/// a statistics request, or the parameter that breaks a rule.
#[cfg(feature = "ssr")]
fn stats_params(
    year: Option<i32>,
    pref: Option<&str>,
    group: Option<&str>,
) -> Result<StatsParams, (&'static str, madoguchi_shared::ValidationError)> {
    use madoguchi_shared::ValidationError;
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&today()));
    if !(2000..=2100).contains(&year) {
        return Err((
            "year",
            ValidationError::OutOfRange {
                min: 2000,
                max: 2100,
            },
        ));
    }
    let prefecture = match pref.map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => Some(
            p.parse::<u8>()
                .ok()
                .and_then(madoguchi_shared::prefecture::Prefecture::from_code)
                .ok_or(("pref", ValidationError::Prefecture))?
                .code(),
        ),
    };
    let group = match group.map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(g) if g.len() == 1 && g.chars().all(|c| c.is_ascii_uppercase()) => g.chars().next(),
        Some(_) => return Err(("group", ValidationError::UnknownCode)),
    };
    Ok((year, prefecture, group))
}

/// 業務統計 of the office (admins: the named office, or every office) for
/// `year`, optionally one prefecture (code) and one occupation group.
#[server(prefix = "/api", endpoint = "staff/statistics")]
pub async fn office_statistics(
    office: Option<String>,
    year: Option<i32>,
    pref: Option<String>,
    group: Option<String>,
) -> Result<Statistics, AppError> {
    let (_, office) = office_scope(office).await?;
    let (year, prefecture, group) = stats_params(year, pref.as_deref(), group.as_deref())
        .map_err(|(name, e)| crate::api::account::field(name)(e))?;
    let db = crate::state::db()?;
    let scope = madoguchi_db::staff::statistics::Scope {
        office_id: office,
        prefecture,
        group,
    };
    madoguchi_db::staff::statistics::year(&db, scope, year, today())
        .await
        .map_err(crate::state::internal)
}

/// `GET /staff/statistics.csv?year=&office=&pref=&group=`: the statistics
/// table as a CSV download, for staff (their office) and admins.
#[cfg(feature = "ssr")]
pub async fn statistics_csv(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    auth: crate::state::AuthSession,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{HeaderValue, StatusCode, header};
    use madoguchi_shared::account::Role;
    let Some(user) = auth.user else {
        return (StatusCode::UNAUTHORIZED, "login required").into_response();
    };
    let bad = |what: &str| (StatusCode::BAD_REQUEST, format!("bad {what}")).into_response();
    let office = match user.role {
        Role::Staff => match user.office_id {
            Some(o) => Some(o),
            None => return (StatusCode::FORBIDDEN, "forbidden").into_response(),
        },
        Role::Admin => match q.get("office").map(|c| c.trim()).filter(|c| !c.is_empty()) {
            None => None,
            Some(code) => match madoguchi_db::account::office_id(&state.db, code).await {
                Ok(Some(id)) => Some(id),
                Ok(None) => return bad("office"),
                Err(e) => {
                    crate::state::internal(e);
                    return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
                }
            },
        },
        _ => return (StatusCode::FORBIDDEN, "forbidden").into_response(),
    };
    let year = match q.get("year").map(|y| y.trim()).filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => match y.parse::<i32>() {
            Ok(y) => Some(y),
            Err(_) => return bad("year"),
        },
    };
    let (year, prefecture, group) = match stats_params(
        year,
        q.get("pref").map(String::as_str),
        q.get("group").map(String::as_str),
    ) {
        Ok(p) => p,
        Err((name, _)) => return bad(name),
    };
    let scope = madoguchi_db::staff::statistics::Scope {
        office_id: office,
        prefecture,
        group,
    };
    match madoguchi_db::staff::statistics::year(&state.db, scope, year, today()).await {
        Ok(stats) => {
            let mut response = stats.csv().into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(v) = HeaderValue::from_str(&format!(
                "attachment; filename=\"madoguchi-statistics-{year}.csv\""
            )) {
                headers.insert(header::CONTENT_DISPOSITION, v);
            }
            response
        }
        Err(e) => {
            crate::state::internal(e);
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}
