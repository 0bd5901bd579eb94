//! `madoguchi`: serve, migrate or seed.

use std::sync::Arc;

use anyhow::Context;
use clap::Parser;
use madoguchi_app::state::AppState;
use madoguchi_db::search::SearchIndex;
use madoguchi_server::settings::{Cli, Command, Settings, UserCommand};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    let settings = cli.settings;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Migrate => {
            open_database(&settings).await?;
            tracing::info!("migrations applied");
        }
        Command::Seed { postings, seed } => {
            let db = open_database(&settings).await?;
            match postings {
                None => self::seed(&db).await?,
                Some(postings) => generate(&db, postings, seed).await?,
            }
            let index = open_index(&settings)?;
            let started = std::time::Instant::now();
            let indexed = index
                .rebuild(&db)
                .await
                .context("building the search index")?;
            tracing::info!(
                postings = indexed,
                seconds = started.elapsed().as_secs_f64(),
                "search index built"
            );
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    office,
                    name,
                },
        } => {
            let db = open_database(&settings).await?;
            add_user(&db, email, role, office, name).await?;
        }
        Command::BenchSearch {
            postings,
            seed,
            rounds,
            naive_per_class,
            only,
        } => {
            anyhow::ensure!(
                matches!(only.as_str(), "all" | "search" | "employer" | "staff"),
                "--only: all, search, employer or staff"
            );
            let db = open_database(&settings).await?;
            let empty = madoguchi_db::posting::count_public(
                &db,
                madoguchi_shared::today_in_japan(chrono::Utc::now()),
            )
            .await?
                == 0;
            let index = open_index(&settings)?;
            if empty {
                generate(&db, postings, seed).await?;
                index
                    .rebuild(&db)
                    .await
                    .context("building the search index")?;
            } else if index.is_empty() {
                index
                    .rebuild(&db)
                    .await
                    .context("building the search index")?;
            } else {
                index.sync(&db).await.context("updating the search index")?;
            }
            if matches!(only.as_str(), "all" | "search") {
                madoguchi_server::bench::run(&db, &index, rounds, naive_per_class).await?;
            }
            if matches!(only.as_str(), "all" | "employer") {
                madoguchi_server::bench::employer(&db, rounds * 40).await?;
            }
            if matches!(only.as_str(), "all" | "staff") {
                madoguchi_server::bench::staff(&db, &index, rounds * 40).await?;
            }
        }
        Command::Reindex => {
            let db = open_database(&settings).await?;
            let index = open_index(&settings)?;
            let started = std::time::Instant::now();
            let indexed = index
                .rebuild(&db)
                .await
                .context("rebuilding the search index")?;
            tracing::info!(
                postings = indexed,
                seconds = started.elapsed().as_secs_f64(),
                "search index rebuilt"
            );
        }
        Command::Serve { demo } => {
            let db = open_database(&settings).await?;
            if demo {
                seed(&db).await?;
            }
            let index = open_index(&settings)?;
            index
                .sync(&db)
                .await
                .context("bringing the search index up to date")?;
            tokio::spawn(keep_index_in_step(index.clone(), db.clone()));
            tokio::spawn(timed_jobs(db.clone(), index.clone()));
            let transport = madoguchi_server::mail::Transport::new(
                settings.smtp_url.as_deref(),
                &settings.data_dir,
            )?;
            if matches!(transport, madoguchi_server::mail::Transport::Files(_)) {
                tracing::info!("no SMTP_URL: e-mails are written under mail/ in the data folder");
            }
            let mailer = madoguchi_server::mail::Mailer::new(
                db.clone(),
                transport,
                &settings.public_url,
                &settings.mail_from,
            )?;
            tokio::spawn(mailer.run());
            serve(settings, db, index).await?;
        }
    }
    Ok(())
}

async fn open_database(settings: &Settings) -> anyhow::Result<madoguchi_db::Db> {
    let url = settings
        .database_url()
        .context("creating the data folder")?;
    let db = madoguchi_db::connect(&url)
        .await
        .context("connecting to the database")?;
    madoguchi_db::migrate(&db)
        .await
        .context("applying migrations")?;
    Ok(db)
}

fn open_index(settings: &Settings) -> anyhow::Result<Arc<SearchIndex>> {
    let dir = settings.index_dir();
    let index = SearchIndex::open(&dir)
        .with_context(|| format!("opening the search index in {}", dir.display()))?;
    Ok(Arc::new(index))
}

/// Applies new outbox rows to this server's index, once a second.
async fn keep_index_in_step(index: Arc<SearchIndex>, db: madoguchi_db::Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = index.sync(&db).await {
            tracing::error!(error = %e, "search index sync failed; retrying");
        }
    }
}

