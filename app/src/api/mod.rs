//! Server functions, grouped by area.

pub mod account;
pub mod postings;
