//! The posting editor's form: every field of the 求人票 as typed, in the
//! steps of the official form (区分, 事業所, 仕事内容, 賃金, 労働時間,
//! 保険・定年等, 選考), and its reading into a [`Posting`].
//!
//! Reading checks the shape of each field (a number where a number
//! belongs, a known code, a length limit); what a complete and lawful
//! posting must say is the linter's ([`crate::lint`]). A draft is saved
//! when it reads; it is submitted when the linter is quiet too.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    AgeLimit, Allowance, ContractTerm, Disclosure, EmploymentType, FixedOvertime, Insurance,
    MAX_SHIFTS, PostingCategory, PostingFlag, PostingStatus, PostingTerms, Shift, WageForm,
    WorkArrangement,
};
use crate::ValidationError;
use crate::lint::{Finding, Rule};
use crate::prefecture::Prefecture;
use crate::records::Posting;
use crate::seeker::{entries, long_text, optional_line};

crate::coded_enum! {
    /// The steps of the editor, grouped as the official 求人票 is.
    pub enum EditorStep {
        Category = ("category", "区分", "Category"),
        Establishment = ("establishment", "事業所", "Establishment"),
        Work = ("work", "仕事内容", "The work"),
        Wage = ("wage", "賃金", "Wages"),
        Hours = ("hours", "労働時間", "Working hours"),
        Insurance = ("insurance", "保険・定年等", "Insurance and retirement"),
        Selection = ("selection", "選考", "Selection"),
    }
}

impl EditorStep {
    /// The step that holds the input named `field`.
    pub fn of_field(field: &str) -> EditorStep {
        match field {
            "category" | "employment" | "arrangement" | "contract" | "contract_months"
            | "renewal" | "renewal_cap" | "trial_period" => EditorStep::Category,
            "disclosure" | "accepts_referral" | "workplace_named" => EditorStep::Establishment,
            "wage_form"
            | "wage_min"
            | "wage_max"
            | "base_wage_min"
            | "base_wage_max"
            | "allowances"
            | "fixed_overtime"
            | "fixed_overtime_hours"
            | "fixed_overtime_amount"
            | "commute_allowance"
            | "raise"
            | "bonus"
            | "minimum_wage" => EditorStep::Wage,
            "shifts" | "shift1_start" | "shift1_end" | "shift2_start" | "shift2_end"
            | "shift3_start" | "shift3_end" | "break_minutes" | "overtime_hours" | "holidays"
            | "annual_holidays" | "weekly_days" => EditorStep::Hours,
            "insurances" | "retirement_age" | "flags" => EditorStep::Insurance,
            "age_limit" | "age_min" | "age_max" | "age_reason" | "education" | "experience"
            | "licences" | "selection" | "documents" => EditorStep::Selection,
            _ => EditorStep::Work,
        }
    }
}

