//! 事業所 (establishments) and their numbers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// A 事業所番号, written `NNNN-NNNNNN-N` (4, 6 and 1 digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EstablishmentNumber {
    area: u16,
    serial: u32,
    check: u8,
}

impl EstablishmentNumber {
    pub fn new(area: u16, serial: u32, check: u8) -> Result<Self, ValidationError> {
        if area > 9999 || serial > 999_999 || check > 9 {
            return Err(ValidationError::EstablishmentNumber);
        }
        Ok(EstablishmentNumber {
            area,
            serial,
            check,
        })
    }
}

impl FromStr for EstablishmentNumber {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('-').collect();
        let [area, serial, check] = parts.as_slice() else {
            return Err(ValidationError::EstablishmentNumber);
        };
        let digits = |p: &str, len: usize| -> Result<u32, ValidationError> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValidationError::EstablishmentNumber);
            }
            p.parse().map_err(|_| ValidationError::EstablishmentNumber)
        };
        EstablishmentNumber::new(
            digits(area, 4)? as u16,
            digits(serial, 6)?,
            digits(check, 1)? as u8,
        )
    }
}

impl fmt::Display for EstablishmentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:06}-{}", self.area, self.serial, self.check)
    }
}

impl TryFrom<String> for EstablishmentNumber {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<EstablishmentNumber> for String {
    fn from(n: EstablishmentNumber) -> String {
        n.to_string()
    }
}

crate::coded_enum! {
    /// 従業員数 bands shown on postings.
    pub enum EstablishmentSize {
        UpTo4 = ("1-4", "1〜4人", "1–4 employees"),
        UpTo29 = ("5-29", "5〜29人", "5–29 employees"),
        UpTo99 = ("30-99", "30〜99人", "30–99 employees"),
        UpTo299 = ("100-299", "100〜299人", "100–299 employees"),
        UpTo999 = ("300-999", "300〜999人", "300–999 employees"),
        Over1000 = ("1000+", "1000人以上", "1,000 or more employees"),
    }
}

/// An establishment may have this many login users.
pub const MAX_ESTABLISHMENT_USERS: usize = 10;
/// … and this many images (事業所画像情報), each at most [`MAX_IMAGE_BYTES`].
pub const MAX_ESTABLISHMENT_IMAGES: usize = 10;
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// The establishment as its users see and keep it. Name, reading and
/// address are registered with the office and changed there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstablishmentProfile {
    pub number: String,
    pub name: String,
    pub name_kana: String,
    pub prefecture: crate::prefecture::Prefecture,
    pub city: String,
    pub address: String,
    pub industry: String,
    pub size: EstablishmentSize,
    pub description: String,
    pub url: Option<String>,
}

/// What the establishment's users change themselves, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EstablishmentForm {
    pub industry: String,
    pub size: String,
    pub description: String,
    pub url: String,
}

/// The checked form: (industry, size, description, url).
pub type CheckedEstablishment = (String, EstablishmentSize, String, Option<String>);

pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_URL_CHARS: usize = 200;

impl EstablishmentForm {
    /// Checks every field; the error names the input.
    pub fn check(&self) -> Result<CheckedEstablishment, (&'static str, ValidationError)> {
        let industry =
            crate::account::required_text(&self.industry, 50).map_err(|e| ("industry", e))?;
        let size = self
            .size
            .trim()
            .parse::<EstablishmentSize>()
            .map_err(|_| ("size", ValidationError::UnknownCode))?;
        let description =
            crate::seeker::long_text(&self.description).map_err(|e| ("description", e))?;
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err((
                "description",
                ValidationError::TooLong {
                    max: MAX_DESCRIPTION_CHARS,
                },
            ));
        }
        let url = self.url.trim();
        let url = if url.is_empty() {
            None
        } else {
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"));
            let host_ok = rest.is_some_and(|r| {
                let host = r.split(['/', '?', '#']).next().unwrap_or_default();
                host.contains('.') && !host.starts_with('.')
            });
            if url.chars().count() > MAX_URL_CHARS {
                return Err(("url", ValidationError::TooLong { max: MAX_URL_CHARS }));
            }
            if !host_ok
                || url
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
            {
                return Err(("url", ValidationError::UnknownCode));
            }
            Some(url.to_owned())
        };
        Ok((industry, size, description, url))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_establishment_form_checks_each_field() {
        let good = EstablishmentForm {
            industry: "老人福祉・介護事業".into(),
            size: "30-99".into(),
            description: "文京区で特別養護老人ホームを運営しています。".into(),
            url: "https://aoba.example.jp/recruit".into(),
        };
        let (_, _, _, url) = good.check().unwrap();
        assert_eq!(url.as_deref(), Some("https://aoba.example.jp/recruit"));
        let no_url = EstablishmentForm {
            url: " ".into(),
            ..good.clone()
        };
        assert_eq!(no_url.check().unwrap().3, None);
        for (bad_url, _) in [
            ("javascript:alert(1)", 0),
            ("https://", 0),
            ("https://a b.jp", 0),
            ("ftp://x.jp", 0),
            ("https://x.jp/\"<", 0),
        ] {
            let f = EstablishmentForm {
                url: bad_url.into(),
                ..good.clone()
            };
            assert_eq!(f.check().unwrap_err().0, "url", "{bad_url}");
        }
        let f = EstablishmentForm {
            size: "huge".into(),
            ..good.clone()
        };
        assert_eq!(f.check().unwrap_err().0, "size");
        let f = EstablishmentForm {
            industry: " ".into(),
            ..good.clone()
        };
        assert_eq!(
            f.check().unwrap_err(),
            ("industry", ValidationError::Required)
        );
        let f = EstablishmentForm {
            description: "あ".repeat(2001),
            ..good
        };
        assert_eq!(f.check().unwrap_err().0, "description");
    }

    use super::*;

    #[test]
    fn parses_and_formats() {
        let n: EstablishmentNumber = "1301-123456-7".parse().unwrap();
        assert_eq!(n.to_string(), "1301-123456-7");
        assert_eq!(
            EstablishmentNumber::new(1, 2, 3).unwrap().to_string(),
            "0001-000002-3"
        );
    }

    #[test]
    fn refuses_malformed_numbers() {
        for bad in [
            "1301-123456",
            "1301-12345-7",
            "13011-123456-7",
            "1301-123456-78",
            "1301_123456_7",
            "abcd-123456-7",
            "",
        ] {
            assert!(bad.parse::<EstablishmentNumber>().is_err(), "{bad}");
        }
    }
}
