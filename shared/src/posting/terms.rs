//! The fields of a 求人票 and the rules between them.

use serde::{Deserialize, Serialize};

use crate::ValidationError;

crate::coded_enum! {
    /// 求人区分
    pub enum PostingCategory {
        FullTime = ("full_time", "フルタイム", "Full-time"),
        PartTime = ("part_time", "パート", "Part-time"),
        NewGraduate = ("new_graduate", "新卒・既卒", "New graduates"),
        Seasonal = ("seasonal", "季節", "Seasonal"),
        AwayFromHome = ("away", "出稼ぎ", "Away from home"),
        Disability = ("disability", "障害者", "For people with disabilities"),
    }
}

crate::coded_enum! {
    /// 雇用形態
    pub enum EmploymentType {
        Regular = ("regular", "正社員", "Regular employee"),
        NonRegular = ("non_regular", "正社員以外", "Non-regular employee"),
        PartTime = ("part_time", "パート労働者", "Part-time worker"),
        DispatchFixedTerm = ("dispatch_fixed", "有期雇用派遣労働者", "Fixed-term dispatched worker"),
        DispatchIndefinite = ("dispatch_indefinite", "無期雇用派遣労働者", "Indefinite-term dispatched worker"),
    }
}

impl EmploymentType {
    pub fn is_dispatch(self) -> bool {
        matches!(
            self,
            EmploymentType::DispatchFixedTerm | EmploymentType::DispatchIndefinite
        )
    }
}

crate::coded_enum! {
    /// 派遣・請負: whether the work is dispatched or contracted out.
    pub enum WorkArrangement {
        Direct = ("direct", "派遣・請負ではない", "Direct employment"),
        Dispatch = ("dispatch", "派遣", "Worker dispatch"),
        Contracting = ("contracting", "請負", "Contracting"),
    }
}

crate::coded_enum! {
    /// 公開範囲
    pub enum Disclosure {
        /// 1: public with the establishment's name.
        Public = ("1", "事業所名等を含む求人情報を公開する", "Public, with the employer's name"),
        /// 2: public without name, address and contact until an application exists.
        Anonymous = ("2", "事業所名等を含まない求人情報を公開する", "Public, without the employer's name"),
        /// 3: visible to staff only.
        StaffOnly = ("3", "求人情報を公開しない", "Not public"),
    }
}

impl Disclosure {
    /// 1, 2 or 3, as stored.
    pub fn number(self) -> i16 {
        match self {
            Disclosure::Public => 1,
            Disclosure::Anonymous => 2,
            Disclosure::StaffOnly => 3,
        }
    }

    pub fn from_number(n: i16) -> Option<Disclosure> {
        match n {
            1 => Some(Disclosure::Public),
            2 => Some(Disclosure::Anonymous),
            3 => Some(Disclosure::StaffOnly),
            _ => None,
        }
    }
}

crate::coded_enum! {
    /// The legal exception reasons that allow an age limit
    /// (雇用対策法施行規則 第1条の3第1項 各号).
    pub enum AgeExceptionReason {
        /// 1号: a retirement age is set, and the limit is below it.
        RetirementAge = ("1", "1号（定年年齢を上限）", "No. 1: below the retirement age"),
        /// 2号: a law forbids the work at those ages.
        Statutory = ("2", "2号（法令の規定により年齢制限）", "No. 2: required by law"),
        /// 3号イ: young people for long-term career building, no experience asked.
        CareerBuilding = ("3i", "3号イ（長期勤続によるキャリア形成）", "No. 3-i: long-term career building"),
        /// 3号ロ: passing on skills where an age group is short.
        SkillTransfer = ("3ro", "3号ロ（技能・ノウハウの継承）", "No. 3-ro: passing on skills"),
        /// 3号ハ: artistic or performing roles.
        Artistic = ("3ha", "3号ハ（芸術・芸能の分野）", "No. 3-ha: arts and performance"),
        /// 3号ニ: ages 60 and over, or groups a national policy supports.
        EmploymentPolicy = ("3ni", "3号ニ（高年齢者又は国の施策の対象者）", "No. 3-ni: older people or policy groups"),
    }
}

