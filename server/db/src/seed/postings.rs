//! Establishments and their postings.

use std::collections::HashMap;

use chrono::Days;
use madoguchi_shared::account::Role;
use madoguchi_shared::posting::{
    AgeExceptionReason, Allowance, ContractTerm, Disclosure, EmploymentType, FixedOvertime,
    Insurance, PostingCategory, PostingFlag, PostingStatus, PostingTerms, Shift, WageForm,
    WorkArrangement, default_valid_until, self_application_allowed,
};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr};

use super::data::{Hours, Municipality, Occupation, PREFECTURE_WEIGHTS, TOWNS, Tables, wage_level};
use super::text::{self, place_stem};
use super::{OfficeRef, Plan, Progress, ROWS_PER_TRANSACTION, insert_in};
use crate::entity::{establishment, posting, search_outbox, user_account};
use madoguchi_shared::establishment::EstablishmentSize;

/// An establishment as later stages need it.
#[derive(Debug, Clone)]
pub struct EstablishmentRef {
    pub id: i32,
    pub office: usize,
    pub prefecture: u8,
    pub municipality: usize,
    pub occupation: usize,
    pub name: String,
    /// The employer user, for establishments with a MyPage.
    pub employer_user: Option<i32>,
}

/// A posting as later stages need it.
#[derive(Debug, Clone, Copy)]
pub struct PostingRef {
    pub id: i32,
    pub establishment: u32,
    /// Published and before its 紹介期限日, 公開範囲 1 or 2.
    pub open: bool,
    pub self_application: bool,
    pub accepts_referral: bool,
}

/// Everything generated so far.
pub struct World<'t> {
    pub tables: &'t Tables,
    pub offices: &'t [OfficeRef],
    pub plan: &'t Plan,
    pub establishments: Vec<EstablishmentRef>,
    pub postings: Vec<PostingRef>,
    /// Cumulative prefecture weights, for drawing a prefecture.
    cumulative: Vec<u32>,
    offices_of: HashMap<u8, Vec<usize>>,
    /// The next 求人番号 serial of each office.
    serials: HashMap<&'static str, u32>,
}

impl<'t> World<'t> {
    pub fn new(tables: &'t Tables, offices: &'t [OfficeRef], plan: &'t Plan) -> World<'t> {
        let mut total = 0;
        let cumulative = PREFECTURE_WEIGHTS
            .iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        let mut offices_of: HashMap<u8, Vec<usize>> = HashMap::new();
        for (i, o) in offices.iter().enumerate() {
            offices_of.entry(o.prefecture).or_default().push(i);
        }
        World {
            tables,
            offices,
            plan,
            establishments: Vec::new(),
            postings: Vec::new(),
            cumulative,
            offices_of,
            serials: HashMap::new(),
        }
    }

    /// A prefecture, weighted by population.
    pub fn prefecture(&self, rng: &mut ChaCha8Rng) -> u8 {
        let total = *self.cumulative.last().expect("47 weights");
        let x = rng.random_range(0..total);
        self.cumulative.partition_point(|c| *c <= x) as u8 + 1
    }

    /// An office of the prefecture.
    pub fn office_in(&self, rng: &mut ChaCha8Rng, prefecture: u8) -> usize {
        *self.offices_of[&prefecture]
            .choose(rng)
            .expect("every prefecture has an office")
    }

    /// A municipality of the prefecture; cities and wards four times as
    /// likely as towns and villages.
    fn municipality(&self, rng: &mut ChaCha8Rng, prefecture: u8) -> usize {
        let list = &self.tables.municipalities[&prefecture];
        loop {
            let i = rng.random_range(0..list.len());
            if list[i].urban || rng.random_bool(0.25) {
                return i;
            }
        }
    }

    pub fn municipality_of(&self, e: &EstablishmentRef) -> &'t Municipality {
        &self.tables.municipalities[&e.prefecture][e.municipality]
    }

    /// The next 求人番号 of an office.
    pub fn next_number(&mut self, office: &'static str) -> String {
        let serial = self.serials.entry(office).or_insert(0);
        *serial += 1;
        format!("{office}-{:08}", *serial)
    }
}