/// The label of the editor's input `field` (and of the linter's own
/// field names) in Japanese and English.
pub fn field_label(field: &str) -> (&'static str, &'static str) {
    match field {
        "category" => ("求人区分", "Category"),
        "employment" => ("雇用形態", "Employment type"),
        "arrangement" => ("派遣・請負等", "Dispatch or contracting"),
        "contract" => ("雇用期間", "Term of employment"),
        "contract_months" => ("雇用期間（月）", "Term (months)"),
        "renewal" => ("契約更新の条件", "Renewal terms"),
        "renewal_cap" => (
            "更新上限（なしの場合は「なし」）",
            "Cap on renewals (or なし)",
        ),
        "trial_period" => ("試用期間", "Trial period"),
        "disclosure" => ("公開範囲", "Disclosure"),
        "accepts_referral" => (
            "オンラインハローワーク紹介を受け付ける",
            "Accepts online referrals",
        ),
        "workplace_named" => (
            "実際の就業場所を明示できる",
            "The actual workplace can be named",
        ),
        "title" => ("職種", "Job title"),
        "occupation_code" => (
            "職業分類（例: B-091-01）",
            "Occupation code (e.g. B-091-01)",
        ),
        "description" => ("仕事の内容", "Description of the work"),
        "openings" => ("求人数", "Openings"),
        "prefecture" => ("就業場所（都道府県）", "Workplace (prefecture)"),
        "city" => ("就業場所（市区町村）", "Workplace (municipality)"),
        "address" => ("就業場所（番地・建物名）", "Workplace (street address)"),
        "station" => ("最寄り駅", "Nearest station"),
        "walk_minutes" => ("駅から徒歩（分）", "Walk from the station (minutes)"),
        "duty_change_scope" => ("業務の変更の範囲", "Scope of changes to duties"),
        "workplace_change_scope" => ("就業場所の変更の範囲", "Scope of changes to workplace"),
        "wage_form" => ("賃金形態", "Wage form"),
        "wage_min" => ("賃金（下限・手当込み）", "Wage, lowest (with allowances)"),
        "wage_max" => ("賃金（上限・手当込み）", "Wage, highest (with allowances)"),
        "base_wage_min" => ("基本給（下限）", "Base pay, lowest"),
        "base_wage_max" => ("基本給（上限）", "Base pay, highest"),
        "allowances" => (
            "手当（1行に1つ: 名称 金額）",
            "Allowances (one a line: name amount)",
        ),
        "fixed_overtime" => ("固定残業代", "Fixed overtime pay"),
        "fixed_overtime_hours" => ("固定残業代（時間）", "Fixed overtime (hours)"),
        "fixed_overtime_amount" => ("固定残業代（金額）", "Fixed overtime (amount)"),
        "commute_allowance" => ("通勤手当（月額上限）", "Commuting allowance (monthly cap)"),
        "raise" => ("昇給", "Pay raises"),
        "bonus" => ("賞与実績", "Bonus record"),
        "minimum_wage" => ("最低賃金", "Minimum wage"),
        "shifts" => ("就業時間", "Working hours"),
        "shift1_start" => ("就業時間1（始業）", "Shift 1 (start)"),
        "shift1_end" => ("就業時間1（終業）", "Shift 1 (end)"),
        "shift2_start" => ("就業時間2（始業）", "Shift 2 (start)"),
        "shift2_end" => ("就業時間2（終業）", "Shift 2 (end)"),
        "shift3_start" => ("就業時間3（始業）", "Shift 3 (start)"),
        "shift3_end" => ("就業時間3（終業）", "Shift 3 (end)"),
        "break_minutes" => ("休憩時間（分）", "Break (minutes)"),
        "overtime_hours" => ("時間外労働（月平均時間）", "Overtime (hours a month)"),
        "holidays" => ("休日", "Days off"),
        "annual_holidays" => ("年間休日数", "Days off a year"),
        "weekly_days" => ("週の就業日数", "Working days a week"),
        "insurances" => ("加入保険等", "Insurance"),
        "retirement_age" => ("定年", "Retirement age"),
        "flags" => ("求人の特長", "Features"),
        "age_limit" => ("年齢制限", "Age limit"),
        "age_min" => ("年齢（下限）", "Age, lowest"),
        "age_max" => ("年齢（上限）", "Age, highest"),
        "age_reason" => (
            "年齢制限の理由（雇用対策法施行規則 第1条の3第1項）",
            "Reason for the age limit (legal exception)",
        ),
        "education" => ("学歴", "Education"),
        "experience" => ("必要な経験等", "Experience required"),
        "licences" => (
            "必要な免許・資格（1行に1つ）",
            "Licences required (one a line)",
        ),
        "selection" => ("選考方法", "Selection method"),
        "documents" => ("応募書類", "Application documents"),
        _ => ("", ""),
    }
}

/// Limits of the editor's fields, in characters or entries.
pub mod limits {
    pub const TITLE: usize = 60;
    pub const LINE: usize = 100;
    pub const ALLOWANCES: usize = 10;
    pub const LICENCES: usize = 10;
    pub const WAGE_MAX: i64 = 10_000_000;
    pub const OPENINGS_MAX: i64 = 999;
}

