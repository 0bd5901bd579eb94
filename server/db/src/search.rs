//! The search index of postings: tantivy, embedded in each server process.
//!
//! The database is the source of truth. Every change to a posting writes
//! a row to `search_outbox` in the same transaction; [`SearchIndex::sync`]
//! applies those rows in order and commits, together with the documents,
//! the id of the last row applied (tantivy's commit payload). A crash
//! therefore never leaves the index silently behind: the next sync resumes
//! where the last commit ended. Several app servers sharing one PostgreSQL
//! each keep a complete index in their own data folder.
//!
//! Only postings the public may find are indexed (published, 公開範囲 1 or
//! 2); the validity date is checked at query time, since "today" moves.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use std::ops::Bound;

use madoguchi_shared::keyword::words;
use madoguchi_shared::posting::Shift;
use madoguchi_shared::posting::{
    Disclosure, EmploymentType, PostingCategory, PostingFlag, PostingStatus, WageForm,
};
use madoguchi_shared::search::{
    Facets, JobQuery, OCCUPATION_GROUPS, Sort, municipality_names, occupation_prefixes,
};
use madoguchi_shared::tokenizer::{normalize, tokenize_normalized};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    BooleanQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term, doc};
use tokio::sync::Mutex;

use crate::entity::{posting, search_outbox};

/// The name our Japanese tokenizer is registered under.
const TOKENIZER: &str = "ja";
/// Outbox rows read per batch.
const BATCH: u64 = 1_000;
/// A missing outbox id younger than this may still be committed by a
/// running transaction: sync waits for it rather than skip past it.
const GAP_GRACE_SECONDS: i64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Our tokenizer (shared::tokenizer) in tantivy's terms.
#[derive(Clone, Default)]
struct JapaneseTokenizer {
    tokens: Vec<Token>,
}

struct Tokens<'a> {
    tokens: &'a [Token],
    current: Option<usize>,
}

impl Tokenizer for JapaneseTokenizer {
    type TokenStream<'a> = Tokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens<'a> {
        self.tokens.clear();
        for t in tokenize_normalized(&normalize(text)) {
            self.tokens.push(Token {
                offset_from: 0,
                offset_to: 0,
                position: t.position,
                text: t.text,
                position_length: 1,
            });
        }
        Tokens {
            tokens: &self.tokens,
            current: None,
        }
    }
}

impl TokenStream for Tokens<'_> {
    fn advance(&mut self) -> bool {
        let next = self.current.map_or(0, |i| i + 1);
        self.current = Some(next);
        next < self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.current.unwrap_or(0)]
    }

    fn token_mut(&mut self) -> &mut Token {
        unreachable!("our tokens are not filtered")
    }
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    number: Field,
    title: Field,
    text: Field,
    prefecture: Field,
    wage_min: Field,
    accepted_on: Field,
    valid_until: Field,
    flags: Field,
    /// One value per flag the posting has (its position in `PostingFlag::ALL`).
    flag: Field,
    /// Position in `EmploymentType::ALL`.
    employment: Field,
    /// Position in `PostingCategory::ALL`.
    category: Field,
    /// The occupation group letter as a number (`A` = 0).
    group: Field,
    /// Position in `WageForm::ALL`.
    wage_form: Field,
    /// The wage as a monthly figure, for sorting across forms.
    wage_monthly: Field,
    holidays: Field,
    self_application: Field,
    /// The municipality by name, alone and after the prefecture code
    /// (`新宿区`, `13新宿区`); a ward of a designated city also as the city.
    city: Field,
    /// The occupation code and its prefixes (`B`, `B-091`, `B-091-01`).
    occupation: Field,
    /// The earliest start of a shift, in minutes after midnight.
    shift_start: Field,
    /// The latest end of a shift, in minutes after the day's midnight
    /// (beyond 1440 for night shifts).
    shift_end: Field,
    /// Working days a week (7 when the posting does not say).
    weekly_days: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        number: b.add_text_field("number", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        text: b.add_text_field("text", text),
        prefecture: b.add_u64_field("prefecture", INDEXED | FAST),
        wage_min: b.add_i64_field("wage_min", INDEXED | FAST),
        accepted_on: b.add_i64_field("accepted_on", INDEXED | FAST),
        valid_until: b.add_i64_field("valid_until", INDEXED | FAST),
        flags: b.add_u64_field("flags", FAST),
        flag: b.add_u64_field("flag", INDEXED | FAST),
        employment: b.add_u64_field("employment", INDEXED | FAST),
        category: b.add_u64_field("category", INDEXED | FAST),
        group: b.add_u64_field("group", INDEXED | FAST),
        wage_form: b.add_u64_field("wage_form", INDEXED | FAST),
        wage_monthly: b.add_i64_field("wage_monthly", FAST),
        holidays: b.add_u64_field("holidays", INDEXED | FAST),
        self_application: b.add_u64_field("self_application", INDEXED | FAST),
        city: b.add_text_field("city", STRING),
        occupation: b.add_text_field("occupation", STRING),
        shift_start: b.add_u64_field("shift_start", INDEXED | FAST),
        shift_end: b.add_u64_field("shift_end", INDEXED | FAST),
        weekly_days: b.add_u64_field("weekly_days", INDEXED | FAST),
    };
    (b.build(), fields)
}

fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// The search index of one server process.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    everything: std::sync::Mutex<Option<Everything>>,
}

/// The total and facet counts of the search without conditions, for one
/// index generation and day.
#[derive(Clone)]
struct Everything {
    generation: u64,
    today: NaiveDate,
    total: usize,
    facets: Facets,
}

/// One page of addresses, and the total and facets when counted.
type Collected = (Vec<tantivy::DocAddress>, Option<(usize, Facets)>);

/// Runs a search for one page of addresses and, when `counts`, the total
/// and the facet counts in the same pass.
fn collect<T, C>(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    top: C,
    counts: bool,
) -> tantivy::Result<Collected>
where
    C: tantivy::collector::Collector<Fruit = Vec<(T, tantivy::DocAddress)>>,
{
    if counts {
        let (total, facets, docs) = searcher.search(query, &(Count, FacetCollector, top))?;
        Ok((
            docs.into_iter().map(|(_, a)| a).collect(),
            Some((total, facets)),
        ))
    } else {
        let docs = searcher.search(query, &top)?;
        Ok((docs.into_iter().map(|(_, a)| a).collect(), None))
    }
}

/// Search results: the total and one page of posting ids, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    pub total: usize,
    pub posting_ids: Vec<i32>,
    pub facets: Facets,
}

/// The position of `value` in `all`, as indexed.
fn position_of<T: PartialEq>(all: &[T], value: &T) -> u64 {
    all.iter().position(|v| v == value).unwrap_or(usize::MAX) as u64
}

/// The earliest start and latest end of a posting's shifts, read from its
/// 求人票 terms; a posting without shifts spans the whole day and night,
/// so that no hours filter finds it.
fn shift_span(terms: &str) -> (u64, u64) {
    #[derive(serde::Deserialize)]
    struct ShiftsOnly {
        #[serde(default)]
        shifts: Vec<Shift>,
    }
    let shifts = serde_json::from_str::<ShiftsOnly>(terms)
        .map(|t| t.shifts)
        .unwrap_or_default();
    let start = shifts.iter().map(|s| u64::from(s.start_minute)).min();
    let end = shifts.iter().map(|s| u64::from(s.end_minute)).max();
    match (start, end) {
        (Some(start), Some(end)) => (start, end),
        _ => (0, 48 * 60),
    }
}

/// Counts per prefecture, occupation group, employment type and flag of
/// every matching posting, read from the fast fields.
struct FacetCollector;

struct SegmentFacets {
    prefecture: tantivy::columnar::Column<u64>,
    group: tantivy::columnar::Column<u64>,
    employment: tantivy::columnar::Column<u64>,
    flag: tantivy::columnar::Column<u64>,
    counts: FacetCounts,
}

struct FacetCounts {
    prefecture: [u64; 48],
    group: [u64; 11],
    employment: [u64; 8],
    flag: [u64; 16],
}

impl Default for FacetCounts {
    fn default() -> Self {
        FacetCounts {
            prefecture: [0; 48],
            group: [0; 11],
            employment: [0; 8],
            flag: [0; 16],
        }
    }
}

