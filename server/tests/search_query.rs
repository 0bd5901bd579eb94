//! Every search filter through the real index, on SQLite and PostgreSQL,
//! checked against the same conditions applied to the database rows.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::{Backend, app, backends, empty_database};
use http::StatusCode;
use madoguchi_db::entity::posting;
use madoguchi_db::search::SearchIndex;
use madoguchi_shared::posting::{Disclosure, PostingFlag, PostingStatus, PostingTerms, WageForm};
use madoguchi_shared::search::{JobQuery, Sort};
use madoguchi_shared::tokenizer::normalize;
use sea_orm::EntityTrait;

fn today() -> NaiveDate {
    madoguchi_shared::today_in_japan(chrono::Utc::now())
}

/// What a search must find, decided from the row alone.
fn expected(p: &posting::Model, q: &JobQuery, today: NaiveDate) -> bool {
    if p.status != PostingStatus::Published.as_str()
        || p.valid_until < today
        || p.disclosure == Disclosure::StaffOnly.number()
    {
        return false;
    }
    let name = if p.disclosure == Disclosure::Public.number() {
        p.establishment_name.as_str()
    } else {
        ""
    };
    let text = normalize(&format!(
        "{}\n{}\n{}\n{}",
        p.title, p.description, p.city, name
    ));
    let flags = PostingFlag::unpack(p.flags as u32);
    madoguchi_shared::keyword::words(&q.q).all(|w| text.contains(&normalize(w)))
        && (q.prefectures.is_empty()
            || q.prefectures
                .iter()
                .any(|x| i16::from(x.code()) == p.prefecture_code))
        && (q.cities.is_empty()
            || q.cities.iter().any(|c| {
                p.city == *c
                    || (c.ends_with('市')
                        && p.city.starts_with(c.as_str())
                        && p.city.ends_with('区'))
            }))
        && ((q.groups.is_empty() && q.occupations.is_empty())
            || q.groups.iter().any(|g| p.occupation_code.starts_with(*g))
            || q.occupations
                .iter()
                .any(|c| p.occupation_code.starts_with(c.as_str())))
        && shifts_fit(p, q)
        && q.days_max
            .is_none_or(|d| p.weekly_days.unwrap_or(7) <= i16::from(d))
        && (q.employment.is_empty() || q.employment.iter().any(|e| e.as_str() == p.employment_type))
        && (q.categories.is_empty() || q.categories.iter().any(|c| c.as_str() == p.category))
        && q.flags.iter().all(|f| flags.contains(f))
        && q.wage
            .is_none_or(|(form, min)| p.wage_form == form.as_str() && p.wage_min >= min)
        && q.holidays_min
            .is_none_or(|h| p.annual_holidays.unwrap_or(0) >= h as i16)
        && (!q.self_application || p.accepts_self_application)
        && q.new_within_days
            .is_none_or(|d| (today - p.accepted_on).num_days() <= i64::from(d))
}

/// Whether every shift of the posting lies within the asked hours.
fn shifts_fit(p: &posting::Model, q: &JobQuery) -> bool {
    if q.start_from.is_none() && q.end_by.is_none() {
        return true;
    }
    let terms: PostingTerms = serde_json::from_str(&p.terms).unwrap();
    !terms.shifts.is_empty()
        && terms.shifts.iter().all(|s| {
            q.start_from
                .is_none_or(|h| s.start_minute >= u16::from(h) * 60)
                && q.end_by.is_none_or(|h| s.end_minute <= u16::from(h) * 60)
        })
}

