//! Server functions, grouped by area.

pub mod account;
pub mod admin;
pub mod applications;
#[cfg(feature = "ssr")]
pub mod attachments;
pub mod direct;
pub mod drafts;
pub mod email;
pub mod employer;
pub mod est_users;
pub mod favourites;
#[cfg(feature = "ssr")]
pub mod images;
pub mod messages;
pub mod notices;
pub mod own_postings;
pub mod postings;
#[cfg(feature = "ssr")]
pub mod privacy;
pub mod profile;
pub mod referrals;
pub mod saved_searches;
#[cfg(feature = "ssr")]
pub mod send;
pub mod staff;
