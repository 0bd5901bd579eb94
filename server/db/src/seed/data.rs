//! The name and place tables of the generator, read from the data files
//! under `server/db/data/` (compiled in; nothing is fetched at run time).

use std::collections::BTreeMap;

const MUNICIPALITIES: &str = include_str!("../../data/municipalities.tsv");
const NAMES: &str = include_str!("../../data/names.tsv");
const OCCUPATIONS: &str = include_str!("../../data/occupations.tsv");
const STEMS: &str = include_str!("../../data/name_stems.tsv");
const OFFICES: &str = include_str!("../../data/offices.tsv");

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

/// A word with its reading.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub text: &'static str,
    pub kana: &'static str,
}

#[derive(Debug, Clone)]
pub struct Municipality {
    /// 全国地方公共団体コード (6 digits with the check digit).
    pub code: &'static str,
    pub name: &'static str,
    /// The reading, in hiragana.
    pub kana: &'static str,
    /// A city (市) or a ward (区) rather than a town or village.
    pub urban: bool,
}

/// How a shift pattern of an occupation looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hours {
    Day,
    Office,
    Early,
    Shift,
    Night,
    Short,
}

#[derive(Debug, Clone)]
pub struct Occupation {
    pub code: &'static str,
    pub title: &'static str,
    /// k, y, f or i: the usual legal form of the employer.
    pub kind: char,
    pub industry: &'static str,
    pub words: Vec<Word>,
    /// Tokyo-level monthly range for full-time work, if offered.
    pub monthly: Option<(i64, i64)>,
    /// Tokyo-level hourly range for part-time work, if offered.
    pub hourly: Option<(i64, i64)>,
    pub hours: Hours,
    pub tasks: Vec<&'static str>,
    pub needs: Vec<&'static str>,
}

impl Occupation {
    /// Whether the occupation asks for experience or a licence.
    pub fn requires_licence(&self) -> bool {
        self.needs
            .iter()
            .any(|n| n.contains("が必要") && (n.contains("免許") || n.contains("資格")))
    }

    pub fn open_to_beginners(&self) -> bool {
        self.needs
            .iter()
            .any(|n| n.contains("経験は問いません") || n.contains("未経験の方"))
    }
}

pub struct Tables {
    /// By prefecture code (1..=47).
    pub municipalities: BTreeMap<u8, Vec<Municipality>>,
    pub family_names: Vec<Word>,
    pub male_names: Vec<Word>,
    pub female_names: Vec<Word>,
    pub occupations: Vec<Occupation>,
    pub stems: Vec<Word>,
    /// (code, name) of every office.
    pub offices: Vec<(&'static str, &'static str)>,
}

fn range(field: &str) -> Option<(i64, i64)> {
    let (lo, hi) = field.split_once('-')?;
    Some((lo.parse().ok()?, hi.parse().ok()?))
}

