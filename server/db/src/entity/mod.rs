//! sea-orm entities, one module per table.

pub mod office;
pub mod posting;
