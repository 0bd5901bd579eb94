//! The e-mail sender every app server runs: it takes the next due job
//! from the database (`madoguchi_db::jobs`), renders it in the
//! recipient's language with its link (and, for e-mails a preference
//! turns off, an unsubscribe link), sends it through SMTP (`SMTP_URL`) or writes it as an `.eml`
//! file under the data folder, and records the outcome. Nothing of a
//! message, a motivation or a name goes into an e-mail.

use std::path::PathBuf;

use anyhow::Context;
use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use madoguchi_db::Db;

/// Where e-mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `.eml` file an e-mail, in this folder.
    Files(PathBuf),
}

impl Transport {
    /// SMTP when `smtp_url` is set, else files under `data_dir/mail`.
    pub fn new(smtp_url: Option<&str>, data_dir: &std::path::Path) -> anyhow::Result<Transport> {
        Ok(match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("reading SMTP_URL")?
                    .build(),
            ),
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                Transport::Files(dir)
            }
        })
    }

    async fn deliver(&self, message: Message, job: i64) -> anyhow::Result<()> {
        match self {
            Transport::Smtp(smtp) => {
                smtp.send(message).await.context("sending by SMTP")?;
            }
            Transport::Files(dir) => {
                let path = dir.join(format!("{job:010}.eml"));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .with_context(|| format!("writing {}", path.display()))?;
            }
        }
        Ok(())
    }
}

/// One server's sender.
#[derive(Clone)]
pub struct Mailer {
    pub db: Db,
    pub transport: Transport,
    /// This server's name in the jobs it takes.
    pub worker: String,
    /// The site's address, for the links.
    pub public_url: String,
    pub from: Mailbox,
}

impl Mailer {
    pub fn new(
        db: Db,
        transport: Transport,
        public_url: &str,
        from: &str,
    ) -> anyhow::Result<Mailer> {
        Ok(Mailer {
            db,
            transport,
            worker: format!(
                "{}-{}",
                std::process::id(),
                madoguchi_shared::today_in_japan(Utc::now())
            ) + &format!("-{:x}", rand_suffix()),
            public_url: public_url.trim_end_matches('/').to_owned(),
            from: from.parse().context("reading MADOGUCHI_MAIL_FROM")?,
        })
    }

    /// Takes and sends one due e-mail; whether there was one.
    pub async fn run_once(&self, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let Some(taken) = madoguchi_db::jobs::take(&self.db, &self.worker, now).await? else {
            return Ok(false);
        };
        let message = self.compose(&taken, now).await?;
        match self.transport.deliver(message, taken.job.id).await {
            Ok(()) => {
                madoguchi_db::jobs::sent(&self.db, taken.job.id, &self.worker, Utc::now()).await?
            }
            Err(e) => {
                // An SMTP server's answer may name the recipient: no
                // address goes into the log or the jobs table.
                let error = madoguchi_shared::mail::redact_addresses(&format!("{e:#}"));
                tracing::warn!(job = taken.job.id, attempts = taken.job.attempts, %error, "e-mail not sent; retrying later");
                madoguchi_db::jobs::failed(&self.db, &taken.job, &self.worker, &error, Utc::now())
                    .await?;
            }
        }
        Ok(true)
    }

    /// The e-mail of a taken job: the recipient's language, its link (a
    /// fresh single-use token for verification and reset, drawn now so the
    /// queue holds no secret) and, for e-mails a preference turns off, a
    /// fresh unsubscribe link (also as the one-click `List-Unsubscribe`).
    pub async fn compose(
        &self,
        taken: &madoguchi_db::jobs::Taken,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Message> {
        use madoguchi_db::account_token::{Purpose, issue};
        use madoguchi_shared::mail::MailEvent;
        let user = taken.job.recipient_user_id;
        let link = match &taken.event {
            MailEvent::VerifyAddress => format!(
                "{}/verify/{}",
                self.public_url,
                issue(&self.db, user, Purpose::Verify, now).await?
            ),
            MailEvent::PasswordReset => format!(
                "{}/reset/{}",
                self.public_url,
                issue(&self.db, user, Purpose::Reset, now).await?
            ),
            event => format!("{}{}", self.public_url, event.path(taken.employer)),
        };
        let unsubscribe = match taken.event.topic() {
            Some(topic) => {
                let token =
                    madoguchi_db::jobs::unsubscribe_link(&self.db, user, topic, now).await?;
                Some(format!("{}/unsubscribe/{token}", self.public_url))
            }
            None => None,
        };
        let text = madoguchi_shared::mail::render(
            &taken.event,
            taken.prefs.lang,
            &link,
            unsubscribe.as_deref(),
        );
        let mut message = Message::builder()
            .from(self.from.clone())
            .to(taken.to.parse().context("the recipient's address")?)
            .subject(text.subject)
            .message_id(Some(taken.job.message_id.clone()))
            .header(ContentType::TEXT_PLAIN);
        if let Some(url) = &unsubscribe {
            message = message
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        message.body(text.body).context("building the e-mail")
    }

    /// Sends due e-mails as long as there are any, then looks again every
    /// two seconds.
    pub async fn run(self) {
        loop {
            match self.run_once(Utc::now()).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::error!(error = %e, "e-mail sender failed; retrying"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        }
    }
}

/// `List-Unsubscribe` (RFC 2369): the link a mail program offers as its
/// own unsubscribe button.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_owned()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post` (RFC 8058): the mail program may POST to the
/// link to unsubscribe with one click.
#[derive(Clone)]
struct ListUnsubscribePost;

impl lettre::message::header::Header for ListUnsubscribePost {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(
            Self::name(),
            "List-Unsubscribe=One-Click".to_owned(),
        )
    }
}

/// A few random bits so two servers started together get different names.
fn rand_suffix() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(Utc::now().timestamp_nanos_opt().unwrap_or_default() as u128);
    h.finish() as u32
}
