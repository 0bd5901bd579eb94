//! Server functions, grouped by area.

pub mod postings;
