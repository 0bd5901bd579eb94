//! The staff console: the 紹介状's own number, the day a seeker registered
//! at an office, and the indexes behind follow-up, expiry and statistics.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ReferralLetter::Table)
                .add_column(string_null(ReferralLetter::Number))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_referral_letter_number",
                ReferralLetter::Table,
                &["number"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Seeker::Table)
                .add_column(date_null(Seeker::RegisteredOn))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_referral_status_deadline",
            Referral::Table,
            &["status", "deadline"],
        ))
        .await?;
        m.create_index(index(
            "ix_posting_office_accepted",
            Posting::Table,
            &["office_id", "accepted_on"],
        ))
        .await?;
        m.create_index(index(
            "ix_application_created",
            Application::Table,
            &["created_at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("ix_application_created", Application::Table.into_iden()),
            ("ix_posting_office_accepted", Posting::Table.into_iden()),
            ("ix_referral_status_deadline", Referral::Table.into_iden()),
            (
                "ux_referral_letter_number",
                ReferralLetter::Table.into_iden(),
            ),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Seeker::Table)
                .drop_column(Seeker::RegisteredOn)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ReferralLetter::Table)
                .drop_column(ReferralLetter::Number)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum ReferralLetter {
    Table,
    Number,
}

#[derive(DeriveIden)]
enum Seeker {
    Table,
    RegisteredOn,
}

#[derive(DeriveIden)]
enum Referral {
    Table,
}

#[derive(DeriveIden)]
enum Posting {
    Table,
}

#[derive(DeriveIden)]
enum Application {
    Table,
}
