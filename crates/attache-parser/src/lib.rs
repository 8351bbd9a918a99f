//! Dependency parsing into Universal Dependencies relations.
//!
//! [`Parser`] is a greedy arc-hybrid transition parser (Kuhlmann et al. 2011) with the
//! root at the end of the buffer, scored by an averaged perceptron over rich features of
//! the stack, the buffer and the partial tree (after Zhang and Nivre 2011), and trained
//! with a dynamic oracle and exploration (Goldberg and Nivre 2013) so that it learns to
//! recover from its own mistakes. It always returns a tree with exactly one root;
//! non-projective sentences are parsed as the nearest projective tree.

mod features;
mod parser;
mod state;
pub mod train;

pub use parser::{ParsedWord, Parser, TrainingTree};
