//! 適合性判断: how well a posting fits a seeker, as lines a counsellor can
//! check with the seeker beside them. Every line names the aspect, says
//! whether it fits, does not fit, or cannot be told from what is written,
//! and quotes the two sides it compared. The ranking only orders postings;
//! the lines are the judgement.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::label::{Label, Lang};
use crate::posting::{AgeLimit, EmploymentType, PostingFlag, WageForm};
use crate::records::Posting;
use crate::seeker::SeekerProfile;

crate::coded_enum! {
    /// What a line of the judgement compares.
    pub enum Aspect {
        Occupation = ("occupation", "職種", "Occupation"),
        Place = ("place", "就業場所・通勤", "Place and commute"),
        Employment = ("employment", "雇用形態", "Employment type"),
        Wage = ("wage", "賃金", "Wage"),
        Hours = ("hours", "就業時間・日数", "Hours and days"),
        Licences = ("licences", "必要な免許・資格", "Licences required"),
        Experience = ("experience", "必要な経験", "Experience required"),
        Age = ("age", "年齢", "Age"),
    }
}

crate::coded_enum! {
    /// The verdict of one line.
    pub enum Fit {
        Fits = ("fits", "合う", "Fits"),
        /// Not enough is written on one side to tell: ask the seeker.
        Check = ("check", "要確認", "To check"),
        Conflicts = ("conflicts", "合わない", "Does not fit"),
    }
}

/// One line of the judgement: what was compared and what it showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub aspect: Aspect,
    pub fit: Fit,
    pub detail: Detail,
}

/// What a line found, with the values it compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Detail {
    /// A wished occupation found in the posting's 職種 or 仕事の内容.
    OccupationWished {
        wish: String,
    },
    /// None of the wished occupations is in the posting.
    OccupationOther {
        wishes: Vec<String>,
        title: String,
    },
    OccupationNoWish,
    PlaceWished {
        prefecture: String,
        city: String,
    },
    PlaceOther {
        prefecture: String,
        wished: Vec<String>,
    },
    PlaceNoWish {
        prefecture: String,
    },
    /// The way to work, when the posting names a station or allows a car.
    Commute {
        station: Option<String>,
        walk_minutes: Option<u16>,
        car: bool,
    },
    EmploymentWished {
        employment: String,
    },
    EmploymentOther {
        employment: String,
        wished: Vec<String>,
    },
    EmploymentNoWish {
        employment: String,
    },
    /// Wages compared as monthly figures when the forms differ.
    WageMeets {
        offered: String,
        wished: String,
    },
    /// Only the top of the range reaches the wish.
    WageRangeReaches {
        offered: String,
        wished: String,
    },
    WageBelow {
        offered: String,
        wished: String,
    },
    WageNoWish {
        offered: String,
    },
    HoursWithin {
        shifts: String,
        wished: String,
    },
    HoursOutside {
        shifts: String,
        wished: String,
    },
    /// The wish is written in words the judgement cannot read as times.
    HoursUnread {
        shifts: String,
        wished: String,
    },
    HoursNoWish {
        shifts: String,
    },
    LicencesNone,
    LicencesHeld {
        licences: Vec<String>,
    },
    LicencesMissing {
        missing: Vec<String>,
    },
    ExperienceNone,
    /// The posting's occupation appears in the seeker's work history.
    ExperienceInHistory {
        word: String,
    },
    ExperienceAsked {
        asked: String,
    },
    AgeNoLimit,
    AgeWithin {
        age: u8,
        limit: String,
    },
    AgeOutside {
        age: u8,
        limit: String,
    },
    AgeUnknown {
        limit: String,
    },
}

