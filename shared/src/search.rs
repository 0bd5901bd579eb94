//! 求人検索: the conditions of a search as they travel in the URL
//! (`/jobs?q=介護&pref=13&emp=part_time&page=2`), so that a search can be
//! shared, bookmarked and saved; and what the search answers.

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::keyword::normalize_keywords;
use crate::posting::{EmploymentType, PostingCategory, PostingFlag, WageForm};
use crate::prefecture::Prefecture;

crate::coded_enum! {
    /// The order of results.
    pub enum Sort {
        Newest = ("new", "新着順", "Newest first"),
        Wage = ("wage", "賃金の高い順", "Highest wage first"),
        Relevance = ("relevance", "関連度順", "Best match first"),
    }
}

/// Results per page a reader may choose.
pub const PAGE_SIZES: [u8; 3] = [20, 30, 50];
/// The deepest page served (results beyond it are better found with
/// narrower conditions).
pub const MAX_PAGE: u32 = 100;
/// The newest postings: accepted within this many days at most.
pub const MAX_NEW_WITHIN_DAYS: u16 = 60;

/// The occupation groups (大分類) of the classification, as filters.
pub const OCCUPATION_GROUPS: [(char, &str, &str); 11] = [
    ('A', "管理的職業", "Management"),
    ('B', "専門的・技術的職業", "Professional and technical"),
    ('C', "事務的職業", "Clerical"),
    ('D', "販売の職業", "Sales"),
    ('E', "サービスの職業", "Services"),
    ('F', "保安の職業", "Security"),
    ('G', "農林漁業の職業", "Agriculture, forestry and fishery"),
    ('H', "生産工程の職業", "Production"),
    (
        'I',
        "輸送・機械運転の職業",
        "Transport and machine operation",
    ),
    ('J', "建設・採掘の職業", "Construction and mining"),
    (
        'K',
        "運搬・清掃・包装等の職業",
        "Carrying, cleaning and packing",
    ),
];

/// Every condition of a search. `Default` is "all public postings,
/// newest first, page 1 of 20".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobQuery {
    /// Normalised keywords; several words must all match.
    pub q: String,
    pub prefectures: Vec<Prefecture>,
    /// Municipalities by name (`新宿区`, `横浜市`, `横浜市西区`), within the
    /// chosen prefectures when there are any.
    pub cities: Vec<String>,
    /// Occupation groups (大分類 letters).
    pub groups: Vec<char>,
    /// Finer occupation codes (`B-091` 中分類, `B-091-01` 小分類); any of
    /// these or of `groups` matches.
    pub occupations: Vec<String>,
    pub employment: Vec<EmploymentType>,
    pub categories: Vec<PostingCategory>,
    /// A minimum wage in its form (月給/日給/時給).
    pub wage: Option<(WageForm, i64)>,
    /// 年間休日 at least this many days.
    pub holidays_min: Option<u16>,
    /// Every shift starts at this hour or later.
    pub start_from: Option<u8>,
    /// Every shift ends by this hour (24 = midnight).
    pub end_by: Option<u8>,
    /// Working days a week at most.
    pub days_max: Option<u8>,
    /// Every one of these flags.
    pub flags: Vec<PostingFlag>,
    /// Only postings open to online self-application.
    pub self_application: bool,
    /// Accepted within this many days.
    pub new_within_days: Option<u16>,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
    pub per_page: u8,
}

impl Default for JobQuery {
    fn default() -> Self {
        JobQuery {
            q: String::new(),
            prefectures: Vec::new(),
            cities: Vec::new(),
            groups: Vec::new(),
            occupations: Vec::new(),
            employment: Vec::new(),
            categories: Vec::new(),
            wage: None,
            holidays_min: None,
            start_from: None,
            end_by: None,
            days_max: None,
            flags: Vec::new(),
            self_application: false,
            new_within_days: None,
            sort: Sort::Newest,
            page: 1,
            per_page: PAGE_SIZES[0],
        }
    }
}

/// A parameter of the URL that breaks a rule; `param` is its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryError {
    pub param: String,
    pub error: ValidationError,
}

