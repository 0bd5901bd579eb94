//! 地域別最低賃金: the minimum wage of each prefecture on a given day,
//! from `shared/data/minimum_wage.tsv` (with its source), and a posting's
//! wage as an hourly figure to compare with it.

use chrono::NaiveDate;

use crate::posting::WageForm;
use crate::prefecture::Prefecture;
use crate::records::Posting;

const TABLE: &str = include_str!("../data/minimum_wage.tsv");

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinimumWage {
    pub prefecture: Prefecture,
    pub yen_per_hour: i64,
    pub effective_from: NaiveDate,
}

/// Every row of the table, in file order.
pub fn table() -> Vec<MinimumWage> {
    TABLE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let row = || -> Option<MinimumWage> {
                Some(MinimumWage {
                    prefecture: Prefecture::from_code(cols.first()?.parse().ok()?)?,
                    yen_per_hour: cols.get(2)?.parse().ok()?,
                    effective_from: NaiveDate::parse_from_str(cols.get(3)?, "%Y-%m-%d").ok()?,
                })
            };
            row().unwrap_or_else(|| panic!("minimum_wage.tsv: bad row {line:?}"))
        })
        .collect()
}

/// The minimum wage in force in `prefecture` on `day`, if the table
/// reaches back that far.
pub fn in_force(prefecture: Prefecture, day: NaiveDate) -> Option<MinimumWage> {
    table()
        .into_iter()
        .filter(|r| r.prefecture == prefecture && r.effective_from <= day)
        .max_by_key(|r| r.effective_from)
}

/// Working minutes of one day: the longest shift less the break.
fn day_minutes(p: &Posting) -> Option<i64> {
    let longest = p
        .terms
        .shifts
        .iter()
        .map(|s| i64::from(s.end_minute) - i64::from(s.start_minute))
        .max()?;
    let minutes = longest - i64::from(p.terms.break_minutes);
    (minutes > 0).then_some(minutes)
}

/// Working days a year: 365 less 年間休日数, or the weekly days × 52.
fn days_a_year(p: &Posting) -> Option<i64> {
    match (p.annual_holidays, p.weekly_days) {
        (Some(h), _) if h < 365 => Some(365 - i64::from(h)),
        (_, Some(d)) if (1..=7).contains(&d) => Some(i64::from(d) * 52),
        _ => None,
    }
}

/// The lowest wage the posting offers as yen per hour (rounded down), as
/// the minimum wage is checked: base pay without 固定残業代, a monthly
/// wage divided by the month's average scheduled hours (年間所定労働日数 ×
/// 1日の所定労働時間 ÷ 12), a daily wage by the day's hours. `None` when
/// the posting does not yet say enough to tell.
pub fn hourly_equivalent(p: &Posting) -> Option<i64> {
    let base = if p.terms.base_wage.0 > 0 {
        p.terms.base_wage.0
    } else {
        p.wage_min - p.terms.fixed_overtime.map_or(0, |f| f.amount)
    };
    if base <= 0 {
        return None;
    }
    match p.wage_form {
        WageForm::Hourly => Some(base),
        WageForm::Daily => Some(base * 60 / day_minutes(p)?),
        WageForm::Monthly => Some(base * 12 * 60 / (days_a_year(p)? * day_minutes(p)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_prefecture_has_a_row_with_a_plausible_amount() {
        let rows = table();
        for p in Prefecture::all() {
            let mine: Vec<_> = rows.iter().filter(|r| r.prefecture == p).collect();
            assert!(!mine.is_empty(), "{p:?}");
            assert!(
                mine.iter().all(|r| (900..=2000).contains(&r.yen_per_hour)),
                "{p:?}"
            );
        }
    }

    #[test]
    fn the_row_in_force_depends_on_the_day() {
        let tokyo = Prefecture::from_code(13).unwrap();
        assert_eq!(
            in_force(tokyo, day("2026-11-25")).unwrap().yen_per_hour,
            1226
        );
        assert_eq!(in_force(tokyo, day("2025-10-02")), None);
        // Akita's 2025 revision took effect only at the end of March 2026.
        let akita = Prefecture::from_code(5).unwrap();
        assert_eq!(in_force(akita, day("2026-03-30")), None);
        assert_eq!(
            in_force(akita, day("2026-03-31")).unwrap().yen_per_hour,
            1031
        );
    }
}