/// 年齢: none, or a range with its legal reason (docs/domain.md rule 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgeLimit {
    None,
    Range {
        min: Option<u8>,
        max: Option<u8>,
        reason: Option<AgeExceptionReason>,
    },
}

impl AgeLimit {
    /// An age limit must give a legal reason and a sensible range.
    pub fn validate(self) -> Result<(), ValidationError> {
        match self {
            AgeLimit::None => Ok(()),
            AgeLimit::Range { min, max, reason } => {
                if min.is_none() && max.is_none() {
                    return Err(ValidationError::AgeRange);
                }
                for age in [min, max].into_iter().flatten() {
                    if !(15..=99).contains(&age) {
                        return Err(ValidationError::AgeRange);
                    }
                }
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo > hi
                {
                    return Err(ValidationError::AgeRange);
                }
                reason
                    .map(|_| ())
                    .ok_or(ValidationError::AgeLimitWithoutReason)
            }
        }
    }
}

crate::coded_enum! {
    /// The flags shown as chips on result cards.
    pub enum PostingFlag {
        NoExperience = ("no_experience", "経験不問", "No experience needed"),
        NoEducation = ("no_education", "学歴不問", "Any education"),
        NoLicence = ("no_licence", "資格不問", "No licence needed"),
        NoOvertime = ("no_overtime", "時間外労働なし", "No overtime"),
        NoTransfer = ("no_transfer", "転勤なし", "No relocation"),
        CommuteAllowance = ("commute_allowance", "通勤手当あり", "Commuting allowance"),
        NearStation = ("near_station", "駅徒歩10分以内", "≤10 min walk from a station"),
        CarCommute = ("car_commute", "マイカー通勤可", "Commuting by car allowed"),
        ForeignersWelcome = ("foreigners_welcome", "外国人歓迎", "Foreign nationals welcome"),
        TrialEmployment = ("trial_employment", "トライアル雇用併用", "Trial employment"),
        TwoDaysOff = ("two_days_off", "週休二日", "Two days off a week"),
    }
}

impl PostingFlag {
    /// The flag's bit in a stored flag set.
    pub fn bit(self) -> u32 {
        1 << PostingFlag::ALL
            .iter()
            .position(|f| *f == self)
            .expect("in ALL")
    }

    /// Packs flags into the integer stored with the posting.
    pub fn pack(flags: &[PostingFlag]) -> u32 {
        flags.iter().fold(0, |acc, f| acc | f.bit())
    }

    pub fn unpack(bits: u32) -> Vec<PostingFlag> {
        PostingFlag::ALL
            .iter()
            .copied()
            .filter(|f| bits & f.bit() != 0)
            .collect()
    }
}

/// Why online self-application is not possible for a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelfApplicationBlock {
    /// The employer did not switch it on.
    NotEnabled,
    /// 労働者派遣 or 請負 postings never accept it.
    DispatchOrContracting,
    /// The posting cannot name the actual workplace.
    WorkplaceNotNamed,
}

/// docs/domain.md rule 1: online self-application only where the employer
/// switched it on, never for dispatch or contracting, and only where the
/// actual workplace is named.
pub fn self_application_allowed(
    enabled: bool,
    arrangement: WorkArrangement,
    employment: EmploymentType,
    workplace_named: bool,
) -> Result<(), SelfApplicationBlock> {
    if arrangement != WorkArrangement::Direct || employment.is_dispatch() {
        return Err(SelfApplicationBlock::DispatchOrContracting);
    }
    if !workplace_named {
        return Err(SelfApplicationBlock::WorkplaceNotNamed);
    }
    if !enabled {
        return Err(SelfApplicationBlock::NotEnabled);
    }
    Ok(())
}

/// 就業時間: one shift, as minutes after midnight (an end past 24:00 is a
/// night shift that ends the next day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub start_minute: u16,
    pub end_minute: u16,
}

