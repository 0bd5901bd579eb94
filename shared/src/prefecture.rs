//! The 47 prefectures with their JIS X 0401 codes.

use serde::{Deserialize, Serialize};

/// A prefecture, identified by its JIS X 0401 code (01 北海道 … 47 沖縄県).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Prefecture(u8);

/// (Japanese name, English name), indexed by code − 1.
const NAMES: [(&str, &str); 47] = [
    ("北海道", "Hokkaido"),
    ("青森県", "Aomori"),
    ("岩手県", "Iwate"),
    ("宮城県", "Miyagi"),
    ("秋田県", "Akita"),
    ("山形県", "Yamagata"),
    ("福島県", "Fukushima"),
    ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"),
    ("群馬県", "Gunma"),
    ("埼玉県", "Saitama"),
    ("千葉県", "Chiba"),
    ("東京都", "Tokyo"),
    ("神奈川県", "Kanagawa"),
    ("新潟県", "Niigata"),
    ("富山県", "Toyama"),
    ("石川県", "Ishikawa"),
    ("福井県", "Fukui"),
    ("山梨県", "Yamanashi"),
    ("長野県", "Nagano"),
    ("岐阜県", "Gifu"),
    ("静岡県", "Shizuoka"),
    ("愛知県", "Aichi"),
    ("三重県", "Mie"),
    ("滋賀県", "Shiga"),
    ("京都府", "Kyoto"),
    ("大阪府", "Osaka"),
    ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"),
    ("和歌山県", "Wakayama"),
    ("鳥取県", "Tottori"),
    ("島根県", "Shimane"),
    ("岡山県", "Okayama"),
    ("広島県", "Hiroshima"),
    ("山口県", "Yamaguchi"),
    ("徳島県", "Tokushima"),
    ("香川県", "Kagawa"),
    ("愛媛県", "Ehime"),
    ("高知県", "Kochi"),
    ("福岡県", "Fukuoka"),
    ("佐賀県", "Saga"),
    ("長崎県", "Nagasaki"),
    ("熊本県", "Kumamoto"),
    ("大分県", "Oita"),
    ("宮崎県", "Miyazaki"),
    ("鹿児島県", "Kagoshima"),
    ("沖縄県", "Okinawa"),
];

impl Prefecture {
    /// The prefecture with this JIS code, if there is one.
    pub fn from_code(code: u8) -> Option<Self> {
        (1..=47).contains(&code).then_some(Prefecture(code))
    }

    pub fn code(self) -> u8 {
        self.0
    }

    /// The JIS code as written in URLs and forms: two digits.
    pub fn code_str(self) -> String {
        format!("{:02}", self.0)
    }

    pub fn name_ja(self) -> &'static str {
        NAMES[self.0 as usize - 1].0
    }

    pub fn name_en(self) -> &'static str {
        NAMES[self.0 as usize - 1].1
    }

    /// All prefectures in code order.
    pub fn all() -> impl Iterator<Item = Prefecture> {
        (1..=47).map(Prefecture)
    }
}

impl TryFrom<u8> for Prefecture {
    type Error = crate::ValidationError;
    fn try_from(code: u8) -> Result<Self, Self::Error> {
        Prefecture::from_code(code).ok_or(crate::ValidationError::Prefecture)
    }
}

impl From<Prefecture> for u8 {
    fn from(p: Prefecture) -> u8 {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_names() {
        assert_eq!(Prefecture::from_code(1).unwrap().name_ja(), "北海道");
        assert_eq!(Prefecture::from_code(13).unwrap().name_ja(), "東京都");
        assert_eq!(Prefecture::from_code(47).unwrap().name_en(), "Okinawa");
        assert_eq!(Prefecture::from_code(13).unwrap().code_str(), "13");
        assert_eq!(Prefecture::all().count(), 47);
    }

    #[test]
    fn unknown_codes_are_refused() {
        assert!(Prefecture::from_code(0).is_none());
        assert!(Prefecture::from_code(48).is_none());
        assert!(Prefecture::try_from(99u8).is_err());
    }
}
