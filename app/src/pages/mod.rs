//! One module per page.

pub mod account;
pub mod admin;
pub mod applicants;
pub mod applications;
pub mod apply;
pub mod attention;
pub mod favourites;
pub mod home;
pub mod jobs;
pub mod login;
pub mod not_found;
pub mod notices;
pub mod posting;
pub mod profile;
pub mod referrals;
pub mod register;
pub mod saved_searches;