impl Reason {
    /// The line as the counsellor reads it.
    pub fn text(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let list = |v: &[String]| v.join(if ja { "、" } else { ", " });
        match &self.detail {
            Detail::OccupationWished { wish } => {
                if ja {
                    format!("希望職種「{wish}」に当たる")
                } else {
                    format!("Matches the wished occupation “{wish}”")
                }
            }
            Detail::OccupationOther { wishes, title } => {
                if ja {
                    format!("職種「{title}」は希望職種（{}）にない", list(wishes))
                } else {
                    format!(
                        "“{title}” is not among the wished occupations ({})",
                        list(wishes)
                    )
                }
            }
            Detail::OccupationNoWish => {
                if ja {
                    "希望職種の登録なし".into()
                } else {
                    "No wished occupation recorded".into()
                }
            }
            Detail::PlaceWished { prefecture, city } => {
                if ja {
                    format!("就業場所 {prefecture}{city} は希望地域")
                } else {
                    format!("Workplace {city}, {prefecture} is in a wished area")
                }
            }
            Detail::PlaceOther { prefecture, wished } => {
                if ja {
                    format!("就業場所 {prefecture} は希望地域（{}）の外", list(wished))
                } else {
                    format!(
                        "Workplace in {prefecture}, outside the wished areas ({})",
                        list(wished)
                    )
                }
            }
            Detail::PlaceNoWish { prefecture } => {
                if ja {
                    format!("希望地域の登録なし（就業場所 {prefecture}）")
                } else {
                    format!("No wished area recorded (workplace in {prefecture})")
                }
            }
            Detail::Commute {
                station,
                walk_minutes,
                car,
            } => {
                let mut parts = Vec::new();
                if let Some(s) = station {
                    parts.push(match (walk_minutes, ja) {
                        (Some(m), true) => format!("{s}から徒歩{m}分"),
                        (Some(m), false) => format!("{m} min walk from {s}"),
                        (None, true) => format!("最寄り駅 {s}"),
                        (None, false) => format!("nearest station {s}"),
                    });
                }
                if *car {
                    parts.push(
                        if ja {
                            "マイカー通勤可"
                        } else {
                            "car commuting allowed"
                        }
                        .into(),
                    );
                }
                if ja {
                    format!("通勤: {}（通勤経路は本人と確認）", parts.join("、"))
                } else {
                    format!(
                        "Commute: {} (check the route with the seeker)",
                        parts.join(", ")
                    )
                }
            }
            Detail::EmploymentWished { employment } => {
                if ja {
                    format!("雇用形態「{employment}」は希望どおり")
                } else {
                    format!("“{employment}” is a wished employment type")
                }
            }
            Detail::EmploymentOther { employment, wished } => {
                if ja {
                    format!("雇用形態「{employment}」は希望（{}）と違う", list(wished))
                } else {
                    format!("“{employment}” is not a wished type ({})", list(wished))
                }
            }
            Detail::EmploymentNoWish { employment } => {
                if ja {
                    format!("希望雇用形態の登録なし（求人は{employment}）")
                } else {
                    format!("No wished employment type recorded (the posting: {employment})")
                }
            }
            Detail::WageMeets { offered, wished } => {
                if ja {
                    format!("賃金 {offered} は希望 {wished} 以上")
                } else {
                    format!("Wage {offered} meets the wish of {wished}")
                }
            }
            Detail::WageRangeReaches { offered, wished } => {
                if ja {
                    format!("賃金 {offered} の上限のみ希望 {wished} に届く")
                } else {
                    format!("Only the top of {offered} reaches the wish of {wished}")
                }
            }
            Detail::WageBelow { offered, wished } => {
                if ja {
                    format!("賃金 {offered} は希望 {wished} に届かない")
                } else {
                    format!("Wage {offered} is below the wish of {wished}")
                }
            }
            Detail::WageNoWish { offered } => {
                if ja {
                    format!("希望賃金の登録なし（求人は{offered}）")
                } else {
                    format!("No wished wage recorded (the posting: {offered})")
                }
            }
            Detail::HoursWithin { shifts, wished } => {
                if ja {
                    format!("就業時間 {shifts} は希望「{wished}」の内")
                } else {
                    format!("Hours {shifts} are within the wish “{wished}”")
                }
            }
            Detail::HoursOutside { shifts, wished } => {
                if ja {
                    format!("就業時間 {shifts} は希望「{wished}」を外れる")
                } else {
                    format!("Hours {shifts} fall outside the wish “{wished}”")
                }
            }
            Detail::HoursUnread { shifts, wished } => {
                if ja {
                    format!("希望「{wished}」と就業時間 {shifts} を本人と確認")
                } else {
                    format!("Check the wish “{wished}” against the hours {shifts}")
                }
            }
            Detail::HoursNoWish { shifts } => {
                if ja {
                    format!("希望時間の登録なし（就業時間 {shifts}）")
                } else {
                    format!("No wished hours recorded (the posting: {shifts})")
                }
            }
            Detail::LicencesNone => {
                if ja {
                    "必要な免許・資格なし".into()
                } else {
                    "No licence required".into()
                }
            }
            Detail::LicencesHeld { licences } => {
                if ja {
                    format!("必要な資格（{}）を持っている", list(licences))
                } else {
                    format!("Holds the required licences ({})", list(licences))
                }
            }
            Detail::LicencesMissing { missing } => {
                if ja {
                    format!("必要な資格（{}）の登録なし", list(missing))
                } else {
                    format!("Required licences not recorded: {}", list(missing))
                }
            }
            Detail::ExperienceNone => {
                if ja {
                    "経験不問".into()
                } else {
                    "No experience needed".into()
                }
            }
            Detail::ExperienceInHistory { word } => {
                if ja {
                    format!("職歴に「{word}」の経験がある")
                } else {
                    format!("The work history shows “{word}”")
                }
            }
            Detail::ExperienceAsked { asked } => {
                if ja {
                    format!("求人は「{asked}」を求める: 職歴を本人と確認")
                } else {
                    format!("The posting asks for “{asked}”: check the work history")
                }
            }
            Detail::AgeNoLimit => {
                if ja {
                    "年齢不問".into()
                } else {
                    "No age limit".into()
                }
            }
            Detail::AgeWithin { age, limit } => {
                if ja {
                    format!("{age}歳は年齢制限 {limit} の内")
                } else {
                    format!("Aged {age}, within the limit {limit}")
                }
            }
            Detail::AgeOutside { age, limit } => {
                if ja {
                    format!("{age}歳は年齢制限 {limit} の外")
                } else {
                    format!("Aged {age}, outside the limit {limit}")
                }
            }
            Detail::AgeUnknown { limit } => {
                if ja {
                    format!("年齢制限 {limit}: 生年月日の登録なし")
                } else {
                    format!("Age limit {limit}: no birth date recorded")
                }
            }
        }
    }
}

