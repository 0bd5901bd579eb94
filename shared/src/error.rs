//! The error vocabulary of the domain.
//!
//! Each variant names what went wrong in terms a user can act on; the user
//! interface turns the variant into a message in the user's language, so no
//! variant carries display text of its own.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Input that breaks a rule of the domain.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum ValidationError {
    /// A text is longer than its limit (counted in characters, not bytes).
    #[error("too long: at most {max} characters")]
    TooLong { max: usize },
    /// A number is outside the range the field accepts.
    #[error("out of range: {min}..={max}")]
    OutOfRange { min: i64, max: i64 },
    /// A 求人番号 that is not `OOOOO-NNNNNNNN`.
    #[error("malformed posting number")]
    PostingNumber,
    /// A 安定所 code that is not five digits starting with a prefecture code.
    #[error("malformed office code")]
    OfficeCode,
    /// A prefecture code outside 01..=47.
    #[error("unknown prefecture code")]
    Prefecture,
    /// A code that names no value of its kind (a status, a wage form, …).
    #[error("unknown code")]
    UnknownCode,
    /// A required field left empty.
    #[error("required")]
    Required,
    /// A 事業所番号 that is not `NNNN-NNNNNN-N`.
    #[error("malformed establishment number")]
    EstablishmentNumber,
    /// An age limit without one of the legal exception reasons.
    #[error("an age limit needs a legal exception reason")]
    AgeLimitWithoutReason,
    /// An age range whose lower end is above its upper end, or outside
    /// working ages.
    #[error("age range out of order")]
    AgeRange,
    /// A minimum above its maximum (wages, hours).
    #[error("minimum above maximum")]
    MinAboveMax,
    /// A text that is not an e-mail address.
    #[error("not an e-mail address")]
    Email,
    /// A password too short or too simple.
    #[error("password too weak")]
    WeakPassword,
    /// The current password given to confirm a change is wrong.
    #[error("wrong password")]
    WrongPassword,
    /// A reading (フリガナ) with characters other than katakana.
    #[error("not katakana")]
    Kana,
    /// A municipality name that does not end in 市, 区, 町 or 村.
    #[error("not a municipality name")]
    Municipality,
    /// A list that already holds as many entries as it may (favourites,
    /// saved searches).
    #[error("at most {max} entries")]
    TooMany { max: usize },
    /// A date outside the range the field accepts.
    #[error("date out of range")]
    DateRange,
    /// A file over the size limit.
    #[error("file too large: at most {max_mb} MB")]
    FileTooLarge { max_mb: usize },
    /// A file that is not one of the accepted types (judged by content).
    #[error("file type not accepted")]
    FileType,
    /// A file of an accepted type that is cut short or damaged.
    #[error("file damaged")]
    FileCorrupt,
    /// A counter link code that is not eight characters of its alphabet.
    #[error("malformed link code")]
    LinkCode,
}
