//! sea-orm entities, one module per table.

pub mod applicant_note;
pub mod application;
pub mod application_document;
pub mod audit_log;
pub mod consultation;
pub mod direct_request;
pub mod draft;
pub mod email_preference;
pub mod email_unsubscribe;
pub mod establishment;
pub mod establishment_image;
pub mod establishment_invite;
pub mod favourite;
pub mod job;
pub mod message;
pub mod notice;
pub mod notice_read;
pub mod office;
pub mod posting;
pub mod referral;
pub mod referral_letter;
pub mod saved_search;
pub mod search_outbox;
pub mod seeker;
pub mod session;
pub mod user_account;
