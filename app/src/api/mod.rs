//! Server functions, grouped by area.

pub mod account;
pub mod admin;
pub mod applications;
pub mod postings;
