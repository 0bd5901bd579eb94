//! The schema of docs/domain.md: offices, establishments, accounts, seekers,
//! postings (the full 求人票), favourites, saved searches, referrals and
//! their letters, applications and documents, messages, notices,
//! consultation records, direct requests, the audit log, sessions and the
//! search outbox. Every table has its foreign keys and timestamps, and the
//! indexes that search and the MyPages read by.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Foreign keys whose rows belong wholly to their parent (a seeker's
/// favourites, an application's messages): deleting the parent deletes
/// them. Every other reference refuses the parent's deletion.
const OWNED: &[&str] = &[
    "fk_favourite_seeker",
    "fk_favourite_posting",
    "fk_saved_search_seeker",
    "fk_notice_read_notice",
    "fk_notice_read_user",
    "fk_document_application",
    "fk_message_application",
];

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    let on_delete = if OWNED.contains(&name) {
        ForeignKeyAction::Cascade
    } else {
        ForeignKeyAction::Restrict
    };
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    i.to_owned()
}

fn created(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(timestamp_with_time_zone_default_now(Alias::new(
        "created_at",
    )))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // 公共職業安定所
        m.create_table(
            created(
                Table::create()
                    .table(Office::Table)
                    .col(pk_auto(Office::Id))
                    .col(string_len_uniq(Office::Code, 5))
                    .col(string(Office::Name))
                    .col(small_integer(Office::PrefectureCode)),
            )
            .to_owned(),
        )
        .await?;

        // 事業所
        m.create_table(
            created(
                Table::create()
                    .table(Establishment::Table)
                    .col(pk_auto(Establishment::Id))
                    .col(string_len_uniq(Establishment::Number, 13))
                    .col(integer(Establishment::OfficeId))
                    .col(string(Establishment::Name))
                    .col(string(Establishment::NameKana))
                    .col(small_integer(Establishment::PrefectureCode))
                    .col(string(Establishment::City))
                    .col(string(Establishment::Address))
                    .col(string(Establishment::Industry))
                    .col(string_len(Establishment::Size, 8))
                    .col(text(Establishment::Description))
                    .col(string_null(Establishment::Url))
                    .col(boolean(Establishment::HasMypage).default(true))
                    .foreign_key(&mut fk(
                        "fk_establishment_office",
                        (Establishment::Table, Establishment::OfficeId),
                        (Office::Table, Office::Id),
                    )),
            )
            .col(timestamp_with_time_zone_default_now(
                Establishment::UpdatedAt,
            ))
            .to_owned(),
        )
        .await?;

        // Login accounts of every role.
        m.create_table(
            created(
                Table::create()
                    .table(UserAccount::Table)
                    .col(pk_auto(UserAccount::Id))
                    .col(string_len_uniq(UserAccount::Email, 254))
                    .col(string(UserAccount::PasswordHash))
                    .col(string_len(UserAccount::Role, 16))
                    .col(string(UserAccount::DisplayName))
                    .col(integer_null(UserAccount::OfficeId))
                    .col(integer_null(UserAccount::EstablishmentId))
                    .col(timestamp_with_time_zone_null(UserAccount::LastLoginAt))
                    .foreign_key(&mut fk(
                        "fk_user_office",
                        (UserAccount::Table, UserAccount::OfficeId),
                        (Office::Table, Office::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_user_establishment",
                        (UserAccount::Table, UserAccount::EstablishmentId),
                        (Establishment::Table, Establishment::Id),
                    )),
            )
            .col(timestamp_with_time_zone_default_now(UserAccount::UpdatedAt))
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_user_establishment",
            UserAccount::Table,
            &["establishment_id"],
        ))
        .await?;

        // 求人: filter and sort fields as columns, the rest of the 求人票
        // as JSON in `terms`.
        m.create_table(
            created(
                Table::create()
                    .table(Posting::Table)
                    .col(pk_auto(Posting::Id))
                    .col(integer(Posting::OfficeId))
                    .col(integer(Posting::EstablishmentId))
                    .col(string_len_null(Posting::Number, 14).unique_key())
                    .col(string_len(Posting::Status, 16))
                    .col(small_integer(Posting::Disclosure))
                    .col(string(Posting::Title))
                    .col(string(Posting::EstablishmentName))
                    .col(string_len(Posting::Category, 16))
                    .col(string_len(Posting::EmploymentType, 24))
                    .col(string_len(Posting::Arrangement, 16))
                    .col(string_len(Posting::OccupationCode, 8))
                    .col(text(Posting::Description))
                    .col(small_integer(Posting::PrefectureCode))
                    .col(string(Posting::City))
                    .col(string_null(Posting::Station))
                    .col(small_integer_null(Posting::WalkMinutes))
                    .col(string_len(Posting::WageForm, 8))
                    .col(big_integer(Posting::WageMin))
                    .col(big_integer(Posting::WageMax))
                    .col(big_integer(Posting::Flags))
                    .col(small_integer(Posting::Openings))
                    .col(small_integer_null(Posting::AnnualHolidays))
                    .col(small_integer_null(Posting::WeeklyDays))
                    .col(small_integer_null(Posting::AgeMin))
                    .col(small_integer_null(Posting::AgeMax))
                    .col(string_len_null(Posting::AgeReason, 8))
                    .col(boolean(Posting::AcceptsReferral))
                    .col(boolean(Posting::AcceptsSelfApplication))
                    .col(boolean(Posting::WorkplaceNamed))
                    .col(text(Posting::Terms))
                    .col(text_null(Posting::ReviewNote))
                    .col(date(Posting::AcceptedOn))
                    .col(date(Posting::ValidUntil))
                    .foreign_key(&mut fk(
                        "fk_posting_office",
                        (Posting::Table, Posting::OfficeId),
                        (Office::Table, Office::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_posting_establishment",
                        (Posting::Table, Posting::EstablishmentId),
                        (Establishment::Table, Establishment::Id),
                    )),
            )
            .col(timestamp_with_time_zone_default_now(Posting::UpdatedAt))
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_posting_establishment",
            Posting::Table,
            &["establishment_id"],
        ))
        .await?;
        m.create_index(index("ix_posting_office", Posting::Table, &["office_id"]))
            .await?;
        m.create_index(index(
            "ix_posting_status_valid",
            Posting::Table,
            &["status", "valid_until"],
        ))
        .await?;
        m.create_index(index(
            "ix_posting_status_accepted",
            Posting::Table,
            &["status", "accepted_on"],
        ))
        .await?;

        // 求職者 and 求職情報
        m.create_table(
            created(
                Table::create()
                    .table(Seeker::Table)
                    .col(pk_auto(Seeker::Id))
                    .col(integer_uniq(Seeker::UserId))
                    .col(string_len(Seeker::Kind, 16))
                    .col(string_len_null(Seeker::SeekerNumber, 14).unique_key())
                    .col(integer_null(Seeker::OfficeId))
                    .col(string(Seeker::Name))
                    .col(string(Seeker::NameKana))
                    .col(date_null(Seeker::BirthDate))
                    .col(string_null(Seeker::Phone))
                    .col(text(Seeker::Profile))
                    .col(boolean(Seeker::ProfilePublic).default(false))
                    .col(boolean(Seeker::RegistrationActive).default(false))
                    .col(date_null(Seeker::RegistrationValidUntil))
                    .foreign_key(&mut fk(
                        "fk_seeker_user",
                        (Seeker::Table, Seeker::UserId),
                        (UserAccount::Table, UserAccount::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_seeker_office",
                        (Seeker::Table, Seeker::OfficeId),
                        (Office::Table, Office::Id),
                    )),
            )
            .col(timestamp_with_time_zone_default_now(Seeker::UpdatedAt))
            .to_owned(),
        )
        .await?;
        m.create_index(index("ix_seeker_office", Seeker::Table, &["office_id"]))
            .await?;
        m.create_index(index("ix_seeker_kana", Seeker::Table, &["name_kana"]))
            .await?;

        // お気に入り
        m.create_table(
            created(
                Table::create()
                    .table(Favourite::Table)
                    .col(pk_auto(Favourite::Id))
                    .col(integer(Favourite::SeekerId))
                    .col(integer(Favourite::PostingId))
                    .foreign_key(&mut fk(
                        "fk_favourite_seeker",
                        (Favourite::Table, Favourite::SeekerId),
                        (Seeker::Table, Seeker::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_favourite_posting",
                        (Favourite::Table, Favourite::PostingId),
                        (Posting::Table, Posting::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_favourite",
                Favourite::Table,
                &["seeker_id", "posting_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        // 検索条件
        m.create_table(
            created(
                Table::create()
                    .table(SavedSearch::Table)
                    .col(pk_auto(SavedSearch::Id))
                    .col(integer(SavedSearch::SeekerId))
                    .col(string(SavedSearch::Name))
                    .col(text(SavedSearch::Query))
                    .col(boolean(SavedSearch::Alert).default(false))
                    .col(timestamp_with_time_zone_default_now(
                        SavedSearch::LastViewedAt,
                    ))
                    .foreign_key(&mut fk(
                        "fk_saved_search_seeker",
                        (SavedSearch::Table, SavedSearch::SeekerId),
                        (Seeker::Table, Seeker::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_saved_search_seeker",
            SavedSearch::Table,
            &["seeker_id"],
        ))
        .await?;

        // 紹介 (recommendations)
        m.create_table(
            created(
                Table::create()
                    .table(Referral::Table)
                    .col(pk_auto(Referral::Id))
                    .col(integer(Referral::SeekerId))
                    .col(integer(Referral::PostingId))
                    .col(integer(Referral::OfficeId))
                    .col(integer(Referral::StaffUserId))
                    .col(string_len(Referral::Status, 16))
                    .col(text(Referral::Suitability))
                    .col(date(Referral::Deadline))
                    .col(timestamp_with_time_zone_null(Referral::EmployerConfirmedAt))
                    .col(text_null(Referral::ConfirmationNote))
                    .foreign_key(&mut fk(
                        "fk_referral_seeker",
                        (Referral::Table, Referral::SeekerId),
                        (Seeker::Table, Seeker::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_referral_posting",
                        (Referral::Table, Referral::PostingId),
                        (Posting::Table, Posting::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_referral_office",
                        (Referral::Table, Referral::OfficeId),
                        (Office::Table, Office::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_referral_staff",
                        (Referral::Table, Referral::StaffUserId),
                        (UserAccount::Table, UserAccount::Id),
                    )),
            )
            .col(timestamp_with_time_zone_default_now(Referral::UpdatedAt))
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_referral_seeker",
            Referral::Table,
            &["seeker_id", "status"],
        ))
        .await?;
        m.create_index(index(
            "ix_referral_office",
            Referral::Table,
            &["office_id", "status"],
        ))
        .await?;

        // 応募
        m.create_table(
            created(
                Table::create()
                    .table(Application::Table)
                    .col(pk_auto(Application::Id))
                    .col(integer(Application::SeekerId))
                    .col(integer(Application::PostingId))
                    .col(integer_null(Application::ReferralId))
                    .col(string_len(Application::Method, 24))
                    .col(string_len(Application::Status, 16))
                    .col(text(Application::Motivation))
                    .col(string_len_null(Application::IdempotencyKey, 64).unique_key())
                    .col(date_null(Application::ResultSentOn))
                    .col(text_null(Application::InterviewAt))
                    .foreign_key(&mut fk(
                        "fk_application_seeker",
                        (Application::Table, Application::SeekerId),
                        (Seeker::Table, Seeker::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_application_posting",
                        (Application::Table, Application::PostingId),
                        (Posting::Table, Posting::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_application_referral",
                        (Application::Table, Application::ReferralId),
                        (Referral::Table, Referral::Id),
                    )),
            )
            .col(timestamp_with_time_zone_default_now(Application::UpdatedAt))
            .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_application",
                Application::Table,
                &["seeker_id", "posting_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_application_posting",
            Application::Table,
            &["posting_id", "status"],
        ))
        .await?;

        // 紹介状
        m.create_table(
            created(
                Table::create()
                    .table(ReferralLetter::Table)
                    .col(pk_auto(ReferralLetter::Id))
                    .col(integer_uniq(ReferralLetter::ReferralId))
                    .col(integer_uniq(ReferralLetter::ApplicationId))
                    .col(date(ReferralLetter::IssuedOn))
                    .col(string_len_null(ReferralLetter::Result, 16))
                    .col(date_null(ReferralLetter::ResultOn))
                    .foreign_key(&mut fk(
                        "fk_letter_referral",
                        (ReferralLetter::Table, ReferralLetter::ReferralId),
                        (Referral::Table, Referral::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_letter_application",
                        (ReferralLetter::Table, ReferralLetter::ApplicationId),
                        (Application::Table, Application::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;

        // 履歴書・職務経歴書
        m.create_table(
            created(
                Table::create()
                    .table(ApplicationDocument::Table)
                    .col(pk_auto(ApplicationDocument::Id))
                    .col(integer(ApplicationDocument::ApplicationId))
                    .col(string_len(ApplicationDocument::Kind, 16))
                    .col(string_len(ApplicationDocument::ContentType, 64))
                    .col(big_integer(ApplicationDocument::ByteSize))
                    .col(string(ApplicationDocument::StoragePath))
                    .foreign_key(&mut fk(
                        "fk_document_application",
                        (
                            ApplicationDocument::Table,
                            ApplicationDocument::ApplicationId,
                        ),
                        (Application::Table, Application::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_document_application",
            ApplicationDocument::Table,
            &["application_id"],
        ))
        .await?;

        // Messages: one thread per application.
        m.create_table(
            created(
                Table::create()
                    .table(Message::Table)
                    .col(big_pk_auto(Message::Id))
                    .col(integer(Message::ApplicationId))
                    .col(string_len(Message::Author, 16))
                    .col(integer(Message::AuthorUserId))
                    .col(text(Message::Body))
                    .col(timestamp_with_time_zone_null(Message::ReadAt))
                    .foreign_key(&mut fk(
                        "fk_message_application",
                        (Message::Table, Message::ApplicationId),
                        (Application::Table, Application::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_message_author",
                        (Message::Table, Message::AuthorUserId),
                        (UserAccount::Table, UserAccount::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_message_thread",
            Message::Table,
            &["application_id", "id"],
        ))
        .await?;

        // お知らせ
        m.create_table(
            created(
                Table::create()
                    .table(Notice::Table)
                    .col(pk_auto(Notice::Id))
                    .col(integer(Notice::OfficeId))
                    .col(string_len(Notice::Audience, 16))
                    .col(integer_null(Notice::SeekerId))
                    .col(string(Notice::Title))
                    .col(text(Notice::Body))
                    .foreign_key(&mut fk(
                        "fk_notice_office",
                        (Notice::Table, Notice::OfficeId),
                        (Office::Table, Office::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_notice_seeker",
                        (Notice::Table, Notice::SeekerId),
                        (Seeker::Table, Seeker::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_notice_office",
            Notice::Table,
            &["office_id", "audience"],
        ))
        .await?;
        m.create_table(
            created(
                Table::create()
                    .table(NoticeRead::Table)
                    .col(pk_auto(NoticeRead::Id))
                    .col(integer(NoticeRead::NoticeId))
                    .col(integer(NoticeRead::UserId))
                    .foreign_key(&mut fk(
                        "fk_notice_read_notice",
                        (NoticeRead::Table, NoticeRead::NoticeId),
                        (Notice::Table, Notice::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_notice_read_user",
                        (NoticeRead::Table, NoticeRead::UserId),
                        (UserAccount::Table, UserAccount::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_notice_read",
                NoticeRead::Table,
                &["notice_id", "user_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        // 職業相談記録 (staff only)
        m.create_table(
            created(
                Table::create()
                    .table(Consultation::Table)
                    .col(pk_auto(Consultation::Id))
                    .col(integer(Consultation::SeekerId))
                    .col(integer(Consultation::OfficeId))
                    .col(integer(Consultation::StaffUserId))
                    .col(date(Consultation::HeldOn))
                    .col(text(Consultation::Notes))
                    .foreign_key(&mut fk(
                        "fk_consultation_seeker",
                        (Consultation::Table, Consultation::SeekerId),
                        (Seeker::Table, Seeker::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_consultation_office",
                        (Consultation::Table, Consultation::OfficeId),
                        (Office::Table, Office::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_consultation_staff",
                        (Consultation::Table, Consultation::StaffUserId),
                        (UserAccount::Table, UserAccount::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_consultation_seeker",
            Consultation::Table,
            &["seeker_id"],
        ))
        .await?;

        // 直接リクエスト: at most once per seeker and posting.
        m.create_table(
            created(
                Table::create()
                    .table(DirectRequest::Table)
                    .col(pk_auto(DirectRequest::Id))
                    .col(integer(DirectRequest::PostingId))
                    .col(integer(DirectRequest::SeekerId))
                    .foreign_key(&mut fk(
                        "fk_direct_request_posting",
                        (DirectRequest::Table, DirectRequest::PostingId),
                        (Posting::Table, Posting::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_direct_request_seeker",
                        (DirectRequest::Table, DirectRequest::SeekerId),
                        (Seeker::Table, Seeker::Id),
                    )),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_direct_request",
                DirectRequest::Table,
                &["posting_id", "seeker_id"],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        // Who read or changed personal data. Holds ids, never the data.
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_pk_auto(AuditLog::Id))
                .col(integer_null(AuditLog::ActorUserId))
                .col(string_len(AuditLog::Action, 16))
                .col(string_len(AuditLog::Entity, 32))
                .col(big_integer(AuditLog::EntityId))
                .col(timestamp_with_time_zone_default_now(AuditLog::At))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_audit_entity",
            AuditLog::Table,
            &["entity", "entity_id"],
        ))
        .await?;

        // Login sessions, shared by every app server.
        m.create_table(
            Table::create()
                .table(Session::Table)
                .col(string_len(Session::Id, 64).primary_key())
                .col(text(Session::Data))
                .col(timestamp_with_time_zone(Session::ExpiresAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_session_expiry", Session::Table, &["expires_at"]))
            .await?;

        // Changes to postings, in order, for every node's search index.
        m.create_table(
            created(
                Table::create()
                    .table(SearchOutbox::Table)
                    .col(big_pk_auto(SearchOutbox::Id))
                    .col(integer(SearchOutbox::PostingId)),
            )
            .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "search_outbox",
            "session",
            "audit_log",
            "direct_request",
            "consultation",
            "notice_read",
            "notice",
            "message",
            "application_document",
            "referral_letter",
            "application",
            "referral",
            "saved_search",
            "favourite",
            "seeker",
            "posting",
            "user_account",
            "establishment",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        m.drop_table(Table::drop().table(Office::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Office {
    Table,
    Id,
    Code,
    Name,
    PrefectureCode,
}

#[derive(DeriveIden)]
enum Establishment {
    Table,
    Id,
    Number,
    OfficeId,
    Name,
    NameKana,
    PrefectureCode,
    City,
    Address,
    Industry,
    Size,
    Description,
    Url,
    HasMypage,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    DisplayName,
    OfficeId,
    EstablishmentId,
    LastLoginAt,
    UpdatedAt,
}

/// The 求職番号 column is `seeker_number`, named after the table.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Seeker {
    Table,
    Id,
    UserId,
    Kind,
    SeekerNumber,
    OfficeId,
    Name,
    NameKana,
    BirthDate,
    Phone,
    Profile,
    ProfilePublic,
    RegistrationActive,
    RegistrationValidUntil,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Posting {
    Table,
    Id,
    OfficeId,
    EstablishmentId,
    Number,
    Status,
    Disclosure,
    Title,
    EstablishmentName,
    Category,
    EmploymentType,
    Arrangement,
    OccupationCode,
    Description,
    PrefectureCode,
    City,
    Station,
    WalkMinutes,
    WageForm,
    WageMin,
    WageMax,
    Flags,
    Openings,
    AnnualHolidays,
    WeeklyDays,
    AgeMin,
    AgeMax,
    AgeReason,
    AcceptsReferral,
    AcceptsSelfApplication,
    WorkplaceNamed,
    Terms,
    ReviewNote,
    AcceptedOn,
    ValidUntil,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Favourite {
    Table,
    Id,
    SeekerId,
    PostingId,
}

#[derive(DeriveIden)]
enum SavedSearch {
    Table,
    Id,
    SeekerId,
    Name,
    Query,
    Alert,
    LastViewedAt,
}

#[derive(DeriveIden)]
enum Referral {
    Table,
    Id,
    SeekerId,
    PostingId,
    OfficeId,
    StaffUserId,
    Status,
    Suitability,
    Deadline,
    EmployerConfirmedAt,
    ConfirmationNote,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    SeekerId,
    PostingId,
    ReferralId,
    Method,
    Status,
    Motivation,
    IdempotencyKey,
    ResultSentOn,
    InterviewAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReferralLetter {
    Table,
    Id,
    ReferralId,
    ApplicationId,
    IssuedOn,
    Result,
    ResultOn,
}

#[derive(DeriveIden)]
enum ApplicationDocument {
    Table,
    Id,
    ApplicationId,
    Kind,
    ContentType,
    ByteSize,
    StoragePath,
}

#[derive(DeriveIden)]
enum Message {
    Table,
    Id,
    ApplicationId,
    Author,
    AuthorUserId,
    Body,
    ReadAt,
}

#[derive(DeriveIden)]
enum Notice {
    Table,
    Id,
    OfficeId,
    Audience,
    SeekerId,
    Title,
    Body,
}

#[derive(DeriveIden)]
enum NoticeRead {
    Table,
    Id,
    NoticeId,
    UserId,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
    SeekerId,
    OfficeId,
    StaffUserId,
    HeldOn,
    Notes,
}

#[derive(DeriveIden)]
enum DirectRequest {
    Table,
    Id,
    PostingId,
    SeekerId,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorUserId,
    Action,
    Entity,
    EntityId,
    At,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum SearchOutbox {
    Table,
    Id,
    PostingId,
}
