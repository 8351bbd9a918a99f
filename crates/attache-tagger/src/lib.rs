//! Part-of-speech tagging and lemmatization for English.
//!
//! [`Tagger`] is a greedy left-to-right averaged perceptron over rich lexical and context
//! features that predicts UPOS and Penn Treebank XPOS together (one class per pair seen in
//! training, so the two always agree). [`Lemmatizer`] looks lemmas up by form and tag and
//! falls back to suffix rules learned from the treebank.

mod lemmatizer;
mod tagger;
pub mod train;

pub use lemmatizer::Lemmatizer;
pub use tagger::{TaggedWord, Tagger, TrainingSentence};
