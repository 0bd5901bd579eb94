//! Settings from flags and the environment.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use leptos::config::{Env, LeptosOptions};

#[derive(Debug, Parser)]
#[command(
    name = "madoguchi",
    version,
    about = "窓口 Madoguchi: the online public employment service"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve {
        /// Load the demonstration data set into an empty database first.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Generate deterministic, realistic data into a database without
    /// postings, build the search index and exit. Without `--postings`,
    /// loads the demonstration set and the demo accounts of the README.
    Seed {
        /// How many postings to generate (with one establishment per 8
        /// postings, one seeker per 10, and their activity).
        #[arg(long)]
        postings: Option<u32>,
        /// The random seed: the same seed, count and day give the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Rebuild the search index from the database and exit.
    Reindex,
    /// Measure search: generate `--postings` into a database without
    /// postings (or reuse what is there), then answer the checked-in
    /// queries and print p50/p95/p99 per class beside the naive SQL way.
    BenchSearch {
        #[arg(long, default_value_t = 1_000_000)]
        postings: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Times each query is answered through the index.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Queries of each class also answered the naive way.
        #[arg(long, default_value_t = 3)]
        naive_per_class: usize,
        /// Which parts to run: `all`, `search` (the job search),
        /// `employer` (an establishment's applicant and posting lists) or
        /// `staff` (suitability lists both ways, statistics).
        #[arg(long, default_value = "all")]
        only: String,
    },
    /// Manage login accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff or admin account (seekers and employers register
    /// online). The password is read from MADOGUCHI_PASSWORD or standard
    /// input, never from the command line.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["staff", "admin"])]
        role: String,
        /// The office of a staff member (five digits, e.g. 13010).
        #[arg(long)]
        office: Option<String>,
        /// The name shown in the service.
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Folder for the default SQLite database and this server's search
    /// index; two servers with different folders never share an index.
    #[arg(
        long,
        env = "MADOGUCHI_DATA_DIR",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// Database URL (`sqlite://…` or `postgres://…`); defaults to
    /// `madoguchi.db` in the data folder.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Address to listen on.
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,
    /// Mark the session cookie Secure (set it wherever the site is
    /// served over HTTPS).
    #[arg(long, env = "MADOGUCHI_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,
    /// Folder with the compiled site: `pkg/` (bundle) and the public files.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,
    /// Days without a 採否 result, after the application or the
    /// interview, before the employer's applicant list marks it overdue.
    #[arg(
        long,
        env = "MADOGUCHI_RESULT_OVERDUE_DAYS",
        default_value_t = madoguchi_shared::application::RESULT_OVERDUE_DAYS,
        value_parser = clap::value_parser!(u64).range(1..=90),
        global = true
    )]
    pub result_overdue_days: u64,
    /// Days a recommendation from the office stays open for the seeker.
    #[arg(
        long,
        env = "MADOGUCHI_REFERRAL_DEADLINE_DAYS",
        default_value_t = madoguchi_shared::staff::REFERRAL_DEADLINE_DAYS,
        value_parser = clap::value_parser!(u64).range(1..=30),
        global = true
    )]
    pub referral_deadline_days: u64,
    /// Where e-mail goes (`smtp://host:25`, `smtps://user:pass@host`,
    /// `smtp://host:587?tls=required`). Without it, every e-mail is
    /// written as an `.eml` file under `mail/` in the data folder.
    #[arg(long, env = "SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// The site's address as users reach it, for the links in e-mails.
    #[arg(
        long,
        env = "MADOGUCHI_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: String,
    /// The sender of e-mails.
    #[arg(
        long,
        env = "MADOGUCHI_MAIL_FROM",
        default_value = "窓口 <no-reply@madoguchi.jp>",
        global = true
    )]
    pub mail_from: String,
}

/// The bundle name when the site has not been built with hashed names.
const UNHASHED_OUTPUT_NAME: &str = "madoguchi";

impl Settings {
    /// The database URL in force, creating the data folder for the default
    /// SQLite file.
    pub fn database_url(&self) -> std::io::Result<String> {
        match &self.database_url {
            Some(url) => Ok(url.clone()),
            None => {
                std::fs::create_dir_all(&self.data_dir)?;
                Ok(sqlite_url(&self.data_dir.join("madoguchi.db")))
            }
        }
    }

    /// Where application documents are kept (created if missing, readable
    /// by this server's user only). With several app servers, this folder
    /// is shared storage.
    pub fn documents_dir(&self) -> std::io::Result<PathBuf> {
        let dir = self.data_dir.join("documents");
        std::fs::create_dir_all(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(dir)
    }

    /// Where this server keeps its search index.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    /// Leptos's options for this site. The bundle's base name comes from
    /// `pkg/build-id`, written by the site build with the content hash.
    pub fn leptos_options(&self) -> LeptosOptions {
        let output_name = bundle_name(&self.site_root);
        LeptosOptions::builder()
            .output_name(output_name)
            .site_root(self.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(self.addr)
            .env(Env::PROD)
            .hash_files(false)
            .build()
    }
}

/// `sqlite://` URL that creates the file when missing.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

fn bundle_name(site_root: &Path) -> String {
    match std::fs::read_to_string(site_root.join("pkg").join("build-id")) {
        Ok(name) if !name.trim().is_empty() => name.trim().to_owned(),
        _ => {
            tracing::warn!(
                site_root = %site_root.display(),
                "no pkg/build-id: the site bundle has not been built"
            );
            UNHASHED_OUTPUT_NAME.to_owned()
        }
    }
}