#[tokio::test]
async fn every_filter_narrows_exactly_as_the_rows_say() {
    for backend in backends() {
        let empty = empty_database(backend).await;
        let db = &empty.db;
        let today = today();
        let plan = madoguchi_db::seed::Plan {
            postings: 600,
            seed: 11,
            today,
        };
        madoguchi_db::seed::generate(db, &plan, &mut |_, _, _| {})
            .await
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = SearchIndex::open(dir.path()).unwrap();
        index.sync(db).await.unwrap();
        let rows = posting::Entity::find().all(db).await.unwrap();

        let queries = [
            "",
            "q=介護",
            "q=事務",
            "q=事務 パソコン",
            "q=フォークリフト",
            "q=ｶｲｺﾞ",
            "pref=13",
            "pref=13&pref=27",
            "occ=E",
            "occ=H&occ=K",
            "emp=part_time",
            "emp=regular&cat=full_time",
            "cat=new_graduate",
            "flag=no_experience",
            "flag=no_experience&flag=commute_allowance",
            "flag=near_station&pref=13",
            "wage_form=monthly&wage=250000",
            "wage_form=hourly&wage=1300",
            "holidays=120",
            "self=1",
            "new=7",
            "q=介護&pref=13&emp=regular",
            "occ=B-091",
            "occ=B-091-01&occ=E",
            "from=9",
            "until=18",
            "from=8&until=17",
            "days=3",
            "days=5&emp=part_time",
            "q=存在しない言葉",
        ];
        // Municipalities as the rows have them: a ward, a city with wards
        // and a name in two prefectures.
        let some_city = rows
            .iter()
            .find(|p| p.status == "published" && p.disclosure != 3 && !p.city.contains('市'))
            .map(|p| (p.prefecture_code, p.city.clone()))
            .unwrap();
        let ward = rows
            .iter()
            .find(|p| p.city.contains('市') && p.city.ends_with('区'))
            .map(|p| (p.prefecture_code, p.city.clone()))
            .unwrap();
        let city_of_ward = ward.1[..ward.1.find('市').unwrap() + '市'.len_utf8()].to_owned();
        let city_queries = [
            format!("city={}", some_city.1),
            format!("pref={}&city={}", some_city.0, some_city.1),
            format!(
                "pref={}&city={}",
                if some_city.0 == 1 { 2 } else { 1 },
                some_city.1
            ),
            format!("city={}", ward.1),
            format!("city={city_of_ward}"),
            format!("city={city_of_ward}&city={}", some_city.1),
        ];
        let mut found_by_city = 0;
        for qs in queries.iter().map(|q| q.to_string()).chain(city_queries) {
            let qs = qs.as_str();
            let query = JobQuery::from_query_string(qs).unwrap();
            let want: Vec<&posting::Model> =
                rows.iter().filter(|p| expected(p, &query, today)).collect();
            let query = JobQuery {
                per_page: 50,
                ..query
            };
            let hits = index.search(&query, today).unwrap();
            assert_eq!(hits.total, want.len(), "{backend:?} {qs}");
            if !query.cities.is_empty() {
                found_by_city += hits.total;
            }
            // The benchmark's naive SQL agrees on every filter it has
            // (keywords there are raw LIKE, and hours live in JSON).
            if query.q.is_empty() && query.start_from.is_none() && query.end_by.is_none() {
                let (naive_total, _, _) = madoguchi_db::posting::naive_search(db, &query, today)
                    .await
                    .unwrap();
                assert_eq!(naive_total as usize, want.len(), "{backend:?} naive {qs}");
            }
            // Each condition is met by some postings of the data set (so the
            // comparison is not vacuous), except the two that cannot be.
            let other_prefecture = query.cities == [some_city.1.clone()]
                && !query.prefectures.is_empty()
                && query
                    .prefectures
                    .iter()
                    .all(|p| i16::from(p.code()) != some_city.0);
            let impossible = qs.contains("存在しない") || other_prefecture;
            if impossible {
                assert!(want.is_empty(), "{backend:?} {qs}");
            } else if !qs.contains('&') && qs != "q=ｶｲｺﾞ" {
                // (Half-width kana appear in no generated text: that query
                // checks the folding, found or not.)
                assert!(!want.is_empty(), "{backend:?} {qs}");
            }
            // Newest first, and only postings that should be found.
            let dates: Vec<NaiveDate> = hits
                .posting_ids
                .iter()
                .map(|id| {
                    let p = want
                        .iter()
                        .find(|p| p.id == *id)
                        .unwrap_or_else(|| panic!("{qs}: posting {id} should not be found"));
                    p.accepted_on
                })
                .collect();
            assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{qs}");
            assert_eq!(hits.posting_ids.len(), want.len().min(50), "{qs}");
            // Facet counts agree with the rows.
            let mut by_pref: BTreeMap<u8, u64> = BTreeMap::new();
            let mut by_flag: BTreeMap<PostingFlag, u64> = BTreeMap::new();
            for p in &want {
                *by_pref.entry(p.prefecture_code as u8).or_default() += 1;
                for f in PostingFlag::unpack(p.flags as u32) {
                    *by_flag.entry(f).or_default() += 1;
                }
            }
            assert_eq!(
                hits.facets.prefectures,
                by_pref.into_iter().collect::<Vec<_>>(),
                "{qs}"
            );
            assert_eq!(
                hits.facets.flags,
                by_flag.into_iter().collect::<Vec<_>>(),
                "{qs}"
            );
        }

        assert!(found_by_city > 0, "the municipality queries find postings");

        // Sorting by wage compares forms by their monthly figure; pages
        // follow on without overlap.
        let by_wage = JobQuery {
            sort: Sort::Wage,
            per_page: 20,
            ..Default::default()
        };
        let first = index.search(&by_wage, today).unwrap();
        let second = index.search(&by_wage.with_page(2), today).unwrap();
        let monthly = |id: &i32| {
            let p = rows.iter().find(|p| p.id == *id).unwrap();
            match p.wage_form.parse::<WageForm>().unwrap() {
                WageForm::Monthly => p.wage_min,
                WageForm::Daily => p.wage_min * 21,
                WageForm::Hourly => p.wage_min * 173,
            }
        };
        let wages: Vec<i64> = first
            .posting_ids
            .iter()
            .chain(&second.posting_ids)
            .map(monthly)
            .collect();
        assert!(wages.windows(2).all(|w| w[0] >= w[1]));
        assert!(
            first
                .posting_ids
                .iter()
                .all(|id| !second.posting_ids.contains(id))
        );
    }
}