fn bump(slots: &mut [u64], value: Option<u64>) {
    if let Some(slot) = value.and_then(|v| slots.get_mut(v as usize)) {
        *slot += 1;
    }
}

impl tantivy::collector::Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        Ok(SegmentFacets {
            prefecture: fast.u64("prefecture")?,
            group: fast.u64("group")?,
            employment: fast.u64("employment")?,
            flag: fast.u64("flag")?,
            counts: FacetCounts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FacetCounts>) -> tantivy::Result<Facets> {
        let mut all = FacetCounts::default();
        for s in segments {
            for (a, b) in all.prefecture.iter_mut().zip(s.prefecture) {
                *a += b;
            }
            for (a, b) in all.group.iter_mut().zip(s.group) {
                *a += b;
            }
            for (a, b) in all.employment.iter_mut().zip(s.employment) {
                *a += b;
            }
            for (a, b) in all.flag.iter_mut().zip(s.flag) {
                *a += b;
            }
        }
        Ok(Facets {
            prefectures: (1..=47u8)
                .map(|p| (p, all.prefecture[usize::from(p)]))
                .filter(|(_, n)| *n > 0)
                .collect(),
            groups: OCCUPATION_GROUPS
                .iter()
                .enumerate()
                .map(|(i, (g, _, _))| (*g, all.group[i]))
                .filter(|(_, n)| *n > 0)
                .collect(),
            employment: EmploymentType::ALL
                .iter()
                .enumerate()
                .map(|(i, e)| (*e, all.employment[i]))
                .filter(|(_, n)| *n > 0)
                .collect(),
            flags: PostingFlag::ALL
                .iter()
                .enumerate()
                .map(|(i, f)| (*f, all.flag[i]))
                .filter(|(_, n)| *n > 0)
                .collect(),
        })
    }
}