/// What happens by the clock, at start and every ten minutes: unused
/// recommendations past their deadline expire, those near it are reminded
/// of by e-mail, saved-search alerts that are due are recorded, and
/// expired sessions and link codes are removed. Each
/// step records every change once however many app servers run it
/// against the same database (one idempotent statement; unique e-mail
/// keys; a conditional UPDATE of each search's alert window).
async fn timed_jobs(db: madoguchi_db::Db, index: Arc<SearchIndex>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let now = chrono::Utc::now();
        let today = madoguchi_shared::today_in_japan(now);
        match madoguchi_db::staff::referrals::expire_due(&db, today).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "recommendations expired"),
            Err(e) => tracing::error!(error = %e, "expiring recommendations failed; retrying"),
        }
        if let Err(e) = madoguchi_db::alerts::deadline_reminders(&db, now).await {
            tracing::error!(error = %e, "deadline reminders failed; retrying");
        }
        match madoguchi_db::alerts::saved_search_alerts(&db, &index, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(alerts = n, "saved-search alerts recorded"),
            Err(e) => tracing::error!(error = %e, "saved-search alerts failed; retrying"),
        }
        match madoguchi_db::housekeeping::purge(&db, now).await {
            Ok(p) if p == Default::default() => {}
            Ok(p) => tracing::info!(
                sessions = p.sessions,
                link_codes = p.link_codes,
                attempt_counts = p.attempt_counts,
                "expired records removed"
            ),
            Err(e) => tracing::error!(error = %e, "removing expired records failed; retrying"),
        }
    }
}

async fn seed(db: &madoguchi_db::Db) -> anyhow::Result<()> {
    let today = madoguchi_shared::today_in_japan(chrono::Utc::now());
    let inserted = madoguchi_db::demo::seed_if_empty(db, today)
        .await
        .context("loading demonstration data")?;
    madoguchi_db::demo::seed_demo_accounts(db)
        .await
        .context("creating demonstration accounts")?;
    if inserted == 0 {
        tracing::info!("database not empty: demonstration data not loaded");
    } else {
        tracing::info!(postings = inserted, "demonstration data loaded");
    }
    Ok(())
}

/// `seed --postings N --seed S`, with progress on the terminal.
async fn generate(db: &madoguchi_db::Db, postings: u32, seed: u64) -> anyhow::Result<()> {
    use std::io::Write;
    let plan = madoguchi_db::seed::Plan {
        postings,
        seed,
        today: madoguchi_shared::today_in_japan(chrono::Utc::now()),
    };
    let started = std::time::Instant::now();
    let mut last_line = String::new();
    let mut progress = |stage: &str, done: u64, total: u64| {
        let line = format!("{stage}: {}%", done * 100 / total.max(1));
        if line != last_line {
            let mut err = std::io::stderr();
            let _ = write!(
                err,
                "\r{stage}: {done}/{total} ({}%) {:.0} s   ",
                done * 100 / total.max(1),
                started.elapsed().as_secs_f64()
            );
            if done == total {
                let _ = writeln!(err);
            }
            last_line = line;
        }
    };
    let summary = madoguchi_db::seed::generate(db, &plan, &mut progress)
        .await
        .context("generating data")?;
    tracing::info!(
        seconds = started.elapsed().as_secs_f64(),
        "generated {summary:?}"
    );
    Ok(())
}

async fn serve(
    settings: Settings,
    db: madoguchi_db::Db,
    search: Arc<SearchIndex>,
) -> anyhow::Result<()> {
    let state = AppState {
        leptos_options: settings.leptos_options(),
        db,
        search,
        documents_dir: settings.documents_dir()?,
        result_overdue_days: settings.result_overdue_days,
        referral_deadline_days: settings.referral_deadline_days,
        streams: Default::default(),
    };
    let app = madoguchi_server::router(
        state,
        madoguchi_server::Site::new(&settings.public_url, settings.secure_cookies),
    );
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .with_context(|| format!("listening on {}", settings.addr))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    // A page goes out in several writes; with Nagle's algorithm on, a
    // kept-alive connection waits for the client's delayed ACK (~40 ms)
    // before the last of them.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!("TCP_NODELAY not set: {e}");
        }
    });
    // The peer's address reaches the limits per client.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn add_user(
    db: &madoguchi_db::Db,
    email: String,
    role: String,
    office: Option<String>,
    name: String,
) -> anyhow::Result<()> {
    use madoguchi_shared::account::{Role, check_password, normalize_email, required_text};
    let email = normalize_email(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let name = required_text(&name, 50).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
    let role: Role = role
        .parse()
        .map_err(|_| anyhow::anyhow!("--role: staff or admin"))?;
    let office_id = match (role, office) {
        (Role::Staff, Some(code)) => Some(
            madoguchi_db::account::office_id(db, &code)
                .await?
                .with_context(|| format!("no office with code {code}"))?,
        ),
        (Role::Staff, None) => anyhow::bail!("staff accounts need --office"),
        (_, Some(_)) => anyhow::bail!("--office is for staff accounts"),
        (_, None) => None,
    };
    let password = match std::env::var("MADOGUCHI_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    check_password(&password).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    let hash = madoguchi_db::account::hash_password(password).await?;
    let id = madoguchi_db::account::create_account(
        db,
        madoguchi_db::account::NewAccount {
            email,
            password_hash: hash,
            role,
            display_name: name,
            office_id,
            establishment_id: None,
        },
    )
    .await?;
    tracing::info!(user = id, role = role.as_str(), "account created");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