/// The 求人票 as typed: every field a string (numbers too, so a half-typed
/// value is kept as it is), checkboxes as booleans and code lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostingForm {
    // 区分
    pub category: String,
    pub employment: String,
    pub arrangement: String,
    /// `indefinite` or `fixed`.
    pub contract: String,
    pub contract_months: String,
    pub renewal: String,
    /// 更新上限: the cap, or なし.
    pub renewal_cap: String,
    pub trial_period: String,
    // 事業所
    /// 公開範囲 `1`, `2` or `3`.
    pub disclosure: String,
    pub accepts_referral: bool,
    pub workplace_named: bool,
    // 仕事内容
    pub title: String,
    pub occupation_code: String,
    pub description: String,
    pub openings: String,
    pub prefecture: String,
    pub city: String,
    pub address: String,
    pub station: String,
    pub walk_minutes: String,
    pub duty_change_scope: String,
    pub workplace_change_scope: String,
    // 賃金
    pub wage_form: String,
    pub wage_min: String,
    pub wage_max: String,
    pub base_wage_min: String,
    pub base_wage_max: String,
    /// One allowance a line: `名称 金額`.
    pub allowances: String,
    pub fixed_overtime_hours: String,
    pub fixed_overtime_amount: String,
    pub commute_allowance: String,
    pub raise: String,
    pub bonus: String,
    // 労働時間: `9:00` and `18:00`; an end at or before the start is the
    // next morning.
    pub shift1_start: String,
    pub shift1_end: String,
    pub shift2_start: String,
    pub shift2_end: String,
    pub shift3_start: String,
    pub shift3_end: String,
    pub break_minutes: String,
    pub overtime_hours: String,
    pub holidays: String,
    pub annual_holidays: String,
    pub weekly_days: String,
    // 保険・定年等
    /// `Insurance` codes.
    pub insurances: Vec<String>,
    pub retirement_age: String,
    /// `PostingFlag` codes.
    pub flags: Vec<String>,
    // 選考
    pub age_min: String,
    pub age_max: String,
    /// An `AgeExceptionReason` code, or empty.
    pub age_reason: String,
    pub education: String,
    pub experience: String,
    /// One licence a line.
    pub licences: String,
    pub selection: String,
    pub documents: String,
}

/// `9:00` from minutes after midnight (a night shift's end past 24:00 is
/// written as the clock shows it the next morning).
fn clock(minute: u16) -> String {
    let m = minute % (24 * 60);
    format!("{}:{:02}", m / 60, m % 60)
}

fn number_text(n: impl ToString) -> String {
    n.to_string()
}

impl PostingForm {
    /// A new posting's form: the establishment's place filled in, the
    /// common choices made.
    pub fn new_for(prefecture: Prefecture, city: &str) -> PostingForm {
        PostingForm {
            category: PostingCategory::FullTime.as_str().to_owned(),
            employment: EmploymentType::Regular.as_str().to_owned(),
            arrangement: WorkArrangement::Direct.as_str().to_owned(),
            contract: "indefinite".to_owned(),
            disclosure: Disclosure::Public.as_str().to_owned(),
            accepts_referral: true,
            workplace_named: true,
            openings: "1".to_owned(),
            prefecture: prefecture.code_str(),
            city: city.to_owned(),
            wage_form: WageForm::Monthly.as_str().to_owned(),
            break_minutes: "60".to_owned(),
            insurances: Insurance::ALL
                .iter()
                .map(|i| i.as_str().to_owned())
                .collect(),
            ..Default::default()
        }
    }

