//! The legal linter of the 求人票: what a posting must say and must not
//! say, checked while the employer types and again on submit. Each
//! finding names the field and the rule; the user interface words it in
//! the user's language. Pure: the same checks run in the browser and on
//! the server.
//!
//! Rules checked here:
//! - an age limit only with an exception reason of 雇用対策法施行規則
//!   第1条の3第1項 and a sensible range;
//! - expressions that name or favour one sex (男女雇用機会均等法 第5条),
//!   from the word list `shared/data/gendered_terms.tsv`, each with a
//!   neutral alternative;
//! - the items required since April 2024 (労働基準法施行規則 第5条):
//!   the scope of changes to duties and workplace, and for fixed-term
//!   contracts the renewal terms;
//! - 固定残業代 only with both its hours and its amount, and a text that
//!   speaks of fixed overtime pay only where the amounts are stated;
//! - a wage, as an hourly figure, not below the prefecture's minimum wage
//!   on the day of the check (`shared/data/minimum_wage.tsv`);
//! - what every 求人票 must state before it is submitted.

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::posting::ContractTerm;
use crate::records::Posting;

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// The age limit breaks the rule named by the error.
    AgeLimit(ValidationError),
    /// An expression that names or favours one sex, with the neutral one.
    Gendered { found: String, neutral: String },
    /// 業務の変更の範囲 or 就業場所の変更の範囲 is not stated.
    ChangeScope,
    /// A fixed-term contract without its renewal terms (更新の有無・条件).
    RenewalTerms,
    /// 固定残業代 without its hours or its amount.
    FixedOvertime,
    /// The lowest wage, as yen per hour, is below the prefecture's
    /// minimum wage (地域別最低賃金, 最低賃金法 第4条).
    MinimumWage { hourly: i64, minimum: i64 },
    /// A field every posting must fill before it is submitted.
    Required,
    /// A field whose input does not read (the error says why).
    Invalid(ValidationError),
}

/// One finding: the form field (its input name) and the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub field: String,
    pub rule: Rule,
}

const GENDERED: &str = include_str!("../data/gendered_terms.tsv");

/// The word list: (expression, neutral alternative), longest first, so a
/// longer expression is reported rather than the shorter one inside it.
pub fn gendered_terms() -> Vec<(&'static str, &'static str)> {
    let mut terms: Vec<(&str, &str)> = GENDERED
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim(), b.trim()))
        .collect();
    terms.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
    terms
}

/// The gendered expressions in `text`, each once, longest match first.
pub fn gendered_in(text: &str) -> Vec<(&'static str, &'static str)> {
    let mut found: Vec<(&str, &str)> = Vec::new();
    let mut rest = text.to_owned();
    for (term, neutral) in gendered_terms() {
        if rest.contains(term) {
            found.push((term, neutral));
            // Blank it out so a shorter term inside it is not reported too.
            rest = rest.replace(term, &"\u{3000}".repeat(term.chars().count()));
        }
    }
    found
}

