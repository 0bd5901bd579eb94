//! Schema migrations, one file each, applied in order on SQLite and
//! PostgreSQL alike.

use sea_orm_migration::prelude::*;

mod m20261125_000001_initial_schema;
mod m20261125_000002_drafts;
mod m20261125_000003_result_reason;
mod m20261125_000004_applicant_notes;
mod m20261126_000005_direct_request_answer;
mod m20261126_000006_establishment_users;
mod m20261126_000007_establishment_images;
mod m20261201_000008_staff_console;
mod m20261202_000009_staff_only_postings;
mod m20261202_000010_message_threads;
mod m20261202_000011_email_jobs;
mod m20261202_000012_statistics_index;
mod m20261202_000013_attachments_alerts;
mod m20261202_000014_statistics_index_updated;
mod m20261204_000015_counter_link_code;
mod m20261204_000016_attempt_counter;
mod m20261205_000017_account_verification;
mod m20261205_000018_public_wishes;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_initial_schema::Migration),
            Box::new(m20261125_000002_drafts::Migration),
            Box::new(m20261125_000003_result_reason::Migration),
            Box::new(m20261125_000004_applicant_notes::Migration),
            Box::new(m20261126_000005_direct_request_answer::Migration),
            Box::new(m20261126_000006_establishment_users::Migration),
            Box::new(m20261126_000007_establishment_images::Migration),
            Box::new(m20261201_000008_staff_console::Migration),
            Box::new(m20261202_000009_staff_only_postings::Migration),
            Box::new(m20261202_000010_message_threads::Migration),
            Box::new(m20261202_000011_email_jobs::Migration),
            Box::new(m20261202_000012_statistics_index::Migration),
            Box::new(m20261202_000013_attachments_alerts::Migration),
            Box::new(m20261202_000014_statistics_index_updated::Migration),
            Box::new(m20261204_000015_counter_link_code::Migration),
            Box::new(m20261204_000016_attempt_counter::Migration),
            Box::new(m20261205_000017_account_verification::Migration),
            Box::new(m20261205_000018_public_wishes::Migration),
        ]
    }
}