/// Inserts the plan's establishments, and an employer login for each one
/// with a MyPage. Returns (establishments, employer users).
pub async fn establishments(
    db: &DatabaseConnection,
    rng: &mut ChaCha8Rng,
    world: &mut World<'_>,
    progress: Progress<'_>,
) -> Result<(usize, usize), DbErr> {
    let total = world.plan.establishments() as usize;
    let now = super::at(world.plan.today);
    let hash = unusable_password_hash();
    let mut employers = 0;
    let mut serial_of_area: HashMap<&str, u32> = HashMap::new();
    while world.establishments.len() < total {
        let start = world.establishments.len();
        let end = (start + ROWS_PER_TRANSACTION).min(total);
        let mut rows = Vec::with_capacity(end - start);
        let mut refs = Vec::with_capacity(end - start);
        let mut mypage = Vec::with_capacity(end - start);
        for i in start..end {
            // One in each prefecture first, so even a small set covers Japan.
            let prefecture = if i < 47 {
                i as u8 + 1
            } else {
                world.prefecture(rng)
            };
            let office = world.office_in(rng, prefecture);
            let municipality = world.municipality(rng, prefecture);
            let occupation = rng.random_range(0..world.tables.occupations.len());
            let o = &world.tables.occupations[occupation];
            let place = &world.tables.municipalities[&prefecture][municipality];
            let (name, kana) = text::establishment_name(rng, world.tables, o, place);
            let area = &world.offices[office].code[..4];
            let serial = serial_of_area.entry(area).or_insert(0);
            *serial += 1;
            let number = format!("{area}-{:06}-{}", *serial, check_digit(area, *serial));
            let has_mypage = rng.random_bool(0.7);
            let size = *EstablishmentSize::ALL.choose(rng).expect("sizes");
            rows.push(establishment::ActiveModel {
                number: Set(number),
                office_id: Set(world.offices[office].id),
                name: Set(name.clone()),
                name_kana: Set(kana),
                prefecture_code: Set(prefecture.into()),
                city: Set(place.name.to_owned()),
                address: Set(address(rng)),
                industry: Set(o.industry.to_owned()),
                size: Set(size.as_str().to_owned()),
                description: Set(format!(
                    "{}で{}を営んでいます。",
                    place_stem(place.name),
                    o.industry
                )),
                url: Set(None),
                has_mypage: Set(has_mypage),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
            mypage.push(has_mypage);
            refs.push(EstablishmentRef {
                id: 0,
                office,
                prefecture,
                municipality,
                occupation,
                name,
                employer_user: None,
            });
        }
        let txn = crate::begin_write(db).await?;
        let ids = insert_in(&txn, rows).await?;
        let mut users = Vec::new();
        let mut owners = Vec::new();
        for (i, (r, id)) in refs.iter_mut().zip(ids).enumerate() {
            r.id = id;
            if mypage[i] {
                owners.push(start + i);
                users.push(user_account::ActiveModel {
                    email: Set(format!("employer{:07}@example.jp", start + i + 1)),
                    password_hash: Set(hash.clone()),
                    role: Set(Role::Employer.as_str().to_owned()),
                    display_name: Set("採用担当".to_owned()),
                    office_id: Set(None),
                    establishment_id: Set(Some(id)),
                    last_login_at: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    email_verified_at: Set(Some(now)),
                    ..Default::default()
                });
            }
        }
        let user_ids = insert_in(&txn, users).await?;
        txn.commit().await?;
        employers += user_ids.len();
        for (owner, user) in owners.into_iter().zip(user_ids) {
            refs[owner - start].employer_user = Some(user);
        }
        world.establishments.extend(refs);
        progress("establishments", end as u64, total as u64);
    }
    Ok((total, employers))
}

/// A login hash that no password matches: generated accounts exist to be
/// looked at, not logged in to (the demo accounts have real passwords).
pub fn unusable_password_hash() -> String {
    "!generated-account-without-password".to_owned()
}

/// The check digit of a generated 事業所番号 (weights 2..7 over the
/// digits; an illustration, not the official algorithm).
fn check_digit(area: &str, serial: u32) -> u32 {
    let digits = format!("{area}{serial:06}");
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (i as u32 % 6 + 2))
        .sum();
    (11 - sum % 11) % 10
}

fn address(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{}{}丁目{}-{}",
        TOWNS.choose(rng).expect("towns"),
        rng.random_range(1..=5),
        rng.random_range(1..=30),
        rng.random_range(1..=20)
    )
}

