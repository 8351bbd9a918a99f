//! Actor coding.
pub mod dictionary;