/// Every finding for `p` on `today`, in the order of the form.
pub fn lint(p: &Posting, today: chrono::NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut finding = |field: &str, rule: Rule| {
        out.push(Finding {
            field: field.to_owned(),
            rule,
        })
    };
    let t = &p.terms;
    for (field, empty) in [
        ("title", p.title.trim().is_empty()),
        ("occupation_code", p.occupation_code.trim().is_empty()),
        ("description", p.description.trim().is_empty()),
        ("openings", p.openings == 0),
        ("city", p.city.trim().is_empty()),
        ("address", t.address.trim().is_empty()),
        ("wage_min", p.wage_min <= 0),
        ("wage_max", p.wage_max <= 0),
        ("shifts", t.shifts.is_empty()),
        ("holidays", t.holidays.trim().is_empty()),
        ("selection", t.selection.trim().is_empty()),
    ] {
        if empty {
            finding(field, Rule::Required);
        }
    }
    if let Err(e) = p.age_limit.validate() {
        finding("age_limit", Rule::AgeLimit(e));
    }
    for (field, text) in [
        ("title", p.title.as_str()),
        ("description", p.description.as_str()),
        ("experience", t.experience.as_str()),
        ("education", t.education.as_str()),
        ("selection", t.selection.as_str()),
    ] {
        for (found, neutral) in gendered_in(text) {
            finding(
                field,
                Rule::Gendered {
                    found: found.to_owned(),
                    neutral: neutral.to_owned(),
                },
            );
        }
    }
    if t.duty_change_scope.trim().is_empty() {
        finding("duty_change_scope", Rule::ChangeScope);
    }
    if t.workplace_change_scope.trim().is_empty() {
        finding("workplace_change_scope", Rule::ChangeScope);
    }
    if let ContractTerm::Fixed { renewal, .. } = &t.contract
        && renewal.trim().is_empty()
    {
        finding("renewal", Rule::RenewalTerms);
    }
    match t.fixed_overtime {
        Some(f) if f.hours == 0 || f.amount <= 0 => finding("fixed_overtime", Rule::FixedOvertime),
        None if p.description.contains("固定残業") || p.description.contains("みなし残業") => {
            finding("fixed_overtime", Rule::FixedOvertime)
        }
        _ => {}
    }
    if let (Some(hourly), Some(minimum)) = (
        crate::minimum_wage::hourly_equivalent(p),
        crate::minimum_wage::in_force(p.prefecture, today),
    ) && hourly < minimum.yen_per_hour
    {
        finding(
            "minimum_wage",
            Rule::MinimumWage {
                hourly,
                minimum: minimum.yen_per_hour,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::posting::{AgeExceptionReason, AgeLimit, FixedOvertime};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// A posting that breaks no rule.
    fn clean() -> Posting {
        crate::posting::test_posting()
    }

    fn fields(p: &Posting) -> Vec<String> {
        lint(p, today()).into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn a_clean_posting_has_no_findings() {
        assert_eq!(lint(&clean(), today()), vec![]);
    }

    #[test]
    fn each_rule_names_its_field() {
        let mut p = clean();
        p.age_limit = AgeLimit::Range {
            min: None,
            max: Some(35),
            reason: None,
        };
        p.title = "営業マン".to_owned();
        p.terms.duty_change_scope = " ".to_owned();
        p.terms.contract = ContractTerm::Fixed {
            months: 6,
            renewal: String::new(),
            renewal_cap: None,
        };
        p.terms.fixed_overtime = Some(FixedOvertime {
            hours: 0,
            amount: 30_000,
        });
        let found = lint(&p, today());
        assert_eq!(
            fields(&p),
            [
                "age_limit",
                "title",
                "duty_change_scope",
                "renewal",
                "fixed_overtime"
            ]
        );
        assert_eq!(
            found[0].rule,
            Rule::AgeLimit(ValidationError::AgeLimitWithoutReason)
        );
        assert_eq!(
            found[1].rule,
            Rule::Gendered {
                found: "営業マン".to_owned(),
                neutral: "営業職".to_owned()
            }
        );
        // With a legal reason the age limit passes.
        p.age_limit = AgeLimit::Range {
            min: None,
            max: Some(35),
            reason: Some(AgeExceptionReason::RetirementAge),
        };
        assert!(!fields(&p).contains(&"age_limit".to_owned()));
    }

    #[test]
    fn fixed_overtime_pay_needs_hours_and_amount_even_when_only_mentioned() {
        let mut p = clean();
        p.description = "月給には固定残業代を含みます。".to_owned();
        assert_eq!(fields(&p), ["fixed_overtime"]);
        p.terms.fixed_overtime = Some(FixedOvertime {
            hours: 20,
            amount: 35_000,
        });
        assert_eq!(lint(&p, today()), vec![]);
    }

    #[test]
    fn the_word_list_reads_and_offers_neutral_terms() {
        let terms = gendered_terms();
        assert!(terms.len() >= 25);
        assert!(terms.contains(&("看護婦", "看護師")));
        assert!(terms.contains(&("営業マン", "営業職")));
        assert!(terms.iter().all(|(a, b)| !a.is_empty() && !b.is_empty()));
    }

    #[test]
    fn gendered_expressions_are_found_once_with_the_longest_match() {
        assert_eq!(
            gendered_in("看護婦・保母を募集。主婦（夫）歓迎です。"),
            vec![
                ("主婦（夫）歓迎", "家事・育児と両立しやすい"),
                ("看護婦", "看護師"),
                ("保母", "保育士"),
            ]
        );
        assert!(gendered_in("看護師・保育士を募集します。").is_empty());
    }

    #[test]
    fn a_submitted_posting_must_state_the_essentials() {
        let mut p = clean();
        p.title = " ".to_owned();
        p.wage_min = 0;
        p.terms.shifts.clear();
        p.terms.selection.clear();
        assert_eq!(fields(&p), ["title", "wage_min", "shifts", "selection"]);
        assert!(lint(&p, today()).iter().all(|f| f.rule == Rule::Required));
    }

    #[test]
    fn wages_below_the_minimum_wage_are_refused_after_conversion() {
        use crate::posting::WageForm;
        // Tokyo, 2026-11-25: 1,226 yen an hour.
        let mut p = clean();
        p.wage_form = WageForm::Hourly;
        p.wage_min = 1_200;
        p.wage_max = 1_400;
        assert_eq!(
            lint(&p, today()),
            vec![Finding {
                field: "minimum_wage".to_owned(),
                rule: Rule::MinimumWage {
                    hourly: 1_200,
                    minimum: 1_226
                }
            }]
        );
        p.wage_min = 1_226;
        assert_eq!(lint(&p, today()), vec![]);
        // The same amount in Okinawa (1,023 yen) is lawful.
        p.wage_min = 1_100;
        p.prefecture = crate::prefecture::Prefecture::from_code(47).unwrap();
        assert_eq!(lint(&p, today()), vec![]);
        // Monthly: 8 hours a day (9:00–18:00, 1 hour's break), 245 days a
        // year (120 holidays) → 163.3 hours a month.
        p.prefecture = crate::prefecture::Prefecture::from_code(13).unwrap();
        p.wage_form = WageForm::Monthly;
        p.wage_min = 190_000;
        p.wage_max = 220_000;
        assert_eq!(fields(&p), ["minimum_wage"]);
        p.wage_min = 201_000;
        assert_eq!(lint(&p, today()), vec![]);
        // Fixed overtime pay is not part of the base pay that is compared.
        p.terms.fixed_overtime = Some(FixedOvertime {
            hours: 20,
            amount: 30_000,
        });
        assert_eq!(fields(&p), ["minimum_wage"]);
        // Daily: 8 hours at 9,600 yen is 1,200 an hour.
        p.terms.fixed_overtime = None;
        p.wage_form = WageForm::Daily;
        p.wage_min = 9_600;
        p.wage_max = 12_000;
        assert_eq!(fields(&p), ["minimum_wage"]);
        p.wage_min = 10_000;
        assert_eq!(lint(&p, today()), vec![]);
    }
}