    /// The form of a stored posting, for editing it.
    pub fn from_posting(p: &Posting) -> PostingForm {
        let t = &p.terms;
        let opt = |n: Option<u16>| n.map(number_text).unwrap_or_default();
        let (contract, months, renewal, cap) = match &t.contract {
            ContractTerm::Indefinite => ("indefinite", String::new(), String::new(), String::new()),
            ContractTerm::Fixed {
                months,
                renewal,
                renewal_cap,
            } => (
                "fixed",
                months.to_string(),
                renewal.clone(),
                renewal_cap.clone().unwrap_or_else(|| "なし".to_owned()),
            ),
        };
        let shift = |i: usize| {
            t.shifts
                .get(i)
                .map(|s| (clock(s.start_minute), clock(s.end_minute)))
                .unwrap_or_default()
        };
        let (s1, s2, s3) = (shift(0), shift(1), shift(2));
        let (age_min, age_max, age_reason) = match p.age_limit {
            AgeLimit::None => (String::new(), String::new(), String::new()),
            AgeLimit::Range { min, max, reason } => (
                min.map(number_text).unwrap_or_default(),
                max.map(number_text).unwrap_or_default(),
                reason.map(|r| r.as_str().to_owned()).unwrap_or_default(),
            ),
        };
        let positive = |n: i64| if n > 0 { n.to_string() } else { String::new() };
        PostingForm {
            category: p.category.as_str().to_owned(),
            employment: p.employment.as_str().to_owned(),
            arrangement: p.arrangement.as_str().to_owned(),
            contract: contract.to_owned(),
            contract_months: months,
            renewal,
            renewal_cap: cap,
            trial_period: t.trial_period.clone().unwrap_or_default(),
            disclosure: p.disclosure.as_str().to_owned(),
            accepts_referral: p.accepts_referral,
            workplace_named: p.workplace_named,
            title: p.title.clone(),
            occupation_code: p.occupation_code.clone(),
            description: p.description.clone(),
            openings: p.openings.to_string(),
            prefecture: p.prefecture.code_str(),
            city: p.city.clone(),
            address: t.address.clone(),
            station: p.station.clone().unwrap_or_default(),
            walk_minutes: opt(p.walk_minutes),
            duty_change_scope: t.duty_change_scope.clone(),
            workplace_change_scope: t.workplace_change_scope.clone(),
            wage_form: p.wage_form.as_str().to_owned(),
            wage_min: positive(p.wage_min),
            wage_max: positive(p.wage_max),
            base_wage_min: positive(t.base_wage.0),
            base_wage_max: positive(t.base_wage.1),
            allowances: t
                .allowances
                .iter()
                .map(|a| format!("{} {}", a.name, a.amount))
                .collect::<Vec<_>>()
                .join("\n"),
            fixed_overtime_hours: t
                .fixed_overtime
                .map(|f| f.hours.to_string())
                .unwrap_or_default(),
            fixed_overtime_amount: t
                .fixed_overtime
                .map(|f| f.amount.to_string())
                .unwrap_or_default(),
            commute_allowance: t.commute_allowance.map(number_text).unwrap_or_default(),
            raise: t.raise.clone().unwrap_or_default(),
            bonus: t.bonus.clone().unwrap_or_default(),
            shift1_start: s1.0,
            shift1_end: s1.1,
            shift2_start: s2.0,
            shift2_end: s2.1,
            shift3_start: s3.0,
            shift3_end: s3.1,
            break_minutes: t.break_minutes.to_string(),
            overtime_hours: t.overtime_hours.to_string(),
            holidays: t.holidays.clone(),
            annual_holidays: opt(p.annual_holidays),
            weekly_days: p.weekly_days.map(number_text).unwrap_or_default(),
            insurances: t.insurances.iter().map(|i| i.as_str().to_owned()).collect(),
            retirement_age: t.retirement_age.map(number_text).unwrap_or_default(),
            flags: p.flags.iter().map(|f| f.as_str().to_owned()).collect(),
            age_min,
            age_max,
            age_reason,
            education: t.education.clone(),
            experience: t.experience.clone(),
            licences: t.licences.join("\n"),
            selection: t.selection.clone(),
            documents: t.documents.clone(),
        }
    }

