//! The error that crosses the wire between server functions and pages.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use madoguchi_shared::ValidationError;
use serde::{Deserialize, Serialize};

use crate::i18n::*;

/// What a server function can answer instead of its result.
///
/// Carries no display text: pages turn each variant into a message in the
/// user's language ([`ErrorMessage`]). Details of unexpected failures stay
/// in the server's log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// Input that breaks a rule of the domain.
    #[error("invalid input: {0}")]
    Invalid(ValidationError),
    /// A request the server could not read (missing or malformed arguments).
    #[error("malformed request")]
    BadRequest,
    /// One field of a form breaks a rule; `field` is the input's name.
    #[error("invalid {field}: {error}")]
    Field {
        field: String,
        error: ValidationError,
    },
    /// Registration with an address that has an account already.
    #[error("e-mail address taken")]
    EmailTaken,
    /// Wrong e-mail address or password (never saying which).
    #[error("login failed")]
    LoginFailed,
    /// Too many login attempts; try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// The account's address is not verified yet, and this needs it.
    #[error("address not verified")]
    Unverified,
    /// A verification or reset link that is used, unknown or expired.
    #[error("link not valid")]
    BadLink,
    /// The page needs a logged-in user.
    #[error("not logged in")]
    Unauthorized,
    /// The user is logged in but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// A request body over the size limit.
    #[error("request too large")]
    TooLarge,
    #[error("not found")]
    NotFound,
    /// A record that existed and is no longer open (a filled posting).
    #[error("gone")]
    Gone,
    /// The posting does not take online self-applications (rule 1).
    #[error("posting does not accept self-application")]
    NotAccepting,
    /// The seeker has applied to this posting already.
    #[error("already applied")]
    AlreadyApplied,
    /// The documents would pass what one account may store
    /// (docs/domain.md, "Files").
    #[error("files full")]
    FilesFull,
    /// A recommendation whose deadline has passed: it can no longer be
    /// used to apply.
    #[error("recommendation expired")]
    Expired,
    /// The seeker's 求職登録 is set invalid or past its end date, so a
    /// recommendation cannot be answered (docs/domain.md rule 3).
    #[error("registration not valid")]
    RegistrationInvalid,
    /// The application is decided already and cannot be withdrawn.
    #[error("application decided")]
    AlreadyDecided,
    /// A posting the linter or the form reader finds fault with: each
    /// finding names the field and the rule.
    #[error("posting has findings")]
    Findings(Vec<madoguchi_shared::lint::Finding>),
    /// The action is not possible in the record's present state (a
    /// posting under review edited, a closed one extended …).
    #[error("not possible now")]
    NotNow,
    /// docs/domain.md rule 1 keeps self-application off for this posting.
    #[error("self-application not allowed")]
    SelfApplicationBlocked(madoguchi_shared::posting::SelfApplicationBlock),
    /// Outside the last month of a posting's validity.
    #[error("not extendable")]
    NotExtendable,
    /// The staff console refused a change (a rule of referral or
    /// registration).
    #[error("refused: {0:?}")]
    Staff(madoguchi_shared::staff::StaffRefusal),
    /// A message, a slot proposal or a pick broke a rule of the thread.
    #[error("refused: {0:?}")]
    Message(madoguchi_shared::thread::MessageRefusal),
    /// The browser could not reach the server.
    #[error("network error")]
    Network,
    /// Anything unexpected; logged on the server, shown politely.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::Field { .. } | AppError::BadRequest => 400,
            AppError::Findings(_) => 422,
            AppError::NotNow | AppError::SelfApplicationBlocked(_) | AppError::NotExtendable => 409,
            AppError::EmailTaken
            | AppError::NotAccepting
            | AppError::AlreadyApplied
            | AppError::AlreadyDecided
            | AppError::RegistrationInvalid
            | AppError::Staff(_) => 409,
            AppError::LoginFailed | AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::Unverified => 403,
            AppError::TooManyAttempts => 429,
            AppError::NotFound => 404,
            AppError::Gone | AppError::Expired | AppError::BadLink => 410,
            AppError::TooLarge | AppError::FilesFull => 413,
            AppError::Message(r) => {
                use madoguchi_shared::thread::MessageRefusal as R;
                match r {
                    R::Empty | R::TooLong | R::Malformed | R::BadSlots => 400,
                    R::TooMany => 429,
                    R::ThreadFilesFull | R::FilesFull => 413,
                    _ => 409,
                }
            }
            AppError::Network | AppError::Internal => 500,
        }
    }

    /// Sets the HTTP status of the response being built to match this
    /// error, and returns it, for `Err(AppError::…​.respond())`.
    pub fn respond(self) -> Self {
        // A plain HTML form posted to a server function (JavaScript off) is
        // answered with a redirect back to the form, carrying the error in
        // its URL; a status here would replace that redirect.
        #[cfg(feature = "ssr")]
        let plain_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
            parts.method == http::Method::POST
                && parts
                    .headers
                    .get(http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
        });
        #[cfg(feature = "ssr")]
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
            && !plain_form_post
        {
            response.set_status(
                http::StatusCode::from_u16(self.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
        self
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Invalid(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Failures of the server-function machinery itself. Unreadable
    /// arguments are the client's fault and answer 400, never 500.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest.respond(),
            // On the server this variant means the request body could not
            // be read: over the limit, or not UTF-8.
            ServerFnErrorErr::Deserialization(reason) if cfg!(feature = "ssr") => {
                if reason.contains("length limit") {
                    AppError::TooLarge.respond()
                } else {
                    AppError::BadRequest.respond()
                }
            }
            ServerFnErrorErr::Request(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

/// A form's label for one of its fields, in Japanese and English.
pub type FieldLabel = fn(&str) -> Option<(&'static str, &'static str)>;

/// Shows an error as a sentence in the user's language.
#[component]
pub fn ErrorMessage(
    error: AppError,
    /// Names a field's error by the form's label for it: (Japanese, English).
    #[prop(optional)]
    label: Option<FieldLabel>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = match error {
        AppError::Field { field, error: e } if label.and_then(|l| l(&field)).is_some() => {
            let (ja, en) = label.and_then(|l| l(&field)).unwrap_or_default();
            let name = move || match crate::domain_lang(i18n) {
                madoguchi_shared::label::Lang::Ja => ja,
                _ => en,
            };
            view! { {name}"： "<ValidationMessage error=e /> }.into_any()
        }
        AppError::Invalid(e) | AppError::Field { error: e, .. } => {
            view! { <ValidationMessage error=e /> }.into_any()
        }
        AppError::EmailTaken => t!(i18n, error_email_taken).into_any(),
        AppError::LoginFailed => t!(i18n, error_login_failed).into_any(),
        AppError::TooManyAttempts => t!(i18n, error_too_many_attempts).into_any(),
        AppError::Unauthorized => t!(i18n, error_unauthorized).into_any(),
        AppError::Forbidden => t!(i18n, error_forbidden).into_any(),
        AppError::Unverified => t!(i18n, error_unverified).into_any(),
        AppError::BadLink => t!(i18n, error_bad_link).into_any(),
        AppError::BadRequest => t!(i18n, error_bad_request).into_any(),
        AppError::NotFound => t!(i18n, error_not_found).into_any(),
        AppError::Gone => t!(i18n, error_gone).into_any(),
        AppError::Expired => t!(i18n, error_referral_expired).into_any(),
        AppError::RegistrationInvalid => t!(i18n, error_registration_invalid).into_any(),
        AppError::NotAccepting => t!(i18n, error_not_accepting).into_any(),
        AppError::AlreadyApplied => t!(i18n, error_already_applied).into_any(),
        AppError::AlreadyDecided => t!(i18n, error_already_decided).into_any(),
        AppError::TooLarge => t!(i18n, error_too_large).into_any(),
        AppError::FilesFull => t!(i18n, error_files_full).into_any(),
        AppError::Findings(findings) => view! {
            {t!(i18n, error_findings)}
            <ul class="findings">
                {findings.into_iter().map(|f| view! { <li><FindingMessage finding=f /></li> }).collect_view()}
            </ul>
        }
        .into_any(),
        AppError::NotNow => t!(i18n, error_not_now).into_any(),
        AppError::SelfApplicationBlocked(block) => view! { <BlockMessage block /> }.into_any(),
        AppError::NotExtendable => t!(i18n, error_not_extendable).into_any(),
        AppError::Staff(refusal) => {
            use madoguchi_shared::label::Label;
            (move || refusal.label(crate::domain_lang(i18n))).into_any()
        }
        AppError::Message(refusal) => {
            use madoguchi_shared::label::Label;
            (move || refusal.label(crate::domain_lang(i18n))).into_any()
        }
        AppError::Network => t!(i18n, error_network).into_any(),
        AppError::Internal => t!(i18n, error_internal).into_any(),
    };
    view! { <p class="error" role="alert">{text}</p> }
}

impl From<madoguchi_shared::search::QueryError> for AppError {
    fn from(e: madoguchi_shared::search::QueryError) -> AppError {
        AppError::Field {
            field: e.param,
            error: e.error,
        }
    }
}

/// Why a self-application was not made, as the user is told.
#[cfg(feature = "ssr")]
impl From<madoguchi_db::apply::Refused> for AppError {
    fn from(refused: madoguchi_db::apply::Refused) -> AppError {
        use madoguchi_db::apply::Refused;
        match refused {
            Refused::NotASeeker => AppError::Forbidden,
            Refused::NoOpenPosting => AppError::Gone,
            Refused::NotAccepting => AppError::NotAccepting,
            Refused::AlreadyApplied => AppError::AlreadyApplied,
            Refused::FilesFull => AppError::FilesFull,
        }
    }
}

/// Why answering a recommendation did not happen, as the user is told.
#[cfg(feature = "ssr")]
impl From<madoguchi_db::referral::RefusedReferral> for AppError {
    fn from(refused: madoguchi_db::referral::RefusedReferral) -> AppError {
        use madoguchi_db::referral::RefusedReferral;
        match refused {
            RefusedReferral::Missing => AppError::NotFound,
            RefusedReferral::Expired => AppError::Expired,
            RefusedReferral::RegistrationInvalid => AppError::RegistrationInvalid,
            RefusedReferral::Used => AppError::AlreadyDecided,
            RefusedReferral::PostingClosed => AppError::Gone,
            RefusedReferral::AlreadyApplied => AppError::AlreadyApplied,
            RefusedReferral::FilesFull => AppError::FilesFull,
        }
    }
}

/// A search parameter that breaks a rule, as a 400 naming it.
#[cfg(feature = "ssr")]
pub fn query_error(e: madoguchi_shared::search::QueryError) -> AppError {
    AppError::from(e).respond()
}

/// A broken rule as a sentence (without the surrounding paragraph).
#[component]
pub fn ValidationMessage(error: ValidationError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        ValidationError::TooLong { max } => t!(i18n, error_too_long, max = move || max).into_any(),
        ValidationError::OutOfRange { min, max } => t!(
            i18n,
            error_out_of_range,
            min = move || min,
            max = move || max
        )
        .into_any(),
        ValidationError::Required => t!(i18n, error_required).into_any(),
        ValidationError::Email => t!(i18n, error_email).into_any(),
        ValidationError::WeakPassword => t!(i18n, error_weak_password).into_any(),
        ValidationError::Kana => t!(i18n, error_kana).into_any(),
        ValidationError::WrongPassword => t!(i18n, error_wrong_password).into_any(),
        ValidationError::Municipality => t!(i18n, error_municipality).into_any(),
        ValidationError::TooMany { max } => t!(i18n, error_too_many, max = move || max).into_any(),
        ValidationError::MinAboveMax => t!(i18n, error_min_above_max).into_any(),
        ValidationError::FileTooLarge { max_mb } => {
            t!(i18n, error_file_too_large, max = move || max_mb).into_any()
        }
        ValidationError::FileType => t!(i18n, error_file_type).into_any(),
        ValidationError::FileCorrupt => t!(i18n, error_file_corrupt).into_any(),
        ValidationError::Prefecture => t!(i18n, error_prefecture).into_any(),
        ValidationError::LinkCode => t!(i18n, error_link_code).into_any(),
        _ => t!(i18n, error_invalid_value).into_any(),
    }
}

/// Why self-application cannot be switched on, as a sentence.
#[component]
pub fn BlockMessage(block: madoguchi_shared::posting::SelfApplicationBlock) -> impl IntoView {
    use madoguchi_shared::posting::SelfApplicationBlock as B;
    let i18n = use_i18n();
    match block {
        B::NotEnabled => t!(i18n, block_not_enabled).into_any(),
        B::DispatchOrContracting => t!(i18n, block_dispatch).into_any(),
        B::WorkplaceNotNamed => t!(i18n, block_workplace).into_any(),
    }
}

/// One finding of the legal linter: the field and the rule, in the user's
/// language.
#[component]
pub fn FindingMessage(finding: madoguchi_shared::lint::Finding) -> impl IntoView {
    use madoguchi_shared::lint::Rule;
    let i18n = use_i18n();
    let field = finding.field.clone();
    let label = move || crate::pages::posting_editor::field_label_in(i18n, &field);
    let rule = match finding.rule {
        Rule::AgeLimit(ValidationError::AgeLimitWithoutReason) => {
            t!(i18n, lint_age_reason).into_any()
        }
        Rule::AgeLimit(_) => t!(i18n, lint_age_range).into_any(),
        Rule::Gendered { found, neutral } => t!(
            i18n,
            lint_gendered,
            found = move || found.clone(),
            neutral = move || neutral.clone()
        )
        .into_any(),
        Rule::ChangeScope => t!(i18n, lint_change_scope).into_any(),
        Rule::RenewalTerms => t!(i18n, lint_renewal).into_any(),
        Rule::FixedOvertime => t!(i18n, lint_fixed_overtime).into_any(),
        Rule::MinimumWage { hourly, minimum } => t!(
            i18n,
            lint_minimum_wage,
            hourly = move || madoguchi_shared::posting::format_yen(hourly),
            minimum = move || madoguchi_shared::posting::format_yen(minimum)
        )
        .into_any(),
        Rule::Required => t!(i18n, lint_required).into_any(),
        Rule::Invalid(error) => view! { <ValidationMessage error /> }.into_any(),
    };
    view! { <strong>{label}</strong>": "{rule} }
}