/// The whole judgement of one posting for one seeker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub reasons: Vec<Reason>,
}

impl Judgement {
    pub fn conflicts(&self) -> usize {
        self.count(Fit::Conflicts)
    }

    pub fn fits(&self) -> usize {
        self.count(Fit::Fits)
    }

    fn count(&self, fit: Fit) -> usize {
        self.reasons.iter().filter(|r| r.fit == fit).count()
    }

    /// The order of a list: fewer lines that do not fit first, then more
    /// that fit. Smaller sorts first.
    pub fn rank_key(&self) -> (usize, std::cmp::Reverse<usize>) {
        (self.conflicts(), std::cmp::Reverse(self.fits()))
    }
}

/// Judges posting `p` for a seeker with profile `s`, born on `birth`, as
/// of `today`: one line per aspect (two for the place when the commute is
/// known).
pub fn judge(
    p: &Posting,
    s: &SeekerProfile,
    birth: Option<NaiveDate>,
    today: NaiveDate,
) -> Judgement {
    let mut reasons = vec![occupation(p, s), place(p, s)];
    if p.station.is_some() || p.flags.contains(&PostingFlag::CarCommute) {
        reasons.push(Reason {
            aspect: Aspect::Place,
            fit: Fit::Check,
            detail: Detail::Commute {
                station: p.station.clone(),
                walk_minutes: p.walk_minutes,
                car: p.flags.contains(&PostingFlag::CarCommute),
            },
        });
    }
    reasons.extend([
        employment(p, s),
        wage(p, s),
        hours(p, s),
        licences(p, s),
        experience(p, s),
        age(p, birth, today),
    ]);
    Judgement { reasons }
}

fn line(aspect: Aspect, fit: Fit, detail: Detail) -> Reason {
    Reason {
        aspect,
        fit,
        detail,
    }
}