    /// Reads the form into a posting with `status` and the establishment's
    /// `establishment` name, or every field that does not read, each as a
    /// finding naming its input. Dates are left at `today` for the caller
    /// to set.
    pub fn read(
        &self,
        status: PostingStatus,
        establishment: &str,
        today: NaiveDate,
    ) -> Result<Posting, Vec<Finding>> {
        let mut fields = Reader::default();
        let category = fields.code::<PostingCategory>("category", &self.category);
        let employment = fields.code::<EmploymentType>("employment", &self.employment);
        let arrangement = fields.code::<WorkArrangement>("arrangement", &self.arrangement);
        let disclosure = fields.code::<Disclosure>("disclosure", &self.disclosure);
        let wage_form = fields.code::<WageForm>("wage_form", &self.wage_form);
        let prefecture = match self.prefecture.trim() {
            "" => {
                fields.fail("prefecture", ValidationError::Required);
                None
            }
            code => {
                let p = code.parse::<u8>().ok().and_then(Prefecture::from_code);
                if p.is_none() {
                    fields.fail("prefecture", ValidationError::Prefecture);
                }
                p
            }
        };
        let title = fields.text("title", &self.title, limits::TITLE);
        let occupation_code = fields.occupation(&self.occupation_code);
        let description = fields.long("description", &self.description);
        let openings = fields.number("openings", &self.openings, 1, limits::OPENINGS_MAX);
        let city = fields.text("city", &self.city, 50);
        let address = fields.text("address", &self.address, limits::LINE);
        let station = fields.line("station", &self.station, 50);
        let walk_minutes = fields.number("walk_minutes", &self.walk_minutes, 0, 180);
        let duty_change_scope =
            fields.text("duty_change_scope", &self.duty_change_scope, limits::LINE);
        let workplace_change_scope = fields.text(
            "workplace_change_scope",
            &self.workplace_change_scope,
            limits::LINE,
        );
        let contract = match self.contract.trim() {
            "" | "indefinite" => ContractTerm::Indefinite,
            "fixed" => ContractTerm::Fixed {
                months: fields
                    .number("contract_months", &self.contract_months, 1, 60)
                    .unwrap_or(0) as u16,
                renewal: fields.text("renewal", &self.renewal, limits::LINE),
                renewal_cap: {
                    let cap = fields.text("renewal_cap", &self.renewal_cap, limits::LINE);
                    (!cap.is_empty() && cap != "なし").then_some(cap)
                },
            },
            _ => {
                fields.fail("contract", ValidationError::UnknownCode);
                ContractTerm::Indefinite
            }
        };
        let trial_period = fields.line("trial_period", &self.trial_period, limits::LINE);

        let wage = |n: Option<i64>| n.unwrap_or(0);
        let wage_min = wage(fields.number("wage_min", &self.wage_min, 1, limits::WAGE_MAX));
        let wage_max = wage(fields.number("wage_max", &self.wage_max, 1, limits::WAGE_MAX));
        if wage_min > 0 && wage_max > 0 && wage_min > wage_max {
            fields.fail("wage_max", ValidationError::MinAboveMax);
        }
        let base_min =
            wage(fields.number("base_wage_min", &self.base_wage_min, 1, limits::WAGE_MAX));
        let base_max =
            wage(fields.number("base_wage_max", &self.base_wage_max, 1, limits::WAGE_MAX));
        if base_min > 0 && base_max > 0 && base_min > base_max {
            fields.fail("base_wage_max", ValidationError::MinAboveMax);
        }
        let allowances = fields.allowances(&self.allowances);
        let overtime_pay = match (
            fields.number("fixed_overtime_hours", &self.fixed_overtime_hours, 0, 100),
            fields.number(
                "fixed_overtime_amount",
                &self.fixed_overtime_amount,
                0,
                limits::WAGE_MAX,
            ),
        ) {
            (None, None) => None,
            (hours, amount) => Some(FixedOvertime {
                hours: hours.unwrap_or(0) as u16,
                amount: amount.unwrap_or(0),
            }),
        };
        let commute_allowance =
            fields.number("commute_allowance", &self.commute_allowance, 0, 1_000_000);
        let raise = fields.line("raise", &self.raise, limits::LINE);
        let bonus = fields.line("bonus", &self.bonus, limits::LINE);

        let mut shifts = Vec::new();
        for (i, (start, end)) in [
            (&self.shift1_start, &self.shift1_end),
            (&self.shift2_start, &self.shift2_end),
            (&self.shift3_start, &self.shift3_end),
        ]
        .into_iter()
        .enumerate()
        .take(MAX_SHIFTS)
        {
            if let Some(shift) = fields.shift(i + 1, start, end) {
                shifts.push(shift);
            }
        }
        let break_minutes = fields.number("break_minutes", &self.break_minutes, 0, 240);
        let overtime_hours = fields.number("overtime_hours", &self.overtime_hours, 0, 100);
        let holidays = fields.line("holidays", &self.holidays, limits::LINE);
        let annual_holidays = fields.number("annual_holidays", &self.annual_holidays, 0, 365);
        let weekly_days = fields.number("weekly_days", &self.weekly_days, 1, 7);

        let insurances = fields.codes::<Insurance>("insurances", &self.insurances);
        let retirement_age = fields.number("retirement_age", &self.retirement_age, 50, 99);
        let flags = fields.codes::<PostingFlag>("flags", &self.flags);

        let age_min = fields.number("age_min", &self.age_min, 0, 200);
        let age_max = fields.number("age_max", &self.age_max, 0, 200);
        let age_reason = match self.age_reason.trim() {
            "" => None,
            code => match code.parse() {
                Ok(r) => Some(r),
                Err(e) => {
                    fields.fail("age_reason", e);
                    None
                }
            },
        };
        let age_limit = match (age_min, age_max) {
            (None, None) => AgeLimit::None,
            (min, max) => AgeLimit::Range {
                min: min.map(|a| a.min(255) as u8),
                max: max.map(|a| a.min(255) as u8),
                reason: age_reason,
            },
        };
        let education = fields.line("education", &self.education, limits::LINE);
        let experience = fields.long("experience", &self.experience);
        let licences = match entries(&self.licences, &['\n'], limits::LICENCES, 60) {
            Ok(l) => l,
            Err(e) => {
                fields.fail("licences", e);
                Vec::new()
            }
        };
        let selection = fields.line("selection", &self.selection, limits::LINE);
        let documents = fields.line("documents", &self.documents, limits::LINE);

        let errors = fields.errors;
        let (
            Some(category),
            Some(employment),
            Some(arrangement),
            Some(disclosure),
            Some(wage_form),
            Some(prefecture),
        ) = (
            category,
            employment,
            arrangement,
            disclosure,
            wage_form,
            prefecture,
        )
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Posting {
            number: None,
            status,
            disclosure,
            title,
            establishment: Some(establishment.to_owned()),
            category,
            employment,
            arrangement,
            occupation_code,
            description,
            prefecture,
            city,
            station,
            walk_minutes: walk_minutes.map(|w| w as u16),
            wage_form,
            wage_min,
            wage_max,
            flags,
            openings: openings.unwrap_or(0) as u16,
            annual_holidays: annual_holidays.map(|h| h as u16),
            weekly_days: weekly_days.map(|d| d as u8),
            age_limit,
            accepts_referral: self.accepts_referral,
            accepts_self_application: false,
            workplace_named: self.workplace_named,
            terms: PostingTerms {
                address,
                contract,
                duty_change_scope,
                workplace_change_scope,
                trial_period,
                shifts,
                overtime_hours: overtime_hours.unwrap_or(0) as u16,
                break_minutes: break_minutes.unwrap_or(0) as u16,
                holidays: holidays.unwrap_or_default(),
                base_wage: (base_min, base_max),
                allowances,
                fixed_overtime: overtime_pay,
                commute_allowance,
                raise,
                bonus,
                insurances,
                retirement_age: retirement_age.map(|a| a as u8),
                education: education.unwrap_or_default(),
                experience,
                licences,
                selection: selection.unwrap_or_default(),
                documents: documents.unwrap_or_default(),
            },
            accepted_on: today,
            valid_until: today,
        })
    }
}