/// Inserts the plan's postings with their outbox rows; returns how many.
pub async fn postings(
    db: &DatabaseConnection,
    rng: &mut ChaCha8Rng,
    world: &mut World<'_>,
    progress: Progress<'_>,
) -> Result<usize, DbErr> {
    let total = world.plan.postings as usize;
    let e_count = world.establishments.len();
    let mut done = 0;
    while done < total {
        let end = (done + ROWS_PER_TRANSACTION).min(total);
        let mut rows = Vec::with_capacity(end - done);
        let mut refs = Vec::with_capacity(end - done);
        for i in done..end {
            // Every establishment has a posting; the rest go mostly to
            // the first ones, as some employers post far more than others.
            let e = if i < e_count {
                i
            } else {
                let u: f64 = rng.random();
                ((u * u) * e_count as f64) as usize % e_count
            };
            let (row, r) = posting(rng, world, e);
            rows.push(row);
            refs.push(r);
        }
        let txn = crate::begin_write(db).await?;
        let ids = insert_in(&txn, rows).await?;
        let now = super::at(world.plan.today);
        let outbox = ids.iter().map(|id| search_outbox::ActiveModel {
            posting_id: Set(*id),
            created_at: Set(now),
            ..Default::default()
        });
        insert_in(&txn, outbox.collect()).await?;
        txn.commit().await?;
        for (mut r, id) in refs.into_iter().zip(ids) {
            r.id = id;
            world.postings.push(r);
        }
        done = end;
        progress("postings", done as u64, total as u64);
    }
    Ok(total)
}

fn shifts(rng: &mut ChaCha8Rng, hours: Hours, part_time: bool) -> Vec<Shift> {
    let s = |h: u16, m: u16, eh: u16, em: u16| Shift {
        start_minute: h * 60 + m,
        end_minute: eh * 60 + em,
    };
    if part_time {
        return match hours {
            Hours::Early => vec![s(6, 0, 10, 0), s(7, 0, 12, 0)],
            Hours::Night => vec![s(22, 0, 29, 0)],
            Hours::Short => vec![
                *[s(9, 0, 13, 0), s(10, 0, 15, 0), s(17, 0, 21, 0)]
                    .choose(rng)
                    .expect("shifts"),
            ],
            Hours::Shift => vec![s(9, 0, 14, 0), s(17, 0, 22, 0)],
            _ => vec![
                *[s(9, 0, 15, 0), s(9, 30, 14, 30), s(10, 0, 16, 0)]
                    .choose(rng)
                    .expect("shifts"),
            ],
        };
    }
    match hours {
        Hours::Office => vec![
            *[s(9, 0, 18, 0), s(8, 30, 17, 30), s(9, 30, 18, 30)]
                .choose(rng)
                .expect("shifts"),
        ],
        Hours::Day => vec![
            *[s(8, 0, 17, 0), s(8, 30, 17, 30)]
                .choose(rng)
                .expect("shifts"),
        ],
        Hours::Early => vec![s(6, 0, 15, 0), s(7, 0, 16, 0)],
        Hours::Shift if rng.random_bool(0.5) => {
            vec![s(7, 0, 16, 0), s(10, 0, 19, 0), s(16, 30, 33, 30)]
        }
        Hours::Shift => vec![s(8, 0, 17, 0), s(13, 0, 22, 0)],
        Hours::Night => vec![s(9, 0, 33, 0), s(22, 0, 31, 0)],
        Hours::Short => vec![s(9, 0, 16, 0)],
    }
}

/// Rounds down to a multiple of `step`.
fn round(amount: i64, step: i64) -> i64 {
    amount / step * step
}

