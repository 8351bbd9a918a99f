//! Every output format of Attaché, for every front end.
//!
//! - an analysed document: [`json`] (the JSON view, docs/schema.md), [`report`] (the
//!   human-readable report), [`gdelt`] (GDELT 2.0 event rows) and CoNLL-U
//!   ([`write_conllu`]), all written by [`write_document`];
//! - what the store answers: [`stored`] (tables, JSON Lines, CSV, GDELT rows) and
//!   [`parquet`] (events as a Parquet file).

pub mod gdelt;
pub mod json;
pub mod parquet;
pub mod report;
pub mod stored;

pub use attache_conllu::write_document as write_conllu;

use attache_doc::Document;
use std::io::Write;

/// Why output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The output could not be written to.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A JSON value could not be written.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// A CSV row could not be written.
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// The Parquet file could not be written.
    #[error(transparent)]
    Parquet(#[from] ::parquet::errors::ParquetError),
    /// GDELT rows were asked of something other than events (quotations, search results, stats).
    #[error("--format gdelt is for events; {0} are table, json or csv")]
    NotEvents(&'static str),
}

/// How an analysed document is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentFormat {
    /// One JSON object on one line (docs/schema.md), with its tokens when `tokens`.
    Json {
        /// Include tokens and multiword tokens.
        tokens: bool,
    },
    /// CoNLL-U, the Universal Dependencies format.
    Conllu,
    /// The report for people; `explain` adds the rule behind each fact.
    Report {
        /// List each sentence's tokens.
        tokens: bool,
        /// Show the rule or model decision behind each fact.
        explain: bool,
    },
    /// One GDELT 2.0 event row per event the document asserts.
    Gdelt,
}

/// Writes `doc` in `format`.
pub fn write_document(out: &mut dyn Write, doc: &Document, format: DocumentFormat) -> Result<(), Error> {
    match format {
        DocumentFormat::Report { tokens, explain } => writeln!(out, "{}", report::pretty(doc, tokens, explain))?,
        DocumentFormat::Json { tokens } => {
            serde_json::to_writer(&mut *out, &json::document_json(doc, tokens))?;
            out.write_all(b"\n")?;
        }
        DocumentFormat::Conllu => {
            let mut text = String::new();
            write_conllu(doc, &mut text);
            out.write_all(text.as_bytes())?;
        }
        DocumentFormat::Gdelt => {
            // GDELT lists what happened: denied events are left out.
            for index in (0..doc.events.len()).filter(|&i| !doc.events[i].negated) {
                writeln!(out, "{}", gdelt::row(doc, index, gdelt::Reports::ONE))?;
            }
        }
    }
    Ok(())
}