impl Shift {
    pub fn validate(self) -> Result<(), ValidationError> {
        if self.start_minute >= 24 * 60
            || self.end_minute > 48 * 60
            || self.end_minute <= self.start_minute
        {
            return Err(ValidationError::MinAboveMax);
        }
        Ok(())
    }

    /// `9:00〜18:00` (`26:00` for 2:00 the next day).
    pub fn display(self) -> String {
        format!(
            "{}:{:02}〜{}:{:02}",
            self.start_minute / 60,
            self.start_minute % 60,
            self.end_minute / 60,
            self.end_minute % 60
        )
    }
}

/// A posting has at most three shifts.
pub const MAX_SHIFTS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_limit_needs_a_legal_reason() {
        assert_eq!(AgeLimit::None.validate(), Ok(()));
        let without = AgeLimit::Range {
            min: None,
            max: Some(35),
            reason: None,
        };
        assert_eq!(
            without.validate(),
            Err(ValidationError::AgeLimitWithoutReason)
        );
        let with = AgeLimit::Range {
            min: None,
            max: Some(35),
            reason: Some(AgeExceptionReason::CareerBuilding),
        };
        assert_eq!(with.validate(), Ok(()));
    }

    #[test]
    fn age_ranges_must_make_sense() {
        let r = Some(AgeExceptionReason::RetirementAge);
        for (min, max) in [
            (Some(40), Some(30)),
            (None, None),
            (Some(10), None),
            (None, Some(120)),
        ] {
            assert_eq!(
                AgeLimit::Range {
                    min,
                    max,
                    reason: r
                }
                .validate(),
                Err(ValidationError::AgeRange)
            );
        }
    }

    #[test]
    fn self_application_follows_rule_one() {
        use EmploymentType as E;
        use WorkArrangement as W;
        assert_eq!(
            self_application_allowed(true, W::Direct, E::Regular, true),
            Ok(())
        );
        assert_eq!(
            self_application_allowed(false, W::Direct, E::Regular, true),
            Err(SelfApplicationBlock::NotEnabled)
        );
        assert_eq!(
            self_application_allowed(true, W::Dispatch, E::Regular, true),
            Err(SelfApplicationBlock::DispatchOrContracting)
        );
        assert_eq!(
            self_application_allowed(true, W::Contracting, E::PartTime, true),
            Err(SelfApplicationBlock::DispatchOrContracting)
        );
        assert_eq!(
            self_application_allowed(true, W::Direct, E::DispatchFixedTerm, true),
            Err(SelfApplicationBlock::DispatchOrContracting)
        );
        assert_eq!(
            self_application_allowed(true, W::Direct, E::Regular, false),
            Err(SelfApplicationBlock::WorkplaceNotNamed)
        );
    }

    #[test]
    fn flags_pack_and_unpack() {
        let flags = [
            PostingFlag::NoExperience,
            PostingFlag::TwoDaysOff,
            PostingFlag::CarCommute,
        ];
        let bits = PostingFlag::pack(&flags);
        let mut back = PostingFlag::unpack(bits);
        back.sort();
        let mut expected = flags.to_vec();
        expected.sort();
        assert_eq!(back, expected);
        assert_eq!(PostingFlag::ALL.len(), 11);
    }

    #[test]
    fn disclosure_numbers_round_trip() {
        for d in Disclosure::ALL {
            assert_eq!(Disclosure::from_number(d.number()), Some(*d));
        }
        assert_eq!(Disclosure::from_number(4), None);
    }

    #[test]
    fn shifts() {
        let day = Shift {
            start_minute: 9 * 60,
            end_minute: 18 * 60,
        };
        assert_eq!(day.validate(), Ok(()));
        assert_eq!(day.display(), "9:00〜18:00");
        let night = Shift {
            start_minute: 22 * 60,
            end_minute: 30 * 60,
        };
        assert_eq!(night.validate(), Ok(()));
        assert_eq!(night.display(), "22:00〜30:00");
        assert!(
            Shift {
                start_minute: 600,
                end_minute: 600
            }
            .validate()
            .is_err()
        );
        assert!(
            Shift {
                start_minute: 1500,
                end_minute: 1600
            }
            .validate()
            .is_err()
        );
    }
}
