//! Seekers and what they do: favourites, saved searches, recommendations
//! from their office, applications with referral letters, messages; and
//! the offices' notices.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use madoguchi_shared::account::Role;
use madoguchi_shared::application::{
    ApplicationMethod, ApplicationStatus, ReferralStatus, default_referral_deadline,
};
use madoguchi_shared::message::{MessageAuthor, NoticeAudience};
use madoguchi_shared::posting::{EmploymentType, WageForm};
use madoguchi_shared::prefecture::Prefecture;
use madoguchi_shared::seeker::{SeekerKind, SeekerProfile, registration_valid_until};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use super::postings::{PostingRef, World, unusable_password_hash};
use super::text;
use super::{OfficeRef, Plan, Progress, ROWS_PER_TRANSACTION, Summary, at, insert_in, insert_rows};
use crate::entity::{
    application, favourite, message, notice, referral, referral_letter, saved_search, seeker,
    user_account,
};

/// One staff login per office, the author of its recommendations and
/// notices. Returns their user ids, in the order of `offices`.
pub async fn staff_accounts(
    db: &DatabaseConnection,
    offices: &[OfficeRef],
    plan: &Plan,
) -> Result<Vec<i32>, DbErr> {
    let now = at(plan.today);
    let rows = offices.iter().map(|o| user_account::ActiveModel {
        email: Set(format!("staff-{}@example.jp", o.code)),
        password_hash: Set(unusable_password_hash()),
        role: Set(Role::Staff.as_str().to_owned()),
        display_name: Set(format!("職業相談員（{}）", o.code)),
        office_id: Set(Some(o.id)),
        establishment_id: Set(None),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        email_verified_at: Set(Some(now)),
        ..Default::default()
    });
    insert_rows(db, rows.collect()).await
}

/// A seeker as the activity stage needs it.
struct SeekerRef {
    id: i32,
    user: i32,
    /// Index into the offices, for registered seekers.
    office: Option<usize>,
    prefecture: u8,
}

