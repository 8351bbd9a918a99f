//! Turns input files into [`attache_doc::Document`]s.
//!
//! Accepted inputs: plain-text articles (optionally opening with a header line such as
//! ` date 2023-03-02 By Jane Doe and John Roe, CNN`), JSON Lines with one article a line
//! (`{"id", "text", "date"?, "title"?, "source"?, "byline"?}`), HTML pages (article text
//! and metadata, boilerplate removed: [`web`]), WARC archives of crawled pages (`.warc`,
//! `.warc.gz`), directories of such files
//! (read recursively in name order), and `-` for standard input. A dateline opening the
//! body ("WASHINGTON (Reuters) -", "Friday, July 21, 2017") is recognised.
//!
//! Problems never stop the run: each bad document or line is reported as an
//! [`IngestError`] naming the file and line, and reading goes on.

mod decode;
mod header;
mod reader;
pub mod web;

pub use header::{parse_dateline, parse_header, Header};
pub use reader::{read_body, read_inputs, read_inputs_with, BodyKind, Item, ReadOptions, DEFAULT_MAX_DOCUMENT_BYTES};

/// A problem with one input, document or line.
#[derive(Debug, thiserror::Error)]
#[error("{location}: {message}")]
pub struct IngestError {
    /// Where: `path`, `path:line` or `path:line:column`.
    pub location: String,
    /// What is wrong and what happened to the document.
    pub message: String,
}

impl IngestError {
    fn new(location: impl Into<String>, message: impl Into<String>) -> IngestError {
        IngestError { location: location.into(), message: message.into() }
    }
}