/// Reads fields one by one, keeping every error.
#[derive(Default)]
struct Reader {
    errors: Vec<Finding>,
}

impl Reader {
    fn fail(&mut self, field: &str, e: ValidationError) {
        self.errors.push(Finding {
            field: field.to_owned(),
            rule: Rule::Invalid(e),
        });
    }

    /// A single line that may be empty while drafting (the linter asks
    /// for it on submit).
    fn text(&mut self, field: &str, raw: &str, max: usize) -> String {
        self.line(field, raw, max).unwrap_or_default()
    }

    fn line(&mut self, field: &str, raw: &str, max: usize) -> Option<String> {
        optional_line(raw, max).unwrap_or_else(|e| {
            self.fail(field, e);
            None
        })
    }

    fn long(&mut self, field: &str, raw: &str) -> String {
        long_text(raw).unwrap_or_else(|e| {
            self.fail(field, e);
            String::new()
        })
    }

    /// A whole number in `min..=max`, written with or without thousands
    /// separators and in full-width digits; empty is `None`.
    fn number(&mut self, field: &str, raw: &str, min: i64, max: i64) -> Option<i64> {
        let digits: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | '円' | ' '))
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                c => c,
            })
            .collect();
        if digits.is_empty() {
            return None;
        }
        match digits.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.fail(field, ValidationError::OutOfRange { min, max });
                None
            }
        }
    }

    fn occupation(&mut self, raw: &str) -> String {
        let code = raw.trim();
        if code.is_empty() {
            return String::new();
        }
        match crate::search::occupation_code(code) {
            Ok(crate::search::Occupation::Code(c)) if c.len() == 8 => c,
            _ => {
                self.fail("occupation_code", ValidationError::UnknownCode);
                String::new()
            }
        }
    }

    fn allowances(&mut self, raw: &str) -> Vec<Allowance> {
        let mut out = Vec::new();
        for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let Some((name, amount)) = line.rsplit_once([' ', '\u{3000}', '\t']) else {
                self.fail("allowances", ValidationError::Required);
                continue;
            };
            let Some(name) = self.line("allowances", name, 30) else {
                continue;
            };
            if let Some(amount) = self.number("allowances", amount, 0, limits::WAGE_MAX) {
                out.push(Allowance { name, amount });
            }
        }
        if out.len() > limits::ALLOWANCES {
            self.fail(
                "allowances",
                ValidationError::TooMany {
                    max: limits::ALLOWANCES,
                },
            );
        }
        out
    }

    /// `H:MM` as minutes after midnight.
    fn minute(raw: &str) -> Option<u16> {
        let raw = raw.trim().replace('：', ":");
        let (h, m) = raw.split_once(':')?;
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60 && m.to_string().len() <= 2).then_some(h * 60 + m)
    }

    fn shift(&mut self, n: usize, start: &str, end: &str) -> Option<Shift> {
        if start.trim().is_empty() && end.trim().is_empty() {
            return None;
        }
        let (Some(s), Some(mut e)) = (Self::minute(start), Self::minute(end)) else {
            let field = if Self::minute(start).is_none() {
                format!("shift{n}_start")
            } else {
                format!("shift{n}_end")
            };
            self.fail(&field, ValidationError::UnknownCode);
            return None;
        };
        if e <= s {
            e += 24 * 60;
        }
        Some(Shift {
            start_minute: s,
            end_minute: e,
        })
    }

    /// A required code of `T`.
    fn code<T: std::str::FromStr<Err = ValidationError>>(
        &mut self,
        field: &str,
        raw: &str,
    ) -> Option<T> {
        let raw = raw.trim();
        if raw.is_empty() {
            self.fail(field, ValidationError::Required);
            return None;
        }
        raw.parse().map_err(|e| self.fail(field, e)).ok()
    }

    fn codes<T: std::str::FromStr + PartialEq + Copy>(
        &mut self,
        field: &str,
        raw: &[String],
    ) -> Vec<T> {
        let mut out: Vec<T> = Vec::new();
        for code in raw {
            match code.parse::<T>() {
                Ok(v) if !out.contains(&v) => out.push(v),
                Ok(_) => {}
                Err(_) => self.fail(field, ValidationError::UnknownCode),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::AgeExceptionReason;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// A complete form as an employer fills it.
    pub(crate) fn filled() -> PostingForm {
        PostingForm {
            title: "介護職員（日勤）".into(),
            occupation_code: "E-361-01".into(),
            description: "特別養護老人ホームでの介護業務です。".into(),
            address: "本郷1丁目2-3".into(),
            duty_change_scope: "法人の定める業務".into(),
            workplace_change_scope: "法人の定める事業所".into(),
            wage_min: "230,000".into(),
            wage_max: "280000".into(),
            shift1_start: "9:00".into(),
            shift1_end: "18:00".into(),
            holidays: "土日祝".into(),
            annual_holidays: "120".into(),
            selection: "書類選考・面接".into(),
            ..PostingForm::new_for(Prefecture::from_code(13).unwrap(), "文京区")
        }
    }

    #[test]
    fn a_filled_form_reads_and_round_trips() {
        let form = filled();
        let p = form
            .read(PostingStatus::Draft, "あおば会", today())
            .unwrap();
        assert_eq!(p.wage_min, 230_000);
        assert_eq!(p.terms.shifts.len(), 1);
        assert_eq!(p.terms.insurances.len(), 4);
        assert_eq!(p.establishment.as_deref(), Some("あおば会"));
        let again = PostingForm::from_posting(&p);
        assert_eq!(
            again
                .read(PostingStatus::Draft, "あおば会", today())
                .unwrap(),
            p
        );
    }

    #[test]
    fn an_empty_draft_reads_so_it_can_be_saved() {
        let form = PostingForm::new_for(Prefecture::from_code(1).unwrap(), "札幌市");
        let p = form.read(PostingStatus::Draft, "x", today()).unwrap();
        assert_eq!(p.title, "");
        assert_eq!(p.wage_min, 0);
    }

    #[test]
    fn broken_fields_are_each_named() {
        let mut form = filled();
        form.wage_min = "abc".into();
        form.wage_max = "-5".into();
        form.shift1_end = "25:00".into();
        form.occupation_code = "看護".into();
        form.category = "weekly".into();
        form.flags = vec!["no_experience".into(), "free_lunch".into()];
        form.title = "あ".repeat(61);
        let errors = form.read(PostingStatus::Draft, "x", today()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|f| f.field.as_str()).collect();
        for f in [
            "category",
            "wage_min",
            "wage_max",
            "shift1_end",
            "occupation_code",
            "flags",
            "title",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn night_shifts_end_the_next_day_and_full_width_digits_read() {
        let mut form = filled();
        form.shift1_start = "22:00".into();
        form.shift1_end = "7:00".into();
        form.wage_min = "２３０，０００".into();
        let p = form.read(PostingStatus::Draft, "x", today()).unwrap();
        assert_eq!(p.terms.shifts[0].end_minute, 31 * 60);
        assert_eq!(p.wage_min, 230_000);
        assert_eq!(PostingForm::from_posting(&p).shift1_end, "7:00");
    }

    #[test]
    fn an_age_limit_keeps_its_reason() {
        let mut form = filled();
        form.age_max = "35".into();
        form.age_reason = "3i".into();
        let p = form.read(PostingStatus::Draft, "x", today()).unwrap();
        assert_eq!(
            p.age_limit,
            AgeLimit::Range {
                min: None,
                max: Some(35),
                reason: Some(AgeExceptionReason::CareerBuilding)
            }
        );
    }

    #[test]
    fn every_field_of_the_form_has_a_label() {
        let json = serde_json::to_value(PostingForm::default()).unwrap();
        for field in json.as_object().unwrap().keys() {
            let (ja, en) = field_label(field);
            assert!(!ja.is_empty() && !en.is_empty(), "{field}");
        }
    }

    #[test]
    fn every_field_belongs_to_a_step() {
        assert_eq!(EditorStep::of_field("age_limit"), EditorStep::Selection);
        assert_eq!(EditorStep::of_field("renewal"), EditorStep::Category);
        assert_eq!(EditorStep::of_field("minimum_wage"), EditorStep::Wage);
        assert_eq!(EditorStep::of_field("title"), EditorStep::Work);
    }
}
