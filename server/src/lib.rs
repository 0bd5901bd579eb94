//! The composition root: settings, database, router.
//!
//! `main.rs` parses the command line and calls in here; the integration
//! tests build the same router on a temporary database.

pub mod bench;
pub mod mail;
pub mod protect;
pub mod router;
pub mod settings;

pub use protect::Site;
pub use router::router;
pub use settings::Settings;
