//! One module per page.

pub mod home;
pub mod jobs;
pub mod not_found;
