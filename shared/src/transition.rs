//! The error of a status change that the rules do not allow.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// `action` is not possible from status `from`.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("{action} is not possible while {from}")]
pub struct TransitionError {
    pub from: String,
    pub action: String,
}