fn number<T>(param: &str, value: &str, min: i64, max: i64) -> Result<T, QueryError>
where
    T: TryFrom<i64>,
{
    let bad = |error| QueryError {
        param: param.to_owned(),
        error,
    };
    let n: i64 = value
        .trim()
        .parse()
        .map_err(|_| bad(ValidationError::OutOfRange { min, max }))?;
    if !(min..=max).contains(&n) {
        return Err(bad(ValidationError::OutOfRange { min, max }));
    }
    T::try_from(n).map_err(|_| bad(ValidationError::OutOfRange { min, max }))
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

impl JobQuery {
    /// Reads the conditions from decoded URL parameters. Empty values are
    /// ignored (a form submits its empty fields); unknown parameters too
    /// (tracking tags, older links); a bad value is an error naming it.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<JobQuery, QueryError> {
        let mut query = JobQuery::default();
        let mut wage_form = None;
        let mut wage_min = None;
        for (key, value) in pairs {
            if value.trim().is_empty() {
                continue;
            }
            let bad = |error| QueryError {
                param: key.to_owned(),
                error,
            };
            match key {
                "q" => {
                    let words = normalize_keywords(value).map_err(bad)?;
                    let joined = if query.q.is_empty() {
                        words
                    } else {
                        format!("{} {words}", query.q)
                    };
                    query.q = normalize_keywords(&joined).map_err(bad)?;
                }
                "pref" => {
                    let code: u8 = number(key, value, 1, 47)?;
                    let p = Prefecture::from_code(code).ok_or(bad(ValidationError::Prefecture))?;
                    push_unique(&mut query.prefectures, p);
                }
                // Several names may share one field: `横浜市 川崎市`.
                "city" => {
                    for name in value
                        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，'))
                        .filter(|n| !n.is_empty())
                    {
                        push_unique(&mut query.cities, municipality_name(name).map_err(bad)?);
                    }
                }
                "occ" => match occupation_code(value).map_err(bad)? {
                    Occupation::Group(g) => push_unique(&mut query.groups, g),
                    Occupation::Code(code) => push_unique(&mut query.occupations, code),
                },
                "from" => query.start_from = Some(number(key, value, 0, 23)?),
                "until" => query.end_by = Some(number(key, value, 1, 24)?),
                "days" => query.days_max = Some(number(key, value, 1, 7)?),
                "emp" => push_unique(
                    &mut query.employment,
                    value
                        .parse()
                        .map_err(|_| bad(ValidationError::UnknownCode))?,
                ),
                "cat" => push_unique(
                    &mut query.categories,
                    value
                        .parse()
                        .map_err(|_| bad(ValidationError::UnknownCode))?,
                ),
                "flag" => push_unique(
                    &mut query.flags,
                    value
                        .parse()
                        .map_err(|_| bad(ValidationError::UnknownCode))?,
                ),
                "wage_form" => {
                    wage_form = Some(
                        value
                            .parse::<WageForm>()
                            .map_err(|_| bad(ValidationError::UnknownCode))?,
                    )
                }
                "wage" => wage_min = Some(number::<i64>(key, value, 0, 10_000_000)?),
                "holidays" => query.holidays_min = Some(number(key, value, 0, 366)?),
                "self" => {
                    query.self_application = match value {
                        "1" | "true" | "on" => true,
                        "0" | "false" => false,
                        _ => return Err(bad(ValidationError::UnknownCode)),
                    }
                }
                "new" => {
                    query.new_within_days = Some(number(key, value, 1, MAX_NEW_WITHIN_DAYS.into())?)
                }
                "sort" => {
                    query.sort = value
                        .parse()
                        .map_err(|_| bad(ValidationError::UnknownCode))?
                }
                "page" => query.page = number(key, value, 1, MAX_PAGE.into())?,
                "per" => {
                    let n: u8 = number(key, value, 1, 255)?;
                    if !PAGE_SIZES.contains(&n) {
                        return Err(bad(ValidationError::UnknownCode));
                    }
                    query.per_page = n;
                }
                _ => {}
            }
        }
        query.wage = match (wage_form, wage_min) {
            (Some(form), Some(min)) => Some((form, min)),
            // A minimum alone is read as the form its size suggests.
            (None, Some(min)) => Some((WageForm::for_amount(min), min)),
            _ => None,
        };
        if let (Some(from), Some(until)) = (query.start_from, query.end_by)
            && from >= until
        {
            return Err(QueryError {
                param: "until".to_owned(),
                error: ValidationError::MinAboveMax,
            });
        }
        if query.sort == Sort::Relevance && query.q.is_empty() {
            query.sort = Sort::Newest;
        }
        Ok(query)
    }

    /// Reads a raw query string (`a=b&c=d`, percent-encoded).
    pub fn from_query_string(qs: &str) -> Result<JobQuery, QueryError> {
        let decoded: Vec<(String, String)> = qs
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        JobQuery::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The canonical query string: parameters in a fixed order, defaults
    /// left out, so equal searches have equal URLs.
    pub fn to_query_string(&self) -> String {
        let mut out: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            out.push(("q", self.q.clone()));
        }
        for p in &self.prefectures {
            out.push(("pref", p.code_str()));
        }
        for c in &self.cities {
            out.push(("city", c.clone()));
        }
        for g in &self.groups {
            out.push(("occ", g.to_string()));
        }
        for c in &self.occupations {
            out.push(("occ", c.clone()));
        }
        for e in &self.employment {
            out.push(("emp", e.as_str().to_owned()));
        }
        for c in &self.categories {
            out.push(("cat", c.as_str().to_owned()));
        }
        if let Some((form, min)) = self.wage {
            out.push(("wage_form", form.as_str().to_owned()));
            out.push(("wage", min.to_string()));
        }
        if let Some(h) = self.holidays_min {
            out.push(("holidays", h.to_string()));
        }
        if let Some(h) = self.start_from {
            out.push(("from", h.to_string()));
        }
        if let Some(h) = self.end_by {
            out.push(("until", h.to_string()));
        }
        if let Some(d) = self.days_max {
            out.push(("days", d.to_string()));
        }
        for f in &self.flags {
            out.push(("flag", f.as_str().to_owned()));
        }
        if self.self_application {
            out.push(("self", "1".to_owned()));
        }
        if let Some(n) = self.new_within_days {
            out.push(("new", n.to_string()));
        }
        if self.sort != Sort::Newest {
            out.push(("sort", self.sort.as_str().to_owned()));
        }
        if self.per_page != PAGE_SIZES[0] {
            out.push(("per", self.per_page.to_string()));
        }
        if self.page != 1 {
            out.push(("page", self.page.to_string()));
        }
        out.iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Whether the search narrows anything: false for "every posting",
    /// whatever its order and page.
    pub fn has_conditions(&self) -> bool {
        let everything = JobQuery {
            sort: self.sort,
            page: self.page,
            per_page: self.per_page,
            ..JobQuery::default()
        };
        *self != everything
    }

    /// The same conditions on another page.
    pub fn with_page(&self, page: u32) -> JobQuery {
        JobQuery {
            page,
            ..self.clone()
        }
    }
}

/// The longest name of a saved search, in characters.
pub const MAX_SAVED_SEARCH_NAME_CHARS: usize = 50;

/// Checks the name a seeker gives a saved search: trimmed, not empty,
/// within the limit, control characters (line breaks) not allowed.
pub fn saved_search_name(name: &str) -> Result<String, ValidationError> {
    let name = name.trim().trim_matches('\u{3000}');
    if name.is_empty() {
        return Err(ValidationError::Required);
    }
    if name.chars().count() > MAX_SAVED_SEARCH_NAME_CHARS {
        return Err(ValidationError::TooLong {
            max: MAX_SAVED_SEARCH_NAME_CHARS,
        });
    }
    if name.chars().any(char::is_control) {
        return Err(ValidationError::UnknownCode);
    }
    Ok(name.to_owned())
}

/// The longest municipality name accepted (the longest real one has 10).
pub const MAX_MUNICIPALITY_CHARS: usize = 20;

/// Checks a municipality name: 市, 区, 町 or 村 at the end, no spaces.
pub fn municipality_name(value: &str) -> Result<String, ValidationError> {
    let name = value.trim().trim_matches('\u{3000}');
    if name.chars().count() > MAX_MUNICIPALITY_CHARS {
        return Err(ValidationError::TooLong {
            max: MAX_MUNICIPALITY_CHARS,
        });
    }
    let ends_well = name.ends_with(['市', '区', '町', '村']);
    if !ends_well
        || name.chars().count() < 2
        || name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c.is_ascii_punctuation())
    {
        return Err(ValidationError::Municipality);
    }
    Ok(name.to_owned())
}