impl tantivy::collector::SegmentCollector for SegmentFacets {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        bump(&mut self.counts.prefecture, self.prefecture.first(doc));
        bump(&mut self.counts.group, self.group.first(doc));
        bump(&mut self.counts.employment, self.employment.first(doc));
        for flag in self.flag.values_for_doc(doc) {
            bump(&mut self.counts.flag, Some(flag));
        }
    }

    fn harvest(self) -> FacetCounts {
        self.counts
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when missing. An index of an
    /// older schema is removed and built anew by the next sync.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let index = match Index::open_or_create(MmapDirectory::open(dir)?, schema.clone()) {
            Ok(index) => index,
            Err(tantivy::TantivyError::SchemaError(_)) => {
                tracing::warn!("search index schema changed: rebuilding");
                std::fs::remove_dir_all(dir)?;
                std::fs::create_dir_all(dir)?;
                Index::open_or_create(MmapDirectory::open(dir)?, schema)?
            }
            Err(e) => return Err(e.into()),
        };
        index
            .tokenizers()
            .register(TOKENIZER, JapaneseTokenizer::default());
        let writer = index.writer(50_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            everything: std::sync::Mutex::new(None),
        })
    }

    /// The id of the last outbox row the index has applied.
    pub fn applied_up_to(&self) -> Result<i64, SearchError> {
        Ok(self
            .index
            .load_metas()?
            .payload
            .and_then(|p| p.parse().ok())
            .unwrap_or(0))
    }

    fn document(&self, p: &posting::Model) -> Option<TantivyDocument> {
        let public = p.status == PostingStatus::Published.as_str()
            && Disclosure::from_number(p.disclosure) != Some(Disclosure::StaffOnly);
        if !public {
            return None;
        }
        let f = self.fields;
        // 公開範囲 2 hides the establishment: its name must not find it.
        let establishment = if Disclosure::from_number(p.disclosure) == Some(Disclosure::Public) {
            p.establishment_name.as_str()
        } else {
            ""
        };
        let position = |list: &[&str], code: &str| {
            list.iter().position(|c| *c == code).unwrap_or(usize::MAX) as u64
        };
        let employment = position(
            &EmploymentType::ALL
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>(),
            &p.employment_type,
        );
        let category = position(
            &PostingCategory::ALL
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>(),
            &p.category,
        );
        let wage_form = p.wage_form.parse::<WageForm>().unwrap_or(WageForm::Monthly);
        let group = p
            .occupation_code
            .bytes()
            .next()
            .filter(u8::is_ascii_uppercase)
            .map_or(u64::MAX, |b| u64::from(b - b'A'));
        let mut doc = doc!(
            f.id => p.id as u64,
            f.number => p.number.clone().unwrap_or_default(),
            f.title => p.title.clone(),
            f.text => format!("{}\n{}\n{}\n{}", p.title, p.description, p.city, establishment),
            f.prefecture => p.prefecture_code as u64,
            f.wage_min => p.wage_min,
            f.accepted_on => day_number(p.accepted_on),
            f.valid_until => day_number(p.valid_until),
            f.flags => p.flags as u64,
            f.employment => employment,
            f.category => category,
            f.group => group,
            f.wage_form => WageForm::ALL.iter().position(|w| *w == wage_form).unwrap_or(0) as u64,
            f.wage_monthly => madoguchi_shared::suitability::monthly(wage_form, p.wage_min),
            f.holidays => p.annual_holidays.unwrap_or(0).max(0) as u64,
            f.self_application => u64::from(p.accepts_self_application),
        );
        for (i, flag) in PostingFlag::ALL.iter().enumerate() {
            if p.flags as u32 & flag.bit() != 0 {
                doc.add_u64(f.flag, i as u64);
            }
        }
        for name in municipality_names(&p.city) {
            doc.add_text(f.city, name);
            doc.add_text(f.city, format!("{}{name}", p.prefecture_code));
        }
        for code in occupation_prefixes(&p.occupation_code) {
            doc.add_text(f.occupation, code);
        }
        let (start, end) = shift_span(&p.terms);
        doc.add_u64(f.shift_start, start);
        doc.add_u64(f.shift_end, end);
        doc.add_u64(
            f.weekly_days,
            p.weekly_days.map_or(7, |d| d.clamp(1, 7) as u64),
        );
        Some(doc)
    }

    /// Applies the outbox rows written since the last sync, in order, and
    /// makes them searchable. Returns how many rows it applied.
    pub async fn sync(&self, db: &impl ConnectionTrait) -> Result<usize, SearchError> {
        let mut writer = self.writer.lock().await;
        let mut last = self.applied_up_to()?;
        let mut applied = 0;
        loop {
            let rows = search_outbox::Entity::find()
                .filter(search_outbox::Column::Id.gt(last))
                .order_by_asc(search_outbox::Column::Id)
                .limit(BATCH)
                .all(db)
                .await?;
            let mut progressed = false;
            let mut stop = false;
            let mut ids = Vec::new();
            for row in &rows {
                let young = (Utc::now() - row.created_at).num_seconds() < GAP_GRACE_SECONDS;
                if row.id != last + 1 && young {
                    stop = true;
                    break;
                }
                ids.push(row.posting_id);
                last = row.id;
                progressed = true;
            }
            if !ids.is_empty() {
                self.apply(&mut writer, db, &ids).await?;
                applied += ids.len();
            }
            if progressed {
                let mut commit = writer.prepare_commit()?;
                commit.set_payload(&last.to_string());
                commit.commit()?;
            }
            if stop || (rows.len() as u64) < BATCH {
                break;
            }
        }
        if applied > 0 {
            self.reader.reload()?;
        }
        Ok(applied)
    }

    /// Replaces the documents of `posting_ids` with their current state.
    async fn apply(
        &self,
        writer: &mut IndexWriter,
        db: &impl ConnectionTrait,
        posting_ids: &[i32],
    ) -> Result<(), SearchError> {
        let mut unique = posting_ids.to_vec();
        unique.sort_unstable();
        unique.dedup();
        let rows = posting::Entity::find()
            .filter(posting::Column::Id.is_in(unique.clone()))
            .all(db)
            .await?;
        for id in &unique {
            writer.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
        }
        for row in &rows {
            if let Some(doc) = self.document(row) {
                writer.add_document(doc)?;
            }
        }
        Ok(())
    }

    /// Builds the index anew from the posting table (`madoguchi reindex`).
    pub async fn rebuild(&self, db: &impl ConnectionTrait) -> Result<usize, SearchError> {
        let mut writer = self.writer.lock().await;
        // Changes after this point are applied by the next sync again,
        // which is harmless: applying is idempotent.
        let up_to = search_outbox::Entity::find()
            .order_by_desc(search_outbox::Column::Id)
            .one(db)
            .await?
            .map_or(0, |r| r.id);
        writer.delete_all_documents()?;
        let mut after = 0;
        let mut indexed = 0;
        loop {
            let rows = posting::Entity::find()
                .filter(posting::Column::Id.gt(after))
                .order_by_asc(posting::Column::Id)
                .limit(BATCH * 10)
                .all(db)
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            for row in &rows {
                if let Some(doc) = self.document(row) {
                    writer.add_document(doc)?;
                    indexed += 1;
                }
            }
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&up_to.to_string());
        commit.commit()?;
        self.reader.reload()?;
        Ok(indexed)
    }

    /// Postings matching every condition of `query` and still valid on
    /// `today`: one page of ids in the asked order, the total and the
    /// facet counts. Every keyword must match (each word as a phrase of
    /// its bigrams, so two-character words such as 介護 match).
    pub fn search(&self, query: &JobQuery, today: NaiveDate) -> Result<Hits, SearchError> {
        let f = self.fields;
        let clauses = self.clauses(query, today);
        let boolean = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let per_page = usize::from(query.per_page.max(1));
        let offset = (query.page.max(1) as usize - 1) * per_page;
        let top = TopDocs::with_limit(per_page).and_offset(offset);
        // "Every posting" is the most common search and the one with the
        // most hits to count: its total and facets are counted once per
        // index generation and day.
        let generation = searcher.generation().generation_id();
        let everything = !query.has_conditions();
        let cached = if !everything {
            None
        } else {
            self.everything
                .lock()
                .ok()
                .and_then(|c| c.clone())
                .filter(|c| c.generation == generation && c.today == today)
        };
        let counts = cached.is_none();
        let (addresses, counted) = match query.sort {
            Sort::Relevance => collect(&searcher, &boolean, top.order_by_score(), counts)?,
            Sort::Wage => collect(
                &searcher,
                &boolean,
                top.order_by_fast_field::<i64>("wage_monthly", Order::Desc),
                counts,
            )?,
            Sort::Newest => collect(
                &searcher,
                &boolean,
                top.order_by_fast_field::<i64>("accepted_on", Order::Desc),
                counts,
            )?,
        };
        let (total, facets) = match (counted, cached) {
            (Some(counted), _) => {
                if everything && let Ok(mut cache) = self.everything.lock() {
                    *cache = Some(Everything {
                        generation,
                        today,
                        total: counted.0,
                        facets: counted.1.clone(),
                    });
                }
                counted
            }
            (None, Some(c)) => (c.total, c.facets),
            (None, None) => unreachable!("counted when not cached"),
        };
        let mut posting_ids = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_u64()) {
                posting_ids.push(id as i32);
            }
        }
        Ok(Hits {
            total,
            posting_ids,
            facets,
        })
    }

    /// The conditions of `query` on `today`, as tantivy clauses.
    fn clauses(&self, query: &JobQuery, today: NaiveDate) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.valid_until, day_number(today))),
                Bound::Unbounded,
            )),
        )];
        for word in words(&query.q) {
            let terms: Vec<Term> = tokenize_normalized(&normalize(word))
                .into_iter()
                .map(|t| Term::from_field_text(f.text, &t.text))
                .collect();
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms[0].clone(),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            clauses.push((Occur::Must, q));
        }
        let any_of = |field: Field, values: Vec<u64>| -> Box<dyn Query> {
            Box::new(TermSetQuery::new(
                values.into_iter().map(|v| Term::from_field_u64(field, v)),
            ))
        };
        if !query.prefectures.is_empty() {
            let codes = query
                .prefectures
                .iter()
                .map(|p| u64::from(p.code()))
                .collect();
            clauses.push((Occur::Must, any_of(f.prefecture, codes)));
        }
        if !query.groups.is_empty() || !query.occupations.is_empty() {
            let codes = query
                .groups
                .iter()
                .map(|g| g.to_string())
                .chain(query.occupations.iter().cloned())
                .map(|code| Term::from_field_text(f.occupation, &code));
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(codes))));
        }
        if !query.cities.is_empty() {
            let names: Vec<Term> = if query.prefectures.is_empty() {
                query
                    .cities
                    .iter()
                    .map(|c| Term::from_field_text(f.city, c))
                    .collect()
            } else {
                query
                    .prefectures
                    .iter()
                    .flat_map(|p| {
                        query.cities.iter().map(move |c| {
                            Term::from_field_text(f.city, &format!("{}{c}", p.code()))
                        })
                    })
                    .collect()
            };
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(names))));
        }
        if let Some(hour) = query.start_from {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(f.shift_start, u64::from(hour) * 60)),
                    Bound::Unbounded,
                )),
            ));
        }
        if let Some(hour) = query.end_by {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_u64(f.shift_end, u64::from(hour) * 60)),
                )),
            ));
        }
        if let Some(days) = query.days_max {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_u64(f.weekly_days, u64::from(days))),
                )),
            ));
        }
        if !query.employment.is_empty() {
            let list = query
                .employment
                .iter()
                .map(|e| position_of(EmploymentType::ALL, e))
                .collect();
            clauses.push((Occur::Must, any_of(f.employment, list)));
        }
        if !query.categories.is_empty() {
            let list = query
                .categories
                .iter()
                .map(|c| position_of(PostingCategory::ALL, c))
                .collect();
            clauses.push((Occur::Must, any_of(f.category, list)));
        }
        for flag in &query.flags {
            let term = Term::from_field_u64(f.flag, position_of(PostingFlag::ALL, flag));
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        if let Some((form, min)) = query.wage {
            let term = Term::from_field_u64(f.wage_form, position_of(WageForm::ALL, &form));
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.wage_min, min)),
                    Bound::Unbounded,
                )),
            ));
        }
        if let Some(days) = query.holidays_min {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(f.holidays, days.into())),
                    Bound::Unbounded,
                )),
            ));
        }
        if query.self_application {
            let term = Term::from_field_u64(f.self_application, 1);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        if let Some(days) = query.new_within_days {
            let since = day_number(today) - i64::from(days);
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.accepted_on, since)),
                    Bound::Unbounded,
                )),
            ));
        }
        clauses
    }

    /// How many postings match `query` today that were accepted after
    /// `since` (a saved search's new matches).
    pub fn count_since(
        &self,
        query: &JobQuery,
        today: NaiveDate,
        since: NaiveDate,
    ) -> Result<usize, SearchError> {
        Ok(self.accepted_between(query, today, since, today, 0)?.0)
    }

    /// The postings matching `query` today that were accepted after
    /// `after` and by `through` (a saved-search alert's window): how many,
    /// and the ids of the newest `limit`.
    pub fn accepted_between(
        &self,
        query: &JobQuery,
        today: NaiveDate,
        after: NaiveDate,
        through: NaiveDate,
        limit: usize,
    ) -> Result<(usize, Vec<i32>), SearchError> {
        let f = self.fields;
        let mut clauses = self.clauses(query, today);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Excluded(Term::from_field_i64(f.accepted_on, day_number(after))),
                Bound::Included(Term::from_field_i64(f.accepted_on, day_number(through))),
            )),
        ));
        let boolean = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        if limit == 0 {
            return Ok((searcher.search(&boolean, &Count)?, Vec::new()));
        }
        let newest =
            TopDocs::with_limit(limit).order_by_fast_field::<i64>("accepted_on", Order::Desc);
        let (count, docs) = searcher.search(&boolean, &(Count, newest))?;
        let mut ids = Vec::with_capacity(docs.len());
        for (_, address) in docs {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_u64()) {
                ids.push(id as i32);
            }
        }
        Ok((count, ids))
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Records that a posting changed, for every node's search index. Call it
/// in the transaction that changes the posting.
pub async fn record_change(db: &impl ConnectionTrait, posting_id: i32) -> Result<(), DbErr> {
    use sea_orm::ActiveValue::Set;
    search_outbox::Entity::insert(search_outbox::ActiveModel {
        posting_id: Set(posting_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
