//! The rest of the 求人票: what a posting states beyond the fields that
//! search filters and sorts on. Stored as JSON beside the posting's
//! columns; every field has a default so older rows keep reading.

use serde::{Deserialize, Serialize};

use super::Shift;

crate::coded_enum! {
    /// 加入保険等
    pub enum Insurance {
        Employment = ("employment", "雇用保険", "Employment insurance"),
        WorkAccident = ("work_accident", "労災保険", "Workers' accident insurance"),
        Health = ("health", "健康保険", "Health insurance"),
        Pension = ("pension", "厚生年金", "Employees' pension"),
    }
}

/// 雇用期間: none, or a fixed term with its renewal terms (2024: a cap on
/// renewals must be stated when there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ContractTerm {
    /// 雇用期間の定めなし
    #[default]
    Indefinite,
    /// 雇用期間の定めあり
    Fixed {
        months: u16,
        /// 契約更新の条件 (e.g. 原則更新).
        renewal: String,
        /// 更新上限 (e.g. 通算5年), `None` when there is no cap.
        renewal_cap: Option<String>,
    },
}

/// 固定残業代: the amount and the hours it covers must both be stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedOvertime {
    pub hours: u16,
    pub amount: i64,
}

/// An allowance (手当) paid on top of base pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowance {
    pub name: String,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PostingTerms {
    /// 就業場所: the address after the municipality.
    pub address: String,
    pub contract: ContractTerm,
    /// 業務の変更の範囲 (required since April 2024).
    pub duty_change_scope: String,
    /// 就業場所の変更の範囲 (required since April 2024).
    pub workplace_change_scope: String,
    /// 試用期間
    pub trial_period: Option<String>,
    /// 就業時間: up to three shifts.
    pub shifts: Vec<Shift>,
    /// 時間外労働: average hours a month.
    pub overtime_hours: u16,
    /// 休憩時間 in minutes.
    pub break_minutes: u16,
    /// 休日: the weekly pattern (土日祝, シフト制 …).
    pub holidays: String,
    /// 基本給 range.
    pub base_wage: (i64, i64),
    pub allowances: Vec<Allowance>,
    pub fixed_overtime: Option<FixedOvertime>,
    /// 通勤手当: the monthly maximum, `None` when not paid.
    pub commute_allowance: Option<i64>,
    /// 昇給 (e.g. 前年度実績 月3,000円).
    pub raise: Option<String>,
    /// 賞与実績 (e.g. 年2回 計2.5か月分).
    pub bonus: Option<String>,
    pub insurances: Vec<Insurance>,
    /// 定年
    pub retirement_age: Option<u8>,
    /// 学歴
    pub education: String,
    /// 必要な経験等
    pub experience: String,
    /// 必要な免許・資格
    pub licences: Vec<String>,
    /// 選考方法
    pub selection: String,
    /// 応募書類
    pub documents: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_and_old_rows_read_with_defaults() {
        let terms = PostingTerms {
            address: "本郷1丁目2-3".into(),
            contract: ContractTerm::Fixed {
                months: 12,
                renewal: "原則更新".into(),
                renewal_cap: Some("通算5年".into()),
            },
            shifts: vec![Shift {
                start_minute: 9 * 60,
                end_minute: 18 * 60,
            }],
            fixed_overtime: Some(FixedOvertime {
                hours: 20,
                amount: 30_000,
            }),
            insurances: Insurance::ALL.to_vec(),
            ..Default::default()
        };
        let json = serde_json::to_string(&terms).unwrap();
        assert_eq!(serde_json::from_str::<PostingTerms>(&json).unwrap(), terms);
        let old: PostingTerms = serde_json::from_str("{}").unwrap();
        assert_eq!(old, PostingTerms::default());
    }
}
