//! Tokens and sentences for English news, following Universal Dependencies conventions.
//!
//! [`Tokenizer`] splits text into UD words (contractions such as "don't" become the
//! multiword token "do" + "n't"), keeping URLs, e-mail addresses, numbers, abbreviations
//! and emoticons whole. [`SentenceSplitter`] decides sentence ends with a small averaged
//! perceptron trained on UD English treebanks, with blank lines as hard boundaries.
//! Both are pipeline [`attache_doc::Component`]s and record byte offsets into the text.

mod lexicon;
mod sentences;
mod tokenizer;
pub mod train;

pub use sentences::{SentenceFeatures, SentenceSplitter};
pub use tokenizer::Tokenizer;