/// Text folded for comparison: NFKC-like width folding is done by the
/// tokenizer's normaliser; here case and spaces are enough on top of it.
fn fold(s: &str) -> String {
    crate::tokenizer::normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// The core of a wished occupation: 介護職 → 介護, 事務員 → 事務.
pub fn stem(wish: &str) -> String {
    let mut w = fold(wish);
    for suffix in ["スタッフ", "業務", "職員", "の仕事", "職", "員", "係"] {
        if w.chars().count() > suffix.chars().count() + 1
            && let Some(s) = w.strip_suffix(suffix)
        {
            w = s.to_owned();
            break;
        }
    }
    w
}

fn occupation(p: &Posting, s: &SeekerProfile) -> Reason {
    if s.wished_occupations.is_empty() {
        return line(Aspect::Occupation, Fit::Check, Detail::OccupationNoWish);
    }
    let text = fold(&format!("{} {}", p.title, p.description));
    match s
        .wished_occupations
        .iter()
        .find(|w| !stem(w).is_empty() && text.contains(&stem(w)))
    {
        Some(w) => line(
            Aspect::Occupation,
            Fit::Fits,
            Detail::OccupationWished { wish: w.clone() },
        ),
        None => line(
            Aspect::Occupation,
            Fit::Conflicts,
            Detail::OccupationOther {
                wishes: s.wished_occupations.clone(),
                title: p.title.clone(),
            },
        ),
    }
}

fn place(p: &Posting, s: &SeekerProfile) -> Reason {
    let prefecture = p.prefecture.name_ja().to_owned();
    if s.wished_prefectures.is_empty() {
        return line(
            Aspect::Place,
            Fit::Check,
            Detail::PlaceNoWish { prefecture },
        );
    }
    if s.wished_prefectures.contains(&p.prefecture.code()) {
        line(
            Aspect::Place,
            Fit::Fits,
            Detail::PlaceWished {
                prefecture,
                city: p.city.clone(),
            },
        )
    } else {
        let wished = s
            .wished_prefectures
            .iter()
            .filter_map(|c| crate::prefecture::Prefecture::from_code(*c))
            .map(|p| p.name_ja().to_owned())
            .collect();
        line(
            Aspect::Place,
            Fit::Conflicts,
            Detail::PlaceOther { prefecture, wished },
        )
    }
}

/// Dispatched work counts as the non-regular kind a seeker may wish for.
fn employment_kind(e: EmploymentType) -> EmploymentType {
    if e.is_dispatch() {
        EmploymentType::NonRegular
    } else {
        e
    }
}

fn employment(p: &Posting, s: &SeekerProfile) -> Reason {
    let employment = p.employment.label(Lang::Ja).to_owned();
    if s.wished_employment.is_empty() {
        return line(
            Aspect::Employment,
            Fit::Check,
            Detail::EmploymentNoWish { employment },
        );
    }
    if s.wished_employment.contains(&employment_kind(p.employment)) {
        line(
            Aspect::Employment,
            Fit::Fits,
            Detail::EmploymentWished { employment },
        )
    } else {
        let wished = s
            .wished_employment
            .iter()
            .map(|e| e.label(Lang::Ja).to_owned())
            .collect();
        line(
            Aspect::Employment,
            Fit::Conflicts,
            Detail::EmploymentOther { employment, wished },
        )
    }
}

/// A wage as a monthly figure: 173 hours or 21 days a month.
pub fn monthly(form: WageForm, yen: i64) -> i64 {
    match form {
        WageForm::Monthly => yen,
        WageForm::Daily => yen * 21,
        WageForm::Hourly => yen * 173,
    }
}

fn yen(form: WageForm, amount: i64) -> String {
    format!(
        "{}{}円",
        form.label(Lang::Ja),
        crate::posting::format_yen(amount)
    )
}

fn wage(p: &Posting, s: &SeekerProfile) -> Reason {
    let offered = if p.wage_max > p.wage_min {
        format!(
            "{}〜{}",
            yen(p.wage_form, p.wage_min),
            yen(p.wage_form, p.wage_max)
        )
    } else {
        yen(p.wage_form, p.wage_min)
    };
    let Some((form, wish)) = s.wished_wage else {
        return line(Aspect::Wage, Fit::Check, Detail::WageNoWish { offered });
    };
    let wished = yen(form, wish);
    // The same form compares as written; otherwise as monthly figures.
    let (lo, hi, want) = if form == p.wage_form {
        (p.wage_min, p.wage_max.max(p.wage_min), wish)
    } else {
        (
            monthly(p.wage_form, p.wage_min),
            monthly(p.wage_form, p.wage_max.max(p.wage_min)),
            monthly(form, wish),
        )
    };
    if lo >= want {
        line(
            Aspect::Wage,
            Fit::Fits,
            Detail::WageMeets { offered, wished },
        )
    } else if hi >= want {
        line(
            Aspect::Wage,
            Fit::Check,
            Detail::WageRangeReaches { offered, wished },
        )
    } else {
        line(
            Aspect::Wage,
            Fit::Conflicts,
            Detail::WageBelow { offered, wished },
        )
    }
}

/// Minutes since midnight of the first two times in a wish such as
/// 「9時〜17時」, 「9:00-18:00」 or 「10時から15時まで」. A number counts as a
/// time when a time mark (`:`, 時) or a range mark (〜, -) stands beside it,
/// so 「週3日」 is no time.
pub fn wished_window(wish: &str) -> Option<(u16, u16)> {
    let chars: Vec<char> = crate::tokenizer::normalize(wish).chars().collect();
    let range_mark = |c: Option<&char>| matches!(c, Some('〜' | '~' | '-' | '～' | 'ー' | '–'));
    let mut times = Vec::new();
    let mut i = 0;
    while i < chars.len() && times.len() < 2 {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let hour: u16 = chars[start..i].iter().collect::<String>().parse().ok()?;
        let before = start.checked_sub(1).and_then(|b| chars.get(b));
        let mut minute = 0;
        match chars.get(i) {
            Some(':' | '時') => {
                i += 1;
                let m_start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                if i > m_start {
                    minute = chars[m_start..i].iter().collect::<String>().parse().ok()?;
                    if chars.get(i) == Some(&'分') {
                        i += 1;
                    }
                }
            }
            next if range_mark(next) || range_mark(before) => {}
            _ => continue,
        }
        if hour > 24 || minute > 59 {
            return None;
        }
        times.push(hour * 60 + minute);
    }
    match times.as_slice() {
        [from, until] if from < until => Some((*from, *until)),
        _ => None,
    }
}

fn hm(minutes: u16) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn hours(p: &Posting, s: &SeekerProfile) -> Reason {
    let shifts = p
        .terms
        .shifts
        .iter()
        .map(|sh| format!("{}〜{}", hm(sh.start_minute), hm(sh.end_minute)))
        .collect::<Vec<_>>()
        .join(" / ");
    let shifts = if shifts.is_empty() {
        "—".to_owned()
    } else {
        shifts
    };
    let Some(wished) = s.wished_hours.clone().filter(|w| !w.trim().is_empty()) else {
        return line(Aspect::Hours, Fit::Check, Detail::HoursNoWish { shifts });
    };
    let Some((from, until)) = wished_window(&wished) else {
        return line(
            Aspect::Hours,
            Fit::Check,
            Detail::HoursUnread { shifts, wished },
        );
    };
    if p.terms.shifts.is_empty() {
        return line(
            Aspect::Hours,
            Fit::Check,
            Detail::HoursUnread { shifts, wished },
        );
    }
    // One shift inside the window is enough: the seeker can work that one.
    let inside = p.terms.shifts.iter().any(|sh| {
        sh.start_minute < sh.end_minute && sh.start_minute >= from && sh.end_minute <= until
    });
    if inside {
        line(
            Aspect::Hours,
            Fit::Fits,
            Detail::HoursWithin { shifts, wished },
        )
    } else {
        line(
            Aspect::Hours,
            Fit::Conflicts,
            Detail::HoursOutside { shifts, wished },
        )
    }
}

fn licences(p: &Posting, s: &SeekerProfile) -> Reason {
    let required: Vec<&String> = p
        .terms
        .licences
        .iter()
        .filter(|l| !l.trim().is_empty() && !fold(l).contains("不問"))
        .collect();
    if required.is_empty() || p.flags.contains(&PostingFlag::NoLicence) {
        return line(Aspect::Licences, Fit::Fits, Detail::LicencesNone);
    }
    let held: Vec<String> = s.licences.iter().map(|l| fold(l)).collect();
    let has = |need: &str| {
        let need = fold(need);
        held.iter()
            .any(|h| h.contains(&need) || need.contains(h.as_str()))
    };
    let missing: Vec<String> = required
        .iter()
        .filter(|l| !has(l))
        .map(|l| (*l).clone())
        .collect();
    if missing.is_empty() {
        line(
            Aspect::Licences,
            Fit::Fits,
            Detail::LicencesHeld {
                licences: required.into_iter().cloned().collect(),
            },
        )
    } else {
        line(
            Aspect::Licences,
            Fit::Conflicts,
            Detail::LicencesMissing { missing },
        )
    }
}

fn experience(p: &Posting, s: &SeekerProfile) -> Reason {
    let asked = p.terms.experience.trim();
    if p.flags.contains(&PostingFlag::NoExperience) || asked.is_empty() || asked.contains("不問")
    {
        return line(Aspect::Experience, Fit::Fits, Detail::ExperienceNone);
    }
    let history = fold(&s.work_history);
    // The posting's occupation, or a wished one it matches, in the history.
    let words: Vec<String> = std::iter::once(stem(&p.title))
        .chain(s.wished_occupations.iter().map(|w| stem(w)))
        .filter(|w| w.chars().count() >= 2 && fold(&p.title).contains(w.as_str()))
        .collect();
    match words.into_iter().find(|w| history.contains(w.as_str())) {
        Some(word) => line(
            Aspect::Experience,
            Fit::Fits,
            Detail::ExperienceInHistory { word },
        ),
        None => line(
            Aspect::Experience,
            Fit::Check,
            Detail::ExperienceAsked {
                asked: asked.to_owned(),
            },
        ),
    }
}

fn age(p: &Posting, birth: Option<NaiveDate>, today: NaiveDate) -> Reason {
    let AgeLimit::Range { min, max, .. } = p.age_limit else {
        return line(Aspect::Age, Fit::Fits, Detail::AgeNoLimit);
    };
    let limit = match (min, max) {
        (Some(lo), Some(hi)) => format!("{lo}〜{hi}歳"),
        (Some(lo), None) => format!("{lo}歳以上"),
        (None, Some(hi)) => format!("{hi}歳以下"),
        (None, None) => return line(Aspect::Age, Fit::Fits, Detail::AgeNoLimit),
    };
    let Some(age) = birth
        .and_then(|b| today.years_since(b))
        .and_then(|a| u8::try_from(a).ok())
    else {
        return line(Aspect::Age, Fit::Check, Detail::AgeUnknown { limit });
    };
    let within = min.is_none_or(|lo| age >= lo) && max.is_none_or(|hi| age <= hi);
    if within {
        line(Aspect::Age, Fit::Fits, Detail::AgeWithin { age, limit })
    } else {
        line(
            Aspect::Age,
            Fit::Conflicts,
            Detail::AgeOutside { age, limit },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{AgeExceptionReason, Shift};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// A nurse wishing for regular work in Tokyo at ¥250,000 a month, by day.
    fn seeker() -> SeekerProfile {
        SeekerProfile {
            wished_occupations: vec!["看護師".into()],
            wished_prefectures: vec![13],
            wished_employment: vec![EmploymentType::Regular],
            wished_wage: Some((WageForm::Monthly, 250_000)),
            wished_hours: Some("8時〜19時".into()),
            work_history: "2015年から病院の病棟で看護師として勤務".into(),
            licences: vec!["正看護師".into()],
            ..Default::default()
        }
    }

    fn fit_of(j: &Judgement, aspect: Aspect) -> Fit {
        j.reasons
            .iter()
            .find(|r| r.aspect == aspect && !matches!(r.detail, Detail::Commute { .. }))
            .map(|r| r.fit)
            .expect("a line for every aspect")
    }

    fn judged(p: &Posting, s: &SeekerProfile) -> Judgement {
        judge(p, s, NaiveDate::from_ymd_opt(1990, 4, 1), today())
    }

    #[test]
    fn a_posting_that_fits_every_wish_has_no_conflict() {
        let mut p = crate::posting::test_posting();
        p.terms.licences = vec!["看護師".into()];
        p.terms.experience = "病棟での看護経験".into();
        let j = judged(&p, &seeker());
        assert_eq!(j.conflicts(), 0, "{j:?}");
        for aspect in Aspect::ALL {
            assert_eq!(fit_of(&j, *aspect), Fit::Fits, "{aspect:?}");
        }
        assert!(
            j.reasons
                .iter()
                .all(|r| !r.text(Lang::Ja).is_empty() && !r.text(Lang::En).is_empty())
        );
    }

    #[test]
    fn occupation_fits_only_when_a_wish_is_in_the_posting() {
        let p = crate::posting::test_posting();
        let mut s = seeker();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Occupation), Fit::Fits);
        s.wished_occupations = vec!["介護職".into()];
        let j = judged(&p, &s);
        assert_eq!(fit_of(&j, Aspect::Occupation), Fit::Conflicts);
        assert!(j.reasons[0].text(Lang::Ja).contains("介護職"));
        s.wished_occupations.clear();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Occupation), Fit::Check);
        // A suffix is not needed: 介護職 finds 介護 in the text.
        let mut care = crate::posting::test_posting();
        care.title = "介護スタッフ（デイサービス）".into();
        s.wished_occupations = vec!["介護職".into()];
        assert_eq!(fit_of(&judged(&care, &s), Aspect::Occupation), Fit::Fits);
    }

    #[test]
    fn place_follows_the_wished_prefectures_and_the_commute_is_shown_when_known() {
        let mut p = crate::posting::test_posting();
        let mut s = seeker();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Place), Fit::Fits);
        s.wished_prefectures = vec![14, 11];
        let j = judged(&p, &s);
        assert_eq!(fit_of(&j, Aspect::Place), Fit::Conflicts);
        assert!(j.reasons[1].text(Lang::Ja).contains("神奈川県"));
        s.wished_prefectures.clear();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Place), Fit::Check);
        assert!(
            !judged(&p, &s)
                .reasons
                .iter()
                .any(|r| matches!(r.detail, Detail::Commute { .. }))
        );
        p.station = Some("新宿駅".into());
        p.walk_minutes = Some(7);
        let commute = judged(&p, &s)
            .reasons
            .into_iter()
            .find(|r| matches!(r.detail, Detail::Commute { .. }))
            .expect("commute line");
        assert!(commute.text(Lang::Ja).contains("新宿駅から徒歩7分"));
    }

    #[test]
    fn employment_type_and_dispatch() {
        let mut p = crate::posting::test_posting();
        let mut s = seeker();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Employment), Fit::Fits);
        p.employment = EmploymentType::PartTime;
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Employment), Fit::Conflicts);
        p.employment = EmploymentType::DispatchFixedTerm;
        s.wished_employment = vec![EmploymentType::NonRegular];
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Employment), Fit::Fits);
        s.wished_employment.clear();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Employment), Fit::Check);
    }

    #[test]
    fn wage_meets_reaches_or_falls_below_the_wish() {
        let mut p = crate::posting::test_posting();
        let mut s = seeker();
        // 280,000–350,000 against 250,000.
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Wage), Fit::Fits);
        s.wished_wage = Some((WageForm::Monthly, 300_000));
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Wage), Fit::Check);
        s.wished_wage = Some((WageForm::Monthly, 400_000));
        let j = judged(&p, &s);
        assert_eq!(fit_of(&j, Aspect::Wage), Fit::Conflicts);
        assert!(
            j.reasons
                .iter()
                .any(|r| r.text(Lang::Ja).contains("月給400,000円")),
            "{j:?}"
        );
        // Across forms: ¥1,500 an hour is ¥259,500 a month.
        p.wage_form = WageForm::Hourly;
        p.wage_min = 1_500;
        p.wage_max = 1_500;
        s.wished_wage = Some((WageForm::Monthly, 250_000));
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Wage), Fit::Fits);
        s.wished_wage = Some((WageForm::Monthly, 260_000));
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Wage), Fit::Conflicts);
        s.wished_wage = None;
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Wage), Fit::Check);
    }

    #[test]
    fn hours_inside_or_outside_the_wished_window() {
        let mut p = crate::posting::test_posting();
        let mut s = seeker();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Hours), Fit::Fits);
        s.wished_hours = Some("10:00-15:00".into());
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Hours), Fit::Conflicts);
        // One of the shifts inside the window is enough.
        p.terms.shifts.push(Shift {
            start_minute: 10 * 60,
            end_minute: 14 * 60,
        });
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Hours), Fit::Fits);
        s.wished_hours = Some("午前中だけ".into());
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Hours), Fit::Check);
        s.wished_hours = None;
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Hours), Fit::Check);
    }

    #[test]
    fn wished_windows_read_common_ways_of_writing_hours() {
        assert_eq!(wished_window("9時〜17時"), Some((540, 1020)));
        assert_eq!(wished_window("９：００－１８：００"), Some((540, 1080)));
        assert_eq!(wished_window("10時30分から15時まで"), Some((630, 900)));
        assert_eq!(wished_window("9-17"), Some((540, 1020)));
        assert_eq!(wished_window("週3日、午前のみ"), None);
        assert_eq!(wished_window("17時〜9時"), None);
        assert_eq!(wished_window("25時〜26時"), None);
    }

    #[test]
    fn licences_held_or_missing() {
        let mut p = crate::posting::test_posting();
        let mut s = seeker();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Licences), Fit::Fits);
        p.terms.licences = vec!["看護師".into(), "普通自動車免許".into()];
        let j = judged(&p, &s);
        assert_eq!(fit_of(&j, Aspect::Licences), Fit::Conflicts);
        let line = j
            .reasons
            .iter()
            .find(|r| r.aspect == Aspect::Licences)
            .unwrap();
        assert!(line.text(Lang::Ja).contains("普通自動車免許"));
        assert!(!line.text(Lang::Ja).contains("看護師"));
        s.licences.push("普通自動車免許（AT限定）".into());
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Licences), Fit::Fits);
        p.flags.push(PostingFlag::NoLicence);
        s.licences.clear();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Licences), Fit::Fits);
    }

    #[test]
    fn experience_from_the_work_history() {
        let mut p = crate::posting::test_posting();
        let mut s = seeker();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Experience), Fit::Fits);
        p.terms.experience = "病棟経験3年以上".into();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Experience), Fit::Fits);
        s.work_history = "飲食店のホール".into();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Experience), Fit::Check);
        p.flags.push(PostingFlag::NoExperience);
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Experience), Fit::Fits);
    }

    #[test]
    fn age_inside_outside_or_unknown() {
        let mut p = crate::posting::test_posting();
        let s = seeker();
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Age), Fit::Fits);
        p.age_limit = AgeLimit::Range {
            min: None,
            max: Some(35),
            reason: Some(AgeExceptionReason::CareerBuilding),
        };
        // Born 1990-04-01: 36 on 2026-11-25.
        let j = judged(&p, &s);
        assert_eq!(fit_of(&j, Aspect::Age), Fit::Conflicts);
        assert!(j.reasons.iter().any(|r| r.text(Lang::Ja).contains("36歳")));
        p.age_limit = AgeLimit::Range {
            min: None,
            max: Some(40),
            reason: Some(AgeExceptionReason::CareerBuilding),
        };
        assert_eq!(fit_of(&judged(&p, &s), Aspect::Age), Fit::Fits);
        let unknown = judge(&p, &s, None, today());
        assert_eq!(fit_of(&unknown, Aspect::Age), Fit::Check);
    }

    #[test]
    fn fewer_conflicts_rank_first() {
        let good = crate::posting::test_posting();
        let mut far = crate::posting::test_posting();
        far.prefecture = crate::prefecture::Prefecture::from_code(47).unwrap();
        let s = seeker();
        assert!(judged(&good, &s).rank_key() < judged(&far, &s).rank_key());
    }
}
