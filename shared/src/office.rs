//! 公共職業安定所 (public employment offices) and their codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{ValidationError, prefecture::Prefecture};

/// An office as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeView {
    pub code: String,
    pub name: String,
}

/// A five-digit office code: the two-digit prefecture code and three digits
/// (`13010` is an office in Tokyo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OfficeCode(u32);

impl OfficeCode {
    /// The prefecture the office belongs to.
    pub fn prefecture(self) -> Prefecture {
        Prefecture::from_code((self.0 / 1000) as u8).expect("validated on construction")
    }

    pub fn as_u32(self) -> u32 {
        self.0
    }
}

impl FromStr for OfficeCode {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValidationError::OfficeCode);
        }
        let n: u32 = s.parse().map_err(|_| ValidationError::OfficeCode)?;
        Prefecture::from_code((n / 1000) as u8).ok_or(ValidationError::OfficeCode)?;
        Ok(OfficeCode(n))
    }
}

impl fmt::Display for OfficeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:05}", self.0)
    }
}

impl TryFrom<String> for OfficeCode {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<OfficeCode> for String {
    fn from(c: OfficeCode) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let c: OfficeCode = "13010".parse().unwrap();
        assert_eq!(c.to_string(), "13010");
        assert_eq!(c.prefecture().code(), 13);
        let hokkaido: OfficeCode = "01010".parse().unwrap();
        assert_eq!(hokkaido.to_string(), "01010");
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in [
            "1301",
            "130100",
            "1301a",
            "48010",
            "00010",
            "",
            "１３０１０",
        ] {
            assert_eq!(
                bad.parse::<OfficeCode>(),
                Err(ValidationError::OfficeCode),
                "{bad}"
            );
        }
    }
}
