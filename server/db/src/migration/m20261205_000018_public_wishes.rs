//! The wishes of a public 求職情報 as plain columns beside the JSON
//! profile (`seeker.public_occupations`, `public_prefectures`,
//! `public_employment`), so that the establishment's search for seekers
//! to invite filters, counts and pages in the database instead of reading
//! every public profile. Filled from the profiles that are public now;
//! NULL for the others.

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Seeker::Table)
                    .add_column(text_null(column))
                    .to_owned(),
            )
            .await?;
        }
        let db = m.get_connection();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT id, profile FROM seeker WHERE profile_public = TRUE",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let profile: String = row.try_get("", "profile")?;
            let Ok(profile) =
                serde_json::from_str::<madoguchi_shared::seeker::SeekerProfile>(&profile)
            else {
                continue;
            };
            let [occupations, prefectures, employment] = crate::profile::wish_columns(&profile);
            m.exec_stmt(
                Query::update()
                    .table(Seeker::Table)
                    .value(Seeker::PublicOccupations, occupations)
                    .value(Seeker::PublicPrefectures, prefectures)
                    .value(Seeker::PublicEmployment, employment)
                    .and_where(Expr::col(Seeker::Id).eq(id))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Seeker::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

const COLUMNS: [Seeker; 3] = [
    Seeker::PublicOccupations,
    Seeker::PublicPrefectures,
    Seeker::PublicEmployment,
];

#[derive(DeriveIden, Clone, Copy)]
enum Seeker {
    Table,
    Id,
    PublicOccupations,
    PublicPrefectures,
    PublicEmployment,
}
