//! `madoguchi bench-search`: the search benchmark. Answers the checked-in
//! queries (`server/bench/queries.tsv`) through the path the server uses
//! (index search, then the cards from the database) and, for a sample of
//! each class, the naive way (`LIKE` in SQL), and prints p50/p95/p99 per
//! class. Timings are printed, never asserted.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use madoguchi_db::search::SearchIndex;
use madoguchi_shared::search::JobQuery;

const QUERIES: &str = include_str!("../bench/queries.tsv");

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Runs every query `rounds` times through the index, and `naive_per_class`
/// queries of each class once the naive way.
pub async fn run(
    db: &madoguchi_db::Db,
    index: &SearchIndex,
    rounds: usize,
    naive_per_class: usize,
) -> anyhow::Result<()> {
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let mut queries: Vec<(&str, JobQuery)> = Vec::new();
    for line in QUERIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (class, qs) = line.split_once('\t').context("class<TAB>query")?;
        let q = JobQuery::from_query_string(qs)
            .map_err(|e| anyhow::anyhow!("{qs}: {} {}", e.param, e.error))?;
        queries.push((class, q));
    }
    println!(
        "{} queries, {} postings in the index, {} cores",
        queries.len(),
        index.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Warm the caches once.
    for (_, q) in &queries {
        index.search(q, today)?;
    }
    let mut fast: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut naive: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut hits: BTreeMap<&str, u64> = BTreeMap::new();
    for _ in 0..rounds {
        for (class, q) in &queries {
            let started = Instant::now();
            let found = index.search(q, today)?;
            let cards = madoguchi_db::posting::public_cards(db, &found.posting_ids, today).await?;
            fast.entry(class).or_default().push(started.elapsed());
            *hits.entry(class).or_default() += found.total as u64;
            anyhow::ensure!(cards.len() <= usize::from(q.per_page));
        }
    }
    for (class, q) in &queries {
        let taken = naive.entry(class).or_default();
        if taken.len() >= naive_per_class {
            continue;
        }
        let started = Instant::now();
        madoguchi_db::posting::naive_search(db, q, today).await?;
        taken.push(started.elapsed());
    }
    println!(
        "{:<18} {:>6} {:>10} {:>9} {:>9} {:>9} {:>11} {:>8}",
        "class", "runs", "avg hits", "p50 ms", "p95 ms", "p99 ms", "naive p50", "ratio"
    );
    let mut all = Vec::new();
    for (class, mut times) in fast {
        times.sort();
        all.extend(times.iter().copied());
        let mut slow = naive.remove(class).unwrap_or_default();
        slow.sort();
        let p50 = percentile(&times, 50.0);
        let naive_p50 = percentile(&slow, 50.0);
        println!(
            "{:<18} {:>6} {:>10} {:>9} {:>9} {:>9} {:>11} {:>7.0}x",
            class,
            times.len(),
            hits[class] / times.len() as u64,
            ms(p50),
            ms(percentile(&times, 95.0)),
            ms(percentile(&times, 99.0)),
            ms(naive_p50),
            naive_p50.as_secs_f64() / p50.as_secs_f64().max(1e-9)
        );
    }
    all.sort();
    println!(
        "{:<18} {:>6} {:>10} {:>9} {:>9} {:>9}",
        "all",
        all.len(),
        "",
        ms(percentile(&all, 50.0)),
        ms(percentile(&all, 95.0)),
        ms(percentile(&all, 99.0))
    );
    Ok(())
}

/// The employer's lists through the server's own code: the applicant list
/// of an establishment with 5,000 applications across 300 postings (the
/// first page, a filter, a name search, a date range) and its posting
/// list, each `rounds` times; prints p50/p95/p99.
pub async fn employer(db: &madoguchi_db::Db, rounds: usize) -> anyhow::Result<()> {
    use madoguchi_db::employer::{ApplicantFilter, applicants};
    use madoguchi_shared::application::{ApplicationMethod, ApplicationStatus};
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let started = Instant::now();
    let est = madoguchi_db::seed::bench::bench_establishment(db).await?;
    println!(
        "employer benchmark: {} postings, {} applications (fixture ready in {:.1} s)",
        madoguchi_db::seed::bench::POSTINGS,
        madoguchi_db::seed::bench::APPLICATIONS,
        started.elapsed().as_secs_f64()
    );
    let first = ApplicantFilter {
        page: 1,
        ..Default::default()
    };
    let filtered = ApplicantFilter {
        status: Some(ApplicationStatus::Screening),
        method: Some(ApplicationMethod::SelfApplication),
        page: 1,
        ..Default::default()
    };
    let named = ApplicantFilter {
        name: Some("山".to_owned()),
        page: 1,
        ..Default::default()
    };
    let dated = ApplicantFilter {
        from: Some(today - chrono::Days::new(30)),
        to: Some(today),
        oldest_first: true,
        page: 2,
        ..Default::default()
    };
    let cases = [
        ("applicants, page 1", &first),
        ("applicants, filter", &filtered),
        ("applicants, name", &named),
        ("applicants, dates", &dated),
    ];
    println!(
        "{:<28} {:>6} {:>8} {:>9} {:>9} {:>9}",
        "list", "runs", "rows", "p50 ms", "p95 ms", "p99 ms"
    );
    for (name, filter) in cases {
        applicants(
            db,
            est,
            filter,
            today,
            madoguchi_shared::application::RESULT_OVERDUE_DAYS,
        )
        .await?;
        let mut times = Vec::with_capacity(rounds);
        let mut rows = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            rows = applicants(
                db,
                est,
                filter,
                today,
                madoguchi_shared::application::RESULT_OVERDUE_DAYS,
            )
            .await?
            .total;
            times.push(t.elapsed());
        }
        report(name, rows, times);
    }
    madoguchi_db::own_posting::list(db, est, today).await?;
    let mut times = Vec::with_capacity(rounds);
    let mut rows = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        rows = madoguchi_db::own_posting::list(db, est, today).await?.len() as u64;
        times.push(t.elapsed());
    }
    report("postings", rows, times);
    Ok(())
}