fn posting(
    rng: &mut ChaCha8Rng,
    world: &mut World<'_>,
    e: usize,
) -> (posting::ActiveModel, PostingRef) {
    let t = world.tables;
    let today = world.plan.today;
    let est = world.establishments[e].clone();
    // Mostly the establishment's own trade; otherwise another occupation
    // of its industry (a care home also hires cooks and clerks).
    let occupation_index = if rng.random_bool(0.75) {
        est.occupation
    } else {
        let industry = t.occupations[est.occupation].industry;
        let kin: Vec<usize> = (0..t.occupations.len())
            .filter(|i| t.occupations[*i].industry == industry)
            .collect();
        *kin.choose(rng).unwrap_or(&est.occupation)
    };
    let o: &Occupation = &t.occupations[occupation_index];
    let place = world.municipality_of(&est);

    // 求人区分 and 雇用形態.
    let seasonal = o.title.contains("季節");
    let category = match (o.monthly, o.hourly) {
        _ if seasonal => PostingCategory::Seasonal,
        (None, _) => PostingCategory::PartTime,
        (_, None) => PostingCategory::FullTime,
        _ => match rng.random_range(0..100) {
            0..62 => PostingCategory::FullTime,
            62..96 => PostingCategory::PartTime,
            96..99 => PostingCategory::NewGraduate,
            _ => PostingCategory::Disability,
        },
    };
    let part_time = matches!(
        category,
        PostingCategory::PartTime | PostingCategory::Seasonal
    );
    let dispatch_trade = o.code.starts_with(['C', 'H', 'K']);
    let employment = match category {
        PostingCategory::PartTime => EmploymentType::PartTime,
        PostingCategory::NewGraduate => EmploymentType::Regular,
        PostingCategory::Seasonal => EmploymentType::NonRegular,
        _ => match rng.random_range(0..100) {
            0..70 => EmploymentType::Regular,
            70..93 => EmploymentType::NonRegular,
            93..97 if dispatch_trade => EmploymentType::DispatchFixedTerm,
            97..100 if dispatch_trade => EmploymentType::DispatchIndefinite,
            _ => EmploymentType::Regular,
        },
    };
    let arrangement = if employment.is_dispatch() {
        WorkArrangement::Dispatch
    } else if o.code.starts_with(['F', 'H', 'K']) && rng.random_bool(0.03) {
        WorkArrangement::Contracting
    } else {
        WorkArrangement::Direct
    };

    // 賃金: the occupation's range at the prefecture's level.
    let level = wage_level(est.prefecture);
    let (form, wage_min, wage_max) = if part_time {
        let (lo, hi) = o
            .hourly
            .or(o.monthly.map(|(lo, hi)| (lo / 170, hi / 170)))
            .expect("a wage");
        let min = round(
            (lo + rng.random_range(0..=(hi - lo).max(1) / 2)) * level / 100,
            10,
        );
        let max = round(min + rng.random_range(0..=(hi - lo).max(1) / 2), 10);
        (WageForm::Hourly, min.max(1_050), max.max(min.max(1_050)))
    } else {
        let (lo, hi) = o
            .monthly
            .or(o.hourly.map(|(lo, hi)| (lo * 170, hi * 170)))
            .expect("a wage");
        let min = round(
            (lo + rng.random_range(0..=(hi - lo).max(1) / 2)) * level / 100,
            1_000,
        );
        let max = round(min + rng.random_range(0..=(hi - lo).max(1) / 2), 1_000);
        (WageForm::Monthly, min, max)
    };

    // 就業時間 and 休日.
    let shifts = shifts(rng, o.hours, part_time);
    let weekly_days: i16 = if part_time {
        rng.random_range(3..=5)
    } else if matches!(o.hours, Hours::Day | Hours::Shift) && rng.random_bool(0.25) {
        6
    } else {
        5
    };
    let annual_holidays: Option<i16> = match (part_time, weekly_days) {
        (true, _) => None,
        (false, 5) => Some(rng.random_range(105..=125)),
        _ => Some(rng.random_range(85..=100)),
    };
    let overtime: u16 = if rng.random_bool(0.2) {
        0
    } else {
        rng.random_range(3..=25)
    };

    // 就業場所 and access.
    let urban = place.urban;
    let (station, walk) = if !urban && rng.random_bool(0.5) {
        (None, None)
    } else {
        (
            Some(format!("{}駅", text::station_stem(place.name))),
            Some(rng.random_range(1..=25i16)),
        )
    };
    let workplace_named = arrangement == WorkArrangement::Direct || rng.random_bool(0.5);
    let switch_on = rng.random_bool(0.7);
    let self_application =
        self_application_allowed(switch_on, arrangement, employment, workplace_named).is_ok();

    // 年齢: usually none; a limit always with its legal reason.
    let retirement = if part_time { None } else { Some(60u8) };
    let (age_min, age_max, age_reason) = match rng.random_range(0..100) {
        0..7 if retirement.is_some() => {
            (None, Some(59i16), Some(AgeExceptionReason::RetirementAge))
        }
        7..10 if employment == EmploymentType::Regular && o.open_to_beginners() => {
            (None, Some(34i16), Some(AgeExceptionReason::CareerBuilding))
        }
        _ => (None, None, None),
    };

    let beginners = o.open_to_beginners();
    let mut flags = Vec::new();
    if beginners {
        flags.push(PostingFlag::NoExperience);
    }
    if rng.random_bool(0.6) {
        flags.push(PostingFlag::NoEducation);
    }
    if !o.requires_licence() {
        flags.push(PostingFlag::NoLicence);
    }
    if overtime == 0 {
        flags.push(PostingFlag::NoOvertime);
    }
    if rng.random_bool(0.7) {
        flags.push(PostingFlag::NoTransfer);
    }
    let commute = rng.random_bool(0.9);
    if commute {
        flags.push(PostingFlag::CommuteAllowance);
    }
    if walk.is_some_and(|w| w <= 10) {
        flags.push(PostingFlag::NearStation);
    }
    if station.is_none() || (!urban && rng.random_bool(0.6)) || rng.random_bool(0.15) {
        flags.push(PostingFlag::CarCommute);
    }
    if rng.random_bool(0.08) {
        flags.push(PostingFlag::ForeignersWelcome);
    }
    if beginners && rng.random_bool(0.06) {
        flags.push(PostingFlag::TrialEmployment);
    }
    if !part_time && weekly_days <= 5 {
        flags.push(PostingFlag::TwoDaysOff);
    }

    // Status and dates.
    let (status, age_days) = match rng.random_range(0..100) {
        0..80 => (PostingStatus::Published, rng.random_range(0..56)),
        80..81 => (PostingStatus::Published, rng.random_range(95..140)),
        81..85 => (PostingStatus::Expired, rng.random_range(95..200)),
        85..90 => (PostingStatus::Closed, rng.random_range(10..120)),
        90..91 => (PostingStatus::Withdrawn, rng.random_range(10..120)),
        91..95 => (PostingStatus::UnderReview, rng.random_range(0..5)),
        95..98 => (PostingStatus::Draft, rng.random_range(0..20)),
        _ => (PostingStatus::SentBack, rng.random_range(3..20)),
    };
    let numbered = !matches!(
        status,
        PostingStatus::Draft | PostingStatus::UnderReview | PostingStatus::SentBack
    );
    let accepted_on = today - Days::new(age_days);
    let valid_until = default_valid_until(accepted_on);
    let disclosure = match rng.random_range(0..100) {
        0..80 => Disclosure::Public,
        80..95 => Disclosure::Anonymous,
        _ => Disclosure::StaffOnly,
    };
    let number = numbered.then(|| world.next_number(world.offices[est.office].code));

    let mut title = o.title.to_owned();
    match rng.random_range(0..10) {
        0 if beginners => title.push_str("（未経験歓迎）"),
        1 if part_time => title.push_str("（週3日から）"),
        2 => title.push_str(&format!("／{}", place_stem(place.name))),
        3 if employment == EmploymentType::Regular => title.push_str("（正社員）"),
        _ => {}
    }

    let base = if part_time {
        wage_min
    } else {
        round(wage_min * 85 / 100, 1_000)
    };
    let mut allowances = Vec::new();
    if !part_time {
        allowances.push(Allowance {
            name: "職務手当".to_owned(),
            amount: wage_min - base,
        });
    }
    let fixed_overtime =
        (!part_time && overtime >= 20 && rng.random_bool(0.3)).then(|| FixedOvertime {
            hours: 20,
            amount: round(wage_min / 160 * 125 / 100 * 20, 100),
        });
    let contract = if matches!(
        employment,
        EmploymentType::Regular | EmploymentType::DispatchIndefinite
    ) {
        ContractTerm::Indefinite
    } else {
        ContractTerm::Fixed {
            months: *[3u16, 6, 12].choose(rng).expect("months"),
            renewal: "原則更新".to_owned(),
            renewal_cap: rng.random_bool(0.3).then(|| "通算5年".to_owned()),
        }
    };
    let terms = PostingTerms {
        address: address(rng),
        contract,
        duty_change_scope: "会社の定める業務".to_owned(),
        workplace_change_scope: if flags.contains(&PostingFlag::NoTransfer) {
            "変更なし".to_owned()
        } else {
            "会社の定める事業所".to_owned()
        },
        trial_period: rng
            .random_bool(0.6)
            .then(|| "3か月（労働条件は同じ）".to_owned()),
        shifts,
        overtime_hours: overtime,
        break_minutes: if part_time { 15 } else { 60 },
        holidays: if weekly_days == 5 && !matches!(o.hours, Hours::Shift | Hours::Night) {
            "土日祝".to_owned()
        } else {
            "シフト制".to_owned()
        },
        base_wage: (base, round(wage_max * 85 / 100, 10)),
        allowances,
        fixed_overtime,
        commute_allowance: commute.then_some(if part_time { 10_000 } else { 30_000 }),
        raise: (!part_time && rng.random_bool(0.7)).then(|| "前年度実績 月3,000円".to_owned()),
        bonus: (!part_time && rng.random_bool(0.6)).then(|| {
            format!(
                "年2回 計{}.{}か月分",
                rng.random_range(1..=4),
                rng.random_range(0..10)
            )
        }),
        insurances: if part_time && weekly_days < 4 {
            vec![Insurance::Employment, Insurance::WorkAccident]
        } else {
            Insurance::ALL.to_vec()
        },
        retirement_age: retirement,
        education: "不問".to_owned(),
        experience: o.needs[0].to_owned(),
        licences: Vec::new(),
        selection: "書類選考、面接（1回）".to_owned(),
        documents: "履歴書（写真貼付）".to_owned(),
    };

    let now = super::at(accepted_on);
    let accepts_referral = rng.random_bool(0.95);
    let open = status == PostingStatus::Published
        && valid_until >= today
        && disclosure != Disclosure::StaffOnly;
    let model = posting::ActiveModel {
        office_id: Set(world.offices[est.office].id),
        establishment_id: Set(est.id),
        number: Set(number),
        status: Set(status.as_str().to_owned()),
        disclosure: Set(disclosure.number()),
        title: Set(title),
        establishment_name: Set(est.name.clone()),
        category: Set(category.as_str().to_owned()),
        employment_type: Set(employment.as_str().to_owned()),
        arrangement: Set(arrangement.as_str().to_owned()),
        occupation_code: Set(o.code.to_owned()),
        description: Set(text::description(rng, o, place)),
        prefecture_code: Set(est.prefecture.into()),
        city: Set(place.name.to_owned()),
        station: Set(station),
        walk_minutes: Set(walk),
        wage_form: Set(form.as_str().to_owned()),
        wage_min: Set(wage_min),
        wage_max: Set(wage_max),
        flags: Set(PostingFlag::pack(&flags).into()),
        openings: Set(*[1i16, 1, 1, 2, 2, 3, 5].choose(rng).expect("openings")),
        annual_holidays: Set(annual_holidays),
        weekly_days: Set(Some(weekly_days)),
        age_min: Set(age_min),
        age_max: Set(age_max),
        age_reason: Set(age_reason.map(|r| r.as_str().to_owned())),
        accepts_referral: Set(accepts_referral),
        accepts_self_application: Set(switch_on && self_application),
        workplace_named: Set(workplace_named),
        terms: Set(serde_json::to_string(&terms).expect("terms serialise")),
        review_note: Set((status == PostingStatus::SentBack)
            .then(|| "賃金欄の基本給と手当の内訳を記載してください。".to_owned())),
        accepted_on: Set(accepted_on),
        valid_until: Set(valid_until),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let r = PostingRef {
        id: 0,
        establishment: e as u32,
        open,
        self_application,
        accepts_referral,
    };
    (model, r)
}