impl Tables {
    /// Parses the data files; a malformed file is a bug caught by the
    /// unit test below, so this panics with the offending line.
    pub fn load() -> Tables {
        let mut municipalities: BTreeMap<u8, Vec<Municipality>> = BTreeMap::new();
        for r in rows(MUNICIPALITIES) {
            let (code, name) = (r[0], r[1]);
            let prefecture: u8 = code[..2].parse().expect("municipality code");
            municipalities
                .entry(prefecture)
                .or_default()
                .push(Municipality {
                    code,
                    name,
                    kana: r[2],
                    urban: name.ends_with('市') || name.ends_with('区'),
                });
        }
        let mut family_names = Vec::new();
        let mut male_names = Vec::new();
        let mut female_names = Vec::new();
        for r in rows(NAMES) {
            let word = Word {
                text: r[1],
                kana: r[2],
            };
            match r[0] {
                "l" => family_names.push(word),
                "m" => male_names.push(word),
                _ => female_names.push(word),
            }
        }
        let occupations = rows(OCCUPATIONS)
            .map(|r| {
                assert_eq!(r.len(), 11, "occupations.tsv: {r:?}");
                Occupation {
                    code: r[0],
                    title: r[2],
                    kind: r[3].chars().next().unwrap_or('k'),
                    industry: r[4],
                    words: r[5]
                        .split(',')
                        .map(|w| {
                            let (text, kana) = w.split_once(':').expect("word:kana");
                            Word { text, kana }
                        })
                        .collect(),
                    monthly: range(r[6]),
                    hourly: range(r[7]),
                    hours: match r[8] {
                        "day" => Hours::Day,
                        "office" => Hours::Office,
                        "early" => Hours::Early,
                        "shift" => Hours::Shift,
                        "night" => Hours::Night,
                        "short" => Hours::Short,
                        other => panic!("occupations.tsv: hours {other}"),
                    },
                    tasks: r[9].split('｜').collect(),
                    needs: r[10].split('｜').collect(),
                }
            })
            .collect();
        let stems = rows(STEMS)
            .map(|r| Word {
                text: r[0],
                kana: r[1],
            })
            .collect();
        let offices = rows(OFFICES).map(|r| (r[0], r[1])).collect();
        Tables {
            municipalities,
            family_names,
            male_names,
            female_names,
            occupations,
            stems,
            offices,
        }
    }
}

/// Population of each prefecture in ten thousands (2020 census, rounded):
/// where establishments and seekers are drawn from.
pub const PREFECTURE_WEIGHTS: [u32; 47] = [
    522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 923, 220, 103, 113, 77, 81,
    205, 198, 363, 754, 177, 141, 258, 884, 547, 132, 92, 55, 67, 189, 280, 134, 72, 95, 133, 69,
    513, 81, 131, 174, 112, 107, 159, 147,
];

/// How wages compare with Tokyo's, per prefecture (per cent).
pub fn wage_level(prefecture: u8) -> i64 {
    match prefecture {
        13 => 100,
        11 | 12 | 14 | 23 | 27 => 95,
        1 | 4 | 22 | 26 | 28 | 34 | 40 => 90,
        _ => 86,
    }
}

/// Town names used in generated addresses (丁目 and 番地 are added).
pub const TOWNS: &[&str] = &[
    "本町",
    "中央",
    "栄町",
    "旭町",
    "緑町",
    "新町",
    "駅前",
    "幸町",
    "東町",
    "西町",
    "南町",
    "北町",
    "大手町",
    "元町",
    "寿町",
    "曙町",
    "錦町",
    "若松町",
    "桜町",
    "松原",
    "宮前",
    "花園",
    "昭和町",
    "港町",
    "柳町",
    "天神",
    "城南",
    "青葉台",
    "富士見",
    "平和台",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_and_covers_every_prefecture() {
        let t = Tables::load();
        assert_eq!(t.municipalities.len(), 47);
        assert!(t.municipalities.values().all(|m| !m.is_empty()));
        assert_eq!(
            t.municipalities[&13]
                .iter()
                .find(|m| m.code == "131016")
                .map(|m| m.name),
            Some("千代田区")
        );
        assert!(t.family_names.len() >= 100 && t.male_names.len() >= 100);
        assert!(t.female_names.len() >= 100 && t.stems.len() >= 50);
        assert!(t.occupations.len() >= 40);
        for o in &t.occupations {
            assert!(o.monthly.is_some() || o.hourly.is_some(), "{}", o.code);
            assert!(o.tasks.len() >= 2 && !o.needs.is_empty(), "{}", o.code);
            assert_eq!(o.code.len(), 8, "{}", o.code);
        }
        let codes: Vec<madoguchi_shared::office::OfficeCode> = t
            .offices
            .iter()
            .map(|(code, _)| code.parse().expect("a valid office code"))
            .collect();
        let unique: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len());
        let prefectures: std::collections::BTreeSet<u8> =
            codes.iter().map(|c| c.prefecture().code()).collect();
        assert_eq!(prefectures.len(), 47);
        assert!(
            t.offices
                .iter()
                .all(|(_, name)| name.ends_with("公共職業安定所"))
        );
    }
}