/// Sorts `times` and prints one row of a timing table.
fn report(name: &str, rows: u64, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{:<28} {:>6} {:>8} {:>9} {:>9} {:>9}",
        name,
        times.len(),
        rows,
        ms(percentile(&times, 50.0)),
        ms(percentile(&times, 95.0)),
        ms(percentile(&times, 99.0))
    );
}

/// The staff console through the server's own code: a seeker's
/// suitability list (top 20 with reasons) for `rounds` registered seekers,
/// a posting's matching seekers of its office for `rounds` published
/// postings, and one office's statistics for this year (and every
/// office's, as an admin sees them), each timed; prints p50/p95/p99.
pub async fn staff(
    db: &madoguchi_db::Db,
    index: &SearchIndex,
    rounds: usize,
) -> anyhow::Result<()> {
    use chrono::Datelike;
    use madoguchi_db::staff::{matching, statistics};
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    // As autovacuum leaves a database that has been running a while.
    madoguchi_db::seed::refresh_statistics(db).await?;
    let fixture = madoguchi_db::seed::bench::staff_fixture(db, rounds, today).await?;
    println!(
        "staff benchmark: {} seekers in the database, {} registered at the office {} ({} valid)",
        fixture.seekers_total, fixture.office_seekers, fixture.office_code, fixture.office_valid
    );
    println!(
        "{:<28} {:>6} {:>8} {:>9} {:>9} {:>9}",
        "staff", "runs", "rows", "p50 ms", "p95 ms", "p99 ms"
    );
    let mut times = Vec::with_capacity(fixture.seekers.len());
    let mut rows = 0;
    for &(seeker, office, actor) in &fixture.seekers {
        let t = Instant::now();
        let list = matching::postings_for_seeker(db, index, actor, office, seeker, today)
            .await?
            .context("a registered seeker of the office")?;
        times.push(t.elapsed());
        rows += list.len() as u64;
    }
    report(
        "suitability, a seeker",
        rows / fixture.seekers.len().max(1) as u64,
        times,
    );
    let mut times = Vec::with_capacity(fixture.postings.len());
    let mut rows = 0;
    for &(posting, office, actor) in &fixture.postings {
        let t = Instant::now();
        let found = matching::posting_for_staff(db, actor, office, posting, today)
            .await?
            .context("a published posting")?;
        times.push(t.elapsed());
        rows += found.matches.len() as u64;
    }
    report(
        "suitability, a posting",
        rows / fixture.postings.len().max(1) as u64,
        times,
    );
    let scopes = [
        (
            "statistics, one office",
            statistics::Scope {
                office_id: Some(fixture.office_id),
                ..Default::default()
            },
        ),
        ("statistics, all offices", statistics::Scope::default()),
    ];
    for (name, scope) in scopes {
        statistics::year(db, scope, today.year(), today).await?;
        let runs = (rounds / 10).max(5);
        let mut times = Vec::with_capacity(runs);
        let mut hires = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let s = statistics::year(db, scope, today.year(), today).await?;
            times.push(t.elapsed());
            hires = s.months.last().map_or(0, |m| m.hires);
        }
        report(name, hires, times);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_benchmark_query_is_a_valid_search_and_there_are_200() {
        let lines: Vec<&str> = super::QUERIES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert!(lines.len() >= 200);
        for line in lines {
            let (_, qs) = line.split_once('\t').expect("class<TAB>query");
            assert!(
                madoguchi_shared::search::JobQuery::from_query_string(qs).is_ok(),
                "{qs}"
            );
        }
    }
}