pub async fn generate(
    db: &DatabaseConnection,
    rng: &mut ChaCha8Rng,
    world: &World<'_>,
    staff: &[i32],
    out: &mut Summary,
    progress: Progress<'_>,
) -> Result<(), DbErr> {
    let total = world.plan.seekers() as usize;
    let today = world.plan.today;
    let open: Vec<&PostingRef> = world.postings.iter().filter(|p| p.open).collect();
    let mut serials: HashMap<&str, u32> = HashMap::new();
    let mut done = 0;
    while done < total {
        let end = (done + ROWS_PER_TRANSACTION / 4).min(total);
        let txn = crate::begin_write(db).await?;

        // Accounts and profiles.
        let mut users = Vec::new();
        let mut profiles = Vec::new();
        let mut refs = Vec::new();
        for i in done..end {
            let (name, kana) = text::person_name(rng, world.tables);
            let prefecture = world.prefecture(rng);
            let registered = rng.random_bool(0.5);
            let office = registered.then(|| world.office_in(rng, prefecture));
            let joined = today - Days::new(rng.random_range(0..400));
            let created = at(joined);
            users.push(user_account::ActiveModel {
                email: Set(format!("seeker{:07}@example.jp", i + 1)),
                password_hash: Set(unusable_password_hash()),
                role: Set(Role::Seeker.as_str().to_owned()),
                display_name: Set(name.clone()),
                office_id: Set(None),
                establishment_id: Set(None),
                last_login_at: Set(None),
                created_at: Set(created),
                updated_at: Set(created),
                email_verified_at: Set(Some(created)),
                ..Default::default()
            });
            let birth = NaiveDate::from_ymd_opt(
                rng.random_range(1962..=2006),
                rng.random_range(1..=12),
                rng.random_range(1..=28),
            )
            .expect("valid day");
            let wished = world
                .tables
                .occupations
                .choose_multiple(rng, 2)
                .map(|o| o.code.to_owned())
                .collect();
            let part_time = rng.random_bool(0.35);
            let profile = SeekerProfile {
                name: name.clone(),
                name_kana: kana.clone(),
                birth_date: Some(birth.to_string()),
                phone: None,
                wished_occupations: wished,
                wished_prefectures: vec![prefecture],
                wished_employment: vec![if part_time {
                    EmploymentType::PartTime
                } else {
                    EmploymentType::Regular
                }],
                wished_wage: Some(if part_time {
                    (WageForm::Hourly, rng.random_range(105..=150) * 10)
                } else {
                    (WageForm::Monthly, rng.random_range(18..=35) * 10_000)
                }),
                wished_hours: None,
                education: "高等学校卒業".to_owned(),
                work_history: String::new(),
                licences: if rng.random_bool(0.6) {
                    vec!["普通自動車免許".to_owned()]
                } else {
                    Vec::new()
                },
                public: rng.random_bool(0.3),
            };
            let number = office.map(|o| {
                let code = world.offices[o].code;
                let serial = serials.entry(code).or_insert(0);
                *serial += 1;
                format!("{code}-{:08}", *serial)
            });
            let active = registered && rng.random_bool(0.85);
            let wishes = crate::profile::wish_columns(&profile);
            profiles.push(seeker::ActiveModel {
                user_id: Set(0),
                kind: Set(if registered {
                    SeekerKind::Registered
                } else {
                    SeekerKind::InternetOnly
                }
                .as_str()
                .to_owned()),
                seeker_number: Set(number),
                office_id: Set(office.map(|o| world.offices[o].id)),
                name: Set(name),
                name_kana: Set(kana),
                birth_date: Set(Some(birth)),
                phone: Set(Some(format!(
                    "090-{:04}-{:04}",
                    rng.random_range(0..10_000),
                    rng.random_range(0..10_000)
                ))),
                profile: Set(serde_json::to_string(&profile).expect("profile serialises")),
                profile_public: Set(profile.public),
                public_occupations: Set(wishes[0].clone()),
                public_prefectures: Set(wishes[1].clone()),
                public_employment: Set(wishes[2].clone()),
                registration_active: Set(active),
                registration_valid_until: Set(registered.then(|| {
                    if active {
                        registration_valid_until(today)
                    } else {
                        registration_valid_until(joined)
                    }
                })),
                registered_on: Set(registered.then_some(joined)),
                created_at: Set(created),
                updated_at: Set(created),
                ..Default::default()
            });
            refs.push((office, prefecture));
        }
        let user_ids = insert_in(&txn, users).await?;
        for (p, user) in profiles.iter_mut().zip(&user_ids) {
            p.user_id = Set(*user);
        }
        let seeker_ids = insert_in(&txn, profiles).await?;
        out.users += user_ids.len();
        out.seekers += seeker_ids.len();
        let seekers: Vec<SeekerRef> = seeker_ids
            .into_iter()
            .zip(user_ids)
            .zip(refs)
            .map(|((id, user), (office, prefecture))| SeekerRef {
                id,
                user,
                office,
                prefecture,
            })
            .collect();

        // What they do.
        let mut favourites = Vec::new();
        let mut searches = Vec::new();
        let mut referrals = Vec::new();
        // (seeker, posting, status, applied on, from referral #)
        let mut applications: Vec<(
            usize,
            PostingRef,
            ApplicationStatus,
            NaiveDate,
            Option<usize>,
        )> = Vec::new();
        for (si, s) in seekers.iter().enumerate() {
            if open.is_empty() {
                break;
            }
            let mut seen = Vec::new();
            for _ in 0..rng.random_range(0..=5) {
                let p = **open.choose(rng).expect("open postings");
                if seen.contains(&p.id) {
                    continue;
                }
                seen.push(p.id);
                favourites.push(favourite::ActiveModel {
                    seeker_id: Set(s.id),
                    posting_id: Set(p.id),
                    created_at: Set(at(today - Days::new(rng.random_range(0..30)))),
                    ..Default::default()
                });
            }
            if rng.random_bool(0.4) {
                let o = world.tables.occupations.choose(rng).expect("occupations");
                let pref = Prefecture::from_code(s.prefecture).expect("known prefecture");
                let keyword = o.title.split(['（', '(']).next().unwrap_or(o.title);
                searches.push(saved_search::ActiveModel {
                    seeker_id: Set(s.id),
                    name: Set(format!("{}の{}", pref.name_ja(), keyword)),
                    query: Set(format!("q={keyword}&pref={:02}", s.prefecture)),
                    alert: Set(rng.random_bool(0.3)),
                    last_viewed_at: Set(at(today - Days::new(rng.random_range(0..14)))),
                    created_at: Set(at(today - Days::new(rng.random_range(14..90)))),
                    ..Default::default()
                });
            }
            // Recommendations for registered seekers, from their office.
            if let Some(office) = s.office
                && rng.random_bool(0.3)
            {
                for _ in 0..rng.random_range(1..=2) {
                    let Some(p) = pick(rng, &open, |p| {
                        p.accepts_referral
                            && world.establishments[p.establishment as usize]
                                .employer_user
                                .is_some()
                            && !seen.contains(&p.id)
                    }) else {
                        continue;
                    };
                    seen.push(p.id);
                    let (status, age) = match rng.random_range(0..100) {
                        0..35 => (ReferralStatus::Recommended, rng.random_range(0..6)),
                        35..75 => (ReferralStatus::Established, rng.random_range(3..40)),
                        75..90 => (ReferralStatus::Expired, rng.random_range(10..40)),
                        _ => (ReferralStatus::Declined, rng.random_range(3..30)),
                    };
                    let sent = today - Days::new(age);
                    let confirmed = rng.random_bool(0.85);
                    referrals.push(referral::ActiveModel {
                        seeker_id: Set(s.id),
                        posting_id: Set(p.id),
                        office_id: Set(world.offices[office].id),
                        staff_user_id: Set(staff[office]),
                        status: Set(status.as_str().to_owned()),
                        suitability: Set(
                            "希望職種・勤務地・賃金が求人条件に合い、必要な経験もあるため紹介可と判断。"
                                .to_owned(),
                        ),
                        deadline: Set(default_referral_deadline(sent)),
                        employer_confirmed_at: Set(confirmed.then(|| at(sent))),
                        confirmation_note: Set((!confirmed)
                            .then(|| "夜間のため事業所への確認を省略".to_owned())),
                        created_at: Set(at(sent)),
                        updated_at: Set(at(sent)),
                        ..Default::default()
                    });
                    if status == ReferralStatus::Established {
                        let applied = sent + Days::new(rng.random_range(0..=age.min(7)));
                        applications.push((
                            si,
                            *p,
                            application_status(rng),
                            applied,
                            Some(referrals.len() - 1),
                        ));
                    }
                }
            }
            // Online self-applications.
            if rng.random_bool(0.3) {
                for _ in 0..rng.random_range(1..=2) {
                    let Some(p) = pick(rng, &open, |p| p.self_application && !seen.contains(&p.id))
                    else {
                        continue;
                    };
                    seen.push(p.id);
                    let applied = today - Days::new(rng.random_range(0..40));
                    applications.push((si, *p, application_status(rng), applied, None));
                }
            }
        }
        out.favourites += favourites.len();
        out.saved_searches += searches.len();
        insert_in(&txn, favourites).await?;
        insert_in(&txn, searches).await?;
        let referral_ids = insert_in(&txn, referrals).await?;
        out.referrals += referral_ids.len();

        let rows = applications.iter().map(|(si, p, status, applied, from)| {
            let decided = matches!(
                status,
                ApplicationStatus::Hired | ApplicationStatus::NotHired
            );
            application::ActiveModel {
                seeker_id: Set(seekers[*si].id),
                posting_id: Set(p.id),
                referral_id: Set(from.map(|r| referral_ids[r])),
                method: Set(if from.is_some() {
                    ApplicationMethod::OnlineReferral
                } else {
                    ApplicationMethod::SelfApplication
                }
                .as_str()
                .to_owned()),
                status: Set(status.as_str().to_owned()),
                motivation: Set(text::motivation(rng)),
                idempotency_key: Set(None),
                result_sent_on: Set(decided.then(|| (*applied + Days::new(10)).min(today))),
                interview_at: Set(None),
                created_at: Set(at(*applied)),
                updated_at: Set(at(*applied)),
                ..Default::default()
            }
        });
        let rows: Vec<_> = rows.collect();
        let application_ids = insert_in(&txn, rows).await?;
        out.applications += application_ids.len();

        let mut letters = Vec::new();
        let mut messages = Vec::new();
        for ((si, p, status, applied, from), id) in applications.iter().zip(&application_ids) {
            let decided = matches!(
                status,
                ApplicationStatus::Hired | ApplicationStatus::NotHired
            );
            if let Some(r) = from {
                letters.push(referral_letter::ActiveModel {
                    referral_id: Set(referral_ids[*r]),
                    application_id: Set(*id),
                    issued_on: Set(*applied),
                    result: Set(decided.then(|| status.as_str().to_owned())),
                    result_on: Set(decided.then(|| (*applied + Days::new(10)).min(today))),
                    created_at: Set(at(*applied)),
                    ..Default::default()
                });
            }
            let Some(employer) = world.establishments[p.establishment as usize].employer_user
            else {
                continue;
            };
            let days = (today - *applied).num_days().max(1) as u64;
            for k in 0..rng.random_range(0..=3usize) {
                let (author, user, body) = if k % 2 == 0 {
                    (
                        MessageAuthor::Establishment,
                        employer,
                        *text::EMPLOYER_MESSAGES.choose(rng).expect("messages"),
                    )
                } else {
                    (
                        MessageAuthor::Seeker,
                        seekers[*si].user,
                        *text::SEEKER_MESSAGES.choose(rng).expect("messages"),
                    )
                };
                let sent = at(*applied + Days::new((k as u64 + 1).min(days)));
                messages.push(message::ActiveModel {
                    application_id: Set(*id),
                    author: Set(author.as_str().to_owned()),
                    author_user_id: Set(user),
                    body: Set(body.to_owned()),
                    read_at: Set(rng.random_bool(0.7).then_some(sent)),
                    created_at: Set(sent),
                    ..Default::default()
                });
            }
        }
        insert_in(&txn, letters).await?;
        out.messages += messages.len();
        if !messages.is_empty() {
            let mut rows = messages.into_iter().peekable();
            while rows.peek().is_some() {
                let chunk: Vec<_> = rows.by_ref().take(super::ROWS_PER_STATEMENT).collect();
                message::Entity::insert_many(chunk)
                    .exec_without_returning(&txn)
                    .await?;
            }
        }

        // A personal notice for some registered seekers.
        let mut personal = Vec::new();
        for s in &seekers {
            let Some(o) = s.office else { continue };
            if !rng.random_bool(0.1) {
                continue;
            }
            let (title, body) = *text::PERSONAL_NOTICES.choose(rng).expect("notices");
            personal.push(notice::ActiveModel {
                office_id: Set(world.offices[o].id),
                audience: Set(NoticeAudience::OneSeeker.as_str().to_owned()),
                seeker_id: Set(Some(s.id)),
                title: Set(title.to_owned()),
                body: Set(body.to_owned()),
                created_at: Set(at(today - Days::new(rng.random_range(0..20)))),
                ..Default::default()
            });
        }
        out.notices += insert_in(&txn, personal).await?.len();
        txn.commit().await?;
        done = end;
        progress("seekers", done as u64, total as u64);
    }

    // Office-wide notices.
    let mut notices = Vec::new();
    for o in world.offices {
        for (i, (title, body)) in text::SEEKER_NOTICES.iter().enumerate() {
            notices.push(notice::ActiveModel {
                office_id: Set(o.id),
                audience: Set(NoticeAudience::AllSeekers.as_str().to_owned()),
                seeker_id: Set(None),
                title: Set((*title).to_owned()),
                body: Set((*body).to_owned()),
                created_at: Set(at(today - Days::new(3 + 7 * i as u64))),
                ..Default::default()
            });
        }
        for (i, (title, body)) in text::EMPLOYER_NOTICES.iter().enumerate() {
            notices.push(notice::ActiveModel {
                office_id: Set(o.id),
                audience: Set(NoticeAudience::Employers.as_str().to_owned()),
                seeker_id: Set(None),
                title: Set((*title).to_owned()),
                body: Set((*body).to_owned()),
                created_at: Set(at(today - Days::new(5 + 9 * i as u64))),
                ..Default::default()
            });
        }
    }
    out.notices += insert_rows(db, notices).await?.len();
    Ok(())
}

/// A posting meeting `want`, tried a few times; `None` when unlucky.
fn pick<'p>(
    rng: &mut ChaCha8Rng,
    from: &[&'p PostingRef],
    want: impl Fn(&PostingRef) -> bool,
) -> Option<&'p PostingRef> {
    (0..12)
        .map(|_| *from.choose(rng).expect("not empty"))
        .find(|p| want(p))
}

fn application_status(rng: &mut ChaCha8Rng) -> ApplicationStatus {
    match rng.random_range(0..100) {
        0..40 => ApplicationStatus::Applied,
        40..60 => ApplicationStatus::Screening,
        60..75 => ApplicationStatus::Interview,
        75..83 => ApplicationStatus::Hired,
        83..95 => ApplicationStatus::NotHired,
        _ => ApplicationStatus::Withdrawn,
    }
}
