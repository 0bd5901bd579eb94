//! Server functions, grouped by area.

pub mod account;
pub mod admin;
pub mod applications;
pub mod favourites;
pub mod notices;
pub mod postings;
pub mod saved_searches;