#[tokio::test]
async fn the_search_function_answers_cards_and_refuses_bad_parameters() {
    for backend in [Backend::Sqlite] {
        let app = app(backend).await;
        let (res, body) = app
            .post_form("/api/postings/search", "qs=q%3D%E4%BB%8B%E8%AD%B7")
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(
            body.contains("\"total\":1") && body.contains("13010-09990000"),
            "{body}"
        );
        for (qs, param) in [
            ("pref%3D99", "pref"),
            ("page%3D0", "page"),
            ("emp%3Dboss", "emp"),
        ] {
            let (res, body) = app
                .post_form("/api/postings/search", &format!("qs={qs}"))
                .await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{qs}");
            assert!(body.contains(&format!("\"field\":\"{param}\"")), "{body}");
        }
        // The page answers 400 in Japanese for a bad condition, 200 otherwise.
        let (res, html) = app.get("/jobs?pref=99").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(html.contains("検索条件に正しくない値があります"));
        let (res, html) = app.get("/jobs?q=%E4%BB%8B%E8%AD%B7&pref=13").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            html.contains("13010-09990000"),
            "results are in the first response"
        );
        assert!(
            !html.contains("13010-09990010"),
            "the staff-only posting never appears"
        );
    }
}

#[tokio::test]
async fn the_posting_page_shows_the_sheet_and_answers_404_and_410() {
    use madoguchi_db::entity::posting;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter};
    for backend in backends() {
        let app = app(backend).await;
        let (res, html) = app.get("/jobs/13010-09990000").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        assert!(html.contains("介護職員（特別養護老人ホーム）"));
        assert!(html.contains("社会福祉法人あおば会"));
        // Rule 6 on every posting page, and schema.org data for search engines.
        assert!(html.contains("この画面で表示される求人情報は雇用契約書ではありません"));
        assert!(
            html.contains(r#"application/ld+json"#) && html.contains(r#""@type":"JobPosting""#)
        );
        assert!(html.contains(r#""value":"13010-09990000""#));
        // 公開範囲 2: the page and its data never name the establishment.
        let anonymous = posting::Entity::find()
            .filter(posting::Column::Disclosure.eq(2))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let (res, html) = app
            .get(&format!("/jobs/{}", anonymous.number.clone().unwrap()))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(!html.contains(&anonymous.establishment_name));
        assert!(!html.contains("hiringOrganization"));
        // Staff-only, drafts and unknown numbers: 404; malformed too.
        for path in [
            "/jobs/13010-09990010",
            "/jobs/13010-99999999",
            "/jobs/not-a-number",
        ] {
            assert_eq!(
                app.get(path).await.0.status(),
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        // Filled: 410 with a page that says so.
        let care = posting::Entity::find()
            .filter(posting::Column::Number.eq("13010-09990000"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut closed: posting::ActiveModel = care.into();
        closed.status = Set("closed".to_owned());
        closed.update(&app.db).await.unwrap();
        let (res, html) = app.get("/jobs/13010-09990000").await;
        assert_eq!(res.status(), StatusCode::GONE);
        assert!(html.contains("この求人の募集は終了しました"));
    }
}