/// An occupation as the `occ` parameter names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Occupation {
    /// 大分類 letter.
    Group(char),
    /// `B-091` or `B-091-01`.
    Code(String),
}

/// Reads an occupation classification code: a group letter (`B`), a
/// 中分類 (`B-091`) or a 小分類 (`B-091-01`).
pub fn occupation_code(value: &str) -> Result<Occupation, ValidationError> {
    let code = value.trim().to_ascii_uppercase();
    let mut parts = code.split('-');
    let letter = parts.next().unwrap_or_default();
    let group = match letter.chars().collect::<Vec<_>>()[..] {
        [c] if OCCUPATION_GROUPS.iter().any(|(g, _, _)| *g == c) => c,
        _ => return Err(ValidationError::UnknownCode),
    };
    let digits = |s: Option<&str>, n: usize| {
        s.is_none_or(|s| s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
    };
    let (middle, small) = (parts.next(), parts.next());
    if parts.next().is_some() || !digits(middle, 3) || !digits(small, 2) {
        return Err(ValidationError::UnknownCode);
    }
    Ok(match middle {
        None => Occupation::Group(group),
        Some(_) => Occupation::Code(code),
    })
}

/// The codes an occupation is found under: its group, its 中分類 and
/// itself (`B-091-01` → `B`, `B-091`, `B-091-01`).
pub fn occupation_prefixes(code: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(3);
    for (i, c) in code.char_indices() {
        if c == '-' {
            out.push(&code[..i]);
        }
    }
    if !code.is_empty() {
        out.push(code);
    }
    out
}

/// The names a municipality is found under: itself and, for a ward of a
/// designated city (`横浜市西区`), the city (`横浜市`).
pub fn municipality_names(name: &str) -> Vec<&str> {
    let mut out = vec![name];
    if name.ends_with('区')
        && let Some(i) = name.find('市')
    {
        let city = &name[..i + '市'.len_utf8()];
        if city.len() < name.len() {
            out.push(city);
        }
    }
    out
}

/// Percent-encodes everything but unreserved ASCII.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; malformed escapes are kept as they are, and
/// bytes that are not UTF-8 become U+FFFD.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 3 <= bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A result card: what the list shows of one posting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingCard {
    pub summary: crate::posting::PostingSummary,
    pub category: PostingCategory,
    pub employment: EmploymentType,
    /// 就業時間, as `9:00〜18:00`.
    pub shifts: Vec<String>,
    /// 休日 (土日祝, シフト制 …).
    pub holidays: String,
    pub annual_holidays: Option<u16>,
    /// 年齢: the upper limit, if any.
    pub age_max: Option<u8>,
    /// The start of 仕事の内容.
    pub description: String,
    pub flags: Vec<PostingFlag>,
    /// 求人数
    pub openings: u16,
    pub self_application: bool,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPage {
    pub total: u64,
    pub cards: Vec<PostingCard>,
    pub facets: Facets,
}

/// How much of 仕事の内容 a card shows, in characters.
pub const CARD_DESCRIPTION_CHARS: usize = 90;

/// Counts beside the filters, for the current search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// (prefecture code, count), by code; zero counts left out.
    pub prefectures: Vec<(u8, u64)>,
    /// (occupation group letter, count).
    pub groups: Vec<(char, u64)>,
    pub employment: Vec<(EmploymentType, u64)>,
    pub flags: Vec<(PostingFlag, u64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_url_reads_back_to_the_same_search() {
        let q = JobQuery::from_query_string(
            "q=%E4%BB%8B%E8%AD%B7+%E4%BA%8B%E5%8B%99&pref=13&pref=14&occ=e&emp=part_time\
             &cat=part_time&wage_form=hourly&wage=1200&holidays=120&flag=no_experience\
             &self=1&new=7&sort=wage&per=50&page=3&utm_source=x",
        )
        .unwrap();
        assert_eq!(q.q, "介護 事務");
        assert_eq!(q.prefectures.len(), 2);
        assert_eq!(q.groups, ['E']);
        assert_eq!(q.employment, [EmploymentType::PartTime]);
        assert_eq!(q.wage, Some((WageForm::Hourly, 1200)));
        assert_eq!(q.flags, [PostingFlag::NoExperience]);
        assert!(q.self_application);
        assert_eq!((q.sort, q.per_page, q.page), (Sort::Wage, 50, 3));
        let again = JobQuery::from_query_string(&q.to_query_string()).unwrap();
        assert_eq!(again, q);
        assert_eq!(
            JobQuery::from_query_string("").unwrap(),
            JobQuery::default()
        );
        assert_eq!(JobQuery::default().to_query_string(), "");
    }

    #[test]
    fn municipalities_occupation_codes_and_hours_travel_in_the_url() {
        let q = JobQuery::from_query_string(
            "pref=14&city=%E6%A8%AA%E6%B5%9C%E5%B8%82&occ=b-091-01&occ=E&occ=H-201&from=9&until=18&days=5",
        )
        .unwrap();
        assert_eq!(q.cities, ["横浜市"]);
        let two = JobQuery::from_query_string(
            "city=%E6%A8%AA%E6%B5%9C%E5%B8%82%E3%80%80%E5%B7%9D%E5%B4%8E%E5%B8%82",
        )
        .unwrap();
        assert_eq!(two.cities, ["横浜市", "川崎市"]);
        assert_eq!(q.groups, ['E']);
        assert_eq!(q.occupations, ["B-091-01", "H-201"]);
        assert_eq!(
            (q.start_from, q.end_by, q.days_max),
            (Some(9), Some(18), Some(5))
        );
        assert!(q.has_conditions());
        assert_eq!(
            JobQuery::from_query_string(&q.to_query_string()).unwrap(),
            q
        );
        let plain = JobQuery::from_query_string("sort=wage&page=3&per=50").unwrap();
        assert!(!plain.has_conditions());
        assert_eq!(municipality_names("横浜市西区"), ["横浜市西区", "横浜市"]);
        assert_eq!(municipality_names("新宿区"), ["新宿区"]);
        assert_eq!(municipality_names("市川市"), ["市川市"]);
        assert_eq!(occupation_prefixes("B-091-01"), ["B", "B-091", "B-091-01"]);
        assert_eq!(occupation_prefixes("E"), ["E"]);
    }

    #[test]
    fn saved_search_names_are_trimmed_and_limited() {
        assert_eq!(saved_search_name("　東京の介護 ").unwrap(), "東京の介護");
        assert_eq!(saved_search_name("  "), Err(ValidationError::Required));
        assert!(matches!(
            saved_search_name(&"あ".repeat(51)),
            Err(ValidationError::TooLong { max: 50 })
        ));
        assert!(saved_search_name("a\nb").is_err());
    }

    #[test]
    fn bad_parameters_are_named() {
        for (qs, param) in [
            ("pref=48", "pref"),
            ("pref=tokyo", "pref"),
            ("occ=Z", "occ"),
            ("emp=boss", "emp"),
            ("wage=-5", "wage"),
            ("holidays=400", "holidays"),
            ("page=0", "page"),
            ("page=101", "page"),
            ("per=25", "per"),
            ("sort=random", "sort"),
            ("new=0", "new"),
            ("self=maybe", "self"),
            ("city=%E6%96%B0%E5%AE%BF", "city"),
            ("city=a%3Bb%E5%B8%82", "city"),
            ("occ=B-91", "occ"),
            ("occ=B-091-01-1", "occ"),
            ("occ=Z-091", "occ"),
            ("from=24", "from"),
            ("until=0", "until"),
            ("from=18&until=9", "until"),
            ("days=8", "days"),
        ] {
            assert_eq!(
                JobQuery::from_query_string(qs).unwrap_err().param,
                param,
                "{qs}"
            );
        }
        let long = format!("q={}", encode(&"介".repeat(101)));
        assert_eq!(JobQuery::from_query_string(&long).unwrap_err().param, "q");
    }

    #[test]
    fn empty_fields_and_relevance_without_keywords_fall_back() {
        let q = JobQuery::from_query_string("q=&pref=&sort=relevance").unwrap();
        assert_eq!(q, JobQuery::default());
        let q = JobQuery::from_query_string("wage=250000").unwrap();
        assert_eq!(q.wage, Some((WageForm::Monthly, 250_000)));
    }

    #[test]
    fn encoding_round_trips_any_text() {
        for text in ["介護 事務", "a+b&c=d", "100%", "%zz", "ｶﾀｶﾅ"] {
            assert_eq!(decode(&encode(text)), text);
        }
        assert_eq!(decode("%E4%BB%8B"), "介");
        assert_eq!(decode("%E4"), "\u{FFFD}");
        assert_eq!(decode("%"), "%");
    }
}
