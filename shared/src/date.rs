//! Dates as the service writes them: `2026-11-25`.
//!
//! Written by hand rather than through chrono's formatter and parser, whose
//! general machinery would add tens of kilobytes to the browser bundle.

use chrono::{Datelike, NaiveDate};

/// `YYYY-MM-DD`.
pub fn to_iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Parses exactly `YYYY-MM-DD`.
pub fn from_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// `#[serde(with = "crate::date::iso")]` for `NaiveDate` fields.
pub mod iso {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::to_iso(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::from_iso(&text).ok_or_else(|| D::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(to_iso(d), "2026-01-05");
        assert_eq!(from_iso("2026-01-05"), Some(d));
        assert_eq!(from_iso(&to_iso(d)), Some(d));
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "2026-1-05",
            "2026/01/05",
            "2026-02-30",
            "20260105",
            "２０２６-01-05",
            "+026-01-05",
            "",
        ] {
            assert_eq!(from_iso(bad), None, "{bad}");
        }
    }
}
